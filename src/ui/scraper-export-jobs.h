/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"
#include "core/scraper-task.h"

G_BEGIN_DECLS

/* "Export Jobs…": asks where to save every posting (CSV, or JSON when the
 * name ends in .json or the JSON filter is chosen), then runs an export
 * task on @context's task manager.  The task shows in the Tasks view like
 * any other. */
void      scraper_export_jobs_run      (GtkWindow      *parent,
                                        ScraperContext *context);

/* The toast that says how an export task ended, or NULL for a task of
 * another kind (or one cancelled: the user knows). */
AdwToast *scraper_export_jobs_toast    (ScraperTask    *task);

G_END_DECLS
