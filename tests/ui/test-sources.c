/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Sources view, the Add Source dialog, the Jobs view and the sample job
 * board: the real widgets in a plain window over a ScraperContext on a
 * temporary database, with real HTTP to an in-process test server serving
 * tests/data/cli-site. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-context.h"
#include "app/scraper-sample-site.h"
#include "scraper-test-server.h"
#include "ui/scraper-add-source-dialog.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-history.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-posting-row.h"
#include "ui/scraper-source-row.h"
#include "ui/scraper-sources-view.h"
#include "ui/scraper-tooltip.h"
#include "ui-test-util.h"

#define WAIT_MS 20000

typedef struct {
  char              *dir;
  ScraperContext    *context;
  ScraperTestServer *server;
  GtkWindow         *window;
  GtkWidget         *sources;
  GtkWidget         *jobs;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *site = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "cli-site", NULL);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  f->dir = g_dir_make_tmp ("test-sources-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (db, &error);
  g_assert_no_error (error);
  f->server = scraper_test_server_new (site);

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
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "jobs.db", NULL);

  destroy_toplevels ();
  ui_test_spin (50);
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  scraper_test_server_free (f->server);

  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Helpers */

static char *
site_url (Fixture    *f,
          const char *path)
{
  return scraper_test_server_url_for (f->server, path);
}

static gboolean
sources_loaded (gpointer data)
{
  return !scraper_sources_view_get_loading (data);
}

/* The list is read on the store's thread: wait for the view's "loading"
 * to turn FALSE. */
static void
wait_loaded (GtkWidget *sources)
{
  g_assert_true (ui_test_spin_until (sources_loaded, sources, WAIT_MS));
}

static void
reload_and_wait (Fixture *f)
{
  scraper_sources_view_reload (SCRAPER_SOURCES_VIEW (f->sources));
  g_assert_true (scraper_sources_view_get_loading (SCRAPER_SOURCES_VIEW (f->sources)));
  wait_loaded (f->sources);
}

static gint64
add_source (Fixture    *f,
            const char *path,
            const char *kind,
            const char *name)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  source->url = site_url (f, path);
  source->kind = g_strdup (kind);
  source->name = g_strdup (name);
  source->enabled = TRUE;
  id = scraper_store_add_source (scraper_context_get_store (f->context), source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  reload_and_wait (f);
  return id;
}

static guint
count_sources (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  /* The window writes off the main thread: what it asked for so far. */
  scraper_store_wait_writes (scraper_context_get_store (f->context));
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), &error);

  g_assert_no_error (error);
  return sources->len;
}

static ScraperSource *
get_source (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  ScraperSource *source;

  /* The window writes off the main thread: what it asked for so far. */
  scraper_store_wait_writes (scraper_context_get_store (f->context));
  source = scraper_store_get_source (scraper_context_get_store (f->context), id, &error);
  g_assert_no_error (error);
  return source;
}

static gboolean
row_has_id (GtkWidget *widget,
            gpointer   data)
{
  return scraper_source_row_get_id (SCRAPER_SOURCE_ROW (widget)) == *(gint64 *) data;
}

static GtkWidget *
find_source_row (Fixture *f,
                 gint64   id)
{
  return ui_test_find_widget (f->sources, SCRAPER_TYPE_SOURCE_ROW, row_has_id, &id);
}

static gboolean
status_page_shown (GtkWidget *widget,
                   gpointer   data)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0 &&
         gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  return ui_test_find_widget (root, ADW_TYPE_STATUS_PAGE, status_page_shown, (gpointer) title);
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
  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), data) &&
         gtk_widget_get_visible (widget);
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

  /* Say what was shown instead. */
  ui_test_find_widget (root, GTK_TYPE_LABEL, dump_label, NULL);
  return FALSE;
}

static gboolean
dialog_shown (gpointer data)
{
  GtkWindow *dialog = ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static GtkWidget *
open_dialog (Fixture    *f,
             const char *action,
             GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (f->sources, action, param));
  g_assert_true (ui_test_spin_until (dialog_shown, NULL, 5000));
  return GTK_WIDGET (ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG));
}

static gboolean
dialog_gone (gpointer data)
{
  return ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG) == NULL;
}

typedef struct {
  Fixture *f;
  guint    n;
} WaitItems;

static gboolean
jobs_have_items (gpointer data)
{
  WaitItems *w = data;

  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (w->f->jobs))) == w->n;
}

static void
wait_for_jobs (Fixture *f,
               guint    n)
{
  WaitItems w = { f, n };

  g_assert_true (ui_test_spin_until (jobs_have_items, &w, WAIT_MS));
}

static void
scrape_and_wait (Fixture *f,
                 gint64   id,
                 guint    n_postings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = scraper_context_scrape (f->context, &id, 1, SCRAPER_TASK_PRIORITY_USER, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  wait_for_jobs (f, n_postings);
}

/* Tests */

static void
test_empty_states (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page = find_status_page (f->sources, "No Sources");

  g_assert_nonnull (page);
  g_assert_nonnull (ui_test_find_button (page, "Add Source"));
  g_assert_nonnull (ui_test_find_button (page, "Try a Sample Job Board"));
  g_assert_nonnull (find_status_page (f->jobs, "No Jobs Yet"));
  g_assert_null (find_status_page (f->jobs, "No Results"));
  g_assert_cmpuint (g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs))), ==, 0);
}

typedef struct {
  Fixture *f;
  gint64   id;
} SourceRun;

