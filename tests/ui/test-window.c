/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "app/scraper-application.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-posting-row.h"
#include "ui/scraper-saved-searches.h"
#include "ui/scraper-sources-view.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"
#include "scraper-test-server.h"
#include "ui-test-util.h"
#include "../store/store-test-sql.h"

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
is_suggested_button (GtkWidget *widget,
                     gpointer   data)
{
  return gtk_widget_has_css_class (widget, "suggested-action") && gtk_widget_get_mapped (widget);
}

static gboolean
scrape_suggested (gpointer data)
{
  return gtk_widget_has_css_class (data, "suggested-action");
}

static gboolean
scrape_not_suggested (gpointer data)
{
  return !gtk_widget_has_css_class (data, "suggested-action");
}

/* With no source, one suggested action: "Add Source…", not Scrape; once
 * a source exists, Scrape is. */
static void
check_one_suggested_action (ScraperApplication *app,
                            GtkWindow          *window)
{
  GtkWidget *scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");
  GtkWidget *suggested;
  GtkWidget *sources;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
  gint64 id;

  g_assert_nonnull (scrape);
  g_assert_false (gtk_widget_has_css_class (scrape, "suggested-action"));
  suggested = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, is_suggested_button, NULL);
  g_assert_nonnull (suggested);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (suggested)), ==, "_Add Source…");

  source->name = g_strdup ("Acme");
  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->enabled = FALSE;   /* not scraped at once */
  id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  sources = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_SOURCES_VIEW, NULL, NULL);
  scraper_sources_view_reload (SCRAPER_SOURCES_VIEW (sources));
  g_assert_true (ui_test_spin_until (scrape_suggested, scrape, 5000));

  /* The tests after this one share the database: as it was. */
  g_assert_true (scraper_store_remove_source (store, id, &error));
  g_assert_no_error (error);
  scraper_sources_view_reload (SCRAPER_SOURCES_VIEW (sources));
  /* Read on the store's thread. */
  g_assert_true (ui_test_spin_until (scrape_not_suggested, scrape, 5000));
}

/* The window goes down to 360 px on every view: a header bar centred
 * strictly needed twice its wider side (the window buttons and the menu)
 * plus the title, 399 px with three window buttons. */
static void
check_narrow_360 (ScraperApplication *app,
                  GtkWindow          *window)
{
  static const char * const views[] = { "jobs", "applications", "insights", "sources", "tasks" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int min = 0;

      scraper_window_show_view (SCRAPER_WINDOW (window), views[i]);
      ui_test_spin (100);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px", views[i], min);
      g_assert_cmpint (min, <=, 360);
    }
}

static gboolean
is_shown_title_label (GtkWidget *widget,
                      gpointer   data)
{
  return gtk_widget_has_css_class (widget, "title") && gtk_widget_get_mapped (widget);
}

static gboolean
window_is_narrow (gpointer data)
{
  return gtk_widget_get_width (data) <= 360 &&
         adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (
           ui_test_find_widget (data, ADW_TYPE_VIEW_SWITCHER_TITLE, NULL, NULL)));
}

static gboolean
window_is_wide (gpointer data)
{
  return gtk_widget_get_width (data) >= 1000;
}

/* At 360 px the header names each view in full ("Applications" was cut to
 * "Applic…"): Scrape shows as an icon, still named "Scrape"; wide again,
 * it says "Scrape". */
static void
check_narrow_title_in_full (ScraperApplication *app,
                            GtkWindow          *window)
{
  static const char * const views[] = { "jobs", "applications", "insights", "sources", "tasks" };
  GtkWidget *title = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL, NULL);
  GtkWidget *scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");

  g_assert_nonnull (scrape);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (scrape)), ==, "Scrape");
  gtk_window_set_default_size (window, 360, 720);
  g_assert_true (ui_test_spin_until (window_is_narrow, window, 5000));
  g_assert_null (gtk_button_get_label (GTK_BUTTON (scrape)));
  g_assert_nonnull (gtk_button_get_icon_name (GTK_BUTTON (scrape)));
  /* Its accessible name ("Scrape", from the template) stays; the tooltip says it too. */
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (scrape), "Scrape"));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *label;

      scraper_window_show_view (SCRAPER_WINDOW (window), views[i]);
      ui_test_spin (100);
      label = ui_test_find_widget (title, GTK_TYPE_LABEL, is_shown_title_label, NULL);
      g_assert_nonnull (label);
      g_test_message ("%s: \"%s\", %d px wide, ellipsized: %d", views[i], gtk_label_get_text (GTK_LABEL (label)),
                      gtk_widget_get_width (label), pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                       adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (title)));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    }

  gtk_window_set_default_size (window, 1100, 720);
  g_assert_true (ui_test_spin_until (window_is_wide, window, 5000));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (scrape)), ==, "Scrape");
}

