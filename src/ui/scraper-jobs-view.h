/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_JOBS_VIEW (scraper_jobs_view_get_type ())
G_DECLARE_FINAL_TYPE (ScraperJobsView, scraper_jobs_view, SCRAPER, JOBS_VIEW, AdwBin)

/* The Jobs page: search (Ctrl+F) and filters (remote only, starred,
 * status) over the postings in the store, the first 500 matches in a list
 * with a Star toggle each, and a details pane (description, Open in
 * Browser, status, notes).  Construct with the "context" property:
 *   g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", ctx, NULL)
 * It reloads when a scrape or enrich task finishes.  Its actions (group
 * "jobs"): star ((xb)), show-posting (x), close-details, focus-search,
 * reload.  The details pane is a ScraperJobDetails. */
GtkWidget  *scraper_jobs_view_new          (ScraperContext  *context);
void        scraper_jobs_view_reload       (ScraperJobsView *self);
/* Appends the next page of matches (also done when the list is scrolled
 * to its end); does nothing while one is loading or all are shown. */
void        scraper_jobs_view_load_more    (ScraperJobsView *self);
/* The postings shown (element type ScraperPostingObject). */
GListModel *scraper_jobs_view_get_model    (ScraperJobsView *self);
/* Matches of the current search and filters, beyond the ones shown. */
guint       scraper_jobs_view_get_n_total  (ScraperJobsView *self);
/* The search entry, for views that follow the same search text. */
GtkSearchEntry *scraper_jobs_view_get_search_entry (ScraperJobsView *self);

G_END_DECLS