static gboolean
has_tooltip (GtkWidget *widget,
             gpointer   data)
{
  const char *tooltip = scraper_tooltip_get (widget);

  return g_strcmp0 (tooltip != NULL ? tooltip : gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
source_has_run (gpointer data)
{
  SourceRun *run = data;
  g_autoptr(ScraperSource) source = scraper_store_get_source (scraper_context_get_store (run->f->context),
                                                              run->id, NULL);

  return source != NULL && source->last_run > 0 && g_strcmp0 (source->last_outcome, "completed") == 0;
}

typedef struct {
  Fixture *f;
  gint64   id;
} RowWait;

static gboolean
source_row_mapped (gpointer data)
{
  RowWait *w = data;
  GtkWidget *row = find_source_row (w->f, w->id);

  return row != NULL && gtk_widget_get_mapped (row);
}

static void
test_add_through_dialog (Fixture       *f,
                         gconstpointer  data)
{
  RowWait row_wait;
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  g_autoptr(GPtrArray) sources = NULL;
  GtkWidget *dialog = open_dialog (f, "sources.add", NULL);
  ScraperSource *source;

  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  /* The name follows the address, then the company of the postings found. */
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (dialog, "Name")), ==, "127.0.0.1");
  g_assert_true (wait_for_label (dialog, "Found 6 postings"));
  /* The first titles are previewed. */
  g_assert_true (wait_for_label (dialog, "• "));
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (dialog, "Name")), ==, "Acme Corp");
  gtk_editable_set_text (find_entry_row (dialog, "Name"), "Acme Careers");

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));

  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 1);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (source->url, ==, url);
  g_assert_cmpstr (source->kind, ==, "jsonld");
  g_assert_cmpstr (source->name, ==, "Acme Careers");
  g_assert_true (source->enabled);
  /* The command line's page limit, not a smaller one that cuts big sites short. */
  g_assert_cmpint (scraper_source_get_setting_int (source, "max_pages", 0), ==, 5000);
  g_assert_true (scraper_source_get_setting_boolean (source, "obey_robots", FALSE));

  /* The list is read again on the store's thread. */
  row_wait.f = f;
  row_wait.id = source->id;
  g_assert_true (ui_test_spin_until (source_row_mapped, &row_wait, 5000));
  g_assert_null (find_status_page (f->sources, "No Sources"));

  /* A new source is scraped at once, without a click on Scrape. */
  {
    SourceRun run = { f, source->id };

    g_assert_true (ui_test_spin_until (source_has_run, &run, WAIT_MS));
  }
}

/* "Scrape Now" in a source's row scrapes that source alone. */
static void
test_scrape_now (Fixture       *f,
                 gconstpointer  data)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autofree char *url_a = site_url (f, "/acme/careers/index.html");
  g_autofree char *url_b = site_url (f, "/feeds/jobs.rss");
  g_autoptr(ScraperSource) a = scraper_source_new ();
  g_autoptr(ScraperSource) b = scraper_source_new ();
  SourceRun run_a = { f, 0 }, run_b = { f, 0 };
  GtkWidget *row;

  a->url = g_strdup (url_a), a->kind = g_strdup ("jsonld"), a->name = g_strdup ("Acme"), a->enabled = TRUE;
  b->url = g_strdup (url_b), b->kind = g_strdup ("feed"), b->name = g_strdup ("Feed"), b->enabled = TRUE;
  run_a.id = scraper_store_add_source (store, a, NULL);
  run_b.id = scraper_store_add_source (store, b, NULL);
  g_assert_cmpint (run_a.id, >, 0);
  reload_and_wait (f);

  row = find_source_row (f, run_a.id);
  g_assert_nonnull (row);
  gtk_widget_activate (ui_test_find_widget (row, GTK_TYPE_BUTTON, has_tooltip, (gpointer) "Scrape Now"));
  g_assert_true (ui_test_spin_until (source_has_run, &run_a, WAIT_MS));
  ui_test_spin (200);
  g_assert_false (source_has_run (&run_b));
}

static gboolean
row_says_limit (gpointer data)
{
  SourceRun *run = data;
  GtkWidget *row;

  /* Asks again once the last answer is shown (a newer reload would drop
   * the one under way). */
  if (!scraper_sources_view_get_loading (SCRAPER_SOURCES_VIEW (run->f->sources)))
    scraper_sources_view_reload (SCRAPER_SOURCES_VIEW (run->f->sources));
  row = find_source_row (run->f, run->id);
  return row != NULL && ui_test_find_widget (row, GTK_TYPE_LABEL, label_has_prefix,
                                             (gpointer) "Stopped at the 3-page limit: ") != NULL;
}

/* A run the page limit cuts short says so in its row, as a warning, not
 * an error. */
static void
test_page_limit_said (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  g_autoptr(ScraperSource) a = scraper_source_new ();
  SourceRun run = { f, 0 };
  GtkWidget *label;

  a->url = g_strdup (url), a->kind = g_strdup ("jsonld"), a->name = g_strdup ("Acme"), a->enabled = TRUE;
  a->settings = g_strdup ("{\"max_pages\": 3}");
  run.id = scraper_store_add_source (scraper_context_get_store (f->context), a, NULL);
  reload_and_wait (f);
  gtk_widget_activate (ui_test_find_widget (find_source_row (f, run.id), GTK_TYPE_BUTTON, has_tooltip,
                                            (gpointer) "Scrape Now"));
  g_assert_true (ui_test_spin_until (source_has_run, &run, WAIT_MS));
  g_assert_true (ui_test_spin_until (row_says_limit, &run, WAIT_MS));
  label = ui_test_find_widget (find_source_row (f, run.id), GTK_TYPE_LABEL, label_has_prefix,
                               (gpointer) "Stopped at the 3-page limit: ");
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  g_assert_false (gtk_widget_has_css_class (label, "error"));
}