static void
test_window_narrow_title_in_full (void)
{
  run_with_window (check_narrow_title_in_full);
}

static void
test_window_narrow_360 (void)
{
  run_with_window (check_narrow_360);
}

static gboolean
label_is (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* One word per idea: "Saved" is an application status, the star is
 * "Starred", the saved searches' button says "Searches". */
static void
check_one_word_per_idea (ScraperApplication *app,
                         GtkWindow          *window)
{
  GtkWidget *searches = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_SAVED_SEARCHES_BUTTON, NULL, NULL);

  g_assert_nonnull (searches);
  g_assert_nonnull (ui_test_find_widget (searches, GTK_TYPE_LABEL, label_is, (gpointer) "Searches"));
  g_assert_null (ui_test_find_widget (searches, GTK_TYPE_LABEL, label_is, (gpointer) "Saved"));
  g_assert_null (ui_test_find_widget (searches, GTK_TYPE_LABEL, label_is, (gpointer) "Starred"));
}

static void
test_window_one_word_per_idea (void)
{
  run_with_window (check_one_word_per_idea);
}

static void
test_window_one_suggested_action (void)
{
  run_with_window (check_one_suggested_action);
}

/* A window opened on sources it already has suggests Scrape at once,
 * though the Sources view builds its rows only when first shown. */
static void
check_scrape_suggested_at_start (ScraperApplication *app,
                                 GtkWindow          *window)
{
  GtkWidget *scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");
  GtkWidget *sources = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_SOURCES_VIEW, NULL, NULL);
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (scrape);
  g_assert_false (gtk_widget_get_mapped (sources));
  g_assert_true (ui_test_spin_until (scrape_suggested, scrape, 5000));

  /* The tests after this one share the database: as it was. */
  all = scraper_store_list_sources (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    g_assert_true (scraper_store_remove_source (store, ((ScraperSource *) all->pdata[i])->id, NULL));
}

static void
test_window_scrape_suggested_at_start (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "test.db", NULL);
  g_autoptr(ScraperStore) store = scraper_store_open (db, NULL);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  source->name = g_strdup ("Acme");
  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->enabled = FALSE;   /* not scraped at once */
  g_assert_cmpint (scraper_store_add_source (store, source, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);

  run_with_window (check_scrape_suggested_at_start);
}

/* The action a key combination of @widget's own shortcuts activates. */
static const char *
shortcut_action (GtkWidget       *widget,
                 guint            keyval,
                 GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return NULL;
}

/* Activates, as a key press would, the shortcut of @widget's own
 * controllers that @keyval with @mods triggers. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static gboolean
shortcut_has_accelerator (GtkWidget *widget,
                          gpointer   data)
{
  g_autofree char *accelerator = NULL;

  g_object_get (widget, "accelerator", &accelerator, NULL);
  return g_strcmp0 (accelerator, data) == 0;
}

/* Alt+N shows the N-th view of the switcher (Jobs, Applications,
 * Insights, Sources, Tasks), and the Shortcuts window says so. */
static void
check_alt_number_follows_switcher (ScraperApplication *app,
                                   GtkWindow          *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL, NULL));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/com/example/JobScraper/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_nonnull (overlay);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 5);
  /* From the last view, so that Alt+1 has something to do. */
  scraper_window_show_view (SCRAPER_WINDOW (window), "tasks");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      GtkWidget *listed;
      g_autofree char *title = NULL;

      g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_1 + i, GDK_ALT_MASK));
      g_test_message ("Alt+%u: %s", i + 1, scraper_window_get_visible_view (SCRAPER_WINDOW (window)));
      g_assert_cmpstr (scraper_window_get_visible_view (SCRAPER_WINDOW (window)), ==,
                       adw_view_stack_page_get_name (page));

      /* The Shortcuts window lists the same key under the page's title. */
      listed = ui_test_find_widget (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT, shortcut_has_accelerator, accel);
      g_assert_nonnull (listed);
      g_object_get (listed, "title", &title, NULL);
      g_assert_cmpstr (title, ==, adw_view_stack_page_get_title (page));
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_window_alt_number_follows_switcher (void)
{
  run_with_window (check_alt_number_follows_switcher);
}

/* The shortcuts the Shortcuts window lists work from anywhere in the
 * window, not only where the focus happens to be. */
