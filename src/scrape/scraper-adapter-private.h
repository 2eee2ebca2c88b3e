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
gboolean scraper_adapter_workday_run         (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_bamboohr_run        (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_pinpoint_run        (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_paylocity_run       (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_phenom_run          (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_gem_run             (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_jobvite_run         (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);
gboolean scraper_adapter_join_run            (ScraperSource *, ScraperFetcher *, const ScraperAdapterCallbacks *,
                                              ScraperAdapterStats *, GCancellable *, GError **);

/* Parsers without network, for tests and reuse: postings found in one
 * document.  Element type ScraperPosting. */
GPtrArray *scraper_jsonld_extract_postings (const char *html, gsize length, const char *base_url,
                                            guint *n_broken_blocks);
GPtrArray *scraper_feed_parse              (const char *xml, gsize length, const char *base_url,
                                            GError **error);
/* The same, and the feed's title (NULL when it has none) in *title. */
GPtrArray *scraper_feed_parse_full         (const char *xml, gsize length, const char *base_url,
                                            char **title, GError **error);

/* Applicant-tracking-system boards (scraper-adapter-ats.c and
 * scraper-adapter-<kind>.c): network-free parsers of one API document. */
typedef struct {
  gint64      source_id;
  const char *board;     /* board token from the source URL: company fallback, messages */
  const char *base_url;  /* URL the document came from: resolves relative links */
  guint       total;     /* out: postings the board says it has, 0 = unknown */
  guint       n_items;   /* out: entries read, before duplicates were merged */
} ScraperAtsParseContext;

/* Returns the postings (source_id set, normalized) of one document, an
 * empty array for an empty board, or NULL with SCRAPER_ADAPTER_ERROR_PARSE
 * when the document is not what the board's API answers. */
typedef GPtrArray *(*ScraperAtsParseFunc) (const char             *data,
                                           gsize                   length,
                                           ScraperAtsParseContext *context,
                                           GError                **error);

GPtrArray *scraper_greenhouse_parse      (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_lever_parse           (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_ashby_parse           (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_workable_parse        (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_smartrecruiters_parse (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_recruitee_parse       (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_personio_parse        (const char *, gsize, ScraperAtsParseContext *, GError **);

/* The API URL to fetch for a board page or API URL the user pasted, and the
 * board token (@board, nullable out).  A URL on a host that is not the
 * kind's own is taken as the API URL itself (self-hosted mirrors, tests).
 * SCRAPER_ADAPTER_ERROR_SETTINGS when the URL names no board. */
char      *scraper_ats_api_url           (const char  *kind,
                                          const char  *source_url,
                                          char       **board,
                                          GError     **error);

/* Shared by the adapters (implemented in scraper-adapter.c). */

/* Collects postings and hands them to callbacks->postings in batches: one
 * transaction per batch, and the window reloads its list after each.  A
 * batch goes when it holds SCRAPER_BATCH_MAX postings, or SCRAPER_BATCH_MIN
 * and SCRAPER_BATCH_INTERVAL_US have passed since the last one, or when
 * SCRAPER_BATCH_WAIT_US have passed (a slow source still shows its first
 * postings soon).  A fast source thus writes a few large batches a second
 * rather than many small ones: a commit rewrites the index pages a batch
 * touched, and at 50 postings a batch that was most of a sync's time.
 * _add() takes a reference, sets source_id, runs scraper_posting_normalize()
 * and counts stats->postings_found. */
#define SCRAPER_BATCH_MIN 50
#define SCRAPER_BATCH_MAX 1000
#define SCRAPER_BATCH_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
#define SCRAPER_BATCH_WAIT_US (2 * G_TIME_SPAN_SECOND)
/* Collects postings and hands them on in batches; safe to call from
 * several threads at once (see scraper-adapter.c). */
typedef struct _ScraperBatcher ScraperBatcher;
ScraperBatcher  *scraper_batcher_new   (ScraperSource                 *source,
                                        const ScraperAdapterCallbacks *callbacks,
                                        ScraperAdapterStats           *stats);
gboolean         scraper_batcher_add   (ScraperBatcher  *self,
                                        ScraperPosting  *posting,
                                        GError         **error);
gboolean         scraper_batcher_flush (ScraperBatcher  *self,
                                        GError         **error);
/* callbacks->keep_page, one at a time with the batches; counts the postings
 * kept in stats->postings_found.  Returns how many (0 without the callback). */
guint            scraper_batcher_keep_page (ScraperBatcher *self,
                                            const char     *url);
void             scraper_batcher_free  (ScraperBatcher  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperBatcher, scraper_batcher_free)

/* callbacks->progress / ->warning when set; _warn also counts stats->warnings. */
void             scraper_adapter_report (const ScraperAdapterCallbacks *callbacks,
                                         guint                          done,
                                         guint                          total,
                                         const char                    *message);
void             scraper_adapter_warn   (const ScraperAdapterCallbacks *callbacks,
                                         ScraperAdapterStats           *stats,
                                         const char                    *format,
                                         ...) G_GNUC_PRINTF (3, 4);

/* scraper_fetcher_fetch() that also turns a 4xx/5xx response into a
 * SCRAPER_FETCH_ERROR_HTTP error; *status (nullable) gets the HTTP status
 * when there was one (e.g. 404). */
ScraperResponse *scraper_adapter_fetch  (ScraperFetcher  *fetcher,
                                         const char      *url,
                                         guint           *status,
                                         GCancellable    *cancellable,
                                         GError         **error);
/* The same as a conditional GET: with @etag or @last_modified (nullable)
 * the response may be "not modified" (status 304, no body). */
ScraperResponse *scraper_adapter_fetch_conditional (ScraperFetcher  *fetcher,
                                                    const char      *url,
                                                    const char      *etag,
                                                    const char      *last_modified,
                                                    guint           *status,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* Crawl helpers (scraper-crawl-helpers.c): up to @n_helpers threads of a
 * process-wide pool of CRAWL_HELPER_THREADS run @func (@data) alongside
 * the caller, when they are free.  Join before @data goes away: it waits
 * for the helpers that started, and the others never will. */
#define CRAWL_HELPER_THREADS 4
typedef struct _ScraperCrawlHelpers ScraperCrawlHelpers;
ScraperCrawlHelpers *scraper_crawl_helpers_start (GThreadFunc          func,
                                                  gpointer             data,
                                                  guint                n_helpers);
void                 scraper_crawl_helpers_join  (ScraperCrawlHelpers *helpers);

G_END_DECLS
