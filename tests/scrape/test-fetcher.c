/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fetcher"

#include "config.h"

#include <string.h>

#include "scraper-fetcher.h"
#include "scraper-robots.h"
#include "scraper-test-server.h"

/* --- helpers ------------------------------------------------------------ */

static char *
fixture_dir (void)
{
  const char *data = g_getenv ("JOB_SCRAPER_TEST_DATA");

  g_assert_nonnull (data);
  return g_build_filename (data, "fetcher", NULL);
}

static ScraperTestServer *
server_new (void)
{
  g_autofree char *dir = fixture_dir ();

  return scraper_test_server_new (dir);
}

/* Options for fast tests: no per-host delay, short backoff. */
static void
fast_options (ScraperFetchOptions *options)
{
  scraper_fetch_options_init (options);
  options->per_host_delay_ms = 0;
  options->retry_base_ms = 20;
}

static ScraperFetcher *
fetcher_new_fast (void)
{
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  fast_options (&options);
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  return fetcher;
}

static ScraperResponse *
fetch_path (ScraperFetcher     *fetcher,
            ScraperTestServer  *server,
            const char         *path,
            GError            **error)
{
  g_autofree char *url = scraper_test_server_url_for (server, path);

  return scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, error);
}

static double
elapsed_s (gint64 since)
{
  return (double) (g_get_monotonic_time () - since) / G_USEC_PER_SEC;
}

/* Bounded wait for the server to have seen @n requests of @path. */
static void
wait_for_hits (ScraperTestServer *server,
               const char        *path,
               guint              n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (scraper_test_server_get_hits (server, path) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }
}

/* A fetch on a thread of its own, so the test thread can cancel it. */
typedef struct {
  ScraperFetcher  *fetcher;
  char            *url;
  GCancellable    *cancellable;
  ScraperResponse *response;
  GError          *error;
  gint64           finished;
} ThreadFetch;

static gpointer
thread_fetch_func (gpointer data)
{
  ThreadFetch *tf = data;

  tf->response = scraper_fetcher_fetch (tf->fetcher, tf->url, SCRAPER_FETCH_FLAGS_NONE,
                                        NULL, NULL, tf->cancellable, &tf->error);
  tf->finished = g_get_monotonic_time ();
  return NULL;
}

static GThread *
thread_fetch_start (ThreadFetch       *tf,
                    ScraperFetcher    *fetcher,
                    ScraperTestServer *server,
                    const char        *path)
{
  memset (tf, 0, sizeof *tf);
  tf->fetcher = fetcher;
  tf->url = scraper_test_server_url_for (server, path);
  tf->cancellable = g_cancellable_new ();
  return g_thread_new ("fetch", thread_fetch_func, tf);
}

static void
thread_fetch_clear (ThreadFetch *tf)
{
  g_free (tf->url);
  g_clear_object (&tf->cancellable);
  g_clear_pointer (&tf->response, scraper_response_free);
  g_clear_error (&tf->error);
}

/* Cancels @tf and returns how long (seconds) the fetch took to give up. */
static double
cancel_and_join (ThreadFetch *tf,
                 GThread     *thread)
{
  gint64 cancelled = g_get_monotonic_time ();

  g_cancellable_cancel (tf->cancellable);
  g_thread_join (thread);
  return (double) (tf->finished - cancelled) / G_USEC_PER_SEC;
}

/* --- plain fetches ------------------------------------------------------ */

static void
test_plain_fetch (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture_dir ();
  g_autofree char *file = g_build_filename (dir, "jobs.html", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/jobs.html");
  gsize expected_len;

  g_assert_true (g_file_get_contents (file, &expected, &expected_len, NULL));

  response = fetch_path (fetcher, server, "/jobs.html", &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->url, ==, url);
  g_assert_cmpstr (response->content_type, ==, "text/html");
  g_assert_cmpstr (response->charset, ==, "utf-8");
  g_assert_false (response->not_modified);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   expected, expected_len);
}

static void
test_fragment_not_sent (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = scraper_test_server_url_for (server, "/jobs.html?page=2");

  response = fetch_path (fetcher, server, "/jobs.html?page=2#job-17", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->url, ==, expected);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/jobs.html"), ==, 1);
}

static void
test_json_fixture_content_type (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) json = NULL;
  g_autoptr(ScraperResponse) xml = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_set_content_type (server, "/feed.xml", "Application/RSS+XML; Charset=\"ISO-8859-1\"");
  json = fetch_path (fetcher, server, "/board.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json->content_type, ==, "application/json");
  g_assert_null (json->charset);
  g_assert_cmpuint (g_bytes_get_size (json->body), >, 100);

  xml = fetch_path (fetcher, server, "/feed.xml", &error);
  g_assert_no_error (error);
  /* The media type is lower-cased, the charset reported as given. */
  g_assert_cmpstr (xml->content_type, ==, "application/rss+xml");
  g_assert_cmpstr (xml->charset, ==, "ISO-8859-1");
}

