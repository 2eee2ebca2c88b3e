/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-job-details"

#include "config.h"

#include <glib/gi18n.h>

#include "model/scraper-untrusted.h"
#include "scraper-job-details-private.h"
#include "scraper-toast.h"

/* The posting's menu (Remind Me…, Add Contact…, Block Company, Block
 * Keyword…) and the contacts' Edit and Remove: each writes through the
 * store's writer thread, shows the change at once, and takes it back with
 * a toast when the store refuses it. */

static GtkWindow *
parent_window (ScraperJobDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *label,
                const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static char *
entry_text (GtkWidget *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static AdwMessageDialog *
new_dialog (ScraperJobDetails *self,
            const char        *heading,
            const char        *response_id,
            const char        *response_label,
            GtkWidget         *extra)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, NULL));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response_id, response_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response_id, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response_id);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, extra);
  scraper_job_details_set_dialog (self, GTK_WIDGET (dialog));
  return dialog;
}

/* Contacts */

typedef struct {
  ScraperJobDetails *self;
  ScraperContact    *contact;    /* to add (id 0) or update */
  gint64             remove_id;  /* or to remove */
} ContactWrite;

static gboolean
write_contact (ScraperStore  *store,
               gpointer       data,
               GError       **error)
{
  ContactWrite *w = data;

  if (w->remove_id > 0)
    return scraper_store_remove_contact (store, w->remove_id, error);
  if (w->contact->id == 0)
    return scraper_store_add_contact (store, w->contact, error) > 0;
  return scraper_store_update_contact (store, w->contact, error);
}

static void
contact_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ContactWrite *w = user_data;
  g_autoptr(GError) error = NULL;

  /* Either way the pane shows what is stored: the new contact's id, or
   * the contacts as they were before a refused change. */
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    scraper_job_details_error (w->self, w->remove_id > 0 ? _("Could not remove the contact")
                                                        : _("Could not save the contact"), error);
  scraper_job_details_refresh (w->self);
  g_object_unref (w->self);
  g_clear_pointer (&w->contact, scraper_contact_free);
  g_free (w);
}

/* Shows the contacts with @contact added or changed (or @remove_id gone)
 * and writes the change. */
static void
change_contact (ScraperJobDetails    *self,
                const ScraperContact *contact,
                gint64                remove_id)
{
  GPtrArray *shown = scraper_job_details_get_contacts (self);
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_contact_free);
  ScraperStore *store = scraper_job_details_get_store (self);
  ContactWrite *w;
  gboolean replaced = FALSE;

  if (store == NULL)
    return;
  for (guint i = 0; shown != NULL && i < shown->len; i++)
    {
      const ScraperContact *c = g_ptr_array_index (shown, i);

      if (remove_id > 0 && c->id == remove_id)
        continue;
      if (contact != NULL && contact->id > 0 && c->id == contact->id)
        {
          g_ptr_array_add (next, scraper_contact_copy (contact));
          replaced = TRUE;
        }
      else
        g_ptr_array_add (next, scraper_contact_copy (c));
    }
  if (contact != NULL && !replaced)
    g_ptr_array_add (next, scraper_contact_copy (contact));
  scraper_job_details_show_contacts (self, next);

  w = g_new0 (ContactWrite, 1);
  w->self = g_object_ref (self);
  w->contact = contact != NULL ? scraper_contact_copy (contact) : NULL;
  w->remove_id = remove_id;
  scraper_store_write_async (store, write_contact, w, NULL, NULL, contact_written_cb, w);
}

typedef struct {
  ScraperJobDetails *self;
  ScraperContact    *contact;
  GtkWidget         *name, *role, *email, *link, *notes;
} ContactForm;

static void
contact_form_free (gpointer data)
{
  ContactForm *form = data;

  g_object_unref (form->self);
  scraper_contact_free (form->contact);
  g_free (form);
}

