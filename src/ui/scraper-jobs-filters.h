/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

/* The Jobs view's "Filters" button: a popover with the filters the command
 * line has beyond text, star and status (remote, location, minimum yearly
 * salary, employment type, posted within, source) and a "Reset" that
 * activates "jobs.reset-filters".  The button's label takes the accent
 * colour while a filter is set.  The sources are read on the store's
 * thread.
 *
 * Signals:
 *  - "changed": a filter changed (once for scraper_jobs_filters_set() and
 *    scraper_jobs_filters_reset()). */
#define SCRAPER_TYPE_JOBS_FILTERS (scraper_jobs_filters_get_type ())
G_DECLARE_FINAL_TYPE (ScraperJobsFilters, scraper_jobs_filters, SCRAPER, JOBS_FILTERS, AdwBin)

void        scraper_jobs_filters_set_store   (ScraperJobsFilters       *self,
                                              ScraperStore             *store);
/* Reads the sources again (e.g. after one was added or removed). */
void        scraper_jobs_filters_refresh_sources (ScraperJobsFilters   *self);
/* Sets the filters of @query this button has; location and employment
 * type point into @self (copy them for a query that outlives a change). */
void        scraper_jobs_filters_to_query    (ScraperJobsFilters       *self,
                                              ScraperQuery             *query);
/* Shows the filters of @search this button has. */
void        scraper_jobs_filters_set         (ScraperJobsFilters       *self,
                                              const ScraperSavedSearch *search);
void        scraper_jobs_filters_reset       (ScraperJobsFilters       *self);
guint       scraper_jobs_filters_get_n_active (ScraperJobsFilters      *self);
/* "Remote · Berlin · …" for the filters set, or NULL when none is. */
char       *scraper_jobs_filters_describe    (ScraperJobsFilters       *self);

G_END_DECLS
