/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-job-details"

#include "config.h"

#include <glib/gi18n.h>

#include "model/scraper-untrusted.h"
#include "store/scraper-store-applications.h"
#include "scraper-button.h"
#include "scraper-job-details.h"
#include "scraper-job-details-private.h"
#include "scraper-job-facts.h"
#include "scraper-pending-write.h"
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
  gboolean              folded;
  GCancellable         *read_cancellable; /* the read of the history in flight */
  GPtrArray            *contacts;    /* ScraperContact shown; id 0 while being added */
  ScraperReminder      *reminder;    /* the next one not done, or NULL */
  GtkWidget            *dialog;      /* the dialog open, for tests */

  /* Template widgets */
  GtkWidget            *back_button;
  GtkWidget            *close_button;
  GtkLabel             *detail_title;
  ScraperChipBox       *facts;
  GtkToggleButton      *star_button;
  GtkDropDown          *detail_status;
  GtkWidget            *reminder_box;
  GtkLabel             *reminder_label;
  GtkListBox           *contacts_list;
  GtkTextView          *notes_view;
  ScraperPostingHistory *history;    /* lifecycle facts and stage events, under the notes */
  GtkLabel             *detail_description;
};

G_DEFINE_FINAL_TYPE (ScraperJobDetails, scraper_job_details, GTK_TYPE_BOX)

enum {
  SIGNAL_ERROR,
  SIGNAL_STATUS_CHANGED,
  SIGNAL_TOAST,
  SIGNAL_POSTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_extras (ScraperJobDetails *self);

static void
emit_error (ScraperJobDetails *self,
            const char        *what,
            const GError      *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, what, error);
}

void
scraper_job_details_toast (ScraperJobDetails *self,
                           AdwToast          *toast)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
  g_object_unref (toast);
}

void
scraper_job_details_error (ScraperJobDetails *self,
                           const char        *what,
                           const GError      *error)
{
  emit_error (self, what, error);
}

void
scraper_job_details_postings_changed (ScraperJobDetails *self)
{
  g_signal_emit (self, signals[SIGNAL_POSTINGS_CHANGED], 0);
}

ScraperStore *
scraper_job_details_get_store (ScraperJobDetails *self)
{
  return self->context != NULL ? scraper_context_get_store (self->context) : NULL;
}

static gboolean
is_current (ScraperJobDetails *self,
            gint64             id)
{
  return self->current != NULL && scraper_posting_object_get_id (self->current) == id;
}

/* A write in flight (scraper-pending-write.c): the pane shows the change
 * at once and takes it back when the store refuses it. */
static void
report_write (gpointer      self,
              const char   *what,
              const GError *error)
{
  emit_error (self, what, error);
}

/* Notes */

static void
revert_notes (ScraperPendingWrite *pw)
{
  ScraperJobDetails *self = pw->owner;

  /* What is stored stays what it was; the text the user typed stays in
   * the editor, so nothing is lost. */
  if (is_current (self, pw->id))
    {
      ScraperPosting *posting = scraper_posting_object_get_posting (self->current);

      g_free (posting->notes);
      posting->notes = g_steal_pointer (&pw->old_text);
    }
}

static const ScraperPendingWriteFuncs notes_write = { revert_notes, report_write, NULL };

void
scraper_job_details_save_notes (ScraperJobDetails *self)
{
  ScraperPendingWrite *pw;
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

  pw = scraper_pending_write_new (self, &notes_write, _("Could not save the notes"), posting->id, 0, 0);
  pw->old_text = g_steal_pointer (&posting->notes);
  posting->notes = g_strdup (text);
  scraper_store_set_notes_async (scraper_context_get_store (self->context), posting->id, text,
                                 scraper_pending_write_done, pw);
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
revert_status (ScraperPendingWrite *pw)
{
  apply_status (pw->owner, pw->id, pw->old_value);
}

static void
status_written (ScraperPendingWrite *pw)
{
  /* The stage event the change recorded joins the timeline. */
  if (is_current (pw->owner, pw->id))
    read_extras (pw->owner);
}

static const ScraperPendingWriteFuncs status_write = { revert_status, report_write, status_written };

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
                                  scraper_pending_write_done,
                                  scraper_pending_write_new (self, &status_write, _("Could not change the status"),
                                                             id, old_status, selected));
}