static void
on_contact_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ContactForm      *form)
{
  g_autoptr(ScraperContact) contact = NULL;

  if (!g_str_equal (response, "save"))
    return;
  contact = scraper_contact_copy (form->contact);
  g_clear_pointer (&contact->name, g_free);
  g_clear_pointer (&contact->role, g_free);
  g_clear_pointer (&contact->email, g_free);
  g_clear_pointer (&contact->link, g_free);
  g_clear_pointer (&contact->notes, g_free);
  contact->name = entry_text (form->name);
  contact->role = entry_text (form->role);
  contact->email = entry_text (form->email);
  contact->link = entry_text (form->link);
  contact->notes = entry_text (form->notes);
  if (contact->name == NULL && contact->email == NULL && contact->link == NULL)
    {
      scraper_job_details_toast (form->self,
                                 scraper_toast_new_plain (_("A contact needs a name, an email address or a link.")));
      return;
    }
  change_contact (form->self, contact, 0);
}

static void
present_contact_dialog (ScraperJobDetails    *self,
                        const ScraperContact *contact)
{
  ScraperPostingObject *item = scraper_job_details_get_item (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ContactForm *form;
  AdwMessageDialog *dialog;

  if (item == NULL)
    return;
  form = g_new0 (ContactForm, 1);
  form->self = g_object_ref (self);
  form->contact = contact != NULL ? scraper_contact_copy (contact) : scraper_contact_new ();
  form->contact->posting_id = scraper_posting_object_get_id (item);
  form->name = labelled_entry (box, _("Name"), form->contact->name);
  form->role = labelled_entry (box, _("Role"), form->contact->role);
  form->email = labelled_entry (box, _("Email"), form->contact->email);
  gtk_entry_set_input_purpose (GTK_ENTRY (form->email), GTK_INPUT_PURPOSE_EMAIL);
  form->link = labelled_entry (box, _("Link"), form->contact->link);
  gtk_entry_set_input_purpose (GTK_ENTRY (form->link), GTK_INPUT_PURPOSE_URL);
  form->notes = labelled_entry (box, _("Notes"), form->contact->notes);

  dialog = new_dialog (self, contact != NULL ? _("Edit Contact") : _("Add Contact"), "save", _("_Save"), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_contact_response), form,
                         (GClosureNotify) (void (*) (void)) contact_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
scraper_job_details_edit_contact (ScraperJobDetails    *self,
                                  const ScraperContact *contact)
{
  present_contact_dialog (self, contact);
}

void
scraper_job_details_remove_contact (ScraperJobDetails *self,
                                    gint64             contact_id)
{
  change_contact (self, NULL, contact_id);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  present_contact_dialog (SCRAPER_JOB_DETAILS (widget), NULL);
}

/* Reminders */

typedef struct {
  ScraperJobDetails *self;
  gint64             posting_id;
  gint64             reminder_id;  /* to mark done, or 0 to add */
  GDateTime         *at;
  char              *note;
} ReminderWrite;

static void
reminder_write_free (ReminderWrite *w)
{
  g_object_unref (w->self);
  g_clear_pointer (&w->at, g_date_time_unref);
  g_free (w->note);
  g_free (w);
}

static gboolean
write_reminder (ScraperStore  *store,
                gpointer       data,
                GError       **error)
{
  ReminderWrite *w = data;

  if (w->reminder_id > 0)
    return scraper_store_set_reminder_done (store, w->reminder_id, TRUE, error);
  return scraper_store_add_reminder (store, w->posting_id, w->at, w->note, error) > 0;
}

static void
reminder_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ReminderWrite *w = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    scraper_job_details_error (w->self, w->reminder_id > 0 ? _("Could not mark the reminder done")
                                                           : _("Could not add the reminder"), error);
  else if (w->reminder_id == 0)
    scraper_job_details_toast (w->self, scraper_toast_new_plain (_("Reminder added")));
  scraper_job_details_refresh (w->self);
  reminder_write_free (w);
}

static void
write_reminder_async (ScraperJobDetails *self,
                      ReminderWrite     *w)
{
  ScraperStore *store = scraper_job_details_get_store (self);

  if (store == NULL)
    {
      reminder_write_free (w);
      return;
    }
  scraper_store_write_async (store, write_reminder, w, NULL, NULL, reminder_written_cb, w);
}

void
scraper_job_details_reminder_done (ScraperJobDetails *self,
                                   gint64             reminder_id)
{
  ReminderWrite *w = g_new0 (ReminderWrite, 1);

  w->self = g_object_ref (self);
  w->reminder_id = reminder_id;
  scraper_job_details_show_reminder (self, NULL);
  write_reminder_async (self, w);
}

typedef struct {
  ScraperJobDetails *self;
  gint64             posting_id;
  GtkCalendar       *calendar;
  GtkSpinButton     *hour;
  GtkSpinButton     *minute;
  GtkWidget         *note;
} RemindForm;

static void
remind_form_free (gpointer data)
{
  RemindForm *form = data;

  g_object_unref (form->self);
  g_free (form);
}

static void
on_remind_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RemindForm       *form)
{
  g_autoptr(GDateTime) day = NULL;
  ReminderWrite *w;
  ScraperReminder *shown;
  ScraperPostingObject *item = scraper_job_details_get_item (form->self);

  if (!g_str_equal (response, "remind"))
    return;
  day = gtk_calendar_get_date (form->calendar);
  w = g_new0 (ReminderWrite, 1);
  w->self = g_object_ref (form->self);
  w->posting_id = form->posting_id;
  w->at = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 gtk_spin_button_get_value_as_int (form->hour),
                                 gtk_spin_button_get_value_as_int (form->minute), 0);
  w->note = entry_text (form->note);
  if (w->at == NULL)
    {
      reminder_write_free (w);
      return;
    }

  /* Shown at once when it comes before the next one shown. */
  if (item != NULL && scraper_posting_object_get_id (item) == form->posting_id &&
      (scraper_job_details_get_reminder (form->self) == NULL ||
       g_date_time_compare (w->at, scraper_job_details_get_reminder (form->self)->at) < 0))
    {
      shown = g_new0 (ScraperReminder, 1);
      shown->posting_id = form->posting_id;
      shown->at = g_date_time_ref (w->at);
      shown->note = g_strdup (w->note);
      scraper_job_details_show_reminder (form->self, shown);
    }
  write_reminder_async (form->self, w);
}

