/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line as users and scripts drive it: the real job-scraper
 * binary, a real database file, and an in-process HTTP server. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "cli-test-util.h"
#include "store/scraper-store.h"

static void
test_cli_version_and_help (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  cli (f, &run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "job-scraper " PACKAGE_VERSION "\n");

  cli (f, &run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "sources add URL"));
  g_assert_nonnull (strstr (run.out, "Examples:"));

  cli (f, &run, "scrape", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--concurrency"));
}

static void
test_cli_usage_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *url = site_url (f, "/acme/careers/index.html");

  /* unknown command */
  cli (f, &run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown command"));
  g_assert_cmpstr (run.out, ==, "");

  /* unknown option */
  cli (f, &run, "list", "--bogus", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--bogus"));

  /* missing value */
  cli (f, &run, "list", "--limit", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* bad URL, bad scheme, unknown kind */
  cli (f, &run, "sources", "add", "not a url", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not a valid URL"));
  cli (f, &run, "sources", "add", "ftp://example.com/jobs", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "http"));
  cli (f, &run, "sources", "add", url, "--kind", "myspace", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown kind"));

  /* bad ids and values */
  cli (f, &run, "sources", "remove", "abc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (f, &run, "scrape", "--concurrency", "99", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (f, &run, "list", "--sort", "shoe-size", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (f, &run, "export", "--format", "xls", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* Nothing was added by any of these. */
  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

static void
test_cli_sources (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *obj;
  gint64 a, b;
  g_autofree char *ida = NULL;
  g_autofree char *idb = NULL;

  a = add_source (f, "/acme/careers/index.html", "jsonld", "Acme Careers");
  b = add_source (f, "/feeds/acme.rss", "feed", "Acme Feed");
  g_assert_cmpint (b, >, a);
  ida = g_strdup_printf ("%" G_GINT64_FORMAT, a);
  idb = g_strdup_printf ("%" G_GINT64_FORMAT, b);

  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  obj = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "id"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Acme Careers");
  g_assert_cmpstr (json_object_get_string_member (obj, "kind"), ==, "jsonld");
  g_assert_true (json_object_get_boolean_member (obj, "enabled"));
  g_assert_true (json_object_has_member (obj, "url"));
  g_assert_true (json_object_get_null_member (obj, "last_run"));
  g_assert_true (json_object_get_null_member (obj, "last_error"));

  cli (f, &run, "sources", "disable", ida, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "sources", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Acme Careers"));
  g_assert_nonnull (strstr (run.out, "no"));

  cli (f, &run, "sources", "enable", ida, NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "sources", "remove", idb, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "sources", "remove", idb, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no source"));

  /* The kind is detected from the URL when not given. */
  {
    g_autofree char *rss = site_url (f, "/feeds/acme.rss");

    cli (f, &run, "sources", "add", rss, NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli (f, &run, "sources", "list", "--json", NULL);
    g_assert_nonnull (strstr (run.out, "\"feed\""));
  }
}

static JsonObject *
find_by_title (JsonArray  *array,
               const char *title)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (obj, "title"), title) == 0)
        return obj;
    }
  return NULL;
}

static void
test_cli_scrape_and_list (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) expected_root = NULL;
  g_autofree char *expected_path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "cli-site", "expected.json", NULL);
  g_autofree char *expected_text = NULL;
  JsonObject *s;
  JsonArray *postings, *expected;
  static const char * const fields[] = {
    "id", "source_id", "external_id", "url", "apply_url", "title", "company", "locations", "country",
    "remote", "employment_type", "salary", "date_posted", "valid_through", "status", "favorite",
    "notes", "first_seen", "last_seen", "archived", "seniority", "skills", "relevance",
  };

  add_source (f, "/acme/careers/index.html", "jsonld", "Acme Careers");

  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  summary = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (summary)), ==, 1);
  s = json_array_get_object_element (json_node_get_array (summary), 0);
  g_assert_cmpstr (json_object_get_string_member (s, "state"), ==, "completed");
  g_assert_cmpint (json_object_get_int_member (s, "found"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (s, "inserted"), ==, 6);
  g_assert_true (json_object_get_null_member (s, "error"));

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (json_array_get_object_element (postings, 0), fields[i]));

  /* Every posting as the site states it (expected.json is its ground truth). */
  g_assert_true (g_file_get_contents (expected_path, &expected_text, NULL, NULL));
  expected_root = parse_json (expected_text);
  expected = json_node_get_array (expected_root);
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *e = json_array_get_object_element (expected, i);
      JsonObject *p = NULL;
      JsonObject *salary;

      for (guint j = 0; j < json_array_get_length (postings); j++)
        {
          JsonObject *c = json_array_get_object_element (postings, j);

          if (g_strcmp0 (json_object_get_string_member_with_default (c, "external_id", ""),
                         json_object_get_string_member (e, "id")) == 0)
            p = c;
        }
      g_assert_nonnull (p);
      g_assert_cmpstr (json_object_get_string_member (p, "title"), ==, json_object_get_string_member (e, "title"));
      g_assert_cmpstr (json_object_get_string_member (p, "company"), ==, "Acme Corp");
      g_assert_cmpstr (json_object_get_string_member (p, "date_posted"), ==, json_object_get_string_member (e, "date_posted"));
      g_assert_true (g_str_has_prefix (json_array_get_string_element (json_object_get_array_member (p, "locations"), 0),
                                       json_object_get_string_member (e, "city")));
      g_assert_cmpstr (json_object_get_string_member (p, "country"), ==, json_object_get_string_member (e, "country"));
      g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==,
                       json_object_get_boolean_member (e, "remote") ? "remote" : "unknown");
      salary = json_object_get_object_member (p, "salary");
      g_assert_nonnull (salary);
      g_assert_cmpint (json_object_get_int_member (salary, "min"), ==, json_object_get_int_member (e, "salary_min"));
      g_assert_cmpint (json_object_get_int_member (salary, "max"), ==, json_object_get_int_member (e, "salary_max"));
      g_assert_cmpstr (json_object_get_string_member (salary, "currency"), ==, json_object_get_string_member (e, "currency"));
      g_assert_cmpstr (json_object_get_string_member (salary, "period"), ==, "year");
      g_assert_cmpint (json_object_get_int_member (salary, "annual_max"), ==, json_object_get_int_member (e, "salary_max"));
      g_assert_cmpstr (json_object_get_string_member (p, "status"), ==, "new");
      g_assert_false (json_object_get_boolean_member (p, "favorite"));
    }

  /* Filters */
  cli (f, &run, "list", "--json", "--min-salary", "100000", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) rich = parse_json (run.out);
    JsonArray *a = json_node_get_array (rich);

    /* A posting qualifies when its range reaches the minimum. */
    g_assert_cmpuint (json_array_get_length (a), ==, 4);
    for (guint i = 0; i < json_array_get_length (a); i++)
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (a, i), "salary"),
                                                   "annual_max"), >=, 100000);
  }

  cli (f, &run, "list", "--json", "--remote", NULL);
  {
    g_autoptr(JsonNode) remote = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (remote)), ==, 1);
  }

  cli (f, &run, "list", "--json", "--search", "Développeur", NULL);
  {
    g_autoptr(JsonNode) found = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), >=, 1);
    g_assert_nonnull (find_by_title (json_node_get_array (found), "Développeur Full-Stack"));
  }

  cli (f, &run, "list", "--json", "--limit", "2", "--sort", "salary", NULL);
  {
    g_autoptr(JsonNode) top = parse_json (run.out);
    JsonArray *a = json_node_get_array (top);

    g_assert_cmpuint (json_array_get_length (a), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (a, 0), "salary"), "max"),
                     ==, 196000);
  }

  cli (f, &run, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "TITLE"));
  g_assert_nonnull (strstr (run.out, "Acme Corp"));

  /* A second scrape finds the same postings unchanged. */
  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) again = parse_json (run.out);
    JsonObject *o = json_array_get_object_element (json_node_get_array (again), 0);

    g_assert_cmpint (json_object_get_int_member (o, "inserted"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "unchanged"), ==, 6);
  }

  cli (f, &run, "sources", "list", "--json", NULL);
  {
    g_autoptr(JsonNode) sources = parse_json (run.out);
    JsonObject *o = json_array_get_object_element (json_node_get_array (sources), 0);

    g_assert_false (json_object_get_null_member (o, "last_run"));
  }
}