static void
check_keyboard (ScraperApplication *app,
                GtkWindow          *window)
{
  GtkWidget *jobs = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL);
  GtkWidget *entry = ui_test_find_widget (jobs, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  GtkWidget *focus;

  g_assert_cmpstr (shortcut_action (GTK_WIDGET (window), GDK_KEY_f, GDK_CONTROL_MASK), ==, "win.find");
  g_assert_cmpstr (shortcut_action (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK), ==, "win.add-source");
  g_assert_cmpstr (shortcut_action (GTK_WIDGET (window), GDK_KEY_w, GDK_CONTROL_MASK), ==, "window.close");

  /* Ctrl+F from the Sources view: back to Jobs, in the search entry. */
  scraper_window_show_view (SCRAPER_WINDOW (window), "sources");
  ui_test_spin (100);
  /* A narrow window's title names the view ("Job …" did not fit). */
  {
    GtkWidget *title = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL, NULL);

    g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (title)), ==, "Sources");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  ui_test_spin (100);
  g_assert_cmpstr (scraper_window_get_visible_view (SCRAPER_WINDOW (window)), ==, "jobs");
  focus = gtk_window_get_focus (window);
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static void
test_window_keyboard (void)
{
  run_with_window (check_keyboard);
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

static gboolean
row_titled (GtkWidget *widget,
            gpointer   data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
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

  /* What users change comes first: the skills that drive Best Match; the
   * technical settings wait on a page of their own. */
  {
    GtkWidget *group = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_GROUP, NULL, NULL);
    GtkWidget *page = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE, NULL, NULL);

    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Jobs");
    g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), ==, "General");
  }

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

  /* The skills that rank postings, a list shown as "a, b" */
  {
    GtkWidget *row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, row_titled,
                                          (gpointer) "Skills and Interests, Separated by Commas");
    g_auto(GStrv) keywords = NULL;
    const char * const two[] = { "gnome", "c", NULL };

    g_assert_nonnull (row);
    gtk_editable_set_text (GTK_EDITABLE (row), " rust ,, Berlin ");
    /* nothing is written while the user types */
    keywords = g_settings_get_strv (settings, "profile-keywords");
    g_assert_cmpuint (g_strv_length (keywords), ==, 0);
    g_clear_pointer (&keywords, g_strfreev);
    g_signal_emit_by_name (row, "apply");
    keywords = g_settings_get_strv (settings, "profile-keywords");
    g_assert_cmpuint (g_strv_length (keywords), ==, 2);
    g_assert_cmpstr (keywords[0], ==, "rust");
    g_assert_cmpstr (keywords[1], ==, "Berlin");
    g_settings_set_strv (settings, "profile-keywords", two);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "gnome, c");
    g_settings_reset (settings, "profile-keywords");
  }

  /* Show archived postings */
  {
    GtkWidget *row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, row_titled,
                                          (gpointer) "Show _Archived Postings");
    GtkWidget *toggle = row ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;

    g_assert_nonnull (toggle);
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    g_assert_true (g_settings_get_boolean (settings, "show-archived"));
    g_settings_reset (settings, "show-archived");
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  }

  /* The language model: off by default, its details insensitive until it
   * is on, each control named for screen readers and bound both ways */
  {
    GtkWidget *row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, row_titled,
                                          (gpointer) "Ask a _Language Model");
    GtkWidget *toggle = row ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;
    GtkWidget *endpoint_row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, row_titled,
                                                   (gpointer) "Server _Address");
    GtkWidget *model_row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, row_titled,
                                                (gpointer) "_Model");
    GtkWidget *max_row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, row_titled,
                                              (gpointer) "_Postings per Run");
    GtkWidget *endpoint, *model, *max;
    g_autofree char *value = NULL;

    g_assert_nonnull (toggle);
    g_assert_nonnull (endpoint_row);
    g_assert_nonnull (model_row);
    g_assert_nonnull (max_row);
    endpoint = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (endpoint_row));
    model = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (model_row));
    max = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (max_row));
    g_assert_true (GTK_IS_ENTRY (endpoint));
    g_assert_true (GTK_IS_ENTRY (model));
    g_assert_true (GTK_IS_SPIN_BUTTON (max));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (endpoint_row)), ==,
                     "OpenAI-compatible, e.g. http://localhost:11434/v1 for Ollama");

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Ask a language model");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (endpoint), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Language model server address");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (model), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Language model name");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (max), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Postings sent to the language model per run");

    g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
    g_assert_false (gtk_widget_get_sensitive (endpoint_row));
    g_assert_false (gtk_widget_get_sensitive (model_row));
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    g_assert_true (g_settings_get_boolean (settings, "llm-enabled"));
    g_assert_true (gtk_widget_get_sensitive (endpoint_row));
    g_assert_true (gtk_widget_get_sensitive (model_row));

    /* Typing writes nothing yet (a half-typed address would be asked);
     * Enter does. */
    gtk_editable_set_text (GTK_EDITABLE (endpoint), "http://localhost:11434/v1");
    value = g_settings_get_string (settings, "llm-endpoint");
    g_assert_cmpstr (value, ==, "");
    g_clear_pointer (&value, g_free);
    g_signal_emit_by_name (endpoint, "activate");
    value = g_settings_get_string (settings, "llm-endpoint");
    g_assert_cmpstr (value, ==, "http://localhost:11434/v1");
    g_settings_set_string (settings, "llm-model", "llama3.1");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (model)), ==, "llama3.1");
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (max)), ==, 100);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (max), 20);
    g_assert_cmpint (g_settings_get_int (settings, "llm-max-postings"), ==, 20);

    g_settings_reset (settings, "llm-enabled");
    g_settings_reset (settings, "llm-endpoint");
    g_settings_reset (settings, "llm-model");
    g_settings_reset (settings, "llm-max-postings");
    g_assert_false (gtk_widget_get_sensitive (endpoint_row));
  }
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

