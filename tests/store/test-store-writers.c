/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-writers"

#include "config.h"

#include <sqlite3.h>

#include "scraper-store-private.h"
#include "store-test-util.h"

/* Writers of one process queue up for the database file instead of racing
 * each other against SQLite's busy timeout; another program's write lock
 * is waited for again after pauses, and a cancel cuts the wait short.  The
 * busy timeout is made tiny, so that any race of our own writers would
 * fail at once. */

#define N_WRITERS  6
#define N_ROUNDS   2
#define N_BATCHES  3
#define BATCH_SIZE 600

typedef struct {
  char         *path;
  ScraperStore *shared;   /* half the writers use it, half a store of their own */
  gint64        source_id;
  guint         index;
  GError       *error;
} Writer;

static gboolean
write_rounds (Writer       *w,
              ScraperStore *store)
{
  g_autofree char *desc = g_strnfill (2000, 'a' + w->index);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(ScraperSync) sync = scraper_store_begin_sync (store, w->source_id, &w->error);

      if (sync == NULL)
        return FALSE;

      for (guint b = 0; b < N_BATCHES; b++)
        {
          g_autoptr(GPtrArray) batch = posting_array ();
          g_autofree char *task_id = g_strdup_printf ("task-%u-%u-%u", w->index, round, b);
          ScraperTaskRecord record = {
            .id = task_id, .kind = (char *) "scrape", .title = (char *) "Writer",
            .state = (char *) "running", .created = 1,
          };

          for (guint i = 0; i < BATCH_SIZE; i++)
            {
              g_autofree char *ext = g_strdup_printf ("w%u-%u", w->index, b * BATCH_SIZE + i);
              g_autofree char *title = g_strdup_printf ("Writer %u job %u round %u", w->index, i, round);

              g_ptr_array_add (batch, make_posting (ext, title, "Queue Inc", "Everywhere", desc));
            }
          if (!scraper_sync_add (sync, batch, &w->error))
            return FALSE;

          /* Writes outside a transaction, as the window makes them. */
          if (!scraper_store_save_task (store, &record, &w->error) ||
              !scraper_store_set_favorite (store, ((ScraperPosting *) batch->pdata[b])->id, TRUE, &w->error))
            return FALSE;
        }

      if (!scraper_sync_finish (g_steal_pointer (&sync), SCRAPER_SYNC_COMPLETE, NULL, NULL, &w->error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(ScraperStore) own = NULL;
  ScraperStore *store = w->shared;

  if (w->index % 2 == 1)
    {
      own = scraper_store_open (w->path, &w->error);
      if (own == NULL)
        return NULL;
      scraper_store_set_busy_timeout_for_testing (own, 1);
      store = own;
    }

  write_rounds (w, store);
  return NULL;
}

static void
test_own_writers_never_time_out (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScraperStore) store = store_test_open_tmp (&dir, &path);
  Writer writers[N_WRITERS];
  GThread *threads[N_WRITERS];
  ScraperQuery q;
  g_autoptr(GError) error = NULL;

  scraper_store_set_busy_timeout_for_testing (store, 1);

  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://writer%u.example", i);

      writers[i] = (Writer) { path, store, add_test_source (store, url, url), i, NULL };
    }
  for (guint i = 0; i < N_WRITERS; i++)
    threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (writers[i].error);
    }

  scraper_query_init (&q);
  q.show_archived = TRUE;
  g_assert_cmpuint (scraper_store_count_postings (store, &q, &error), ==,
                    N_WRITERS * N_BATCHES * BATCH_SIZE);
  g_assert_no_error (error);

  /* Every run was recorded as completed: none stayed "running". */
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autoptr(GPtrArray) runs = scraper_store_list_runs (store, writers[i].source_id, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (runs->len, ==, N_ROUNDS);
      for (guint r = 0; r < runs->len; r++)
        g_assert_cmpstr (((ScraperRun *) runs->pdata[r])->outcome, ==, "completed");
    }

  store_test_remove_tmp (&store, &dir, &path);
}

/* Another program: a connection of its own that holds the write lock. */
static sqlite3 *
other_program_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

typedef struct {
  ScraperStore *store;
  gint64        source_id;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
} BusyWriter;

static gpointer
busy_writer_thread (gpointer data)
{
  BusyWriter *w = data;

  if (w->cancellable != NULL)
    g_cancellable_push_current (w->cancellable);
  w->ok = scraper_store_set_source_enabled (w->store, w->source_id, FALSE, &w->error);
  if (w->cancellable != NULL)
    g_cancellable_pop_current (w->cancellable);
  return NULL;
}