static void
test_user_agent_sent (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperFetcher) custom = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("JobScraper/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);
  g_autofree char *ua = NULL;
  g_autofree char *robots_ua = NULL;
  g_autofree char *encoding = NULL;
  ScraperFetchOptions options;

  response = fetch_path (fetcher, server, "/jobs.html", &error);
  g_assert_no_error (error);
  ua = scraper_test_server_dup_last_header (server, "/jobs.html", "User-Agent");
  g_assert_cmpstr (ua, ==, expected);
  /* robots.txt is asked for with the same identity. */
  robots_ua = scraper_test_server_dup_last_header (server, "/robots.txt", "User-Agent");
  g_assert_cmpstr (robots_ua, ==, expected);
  /* Compressed transfer is offered. */
  encoding = scraper_test_server_dup_last_header (server, "/jobs.html", "Accept-Encoding");
  g_assert_nonnull (strstr (encoding, "gzip"));

  g_assert_cmpstr (scraper_fetcher_get_user_agent (fetcher), ==, expected);
  g_assert_cmpuint (scraper_fetcher_get_max_per_host (fetcher), ==, 2);

  fast_options (&options);
  options.user_agent = g_strdup ("ExampleBot/2.0");
  options.max_per_host = 3;
  custom = scraper_fetcher_new (&options);
  g_assert_cmpstr (scraper_fetcher_get_user_agent (custom), ==, "ExampleBot/2.0");
  g_assert_cmpuint (scraper_fetcher_get_max_per_host (custom), ==, 3);
  scraper_fetch_options_clear (&options);
  g_clear_pointer (&response, scraper_response_free);
  g_clear_pointer (&ua, g_free);
  response = fetch_path (custom, server, "/board.json", &error);
  g_assert_no_error (error);
  ua = scraper_test_server_dup_last_header (server, "/board.json", "User-Agent");
  g_assert_cmpstr (ua, ==, "ExampleBot/2.0");
}

/* --- slow and broken servers -------------------------------------------- */

static void
test_trickle_completes (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_trickle (server, "/trickle", 2000, 200, 10);
  response = fetch_path (fetcher, server, "/trickle", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (response->body), ==, 2000);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (response->body, NULL), "The quick brown fox"));
}

static void
test_trickle_cancelled_quickly (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  ThreadFetch tf;
  GThread *thread;
  double took;

  /* 10 bytes every 50 ms: 100 KB would take over eight minutes. */
  scraper_test_server_add_trickle (server, "/trickle", 100000, 10, 50);
  thread = thread_fetch_start (&tf, fetcher, server, "/trickle");
  wait_for_hits (server, "/trickle", 1);
  g_usleep (200 * 1000);  /* let it read a few chunks of the body */

  took = cancel_and_join (&tf, thread);
  g_test_message ("cancel took %.3f s", took);
  g_assert_error (tf.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (tf.response);
  g_assert_cmpfloat (took, <, 0.3);
  thread_fetch_clear (&tf);
}

static void
test_stall_mid_body_times_out (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  ScraperFetchOptions options;
  gint64 start;

  fast_options (&options);
  options.timeout_s = 1;
  options.max_retries = 1;
  fetcher = scraper_fetcher_new (&options);

  scraper_test_server_add_stall (server, "/stall", 10000, 1000);
  start = g_get_monotonic_time ();
  response = fetch_path (fetcher, server, "/stall", &error);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (response);
  /* Two attempts of about a second each (a timeout is retried). */
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/stall"), ==, 2);
  g_assert_cmpfloat (elapsed_s (start), >=, 1.8);
  /* Not the server's 10 000 bytes' worth of waiting: bounds that tell a
   * timeout from a hang, not how fast a busy machine is. */
  g_assert_cmpfloat (elapsed_s (start), <, 20);
}

/* A byte now and then never hits the timeout of one read: a body that
 * comes at under 1 KB per timeout fails, at once and not retried. */
static void
test_drip_body_fails (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  ScraperFetchOptions options;

  fast_options (&options);
  options.timeout_s = 1;
  options.max_retries = 2;
  fetcher = scraper_fetcher_new (&options);

  /* One byte every 200 ms: 100 KB would take five and a half hours. */
  scraper_test_server_add_trickle (server, "/drip", 100000, 1, 200);
  response = fetch_path (fetcher, server, "/drip", &error);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "too slowly"));
  g_assert_null (response);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/drip"), ==, 1);
}

/* Fast enough for the rate, but never done: 2 KB every 100 ms of a body
 * announced as 10 MB stops after ten timeouts. */
static void
test_endless_body_fails (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  ScraperFetchOptions options;

  fast_options (&options);
  options.timeout_s = 1;
  options.max_body_bytes = 20 * 1024 * 1024;
  fetcher = scraper_fetcher_new (&options);

  scraper_test_server_add_trickle (server, "/endless", 10 * 1024 * 1024, 2048, 100);
  response = fetch_path (fetcher, server, "/endless", &error);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "10 seconds"));
  g_assert_null (response);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/endless"), ==, 1);
}

/* A server no SoupServer can play: it answers "HTTP/1.1 200 OK" and then
 * one byte of header every 200 ms, for ever. */
typedef struct {
  GSocket *listener;
  gint     stop;
} Dripper;

static gpointer
drip_connection (gpointer data)
{
  g_autoptr(GSocket) conn = data;
  char request[4096];

  g_socket_receive (conn, request, sizeof request, NULL, NULL);
  if (g_socket_send (conn, "HTTP/1.1 200 OK\r\n", 17, NULL, NULL) < 0)
    return NULL;
  for (guint i = 0; i < 600; i++)
    {
      g_usleep (200 * 1000);
      if (g_socket_send (conn, "X", 1, NULL, NULL) < 0)
        break;
    }
  return NULL;
}

static gpointer
drip_accept (gpointer data)
{
  Dripper *d = data;
  GSocket *conn;

  while (!g_atomic_int_get (&d->stop) && (conn = g_socket_accept (d->listener, NULL, NULL)) != NULL)
    g_thread_unref (g_thread_new ("drip", drip_connection, conn));
  return NULL;
}

static void
test_drip_headers_fail (void)
{
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperFetchOptions options;
  Dripper d = { NULL, 0 };
  GThread *thread;

  d.listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (d.listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (d.listener, &error));
  bound = g_socket_get_local_address (d.listener, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed.rss",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  thread = g_thread_new ("drip-accept", drip_accept, &d);

  fast_options (&options);
  options.timeout_s = 1;
  options.obey_robots = FALSE;
  fetcher = scraper_fetcher_new (&options);
  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "headers"));
  g_assert_null (response);

  g_atomic_int_set (&d.stop, TRUE);
  g_socket_shutdown (d.listener, TRUE, TRUE, NULL);
  g_socket_close (d.listener, NULL);
  g_thread_join (thread);
  g_object_unref (d.listener);
}

