/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scraper-store-private.h"
#include "store-test-schema.h"
#include "store-test-util.h"

typedef struct {
  char         *dir;
  char         *path;
  ScraperStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "jobs.db", NULL);

  if (data == NULL)
    {
      f->store = scraper_store_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (f->store);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

#define NO_STORE GINT_TO_POINTER (1)

static GBytes *
read_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static guint
count_all (ScraperStore *store,
           gboolean      show_archived)
{
  g_autoptr(GError) error = NULL;
  ScraperQuery query;
  guint n;

  scraper_query_init (&query);
  query.show_archived = show_archived;
  n = scraper_store_count_postings (store, &query, &error);
  g_assert_no_error (error);
  return n;
}

static ScraperSyncCounts
sync_postings (ScraperStore       *store,
               gint64              source_id,
               GPtrArray          *postings,
               ScraperSyncOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts = { 0, };
  ScraperSync *sync;

  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, outcome, NULL, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

/* Open */

static void
test_open_creates_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "jobs.db", NULL);
  g_autofree char *version = NULL;

  store = scraper_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (scraper_store_get_path (store), ==, nested);
  g_assert_cmpint (scraper_store_get_schema_version (), >=, 2);

  version = query_text (nested, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, scraper_store_get_schema_version ());
  g_clear_pointer (&version, g_free);
  version = query_text (nested, "PRAGMA journal_mode");
  g_assert_cmpstr (version, ==, "wal");
}

static void
test_open_default_path (void)
{
  g_autofree char *path = scraper_store_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "job-scraper", "jobs.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_open_zero_length_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  add_test_source (store, "Acme", "https://acme.example/jobs");
}

static void
test_open_refuses_newer_version (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x); PRAGMA user_version = %d;",
                                          scraper_store_get_schema_version () + 1);
  ScraperStore *store;

  exec_sql (f->path, sql);
  before = read_file_bytes (f->path);

  store = scraper_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = read_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_refuses_not_a_database (Fixture       *f,
                                  gconstpointer  data)
{
  static const char text[] = "Dear diary, today I looked for a job. This is no database at all, "
                             "but it is long enough to have a header and more, more, more.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  ScraperStore *store;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  store = scraper_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE);

  after = read_file_bytes (f->path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), text, strlen (text));
}

static void
test_open_refuses_foreign_sqlite (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  ScraperStore *store;

  exec_sql (f->path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  before = read_file_bytes (f->path);
  store = scraper_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE);
  after = read_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_folder_path (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScraperStore *store = scraper_store_open (f->dir, &error);

  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE);
}

/* Migrations, from the schemas of store-test-schema.h. */

static const char data_v1[] =
  "INSERT INTO sources (id, name, url, kind, created) VALUES"
  "  (1, 'Acme board', 'https://boards.example/acme', 'greenhouse', 1700000000),"
  "  (2, 'Job feed', 'https://feed.example/rss', 'feed', 1700000000);"
  "INSERT INTO postings (id, source_id, sync_key, external_id, url, title, company, locations,"
  "  remote, annual_min, annual_max, favorite, status, notes, content_hash, first_seen,"
  "  last_seen, description_text) VALUES"
  "  (1, 1, 'id:1', '1', 'https://boards.example/acme/1', 'Backend Engineer', 'Acme',"
  "   '[\"Berlin\"]', 3, 70000, 90000, 1, 2, 'Called them on Monday', 'h1', 1700000000,"
  "   1700000000, 'Write Rust and C services.'),"
  "  (2, 2, 'url:https://feed.example/acme-backend', NULL, 'https://feed.example/acme-backend',"
  "   'backend  engineer', 'ACME', '[\"berlin\"]', 3, NULL, NULL, 0, 0, NULL, 'h2',"
  "   1700000100, 1700000100, 'Same opening, seen on a feed.');"
  "INSERT INTO tasks (id, kind, title, state, created) VALUES"
  "  ('t1', 'scrape', 'Scrape Acme', 'running', 5);";

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperPosting) p1 = NULL;
  g_autoptr(ScraperPosting) p2 = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) also_on = NULL;
  g_autofree char *version = NULL;
  ScraperQuery query;

  exec_sql (f->path, schema_v1);
  exec_sql (f->path, data_v1);

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);

  version = query_text (f->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, scraper_store_get_schema_version ());

  p1 = scraper_store_get_posting (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p1->title, ==, "Backend Engineer");
  g_assert_true (p1->favorite);
  g_assert_cmpint (p1->status, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpstr (p1->notes, ==, "Called them on Monday");
  g_assert_cmpstr (p1->source_name, ==, "Acme board");
  g_assert_cmpstr (p1->locations[0], ==, "Berlin");
  g_assert_cmpfloat (p1->annual_max, ==, 90000);
  g_assert_cmpint (p1->duplicate_of, ==, 0);

  /* The migration linked the duplicate across sources. */
  p2 = scraper_store_get_posting (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p2->duplicate_of, ==, 1);
  also_on = scraper_store_get_duplicate_sources (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (also_on), ==, 1);
  g_assert_cmpstr (also_on[0], ==, "Job feed");

  /* And built the search index over the old rows. */
  scraper_query_init (&query);
  query.search = "rust";
  found = scraper_store_query_postings (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((ScraperPosting *) found->pdata[0])->id, ==, 1);

  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 1);
  g_assert_no_error (error);

  /* Opening again is a no-op. */
  g_clear_object (&f->store);
  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 2);
}


static const char data_v2[] =
  "UPDATE postings SET dup_key = 'acme\x1f" "backend engineer\x1f" "berlin' WHERE id IN (1, 2);"
  "UPDATE postings SET duplicate_of = 1 WHERE id = 2;"
  "UPDATE postings SET description_markup = '<p>Write Rust and C services.</p>' WHERE id = 1;"
  "INSERT INTO tasks (id, kind, title, state, created) VALUES"
  "  ('t2', 'enrich', 'Enrich', 'pending', 6);";

static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperPosting) p1 = NULL;
  g_autoptr(ScraperPosting) p2 = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *version = NULL;
  g_autofree char *fts_check = NULL;
  ScraperQuery query;

  exec_sql (f->path, schema_v1);
  exec_sql (f->path, schema_v2_delta);
  exec_sql (f->path, data_v1);
  exec_sql (f->path, data_v2);

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);

  version = query_text (f->path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, scraper_store_get_schema_version ());
  /* the texts left the list's table */
  g_free (version);
  version = query_text (f->path, "SELECT count(*) FROM pragma_table_info('postings') "
                                 "WHERE name LIKE 'description%'");
  g_assert_cmpint (atoi (version), ==, 0);

  p1 = scraper_store_get_posting (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p1->description_text, ==, "Write Rust and C services.");
  g_assert_cmpstr (p1->description_markup, ==, "<p>Write Rust and C services.</p>");
  g_assert_cmpstr (p1->notes, ==, "Called them on Monday");
  g_assert_true (p1->favorite);
  p2 = scraper_store_get_posting (f->store, 2, &error);
  g_assert_cmpint (p2->duplicate_of, ==, 1);
  g_assert_cmpstr (p2->description_text, ==, "Same opening, seen on a feed.");

  /* the search index was rebuilt from the moved texts */
  exec_sql (f->path, "INSERT INTO postings_fts(postings_fts) VALUES ('integrity-check')");
  scraper_query_init (&query);
  query.search = "rust";
  found = scraper_store_query_postings (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((ScraperPosting *) found->pdata[0])->id, ==, 1);
  g_assert_cmpstr (((ScraperPosting *) found->pdata[0])->description_text, ==, "Write Rust and C services.");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* and follows a source's removal (contentless: the old values are needed) */
  g_assert_true (scraper_store_remove_source (f->store, 2, &error));
  g_assert_no_error (error);
  fts_check = query_text (f->path, "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH 'feed'");
  g_assert_cmpint (atoi (fts_check), ==, 0);
  g_assert_null (query_text (f->path, "SELECT id FROM posting_texts WHERE id = 2"));
  exec_sql (f->path, "INSERT INTO postings_fts(postings_fts) VALUES ('integrity-check')");

  /* tasks of the old version have no owner: interrupted */
  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 2);
  g_assert_no_error (error);
}

/* Sources */

