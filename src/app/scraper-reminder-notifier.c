/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-application"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-reminder-notifier.h"
#include "store/scraper-store-applications.h"

/* The notifier sleeps until the next reminder is due.  It also looks at
 * least this often, for reminders another process (the command line)
 * added and for a clock that jumped (suspend stops the monotonic clock
 * timers run on): one indexed query every quarter of an hour. */
#define MAX_SLEEP_S (15 * 60)

struct _ScraperReminderNotifier
{
  GObject            parent_instance;

  GApplication      *application;   /* unowned: it owns us */
  ScraperStore      *store;
  GHashTable        *notified;      /* reminder ids notified in this run */
  guint              timeout_id;
  guint              sleep_s;       /* of the armed timer */
  ScraperNotifySend  send;
  gpointer           send_data;
};

G_DEFINE_FINAL_TYPE (ScraperReminderNotifier, scraper_reminder_notifier, G_TYPE_OBJECT)

static char *
notification_id (gint64 reminder_id)
{
  return g_strdup_printf ("reminder-%" G_GINT64_FORMAT, reminder_id);
}

static GNotification *
make_notification (const ScraperReminder *r)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;

  title = r->company != NULL
    /* Translators: a reminder's notification: the job's title and company */
    ? g_strdup_printf (_("%s at %s"), r->title != NULL ? r->title : _("A job"), r->company)
    : g_strdup (r->title != NULL ? r->title : _("A job"));
  body = r->note != NULL ? g_strdup (r->note) : g_strdup (_("You asked to be reminded of this job."));

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.show-posting", "x", r->posting_id);
  g_notification_add_button_with_target (notification, _("Open"), "app.show-posting", "x", r->posting_id);
  g_notification_add_button_with_target (notification, _("Done"), "app.reminder-done", "x", r->id);
  return notification;
}

static gboolean on_timeout (gpointer user_data);

/* Seconds until the first reminder not done and not yet notified is due,
 * at most MAX_SLEEP_S, at least 1. */
static guint
next_sleep (ScraperReminderNotifier *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 sleep_s = MAX_SLEEP_S;

  all = scraper_store_list_reminders (self->store, FALSE, NULL, &error);
  if (all == NULL)
    {
      g_warning ("Could not read the reminders: %s", error->message);
      return MAX_SLEEP_S;
    }
  for (guint i = 0; i < all->len; i++)
    {
      const ScraperReminder *r = g_ptr_array_index (all, i);
      gint64 in_s;

      if (r->done || g_hash_table_contains (self->notified, &r->id))
        continue;
      /* Rounded up: woken a second late rather than a moment early. */
      in_s = (g_date_time_difference (r->at, now) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
      sleep_s = MIN (sleep_s, MAX (in_s, 1));
    }
  return (guint) sleep_s;
}

static void
reschedule (ScraperReminderNotifier *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->sleep_s = next_sleep (self);
  self->timeout_id = g_timeout_add_seconds (self->sleep_s, on_timeout, self);
}

guint
scraper_reminder_notifier_get_sleep (ScraperReminderNotifier *self)
{
  g_return_val_if_fail (SCRAPER_IS_REMINDER_NOTIFIER (self), 0);
  return self->timeout_id != 0 ? self->sleep_s : 0;
}

void
scraper_reminder_notifier_reschedule (ScraperReminderNotifier *self)
{
  g_return_if_fail (SCRAPER_IS_REMINDER_NOTIFIER (self));
  reschedule (self);
}

guint
scraper_reminder_notifier_check (ScraperReminderNotifier *self,
                                 GDateTime               *now)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (SCRAPER_IS_REMINDER_NOTIFIER (self), 0);

  due = scraper_store_list_reminders (self->store, TRUE, now, &error);
  if (due == NULL)
    {
      g_warning ("Could not read the reminders: %s", error->message);
      return 0;
    }

  for (guint i = 0; i < due->len; i++)
    {
      const ScraperReminder *r = g_ptr_array_index (due, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;

      if (g_hash_table_contains (self->notified, &r->id))
        continue;
      g_hash_table_add (self->notified, g_memdup2 (&r->id, sizeof r->id));
      notification = make_notification (r);
      id = notification_id (r->id);
      if (self->send != NULL)
        self->send (id, notification, self->send_data);
      else
        g_application_send_notification (self->application, id, notification);
      n++;
    }
  return n;
}

gboolean
scraper_reminder_notifier_done (ScraperReminderNotifier  *self,
                                gint64                    reminder_id,
                                GError                  **error)
{
  g_autofree char *id = notification_id (reminder_id);

  g_return_val_if_fail (SCRAPER_IS_REMINDER_NOTIFIER (self), FALSE);

  if (!scraper_store_set_reminder_done (self->store, reminder_id, TRUE, error))
    return FALSE;
  if (self->send == NULL)
    g_application_withdraw_notification (self->application, id);
  return TRUE;
}

void
scraper_reminder_notifier_set_send_func (ScraperReminderNotifier *self,
                                         ScraperNotifySend        send,
                                         gpointer                 user_data)
{
  g_return_if_fail (SCRAPER_IS_REMINDER_NOTIFIER (self));
  self->send = send;
  self->send_data = user_data;
}

static gboolean
on_timeout (gpointer user_data)
{
  ScraperReminderNotifier *self = user_data;

  self->timeout_id = 0;
  scraper_reminder_notifier_check (self, NULL);
  reschedule (self);
  return G_SOURCE_REMOVE;
}

static void
scraper_reminder_notifier_dispose (GObject *object)
{
  ScraperReminderNotifier *self = SCRAPER_REMINDER_NOTIFIER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (scraper_reminder_notifier_parent_class)->dispose (object);
}

static void
scraper_reminder_notifier_finalize (GObject *object)
{
  ScraperReminderNotifier *self = SCRAPER_REMINDER_NOTIFIER (object);

  g_clear_pointer (&self->notified, g_hash_table_unref);
  G_OBJECT_CLASS (scraper_reminder_notifier_parent_class)->finalize (object);
}

static void
scraper_reminder_notifier_class_init (ScraperReminderNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scraper_reminder_notifier_dispose;
  object_class->finalize = scraper_reminder_notifier_finalize;
}

static void
scraper_reminder_notifier_init (ScraperReminderNotifier *self)
{
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

ScraperReminderNotifier *
scraper_reminder_notifier_new (GApplication *application,
                               ScraperStore *store)
{
  ScraperReminderNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);

  self = g_object_new (SCRAPER_TYPE_REMINDER_NOTIFIER, NULL);
  self->application = application;
  self->store = g_object_ref (store);
  reschedule (self);
  return self;
}
