/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "scraper-report-dialog.h"
#include "scraper-toast.h"
#include "store/scraper-store-applications.h"

#define DEFAULT_DAYS 30

struct _ScraperReportDialog
{
  AdwWindow        parent_instance;

  ScraperContext  *context;
  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  AdwComboRow     *format_row;
  GtkWidget       *export_button;
  GtkWidget       *print_button;
  GCancellable    *cancellable;
  gboolean         printing;

  /* what the print operation draws */
  GPtrArray       *applications;
  GDateTime       *from;
  GDateTime       *to;
};

G_DEFINE_FINAL_TYPE (ScraperReportDialog, scraper_report_dialog, ADW_TYPE_WINDOW)

/* A plain day "YYYY-MM-DD", at local midnight; NULL otherwise. */
static GDateTime *
parse_day (const char *text)
{
  int y, m, d, n = 0;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (sscanf (trimmed, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || trimmed[n] != '\0' ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static void
set_invalid (AdwEntryRow *row,
             gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* The period of the fields, or FALSE with the wrong fields marked. */
static gboolean
read_period (ScraperReportDialog  *self,
             GDateTime           **from,
             GDateTime           **to)
{
  g_autoptr(GDateTime) f = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_row)));
  g_autoptr(GDateTime) t = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_row)));
  gboolean ordered = f != NULL && t != NULL && g_date_time_compare (f, t) <= 0;

  set_invalid (self->from_row, f == NULL);
  set_invalid (self->to_row, t == NULL || (f != NULL && !ordered));
  if (!ordered)
    return FALSE;
  if (from != NULL)
    *from = g_steal_pointer (&f);
  if (to != NULL)
    *to = g_steal_pointer (&t);
  return TRUE;
}

static void
on_period_changed (ScraperReportDialog *self)
{
  gboolean valid = read_period (self, NULL, NULL);

  gtk_widget_set_sensitive (self->export_button, valid);
  gtk_widget_set_sensitive (self->print_button, valid && !self->printing);
}

static ScraperReportFormat
selected_format (ScraperReportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1 ? SCRAPER_REPORT_CSV : SCRAPER_REPORT_PDF;
}

ScraperTask *
scraper_report_dialog_export_to (ScraperReportDialog *self,
                                 GFile               *file)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(ScraperTask) task = NULL;

  g_return_val_if_fail (SCRAPER_IS_REPORT_DIALOG (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->context == NULL || !read_period (self, &from, &to))
    return NULL;
  task = scraper_report_task_new (scraper_context_get_store (self->context), from, to,
                                  selected_format (self), scraper_report_default_paper (), file);
  scraper_task_manager_submit (scraper_context_get_task_manager (self->context), task,
                               SCRAPER_TASK_PRIORITY_USER);
  gtk_window_close (GTK_WINDOW (self));
  /* the manager holds it now */
  return task;
}

