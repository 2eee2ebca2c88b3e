/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-adapter.h"

G_BEGIN_DECLS

/* One entry point per kind, dispatched by scraper_adapter_run().  Each runs
 * on the calling worker thread, hands postings to callbacks->postings in
 * batches, reports progress, and fills @stats. */
typedef gboolean (*ScraperAdapterRunFunc) (ScraperSource                 *source,
                                           ScraperFetcher                *fetcher,
                                           const ScraperAdapterCallbacks *callbacks,
                                           ScraperAdapterStats           *stats,
                                           GCancellable                  *cancellable,
                                           GError                       **error);

gboolean scraper_adapter_jsonld_run          (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_feed_run            (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_html_run            (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_greenhouse_run      (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_lever_run           (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_ashby_run           (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_workable_run        (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_smartrecruiters_run (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_recruitee_run       (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_personio_run        (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);

/* Parsers without network, for tests and reuse: postings found in one
 * document.  Element type ScraperPosting. */
GPtrArray *scraper_jsonld_extract_postings (const char *html, gsize length, const char *base_url,
                                            guint *n_broken_blocks);
GPtrArray *scraper_feed_parse              (const char *xml, gsize length, const char *base_url,
                                            GError **error);

G_END_DECLS
