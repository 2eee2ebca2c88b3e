/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "scraper-posting-history.h"
#include "store/scraper-store-applications.h"

struct _ScraperPostingHistory
{
  GtkBox      parent_instance;

  GtkWidget  *facts;      /* GtkBox of labels */
  GtkWidget  *timeline;   /* GtkBox of labels */
  GtkWidget  *timeline_heading;
  guint       serial;     /* of the newest read asked for */
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (ScraperPostingHistory, scraper_posting_history, GTK_TYPE_BOX)

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
add_line (GtkWidget  *box,
          const char *text,
          gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
}

static char *
format_day (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_seconds);

  return time != NULL ? g_date_time_format (time, "%x") : g_strdup ("");
}

/* A previous salary, kept as {min, max, currency, period}. */
static char *
format_old_salary (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  double min, max;
  const char *currency;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  min = json_object_get_null_member (o, "min") ? -1 : json_object_get_double_member_with_default (o, "min", -1);
  max = json_object_get_null_member (o, "max") ? -1 : json_object_get_double_member_with_default (o, "max", -1);
  currency = json_object_get_null_member (o, "currency") ? "" : json_object_get_string_member_with_default (o, "currency", "");
  if (min >= 0 && max >= 0 && min != max)
    return g_strdup_printf ("%.0f–%.0f %s", min, max, currency);
  return g_strdup_printf ("%.0f %s", MAX (min, max), currency);
}

/* The posting's changes, stage events and contacts are read on the
 * store's thread; a read for a posting no longer shown is dropped. */
typedef struct {
  ScraperPostingHistory *self;     /* strong; released on the main thread */
  guint                  serial;
  gint64                 posting_id;
  GPtrArray             *changes;
  GPtrArray             *events;
  GPtrArray             *contacts;
} HistoryRead;

static void
history_read_free (HistoryRead *read)
{
  g_object_unref (read->self);
  g_clear_pointer (&read->changes, g_ptr_array_unref);
  g_clear_pointer (&read->events, g_ptr_array_unref);
  g_clear_pointer (&read->contacts, g_ptr_array_unref);
  g_free (read);
}

static gboolean
read_in_store (ScraperStore  *store,
               gpointer       data,
               GError       **error)
{
  HistoryRead *read = data;

  read->changes = scraper_store_list_field_changes (store, read->posting_id, NULL);
  read->events = scraper_store_list_stage_events (store, read->posting_id, NULL);
  read->contacts = scraper_store_list_contacts (store, read->posting_id, NULL);
  return TRUE;
}

static void
show_lists (ScraperPostingHistory *self,
            GPtrArray             *changes,
            GPtrArray             *events,
            GPtrArray             *contacts)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const ScraperFieldChange *c = g_ptr_array_index (changes, i);
      g_autofree char *day = format_day (c->changed);
      g_autofree char *text = NULL;

      if (g_str_equal (c->field, "title"))
        text = g_strdup_printf (_("Was titled “%s” until %s"), c->old_value, day);
      else
        {
          g_autofree char *salary = format_old_salary (c->old_value);

          if (salary != NULL)
            text = g_strdup_printf (_("Paid %s until %s"), salary, day);
        }
      if (text != NULL)
        add_line (self->facts, text, TRUE);
    }

  /* Stage events, oldest first */
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const ScraperStageEvent *e = g_ptr_array_index (events, i);
      g_autofree char *when = g_date_time_format (e->at, "%x %H:%M");
      g_autofree char *text = NULL;

      /* Translators: a stage event: when, the old status, the new one */
      text = g_strdup_printf (_("%s: %s → %s"), when, scraper_posting_status_get_label (e->from),
                              scraper_posting_status_get_label (e->to));
      if (e->note != NULL)
        {
          g_autofree char *with_note = g_strdup_printf ("%s — %s", text, e->note);
          g_free (text);
          text = g_steal_pointer (&with_note);
        }
      add_line (self->timeline, text, FALSE);
    }

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      g_autofree char *one = scraper_contact_to_string (g_ptr_array_index (contacts, i));
      g_autofree char *text = g_strdup_printf (_("Contact: %s"), one);

      add_line (self->timeline, text, FALSE);
    }

  gtk_widget_set_visible (self->timeline_heading, gtk_widget_get_first_child (self->timeline) != NULL);
}