static void
test_cli_scrape_failing_source (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) summary = NULL;
  JsonArray *a;
  guint completed = 0, failed = 0;

  add_source (f, "/feeds/acme.rss", "feed", "Good Feed");
  add_source (f, "/no/such/feed.rss", "feed", "Missing Feed");

  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  summary = parse_json (run.out);
  a = json_node_get_array (summary);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      const char *state = json_object_get_string_member (o, "state");

      if (g_str_equal (state, "completed"))
        {
          completed++;
          g_assert_cmpint (json_object_get_int_member (o, "inserted"), ==, 6);
        }
      else
        {
          g_assert_cmpstr (state, ==, "failed");
          g_assert_nonnull (strstr (json_object_get_string_member (o, "error"), "404"));
          failed++;
        }
    }
  g_assert_cmpuint (completed, ==, 1);
  g_assert_cmpuint (failed, ==, 1);

  /* The table form names the error too, and the source keeps it. */
  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_nonnull (strstr (run.out, "404"));
}

static gboolean
stderr_has_progress (GInputStream *err,
                     GString      *buf,
                     guint         timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;
  char chunk[256];

  while (g_get_monotonic_time () < end)
    {
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (err), chunk, sizeof chunk, NULL, NULL);

      if (n > 0)
        g_string_append_len (buf, chunk, n);
      if (strstr (buf->str, "Slow") != NULL)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_cli_scrape_sigint (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "scrape", NULL };
  gint64 id, t0, elapsed;
  ScraperRun *r;

  /* A server that trickles a byte every 200 ms: the scrape is stuck in a
   * read when the interrupt comes. */
  scraper_test_server_add_trickle (f->server, "/slow/feed.rss", 100000, 1, 200);
  id = add_source (f, "/slow/feed.rss", "feed", "Slow Feed");

  proc = spawn_v (f, NULL, args);
  g_assert_true (stderr_has_progress (g_subprocess_get_stderr_pipe (proc), err, 10000));
  g_usleep (300 * 1000);

  t0 = g_get_monotonic_time ();
  g_subprocess_send_signal (proc, SIGINT);
  finish (proc, &run);
  elapsed = g_get_monotonic_time () - t0;

  g_assert_cmpint (run.status, ==, 130);
  /* The feed trickles for many minutes: this tells a cancel from a wait. */
  g_assert_cmpint (elapsed, <, 20 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (run.err, "Interrupted"));

  /* The run is recorded as cancelled, and the database is consistent. */
  store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);
  runs = scraper_store_list_runs (store, id, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  r = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (r->outcome, ==, "cancelled");
}

