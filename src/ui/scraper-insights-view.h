/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_INSIGHTS_VIEW (scraper_insights_view_get_type ())
G_DECLARE_FINAL_TYPE (ScraperInsightsView, scraper_insights_view, SCRAPER, INSIGHTS_VIEW, AdwBin)

/* The Insights page, four charts (scraper-chart.c), each with an accessible
 * description carrying its numbers and a plain table beside it:
 * - new postings per week, stacked by source (the last 26 weeks);
 * - the application funnel (saved, applied, interviewing, offer, rejected,
 *   with the response rate and the median days to a response), the
 *   numbers of "job-scraper stats";
 * - annualized salaries by seniority (a box per seniority), of the most
 *   common currency, postings not archived;
 * - per source: postings, applied, responses.
 * The weeks, salaries and sources follow the Jobs view's search text
 * (scraper_insights_view_set_search); the funnel counts every application.
 * Computed on the store's thread whenever the page is shown, the search
 * changes while shown, or a scrape finishes. */
GtkWidget  *scraper_insights_view_new     (ScraperContext      *context);
void        scraper_insights_view_reload  (ScraperInsightsView *self);
/* Whether a computation is running (for tests). */
gboolean    scraper_insights_view_is_loading (ScraperInsightsView *self);
/* Follows a search text (NULL or "" = every posting). */
void        scraper_insights_view_set_search (ScraperInsightsView *self,
                                              const char          *search);
const char *scraper_insights_view_get_search (ScraperInsightsView *self);
/* The chart widgets, for tests: "weeks", "funnel", "salaries", "sources". */
GtkWidget  *scraper_insights_view_get_chart (ScraperInsightsView *self,
                                             const char          *name);

/* The accessible description of a chart (its numbers), for tests. */
const char *scraper_insights_view_get_description (ScraperInsightsView *self,
                                                   const char          *name);

G_END_DECLS