static void
history_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HistoryRead *read = user_data;
  ScraperPostingHistory *self = read->self;

  scraper_store_write_finish (SCRAPER_STORE (object), result, NULL);
  if (read->serial == self->serial)
    {
      self->loading = FALSE;
      show_lists (self, read->changes, read->events, read->contacts);
    }
  history_read_free (read);
}

/* Clears what was shown, and shows @posting's lifecycle facts (they come
 * with the posting); FALSE when there is no posting to show. */
static gboolean
begin_posting (ScraperPostingHistory *self,
               const ScraperPosting  *posting)
{
  self->serial++;
  self->loading = FALSE;
  clear_box (self->facts);
  clear_box (self->timeline);
  gtk_widget_set_visible (self->timeline_heading, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), posting != NULL);
  if (posting == NULL)
    return FALSE;

  /* Lifecycle facts */
  if (posting->first_seen > 0)
    {
      gint64 days = posting->last_seen > posting->first_seen ? (posting->last_seen - posting->first_seen) / 86400 : 0;
      g_autofree char *last = format_day (posting->last_seen > 0 ? posting->last_seen : posting->first_seen);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Open for %d day, last seen %s",
                                                            "Open for %d days, last seen %s", (gulong) days),
                                               (int) days, last);
      add_line (self->facts, text, TRUE);
    }
  return TRUE;
}

void
scraper_posting_history_show (ScraperPostingHistory *self,
                              const ScraperPosting  *posting,
                              GPtrArray             *changes,
                              GPtrArray             *events,
                              GPtrArray             *contacts)
{
  g_return_if_fail (SCRAPER_IS_POSTING_HISTORY (self));

  if (begin_posting (self, posting))
    show_lists (self, changes, events, contacts);
}

void
scraper_posting_history_set_posting (ScraperPostingHistory *self,
                                     ScraperStore          *store,
                                     const ScraperPosting  *posting)
{
  HistoryRead *read;

  g_return_if_fail (SCRAPER_IS_POSTING_HISTORY (self));

  if (!begin_posting (self, store != NULL ? posting : NULL))
    return;

  read = g_new0 (HistoryRead, 1);
  read->self = g_object_ref (self);
  read->serial = self->serial;
  read->posting_id = posting->id;
  self->loading = TRUE;
  scraper_store_write_async (store, read_in_store, read, NULL, NULL, history_read_cb, read);
}

gboolean
scraper_posting_history_get_loading (ScraperPostingHistory *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_HISTORY (self), FALSE);
  return self->loading;
}

char *
scraper_posting_history_dup_text (ScraperPostingHistory *self)
{
  GString *out = g_string_new (NULL);
  GtkWidget *boxes[] = { self->facts, self->timeline };

  for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
    for (GtkWidget *child = gtk_widget_get_first_child (boxes[b]); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (out, FALSE);
}

static void
scraper_posting_history_dispose (GObject *object)
{
  ScraperPostingHistory *self = SCRAPER_POSTING_HISTORY (object);

  /* A read still under way finds a newer serial and shows nothing. */
  self->serial++;
  self->loading = FALSE;

  G_OBJECT_CLASS (scraper_posting_history_parent_class)->dispose (object);
}

static void
scraper_posting_history_class_init (ScraperPostingHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = scraper_posting_history_dispose;
}

static void
scraper_posting_history_init (ScraperPostingHistory *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->facts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (self), self->facts);

  self->timeline_heading = gtk_label_new (_("History"));
  gtk_label_set_xalign (GTK_LABEL (self->timeline_heading), 0);
  gtk_widget_add_css_class (self->timeline_heading, "heading");
  gtk_box_append (GTK_BOX (self), self->timeline_heading);

  self->timeline = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("History"), -1);
  gtk_box_append (GTK_BOX (self), self->timeline);
}

GtkWidget *
scraper_posting_history_new (void)
{
  return g_object_new (SCRAPER_TYPE_POSTING_HISTORY, NULL);
}
