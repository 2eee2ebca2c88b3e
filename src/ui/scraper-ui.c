/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-preferences-window.h"
#include "scraper-ui.h"
#include "scraper-window.h"

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

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

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ScraperApplication *app = user_data;
  GtkWidget *prefs;

  prefs = scraper_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (app)),
                                          scraper_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (prefs));
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
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
}

void
scraper_ui_setup (ScraperApplication *app)
{
  g_return_if_fail (SCRAPER_IS_APPLICATION (app));

  g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
}
