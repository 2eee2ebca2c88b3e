/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fetcher against a real https server on 127.0.0.1 (a SoupServer with
 * the certificate of tests/data/tls, trusted through JOB_SCRAPER_CA_FILE):
 * a redirect from https to http is not followed, end to end. */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "scrape/scraper-fetcher.h"
#include "scraper-test-server.h"

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  guint16       port;
  char         *plain_url;   /* where /downgrade sends */
  guint         hits;        /* requests answered, robots.txt aside */
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
} TlsServer;

static void
tls_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  TlsServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/robots.txt"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  g_atomic_int_inc (&self->hits);
  if (g_str_equal (path, "/downgrade"))
    {
      soup_message_headers_replace (headers, "Location", self->plain_url);
      soup_server_message_set_status (msg, 302, NULL);
    }
  else if (g_str_equal (path, "/secure-hop"))
    {
      g_autofree char *to = g_strdup_printf ("https://127.0.0.1:%u/ok", self->port);

      soup_message_headers_replace (headers, "Location", to);
      soup_server_message_set_status (msg, 302, NULL);
    }
  else if (g_str_equal (path, "/ok"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "over tls", 8);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gpointer
tls_server_thread (gpointer data)
{
  TlsServer *self = data;
  g_autofree char *dir = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "tls", NULL);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  self->server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (self->server, NULL, tls_handler, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static TlsServer *
tls_server_new (const char *plain_url)
{
  TlsServer *self = g_new0 (TlsServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->plain_url = g_strdup (plain_url);
  self->thread = g_thread_new ("test-tls-server", tls_server_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static void
tls_server_free (TlsServer *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->plain_url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

static ScraperFetcher *
new_fetcher (void)
{
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  return fetcher;
}

/* The control: the certificate is trusted (JOB_SCRAPER_CA_FILE) and an
 * https page that redirects to another https page is read. */
static void
test_tls_https_to_https_redirect_followed (void)
{
  g_autoptr(ScraperTestServer) plain = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = new_fetcher ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  TlsServer *tls = tls_server_new (scraper_test_server_get_url (plain));

  url = g_strdup_printf ("https://127.0.0.1:%u/secure-hop", tls->port);
  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (g_str_has_suffix (response->url, "/ok"));
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body), "over tls", 8);
  tls_server_free (tls);
}

/* A page served over TLS redirects to plain http: the fetcher refuses to
 * follow (the answer could be read and changed on the way), and the http
 * server is never asked. */
static void
test_tls_https_to_http_redirect_not_followed (void)
{
  g_autoptr(ScraperTestServer) plain = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = new_fetcher ();
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  TlsServer *tls;

  scraper_test_server_add_text (plain, "/jobs", "text/plain", "downgraded");
  target = scraper_test_server_url_for (plain, "/jobs");
  tls = tls_server_new (target);

  url = g_strdup_printf ("https://127.0.0.1:%u/downgrade", tls->port);
  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME);
  g_assert_nonnull (strstr (error->message, "insecure"));
  g_assert_cmpuint (g_atomic_int_get (&tls->hits), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (plain, "/jobs"), ==, 0);
  g_assert_cmpuint (scraper_test_server_get_hits (plain, "/robots.txt"), ==, 0);
  tls_server_free (tls);
}

int
main (int argc, char **argv)
{
  g_autofree char *ca = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "tls", "cert.pem", NULL);

  g_setenv ("JOB_SCRAPER_CA_FILE", ca, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetcher/tls/https-to-https-redirect-followed", test_tls_https_to_https_redirect_followed);
  g_test_add_func ("/fetcher/tls/https-to-http-redirect-not-followed", test_tls_https_to_http_redirect_not_followed);

  return g_test_run ();
}
