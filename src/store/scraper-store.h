/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/scraper-posting.h"
#include "model/scraper-source.h"

G_BEGIN_DECLS

#define SCRAPER_STORE_ERROR (scraper_store_error_quark ())

typedef enum {
  SCRAPER_STORE_ERROR_FAILED,
  SCRAPER_STORE_ERROR_NOT_A_DATABASE,
  SCRAPER_STORE_ERROR_TOO_NEW,      /* written by a newer version of the app */
  SCRAPER_STORE_ERROR_NOT_FOUND,
  SCRAPER_STORE_ERROR_FULL,         /* disk full */
  SCRAPER_STORE_ERROR_BUSY,
  SCRAPER_STORE_ERROR_INVALID,
} ScraperStoreError;

GQuark scraper_store_error_quark (void);

#define SCRAPER_TYPE_STORE (scraper_store_get_type ())
G_DECLARE_FINAL_TYPE (ScraperStore, scraper_store, SCRAPER, STORE, GObject)

/* The default database: $XDG_DATA_HOME/job-scraper/jobs.db. */
char           *scraper_store_get_default_path   (void);

/* Opens (creating the file and its folder) and migrates.  Thread-safe: each
 * thread that calls into the store gets its own connection (WAL), with its
 * statements prepared once and cached. */
ScraperStore   *scraper_store_open               (const char    *path,
                                                  GError       **error);
const char     *scraper_store_get_path           (ScraperStore  *self);
int             scraper_store_get_schema_version (void);
/* TRUE when the file at @path is a database of ours of an older schema
 * version: opening it will migrate it, which may take long on a big file.
 * FALSE for a missing, new, current, newer or foreign file.  Reads only. */
gboolean        scraper_store_needs_upgrade      (const char *path);

/* Sources */
gint64          scraper_store_add_source         (ScraperStore  *self,
                                                  ScraperSource *source,
                                                  GError       **error);
gboolean        scraper_store_update_source      (ScraperStore  *self,
                                                  ScraperSource *source,
                                                  GError       **error);
gboolean        scraper_store_remove_source      (ScraperStore  *self,
                                                  gint64         id,
                                                  GError       **error);
gboolean        scraper_store_set_source_enabled (ScraperStore  *self,
                                                  gint64         id,
                                                  gboolean       enabled,
                                                  GError       **error);
/* Renames a source only while it is still called @old_name: a name the
 * user gives in the meantime wins.  Sets *renamed. */
gboolean        scraper_store_rename_source_if   (ScraperStore  *self,
                                                  gint64         id,
                                                  const char    *old_name,
                                                  const char    *new_name,
                                                  gboolean      *renamed,
                                                  GError       **error);
ScraperSource  *scraper_store_get_source         (ScraperStore  *self,
                                                  gint64         id,
                                                  GError       **error);
/* Element type ScraperSource, ordered by id. */
GPtrArray      *scraper_store_list_sources       (ScraperStore  *self,
                                                  GError       **error);

/* Validators for conditional GET, per URL. */
gboolean        scraper_store_get_validators     (ScraperStore  *self,
                                                  const char    *url,
                                                  char         **etag,
                                                  char         **last_modified,
                                                  GError       **error);
gboolean        scraper_store_set_validators     (ScraperStore  *self,
                                                  const char    *url,
                                                  const char    *etag,
                                                  const char    *last_modified,
                                                  GError       **error);
typedef struct {
  const char *url;
  const char *etag;            /* both NULL: forget the URL's validators */
  const char *last_modified;
} ScraperValidators;
/* Many at once, in one transaction (a crawl keeps one per posting page). */
gboolean        scraper_store_set_validators_all (ScraperStore            *self,
                                                  const ScraperValidators *validators,
                                                  guint                    n,
                                                  GError                 **error);

/* Canonical URL used as the key of postings without an external id:
 * lower-case scheme and host, no fragment, no default port, no utm_* or
 * other tracking parameters.  Returns NULL for a string that is no URL. */
char           *scraper_store_canonicalize_url   (const char    *url);

/* Sync: one run of one source. */
typedef enum {
  SCRAPER_SYNC_COMPLETE,   /* every posting of the source was seen: archive the rest */
  SCRAPER_SYNC_PARTIAL,    /* limits reached: archive nothing */
  SCRAPER_SYNC_CANCELLED,  /* archive nothing */
  SCRAPER_SYNC_FAILED,     /* archive nothing */
} ScraperSyncOutcome;

