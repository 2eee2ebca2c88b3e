/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ScraperTestServer: an in-process HTTP server for tests.
 *
 * A SoupServer listens on 127.0.0.1 with an ephemeral port and runs in a
 * thread of its own with its own GMainContext, so a test may block in a
 * synchronous fetch on the main thread or on worker threads while the
 * server keeps answering.
 *
 * It serves, for each request path:
 *  1. a route registered with scraper_test_server_add_route() or one of the
 *     helpers below (exact path match, query string ignored; a route for
 *     "PATH?QUERY" answers that exact query first), else
 *  2. the file of the same relative path below @fixture_dir (if any), with
 *     a Content-Type chosen by extension (.html, .json, .xml, .rss, .atom,
 *     .txt, ...) unless overridden by scraper_test_server_set_content_type(),
 *  3. else 404 Not Found.
 *
 * Every request is counted per path (query string ignored), its arrival
 * time (g_get_monotonic_time()) is recorded, its headers are kept (the last
 * request of each path), and the number of requests in flight at the same
 * time (from arrival until the response is written or the client goes away)
 * is tracked, per path and for the whole server.
 *
 * All functions are thread-safe and may be called while requests run.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _ScraperTestServer ScraperTestServer;

/* A programmable response.  Create one with scraper_test_route_new(), set
 * the fields you need, then hand it to scraper_test_server_add_route(),
 * which takes ownership.  The behaviours combine. */
typedef struct {
  guint    status;               /* default 200 */
  char    *content_type;         /* raw Content-Type value sent as is; NULL: none */
  GBytes  *body;                 /* NULL: empty */
  char   **headers;              /* extra "Name: value" lines, NULL-terminated, or NULL */

  guint    delay_ms;             /* wait before sending the response headers */

  /* Trickle: send the body in chunks of trickle_bytes every
   * trickle_interval_ms (chunked transfer encoding). */
  gsize    trickle_bytes;        /* 0: send the body at once */
  guint    trickle_interval_ms;

  /* Stall: send the headers and the first stall_after bytes of the body,
   * then nothing more (the connection stays open). */
  gboolean stall;
  gsize    stall_after;

  /* Fail the first fail_times requests with fail_status (plus Retry-After
   * when retry_after is set), then answer normally. */
  guint    fail_times;
  guint    fail_status;
  char    *retry_after;

  /* Redirect: answer redirect_status (default 302) with Location. */
  char    *redirect_to;          /* relative or absolute */
  guint    redirect_status;

  /* Validators: sent with the response; a request whose If-None-Match equals
   * etag or whose If-Modified-Since equals last_modified gets 304. */
  char    *etag;
  char    *last_modified;

  /* The body is already gzip-compressed: send Content-Encoding: gzip. */
  gboolean gzip;

  /* The status line's reason phrase, sent as is; NULL: the standard one. */
  char    *reason;
} ScraperTestRoute;

ScraperTestRoute  *scraper_test_route_new   (guint        status,
                                             const char  *content_type,
                                             const void  *body,
                                             gssize       len);
void               scraper_test_route_free  (ScraperTestRoute *route);

/* @fixture_dir (nullable): directory whose files are served. */
ScraperTestServer *scraper_test_server_new   (const char        *fixture_dir);
void               scraper_test_server_free  (ScraperTestServer *self);

/* "http://127.0.0.1:PORT" (no trailing slash). */
const char        *scraper_test_server_get_url   (ScraperTestServer *self);
guint16            scraper_test_server_get_port  (ScraperTestServer *self);
/* scraper_test_server_get_url() + @path; @path starts with '/'. */
char              *scraper_test_server_url_for   (ScraperTestServer *self,
                                                  const char        *path);

/* Routes.  @path is the exact request path ("/jobs.json"); a later route
 * for the same path replaces the earlier one. */
void  scraper_test_server_add_route          (ScraperTestServer *self,
                                              const char        *path,
                                              ScraperTestRoute  *route);
void  scraper_test_server_remove_route       (ScraperTestServer *self,
                                              const char        *path);
/* Fixture Content-Type override for @path. */
void  scraper_test_server_set_content_type   (ScraperTestServer *self,
                                              const char        *path,
                                              const char        *content_type);

