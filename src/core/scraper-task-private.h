/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-task.h"
#include "scraper-task-manager.h"

G_BEGIN_DECLS

/* Progress reaches the main thread at most once per this interval (and
 * once more after the last report). */
#define SCRAPER_TASK_COALESCE_MS 75
/* A progress dispatch overdue by this much when the next report comes in
 * runs above redraw, so that a late frame clock cannot starve it. */
#define SCRAPER_TASK_STARVED_MS 250
/* A running task cancelled ends "cancelled" this long after the click even
 * when its worker is still busy (it finishes in the background), unless
 * the worker already returned or entered its final phase. */
#define SCRAPER_TASK_CANCEL_GRACE_MS 50

/* What a worker (or a cancellable handler on any thread) hands to the main
 * thread.  Guarded by ScraperTask.lock; applied by one dispatch on the
 * task's main context. */
typedef struct
{
  guint      started : 1;      /* a worker picked the task up */
  guint      skipped : 1;      /* a worker found it cancelled and never ran it */
  guint      finished : 1;     /* the worker is done (returned or not) */
  guint      has_fraction : 1;
  guint      has_message : 1;
  guint      cancel_seen : 1;  /* the cancellable was cancelled (any thread) */
  GDateTime *started_at;
  double     fraction;
  char      *message;
} ScraperTaskUpdate;

struct _ScraperTask
{
  GObject parent_instance;

  /* Immutable after construction. */
  char            *id;
  char            *kind;
  char            *title;
  ScraperTaskFunc  func;
  gpointer         task_data;
  GDestroyNotify   task_data_destroy;
  GCancellable    *cancellable;
  gulong           cancelled_handler;

  /* Main thread only. */
  GMainContext     *context;
  ScraperTaskState  state;
  double            fraction;
  char             *message;
  char             *error;
  GError           *gerror;
  GDateTime        *created;
  GDateTime        *started;
  GDateTime        *finished;
  GVariant         *result;
  gboolean          cancel_requested;
  GSource          *grace_source;     /* ends a cancelled task whose worker lingers */
  GPtrArray        *waiters;          /* GTask from submit_async */
  ScraperTaskManager *manager;        /* unowned; cleared by the manager */
  /* What the manager last counted for this task (see the manager). */
  ScraperTaskState  mgr_state;
  double            mgr_fraction;
  guint             mgr_counted : 1;
  guint             mgr_determinate : 1;

  /* Guarded by the manager's queue lock. */
  int               priority;
  guint64           seq;
  gboolean          queued;
  gboolean          dropped;          /* taken out of the queue by cancel_all */

  /* Guarded by lock: the worker side. */
  GMutex             lock;
  ScraperTaskUpdate  update;
  GSource           *dispatch_source;
  gboolean           dispatch_urgent;  /* dispatch_source runs at once */
  gint64             last_dispatch;    /* monotonic time of the last dispatch */
  guint              n_dispatches;     /* for tests */
  gboolean           returned;
  gboolean           final_phase;      /* scraper_task_begin_final() said yes */
  GVariant          *returned_result;
  GError            *returned_error;
};

/* Called by the manager, main thread. */
void     _scraper_task_attach            (ScraperTask        *self,
                                          ScraperTaskManager *manager);
void     _scraper_task_detach            (ScraperTask        *self);
void     _scraper_task_add_waiter        (ScraperTask        *self,
                                          GTask              *waiter);
/* Cancels the cancellable and applies it now: a queued task ends
 * "cancelled" at once, a running one goes to "cancelling". */
void     _scraper_task_cancel            (ScraperTask        *self);
/* Applies whatever the worker handed over, now (shutdown). */
void     _scraper_task_flush             (ScraperTask        *self);
/* Drops a reference in the task's main context (Builder's IdeTask idea):
 * a worker's reference may be the last, and a task is finalized, with its
 * task data, where it was made. */
void     _scraper_task_unref_in_context  (ScraperTask        *self);
/* How many times the worker's reports were applied (for tests). */
guint    _scraper_task_get_n_dispatches  (ScraperTask        *self);
/* Called with self->lock held: at most one dispatch pending per task. */
void     _scraper_task_schedule_dispatch_locked (ScraperTask *self);
/* Runs on a worker thread: the whole life of one task. */
void     _scraper_task_run_in_worker     (ScraperTask        *self);

/* Called by the task on the main thread after its state or fraction
 * changed, and once more when it reached a final state. */
void     _scraper_task_manager_task_changed (ScraperTaskManager *self,
                                             ScraperTask        *task);
/* A pending task's cancellable was cancelled: TRUE when the manager took
 * it out of its queue (the task never starts). */
gboolean _scraper_task_manager_unqueue     (ScraperTaskManager *self,
                                            ScraperTask        *task);

G_END_DECLS