typedef struct {
  guint found;
  guint inserted;
  guint updated;
  guint unchanged;
  guint archived;
  guint unarchived;
} ScraperSyncCounts;

typedef struct _ScraperSync ScraperSync;

/* Starts a run (a row in the runs table). */
ScraperSync    *scraper_store_begin_sync         (ScraperStore  *self,
                                                  gint64         source_id,
                                                  GError       **error);
/* Stores a batch of ScraperPosting in one short transaction.  Sets each
 * posting's id.  May be called from any one thread at a time. */
gboolean        scraper_sync_add                 (ScraperSync   *sync,
                                                  GPtrArray     *postings,
                                                  GError       **error);
/* The source answered "not modified" (HTTP 304): every posting it listed
 * last time counts as seen and unchanged in this run. */
gboolean        scraper_sync_keep_unchanged      (ScraperSync   *sync,
                                                  GError       **error);
/* A page of the source answered "not modified": the postings stored from
 * it (those whose address is @url) count as seen and unchanged in this run;
 * they are written with the next batch or by the finish.  Returns how many
 * postings the source has from @url; 0 means it knows none, and the page
 * must be read in full.  Same threading rule as scraper_sync_add(). */
guint           scraper_sync_keep_page           (ScraperSync   *sync,
                                                  const char    *url,
                                                  GError       **error);
void            scraper_sync_get_counts          (ScraperSync   *sync,
                                                  ScraperSyncCounts *counts);
/* Ends the run: archives what a complete run did not see, records the run
 * and the source's last outcome.  Frees @sync. */
gboolean        scraper_sync_finish              (ScraperSync        *sync,
                                                  ScraperSyncOutcome  outcome,
                                                  const char         *error_message,
                                                  ScraperSyncCounts  *counts,
                                                  GError            **error);
void            scraper_sync_free                (ScraperSync   *sync);

/* Queries */
typedef enum {
  SCRAPER_SORT_POSTED,      /* newest first (default) */
  SCRAPER_SORT_SALARY,      /* highest annual max first */
  SCRAPER_SORT_RELEVANCE,   /* with a search: bm25 rank; else relevance field */
  SCRAPER_SORT_COMPANY,
  SCRAPER_SORT_TITLE,
  SCRAPER_SORT_FIRST_SEEN,
} ScraperSortKey;

gboolean        scraper_sort_key_from_string     (const char     *str,
                                                  ScraperSortKey *key);

typedef struct {
  const char    *search;           /* FTS, prefix matching; NULL = all */
  gboolean       remote_only;      /* remote kind "remote" (and hybrid when include_hybrid) */
  gboolean       include_hybrid;
  double         min_salary;       /* annualized; 0 = no filter */
  gint           status;           /* ScraperPostingStatus, or -1 = any */
  gboolean       favorites_only;
  gint64         source_id;        /* 0 = any */
  guint          posted_within_days; /* 0 = any */
  const char    *location;         /* part of a location or the country, any case; NULL = any */
  const char    *employment_type;  /* one of the normalized types, e.g. "FULL_TIME"; NULL = any */
  gboolean       show_archived;
  gboolean       collapse_duplicates;
  gint64         first_seen_after; /* Unix seconds; 0 = any */
  gboolean       include_blocked;  /* postings the blocklist hides, too */
  gboolean       without_descriptions; /* leave the descriptions out: a list's rows */
  ScraperSortKey sort;
  guint          offset;
  guint          limit;            /* 0 = no limit */
} ScraperQuery;

void            scraper_query_init               (ScraperQuery  *query);
/* Element type ScraperPosting. */
GPtrArray      *scraper_store_query_postings     (ScraperStore       *self,
                                                  const ScraperQuery *query,
                                                  GError            **error);
guint           scraper_store_count_postings     (ScraperStore       *self,
                                                  const ScraperQuery *query,
                                                  GError            **error);
/* The same, stopped where they are when @cancellable is cancelled (from
 * any thread): they then fail with G_IO_ERROR_CANCELLED. */
