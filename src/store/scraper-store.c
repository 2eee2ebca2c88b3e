/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <errno.h>
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

struct _ScraperStore
{
  GObject    parent_instance;

  char      *path;
  GMutex     lock;
  GPtrArray *idle;             /* StoreConn, protected by lock */
  guint      max_page_count;   /* for tests, protected by lock */
};

G_DEFINE_FINAL_TYPE (ScraperStore, scraper_store, G_TYPE_OBJECT)

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
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

static gint64
now_seconds (void)
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

/* Binding and reading */

void
store_bind_text (sqlite3_stmt *stmt,
                 int           index,
                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
store_bind_double (sqlite3_stmt *stmt,
                   int           index,
                   double        value)
{
  if (isnan (value) || isinf (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

char *
store_column_dup (sqlite3_stmt *stmt,
                  int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

double
store_column_double (sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

char *
store_strv_to_json (const char * const *strv)
{
  GString *str;

  if (strv == NULL || strv[0] == NULL)
    return NULL;

  str = g_string_new ("[");
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, '"');
      for (const char *p = strv[i]; *p; p++)
        {
          guchar c = (guchar) *p;

          if (c == '"' || c == '\\')
            {
              g_string_append_c (str, '\\');
              g_string_append_c (str, (char) c);
            }
          else if (c < 0x20)
            g_string_append_printf (str, "\\u%04x", c);
          else
            g_string_append_c (str, (char) c);
        }
      g_string_append_c (str, '"');
    }
  g_string_append_c (str, ']');

  return g_string_free (str, FALSE);
}

/* The arrays store_strv_to_json() writes, read without a JSON parser (a
 * page of 500 rows has 1500 of them); NULL for anything else, which the
 * full parser then reads. */
static GStrv
strv_from_json_fast (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);
  const char *p = json;

  if (*p++ != '[')
    return NULL;
  if (*p == ']')
    return p[1] == '\0' ? g_strv_builder_end (builder) : NULL;

  for (;;)
    {
      if (*p++ != '"')
        return NULL;
      g_string_truncate (item, 0);
      for (;;)
        {
          const char *run = p;

          while (*p != '"' && *p != '\\' && (guchar) *p >= 0x20)
            p++;
          g_string_append_len (item, run, p - run);
          if (*p == '"')
            break;
          if (*p != '\\')
            return NULL;
          p++;
          switch (*p)
            {
            case '"': case '\\': case '/':
              g_string_append_c (item, *p);
              p++;
              break;
            case 'u':
              {
                gunichar c = 0;

                for (guint i = 1; i <= 4; i++)
                  {
                    int digit = g_ascii_xdigit_value (p[i]);

                    if (digit < 0)
                      return NULL;
                    c = c * 16 + (gunichar) digit;
                  }
                /* Surrogate pairs and NUL: leave them to the full parser. */
                if (c == 0 || (c >= 0xd800 && c <= 0xdfff))
                  return NULL;
                g_string_append_unichar (item, c);
                p += 5;
              }
              break;
            default:
              return NULL;
            }
        }
      p++;
      g_strv_builder_add (builder, item->str);
      if (*p == ']')
        return p[1] == '\0' ? g_strv_builder_end (builder) : NULL;
      if (*p++ != ',')
        return NULL;
    }
}

GStrv
store_strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;
  GStrv strv;

  if (json == NULL || *json == '\0')
    return NULL;

  if ((strv = strv_from_json_fast (json)) != NULL)
    return strv;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static void
append_normalized (GString    *str,
                   const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && str->len > 0 && str->str[str->len - 1] != '\x1f')
        g_string_append_c (str, ' ');
      space = FALSE;
      g_string_append_unichar (str, c);
    }
}

char *
store_dup_key (const char         *company,
               const char         *title,
               const char * const *locations)
{
  GString *str;

  if (company == NULL || *company == '\0' || title == NULL || *title == '\0')
    return NULL;

  str = g_string_new (NULL);
  append_normalized (str, company);
  g_string_append_c (str, '\x1f');
  append_normalized (str, title);
  g_string_append_c (str, '\x1f');
  if (locations != NULL && locations[0] != NULL)
    append_normalized (str, locations[0]);

  return g_string_free (str, FALSE);
}

/* scraper_dup_key(company, title, locations_json) for migrations */
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

gboolean
store_step_done (StoreConn     *conn,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

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
  int rc = sqlite3_step (stmt);

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

gboolean
store_conn_begin (StoreConn  *conn,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_conn_prepare (conn, "BEGIN IMMEDIATE", error);

  return stmt != NULL && store_step_done (conn, stmt, error);
}

gboolean
store_conn_commit (StoreConn  *conn,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_conn_prepare (conn, "COMMIT", error);

  if (stmt == NULL || !store_step_done (conn, stmt, error))
    {
      store_conn_rollback (conn);
      return FALSE;
    }
  return TRUE;
}

void
store_conn_rollback (StoreConn *conn)
{
  /* After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled
   * back; ROLLBACK would then fail harmlessly. */
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
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
  rc = sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);
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
                        "PRAGMA mmap_size = 268435456;",
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
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) store_conn_close);
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

  self = g_object_new (SCRAPER_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  conn = store_conn_open (self, error);
  if (conn == NULL || !store_migrate (conn, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Sources */

#define SOURCE_COLUMNS "id, name, url, kind, enabled, settings, last_run, last_outcome, last_error, last_count, created"

static ScraperSource *
source_from_stmt (sqlite3_stmt *stmt)
{
  ScraperSource *source = scraper_source_new ();

  source->id = sqlite3_column_int64 (stmt, 0);
  source->name = store_column_dup (stmt, 1);
  source->url = store_column_dup (stmt, 2);
  source->kind = store_column_dup (stmt, 3);
  source->enabled = sqlite3_column_int (stmt, 4) != 0;
  source->settings = store_column_dup (stmt, 5);
  source->last_run = sqlite3_column_int64 (stmt, 6);
  source->last_outcome = store_column_dup (stmt, 7);
  source->last_error = store_column_dup (stmt, 8);
  source->last_count = sqlite3_column_int (stmt, 9);
  source->created = sqlite3_column_int64 (stmt, 10);

  return source;
}

static gboolean
validate_source (ScraperSource  *source,
                 GError        **error)
{
  if (source->url == NULL || *source->url == '\0')
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("A source needs an address."));
      return FALSE;
    }
  if (!scraper_source_kind_is_valid (source->kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) scraper_source_get_kinds ());

      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of source. Use one of: %s."),
                   source->kind ? source->kind : "", kinds);
      return FALSE;
    }
  return TRUE;
}

