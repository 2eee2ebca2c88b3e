/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scraper-task.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_TASK_MANAGER (scraper_task_manager_get_type ())
G_DECLARE_FINAL_TYPE (ScraperTaskManager, scraper_task_manager, SCRAPER, TASK_MANAGER, GObject)

/* A GListModel of ScraperTask, newest first, backed by a bounded thread
 * pool.  Properties (main thread): "max-concurrent" (1..8), "n-running",
 * "n-pending", "fraction" (aggregate of running and pending tasks, or -1
 * when nothing is active or all are indeterminate), "busy". */
ScraperTaskManager *scraper_task_manager_new              (guint                max_concurrent);
void                scraper_task_manager_set_max_concurrent (ScraperTaskManager *self,
                                                          guint                max_concurrent);
guint               scraper_task_manager_get_max_concurrent (ScraperTaskManager *self);
guint               scraper_task_manager_get_n_running    (ScraperTaskManager *self);
guint               scraper_task_manager_get_n_pending    (ScraperTaskManager *self);
double              scraper_task_manager_get_fraction     (ScraperTaskManager *self);
gboolean            scraper_task_manager_get_busy         (ScraperTaskManager *self);

/* Queues @task (pending) and returns it; it runs as soon as a worker is free,
 * higher priority first, FIFO within a priority.  The manager takes a
 * reference of its own: the caller keeps (and drops) its own (transfer none
 * both ways).  Main thread; the task must be new (state pending, never
 * submitted).  After shutdown the task ends "cancelled" at once.
 * Signal "task-finished" (ScraperTask *task) is emitted on the main thread
 * once per submitted task when it reaches a final state. */
ScraperTask        *scraper_task_manager_submit           (ScraperTaskManager  *self,
                                                           ScraperTask         *task,
                                                           ScraperTaskPriority  priority);
void                scraper_task_manager_submit_async     (ScraperTaskManager  *self,
                                                           ScraperTask         *task,
                                                           ScraperTaskPriority  priority,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* TRUE when the task completed; FALSE with the task's error otherwise
 * (G_IO_ERROR_CANCELLED when cancelled). */
gboolean            scraper_task_manager_submit_finish    (ScraperTaskManager  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void                scraper_task_manager_cancel           (ScraperTaskManager *self,
                                                           ScraperTask        *task);
void                scraper_task_manager_cancel_all       (ScraperTaskManager *self);
/* Adds finished tasks (e.g. history from the store) at the end. */
void                scraper_task_manager_add_finished     (ScraperTaskManager *self,
                                                           ScraperTask        *task);
/* Removes every finished task from the model. */
void                scraper_task_manager_clear_finished   (ScraperTaskManager *self);
/* Cancels everything and joins the pool, waiting at most @timeout_ms; the
 * workers' outcomes are applied before it returns.  A worker that ignores
 * cancellation past @timeout_ms is left to finish on its own (with a
 * warning); its task ends "cancelled" when it returns.  Dispose does the
 * same with 1 s.  Note that pending submit_async() calls hold a reference
 * on the manager: call this on quit rather than relying on dispose. */
void                scraper_task_manager_shutdown         (ScraperTaskManager *self,
                                                           guint               timeout_ms);

G_END_DECLS
