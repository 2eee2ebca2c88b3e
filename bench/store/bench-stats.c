/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "job-scraper stats" on N postings (default 100 000) with stage events
 * for one in twenty, against one plain SQLite COUNT(*) over the same table
 * in the same run.  Usage: bench-stats [N] */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include "scraper-store-applications.h"
#include "scraper-store-insights.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This thread's processor time: what a loaded machine (other builds on
 * the same cores) changes least. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
fill (const char *path,
      guint       n)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *post = NULL, *event = NULL;
  gint64 start = 1735689600;   /* 2025-01-01 */
  int rc = sqlite3_open (path, &db);

  g_assert (rc == SQLITE_OK);
  sqlite3_exec (db, "BEGIN;"
                "INSERT INTO sources (id, name, url, kind, created) VALUES"
                " (1, 'A', 'https://a.example', 'greenhouse', 0),"
                " (2, 'B', 'https://b.example', 'lever', 0);", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO postings (id, source_id, sync_key, title, company, status,"
                      " first_seen, last_seen) VALUES (?1, ?2, 'id:' || ?1, 'Engineer', 'Acme', ?3, ?4, ?4)",
                      -1, &post, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO stage_events (posting_id, at, from_status, to_status)"
                      " VALUES (?1, ?2, ?3, ?4)", -1, &event, NULL);
  for (guint i = 1; i <= n; i++)
    {
      gint64 seen = start + (gint64) (i % 365) * 86400;
      int status = i % 20 == 0 ? (i % 60 == 0 ? 3 : 2) : 0;

      sqlite3_bind_int64 (post, 1, i);
      sqlite3_bind_int (post, 2, 1 + i % 2);
      sqlite3_bind_int (post, 3, status);
      sqlite3_bind_int64 (post, 4, seen);
      sqlite3_step (post);
      sqlite3_reset (post);
      if (status >= 2)
        {
          sqlite3_bind_int64 (event, 1, i);
          sqlite3_bind_int64 (event, 2, seen + 86400);
          sqlite3_bind_int (event, 3, 0);
          sqlite3_bind_int (event, 4, 2);
          sqlite3_step (event);
          sqlite3_reset (event);
        }
      if (status == 3)
        {
          sqlite3_bind_int64 (event, 1, i);
          sqlite3_bind_int64 (event, 2, seen + 86400 * (1 + i % 9));
          sqlite3_bind_int (event, 3, 2);
          sqlite3_bind_int (event, 4, 3);
          sqlite3_step (event);
          sqlite3_reset (event);
        }
    }
  sqlite3_finalize (post);
  sqlite3_finalize (event);
  sqlite3_exec (db, "COMMIT; ANALYZE;", NULL, NULL, NULL);
  sqlite3_close (db);
}

static double
count_ms (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double t0;

  sqlite3_open (path, &db);
  sqlite3_prepare_v2 (db, "SELECT count(*) FROM postings", -1, &stmt, NULL);
  t0 = now_ms ();
  sqlite3_step (stmt);
  t0 = now_ms () - t0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return t0;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-stats-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "jobs.db", NULL);
  g_autoptr(ScraperStore) store = scraper_store_open (path, &error);
  double best_cpu = G_MAXDOUBLE, best_insights_cpu = G_MAXDOUBLE;
  double best = G_MAXDOUBLE, best_count = G_MAXDOUBLE, best_insights = G_MAXDOUBLE, best_search = G_MAXDOUBLE;

  g_assert_no_error (error);
  fill (path, n);

  for (guint run = 0; run < 5; run++)
    {
      g_autoptr(ScraperStats) stats = NULL;
      double t0 = now_ms (), c0 = cpu_ms ();

      stats = scraper_store_compute_stats (store, NULL, &error);
      g_assert_no_error (error);
      best = MIN (best, now_ms () - t0);
      best_cpu = MIN (best_cpu, cpu_ms () - c0);
      best_count = MIN (best_count, count_ms (path));

      /* The Insights view's charts (26 weeks up to 2025-10-28, inside the
       * year of postings): all postings, then a search. */
      for (guint with_search = 0; with_search < 2; with_search++)
        {
          g_autoptr(ScraperInsights) insights = NULL;
          double t1 = now_ms (), c1 = cpu_ms ();

          insights = scraper_store_compute_insights (store, with_search ? "engineer" : NULL, 26,
                                                     1735689600 + 300 * 86400, &error);
          g_assert_no_error (error);
          if (with_search)
            best_search = MIN (best_search, now_ms () - t1);
          else
            {
              best_insights = MIN (best_insights, now_ms () - t1);
              best_insights_cpu = MIN (best_insights_cpu, cpu_ms () - c1);
            }
        }
      if (run == 0)
        g_print ("postings %u, weeks %u, applied %u, responded %u\n", stats->postings_total,
                 stats->new_by_week->len, stats->n_applied, stats->n_responded);
    }
  g_print ("stats: %.1f ms (best of 5); COUNT(*): %.2f ms; ratio %.0f; processor time %.1f ms\n",
           best, best_count, best / best_count, best_cpu);
  /* The filled postings have no indexed text: the search matches none,
   * and times the full-text probe and the empty charts. */
  g_print ("insights: %.1f ms, ratio %.0f, processor time %.1f ms; with a search (no match): %.1f ms, ratio %.0f\n",
           best_insights, best_insights / best_count, best_insights_cpu, best_search, best_search / best_count);

  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
