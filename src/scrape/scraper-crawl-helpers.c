/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-adapter"

#include "config.h"

#include "scraper-adapter-private.h"

/* Helper threads for crawls: one pool for the whole process, with a fixed
 * number of threads whatever the number of crawls.  A crawl's own (task)
 * thread does the work anyway; helpers join it when one is free, so a
 * crawl never waits for a helper, and the threads of the process stay
 * bounded by the task pool plus CRAWL_HELPER_THREADS. */

struct _ScraperCrawlHelpers
{
  GMutex      lock;
  GCond       cond;
  GThreadFunc func;
  gpointer    data;
  guint       n_running;   /* helpers inside func */
  gboolean    closed;      /* func's data is going away: helpers not yet started leave */
};

static void
helpers_clear (gpointer data)
{
  ScraperCrawlHelpers *helpers = data;

  g_cond_clear (&helpers->cond);
  g_mutex_clear (&helpers->lock);
}

static void
helpers_unref (ScraperCrawlHelpers *helpers)
{
  g_atomic_rc_box_release_full (helpers, helpers_clear);
}

static void
helper_func (gpointer data,
             gpointer user_data)
{
  ScraperCrawlHelpers *helpers = data;
  gboolean run;

  g_mutex_lock (&helpers->lock);
  run = !helpers->closed;
  if (run)
    helpers->n_running++;
  g_mutex_unlock (&helpers->lock);

  if (run)
    {
      helpers->func (helpers->data);

      g_mutex_lock (&helpers->lock);
      helpers->n_running--;
      g_cond_broadcast (&helpers->cond);
      g_mutex_unlock (&helpers->lock);
    }

  helpers_unref (helpers);
}

static GThreadPool *
helper_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      g_autoptr(GError) error = NULL;
      GThreadPool *new_pool = g_thread_pool_new (helper_func, NULL, CRAWL_HELPER_THREADS, FALSE, &error);

      /* Without helpers, crawls run on their own thread only. */
      if (new_pool == NULL)
        g_warning ("Cannot create the crawl helper threads: %s", error->message);
      g_once_init_leave (&pool, new_pool);
    }

  return pool;
}

ScraperCrawlHelpers *
scraper_crawl_helpers_start (GThreadFunc func,
                             gpointer    data,
                             guint       n_helpers)
{
  ScraperCrawlHelpers *helpers = g_atomic_rc_box_new0 (ScraperCrawlHelpers);
  GThreadPool *pool = helper_pool ();

  g_mutex_init (&helpers->lock);
  g_cond_init (&helpers->cond);
  helpers->func = func;
  helpers->data = data;

  for (guint i = 0; pool != NULL && i < MIN (n_helpers, CRAWL_HELPER_THREADS); i++)
    {
      if (!g_thread_pool_push (pool, g_atomic_rc_box_acquire (helpers), NULL))
        helpers_unref (helpers);
    }

  return helpers;
}

void
scraper_crawl_helpers_join (ScraperCrawlHelpers *helpers)
{
  g_mutex_lock (&helpers->lock);
  helpers->closed = TRUE;
  while (helpers->n_running > 0)
    g_cond_wait (&helpers->cond, &helpers->lock);
  g_mutex_unlock (&helpers->lock);

  /* Helpers still queued hold a reference; they find it closed. */
  helpers_unref (helpers);
}
