/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scraper-fetcher.h"

G_BEGIN_DECLS

/* Job boards a page hands off to, and the board of any URL on a known
 * board: network-free except scraper_handoff_detect(). */

/**
 * ScraperHandoff:
 * @kind: the kind of source that reads the board ("lever", "workday",
 *   "feed", ...): the agreed kind name, valid in this build or not
 * @vendor: the board's product name ("Lever", "Teamtailor")
 * @url: the canonical source URL of the whole board
 *   (https://jobs.lever.co/acme)
 * @board: the board's name on its host ("acme"), or NULL
 * @evidence: where it was seen, as written in the page
 *   (`<iframe src="https://jobs.ashbyhq.com/acme/embed">`), or NULL
 */
typedef struct {
  char *kind;
  char *vendor;
  char *url;
  char *board;
  char *evidence;
} ScraperHandoff;

void            scraper_handoff_free          (ScraperHandoff *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperHandoff, scraper_handoff_free)

/**
 * scraper_board_from_url:
 * @url: any URL: a board's page, one posting, an embed script or frame, an
 *   API address
 * @kind: (out) (optional): the kind of source for the board
 * @source_url: (out) (optional): the canonical source URL of the whole board
 * @board: (out) (optional): the board's name on its host ("acme")
 *
 * Tells which known job board @url belongs to, without network
 * (jobs.lever.co/acme/UUID -> lever, https://jobs.lever.co/acme, acme).
 * Marketing pages of the boards' vendors (www.lever.co) are no board.
 *
 * Returns: %TRUE when @url is on a known board
 */
gboolean        scraper_board_from_url        (const char  *url,
                                               char       **kind,
                                               char       **source_url,
                                               char       **board);

/* The same as a ScraperHandoff (evidence NULL), or NULL. */
ScraperHandoff *scraper_handoff_from_url      (const char  *url);

/**
 * scraper_handoff_find:
 * @html: the page, as fetched
 * @length: its length
 * @charset: (nullable): the response's charset
 * @page_url: the page's URL (resolves relative links)
 *
 * Finds the boards a careers page hands off to: links, frames, embed
 * scripts, data- attributes and the boards' inline script configurations.
 * Work is bounded on huge pages.
 *
 * Returns: (transfer full) (element-type ScraperHandoff): the boards, each
 *   once, in the order the page names them; empty when none
 */
GPtrArray      *scraper_handoff_find          (const char  *html,
                                               gsize        length,
                                               const char  *charset,
                                               const char  *page_url);

/**
 * scraper_handoff_detect:
 *
 * What to add for @url: the board of a posting or board URL; the page
 * itself when it has postings of its own or is a feed (evidence NULL, url
 * @url); else the boards it hands off to.  Fetches @url when its address
 * does not tell.  Blocking: call it from a worker.
 *
 * Returns: (transfer full) (element-type ScraperHandoff): at least one
 *   entry, or NULL with SCRAPER_ADAPTER_ERROR_NO_POSTINGS when the page
 *   has no postings and names no board (or another error)
 */
GPtrArray      *scraper_handoff_detect        (ScraperFetcher *fetcher,
                                               const char     *url,
                                               GCancellable   *cancellable,
                                               GError        **error);

/* "jobs.lever.co/acme": the URL without its scheme and trailing slash,
 * as said to users. */
char           *scraper_handoff_short_url     (const char  *url);

G_END_DECLS
