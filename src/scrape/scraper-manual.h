/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-adapter.h"

G_BEGIN_DECLS

/* Kind "manual": one posting the user tracks, at the address of its page.
 * The source's URL is the posting's address; a scrape reads that one
 * posting again and never archives anything (a posting whose page is gone
 * is kept as it was, with a warning). */

/* Where a posting URL of a known board is read from, without network:
 * boards.greenhouse.io/acme/jobs/123, jobs.lever.co/acme/UUID,
 * jobs.ashbyhq.com/acme/UUID, apply.workable.com/acme/j/CODE,
 * jobs.smartrecruiters.com/Acme/ID-title, acme.recruitee.com/o/slug,
 * acme.jobs.personio.de/job/ID.  Sets @kind, the API address to fetch
 * (the posting's own document where the board has one, else the board's
 * list) and the posting's id on the board.  FALSE for any other URL. */
gboolean        scraper_manual_board_posting (const char  *url,
                                              char       **kind,
                                              char       **api_url,
                                              char       **posting_id);

/* The one posting at @url: read from the board's API for a posting URL of
 * a known board, else from the JobPosting data (JSON-LD) of the page.
 * Normalized, source_id 0.  SCRAPER_ADAPTER_ERROR_NO_POSTINGS when there is
 * no posting there; a SCRAPER_FETCH_ERROR (with its HTTP status) when the
 * page could not be read. */
ScraperPosting *scraper_manual_fetch_posting (ScraperFetcher  *fetcher,
                                              const char      *url,
                                              GCancellable    *cancellable,
                                              GError         **error);

/* TRUE for an error that says the posting is no longer there (404, 410, a
 * page without the posting): a tracked posting is then kept. */
gboolean        scraper_manual_error_is_gone (const GError *error);

gboolean        scraper_adapter_manual_run   (ScraperSource                 *source,
                                              ScraperFetcher                *fetcher,
                                              const ScraperAdapterCallbacks *callbacks,
                                              ScraperAdapterStats           *stats,
                                              GCancellable                  *cancellable,
                                              GError                       **error);

G_END_DECLS
