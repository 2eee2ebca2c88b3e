/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "scrape/scraper-fetcher.h"
#include "scrape/scraper-finder.h"

G_BEGIN_DECLS

/* Kind "find", titled "Finding “NAME”": looks a company up on the job
 * boards' public APIs (see scraper-finder.h), one request at a time, with
 * its progress after each.  The result is an a{sv} with "name" (s),
 * "probes" (u, requests made), "boards" (a(sssu): kind, url, name,
 * postings) and "unreachable" (as, boards that could not be asked). */
ScraperTask *scraper_find_task_new         (ScraperFetcher *fetcher,
                                            const char     *name);

/* The boards of a find result, element type ScraperFoundBoard (empty for
 * another result or NULL). */
GPtrArray   *scraper_find_result_get_boards (GVariant      *result);

/* "Found on Greenhouse and Lever" / "Not found on …" for a find result. */
char        *scraper_find_result_describe   (GVariant      *result);

G_END_DECLS
