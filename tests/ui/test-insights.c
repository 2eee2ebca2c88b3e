/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Insights view: charts present, their accessible descriptions carry
 * the numbers of "job-scraper stats", computed off the main thread. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "app/scraper-context.h"
#include "store/scraper-store-applications.h"
#include "ui/scraper-chart.h"
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

static gint64
add_source (ScraperStore *store,
            const char   *name,
            const char   *url)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  source->url = g_strdup (url);
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup (name);
  id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  return id;
}

static ScraperPosting *
posting (guint       i,
         const char *title,
         const char *seniority,
         double      annual_min,
         double      annual_max)
{
  ScraperPosting *p = scraper_posting_new ();

  p->external_id = g_strdup_printf ("%u", i);
  p->url = g_strdup_printf ("https://jobs.example.com/%u", i);
  p->title = g_strdup (title);
  p->company = g_strdup ("Acme");
  p->seniority = g_strdup (seniority);
  if (!isnan (annual_min))
    {
      p->salary_min = annual_min;
      p->salary_max = annual_max;
      p->salary_currency = g_strdup ("EUR");
      p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
      p->annual_min = annual_min;
      p->annual_max = annual_max;
    }
  return p;
}

static void
sync_postings (ScraperStore *store,
               gint64        source_id,
               GPtrArray    *postings)
{
  g_autoptr(GError) error = NULL;
  ScraperSync *sync = scraper_store_begin_sync (store, source_id, &error);

  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Acme board: three postings (Backend and Frontend senior at 60 000-80 000
 * and 80 000-100 000 EUR, so medians 70 000 and 90 000, their median
 * 80 000; Data junior without a salary), one saved, one applied then
 * rejected (a response).  Beta board: two postings, one applied. */
static void
seed (Fixture *f)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(GPtrArray) acme = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GPtrArray) beta = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  gint64 acme_id = add_source (store, "Acme board", "https://boards.greenhouse.io/acme");
  gint64 beta_id = add_source (store, "Beta board", "https://boards.greenhouse.io/beta");

  g_ptr_array_add (acme, posting (1, "Backend Engineer", "senior", 60000, 80000));
  g_ptr_array_add (acme, posting (2, "Frontend Engineer", "senior", 80000, 100000));
  g_ptr_array_add (acme, posting (3, "Data Engineer", "junior", NAN, NAN));
  g_ptr_array_add (beta, posting (4, "Gardener", NULL, NAN, NAN));
  g_ptr_array_add (beta, posting (5, "Cook", NULL, NAN, NAN));
  sync_postings (store, acme_id, acme);
  sync_postings (store, beta_id, beta);

  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) acme->pdata[0])->id,
                                              SCRAPER_STATUS_SAVED, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) acme->pdata[1])->id,
                                              SCRAPER_STATUS_APPLIED, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) acme->pdata[1])->id,
                                              SCRAPER_STATUS_REJECTED, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (store, ((ScraperPosting *) beta->pdata[0])->id,
                                              SCRAPER_STATUS_APPLIED, NULL, NULL, &error));
  g_assert_no_error (error);
}

static GtkWindow *
open_view (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

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
  return window;
}

static void
close_view (Fixture   *f,
            GtkWindow *window)
{
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

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, haystack);
}

static void
test_charts_describe_numbers (void)
{
  Fixture fixture = { NULL, }, *f = &fixture;
  GtkWindow *window = open_view (f);
  const char *funnel, *weeks, *salaries, *sources;

  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "weeks", "funnel", "salaries", "sources" };
      GtkWidget *chart = scraper_insights_view_get_chart (f->view, names[i]);

      g_assert_true (GTK_IS_DRAWING_AREA (chart));
      g_assert_true (gtk_widget_get_mapped (chart));
      g_assert_true (gtk_widget_get_focusable (chart));
    }

  funnel = scraper_insights_view_get_description (f->view, "funnel");
  assert_contains (funnel, "Saved: 1");
  assert_contains (funnel, "Applied: 1");
  assert_contains (funnel, "Rejected: 1");

  /* all five were first seen this week, the last of the 26 */
  weeks = scraper_insights_view_get_description (f->view, "weeks");
  assert_contains (weeks, "Acme board 3, Beta board 2 (total 5)");
  g_assert_cmpuint (scraper_chart_get_n_slots (scraper_insights_view_get_chart (f->view, "weeks")), ==, 26);

  salaries = scraper_insights_view_get_description (f->view, "salaries");
  assert_contains (salaries, "EUR");
  assert_contains (salaries, "Senior: median 80000, middle half 75000 to 85000, all 70000 to 90000");
  g_assert_null (strstr (salaries, "Junior"));

  sources = scraper_insights_view_get_description (f->view, "sources");
  assert_contains (sources, "Acme board: Applied 1, Responses 1");
  assert_contains (sources, "Beta board: Applied 1, Responses 0");

  close_view (f, window);
}

