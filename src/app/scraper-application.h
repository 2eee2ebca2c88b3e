/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_APPLICATION (scraper_application_get_type ())
G_DECLARE_FINAL_TYPE (ScraperApplication, scraper_application, SCRAPER, APPLICATION, AdwApplication)

ScraperApplication *scraper_application_new          (void);
GSettings          *scraper_application_get_settings (ScraperApplication *self);
const char         *scraper_application_get_db_path  (ScraperApplication *self);
/* The store, the task manager and the settings; NULL when the database
 * could not be opened (see scraper_application_get_open_error()). */
ScraperContext     *scraper_application_get_context  (ScraperApplication *self);
const GError       *scraper_application_get_open_error (ScraperApplication *self);
/* TRUE while a database of an older version is migrated at start: the
 * context comes with the "opened" signal. */
gboolean            scraper_application_get_opening   (ScraperApplication *self);
/* Called on the migrating thread before it opens the database. */
void                scraper_application_set_open_hook_for_testing (void     (*hook) (gpointer data),
                                                                   gpointer   data);
/* TRUE once if the application was started with --background (at login):
 * its first activation then shows no window. */
gboolean            scraper_application_take_background_start (ScraperApplication *self);
/* TRUE while "run-in-background" keeps the application running with no
 * window. */
gboolean            scraper_application_get_runs_in_background (ScraperApplication *self);

G_END_DECLS
