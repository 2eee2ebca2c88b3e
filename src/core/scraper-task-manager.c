/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-task-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-task-private.h"

#define MIN_CONCURRENT 1
#define MAX_CONCURRENT 8
#define DEFAULT_CONCURRENT 4
#define DISPOSE_TIMEOUT_MS 1000

/* What the workers share with the manager.  Reference counted: each item
 * pushed into the GThreadPool holds a reference, so a worker that outlives
 * a shutdown time-out never touches freed memory. */
typedef struct
{
  GMutex   lock;
  GCond    idle_cond;
  GQueue   queue;        /* ScraperTask (owned), highest priority first, FIFO within one */
  guint    n_working;    /* workers holding a task */
  guint    max_concurrent;
  gboolean shutting_down;
} Shared;

static Shared *
shared_new (void)
{
  Shared *shared = g_atomic_rc_box_new0 (Shared);

  g_mutex_init (&shared->lock);
  g_cond_init (&shared->idle_cond);
  g_queue_init (&shared->queue);

  return shared;
}

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_queue_clear_full (&shared->queue, g_object_unref);
  g_cond_clear (&shared->idle_cond);
  g_mutex_clear (&shared->lock);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

struct _ScraperTaskManager
{
  GObject parent_instance;

  Shared      *shared;
  GThreadPool *pool;
  guint        max_concurrent;
  gboolean     shut_down;
  guint64      next_seq;

  /* The model: @recent holds submitted tasks oldest first and is shown
   * reversed (newest first); @history (add_finished) follows it. */
  GPtrArray *recent;
  GPtrArray *history;

  guint    n_running;
  guint    n_pending;
  double   fraction;
  gboolean busy;

  /* Aggregate progress of the current batch: active tasks with a
   * determinate fraction, plus the tasks that finished since the manager
   * was last idle (counted as done, so the bar never runs backwards). */
  double det_sum;
  guint  n_det_active;
  guint  n_finished_batch;
};

static void scraper_task_manager_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScraperTaskManager, scraper_task_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      scraper_task_manager_list_model_init))

enum {
  PROP_0,
  PROP_MAX_CONCURRENT,
  PROP_N_RUNNING,
  PROP_N_PENDING,
  PROP_FRACTION,
  PROP_BUSY,
  N_PROPS
};

enum {
  TASK_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* Workers                                                                 */

/* Runs queued tasks, highest priority first, for as long as there are some
 * and the bound allows.  The bound is enforced here and not only through
 * the pool's thread count: after g_thread_pool_set_max_threads() shrinks
 * the pool, threads already waiting for an item still take one. */
static void
pool_func (gpointer data,
           gpointer user_data)
{
  Shared *shared = data;

  g_mutex_lock (&shared->lock);
  for (;;)
    {
      ScraperTask *task;

      if (shared->shutting_down || shared->n_working >= shared->max_concurrent)
        break;

      task = g_queue_pop_head (&shared->queue);
      if (task == NULL)
        break;

      task->queued = FALSE;
      shared->n_working++;
      g_mutex_unlock (&shared->lock);

      _scraper_task_run_in_worker (task);
      _scraper_task_unref_in_context (task);

      g_mutex_lock (&shared->lock);
      shared->n_working--;
      g_cond_broadcast (&shared->idle_cond);
    }
  g_mutex_unlock (&shared->lock);

  shared_unref (shared);
}

/* ---------------------------------------------------------------------- */
/* Bookkeeping (main thread)                                               */

static gboolean
state_is_active (ScraperTaskState state)
{
  return state == SCRAPER_TASK_PENDING ||
         state == SCRAPER_TASK_RUNNING ||
         state == SCRAPER_TASK_CANCELLING;
}

static gboolean
state_is_running (ScraperTaskState state)
{
  return state == SCRAPER_TASK_RUNNING || state == SCRAPER_TASK_CANCELLING;
}

static void
manager_update_properties (ScraperTaskManager *self)
{
  GObject *object = G_OBJECT (self);
  double fraction;
  gboolean busy;

  if (self->n_running + self->n_pending == 0)
    {
      /* Idle: the next batch starts from scratch (and drift is dropped). */
      self->det_sum = 0;
      self->n_det_active = 0;
      self->n_finished_batch = 0;
    }

  if (self->n_det_active > 0)
    fraction = CLAMP ((self->det_sum + self->n_finished_batch) /
                      (double) (self->n_det_active + self->n_finished_batch), 0.0, 1.0);
  else
    fraction = SCRAPER_TASK_FRACTION_INDETERMINATE;

  busy = self->n_running + self->n_pending > 0;

  g_object_freeze_notify (object);

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (object, properties[PROP_FRACTION]);
    }
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (object, properties[PROP_BUSY]);
    }

  g_object_thaw_notify (object);
}