static void
test_slow_headers_time_out (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;
  ScraperFetchOptions options;

  fast_options (&options);
  options.timeout_s = 1;
  options.max_retries = 0;
  fetcher = scraper_fetcher_new (&options);

  scraper_test_server_add_slow (server, "/slow", 3000, "late");
  response = fetch_path (fetcher, server, "/slow", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT);
}

static void
test_cancel_waiting_for_headers (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  ThreadFetch tf;
  GThread *thread;
  double took;

  scraper_test_server_add_slow (server, "/slow", 5000, "late");
  thread = thread_fetch_start (&tf, fetcher, server, "/slow");
  wait_for_hits (server, "/slow", 1);

  took = cancel_and_join (&tf, thread);
  g_test_message ("cancel took %.3f s", took);
  g_assert_error (tf.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (took, <, 0.3);
  thread_fetch_clear (&tf);
}

/* --- retries ------------------------------------------------------------ */

static void
test_429_retry_after_then_200 (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  gint64 start = g_get_monotonic_time ();
  double gap;

  scraper_test_server_add_flaky (server, "/busy", 1, 429, "1", "finally");
  response = fetch_path (fetcher, server, "/busy", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   "finally", 7);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/busy"), ==, 2);

  times = scraper_test_server_get_request_times (server, "/busy");
  gap = (double) (g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0)) / G_USEC_PER_SEC;
  g_test_message ("retried after %.3f s", gap);
  g_assert_cmpfloat (gap, >=, 0.95);
  g_assert_cmpfloat (elapsed_s (start), <, 20);
}

static void
test_429_retry_after_http_date (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) soon = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = NULL;

  soon = g_date_time_add_seconds (now, 1);
  date = g_date_time_format (soon, "%a, %d %b %Y %H:%M:%S GMT");
  scraper_test_server_add_flaky (server, "/busy", 1, 429, date, "ok");
  response = fetch_path (fetcher, server, "/busy", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/busy"), ==, 2);
}

static void
test_retry_after_too_long_fails (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  scraper_test_server_add_flaky (server, "/busy", 5, 503, "3600", "never");
  response = fetch_path (fetcher, server, "/busy", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "3600"));
  g_assert_cmpuint (scraper_fetch_error_get_status (error), ==, 0);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/busy"), ==, 1);
  /* Failed at once: not after the hour the server asked for. */
  g_assert_cmpfloat (elapsed_s (start), <, 60);
}

static void
test_503_twice_then_200 (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_flaky (server, "/flaky", 2, 503, NULL, "third time lucky");
  response = fetch_path (fetcher, server, "/flaky", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/flaky"), ==, 3);
}

static void
test_503_retries_exhausted (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_flaky (server, "/down", 100, 503, NULL, "never");
  response = fetch_path (fetcher, server, "/down", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "503 Service Unavailable"));
  g_assert_cmpuint (scraper_fetch_error_get_status (error), ==, 503);
  /* The first try and max_retries (3) more. */
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/down"), ==, 4);
}

static void
test_404_not_retried (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/missing.html");

  response = fetch_path (fetcher, server, "/missing.html", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "returned 404 Not Found"));
  g_assert_nonnull (strstr (error->message, url));
  /* the status travels with the error, also through a copy (to another
   * thread), whatever language the message is in */
  g_assert_cmpuint (scraper_fetch_error_get_status (error), ==, 404);
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpuint (scraper_fetch_error_get_status (copy), ==, 404);
  }
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/missing.html"), ==, 1);
}

static void
test_403_not_retried (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  scraper_test_server_add_status (server, "/forbidden", 403);
  response = fetch_path (fetcher, server, "/forbidden", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "403"));
  g_assert_cmpuint (scraper_fetch_error_get_status (error), ==, 403);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/forbidden"), ==, 1);
}

static void
test_connection_refused (void)
{
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/jobs", scraper_test_get_closed_port ());
  ScraperFetchOptions options;
  ScraperResponse *response;

  fast_options (&options);
  options.max_retries = 2;
  fetcher = scraper_fetcher_new (&options);

  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "refused"));
}

static gpointer
closed_port_fetch_func (gpointer data)
{
  ThreadFetch *tf = data;

  return thread_fetch_func (tf);
}