static void
test_sources_crud (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(ScraperSource) got = NULL;
  g_autoptr(ScraperSource) dup = scraper_source_new ();
  g_autoptr(ScraperSource) bad = scraper_source_new ();
  g_autoptr(GPtrArray) list = NULL;
  gint64 id, id2;

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->settings = g_strdup ("{\"max_pages\":3}");
  id = scraper_store_add_source (f->store, source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, source->id);
  g_assert_cmpstr (source->name, ==, "boards.greenhouse.io");
  g_assert_cmpint (source->created, >, 0);

  got = scraper_store_get_source (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->url, ==, source->url);
  g_assert_cmpstr (got->kind, ==, "greenhouse");
  g_assert_cmpstr (got->settings, ==, "{\"max_pages\":3}");
  g_assert_true (got->enabled);
  g_assert_cmpint (got->last_run, ==, 0);

  g_free (got->name);
  got->name = g_strdup ("Acme");
  g_assert_true (scraper_store_update_source (f->store, got, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_store_set_source_enabled (f->store, id, FALSE, &error));
  g_clear_pointer (&got, scraper_source_unref);
  got = scraper_store_get_source (f->store, id, &error);
  g_assert_cmpstr (got->name, ==, "Acme");
  g_assert_false (got->enabled);

  /* same address twice */
  dup->url = g_strdup (source->url);
  dup->kind = g_strdup ("greenhouse");
  g_assert_cmpint (scraper_store_add_source (f->store, dup, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* unknown kind */
  bad->url = g_strdup ("https://x.example");
  bad->kind = g_strdup ("carrier-pigeon");
  g_assert_cmpint (scraper_store_add_source (f->store, bad, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  id2 = add_test_source (f->store, "Beta", "https://beta.example/jobs");
  list = scraper_store_list_sources (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((ScraperSource *) list->pdata[0])->id, ==, id);
  g_assert_cmpint (((ScraperSource *) list->pdata[1])->id, ==, id2);

  g_assert_true (scraper_store_remove_source (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_null (scraper_store_get_source (f->store, id, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scraper_store_remove_source (f->store, id, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scraper_store_set_source_enabled (f->store, 999, TRUE, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
}

/* Renaming after a scrape: only while the name is still the old one. */
static void
test_sources_rename_if (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_test_source (f->store, "127.0.0.1", "http://127.0.0.1/jobs");
  g_autoptr(ScraperSource) got = NULL;
  gboolean renamed = TRUE;

  g_assert_true (scraper_store_rename_source_if (f->store, id, "127.0.0.1", "Acme", &renamed, &error));
  g_assert_no_error (error);
  g_assert_true (renamed);
  /* the user renamed it meanwhile: their name stays */
  g_assert_true (scraper_store_rename_source_if (f->store, id, "127.0.0.1", "Beta", &renamed, &error));
  g_assert_false (renamed);
  got = scraper_store_get_source (f->store, id, &error);
  g_assert_cmpstr (got->name, ==, "Acme");
}

static void
test_sources_remove_keeps_user_data (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = posting_array ();
  g_autoptr(ScraperPosting) kept1 = NULL;
  g_autoptr(ScraperPosting) kept3 = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  gint64 ids[4];

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i);
      g_ptr_array_add (postings, make_posting (ext, "Engineer", "Acme", "Berlin", "text"));
    }
  sync_postings (f->store, source, postings, SCRAPER_SYNC_COMPLETE);
  for (guint i = 0; i < 4; i++)
    ids[i] = ((ScraperPosting *) postings->pdata[i])->id;

  g_assert_true (scraper_store_set_favorite (f->store, ids[1], TRUE, &error));
  g_assert_true (scraper_store_set_notes (f->store, ids[3], "Ask about visa", &error));
  g_assert_no_error (error);

  g_assert_true (scraper_store_remove_source (f->store, source, &error));
  g_assert_no_error (error);

  g_assert_null (scraper_store_get_posting (f->store, ids[0], &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  kept1 = scraper_store_get_posting (f->store, ids[1], &error);
  g_assert_no_error (error);
  g_assert_true (kept1->favorite);
  g_assert_true (kept1->archived);
  g_assert_cmpint (kept1->source_id, ==, 0);
  kept3 = scraper_store_get_posting (f->store, ids[3], &error);
  g_assert_cmpstr (kept3->notes, ==, "Ask about visa");
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 2);

  runs = scraper_store_list_runs (f->store, source, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_validators (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *modified = NULL;
  const char *url = "https://acme.example/jobs.json";

  g_assert_true (scraper_store_get_validators (f->store, url, &etag, &modified, &error));
  g_assert_null (etag);
  g_assert_null (modified);

  g_assert_true (scraper_store_set_validators (f->store, url, "\"abc\"", "Mon, 01 Jan 2024 00:00:00 GMT", &error));
  g_assert_true (scraper_store_get_validators (f->store, url, &etag, &modified, &error));
  g_assert_cmpstr (etag, ==, "\"abc\"");
  g_assert_cmpstr (modified, ==, "Mon, 01 Jan 2024 00:00:00 GMT");
  g_clear_pointer (&etag, g_free);
  g_clear_pointer (&modified, g_free);

  g_assert_true (scraper_store_set_validators (f->store, url, "\"def\"", NULL, &error));
  g_assert_true (scraper_store_get_validators (f->store, url, &etag, &modified, &error));
  g_assert_cmpstr (etag, ==, "\"def\"");
  g_assert_null (modified);
  g_clear_pointer (&etag, g_free);

  g_assert_true (scraper_store_set_validators (f->store, url, NULL, NULL, &error));
  g_assert_true (scraper_store_get_validators (f->store, url, &etag, NULL, &error));
  g_assert_null (etag);
  g_assert_no_error (error);
}

/* Canonical URLs */

static void
test_canonical_url (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "HTTPS://Jobs.Example.COM/Path/To?id=1#apply", "https://jobs.example.com/Path/To?id=1" },
    { "http://example.com:80/a", "http://example.com/a" },
    { "https://example.com:443/a", "https://example.com/a" },
    { "https://example.com:8443/a", "https://example.com:8443/a" },
    { "http://example.com:443/a", "http://example.com:443/a" },
    { "https://example.com", "https://example.com/" },
    { "https://example.com/j?utm_source=x&id=7&UTM_Medium=y&gclid=1", "https://example.com/j?id=7" },
    { "https://example.com/j?fbclid=a&msclkid=b&mc_cid=c&mc_eid=d&_hsenc=e&_hsmi=f&igshid=g", "https://example.com/j" },
    { "https://example.com/j?ref=linkedin&source=feed&b=2&a=1", "https://example.com/j?ref=linkedin&source=feed&b=2&a=1" },
    { "https://example.com/j?utm_campaign", "https://example.com/j" },
    { "https://example.com/j?q=a%20b&utm_x=1", "https://example.com/j?q=a%20b" },
    { "  https://example.com/j  ", "https://example.com/j" },
  };
  static const char * const not_urls[] = { "", "not a url", "/relative/path", "mailto:jobs@example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = scraper_store_canonicalize_url (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_urls); i++)
    {
      g_autofree char *out = scraper_store_canonicalize_url (not_urls[i]);
      g_assert_null (out);
    }
  g_assert_null (scraper_store_canonicalize_url (NULL));
}

/* Sync */

static GPtrArray *
lifecycle_batch (guint        first,
                 guint        n,
                 const char  *variant)
{
  GPtrArray *postings = posting_array ();

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i);
      g_autofree char *desc = g_strdup_printf ("Description %u %s", i, variant);

      g_ptr_array_add (postings, make_posting (ext, "Engineer", "Acme", "Berlin", desc));
    }
  return postings;
}

static void
test_sync_lifecycle (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) run1 = lifecycle_batch (0, 10, "v1");
  g_autoptr(GPtrArray) run2 = NULL;
  g_autoptr(GPtrArray) run3 = NULL;
  g_autoptr(ScraperPosting) p = NULL;
  g_autoptr(ScraperSource) src = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  ScraperSyncCounts c;
  gint64 ids[10];
  gint64 first_seen;
  ScraperPosting *q;

  /* 1: ten new postings */
  c = sync_postings (f->store, source, run1, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.found, ==, 10);
  g_assert_cmpuint (c.inserted, ==, 10);
  g_assert_cmpuint (c.updated + c.unchanged + c.archived + c.unarchived, ==, 0);
  for (guint i = 0; i < 10; i++)
    {
      q = run1->pdata[i];
      ids[i] = q->id;
      g_assert_cmpint (q->id, >, 0);
      g_assert_cmpint (q->source_id, ==, source);
      g_assert_cmpint (q->first_seen, >, 0);
      g_assert_nonnull (q->content_hash);
      g_assert_cmpstr (q->source_name, ==, "Acme");
    }
  first_seen = ((ScraperPosting *) run1->pdata[0])->first_seen;

  /* user fields on 0 (will change), 1 (unchanged), 9 (will vanish) */
  g_assert_true (scraper_store_set_favorite (f->store, ids[0], TRUE, &error));
  g_assert_true (scraper_store_set_status (f->store, ids[1], SCRAPER_STATUS_APPLIED, &error));
  g_assert_true (scraper_store_set_notes (f->store, ids[9], "Great team", &error));
  g_assert_no_error (error);

  /* 2: 0-2 changed, 3-8 unchanged, 9 vanished, 10 new */
  run2 = lifecycle_batch (3, 6, "v1");
  {
    g_autoptr(GPtrArray) fresh = lifecycle_batch (10, 1, "v1");
    g_autoptr(GPtrArray) changed = lifecycle_batch (0, 3, "v2");
    g_ptr_array_extend_and_steal (run2, g_steal_pointer (&fresh));
    g_ptr_array_extend_and_steal (run2, g_steal_pointer (&changed));
  }
  c = sync_postings (f->store, source, run2, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.found, ==, 10);
  g_assert_cmpuint (c.inserted, ==, 1);
  g_assert_cmpuint (c.updated, ==, 3);
  g_assert_cmpuint (c.unchanged, ==, 6);
  g_assert_cmpuint (c.archived, ==, 1);
  g_assert_cmpuint (c.unarchived, ==, 0);

  /* the struct passed in carries the stored user fields and ids */
  q = run2->pdata[7];   /* external id 0, changed */
  g_assert_cmpint (q->id, ==, ids[0]);
  g_assert_true (q->favorite);
  g_assert_cmpint (q->first_seen, ==, first_seen);

  p = scraper_store_get_posting (f->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->description_text, ==, "Description 0 v2");
  g_assert_true (p->favorite);
  g_clear_pointer (&p, scraper_posting_unref);
  p = scraper_store_get_posting (f->store, ids[1], &error);
  g_assert_cmpint (p->status, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpint (p->applied_at, >, 0);
  g_clear_pointer (&p, scraper_posting_unref);
  p = scraper_store_get_posting (f->store, ids[9], &error);
  g_assert_true (p->archived);
  g_assert_cmpstr (p->notes, ==, "Great team");
  g_clear_pointer (&p, scraper_posting_unref);
  g_assert_cmpuint (count_all (f->store, FALSE), ==, 10);
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 11);

  /* 3: 9 comes back unchanged; everything else is seen too */
  run3 = lifecycle_batch (3, 6, "v1");
  {
    g_autoptr(GPtrArray) fresh = lifecycle_batch (10, 1, "v1");
    g_autoptr(GPtrArray) rest = lifecycle_batch (0, 3, "v2");
    g_autoptr(GPtrArray) back = lifecycle_batch (9, 1, "v1");
    g_ptr_array_extend_and_steal (run3, g_steal_pointer (&fresh));
    g_ptr_array_extend_and_steal (run3, g_steal_pointer (&rest));
    g_ptr_array_extend_and_steal (run3, g_steal_pointer (&back));
  }
  c = sync_postings (f->store, source, run3, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.found, ==, 11);
  g_assert_cmpuint (c.inserted, ==, 0);
  g_assert_cmpuint (c.updated, ==, 0);
  g_assert_cmpuint (c.unchanged, ==, 11);
  g_assert_cmpuint (c.unarchived, ==, 1);
  g_assert_cmpuint (c.archived, ==, 0);
  p = scraper_store_get_posting (f->store, ids[9], &error);
  g_assert_false (p->archived);
  g_assert_cmpstr (p->notes, ==, "Great team");

  src = scraper_store_get_source (f->store, source, &error);
  g_assert_cmpstr (src->last_outcome, ==, "completed");
  g_assert_cmpint (src->last_count, ==, 11);
  g_assert_cmpint (src->last_run, >, 0);
  g_assert_null (src->last_error);

  runs = scraper_store_list_runs (f->store, source, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (((ScraperRun *) runs->pdata[0])->outcome, ==, "completed");
  g_assert_cmpuint (((ScraperRun *) runs->pdata[0])->counts.unarchived, ==, 1);
  g_assert_cmpuint (((ScraperRun *) runs->pdata[1])->counts.archived, ==, 1);
}

static GPtrArray *run_query (ScraperStore       *store,
                              const ScraperQuery *query);

static guint
search_count (ScraperStore *store,
              const char   *words)
{
  ScraperQuery q;
  GPtrArray *list;
  guint n;

  scraper_query_init (&q);
  q.search = words;
  list = run_query (store, &q);
  n = list->len;
  g_ptr_array_unref (list);
  return n;
}

/* A changed posting is written by groups of columns, only where a group
 * changed: each kind of change must reach the row, the list indexes and the
 * search index, and leave the rest of the row and the user's fields alone. */
static void
test_sync_changes_each_field (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) run1 = posting_array ();
  g_autoptr(GPtrArray) run2 = posting_array ();
  g_autofree char *check = NULL;
  ScraperSyncCounts c;
  ScraperPosting *p;
  ScraperQuery q;
  GPtrArray *list;

  for (guint round = 0; round < 2; round++)
    {
      GPtrArray *run = round == 0 ? run1 : run2;

      for (guint i = 0; i < 7; i++)
        {
          g_autofree char *ext = g_strdup_printf ("%u", i);
          gboolean change = round == 1;

          p = make_posting (ext, change && i == 0 ? "Gardener" : "Engineer",
                            change && i == 1 ? "Initech" : "Acme",
                            change && i == 2 ? "Lisbon" : "Berlin",
                            change && i == 3 ? "Prune roses" : "Write code");
          p->date_posted = g_strdup (change && i == 4 ? "2026-11-20" : "2026-01-10");
          p->annual_min = change && i == 5 ? 90000 : 50000;
          p->annual_max = p->annual_min + 10000;
          p->remote = change && i == 5 ? SCRAPER_REMOTE_REMOTE : SCRAPER_REMOTE_ONSITE;
          p->salary_currency = g_strdup (change && i == 6 ? "CHF" : "EUR");
          g_ptr_array_add (run, p);
        }
    }

  c = sync_postings (f->store, source, run1, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.inserted, ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_true (scraper_store_set_notes (f->store, ((ScraperPosting *) run1->pdata[i])->id,
                                            "mine", &error));
  g_assert_no_error (error);

  c = sync_postings (f->store, source, run2, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.updated, ==, 7);
  g_assert_cmpuint (c.unchanged + c.inserted + c.archived, ==, 0);

  for (guint i = 0; i < 7; i++)
    {
      ScraperPosting *want = run2->pdata[i];
      g_autoptr(ScraperPosting) got = scraper_store_get_posting (f->store, want->id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (want->id, ==, ((ScraperPosting *) run1->pdata[i])->id);
      g_assert_cmpstr (got->title, ==, want->title);
      g_assert_cmpstr (got->company, ==, want->company);
      g_assert_cmpstr (got->locations[0], ==, want->locations[0]);
      g_assert_cmpstr (got->description_text, ==, want->description_text);
      g_assert_cmpstr (got->description_markup, ==, want->description_markup);
      g_assert_cmpstr (got->date_posted, ==, want->date_posted);
      g_assert_cmpfloat (got->annual_min, ==, want->annual_min);
      g_assert_cmpint (got->remote, ==, want->remote);
      g_assert_cmpstr (got->salary_currency, ==, want->salary_currency);
      g_assert_cmpstr (got->content_hash, ==, want->content_hash);
      g_assert_cmpstr (got->notes, ==, "mine");
    }

  /* the search index forgot the old words and learnt the new ones */
  g_assert_cmpuint (search_count (f->store, "gardener"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "engineer"), ==, 6);
  g_assert_cmpuint (search_count (f->store, "initech"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "lisbon"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "berlin"), ==, 6);
  g_assert_cmpuint (search_count (f->store, "roses"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "code"), ==, 6);

  /* the list indexes follow: newest posted first, highest salary first */
  scraper_query_init (&q);
  list = run_query (f->store, &q);
  g_assert_cmpstr (((ScraperPosting *) list->pdata[0])->date_posted, ==, "2026-11-20");
  g_ptr_array_unref (list);
  q.sort = SCRAPER_SORT_SALARY;
  q.remote_only = TRUE;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpfloat (((ScraperPosting *) list->pdata[0])->annual_min, ==, 90000);
  g_ptr_array_unref (list);

  check = query_text (f->path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  exec_sql (f->path, "INSERT INTO postings_fts(postings_fts, rank) VALUES ('integrity-check', 1)");
}

/* Two scrapes of one source at once (the window and the command line): the
 * second learnt what the source had before the first stored its postings,
 * and must neither insert them twice nor fail. */
static void
test_sync_same_source_twice_at_once (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) seed = lifecycle_batch (100, 1, "v1");
  g_autoptr(GPtrArray) first = lifecycle_batch (0, 5, "v1");
  g_autoptr(GPtrArray) second = lifecycle_batch (0, 5, "v2");
  g_autoptr(GPtrArray) seed_again = lifecycle_batch (100, 1, "v1");
  ScraperSync *a, *b;
  ScraperSyncCounts ca, cb;

  sync_postings (f->store, source, seed, SCRAPER_SYNC_COMPLETE);

  a = scraper_store_begin_sync (f->store, source, &error);
  b = scraper_store_begin_sync (f->store, source, &error);
  g_assert_no_error (error);
  /* b reads what the source has (only the seed) ... */
  g_assert_true (scraper_sync_add (b, seed_again, &error));
  /* ... a stores five new postings ... */
  g_assert_true (scraper_sync_add (a, first, &error));
  g_assert_true (scraper_sync_finish (a, SCRAPER_SYNC_PARTIAL, NULL, &ca, &error));
  g_assert_cmpuint (ca.inserted, ==, 5);
  /* ... and b, which did not know them, brings new texts for them */
  g_assert_true (scraper_sync_add (b, second, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (b, SCRAPER_SYNC_COMPLETE, NULL, &cb, &error));
  g_assert_cmpuint (cb.found, ==, 6);
  g_assert_cmpuint (cb.inserted, ==, 0);
  g_assert_cmpuint (cb.updated, ==, 5);
  g_assert_cmpuint (cb.unchanged, ==, 1);
  g_assert_cmpuint (cb.archived, ==, 0);

  for (guint i = 0; i < 5; i++)
    {
      ScraperPosting *p = second->pdata[i];
      g_autoptr(ScraperPosting) got = scraper_store_get_posting (f->store, p->id, &error);

      g_assert_cmpint (p->id, ==, ((ScraperPosting *) first->pdata[i])->id);
      g_assert_cmpstr (got->description_text, ==, p->description_text);
    }
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 6);
  g_assert_cmpuint (search_count (f->store, "v2"), ==, 5);
  g_assert_cmpuint (search_count (f->store, "v1"), ==, 1);
}

/* Pages that answered "not modified": their postings are seen again,
 * unchanged, and a complete run archives only what it saw nowhere. */
static void
test_sync_keep_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) run1 = lifecycle_batch (0, 4, "v1");
  g_autoptr(GPtrArray) run2 = lifecycle_batch (1, 1, "v1");
  g_autoptr(ScraperPosting) p0 = NULL;
  ScraperSyncCounts c;
  ScraperSync *sync;
  gint64 archived_id;

  sync_postings (f->store, source, run1, SCRAPER_SYNC_COMPLETE);
  /* posting 3 was archived by an earlier run; its page is kept */
  archived_id = ((ScraperPosting *) run1->pdata[3])->id;
  exec_sql (f->path, "UPDATE postings SET archived = 1 WHERE external_id = '3'");

  sync = scraper_store_begin_sync (f->store, source, &error);
  /* before any batch: page of posting 0 (with tracking junk in its address) */
  g_assert_cmpuint (scraper_sync_keep_page (sync, "https://jobs.example.com/Acme/0?utm_source=x", &error), ==, 1);
  g_assert_cmpuint (scraper_sync_keep_page (sync, "https://jobs.example.com/Acme/0", &error), ==, 1);
  g_assert_cmpuint (scraper_sync_keep_page (sync, "https://jobs.example.com/Acme/404", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, run2, &error));
  /* after it: posting 3's page, written by the finish */
  g_assert_cmpuint (scraper_sync_keep_page (sync, "https://jobs.example.com/Acme/3", &error), ==, 1);
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &c, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (c.found, ==, 3);
  g_assert_cmpuint (c.unchanged, ==, 3);
  g_assert_cmpuint (c.unarchived, ==, 1);
  g_assert_cmpuint (c.archived, ==, 1);   /* posting 2: on no page */
  p0 = scraper_store_get_posting (f->store, ((ScraperPosting *) run1->pdata[0])->id, &error);
  g_assert_false (p0->archived);
  g_assert_cmpstr (p0->description_text, ==, "Description 0 v1");
  g_clear_pointer (&p0, scraper_posting_unref);
  p0 = scraper_store_get_posting (f->store, archived_id, &error);
  g_assert_false (p0->archived);
  g_clear_pointer (&p0, scraper_posting_unref);
  p0 = scraper_store_get_posting (f->store, ((ScraperPosting *) run1->pdata[2])->id, &error);
  g_assert_true (p0->archived);
}

/* A posting the run's snapshot knows is deleted behind its back (by another
 * program): the batch fails whole, with a message, and the same batch
 * succeeds when tried again. */
static void
test_sync_snapshot_gone_stale (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) seed = lifecycle_batch (0, 3, "v1");
  g_autoptr(GPtrArray) first = lifecycle_batch (0, 1, "v1");
  g_autoptr(GPtrArray) changed = lifecycle_batch (1, 2, "v2");
  g_autofree char *sql = NULL;
  ScraperSyncCounts c;
  ScraperSync *sync;

  sync_postings (f->store, source, seed, SCRAPER_SYNC_COMPLETE);

  sync = scraper_store_begin_sync (f->store, source, &error);
  g_assert_true (scraper_sync_add (sync, first, &error));
  g_assert_no_error (error);

  /* without foreign keys, as the sqlite3 shell does: its texts stay */
  sql = g_strdup_printf ("DELETE FROM postings WHERE id = %" G_GINT64_FORMAT,
                         ((ScraperPosting *) seed->pdata[2])->id);
  exec_sql (f->path, sql);

  g_assert_false (scraper_sync_add (sync, changed, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_BUSY);
  g_clear_error (&error);
  /* nothing of the failed batch was written */
  g_assert_cmpuint (search_count (f->store, "v2"), ==, 0);

  g_assert_true (scraper_sync_add (sync, changed, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &c, &error));
  g_assert_cmpuint (c.found, ==, 3);
  g_assert_cmpuint (c.unchanged, ==, 1);
  g_assert_cmpuint (c.updated, ==, 1);
  g_assert_cmpuint (c.inserted, ==, 1);
  g_assert_cmpuint (search_count (f->store, "v2"), ==, 2);
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      ScraperPosting *p = changed->pdata[i];
      g_autoptr(ScraperPosting) got = scraper_store_get_posting (f->store, p->id, &error);

      g_assert_cmpstr (got->description_text, ==, p->description_text);
    }
  exec_sql (f->path, "INSERT INTO postings_fts(postings_fts, rank) VALUES ('integrity-check', 1)");
}

static void
test_sync_incomplete_runs_archive_nothing (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) all = lifecycle_batch (0, 10, "v1");
  static const ScraperSyncOutcome outcomes[] = {
    SCRAPER_SYNC_CANCELLED, SCRAPER_SYNC_FAILED, SCRAPER_SYNC_PARTIAL,
  };
  static const char * const names[] = { "cancelled", "failed", "completed" };

  sync_postings (f->store, source, all, SCRAPER_SYNC_COMPLETE);

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(GPtrArray) few = lifecycle_batch (0, 2, "v1");
      g_autoptr(ScraperSource) src = NULL;
      ScraperSyncCounts c;
      ScraperSync *sync;

      sync = scraper_store_begin_sync (f->store, source, &error);
      g_assert_true (scraper_sync_add (sync, few, &error));
      g_assert_true (scraper_sync_finish (sync, outcomes[i], "Stopped by the user", &c, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (c.archived, ==, 0);
      g_assert_cmpuint (count_all (f->store, FALSE), ==, 10);

      src = scraper_store_get_source (f->store, source, &error);
      g_assert_cmpstr (src->last_outcome, ==, names[i]);
      g_assert_cmpstr (src->last_error, ==, "Stopped by the user");
    }

  /* begin_sync of a source that does not exist */
  g_assert_null (scraper_store_begin_sync (f->store, 4242, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
}

/* A source that answers 304 Not Modified: what it listed last time is
 * kept as seen and unchanged; what was archived stays archived. */
static void
test_sync_not_modified_keeps_everything (Fixture       *f,
                                         gconstpointer  data)
{
  gint64 source = add_test_source (f->store, "Board", "https://boards.example.com/a");
  g_autoptr(GPtrArray) three = posting_array ();
  g_autoptr(GPtrArray) two = posting_array ();
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts = { 0, };
  ScraperSync *sync;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("nm-%u", i);

      g_ptr_array_add (three, make_posting (id, "Engineer", "Acme", "Berlin", "Build things"));
      if (i < 2)
        g_ptr_array_add (two, make_posting (id, "Engineer", "Acme", "Berlin", "Build things"));
    }
  counts = sync_postings (f->store, source, three, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (counts.inserted, ==, 3);
  counts = sync_postings (f->store, source, two, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (counts.archived, ==, 1);

  sync = scraper_store_begin_sync (f->store, source, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_keep_unchanged (sync, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (counts.found, ==, 2);
  g_assert_cmpuint (counts.unchanged, ==, 2);
  g_assert_cmpuint (counts.inserted, ==, 0);
  g_assert_cmpuint (counts.archived, ==, 0);
  g_assert_cmpuint (count_all (f->store, FALSE), ==, 2);
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 3);
}

static void
test_sync_seen_twice_counts_once (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) a = lifecycle_batch (0, 5, "v1");
  g_autoptr(GPtrArray) b = lifecycle_batch (3, 5, "v1");
  ScraperSyncCounts c;
  ScraperSync *sync;

  sync = scraper_store_begin_sync (f->store, source, &error);
  g_ptr_array_add (a, make_posting ("1", "Engineer", "Acme", "Berlin", "Description 1 v1"));
  g_assert_true (scraper_sync_add (sync, a, &error));
  g_assert_true (scraper_sync_add (sync, b, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.found, ==, 8);
  g_assert_cmpuint (c.inserted, ==, 8);
  g_assert_cmpint (((ScraperPosting *) a->pdata[5])->id, ==, ((ScraperPosting *) a->pdata[1])->id);
  g_assert_cmpint (((ScraperPosting *) b->pdata[0])->id, ==, ((ScraperPosting *) a->pdata[3])->id);
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 8);
}

static void
test_sync_url_key (Fixture       *f,
                   gconstpointer  data)
{
  gint64 source = add_test_source (f->store, "Feed", "https://feed.example");
  g_autoptr(GPtrArray) first = posting_array ();
  g_autoptr(GPtrArray) second = posting_array ();
  ScraperPosting *p;
  ScraperSyncCounts c;

  p = make_posting (NULL, "Designer", "Beta", "Paris", "Design things");
  p->url = g_strdup ("https://Beta.example/jobs/42?utm_source=feed#top");
  g_ptr_array_add (first, p);
  p = make_posting (NULL, "No address", "Beta", "Paris", "Cannot be keyed");
  g_ptr_array_add (first, p);
  c = sync_postings (f->store, source, first, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.inserted, ==, 1);

  p = make_posting (NULL, "Designer", "Beta", "Paris", "Design things");
  p->url = g_strdup ("https://beta.example:443/jobs/42?gclid=zzz");
  g_ptr_array_add (second, p);
  c = sync_postings (f->store, source, second, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (c.inserted, ==, 0);
  /* the page URL is part of what the source said, so it is an update */
  g_assert_cmpuint (c.updated, ==, 1);
  g_assert_cmpint (p->id, ==, ((ScraperPosting *) first->pdata[0])->id);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 board = add_test_source (f->store, "Acme board", "https://acme.example");
  gint64 feed = add_test_source (f->store, "Job feed", "https://feed.example");
  gint64 agg = add_test_source (f->store, "Aggregator", "https://agg.example");
  g_autoptr(GPtrArray) a = posting_array ();
  g_autoptr(GPtrArray) b = posting_array ();
  g_autoptr(GPtrArray) c = posting_array ();
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) also = NULL;
  ScraperPosting *orig, *dup1, *dup2, *other;
  ScraperQuery query;

  orig = make_posting ("1", "Senior Backend Engineer", "Acme GmbH", "Berlin, Germany", "x");
  g_ptr_array_add (a, orig);
  other = make_posting ("2", "Senior Backend Engineer", "Acme GmbH", "Munich", "x");
  g_ptr_array_add (a, other);
  sync_postings (f->store, board, a, SCRAPER_SYNC_COMPLETE);

  dup1 = make_posting ("f1", "senior  backend ENGINEER ", " ACME gmbh", "berlin,  germany", "y");
  g_ptr_array_add (b, dup1);
  sync_postings (f->store, feed, b, SCRAPER_SYNC_COMPLETE);
  dup2 = make_posting ("g1", "Senior Backend Engineer", "Acme GmbH", "Berlin, Germany", "z");
  g_ptr_array_add (c, dup2);
  sync_postings (f->store, agg, c, SCRAPER_SYNC_COMPLETE);

  g_assert_cmpint (orig->duplicate_of, ==, 0);
  g_assert_cmpint (other->duplicate_of, ==, 0);
  g_assert_cmpint (dup1->duplicate_of, ==, orig->id);
  g_assert_cmpint (dup2->duplicate_of, ==, orig->id);

  also = scraper_store_get_duplicate_sources (f->store, orig->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (also), ==, 2);
  g_assert_cmpstr (also[0], ==, "Aggregator");
  g_assert_cmpstr (also[1], ==, "Job feed");
  g_clear_pointer (&also, g_strfreev);
  also = scraper_store_get_duplicate_sources (f->store, dup1->id, &error);
  g_assert_cmpuint (g_strv_length (also), ==, 2);
  g_assert_cmpstr (also[0], ==, "Acme board");
  g_assert_cmpstr (also[1], ==, "Aggregator");
  g_clear_pointer (&also, g_strfreev);
  also = scraper_store_get_duplicate_sources (f->store, other->id, &error);
  g_assert_cmpuint (g_strv_length (also), ==, 0);

  scraper_query_init (&query);
  g_assert_cmpuint (scraper_store_count_postings (f->store, &query, &error), ==, 4);
  query.collapse_duplicates = TRUE;
  list = scraper_store_query_postings (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (scraper_store_count_postings (f->store, &query, &error), ==, 2);

  /* When the original is archived, a repeat shows in its place. */
  {
    g_autoptr(GPtrArray) only_other = posting_array ();
    g_ptr_array_add (only_other, make_posting ("2", "Senior Backend Engineer", "Acme GmbH", "Munich", "x"));
    sync_postings (f->store, board, only_other, SCRAPER_SYNC_COMPLETE);
  }
  g_assert_cmpuint (scraper_store_count_postings (f->store, &query, &error), ==, 3);
}

/* Queries */

static void
fill_query_fixture (ScraperStore *store,
                    gint64       *source_a,
                    gint64       *source_b)
{
  static const struct {
    const char *title, *company, *location, *desc, *date;
    ScraperRemoteKind remote;
    double annual_max;
    double relevance;
  } rows[] = {
    { "Backend Engineer", "Acme", "Berlin", "Go and PostgreSQL services", "2099-01-10", SCRAPER_REMOTE_REMOTE, 90000, 0.9 },
    { "Frontend Developer", "Beta", "Paris", "TypeScript and GTK? No, React.", "2099-01-12", SCRAPER_REMOTE_HYBRID, 70000, 0.5 },
    { "Data Scientist", "Gamma", "München", "Python, statistics, café culture", "2099-01-11", SCRAPER_REMOTE_ONSITE, NAN, 0.7 },
    { "Engineering Manager", "Delta", "Remote", "Lead backend engineers", "2000-01-01", SCRAPER_REMOTE_REMOTE, 150000, NAN },
    { "GNOME Developer", "Acme", "Berlin", "C, GLib, GTK and libadwaita", "2099-01-09", SCRAPER_REMOTE_REMOTE, 60000, 0.95 },
  };
  g_autoptr(GPtrArray) a = posting_array ();
  g_autoptr(GPtrArray) b = posting_array ();

  *source_a = add_test_source (store, "Source A", "https://a.example");
  *source_b = add_test_source (store, "Source B", "https://b.example");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *ext = g_strdup_printf ("q%u", i);
      ScraperPosting *p = make_posting (ext, rows[i].title, rows[i].company, rows[i].location, rows[i].desc);

      p->date_posted = g_strdup (rows[i].date);
      p->remote = rows[i].remote;
      p->annual_max = rows[i].annual_max;
      p->salary_max = rows[i].annual_max;
      p->salary_currency = isnan (rows[i].annual_max) ? NULL : g_strdup ("EUR");
      p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
      p->relevance = rows[i].relevance;
      p->seniority = g_strdup ("senior");
      p->skills = g_strsplit ("c,gtk", ",", -1);
      p->employment_type = g_strsplit ("FULL_TIME", ",", -1);
      p->country = g_strdup ("DE");
      g_ptr_array_add (i < 3 ? a : b, p);
    }
  sync_postings (store, *source_a, a, SCRAPER_SYNC_COMPLETE);
  sync_postings (store, *source_b, b, SCRAPER_SYNC_COMPLETE);
}

static GPtrArray *
run_query (ScraperStore       *store,
           const ScraperQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = scraper_store_query_postings (store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (scraper_store_count_postings (store, query, &error), >=, list->len);
  g_assert_no_error (error);
  return list;
}

static const char *
title_at (GPtrArray *list,
          guint      i)
{
  return ((ScraperPosting *) list->pdata[i])->title;
}

static void
test_query_filters_and_sorts (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 sa, sb;
  ScraperQuery q;
  GPtrArray *list;
  ScraperPosting *p;
  guint counts[SCRAPER_N_STATUSES];

  fill_query_fixture (f->store, &sa, &sb);

  /* default: posted, newest first */
  scraper_query_init (&q);
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (title_at (list, 0), ==, "Frontend Developer");
  g_assert_cmpstr (title_at (list, 4), ==, "Engineering Manager");
  /* every field comes back */
  p = list->pdata[0];
  g_assert_cmpstr (p->source_name, ==, "Source A");
  g_assert_cmpstr (p->company, ==, "Beta");
  g_assert_cmpstr (p->locations[0], ==, "Paris");
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (p->skills[1], ==, "gtk");
  g_assert_cmpstr (p->seniority, ==, "senior");
  g_assert_cmpstr (p->country, ==, "DE");
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_max, ==, 70000);
  g_assert_true (isnan (p->annual_min));
  g_assert_cmpfloat (p->relevance, ==, 0.5);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->date_posted, ==, "2099-01-12");
  g_assert_cmpstr (p->description_markup, ==, "<p>TypeScript and GTK? No, React.</p>");
  g_assert_nonnull (p->apply_url);
  g_assert_nonnull (p->content_hash);
  g_assert_cmpint (p->last_seen, >, 0);
  g_ptr_array_unref (list);

  /* remote only, with and without hybrid */
  q.remote_only = TRUE;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 3);
  g_ptr_array_unref (list);
  q.include_hybrid = TRUE;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 4);
  g_ptr_array_unref (list);

  /* minimum annual salary, sorted by salary */
  scraper_query_init (&q);
  q.min_salary = 65000;
  q.sort = SCRAPER_SORT_SALARY;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (title_at (list, 0), ==, "Engineering Manager");
  g_assert_cmpstr (title_at (list, 2), ==, "Frontend Developer");
  g_ptr_array_unref (list);

  /* salary sort puts unknown salaries last */
  scraper_query_init (&q);
  q.sort = SCRAPER_SORT_SALARY;
  list = run_query (f->store, &q);
  g_assert_cmpstr (title_at (list, 4), ==, "Data Scientist");
  g_ptr_array_unref (list);

  /* source and posted within N days */
  scraper_query_init (&q);
  q.source_id = sb;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 2);
  g_ptr_array_unref (list);
  scraper_query_init (&q);
  q.posted_within_days = 30;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 4);   /* 2000-01-01 is too old */
  g_ptr_array_unref (list);

  /* company, title, relevance, first seen */
  scraper_query_init (&q);
  q.sort = SCRAPER_SORT_COMPANY;
  list = run_query (f->store, &q);
  g_assert_cmpstr (title_at (list, 0), ==, "Backend Engineer");
  g_assert_cmpstr (title_at (list, 1), ==, "GNOME Developer");
  g_assert_cmpstr (title_at (list, 4), ==, "Data Scientist");
  g_ptr_array_unref (list);
  q.sort = SCRAPER_SORT_TITLE;
  list = run_query (f->store, &q);
  g_assert_cmpstr (title_at (list, 0), ==, "Backend Engineer");
  g_assert_cmpstr (title_at (list, 4), ==, "GNOME Developer");
  g_ptr_array_unref (list);
  q.sort = SCRAPER_SORT_RELEVANCE;
  list = run_query (f->store, &q);
  g_assert_cmpstr (title_at (list, 0), ==, "GNOME Developer");
  g_assert_cmpstr (title_at (list, 4), ==, "Engineering Manager");
  g_ptr_array_unref (list);
  q.sort = SCRAPER_SORT_FIRST_SEEN;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (title_at (list, 0), ==, "GNOME Developer");  /* highest id first */
  g_ptr_array_unref (list);

  /* status, favorites, counts per status */
  p = NULL;
  scraper_query_init (&q);
  list = run_query (f->store, &q);
  g_assert_true (scraper_store_set_status (f->store, ((ScraperPosting *) list->pdata[0])->id, SCRAPER_STATUS_SAVED, &error));
  g_assert_true (scraper_store_set_status (f->store, ((ScraperPosting *) list->pdata[1])->id, SCRAPER_STATUS_SAVED, &error));
  g_assert_true (scraper_store_set_favorite (f->store, ((ScraperPosting *) list->pdata[2])->id, TRUE, &error));
  g_assert_false (scraper_store_set_status (f->store, ((ScraperPosting *) list->pdata[2])->id, 99, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (scraper_store_set_favorite (f->store, 123456, TRUE, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_ptr_array_unref (list);

  q.status = SCRAPER_STATUS_SAVED;
  g_assert_cmpuint (scraper_store_count_postings (f->store, &q, &error), ==, 2);
  q.status = -1;
  q.favorites_only = TRUE;
  g_assert_cmpuint (scraper_store_count_postings (f->store, &q, &error), ==, 1);

  g_assert_true (scraper_store_count_by_status (f->store, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[SCRAPER_STATUS_NEW], ==, 3);
  g_assert_cmpuint (counts[SCRAPER_STATUS_SAVED], ==, 2);
  g_assert_cmpuint (counts[SCRAPER_STATUS_CLOSED], ==, 0);

  /* paging */
  scraper_query_init (&q);
  q.sort = SCRAPER_SORT_TITLE;
  q.offset = 1;
  q.limit = 2;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (title_at (list, 0), ==, "Data Scientist");
  g_assert_cmpstr (title_at (list, 1), ==, "Engineering Manager");
  g_ptr_array_unref (list);
  g_assert_cmpuint (scraper_store_count_postings (f->store, &q, &error), ==, 5);
}

/* A list's rows leave the descriptions out (a million rows would hold
 * gigabytes); every other field is as a full read gives it. */
static void
test_query_without_descriptions (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = posting_array ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) full = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  ScraperQuery query;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i);
      g_ptr_array_add (postings, make_posting (ext, "Engineer", "Acme", "Berlin", "A long description"));
    }
  sync_postings (f->store, source, postings, SCRAPER_SYNC_COMPLETE);
  g_assert_true (scraper_store_set_notes (f->store, ((ScraperPosting *) postings->pdata[1])->id,
                                          "Ask about visa", &error));

  scraper_query_init (&query);
  full = scraper_store_query_postings (f->store, &query, &error);
  g_assert_no_error (error);
  query.without_descriptions = TRUE;
  rows = scraper_store_query_postings (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (full->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      ScraperPosting *row = rows->pdata[i], *whole = full->pdata[i];

      g_assert_null (row->description_text);
      g_assert_null (row->description_markup);
      g_assert_cmpstr (whole->description_text, ==, "A long description");
      g_assert_cmpint (row->id, ==, whole->id);
      g_assert_cmpstr (row->title, ==, whole->title);
      g_assert_cmpstr (row->company, ==, whole->company);
      g_assert_cmpstr (row->locations[0], ==, whole->locations[0]);
      g_assert_cmpstr (row->notes, ==, whole->notes);
      g_assert_cmpstr (row->content_hash, ==, whole->content_hash);
      g_assert_cmpstr (row->source_name, ==, "Acme");
      g_assert_cmpint (row->first_seen, ==, whole->first_seen);
    }
}

static void
test_query_search (Fixture       *f,
                   gconstpointer  data)
{
  gint64 sa, sb;
  ScraperQuery q;
  GPtrArray *list;
  ScraperSortKey key;

  fill_query_fixture (f->store, &sa, &sb);
  scraper_query_init (&q);

  /* prefix matching over title, company, locations and text */
  q.search = "eng";
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 2);   /* Engineer, Engineering (+engineers in text) */
  g_ptr_array_unref (list);

  q.search = "backend";
  q.sort = SCRAPER_SORT_RELEVANCE;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 2);
  /* a title hit ranks above a description hit */
  g_assert_cmpstr (title_at (list, 0), ==, "Backend Engineer");
  g_ptr_array_unref (list);

  q.search = "acme berl";   /* all words must match */
  q.sort = SCRAPER_SORT_TITLE;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (title_at (list, 0), ==, "Backend Engineer");
  g_ptr_array_unref (list);

  /* only the word being typed is a prefix: a finished word is whole */
  q.search = "berl acme";
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 0);
  g_ptr_array_unref (list);
  q.search = "acme berl ";
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 0);
  g_ptr_array_unref (list);
  q.search = "acme berlin";
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 2);
  g_ptr_array_unref (list);

  q.search = "munchen";     /* diacritics folded */
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 1);
  g_ptr_array_unref (list);

  q.search = "CAFÉ";
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 1);
  g_ptr_array_unref (list);

  /* search plus filters */
  q.search = "developer";
  q.remote_only = TRUE;
  list = run_query (f->store, &q);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (title_at (list, 0), ==, "GNOME Developer");
  g_ptr_array_unref (list);

  g_assert_true (scraper_sort_key_from_string ("salary", &key));
  g_assert_cmpint (key, ==, SCRAPER_SORT_SALARY);
  g_assert_false (scraper_sort_key_from_string ("colour", &key));
}

static void
test_query_search_hostile_strings (Fixture       *f,
                                   gconstpointer  data)
{
  static const char * const hostile[] = {
    "\"", "\"\"", "\"unbalanced", "AND", "OR", "NOT", "backend AND", "AND OR NOT",
    "*", "**", "back*", "*end", "(", ")", "((backend", "backend)", "title:backend",
    "{title}: x", "NEAR(a b)", "a + b", "^backend", "-backend", "'; DROP TABLE postings; --",
    "\\", "%", "_", "日本語", "🙂", "ｆｕｌｌｗｉｄｔｈ", "\xff\xfe invalid utf8", "   ",
    "c++", "C#", ".NET", "node.js", "a\"b", "é", "e\xcc\x81",
  };
  gint64 sa, sb;
  ScraperQuery q;

  fill_query_fixture (f->store, &sa, &sb);
  scraper_query_init (&q);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;

      q.search = hostile[i];
      list = scraper_store_query_postings (f->store, &q, &error);
      g_assert_no_error (error);
      g_assert_nonnull (list);
      scraper_store_count_postings (f->store, &q, &error);
      g_assert_no_error (error);
    }

  /* operators typed as words are plain words, and a quote is a separator */
  {
    g_autoptr(GPtrArray) list = NULL;
    q.search = "\"backend\" AND";
    list = run_query (f->store, &q);
    g_assert_cmpuint (list->len, ==, 1);   /* "Go and PostgreSQL", title Backend */
    g_assert_cmpstr (title_at (list, 0), ==, "Backend Engineer");
  }
}