GStrv
scraper_job_details_dup_facts (ScraperJobDetails *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOB_DETAILS (self), NULL);
  return scraper_job_facts_dup (self->facts);
}

/* Star */

static void
update_star (ScraperJobDetails *self)
{
  gboolean favorite = self->current != NULL && scraper_posting_object_get_favorite (self->current);

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button), favorite ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), favorite ? _("Unstar") : _("Star"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  favorite ? _("Unstar") : _("Star"), -1);
  if (gtk_toggle_button_get_active (self->star_button) != favorite)
    gtk_toggle_button_set_active (self->star_button, favorite);
}

static void
on_star_toggled (ScraperJobDetails *self,
                 GtkToggleButton   *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  if (self->current == NULL || active == scraper_posting_object_get_favorite (self->current))
    return;
  /* The view's action: the row and the store follow, and a refused write
   * comes back here through the item's "favorite". */
  gtk_widget_activate_action (GTK_WIDGET (self), "jobs.star", "(xb)",
                              scraper_posting_object_get_id (self->current), active);
  update_star (self);
}

/* Contacts */

static void
edit_contact_clicked (GtkButton         *button,
                      ScraperJobDetails *self)
{
  const ScraperContact *contact = g_object_get_data (G_OBJECT (button), "scraper-contact");

  if (contact != NULL)
    scraper_job_details_edit_contact (self, contact);
}

static void
remove_contact_clicked (GtkButton         *button,
                        ScraperJobDetails *self)
{
  const ScraperContact *contact = g_object_get_data (G_OBJECT (button), "scraper-contact");

  if (contact != NULL)
    scraper_job_details_remove_contact (self, contact->id);
}

static GtkWidget *
contact_button (ScraperJobDetails    *self,
                const char           *icon_name,
                const char           *label,
                const ScraperContact *contact,
                GCallback             callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* A contact being added has no id yet. */
  gtk_widget_set_sensitive (button, contact->id > 0);
  g_object_set_data (G_OBJECT (button), "scraper-contact", (gpointer) contact);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

void
scraper_job_details_show_contacts (ScraperJobDetails *self,
                                   GPtrArray         *contacts)
{
  GtkWidget *child;

  if (contacts != self->contacts)
    {
      g_clear_pointer (&self->contacts, g_ptr_array_unref);
      self->contacts = contacts != NULL ? g_ptr_array_ref (contacts) : NULL;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->contacts_list))) != NULL)
    gtk_list_box_remove (self->contacts_list, child);

  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    {
      const ScraperContact *c = g_ptr_array_index (self->contacts, i);
      g_autofree char *name = scraper_text_printable (c->name != NULL ? c->name : (c->email != NULL ? c->email : c->link), FALSE);
      g_autoptr(GString) sub = g_string_new (NULL);
      const char *parts[] = { c->role, c->email, c->link, c->notes };
      GtkWidget *row = adw_action_row_new ();

      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        if (parts[k] != NULL && *parts[k] != '\0')
          {
            g_autofree char *clean = scraper_text_printable (parts[k], FALSE);

            g_string_append_printf (sub, "%s%s", sub->len > 0 ? "\n" : "", clean);
          }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub->str);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 contact_button (self, "document-edit-symbolic", _("Edit Contact"), c,
                                                 G_CALLBACK (edit_contact_clicked)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 contact_button (self, "user-trash-symbolic", _("Remove Contact"), c,
                                                 G_CALLBACK (remove_contact_clicked)));
      gtk_list_box_append (self->contacts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_list), self->contacts != NULL && self->contacts->len > 0);
}

GPtrArray *
scraper_job_details_get_contacts (ScraperJobDetails *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOB_DETAILS (self), NULL);
  return self->contacts;
}

/* Reminder */

void
scraper_job_details_show_reminder (ScraperJobDetails *self,
                                   ScraperReminder   *reminder)
{
  g_clear_pointer (&self->reminder, scraper_reminder_free);
  self->reminder = reminder;
  gtk_widget_set_visible (self->reminder_box, reminder != NULL);
  if (reminder != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (reminder->at);
      /* Translators: a date, see g_date_time_format() */
      g_autofree char *day = g_date_time_format (local, _("%-d %B %Y"));
      g_autofree char *hour = g_date_time_format (local, "%H:%M");
      g_autofree char *when = g_strdup_printf ("%s %s", day, hour);
      g_autofree char *note = scraper_text_printable (reminder->note, FALSE);
      g_autofree char *text = note != NULL && *note != '\0'
        /* Translators: the next reminder of a posting: when, and its note */
        ? g_strdup_printf (_("Reminder %s: %s"), when, note)
        /* Translators: the next reminder of a posting, and when */
        : g_strdup_printf (_("Reminder %s"), when);

      gtk_label_set_label (self->reminder_label, text);
      gtk_widget_set_sensitive (self->reminder_box, reminder->id > 0);
    }
}

