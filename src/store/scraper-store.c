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

/* Ordered migrations: migrations[i] takes a database from version i to
 * version i + 1, in one transaction.  Never edit a released entry; append. */
static const char * const migrations[] = {
  /* 1: the core tables */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  url TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  settings TEXT,"
  "  last_run INTEGER NOT NULL DEFAULT 0,"
  "  last_outcome TEXT,"
  "  last_error TEXT,"
  "  last_count INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE validators ("
  "  url TEXT PRIMARY KEY,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  updated INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE TABLE postings ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,"
  "  sync_key TEXT NOT NULL,"
  "  external_id TEXT,"
  "  canonical_url TEXT,"
  "  url TEXT,"
  "  apply_url TEXT,"
  "  title TEXT,"
  "  company TEXT,"
  "  locations TEXT,"
  "  country TEXT,"
  "  remote INTEGER NOT NULL DEFAULT 0,"
  "  employment_type TEXT,"
  "  salary_min REAL,"
  "  salary_max REAL,"
  "  salary_currency TEXT,"
  "  salary_period INTEGER NOT NULL DEFAULT 0,"
  "  annual_min REAL,"
  "  annual_max REAL,"
  "  date_posted TEXT,"
  "  valid_through TEXT,"
  "  direct_apply INTEGER NOT NULL DEFAULT 0,"
  "  seniority TEXT,"
  "  skills TEXT,"
  "  relevance REAL,"
  "  favorite INTEGER NOT NULL DEFAULT 0,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  applied_at INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT,"
  "  content_hash TEXT,"
  "  first_seen INTEGER NOT NULL DEFAULT 0,"
  "  last_seen INTEGER NOT NULL DEFAULT 0,"
  "  seen_run INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  description_text TEXT,"
  "  description_markup TEXT);"
  "CREATE UNIQUE INDEX postings_key ON postings(source_id, sync_key);"
  "CREATE TABLE runs ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,"
  "  started INTEGER NOT NULL DEFAULT 0,"
  "  finished INTEGER NOT NULL DEFAULT 0,"
  "  outcome TEXT,"
  "  found INTEGER NOT NULL DEFAULT 0,"
  "  inserted INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0,"
  "  unchanged INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  unarchived INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT);"
  "CREATE INDEX runs_source ON runs(source_id, id);"
  "CREATE TABLE tasks ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  title TEXT,"
  "  state TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0,"
  "  started INTEGER NOT NULL DEFAULT 0,"
  "  finished INTEGER NOT NULL DEFAULT 0,"
  "  result TEXT,"
  "  error TEXT);",

  /* 2: cross-source duplicates and full-text search */
  "ALTER TABLE postings ADD COLUMN dup_key TEXT;"
  "ALTER TABLE postings ADD COLUMN duplicate_of INTEGER"
  "  REFERENCES postings(id) ON DELETE SET NULL;"
  "UPDATE postings SET dup_key = scraper_dup_key(company, title, locations);"
  "CREATE INDEX postings_dup_key ON postings(dup_key, source_id) WHERE dup_key IS NOT NULL;"
  "UPDATE postings SET duplicate_of = ("
  "  SELECT min(o.id) FROM postings o"
  "  WHERE o.dup_key = postings.dup_key AND o.id < postings.id"
  "    AND o.source_id IS NOT postings.source_id)"
  "  WHERE dup_key IS NOT NULL;"
  "CREATE INDEX postings_duplicate_of ON postings(duplicate_of) WHERE duplicate_of IS NOT NULL;"
  "CREATE INDEX postings_status ON postings(status) WHERE status <> 0;"
  "CREATE VIRTUAL TABLE postings_fts USING fts5("
  "  title, company, locations, description_text,"
  "  content='postings', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  VALUES (new.id, new.title, new.company, new.locations, new.description_text);"
  "END;"
  "CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  VALUES ('delete', old.id, old.title, old.company, old.locations, old.description_text);"
  "END;"
  "CREATE TRIGGER postings_fts_update"
  "  AFTER UPDATE OF title, company, locations, description_text ON postings BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  VALUES ('delete', old.id, old.title, old.company, old.locations, old.description_text);"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  VALUES (new.id, new.title, new.company, new.locations, new.description_text);"
  "END;"
  "INSERT INTO postings_fts(postings_fts) VALUES ('rebuild');",

  /* 3: the list reads narrow rows.  The long texts move to a side table read
   * only for the rows of a page; indexes serve each sort and filter of the
   * Jobs view with LIMIT, and the counts over narrow indexes.  The search
   * index becomes contentless (no second copy of the texts).  detail=column
   * would be smaller, as the search sends only prefix terms, but SQLite 3.40
   * then scores every contentless row 0 in bm25.  Tasks remember the
   * process that runs them. */
  "DROP TRIGGER postings_fts_insert;"
  "DROP TRIGGER postings_fts_delete;"
  "DROP TRIGGER postings_fts_update;"
  "DROP TABLE postings_fts;"
  "CREATE TABLE posting_texts ("
  "  id INTEGER PRIMARY KEY REFERENCES postings(id) ON DELETE CASCADE,"
  "  description_text TEXT,"
  "  description_markup TEXT);"
  "INSERT INTO posting_texts (id, description_text, description_markup)"
  "  SELECT id, description_text, description_markup FROM postings;"
  "ALTER TABLE postings DROP COLUMN description_text;"
  "ALTER TABLE postings DROP COLUMN description_markup;"
  "CREATE VIRTUAL TABLE postings_fts USING fts5("
  "  title, company, locations, description_text,"
  "  content='',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "INSERT INTO postings_fts(postings_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 3.0, 1.0)');"
  "INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  SELECT p.id, p.title, p.company, p.locations, t.description_text"
  "  FROM postings p JOIN posting_texts t ON t.id = p.id;"
  /* A contentless index is told the old values of what it forgets.  Every
   * posting has its posting_texts row, inserted right after it. */
  "CREATE TRIGGER posting_texts_fts_insert AFTER INSERT ON posting_texts BEGIN"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  SELECT p.id, p.title, p.company, p.locations, new.description_text"
  "  FROM postings p WHERE p.id = new.id;"
  "END;"
  "CREATE TRIGGER posting_texts_fts_update AFTER UPDATE OF description_text ON posting_texts"
  "  WHEN old.description_text IS NOT new.description_text BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  SELECT 'delete', p.id, p.title, p.company, p.locations, old.description_text"
  "  FROM postings p WHERE p.id = old.id;"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  SELECT p.id, p.title, p.company, p.locations, new.description_text"
  "  FROM postings p WHERE p.id = new.id;"
  "END;"
  "CREATE TRIGGER postings_fts_update AFTER UPDATE OF title, company, locations ON postings"
  "  WHEN old.title IS NOT new.title OR old.company IS NOT new.company"
  "    OR old.locations IS NOT new.locations BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  SELECT 'delete', old.id, old.title, old.company, old.locations, t.description_text"
  "  FROM posting_texts t WHERE t.id = old.id;"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  SELECT new.id, new.title, new.company, new.locations, t.description_text"
  "  FROM posting_texts t WHERE t.id = new.id;"
  "END;"
  /* BEFORE: the cascade has not yet removed the texts. */
  "CREATE TRIGGER postings_fts_delete BEFORE DELETE ON postings BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  SELECT 'delete', old.id, old.title, old.company, old.locations, t.description_text"
  "  FROM posting_texts t WHERE t.id = old.id;"
  "END;"
  "DROP INDEX postings_status;"
  "CREATE INDEX postings_by_posted ON postings(archived,"
  "  coalesce(date_posted, date(first_seen, 'unixepoch')), id);"
  "CREATE INDEX postings_by_salary ON postings(archived,"
  "  coalesce(annual_max, annual_min) IS NOT NULL, coalesce(annual_max, annual_min), id);"
  "CREATE INDEX postings_by_company ON postings(archived, company IS NULL,"
  "  company COLLATE NOCASE, title COLLATE NOCASE, id);"
  "CREATE INDEX postings_by_title ON postings(archived, title IS NULL,"
  "  title COLLATE NOCASE, company COLLATE NOCASE, id);"
  "CREATE INDEX postings_by_first_seen ON postings(archived, first_seen, id);"
  "CREATE INDEX postings_remote_salary ON postings(archived, remote,"
  "  coalesce(annual_max, annual_min));"
  "CREATE INDEX postings_status ON postings(archived, status,"
  "  coalesce(date_posted, date(first_seen, 'unixepoch')), id) WHERE status <> 0;"
  "CREATE INDEX postings_favorite ON postings(archived,"
  "  coalesce(date_posted, date(first_seen, 'unixepoch')), id) WHERE favorite <> 0;"
  "ALTER TABLE tasks ADD COLUMN owner_pid INTEGER;"
  "ALTER TABLE tasks ADD COLUMN owner_start INTEGER;",

  /* 4: saved searches, each with the time the user last looked at its
   * results (what is newer counts as new); and which content of a posting
   * a language model has already been asked about, so that an unchanged
   * posting is not sent again. */
  "CREATE TABLE saved_searches ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  search TEXT,"
  "  remote_only INTEGER NOT NULL DEFAULT 0,"
  "  favorites_only INTEGER NOT NULL DEFAULT 0,"
  "  status INTEGER NOT NULL DEFAULT -1,"
  "  min_salary REAL NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  last_viewed INTEGER NOT NULL);"
  "CREATE TABLE posting_llm ("
  "  id INTEGER PRIMARY KEY REFERENCES postings(id) ON DELETE CASCADE,"
  "  content_hash TEXT NOT NULL,"
  "  checked INTEGER NOT NULL,"
  "  outcome TEXT);",

  /* 5: tracking applications (scraper-store-applications.c).  Stage events
   * keep each change of status with its time and the offset it was given
   * in; what earlier versions knew (the status and when it first became
   * "applied") becomes events, at the times known (the first applied time,
   * else when the posting was first seen).  Reminders, contacts, blocks
   * (with the postings they hide, kept by scraper-store-blocks.c) and the
   * previous titles and salaries of postings, written by triggers when a
   * sync changes them and pruned to the last ten of each. */
  "CREATE TABLE stage_events ("
  "  id INTEGER PRIMARY KEY,"
  "  posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  at_offset INTEGER NOT NULL DEFAULT 0,"
  "  from_status INTEGER NOT NULL,"
  "  to_status INTEGER NOT NULL,"
  "  note TEXT);"
  "CREATE INDEX stage_events_posting ON stage_events(posting_id, at, id);"
  "CREATE INDEX stage_events_at ON stage_events(at);"
  "INSERT INTO stage_events (posting_id, at, from_status, to_status)"
  "  SELECT id, CASE WHEN applied_at > 0 THEN applied_at ELSE first_seen END,"
  "    0, CASE WHEN applied_at > 0 AND status >= 2 THEN 2 ELSE status END"
  "  FROM postings WHERE status BETWEEN 1 AND 6 ORDER BY id;"
  "INSERT INTO stage_events (posting_id, at, from_status, to_status)"
  "  SELECT id, applied_at, 2, status"
  "  FROM postings WHERE applied_at > 0 AND status BETWEEN 3 AND 6 ORDER BY id;"
  "CREATE TABLE reminders ("
  "  id INTEGER PRIMARY KEY,"
  "  posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  at_offset INTEGER NOT NULL DEFAULT 0,"
  "  note TEXT,"
  "  done INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "CREATE INDEX reminders_due ON reminders(done, at);"
  "CREATE INDEX reminders_posting ON reminders(posting_id);"
  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,"
  "  name TEXT,"
  "  role TEXT,"
  "  email TEXT,"
  "  link TEXT,"
  "  notes TEXT,"
  "  created INTEGER NOT NULL);"
  "CREATE INDEX contacts_posting ON contacts(posting_id, id);"
  "CREATE TABLE blocks ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('company', 'keyword')),"
  "  value TEXT NOT NULL,"
  "  folded TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (kind, folded));"
  "CREATE TABLE blocked_postings ("
  "  id INTEGER PRIMARY KEY REFERENCES postings(id) ON DELETE CASCADE);"
  "CREATE TABLE posting_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  changed INTEGER NOT NULL);"
  "CREATE INDEX posting_changes_posting ON posting_changes(posting_id, field, id);"
  "CREATE TRIGGER posting_changes_title AFTER UPDATE OF title ON postings"
  "  WHEN old.title IS NOT NULL AND old.title IS NOT new.title BEGIN"
  "  INSERT INTO posting_changes (posting_id, field, old_value, changed)"
  "  VALUES (new.id, 'title', old.title,"
  "    CASE WHEN new.last_seen > 0 THEN new.last_seen"
  "    ELSE CAST(strftime('%s', 'now') AS INTEGER) END);"
  "  DELETE FROM posting_changes WHERE posting_id = new.id AND field = 'title'"
  "    AND id NOT IN (SELECT id FROM posting_changes WHERE posting_id = new.id"
  "    AND field = 'title' ORDER BY id DESC LIMIT 10);"
  "END;"
  /* A salary the source did not state before is no change: enrichment
   * fills in unknown salaries, and those are not kept. */
  "CREATE TRIGGER posting_changes_salary"
  "  AFTER UPDATE OF salary_min, salary_max, salary_currency, salary_period ON postings"
  "  WHEN (old.salary_min IS NOT NULL OR old.salary_max IS NOT NULL)"
  "    AND (old.salary_min IS NOT new.salary_min OR old.salary_max IS NOT new.salary_max"
  "    OR old.salary_currency IS NOT new.salary_currency"
  "    OR old.salary_period IS NOT new.salary_period) BEGIN"
  "  INSERT INTO posting_changes (posting_id, field, old_value, changed)"
  "  VALUES (new.id, 'salary', json_object('min', old.salary_min, 'max', old.salary_max,"
  "    'currency', old.salary_currency, 'period', old.salary_period),"
  "    CASE WHEN new.last_seen > 0 THEN new.last_seen"
  "    ELSE CAST(strftime('%s', 'now') AS INTEGER) END);"
  "  DELETE FROM posting_changes WHERE posting_id = new.id AND field = 'salary'"
  "    AND id NOT IN (SELECT id FROM posting_changes WHERE posting_id = new.id"
  "    AND field = 'salary' ORDER BY id DESC LIMIT 10);"
  "END;",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

const char * const *
store_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

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

static gboolean
read_int_pragma (StoreConn   *conn,
                 const char  *sql,
                 int         *value,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (conn->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      store_set_error (error, conn, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_version (StoreConn  *conn,
               int         version,
               GError    **error)
{
  /* user_version is a signed 32-bit number that any program may set: a
   * negative one is no schema of ours (and would index the migrations
   * before their start). */
  if (version < 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW,
                   _("The database “%s” has an invalid schema version (%d): it was not written by Job Scraper, or it is damaged. Choose another database with --db."),
                   conn->store->path, version);
      return FALSE;
    }
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Job Scraper (schema %d; this version knows up to %d). Update Job Scraper, or choose another database with --db."),
                   conn->store->path, version, SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
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

  if (!read_int_pragma (conn, "PRAGMA user_version", &version, error) ||
      !check_version (conn, version, error))
    {
      g_clear_pointer (&conn, store_conn_close);
      return NULL;
    }

  /* A valid SQLite file of another program: refuse it rather than mixing our
   * tables into it. */
  if (version == 0)
    {
      if (!read_int_pragma (conn, "SELECT count(*) FROM sqlite_master", &n_objects, error))
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

static gboolean
store_migrate (StoreConn  *conn,
               GError    **error)
{
  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version = 0;

      if (!store_conn_begin (conn, error))
        return FALSE;

      /* Read again inside the write lock: another process may have
       * migrated meanwhile. */
      if (!read_int_pragma (conn, "PRAGMA user_version", &version, error) ||
          !check_version (conn, version, error))
        {
          store_conn_rollback (conn);
          return FALSE;
        }

      if (version == SCHEMA_VERSION)
        return store_conn_commit (conn, error);

      g_debug ("Migrating %s from schema %d to %d", conn->store->path, version, version + 1);

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!store_conn_exec (conn, migrations[version], error) ||
          !store_conn_exec (conn, set_version, error) ||
          !store_conn_commit (conn, error))
        {
          store_conn_rollback (conn);
          g_prefix_error (error, _("Could not update the database to the current version: "));
          return FALSE;
        }
    }
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
  return SCHEMA_VERSION;
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