static void
test_cli_export (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv_path = g_build_filename (f->dir, "jobs.csv", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "jobs.json", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "no", "such", "dir", "jobs.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;

  add_source (f, "/acme/careers/index.html", "jsonld", "Acme Careers");
  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "export", "--format", "csv", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  /* header + 6 postings + the empty string after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_true (g_str_has_prefix (lines[0], "id,source_id,source,external_id,title,company,"));
  for (guint i = 1; i <= 6; i++)
    g_assert_nonnull (strstr (lines[i], ",Acme Corp,"));

  cli (f, &run, "export", "--format", "json", "--output", json_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  root = parse_json (json);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 6);

  /* To standard output */
  cli (f, &run, "export", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) out = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (out)), ==, 6);
  }

  /* An unwritable output is a clear error and creates nothing. */
  cli (f, &run, "export", "--format", "csv", "--output", bad_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "jobs.csv"));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
}

static void
test_cli_csv_quoting (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(ScraperSync) sync = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperPosting *p = scraper_posting_new ();
  ScraperSyncCounts counts;

  store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);
  source->url = g_strdup ("https://example.com/jobs");
  source->kind = g_strdup ("jsonld");
  source->name = g_strdup ("Example");
  source->id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);

  p->source_id = source->id;
  p->external_id = g_strdup ("q1");
  p->title = g_strdup ("Engineer, \"Senior\"\nBackend");
  p->company = g_strdup ("Comma, Inc.");
  p->url = g_strdup ("https://example.com/jobs/1");
  g_ptr_array_add (batch, p);
  sync = scraper_store_begin_sync (store, source->id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, batch, &error));
  g_assert_true (scraper_sync_finish (g_steal_pointer (&sync), SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_clear_object (&store);

  cli (f, &run, "export", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ",\"Engineer, \"\"Senior\"\"\nBackend\",\"Comma, Inc.\","));
}