/* The sort drop-down: the one whose list starts with "Newest First". */
static gboolean
drop_down_sorts (GtkWidget *widget,
                 gpointer   data)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

  return GTK_IS_STRING_LIST (model) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "Newest First") == 0;
}

static gboolean
visible_label (GtkWidget *widget,
               gpointer   data)
{
  return gtk_widget_is_visible (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
visible_label_prefix (GtkWidget *widget,
                      gpointer   data)
{
  return gtk_widget_is_visible (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), data);
}

static guint
n_jobs (GtkWidget *jobs)
{
  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (jobs)));
}

typedef struct {
  GtkWidget *jobs;
  guint      n;
} JobsWait;

static gboolean
jobs_count_is (gpointer data)
{
  JobsWait *w = data;

  return n_jobs (w->jobs) == w->n;
}


static gboolean
enrich_task_completed (gpointer data)
{
  GListModel *tasks = data;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(ScraperTask) task = g_list_model_get_item (tasks, i);

      if (g_str_equal (scraper_task_get_kind (task), "enrich") &&
          scraper_task_get_state (task) == SCRAPER_TASK_COMPLETED)
        return TRUE;
    }
  return FALSE;
}

/* The list's order and whether it shows archived postings follow the
 * settings, both ways for the order. */
/* The revealer with a button labelled @data (the skills hint, not the
 * filters' summary above it). */
static gboolean
revealer_has_button (GtkWidget *widget,
                     gpointer   data)
{
  return ui_test_find_button (widget, data) != NULL;
}

