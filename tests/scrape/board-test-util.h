/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers of the board adapters' tests: a fixture of tests/data, a
 * posting by its board's number, a fetcher that sends the board's hosts
 * to the test server (JOB_SCRAPER_REMAP), and a whole run of an adapter
 * with what it handed on, said and reported collected. */

#include <glib.h>

#include "model/scraper-posting.h"
#include "scraper-adapter.h"
#include "scraper-test-server.h"

static inline char *
board_test_fixture (const char *dir,
                    const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static inline ScraperPosting *
board_test_find_posting (GPtrArray  *postings,
                         const char *external_id)
{
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *p = g_ptr_array_index (postings, i);

      if (g_strcmp0 (p->external_id, external_id) == 0)
        return p;
    }
  return NULL;
}

/* tests/data/@board/@name served as JSON at @path. */
static inline void
board_test_serve_fixture (ScraperTestServer *server,
                          const char        *path,
                          const char        *board,
                          const char        *name)
{
  g_autofree char *text = board_test_fixture (board, name);

  scraper_test_server_add_text (server, path, "application/json", text);
}

/* g_test_init(), and no proxy from the environment between the tests
 * and their servers on 127.0.0.1. */
static inline void
board_test_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
}

/* A fetcher that sends @host (one host name or pattern of
 * JOB_SCRAPER_REMAP, or several separated by commas) to 127.0.0.1:@port,
 * and neither waits between requests nor retries for long. */
static inline ScraperFetcher *
board_test_fetcher_for_port (guint       port,
                             const char *host)
{
  g_auto(GStrv) hosts = g_strsplit (host, ",", -1);
  g_autoptr(GString) spec = g_string_new (NULL);
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  for (guint i = 0; hosts[i] != NULL; i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", hosts[i], port);
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);
  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.retry_base_ms = 1;
  options.max_retries = 1;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  return fetcher;
}

/* The same for @server. */
static inline ScraperFetcher *
board_test_fetcher (ScraperTestServer *server,
                    const char        *host)
{
  return board_test_fetcher_for_port (scraper_test_server_get_port (server), host);
}

typedef struct {
  GPtrArray    *postings;
  GPtrArray    *warnings;
  guint         last_done;
  guint         last_total;
  GCancellable *cancel_after_first;
} BoardTestCollected;

static inline void
board_test_collected_clear (BoardTestCollected *c)
{
  g_clear_pointer (&c->postings, g_ptr_array_unref);
  g_clear_pointer (&c->warnings, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BoardTestCollected, board_test_collected_clear)

static inline gboolean
board_test_on_postings (GPtrArray  *postings,
                        gpointer    user_data,
                        GError    **error)
{
  BoardTestCollected *c = user_data;

  for (guint i = 0; i < postings->len; i++)
    g_ptr_array_add (c->postings, scraper_posting_ref (g_ptr_array_index (postings, i)));
  return TRUE;
}

static inline void
board_test_on_progress (guint       done,
                        guint       total,
                        const char *message,
                        gpointer    user_data)
{
  BoardTestCollected *c = user_data;

  c->last_done = done;
  c->last_total = total;
  if (c->cancel_after_first != NULL && done == 1)
    g_cancellable_cancel (c->cancel_after_first);
}

static inline void
board_test_on_warning (const char *message,
                       gpointer    user_data)
{
  BoardTestCollected *c = user_data;

  g_ptr_array_add (c->warnings, g_strdup (message));
}

/* A run of the source of @kind at @url (with @settings, nullable), its
 * @host sent to @server. */
static inline gboolean
board_test_run_full (ScraperTestServer   *server,
                     const char          *host,
                     const char          *kind,
                     const char          *url,
                     const char          *settings,
                     BoardTestCollected  *c,
                     ScraperAdapterStats *stats,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(ScraperFetcher) fetcher = board_test_fetcher (server, host);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  ScraperAdapterCallbacks callbacks = { 0 };

  source->id = 9;
  source->url = g_strdup (url);
  source->kind = g_strdup (kind);
  source->settings = g_strdup (settings);
  c->postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  c->warnings = g_ptr_array_new_with_free_func (g_free);
  callbacks.postings = board_test_on_postings;
  callbacks.progress = board_test_on_progress;
  callbacks.warning = board_test_on_warning;
  callbacks.user_data = c;
  return scraper_adapter_run (source, fetcher, &callbacks, stats, cancellable, error);
}

static inline gboolean
board_test_run (ScraperTestServer   *server,
                const char          *host,
                const char          *kind,
                const char          *url,
                BoardTestCollected  *c,
                ScraperAdapterStats *stats,
                GCancellable        *cancellable,
                GError             **error)
{
  return board_test_run_full (server, host, kind, url, NULL, c, stats, cancellable, error);
}