static void
test_cli_newer_database (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 9999;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->db, &before, &len_before, NULL));

  cli (f, &run, "sources", "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "newer"));
  g_assert_null (strchr (g_strchomp (run.err), '\n'));

  cli (f, &run, "sources", "add", "https://example.com/jobs", "--kind", "jsonld", NULL);
  g_assert_cmpint (run.status, ==, 1);

  g_assert_true (g_file_get_contents (f->db, &after, &len_after, NULL));
  g_assert_cmpuint (len_before, ==, len_after);
  g_assert_true (memcmp (before, after, len_before) == 0);
}

static void
test_cli_not_a_database (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (f->db, "This is my shopping list, not a database.\n", -1, NULL));
  cli (f, &run, "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "job-scraper: "));
}

static void
test_cli_feed_not_modified (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "cli-site", "feeds", "acme.rss", NULL);
  g_autofree char *feed = NULL;
  g_autofree char *inm = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *o;

  g_assert_true (g_file_get_contents (path, &feed, NULL, NULL));
  scraper_test_server_add_cacheable (f->server, "/cached/acme.rss", "application/rss+xml", feed,
                                     "\"v1\"", "Sat, 28 Nov 2026 10:00:00 GMT");
  add_source (f, "/cached/acme.rss", "feed", "Cached Feed");

  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* The second run asks "if none match v1" and gets 304: the six postings
   * stay, counted as unchanged, and none is archived. */
  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  inm = scraper_test_server_dup_last_header (f->server, "/cached/acme.rss", "If-None-Match");
  g_assert_cmpstr (inm, ==, "\"v1\"");
  second = parse_json (run.out);
  o = json_array_get_object_element (json_node_get_array (second), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "completed");
  g_assert_cmpint (json_object_get_int_member (o, "found"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (o, "unchanged"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (o, "archived"), ==, 0);

  cli (f, &run, "list", "--json", NULL);
  list = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 6);
}

/* The career site of cli-site/acme with an ETag on every page, as a web
 * server serving files answers. */
static void
add_cacheable_site (Fixture *f)
{
  static const char * const pages[] = {
    "careers/index.html", "careers/page-2.html", "jobs/00000.html", "jobs/00001.html",
    "jobs/00002.html", "jobs/00003.html", "jobs/00004.html", "jobs/00005.html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *file = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "cli-site", "acme",
                                                pages[i], NULL);
      g_autofree char *path = g_strconcat ("/acme/", pages[i], NULL);
      g_autofree char *etag = g_strdup_printf ("\"v1-%u\"", i);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
      scraper_test_server_add_cacheable (f->server, path, "text/html; charset=utf-8", text, etag, NULL);
    }
}

/* A second scrape of a career site asks each posting page "if changed";
 * pages that were not are not read again, and their postings stay,
 * counted as unchanged (none archived, every field intact). */
static void
test_cli_jsonld_not_modified (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) list1 = NULL;
  g_autoptr(JsonNode) list2 = NULL;
  g_autofree char *inm = NULL;
  g_autofree char *out1 = NULL;
  JsonObject *o;

  add_cacheable_site (f);
  add_source (f, "/acme/careers/index.html", "jsonld", "Acme");

  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  first = parse_json (run.out);
  o = json_array_get_object_element (json_node_get_array (first), 0);
  g_assert_cmpint (json_object_get_int_member (o, "inserted"), ==, 6);
  g_assert_null (scraper_test_server_dup_last_header (f->server, "/acme/jobs/00003.html",
                                                      "If-None-Match"));
  cli (f, &run, "list", "--json", "--sort", "title", NULL);
  out1 = g_strdup (run.out);

  scraper_test_server_reset_stats (f->server);
  cli (f, &run, "scrape", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  second = parse_json (run.out);
  o = json_array_get_object_element (json_node_get_array (second), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "completed");
  g_assert_cmpint (json_object_get_int_member (o, "found"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (o, "unchanged"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (o, "inserted"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "archived"), ==, 0);
  inm = scraper_test_server_dup_last_header (f->server, "/acme/jobs/00003.html", "If-None-Match");
  g_assert_cmpstr (inm, ==, "\"v1-5\"");
  /* answered 304 once: not read again in full */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/acme/jobs/00003.html"), ==, 1);

  cli (f, &run, "list", "--json", "--sort", "title", NULL);
  list1 = parse_json (out1);
  list2 = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list2)), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *a = json_array_get_object_element (json_node_get_array (list1), i);
      JsonObject *b = json_array_get_object_element (json_node_get_array (list2), i);

      g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, json_object_get_string_member (b, "title"));
      g_assert_cmpint (json_object_get_int_member (a, "id"), ==, json_object_get_int_member (b, "id"));
      g_assert_cmpstr (json_object_get_string_member (a, "date_posted"), ==,
                       json_object_get_string_member (b, "date_posted"));
      g_assert_false (json_object_get_boolean_member (b, "archived"));
    }
}