/* Enrichment */

static void
test_update_enrichment (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  g_autoptr(GPtrArray) list = posting_array ();
  g_autoptr(ScraperPosting) got = NULL;
  ScraperPosting *p = make_posting ("e1", "Engineer", "Acme", "Berlin", "Pay: 60-70k");

  p->remote = SCRAPER_REMOTE_ONSITE;
  g_ptr_array_add (list, p);
  sync_postings (f->store, source, list, SCRAPER_SYNC_COMPLETE);

  p->seniority = g_strdup ("senior");
  p->skills = g_strsplit ("c,sql", ",", -1);
  p->relevance = 0.8;
  p->remote = SCRAPER_REMOTE_REMOTE;     /* the source said onsite: kept */
  p->salary_min = 60000;
  p->salary_max = 70000;
  p->salary_currency = g_strdup ("EUR");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  p->annual_min = 60000;
  p->annual_max = 70000;
  g_assert_true (scraper_store_update_enrichment (f->store, p, &error));
  g_assert_no_error (error);

  got = scraper_store_get_posting (f->store, p->id, &error);
  g_assert_cmpstr (got->seniority, ==, "senior");
  g_assert_cmpstr (got->skills[1], ==, "sql");
  g_assert_cmpfloat (got->relevance, ==, 0.8);
  g_assert_cmpint (got->remote, ==, SCRAPER_REMOTE_ONSITE);
  g_assert_cmpfloat (got->annual_max, ==, 70000);
  g_assert_cmpstr (got->salary_currency, ==, "EUR");

  /* the next scrape without enrichment keeps the enrichment */
  {
    g_autoptr(GPtrArray) again = posting_array ();
    g_autoptr(ScraperPosting) got2 = NULL;
    ScraperPosting *p2 = make_posting ("e1", "Engineer", "Acme", "Berlin", "Pay: 60-70k");
    p2->remote = SCRAPER_REMOTE_ONSITE;
    g_ptr_array_add (again, p2);
    sync_postings (f->store, source, again, SCRAPER_SYNC_COMPLETE);
    got2 = scraper_store_get_posting (f->store, p->id, &error);
    g_assert_cmpstr (got2->seniority, ==, "senior");
    g_assert_cmpfloat (got2->relevance, ==, 0.8);
  }
}

