/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "scrape/scraper-fetcher.h"

G_BEGIN_DECLS

#define SCRAPER_PREVIEW_TITLES 3

/**
 * scraper_preview_task_new:
 * @fetcher: the fetcher to use
 * @url: the address the user typed
 * @kind: (nullable): the kind chosen, or NULL to detect it
 * @settings: (nullable): the source's settings JSON (max_pages is capped)
 * @title: the task's title
 *
 * Kind "preview": what adding @url would add, and its first postings,
 * read on a worker.  The result is an a{sv}: for the page itself, "kind",
 * "found" (u), "more" (b), "titles" (as), "company" (s, optional) and
 * "preview-error" (s, optional); with "more", either "at-least" (b: found
 * is a lower bound, the preview stopped reading) or "pages" (u: the pages
 * read) and "total-estimate" (u, optional: how many the source says it
 * has); when the URL leads to job boards (a
 * careers page that hands off to them, a posting on one) instead,
 * "boards": aa{sv} with for each "kind", "vendor", "url", "board",
 * "evidence" (optional), "readable" (b: a kind this build reads), and
 * the preview keys above.
 */
ScraperTask *scraper_preview_task_new (ScraperFetcher *fetcher,
                                       const char     *url,
                                       const char     *kind,
                                       const char     *settings,
                                       const char     *title);

G_END_DECLS
