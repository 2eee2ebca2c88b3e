/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-task"

#include "config.h"

#include <math.h>


#include "model/scraper-wait.h"
#include "scraper-task-private.h"

/* What runs on a worker thread: the task function, and the thread-safe
 * calls a worker makes (report, return).  Everything here only stores values under the task's lock and schedules one dispatch to the
 * main context; properties change on the main thread only. */

void
_scraper_task_run_in_worker (ScraperTask *self)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_mutex_lock (&self->lock);
      self->update.skipped = TRUE;
      self->update.finished = TRUE;
      _scraper_task_schedule_dispatch_locked (self);
      g_mutex_unlock (&self->lock);
      return;
    }

  g_mutex_lock (&self->lock);
  self->update.started = TRUE;
  g_clear_pointer (&self->update.started_at, g_date_time_unref);
  self->update.started_at = g_date_time_new_now_local ();
  _scraper_task_schedule_dispatch_locked (self);
  g_mutex_unlock (&self->lock);

  /* Blocking calls below core that take no cancellable (the store's
   * pauses while another program holds the database) find it here. */
  g_cancellable_push_current (self->cancellable);
  self->func (self, self->task_data, self->cancellable);
  g_cancellable_pop_current (self->cancellable);

  g_mutex_lock (&self->lock);
  self->update.finished = TRUE;
  _scraper_task_schedule_dispatch_locked (self);
  g_mutex_unlock (&self->lock);
}

void
scraper_task_report (ScraperTask *self,
                     double       fraction,
                     const char  *message)
{
  g_return_if_fail (SCRAPER_IS_TASK (self));

  if (isnan (fraction) || fraction < 0)
    fraction = SCRAPER_TASK_FRACTION_INDETERMINATE;
  else if (fraction > 1)
    fraction = 1;

  g_mutex_lock (&self->lock);
  if (!self->update.finished)
    {
      self->update.fraction = fraction;
      self->update.has_fraction = TRUE;
      if (message != NULL)
        {
          if (g_strcmp0 (self->update.message, message) != 0)
            {
              g_free (self->update.message);
              self->update.message = g_strdup (message);
            }
          self->update.has_message = TRUE;
        }
      _scraper_task_schedule_dispatch_locked (self);
    }
  g_mutex_unlock (&self->lock);
}

void
scraper_task_return_result (ScraperTask *self,
                            GVariant    *result)
{
  g_return_if_fail (SCRAPER_IS_TASK (self));
  g_return_if_fail (result == NULL || g_variant_is_of_type (result, G_VARIANT_TYPE_VARDICT));

  if (result != NULL)
    g_variant_ref_sink (result);

  g_mutex_lock (&self->lock);
  if (self->returned)
    {
      g_mutex_unlock (&self->lock);
      g_critical ("Task “%s” returned twice; the second result is ignored", self->kind);
      g_clear_pointer (&result, g_variant_unref);
      return;
    }
  self->returned = TRUE;
  self->returned_result = result;
  g_mutex_unlock (&self->lock);
}

void
scraper_task_return_error (ScraperTask *self,
                           GError      *error)
{
  g_return_if_fail (SCRAPER_IS_TASK (self));
  g_return_if_fail (error != NULL);

  g_mutex_lock (&self->lock);
  if (self->returned)
    {
      g_mutex_unlock (&self->lock);
      g_critical ("Task “%s” returned twice; the error “%s” is ignored", self->kind, error->message);
      g_error_free (error);
      return;
    }
  self->returned = TRUE;
  self->returned_error = error;
  g_mutex_unlock (&self->lock);
}

gboolean
scraper_task_begin_final (ScraperTask *self)
{
  gboolean ok;

  g_return_val_if_fail (SCRAPER_IS_TASK (self), FALSE);

  g_mutex_lock (&self->lock);
  ok = !g_cancellable_is_cancelled (self->cancellable);
  if (ok)
    self->final_phase = TRUE;
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
scraper_task_sleep (ScraperTask *self,
                    guint        ms)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), FALSE);

  return scraper_sleep (ms, self->cancellable, NULL);
}

/* The worker lets go of its task (after it ran) where the task lives. */

static gboolean
drop_reference_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

void
_scraper_task_unref_in_context (ScraperTask *self)
{
  GSource *source;
  GMainContext *context;

  g_mutex_lock (&self->lock);
  context = g_main_context_ref (self->context);
  g_mutex_unlock (&self->lock);

  /* The source's destroy notify drops the reference there. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, drop_reference_cb, self, g_object_unref);
  g_source_set_static_name (source, "[scraper] task release");
  g_source_attach (source, context);
  g_source_unref (source);
  g_main_context_unref (context);
}

guint
_scraper_task_get_n_dispatches (ScraperTask *self)
{
  guint n;

  g_return_val_if_fail (SCRAPER_IS_TASK (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_dispatches;
  g_mutex_unlock (&self->lock);
  return n;
}