static void
on_file_chosen (GtkNativeDialog     *native,
                int                  response,
                ScraperReportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        scraper_report_dialog_export_to (self, file);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
on_export_clicked (ScraperReportDialog *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean pdf = selected_format (self) == SCRAPER_REPORT_PDF;
  g_autofree char *from_day = NULL;
  g_autofree char *to_day = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (!read_period (self, &from, &to))
    return;
  from_day = g_date_time_format (from, "%Y-%m-%d");
  to_day = g_date_time_format (to, "%Y-%m-%d");
  /* Translators: the file name offered for the report; %s are its first and last day */
  name = g_strdup_printf (_("applications-%s-%s.%s"), from_day, to_day, pdf ? "pdf" : "csv");

  gtk_file_filter_set_name (filter, pdf ? _("PDF Documents") : _("CSV Spreadsheets"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_filter_add_pattern (filter, pdf ? "*.pdf" : "*.csv");

  /* GtkFileDialog (GTK 4.10) would do; the native chooser serves 4.8 too. */
  native = gtk_file_chooser_native_new (_("Export Applications Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Printing: the same pages as the PDF (scraper_report_draw). */

static void
on_begin_print (GtkPrintOperation   *operation,
                GtkPrintContext     *context,
                ScraperReportDialog *self)
{
  int pages;

  if (self->applications == NULL)
    return;
  pages = scraper_report_draw (self->applications, self->from, self->to,
                                   gtk_print_context_get_cairo_context (context),
                                   gtk_print_context_get_width (context),
                                   gtk_print_context_get_height (context), G_MAXINT);

  gtk_print_operation_set_n_pages (operation, MAX (pages, 1));
}

static void
on_draw_page (GtkPrintOperation   *operation,
              GtkPrintContext     *context,
              int                  page,
              ScraperReportDialog *self)
{
  if (self->applications == NULL)
    return;
  scraper_report_draw (self->applications, self->from, self->to,
                       gtk_print_context_get_cairo_context (context),
                       gtk_print_context_get_width (context),
                       gtk_print_context_get_height (context), page);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               ScraperReportDialog     *self)
{
  self->printing = FALSE;
  on_period_changed (self);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_warning ("Could not print the report: %s", error != NULL ? error->message : "?");
    }
}

typedef struct {
  ScraperStore            *store;
  GDateTime               *from;
  GDateTime               *end;
  GtkPrintOperationAction  action;
  char                    *export_file;
} PrintRequest;

static void
print_request_free (PrintRequest *request)
{
  g_clear_object (&request->store);
  g_date_time_unref (request->from);
  g_date_time_unref (request->end);
  g_free (request->export_file);
  g_free (request);
}

static void
read_applications_in_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  PrintRequest *request = task_data;
  GError *error = NULL;
  GPtrArray *applications = scraper_store_list_applications (request->store, request->from, request->end, &error);

  if (applications == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, applications, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_applications_read (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ScraperReportDialog *self = SCRAPER_REPORT_DIALOG (source);
  PrintRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperationResult outcome;

  if (applications == NULL)
    {
      self->printing = FALSE;
      on_period_changed (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the applications: %s", error->message);
      return;
    }

  g_clear_pointer (&self->applications, g_ptr_array_unref);
  self->applications = g_steal_pointer (&applications);

  paper = gtk_paper_size_new (scraper_report_default_paper () == SCRAPER_REPORT_PAPER_LETTER
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report's own 2 cm margins on the whole sheet, in points: the
   * pages of the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Applications"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (request->export_file != NULL)
    gtk_print_operation_set_export_filename (operation, request->export_file);
  /* Disconnected with the dialog, should it close while a print runs. */
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  outcome = gtk_print_operation_run (operation, request->action, GTK_WINDOW (self), &error);
  if (outcome == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the report: %s", error != NULL ? error->message : "?");
  /* A run that did not go on in the background is over, "done" or not. */
  if (outcome != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->printing)
    {
      self->printing = FALSE;
      on_period_changed (self);
    }
}

void
scraper_report_dialog_print (ScraperReportDialog     *self,
                             GtkPrintOperationAction  action,
                             const char              *export_file)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GTask) task = NULL;
  PrintRequest *request;

  g_return_if_fail (SCRAPER_IS_REPORT_DIALOG (self));

  if (self->context == NULL || self->printing || !read_period (self, &from, &to))
    return;

  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  self->from = g_date_time_ref (from);
  self->to = g_date_time_ref (to);
  self->printing = TRUE;
  on_period_changed (self);

  request = g_new0 (PrintRequest, 1);
  request->store = g_object_ref (scraper_context_get_store (self->context));
  request->from = g_date_time_ref (from);
  request->end = g_date_time_add_days (to, 1);
  request->action = action;
  request->export_file = g_strdup (export_file);
  task = g_task_new (self, self->cancellable, on_applications_read, NULL);
  g_task_set_source_tag (task, scraper_report_dialog_print);
  g_task_set_task_data (task, request, (GDestroyNotify) print_request_free);
  /* On the store's thread, like every read of the window. */
  scraper_store_run_in_thread (task, read_applications_in_thread);
}

gboolean
scraper_report_dialog_is_printing (ScraperReportDialog *self)
{
  g_return_val_if_fail (SCRAPER_IS_REPORT_DIALOG (self), FALSE);
  return self->printing;
}

static void
on_print_clicked (ScraperReportDialog *self)
{
  scraper_report_dialog_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

void
scraper_report_dialog_set_period (ScraperReportDialog *self,
                                  const char          *from,
                                  const char          *to)
{
  g_return_if_fail (SCRAPER_IS_REPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
}

void
scraper_report_dialog_set_format (ScraperReportDialog *self,
                                  ScraperReportFormat  format)
{
  g_return_if_fail (SCRAPER_IS_REPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format == SCRAPER_REPORT_CSV ? 1 : 0);
}

AdwToast *
scraper_report_task_toast (ScraperTask *task)
{
  GVariant *result;

  g_return_val_if_fail (SCRAPER_IS_TASK (task), NULL);

  if (g_strcmp0 (scraper_task_get_kind (task), "report") != 0)
    return NULL;

  switch (scraper_task_get_state (task))
    {
    case SCRAPER_TASK_COMPLETED:
      {
        const char *path = NULL, *uri = NULL;
        g_autofree char *name = NULL;
        g_autofree char *title = NULL;
        AdwToast *toast;
        guint n = 0;

        result = scraper_task_get_result (task);
        if (result != NULL)
          {
            g_variant_lookup (result, "applications", "u", &n);
            g_variant_lookup (result, "path", "&s", &path);
            g_variant_lookup (result, "uri", "&s", &uri);
          }
        name = path != NULL ? g_path_get_basename (path) : g_strdup ("");
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Report of %u application saved as “%s”",
                                              "Report of %u applications saved as “%s”", n), n, name);
        toast = scraper_toast_new_plain (title);
        if (uri != NULL && *uri != '\0')
          {
            adw_toast_set_button_label (toast, _("Open"));
            adw_toast_set_action_name (toast, "win.open-uri");
            adw_toast_set_action_target (toast, "s", uri);
          }
        return toast;
      }
    case SCRAPER_TASK_FAILED:
      return scraper_toast_new_plain (scraper_task_get_error (task));
    case SCRAPER_TASK_CANCELLED:
    case SCRAPER_TASK_INTERRUPTED:
    case SCRAPER_TASK_PENDING:
    case SCRAPER_TASK_RUNNING:
    case SCRAPER_TASK_CANCELLING:
    default:
      return NULL;
    }
}

static AdwEntryRow *
day_row (const char *title,
         GDateTime  *day)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("A day as YYYY-MM-DD"), -1);
  return row;
}

static void
build (ScraperReportDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (today, -(DEFAULT_DAYS - 1));
  const char *formats[] = { _("PDF"), _("CSV"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *period = adw_preferences_group_new ();
  GtkWidget *output = adw_preferences_group_new ();
  g_autoptr(GtkStringList) format_list = gtk_string_list_new (formats);

  gtk_window_set_title (GTK_WINDOW (self), _("Export Applications Report"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 420);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  self->print_button = gtk_button_new_with_mnemonic (_("_Print…"));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->print_button);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (on_print_clicked), self);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (period), _("Period"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (period),
                                         _("Every application with a step in these days, both included."));
  self->from_row = day_row (_("From"), month_ago);
  self->to_row = day_row (_("To"), today);
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (on_period_changed), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (on_period_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (period), GTK_WIDGET (self->from_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (period), GTK_WIDGET (self->to_row));

  self->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_row), _("Format"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (format_list));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->format_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Format"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (output), GTK_WIDGET (self->format_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (period));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (output));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
scraper_report_dialog_dispose (GObject *object)
{
  ScraperReportDialog *self = SCRAPER_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->applications, g_ptr_array_unref);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  G_OBJECT_CLASS (scraper_report_dialog_parent_class)->dispose (object);
}

static void
scraper_report_dialog_class_init (ScraperReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_report_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
scraper_report_dialog_init (ScraperReportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  build (self);
}

ScraperReportDialog *
scraper_report_dialog_new (GtkWindow      *parent,
                           ScraperContext *context)
{
  ScraperReportDialog *self = g_object_new (SCRAPER_TYPE_REPORT_DIALOG, NULL);

  g_return_val_if_fail (SCRAPER_IS_CONTEXT (context), NULL);

  self->context = g_object_ref (context);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  return self;
}
