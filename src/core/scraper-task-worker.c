/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-task"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "scraper-core-util.h"
#include "scraper-task-private.h"

/* What runs on a worker thread: the task function with its retries, and the
 * thread-safe calls a worker makes (report, return).  Everything here only
 * stores values under the task's lock and schedules one dispatch to the
 * main context; properties change on the main thread only. */

/* Longest pause between two attempts of a retried task. */
#define MAX_BACKOFF_MS (5 * 60 * 1000)

static guint
backoff_for_attempt (guint initial_ms,
                     guint attempt)
{
  guint64 delay = initial_ms;

  for (guint i = 1; i < attempt && delay < MAX_BACKOFF_MS; i++)
    delay *= 2;

  return (guint) MIN (delay, MAX_BACKOFF_MS);
}

void
_scraper_task_run_in_worker (ScraperTask *self,
                             guint        max_retries,
                             guint        initial_backoff_ms)
{
  guint attempt = 0;

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

  for (;;)
    {
      g_autoptr(GError) transient = NULL;
      g_autofree char *message = NULL;
      guint delay;

      /* Blocking calls below core that take no cancellable (the store's
       * pauses while another program holds the database) find it here. */
      g_cancellable_push_current (self->cancellable);
      self->func (self, self->task_data, self->cancellable);
      g_cancellable_pop_current (self->cancellable);

      g_mutex_lock (&self->lock);
      if (self->returned &&
          self->returned_error != NULL &&
          attempt < max_retries &&
          scraper_error_is_transient (self->returned_error) &&
          !g_cancellable_is_cancelled (self->cancellable))
        {
          transient = g_steal_pointer (&self->returned_error);
          self->returned = FALSE;
        }
      else
        {
          self->update.finished = TRUE;
          _scraper_task_schedule_dispatch_locked (self);
        }
      g_mutex_unlock (&self->lock);

      if (transient == NULL)
        return;

      attempt++;
      delay = backoff_for_attempt (initial_backoff_ms, attempt);
      /* Translators: %s is an error message, then seconds and attempt numbers */
      message = g_strdup_printf (_("%s — retrying in %.1f s (attempt %u of %u)"),
                                 transient->message, delay / 1000.0, attempt + 1, max_retries + 1);
      scraper_task_report (self, SCRAPER_TASK_FRACTION_INDETERMINATE, message);

      if (!scraper_cancellable_sleep (self->cancellable, delay))
        {
          g_mutex_lock (&self->lock);
          self->returned = TRUE;
          self->returned_error = g_steal_pointer (&transient);
          self->update.finished = TRUE;
          _scraper_task_schedule_dispatch_locked (self);
          g_mutex_unlock (&self->lock);
          return;
        }
    }
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
scraper_task_sleep (ScraperTask *self,
                    guint        ms)
{
  g_return_val_if_fail (SCRAPER_IS_TASK (self), FALSE);

  return scraper_cancellable_sleep (self->cancellable, ms);
}

