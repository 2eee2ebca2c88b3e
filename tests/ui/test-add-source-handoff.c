/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Add Source dialog on a careers page that hands off to job boards,
 * and on a posting URL: the real dialog over a ScraperContext on a
 * temporary database, with one local server standing in (through
 * JOB_SCRAPER_REMAP) for the careers host and the boards' API hosts.
 *
 * SCRAPER_SCREENSHOT=FILE.png saves the dialog showing two boards. */
#include "config.h"

#include <glib/gstdio.h>

#include "app/scraper-context.h"
#include "scraper-test-server.h"
#include "ui/scraper-add-source-dialog.h"
#include "ui/scraper-sources-view.h"
#include "ui-test-util.h"

#define WAIT_MS 20000

typedef struct {
  char              *dir;
  ScraperContext    *context;
  ScraperTestServer *server;
  GtkWindow         *window;
  GtkWidget         *sources;
} Fixture;

static void
serve (Fixture    *f,
       const char *path,
       const char *content_type,
       const char *dir,
       const char *name)
{
  g_autofree char *file = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (file, &text, NULL, &error);
  g_assert_no_error (error);
  scraper_test_server_add_text (f->server, path, content_type, text);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const hosts[] = {
    "www.acme-example.com", "boards-api.greenhouse.io", "*.jobs.personio.de", "api.lever.co",
  };
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  f->server = scraper_test_server_new (NULL);
  serve (f, "/careers", "text/html", "handoff", "two-boards.html");
  serve (f, "/careers/bamboohr", "text/html", "handoff", "bamboohr-embed.html");
  /* Dover is recognised, but no adapter reads it. */
  scraper_test_server_add_text (f->server, "/careers/dover", "text/html",
                                "<html><body><h1>Jobs at Delta</h1>"
                                "<a href=\"https://app.dover.com/jobs/delta\">See our open roles</a>"
                                "</body></html>");
  serve (f, "/v1/boards/omicronrobotics/jobs", "application/json", "ats", "greenhouse_amplitude_jobs_content_trimmed.json");
  serve (f, "/xml", "application/xml", "ats", "personio_xml_feed_sanitized.xml");
  serve (f, "/v0/postings/acme", "application/json", "ats", "lever_idealistconsulting_postings_trimmed.json");
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", hosts[i],
                            scraper_test_server_get_port (f->server));
  /* Read when the context creates its fetcher, on first use. */
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);

  f->dir = g_dir_make_tmp ("test-handoff-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (db, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  f->sources = g_object_new (SCRAPER_TYPE_SOURCES_VIEW, "context", f->context, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), f->sources);
  gtk_window_present (f->window);
  ui_test_spin (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  const char * const suffixes[] = { "", "-wal", "-shm" };

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  ui_test_spin (50);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  scraper_test_server_free (f->server);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->dir, "/jobs.db", suffixes[i], NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
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

static GtkWidget *
open_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action_variant (f->sources, "sources.add", NULL));
  g_assert_true (ui_test_spin_until (dialog_shown, NULL, 5000));
  return GTK_WIDGET (ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG));
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
  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), data) && gtk_widget_get_mapped (widget);
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