void
_scraper_task_manager_task_changed (ScraperTaskManager *self,
                                    ScraperTask        *task)
{
  ScraperTaskState state = task->state;
  guint old_running = self->n_running;
  guint old_pending = self->n_pending;
  gboolean newly_finished = FALSE;

  g_assert (SCRAPER_IS_TASK_MANAGER (self));

  if (task->mgr_counted)
    {
      if (task->mgr_state == SCRAPER_TASK_PENDING)
        self->n_pending--;
      else if (state_is_running (task->mgr_state))
        self->n_running--;
    }

  if (state == SCRAPER_TASK_PENDING)
    self->n_pending++;
  else if (state_is_running (state))
    self->n_running++;

  if (task->mgr_determinate)
    {
      self->det_sum -= task->mgr_fraction;
      self->n_det_active--;
      task->mgr_determinate = FALSE;
    }

  if (state_is_active (state) && task->fraction >= 0)
    {
      task->mgr_determinate = TRUE;
      task->mgr_fraction = task->fraction;
      self->det_sum += task->fraction;
      self->n_det_active++;
    }

  if (!state_is_active (state) && (!task->mgr_counted || state_is_active (task->mgr_state)))
    {
      newly_finished = TRUE;
      self->n_finished_batch++;
    }

  task->mgr_counted = TRUE;
  task->mgr_state = state;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_running != old_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
  if (self->n_pending != old_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  manager_update_properties (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (newly_finished)
    g_signal_emit (self, signals[TASK_FINISHED], 0, task);
}

gboolean
_scraper_task_manager_unqueue (ScraperTaskManager *self,
                               ScraperTask        *task)
{
  gboolean removed = FALSE;
  gboolean dropped = FALSE;

  g_mutex_lock (&self->shared->lock);
  if (task->queued)
    {
      removed = g_queue_remove (&self->shared->queue, task);
      g_assert (removed);
      task->queued = FALSE;
    }
  else
    {
      dropped = task->dropped;
    }
  g_mutex_unlock (&self->shared->lock);

  if (removed)
    g_object_unref (task);

  return removed || dropped || self->shut_down;
}

/* Takes every queued task out of the queue in one go, so that cancelling
 * thousands of pending tasks stays linear. */
static void
manager_drop_queue (ScraperTaskManager *self)
{
  GQueue dropped = G_QUEUE_INIT;

  g_mutex_lock (&self->shared->lock);
  for (GList *l = self->shared->queue.head; l != NULL; l = l->next)
    {
      ScraperTask *task = l->data;

      task->queued = FALSE;
      task->dropped = TRUE;
    }
  dropped = self->shared->queue;
  g_queue_init (&self->shared->queue);
  g_mutex_unlock (&self->shared->lock);

  g_queue_clear_full (&dropped, g_object_unref);
}

static GPtrArray *
manager_snapshot_active (ScraperTaskManager *self)
{
  GPtrArray *active = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->recent->len; i++)
    {
      ScraperTask *task = g_ptr_array_index (self->recent, i);

      if (!scraper_task_is_finished (task))
        g_ptr_array_add (active, g_object_ref (task));
    }

  return active;
}

/* ---------------------------------------------------------------------- */
/* GListModel                                                              */

static GType
scraper_task_manager_get_item_type (GListModel *model)
{
  return SCRAPER_TYPE_TASK;
}

static guint
scraper_task_manager_get_n_items (GListModel *model)
{
  ScraperTaskManager *self = SCRAPER_TASK_MANAGER (model);

  return self->recent->len + self->history->len;
}

static ScraperTask *
manager_get_task (ScraperTaskManager *self,
                  guint               position)
{
  if (position < self->recent->len)
    return g_ptr_array_index (self->recent, self->recent->len - 1 - position);

  position -= self->recent->len;
  if (position < self->history->len)
    return g_ptr_array_index (self->history, position);

  return NULL;
}

static gpointer
scraper_task_manager_get_item (GListModel *model,
                               guint       position)
{
  ScraperTask *task = manager_get_task (SCRAPER_TASK_MANAGER (model), position);

  return task ? g_object_ref (task) : NULL;
}

static void
scraper_task_manager_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = scraper_task_manager_get_item_type;
  iface->get_n_items = scraper_task_manager_get_n_items;
  iface->get_item = scraper_task_manager_get_item;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
scraper_task_manager_dispose (GObject *object)
{
  ScraperTaskManager *self = SCRAPER_TASK_MANAGER (object);

  if (!self->shut_down)
    scraper_task_manager_shutdown (self, DISPOSE_TIMEOUT_MS);

  if (self->recent != NULL)
    {
      for (guint i = 0; i < self->recent->len; i++)
        _scraper_task_detach (g_ptr_array_index (self->recent, i));
      g_ptr_array_set_size (self->recent, 0);
    }
  if (self->history != NULL)
    g_ptr_array_set_size (self->history, 0);

  G_OBJECT_CLASS (scraper_task_manager_parent_class)->dispose (object);
}

static void
scraper_task_manager_finalize (GObject *object)
{
  ScraperTaskManager *self = SCRAPER_TASK_MANAGER (object);

  g_clear_pointer (&self->recent, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->shared, shared_unref);

  G_OBJECT_CLASS (scraper_task_manager_parent_class)->finalize (object);
}

static void
scraper_task_manager_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScraperTaskManager *self = SCRAPER_TASK_MANAGER (object);

  switch (prop_id)
    {
    case PROP_MAX_CONCURRENT:
      g_value_set_uint (value, self->max_concurrent);
      break;
    case PROP_N_RUNNING:
      g_value_set_uint (value, self->n_running);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_task_manager_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ScraperTaskManager *self = SCRAPER_TASK_MANAGER (object);

  switch (prop_id)
    {
    case PROP_MAX_CONCURRENT:
      scraper_task_manager_set_max_concurrent (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_task_manager_class_init (ScraperTaskManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scraper_task_manager_dispose;
  object_class->finalize = scraper_task_manager_finalize;
  object_class->get_property = scraper_task_manager_get_property;
  object_class->set_property = scraper_task_manager_set_property;

  properties[PROP_MAX_CONCURRENT] =
    g_param_spec_uint ("max-concurrent", NULL, NULL,
                       MIN_CONCURRENT, MAX_CONCURRENT, DEFAULT_CONCURRENT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, SCRAPER_TASK_FRACTION_INDETERMINATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScraperTaskManager::task-finished:
   * @task: the task that reached a final state
   *
   * Emitted on the main thread, once per submitted task, when it becomes
   * completed, failed or cancelled.
   */
  signals[TASK_FINISHED] =
    g_signal_new ("task-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SCRAPER_TYPE_TASK);
}

static void
scraper_task_manager_init (ScraperTaskManager *self)
{
  g_autoptr(GError) error = NULL;

  self->shared = shared_new ();
  self->recent = g_ptr_array_new_with_free_func (g_object_unref);
  self->history = g_ptr_array_new_with_free_func (g_object_unref);
  self->fraction = SCRAPER_TASK_FRACTION_INDETERMINATE;
  self->max_concurrent = DEFAULT_CONCURRENT;
  self->shared->max_concurrent = DEFAULT_CONCURRENT;

  /* Not exclusive: threads are started on demand and idle ones go back to
   * GLib after a while; the bound is ours all the same. */
  self->pool = g_thread_pool_new (pool_func, NULL, (int) self->max_concurrent, FALSE, &error);
  if (self->pool == NULL)
    g_error ("Cannot create the task thread pool: %s", error->message);
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

ScraperTaskManager *
scraper_task_manager_new (guint max_concurrent)
{
  return g_object_new (SCRAPER_TYPE_TASK_MANAGER,
                       "max-concurrent", CLAMP (max_concurrent, MIN_CONCURRENT, MAX_CONCURRENT),
                       NULL);
}

void
scraper_task_manager_set_max_concurrent (ScraperTaskManager *self,
                                         guint               max_concurrent)
{
  g_autoptr(GError) error = NULL;
  guint old_max;

  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));

  max_concurrent = CLAMP (max_concurrent, MIN_CONCURRENT, MAX_CONCURRENT);
  if (self->max_concurrent == max_concurrent)
    return;

  old_max = self->max_concurrent;
  self->max_concurrent = max_concurrent;

  g_mutex_lock (&self->shared->lock);
  self->shared->max_concurrent = max_concurrent;
  g_mutex_unlock (&self->shared->lock);

  /* Shrinking lets the extra workers finish their task and then leave;
   * growing starts workers for queued tasks at once. */
  if (self->pool != NULL)
    {
      if (!g_thread_pool_set_max_threads (self->pool, (int) max_concurrent, &error))
        g_warning ("Cannot start more task threads: %s", error->message);

      for (guint i = old_max; i < max_concurrent; i++)
        g_thread_pool_push (self->pool, g_atomic_rc_box_acquire (self->shared), NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CONCURRENT]);
}

guint
scraper_task_manager_get_max_concurrent (ScraperTaskManager *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), 0);
  return self->max_concurrent;
}

guint
scraper_task_manager_get_n_running (ScraperTaskManager *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), 0);
  return self->n_running;
}

guint
scraper_task_manager_get_n_pending (ScraperTaskManager *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), 0);
  return self->n_pending;
}

