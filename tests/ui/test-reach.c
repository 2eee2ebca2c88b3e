/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Find a Company…" (from the Add Source dialog) and "Track a Posting…"
 * (from the window's menu, or a URL pasted on the Jobs view): the real
 * widgets over a ScraperContext on a temporary database, with one local
 * server standing in (JOB_SCRAPER_REMAP) for the boards' hosts. */
#include "config.h"

#include <glib/gstdio.h>

#include "app/scraper-context.h"
#include "scraper-test-server.h"
#include "ui/scraper-add-source-dialog.h"
#include "ui/scraper-find-company-dialog.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-sources-view.h"
#include "ui/scraper-track-posting-dialog.h"
#include "ui-test-util.h"

#define WAIT_MS 20000

#define GREENHOUSE_ACME \
  "{\"jobs\":[{\"id\":11,\"title\":\"Backend Engineer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/11\"," \
  "\"location\":{\"name\":\"Berlin, Germany\"},\"company_name\":\"Acme Corp\"}," \
  "{\"id\":12,\"title\":\"Designer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/12\"," \
  "\"location\":{\"name\":\"Remote\"},\"company_name\":\"Acme Corp\"}],\"meta\":{\"total\":2}}"
#define LEVER_ACME \
  "[{\"id\":\"6f1b2c3d-0000-4000-8000-000000000001\",\"text\":\"Support Lead\"," \
  "\"hostedUrl\":\"https://jobs.lever.co/acme/6f1b2c3d-0000-4000-8000-000000000001\"," \
  "\"categories\":{\"location\":\"Lisbon\"},\"createdAt\":1764000000000}]"
#define JSONLD_PAGE \
  "<!DOCTYPE html><html><head><title>Chef</title><script type=\"application/ld+json\">" \
  "{\"@context\":\"https://schema.org/\",\"@type\":\"JobPosting\",\"title\":\"Head Chef\"," \
  "\"description\":\"<p>Run the kitchen.</p>\",\"datePosted\":\"2026-11-10\"," \
  "\"hiringOrganization\":{\"@type\":\"Organization\",\"name\":\"Bistro Uno\"}}" \
  "</script></head><body><h1>Head Chef</h1></body></html>"

typedef struct {
  char              *dir;
  ScraperContext    *context;
  ScraperTestServer *server;
  GtkWindow         *window;
  GtkWidget         *sources;
  GtkWidget         *jobs;
  guint              n_saved;   /* "saved" of the Add Source dialog */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const hosts[] = {
    "boards-api.greenhouse.io", "api.lever.co", "api.ashbyhq.com", "apply.workable.com",
    "api.smartrecruiters.com", "*.recruitee.com", "*.jobs.personio.de", "*.jobs.personio.com", "*.bamboohr.com", "*.myworkdayjobs.com",
  };
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  f->server = scraper_test_server_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", hosts[i],
                            scraper_test_server_get_port (f->server));
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);

  f->dir = g_dir_make_tmp ("test-reach-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (db, &error);
  g_assert_no_error (error);
  /* No politeness wait between the stand-in's requests. */
  if (scraper_context_get_settings (f->context) != NULL)
    g_settings_set_int (scraper_context_get_settings (f->context), "per-host-delay", 0);

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
  g_unsetenv ("JOB_SCRAPER_REMAP");

  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
has_toplevel (gpointer data)
{
  return ui_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
no_toplevel (gpointer data)
{
  return ui_test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static GtkWidget *
wait_toplevel (GType type)
{
  g_assert_true (ui_test_spin_until (has_toplevel, GSIZE_TO_POINTER (type), 5000));
  return GTK_WIDGET (ui_test_find_toplevel (type));
}

static gboolean
entry_titled (GtkWidget *widget,
              gpointer   title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkEditable *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = ui_test_find_widget (root, ADW_TYPE_ENTRY_ROW, entry_titled, (gpointer) title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static gboolean
task_finished (gpointer data)
{
  ScraperTask *task = scraper_find_company_dialog_get_task (data);

  return task != NULL && scraper_task_is_finished (task);
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   text)
{
  return gtk_widget_get_visible (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
button_labelled (GtkWidget *widget,
                 gpointer   data)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (widget));
  g_autoptr(GString) plain = g_string_new (label);

  /* The label as shown: without its mnemonic mark. */
  g_string_replace (plain, "_", "", 0);
  return label != NULL && g_str_equal (plain->str, data);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return ui_test_find_widget (root, GTK_TYPE_BUTTON, button_labelled, (gpointer) label);
}

static gboolean
button_adds (GtkWidget *widget,
             gpointer   data)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "find.add") == 0 &&
         target != NULL && g_variant_get_uint32 (target) == GPOINTER_TO_UINT (data);
}

static guint
count_sources (Fixture *f)
{
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);

  return sources->len;
}

/* With SCRAPER_SCREENSHOT_DIR set, saves @window as NAME.png there (how
 * data/screenshots/find-company-*.png were made; SCRAPER_SCREENSHOT_DARK
 * for the dark style). */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("SCRAPER_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  ui_test_spin (300);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
on_add_dialog_saved (GtkWidget *dialog,
                     gint64     id,
                     Fixture   *f)
{
  f->n_saved++;
}

/* Opens "Find a Company…" the way a user does: Add Source, then its button. */
static GtkWidget *
open_finder (Fixture *f)
{
  GtkWidget *add_dialog;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.add", NULL));
  add_dialog = wait_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG);
  g_signal_connect (add_dialog, "saved", G_CALLBACK (on_add_dialog_saved), f);
  button = find_button (add_dialog, "Find a Company…");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "dialog.find-company");
  g_assert_true (gtk_widget_activate_action (add_dialog, "dialog.find-company", NULL));
  return wait_toplevel (SCRAPER_TYPE_FIND_COMPANY_DIALOG);
}

typedef struct {
  Fixture *f;
  guint    n;
} NSaved;

static gboolean
n_saved_is (gpointer data)
{
  NSaved *w = data;

  return w->f->n_saved == w->n;
}

/* The Sources view shows both boards, read on the store's thread. */
static gboolean
sources_listed (gpointer data)
{
  Fixture *f = data;

  return scraper_sources_view_get_n_sources (SCRAPER_SOURCES_VIEW (f->sources)) == 2 &&
         !scraper_sources_view_get_loading (SCRAPER_SOURCES_VIEW (f->sources));
}

static void
assert_no_main_thread_sql (void)
{
  g_autofree char *first = NULL;
  guint n_writes = 0;
  guint n = scraper_store_get_main_thread_calls (&n_writes, &first);

  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_OFF);
  g_test_message ("Main-thread SQLite: %u statements, %u writing; first: %s", n, n_writes, first ? first : "none");
  g_assert_cmpuint (n, ==, 0);
}

