/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include "scraper-store-private.h"

/* The writer: the window's writes (a task's state, a star, a status, notes,
 * a source's switch, Clear Finished) run here, one after the other in the
 * order they were asked for, on one thread of the process, and complete on
 * the caller's main context.  The main thread never waits for the write
 * lock, which a scrape may hold for a whole batch. */

typedef struct
{
  ScraperStore          *store;
  ScraperStoreWriteFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
} WriteOp;

static void
write_op_free (gpointer data)
{
  WriteOp *op = data;

  if (op->destroy != NULL && op->data != NULL)
    op->destroy (op->data);
  g_free (op);
}

/* What the thread runs: a GTask with its thread function, as
 * g_task_run_in_thread() would, on our thread. */
typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
  ScraperStore    *counted;   /* a write that scraper_store_wait_writes() waits for */
} Job;

static void
writer_func (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  GCancellable *cancellable = g_task_get_cancellable (job->task);

  if (cancellable != NULL)
    g_cancellable_push_current (cancellable);
  job->func (job->task, g_task_get_source_object (job->task),
             g_task_get_task_data (job->task), cancellable);
  if (cancellable != NULL)
    g_cancellable_pop_current (cancellable);

  if (job->counted != NULL)
    _scraper_store_write_done (job->counted);
  g_object_unref (job->task);
  g_free (job);
}

/* One thread for the whole process, made when first needed. */
static GThreadPool *
writer_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      g_autoptr(GError) error = NULL;
      GThreadPool *new_pool = g_thread_pool_new (writer_func, NULL, 1, FALSE, &error);

      if (new_pool == NULL)
        g_error ("Cannot create the database writer thread: %s", error->message);
      g_once_init_leave (&pool, new_pool);
    }

  return pool;
}

static void
push_job (GTask           *task,
          GTaskThreadFunc  func,
          ScraperStore    *counted)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  job->counted = counted;
  if (counted != NULL)
    _scraper_store_write_queued (counted);
  g_thread_pool_push (writer_pool (), job, NULL);
}

