/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  SCRAPER_TASK_PENDING,
  SCRAPER_TASK_RUNNING,
  SCRAPER_TASK_COMPLETED,
  SCRAPER_TASK_FAILED,
  SCRAPER_TASK_CANCELLING,
  SCRAPER_TASK_CANCELLED,
  SCRAPER_TASK_INTERRUPTED,
} ScraperTaskState;

GType scraper_task_state_get_type (void) G_GNUC_CONST;
#define SCRAPER_TYPE_TASK_STATE (scraper_task_state_get_type ())

typedef enum {
  SCRAPER_TASK_PRIORITY_SCHEDULED = 0,  /* automatic, periodic work */
  SCRAPER_TASK_PRIORITY_USER      = 10, /* started by the user: goes first */
} ScraperTaskPriority;

/* A fraction below zero means "indeterminate". */
#define SCRAPER_TASK_FRACTION_INDETERMINATE (-1.0)

#define SCRAPER_TYPE_TASK (scraper_task_get_type ())
G_DECLARE_FINAL_TYPE (ScraperTask, scraper_task, SCRAPER, TASK, GObject)

/* Runs on a worker thread.  It must end the task with exactly one call of
 * scraper_task_return_result() or scraper_task_return_error() (or return
 * without either: the task then fails loudly as a programming error).  It
 * must hand @cancellable to every blocking call. */
typedef void (*ScraperTaskFunc) (ScraperTask  *task,
                                 gpointer      task_data,
                                 GCancellable *cancellable);

ScraperTask      *scraper_task_new              (const char     *kind,
                                                 const char     *title,
                                                 ScraperTaskFunc func,
                                                 gpointer        task_data,
                                                 GDestroyNotify  task_data_destroy);
/* A finished task restored from the history kept in the store. */
ScraperTask      *scraper_task_new_from_history (const char       *id,
                                                 const char       *kind,
                                                 const char       *title,
                                                 ScraperTaskState  state,
                                                 GDateTime        *created,
                                                 GDateTime        *started,
                                                 GDateTime        *finished,
                                                 GVariant         *result,
                                                 const char       *error);

/* Main-thread getters (properties of the same names). */
const char       *scraper_task_get_id           (ScraperTask *self);
const char       *scraper_task_get_kind         (ScraperTask *self);
const char       *scraper_task_get_title        (ScraperTask *self);
ScraperTaskState  scraper_task_get_state        (ScraperTask *self);
double            scraper_task_get_fraction     (ScraperTask *self);
const char       *scraper_task_get_message      (ScraperTask *self);
const char       *scraper_task_get_error        (ScraperTask *self);
GDateTime        *scraper_task_get_created      (ScraperTask *self);
GDateTime        *scraper_task_get_started      (ScraperTask *self);
GDateTime        *scraper_task_get_finished     (ScraperTask *self);
/* An a{sv} summary set by the worker (counts), or NULL. */
GVariant         *scraper_task_get_result       (ScraperTask *self);
GCancellable     *scraper_task_get_cancellable  (ScraperTask *self);
gpointer          scraper_task_get_task_data    (ScraperTask *self);
gboolean          scraper_task_is_finished      (ScraperTask *self);
/* The error behind "error", with its domain and code (G_IO_ERROR_CANCELLED
 * for a cancelled task), or NULL
 * while running or when completed. */
const GError     *scraper_task_get_gerror       (ScraperTask *self);

/* Thread-safe, for workers.  Stores the newest values under a lock and
 * schedules at most one dispatch to the main context per task; the newest
 * value wins and the last report is applied exactly. */
/* @fraction is clamped to 0..1, or negative for indeterminate; a NULL
 * @message keeps the previous one.  Reports after the worker returned are
 * ignored. */
void              scraper_task_report           (ScraperTask *self,
                                                 double       fraction,
                                                 const char  *message);
/* Thread-safe.  @result: an a{sv} (floating references are sunk) or NULL. */
void              scraper_task_return_result    (ScraperTask *self,
                                                 GVariant    *result);
/* Thread-safe.  Takes ownership of @error. */
void              scraper_task_return_error     (ScraperTask *self,
                                                 GError      *error);
/* Thread-safe, for workers: the point of no return.  Call it before the
 * step that makes the work's outcome final (a run recorded as complete, a
 * file renamed into place).  FALSE when the task is already cancelled:
 * then do not take that step.  TRUE: a cancel from now on waits for the
 * worker, and its result is kept.  Until then, a cancelled task ends
 * "cancelled" soon after the cancel even while its worker still finishes
 * what it was doing in the background. */
gboolean          scraper_task_begin_final      (ScraperTask *self);
/* For workers: waits @ms milliseconds; returns FALSE at once when the task
 * is cancelled, TRUE when the full time elapsed. */
gboolean          scraper_task_sleep            (ScraperTask *self,
                                                 guint        ms);

const char       *scraper_task_state_to_string  (ScraperTaskState state);
gboolean          scraper_task_state_from_string (const char       *str,
                                                  ScraperTaskState *state);

G_END_DECLS