/* Left, Home and End move the focused week; its values are the tooltip's. */
static void
test_chart_keyboard_focus (void)
{
  Fixture fixture = { NULL, }, *f = &fixture;
  GtkWindow *window = open_view (f);
  GtkWidget *chart = scraper_insights_view_get_chart (f->view, "weeks");
  GtkEventController *keys = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (chart);
  g_autofree char *last = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        keys = GTK_EVENT_CONTROLLER (c);
    }
  g_assert_nonnull (keys);

  g_assert_true (gtk_widget_grab_focus (chart));
  ui_test_spin (20);
  /* focus lands on the newest week */
  g_assert_cmpint (scraper_chart_get_focused (chart), ==, 25);
  last = scraper_chart_describe_slot (chart, 25);
  assert_contains (last, "(total 5)");

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpint (scraper_chart_get_focused (chart), ==, 24);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Home, 0, 0, &handled);
  g_assert_cmpint (scraper_chart_get_focused (chart), ==, 0);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_cmpint (scraper_chart_get_focused (chart), ==, 0);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_End, 0, 0, &handled);
  g_assert_cmpint (scraper_chart_get_focused (chart), ==, 25);
  handled = TRUE;
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_a, 0, 0, &handled);
  g_assert_false (handled);

  close_view (f, window);
}

/* The Jobs view's search text narrows weeks, salaries and sources. */
static void
test_follows_search (void)
{
  Fixture fixture = { NULL, }, *f = &fixture;
  GtkWindow *window = open_view (f);
  const char *weeks, *sources, *salaries;

  scraper_insights_view_set_search (f->view, "  backend ");
  g_assert_cmpstr (scraper_insights_view_get_search (f->view), ==, "backend");
  g_assert_true (ui_test_spin_until (loaded, f->view, 10000));
  weeks = scraper_insights_view_get_description (f->view, "weeks");
  assert_contains (weeks, "Acme board 1 (total 1)");
  g_assert_null (strstr (weeks, "Beta board"));
  salaries = scraper_insights_view_get_description (f->view, "salaries");
  assert_contains (salaries, "Senior: median 70000, middle half 70000 to 70000, all 70000 to 70000");
  sources = scraper_insights_view_get_description (f->view, "sources");
  assert_contains (sources, "Acme board: Applied 0, Responses 0");

  /* a search of nothing but spaces is no search */
  scraper_insights_view_set_search (f->view, "   ");
  g_assert_null (scraper_insights_view_get_search (f->view));
  g_assert_true (ui_test_spin_until (loaded, f->view, 10000));
  assert_contains (scraper_insights_view_get_description (f->view, "weeks"), "(total 5)");

  close_view (f, window);
}

/* With SCRAPER_SCREENSHOT_DIR set, saves @widget as NAME.png there (how
 * data/screenshots/insights-*.png were made; SCRAPER_SCREENSHOT_DARK for
 * the dark style). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("SCRAPER_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  ui_test_spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "-dark" : "-light",
                      ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Three sources over 26 weeks, salaries of four seniorities, some
 * applications with answers: what a few months of searching look like. */