/* Helpers: each builds and adds one route. */
void  scraper_test_server_add_text           (ScraperTestServer *self,
                                              const char        *path,
                                              const char        *content_type,
                                              const char        *text);
void  scraper_test_server_add_bytes          (ScraperTestServer *self,
                                              const char        *path,
                                              const char        *content_type,
                                              const void        *data,
                                              gsize              len);
void  scraper_test_server_add_status         (ScraperTestServer *self,
                                              const char        *path,
                                              guint              status);
/* /robots.txt with @text (text/plain). */
void  scraper_test_server_set_robots         (ScraperTestServer *self,
                                              const char        *text);
/* 302 from @path to @location. */
void  scraper_test_server_add_redirect       (ScraperTestServer *self,
                                              const char        *path,
                                              const char        *location);
/* @prefix/1 -> @prefix/2 -> ... -> @prefix/@n -> @final_path; returns the
 * first path (@prefix "/1"), free with g_free(). */
char *scraper_test_server_add_redirect_chain (ScraperTestServer *self,
                                              const char        *prefix,
                                              guint              n,
                                              const char        *final_path);
/* @len bytes of text, @chunk bytes every @interval_ms. */
void  scraper_test_server_add_trickle        (ScraperTestServer *self,
                                              const char        *path,
                                              gsize              len,
                                              gsize              chunk,
                                              guint              interval_ms);
/* Announces a body of @len bytes, sends @after of them, then stalls. */
void  scraper_test_server_add_stall          (ScraperTestServer *self,
                                              const char        *path,
                                              gsize              len,
                                              gsize              after);
/* First @fail_times requests get @fail_status (and Retry-After:
 * @retry_after when not NULL), then 200 with @text. */
void  scraper_test_server_add_flaky          (ScraperTestServer *self,
                                              const char        *path,
                                              guint              fail_times,
                                              guint              fail_status,
                                              const char        *retry_after,
                                              const char        *text);
/* A text/plain body of @len bytes. */
void  scraper_test_server_add_large          (ScraperTestServer *self,
                                              const char        *path,
                                              gsize              len);
/* A small gzip body (Content-Encoding: gzip) that inflates to @inflated_len
 * zero bytes.  The compression happens here, in the calling thread. */
void  scraper_test_server_add_gzip_bomb      (ScraperTestServer *self,
                                              const char        *path,
                                              gsize              inflated_len);
/* @text with validators; conditional requests that match get 304. */
void  scraper_test_server_add_cacheable      (ScraperTestServer *self,
                                              const char        *path,
                                              const char        *content_type,
                                              const char        *text,
                                              const char        *etag,
                                              const char        *last_modified);
/* The body @text answered after waiting @delay_ms (to hold connections
 * open, e.g. to measure concurrency). */
void  scraper_test_server_add_slow           (ScraperTestServer *self,
                                              const char        *path,
                                              guint              delay_ms,
                                              const char        *text);

/* Statistics.  @path NULL means every path. */
guint   scraper_test_server_get_hits           (ScraperTestServer *self,
                                                const char        *path);
guint   scraper_test_server_get_max_concurrent (ScraperTestServer *self,
                                                const char        *path);
/* Arrival times (g_get_monotonic_time(), microseconds) in arrival order. */
GArray *scraper_test_server_get_request_times  (ScraperTestServer *self,
                                                const char        *path);
/* A header of the last request for @path, or NULL. */
char   *scraper_test_server_dup_last_header    (ScraperTestServer *self,
                                                const char        *path,
                                                const char        *name);
/* The body of the last request for @path (empty for a GET), or NULL when
 * none came. */
GBytes *scraper_test_server_dup_last_body      (ScraperTestServer *self,
                                                const char        *path);
/* Connections the clients opened (distinct client ports) since the start
 * or the last reset. */
guint   scraper_test_server_get_connections    (ScraperTestServer *self);
/* Forget hits, times, headers, connections and concurrency maxima (routes
 * stay). */
void    scraper_test_server_reset_stats        (ScraperTestServer *self);

/* A TCP port on 127.0.0.1 that nothing listens on (bound then closed), for
 * "connection refused" tests. */
guint16 scraper_test_get_closed_port (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperTestServer, scraper_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperTestRoute, scraper_test_route_free)

G_END_DECLS
