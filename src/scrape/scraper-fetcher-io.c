/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-fetcher"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-fetcher-private.h"

/* Reading answers within bounds: the body at a minimum rate and within a
 * deadline, and a watchdog that cancels what takes too long in all. */

#define READ_CHUNK (16 * 1024)

/* A server that sends a byte now and then never hits the timeout of one
 * read: a body must come at SLOW_MIN_BYTES per timeout at least, and all
 * of it within SLOW_TOTAL_FACTOR timeouts (5 minutes by default). */
#define SLOW_MIN_BYTES    1024
#define SLOW_TOTAL_FACTOR 10

GBytes *
fetcher_read_body (GInputStream  *stream,
                   gsize          limit,
                   guint          timeout_s,
                   const char    *url,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint8 buf[READ_CHUNK];
  gint64 window = (gint64) timeout_s * G_USEC_PER_SEC;
  gint64 started = g_get_monotonic_time ();
  gint64 window_start = started;
  gsize window_bytes = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, error);
      gint64 now = g_get_monotonic_time ();

      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      window_bytes += (gsize) n;
      if (now - started > SLOW_TOTAL_FACTOR * window)
        {
          g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT,
                       _("%s took more than %u seconds to send its answer"),
                       url, SLOW_TOTAL_FACTOR * timeout_s);
          return NULL;
        }
      if (now - window_start >= window)
        {
          if (window_bytes < SLOW_MIN_BYTES)
            {
              g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%s sends too slowly: %u bytes in %u second",
                                        "%s sends too slowly: %u bytes in %u seconds",
                                        (gulong) ((now - window_start) / G_USEC_PER_SEC)),
                           url, (guint) window_bytes, (guint) ((now - window_start) / G_USEC_PER_SEC));
              return NULL;
            }
          window_start = now;
          window_bytes = 0;
        }
      /* Decoded bytes: a gzip bomb is stopped here too. */
      if (body->len + (gsize) n > limit)
        {
          g_autofree char *size = g_format_size (limit);

          g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_LARGE,
                       _("The response from %s is larger than %s; it was not downloaded"),
                       url, size);
          return NULL;
        }
      g_byte_array_append (body, buf, (guint) n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

/* The watchdog: timeouts on a main context of its own, run by one thread
 * for the whole process, cancel the fetches that overrun. */
struct _FetcherWatchdog {
  GCancellable *cancellable;   /* what the guarded I/O uses */
  GCancellable *parent;        /* nullable: the caller's */
  gulong        parent_handler;
  GSource      *timeout;
  gint          fired;         /* atomic */
};

static gpointer
watchdog_thread (gpointer data)
{
  GMainContext *context = data;

  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

static GMainContext *
watchdog_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *ctx = g_main_context_new ();

      g_thread_unref (g_thread_new ("fetch-watchdog", watchdog_thread, ctx));
      g_once_init_leave (&context, ctx);
    }
  return context;
}

static void
watchdog_release (FetcherWatchdog *dog)
{
  g_clear_object (&dog->cancellable);
  g_clear_object (&dog->parent);
}

static void
watchdog_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) watchdog_release);
}

static gboolean
on_deadline (gpointer data)
{
  FetcherWatchdog *dog = data;

  g_atomic_int_set (&dog->fired, TRUE);
  g_cancellable_cancel (dog->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_parent_cancelled (GCancellable *parent,
                     GCancellable *child)
{
  g_cancellable_cancel (child);
}

FetcherWatchdog *
fetcher_watchdog_arm (GCancellable *parent,
                      guint         seconds)
{
  FetcherWatchdog *dog = g_atomic_rc_box_new0 (FetcherWatchdog);

  dog->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      dog->parent = g_object_ref (parent);
      dog->parent_handler = g_cancellable_connect (parent, G_CALLBACK (on_parent_cancelled),
                                                   g_object_ref (dog->cancellable), g_object_unref);
    }
  dog->timeout = g_timeout_source_new_seconds (MAX (seconds, 1));
  /* The source keeps the watchdog alive while its callback may run. */
  g_source_set_callback (dog->timeout, on_deadline, g_atomic_rc_box_acquire (dog), watchdog_unref);
  g_source_attach (dog->timeout, watchdog_context ());
  return dog;
}

GCancellable *
fetcher_watchdog_get_cancellable (FetcherWatchdog *dog)
{
  return dog->cancellable;
}

gboolean
fetcher_watchdog_fired (FetcherWatchdog *dog)
{
  return g_atomic_int_get (&dog->fired) &&
         (dog->parent == NULL || !g_cancellable_is_cancelled (dog->parent));
}

void
fetcher_watchdog_disarm (FetcherWatchdog *dog)
{
  if (dog == NULL)
    return;
  g_source_destroy (dog->timeout);
  g_source_unref (dog->timeout);
  dog->timeout = NULL;
  if (dog->parent != NULL)
    g_cancellable_disconnect (dog->parent, dog->parent_handler);
  watchdog_unref (dog);
}
