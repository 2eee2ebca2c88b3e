/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <stdlib.h>

#include "model/scraper-wait.h"
#include "scraper-store-private.h"

/* What keeps the writers of one process from racing each other and the
 * main thread away from SQLite: the writer lock of each database file, the
 * pauses before asking another program's lock again, and the main-thread
 * guard that tests turn on. */

#define BUSY_FIRST_PAUSE_MS  250
#define BUSY_MAX_PAUSE_MS    4000

/* The main-thread guard (a test hook): statements run on the thread that
 * turned it on are counted, or abort. */
static ScraperStoreGuard guard_mode;        /* atomic */
static gpointer          guard_thread;      /* atomic, GThread */
static gint              guard_calls;       /* atomic */
static gint              guard_writes;      /* atomic */
static GMutex            guard_lock;
static char             *guard_first_sql;   /* protected by guard_lock */

void
scraper_store_set_main_thread_guard (ScraperStoreGuard mode)
{
  g_mutex_lock (&guard_lock);
  g_clear_pointer (&guard_first_sql, g_free);
  g_mutex_unlock (&guard_lock);
  g_atomic_int_set (&guard_calls, 0);
  g_atomic_int_set (&guard_writes, 0);
  g_atomic_pointer_set (&guard_thread, mode != SCRAPER_STORE_GUARD_OFF ? g_thread_self () : NULL);
  g_atomic_int_set ((gint *) &guard_mode, (gint) mode);
}

guint
scraper_store_get_main_thread_calls (guint  *n_writes,
                                     char  **first_sql)
{
  if (n_writes != NULL)
    *n_writes = (guint) g_atomic_int_get (&guard_writes);
  if (first_sql != NULL)
    {
      g_mutex_lock (&guard_lock);
      *first_sql = g_strdup (guard_first_sql);
      g_mutex_unlock (&guard_lock);
    }
  return (guint) g_atomic_int_get (&guard_calls);
}

void
store_guard_check (sqlite3_stmt *stmt)
{
  gboolean writes;

  if (G_LIKELY (g_atomic_pointer_get (&guard_thread) != (gpointer) g_thread_self ()))
    return;

  writes = !sqlite3_stmt_readonly (stmt) ||
           g_str_has_prefix (sqlite3_sql (stmt), "BEGIN");
  if (g_atomic_int_get ((gint *) &guard_mode) == SCRAPER_STORE_GUARD_ABORT)
    g_error ("SQLite on the guarded thread: %s", sqlite3_sql (stmt));

  g_atomic_int_inc (&guard_calls);
  if (writes)
    g_atomic_int_inc (&guard_writes);

  g_mutex_lock (&guard_lock);
  if (guard_first_sql == NULL)
    guard_first_sql = g_strdup (sqlite3_sql (stmt));
  g_mutex_unlock (&guard_lock);
}

/* Pauses before asking another program's write lock again: FALSE at once
 * when the calling thread's current cancellable (g_cancellable_push_current(),
 * which task workers set) is or becomes cancelled. */
gboolean
store_busy_pause (guint attempt)
{
  return scraper_sleep (scraper_backoff_ms (BUSY_FIRST_PAUSE_MS * 2, attempt, BUSY_MAX_PAUSE_MS),
                        g_cancellable_get_current (), NULL);
}

/* The writer lock of the file at @path, shared by every store of the
 * process that opens it, whatever name it is opened by. */
WriterLock *
store_writer_lock_for_path (const char *path)
{
  static GMutex registry_lock;
  static GHashTable *registry;
  g_autofree char *key = NULL;
  char *real;
  WriterLock *writer;

  real = realpath (path, NULL);
  if (real == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      char *real_dir = realpath (dir, NULL);

      key = g_build_filename (real_dir != NULL ? real_dir : dir, base, NULL);
      free (real_dir);
    }
  else
    {
      key = g_strdup (real);
      free (real);
    }

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (g_str_hash, g_str_equal);
  writer = g_hash_table_lookup (registry, key);
  if (writer == NULL)
    {
      writer = g_new0 (WriterLock, 1);
      g_rec_mutex_init (&writer->mutex);
      g_hash_table_insert (registry, g_steal_pointer (&key), writer);
    }
  g_mutex_unlock (&registry_lock);

  return writer;
}