double
scraper_task_manager_get_fraction (ScraperTaskManager *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), SCRAPER_TASK_FRACTION_INDETERMINATE);
  return self->fraction;
}

gboolean
scraper_task_manager_get_busy (ScraperTaskManager *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), FALSE);
  return self->busy;
}

ScraperTask *
scraper_task_manager_submit (ScraperTaskManager  *self,
                             ScraperTask         *task,
                             ScraperTaskPriority  priority)
{
  g_autoptr(GError) error = NULL;
  GList *after;

  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), NULL);
  g_return_val_if_fail (SCRAPER_IS_TASK (task), NULL);
  g_return_val_if_fail (task->manager == NULL, task);
  g_return_val_if_fail (task->state == SCRAPER_TASK_PENDING, task);

  _scraper_task_attach (task, self);

  g_ptr_array_add (self->recent, g_object_ref (task));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);

  _scraper_task_manager_task_changed (self, task);

  if (self->shut_down || g_cancellable_is_cancelled (task->cancellable))
    {
      /* Never queued: ends "cancelled" at once. */
      task->dropped = TRUE;
      _scraper_task_cancel (task);
      return task;
    }

  g_mutex_lock (&self->shared->lock);
  task->priority = priority;
  task->seq = self->next_seq++;
  task->queued = TRUE;
  /* From the tail: FIFO within a priority costs O(1). */
  for (after = self->shared->queue.tail; after != NULL; after = after->prev)
    {
      ScraperTask *other = after->data;

      if (other->priority >= task->priority)
        break;
    }
  if (after != NULL)
    g_queue_insert_after (&self->shared->queue, after, g_object_ref (task));
  else
    g_queue_push_head (&self->shared->queue, g_object_ref (task));
  g_mutex_unlock (&self->shared->lock);

  /* One pool item per queued task; an item runs whichever tasks are first
   * in the queue while a slot is free, and returns at once otherwise. */
  if (!g_thread_pool_push (self->pool, g_atomic_rc_box_acquire (self->shared), &error))
    g_warning ("Cannot start a task thread (the task waits for a free one): %s", error->message);

  return task;
}

