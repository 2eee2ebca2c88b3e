/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "enrich/scraper-enrich.h"
#include "model/scraper-source.h"
#include "scrape/scraper-fetcher.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Kind "scrape": one task per source, titled with the source name.  The
 * worker runs the source's adapter, enriches the postings and syncs them
 * into the store in batches as they arrive, so a cancelled scrape keeps
 * what it already stored.  The result is an a{sv} with the source id
 * ("source-id", x) and the counts ("found", "inserted", "updated",
 * "unchanged", "archived", "unarchived", "pages", "warnings", all u). */
ScraperTask *scraper_scrape_task_new        (ScraperStore    *store,
                                             ScraperFetcher  *fetcher,
                                             ScraperEnricher *enricher,
                                             ScraperSource   *source);

/* The source a scrape task is for. */
ScraperSource *scraper_scrape_task_get_source (ScraperTask *task);

/* "12 new, 3 updated, 1 archived" for a scrape result, or NULL. */
char        *scraper_scrape_result_describe (GVariant        *result);
/* "Stopped at the 200-page limit: 140 of about 1500 postings"; @total 0
 * when unknown. */
char        *scraper_scrape_limit_describe  (guint            limit,
                                             guint            found,
                                             guint            total);

G_END_DECLS
