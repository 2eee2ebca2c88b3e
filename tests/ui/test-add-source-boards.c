/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Add Source dialog with the address of a Workday career site, as a
 * user copies it from the browser: the kind is told from the address, the
 * preview reads the listing (not each posting's detail), the source is
 * saved as kind "workday" named after the tenant, and a scrape fills the
 * Jobs view.  The test server stands in for gamma.wd5.myworkdayjobs.com
 * (JOB_SCRAPER_REMAP). */
#include "config.h"

#include <glib/gstdio.h>

#include "app/scraper-context.h"
#include "scraper-test-server.h"
#include "ui/scraper-add-source-dialog.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-sources-view.h"
#include "ui-test-util.h"

#define WAIT_MS 20000
#define CXS "/wday/cxs/gamma/GammaCareers"

typedef struct {
  char              *dir;
  ScraperContext    *context;
  ScraperTestServer *server;
  GtkWindow         *window;
  GtkWidget         *sources;
  GtkWidget         *jobs;
} Fixture;

static void
serve_gamma (ScraperTestServer *server)
{
  scraper_test_server_add_text (server, CXS "/jobs", "application/json",
    "{\"total\": 3, \"jobPostings\": ["
    " {\"title\": \"Senior Backend Engineer\", \"externalPath\": \"/job/Berlin/Senior-Backend-Engineer_JR1001\","
    "  \"locationsText\": \"Berlin, Germany\", \"postedOn\": \"Posted 3 Days Ago\", \"bulletFields\": [\"JR1001\"]},"
    " {\"title\": \"Data Analyst\", \"externalPath\": \"/job/Remote/Data-Analyst_JR1002\","
    "  \"locationsText\": \"Remote - USA\", \"postedOn\": \"Posted Yesterday\", \"bulletFields\": [\"JR1002\"]},"
    " {\"title\": \"Site Reliability Engineer\", \"externalPath\": \"/job/London/Site-Reliability-Engineer_JR1003\","
    "  \"locationsText\": \"London, United Kingdom\", \"postedOn\": \"Posted Today\", \"bulletFields\": [\"JR1003\"]}]}");
  for (guint i = 0; i < 3; i++)
    {
      static const char * const paths[] = {
        "/job/Berlin/Senior-Backend-Engineer_JR1001", "/job/Remote/Data-Analyst_JR1002",
        "/job/London/Site-Reliability-Engineer_JR1003",
      };
      g_autofree char *path = g_strconcat (CXS, paths[i], NULL);
      g_autofree char *body =
        g_strdup_printf ("{\"jobPostingInfo\": {\"jobDescription\": \"<p>Posting %u.</p>\", \"jobReqId\": \"JR100%u\","
                         " \"startDate\": \"2026-11-2%u\", \"timeType\": \"Full time\"},"
                         " \"hiringOrganization\": {\"name\": \"Gamma Technologies\"}}", i + 1, i + 1, i + 1);

      scraper_test_server_add_text (server, path, "application/json", body);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  f->dir = g_dir_make_tmp ("test-add-source-boards-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "jobs.db", NULL);
  f->server = scraper_test_server_new (NULL);
  serve_gamma (f->server);
  /* Read when the context makes its fetcher, on first use. */
  spec = g_strdup_printf ("*.myworkdayjobs.com=127.0.0.1:%u", scraper_test_server_get_port (f->server));
  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
  f->context = scraper_context_new (db, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  f->sources = g_object_new (SCRAPER_TYPE_SOURCES_VIEW, "context", f->context, NULL);
  f->jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  gtk_box_append (GTK_BOX (box), f->sources);
  gtk_box_append (GTK_BOX (box), f->jobs);
  adw_window_set_content (ADW_WINDOW (f->window), box);
  gtk_window_present (f->window);
  ui_test_spin (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *db = g_build_filename (f->dir, "jobs.db", NULL);

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  ui_test_spin (50);
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  scraper_test_server_free (f->server);
  g_unsetenv ("JOB_SCRAPER_REMAP");

  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
entry_row_has_title (GtkWidget *widget,
                     gpointer   data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static GtkEditable *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = ui_test_find_widget (root, ADW_TYPE_ENTRY_ROW, entry_row_has_title, (gpointer) title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static gboolean
label_has_prefix (GtkWidget *widget,
                  gpointer   data)
{
  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), data) && gtk_widget_get_visible (widget);
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return ui_test_find_widget (args[0], GTK_TYPE_LABEL, label_has_prefix, args[1]) != NULL;
}

static gboolean
dump_label (GtkWidget *widget,
            gpointer   data)
{
  if (gtk_widget_get_visible (widget) && *gtk_label_get_label (GTK_LABEL (widget)) != '\0')
    g_test_message ("label: %s", gtk_label_get_label (GTK_LABEL (widget)));
  return FALSE;
}

static gboolean
wait_for_label (GtkWidget  *root,
                const char *prefix)
{
  gpointer args[] = { root, (gpointer) prefix };

  if (ui_test_spin_until (label_shown, args, WAIT_MS))
    return TRUE;
  ui_test_find_widget (root, GTK_TYPE_LABEL, dump_label, NULL);
  return FALSE;
}

static gboolean
dialog_shown (gpointer data)
{
  GtkWindow *dialog = ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG) == NULL;
}

static gboolean
jobs_listed (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs))) == 3;
}

static void
test_workday_site (Fixture       *f,
                   gconstpointer  data)
{
  const char *url = "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers";
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  ScraperSource *source;

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.add", NULL));
  g_assert_true (ui_test_spin_until (dialog_shown, NULL, 5000));
  dialog = GTK_WIDGET (ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG));

  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (dialog, "Name")), ==, "Gamma");
  g_assert_true (wait_for_label (dialog, "Found 3 postings on this Workday board"));
  g_assert_true (wait_for_label (dialog, "• Senior Backend Engineer"));
  /* A preview reads the listing only. */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CXS "/jobs"), >=, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CXS "/job/Berlin/Senior-Backend-Engineer_JR1001"), ==, 0);

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));

  sources = scraper_store_list_sources (scraper_context_get_store (f->context), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (source->kind, ==, "workday");
  g_assert_cmpstr (source->url, ==, url);
  /* The saved source reads each posting's detail, as a preview does not. */
  g_assert_true (scraper_source_get_setting_boolean (source, "details", TRUE));

  /* A new source is scraped at once, without a click on Scrape. */
  g_assert_true (ui_test_spin_until (jobs_listed, f, WAIT_MS));
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CXS "/job/Berlin/Senior-Backend-Engineer_JR1001"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/add-source/workday-site", Fixture, NULL, fixture_setup, test_workday_site, fixture_teardown);

  return g_test_run ();
}