void
scraper_store_run_in_thread (GTask           *task,
                             GTaskThreadFunc  func)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  push_job (task, func, NULL);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteOp *op = task_data;
  g_autoptr(GError) error = NULL;

  if (op->func (op->store, op->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
scraper_store_write_async (ScraperStore          *self,
                           ScraperStoreWriteFunc  func,
                           gpointer               data,
                           GDestroyNotify         destroy,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteOp *op;

  g_return_if_fail (SCRAPER_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, scraper_store_write_async);
  g_task_set_name (task, "[scraper] store write");

  op = g_new0 (WriteOp, 1);
  op->store = self;   /* the task holds a reference */
  op->func = func;
  op->data = data;
  op->destroy = destroy;
  g_task_set_task_data (task, op, write_op_free);

  push_job (task, write_in_thread, self);
}

gboolean
scraper_store_write_finish (ScraperStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The common writes */

typedef struct
{
  gint64  id;
  gint    value;
  char   *text;
  ScraperTaskRecord *record;
} WriteArgs;

static void
write_args_free (gpointer data)
{
  WriteArgs *args = data;

  g_free (args->text);
  g_clear_pointer (&args->record, scraper_task_record_free);
  g_free (args);
}

static void
write_args (ScraperStore          *self,
            ScraperStoreWriteFunc  func,
            WriteArgs             *args,
            GAsyncReadyCallback    callback,
            gpointer               user_data)
{
  scraper_store_write_async (self, func, args, write_args_free, NULL, callback, user_data);
}

static WriteArgs *
args_new (gint64      id,
          gint        value,
          const char *text)
{
  WriteArgs *args = g_new0 (WriteArgs, 1);

  args->id = id;
  args->value = value;
  args->text = g_strdup (text);
  return args;
}

static gboolean
do_set_favorite (ScraperStore *store, gpointer data, GError **error)
{
  WriteArgs *args = data;
  return scraper_store_set_favorite (store, args->id, args->value, error);
}

void
scraper_store_set_favorite_async (ScraperStore        *self,
                                  gint64               posting_id,
                                  gboolean             favorite,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  write_args (self, do_set_favorite, args_new (posting_id, favorite, NULL), callback, user_data);
}

static gboolean
do_set_status (ScraperStore *store, gpointer data, GError **error)
{
  WriteArgs *args = data;
  return scraper_store_set_status (store, args->id, args->value, error);
}

void
scraper_store_set_status_async (ScraperStore         *self,
                                gint64                posting_id,
                                ScraperPostingStatus  status,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  write_args (self, do_set_status, args_new (posting_id, status, NULL), callback, user_data);
}

static gboolean
do_set_notes (ScraperStore *store, gpointer data, GError **error)
{
  WriteArgs *args = data;
  return scraper_store_set_notes (store, args->id, args->text, error);
}

void
scraper_store_set_notes_async (ScraperStore        *self,
                               gint64               posting_id,
                               const char          *notes,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  write_args (self, do_set_notes, args_new (posting_id, 0, notes), callback, user_data);
}

static gboolean
do_set_source_enabled (ScraperStore *store, gpointer data, GError **error)
{
  WriteArgs *args = data;
  return scraper_store_set_source_enabled (store, args->id, args->value, error);
}

void
scraper_store_set_source_enabled_async (ScraperStore        *self,
                                        gint64               id,
                                        gboolean             enabled,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  write_args (self, do_set_source_enabled, args_new (id, enabled, NULL), callback, user_data);
}

static gboolean
do_remove_source (ScraperStore *store, gpointer data, GError **error)
{
  WriteArgs *args = data;
  return scraper_store_remove_source (store, args->id, error);
}

void
scraper_store_remove_source_async (ScraperStore        *self,
                                   gint64               id,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  write_args (self, do_remove_source, args_new (id, 0, NULL), callback, user_data);
}

static gboolean
do_clear_finished_tasks (ScraperStore *store, gpointer data, GError **error)
{
  return scraper_store_clear_finished_tasks (store, error);
}

void
scraper_store_clear_finished_tasks_async (ScraperStore        *self,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  write_args (self, do_clear_finished_tasks, args_new (0, 0, NULL), callback, user_data);
}

static gboolean
do_save_task (ScraperStore *store, gpointer data, GError **error)
{
  WriteArgs *args = data;
  return scraper_store_save_task (store, args->record, error);
}

void
scraper_store_save_task_async (ScraperStore            *self,
                               const ScraperTaskRecord *record,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  WriteArgs *args = args_new (0, 0, NULL);

  args->record = g_new0 (ScraperTaskRecord, 1);
  args->record->id = g_strdup (record->id);
  args->record->kind = g_strdup (record->kind);
  args->record->title = g_strdup (record->title);
  args->record->state = g_strdup (record->state);
  args->record->created = record->created;
  args->record->started = record->started;
  args->record->finished = record->finished;
  args->record->result = g_strdup (record->result);
  args->record->error = g_strdup (record->error);
  write_args (self, do_save_task, args, callback, user_data);
}

/* Reads for the window that must not run on the main thread.  They queue
 * behind the writes asked for before them, and so see them. */

static gboolean
do_list_sources (ScraperStore *store, gpointer data, GError **error)
{
  GPtrArray **sources = data;

  *sources = scraper_store_list_sources (store, error);
  return *sources != NULL;
}

static void
sources_free (gpointer data)
{
  GPtrArray **sources = data;

  g_clear_pointer (sources, g_ptr_array_unref);
  g_free (sources);
}

void
scraper_store_list_sources_async (ScraperStore        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  scraper_store_write_async (self, do_list_sources, g_new0 (GPtrArray *, 1), sources_free,
                             cancellable, callback, user_data);
}

GPtrArray *
scraper_store_list_sources_finish (ScraperStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  WriteOp *op;

  if (!scraper_store_write_finish (self, result, error))
    return NULL;

  op = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer ((GPtrArray **) op->data);
}