GPtrArray      *scraper_store_query_postings_cancellable (ScraperStore       *self,
                                                  const ScraperQuery *query,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
guint           scraper_store_count_postings_cancellable (ScraperStore       *self,
                                                  const ScraperQuery *query,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
/* A test hook: @hook runs on the querying thread each time a cancellable
 * query above checks its cancellable; NULL removes it. */
void            scraper_store_set_query_progress_hook_for_testing (void     (*hook) (gpointer data),
                                                  gpointer   data);
/* counts[SCRAPER_N_STATUSES], non-archived postings */
gboolean        scraper_store_count_by_status    (ScraperStore  *self,
                                                  guint         *counts,
                                                  GError       **error);
ScraperPosting *scraper_store_get_posting        (ScraperStore  *self,
                                                  gint64         id,
                                                  GError       **error);
/* Names of other sources carrying the same opening ("also on ..."). */
GStrv           scraper_store_get_duplicate_sources (ScraperStore *self,
                                                  gint64         posting_id,
                                                  GError       **error);

/* Saved searches: a named set of the Jobs view's filters, with the time
 * the user last looked at its results.  What was first seen after that
 * counts as new. */
typedef struct {
  gint64    id;
  char     *name;
  char     *search;          /* NULL = any text */
  gboolean  remote_only;
  gboolean  favorites_only;
  gint      status;          /* ScraperPostingStatus, or -1 = any */
  double    min_salary;      /* annualized; 0 = any */
  char     *location;        /* NULL = anywhere */
  char     *employment_type; /* NULL = any type */
  guint     posted_within_days; /* 0 = any time */
  gint64    source_id;       /* 0 = any source */
  gint64    created;         /* Unix seconds */
  gint64    last_viewed;     /* Unix seconds */
  guint     n_matching;      /* filled by scraper_store_count_saved_search() */
  guint     n_new;
} ScraperSavedSearch;

ScraperSavedSearch *scraper_saved_search_new     (void);
void            scraper_saved_search_free        (ScraperSavedSearch *search);
ScraperSavedSearch *scraper_saved_search_copy    (const ScraperSavedSearch *search);
/* Fills @query with the filters of @search (the query keeps pointers into
 * @search); sort, paging and archived postings are left to the caller. */
void            scraper_saved_search_to_query    (const ScraperSavedSearch *search,
                                                  ScraperQuery             *query);

/* Stores a new saved search; its id, created and last_viewed (now) are set.
 * A name is required and unique (case-insensitive). */
gint64          scraper_store_add_saved_search   (ScraperStore        *self,
                                                  ScraperSavedSearch  *search,
                                                  GError             **error);
/* Element type ScraperSavedSearch, by name.  With @counts, n_matching and
 * n_new of each are filled in. */
GPtrArray      *scraper_store_list_saved_searches (ScraperStore       *self,
                                                  gboolean            counts,
                                                  GError            **error);
/* By id or, when @id_or_name is not a number, by name. */
ScraperSavedSearch *scraper_store_find_saved_search (ScraperStore     *self,
                                                  const char         *id_or_name,
                                                  GError            **error);
gboolean        scraper_store_count_saved_search (ScraperStore        *self,
                                                  ScraperSavedSearch  *search,
                                                  GError             **error);
gboolean        scraper_store_remove_saved_search (ScraperStore       *self,
                                                  gint64              id,
                                                  GError            **error);
/* The user looked at the results now: nothing of them is new any more. */
gboolean        scraper_store_mark_saved_search_viewed (ScraperStore  *self,
                                                  gint64              id,
                                                  GError            **error);

/* User fields */
gboolean        scraper_store_set_favorite       (ScraperStore  *self,
                                                  gint64         posting_id,
                                                  gboolean       favorite,
                                                  GError       **error);
gboolean        scraper_store_set_status         (ScraperStore  *self,
                                                  gint64         posting_id,
                                                  ScraperPostingStatus status,
                                                  GError       **error);
gboolean        scraper_store_set_notes          (ScraperStore  *self,
                                                  gint64         posting_id,
                                                  const char    *notes,
                                                  GError       **error);
/* Enrichment fields only (seniority, skills, relevance, remote/salary when
 * the source left them unknown). */
gboolean        scraper_store_update_enrichment  (ScraperStore   *self,
                                                  ScraperPosting *posting,
                                                  GError        **error);

/* Runs */
typedef struct {
  gint64  id;
  gint64  source_id;
  gint64  started;
  gint64  finished;
  char   *outcome;
  ScraperSyncCounts counts;
  char   *error;
} ScraperRun;
void            scraper_run_free                 (ScraperRun *run);
/* Newest first; element type ScraperRun (free func set). */
GPtrArray      *scraper_store_list_runs          (ScraperStore  *self,
                                                  gint64         source_id,
                                                  guint          limit,
                                                  GError       **error);

/* Task history: the core knows no SQL, the app records tasks here. */
typedef struct {
  char    *id;
  char    *kind;
  char    *title;
  char    *state;     /* scraper_task_state_to_string() names */
  gint64   created;   /* Unix microseconds, 0 = unset */
  gint64   started;
  gint64   finished;
  char    *result;    /* GVariant text form of an a{sv}, or NULL */
  char    *error;
} ScraperTaskRecord;
void            scraper_task_record_free         (ScraperTaskRecord *record);
gboolean        scraper_store_save_task          (ScraperStore            *self,
                                                  const ScraperTaskRecord *record,
                                                  GError                 **error);
/* Newest first; element type ScraperTaskRecord (free func set). */
GPtrArray      *scraper_store_list_tasks         (ScraperStore  *self,
                                                  guint          limit,
                                                  GError       **error);
gboolean        scraper_store_clear_finished_tasks (ScraperStore *self,
                                                  GError       **error);
/* Marks tasks left running or pending by a crash as interrupted; returns
 * how many, or -1 on error. */
gint            scraper_store_mark_interrupted   (ScraperStore  *self,
                                                  GError       **error);

/* Writes off the calling thread.  @func runs on the process's one writer
 * thread, after every write asked for before it (in order), with
 * @cancellable as the thread's current one; @callback runs in the caller's
 * thread-default main context.  The window makes all its writes this way,
 * so it never waits for the write lock a scrape holds. */
typedef gboolean (*ScraperStoreWriteFunc) (ScraperStore  *store,
                                           gpointer       data,
                                           GError       **error);
void            scraper_store_write_async        (ScraperStore          *self,
                                                  ScraperStoreWriteFunc  func,
                                                  gpointer               data,
                                                  GDestroyNotify         destroy,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
/* Also the finish of every *_async write below. */
gboolean        scraper_store_write_finish       (ScraperStore          *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);
/* Runs @func with @task on the same thread, after what was asked of it
 * before: what the window reads from the store (a page of postings, the
 * saved searches) runs there, like g_task_run_in_thread() but on our one
 * thread instead of GLib's shared pool. */
void            scraper_store_run_in_thread      (GTask                 *task,
                                                  GTaskThreadFunc        func);
/* Blocks until every write queued so far is done (at shutdown). */
void            scraper_store_wait_writes        (ScraperStore          *self);

void            scraper_store_set_favorite_async (ScraperStore        *self,
                                                  gint64               posting_id,
                                                  gboolean             favorite,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            scraper_store_set_status_async   (ScraperStore         *self,
                                                  gint64                posting_id,
                                                  ScraperPostingStatus  status,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void            scraper_store_set_notes_async    (ScraperStore        *self,
                                                  gint64               posting_id,
                                                  const char          *notes,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            scraper_store_set_source_enabled_async (ScraperStore  *self,
                                                  gint64               id,
                                                  gboolean             enabled,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            scraper_store_remove_source_async (ScraperStore       *self,
                                                  gint64               id,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void            scraper_store_clear_finished_tasks_async (ScraperStore *self,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Copies @record. */
void            scraper_store_save_task_async    (ScraperStore            *self,
                                                  const ScraperTaskRecord *record,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);

/* scraper_store_list_sources() on the writer's thread, after the writes
 * asked for before. */
void            scraper_store_list_sources_async (ScraperStore        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray      *scraper_store_list_sources_finish (ScraperStore       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* A test hook: with a mode other than OFF, every SQLite statement that runs
 * on the calling thread (the main thread, for the window) from now on is
 * counted (RECORD) or aborts the program (ABORT).  Process-wide; OFF ends
 * it.  Counts restart at each call. */
typedef enum {
  SCRAPER_STORE_GUARD_OFF,
  SCRAPER_STORE_GUARD_RECORD,
  SCRAPER_STORE_GUARD_ABORT,
} ScraperStoreGuard;
void            scraper_store_set_main_thread_guard (ScraperStoreGuard mode);
/* Statements counted since the guard was set; @n_writes: how many of them
 * write (or begin a transaction); @first_sql: the first one's SQL. */
guint           scraper_store_get_main_thread_calls (guint   *n_writes,
                                                     char   **first_sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperSync, scraper_sync_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperRun, scraper_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperTaskRecord, scraper_task_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperSavedSearch, scraper_saved_search_free)

G_END_DECLS