/* Task history */

static void
test_task_history (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  static const char * const states[] = { "completed", "running", "pending", "cancelling", "failed", "cancelled" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      ScraperTaskRecord record = { 0, };
      g_autofree char *id = g_strdup_printf ("task-%u", i);

      record.id = id;
      record.kind = (char *) "scrape";
      record.title = (char *) "Scrape Acme";
      record.state = (char *) states[i];
      record.created = 1000 + i;
      record.result = (char *) "{'found': <12>}";
      record.error = i == 4 ? (char *) "Timed out" : NULL;
      g_assert_true (scraper_store_save_task (f->store, &record, &error));
      g_assert_no_error (error);
    }

  /* saving again updates */
  {
    ScraperTaskRecord record = { (char *) "task-0", (char *) "scrape", (char *) "Scrape Acme again",
                                 (char *) "completed", 1000, 1001, 1002, NULL, NULL };
    g_assert_true (scraper_store_save_task (f->store, &record, &error));
  }

  list = scraper_store_list_tasks (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[0])->id, ==, "task-5");
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[5])->title, ==, "Scrape Acme again");
  g_assert_cmpint (((ScraperTaskRecord *) list->pdata[5])->finished, ==, 1002);
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[1])->error, ==, "Timed out");
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[2])->result, ==, "{'found': <12>}");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Our own tasks run: nothing to mark. */
  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 0);
  g_assert_no_error (error);

  /* As a previous life of the app with our pid would have left them. */
  exec_sql (f->path, "UPDATE tasks SET owner_start = owner_start + 1");
  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 3);
  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 0);
  list = scraper_store_list_tasks (f->store, 3, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[1])->state, ==, "failed");
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[2])->state, ==, "interrupted");   /* was cancelling */
  g_assert_cmpint (((ScraperTaskRecord *) list->pdata[2])->finished, >, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (scraper_store_clear_finished_tasks (f->store, &error));
  list = scraper_store_list_tasks (f->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

/* The window and the command line share a database: a task of a process
 * that still runs is not interrupted, one of a killed process is. */
static void
test_task_owner_process (Fixture       *f,
                         gconstpointer  data)
{
  const char *argv[] = { CRASH_HELPER, f->path, "--task", "other-task", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *owner = NULL;
  char line[16] = { 0, };
  GPid pid;
  int in_fd, out_fd, status = 0;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, line, 6), ==, 6);
  g_assert_cmpstr (line, ==, "ready\n");

  owner = query_text (f->path, "SELECT owner_pid FROM tasks WHERE id = 'other-task'");
  g_assert_cmpint (atoi (owner), ==, pid);

  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 0);
  g_assert_no_error (error);
  list = scraper_store_list_tasks (f->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[0])->state, ==, "running");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
  close (in_fd);
  close (out_fd);

  g_assert_cmpint (scraper_store_mark_interrupted (f->store, &error), ==, 1);
  g_assert_no_error (error);
  list = scraper_store_list_tasks (f->store, 0, &error);
  g_assert_cmpstr (((ScraperTaskRecord *) list->pdata[0])->state, ==, "interrupted");
  g_assert_cmpint (((ScraperTaskRecord *) list->pdata[0])->finished, >, 0);
}

