/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-task"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "scraper-task-private.h"

G_DEFINE_FINAL_TYPE (ScraperTask, scraper_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_STATE,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_ERROR,
  PROP_CREATED,
  PROP_STARTED,
  PROP_FINISHED,
  PROP_RESULT,
  PROP_CANCELLABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue state_values[] = {
  { SCRAPER_TASK_PENDING, "SCRAPER_TASK_PENDING", "pending" },
  { SCRAPER_TASK_RUNNING, "SCRAPER_TASK_RUNNING", "running" },
  { SCRAPER_TASK_COMPLETED, "SCRAPER_TASK_COMPLETED", "completed" },
  { SCRAPER_TASK_FAILED, "SCRAPER_TASK_FAILED", "failed" },
  { SCRAPER_TASK_CANCELLING, "SCRAPER_TASK_CANCELLING", "cancelling" },
  { SCRAPER_TASK_CANCELLED, "SCRAPER_TASK_CANCELLED", "cancelled" },
  { SCRAPER_TASK_INTERRUPTED, "SCRAPER_TASK_INTERRUPTED", "interrupted" },
  { 0, NULL, NULL }
};

GType
scraper_task_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_enum_register_static (g_intern_static_string ("ScraperTaskState"), state_values);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

const char *
scraper_task_state_to_string (ScraperTaskState state)
{
  for (guint i = 0; state_values[i].value_nick != NULL; i++)
    {
      if (state_values[i].value == (int) state)
        return state_values[i].value_nick;
    }

  g_return_val_if_reached (NULL);
}

gboolean
scraper_task_state_from_string (const char       *str,
                                ScraperTaskState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; state_values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (state_values[i].value_nick, str))
        {
          *state = state_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/* g_set_str() needs GLib 2.76. */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

static gboolean
state_is_final (ScraperTaskState state)
{
  return state == SCRAPER_TASK_COMPLETED ||
         state == SCRAPER_TASK_FAILED ||
         state == SCRAPER_TASK_CANCELLED ||
         state == SCRAPER_TASK_INTERRUPTED;
}

/* ---------------------------------------------------------------------- */
/* Worker -> main thread                                                   */

static void task_apply_update (ScraperTask *self, ScraperTaskUpdate *update);

static gboolean
task_dispatch_cb (gpointer user_data)
{
  ScraperTask *self = user_data;
  ScraperTaskUpdate update;
  GSource *source;

  g_mutex_lock (&self->lock);
  update = self->update;
  memset (&self->update, 0, sizeof self->update);
  /* Still counts as finished: reports after the end are ignored. */
  self->update.finished = update.finished;
  source = g_steal_pointer (&self->dispatch_source);
  self->last_dispatch = g_get_monotonic_time ();
  self->n_dispatches++;
  g_mutex_unlock (&self->lock);

  if (source != NULL)
    {
      /* The one that runs now, or one that another thread made urgent
       * meanwhile: either way this dispatch takes what it carried. */
      g_source_destroy (source);
      g_source_unref (source);
    }

  task_apply_update (self, &update);

  g_clear_pointer (&update.started_at, g_date_time_unref);
  g_free (update.message);

  return G_SOURCE_REMOVE;
}

static gboolean
dispatch_source_dispatch (GSource     *source,
                          GSourceFunc  callback,
                          gpointer     user_data)
{
  return callback (user_data);
}

/* Ready when its ready time comes: at once for what changes the state, one
 * interval after the previous dispatch for progress. */
static GSourceFuncs dispatch_source_funcs = {
  .dispatch = dispatch_source_dispatch,
};

static gboolean
update_is_urgent (const ScraperTaskUpdate *update)
{
  return update->started || update->finished || update->cancel_seen || update->skipped;
}

/* Called with self->lock held.  At most one dispatch is pending per task,
 * and later values are picked up by the one already queued.  Progress
 * alone is applied at most once per SCRAPER_TASK_COALESCE_MS, below the
 * priority of redrawing, and always once more after the last report;
 * starting, finishing and cancelling are applied at once. */
void
_scraper_task_schedule_dispatch_locked (ScraperTask *self)
{
  gboolean urgent = update_is_urgent (&self->update);
  GSource *source;

  if (self->dispatch_source != NULL)
    {
      /* Thread-safe on an attached source: both take the context's lock
       * and wake it up. */
      if (urgent && !self->dispatch_urgent)
        {
          self->dispatch_urgent = TRUE;
          g_source_set_priority (self->dispatch_source, G_PRIORITY_DEFAULT);
          g_source_set_ready_time (self->dispatch_source, 0);
        }
      /* Below redraw, progress would starve for as long as the frame clock
       * stays late (an animation on a loaded machine): once overdue, it
       * goes ahead of it. */
      else if (!self->dispatch_urgent &&
               g_source_get_priority (self->dispatch_source) != G_PRIORITY_DEFAULT &&
               g_get_monotonic_time () > g_source_get_ready_time (self->dispatch_source) +
                                         SCRAPER_TASK_STARVED_MS * G_TIME_SPAN_MILLISECOND)
        {
          g_source_set_priority (self->dispatch_source, G_PRIORITY_DEFAULT);
        }
      return;
    }

  source = g_source_new (&dispatch_source_funcs, sizeof (GSource));
  g_source_set_callback (source, task_dispatch_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[scraper] task dispatch");
  if (urgent)
    {
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_ready_time (source, 0);
    }
  else
    {
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_ready_time (source, self->last_dispatch + SCRAPER_TASK_COALESCE_MS * G_TIME_SPAN_MILLISECOND);
    }
  self->dispatch_urgent = urgent;
  self->dispatch_source = source;
  g_source_attach (source, self->context);
}

void
_scraper_task_flush (ScraperTask *self)
{
  GSource *source;

  g_return_if_fail (SCRAPER_IS_TASK (self));

  g_mutex_lock (&self->lock);
  source = self->dispatch_source ? g_source_ref (self->dispatch_source) : NULL;
  g_mutex_unlock (&self->lock);

  if (source == NULL)
    return;

  /* Keeps self alive: destroying the source drops its reference. */
  g_object_ref (self);
  g_source_destroy (source);
  g_source_unref (source);
  task_dispatch_cb (self);
  g_object_unref (self);
}

static void
task_cancelled_cb (GCancellable *cancellable,
                   ScraperTask  *self)
{
  /* Any thread: the main thread moves the state. */
  g_mutex_lock (&self->lock);
  self->update.cancel_seen = TRUE;
  _scraper_task_schedule_dispatch_locked (self);
  g_mutex_unlock (&self->lock);
}

/* ---------------------------------------------------------------------- */
/* Main-thread state changes                                               */

static void
task_set_state (ScraperTask      *self,
                ScraperTaskState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
task_set_fraction (ScraperTask *self,
                   double       fraction)
{
  if (self->fraction == fraction)
    return;

  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
task_set_message (ScraperTask *self,
                  const char  *message)
{
  if (set_str (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
task_clear_grace (ScraperTask *self)
{
  if (self->grace_source != NULL)
    {
      g_source_destroy (self->grace_source);
      g_clear_pointer (&self->grace_source, g_source_unref);
    }
}

static void task_changed (ScraperTask *self, gboolean was_finished);
static void task_set_final (ScraperTask *self, ScraperTaskState state, GError *error, GVariant *result);
static GError *task_cancelled_error (void);

/* The grace after a cancel is over and the worker still runs: unless it
 * returned already or passed its point of no return (its result will be
 * kept), the task ends "cancelled" now; the worker finishes in the
 * background (its batch is written, its run recorded as cancelled) and
 * what it hands over later changes nothing. */
static gboolean
task_grace_cb (gpointer user_data)
{
  ScraperTask *self = user_data;
  gboolean detach;

  g_clear_pointer (&self->grace_source, g_source_unref);
  if (scraper_task_is_finished (self))
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->lock);
  detach = !self->returned && !self->final_phase && !self->update.finished;
  g_mutex_unlock (&self->lock);

  if (detach)
    {
      g_object_freeze_notify (G_OBJECT (self));
      task_set_final (self, SCRAPER_TASK_CANCELLED, task_cancelled_error (), NULL);
      g_object_thaw_notify (G_OBJECT (self));
      task_changed (self, FALSE);
    }

  return G_SOURCE_REMOVE;
}

static void
task_start_grace (ScraperTask *self)
{
  if (self->grace_source != NULL)
    return;

  self->grace_source = g_timeout_source_new (SCRAPER_TASK_CANCEL_GRACE_MS);
  g_source_set_priority (self->grace_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->grace_source, task_grace_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (self->grace_source, "[scraper] task cancel grace");
  g_source_attach (self->grace_source, self->context);
}

/* Hands the outcome to the manager and to submit_async() callers, after the
 * task's own notifications went out. */
static void
task_changed (ScraperTask *self,
              gboolean     was_finished)
{
  g_autoptr(GPtrArray) waiters = NULL;

  if (self->manager != NULL)
    _scraper_task_manager_task_changed (self->manager, self);

  if (was_finished || !scraper_task_is_finished (self))
    return;

  waiters = g_steal_pointer (&self->waiters);
  if (waiters == NULL)
    return;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (self->state == SCRAPER_TASK_COMPLETED)
        g_task_return_boolean (waiter, TRUE);
      else if (self->gerror != NULL)
        g_task_return_error (waiter, g_error_copy (self->gerror));
      else
        g_task_return_new_error (waiter, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                 self->error ? self->error : _("The task did not complete"));
    }
}

/* Sets the final state; call between freeze and thaw.  Takes @error and
 * @result (a full, non-floating reference). */
static void
task_set_final (ScraperTask      *self,
                ScraperTaskState  state,
                GError           *error,
                GVariant         *result)
{
  g_assert (state_is_final (state));
  g_assert (!scraper_task_is_finished (self));

  task_clear_grace (self);
  g_clear_error (&self->gerror);
  self->gerror = error;

  if (state == SCRAPER_TASK_FAILED && error != NULL)
    {
      if (set_str (&self->error, error->message))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  if (result != NULL)
    {
      g_clear_pointer (&self->result, g_variant_unref);
      self->result = result;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
    }

  if (state == SCRAPER_TASK_COMPLETED)
    task_set_fraction (self, 1.0);

  g_clear_pointer (&self->finished, g_date_time_unref);
  self->finished = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);

  task_set_state (self, state);
}

static GError *
task_cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The task was cancelled"));
}

/* The worker is done: decides the final state from what it returned and
 * what happened meanwhile.  A result is kept even when a cancel came in
 * the meantime; an error after a cancel means "cancelled". */
static void
task_finish_from_worker (ScraperTask *self,
                         gboolean     skipped)
{
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean returned;

  g_mutex_lock (&self->lock);
  returned = self->returned;
  result = g_steal_pointer (&self->returned_result);
  error = g_steal_pointer (&self->returned_error);
  g_mutex_unlock (&self->lock);

  if (skipped)
    {
      task_set_final (self, SCRAPER_TASK_CANCELLED, task_cancelled_error (), NULL);
    }
  else if (returned && error == NULL)
    {
      /* The worker's word is the truth: a result that came before the
       * cancel took effect (a scrape whose run the store recorded as
       * completed) is kept, whatever the user asked meanwhile. */
      task_set_final (self, SCRAPER_TASK_COMPLETED, NULL, g_steal_pointer (&result));
    }
  else if (self->cancel_requested ||
           g_cancellable_is_cancelled (self->cancellable) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      task_set_final (self, SCRAPER_TASK_CANCELLED, task_cancelled_error (), NULL);
    }
  else if (error != NULL)
    {
      task_set_final (self, SCRAPER_TASK_FAILED, g_steal_pointer (&error), NULL);
    }
  else if (!returned)
    {
      g_critical ("Task “%s” (%s) returned from its worker without calling "
                  "scraper_task_return_result() or scraper_task_return_error()",
                  self->title ? self->title : "", self->kind);
      task_set_final (self, SCRAPER_TASK_FAILED,
                      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                           _("The task ended without a result (programming error)")),
                      NULL);
    }
  else
    {
      task_set_final (self, SCRAPER_TASK_COMPLETED, NULL, g_steal_pointer (&result));
    }
}

/* Main thread: the cancellable was cancelled (by us or anyone else). */
static void
task_handle_cancel (ScraperTask *self)
{
  if (scraper_task_is_finished (self))
    return;

  self->cancel_requested = TRUE;

  if (self->state == SCRAPER_TASK_PENDING)
    {
      if (self->manager == NULL || _scraper_task_manager_unqueue (self->manager, self))
        {
          /* Never started and never will. */
          task_set_final (self, SCRAPER_TASK_CANCELLED, task_cancelled_error (), NULL);
          return;
        }
    }

  /* A worker has it: it ends when the worker returns, or "cancelled"
   * after a short grace if the worker lingers (task_grace_cb()). */
  task_set_state (self, SCRAPER_TASK_CANCELLING);
  task_start_grace (self);
}

static void
task_apply_update (ScraperTask       *self,
                   ScraperTaskUpdate *update)
{
  gboolean was_finished = scraper_task_is_finished (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (update->cancel_seen)
    task_handle_cancel (self);

  if (update->started && !scraper_task_is_finished (self))
    {
      if (self->started == NULL && update->started_at != NULL)
        {
          self->started = g_date_time_ref (update->started_at);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED]);
        }

      if (self->state == SCRAPER_TASK_PENDING)
        task_set_state (self, SCRAPER_TASK_RUNNING);
    }

  if (!scraper_task_is_finished (self))
    {
      if (update->has_fraction)
        task_set_fraction (self, update->fraction);
      if (update->has_message)
        task_set_message (self, update->message);
    }

  if (update->finished && !scraper_task_is_finished (self))
    task_finish_from_worker (self, update->skipped);

  g_object_thaw_notify (G_OBJECT (self));

  task_changed (self, was_finished);
}

void
_scraper_task_cancel (ScraperTask *self)
{
  gboolean was_finished;

  g_return_if_fail (SCRAPER_IS_TASK (self));

  was_finished = scraper_task_is_finished (self);
  if (was_finished)
    return;

  /* Runs task_cancelled_cb, whose dispatch later finds nothing to do. */
  g_cancellable_cancel (self->cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  task_handle_cancel (self);
  g_object_thaw_notify (G_OBJECT (self));

  task_changed (self, was_finished);
}

void
_scraper_task_attach (ScraperTask        *self,
                      ScraperTaskManager *manager)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  g_mutex_lock (&self->lock);
  g_main_context_unref (self->context);
  self->context = context;
  g_mutex_unlock (&self->lock);

  self->manager = manager;
}

void
_scraper_task_detach (ScraperTask *self)
{
  self->manager = NULL;
}

void
_scraper_task_add_waiter (ScraperTask *self,
                          GTask       *waiter)
{
  if (self->waiters == NULL)
    self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiters, g_object_ref (waiter));
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
scraper_task_dispose (GObject *object)
{
  ScraperTask *self = SCRAPER_TASK (object);

  if (self->cancelled_handler != 0)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_handler);
      self->cancelled_handler = 0;
    }

  task_clear_grace (self);

  G_OBJECT_CLASS (scraper_task_parent_class)->dispose (object);
}

static void
scraper_task_finalize (GObject *object)
{
  ScraperTask *self = SCRAPER_TASK (object);

  if (self->task_data_destroy != NULL && self->task_data != NULL)
    self->task_data_destroy (self->task_data);

  g_assert (self->dispatch_source == NULL);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_pointer (&self->update.started_at, g_date_time_unref);
  g_clear_pointer (&self->update.message, g_free);
  g_clear_pointer (&self->returned_result, g_variant_unref);
  g_clear_error (&self->returned_error);
  g_clear_error (&self->gerror);
  g_clear_pointer (&self->result, g_variant_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->finished, g_date_time_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->id);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->message);
  g_free (self->error);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (scraper_task_parent_class)->finalize (object);
}

static void
scraper_task_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ScraperTask *self = SCRAPER_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_STARTED:
      g_value_set_boxed (value, self->started);
      break;
    case PROP_FINISHED:
      g_value_set_boxed (value, self->finished);
      break;
    case PROP_RESULT:
      g_value_set_variant (value, self->result);
      break;
    case PROP_CANCELLABLE:
      g_value_set_object (value, self->cancellable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_task_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ScraperTask *self = SCRAPER_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (g_value_get_string (value) != NULL)
        set_str (&self->id, g_value_get_string (value));
      break;
    case PROP_KIND:
      set_str (&self->kind, g_value_get_string (value));
      break;
    case PROP_TITLE:
      set_str (&self->title, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_task_class_init (ScraperTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scraper_task_dispose;
  object_class->finalize = scraper_task_finalize;
  object_class->get_property = scraper_task_get_property;
  object_class->set_property = scraper_task_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SCRAPER_TYPE_TASK_STATE, SCRAPER_TASK_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARTED] =
    g_param_spec_boxed ("started", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boxed ("finished", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_variant ("result", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL, G_TYPE_CANCELLABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Registered at once so that threads never race to register it. */
  g_type_ensure (SCRAPER_TYPE_TASK_STATE);
}

static void
scraper_task_init (ScraperTask *self)
{
  g_mutex_init (&self->lock);
  self->id = g_uuid_string_random ();
  self->state = SCRAPER_TASK_PENDING;
  self->fraction = 0.0;
  self->created = g_date_time_new_now_local ();
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->cancelled_handler = g_cancellable_connect (self->cancellable,
                                                   G_CALLBACK (task_cancelled_cb),
                                                   self, NULL);
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

ScraperTask *
scraper_task_new (const char      *kind,
                  const char      *title,
                  ScraperTaskFunc  func,
                  gpointer         task_data,
                  GDestroyNotify   task_data_destroy)
{
  ScraperTask *self;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (SCRAPER_TYPE_TASK,
                       "kind", kind,
                       "title", title,
                       NULL);
  self->func = func;
  self->task_data = task_data;
  self->task_data_destroy = task_data_destroy;

  return self;
}

static void
history_func (ScraperTask  *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_critical ("A task restored from history cannot run");
  scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                        _("This task cannot run again")));
}

ScraperTask *
scraper_task_new_from_history (const char       *id,
                               const char       *kind,
                               const char       *title,
                               ScraperTaskState  state,
                               GDateTime        *created,
                               GDateTime        *started,
                               GDateTime        *finished,
                               GVariant         *result,
                               const char       *error)
{
  ScraperTask *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (SCRAPER_TYPE_TASK,
                       "id", id,
                       "kind", kind,
                       "title", title,
                       NULL);
  self->func = history_func;

  /* A task that was still active when the app stopped was interrupted. */
  self->state = state_is_final (state) ? state : SCRAPER_TASK_INTERRUPTED;
  self->fraction = self->state == SCRAPER_TASK_COMPLETED ? 1.0 : 0.0;

  if (created != NULL)
    {
      g_date_time_unref (self->created);
      self->created = g_date_time_ref (created);
    }
  if (started != NULL)
    self->started = g_date_time_ref (started);
  if (finished != NULL)
    self->finished = g_date_time_ref (finished);
  if (result != NULL)
    {
      if (g_variant_is_of_type (result, G_VARIANT_TYPE_VARDICT))
        self->result = g_variant_ref_sink (result);
      else
        {
          g_warning ("Ignoring a task result of type %s (expected a{sv})",
                     g_variant_get_type_string (result));
          g_variant_unref (g_variant_ref_sink (result));
        }
    }
  self->error = g_strdup (error);
  if (error != NULL)
    self->gerror = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, error);
  else if (self->state == SCRAPER_TASK_CANCELLED)
    self->gerror = task_cancelled_error ();
  else if (self->state != SCRAPER_TASK_COMPLETED)
    self->gerror = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("The task was interrupted"));

  return self;
}

const char *
scraper_task_get_id (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->id;
}

const char *
scraper_task_get_kind (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->kind;
}

const char *
scraper_task_get_title (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->title;
}

ScraperTaskState
scraper_task_get_state (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), SCRAPER_TASK_PENDING);
  return self->state;
}

double
scraper_task_get_fraction (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), 0.0);
  return self->fraction;
}

const char *
scraper_task_get_message (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->message;
}

const char *
scraper_task_get_error (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->error;
}

GDateTime *
scraper_task_get_created (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->created;
}

GDateTime *
scraper_task_get_started (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->started;
}

GDateTime *
scraper_task_get_finished (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->finished;
}

GVariant *
scraper_task_get_result (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->result;
}

GCancellable *
scraper_task_get_cancellable (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->cancellable;
}

gpointer
scraper_task_get_task_data (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->task_data;
}

gboolean
scraper_task_is_finished (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), FALSE);
  return state_is_final (self->state);
}

const GError *
scraper_task_get_gerror (ScraperTask *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), NULL);
  return self->gerror;
}
