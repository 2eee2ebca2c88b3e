/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "enrich/scraper-enrich.h"
#include "scrape/scraper-fetcher.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Kind "track", titled "Tracking URL": stores the one posting at @url (a
 * page with JobPosting data, or a posting URL of a known board) with a
 * source of its own of kind "manual" (see scrape/scraper-manual.h), made
 * the first time and refreshed when the same address is tracked again,
 * then sets its status (@status < 0 keeps it).  Nothing is stored when
 * there is no posting at @url.  The result is an a{sv} with "posting-id"
 * (x), "source-id" (x), "title" (s) and "added" (b, a new source). */
ScraperTask *scraper_track_task_new (ScraperStore    *store,
                                     ScraperFetcher  *fetcher,
                                     ScraperEnricher *enricher,
                                     const char      *url,
                                     gint             status);

G_END_DECLS