/* An HTML source whose selectors cannot work is not saved: the dialog
 * says why and stays open; fixed, it is saved. */
static void
test_html_selectors_checked (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  g_autoptr(GPtrArray) sources = NULL;
  GtkWidget *dialog = open_dialog (f, "sources.add", NULL);
  GtkWidget *kind = ui_test_find_widget (dialog, ADW_TYPE_COMBO_ROW, NULL, NULL);
  const char * const *kinds = scraper_source_get_kinds ();
  guint html = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], "html"))
      html = i + 1;   /* after "auto" */
  g_assert_cmpuint (html, >, 0);

  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), html);
  gtk_editable_set_text (find_entry_row (dialog, "Name"), "Acme Listing");
  gtk_editable_set_text (find_entry_row (dialog, "Posting Selector (XPath)"), "//ul[@class=");
  gtk_editable_set_text (find_entry_row (dialog, "Title Selector"), "./a");
  gtk_editable_set_text (find_entry_row (dialog, "Link Selector"), "./a/@href");
  ui_test_spin (50);

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (wait_for_label (dialog, "The “item” selector “//ul[@class=” is not a valid XPath expression"));
  g_assert_nonnull (ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG));
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 0);
  g_clear_pointer (&sources, g_ptr_array_unref);

  gtk_editable_set_text (find_entry_row (dialog, "Posting Selector (XPath)"), "//ul[@class='jobs']/li");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (((ScraperSource *) sources->pdata[0])->kind, ==, "html");
}

static void
check_invalid (GtkWidget  *dialog,
               GtkWidget  *save,
               const char *url,
               const char *error_prefix)
{
  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  ui_test_spin (20);
  g_assert_true (wait_for_label (dialog, error_prefix));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_entry_row (dialog, "URL")), "error"));
  /* Nothing is detected for an address that cannot be scraped. */
  g_assert_false (scraper_add_source_dialog_get_busy (SCRAPER_ADD_SOURCE_DIALOG (dialog)));
}

static void
test_invalid_url_ftp_and_garbage (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "sources.add", NULL);
  GtkWidget *save = ui_test_find_button (dialog, "_Add");

  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (save));

  check_invalid (dialog, save, "ftp://example.com/jobs", "Only http:// and https://");
  check_invalid (dialog, save, "not a web address", "Enter a web address");
  check_invalid (dialog, save, "http://", "The web address has no host name");
  check_invalid (dialog, save, "https://exa mple.com/", "This is not a valid web address");

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));
  g_assert_cmpuint (count_sources (f), ==, 0);
}

static void
test_detection_fails_unknown_kind (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/no-such-page");
  GtkWidget *dialog = open_dialog (f, "sources.add", NULL);
  GtkWidget *save = ui_test_find_button (dialog, "_Add");

  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  g_assert_true (wait_for_label (dialog, "Could not tell what kind of source this is"));
  g_assert_false (gtk_widget_get_sensitive (save));
}

static void
test_toggle_enabled (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  GtkWidget *row = find_source_row (f, id);
  GtkWidget *sw = ui_test_find_widget (row, GTK_TYPE_SWITCH, NULL, NULL);
  g_autoptr(ScraperSource) off = NULL;
  g_autoptr(ScraperSource) on = NULL;

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  off = get_source (f, id);
  g_assert_false (off->enabled);

  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  on = get_source (f, id);
  g_assert_true (on->enabled);
}

static gboolean
row_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  GtkWidget *row = find_source_row (f, id);
  GtkWidget *undo;

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.remove", "x", id));
  g_assert_false (gtk_widget_get_visible (row));
  g_assert_nonnull (find_status_page (f->sources, "No Sources"));

  ui_test_spin (300);
  undo = ui_test_find_button (f->sources, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (ui_test_spin_until (row_visible, row, 5000));

  g_assert_cmpuint (count_sources (f), ==, 1);
  scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (f->sources));
  g_assert_cmpuint (count_sources (f), ==, 1);
  g_assert_true (gtk_widget_get_visible (find_source_row (f, id)));
}

static void
test_remove_without_undo (Fixture       *f,
                          gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.remove", "x", id));
  /* Still stored while Undo is offered. */
  g_assert_cmpuint (count_sources (f), ==, 1);

  scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (f->sources));
  ui_test_spin (50);
  g_assert_cmpuint (count_sources (f), ==, 0);
  g_assert_null (find_source_row (f, id));
  g_assert_nonnull (find_status_page (f->sources, "No Sources"));
}

static void
test_edit_name (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  g_autoptr(ScraperSource) edited = NULL;
  GtkWidget *dialog = open_dialog (f, "sources.edit", g_variant_new_int64 (id));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Source");
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (dialog, "Name")), ==, "Acme");
  gtk_editable_set_text (find_entry_row (dialog, "Name"), "Acme Renamed");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));

  edited = get_source (f, id);
  g_assert_cmpstr (edited->name, ==, "Acme Renamed");
  g_assert_cmpstr (edited->kind, ==, "jsonld");
  g_assert_cmpuint (count_sources (f), ==, 1);
  g_assert_true (wait_for_label (f->sources, "Acme Renamed"));
}

static void
test_dialog_close_cancels_detection (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  ScraperAddSourceDialog *dialog = SCRAPER_ADD_SOURCE_DIALOG (open_dialog (f, "sources.add", NULL));

  g_object_ref (dialog);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "URL"), url);
  g_assert_true (scraper_add_source_dialog_get_busy (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (scraper_add_source_dialog_get_busy (dialog));
  g_object_unref (dialog);
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));
  g_assert_cmpuint (count_sources (f), ==, 0);
}

