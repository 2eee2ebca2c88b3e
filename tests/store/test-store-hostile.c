/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Database files that come from elsewhere (--db): a schema version no
 * version of the app wrote, the file's permissions, and the connection
 * settings that keep a hostile schema from doing harm. */
#define G_LOG_DOMAIN "test-store-hostile"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "scraper-store-private.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-store-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "jobs.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
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

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

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

/* Before the fix, -1 read migrations[-1] (whatever that pointer held was
 * run as SQL) and -100000 crashed. */
static void
assert_version_refused (Fixture *f,
                        int      version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE postings (x); PRAGMA user_version = %d;", version);
  g_autofree char *number = g_strdup_printf ("%d", version);
  ScraperStore *store;

  exec_sql (f->path, sql);
  before = read_file_bytes (f->path);

  store = scraper_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "invalid schema version"));
  g_assert_nonnull (strstr (error->message, number));

  after = read_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_user_version_minus_1_refused (Fixture       *f,
                                   gconstpointer  data)
{
  assert_version_refused (f, -1);
}

static void
test_user_version_minus_100000_refused (Fixture       *f,
                                        gconstpointer  data)
{
  assert_version_refused (f, -100000);
}

static void
test_user_version_int_min_refused (Fixture       *f,
                                   gconstpointer  data)
{
  assert_version_refused (f, G_MININT32);
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_new_database_is_private (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  mode_t old_umask = umask (022);

  store = scraper_store_open (f->path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  assert_private (f->path);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    assert_private (wal);
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    assert_private (shm);
}

/* A file the user did not create is opened as such: no writable schema
 * tricks (DEFENSIVE), on every connection. */
static void
test_connection_defensive (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (f->path, &error);
  StoreConn *conns[2];

  g_assert_no_error (error);
  /* Two at once: the second is a new connection, not the idle first. */
  conns[0] = store_conn_get (store, &error);
  g_assert_no_error (error);
  conns[1] = store_conn_get (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (conns); i++)
    {
      int defensive = -1;
      char *message = NULL;
      int rc;

      g_assert_cmpint (sqlite3_db_config (conns[i]->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive), ==, SQLITE_OK);
      g_assert_cmpint (defensive, ==, 1);

      /* What DEFENSIVE is for: the schema table cannot be written. */
      rc = sqlite3_exec (conns[i]->db,
                         "PRAGMA writable_schema = ON;"
                         "UPDATE sqlite_master SET sql = 'CREATE TABLE x (y)' WHERE name = 'sources';",
                         NULL, NULL, &message);
      g_assert_cmpint (rc, !=, SQLITE_OK);
      sqlite3_free (message);
    }
  store_conn_release (conns[0]);
  store_conn_release (conns[1]);
}

/* A trigger the app did not write would run on the app's own writes: a
 * file that has one (or a view) is refused and left as it was. */
static void
assert_schema_code_refused (Fixture    *f,
                            const char *sql,
                            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  ScraperStore *store;

  store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  exec_sql (f->path, sql);
  before = read_file_bytes (f->path);

  store = scraper_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, name));
  after = read_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_foreign_trigger_refused (Fixture       *f,
                              gconstpointer  data)
{
  assert_schema_code_refused (f,
                              "CREATE TRIGGER evil AFTER INSERT ON sources BEGIN "
                              "  DELETE FROM postings; END;", "evil");
}

static void
test_changed_trigger_refused (Fixture       *f,
                              gconstpointer  data)
{
  /* One of the app's names, another body. */
  assert_schema_code_refused (f,
                              "DROP TRIGGER postings_fts_delete;"
                              "CREATE TRIGGER postings_fts_delete BEFORE DELETE ON postings BEGIN "
                              "  DELETE FROM sources; END;", "postings_fts_delete");
}

static void
test_foreign_view_refused (Fixture       *f,
                           gconstpointer  data)
{
  assert_schema_code_refused (f, "CREATE VIEW peek AS SELECT * FROM postings;", "peek");
}

/* A file of an older version is compared before it is migrated: its
 * trigger would otherwise run on the migrations' own writes. */
static void
test_foreign_trigger_old_version_refused_before_migrating (Fixture       *f,
                                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const *migrations;
  guint n_migrations;
  ScraperStore *store;

  migrations = store_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 2);
  exec_sql (f->path, migrations[0]);
  exec_sql (f->path, "PRAGMA user_version = 1;"
                     "CREATE TABLE loot (x);"
                     "CREATE TRIGGER evil AFTER INSERT ON sources BEGIN INSERT INTO loot VALUES (1); END;");

  store = scraper_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "evil"));
  /* Not migrated (the journal mode may have changed: a header byte). */
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM loot"), ==, 0);
}

/* The schema trust check (scraper-store-trust.c), by its name: a file
 * whose triggers and views differ from the ones our migrations create
 * (here one of ours rewritten to delete the sources, and a view of its
 * own) is refused, and the file is left byte for byte as it was. */
static void
test_schema_trust_check_differing_triggers_views_refused_file_untouched (Fixture       *f,
                                                                         gconstpointer  data)
{
  assert_schema_code_refused (f,
                              "DROP TRIGGER postings_fts_delete;"
                              "CREATE TRIGGER postings_fts_delete BEFORE DELETE ON postings BEGIN "
                              "  DELETE FROM sources; END;"
                              "CREATE VIEW aaa_peek AS SELECT url FROM sources;",
                              /* either is named first */
                              "did not write");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'aaa_peek'"), ==, 1);
}

static void
test_own_schema_reopens (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ScraperStore) store = scraper_store_open (f->path, &error);

      g_assert_no_error (error);
      g_assert_nonnull (store);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/hostile/user-version-minus-1-refused", test_user_version_minus_1_refused);
  ADD ("/store/hostile/user-version-minus-100000-refused", test_user_version_minus_100000_refused);
  ADD ("/store/hostile/user-version-int-min-refused", test_user_version_int_min_refused);
  ADD ("/store/hostile/new-database-is-private-0600", test_new_database_is_private);
  ADD ("/store/hostile/connection-defensive", test_connection_defensive);
  ADD ("/store/hostile/foreign-trigger-refused", test_foreign_trigger_refused);
  ADD ("/store/hostile/changed-trigger-refused", test_changed_trigger_refused);
  ADD ("/store/hostile/foreign-view-refused", test_foreign_view_refused);
  ADD ("/store/hostile/foreign-trigger-old-version-refused-before-migrating",
       test_foreign_trigger_old_version_refused_before_migrating);
  ADD ("/store/hostile/own-schema-reopens", test_own_schema_reopens);
  ADD ("/store/hostile/schema-trust-check-differing-triggers-views-refused-file-untouched",
       test_schema_trust_check_differing_triggers_views_refused_file_untouched);

  return g_test_run ();
}