typedef struct
{
  ScraperTask  *task;
  GCancellable *cancellable;
  gulong        handler;
} SubmitData;

static void
submit_data_free (gpointer data)
{
  SubmitData *sd = data;

  if (sd->handler != 0)
    g_cancellable_disconnect (sd->cancellable, sd->handler);
  g_clear_object (&sd->cancellable);
  g_clear_object (&sd->task);
  g_free (sd);
}

static gboolean
submit_cancel_idle_cb (gpointer user_data)
{
  ScraperTask *task = user_data;

  if (task->manager != NULL)
    scraper_task_manager_cancel (task->manager, task);
  else
    _scraper_task_cancel (task);

  return G_SOURCE_REMOVE;
}

static void
submit_cancelled_cb (GCancellable *cancellable,
                     SubmitData   *sd)
{
  GSource *source;

  /* Any thread, and never synchronously: finishing the task here could
   * free @sd, whose disconnect would then wait for this very handler. */
  source = g_idle_source_new ();
  g_source_set_callback (source, submit_cancel_idle_cb, g_object_ref (sd->task), g_object_unref);
  g_source_set_static_name (source, "[scraper] cancel submitted task");
  g_source_attach (source, sd->task->context);
  g_source_unref (source);
}

void
scraper_task_manager_submit_async (ScraperTaskManager  *self,
                                   ScraperTask         *task,
                                   ScraperTaskPriority  priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  SubmitData *sd;

  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));
  g_return_if_fail (SCRAPER_IS_TASK (task));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gtask = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, scraper_task_manager_submit_async);

  sd = g_new0 (SubmitData, 1);
  sd->task = g_object_ref (task);
  g_task_set_task_data (gtask, sd, submit_data_free);

  _scraper_task_add_waiter (task, gtask);
  scraper_task_manager_submit (self, task, priority);

  if (cancellable != NULL && !scraper_task_is_finished (task))
    {
      sd->cancellable = g_object_ref (cancellable);
      sd->handler = g_cancellable_connect (cancellable, G_CALLBACK (submit_cancelled_cb), sd, NULL);
    }
}