static void
test_find_company_add_all (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *finder;
  ScraperTask *task;
  GtkWidget *add_gh;
  GListModel *tasks = G_LIST_MODEL (scraper_context_get_task_manager (f->context));

  scraper_test_server_add_text (f->server, "/v1/boards/acme/jobs", "application/json", GREENHOUSE_ACME);
  scraper_test_server_add_text (f->server, "/v0/postings/acme", "application/json", LEVER_ACME);

  finder = open_finder (f);
  /* Nothing to look up yet. */
  gtk_widget_activate_action (finder, "find.search", NULL);
  g_assert_null (scraper_find_company_dialog_get_task (SCRAPER_FIND_COMPANY_DIALOG (finder)));
  gtk_editable_set_text (find_entry_row (finder, "Company Name"), "Acme Corp");
  g_assert_true (gtk_widget_activate_action (finder, "find.search", NULL));

  /* One task, in the task manager (the Tasks view's model), named after the search. */
  task = scraper_find_company_dialog_get_task (SCRAPER_FIND_COMPANY_DIALOG (finder));
  g_assert_nonnull (task);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), >=, 1);
  {
    g_autoptr(ScraperTask) first = g_list_model_get_item (tasks, 0);

    g_assert_true (first == task);
  }
  g_assert_cmpstr (scraper_task_get_title (task), ==, "Finding “Acme Corp”");

  g_assert_true (ui_test_spin_until (task_finished, finder, WAIT_MS));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_assert_cmpuint (scraper_find_company_dialog_get_n_found (SCRAPER_FIND_COMPANY_DIALOG (finder)), ==, 2);
  g_assert_nonnull (ui_test_find_widget (finder, GTK_TYPE_LABEL, label_contains, (gpointer) "Found on Greenhouse and Lever"));
  g_assert_nonnull (ui_test_find_widget (finder, GTK_TYPE_LABEL, label_contains, (gpointer) "2 postings"));
  save_screenshot (finder, adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "find-company-dark"
                                                                                          : "find-company-light");

  /* Each board has its own Add button, named for screen readers. */
  add_gh = ui_test_find_widget (finder, GTK_TYPE_BUTTON, button_adds, GUINT_TO_POINTER (0));
  g_assert_nonnull (add_gh);
  g_assert_nonnull (ui_test_find_widget (finder, GTK_TYPE_BUTTON, button_adds, GUINT_TO_POINTER (1)));
  g_assert_nonnull (ui_test_find_widget (finder, GTK_TYPE_LABEL, label_contains, (gpointer) "Acme Corp"));
  /* Added on the store's thread: from the click to the Sources view's
   * list, the main thread runs no statement. */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  g_assert_true (gtk_widget_activate_action (finder, "find.add", "u", 0));
  /* The button waits at once, not only once the source is written. */
  g_assert_false (gtk_widget_get_sensitive (add_gh));
  g_assert_true (ui_test_spin_until (n_saved_is, &(NSaved) { f, 1 }, WAIT_MS));

  /* Add All adds the rest, and nothing twice (not even while the first
   * Add All is under way). */
  g_assert_true (gtk_widget_activate_action (finder, "find.add-all", NULL));
  gtk_widget_activate_action (finder, "find.add-all", NULL);
  /* Each source added counts as saved by the Add Source dialog, which the
   * Sources view listens to. */
  g_assert_true (ui_test_spin_until (n_saved_is, &(NSaved) { f, 2 }, WAIT_MS));
  g_assert_true (ui_test_spin_until (sources_listed, f, WAIT_MS));
  assert_no_main_thread_sql ();
  g_assert_cmpuint (count_sources (f), ==, 2);
  gtk_widget_activate_action (finder, "find.add-all", NULL);
  g_assert_cmpuint (count_sources (f), ==, 2);
  g_assert_cmpuint (f->n_saved, ==, 2);
  {
    g_autoptr(GPtrArray) sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);

    g_assert_cmpstr (((ScraperSource *) g_ptr_array_index (sources, 0))->url, ==, "https://boards.greenhouse.io/acme");
    g_assert_cmpstr (((ScraperSource *) g_ptr_array_index (sources, 0))->kind, ==, "greenhouse");
    g_assert_cmpstr (((ScraperSource *) g_ptr_array_index (sources, 1))->kind, ==, "lever");
  }
}