const ScraperReminder *
scraper_job_details_get_reminder (ScraperJobDetails *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOB_DETAILS (self), NULL);
  return self->reminder;
}

static void
on_reminder_done (ScraperJobDetails *self)
{
  if (self->reminder != NULL && self->reminder->id > 0)
    scraper_job_details_reminder_done (self, self->reminder->id);
}

/* The history, contacts and next reminder are read on the store's thread,
 * never on the main thread. */
typedef struct {
  ScraperStore *store;
  gint64        posting_id;
  GPtrArray    *changes;
  GPtrArray    *events;
  GPtrArray    *contacts;
  ScraperReminder *reminder;
  ScraperPosting  *full;      /* with its description, which list rows leave out */
} Extras;

static void
extras_free (gpointer data)
{
  Extras *e = data;

  g_clear_object (&e->store);
  g_clear_pointer (&e->changes, g_ptr_array_unref);
  g_clear_pointer (&e->events, g_ptr_array_unref);
  g_clear_pointer (&e->contacts, g_ptr_array_unref);
  g_clear_pointer (&e->reminder, scraper_reminder_free);
  g_clear_pointer (&e->full, scraper_posting_unref);
  g_free (e);
}

/* description_markup is sanitized Pango markup; plain text otherwise, and
 * when it does not parse (a database written by an older version): a
 * label keeps its previous text when given markup it cannot read. */
static void
show_description (ScraperJobDetails    *self,
                  const ScraperPosting *posting)
{
  if (posting->description_markup != NULL && *posting->description_markup != '\0' &&
      pango_parse_markup (posting->description_markup, -1, 0, NULL, NULL, NULL, NULL))
    gtk_label_set_markup (self->detail_description, posting->description_markup);
  else
    gtk_label_set_text (self->detail_description,
                        posting->description_text != NULL ? posting->description_text : "");
}