gboolean
scraper_task_manager_submit_finish (ScraperTaskManager  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
scraper_task_manager_cancel (ScraperTaskManager *self,
                             ScraperTask        *task)
{
  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));
  g_return_if_fail (SCRAPER_IS_TASK (task));
  g_return_if_fail (task->manager == self || scraper_task_is_finished (task));

  /* Cancelling a finished task (or twice) changes nothing. */
  _scraper_task_cancel (task);
}

void
scraper_task_manager_cancel_all (ScraperTaskManager *self)
{
  g_autoptr(GPtrArray) active = NULL;

  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));

  manager_drop_queue (self);

  active = manager_snapshot_active (self);
  for (guint i = 0; i < active->len; i++)
    _scraper_task_cancel (g_ptr_array_index (active, i));
}

void
scraper_task_manager_add_finished (ScraperTaskManager *self,
                                   ScraperTask        *task)
{
  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));
  g_return_if_fail (SCRAPER_IS_TASK (task));
  g_return_if_fail (scraper_task_is_finished (task));

  g_ptr_array_add (self->history, g_object_ref (task));
  g_list_model_items_changed (G_LIST_MODEL (self),
                              self->recent->len + self->history->len - 1, 0, 1);
}

void
scraper_task_manager_clear_finished (ScraperTaskManager *self)
{
  guint n_items;
  guint position;

  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));

  /* From the end, one items-changed per run of finished tasks; positions
   * before a run do not move. */
  n_items = self->recent->len + self->history->len;
  position = n_items;
  while (position > 0)
    {
      guint end = position;  /* one past the run */
      guint start;

      if (!scraper_task_is_finished (manager_get_task (self, position - 1)))
        {
          position--;
          continue;
        }

      start = position - 1;
      while (start > 0 && scraper_task_is_finished (manager_get_task (self, start - 1)))
        start--;

      /* The part of [start, end) in history... */
      if (end > self->recent->len)
        {
          guint h_start = MAX (start, self->recent->len) - self->recent->len;
          guint h_end = end - self->recent->len;

          g_ptr_array_remove_range (self->history, h_start, h_end - h_start);
        }
      /* ...and in recent, where model position p is index len - 1 - p. */
      if (start < self->recent->len)
        {
          guint r_end = MIN (end, self->recent->len);
          guint first = self->recent->len - r_end;
          guint count = r_end - start;

          for (guint i = first; i < first + count; i++)
            _scraper_task_detach (g_ptr_array_index (self->recent, i));
          g_ptr_array_remove_range (self->recent, first, count);
        }

      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, 0);
      position = start;
    }
}

void
scraper_task_manager_shutdown (ScraperTaskManager *self,
                               guint               timeout_ms)
{
  g_autoptr(GPtrArray) active = NULL;
  gint64 deadline;
  guint stragglers;

  g_return_if_fail (SCRAPER_IS_TASK_MANAGER (self));

  if (self->shut_down)
    return;

  g_object_ref (self);

  scraper_task_manager_cancel_all (self);
  self->shut_down = TRUE;

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->shared->lock);
  self->shared->shutting_down = TRUE;
  while (self->shared->n_working > 0)
    {
      if (!g_cond_wait_until (&self->shared->idle_cond, &self->shared->lock, deadline))
        break;
    }
  stragglers = self->shared->n_working;
  g_mutex_unlock (&self->shared->lock);

  if (stragglers == 0)
    {
      /* Every worker is idle: the remaining items return at once. */
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
    }
  else
    {
      g_warning ("%u task(s) ignored cancellation and still run after %u ms; not waiting for them",
                 stragglers, timeout_ms);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, FALSE);
    }

  /* Apply what the workers handed over, without waiting for the loop. */
  active = manager_snapshot_active (self);
  for (guint i = 0; i < active->len; i++)
    _scraper_task_flush (g_ptr_array_index (active, i));

  g_object_unref (self);
}
