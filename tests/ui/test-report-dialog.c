/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Export Applications Report…": the dialog's period and format, the
 * report written by a task (read back), an unwritable path (one error,
 * nothing created), a period that is no period, a cancelled export, and
 * "Print…" drawing the PDF's pages (printed to a file and read back). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-context.h"
#include "store/scraper-store-applications.h"
#include "app/scraper-application.h"
#include "ui/scraper-insights-view.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-report-dialog.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"
#include "ui-test-util.h"

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  gint64          posting_id;
} Fixture;

/* One application: Backend Engineer at Acme, saved 2026-01-02, applied
 * 2026-01-05 with a note, and a contact; one posting never applied to. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(ScraperContact) contact = scraper_contact_new ();
  g_autoptr(GDateTime) saved = g_date_time_new_local (2026, 1, 2, 9, 0, 0);
  g_autoptr(GDateTime) applied = g_date_time_new_local (2026, 1, 5, 10, 0, 0);
  ScraperStore *store;
  ScraperSync *sync;
  gint64 source_id;

  f->dir = g_dir_make_tmp ("test-report-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);
  store = scraper_context_get_store (f->context);

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup ("Acme board");
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i + 1);
      p->url = g_strdup_printf ("https://jobs.example.com/%u", i + 1);
      p->title = g_strdup (i == 0 ? "Backend Engineer" : "Gardener");
      p->company = g_strdup ("Acme, Inc.");
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  f->posting_id = ((ScraperPosting *) postings->pdata[0])->id;
  g_assert_true (scraper_store_change_status (store, f->posting_id, SCRAPER_STATUS_SAVED, saved, NULL, &error));
  g_assert_true (scraper_store_change_status (store, f->posting_id, SCRAPER_STATUS_APPLIED, applied,
                                              "Sent CV, \"the long one\"", &error));
  contact->posting_id = f->posting_id;
  contact->name = g_strdup ("Ada Lovelace");
  contact->role = g_strdup ("Recruiter");
  g_assert_cmpint (scraper_store_add_contact (store, contact, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  ui_test_spin (50);
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gboolean
task_finished (gpointer data)
{
  return scraper_task_is_finished (data);
}

static ScraperReportDialog *
open_dialog (Fixture *f)
{
  ScraperReportDialog *dialog = scraper_report_dialog_new (NULL, f->context);

  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_spin (50);
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (dialog), "_Export…"));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (dialog), "_Print…"));
  return dialog;
}

/* RFC 4180, enough for our own output: rows of cells. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (row, g_string_free (g_steal_pointer (&cell), FALSE)), cell = g_string_new (NULL);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&cell), FALSE));
          cell = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_string_free (cell, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);

  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  ScraperReportDialog *dialog = open_dialog (f);
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GVariant *target;
  ScraperTask *task;

  scraper_report_dialog_set_period (dialog, "2026-01-01", "2026-01-31");
  scraper_report_dialog_set_format (dialog, SCRAPER_REPORT_CSV);
  task = scraper_report_dialog_export_to (dialog, file);
  g_assert_nonnull (task);
  g_object_ref (task);
  g_assert_cmpstr (scraper_task_get_kind (task), ==, "report");
  g_assert_true (ui_test_spin_until (task_finished, task, 20000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  rows = parse_csv (csv);
  /* the header, then the application's two events */
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "company");
  g_assert_cmpstr (cell (rows, 0, 8), ==, "contacts");
  g_assert_cmpstr (cell (rows, 1, 0), ==, "Acme, Inc.");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "Backend Engineer");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "Acme board");
  g_assert_cmpstr (cell (rows, 1, 6), ==, "saved");
  g_assert_cmpstr (cell (rows, 2, 6), ==, "applied");
  g_assert_cmpstr (cell (rows, 2, 7), ==, "Sent CV, \"the long one\"");
  g_assert_nonnull (strstr (cell (rows, 2, 8), "Ada Lovelace (Recruiter)"));

  /* the toast offers to open the file */
  toast = g_object_ref_sink (scraper_report_task_toast (task));
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "report.csv"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-uri");
  target = adw_toast_get_action_target_value (toast);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  g_object_unref (task);
}

static void
test_unwritable_path (Fixture       *f,
                      gconstpointer  data)
{
  ScraperReportDialog *dialog = open_dialog (f);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (missing_dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AdwToast) toast = NULL;
  const char *error;
  ScraperTask *task;

  scraper_report_dialog_set_period (dialog, "2026-01-01", "2026-01-31");
  scraper_report_dialog_set_format (dialog, SCRAPER_REPORT_PDF);
  task = g_object_ref (scraper_report_dialog_export_to (dialog, file));
  g_assert_true (ui_test_spin_until (task_finished, task, 20000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_FAILED);

  /* one line naming the file, and nothing created */
  error = scraper_task_get_error (task);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "report.pdf"));
  g_assert_null (strchr (error, '\n'));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  toast = g_object_ref_sink (scraper_report_task_toast (task));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, error);
  g_assert_null (adw_toast_get_button_label (toast));
  g_object_unref (task);
}

/* February 30th, a word, and a period that ends before it begins. */
static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  ScraperReportDialog *dialog = open_dialog (f);
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *export = ui_test_find_button (GTK_WIDGET (dialog), "_Export…");
  static const char * const bad[][2] = {
    { "2026-02-30", "2026-03-01" }, { "January", "2026-03-01" }, { "2026-03-02", "2026-03-01" },
    { "2026-03-01", "2026-03-01; rm -rf" },
  };

  g_assert_true (gtk_widget_get_sensitive (export));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      scraper_report_dialog_set_period (dialog, bad[i][0], bad[i][1]);
      g_assert_false (gtk_widget_get_sensitive (export));
      g_assert_null (scraper_report_dialog_export_to (dialog, file));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  scraper_report_dialog_set_period (dialog, "2026-03-01", "2026-03-01");
  g_assert_true (gtk_widget_get_sensitive (export));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