static void
read_extras_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Extras *e = task_data;
  g_autoptr(GPtrArray) reminders = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!(e->contacts = scraper_store_list_contacts (e->store, e->posting_id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  e->full = scraper_store_get_posting (e->store, e->posting_id, NULL);
  e->changes = scraper_store_list_field_changes (e->store, e->posting_id, NULL);
  e->events = scraper_store_list_stage_events (e->store, e->posting_id, NULL);
  reminders = scraper_store_list_reminders (e->store, FALSE, NULL, NULL);
  for (guint i = 0; reminders != NULL && i < reminders->len; i++)
    {
      ScraperReminder *r = g_ptr_array_index (reminders, i);

      /* By time: the first not done is the next. */
      if (r->posting_id == e->posting_id && !r->done)
        {
          e->reminder = g_ptr_array_steal_index (reminders, i);
          break;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
read_extras_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (object);
  Extras *e = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the posting's history: %s", error->message);
      return;
    }
  if (!is_current (self, e->posting_id))
    return;
  if (e->full != NULL)
    show_description (self, e->full);
  scraper_posting_history_show (self->history, scraper_posting_object_get_posting (self->current),
                                e->changes, e->events, NULL);
  scraper_job_details_show_contacts (self, e->contacts);
  scraper_job_details_show_reminder (self, g_steal_pointer (&e->reminder));
}

static void
read_extras (ScraperJobDetails *self)
{
  g_autoptr(GTask) task = NULL;
  Extras *e;

  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  if (self->current == NULL || self->context == NULL)
    return;

  self->read_cancellable = g_cancellable_new ();
  e = g_new0 (Extras, 1);
  e->store = g_object_ref (scraper_context_get_store (self->context));
  e->posting_id = scraper_posting_object_get_id (self->current);
  task = g_task_new (self, self->read_cancellable, read_extras_done, NULL);
  g_task_set_source_tag (task, read_extras);
  g_task_set_task_data (task, e, extras_free);
  g_task_set_check_cancellable (task, TRUE);
  scraper_store_run_in_thread (task, read_extras_in_thread);
}

void
scraper_job_details_refresh (ScraperJobDetails *self)
{
  g_return_if_fail (SCRAPER_IS_JOB_DETAILS (self));
  read_extras (self);
}

/* Showing a posting */

void
scraper_job_details_show (ScraperJobDetails    *self,
                          ScraperPostingObject *item)
{
  ScraperPosting *posting;
  gboolean same;

  g_return_if_fail (SCRAPER_IS_JOB_DETAILS (self));
  g_return_if_fail (SCRAPER_IS_POSTING_OBJECT (item));

  posting = scraper_posting_object_get_posting (item);
  same = is_current (self, posting->id);

  scraper_job_details_save_notes (self);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, update_star, self);
  g_set_object (&self->current, item);
  g_signal_connect_object (item, "notify::favorite", G_CALLBACK (update_star), self, G_CONNECT_SWAPPED);
  self->loading_details = TRUE;

  gtk_label_set_label (self->detail_title, posting->title != NULL ? posting->title : "");
  scraper_job_facts_fill (self->facts, posting);
  update_star (self);
  gtk_drop_down_set_selected (self->detail_status, posting->status);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            posting->notes != NULL ? posting->notes : "", -1);

  /* A list's rows come without descriptions: the posting's is read with
   * its history, and another posting's is not shown meanwhile. */
  if (posting->description_text != NULL || posting->description_markup != NULL)
    show_description (self, posting);
  else if (!same)
    gtk_label_set_text (self->detail_description, "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.open-in-browser",
                                 scraper_url_is_web (posting->url) || scraper_url_is_web (posting->apply_url));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.block-company",
                                 posting->company != NULL && *posting->company != '\0');
  /* What another posting had is not shown while this one's is read. */
  if (!same)
    {
      scraper_posting_history_show (self->history, NULL, NULL, NULL, NULL);
      scraper_job_details_show_contacts (self, NULL);
      scraper_job_details_show_reminder (self, NULL);
    }
  read_extras (self);
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
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_JOB_DETAILS);
  self->notes_view = NULL;
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->reminder, scraper_reminder_free);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, update_star, self);
  g_clear_object (&self->current);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (scraper_job_details_parent_class)->dispose (object);
}

gboolean
scraper_job_details_get_folded (ScraperJobDetails *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOB_DETAILS (self), FALSE);
  return self->folded;
}

void
scraper_job_details_set_folded (ScraperJobDetails *self,
                                gboolean           folded)
{
  g_return_if_fail (SCRAPER_IS_JOB_DETAILS (self));

  folded = !!folded;
  if (self->folded == folded)
    return;
  self->folded = folded;
  /* A narrow window shows the details instead of the list: back to it. */
  gtk_widget_set_visible (self->back_button, folded);
  gtk_widget_set_visible (self->close_button, !folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

GtkWidget *
scraper_job_details_get_dialog (ScraperJobDetails *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOB_DETAILS (self), NULL);
  return self->dialog;
}

void
scraper_job_details_set_dialog (ScraperJobDetails *self,
                                GtkWidget         *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static void
scraper_job_details_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_job_details_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      scraper_job_details_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_job_details_class_init (ScraperJobDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_job_details_dispose;
  object_class->get_property = scraper_job_details_get_property;
  object_class->set_property = scraper_job_details_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
  signals[SIGNAL_STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  signals[SIGNAL_POSTINGS_CHANGED] =
    g_signal_new ("postings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (SCRAPER_TYPE_CHIP_BOX);
  g_type_ensure (SCRAPER_TYPE_TOGGLE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-job-details.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_title);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, back_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, close_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, facts);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, star_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, reminder_box);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, reminder_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_status);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobDetails, detail_description);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_star_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_reminder_done);

  gtk_widget_class_install_action (widget_class, "details.open-in-browser", NULL, open_in_browser_action);
  scraper_job_details_install_actions (widget_class);
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
  /* The history goes last, under the contacts. */
  self->history = SCRAPER_POSTING_HISTORY (scraper_posting_history_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->history), FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->contacts_list))),
                              GTK_WIDGET (self->history), GTK_WIDGET (self->contacts_list));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.open-in-browser", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.block-company", FALSE);
}
