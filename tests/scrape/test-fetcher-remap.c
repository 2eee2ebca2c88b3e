/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fetcher-remap"

#include "config.h"

#include <string.h>

#include "scraper-fetcher.h"
#include "scraper-test-server.h"

/* JOB_SCRAPER_REMAP (the testing aid that stands local servers in for the
 * boards' real hosts) and POST requests. */

static ScraperFetcher *
fetcher_new_remapped (const char *spec)
{
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  if (spec != NULL)
    g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
  else
    g_unsetenv ("JOB_SCRAPER_REMAP");
  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.retry_base_ms = 20;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  return fetcher;
}

static char *
remap_spec (const char        *host,
            ScraperTestServer *server)
{
  return g_strdup_printf ("%s=127.0.0.1:%u", host, scraper_test_server_get_port (server));
}

static char *
body_text (ScraperResponse *response)
{
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);

  return g_strndup (data, len);
}

static void
test_remap_exact_host (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *spec = NULL;
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  scraper_test_server_add_text (server, "/v1/boards/acme/jobs", "application/json", "{\"jobs\":[]}");
  scraper_test_server_add_text (server, "/v1/boards/acme/jobs?content=true", "application/json",
                                "{\"jobs\":[],\"query\":true}");
  spec = g_strdup_printf ("other.example=127.0.0.1:1, boards-api.greenhouse.io=127.0.0.1:%u",
                          scraper_test_server_get_port (server));
  fetcher = fetcher_new_remapped (spec);

  /* https on the real host becomes http on the local port, path and query kept. */
  response = scraper_fetcher_fetch (fetcher,
                                    "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
                                    SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  text = body_text (response);
  g_assert_cmpstr (text, ==, "{\"jobs\":[],\"query\":true}");
  /* The response speaks of the host it stands in for. */
  g_assert_cmpstr (response->url, ==,
                   "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true");
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/v1/boards/acme/jobs"), ==, 1);
  /* robots.txt was asked of the stand-in too, as it would be of the host. */
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/robots.txt"), ==, 1);
}

static void
test_remap_host_case_and_port (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *spec = remap_spec ("Jobs.Lever.CO", server);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (spec);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_text (server, "/acme", "text/html", "<html></html>");
  /* Host names ignore case; the URL's own port is replaced by the stand-in's. */
  response = scraper_fetcher_fetch (fetcher, "https://JOBS.lever.co:8443/acme",
                                    SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/acme"), ==, 1);
}

static void
test_remap_suffix_and_exact_wins (void)
{
  g_autoptr(ScraperTestServer) exact = scraper_test_server_new (NULL);
  g_autoptr(ScraperTestServer) suffix = scraper_test_server_new (NULL);
  g_autoptr(ScraperTestServer) longer = scraper_test_server_new (NULL);
  g_autofree char *spec = NULL;
  g_autoptr(ScraperFetcher) fetcher = NULL;
  const char *urls[] = {
    "https://acme.recruitee.com/api/offers/",     /* suffix */
    "https://api.recruitee.com/api/offers/",      /* exact, over the suffix */
    "https://beta.eu.recruitee.com/api/offers/",  /* the longer suffix */
  };
  ScraperTestServer *expected[] = { suffix, exact, longer };

  spec = g_strdup_printf ("*.recruitee.com=127.0.0.1:%u,api.recruitee.com=127.0.0.1:%u,"
                          "*.eu.recruitee.com=127.0.0.1:%u",
                          scraper_test_server_get_port (suffix),
                          scraper_test_server_get_port (exact),
                          scraper_test_server_get_port (longer));
  fetcher = fetcher_new_remapped (spec);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      scraper_test_server_add_text (expected[i], "/api/offers/", "application/json", "{\"offers\":[]}");
      response = scraper_fetcher_fetch (fetcher, urls[i], SCRAPER_FETCH_FLAGS_NONE,
                                        NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (scraper_test_server_get_hits (expected[i], "/api/offers/"), ==, 1);
      scraper_test_server_remove_route (expected[i], "/api/offers/");
    }
}

static void
test_remap_suffix_not_bare_domain (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *spec = remap_spec ("*.invalid", server);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (spec);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  ScraperFetchOptions options;

  /* "*.invalid" stands for names below it, not for "invalid" itself, whose
   * lookup fails as it would without the remap (no retries for speed). */
  scraper_fetch_options_init (&options);
  options.max_retries = 0;
  g_clear_object (&fetcher);
  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
  fetcher = scraper_fetcher_new (&options);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  scraper_fetch_options_clear (&options);

  response = scraper_fetcher_fetch (fetcher, "http://invalid/x", SCRAPER_FETCH_FLAGS_NONE,
                                    NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT);
  g_assert_cmpuint (scraper_test_server_get_hits (server, NULL), ==, 0);
}

static void
test_remap_garbled_entries_ignored (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *spec = NULL;
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* Entries that do not point at this computer, or have no port, are
   * ignored with a warning; the good one still works. */
  spec = g_strdup_printf ("jobs.example=10.0.0.1:80,=127.0.0.1:1,nothing,"
                          "x.example=127.0.0.1:99999,jobs.example.org=127.0.0.1:%u",
                          scraper_test_server_get_port (server));
  g_test_expect_message ("scraper-fetcher", G_LOG_LEVEL_WARNING, "*10.0.0.1:80*");
  g_test_expect_message ("scraper-fetcher", G_LOG_LEVEL_WARNING, "*=127.0.0.1:1*");
  g_test_expect_message ("scraper-fetcher", G_LOG_LEVEL_WARNING, "*nothing*");
  g_test_expect_message ("scraper-fetcher", G_LOG_LEVEL_WARNING, "*99999*");
  fetcher = fetcher_new_remapped (spec);
  g_test_assert_expected_messages ();

  scraper_test_server_add_text (server, "/careers", "text/html", "<html></html>");
  response = scraper_fetcher_fetch (fetcher, "https://jobs.example.org/careers",
                                    SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/careers"), ==, 1);
}

static void
test_remap_robots_apply_as_for_host (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *spec = remap_spec ("careers.example.com", server);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (spec);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_set_robots (server, "User-agent: *\nDisallow: /private\n");
  scraper_test_server_add_text (server, "/private/jobs", "text/html", "<html></html>");
  response = scraper_fetcher_fetch (fetcher, "https://careers.example.com/private/jobs",
                                    SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_ROBOTS);
  /* The message names the host the user knows, not the stand-in. */
  g_assert_nonnull (strstr (error->message, "careers.example.com"));
  g_assert_null (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/private/jobs"), ==, 0);
}

static void
test_remap_unset_leaves_hosts_alone (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (NULL);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/page");

  scraper_test_server_add_text (server, "/page", "text/plain", "plain");
  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->url, ==, url);
}

static void
test_post_json (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *spec = remap_spec ("acme.wd5.myworkdayjobs.com", server);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (spec);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sent = g_bytes_new_static ("{\"limit\":20,\"offset\":0}", 23);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *type = NULL;
  g_autofree char *text = NULL;
  const char *path = "/wday/cxs/acme/External/jobs";

  scraper_test_server_add_text (server, path, "application/json", "{\"total\":0,\"jobPostings\":[]}");
  response = scraper_fetcher_post (fetcher, "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs",
                                   "application/json", sent, SCRAPER_FETCH_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  text = body_text (response);
  g_assert_cmpstr (text, ==, "{\"total\":0,\"jobPostings\":[]}");
  got = scraper_test_server_dup_last_body (server, path);
  g_assert_nonnull (got);
  g_assert_true (g_bytes_equal (got, sent));
  type = scraper_test_server_dup_last_header (server, path, "Content-Type");
  g_assert_cmpstr (type, ==, "application/json");
}

static void
test_post_retried_after_503 (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (NULL);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sent = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/search");

  scraper_test_server_add_flaky (server, "/search", 2, 503, NULL, "[]");
  response = scraper_fetcher_post (fetcher, url, "application/json", sent,
                                   SCRAPER_FETCH_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/search"), ==, 3);
  got = scraper_test_server_dup_last_body (server, "/search");
  g_assert_true (g_bytes_equal (got, sent));
}

static void
test_post_redirect_becomes_get (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (NULL);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sent = g_bytes_new_static ("{\"secret\":1}", 12);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *url = scraper_test_server_url_for (server, "/old");

  scraper_test_server_add_redirect (server, "/old", "/new");
  scraper_test_server_add_text (server, "/new", "application/json", "{}");
  response = scraper_fetcher_post (fetcher, url, "application/json", sent,
                                   SCRAPER_FETCH_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  /* The body went to the address it was meant for, and no further. */
  got = scraper_test_server_dup_last_body (server, "/new");
  g_assert_nonnull (got);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);
}

static void
test_post_cancelled (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new_remapped (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sent = g_bytes_new_static ("{}", 2);
  g_autofree char *url = scraper_test_server_url_for (server, "/search");

  scraper_test_server_add_text (server, "/search", "application/json", "[]");
  g_cancellable_cancel (cancellable);
  response = scraper_fetcher_post (fetcher, url, "application/json", sent,
                                   SCRAPER_FETCH_FLAGS_NONE, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/search"), ==, 0);
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

  g_test_add_func ("/fetcher/remap/exact-host", test_remap_exact_host);
  g_test_add_func ("/fetcher/remap/host-case-and-port", test_remap_host_case_and_port);
  g_test_add_func ("/fetcher/remap/suffix-and-exact-wins", test_remap_suffix_and_exact_wins);
  g_test_add_func ("/fetcher/remap/suffix-not-bare-domain", test_remap_suffix_not_bare_domain);
  g_test_add_func ("/fetcher/remap/garbled-entries-ignored", test_remap_garbled_entries_ignored);
  g_test_add_func ("/fetcher/remap/robots-apply-as-for-host", test_remap_robots_apply_as_for_host);
  g_test_add_func ("/fetcher/remap/unset-leaves-hosts-alone", test_remap_unset_leaves_hosts_alone);
  g_test_add_func ("/fetcher/post/json", test_post_json);
  g_test_add_func ("/fetcher/post/retried-after-503", test_post_retried_after_503);
  g_test_add_func ("/fetcher/post/redirect-becomes-get", test_post_redirect_becomes_get);
  g_test_add_func ("/fetcher/post/cancelled", test_post_cancelled);

  return g_test_run ();
}
