/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

/* The schema: its ordered migrations, the version checks, and the migration
 * of a database to the current version. */

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-store-private.h"

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

  /* 6: Best Match with no search reads its first page from an index, as
   * every other order does (it sorted every unarchived posting: 0.5-0.8 s
   * at a million, bench/scale).  IF NOT EXISTS: tests take a database
   * back to version 4 without it. */
  ("CREATE INDEX IF NOT EXISTS postings_by_relevance ON postings(archived,"
   "  relevance IS NULL, relevance DESC, id DESC);"),

  /* 6 -> 7: the saved searches' later filters, each in a column of its
   * own. */
  "ALTER TABLE saved_searches ADD COLUMN location TEXT;"
  "ALTER TABLE saved_searches ADD COLUMN employment_type TEXT;"
  "ALTER TABLE saved_searches ADD COLUMN posted_within_days INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE saved_searches ADD COLUMN source_id INTEGER;",

  /* 7 -> 8: Insights count each week's new postings per source from an
   * index (a week at a million postings: 128 ms -> 5 ms).  IF NOT EXISTS:
   * tests take a database back to version 4 without undoing it. */
  "CREATE INDEX IF NOT EXISTS postings_by_first_seen_source ON postings(archived, first_seen, source_id);",

  /* 8 -> 9: a second search index of the unarchived postings only, which
   * the default view searches (a tenth of a year's postings), with prefix
   * indexes for the first letters of the word being typed: FTS5 otherwise
   * merges the lists of every word a prefix starts before its first row
   * ("t"* 409 ms, "the"* 15 ms at 100 000 postings; 1 ms each with them,
   * bench/scale).  Triggers keep it: a posting enters when it is stored or
   * unarchived, and leaves when it is archived or deleted, each time with
   * the values it was indexed with, as a contentless index needs.  Built
   * from scratch (IF EXISTS: tests take a database back to an earlier
   * version without undoing it). */
  "DROP TRIGGER IF EXISTS posting_texts_fts_live_insert;"
  "DROP TRIGGER IF EXISTS posting_texts_fts_live_update;"
  "DROP TRIGGER IF EXISTS postings_fts_live_update;"
  "DROP TRIGGER IF EXISTS postings_fts_live_delete;"
  "DROP TABLE IF EXISTS postings_fts_live;"
  "CREATE VIRTUAL TABLE postings_fts_live USING fts5("
  "  title, company, locations, description_text,"
  "  content='', prefix='1 2 3',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "INSERT INTO postings_fts_live(postings_fts_live, rank) VALUES ('rank', 'bm25(10.0, 5.0, 3.0, 1.0)');"
  "INSERT INTO postings_fts_live(rowid, title, company, locations, description_text)"
  "  SELECT p.id, p.title, p.company, p.locations, t.description_text"
  "  FROM postings p JOIN posting_texts t ON t.id = p.id WHERE p.archived = 0 ORDER BY p.id;"
  "CREATE TRIGGER posting_texts_fts_live_insert AFTER INSERT ON posting_texts BEGIN"
  "  INSERT INTO postings_fts_live(rowid, title, company, locations, description_text)"
  "  SELECT p.id, p.title, p.company, p.locations, new.description_text"
  "  FROM postings p WHERE p.id = new.id AND p.archived = 0;"
  "END;"
  "CREATE TRIGGER posting_texts_fts_live_update AFTER UPDATE OF description_text ON posting_texts"
  "  WHEN old.description_text IS NOT new.description_text BEGIN"
  "  INSERT INTO postings_fts_live(postings_fts_live, rowid, title, company, locations, description_text)"
  "  SELECT 'delete', p.id, p.title, p.company, p.locations, old.description_text"
  "  FROM postings p WHERE p.id = old.id AND p.archived = 0;"
  "  INSERT INTO postings_fts_live(rowid, title, company, locations, description_text)"
  "  SELECT p.id, p.title, p.company, p.locations, new.description_text"
  "  FROM postings p WHERE p.id = new.id AND p.archived = 0;"
  "END;"
  /* One trigger for the texts and the archived flag: an update that
   * changes both takes out what was indexed and puts in what is now. */
  "CREATE TRIGGER postings_fts_live_update"
  "  AFTER UPDATE OF title, company, locations, archived ON postings"
  "  WHEN (old.archived = 0 OR new.archived = 0)"
  "    AND (old.archived IS NOT new.archived OR old.title IS NOT new.title"
  "    OR old.company IS NOT new.company OR old.locations IS NOT new.locations) BEGIN"
  "  INSERT INTO postings_fts_live(postings_fts_live, rowid, title, company, locations, description_text)"
  "  SELECT 'delete', old.id, old.title, old.company, old.locations, t.description_text"
  "  FROM posting_texts t WHERE t.id = old.id AND old.archived = 0;"
  "  INSERT INTO postings_fts_live(rowid, title, company, locations, description_text)"
  "  SELECT new.id, new.title, new.company, new.locations, t.description_text"
  "  FROM posting_texts t WHERE t.id = new.id AND new.archived = 0;"
  "END;"
  "CREATE TRIGGER postings_fts_live_delete BEFORE DELETE ON postings"
  "  WHEN old.archived = 0 BEGIN"
  "  INSERT INTO postings_fts_live(postings_fts_live, rowid, title, company, locations, description_text)"
  "  SELECT 'delete', old.id, old.title, old.company, old.locations, t.description_text"
  "  FROM posting_texts t WHERE t.id = old.id;"
  "END;",

  /* 9 -> 10: a search's matches in an order of the user's are looked up
   * in a narrow copy of each posting's sort keys and filtered columns,
   * not in the posting's wide row ("senior" by title with the archived
   * shown, 62 500 matches at a million: 140 -> 60 ms, bench/scale).  The
   * index leads with the id, so it is read in the order of the search
   * index's lists.  IF NOT EXISTS: tests take a database back to an
   * earlier version without undoing it. */
  "CREATE INDEX IF NOT EXISTS postings_by_id_keys ON postings(id, archived, duplicate_of,"
  "  source_id, remote, status, favorite, first_seen, date_posted, annual_max, annual_min,"
  "  company, title);",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

int
store_schema_version (void)
{
  return SCHEMA_VERSION;
}

const char * const *
store_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

gboolean
store_read_int_pragma (StoreConn   *conn,
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

gboolean
store_check_version (StoreConn  *conn,
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
                   scraper_store_get_path (conn->store), version);
      return FALSE;
    }
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Job Scraper (schema %d; this version knows up to %d). Update Job Scraper, or choose another database with --db."),
                   scraper_store_get_path (conn->store), version, SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

gboolean
store_migrate (StoreConn  *conn,
               GError    **error)
{
  int current = 0;

  /* Up to date (every open but the first of a new version): no write
   * lock, so opening never waits for another program's writes, nor for
   * this process's own scrapes. */
  if (!store_read_int_pragma (conn, "PRAGMA user_version", &current, error))
    return FALSE;
  if (current == SCHEMA_VERSION)
    return TRUE;

  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version = 0;

      if (!store_conn_begin (conn, error))
        return FALSE;

      /* Read again inside the write lock: another process may have
       * migrated meanwhile. */
      if (!store_read_int_pragma (conn, "PRAGMA user_version", &version, error) ||
          !store_check_version (conn, version, error))
        {
          store_conn_rollback (conn);
          return FALSE;
        }

      if (version == SCHEMA_VERSION)
        return store_conn_commit (conn, error);

      g_debug ("Migrating %s from schema %d to %d", scraper_store_get_path (conn->store), version, version + 1);

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
