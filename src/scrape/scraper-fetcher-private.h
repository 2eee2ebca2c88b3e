/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "model/scraper-wait.h"
#include "scraper-fetcher.h"

G_BEGIN_DECLS

/* Internal to the fetcher: URLs, statuses and errors (scraper-fetcher-util.c). */

/* An absolute http(s) URL (resolved against @base when given), or NULL
 * with a SCRAPER_FETCH_ERROR naming the problem. */
GUri       *fetcher_parse_http_url      (const char   *url,
                                         GUri         *base,
                                         GError      **error);
/* "example.com" or "example.com:8080", for messages. */
char       *fetcher_uri_host_display    (GUri         *uri);
/* "scheme://host:port", the key of per-host state. */
char       *fetcher_uri_origin          (GUri         *uri);
gboolean    fetcher_error_is_retryable  (const GError *error);
/* Turns a libsoup/GIO error into a SCRAPER_FETCH_ERROR naming the host. */
void        fetcher_propagate_io_error  (GError      **error,
                                         GError       *io_error,
                                         GUri         *uri,
                                         gboolean      reading_body);
const char *fetcher_status_phrase       (SoupMessage  *msg);
void        fetcher_set_http_error      (GError      **error,
                                         const char   *url,
                                         SoupMessage  *msg);
/* Retry-After in seconds (delta or HTTP date), or -1 when absent/garbled. */
gint64      fetcher_parse_retry_after   (SoupMessage  *msg);
gboolean    fetcher_status_is_retryable (guint         status);
/* FALSE with a SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME when a redirect from
 * @from to @to leaves https for plain http (what was asked for privately
 * would be answered in the clear, open to anyone on the way). */
gboolean    fetcher_redirect_allowed    (GUri         *from,
                                         GUri         *to,
                                         GError      **error);

/* Reading bounded (scraper-fetcher-io.c). */

/* Reads all of @stream: at most @limit bytes (else TOO_LARGE), at 1 KB per
 * @timeout_s at least and within ten of them (else TIMEOUT). */
GBytes     *fetcher_read_body           (GInputStream  *stream,
                                         gsize          limit,
                                         guint          timeout_s,
                                         const char    *url,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* A cancellable that @parent (nullable) cancels, and so does the end of
 * @seconds unless the watchdog is disarmed first. */
typedef struct _FetcherWatchdog FetcherWatchdog;

FetcherWatchdog *fetcher_watchdog_arm             (GCancellable    *parent,
                                                   guint            seconds);
GCancellable    *fetcher_watchdog_get_cancellable (FetcherWatchdog *dog);
/* TRUE when the time ran out (and the parent was not cancelled). */
gboolean         fetcher_watchdog_fired           (FetcherWatchdog *dog);
void             fetcher_watchdog_disarm          (FetcherWatchdog *dog);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetcherWatchdog, fetcher_watchdog_disarm)

/* JOB_SCRAPER_REMAP, a testing aid (scraper-fetcher-remap.c). */
typedef struct _FetcherRemap FetcherRemap;

/* NULL when @spec (nullable) names no host. */
FetcherRemap *fetcher_remap_new  (const char   *spec);
void          fetcher_remap_free (FetcherRemap *remap);
/* Where a request for @uri really goes (http://127.0.0.1:PORT/same/path?query),
 * or NULL when its host is not remapped. */
GUri         *fetcher_remap_uri  (FetcherRemap *remap,
                                  GUri         *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetcherRemap, fetcher_remap_free)

G_END_DECLS
