/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SCRAPER_TYPE_PREFERENCES_WINDOW (scraper_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ScraperPreferencesWindow, scraper_preferences_window, SCRAPER, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *scraper_preferences_window_new (GtkWindow *parent,
                                           GSettings *settings);

G_END_DECLS