static void
check_sort_and_archived (ScraperApplication *app,
                         GtkWindow          *window)
{
  GSettings *settings = scraper_application_get_settings (app);
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
  GtkWidget *jobs = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL);
  GtkWidget *sort = ui_test_find_widget (jobs, GTK_TYPE_DROP_DOWN, drop_down_sorts, NULL);
  GListModel *model = scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (jobs));
  JobsWait all = { jobs, 12 }, fewer = { jobs, 11 };
  g_autoptr(ScraperPostingObject) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperSync) sync = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  guint n_archived = 0;

  g_assert_nonnull (sort);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (sort)), ==, 0);

  /* by company: settings to drop-down to list */
  g_settings_set_string (settings, "sort-key", "company");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (sort)), ==, 3);
  g_assert_true (ui_test_spin_until (jobs_count_is, &all, 10000));
  ui_test_spin (300);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScraperPostingObject) a = g_list_model_get_item (model, i - 1);
      g_autoptr(ScraperPostingObject) b = g_list_model_get_item (model, i);
      const char *ca = scraper_posting_object_get_posting (a)->company;
      const char *cb = scraper_posting_object_get_posting (b)->company;

      g_assert_true (ca != NULL && cb != NULL);
      g_assert_cmpint (g_ascii_strcasecmp (ca, cb), <=, 0);
    }
  /* drop-down to settings */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sort), 1);
  {
    g_autofree char *key = g_settings_get_string (settings, "sort-key");
    g_assert_cmpstr (key, ==, "salary");
  }
  g_settings_reset (settings, "sort-key");

  /* Best Match without skills says how to give it some. */
  {
    GtkWidget *hint = ui_test_find_widget (jobs, GTK_TYPE_REVEALER, revealer_has_button, (gpointer) "Add Skills…");
    const char * const skills[] = { "rust", NULL };

    g_assert_nonnull (hint);
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (hint)));
    g_settings_set_string (settings, "sort-key", "relevance");
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (hint)));
    g_assert_nonnull (ui_test_find_button (hint, "Add Skills…"));
    g_settings_set_strv (settings, "profile-keywords", skills);
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (hint)));
    g_settings_reset (settings, "profile-keywords");
    g_settings_reset (settings, "sort-key");
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (hint)));
  }

  /* a run of the sample board that lists one posting less archives it */
  sources = scraper_store_list_sources (store, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (model, 0);
  batch = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);
      ScraperPosting *p = scraper_posting_object_get_posting (item);

      if (p->source_id == ((ScraperSource *) sources->pdata[0])->id && p->id != scraper_posting_object_get_id (first))
        g_ptr_array_add (batch, scraper_posting_ref (p));
    }
  g_ptr_array_set_free_func (batch, (GDestroyNotify) scraper_posting_unref);
  sync = scraper_store_begin_sync (store, ((ScraperSource *) sources->pdata[0])->id, &error);
  g_assert_true (scraper_sync_add (sync, batch, &error));
  g_assert_true (scraper_sync_finish (g_steal_pointer (&sync), SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (jobs));
  g_assert_true (ui_test_spin_until (jobs_count_is, &fewer, 10000));

  /* shown again, and marked, when the user asks for archived postings */
  g_settings_set_boolean (settings, "show-archived", TRUE);
  g_assert_true (ui_test_spin_until (jobs_count_is, &all, 10000));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);

      n_archived += scraper_posting_object_get_posting (item)->archived;
    }
  g_assert_cmpuint (n_archived, ==, 1);
  ui_test_spin (300);
  g_assert_nonnull (ui_test_find_widget (jobs, GTK_TYPE_LABEL, visible_label, (gpointer) "Archived"));
  g_settings_reset (settings, "show-archived");
  g_assert_true (ui_test_spin_until (jobs_count_is, &fewer, 10000));

  /* Where an application stands shows in its row and follows changes. */
  {
    g_autoptr(ScraperPostingObject) top = g_list_model_get_item (model, 0);

    ui_test_spin (200);
    g_assert_null (ui_test_find_widget (jobs, GTK_TYPE_LABEL, visible_label_prefix, (gpointer) "Applied"));
    scraper_posting_object_set_status (top, SCRAPER_STATUS_APPLIED);
    ui_test_spin (200);
    g_assert_nonnull (ui_test_find_widget (jobs, GTK_TYPE_LABEL, visible_label_prefix, (gpointer) "Applied · "));
    scraper_posting_object_set_status (top, SCRAPER_STATUS_INTERVIEWING);
    ui_test_spin (200);
    g_assert_null (ui_test_find_widget (jobs, GTK_TYPE_LABEL, visible_label_prefix, (gpointer) "Applied"));
    g_assert_nonnull (ui_test_find_widget (jobs, GTK_TYPE_LABEL, visible_label, (gpointer) "Interviewing"));
    scraper_posting_object_set_status (top, SCRAPER_STATUS_NEW);
    ui_test_spin (200);
    g_assert_null (ui_test_find_widget (jobs, GTK_TYPE_LABEL, visible_label, (gpointer) "Interviewing"));
  }

  /* New skills: the stored postings are scored again, in a task */
  {
    const char * const skills[] = { "engineer", NULL };
    ScraperTaskManager *tasks = scraper_context_get_task_manager (scraper_application_get_context (app));

    g_settings_set_strv (settings, "profile-keywords", skills);
    g_assert_true (ui_test_spin_until (enrich_task_completed, tasks, 15000));
    g_settings_reset (settings, "profile-keywords");
  }
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
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

  /* The empty state gave way to the list. */
  g_assert_true (ui_test_spin_until (widget_unmapped, button, 15000));

  check_sort_and_archived (app, window);

  /* Removed (and its Undo gone), the source takes its postings out of
   * the job list: nothing is left to star that the database forgot. */
  {
    ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
    GtkWidget *sources = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_SOURCES_VIEW, NULL, NULL);
    GtkWidget *jobs = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL);
    g_autoptr(GPtrArray) list = scraper_store_list_sources (store, NULL);
    JobsWait none = { jobs, 0 };

    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpuint (n_jobs (jobs), >, 0);
    g_assert_true (gtk_widget_activate_action (sources, "sources.remove", "x",
                                               ((ScraperSource *) list->pdata[0])->id));
    scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (sources));
    g_assert_true (ui_test_spin_until (jobs_count_is, &none, 10000));
  }
}

static void
test_window_first_run_sample (void)
{
  run_with_window (check_first_run_sample);
}

/* With a language model set up, what a scrape brings in is sent to it once
 * the scrapes are over, and its answer fills what the rules left empty. */
typedef struct {
  ScraperApplication *app;
  ScraperTestServer  *server;
  guint               hits;
} LlmWait;

static gboolean
llm_asked_more (gpointer data)
{
  LlmWait *w = data;

  return scraper_test_server_get_hits (w->server, "/v1/chat/completions") > w->hits &&
         task_rows_done (w->app);
}

static gboolean
feed_posting_senior (gpointer data)
{
  LlmWait *w = data;
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (w->app));
  g_autoptr(GPtrArray) postings = NULL;
  ScraperQuery query;

  scraper_query_init (&query);
  query.search = "gadget";
  postings = scraper_store_query_postings (store, &query, NULL);
  return postings != NULL && postings->len == 1 &&
         g_strcmp0 (((ScraperPosting *) postings->pdata[0])->seniority, "senior") == 0;
}