/* A source added without a name is called after its address, and after
 * its company once a scrape has shown it; a name given is kept. */
static void
test_cli_source_named_after_company (Fixture       *f,
                                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonArray *array;

  cli (f, &run, "sources", "add", url, "--kind", "jsonld", NULL);
  g_assert_cmpint (run.status, ==, 0);
  add_source (f, "/acme/careers/page-2.html", "jsonld", "My Acme");
  cli (f, &run, "sources", "list", "--json", NULL);
  before = parse_json (run.out);
  array = json_node_get_array (before);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"),
                   ==, "127.0.0.1");

  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "sources", "list", "--json", NULL);
  after = parse_json (run.out);
  array = json_node_get_array (after);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"),
                   ==, "Acme Corp");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "name"),
                   ==, "My Acme");

  /* a feed's postings name no company: it is called by its own title */
  {
    g_autofree char *rss = site_url (f, "/feeds/acme.rss");
    g_autoptr(JsonNode) feeds = NULL;

    cli (f, &run, "sources", "add", rss, NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli (f, &run, "scrape", NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli (f, &run, "sources", "list", "--json", NULL);
    feeds = parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (feeds), 2),
                                                    "name"), ==, "Acme jobs");
  }
}

/* A run that the page limit cuts short says so, and archives nothing. */
static void
test_cli_page_limit_said (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  g_autoptr(JsonNode) sources = NULL;
  JsonObject *source;

  cli (f, &run, "sources", "add", url, "--kind", "jsonld", "--name", "Acme", "--max-pages", "3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The listing pages come first, then as many of the six posting pages
   * as the limit leaves. */
  g_assert_nonnull (strstr (run.out, "Stopped at the 3-page limit: "));
  g_assert_nonnull (strstr (run.out, " of about 6 postings"));

  cli (f, &run, "sources", "list", "--json", NULL);
  sources = parse_json (run.out);
  source = json_array_get_object_element (json_node_get_array (sources), 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (source, "last_error"),
                                   "Stopped at the 3-page limit: "));
  g_assert_cmpstr (json_object_get_string_member (source, "last_outcome"), ==, "completed");

  /* A limit too low to reach one posting page is not "no postings here". */
  {
    g_autofree char *again = site_url (f, "/acme/careers/index.html?tight=1");

    cli (f, &run, "sources", "add", again, "--kind", "jsonld", "--name", "Tight", "--max-pages", "2", NULL);
  }
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "scrape", "--source", "2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "The 2-page limit was reached before the first posting page"));
  g_assert_null (strstr (run.out, "No job postings were found"));
}

