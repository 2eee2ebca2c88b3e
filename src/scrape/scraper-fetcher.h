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

/* The HTTP status of a SCRAPER_FETCH_ERROR_HTTP error (404, 503, ...), or 0
 * when there is none to tell (another error, or a wait the server asked
 * for that is too long). */
guint  scraper_fetch_error_get_status (const GError *error);
/* Records @status on an error of SCRAPER_FETCH_ERROR set with g_set_error(). */
void   scraper_fetch_error_set_status (GError       *error,
                                       guint         status);

typedef struct {
  char    *user_agent;        /* NULL: "JobScraper/VERSION (+PACKAGE_URL)" */
  guint    timeout_s;         /* connect and read (idle) timeout, default 30 */
  gsize    max_body_bytes;    /* default 10 MiB */
  guint    max_redirects;     /* default 10 */
  guint    max_retries;       /* default 3 */
  guint    per_host_delay_ms; /* default 250; not applied to loopback hosts
                               * (127.0.0.0/8, ::1, localhost: a server on
                               * this computer) unless delay_loopback */
  gboolean delay_loopback;    /* default FALSE */
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

/* Create and configure on one thread.  JOB_SCRAPER_REMAP, a testing aid,
 * is read here: "HOST=127.0.0.1:PORT[,HOST=...]" sends every request for
 * HOST (an exact name, or "*.suffix"; an exact name wins) to
 * http://127.0.0.1:PORT with the same path and query, as if HOST had
 * answered (politeness and robots.txt apply as for HOST).
 * scraper_fetcher_fetch() may then be called from any number of worker
 * threads at once (libsoup >= 3.2 sync API).  Holds the robots.txt cache and the per-host politeness state. */
ScraperFetcher  *scraper_fetcher_new   (const ScraperFetchOptions *options);

/* Blocking GET with retries, politeness, robots.txt, size limits.
 * @etag/@last_modified (nullable) make it a conditional GET.
 * Cancelling @cancellable aborts the request and any wait at once.
 *
 * Returns a response for 2xx and 304 (not_modified, empty body, validators
 * of the response or else the ones passed in).  Fails with
 * G_IO_ERROR_CANCELLED when cancelled, otherwise with SCRAPER_FETCH_ERROR
 * and a translated message naming the URL or host: HTTP for a 4xx, or a 5xx
 * after the retries (the message holds "returned 404 Not Found"), CONNECT,
 * TIMEOUT, TOO_LARGE (counted in decoded bytes), TOO_MANY_REDIRECTS, ROBOTS,
 * UNSUPPORTED_SCHEME or INVALID_URL (both without touching the network).
 *
 * Retried with exponential backoff and jitter: connection errors, timeouts,
 * 429, 502, 503 and 504 (Retry-After, seconds or HTTP date, is honoured up
 * to max_retry_after_s).  Redirects are followed here, each hop checked
 * against its host's robots.txt and politeness.  robots.txt is fetched
 * once per scheme+host+port and cached (24 h; 5 min after a 5xx or network
 * error, which allow everything, as does a 4xx).  Per host: at most
 * max_per_host requests at once and max (per_host_delay_ms, Crawl-delay)
 * between request starts; different hosts proceed in parallel. */
ScraperResponse *scraper_fetcher_fetch (ScraperFetcher     *self,
                                        const char         *url,
                                        ScraperFetchFlags   flags,
                                        const char         *etag,
                                        const char         *last_modified,
                                        GCancellable       *cancellable,
                                        GError            **error);

/* The same as scraper_fetcher_fetch() for a POST of @body (a JSON query,
 * say) as @content_type: retried, polite and checked against robots.txt
 * like a GET.  A redirect is followed with a GET, as browsers do after
 * 301-303: the body never goes to another address. */
ScraperResponse *scraper_fetcher_post  (ScraperFetcher     *self,
                                        const char         *url,
                                        const char         *content_type,
                                        GBytes             *body,
                                        ScraperFetchFlags   flags,
                                        GCancellable       *cancellable,
                                        GError            **error);

/* The effective settings (defaults filled in), e.g. to size a pool of
 * workers that fetch from one host. */
guint            scraper_fetcher_get_max_per_host (ScraperFetcher *self);
const char      *scraper_fetcher_get_user_agent   (ScraperFetcher *self);

G_END_DECLS
