/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_INSIGHTS_VIEW (scraper_insights_view_get_type ())
G_DECLARE_FINAL_TYPE (ScraperInsightsView, scraper_insights_view, SCRAPER, INSIGHTS_VIEW, AdwBin)

/* The Insights page: new postings per week (the last 26 weeks) and the
 * application funnel (saved, applied, interviewing, offer, rejected, with
 * the response rate and the median days to a response) as charts drawn
 * here, each with an accessible description carrying its numbers and a
 * plain table beside it; and per source, postings and applications.  The
 * statistics are those of "job-scraper stats", computed off the main
 * thread whenever the page is shown or a scrape finishes. */
GtkWidget  *scraper_insights_view_new     (ScraperContext      *context);
void        scraper_insights_view_reload  (ScraperInsightsView *self);
/* Whether a computation is running (for tests). */
gboolean    scraper_insights_view_is_loading (ScraperInsightsView *self);
/* The chart widgets, for tests: "weeks" and "funnel". */
GtkWidget  *scraper_insights_view_get_chart (ScraperInsightsView *self,
                                             const char          *name);

/* The accessible description of a chart (its numbers), for tests. */
const char *scraper_insights_view_get_description (ScraperInsightsView *self,
                                                   const char          *name);

G_END_DECLS
