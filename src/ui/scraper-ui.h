/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "app/scraper-application.h"

G_BEGIN_DECLS

/* Gives the application its face: windows on activate and the actions that
 * open windows (about, preferences).  Keeps app/ free of ui/. */
void     scraper_ui_setup                   (ScraperApplication *app);

/* Starts a scrape of every enabled source at the scheduled (low) priority,
 * as the "auto-scrape-interval" timer does; nothing when tasks already run.
 * Returns TRUE when tasks were submitted. */
gboolean scraper_ui_run_auto_scrape         (ScraperApplication *app);
/* The period of the automatic scrape timer in seconds, 0 when off. */
guint    scraper_ui_get_auto_scrape_seconds (ScraperApplication *app);

G_END_DECLS
