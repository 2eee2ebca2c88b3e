/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-core"

#include "config.h"

#include "scraper-core-util.h"

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean cancelled;
} SleepState;

static void
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  SleepState *state = user_data;

  g_mutex_lock (&state->mutex);
  state->cancelled = TRUE;
  g_cond_broadcast (&state->cond);
  g_mutex_unlock (&state->mutex);
}

gboolean
scraper_cancellable_sleep (GCancellable *cancellable,
                           guint         ms)
{
  SleepState state = { 0 };
  gint64 deadline;
  gulong handler = 0;
  gboolean slept;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return FALSE;

  if (ms == 0)
    return TRUE;

  g_mutex_init (&state.mutex);
  g_cond_init (&state.cond);

  /* Runs the handler at once (in this thread) if already cancelled. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (sleep_cancelled_cb), &state, NULL);

  deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&state.mutex);
  while (!state.cancelled)
    {
      if (!g_cond_wait_until (&state.cond, &state.mutex, deadline))
        break;
    }
  slept = !state.cancelled;
  g_mutex_unlock (&state.mutex);

  /* Waits for a handler running in another thread before @state goes away. */
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  g_cond_clear (&state.cond);
  g_mutex_clear (&state.mutex);

  return slept;
}
