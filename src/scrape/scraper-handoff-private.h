/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "scraper-handoff.h"

G_BEGIN_DECLS

/* Bounds on the work one page may cause. */
#define SCRAPER_HANDOFF_MAX_SCAN   (8 * 1024 * 1024) /* bytes of script text and attributes scanned */
#define SCRAPER_HANDOFF_MAX_TRIES  2000              /* candidate URLs looked at */
#define SCRAPER_HANDOFF_MAX_BOARDS 32                /* boards returned */
#define SCRAPER_HANDOFF_MAX_SHORT_LINKS 3            /* short links followed */

/* scraper_handoff_find() on a page already parsed (@doc, from
 * scraper_html_parse() of @html). */
GPtrArray *scraper_handoff_find_in_doc (xmlDoc     *doc,
                                        const char *html,
                                        gsize       length,
                                        const char *page_url);

/* The board that the page's short links (Greenhouse's grnh.se,
 * SmartRecruiters' smrtr.io) lead to, followed through @fetcher: at most
 * SCRAPER_HANDOFF_MAX_SHORT_LINKS distinct links, up to the first that
 * lands on a board.  An empty array when none does; NULL only when
 * @cancellable was cancelled. */
GPtrArray *scraper_handoff_follow_short_links (ScraperFetcher *fetcher,
                                               xmlDoc         *doc,
                                               const char     *page_url,
                                               GCancellable   *cancellable,
                                               GError        **error);

G_END_DECLS
