/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "scraper-store-private.h"

/* What happened: the runs of each source and the history of every task. */

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
  if (!(conn = store_conn_get (self, error)))
    return -1;
  /* Nothing was left unfinished (the usual start): no write lock, so the
   * window's start does not wait for another program's writes. */
  if (!store_read_int_pragma (conn, "SELECT EXISTS (SELECT 1 FROM tasks "
                              "WHERE state IN ('pending', 'running', 'cancelling'))", &n, error))
    return -1;
  if (n == 0)
    return 0;
  if (!store_conn_begin (conn, error))
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

  n = 0;
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