static char *
default_source_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri))
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (url);
}

static void
set_source_conflict_error (GError        **error,
                           ScraperSource  *source)
{
  g_clear_error (error);
  g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
               _("A source with the address “%s” already exists."), source->url);
}

gint64
scraper_store_add_source (ScraperStore   *self,
                          ScraperSource  *source,
                          GError        **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  gint64 created = now_seconds ();

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);
  g_return_val_if_fail (source != NULL, 0);

  if (!validate_source (source, error))
    return 0;

  name = source->name && *source->name ? g_strdup (source->name) : default_source_name (source->url);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "INSERT INTO sources (name, url, kind, enabled, settings, created) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", error)))
    return 0;

  store_bind_text (stmt, 1, name);
  store_bind_text (stmt, 2, source->url);
  store_bind_text (stmt, 3, source->kind);
  sqlite3_bind_int (stmt, 4, source->enabled ? 1 : 0);
  store_bind_text (stmt, 5, source->settings);
  sqlite3_bind_int64 (stmt, 6, created);

  if (!store_step_done (conn, stmt, error))
    {
      if (g_error_matches (*error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID))
        set_source_conflict_error (error, source);
      return 0;
    }

  source->id = sqlite3_last_insert_rowid (conn->db);
  source->created = created;
  if (source->name == NULL || *source->name == '\0')
    {
      g_free (source->name);
      source->name = g_steal_pointer (&name);
    }

  return source->id;
}

gboolean
scraper_store_update_source (ScraperStore   *self,
                             ScraperSource  *source,
                             GError        **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!validate_source (source, error))
    return FALSE;

  name = source->name && *source->name ? g_strdup (source->name) : default_source_name (source->url);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "UPDATE sources SET name = ?, url = ?, kind = ?, enabled = ?, "
                                   "settings = ? WHERE id = ?", error)))
    return FALSE;

  store_bind_text (stmt, 1, name);
  store_bind_text (stmt, 2, source->url);
  store_bind_text (stmt, 3, source->kind);
  sqlite3_bind_int (stmt, 4, source->enabled ? 1 : 0);
  store_bind_text (stmt, 5, source->settings);
  sqlite3_bind_int64 (stmt, 6, source->id);

  if (!store_step_done (conn, stmt, error))
    {
      if (g_error_matches (*error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID))
        set_source_conflict_error (error, source);
      return FALSE;
    }

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) source->id);
      return FALSE;
    }

  return TRUE;
}

gboolean
scraper_store_remove_source (ScraperStore  *self,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return FALSE;

  /* Postings carrying user data outlive their source, archived: what the
   * user wrote or marked is never lost. */
  stmt = store_conn_prepare (conn,
                             "UPDATE postings SET source_id = NULL, archived = 1 "
                             "WHERE source_id = ?1 AND (favorite <> 0 OR status <> 0 "
                             "  OR coalesce(notes, '') <> '')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn, "DELETE FROM postings WHERE source_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn, "DELETE FROM sources WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) id);
      goto fail;
    }

  return store_conn_commit (conn, error);

fail:
  store_conn_rollback (conn);
  return FALSE;
}