static void
test_cli_html_selectors (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *url = site_url (f, "/acme/careers/index.html");
  JsonArray *postings;

  /* A selector needs NAME=XPATH, and selectors only go with kind html. */
  cli (f, &run, "sources", "add", url, "--kind", "html", "--selector", "colour=//li", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "NAME=XPATH"));
  cli (f, &run, "sources", "add", url, "--kind", "jsonld", "--selector", "item=//li", NULL);
  g_assert_cmpint (run.status, ==, 2);
  /* Selectors that cannot work are refused when added, not at the first
   * scrape: XPath that does not parse, or no title or link. */
  cli (f, &run, "sources", "add", url, "--kind", "html", "--selector", "item=//ul[@class=",
       "--selector", "title=./a", "--selector", "link=./a/@href", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not a valid XPath"));
  cli (f, &run, "sources", "add", url, "--kind", "html", "--selector", "item=//li", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“title” selector is missing"));
  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");

  cli (f, &run, "sources", "add", url, "--kind", "html", "--name", "Acme Listing",
       "--selector", "item=//ul[@class='jobs']/li", "--selector", "title=./a",
       "--selector", "link=./a/@href", "--selector", "location=./span",
       "--selector", "next=//a[@rel='next']/@href", "--max-pages", "10", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "list", "--json", NULL);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 6);
  g_assert_nonnull (find_by_title (postings, "Développeur Full-Stack"));
  for (guint i = 0; i < json_array_get_length (postings); i++)
    {
      JsonObject *p = json_array_get_object_element (postings, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (p, "url"), scraper_test_server_get_url (f->server)));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "locations")), ==, 1);
    }
}

static void
test_cli_enrich (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *postings;
  guint with_skills = 0;

  add_source (f, "/feeds/acme.rss", "feed", "Acme Feed");
  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "enrich", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "postings"), ==, 6);

  cli (f, &run, "list", "--json", NULL);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (postings); i++)
    if (json_array_get_length (json_object_get_array_member (json_array_get_object_element (postings, i), "skills")) > 0)
      with_skills++;
  /* Every generated description names four skills. */
  g_assert_cmpuint (with_skills, ==, 6);
}

typedef struct {
  char     *db;
  gboolean  stop;
  guint     writes;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *w = user_data;
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = scraper_store_open (w->db, &error);
  g_assert_no_error (error);

  while (!g_atomic_int_get (&w->stop))
    {
      g_autoptr(GPtrArray) postings = NULL;
      ScraperQuery q;

      scraper_query_init (&q);
      postings = scraper_store_query_postings (store, &q, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < postings->len; i++)
        {
          ScraperPosting *p = g_ptr_array_index (postings, i);

          g_assert_true (scraper_store_set_favorite (store, p->id, TRUE, &error));
          g_assert_no_error (error);
          g_assert_true (scraper_store_set_notes (store, p->id, "call back", &error));
          g_assert_no_error (error);
          w->writes++;
        }
      g_usleep (2000);
    }

  return NULL;
}

static void
test_cli_concurrent_writers (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  WriterData w = { f->db, FALSE, 0 };
  GThread *thread;
  JsonArray *postings;

  add_source (f, "/acme/careers/index.html", "jsonld", "Acme Careers");
  add_source (f, "/feeds/acme.rss", "feed", "Acme Feed");
  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* The library writes user fields while the command line scrapes again. */
  thread = g_thread_new ("writer", writer_thread, &w);
  cli (f, &run, "scrape", "--json", NULL);
  g_atomic_int_set (&w.stop, TRUE);
  g_thread_join (thread);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (w.writes, >, 0);

  cli (f, &run, "list", "--json", "--starred", NULL);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 12);
  for (guint i = 0; i < json_array_get_length (postings); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (postings, i), "notes"), ==, "call back");
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("version-and-help", test_cli_version_and_help);
  ADD ("usage-errors", test_cli_usage_errors);
  ADD ("sources", test_cli_sources);
  ADD ("scrape-and-list", test_cli_scrape_and_list);
  ADD ("scrape-failing-source", test_cli_scrape_failing_source);
  ADD ("scrape-sigint", test_cli_scrape_sigint);
  ADD ("export", test_cli_export);
  ADD ("export-csv-quoting", test_cli_csv_quoting);
  ADD ("newer-database", test_cli_newer_database);
  ADD ("not-a-database", test_cli_not_a_database);
  ADD ("feed-not-modified", test_cli_feed_not_modified);
  ADD ("html-selectors", test_cli_html_selectors);
  ADD ("page-limit-said", test_cli_page_limit_said);
  ADD ("source-named-after-company", test_cli_source_named_after_company);
  ADD ("jsonld-not-modified", test_cli_jsonld_not_modified);
  ADD ("enrich", test_cli_enrich);
  ADD ("concurrent-writers", test_cli_concurrent_writers);
#undef ADD

  return g_test_run ();
}