static void
test_connection_refused_cancelled_during_backoff (void)
{
  g_autoptr(ScraperFetcher) fetcher = NULL;
  ScraperFetchOptions options;
  ThreadFetch tf = { 0 };
  GThread *thread;
  double took;

  fast_options (&options);
  options.max_retries = 10;
  options.retry_base_ms = 5000;
  fetcher = scraper_fetcher_new (&options);

  tf.fetcher = fetcher;
  tf.url = g_strdup_printf ("http://127.0.0.1:%u/", scraper_test_get_closed_port ());
  tf.cancellable = g_cancellable_new ();
  thread = g_thread_new ("fetch", closed_port_fetch_func, &tf);
  g_usleep (300 * 1000);  /* by now it is sleeping between retries */

  took = cancel_and_join (&tf, thread);
  g_test_message ("cancel took %.3f s", took);
  g_assert_error (tf.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (took, <, 0.3);
  thread_fetch_clear (&tf);
}

/* --- redirects ---------------------------------------------------------- */

static void
test_redirect_loop (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  scraper_test_server_add_redirect (server, "/loop", "/loop");
  response = fetch_path (fetcher, server, "/loop", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_nonnull (strstr (error->message, "/loop"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/loop"), ==, 11);
}

static void
test_redirect_chain (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ten = scraper_test_server_add_redirect_chain (server, "/ten", 10, "/jobs.html");
  g_autofree char *eleven = scraper_test_server_add_redirect_chain (server, "/eleven", 11, "/jobs.html");
  g_autofree char *final = scraper_test_server_url_for (server, "/jobs.html");

  /* Ten redirects are allowed ... */
  response = fetch_path (fetcher, server, ten, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->url, ==, final);
  g_assert_cmpstr (response->content_type, ==, "text/html");

  /* ... eleven are not. */
  g_clear_pointer (&response, scraper_response_free);
  response = fetch_path (fetcher, server, eleven, &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/eleven/11"), ==, 1);
}

static void
test_redirect_to_unsupported_scheme (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  scraper_test_server_add_redirect (server, "/to-ftp", "ftp://127.0.0.1/jobs.txt");
  response = fetch_path (fetcher, server, "/to-ftp", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME);
}

static void
test_redirect_into_disallowed_path (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  scraper_test_server_set_robots (server, "User-agent: *\nDisallow: /admin\n");
  scraper_test_server_add_redirect (server, "/jobs", "/admin/jobs");
  scraper_test_server_add_text (server, "/admin/jobs", "text/html", "hidden");
  response = fetch_path (fetcher, server, "/jobs", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_ROBOTS);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/admin/jobs"), ==, 0);
}

static void
test_redirect_to_other_host (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperTestServer) other = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = scraper_test_server_url_for (other, "/board.json");

  scraper_test_server_add_redirect (server, "/moved", target);
  response = fetch_path (fetcher, server, "/moved", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->url, ==, target);
  g_assert_cmpstr (response->content_type, ==, "application/json");
  /* The new host's robots.txt was consulted too. */
  g_assert_cmpuint (scraper_test_server_get_hits (other, "/robots.txt"), ==, 1);
}

/* --- size limits and encodings ------------------------------------------ */

static void
test_too_large_12mib (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  scraper_test_server_add_large (server, "/huge", 12 * 1024 * 1024);
  response = fetch_path (fetcher, server, "/huge", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "/huge"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/huge"), ==, 1);
}

static void
test_too_large_without_content_length (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  ScraperFetchOptions options;
  ScraperResponse *response;

  fast_options (&options);
  options.max_body_bytes = 50000;
  fetcher = scraper_fetcher_new (&options);

  /* Chunked: the size is only known while reading. */
  scraper_test_server_add_trickle (server, "/chunked", 200000, 20000, 1);
  response = fetch_path (fetcher, server, "/chunked", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_LARGE);
}

static void
test_gzip_bomb (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;
  gint64 start;

  scraper_test_server_add_gzip_bomb (server, "/bomb", (gsize) 256 * 1024 * 1024);
  start = g_get_monotonic_time ();
  response = fetch_path (fetcher, server, "/bomb", &error);
  g_test_message ("bomb defused in %.3f s", elapsed_s (start));
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_LARGE);
  g_assert_cmpfloat (elapsed_s (start), <, 60);
}

static void
test_gzip_decoded (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  const char *text = "<html><body><h1>Gzipped jobs</h1></body></html>";
  guint8 out[1024];
  gsize read = 0, written = 0;
  ScraperTestRoute *route;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), text, strlen (text), out, sizeof out,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL),
                   ==, G_CONVERTER_FINISHED);
  route = scraper_test_route_new (200, "text/html; charset=utf-8", out, written);
  route->gzip = TRUE;
  scraper_test_server_add_route (server, "/gz", route);

  response = fetch_path (fetcher, server, "/gz", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   text, strlen (text));
}

static void
test_gzip_mislabelled (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "<html><body>not compressed at all</body></html>";
  ScraperTestRoute *route;

  /* Misconfigured servers label plain bodies as gzip; libsoup's decoder
   * then passes the bytes through as sent, and so do we. */
  route = scraper_test_route_new (200, "text/html", text, -1);
  route->gzip = TRUE;
  scraper_test_server_add_route (server, "/mislabelled", route);

  response = fetch_path (fetcher, server, "/mislabelled", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   text, strlen (text));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/mislabelled"), ==, 1);
}

static void
test_charset_wrong_and_missing (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) wrong = NULL;
  g_autoptr(ScraperResponse) missing = NULL;
  g_autoptr(ScraperResponse) latin1 = NULL;
  g_autoptr(ScraperResponse) no_type = NULL;
  g_autoptr(GError) error = NULL;
  /* UTF-8 text, labelled as something else: reported as labelled. */
  const char *text = "<p>Café Zürich</p>";

  scraper_test_server_add_text (server, "/wrong", "text/html; charset=bogus-8", text);
  scraper_test_server_add_text (server, "/missing", "text/html", text);
  scraper_test_server_add_text (server, "/latin1", "text/html;charset=ISO-8859-1", text);
  scraper_test_server_add_text (server, "/no-type", NULL, text);

  wrong = fetch_path (fetcher, server, "/wrong", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wrong->charset, ==, "bogus-8");
  g_assert_cmpmem (g_bytes_get_data (wrong->body, NULL), g_bytes_get_size (wrong->body),
                   text, strlen (text));

  missing = fetch_path (fetcher, server, "/missing", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (missing->content_type, ==, "text/html");
  g_assert_null (missing->charset);

  latin1 = fetch_path (fetcher, server, "/latin1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latin1->charset, ==, "ISO-8859-1");

  no_type = fetch_path (fetcher, server, "/no-type", &error);
  g_assert_no_error (error);
  g_assert_null (no_type->content_type);
  g_assert_null (no_type->charset);
}

static void
test_invalid_utf8_passed_through (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 bytes[] = { '<', 'p', '>', 0xff, 0xfe, 0xc3, '(', 0x00, 0x80, '<', '/', 'p', '>' };

  scraper_test_server_add_bytes (server, "/bad-utf8", "text/html; charset=utf-8", bytes, sizeof bytes);
  response = fetch_path (fetcher, server, "/bad-utf8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->charset, ==, "utf-8");
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   bytes, sizeof bytes);
}

/* --- robots.txt --------------------------------------------------------- */

static void
test_robots_disallow (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) allowed = NULL;
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  scraper_test_server_set_robots (server, "User-agent: *\nDisallow: /private\n");
  scraper_test_server_add_text (server, "/private/jobs", "text/html", "secret");

  response = fetch_path (fetcher, server, "/private/jobs", &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_ROBOTS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/private/jobs"), ==, 0);
  g_clear_error (&error);

  allowed = fetch_path (fetcher, server, "/jobs.html", &error);
  g_assert_no_error (error);
  g_assert_nonnull (allowed);
  /* One robots.txt download for both. */
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/robots.txt"), ==, 1);
}

static void
test_robots_our_group_and_allow (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) open = NULL;
  g_autoptr(ScraperResponse) other = NULL;
  g_autoptr(GError) error = NULL;
  ScraperResponse *closed;

  scraper_test_server_set_robots (server,
                                  "# everyone else stays out\n"
                                  "User-agent: *\r\n"
                                  "Disallow: /\r\n"
                                  "\r\n"
                                  "User-agent: OtherBot\n"
                                  "User-agent: jobscraper\n"
                                  "Disallow: /jobs\n"
                                  "Allow: /jobs/open\n");
  scraper_test_server_add_text (server, "/jobs/open/1", "text/html", "open");
  scraper_test_server_add_text (server, "/jobs/closed/1", "text/html", "closed");

  open = fetch_path (fetcher, server, "/jobs/open/1", &error);
  g_assert_no_error (error);
  closed = fetch_path (fetcher, server, "/jobs/closed/1", &error);
  g_assert_null (closed);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_ROBOTS);
  g_clear_error (&error);
  /* Our group does not inherit the "*" group's Disallow: / */
  other = fetch_path (fetcher, server, "/board.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/jobs/closed/1"), ==, 0);
}

