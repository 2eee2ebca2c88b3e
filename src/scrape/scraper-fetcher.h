/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SCRAPER_FETCH_ERROR (scraper_fetch_error_quark ())

typedef enum {
  SCRAPER_FETCH_ERROR_FAILED,
  SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME,  /* not http or https */
  SCRAPER_FETCH_ERROR_INVALID_URL,
  SCRAPER_FETCH_ERROR_HTTP,                /* a 4xx/5xx status after retries */
  SCRAPER_FETCH_ERROR_TOO_LARGE,           /* body over the limit */
  SCRAPER_FETCH_ERROR_TOO_MANY_REDIRECTS,
  SCRAPER_FETCH_ERROR_ROBOTS,              /* disallowed by robots.txt */
  SCRAPER_FETCH_ERROR_TIMEOUT,
  SCRAPER_FETCH_ERROR_CONNECT,
} ScraperFetchError;

GQuark scraper_fetch_error_quark (void);

typedef struct {
  char    *user_agent;        /* NULL: "JobScraper/VERSION (+PACKAGE_URL)" */
  guint    timeout_s;         /* connect and read (idle) timeout, default 30 */
  gsize    max_body_bytes;    /* default 10 MiB */
  guint    max_redirects;     /* default 10 */
  guint    max_retries;       /* default 3 */
  guint    per_host_delay_ms; /* default 250 */
  guint    max_per_host;      /* connections per host, default 2 */
  gboolean obey_robots;       /* default TRUE */
  guint    retry_base_ms;     /* first backoff step, doubled per retry
                               * with jitter; default 500 */
  guint    max_retry_after_s; /* longest Retry-After honoured; a longer
                               * one fails at once; default 120 */
} ScraperFetchOptions;

void scraper_fetch_options_init  (ScraperFetchOptions *options);
void scraper_fetch_options_clear (ScraperFetchOptions *options);

typedef enum {
  SCRAPER_FETCH_FLAGS_NONE          = 0,
  SCRAPER_FETCH_FLAGS_IGNORE_ROBOTS = 1 << 0,
} ScraperFetchFlags;

typedef struct {
  guint    status;            /* final HTTP status; 304 when not modified */
  char    *url;               /* final URL after redirects */
  char    *content_type;      /* media type without parameters, lower case */
  char    *charset;           /* from Content-Type, or NULL */
  GBytes  *body;              /* decoded (gunzipped) body; empty on 304 */
  char    *etag;
  char    *last_modified;
  gboolean not_modified;
} ScraperResponse;

void scraper_response_free (ScraperResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperResponse, scraper_response_free)

#define SCRAPER_TYPE_FETCHER (scraper_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (ScraperFetcher, scraper_fetcher, SCRAPER, FETCHER, GObject)

/* Create and configure on one thread; scraper_fetcher_fetch() may then be
 * called from any number of worker threads at once (libsoup >= 3.2 sync
 * API).  Holds the robots.txt cache and the per-host politeness state. */
ScraperFetcher  *scraper_fetcher_new   (const ScraperFetchOptions *options);

/* Blocking GET with retries, politeness, robots.txt, size limits.
 * @etag/@last_modified (nullable) make it a conditional GET.
 * Cancelling @cancellable aborts the request and any wait at once. */
ScraperResponse *scraper_fetcher_fetch (ScraperFetcher     *self,
                                        const char         *url,
                                        ScraperFetchFlags   flags,
                                        const char         *etag,
                                        const char         *last_modified,
                                        GCancellable       *cancellable,
                                        GError            **error);

G_END_DECLS