block_run (ScraperTask  *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  scraper_task_sleep (task, 20000);
  scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
}

/* Cancelled while it waits in the queue (behind a task holding the one
 * worker): nothing written. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  ScraperReportDialog *dialog = open_dialog (f);
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ScraperTaskManager *manager = scraper_context_get_task_manager (f->context);
  g_autoptr(ScraperTask) blocker = scraper_task_new ("test", "Blocker", block_run, NULL, NULL);
  ScraperTask *task;

  scraper_task_manager_set_max_concurrent (manager, 1);
  scraper_task_manager_submit (manager, blocker, SCRAPER_TASK_PRIORITY_USER);
  scraper_report_dialog_set_period (dialog, "2026-01-01", "2026-01-31");
  task = g_object_ref (scraper_report_dialog_export_to (dialog, file));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_PENDING);
  scraper_task_manager_cancel (manager, task);
  scraper_task_manager_cancel (manager, blocker);
  g_assert_true (ui_test_spin_until (task_finished, task, 20000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (scraper_report_task_toast (task));
  g_object_unref (task);
}

static gboolean
not_printing (gpointer data)
{
  return !scraper_report_dialog_is_printing (data);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  char *text = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* "Print…" draws what the PDF shows: printed to a file, the same text. */
static void
test_print_draws_the_pdf_pages (Fixture       *f,
                                gconstpointer  data)
{
  ScraperReportDialog *dialog = NULL;
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *written = g_build_filename (f->dir, "written.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *printed_text = NULL;
  g_autofree char *written_text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (written);
  ScraperTask *task;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  dialog = open_dialog (f);
  scraper_report_dialog_set_period (dialog, "2026-01-01", "2026-01-31");
  scraper_report_dialog_print (dialog, GTK_PRINT_OPERATION_ACTION_EXPORT, printed);
  g_assert_true (scraper_report_dialog_is_printing (dialog));
  g_assert_false (gtk_widget_get_sensitive (ui_test_find_button (GTK_WIDGET (dialog), "_Print…")));
  g_assert_true (ui_test_spin_until (not_printing, dialog, 20000));
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));

  scraper_report_dialog_set_format (dialog, SCRAPER_REPORT_PDF);
  task = g_object_ref (scraper_report_dialog_export_to (dialog, file));
  g_assert_true (ui_test_spin_until (task_finished, task, 20000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_object_unref (task);

  printed_text = pdf_text (printed);
  written_text = pdf_text (written);
  g_assert_nonnull (strstr (printed_text, "Applications"));
  g_assert_nonnull (strstr (printed_text, "Backend Engineer"));
  g_assert_nonnull (strstr (printed_text, "Contacts: Ada Lovelace (Recruiter)"));
  g_assert_nonnull (strstr (printed_text, "Sent CV"));
  g_assert_null (strstr (printed_text, "Gardener"));
  g_assert_cmpstr (printed_text, ==, written_text);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
menu_button_has_export_report (GtkWidget *widget,
                               gpointer   data)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

  return model != NULL && menu_has_action (model, "win.export-report");
}

static gboolean
dialog_shown (gpointer data)
{
  return ui_test_find_toplevel (SCRAPER_TYPE_REPORT_DIALOG) != NULL;
}

static gboolean
search_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (scraper_insights_view_get_search (args[0]), args[1]) == 0;
}

/* In the real window: the primary menu's "Export Applications Report…"
 * opens the dialog, and the Insights follow the Jobs view's search. */
static void
on_activate_after (GApplication *app,
                   gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWidget *insights, *jobs, *entry;
  gpointer args[2];

  g_assert_true (SCRAPER_IS_WINDOW (window));
  ui_test_spin (100);

  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                         menu_button_has_export_report, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report", NULL));
  g_assert_true (ui_test_spin_until (dialog_shown, NULL, 5000));
  gtk_window_destroy (ui_test_find_toplevel (SCRAPER_TYPE_REPORT_DIALOG));

  insights = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_INSIGHTS_VIEW, NULL, NULL);
  jobs = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL);
  entry = ui_test_find_widget (jobs, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  g_assert_nonnull (insights);
  g_assert_nonnull (entry);
  g_assert_null (scraper_insights_view_get_search (SCRAPER_INSIGHTS_VIEW (insights)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "backend");
  args[0] = insights;
  args[1] = (gpointer) "backend";
  /* a search entry reports a change after a short delay */
  g_assert_true (ui_test_spin_until (search_is, args, 5000));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_window_menu_and_search (void)
{
  g_autoptr(ScraperApplication) app = scraper_application_new ();
  char *argv[] = { (char *) "test-report-dialog", NULL };
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "window.db", NULL);

  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  g_setenv ("TZ", "UTC", TRUE);
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/report-dialog/export-csv-read-back", test_export_csv);
  ADD ("/report-dialog/unwritable-path-one-error-nothing-created", test_unwritable_path);
  ADD ("/report-dialog/bad-period-feb-30-word-reversed-injection", test_bad_period);
  ADD ("/report-dialog/cancelled-writes-nothing", test_cancelled);
  ADD ("/report-dialog/print-draws-the-pdf-pages", test_print_draws_the_pdf_pages);
  g_test_add_func ("/report-dialog/window-menu-and-insights-follow-search", test_window_menu_and_search);
  return g_test_run ();
}