static void
seed_months (Fixture *f)
{
  static const char * const names[] = { "Acme (Greenhouse)", "Globex (Lever)", "We Work Remotely" };
  static const char * const seniorities[] = { "junior", "mid", "senior", "lead", NULL };
  static const char * const titles[] = { "Backend Engineer", "Data Engineer", "Site Reliability Engineer",
                                         "Frontend Developer", "Engineering Manager" };
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3 *db = NULL;
  guint n = 0;

  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      g_autofree char *url = g_strdup_printf ("https://boards.example.com/%u", s);
      g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
      gint64 source_id = add_source (store, names[s], url);
      guint count = s == 0 ? 70 : s == 1 ? 45 : 30;

      for (guint i = 0; i < count; i++, n++)
        {
          const char *seniority = seniorities[(n * 7) % G_N_ELEMENTS (seniorities)];
          double base = seniority == NULL ? 55000 : g_str_equal (seniority, "junior") ? 45000
                        : g_str_equal (seniority, "mid") ? 60000 : g_str_equal (seniority, "senior") ? 75000 : 90000;
          double lo = base + (n * 3769 % 20) * 1000;
          ScraperPosting *p = posting (n + 1, titles[n % G_N_ELEMENTS (titles)], seniority,
                                       n % 3 == 0 ? NAN : lo, lo + 15000);

          g_ptr_array_add (postings, p);
        }
      sync_postings (store, source_id, postings);
      for (guint i = 0; i < postings->len; i++)
        {
          gint64 id = ((ScraperPosting *) postings->pdata[i])->id;
          /* more postings in later weeks, a dip around week 10 */
          guint week = (guint) (25 - ((i * 11 + s * 5) % 26) * (i % 4 == 0 ? 1 : 0.6));

          g_string_append_printf (sql, "UPDATE postings SET first_seen = %" G_GINT64_FORMAT
                                  " WHERE id = %" G_GINT64_FORMAT ";",
                                  now - (gint64) (25 - week) * 7 * 86400 - (gint64) (i % 5) * 86400, id);
          if (i % 9 == 0)
            {
              g_assert_true (scraper_store_change_status (store, id, SCRAPER_STATUS_APPLIED, NULL, NULL, &error));
              if (i % 27 == 0 || (s == 2 && i % 18 == 0))
                g_assert_true (scraper_store_change_status (store, id, i % 2 ? SCRAPER_STATUS_REJECTED
                                                                             : SCRAPER_STATUS_INTERVIEWING,
                                                            NULL, NULL, &error));
            }
          else if (i % 7 == 0)
            g_assert_true (scraper_store_change_status (store, id, SCRAPER_STATUS_SAVED, NULL, NULL, &error));
          g_assert_no_error (error);
        }
    }
  g_string_append (sql, "COMMIT;");
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_screenshot (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { NULL, }, *f = &fixture;
  GtkWindow *window;
  GtkWidget *scrolled, *salaries;
  graphene_point_t point;

  f->dir = g_dir_make_tmp ("test-insights-XXXXXX", &error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);
  seed_months (f);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 960, 1000);
  f->view = SCRAPER_INSIGHTS_VIEW (scraper_insights_view_new (f->context));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (f->view));
  gtk_window_present (window);
  g_assert_true (ui_test_spin_until (loaded, f->view, 10000));
  /* a bar under keyboard focus shows its numbers */
  gtk_widget_grab_focus (scraper_insights_view_get_chart (f->view, "weeks"));
  scraper_chart_set_focused (scraper_insights_view_get_chart (f->view, "weeks"), 22);
  save_screenshot (GTK_WIDGET (window), "insights");

  /* scrolled to the salaries and the sources */
  salaries = scraper_insights_view_get_chart (f->view, "salaries");
  scrolled = gtk_widget_get_ancestor (salaries, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_point (salaries, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            point.y - 60);
  gtk_widget_grab_focus (salaries);
  save_screenshot (GTK_WIDGET (window), "insights-salaries");

  close_view (f, window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  if (g_getenv ("SCRAPER_SCREENSHOT_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add_func ("/insights/charts-describe-numbers", test_charts_describe_numbers);
  g_test_add_func ("/insights/chart-keyboard-focus", test_chart_keyboard_focus);
  g_test_add_func ("/insights/follows-search", test_follows_search);
  /* Not a test: how the screenshots are made, when asked for. */
  if (g_getenv ("SCRAPER_SCREENSHOT_DIR") != NULL)
    g_test_add_func ("/insights/screenshot", test_screenshot);
  return g_test_run ();
}
