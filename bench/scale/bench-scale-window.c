/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scale-window: the real application's window opened on a database
 * (JOB_SCRAPER_DB): time from launch (main()) to its first frame and to the
 * first frame that shows posting rows; then the whole list scrolled through
 * page by page, and the RSS before and after.  Not a test: it prints one
 * line of figures (see bench/README.md).  Run bench/scale/run.sh.
 *
 * Usage: bench-scale-window DB [--no-scroll | --empty]
 *   --empty: the database has no postings: only the first frame counts. */
#define G_LOG_DOMAIN "bench-scale-window"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "app/scraper-application.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"

typedef struct {
  gint64           launch;
  gint64           first_frame;
  gint64           rows_seen;     /* the model had rows at this frame */
  gint64           first_rows;
  gboolean         scroll;
  gboolean         empty;         /* no rows to wait for */
  GtkWindow       *window;
  ScraperJobsView *jobs;
} Bench;

/* VmRSS counts the pages of the database file that SQLite's memory map
 * touched (file-backed, shared, given back under pressure); RssAnon is the
 * memory the process holds itself. */
static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

static double
rss_mb (void)
{
  return status_mb ("VmRSS:");
}

static double
anon_mb (void)
{
  return status_mb ("RssAnon:");
}

static GtkWidget *
find_jobs_view (GtkWidget *root)
{
  if (SCRAPER_IS_JOBS_VIEW (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_jobs_view (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->first_frame == 0)
    b->first_frame = now;
  if (b->jobs == NULL)
    b->jobs = (ScraperJobsView *) find_jobs_view (GTK_WIDGET (b->window));
  /* The frame after the one in which the model got rows has them drawn. */
  if (b->first_rows == 0 && b->rows_seen != 0)
    b->first_rows = now;
  if (b->rows_seen == 0 && b->jobs != NULL &&
      g_list_model_get_n_items (scraper_jobs_view_get_model (b->jobs)) > 0)
    {
      b->rows_seen = now;
      gtk_widget_queue_draw (GTK_WIDGET (b->window));
    }
}

static void
iterate_until (gint64 *when,
               guint   timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (*when == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (500), TRUE);
}

/* The rows at the top of the view are real postings (a paged model shows
 * placeholders, id 0, while it reads a dropped page back). */
static gboolean
rows_shown_at (GListModel *model,
               guint       position)
{
  for (guint i = position; i < position + 20 && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);

      if (item == NULL || scraper_posting_object_get_id (item) == 0)
        return FALSE;
    }
  return TRUE;
}

/* Jumps to @fraction of the list (as dragging the scroll bar there does)
 * and says how long until its rows are postings again. */
static void
jump_to (Bench         *b,
         GtkAdjustment *adj,
         double         fraction,
         const char    *what)
{
  GListModel *model = scraper_jobs_view_get_model (b->jobs);
  guint position = (guint) (fraction * (g_list_model_get_n_items (model) - 1));
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + 30 * G_USEC_PER_SEC;

  gtk_adjustment_set_value (adj, gtk_adjustment_get_lower (adj) +
                            fraction * (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) -
                                        gtk_adjustment_get_lower (adj)));
  spin (5);
  while (!rows_shown_at (model, position) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  printf ("jump to %s (row %u): its rows in %.1f ms; RSS %.0f MB (anonymous %.0f MB, file %.0f MB)\n",
          what, position, (g_get_monotonic_time () - start) / 1000.0, rss_mb (), anon_mb (),
          status_mb ("RssFile:"));
}

static void
scroll_all (Bench *b)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (find_type (GTK_WIDGET (b->jobs), GTK_TYPE_LIST_VIEW),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GListModel *model = scraper_jobs_view_get_model (b->jobs);
  gint64 start = g_get_monotonic_time ();
  double peak = 0, peak_anon = 0;
  guint stalls = 0;

  /* As a user dragging the scroll bar to the end, again and again: each
   * end reached reads the next page. */
  while (g_list_model_get_n_items (model) < scraper_jobs_view_get_n_total (b->jobs) && stalls < 200)
    {
      guint before = g_list_model_get_n_items (model);

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      scraper_jobs_view_load_more (b->jobs);
      spin (20);
      stalls = g_list_model_get_n_items (model) == before ? stalls + 1 : 0;
      peak = MAX (peak, rss_mb ());
      peak_anon = MAX (peak_anon, anon_mb ());
    }
  spin (300);
  printf ("scrolled: %u of %u rows in %.1f s; RSS peak %.0f MB, after %.0f MB "
          "(anonymous: peak %.0f MB, after %.0f MB)\n",
          g_list_model_get_n_items (model), scraper_jobs_view_get_n_total (b->jobs),
          (g_get_monotonic_time () - start) / 1e6, MAX (peak, rss_mb ()), rss_mb (),
          MAX (peak_anon, anon_mb ()), anon_mb ());
  /* What SQLite holds on the heap (every connection's page cache and
   * statements), within the anonymous memory. */
  printf ("after scrolling: RSS file-backed %.0f MB, shared memory %.0f MB; SQLite's heap %.1f MB "
          "(at most %.1f MB)\n",
          status_mb ("RssFile:"), status_mb ("RssShmem:"), sqlite3_memory_used () / 1048576.0,
          sqlite3_memory_highwater (0) / 1048576.0);
  fflush (stdout);
  /* Back up, far from where the list was: a paged model reads those
   * pages again. */
  jump_to (b, adj, 0.5, "the middle");
  jump_to (b, adj, 0.95, "near the end");
  jump_to (b, adj, 0.0, "the top");
  jump_to (b, adj, 0.25, "a quarter down");
}

static void
on_activate_after (GApplication *app,
                   gpointer      user_data)
{
  Bench *b = user_data;
  GdkFrameClock *clock;
  double rss_open;

  b->window = gtk_application_get_active_window (GTK_APPLICATION (app));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), b);

  iterate_until (&b->first_frame, 120);
  if (!b->empty)
    iterate_until (&b->first_rows, 120);
  spin (200);
  rss_open = rss_mb ();
  {
    g_autofree char *first_sql = NULL;
    guint n_calls = scraper_store_get_main_thread_calls (NULL, &first_sql);

    printf ("SQL statements on the main thread until the first rows: %u%s%s\n", n_calls,
            first_sql ? "; the first: " : "", first_sql ? first_sql : "");
  }
  printf ("window: first frame %.0f ms after launch; first rows %.0f ms after launch, "
          "%.0f ms after the first frame; %u rows of %u; RSS %.0f MB (anonymous %.0f MB, "
          "SQLite's heap %.1f MB)\n",
          (b->first_frame - b->launch) / 1000.0,
          b->first_rows ? (b->first_rows - b->launch) / 1000.0 : -1,
          b->first_rows ? (b->first_rows - b->first_frame) / 1000.0 : -1,
          b->jobs ? g_list_model_get_n_items (scraper_jobs_view_get_model (b->jobs)) : 0,
          b->jobs ? scraper_jobs_view_get_n_total (b->jobs) : 0, rss_open, anon_mb (),
          sqlite3_memory_used () / 1048576.0);
  fflush (stdout);
  if (b->scroll && b->jobs != NULL && b->first_rows != 0)
    scroll_all (b);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, b);
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

  b.launch = g_get_monotonic_time ();
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DB [--no-scroll | --empty]\n", argv[0]);
      return 2;
    }
  b.empty = argc > 2 && strcmp (argv[2], "--empty") == 0;
  b.scroll = !(argc > 2 && (strcmp (argv[2], "--no-scroll") == 0 || b.empty));
  g_setenv ("JOB_SCRAPER_DB", argv[1], TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "notifications", FALSE);

  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  app = scraper_application_new ();
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &b);
  g_application_run (G_APPLICATION (app), 1, app_argv);
  return 0;
}