static void
test_robots_crawl_delay (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) first = NULL;
  g_autoptr(ScraperResponse) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  double gap;

  scraper_test_server_set_robots (server, "User-agent: *\nCrawl-delay: 0.8\n");
  first = fetch_path (fetcher, server, "/jobs.html", &error);
  g_assert_no_error (error);
  second = fetch_path (fetcher, server, "/board.json", &error);
  g_assert_no_error (error);

  times = scraper_test_server_get_request_times (server, NULL);
  g_assert_cmpuint (times->len, ==, 3);  /* robots.txt, two pages */
  gap = (double) (g_array_index (times, gint64, 2) - g_array_index (times, gint64, 1)) / G_USEC_PER_SEC;
  g_test_message ("pages %.3f s apart", gap);
  g_assert_cmpfloat (gap, >=, 0.75);
}

static void
test_robots_disabled (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) obeying = fetcher_new_fast ();
  g_autoptr(ScraperFetcher) ignoring = NULL;
  g_autoptr(ScraperResponse) by_option = NULL;
  g_autoptr(ScraperResponse) by_flag = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/jobs.html");
  ScraperFetchOptions options;

  scraper_test_server_set_robots (server, "User-agent: *\nDisallow: /\n");

  fast_options (&options);
  options.obey_robots = FALSE;
  ignoring = scraper_fetcher_new (&options);
  by_option = fetch_path (ignoring, server, "/jobs.html", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/robots.txt"), ==, 0);

  by_flag = scraper_fetcher_fetch (obeying, url, SCRAPER_FETCH_FLAGS_IGNORE_ROBOTS,
                                   NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/robots.txt"), ==, 0);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/jobs.html"), ==, 2);
}

static void
test_robots_missing_allows_all (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) first = NULL;
  g_autoptr(ScraperResponse) second = NULL;
  g_autoptr(GError) error = NULL;

  /* No route and no fixture: 404. */
  first = fetch_path (fetcher, server, "/jobs.html", &error);
  g_assert_no_error (error);
  second = fetch_path (fetcher, server, "/board.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/robots.txt"), ==, 1);
}

static void
test_robots_server_error_allows (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_status (server, "/robots.txt", 500);
  response = fetch_path (fetcher, server, "/jobs.html", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
}

static void
test_robots_parser (void)
{
  g_autoptr(ScraperRobots) robots = NULL;
  g_autoptr(ScraperRobots) star = NULL;
  g_autoptr(ScraperRobots) empty = NULL;
  const char *text =
    "\xEF\xBB\xBFUser-agent: *\n"
    "Disallow: /\n"
    "\n"
    "Sitemap: https://example.com/sitemap.xml\n"
    "user-agent: JobScraper/1.0\n"
    "disallow: /*.pdf$\n"
    "Disallow: /search?\n"
    "Disallow: /a\n"
    "Allow: /a\n"
    "Disallow: /careers/intern\n"
    "Allow: /careers/*\n"
    "Disallow:\n"
    "Crawl-delay: 2.5\n";

  robots = scraper_robots_parse (text, strlen (text), "JobScraper");
  g_assert_true (scraper_robots_is_allowed (robots, "/"));
  g_assert_true (scraper_robots_is_allowed (robots, ""));
  g_assert_false (scraper_robots_is_allowed (robots, "/files/offer.pdf"));
  g_assert_true (scraper_robots_is_allowed (robots, "/files/offer.pdf?x=1"));
  g_assert_false (scraper_robots_is_allowed (robots, "/search?q=c"));
  g_assert_true (scraper_robots_is_allowed (robots, "/search"));
  /* Equal length: Allow wins. */
  g_assert_true (scraper_robots_is_allowed (robots, "/a/b"));
  /* "/careers/intern" (15 octets) beats the shorter careers wildcard (10). */
  g_assert_false (scraper_robots_is_allowed (robots, "/careers/internships"));
  g_assert_true (scraper_robots_is_allowed (robots, "/careers/engineer"));
  g_assert_true (scraper_robots_is_allowed (robots, "/robots.txt"));
  g_assert_cmpuint (scraper_robots_get_crawl_delay_ms (robots), ==, 2500);

  /* Another crawler gets the "*" group. */
  star = scraper_robots_parse (text, strlen (text), "OtherBot");
  g_assert_false (scraper_robots_is_allowed (star, "/careers/engineer"));
  g_assert_cmpuint (scraper_robots_get_crawl_delay_ms (star), ==, 0);

  empty = scraper_robots_parse ("garbage without colons\n\n", 24, "JobScraper");
  g_assert_true (scraper_robots_is_allowed (empty, "/anything"));
}

/* --- politeness --------------------------------------------------------- */

typedef struct {
  ScraperFetcher    *fetcher;
  ScraperTestServer *server;
  const char        *path;
  guint              count;
  guint              failures;
  gint64             finished;
} Worker;

static gpointer
worker_func (gpointer data)
{
  Worker *worker = data;

  for (guint i = 0; i < worker->count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScraperResponse) response = fetch_path (worker->fetcher, worker->server,
                                                        worker->path, &error);

      if (response == NULL || response->status != 200)
        worker->failures++;
    }
  worker->finished = g_get_monotonic_time ();
  return NULL;
}