gboolean
scraper_store_set_source_enabled (ScraperStore  *self,
                                  gint64         id,
                                  gboolean       enabled,
                                  GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "UPDATE sources SET enabled = ? WHERE id = ?", error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!store_step_done (conn, stmt, error))
    return FALSE;

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

ScraperSource *
scraper_store_get_source (ScraperStore  *self,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT " SOURCE_COLUMNS " FROM sources WHERE id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_row (conn, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) id);
      return NULL;
    }

  return source_from_stmt (stmt);
}

GPtrArray *
scraper_store_list_sources (ScraperStore  *self,
                            GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT " SOURCE_COLUMNS " FROM sources ORDER BY id", error)))
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_source_unref);
  for (;;)
    {
      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (sources, source_from_stmt (stmt));
    }

  return g_steal_pointer (&sources);
}

/* Validators */

gboolean
scraper_store_get_validators (ScraperStore  *self,
                              const char    *url,
                              char         **etag,
                              char         **last_modified,
                              GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (etag)
    *etag = NULL;
  if (last_modified)
    *last_modified = NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT etag, last_modified FROM validators WHERE url = ?", error)))
    return FALSE;

  store_bind_text (stmt, 1, url);
  if (!store_step_row (conn, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      if (etag)
        *etag = store_column_dup (stmt, 0);
      if (last_modified)
        *last_modified = store_column_dup (stmt, 1);
    }

  return TRUE;
}

gboolean
scraper_store_set_validators (ScraperStore  *self,
                              const char    *url,
                              const char    *etag,
                              const char    *last_modified,
                              GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!(conn = store_conn_get (self, error)))
    return FALSE;

  if (etag == NULL && last_modified == NULL)
    stmt = store_conn_prepare (conn, "DELETE FROM validators WHERE url = ?1", error);
  else
    stmt = store_conn_prepare (conn,
                               "INSERT INTO validators (url, etag, last_modified, updated) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (url) DO UPDATE SET "
                               "etag = excluded.etag, last_modified = excluded.last_modified, "
                               "updated = excluded.updated", error);
  if (stmt == NULL)
    return FALSE;

  store_bind_text (stmt, 1, url);
  if (etag != NULL || last_modified != NULL)
    {
      store_bind_text (stmt, 2, etag);
      store_bind_text (stmt, 3, last_modified);
      sqlite3_bind_int64 (stmt, 4, now_seconds ());
    }

  return store_step_done (conn, stmt, error);
}

/* Runs */

void
scraper_run_free (ScraperRun *run)
{
  if (run == NULL)
    return;
  g_free (run->outcome);
  g_free (run->error);
  g_free (run);
}

GPtrArray *
scraper_store_list_runs (ScraperStore  *self,
                         gint64         source_id,
                         guint          limit,
                         GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT id, source_id, started, finished, outcome, found, inserted, "
                                   "updated, unchanged, archived, unarchived, error FROM runs "
                                   "WHERE ?1 = 0 OR source_id = ?1 ORDER BY id DESC LIMIT ?2", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_run_free);
  for (;;)
    {
      ScraperRun *run;

      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      run = g_new0 (ScraperRun, 1);
      run->id = sqlite3_column_int64 (stmt, 0);
      run->source_id = sqlite3_column_int64 (stmt, 1);
      run->started = sqlite3_column_int64 (stmt, 2);
      run->finished = sqlite3_column_int64 (stmt, 3);
      run->outcome = store_column_dup (stmt, 4);
      run->counts.found = sqlite3_column_int (stmt, 5);
      run->counts.inserted = sqlite3_column_int (stmt, 6);
      run->counts.updated = sqlite3_column_int (stmt, 7);
      run->counts.unchanged = sqlite3_column_int (stmt, 8);
      run->counts.archived = sqlite3_column_int (stmt, 9);
      run->counts.unarchived = sqlite3_column_int (stmt, 10);
      run->error = store_column_dup (stmt, 11);
      g_ptr_array_add (runs, run);
    }

  return g_steal_pointer (&runs);
}

/* Task history */

void
scraper_task_record_free (ScraperTaskRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->kind);
  g_free (record->title);
  g_free (record->state);
  g_free (record->result);
  g_free (record->error);
  g_free (record);
}

/* The start time of a process (clock ticks after boot, field 22 of
 * /proc/PID/stat), to tell a live owner from a later process that reuses
 * its pid; 0 when unknown. */
