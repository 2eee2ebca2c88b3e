/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "scraper-store-private.h"

/* Idle connections kept open for reuse; more are opened when more threads
 * work at once, and closed again when they come back beyond this. */
#define MAX_IDLE_CONNECTIONS 8
#define BUSY_TIMEOUT_MS      5000
/* After the busy timeout, a write lock held by another program is asked for
 * again this many times, with a growing pause in between (cancellable,
 * store_busy_pause()). */
#define BUSY_RETRIES         5


struct _ScraperStore
{
  GObject     parent_instance;

  char       *path;
  WriterLock *writer;
  GMutex      lock;
  GPtrArray  *idle;             /* StoreConn, protected by lock */
  guint       max_page_count;   /* for tests, protected by lock */
  guint       busy_timeout_ms;  /* protected by lock */
  guint       n_writes;         /* queued on the writer, protected by lock */
  GCond       writes_cond;
};

G_DEFINE_FINAL_TYPE (ScraperStore, scraper_store, G_TYPE_OBJECT)

static int store_conn_step (StoreConn    *conn,
                            sqlite3_stmt *stmt);

G_DEFINE_QUARK (scraper-store-error-quark, scraper_store_error)

gint64
store_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Errors */

void
store_set_error_db (GError    **error,
                    sqlite3    *db,
                    const char *path,
                    int         rc)
{
  g_autofree char *message = NULL;
  const char *detail;
  int code = SCRAPER_STORE_ERROR_FAILED;

  if (error == NULL)
    return;

  detail = db != NULL && sqlite3_errcode (db) == rc ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = SCRAPER_STORE_ERROR_FULL;
      message = g_strdup_printf (_("The disk is full. Free some space on the disk that holds “%s” and try again; nothing was lost."), path);
      break;
    case SQLITE_NOTADB:
      code = SCRAPER_STORE_ERROR_NOT_A_DATABASE;
      message = g_strdup_printf (_("The file “%s” is not a Job Scraper database. Choose another file with --db, or move this one away."), path);
      break;
    case SQLITE_CORRUPT:
      message = g_strdup_printf (_("The database “%s” is damaged. Restore it from a backup, or move it away to start afresh."), path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = SCRAPER_STORE_ERROR_BUSY;
      message = g_strdup_printf (_("The database “%s” is kept busy by another program. Close other copies of Job Scraper and try again."), path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      message = g_strdup_printf (_("The database “%s” cannot be written. Check the permissions of the file and of its folder."), path);
      break;
    case SQLITE_CANTOPEN:
      message = g_strdup_printf (_("The database “%s” cannot be opened. Check that its folder exists and can be written."), path);
      break;
    case SQLITE_IOERR:
      message = g_strdup_printf (_("The disk reported an error while using the database “%s”. Check the disk and try again."), path);
      break;
    case SQLITE_NOMEM:
      message = g_strdup (_("There is not enough memory to use the database. Close other programs and try again."));
      break;
    case SQLITE_CONSTRAINT:
      code = SCRAPER_STORE_ERROR_INVALID;
      message = g_strdup (_("The change conflicts with data already stored."));
      break;
    default:
      message = g_strdup_printf (_("The database “%s” reported an error."), path);
      break;
    }

  g_set_error (error, SCRAPER_STORE_ERROR, code, "%s (%s)", message, detail);
}

void
store_set_error (GError   **error,
                 StoreConn *conn,
                 int        rc)
{
  store_set_error_db (error, conn->db, conn->store->path, rc);
}

static void
sql_dup_key (sqlite3_context *context,
             int              argc,
             sqlite3_value  **argv)
{
  g_auto(GStrv) locations = NULL;
  g_autofree char *key = NULL;

  g_assert (argc == 3);

  locations = store_strv_from_json ((const char *) sqlite3_value_text (argv[2]));
  key = store_dup_key ((const char *) sqlite3_value_text (argv[0]),
                       (const char *) sqlite3_value_text (argv[1]),
                       (const char * const *) locations);
  if (key != NULL)
    sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

/* Connections */

static void
store_conn_close (StoreConn *conn)
{
  if (conn == NULL)
    return;
  g_clear_pointer (&conn->static_stmts, g_hash_table_unref);
  g_clear_pointer (&conn->stmts, g_hash_table_unref);
  if (conn->db != NULL)
    sqlite3_close (conn->db);
  g_free (conn);
}

sqlite3_stmt *
store_conn_prepare (StoreConn   *conn,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (conn->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (conn->stmts, g_strdup (sql), stmt);
  return stmt;
}

sqlite3_stmt *
store_conn_prepare_static (StoreConn   *conn,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->static_stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = store_conn_prepare (conn, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (conn->static_stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
store_step_done (StoreConn     *conn,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = store_conn_step (conn, stmt);

  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      store_set_error (error, conn, rc);
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

gboolean
store_step_row (StoreConn     *conn,
                sqlite3_stmt  *stmt,
                gboolean      *has_row,
                GError       **error)
{
  int rc = store_conn_step (conn, stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *has_row = rc == SQLITE_ROW;
      return TRUE;
    }

  *has_row = FALSE;
  store_set_error (error, conn, rc);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
store_for_each_row (StoreConn     *conn,
                    sqlite3_stmt  *stmt,
                    StoreRowFunc   func,
                    gpointer       user_data,
                    GError       **error)
{
  for (;;)
    {
      gboolean has_row;

      if (!store_step_row (conn, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      func (stmt, user_data);
    }
}

typedef struct
{
  StoreRowNewFunc  func;
  GPtrArray       *rows;
} CollectRows;

static void
collect_row (sqlite3_stmt *stmt,
             gpointer      user_data)
{
  CollectRows *collect = user_data;

  g_ptr_array_add (collect->rows, collect->func (stmt));
}

GPtrArray *
store_collect_rows (StoreConn      *conn,
                    sqlite3_stmt   *stmt,
                    StoreRowNewFunc func,
                    GDestroyNotify  free_func,
                    GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  CollectRows collect = { func, rows };

  if (!store_for_each_row (conn, stmt, collect_row, &collect, error))
    return NULL;
  return g_steal_pointer (&rows);
}

GPtrArray *
store_collect_query (ScraperStore    *self,
                     const char      *sql,
                     StoreRowNewFunc  func,
                     GDestroyNotify   free_func,
                     GError         **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, sql, error)))
    return NULL;
  return store_collect_rows (conn, stmt, func, free_func, error);
}

gboolean
store_conn_exec (StoreConn   *conn,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_busy (int rc)
{
  return (rc & 0xff) == SQLITE_BUSY;
}

static void
store_writer_lock (StoreConn *conn)
{
  g_assert (!conn->holds_writer);
  g_rec_mutex_lock (&conn->store->writer->mutex);
  conn->holds_writer = TRUE;
}

static void
store_writer_unlock (StoreConn *conn)
{
  if (!conn->holds_writer)
    return;
  conn->holds_writer = FALSE;
  g_rec_mutex_unlock (&conn->store->writer->mutex);
}

/* Every statement goes through here.  A statement that writes outside a
 * transaction takes the file's writer lock for its duration, like a
 * transaction does for its whole length, and asks again (after pauses)
 * when another program holds SQLite's write lock past the busy timeout. */
static int
store_conn_step (StoreConn    *conn,
                 sqlite3_stmt *stmt)
{
  gboolean lock;
  int rc;

  store_guard_check (stmt);

  lock = !conn->holds_writer && !sqlite3_stmt_readonly (stmt) &&
         sqlite3_get_autocommit (conn->db);
  if (!lock)
    return sqlite3_step (stmt);

  store_writer_lock (conn);
  for (guint attempt = 0;; attempt++)
    {
      rc = sqlite3_step (stmt);
      if (!is_busy (rc) || attempt >= BUSY_RETRIES)
        break;
      /* Keeps the bindings. */
      sqlite3_reset (stmt);
      g_debug ("%s: busy, asking again", conn->store->path);
      if (!store_busy_pause (attempt))
        break;
    }
  /* A write with RETURNING holds SQLite's lock until it is reset; other
   * writers of the process then wait on it in the busy handler. */
  store_writer_unlock (conn);

  return rc;
}

gboolean
store_conn_begin (StoreConn  *conn,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (sqlite3_get_autocommit (conn->db));

  stmt = store_conn_prepare_static (conn, "BEGIN IMMEDIATE", error);
  if (stmt == NULL)
    return FALSE;

  store_guard_check (stmt);

  /* Our own writers wait here for each other, however long a batch takes;
   * SQLite's busy timeout is then only ever spent on other programs. */
  store_writer_lock (conn);
  for (guint attempt = 0;; attempt++)
    {
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      if (!is_busy (rc) || attempt >= BUSY_RETRIES)
        break;
      g_debug ("%s: kept busy by another program, asking again", conn->store->path);
      if (!store_busy_pause (attempt))
        {
          store_writer_unlock (conn);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Cancelled while the database was busy"));
          return FALSE;
        }
    }

  store_writer_unlock (conn);
  store_set_error (error, conn, rc);
  return FALSE;
}

gboolean
store_conn_commit (StoreConn  *conn,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_conn_prepare_static (conn, "COMMIT", error);

  if (stmt == NULL || !store_step_done (conn, stmt, error))
    {
      store_conn_rollback (conn);
      return FALSE;
    }
  store_writer_unlock (conn);
  return TRUE;
}

void
store_conn_rollback (StoreConn *conn)
{
  /* After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled
   * back; ROLLBACK would then fail harmlessly. */
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
  store_writer_unlock (conn);
}

/* Opens one connection.  Everything before "PRAGMA journal_mode" only reads,
 * so a file that is refused is left byte-identical. */
static StoreConn *
store_conn_open (ScraperStore  *self,
                 GError       **error)
{
  g_autoptr(StoreConn) conn = g_new0 (StoreConn, 1);
  int version = 0;
  int n_objects = 0;
  int rc;

  conn->store = self;
  conn->static_stmts = g_hash_table_new (NULL, NULL);
  conn->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sqlite3_finalize);

  rc = sqlite3_open_v2 (self->path, &conn->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }

  sqlite3_extended_result_codes (conn->db, 1);
  /* The file may come from elsewhere (--db): no schema trick of it may
   * corrupt the file (its triggers and views: store_check_schema_code()). */
  rc = sqlite3_db_config (conn->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }
  g_mutex_lock (&self->lock);
  rc = sqlite3_busy_timeout (conn->db, (int) self->busy_timeout_ms);
  g_mutex_unlock (&self->lock);
  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }

  if (!store_read_int_pragma (conn, "PRAGMA user_version", &version, error) ||
      !store_check_version (conn, version, error))
    {
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }

  /* A valid SQLite file of another program: refuse it rather than mixing our
   * tables into it. */
  if (version == 0)
    {
      if (!store_read_int_pragma (conn, "SELECT count(*) FROM sqlite_master", &n_objects, error))
        {
          g_clear_pointer (&conn, store_conn_close);
          return NULL;
        }
      if (n_objects > 0)
        {
          g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE,
                       _("The file “%s” is a database of another program, not of Job Scraper. Choose another file with --db."),
                       self->path);
          g_clear_pointer (&conn, store_conn_close);
          return NULL;
        }
    }

  rc = sqlite3_create_function (conn->db, "scraper_dup_key", 3,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                NULL, sql_dup_key, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = store_register_rank (conn->db);
  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }

  if (!store_conn_exec (conn,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = -65536;"
                        "PRAGMA mmap_size = 268435456;"
                        /* A sync rewrites the same index pages batch after
                         * batch: checkpointing every 16 MB rather than 4 MB
                         * copies each of them back fewer times (~8 % of a
                         * sync), and the file is cut back to 32 MB after. */
                        "PRAGMA wal_autocheckpoint = 4000;"
                        "PRAGMA journal_size_limit = 33554432;"
                        /* What a sync batch stages (scraper-store-sync.c),
                         * in memory, private to the connection. */
                        "CREATE TEMP TABLE sync_texts ("
                        "  id INTEGER PRIMARY KEY, description_text TEXT,"
                        "  description_markup TEXT);"
                        "CREATE TEMP TABLE sync_changed ("
                        "  id INTEGER PRIMARY KEY, external_id, canonical_url, url,"
                        "  apply_url, title, company, locations, country, remote,"
                        "  employment_type, salary_min, salary_max, salary_currency,"
                        "  salary_period, annual_min, annual_max, date_posted,"
                        "  valid_through, direct_apply, seniority, skills, relevance,"
                        "  content_hash, last_seen, seen_run, dup_key, duplicate_of,"
                        "  description_text, description_markup);"
                        "CREATE TEMP TABLE sync_seen ("
                        "  id INTEGER PRIMARY KEY, seniority, skills, relevance,"
                        "  unarchive INTEGER);",
                        error))
    {
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  if (self->max_page_count > 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", self->max_page_count);
      sqlite3_exec (conn->db, sql, NULL, NULL, NULL);
    }
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&conn);
}

StoreConn *
store_conn_get (ScraperStore  *self,
                GError       **error)
{
  StoreConn *conn = NULL;

  g_mutex_lock (&self->lock);
  if (self->idle->len > 0)
    conn = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->lock);

  if (conn != NULL)
    return conn;

  return store_conn_open (self, error);
}

void
store_conn_release (StoreConn *conn)
{
  ScraperStore *self;

  if (conn == NULL)
    return;

  self = conn->store;
  /* Never hand a connection with an open transaction to another caller. */
  store_conn_rollback (conn);

  g_mutex_lock (&self->lock);
  if (self->idle->len < MAX_IDLE_CONNECTIONS)
    {
      g_ptr_array_add (self->idle, conn);
      conn = NULL;
    }
  g_mutex_unlock (&self->lock);

  store_conn_close (conn);
}

void
scraper_store_set_max_page_count_for_testing (ScraperStore *self,
                                              guint         pages)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (SCRAPER_IS_STORE (self));

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", pages > 0 ? pages : 1073741823u);
  g_mutex_lock (&self->lock);
  self->max_page_count = pages;
  for (guint i = 0; i < self->idle->len; i++)
    {
      StoreConn *conn = g_ptr_array_index (self->idle, i);
      sqlite3_exec (conn->db, sql, NULL, NULL, NULL);
    }
  g_mutex_unlock (&self->lock);
}

void
_scraper_store_write_queued (ScraperStore *self)
{
  g_mutex_lock (&self->lock);
  self->n_writes++;
  g_mutex_unlock (&self->lock);
}

void
_scraper_store_write_done (ScraperStore *self)
{
  g_mutex_lock (&self->lock);
  g_assert (self->n_writes > 0);
  self->n_writes--;
  g_cond_broadcast (&self->writes_cond);
  g_mutex_unlock (&self->lock);
}

void
scraper_store_wait_writes (ScraperStore *self)
{
  g_return_if_fail (SCRAPER_IS_STORE (self));

  g_mutex_lock (&self->lock);
  while (self->n_writes > 0)
    g_cond_wait (&self->writes_cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
scraper_store_set_busy_timeout_for_testing (ScraperStore *self,
                                            guint         ms)
{
  g_return_if_fail (SCRAPER_IS_STORE (self));

  g_mutex_lock (&self->lock);
  self->busy_timeout_ms = ms;
  for (guint i = 0; i < self->idle->len; i++)
    {
      StoreConn *conn = g_ptr_array_index (self->idle, i);
      sqlite3_busy_timeout (conn->db, (int) ms);
    }
  g_mutex_unlock (&self->lock);
}

/* Object */

static void
scraper_store_finalize (GObject *object)
{
  ScraperStore *self = (ScraperStore *) object;

  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_cond_clear (&self->writes_cond);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (scraper_store_parent_class)->finalize (object);
}

static void
scraper_store_class_init (ScraperStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scraper_store_finalize;
}

static void
scraper_store_init (ScraperStore *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->writes_cond);
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) store_conn_close);
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
}

char *
scraper_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "job-scraper", "jobs.db", NULL);
}

int
scraper_store_get_schema_version (void)
{
  return store_schema_version ();
}

gboolean
scraper_store_needs_upgrade (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version > 0 && version < store_schema_version ();
}

const char *
scraper_store_get_path (ScraperStore *self)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);
  return self->path;
}

ScraperStore *
scraper_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(ScraperStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(StoreConn) conn = NULL;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_FAILED,
                   _("Could not create the folder “%s” for the database: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a database file. Choose a file with --db."), path);
      return NULL;
    }

  /* A new database is private to its user (SQLite would create it, and
   * its -wal and -shm files, world-readable under the usual umask). */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0 && errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_FAILED,
                       _("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (fd >= 0)
        close (fd);
    }

  self = g_object_new (SCRAPER_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->writer = store_writer_lock_for_path (path);

  conn = store_conn_open (self, error);
  if (conn == NULL || !store_check_schema_code (conn, error) || !store_migrate (conn, error))
    return NULL;

  return g_steal_pointer (&self);
}
