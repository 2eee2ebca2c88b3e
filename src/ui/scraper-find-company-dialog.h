/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_FIND_COMPANY_DIALOG (scraper_find_company_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ScraperFindCompanyDialog, scraper_find_company_dialog, SCRAPER, FIND_COMPANY_DIALOG, AdwWindow)

/* "Find a Company…": a company's name; Find starts a "find" task (shown in
 * Tasks with its progress bar) that asks the job boards for it, then lists
 * each board found with its name and posting count, each addable as a
 * source ("Add", "Add All").  Emits "saved" (gint64 id) for each source
 * added.  Closing the window cancels a search that still runs.  Actions
 * (group "find"): search, cancel, add (u: index of the board), add-all. */
ScraperFindCompanyDialog *scraper_find_company_dialog_new      (GtkWindow                *parent,
                                                                ScraperContext           *context);
/* Presents a new one over @parent; when @parent has a "saved" (gint64)
 * signal (the Add Source dialog), it announces each source added too. */
void                      scraper_find_company_dialog_open     (GtkWindow                *parent,
                                                                ScraperContext           *context);
/* The search that runs or ran last, or NULL. */
ScraperTask              *scraper_find_company_dialog_get_task (ScraperFindCompanyDialog *self);
/* How many boards the last search found (0 while it runs). */
guint                     scraper_find_company_dialog_get_n_found (ScraperFindCompanyDialog *self);

G_END_DECLS
