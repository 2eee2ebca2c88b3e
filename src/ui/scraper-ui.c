/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "scraper-blocklist-page.h"
#include "scraper-preferences-window.h"
#include "scraper-ui.h"
#include "scraper-window.h"

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Started at login (--background): reminders and the automatic scrape
   * run; the window comes with the next activation ("Open" on a
   * notification, or the launcher). */
  if (scraper_application_take_background_start (SCRAPER_APPLICATION (app)) &&
      scraper_application_get_runs_in_background (SCRAPER_APPLICATION (app)))
    return;

  if (window == NULL)
    window = GTK_WINDOW (scraper_window_new (SCRAPER_APPLICATION (app)));

  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Job Scraper Team", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Job Scraper"),
                        "developer-name", _("The Job Scraper Team"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "comments", _("Collect job postings from career sites, job boards and feeds in the background, and keep track of your applications."),
                        "developers", developers,
                        "copyright", "© 2026 The Job Scraper Team",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace "translator-credits" with your names, one name per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* A block added or removed in Preferences: the job lists follow. */
static void
on_blocks_changed (ScraperApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SCRAPER_IS_WINDOW (l->data))
      gtk_widget_activate_action (GTK_WIDGET (l->data), "win.reload-jobs", NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ScraperApplication *app = user_data;
  GtkWidget *prefs;

  prefs = scraper_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (app)),
                                          scraper_application_get_settings (app));
  if (scraper_application_get_context (app) != NULL)
    {
      GtkWidget *blocked = scraper_blocklist_page_new (scraper_context_get_store (scraper_application_get_context (app)));

      g_signal_connect_object (blocked, "changed", G_CALLBACK (on_blocks_changed), app, G_CONNECT_SWAPPED);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (blocked));
    }
  gtk_window_present (GTK_WINDOW (prefs));
}

/* Automatic scrapes: one timer per application, following the
 * "auto-scrape-interval" key while the application runs. */
typedef struct {
  ScraperApplication *app;  /* unowned: the data lives on it */
  GSettings          *settings;
  gulong              changed_id;
  guint               timeout_id;
  guint               seconds;
} AutoScrape;

static void
auto_scrape_free (gpointer data)
{
  AutoScrape *auto_scrape = data;

  g_clear_handle_id (&auto_scrape->timeout_id, g_source_remove);
  g_clear_signal_handler (&auto_scrape->changed_id, auto_scrape->settings);
  g_clear_object (&auto_scrape->settings);
  g_free (auto_scrape);
}

static guint
interval_seconds (GSettings *settings)
{
  static const guint seconds[] = { 0, 60 * 60, 6 * 60 * 60, 24 * 60 * 60 };
  guint interval = (guint) g_settings_get_enum (settings, "auto-scrape-interval");

  return interval < G_N_ELEMENTS (seconds) ? seconds[interval] : 0;
}

gboolean
scraper_ui_run_auto_scrape (ScraperApplication *app)
{
  ScraperContext *context;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SCRAPER_IS_APPLICATION (app), FALSE);

  context = scraper_application_get_context (app);
  /* A scrape still running (say, started by hand) is not doubled. */
  if (context == NULL || scraper_task_manager_get_busy (scraper_context_get_task_manager (context)))
    return FALSE;

  tasks = scraper_context_scrape (context, NULL, 0, SCRAPER_TASK_PRIORITY_SCHEDULED, &error);
  if (tasks == NULL)
    {
      g_warning ("Could not start the automatic scrape: %s", error->message);
      return FALSE;
    }
  return tasks->len > 0;
}

static gboolean
auto_scrape_cb (gpointer user_data)
{
  AutoScrape *auto_scrape = user_data;

  scraper_ui_run_auto_scrape (auto_scrape->app);
  return G_SOURCE_CONTINUE;
}

static void
update_auto_scrape (AutoScrape *auto_scrape)
{
  guint seconds = interval_seconds (auto_scrape->settings);

  if (seconds == auto_scrape->seconds)
    return;

  g_clear_handle_id (&auto_scrape->timeout_id, g_source_remove);
  auto_scrape->seconds = seconds;
  if (seconds > 0 && scraper_application_get_context (auto_scrape->app) != NULL)
    auto_scrape->timeout_id = g_timeout_add_seconds (seconds, auto_scrape_cb, auto_scrape);
}

guint
scraper_ui_get_auto_scrape_seconds (ScraperApplication *app)
{
  AutoScrape *auto_scrape;

  g_return_val_if_fail (SCRAPER_IS_APPLICATION (app), 0);

  auto_scrape = g_object_get_data (G_OBJECT (app), "scraper-ui-auto-scrape");
  return auto_scrape != NULL && auto_scrape->timeout_id != 0 ? auto_scrape->seconds : 0;
}

static guint sigterm_id;

static gboolean
on_sigterm (gpointer user_data)
{
  sigterm_id = 0;
  /* Quitting cancels the tasks; what they stored stays. */
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_shutdown (GApplication *app,
             gpointer      user_data)
{
  g_object_set_data (G_OBJECT (app), "scraper-ui-auto-scrape", NULL);
  g_clear_handle_id (&sigterm_id, g_source_remove);
}

static const GActionEntry ui_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
on_startup (GApplication *app,
            gpointer      user_data)
{
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (app), ui_actions, G_N_ELEMENTS (ui_actions), app);
  AutoScrape *auto_scrape;

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);

  auto_scrape = g_new0 (AutoScrape, 1);
  auto_scrape->app = SCRAPER_APPLICATION (app);
  auto_scrape->settings = g_object_ref (scraper_application_get_settings (SCRAPER_APPLICATION (app)));
  auto_scrape->changed_id = g_signal_connect_swapped (auto_scrape->settings, "changed::auto-scrape-interval",
                                                      G_CALLBACK (update_auto_scrape), auto_scrape);
  g_object_set_data_full (G_OBJECT (app), "scraper-ui-auto-scrape", auto_scrape, auto_scrape_free);
  update_auto_scrape (auto_scrape);

  sigterm_id = g_unix_signal_add (SIGTERM, on_sigterm, app);
  g_signal_connect (app, "shutdown", G_CALLBACK (on_shutdown), NULL);
}

void
scraper_ui_setup (ScraperApplication *app)
{
  g_return_if_fail (SCRAPER_IS_APPLICATION (app));

  g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
}