static gboolean
has_one_source (gpointer data)
{
  return count_sources (data) == 1;
}

static void
test_sample_board (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(ScraperPostingObject) first = NULL;
  ScraperSource *source;
  gint64 first_id;

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.try-sample", NULL));
  /* Added on the store's thread. */
  g_assert_true (ui_test_spin_until (has_one_source, f, 10000));
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 1);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (source->name, ==, "Sample Job Board");
  g_assert_cmpstr (source->kind, ==, "jsonld");
  g_assert_true (g_str_has_prefix (source->url, "http://127.0.0.1:"));
  first_id = source->id;

  wait_for_jobs (f, 12);
  first = g_list_model_get_item (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)), 0);
  g_assert_cmpstr (scraper_posting_object_get_posting (first)->company, ==, "Sample Company");
  g_assert_null (find_status_page (f->jobs, "No Jobs Yet"));
  g_assert_true (wait_for_label (f->sources, "Career Site (JSON-LD) · Just now · 12 postings"));

  /* Again: the same source is reused, not duplicated. */
  g_assert_true (gtk_widget_activate_action (f->sources, "sources.try-sample", NULL));
  scraper_store_wait_writes (scraper_context_get_store (f->context));
  g_assert_cmpuint (count_sources (f), ==, 1);
  g_clear_pointer (&sources, g_ptr_array_unref);
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpint (((ScraperSource *) g_ptr_array_index (sources, 0))->id, ==, first_id);
}

static gboolean
model_size_is (gpointer data)
{
  WaitItems *w = data;

  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (w->f->jobs))) == w->n;
}

static void
set_search (Fixture    *f,
            const char *text,
            guint       expect)
{
  GtkWidget *entry = ui_test_find_widget (f->jobs, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  WaitItems w = { f, expect };

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (ui_test_spin_until (model_size_is, &w, 5000));
}

static gboolean
toggle_has_label (GtkWidget *widget,
                  gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
label_is (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* The scrolled window of the postings list (drop-downs have lists too). */
static gboolean
scrolls_list (GtkWidget *widget,
              gpointer   data)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));
  GtkSelectionModel *selection;
  GListModel *shown;

  if (!GTK_IS_LIST_VIEW (child))
    return FALSE;
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (child));
  if (!GTK_IS_NO_SELECTION (selection))
    return FALSE;
  /* The list view sees the postings through a slice (cut until drawn). */
  shown = gtk_no_selection_get_model (GTK_NO_SELECTION (selection));
  return GTK_IS_SLICE_LIST_MODEL (shown) &&
         gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (shown)) == data;
}

/* More postings than a page: the list shows the first page and says how
 * many there are; scrolling to the end reads the next page. */
static void
test_jobs_next_pages (Fixture       *f,
                      gconstpointer  data)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperJobsView *jobs = SCRAPER_JOBS_VIEW (f->jobs);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  ScraperSync *sync;

  source->name = g_strdup ("Big Board");
  source->url = g_strdup ("https://big.example/jobs");
  source->kind = g_strdup ("greenhouse");
  g_assert_cmpint (scraper_store_add_source (store, source, &error), >, 0);
  for (guint i = 0; i < 1234; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i);
      p->url = g_strdup_printf ("https://big.example/jobs/%u", i);
      p->title = g_strdup_printf ("Engineer %u", i);
      p->company = g_strdup ("Big");
      p->date_posted = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, source->id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);

  scraper_jobs_view_reload (jobs);
  wait_for_jobs (f, 500);
  /* The count follows the first page. */
  g_assert_true (wait_for_label (f->jobs, "Showing 500 of 1234"));
  g_assert_cmpuint (scraper_jobs_view_get_n_total (jobs), ==, 1234);
  g_assert_nonnull (ui_test_find_widget (f->jobs, GTK_TYPE_LABEL, label_is, (gpointer) "Showing 500 of 1234"));

  /* a scrape stores a newer posting between two pages: the pages shift by
   * one, and the posting at the end of the first is not shown twice */
  {
    g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
    ScraperPosting *p = scraper_posting_new ();

    p->external_id = g_strdup ("new");
    p->url = g_strdup ("https://big.example/jobs/new");
    p->title = g_strdup ("Newest Engineer");
    p->company = g_strdup ("Big");
    p->date_posted = g_strdup ("2027-01-01");
    g_ptr_array_add (newer, p);
    sync = scraper_store_begin_sync (store, source->id, &error);
    g_assert_true (scraper_sync_add (sync, newer, &error));
    g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_PARTIAL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  scraper_jobs_view_load_more (jobs);
  scraper_jobs_view_load_more (jobs);   /* one page at a time */
  wait_for_jobs (f, 999);
  ui_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (scraper_jobs_view_get_model (jobs)), ==, 999);

  /* as a user does: scroll to the end of the list */
  scrolled = ui_test_find_widget (f->jobs, GTK_TYPE_SCROLLED_WINDOW, scrolls_list,
                                  scraper_jobs_view_get_model (jobs));
  g_assert_nonnull (scrolled);
  ui_test_spin (200);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_for_jobs (f, 1234);
  g_assert_nonnull (ui_test_find_widget (f->jobs, GTK_TYPE_LABEL, label_is, (gpointer) "1234 postings"));

  /* every posting once, newest first */
  {
    GListModel *model = scraper_jobs_view_get_model (jobs);
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
    g_autofree char *last = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);
        const ScraperPosting *p = scraper_posting_object_get_posting (item);

        g_assert_true (g_hash_table_add (seen, GINT_TO_POINTER ((int) p->id)));
        if (last != NULL)
          g_assert_cmpstr (p->date_posted, <=, last);
        g_free (last);
        last = g_strdup (p->date_posted);
      }
  }

  scraper_jobs_view_load_more (jobs);   /* nothing more */
  ui_test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (scraper_jobs_view_get_model (jobs)), ==, 1234);
}

