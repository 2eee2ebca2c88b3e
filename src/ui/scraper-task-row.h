/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/scraper-task.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_TASK_ROW (scraper_task_row_get_type ())
G_DECLARE_FINAL_TYPE (ScraperTaskRow, scraper_task_row, SCRAPER, TASK_ROW, GtkWidget)

/* One row of the Tasks view: the state, title, message, progress, times,
 * error or result counts of a task, with Cancel and Retry. */
GtkWidget   *scraper_task_row_new      (void);
ScraperTask *scraper_task_row_get_task (ScraperTaskRow *self);
/* Binds the row to @task (NULL unbinds). */
void         scraper_task_row_set_task (ScraperTaskRow *self,
                                        ScraperTask    *task);

/* "1:05" or "1:02:05", for elapsed and remaining times. */
char        *scraper_task_row_format_duration (gint64 seconds);

G_END_DECLS