/* Concurrency */

typedef struct {
  ScraperStore *store;
  gint64        source_id;
  guint         index;
  GError       *error;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autofree char *desc = g_strnfill (1500, 'a' + w->index);

  for (guint round = 0; round < 4 && w->error == NULL; round++)
    {
      ScraperSync *sync = scraper_store_begin_sync (w->store, w->source_id, &w->error);

      if (sync == NULL)
        break;
      for (guint b = 0; b < 5 && w->error == NULL; b++)
        {
          g_autoptr(GPtrArray) batch = posting_array ();
          ScraperQuery q;
          g_autoptr(GPtrArray) page = NULL;

          for (guint i = 0; i < 100; i++)
            {
              g_autofree char *ext = g_strdup_printf ("w%u-%u", w->index, b * 100 + i);
              g_autofree char *title = g_strdup_printf ("Writer %u job %u v%u", w->index, i, round % 2);
              g_ptr_array_add (batch, make_posting (ext, title, "Threads Inc", "Everywhere", desc));
            }
          if (!scraper_sync_add (sync, batch, &w->error))
            break;

          /* user edits and reads interleaved with other writers */
          if (!scraper_store_set_favorite (w->store, ((ScraperPosting *) batch->pdata[round])->id, TRUE, &w->error) ||
              !scraper_store_set_notes (w->store, ((ScraperPosting *) batch->pdata[round + 1])->id, "note", &w->error))
            break;
          scraper_query_init (&q);
          q.search = "writer";
          q.limit = 20;
          page = scraper_store_query_postings (w->store, &q, &w->error);
          if (page == NULL)
            break;
        }
      if (!scraper_sync_finish (sync, w->error ? SCRAPER_SYNC_FAILED : SCRAPER_SYNC_COMPLETE,
                                NULL, NULL, w->error ? NULL : &w->error))
        break;
    }

  return NULL;
}