/* A batch lands: the rows of the postings that did not change stay the
 * same widgets, showing the same items (not rebuilt, not even rebound). */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (SCRAPER_IS_POSTING_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

typedef struct {
  gint64     id;
  GtkWidget *row;       /* weak */
  gpointer   item;      /* weak */
} ShownRow;

static void
test_jobs_rows_kept_while_a_batch_lands (Fixture       *f,
                                         gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(ScraperSource) other = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  ScraperSync *sync;
  ShownRow shown[16] = { { 0 } };
  guint n_shown = 0;
  guint n_kept = 0;
  gint64 other_id;

  scrape_and_wait (f, id, 6);
  ui_test_spin (200);
  collect_rows (f->jobs, rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len && n_shown < G_N_ELEMENTS (shown); i++)
    {
      ScraperPostingObject *item = scraper_posting_row_get_item (SCRAPER_POSTING_ROW (rows->pdata[i]));

      if (item == NULL)
        continue;
      shown[n_shown].id = scraper_posting_object_get_id (item);
      g_set_weak_pointer (&shown[n_shown].row, rows->pdata[i]);
      g_set_weak_pointer (&shown[n_shown].item, item);
      n_shown++;
    }
  g_assert_cmpuint (n_shown, >, 0);

  /* Another source's batch lands, newer than everything: the list gains
   * three postings at its top, as after a scrape. */
  other->url = g_strdup ("https://other.example/jobs");
  other->kind = g_strdup ("greenhouse");
  other->name = g_strdup ("Other");
  other_id = scraper_store_add_source (store, other, &error);
  g_assert_no_error (error);
  sync = scraper_store_begin_sync (store, other_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("other-%u", i);
      p->url = g_strdup_printf ("https://other.example/jobs/%u", i);
      p->title = g_strdup_printf ("Newer Opening %u", i);
      p->company = g_strdup ("Other");
      p->date_posted = g_strdup ("2099-01-01");
      g_ptr_array_add (batch, p);
    }
  g_assert_true (scraper_sync_add (sync, batch, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);

  scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (f->jobs));
  wait_for_jobs (f, 9);
  ui_test_spin (200);

  g_ptr_array_set_size (rows, 0);
  collect_rows (f->jobs, rows);
  for (guint i = 0; i < n_shown; i++)
    {
      for (guint r = 0; r < rows->len; r++)
        {
          ScraperPostingObject *item = scraper_posting_row_get_item (SCRAPER_POSTING_ROW (rows->pdata[r]));

          if (item == NULL || scraper_posting_object_get_id (item) != shown[i].id)
            continue;
          /* Still shown: by the same row, with the same item. */
          g_assert_true (rows->pdata[r] == shown[i].row);
          g_assert_true ((gpointer) item == shown[i].item);
          n_kept++;
        }
      g_clear_weak_pointer (&shown[i].row);
      g_clear_weak_pointer (&shown[i].item);
    }
  g_test_message ("%u rows shown before the batch, %u of them still shown and kept", n_shown, n_kept);
  g_assert_cmpuint (n_kept, >, 0);
}

static void
test_jobs_search_star_and_no_results (Fixture       *f,
                                      gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  g_autoptr(ScraperPostingObject) item = NULL;
  g_autoptr(ScraperPosting) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GtkWidget *star;
  GtkWidget *starred;

  scrape_and_wait (f, id, 6);

  set_search (f, "Designer", 1);
  item = g_list_model_get_item (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)), 0);
  g_assert_cmpstr (scraper_posting_object_get_posting (item)->title, ==, "Product Designer");
  ui_test_spin (100);

  row = ui_test_find_widget (f->jobs, SCRAPER_TYPE_POSTING_ROW, NULL, NULL);
  g_assert_nonnull (row);
  g_assert_true (scraper_posting_row_get_item (SCRAPER_POSTING_ROW (row)) == item);
  star = ui_test_find_widget (row, GTK_TYPE_TOGGLE_BUTTON, NULL, NULL);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);

  scraper_store_wait_writes (scraper_context_get_store (f->context));
  stored = scraper_store_get_posting (scraper_context_get_store (f->context),
                                      scraper_posting_object_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_true (stored->favorite);
  g_assert_true (scraper_posting_object_get_favorite (item));
  g_assert_cmpstr (scraper_tooltip_get (star), ==, "Unstar");

  /* Starred only, without a search: the one starred posting. */
  set_search (f, "", 6);
  starred = ui_test_find_widget (f->jobs, GTK_TYPE_TOGGLE_BUTTON, toggle_has_label, (gpointer) "Starred");
  g_assert_nonnull (starred);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (starred), TRUE);
  wait_for_jobs (f, 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (starred), FALSE);
  wait_for_jobs (f, 6);

  /* Queries run off the main thread: reload returns before the result, and
   * of two quick searches only the newer one lands in the list. */
  {
    GtkWidget *entry = ui_test_find_widget (f->jobs, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
    WaitItems w = { f, 1 };

    g_signal_handlers_block_matched (entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->jobs);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Engineer");
    scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (f->jobs));
    g_assert_cmpuint (g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs))), ==, 6);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Designer");
    scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (f->jobs));
    g_signal_handlers_unblock_matched (entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->jobs);
    g_assert_true (ui_test_spin_until (model_size_is, &w, 5000));
    ui_test_spin (200);
    g_assert_cmpuint (g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs))), ==, 1);
    g_clear_object (&item);
    item = g_list_model_get_item (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)), 0);
    g_assert_cmpstr (scraper_posting_object_get_posting (item)->title, ==, "Product Designer");
  }

  /* Filters that match nothing are "No Results", not "No Jobs Yet". */
  set_search (f, "zzzqqqxxx", 0);
  ui_test_spin (50);
  g_assert_nonnull (find_status_page (f->jobs, "No Results"));
  g_assert_null (find_status_page (f->jobs, "No Jobs Yet"));
}

