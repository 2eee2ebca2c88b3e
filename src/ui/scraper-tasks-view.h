/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_TASKS_VIEW (scraper_tasks_view_get_type ())
G_DECLARE_FINAL_TYPE (ScraperTasksView, scraper_tasks_view, SCRAPER, TASKS_VIEW, GtkWidget)

/* The Tasks view: running, pending and finished tasks of the context's
 * task manager, newest first, with "Clear Finished". */
GtkWidget      *scraper_tasks_view_new         (void);
ScraperContext *scraper_tasks_view_get_context (ScraperTasksView *self);
void            scraper_tasks_view_set_context (ScraperTasksView *self,
                                                ScraperContext   *context);

G_END_DECLS
