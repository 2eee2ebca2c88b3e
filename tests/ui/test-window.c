/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app/scraper-application.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"
#include "ui-test-util.h"

typedef void (*WindowCheck) (ScraperApplication *app,
                             GtkWindow          *window);

static void
on_activate_after (GApplication *app,
                   gpointer      user_data)
{
  WindowCheck check = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (SCRAPER_IS_WINDOW (window));
  ui_test_spin (100);
  check (SCRAPER_APPLICATION (app), window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Runs the real application with an isolated database and settings, and
 * calls @check once its window is shown. */
static void
run_with_window (WindowCheck check)
{
  g_autoptr(ScraperApplication) app = scraper_application_new ();
  char *argv[] = { (char *) "test-window", NULL };
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "test.db", NULL);
  int status;

  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), check);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
status_page_has_title (GtkWidget *widget,
                       gpointer   data)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0 &&
         gtk_widget_get_mapped (widget);
}

static void
check_empty_state (ScraperApplication *app,
                   GtkWindow          *window)
{
  GtkWidget *page;
  GtkWidget *scrape;

  page = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE,
                              status_page_has_title, (gpointer) "No Jobs Yet");
  g_assert_nonnull (page);

  scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");
  g_assert_nonnull (scrape);
  g_assert_true (gtk_widget_get_mapped (scrape));
}

static void
test_window_empty_state (void)
{
  run_with_window (check_empty_state);
}

static gboolean
about_window_shown (gpointer data)
{
  GtkWindow *about = ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);

  return about != NULL && gtk_widget_get_mapped (GTK_WIDGET (about));
}

static void
check_about (ScraperApplication *app,
             GtkWindow          *window)
{
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (ui_test_spin_until (about_window_shown, NULL, 5000));

  about = ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Job Scraper");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == window);
  gtk_window_destroy (about);
}

static void
test_window_about (void)
{
  run_with_window (check_about);
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWindow *prefs = ui_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);

  return prefs != NULL && gtk_widget_get_mapped (GTK_WIDGET (prefs));
}

static void
check_preferences (ScraperApplication *app,
                   GtkWindow          *window)
{
  GSettings *settings = scraper_application_get_settings (app);
  GtkWindow *prefs;
  GtkWidget *spin;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (ui_test_spin_until (preferences_shown, NULL, 5000));
  prefs = ui_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);

  /* The first spin button is the number of concurrent tasks, bound to
   * GSettings both ways. */
  spin = ui_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, NULL, NULL);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 6);
  g_assert_cmpint (g_settings_get_int (settings, "max-concurrent-tasks"), ==, 6);
  g_settings_set_int (settings, "max-concurrent-tasks", 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 2);
  g_settings_reset (settings, "max-concurrent-tasks");
  gtk_window_destroy (prefs);
}

static void
test_window_preferences (void)
{
  run_with_window (check_preferences);
}

static gboolean
sample_postings_stored (gpointer data)
{
  ScraperApplication *app = data;
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
  ScraperQuery query;

  scraper_query_init (&query);
  return scraper_store_count_postings (store, &query, NULL) == 12;
}

static gboolean
task_rows_done (gpointer data)
{
  ScraperApplication *app = data;
  ScraperTaskManager *tasks = scraper_context_get_task_manager (scraper_application_get_context (app));

  return !scraper_task_manager_get_busy (tasks);
}

/* A new user with no network: the Jobs view's empty state scrapes the
 * sample board that comes with the app. */
static void
check_first_run_sample (ScraperApplication *app,
                        GtkWindow          *window)
{
  GtkWidget *button = ui_test_find_button (GTK_WIDGET (window), "_Try a Sample Job Board");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "_Add Source…"));

  gtk_widget_activate (button);
  g_assert_true (ui_test_spin_until (sample_postings_stored, app, 30000));
  g_assert_true (ui_test_spin_until (task_rows_done, app, 30000));
  ui_test_spin (200);

  /* The empty state gave way to the list. */
  g_assert_false (gtk_widget_get_mapped (button));
}

static void
test_window_first_run_sample (void)
{
  run_with_window (check_first_run_sample);
}

static void
check_size_saved (ScraperApplication *app,
                  GtkWindow          *window)
{
  gtk_window_set_default_size (window, 800, 600);
  ui_test_spin (100);
}

static void
check_size_restored (ScraperApplication *app,
                     GtkWindow          *window)
{
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
}

static void
test_window_size_persists (void)
{
  /* The memory settings backend lives as long as the process: a second
   * application instance sees what the first one saved on close. */
  run_with_window (check_size_saved);
  run_with_window (check_size_restored);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/empty-state", test_window_empty_state);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/size-persists", test_window_size_persists);
  g_test_add_func ("/window/first-run-sample-board", test_window_first_run_sample);

  return g_test_run ();
}