static void
test_jobs_details (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  g_autoptr(ScraperPostingObject) item = NULL;
  g_autoptr(ScraperPosting) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *text_view;
  gint64 posting_id;

  scrape_and_wait (f, id, 6);
  item = g_list_model_get_item (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)), 0);
  posting_id = scraper_posting_object_get_id (item);

  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.show-posting", "x", posting_id));
  ui_test_spin (100);
  g_assert_true (wait_for_label (f->jobs, scraper_posting_object_get_posting (item)->title));
  g_assert_true (wait_for_label (f->jobs, "We use"));

  text_view = ui_test_find_widget (f->jobs, GTK_TYPE_TEXT_VIEW, NULL, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "Call back on Monday", -1);
  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.close-details", NULL));

  scraper_store_wait_writes (scraper_context_get_store (f->context));
  stored = scraper_store_get_posting (scraper_context_get_store (f->context), posting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->notes, ==, "Call back on Monday");
}

typedef struct {
  gboolean done;
  int      added;
  GError  *error;
} ImportWait;

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportWait *w = user_data;

  w->added = scraper_sources_view_import_file_finish (SCRAPER_SOURCES_VIEW (object), result, &w->error);
  w->done = TRUE;
}

static gboolean
import_done (gpointer data)
{
  return ((ImportWait *) data)->done;
}

/* Imports @file through the view (on the store's thread) and waits. */
static int
import_and_wait (Fixture  *f,
                 GFile    *file,
                 GError  **error)
{
  ImportWait w = { 0 };

  scraper_sources_view_import_file_async (SCRAPER_SOURCES_VIEW (f->sources), file, imported_cb, &w);
  g_assert_true (ui_test_spin_until (import_done, &w, 10000));
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.added;
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} ExportWait;

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportWait *w = user_data;

  w->ok = scraper_sources_view_export_file_finish (SCRAPER_SOURCES_VIEW (object), result, &w->error);
  w->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->done;
}

/* Exports through the view (read on the store's thread) and waits. */
static gboolean
export_and_wait (Fixture  *f,
                 GFile    *file,
                 GError  **error)
{
  ExportWait w = { 0 };

  scraper_sources_view_export_file_async (SCRAPER_SOURCES_VIEW (f->sources), file, exported_cb, &w);
  g_assert_true (ui_test_spin_until (export_done, &w, WAIT_MS));
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "sources.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");

  add_source (f, "/feeds/acme.rss", "feed", "Acme Feed");
  g_assert_true (export_and_wait (f, file, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.remove", "x", id));
  scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (f->sources));
  g_assert_cmpuint (count_sources (f), ==, 1);

  /* The feed is there already; only the removed source comes back. */
  g_assert_cmpint (import_and_wait (f, file, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (count_sources (f), ==, 2);
  g_assert_true (wait_for_label (f->sources, "Acme"));
  g_unlink (path);
}

static void
test_import_not_json (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\"not\": \"a list\"}", -1, NULL));
  g_assert_cmpint (import_and_wait (f, file, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (count_sources (f), ==, 0);
  g_unlink (path);
}

/* The window's own SQLite: adding a source through the dialog (and its
 * scrape at once), importing sources, trying the sample and showing a
 * posting's details all read and write on the store's thread, never on
 * the main one (the store counts the statements the main thread runs). */

static gboolean
manager_idle (gpointer data)
{
  Fixture *f = data;

  return !scraper_task_manager_get_busy (scraper_context_get_task_manager (f->context));
}

static gboolean
history_read (gpointer data)
{
  Fixture *f = data;
  GtkWidget *history = ui_test_find_widget (f->jobs, SCRAPER_TYPE_POSTING_HISTORY, NULL, NULL);

  return history != NULL && gtk_widget_get_visible (history) &&
         !scraper_posting_history_get_loading (SCRAPER_POSTING_HISTORY (history));
}

static void
test_no_main_thread_sqlite_dialog_import_details (Fixture       *f,
                                                  gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/feeds/acme.rss");
  g_autofree char *imported_url = site_url (f, "/acme/careers/index.html?imported");
  g_autofree char *path = g_build_filename (f->dir, "import.json", NULL);
  g_autofree char *json = g_strdup_printf ("[{\"name\": \"Imported Site\", \"url\": \"%s\", \"kind\": \"jsonld\"}]",
                                           imported_url);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperPostingObject) item = NULL;
  g_autofree char *first_sql = NULL;
  gint64 id = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  GtkWidget *dialog;
  guint n_calls, n_writes;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  scrape_and_wait (f, id, 6);
  g_assert_true (ui_test_spin_until (manager_idle, f, WAIT_MS));
  item = g_list_model_get_item (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)), 0);
  ui_test_spin (100);

  /* From here on, any statement the main thread runs is counted. */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);

  dialog = open_dialog (f, "sources.add", NULL);
  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  g_assert_true (wait_for_label (dialog, "Found 6 postings"));
  gtk_editable_set_text (find_entry_row (dialog, "Name"), "Dialog Feed");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, WAIT_MS));
  g_assert_true (wait_for_label (f->sources, "Dialog Feed"));
  /* and scraped at once */
  g_assert_true (ui_test_spin_until (manager_idle, f, WAIT_MS));

  g_assert_cmpint (import_and_wait (f, file, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (wait_for_label (f->sources, "Imported Site"));

  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.show-posting", "x",
                                             scraper_posting_object_get_id (item)));
  g_assert_true (ui_test_spin_until (history_read, f, WAIT_MS));

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.try-sample", NULL));
  g_assert_true (wait_for_label (f->sources, "Sample Job Board"));
  g_assert_true (ui_test_spin_until (manager_idle, f, WAIT_MS));
  ui_test_spin (100);

  n_calls = scraper_store_get_main_thread_calls (&n_writes, &first_sql);
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_OFF);
  g_test_message ("Main-thread SQLite: %u statements, %u writing; first: %s",
                  n_calls, n_writes, first_sql ? first_sql : "none");
  g_assert_cmpuint (n_writes, ==, 0);
  g_assert_cmpuint (n_calls, ==, 0);
  g_unlink (path);
}

