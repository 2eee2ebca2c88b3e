/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window while big boards land: main-loop gaps and Cancel latency in
 * the real application (its window, actions, store and task engine), with
 * 5 scrapes of 5 000-posting boards served by an in-process HTTP server,
 * against an idle window's figures in the same run.  Not a test: it
 * prints figures (see bench/README.md).  Run bench/ui/run.sh. */
#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/scraper-application.h"
#include "scraper-test-server.h"
#include "ui/scraper-task-row.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"

#define N_BOARDS     5
#define IDLE_SECONDS 3

static guint board_size = 5000;

typedef struct {
  ScraperTestServer  *server;
  char               *dir;
  char               *db;
  ScraperApplication *app;
  ScraperWindow      *window;
} Bench;

/* A feed of @n postings with descriptions of about 1 KB, like a big
 * board's listing. */
static GBytes *
make_board (guint board,
            guint n)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<rss version=\"2.0\"><channel><title>Board</title>"
                             "<link>https://board.example/</link><description>Jobs</description>\n");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (s,
                              "<item><title>Engineer %u of board %u (Rust, remote)</title>"
                              "<link>https://board%u.example/jobs/%u</link>"
                              "<guid>board%u-%u</guid>"
                              "<pubDate>Mon, 02 Nov 2026 10:%02u:00 GMT</pubDate>"
                              "<description>",
                              i, board, board, i, board, i, i % 60);
      for (guint k = 0; k < 14; k++)
        g_string_append (s, "We build distributed systems in Rust and C; you will mentor others. ");
      g_string_append (s, "</description></item>\n");
    }
  g_string_append (s, "</channel></rss>\n");
  return g_string_free_to_bytes (s);
}

static void
bench_setup (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = NULL;

  b->server = scraper_test_server_new (NULL);
  scraper_test_server_set_robots (b->server, "User-agent: *\nAllow: /\n");
  b->dir = g_dir_make_tmp ("bench-window-XXXXXX", &error);
  g_assert_no_error (error);
  b->db = g_build_filename (b->dir, "jobs.db", NULL);
  g_setenv ("JOB_SCRAPER_DB", b->db, TRUE);

  store = scraper_store_open (b->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_BOARDS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/board/%u.rss", i);
      g_autoptr(GBytes) body = make_board (i, board_size);
      g_autoptr(ScraperSource) source = scraper_source_new ();
      ScraperTestRoute *route;

      route = scraper_test_route_new (200, "application/rss+xml", g_bytes_get_data (body, NULL),
                                      (gssize) g_bytes_get_size (body));
      scraper_test_server_add_route (b->server, path, route);
      source->name = g_strdup_printf ("Board %u", i);
      source->url = scraper_test_server_url_for (b->server, path);
      source->kind = g_strdup ("feed");
      source->enabled = TRUE;
      scraper_store_add_source (store, source, &error);
      g_assert_no_error (error);
    }
}

/* Main-loop gaps: a 1 ms timeout notes when it runs; a gap is the time
 * between two runs. */
typedef struct {
  GArray *gaps;   /* double, ms */
  gint64  last;
} Meter;

static gboolean
meter_tick (gpointer data)
{
  Meter *m = data;
  gint64 now = g_get_monotonic_time ();

  if (m->last != 0)
    {
      double gap = (now - m->last) / 1000.0;
      g_array_append_val (m->gaps, gap);
    }
  m->last = now;
  return G_SOURCE_CONTINUE;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static ScraperTaskManager *
get_tasks (Bench *b)
{
  return scraper_context_get_task_manager (scraper_application_get_context (b->app));
}

static void
spin_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (500), TRUE);
}

static void
measure_gaps (Bench      *b,
              gboolean    until_idle,
              guint       seconds,
              const char *label,
              double     *p99_out,
              double     *max_out)
{
  Meter m = { g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  guint id = g_timeout_add (1, meter_tick, &m);
  gint64 start = g_get_monotonic_time ();
  double p50, p99, max;

  if (until_idle)
    {
      while (scraper_task_manager_get_busy (get_tasks (b)))
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      while (g_get_monotonic_time () - start < (gint64) seconds * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);

  p50 = percentile (m.gaps, 0.50);   /* sorts */
  p99 = percentile (m.gaps, 0.99);
  max = m.gaps->len > 0 ? g_array_index (m.gaps, double, m.gaps->len - 1) : 0;
  printf ("%-34s %8.1f s %7u ticks   gap p50 %6.1f ms  p99 %7.1f ms  max %7.1f ms\n",
          label, (g_get_monotonic_time () - start) / 1e6, m.gaps->len, p50, p99, max);
  *p99_out = p99;
  *max_out = max;
  g_array_unref (m.gaps);
}

/* Cancel latency: the Cancel button of a running task's row is clicked
 * once the task has run for @after_ms (its batches landing); the time until
 * its state is "cancelling" and until it is final (cancelled, or completed
 * when the result came first). */
static gboolean
row_has_task (GtkWidget *widget,
              gpointer   data)
{
  return SCRAPER_IS_TASK_ROW (widget) && scraper_task_row_get_task (SCRAPER_TASK_ROW (widget)) == data;
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gpointer),
             gpointer   data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_cancel_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "task.cancel") == 0;
}