static void
test_other_program_busy_is_retried (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScraperStore) store = store_test_open_tmp (&dir, &path);
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  BusyWriter w = { store, 0, NULL, NULL, FALSE };
  GThread *thread;
  sqlite3 *other;

  scraper_store_set_busy_timeout_for_testing (store, 1);
  w.source_id = add_test_source (store, "Busy", "https://busy.example");

  other = other_program_lock (path);
  thread = g_thread_new ("busy-writer", busy_writer_thread, &w);
  /* Longer than the busy timeout, shorter than the pauses that follow: the
   * write is asked again after the other program let go (if the thread
   * was slower to start, it simply finds the database free). */
  g_usleep (100 * 1000);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_thread_join (thread);

  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  source = scraper_store_get_source (store, w.source_id, &error);
  g_assert_no_error (error);
  g_assert_false (source->enabled);

  sqlite3_close (other);
  store_test_remove_tmp (&store, &dir, &path);
}

static void
test_other_program_busy_wait_is_cancellable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScraperStore) store = store_test_open_tmp (&dir, &path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScraperSync) sync = NULL;
  g_autoptr(GPtrArray) batch = posting_array ();
  g_autoptr(GError) error = NULL;
  sqlite3 *other;
  gint64 source_id;

  scraper_store_set_busy_timeout_for_testing (store, 1);
  source_id = add_test_source (store, "Busy", "https://busy.example");
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);

  other = other_program_lock (path);
  g_ptr_array_add (batch, make_posting ("1", "Waiting", "Busy", NULL, NULL));
  g_cancellable_cancel (cancellable);
  g_cancellable_push_current (cancellable);
  g_assert_false (scraper_sync_add (sync, batch, &error));
  g_cancellable_pop_current (cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The writer lock was let go: once the other program is done, writing
   * works again from any thread. */
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (scraper_sync_add (sync, batch, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (g_steal_pointer (&sync), SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);

  store_test_remove_tmp (&store, &dir, &path);
}

/* Opening a database of the current version reads only, and so does
 * looking for interrupted tasks when there are none: another program (or
 * this process's scrape) in the middle of a write does not hold up the
 * window's start or a command-line listing. */
typedef struct {
  const char *path;
  gint        done;   /* atomic */
  guint       n_sources;
  int         n_interrupted;
  GError     *error;
} Opener;

static gpointer
opener_thread (gpointer data)
{
  Opener *o = data;
  g_autoptr(ScraperStore) store = scraper_store_open (o->path, &o->error);
  g_autoptr(GPtrArray) sources = NULL;

  o->n_interrupted = store != NULL ? scraper_store_mark_interrupted (store, &o->error) : -1;
  if (o->n_interrupted == 0)
    sources = scraper_store_list_sources (store, &o->error);

  o->n_sources = sources != NULL ? sources->len : 0;
  g_atomic_int_set (&o->done, 1);
  return NULL;
}

static void
test_open_does_not_wait_for_writers (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ScraperStore) store = store_test_open_tmp (&dir, &path);
  Opener o = { NULL, 0, 0, -1, NULL };
  gint64 end;
  GThread *thread;
  sqlite3 *other;

  add_test_source (store, "Listed", "https://listed.example");
  g_clear_object (&store);

  other = other_program_lock (path);
  o.path = path;
  thread = g_thread_new ("opener", opener_thread, &o);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&o.done) && g_get_monotonic_time () < end)
    g_usleep (10 * 1000);
  /* Opened and read while the other program still holds its write. */
  g_assert_true (g_atomic_int_get (&o.done));
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_thread_join (thread);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.n_interrupted, ==, 0);
  g_assert_cmpuint (o.n_sources, ==, 1);

  sqlite3_close (other);
  store = scraper_store_open (path, NULL);
  store_test_remove_tmp (&store, &dir, &path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/writers/own-writers-never-time-out", test_own_writers_never_time_out);
  g_test_add_func ("/store/writers/other-program-busy-is-retried", test_other_program_busy_is_retried);
  g_test_add_func ("/store/writers/other-program-busy-wait-is-cancellable",
                   test_other_program_busy_wait_is_cancellable);
  g_test_add_func ("/store/writers/open-does-not-wait-for-writers", test_open_does_not_wait_for_writers);

  return g_test_run ();
}