typedef struct {
  Fixture *f;
  gint64   id;
  gboolean shown;
} RowState;

/* The row of @id is there, visible or hidden as asked, and the list is
 * read. */
static gboolean
row_is_shown (gpointer data)
{
  RowState *w = data;
  GtkWidget *row = find_source_row (w->f, w->id);

  return !scraper_sources_view_get_loading (SCRAPER_SOURCES_VIEW (w->f->sources)) &&
         row != NULL && gtk_widget_get_visible (row) == w->shown;
}

static gboolean
row_is_gone (gpointer data)
{
  RowState *w = data;

  return !scraper_sources_view_get_loading (SCRAPER_SOURCES_VIEW (w->f->sources)) &&
         find_source_row (w->f, w->id) == NULL;
}

static gboolean
undo_offered (gpointer data)
{
  return ui_test_find_button (data, "_Undo") != NULL;
}

/* What the Sources view does with what the store holds, none of it with a
 * statement on the main thread: the view made at start with sources there
 * (and a sample board from an earlier run to point at this run's server),
 * Edit, Export, Remove with Undo, Remove, and Import. */
static void
test_no_main_thread_sqlite_sources_actions (Fixture       *f,
                                            gconstpointer  data)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autofree char *path = g_build_filename (f->dir, "exported.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ScraperSource) sample = scraper_source_new ();
  g_autoptr(ScraperSource) revived = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_sql = NULL;
  g_autofree char *exported = NULL;
  gint64 acme = add_source (f, "/acme/careers/index.html", "jsonld", "Acme");
  gint64 feed = add_source (f, "/feeds/acme.rss", "feed", "Acme Feed");
  GtkWidget *window, *dialog, *undo;
  RowState row = { f, 0, TRUE };
  ScraperSampleSite *site;
  guint n_calls, n_writes;

  /* A sample board of an earlier run, on a port long gone. */
  sample->name = g_strdup ("Sample Job Board");
  sample->url = g_strdup ("http://127.0.0.1:9/jobs/");
  sample->kind = g_strdup ("jsonld");
  sample->enabled = TRUE;
  sample->id = scraper_store_add_source (store, sample, &error);
  g_assert_no_error (error);
  ui_test_spin (100);

  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);

  /* At start: a new view over a store with sources, shown at once. */
  window = GTK_WIDGET (adw_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  f->sources = g_object_new (SCRAPER_TYPE_SOURCES_VIEW, "context", f->context, NULL);
  adw_window_set_content (ADW_WINDOW (window), f->sources);
  gtk_window_present (GTK_WINDOW (window));
  row.id = acme;
  g_assert_true (ui_test_spin_until (row_is_shown, &row, WAIT_MS));
  g_assert_cmpuint (scraper_sources_view_get_n_sources (SCRAPER_SOURCES_VIEW (f->sources)), ==, 3);
  g_assert_true (wait_for_label (f->sources, "3 Sources"));

  /* Edit reads the source on the store's thread, then opens it. */
  dialog = open_dialog (f, "sources.edit", g_variant_new_int64 (acme));
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (dialog, "Name")), ==, "Acme");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, WAIT_MS));

  /* Export lists them there too. */
  g_assert_true (export_and_wait (f, file, &error));
  g_assert_no_error (error);

  /* Remove, then Undo: the row hides and comes back without the store. */
  g_assert_true (gtk_widget_activate_action (f->sources, "sources.remove", "x", acme));
  row.shown = FALSE;
  g_assert_true (row_is_shown (&row));
  g_assert_true (wait_for_label (f->sources, "2 Sources"));
  g_assert_true (ui_test_spin_until (undo_offered, f->sources, WAIT_MS));
  undo = ui_test_find_button (f->sources, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  row.shown = TRUE;
  g_assert_true (ui_test_spin_until (row_is_shown, &row, WAIT_MS));
  g_assert_true (wait_for_label (f->sources, "3 Sources"));

  /* Remove for good: written there, then read again. */
  g_assert_true (gtk_widget_activate_action (f->sources, "sources.remove", "x", feed));
  scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (f->sources));
  row.id = feed;
  g_assert_true (ui_test_spin_until (row_is_gone, &row, WAIT_MS));

  /* Import adds back what Export wrote and is missing. */
  g_assert_cmpint (import_and_wait (f, file, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (wait_for_label (f->sources, "Acme Feed"));
  wait_loaded (f->sources);
  ui_test_spin (100);

  n_calls = scraper_store_get_main_thread_calls (&n_writes, &first_sql);
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_OFF);
  g_test_message ("Main-thread SQLite: %u statements, %u writing; first: %s",
                  n_calls, n_writes, first_sql ? first_sql : "none");
  g_assert_cmpuint (n_calls, ==, 0);

  /* What was done, as the store says. */
  g_assert_cmpuint (count_sources (f), ==, 3);
  g_assert_true (g_file_get_contents (path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "\"Acme Feed\""));
  site = scraper_sample_site_get_default (&error);
  g_assert_no_error (error);
  revived = get_source (f, sample->id);
  g_assert_cmpstr (revived->url, ==, scraper_sample_site_get_url (site));
  g_unlink (path);
}

