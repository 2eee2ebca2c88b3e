/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-application.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_WINDOW (scraper_window_get_type ())
G_DECLARE_FINAL_TYPE (ScraperWindow, scraper_window, SCRAPER, WINDOW, AdwApplicationWindow)

ScraperWindow *scraper_window_new        (ScraperApplication *application);
void           scraper_window_add_toast  (ScraperWindow      *self,
                                          AdwToast           *toast);
/* Shows the view named @name: "jobs", "sources" or "tasks". */
void           scraper_window_show_view  (ScraperWindow      *self,
                                          const char         *name);
const char    *scraper_window_get_visible_view (ScraperWindow *self);

G_END_DECLS