static void
test_per_host_concurrency (void)
{
  g_autoptr(ScraperTestServer) busy = server_new ();
  g_autoptr(ScraperTestServer) other = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  Worker workers[8];
  GThread *threads[8];
  gint64 start = g_get_monotonic_time ();
  gint64 busy_done = 0, other_done = 0;

  scraper_test_server_add_slow (busy, "/slow", 300, "busy");
  scraper_test_server_add_slow (other, "/slow", 300, "other");

  /* Six threads on one host, two on another. */
  for (guint i = 0; i < 8; i++)
    {
      workers[i] = (Worker) { fetcher, i < 6 ? busy : other, "/slow", 1, 0, 0 };
      threads[i] = g_thread_new ("worker", worker_func, &workers[i]);
    }
  for (guint i = 0; i < 8; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].failures, ==, 0);
      if (i < 6)
        busy_done = MAX (busy_done, workers[i].finished);
      else
        other_done = MAX (other_done, workers[i].finished);
    }

  g_test_message ("busy host %.3f s, other host %.3f s",
                  (double) (busy_done - start) / G_USEC_PER_SEC,
                  (double) (other_done - start) / G_USEC_PER_SEC);
  g_assert_cmpuint (scraper_test_server_get_hits (busy, "/slow"), ==, 6);
  g_assert_cmpuint (scraper_test_server_get_max_concurrent (busy, NULL), ==, 2);
  g_assert_cmpuint (scraper_test_server_get_max_concurrent (other, NULL), <=, 2);
  /* Three rounds of 300 ms on the busy host ... */
  g_assert_cmpint (busy_done - start, >=, 850 * 1000);
  /* ... while the other host is served in parallel, not after them. */
  g_assert_cmpint (other_done, <, busy_done);
}

static void
test_per_host_delay (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(GArray) times = NULL;
  ScraperFetchOptions options;
  Worker workers[2];
  GThread *threads[2];

  fast_options (&options);
  options.per_host_delay_ms = 300;
  options.delay_loopback = TRUE;   /* the test server is on 127.0.0.1 */
  options.obey_robots = FALSE;
  fetcher = scraper_fetcher_new (&options);

  for (guint i = 0; i < 2; i++)
    {
      workers[i] = (Worker) { fetcher, server, "/board.json", 2, 0, 0 };
      threads[i] = g_thread_new ("worker", worker_func, &workers[i]);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].failures, ==, 0);
    }

  times = scraper_test_server_get_request_times (server, NULL);
  g_assert_cmpuint (times->len, ==, 4);
  /* The server notes when it gets to a request, and a busy machine may
   * get to one late, which makes the gap before it longer and the one
   * after it shorter by as much.  Without the delay the four requests
   * come within a few milliseconds; with it each gap keeps more than half
   * the delay, and the span of all three nearly all of it. */
  for (guint i = 1; i < times->len; i++)
    {
      gint64 gap = g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1);

      g_test_message ("gap %u: %.3f s", i, (double) gap / G_USEC_PER_SEC);
      g_assert_cmpint (gap, >=, 150 * 1000);
    }
  g_assert_cmpint (g_array_index (times, gint64, 3) - g_array_index (times, gint64, 0), >=, 750 * 1000);
}

/* A server on this computer is not slowed down by the per-host delay
 * (unless asked), but its robots.txt Crawl-delay still counts. */
static void
test_loopback_not_delayed (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperFetcher) polite = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/board.json");
  ScraperFetchOptions options;
  gint64 start;

  fast_options (&options);
  options.per_host_delay_ms = 2000;
  options.obey_robots = FALSE;
  fetcher = scraper_fetcher_new (&options);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ScraperResponse) response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE,
                                                                   NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (response);
    }
  /* Delayed, the three fetches would take 4 s at least. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3500 * 1000);

  /* Crawl-delay from robots.txt applies to loopback hosts too. */
  scraper_test_server_set_robots (server, "User-agent: *\nCrawl-delay: 1\n");
  options.obey_robots = TRUE;
  polite = scraper_fetcher_new (&options);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ScraperResponse) response = scraper_fetcher_fetch (polite, url, SCRAPER_FETCH_FLAGS_NONE,
                                                                   NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (response);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
}