static void
check_llm_after_scrape (ScraperApplication *app,
                        GtkWindow          *window)
{
  GSettings *settings = scraper_application_get_settings (app);
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  LlmWait w = { app, scraper_test_server_new (NULL), 0 };

  scraper_test_server_add_text (w.server, "/v1/chat/completions", "application/json",
                                "{\"choices\": [{\"message\": {\"role\": \"assistant\","
                                " \"content\": \"{\\\"seniority\\\": \\\"senior\\\"}\"}}]}");
  scraper_test_server_add_text (w.server, "/feed.rss", "application/rss+xml",
                                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Gadgets</title>"
                                "<item><title>Gadget Fixer</title><link>http://example.com/g1</link>"
                                "<description>Fix gadgets.</description></item></channel></rss>");

  /* Set up: the model is asked about what is stored (if anything). */
  endpoint = scraper_test_server_url_for (w.server, "/v1");
  g_settings_set_string (settings, "llm-endpoint", endpoint);
  g_settings_set_string (settings, "llm-model", "test-model");
  g_settings_set_boolean (settings, "llm-enabled", TRUE);
  ui_test_spin (2500);
  g_assert_true (ui_test_spin_until (task_rows_done, app, 30000));
  w.hits = scraper_test_server_get_hits (w.server, "/v1/chat/completions");

  /* A scrape brings a posting in; the model is asked about it. */
  source->url = scraper_test_server_url_for (w.server, "/feed.rss");
  source->kind = g_strdup ("feed");
  scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "scrape", NULL);
  g_assert_true (ui_test_spin_until (llm_asked_more, &w, 30000));
  g_assert_true (ui_test_spin_until (feed_posting_senior, &w, 10000));

  g_settings_reset (settings, "llm-enabled");
  g_settings_reset (settings, "llm-endpoint");
  g_settings_reset (settings, "llm-model");
  ui_test_spin (100);
  scraper_test_server_free (w.server);
}

static void
test_window_llm_after_scrape (void)
{
  run_with_window (check_llm_after_scrape);
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

/* Export Jobs…: the file chooser, then an export task, then a toast; the
 * file holds every posting, as JSON when the name says so. */
static gboolean
file_has_content (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strstr (contents, "Export Tester") != NULL;
}

static gboolean
task_manager_idle (gpointer data)
{
  return !scraper_task_manager_get_busy (data);
}

static void
check_export (ScraperApplication *app,
              GtkWindow          *window)
{
  ScraperStore *store = scraper_context_get_store (scraper_application_get_context (app));
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_user_data_dir ());
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "exported.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWindow *chooser = NULL;
  ScraperPosting *p = scraper_posting_new ();
  ScraperQuery all;
  ScraperSync *sync;

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  p->external_id = g_strdup ("1");
  p->url = g_strdup ("https://jobs.example.com/1");
  p->title = g_strdup ("Export Tester");
  p->company = g_strdup ("Acme");
  g_ptr_array_add (postings, p);
  sync = scraper_store_begin_sync (store, source->id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-jobs", NULL));
  for (guint i = 0; i < 100 && chooser == NULL; i++)
    {
      ui_test_spin (20);
      chooser = ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
    }
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "exported.json");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  g_assert_true (ui_test_spin_until (file_has_content, path, 10000));
  /* The task ends on the main loop after its file is in place. */
  g_assert_true (ui_test_spin_until (task_manager_idle, scraper_context_get_task_manager (
                                       scraper_application_get_context (app)), 10000));
  g_assert_null (ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  /* Every posting of the database (an earlier test of this run may have
   * stored some), archived ones too. */
  scraper_query_init (&all);
  all.show_archived = TRUE;
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==,
                    scraper_store_count_postings (store, &all, NULL));
}

static void
test_window_export (void)
{
  run_with_window (check_export);
}

static guint
count_visible_labels (GtkWidget  *root,
                      const char *text)
{
  guint n = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_visible_labels (child, text);
  return n;
}

/* "Remote" once: a place that says it already gets no badge that repeats
 * it ("Remote Remote", "London (Remote) Remote"). */
