/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "scraper-store.h"

G_BEGIN_DECLS

/* One SQLite connection with its statement cache.  A connection is used by
 * one thread at a time: it is checked out of the store's pool for the
 * duration of one call (or one sync batch) and checked in again, so each
 * thread working concurrently has its own connection, and statements are
 * prepared once per connection. */
typedef struct
{
  ScraperStore *store;   /* unowned; the store outlives its connections */
  sqlite3      *db;
  GHashTable   *stmts;   /* SQL text (owned) -> sqlite3_stmt */
  GHashTable   *static_stmts;  /* address of SQL text -> sqlite3_stmt of stmts */
  gboolean      holds_writer;  /* holds the file's writer lock (a write is under way) */
} StoreConn;

/* One per database file in this process: every write transaction of every
 * connection (and every ScraperStore) on the file takes it first, so the
 * process's own writers queue up instead of racing each other against
 * SQLite's busy timeout.  Never freed: there are few files. */
typedef struct
{
  GRecMutex mutex;
} WriterLock;

/* The writer lock of the file at @path, shared by every store of the
 * process that opens it (scraper-store-lock.c). */
WriterLock    *store_writer_lock_for_path (const char *path);
/* Waits before asking another program's write lock again (attempt 0, 1,
 * ...); FALSE when the thread's current cancellable is cancelled. */
gboolean       store_busy_pause      (guint          attempt);
/* Counts (or aborts on) @stmt when run on the guarded thread. */
void           store_guard_check     (sqlite3_stmt  *stmt);

/* Now, in Unix seconds. */
gint64         store_now_seconds     (void);

/* What the user typed as an FTS5 query that is never a syntax error, or
 * NULL when nothing is left (scraper-store-query.c; fuzzed with FTS5 as
 * the oracle in bench/fuzz). */
char          *store_build_match_expression (const char *search);
/* "There is no job with the id …" (scraper-store-query.c). */
void           store_set_posting_not_found (GError **error,
                                            gint64   id);
/* For tests: up to how many matches a page of the default view with a
 * search looks them up and sorts them rather than walking the order's
 * index (scraper-store-query.c); 0 restores the store's own measure. */
void           store_set_joined_max_for_testing (guint n);
/* After how many postings walked per match a walk gives way to looking
 * the matches up and sorting them; 0 restores the store's own (2). */
void           store_set_walk_per_match_for_testing (guint n);

/* The migrations, in order, and the version they lead to
 * (scraper-store-migrations.c). */
const char * const *store_migrations (guint *n_migrations);
int            store_schema_version  (void);
/* Reads one integer (a pragma, a count) into VALUE. */
gboolean       store_read_int_pragma (StoreConn   *conn,
                                      const char  *sql,
                                      int         *value,
                                      GError     **error);
/* Refuses a schema version that is negative or newer than ours. */
gboolean       store_check_version   (StoreConn   *conn,
                                      int          version,
                                      GError     **error);
/* Takes the database to the current version, one transaction per step. */
gboolean       store_migrate         (StoreConn   *conn,
                                      GError     **error);
/* Refuses a database whose triggers or views are not the ones the
 * migrations up to its version create (scraper-store-trust.c); call it
 * before migrating. */
gboolean       store_check_schema_code (StoreConn   *conn,
                                        GError     **error);

StoreConn     *store_conn_get        (ScraperStore  *self,
                                      GError       **error);
void           store_conn_release    (StoreConn     *conn);

/* Returns the cached statement for @sql (reset, bindings cleared), preparing
 * it the first time. */
sqlite3_stmt  *store_conn_prepare    (StoreConn     *conn,
                                      const char    *sql,
                                      GError       **error);
/* The same for a string literal, looked up by its address: for the
 * statements run once per posting, whose texts are long to hash. */
sqlite3_stmt  *store_conn_prepare_static (StoreConn   *conn,
                                          const char  *sql,
                                          GError     **error);
/* scraper_rank(): bm25's order without its whole-index pass for a
 * single phrase (scraper-store-rank.c).  An SQLite result code. */
int            store_register_rank   (sqlite3       *db);
gboolean       store_conn_exec       (StoreConn     *conn,
                                      const char    *sql,
                                      GError       **error);
/* BEGIN IMMEDIATE: takes the write lock up front so the busy timeout
 * applies (a deferred transaction could fail with SQLITE_BUSY_SNAPSHOT).
 * Before that it takes the process's writer lock of the file, which the
 * commit or rollback releases: writers of one process wait for each other
 * without limit and never race against the busy timeout.  When another
 * program keeps the database busy past the timeout, it asks again a few
 * times after growing pauses, which the thread's current cancellable
 * (g_cancellable_push_current()) cuts short. */
gboolean       store_conn_begin      (StoreConn     *conn,
                                      GError       **error);
gboolean       store_conn_commit     (StoreConn     *conn,
                                      GError       **error);
void           store_conn_rollback   (StoreConn     *conn);

