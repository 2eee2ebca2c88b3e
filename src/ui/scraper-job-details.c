/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-job-details"

#include "config.h"

#include <glib/gi18n.h>

#include "model/scraper-untrusted.h"
#include "scraper-job-details.h"
#include "scraper-posting-history.h"
#include "scraper-posting-row.h"

#define NOTES_DEBOUNCE_MS 700

struct _ScraperJobDetails
{
  GtkBox                parent_instance;

  ScraperContext       *context;
  ScraperPostingObject *current;     /* the posting shown */
  guint                 notes_save_id;
  gboolean              loading_details;

  /* Template widgets */
  GtkLabel             *detail_title;
  GtkLabel             *detail_meta;
  GtkDropDown          *detail_status;
  GtkTextView          *notes_view;
  ScraperPostingHistory *history;    /* lifecycle facts and stage events, under the notes */
  GtkLabel             *detail_description;
};

G_DEFINE_FINAL_TYPE (ScraperJobDetails, scraper_job_details, GTK_TYPE_BOX)

enum {
  SIGNAL_ERROR,
  SIGNAL_STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_error (ScraperJobDetails *self,
            const char        *what,
            const GError      *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, what, error);
}

static gboolean
is_current (ScraperJobDetails *self,
            gint64             id)
{
  return self->current != NULL && scraper_posting_object_get_id (self->current) == id;
}

/* A write in flight: the pane shows the change at once and takes it back
 * when the store refuses it. */
typedef struct
{
  ScraperJobDetails *self;
  gint64             id;
  gint               old_value;
  gint               new_value;
  char              *old_notes;
} PendingWrite;

static PendingWrite *
pending_write_new (ScraperJobDetails *self,
                   gint64             id,
                   gint               old_value,
                   gint               new_value)
{
  PendingWrite *pw = g_new0 (PendingWrite, 1);

  pw->self = g_object_ref (self);
  pw->id = id;
  pw->old_value = old_value;
  pw->new_value = new_value;
  return pw;
}

static void
pending_write_free (PendingWrite *pw)
{
  g_object_unref (pw->self);
  g_free (pw->old_notes);
  g_free (pw);
}

/* Notes */

static void
notes_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PendingWrite *pw = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    {
      ScraperJobDetails *self = pw->self;

      /* What is stored stays what it was; the text the user typed stays in
       * the editor, so nothing is lost. */
      if (is_current (self, pw->id))
        {
          ScraperPosting *posting = scraper_posting_object_get_posting (self->current);

          g_free (posting->notes);
          posting->notes = g_steal_pointer (&pw->old_notes);
        }
      emit_error (self, _("Could not save the notes"), error);
    }
  pending_write_free (pw);
}

void
scraper_job_details_save_notes (ScraperJobDetails *self)
{
  PendingWrite *pw;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  ScraperPosting *posting;

  g_return_if_fail (SCRAPER_IS_JOB_DETAILS (self));

  g_clear_handle_id (&self->notes_save_id, g_source_remove);
  if (self->current == NULL || self->context == NULL || self->notes_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  posting = scraper_posting_object_get_posting (self->current);
  if (g_strcmp0 (text, posting->notes != NULL ? posting->notes : "") == 0)
    return;

  pw = pending_write_new (self, posting->id, 0, 0);
  pw->old_notes = g_steal_pointer (&posting->notes);
  posting->notes = g_strdup (text);
  scraper_store_set_notes_async (scraper_context_get_store (self->context), posting->id, text,
                                 notes_written_cb, pw);
}

static gboolean
save_notes_cb (gpointer user_data)
{
  ScraperJobDetails *self = user_data;

  self->notes_save_id = 0;
  scraper_job_details_save_notes (self);
  return G_SOURCE_REMOVE;
}

static void
on_notes_changed (ScraperJobDetails *self,
                  GtkTextBuffer     *buffer)
{
  if (self->loading_details)
    return;
  g_clear_handle_id (&self->notes_save_id, g_source_remove);
  self->notes_save_id = g_timeout_add (NOTES_DEBOUNCE_MS, save_notes_cb, self);
}

/* Status */

static void
apply_status (ScraperJobDetails    *self,
              gint64                id,
              ScraperPostingStatus  status)
{
  if (is_current (self, id))
    {
      scraper_posting_object_set_status (self->current, status);
      if (gtk_drop_down_get_selected (self->detail_status) != (guint) status)
        {
          gboolean loading = self->loading_details;

          self->loading_details = TRUE;
          gtk_drop_down_set_selected (self->detail_status, status);
          self->loading_details = loading;
        }
    }
  g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0, id, (gint) status);
}

static void
status_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PendingWrite *pw = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    {
      apply_status (pw->self, pw->id, pw->old_value);
      emit_error (pw->self, _("Could not change the status"), error);
    }
  else if (is_current (pw->self, pw->id))
    /* The stage event the change recorded joins the timeline. */
    scraper_posting_history_set_posting (pw->self->history, scraper_context_get_store (pw->self->context),
                                         scraper_posting_object_get_posting (pw->self->current));
  pending_write_free (pw);
}