static void
test_window_remote_badge_once (void)
{
  static const struct {
    const char       *place;
    ScraperRemoteKind kind;
    const char       *badge;
    guint             n;  /* labels reading @badge */
  } cases[] = {
    { "Remote", SCRAPER_REMOTE_REMOTE, "Remote", 1 },
    { "London (Remote)", SCRAPER_REMOTE_REMOTE, "Remote", 0 },
    { "remote, EU", SCRAPER_REMOTE_REMOTE, "Remote", 0 },
    { "Berlin", SCRAPER_REMOTE_REMOTE, "Remote", 1 },
    { "Remoteville", SCRAPER_REMOTE_REMOTE, "Remote", 1 },
    { "Paris - Hybrid", SCRAPER_REMOTE_HYBRID, "Hybrid", 0 },
    { "Paris", SCRAPER_REMOTE_HYBRID, "Hybrid", 1 },
  };

  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScraperPosting) posting = scraper_posting_new ();
      g_autoptr(ScraperPostingObject) item = NULL;
      GtkWidget *row = g_object_ref_sink (scraper_posting_row_new ());
      guint n;

      posting->id = i + 1;
      posting->title = g_strdup ("Engineer");
      posting->locations = g_new0 (char *, 2);
      posting->locations[0] = g_strdup (cases[i].place);
      posting->remote = cases[i].kind;
      item = scraper_posting_object_new (posting);
      scraper_posting_row_set_item (SCRAPER_POSTING_ROW (row), item);
      /* The badge, or the place's own label where it is the word. */
      n = count_visible_labels (row, cases[i].badge);
      g_assert_cmpuint (n, ==, cases[i].n);
      scraper_posting_row_set_item (SCRAPER_POSTING_ROW (row), NULL);
      g_object_unref (row);
    }
}

/* A database of an older version is migrated off the main thread at
 * start: the window shows at once that it is updating (no views, no
 * Scrape), then the postings. */
static gint upgrade_may_go;   /* atomic */

static void
upgrade_waits (gpointer data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!g_atomic_int_get (&upgrade_may_go) && g_get_monotonic_time () < end)
    g_usleep (5 * 1000);
}

static gboolean
jobs_view_mapped (gpointer data)
{
  GtkWidget *jobs = ui_test_find_widget (GTK_WIDGET (data), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL);

  return jobs != NULL && gtk_widget_get_mapped (jobs) &&
         g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (jobs))) == 1;
}

static void
check_upgrade (ScraperApplication *app,
               GtkWindow          *window)
{
  GtkWidget *scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (
    ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL, NULL));

  g_assert_true (scraper_application_get_opening (app));
  /* No view shows yet: the title is the application's, not "Jobs". */
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Job Scraper");
  g_assert_null (scraper_application_get_context (app));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, status_page_has_title,
                                         (gpointer) "Updating the Job Database"));
  g_assert_true (scrape == NULL || !gtk_widget_get_mapped (scrape));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "scrape"));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL));

  g_atomic_int_set (&upgrade_may_go, 1);
  g_assert_true (ui_test_spin_until (jobs_view_mapped, window, 30000));
  g_assert_false (scraper_application_get_opening (app));
  g_assert_nonnull (scraper_application_get_context (app));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, status_page_has_title,
                                      (gpointer) "Updating the Job Database"));
  scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");
  g_assert_true (scrape != NULL && gtk_widget_get_mapped (scrape));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Jobs");
}

/* A database of schema 8 with one posting at @db; @extra: more SQL. */
static void
make_schema_8 (const char *db,
               const char *extra)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ScraperStore) store = scraper_store_open (db, &error);
    g_autoptr(GPtrArray) postings = posting_array ();
    gint64 source;

    g_assert_no_error (error);
    source = add_test_source (store, "Old Board", "https://old.example/jobs");
    g_ptr_array_add (postings, make_posting ("1", "Kept Engineer", "Old", NULL, NULL));
    test_sync (store, source, postings, SCRAPER_SYNC_COMPLETE);
  }
  /* Back to schema 8, as version 0.2 left it: without the index of
   * unarchived postings that schema 9 builds from every posting. */
  test_exec_sql (db, STORE_TEST_UNDO_V9 "PRAGMA user_version = 8;");
  if (extra != NULL)
    test_exec_sql (db, extra);
  g_assert_true (scraper_store_needs_upgrade (db));
}

static gint upgrade_runs;   /* atomic */

static void
count_upgrade (gpointer data)
{
  g_atomic_int_inc (&upgrade_runs);
  upgrade_waits (data);
}

static void
run_upgrade (const char  *db,
             WindowCheck  check)
{
  g_autoptr(ScraperApplication) app = scraper_application_new ();
  char *argv[] = { (char *) "test-window", NULL };
  g_autofree char *old_db = g_strdup (g_getenv ("JOB_SCRAPER_DB"));
  int status;

  g_atomic_int_set (&upgrade_may_go, 0);
  g_atomic_int_set (&upgrade_runs, 0);
  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  scraper_application_set_open_hook_for_testing (count_upgrade, NULL);
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), (gpointer) check);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  scraper_application_set_open_hook_for_testing (NULL, NULL);
  if (old_db != NULL)
    g_setenv ("JOB_SCRAPER_DB", old_db, TRUE);
  else
    g_unsetenv ("JOB_SCRAPER_DB");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_atomic_int_get (&upgrade_runs), ==, 1);
}

static void
test_window_upgrade_shown_while_migrating (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "upgrade.db", NULL);

  make_schema_8 (db, NULL);
  run_upgrade (db, check_upgrade);
  g_assert_false (scraper_store_needs_upgrade (db));
}