static void
remind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (widget);
  ScraperPostingObject *item = scraper_job_details_get_item (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  GtkWidget *box, *time_box, *label;
  AdwMessageDialog *dialog;
  RemindForm *form;

  if (item == NULL)
    return;
  form = g_new0 (RemindForm, 1);
  form->self = g_object_ref (self);
  form->posting_id = scraper_posting_object_get_id (item);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  form->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_calendar_select_day (form->calendar, tomorrow);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->calendar));

  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  label = gtk_label_new (_("Time"));
  gtk_box_append (GTK_BOX (time_box), label);
  form->hour = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 23, 1));
  gtk_spin_button_set_value (form->hour, 9);
  gtk_spin_button_set_wrap (form->hour, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->hour), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hour"), -1);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (form->hour));
  gtk_box_append (GTK_BOX (time_box), gtk_label_new (":"));
  form->minute = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 59, 5));
  gtk_spin_button_set_value (form->minute, 0);
  gtk_spin_button_set_wrap (form->minute, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->minute), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minute"), -1);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (form->minute));
  gtk_box_append (GTK_BOX (box), time_box);

  form->note = labelled_entry (box, _("Note"), NULL);

  dialog = new_dialog (self, _("Remind Me"), "remind", _("_Remind Me"), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remind_response), form,
                         (GClosureNotify) (void (*) (void)) remind_form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Blocks */

typedef struct {
  ScraperJobDetails *self;
  ScraperBlockKind   kind;
  char              *value;
  gint64             id;        /* set by the write; to remove on Undo */
  gboolean           undo;
} BlockWrite;

