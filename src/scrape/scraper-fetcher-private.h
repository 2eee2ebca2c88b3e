/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

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

G_END_DECLS
