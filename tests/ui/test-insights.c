/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Insights view: charts present, their accessible descriptions carry
 * the numbers of "job-scraper stats", computed off the main thread. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-context.h"
#include "store/scraper-store-applications.h"
#include "ui/scraper-insights-view.h"
#include "ui-test-util.h"

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  ScraperInsightsView *view;
} Fixture;

static gboolean
loaded (gpointer data)
{
  return !scraper_insights_view_is_loading (data);
}

/* Three postings of one source: one saved, one applied then rejected. */
static void
seed (Fixture *f)
{
  static const char * const titles[] = { "Backend Engineer", "Frontend Engineer", "Data Engineer" };
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSync *sync;
  gint64 source_id;

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup ("Acme board");
  source_id = scraper_store_add_source (store, source, &error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i + 1);
      p->url = g_strdup_printf ("https://jobs.example.com/%u", i + 1);
      p->title = g_strdup (titles[i]);
      p->company = g_strdup ("Acme");
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) postings->pdata[0])->id,
                                              SCRAPER_STATUS_SAVED, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) postings->pdata[1])->id,
                                              SCRAPER_STATUS_APPLIED, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) postings->pdata[1])->id,
                                              SCRAPER_STATUS_REJECTED, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_charts_describe_numbers (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { NULL, }, *f = &fixture;
  GtkWindow *window;
  const char *funnel, *weeks;

  f->dir = g_dir_make_tmp ("test-insights-XXXXXX", &error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);
  seed (f);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 900, 700);
  f->view = SCRAPER_INSIGHTS_VIEW (scraper_insights_view_new (f->context));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (f->view));
  gtk_window_present (window);
  g_assert_true (ui_test_spin_until (loaded, f->view, 10000));
  ui_test_spin (50);

  g_assert_true (GTK_IS_DRAWING_AREA (scraper_insights_view_get_chart (f->view, "weeks")));
  g_assert_true (gtk_widget_get_mapped (scraper_insights_view_get_chart (f->view, "funnel")));
  funnel = scraper_insights_view_get_description (f->view, "funnel");
  g_assert_nonnull (funnel);
  g_assert_nonnull (strstr (funnel, "Saved: 1"));
  g_assert_nonnull (strstr (funnel, "Applied: 0"));
  g_assert_nonnull (strstr (funnel, "Rejected: 1"));
  weeks = scraper_insights_view_get_description (f->view, "weeks");
  g_assert_nonnull (weeks);
  /* all three were first seen this week */
  g_assert_nonnull (strstr (weeks, ": 3"));

  gtk_window_destroy (window);
  ui_test_spin (50);
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (f->db, suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/insights/charts-describe-numbers", test_charts_describe_numbers);
  return g_test_run ();
}