static void
block_write_free (BlockWrite *w)
{
  g_object_unref (w->self);
  g_free (w->value);
  g_free (w);
}

static gboolean
write_block (ScraperStore  *store,
             gpointer       data,
             GError       **error)
{
  BlockWrite *w = data;

  if (w->undo)
    return scraper_store_remove_block (store, w->id, error);
  w->id = scraper_store_add_block (store, w->kind, w->value, error);
  return w->id > 0;
}

static void on_block_undo (AdwToast *toast, BlockWrite *w);

static void
block_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BlockWrite *w = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    {
      scraper_job_details_error (w->self, w->undo ? _("Could not unblock") : _("Could not block"), error);
      block_write_free (w);
      return;
    }
  scraper_job_details_postings_changed (w->self);
  if (!w->undo)
    {
      g_autofree char *text = NULL;
      AdwToast *toast;

      if (w->kind == SCRAPER_BLOCK_COMPANY)
        /* Translators: a toast after blocking a company, with Undo */
        text = g_strdup_printf (_("Blocked the company “%s”"), w->value);
      else
        /* Translators: a toast after blocking a keyword, with Undo */
        text = g_strdup_printf (_("Blocked postings titled with “%s”"), w->value);
      toast = scraper_toast_new_plain (text);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_block_undo), w,
                             (GClosureNotify) (void (*) (void)) block_write_free, 0);
      scraper_job_details_toast (w->self, toast);
      return;
    }
  block_write_free (w);
}

static void
start_block_write (BlockWrite *w)
{
  ScraperStore *store = scraper_job_details_get_store (w->self);

  if (store == NULL)
    {
      block_write_free (w);
      return;
    }
  scraper_store_write_async (store, write_block, w, NULL, NULL, block_written_cb, w);
}

static void
on_block_undo (AdwToast   *toast,
               BlockWrite *w)
{
  BlockWrite *undo = g_new0 (BlockWrite, 1);

  undo->self = g_object_ref (w->self);
  undo->kind = w->kind;
  undo->value = g_strdup (w->value);
  undo->id = w->id;
  undo->undo = TRUE;
  start_block_write (undo);
}

static void
block (ScraperJobDetails *self,
       ScraperBlockKind   kind,
       const char        *value)
{
  BlockWrite *w = g_new0 (BlockWrite, 1);

  w->self = g_object_ref (self);
  w->kind = kind;
  w->value = g_strdup (value);
  /* The posting leaves the list: so does its pane. */
  gtk_widget_activate_action (GTK_WIDGET (self), "jobs.close-details", NULL);
  start_block_write (w);
}

static void
block_company_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (widget);
  ScraperPostingObject *item = scraper_job_details_get_item (self);
  const char *company = item != NULL ? scraper_posting_object_get_posting (item)->company : NULL;

  if (company != NULL && *company != '\0')
    block (self, SCRAPER_BLOCK_COMPANY, company);
}

static void
on_keyword_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     ScraperJobDetails *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "scraper-keyword");
  g_autofree char *word = entry != NULL ? entry_text (entry) : NULL;

  if (g_str_equal (response, "block") && word != NULL)
    block (self, SCRAPER_BLOCK_KEYWORD, word);
}

static void
block_keyword_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ScraperJobDetails *self = SCRAPER_JOB_DETAILS (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = labelled_entry (box, _("Keyword"), NULL);
  AdwMessageDialog *dialog = new_dialog (self, _("Block a Keyword"), "block", _("_Block"), box);

  adw_message_dialog_set_body (dialog, _("Postings with this word in their title are hidden. Nothing is deleted."));
  adw_message_dialog_set_response_appearance (dialog, "block", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "scraper-keyword", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_keyword_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
scraper_job_details_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "details.remind", NULL, remind_action);
  gtk_widget_class_install_action (widget_class, "details.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "details.block-company", NULL, block_company_action);
  gtk_widget_class_install_action (widget_class, "details.block-keyword", NULL, block_keyword_action);
}
