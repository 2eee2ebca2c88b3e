/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reminders raise notifications: each due reminder once, with "Open" and
 * "Done"; "Done" marks it done.  The notifications are caught before they
 * reach the desktop (no session bus needed). */
#include "config.h"

#include <glib/gstdio.h>

#include "app/scraper-reminder-notifier.h"
#include "store/scraper-store-applications.h"

typedef struct {
  GPtrArray *ids;
  GPtrArray *notifications;
} Sent;

static void
on_send (const char    *id,
         GNotification *notification,
         gpointer       user_data)
{
  Sent *sent = user_data;

  g_ptr_array_add (sent->ids, g_strdup (id));
  g_ptr_array_add (sent->notifications, g_object_ref (notification));
}

static gint64
add_posting (ScraperStore *store)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperPosting *p = scraper_posting_new ();
  ScraperSync *sync;
  gint64 source_id;

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup ("Acme");
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  p->external_id = g_strdup ("1");
  p->url = g_strdup ("https://jobs.example.com/1");
  p->title = g_strdup ("Backend Engineer");
  p->company = g_strdup ("Acme");
  g_ptr_array_add (postings, p);
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  return p->id;
}

static void
test_due_reminders_notify_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-reminders-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "jobs.db", NULL);
  g_autoptr(ScraperStore) store = scraper_store_open (db, &error);
  g_autoptr(GApplication) app = g_application_new ("com.example.JobScraper.Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(ScraperReminderNotifier) notifier = NULL;
  g_autoptr(GDateTime) past = g_date_time_new_from_iso8601 ("2026-01-20T09:00:00+01:00", NULL);
  g_autoptr(GDateTime) later = g_date_time_new_from_iso8601 ("2026-03-01T09:00:00Z", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-02-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) after = g_date_time_new_from_iso8601 ("2026-03-02T00:00:00Z", NULL);
  Sent sent = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_object_unref) };
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *expected = NULL;
  gint64 posting, first, second;

  g_assert_no_error (error);
  posting = add_posting (store);
  first = scraper_store_add_reminder (store, posting, past, "Call back", &error);
  second = scraper_store_add_reminder (store, posting, later, NULL, &error);
  g_assert_no_error (error);

  notifier = scraper_reminder_notifier_new (app, store);
  scraper_reminder_notifier_set_send_func (notifier, on_send, &sent);

  /* the one that is due, once */
  g_assert_cmpuint (scraper_reminder_notifier_check (notifier, now), ==, 1);
  g_assert_cmpuint (scraper_reminder_notifier_check (notifier, now), ==, 0);
  g_assert_cmpuint (sent.ids->len, ==, 1);
  expected = g_strdup_printf ("reminder-%" G_GINT64_FORMAT, first);
  g_assert_cmpstr (sent.ids->pdata[0], ==, expected);

  /* "Done": no longer due */
  g_assert_true (scraper_reminder_notifier_done (notifier, first, &error));
  g_assert_no_error (error);
  due = scraper_store_list_reminders (store, TRUE, now, &error);
  g_assert_cmpuint (due->len, ==, 0);

  /* the later one when its time comes */
  g_assert_cmpuint (scraper_reminder_notifier_check (notifier, after), ==, 1);
  g_assert_cmpuint (sent.ids->len, ==, 2);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("reminder-%" G_GINT64_FORMAT, second);
  g_assert_cmpstr (sent.ids->pdata[1], ==, expected);

  g_assert_false (scraper_reminder_notifier_done (notifier, second + 100, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);

  g_ptr_array_unref (sent.ids);
  g_ptr_array_unref (sent.notifications);
  g_clear_object (&notifier);
  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reminders/due-reminders-notify-once-and-done", test_due_reminders_notify_once);
  return g_test_run ();
}