static void
test_concurrent_writers (Fixture       *f,
                         gconstpointer  data)
{
  Writer writers[4];
  GThread *threads[4];
  ScraperQuery q;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://w%u.example", i);
      writers[i] = (Writer) { f->store, add_test_source (f->store, url, url), i, NULL };
    }
  for (guint i = 0; i < 4; i++)
    threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (writers[i].error);
    }

  g_assert_cmpuint (count_all (f->store, TRUE), ==, 4 * 500);
  scraper_query_init (&q);
  q.favorites_only = TRUE;
  /* one favorite per writer, batch and round */
  g_assert_cmpuint (scraper_store_count_postings (f->store, &q, &error), ==, 4 * 5 * 4);
  g_assert_no_error (error);
}

/* Disk full */

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = lifecycle_batch (0, 20, "v1");
  g_autoptr(GPtrArray) big = posting_array ();
  g_autoptr(ScraperPosting) kept = NULL;
  g_autofree char *desc = g_strnfill (3000, 'f');
  g_autofree char *pages = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://acme.example");
  ScraperSync *sync;
  ScraperSyncCounts c;

  sync_postings (f->store, source, first, SCRAPER_SYNC_COMPLETE);
  g_assert_true (scraper_store_set_notes (f->store, ((ScraperPosting *) first->pdata[0])->id, "Keep me", &error));

  pages = query_text (f->path, "PRAGMA page_count");
  scraper_store_set_max_page_count_for_testing (f->store, atoi (pages) + 4);

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *ext = g_strdup_printf ("big%u", i);
      g_ptr_array_add (big, make_posting (ext, "Big", "Acme", "Berlin", desc));
    }

  sync = scraper_store_begin_sync (f->store, source, &error);
  g_assert_no_error (error);
  g_assert_false (scraper_sync_add (sync, big, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_FAILED, "disk full", &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.inserted, ==, 0);

  /* nothing lost, nothing half-written */
  g_assert_cmpuint (count_all (f->store, TRUE), ==, 20);
  kept = scraper_store_get_posting (f->store, ((ScraperPosting *) first->pdata[0])->id, &error);
  g_assert_cmpstr (kept->notes, ==, "Keep me");

  /* with space again, the same batch goes in */
  scraper_store_set_max_page_count_for_testing (f->store, 0);
  c = sync_postings (f->store, source, big, SCRAPER_SYNC_PARTIAL);
  g_assert_cmpuint (c.inserted, ==, 500);
}