static void
test_find_company_nowhere (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *finder = open_finder (f);

  gtk_editable_set_text (find_entry_row (finder, "Company Name"), "Initech");
  g_assert_true (gtk_widget_activate_action (finder, "find.search", NULL));
  g_assert_true (ui_test_spin_until (task_finished, finder, WAIT_MS));
  g_assert_cmpuint (scraper_find_company_dialog_get_n_found (SCRAPER_FIND_COMPANY_DIALOG (finder)), ==, 0);
  g_assert_nonnull (ui_test_find_widget (finder, GTK_TYPE_LABEL, label_contains,
                                         (gpointer) "“Initech” was not found on Greenhouse, Lever"));
  g_assert_cmpuint (count_sources (f), ==, 0);
}

static void
test_find_company_close_cancels (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *finder = open_finder (f);
  g_autoptr(ScraperTask) task = NULL;

  /* The first board is slow: the search is still running when closed. */
  scraper_test_server_add_slow (f->server, "/v1/boards/acme/jobs", 3000, GREENHOUSE_ACME);
  gtk_editable_set_text (find_entry_row (finder, "Company Name"), "Acme");
  g_assert_true (gtk_widget_activate_action (finder, "find.search", NULL));
  task = g_object_ref (scraper_find_company_dialog_get_task (SCRAPER_FIND_COMPANY_DIALOG (finder)));
  gtk_window_close (GTK_WINDOW (finder));
  g_assert_true (ui_test_spin_until (no_toplevel, GSIZE_TO_POINTER (SCRAPER_TYPE_FIND_COMPANY_DIALOG), 5000));

  {
    gboolean done = FALSE;

    for (guint i = 0; i < 200 && !done; i++)
      {
        ui_test_spin (25);
        done = scraper_task_is_finished (task);
      }
  }
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
}

static gboolean
posting_count_is (gpointer data)
{
  gpointer *args = data;
  Fixture *f = args[0];

  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs))) ==
         GPOINTER_TO_UINT (args[1]);
}

static void
on_tracked (GtkWidget *dialog,
            gint64     posting_id,
            gint64    *out)
{
  *out = posting_id;
}

