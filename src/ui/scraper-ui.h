/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "app/scraper-application.h"

G_BEGIN_DECLS

/* Gives the application its face: windows on activate and the actions that
 * open windows (about, preferences).  Keeps app/ free of ui/. */
void scraper_ui_setup (ScraperApplication *app);

G_END_DECLS