/* Crash safety: a child syncing in a loop is killed with SIGKILL. */

static guint
read_progress_lines (int    fd,
                     guint  wanted)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint lines = 0;

  while (lines < wanted && g_get_monotonic_time () < deadline)
    {
      GPollFD pfd = { fd, G_IO_IN | G_IO_HUP, 0 };
      char chunk[256];
      gssize n;

      if (g_poll (&pfd, 1, 1000) <= 0)
        continue;
      n = read (fd, chunk, sizeof chunk);
      if (n <= 0)
        break;
      for (gssize i = 0; i < n; i++)
        if (chunk[i] == '\n')
          lines++;
    }
  return lines;
}

static void
test_crash_sigkill (Fixture       *f,
                    gconstpointer  data)
{
  static const guint kill_after[] = { 1, 3, 7, 12 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) initial = lifecycle_batch (0, 300, "v0");
  g_autofree char *source_arg = NULL;
  gint64 source;
  gint64 fav_id, status_id, notes_id;

  source = add_test_source (f->store, "Crashco", "https://crash.example");
  /* the helper uses external ids p0..p1999; give ours the same keys */
  for (guint i = 0; i < initial->len; i++)
    {
      ScraperPosting *p = initial->pdata[i];
      g_free (p->external_id);
      p->external_id = g_strdup_printf ("p%u", i);
      g_free (p->company);
      p->company = g_strdup ("Crashco");
    }
  sync_postings (f->store, source, initial, SCRAPER_SYNC_COMPLETE);
  fav_id = ((ScraperPosting *) initial->pdata[5])->id;
  status_id = ((ScraperPosting *) initial->pdata[250])->id;
  notes_id = ((ScraperPosting *) initial->pdata[299])->id;
  g_assert_true (scraper_store_set_favorite (f->store, fav_id, TRUE, &error));
  g_assert_true (scraper_store_set_status (f->store, status_id, SCRAPER_STATUS_INTERVIEWING, &error));
  g_assert_true (scraper_store_set_notes (f->store, notes_id, "Second interview Tuesday", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  source_arg = g_strdup_printf ("%" G_GINT64_FORMAT, source);

  for (guint k = 0; k < G_N_ELEMENTS (kill_after); k++)
    {
      const char *argv[] = { CRASH_HELPER, f->path, source_arg, NULL };
      g_autoptr(ScraperStore) store = NULL;
      g_autoptr(ScraperPosting) fav = NULL;
      g_autoptr(ScraperPosting) st = NULL;
      g_autoptr(ScraperPosting) notes = NULL;
      g_autofree char *check = NULL;
      g_autofree char *fts_check = NULL;
      GPid pid;
      int out_fd, status = 0;
      guint lines;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      lines = read_progress_lines (out_fd, kill_after[k]);
      g_assert_cmpuint (lines, >=, kill_after[k]);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);
      close (out_fd);

      check = query_text (f->path, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      exec_sql (f->path, "INSERT INTO postings_fts(postings_fts) VALUES ('integrity-check')");
      fts_check = query_text (f->path, "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH 'crashco'");
      g_assert_cmpint (atoi (fts_check), >=, 300);

      store = scraper_store_open (f->path, &error);
      g_assert_no_error (error);
      fav = scraper_store_get_posting (store, fav_id, &error);
      g_assert_no_error (error);
      g_assert_true (fav->favorite);
      st = scraper_store_get_posting (store, status_id, &error);
      g_assert_cmpint (st->status, ==, SCRAPER_STATUS_INTERVIEWING);
      notes = scraper_store_get_posting (store, notes_id, &error);
      g_assert_cmpstr (notes->notes, ==, "Second interview Tuesday");
      g_assert_cmpuint (count_all (store, TRUE), >=, 300);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_NO_STORE(path, func) g_test_add (path, Fixture, NO_STORE, fixture_setup, func, fixture_teardown)

  ADD_NO_STORE ("/store/open/creates-folder", test_open_creates_folder);
  g_test_add_func ("/store/open/default-path", test_open_default_path);
  ADD_NO_STORE ("/store/open/zero-length-file-is-new", test_open_zero_length_file);
  ADD_NO_STORE ("/store/open/refuses-newer-version", test_open_refuses_newer_version);
  ADD_NO_STORE ("/store/open/refuses-not-a-database", test_open_refuses_not_a_database);
  ADD_NO_STORE ("/store/open/refuses-other-program-database", test_open_refuses_foreign_sqlite);
  ADD_NO_STORE ("/store/open/refuses-folder", test_open_folder_path);
  ADD_NO_STORE ("/store/migrate/from-v1", test_migrate_from_v1);
  ADD_NO_STORE ("/store/migrate/from-v2", test_migrate_from_v2);
  ADD ("/store/sources/crud", test_sources_crud);
  ADD ("/store/sources/remove-keeps-user-data", test_sources_remove_keeps_user_data);
  ADD ("/store/sources/rename-if", test_sources_rename_if);
  ADD ("/store/validators", test_validators);
  g_test_add_func ("/store/canonical-url", test_canonical_url);
  ADD ("/store/sync/lifecycle", test_sync_lifecycle);
  ADD ("/store/sync/changes-each-field", test_sync_changes_each_field);
  ADD ("/store/sync/same-source-twice-at-once", test_sync_same_source_twice_at_once);
  ADD ("/store/sync/snapshot-gone-stale", test_sync_snapshot_gone_stale);
  ADD ("/store/sync/keep-page", test_sync_keep_page);
  ADD ("/store/sync/incomplete-runs-archive-nothing", test_sync_incomplete_runs_archive_nothing);
  ADD ("/store/sync/seen-twice-counts-once", test_sync_seen_twice_counts_once);
  ADD ("/store/sync/not-modified-keeps-everything", test_sync_not_modified_keeps_everything);
  ADD ("/store/sync/url-key", test_sync_url_key);
  ADD ("/store/duplicates", test_duplicates);
  ADD ("/store/query/filters-and-sorts", test_query_filters_and_sorts);
  ADD ("/store/query/without-descriptions", test_query_without_descriptions);
  ADD ("/store/query/search", test_query_search);
  ADD ("/store/query/search-hostile-strings", test_query_search_hostile_strings);
  ADD ("/store/enrichment", test_update_enrichment);
  ADD ("/store/tasks/history", test_task_history);
  ADD ("/store/tasks/owner-process-alive-or-killed", test_task_owner_process);
  ADD ("/store/concurrent/four-writers", test_concurrent_writers);
  ADD ("/store/disk-full", test_disk_full);
  ADD ("/store/crash/sigkill-during-sync", test_crash_sigkill);

  return g_test_run ();
}