/* A row of the boards found whose subtitle has @text. */
static gboolean
board_row_has (GtkWidget *widget,
               gpointer   data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return subtitle != NULL && strstr (subtitle, data) != NULL && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_board_row (GtkWidget  *root,
                const char *text)
{
  return ui_test_find_widget (root, ADW_TYPE_ACTION_ROW, board_row_has, (gpointer) text);
}

static gboolean
is_save_button (GtkWidget *widget,
                gpointer   data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "dialog.save") == 0;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_two_boards_added_in_one_click (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f);
  GtkWidget *save;
  g_autoptr(GPtrArray) sources = NULL;
  const char *screenshot = g_getenv ("SCRAPER_SCREENSHOT");

  gtk_editable_set_text (find_entry_row (dialog, "URL"), "https://www.acme-example.com/careers");
  g_assert_true (wait_for_label (dialog, "This page hands off to 2 job boards"));

  /* Each board with its name, product, address and first postings. */
  g_assert_nonnull (find_board_row (dialog, "Personio · omicron.jobs.personio.de"));
  g_assert_nonnull (find_board_row (dialog, "• Staff Software Engineer, Data Platform"));
  g_assert_nonnull (find_board_row (dialog, "Greenhouse · boards.greenhouse.io/omicronrobotics"));
  g_assert_nonnull (find_board_row (dialog, "• Customer Data Scientist - Experimentation"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find_board_row (dialog, "Personio"))), ==,
                   "Acme SE &amp; Co. KG");

  /* One click adds both: the button says so. */
  save = ui_test_find_widget (dialog, GTK_TYPE_BUTTON, is_save_button, NULL);
  g_assert_nonnull (save);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "_Add 2 Sources");
  g_assert_true (gtk_widget_get_sensitive (save));
  /* Several boards are named after their companies: no Name row. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (dialog, "Name"))));

  if (screenshot != NULL)
    {
      ui_test_spin (300);
      save_screenshot (dialog, screenshot);
    }

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));

  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 2);
  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *s = g_ptr_array_index (sources, i);

      if (g_str_equal (s->kind, "personio"))
        {
          g_assert_cmpstr (s->url, ==, "https://omicron.jobs.personio.de/");
          g_assert_cmpstr (s->name, ==, "Acme SE & Co. KG");
        }
      else
        {
          g_assert_cmpstr (s->kind, ==, "greenhouse");
          g_assert_cmpstr (s->url, ==, "https://boards.greenhouse.io/omicronrobotics");
        }
      g_assert_true (s->enabled);
    }

  /* Again: the boards are sources already, are said to be, and are not
   * added twice. */
  dialog = open_dialog (f);
  gtk_editable_set_text (find_entry_row (dialog, "URL"), "https://www.acme-example.com/careers");
  g_assert_true (wait_for_label (dialog, "This page hands off to 2 job boards"));
  g_assert_nonnull (find_board_row (dialog, "Already one of your sources"));
  save = ui_test_find_widget (dialog, GTK_TYPE_BUTTON, is_save_button, NULL);
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));
  g_clear_pointer (&sources, g_ptr_array_unref);
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 2);
}

static void
test_posting_url_offers_its_board (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f);
  GtkWidget *save;
  g_autoptr(GPtrArray) sources = NULL;
  ScraperSource *s;

  gtk_editable_set_text (find_entry_row (dialog, "URL"),
                         "https://jobs.lever.co/acme/5f1c2d3e-0a1b-4c5d-8e9f-0123456789ab");
  g_assert_true (wait_for_label (dialog, "This address is on a Lever board"));
  g_assert_nonnull (find_board_row (dialog, "Lever · jobs.lever.co/acme"));
  g_assert_nonnull (find_board_row (dialog, "• (1099 Contract)"));
  save = ui_test_find_widget (dialog, GTK_TYPE_BUTTON, is_save_button, NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "_Add");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (dialog, "Name"))));
  gtk_editable_set_text (find_entry_row (dialog, "Name"), "Idealist");

  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  g_assert_true (ui_test_spin_until (dialog_gone, NULL, 5000));
  sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);
  g_assert_cmpuint (sources->len, ==, 1);
  s = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (s->kind, ==, "lever");
  g_assert_cmpstr (s->url, ==, "https://jobs.lever.co/acme");
  g_assert_cmpstr (s->name, ==, "Idealist");
}

static void
test_board_without_adapter (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *row;

  g_assert_false (scraper_source_kind_is_valid ("dover"));
  dialog = open_dialog (f);
  gtk_editable_set_text (find_entry_row (dialog, "URL"), "https://www.acme-example.com/careers/dover");
  g_assert_true (wait_for_label (dialog, "This page hands off to 1 job board"));
  row = find_board_row (dialog, "Dover · app.dover.com/jobs/delta");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "cannot read this board yet"));
  /* Nothing this build can read: nothing to add. */
  g_assert_false (gtk_widget_activate_action (dialog, "dialog.save", NULL) &&
                  ui_test_spin_until (dialog_gone, NULL, 500));
  g_assert_nonnull (ui_test_find_toplevel (SCRAPER_TYPE_ADD_SOURCE_DIALOG));
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
  ADD ("/add-source/handoff/two-boards-added-in-one-click", test_two_boards_added_in_one_click);
  ADD ("/add-source/handoff/posting-url-offers-its-board", test_posting_url_offers_its_board);
  ADD ("/add-source/handoff/board-without-adapter", test_board_without_adapter);
#undef ADD

  return g_test_run ();
}