static void
measure_cancels (Bench      *b,
                 guint       after_ms,
                 const char *label,
                 double     *median_final)
{
  ScraperTaskManager *tasks = get_tasks (b);
  GArray *to_cancelling = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *to_final = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (tasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScraperTask) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      GtkWidget *row, *button;
      gint64 t0, t1;
      double ms;

      if (scraper_task_is_finished (task))
        continue;
      while (!scraper_task_is_finished (task) && scraper_task_get_state (task) != SCRAPER_TASK_RUNNING)
        g_main_context_iteration (NULL, TRUE);
      spin_ms (after_ms);
      if (scraper_task_is_finished (task))
        continue;

      row = find_widget (GTK_WIDGET (b->window), row_has_task, task);
      button = row != NULL ? find_widget (row, is_cancel_button, NULL) : NULL;
      t0 = g_get_monotonic_time ();
      if (button != NULL)
        g_signal_emit_by_name (button, "clicked");
      else
        scraper_task_manager_cancel (tasks, task);
      while (scraper_task_get_state (task) != SCRAPER_TASK_CANCELLING && !scraper_task_is_finished (task))
        g_main_context_iteration (NULL, TRUE);
      t1 = g_get_monotonic_time ();
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (to_cancelling, ms);
      while (!scraper_task_is_finished (task))
        g_main_context_iteration (NULL, TRUE);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (to_final, ms);
      printf ("  cancel %-10s %4u ms in: cancelling after %6.2f ms, %s after %7.1f ms\n",
              scraper_task_get_title (task), after_ms, (t1 - t0) / 1000.0,
              scraper_task_state_to_string (scraper_task_get_state (task)), ms);
    }

  *median_final = percentile (to_final, 0.5);   /* sorts */
  printf ("%-34s %u cancels: to “Cancelling…” median %.2f ms; to final median %.1f ms, max %.1f ms\n",
          label, to_final->len, percentile (to_cancelling, 0.5), *median_final,
          to_final->len > 0 ? g_array_index (to_final, double, to_final->len - 1) : 0);
  g_array_unref (to_cancelling);
  g_array_unref (to_final);
}

static void
run_bench (Bench *b)
{
  double idle_p99, idle_max, load_p99, load_max, idle_cancel, load_cancel;
  g_autoptr(GPtrArray) one = NULL;
  ScraperContext *context = scraper_application_get_context (b->app);
  gint64 first_id = 1;

  scraper_window_show_view (b->window, "tasks");
  spin_ms (500);

  printf ("%u boards of %u postings (RSS, ~1 KB each), %u concurrent tasks\n",
          N_BOARDS, board_size, scraper_task_manager_get_max_concurrent (get_tasks (b)));

  measure_gaps (b, FALSE, IDLE_SECONDS, "idle window", &idle_p99, &idle_max);

  g_action_group_activate_action (G_ACTION_GROUP (b->app), "scrape", NULL);
  measure_gaps (b, TRUE, 0, "5 scrapes landing (first run)", &load_p99, &load_max);
  printf ("ratio to idle: p99 %.1f×, max %.1f×\n\n", load_p99 / MAX (idle_p99, 0.001),
          load_max / MAX (idle_max, 0.001));

  /* Cancel on an otherwise idle window: one scrape of one board. */
  one = scraper_context_scrape (context, &first_id, 1, SCRAPER_TASK_PRIORITY_USER, NULL);
  measure_cancels (b, 300, "cancel, idle window", &idle_cancel);
  while (scraper_task_manager_get_busy (get_tasks (b)))
    g_main_context_iteration (NULL, TRUE);

  /* Cancel while the others land: a second run of every board (the store
   * compares each posting with what it holds). */
  g_action_group_activate_action (G_ACTION_GROUP (b->app), "scrape", NULL);
  measure_cancels (b, 300, "cancel, 5 scrapes landing", &load_cancel);
  printf ("ratio to idle: cancel to final %.1f×\n", load_cancel / MAX (idle_cancel, 0.001));
  while (scraper_task_manager_get_busy (get_tasks (b)))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_activate_after (GApplication *app,
                   gpointer      user_data)
{
  Bench *b = user_data;

  b->app = SCRAPER_APPLICATION (app);
  b->window = SCRAPER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  run_bench (b);
  g_action_group_activate_action (G_ACTION_GROUP (app), "cancel-all", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScraperApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  Bench b = { 0 };
  char *app_argv[] = { argv[0], NULL };

  if (argc > 1)
    board_size = (guint) MAX (1, atoi (argv[1]));

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "per-host-delay", 0);
  g_settings_set_boolean (settings, "notifications", FALSE);

  bench_setup (&b);
  app = scraper_application_new ();
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &b);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  scraper_test_server_free (b.server);
  g_free (b.db);
  g_free (b.dir);
  return 0;
}