/* The migration fails (here the file already has a table of the name the
 * new index needs): the window says the database cannot be opened, and
 * nothing tries the migration again on the main thread. */
static gboolean
open_error_shown (gpointer data)
{
  return ui_test_find_widget (GTK_WIDGET (data), ADW_TYPE_STATUS_PAGE, status_page_has_title,
                              (gpointer) "Cannot Open the Job Database") != NULL;
}

static void
check_upgrade_fails (ScraperApplication *app,
                     GtkWindow          *window)
{
  guint n_writes = 0;

  g_assert_true (scraper_application_get_opening (app));
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  g_atomic_int_set (&upgrade_may_go, 1);
  g_assert_true (ui_test_spin_until (open_error_shown, window, 30000));
  g_assert_false (scraper_application_get_opening (app));
  g_assert_null (scraper_application_get_context (app));
  g_assert_nonnull (scraper_application_get_open_error (app));
  scraper_store_get_main_thread_calls (&n_writes, NULL);
  g_assert_cmpuint (n_writes, ==, 0);
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_OFF);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL));
}

static void
test_window_upgrade_failure_shown (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "upgrade-fails.db", NULL);

  make_schema_8 (db, "CREATE TABLE postings_fts_live_data (id INTEGER PRIMARY KEY, block BLOB);");
  run_upgrade (db, check_upgrade_fails);
  /* The failed migration's transaction left the file as it was. */
  g_assert_true (scraper_store_needs_upgrade (db));
}

/* A database written by a newer version: the window says so instead of
 * the views (the message names the file and what to do), offers no
 * Scrape, titles itself after the application, and leaves the file as it
 * was. */
static void
check_newer_database (ScraperApplication *app,
                      GtkWindow          *window)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, status_page_has_title,
                                         (gpointer) "Cannot Open the Job Database");
  GtkWidget *scrape = ui_test_find_button (GTK_WIDGET (window), "Scrape");
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (
    ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL, NULL));
  const GError *error = scraper_application_get_open_error (app);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "newer.db"));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "newer version"));
  g_assert_null (scraper_application_get_context (app));
  g_assert_true (scrape == NULL || !gtk_widget_get_mapped (scrape));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "scrape"));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_VIEW, NULL, NULL));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Job Scraper");
}

static void
test_window_newer_database_shown (void)
{
  g_autoptr(ScraperApplication) app = scraper_application_new ();
  char *argv[] = { (char *) "test-window", NULL };
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "newer.db", NULL);
  g_autofree char *old_db = g_strdup (g_getenv ("JOB_SCRAPER_DB"));
  g_autofree char *before = NULL, *after = NULL;
  gsize n_before = 0, n_after = 0;
  int status;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScraperStore) store = scraper_store_open (db, &error);

    g_assert_no_error (error);
    add_test_source (store, "Board", "https://board.example/jobs");
  }
  test_exec_sql (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  g_assert_true (g_file_get_contents (db, &before, &n_before, NULL));

  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), (gpointer) check_newer_database);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  if (old_db != NULL)
    g_setenv ("JOB_SCRAPER_DB", old_db, TRUE);
  else
    g_unsetenv ("JOB_SCRAPER_DB");
  g_assert_cmpint (status, ==, 0);

  g_assert_true (g_file_get_contents (db, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  /* GTK's test accessibility backend keeps what screen readers would be
   * told, so the tests can read the accessible names (no bus needed). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/empty-state", test_window_empty_state);
  g_test_add_func ("/window/upgrade-shown-while-migrating", test_window_upgrade_shown_while_migrating);
  g_test_add_func ("/window/upgrade-failure-shown", test_window_upgrade_failure_shown);
  g_test_add_func ("/window/newer-database-shown", test_window_newer_database_shown);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/one-word-per-idea", test_window_one_word_per_idea);
  g_test_add_func ("/window/narrow-360", test_window_narrow_360);
  g_test_add_func ("/window/narrow-title-in-full", test_window_narrow_title_in_full);
  g_test_add_func ("/window/one-suggested-action-without-sources", test_window_one_suggested_action);
  g_test_add_func ("/window/scrape-suggested-at-start", test_window_scrape_suggested_at_start);
  g_test_add_func ("/window/keyboard-shortcuts", test_window_keyboard);
  g_test_add_func ("/window/alt-number-follows-switcher", test_window_alt_number_follows_switcher);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/size-persists", test_window_size_persists);
  g_test_add_func ("/window/first-run-sample-board", test_window_first_run_sample);
  g_test_add_func ("/window/export-jobs", test_window_export);
  g_test_add_func ("/window/remote-badge-once", test_window_remote_badge_once);
  g_test_add_func ("/window/language-model-after-scrape", test_window_llm_after_scrape);

  return g_test_run ();
}