static void
on_detail_status_selected (ScraperJobDetails *self)
{
  guint selected = gtk_drop_down_get_selected (self->detail_status);
  ScraperPostingStatus old_status;
  gint64 id;

  if (self->loading_details || self->current == NULL || self->context == NULL ||
      selected == GTK_INVALID_LIST_POSITION ||
      selected == (guint) scraper_posting_object_get_status (self->current))
    return;

  id = scraper_posting_object_get_id (self->current);
  old_status = scraper_posting_object_get_status (self->current);
  apply_status (self, id, selected);
  scraper_store_set_status_async (scraper_context_get_store (self->context), id, selected,
                                  status_written_cb, pending_write_new (self, id, old_status, selected));
}

/* Showing a posting */

void
scraper_job_details_show (ScraperJobDetails    *self,
                          ScraperPostingObject *item)
{
  ScraperPosting *posting;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *location = NULL;
  g_autofree char *salary = NULL;
  g_autofree char *posted = NULL;
  const char *company;

  g_return_if_fail (SCRAPER_IS_JOB_DETAILS (self));
  g_return_if_fail (SCRAPER_IS_POSTING_OBJECT (item));

  posting = scraper_posting_object_get_posting (item);
  location = scraper_format_locations (posting);
  salary = scraper_format_salary (posting);
  posted = scraper_format_posted (posting);
  company = posting->company != NULL ? posting->company : posting->source_name;

  scraper_job_details_save_notes (self);
  g_set_object (&self->current, item);
  self->loading_details = TRUE;

  {
    const char *parts[] = { company, location, salary, posted };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i] != NULL && *parts[i] != '\0')
        g_string_append_printf (meta, "%s%s", meta->len > 0 ? "\n" : "", parts[i]);
  }

  gtk_label_set_label (self->detail_title, posting->title != NULL ? posting->title : "");
  gtk_label_set_label (self->detail_meta, meta->str);
  gtk_drop_down_set_selected (self->detail_status, posting->status);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            posting->notes != NULL ? posting->notes : "", -1);

  /* description_markup is sanitized Pango markup; plain text otherwise,
   * and when it does not parse (a database written by an older version):
   * a label keeps its previous text when given markup it cannot read. */
  if (posting->description_markup != NULL && *posting->description_markup != '\0' &&
      pango_parse_markup (posting->description_markup, -1, 0, NULL, NULL, NULL, NULL))
    gtk_label_set_markup (self->detail_description, posting->description_markup);
  else
    gtk_label_set_text (self->detail_description,
                        posting->description_text != NULL ? posting->description_text : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.open-in-browser",
                                 scraper_url_is_web (posting->url) || scraper_url_is_web (posting->apply_url));
  scraper_posting_history_set_posting (self->history,
                                       self->context != NULL ? scraper_context_get_store (self->context) : NULL,
                                       posting);
  self->loading_details = FALSE;
}

ScraperPostingObject *
scraper_job_details_get_item (ScraperJobDetails *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOB_DETAILS (self), NULL);
  return self->current;
}

void
scraper_job_details_set_context (ScraperJobDetails *self,
                                 ScraperContext    *context)
{
  g_return_if_fail (SCRAPER_IS_JOB_DETAILS (self));
  g_set_object (&self->context, context);
}

/* Open in Browser */

#if GTK_CHECK_VERSION (4, 10, 0)
/* Newer than GDK_VERSION_MAX_ALLOWED: said so to the compiler. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_launched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the posting: %s", error->message);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ScraperPosting *posting;
  const char *url;

  if (self->current == NULL)
    return;
  posting = scraper_posting_object_get_posting (self->current);
  /* Only web links are opened, whatever an older database holds. */
  url = scraper_url_is_web (posting->url) ? posting->url : posting->apply_url;
  if (!scraper_url_is_web (url))
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (url);

    gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             NULL, on_launched, NULL);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
#endif
}

/* GObject */

GtkWidget *
scraper_job_details_new (void)
{
  return g_object_new (SCRAPER_TYPE_JOB_DETAILS, NULL);
}

static void
scraper_job_details_dispose (GObject *object)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (object);

  scraper_job_details_save_notes (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_JOB_DETAILS);
  self->notes_view = NULL;
  g_clear_object (&self->current);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (scraper_job_details_parent_class)->dispose (object);
}

static void
scraper_job_details_class_init (ScraperJobDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_job_details_dispose;

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
  signals[SIGNAL_STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-job-details.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_title);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_meta);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_status);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_description);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_status_selected);

  gtk_widget_class_install_action (widget_class, "details.open-in-browser", NULL, open_in_browser_action);
}

static void
scraper_job_details_init (ScraperJobDetails *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < SCRAPER_N_STATUSES; i++)
    gtk_string_list_append (statuses, scraper_posting_status_get_label (i));
  gtk_drop_down_set_model (self->detail_status, G_LIST_MODEL (statuses));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
  /* The history goes right under the frame of the notes. */
  {
    GtkWidget *frame = gtk_widget_get_parent (GTK_WIDGET (self->notes_view));

    self->history = SCRAPER_POSTING_HISTORY (scraper_posting_history_new ());
    gtk_widget_set_visible (GTK_WIDGET (self->history), FALSE);
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (frame)), GTK_WIDGET (self->history), frame);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.open-in-browser", FALSE);
}