static void
test_track_posting_dialog (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *url = scraper_test_server_url_for (f->server, "/bistro/jobs/chef");
  ScraperTrackPostingDialog *dialog;
  g_autoptr(ScraperPosting) posting = NULL;
  gint64 posting_id = 0;
  gpointer args[2] = { f, GUINT_TO_POINTER (1) };

  scraper_test_server_add_text (f->server, "/bistro/jobs/chef", "text/html", JSONLD_PAGE);
  dialog = scraper_track_posting_dialog_new (f->window, f->context, NULL);
  g_signal_connect (dialog, "tracked", G_CALLBACK (on_tracked), &posting_id);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_spin (50);

  /* Only a web address can be tracked. */
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Posting URL"), "not a url");
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "Track")));
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Posting URL"), url);
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "Track")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "track.track", NULL));

  /* Stored, the dialog closes, the Jobs view shows it. */
  g_assert_true (ui_test_spin_until (no_toplevel, GSIZE_TO_POINTER (SCRAPER_TYPE_TRACK_POSTING_DIALOG), WAIT_MS));
  g_assert_cmpint (posting_id, >, 0);
  posting = scraper_store_get_posting (scraper_context_get_store (f->context), posting_id, NULL);
  g_assert_nonnull (posting);
  g_assert_cmpstr (posting->title, ==, "Head Chef");
  g_assert_cmpint (posting->status, ==, SCRAPER_STATUS_SAVED);
  /* With a source of its own, that the Sources view lists. */
  g_assert_cmpuint (count_sources (f), ==, 1);
  {
    g_autoptr(ScraperSource) source = scraper_store_get_source (scraper_context_get_store (f->context),
                                                                posting->source_id, NULL);

    g_assert_cmpstr (source->kind, ==, "manual");
    g_assert_cmpstr (source->url, ==, url);
  }
  g_assert_true (ui_test_spin_until (posting_count_is, args, WAIT_MS));
}

static void
test_track_posting_no_posting (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *url = scraper_test_server_url_for (f->server, "/about");
  ScraperTrackPostingDialog *dialog;

  scraper_test_server_add_text (f->server, "/about", "text/html", "<html><body>About us</body></html>");
  dialog = scraper_track_posting_dialog_new (f->window, f->context, url);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "track.track", NULL));
  g_assert_true (ui_test_spin_until ((gboolean (*) (gpointer)) scraper_task_is_finished,
                                     scraper_track_posting_dialog_get_task (dialog), WAIT_MS));
  ui_test_spin (50);
  /* It says why and stays. */
  g_assert_nonnull (ui_test_find_toplevel (SCRAPER_TYPE_TRACK_POSTING_DIALOG));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, label_contains,
                                         (gpointer) "There is no job posting at"));
  g_assert_cmpuint (count_sources (f), ==, 0);
}

static void
test_paste_url_on_jobs_view (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *url = scraper_test_server_url_for (f->server, "/bistro/jobs/chef");
  GtkWidget *dialog;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (f->jobs), url);
  gtk_window_set_focus (f->window, NULL);
  g_assert_true (gtk_widget_activate_action (f->jobs, "track-url.paste", NULL));
  dialog = wait_toplevel (SCRAPER_TYPE_TRACK_POSTING_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (dialog, "Posting URL")), ==, url);
  g_assert_true (gtk_widget_is_sensitive (find_button (dialog, "Track")));
}

static void
test_url_from_text (void)
{
  g_autofree char *plain = scraper_track_url_from_text ("  https://jobs.lever.co/acme/123 \n");

  g_assert_cmpstr (plain, ==, "https://jobs.lever.co/acme/123");
  g_assert_null (scraper_track_url_from_text ("two https://a.example https://b.example"));
  g_assert_null (scraper_track_url_from_text ("file:///etc/passwd"));
  g_assert_null (scraper_track_url_from_text ("javascript:alert(1)"));
  g_assert_null (scraper_track_url_from_text (""));
  g_assert_null (scraper_track_url_from_text (NULL));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  if (g_getenv ("SCRAPER_SCREENSHOT_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/reach/find-company-add-all", test_find_company_add_all);
  ADD ("/reach/find-company-nowhere", test_find_company_nowhere);
  ADD ("/reach/find-company-close-cancels", test_find_company_close_cancels);
  ADD ("/reach/track-posting-dialog", test_track_posting_dialog);
  ADD ("/reach/track-posting-no-posting", test_track_posting_no_posting);
  ADD ("/reach/paste-url-on-jobs-view", test_paste_url_on_jobs_view);
#undef ADD
  g_test_add_func ("/reach/url-from-text-hostile", test_url_from_text);

  return g_test_run ();
}
