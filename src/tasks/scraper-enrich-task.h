/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "enrich/scraper-enrich.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Kind "enrich": derives salary (from text where the source stated none),
 * remote kind, seniority, skills and relevance for every posting that is
 * not archived, and stores them in batches.  The result is an a{sv} with
 * "postings" (u, how many were looked at) and "changed" (u). */
ScraperTask *scraper_enrich_task_new (ScraperStore    *store,
                                      ScraperEnricher *enricher);

G_END_DECLS