/* The preview of a career site with 50 postings reads fewer (it stops at
 * its page limit): it says how many it read of how many the site lists,
 * never "more than" the number it read. */
static void
test_preview_count_of_a_site_cut_short (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GString) index = g_string_new ("<!DOCTYPE html><html><head><title>Careers at Big</title></head><body><ul>");
  g_autofree char *url = site_url (f, "/big/careers/index.html");
  GtkWidget *dialog;
  GtkWidget *label;
  const char *text;

  for (guint i = 1; i <= 50; i++)
    {
      g_autofree char *path = g_strdup_printf ("/big/careers/jobs/%u", i);
      g_autofree char *page = g_strdup_printf ("<!DOCTYPE html><html><head><title>Job %u</title>"
                                               "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
                                               "\"@type\": \"JobPosting\", \"title\": \"Engineer %u\", "
                                               "\"datePosted\": \"2026-03-01\", \"description\": \"Build things.\", "
                                               "\"hiringOrganization\": {\"@type\": \"Organization\", \"name\": \"Big\"}}"
                                               "</script></head><body><h1>Engineer %u</h1></body></html>", i, i, i);

      scraper_test_server_add_text (f->server, path, "text/html", page);
      g_string_append_printf (index, "<li><a href=\"/big/careers/jobs/%u\">Engineer %u</a></li>", i, i);
    }
  g_string_append (index, "</ul></body></html>");
  scraper_test_server_add_text (f->server, "/big/careers/index.html", "text/html", index->str);

  dialog = open_dialog (f, "sources.add", NULL);
  gtk_editable_set_text (find_entry_row (dialog, "URL"), url);
  g_assert_true (wait_for_label (dialog, "Found "));
  label = ui_test_find_widget (dialog, GTK_TYPE_LABEL, label_has_prefix, (gpointer) "Found ");
  text = gtk_label_get_label (GTK_LABEL (label));
  g_test_message ("The preview says: %s", text);
  g_assert_null (strstr (text, "more than"));
  g_assert_true (g_str_has_suffix (text, " of about 50 postings (Career Site (JSON-LD))"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));
}

static void
test_format_salary (void)
{
  g_autoptr(ScraperPosting) p = scraper_posting_new ();
  g_autofree char *year = NULL;
  g_autofree char *hour = NULL;
  g_autofree char *from = NULL;

  p->salary_min = 60000;
  p->salary_max = 75000;
  p->salary_currency = g_strdup ("EUR");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  year = scraper_format_salary (p);
  g_assert_cmpstr (year, ==, "€60k–75k / year");

  p->salary_min = 45;
  p->salary_max = 60.5;
  g_free (p->salary_currency);
  p->salary_currency = g_strdup ("CHF");
  p->salary_period = SCRAPER_SALARY_PERIOD_HOUR;
  hour = scraper_format_salary (p);
  g_assert_cmpstr (hour, ==, "CHF 45–60.50 / hour");

  p->salary_max = NAN;
  p->salary_min = 50000;
  p->salary_period = SCRAPER_SALARY_PERIOD_UNKNOWN;
  from = scraper_format_salary (p);
  g_assert_cmpstr (from, ==, "from CHF 50k");

  p->salary_min = NAN;
  g_assert_null (scraper_format_salary (p));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sources/empty-states", test_empty_states);
  ADD ("/sources/add-through-dialog", test_add_through_dialog);
  ADD ("/sources/html-selectors-checked", test_html_selectors_checked);
  ADD ("/sources/invalid-url-ftp-and-garbage", test_invalid_url_ftp_and_garbage);
  ADD ("/sources/detection-fails-unknown-kind", test_detection_fails_unknown_kind);
  ADD ("/sources/dialog-close-cancels-detection", test_dialog_close_cancels_detection);
  ADD ("/sources/toggle-enabled", test_toggle_enabled);
  ADD ("/sources/remove-undo", test_remove_undo);
  ADD ("/sources/remove-without-undo", test_remove_without_undo);
  ADD ("/sources/edit-name", test_edit_name);
  ADD ("/sources/scrape-now", test_scrape_now);
  ADD ("/sources/page-limit-said", test_page_limit_said);
  ADD ("/sources/import-export", test_import_export);
  ADD ("/sources/import-not-json", test_import_not_json);
  ADD ("/sources/sample-board", test_sample_board);
  ADD ("/sources/preview-count-of-a-site-cut-short", test_preview_count_of_a_site_cut_short);
  ADD ("/sources/no-main-thread-sqlite-dialog-import-details", test_no_main_thread_sqlite_dialog_import_details);
  ADD ("/sources/no-main-thread-sqlite-startup-edit-export-remove-undo-import", test_no_main_thread_sqlite_sources_actions);
  ADD ("/jobs/search-star-and-no-results", test_jobs_search_star_and_no_results);
  ADD ("/jobs/rows-kept-while-a-batch-lands", test_jobs_rows_kept_while_a_batch_lands);
  ADD ("/jobs/next-pages", test_jobs_next_pages);
  ADD ("/jobs/details-notes", test_jobs_details);
#undef ADD
  g_test_add_func ("/jobs/format-salary", test_format_salary);

  return g_test_run ();
}