static void
test_cancel_while_waiting_for_slot (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = NULL;
  ScraperFetchOptions options;
  ThreadFetch holder, waiter;
  GThread *holder_thread, *waiter_thread;
  double took;

  fast_options (&options);
  options.max_per_host = 1;
  options.obey_robots = FALSE;
  fetcher = scraper_fetcher_new (&options);

  scraper_test_server_add_slow (server, "/hold", 1500, "held");
  holder_thread = thread_fetch_start (&holder, fetcher, server, "/hold");
  wait_for_hits (server, "/hold", 1);
  waiter_thread = thread_fetch_start (&waiter, fetcher, server, "/jobs.html");
  g_usleep (100 * 1000);

  took = cancel_and_join (&waiter, waiter_thread);
  g_assert_error (waiter.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (took, <, 0.3);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/jobs.html"), ==, 0);

  g_thread_join (holder_thread);
  g_assert_no_error (holder.error);
  thread_fetch_clear (&holder);
  thread_fetch_clear (&waiter);
}

static void
test_already_cancelled (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/jobs.html");
  ScraperResponse *response;

  g_cancellable_cancel (cancellable);
  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL,
                                    cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (scraper_test_server_get_hits (server, NULL), ==, 0);
}

/* --- conditional GET ---------------------------------------------------- */

static void
test_conditional_get_304 (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(ScraperResponse) first = NULL;
  g_autoptr(ScraperResponse) by_etag = NULL;
  g_autoptr(ScraperResponse) by_date = NULL;
  g_autoptr(ScraperResponse) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/feed");
  g_autofree char *sent = NULL;
  const char *date = "Wed, 21 Oct 2015 07:28:00 GMT";

  scraper_test_server_add_cacheable (server, "/feed", "application/rss+xml", "<rss/>",
                                     "\"v1\"", date);

  first = scraper_fetcher_fetch (fetcher, url, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (first->not_modified);
  g_assert_cmpstr (first->etag, ==, "\"v1\"");
  g_assert_cmpstr (first->last_modified, ==, date);
  g_assert_cmpuint (g_bytes_get_size (first->body), ==, 6);

  by_etag = scraper_fetcher_fetch (fetcher, url, 0, first->etag, NULL, NULL, &error);
  g_assert_no_error (error);
  sent = scraper_test_server_dup_last_header (server, "/feed", "If-None-Match");
  g_assert_cmpstr (sent, ==, "\"v1\"");
  g_assert_true (by_etag->not_modified);
  g_assert_cmpuint (by_etag->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (by_etag->body), ==, 0);
  g_assert_cmpstr (by_etag->etag, ==, "\"v1\"");
  g_assert_cmpstr (by_etag->last_modified, ==, date);

  by_date = scraper_fetcher_fetch (fetcher, url, 0, NULL, date, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (by_date->not_modified);

  /* A stale validator gets the new body and the new validators. */
  changed = scraper_fetcher_fetch (fetcher, url, 0, "\"v0\"", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (changed->not_modified);
  g_assert_cmpuint (changed->status, ==, 200);
  g_assert_cmpstr (changed->etag, ==, "\"v1\"");

  /* Four requests, one connection: a 304 does not cost a new one. */
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/feed"), ==, 4);
  g_assert_cmpuint (scraper_test_server_get_connections (server), ==, 1);
}

/* Many "not modified" answers in a row, as a crawl of a site that did not
 * change gets them: the connection is kept (libsoup 3.2 dropped it after
 * each 304 that had no Content-Length). */
static void
test_conditional_get_keeps_connection (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autofree char *url = scraper_test_server_url_for (server, "/page");

  scraper_test_server_add_cacheable (server, "/page", "text/html", "<p>same</p>", "\"v1\"", NULL);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScraperResponse) response = scraper_fetcher_fetch (fetcher, url, 0, "\"v1\"", NULL,
                                                                   NULL, &error);

      g_assert_no_error (error);
      g_assert_true (response->not_modified);
    }
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/page"), ==, 20);
  g_assert_cmpuint (scraper_test_server_get_connections (server), ==, 1);
}

/* --- bad addresses ------------------------------------------------------ */

static void
check_bad_url (const char *url,
               int         code)
{
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  g_autoptr(GError) error = NULL;
  ScraperResponse *response;

  response = scraper_fetcher_fetch (fetcher, url, 0, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_unsupported_scheme_file (void)
{
  check_bad_url ("file:///etc/passwd", SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME);
}

static void
test_unsupported_scheme_ftp (void)
{
  check_bad_url ("ftp://example.com/jobs.txt", SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME);
}

static void
test_unsupported_scheme_javascript (void)
{
  check_bad_url ("javascript:alert(1)", SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME);
}

static void
test_invalid_url_garbage (void)
{
  check_bad_url ("not a url at all", SCRAPER_FETCH_ERROR_INVALID_URL);
}

static void
test_invalid_url_empty (void)
{
  check_bad_url ("", SCRAPER_FETCH_ERROR_INVALID_URL);
}

static void
test_invalid_url_no_host (void)
{
  check_bad_url ("http:///jobs", SCRAPER_FETCH_ERROR_INVALID_URL);
}

/* --- many threads ------------------------------------------------------- */

typedef struct {
  ScraperFetcher    *fetcher;
  ScraperTestServer *server;
  guint              ok;
} ManyFetches;

static gpointer
many_fetches_func (gpointer data)
{
  ManyFetches *many = data;
  const char *paths[] = { "/jobs.html", "/board.json", "/feed.xml" };

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScraperResponse) response = fetch_path (many->fetcher, many->server,
                                                        paths[i % 3], &error);

      g_assert_no_error (error);
      if (response->status == 200 && g_bytes_get_size (response->body) > 100)
        many->ok++;
    }
  return NULL;
}

static void
test_concurrent_four_threads (void)
{
  g_autoptr(ScraperTestServer) server = server_new ();
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_fast ();
  ManyFetches many[4];
  GThread *threads[4];

  for (guint i = 0; i < 4; i++)
    {
      many[i] = (ManyFetches) { fetcher, server, 0 };
      threads[i] = g_thread_new ("many", many_fetches_func, &many[i]);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (many[i].ok, ==, 6);
    }
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/robots.txt"), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_max_concurrent (server, NULL), <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Tests talk to 127.0.0.1 only. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");

  g_test_add_func ("/fetcher/plain-fetch", test_plain_fetch);
  g_test_add_func ("/fetcher/fragment-not-sent", test_fragment_not_sent);
  g_test_add_func ("/fetcher/content-type/json-and-override", test_json_fixture_content_type);
  g_test_add_func ("/fetcher/user-agent-sent", test_user_agent_sent);
  g_test_add_func ("/fetcher/trickle/completes", test_trickle_completes);
  g_test_add_func ("/fetcher/trickle/cancelled-within-300ms", test_trickle_cancelled_quickly);
  g_test_add_func ("/fetcher/timeout/stall-mid-body", test_stall_mid_body_times_out);
  g_test_add_func ("/fetcher/timeout/slow-headers", test_slow_headers_time_out);
  g_test_add_func ("/fetcher/timeout/drip-body", test_drip_body_fails);
  g_test_add_func ("/fetcher/timeout/drip-headers", test_drip_headers_fail);
  g_test_add_func ("/fetcher/timeout/endless-body", test_endless_body_fails);
  g_test_add_func ("/fetcher/cancel/waiting-for-headers", test_cancel_waiting_for_headers);
  g_test_add_func ("/fetcher/retry/429-retry-after-seconds", test_429_retry_after_then_200);
  g_test_add_func ("/fetcher/retry/429-retry-after-http-date", test_429_retry_after_http_date);
  g_test_add_func ("/fetcher/retry/retry-after-too-long", test_retry_after_too_long_fails);
  g_test_add_func ("/fetcher/retry/503-twice-then-200", test_503_twice_then_200);
  g_test_add_func ("/fetcher/retry/503-retries-exhausted", test_503_retries_exhausted);
  g_test_add_func ("/fetcher/retry/404-not-retried", test_404_not_retried);
  g_test_add_func ("/fetcher/retry/403-not-retried", test_403_not_retried);
  g_test_add_func ("/fetcher/retry/connection-refused", test_connection_refused);
  g_test_add_func ("/fetcher/retry/connection-refused-cancelled-in-backoff",
                   test_connection_refused_cancelled_during_backoff);
  g_test_add_func ("/fetcher/redirect/loop", test_redirect_loop);
  g_test_add_func ("/fetcher/redirect/chain-of-10-and-11", test_redirect_chain);
  g_test_add_func ("/fetcher/redirect/to-ftp-scheme", test_redirect_to_unsupported_scheme);
  g_test_add_func ("/fetcher/redirect/to-other-host", test_redirect_to_other_host);
  g_test_add_func ("/fetcher/redirect/into-robots-disallowed-path", test_redirect_into_disallowed_path);
  g_test_add_func ("/fetcher/size/12mib-body", test_too_large_12mib);
  g_test_add_func ("/fetcher/size/chunked-without-length", test_too_large_without_content_length);
  g_test_add_func ("/fetcher/size/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/fetcher/encoding/gzip-decoded", test_gzip_decoded);
  g_test_add_func ("/fetcher/encoding/gzip-mislabelled-passed-through", test_gzip_mislabelled);
  g_test_add_func ("/fetcher/charset/wrong-and-missing", test_charset_wrong_and_missing);
  g_test_add_func ("/fetcher/charset/invalid-utf8-passed-through", test_invalid_utf8_passed_through);
  g_test_add_func ("/fetcher/robots/disallow", test_robots_disallow);
  g_test_add_func ("/fetcher/robots/our-group-and-allow", test_robots_our_group_and_allow);
  g_test_add_func ("/fetcher/robots/crawl-delay", test_robots_crawl_delay);
  g_test_add_func ("/fetcher/robots/disabled-by-option-and-flag", test_robots_disabled);
  g_test_add_func ("/fetcher/robots/missing-404-allows-all", test_robots_missing_allows_all);
  g_test_add_func ("/fetcher/robots/server-error-allows", test_robots_server_error_allows);
  g_test_add_func ("/fetcher/robots/parser", test_robots_parser);
  g_test_add_func ("/fetcher/politeness/two-per-host-other-host-parallel", test_per_host_concurrency);
  g_test_add_func ("/fetcher/politeness/per-host-delay", test_per_host_delay);
  g_test_add_func ("/fetcher/politeness/loopback-not-delayed-but-crawl-delay-counts", test_loopback_not_delayed);
  g_test_add_func ("/fetcher/politeness/cancel-waiting-for-slot", test_cancel_while_waiting_for_slot);
  g_test_add_func ("/fetcher/cancel/already-cancelled", test_already_cancelled);
  g_test_add_func ("/fetcher/conditional/304", test_conditional_get_304);
  g_test_add_func ("/fetcher/conditional/304-keeps-connection", test_conditional_get_keeps_connection);
  g_test_add_func ("/fetcher/bad-url/file-scheme", test_unsupported_scheme_file);
  g_test_add_func ("/fetcher/bad-url/ftp-scheme", test_unsupported_scheme_ftp);
  g_test_add_func ("/fetcher/bad-url/javascript-scheme", test_unsupported_scheme_javascript);
  g_test_add_func ("/fetcher/bad-url/garbage", test_invalid_url_garbage);
  g_test_add_func ("/fetcher/bad-url/empty", test_invalid_url_empty);
  g_test_add_func ("/fetcher/bad-url/no-host", test_invalid_url_no_host);
  g_test_add_func ("/fetcher/threads/four-concurrent", test_concurrent_four_threads);

  return g_test_run ();
}