static gint64
process_start_time (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  /* The command name (field 2) may hold spaces and parentheses: count
   * fields from the last ')'. */
  p = strrchr (contents, ')');
  if (p == NULL)
    return 0;
  p++;
  for (guint field = 3; field <= 22; field++)
    {
      while (*p == ' ')
        p++;
      if (*p == '\0')
        return 0;
      if (field == 22)
        return g_ascii_strtoll (p, NULL, 10);
      while (*p != ' ' && *p != '\0')
        p++;
    }
  return 0;
}

/* Whether the process that recorded a task still runs. */
static gboolean
task_owner_alive (gint64 pid,
                  gint64 start)
{
  gint64 now_start;

  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (kill ((pid_t) pid, 0) != 0 && errno != EPERM)
    return FALSE;
  /* Alive, unless the pid now belongs to another process. */
  now_start = process_start_time ((pid_t) pid);
  return start == 0 || now_start == 0 || now_start == start;
}

gboolean
scraper_store_save_task (ScraperStore             *self,
                         const ScraperTaskRecord  *record,
                         GError                  **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->id != NULL, FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "INSERT INTO tasks (id, kind, title, state, created, started, "
                                   "finished, result, error, owner_pid, owner_start) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
                                   "title = excluded.title, state = excluded.state, "
                                   "created = excluded.created, started = excluded.started, "
                                   "finished = excluded.finished, result = excluded.result, "
                                   "error = excluded.error, owner_pid = excluded.owner_pid, "
                                   "owner_start = excluded.owner_start", error)))
    return FALSE;

  store_bind_text (stmt, 1, record->id);
  store_bind_text (stmt, 2, record->kind ? record->kind : "");
  store_bind_text (stmt, 3, record->title);
  store_bind_text (stmt, 4, record->state ? record->state : "pending");
  sqlite3_bind_int64 (stmt, 5, record->created);
  sqlite3_bind_int64 (stmt, 6, record->started);
  sqlite3_bind_int64 (stmt, 7, record->finished);
  store_bind_text (stmt, 8, record->result);
  store_bind_text (stmt, 9, record->error);
  sqlite3_bind_int64 (stmt, 10, (gint64) getpid ());
  sqlite3_bind_int64 (stmt, 11, process_start_time (getpid ()));

  return store_step_done (conn, stmt, error);
}

GPtrArray *
scraper_store_list_tasks (ScraperStore  *self,
                          guint          limit,
                          GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT id, kind, title, state, created, started, finished, "
                                   "result, error FROM tasks ORDER BY created DESC, rowid DESC "
                                   "LIMIT ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_task_record_free);
  for (;;)
    {
      ScraperTaskRecord *record;

      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      record = g_new0 (ScraperTaskRecord, 1);
      record->id = store_column_dup (stmt, 0);
      record->kind = store_column_dup (stmt, 1);
      record->title = store_column_dup (stmt, 2);
      record->state = store_column_dup (stmt, 3);
      record->created = sqlite3_column_int64 (stmt, 4);
      record->started = sqlite3_column_int64 (stmt, 5);
      record->finished = sqlite3_column_int64 (stmt, 6);
      record->result = store_column_dup (stmt, 7);
      record->error = store_column_dup (stmt, 8);
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

gboolean
scraper_store_clear_finished_tasks (ScraperStore  *self,
                                    GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "DELETE FROM tasks WHERE state NOT IN "
                                   "('pending', 'running', 'cancelling')", error)))
    return FALSE;

  return store_step_done (conn, stmt, error);
}

gint
scraper_store_mark_interrupted (ScraperStore  *self,
                                GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(GArray) orphans = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 now = g_get_real_time ();
  gint n = 0;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), -1);

  /* The command line and the window may share one database: only tasks
   * whose process is gone were interrupted. */
  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return -1;

  stmt = store_conn_prepare (conn,
                             "SELECT rowid, owner_pid, owner_start FROM tasks "
                             "WHERE state IN ('pending', 'running', 'cancelling')", error);
  if (stmt == NULL)
    goto fail;
  for (;;)
    {
      gint64 rowid;

      if (!store_step_row (conn, stmt, &has_row, error))
        goto fail;
      if (!has_row)
        break;
      rowid = sqlite3_column_int64 (stmt, 0);
      if (!task_owner_alive (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)))
        g_array_append_val (orphans, rowid);
    }
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn,
                             "UPDATE tasks SET state = 'interrupted', "
                             "finished = CASE WHEN finished = 0 THEN ?2 ELSE finished END "
                             "WHERE rowid = ?1", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < orphans->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (orphans, gint64, i));
      sqlite3_bind_int64 (stmt, 2, now);
      if (!store_step_done (conn, stmt, error))
        goto fail;
      n += sqlite3_changes (conn->db);
      sqlite3_reset (stmt);
    }
  store_stmt_reset (stmt);

  if (!store_conn_commit (conn, error))
    return -1;
  return n;

fail:
  store_conn_rollback (conn);
  return -1;
}