/* Steps a statement that returns no row (SQLITE_DONE expected). */
gboolean       store_step_done       (StoreConn     *conn,
                                      sqlite3_stmt  *stmt,
                                      GError       **error);
/* Steps: TRUE with *has_row for a row or done, FALSE with @error. */
gboolean       store_step_row        (StoreConn     *conn,
                                      sqlite3_stmt  *stmt,
                                      gboolean      *has_row,
                                      GError       **error);
/* A reader's column mapping: what it makes of the current row of its
 * statement. */
typedef void     (*StoreRowFunc)       (sqlite3_stmt  *stmt,
                                        gpointer       user_data);
typedef gpointer (*StoreRowNewFunc)    (sqlite3_stmt  *stmt);
/* Steps @stmt through all its rows, handing each to @func; FALSE with
 * @error when a step fails. */
gboolean       store_for_each_row    (StoreConn     *conn,
                                      sqlite3_stmt  *stmt,
                                      StoreRowFunc   func,
                                      gpointer       user_data,
                                      GError       **error);
/* The rows of @stmt, each made into an element by @func, in a new array
 * that frees them with @free_func; NULL with @error when a step fails. */
GPtrArray     *store_collect_rows    (StoreConn      *conn,
                                      sqlite3_stmt   *stmt,
                                      StoreRowNewFunc func,
                                      GDestroyNotify  free_func,
                                      GError        **error);
/* The same for @sql (no parameter) on a connection of its own. */
GPtrArray     *store_collect_query   (ScraperStore   *self,
                                      const char     *sql,
                                      StoreRowNewFunc func,
                                      GDestroyNotify  free_func,
                                      GError        **error);

/* Turns an SQLite result code into a GError a user can act on. */
void           store_set_error       (GError       **error,
                                      StoreConn     *conn,
                                      int            rc);
void           store_set_error_db    (GError       **error,
                                      sqlite3       *db,
                                      const char    *path,
                                      int            rc);

void           store_bind_text       (sqlite3_stmt  *stmt,
                                      int            index,
                                      const char    *text);
void           store_bind_double     (sqlite3_stmt  *stmt,
                                      int            index,
                                      double         value);
char          *store_column_dup      (sqlite3_stmt  *stmt,
                                      int            column);
double         store_column_double   (sqlite3_stmt  *stmt,
                                      int            column);

/* String arrays are stored as JSON arrays of strings. */
char          *store_strv_to_json    (const char * const *strv);
GStrv          store_strv_from_json  (const char    *json);

/* The content hash of what a source said about a posting (no user field,
 * no time), 16 hex digits, stable across runs and machines
 * (scraper-store-identity.c). */
char          *store_content_hash    (const ScraperPosting *posting);
/* Normalized company + title + first location, or NULL when incomplete. */
char          *store_dup_key         (const char    *company,
                                      const char    *title,
                                      const char * const *locations);

/* The columns of a posting as read by store_posting_from_stmt(), with the
 * postings table as "p", posting_texts as "t" and the sources table as "s".
 * The texts are long: join them only for the rows of a page. */
#define STORE_POSTING_COLUMNS \
  "p.id, p.source_id, p.external_id, p.url, p.apply_url, p.title, p.company, " \
  "p.locations, p.country, p.remote, p.employment_type, p.salary_min, " \
  "p.salary_max, p.salary_currency, p.salary_period, p.annual_min, " \
  "p.annual_max, p.date_posted, p.valid_through, t.description_text, " \
  "t.description_markup, p.direct_apply, p.seniority, p.skills, p.relevance, " \
  "p.favorite, p.status, p.applied_at, p.notes, p.content_hash, " \
  "p.first_seen, p.last_seen, p.archived, p.duplicate_of, s.name"
#define STORE_POSTING_N_COLUMNS 35
#define STORE_POSTING_FROM \
  " FROM postings p LEFT JOIN posting_texts t ON t.id = p.id " \
  "LEFT JOIN sources s ON s.id = p.source_id"

ScraperPosting *store_posting_from_stmt (sqlite3_stmt *stmt);

/* For tests: applies PRAGMA max_page_count to every connection, now and
 * later (0 = SQLite's default), to provoke SQLITE_FULL. */
void           scraper_store_set_max_page_count_for_testing (ScraperStore *self,
                                                              guint         pages);

/* The writer (scraper-store-writer.c) counts what it has queued. */
void           _scraper_store_write_queued (ScraperStore *self);
void           _scraper_store_write_done   (ScraperStore *self);

/* For tests: SQLite's busy timeout of every connection, now and later. */
void           scraper_store_set_busy_timeout_for_testing (ScraperStore *self,
                                                            guint         ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreConn, store_conn_release)

static inline void
store_stmt_reset (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* A cached statement is never finalized by its user: g_autoptr(sqlite3_stmt)
 * only resets it, so no read transaction stays open by accident. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, store_stmt_reset)

G_END_DECLS
