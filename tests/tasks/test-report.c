/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's one drawing (scraper_report_draw), shared by the PDF and
 * the print: how many pages, each page drawn alone, the PDF made of the
 * same pages; and the "report" task writing a file, or failing on an
 * unwritable path with nothing created. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "scraper-report-task.h"
#include "core/scraper-task-manager.h"

static ScraperApplicationRecord *
record (guint i)
{
  ScraperApplicationRecord *a = g_new0 (ScraperApplicationRecord, 1);
  ScraperStageEvent *e = g_new0 (ScraperStageEvent, 1);

  a->posting = scraper_posting_new ();
  a->posting->title = g_strdup_printf ("Engineer %u", i);
  a->posting->company = g_strdup ("Acme");
  a->posting->url = g_strdup_printf ("https://jobs.example.com/%u", i);
  a->events = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_stage_event_free);
  a->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_contact_free);
  e->at = g_date_time_new_utc (2026, 1, 1 + i % 28, 9, 0, 0);
  e->from = SCRAPER_STATUS_NEW;
  e->to = SCRAPER_STATUS_APPLIED;
  g_ptr_array_add (a->events, e);
  return a;
}

static GPtrArray *
records (guint n)
{
  GPtrArray *applications = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_application_record_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (applications, record (i));
  return applications;
}

/* Whether anything was drawn on a recording of one page. */
static gboolean
page_has_ink (GPtrArray *applications,
              GDateTime *from,
              GDateTime *to,
              int        page)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w = 0, h = 0;

  scraper_report_draw (applications, from, to, cr, 595.276, 841.89, page);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  cairo_surface_destroy (surface);
  return w > 0 && h > 0;
}

static void
test_pages (void)
{
  g_autoptr(GPtrArray) one = records (1);
  g_autoptr(GPtrArray) many = records (80);
  g_autoptr(GDateTime) from = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2026, 1, 31, 0, 0, 0);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  int n_one, n_many, n_letter;

  /* G_MAXINT: laid out, nothing drawn (how a print counts its pages) */
  n_one = scraper_report_draw (one, from, to, cr, 595.276, 841.89, G_MAXINT);
  n_many = scraper_report_draw (many, from, to, cr, 595.276, 841.89, G_MAXINT);
  n_letter = scraper_report_draw (many, from, to, cr, 612, 792, G_MAXINT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpint (n_one, ==, 1);
  g_assert_cmpint (n_many, >, 2);
  /* Letter is shorter than A4 */
  g_assert_cmpint (n_letter, >=, n_many);

  g_assert_false (page_has_ink (many, from, to, G_MAXINT));
  for (int page = 0; page < n_many; page++)
    g_assert_true (page_has_ink (many, from, to, page));
  g_assert_false (page_has_ink (many, from, to, n_many));
}

static gboolean
task_finished (gpointer data)
{
  return scraper_task_is_finished (data);
}

static void
spin_until_finished (ScraperTask *task)
{
  while (!task_finished (task))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_task (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "jobs.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "report.pdf", NULL);
  g_autoptr(ScraperStore) store = scraper_store_open (db, &error);
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(GDateTime) from = g_date_time_new_local (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_local (2026, 1, 31, 0, 0, 0);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(ScraperTask) ok = NULL;
  g_autoptr(ScraperTask) bad = NULL;
  g_autofree char *csv = NULL;
  guint n = 99;

  g_assert_no_error (error);
  ok = scraper_report_task_new (store, from, to, SCRAPER_REPORT_CSV, SCRAPER_REPORT_PAPER_A4, csv_file);
  bad = scraper_report_task_new (store, from, to, SCRAPER_REPORT_PDF, SCRAPER_REPORT_PAPER_A4, missing_file);
  g_assert_cmpstr (scraper_task_get_kind (ok), ==, "report");
  scraper_task_manager_submit (manager, ok, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_submit (manager, bad, SCRAPER_TASK_PRIORITY_USER);
  spin_until_finished (ok);
  spin_until_finished (bad);

  g_assert_cmpint (scraper_task_get_state (ok), ==, SCRAPER_TASK_COMPLETED);
  g_assert_true (g_variant_lookup (scraper_task_get_result (ok), "applications", "u", &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_cmpstr (csv, ==, "company,title,source,link,date,from,to,note,contacts\r\n");

  g_assert_cmpint (scraper_task_get_state (bad), ==, SCRAPER_TASK_FAILED);
  g_assert_nonnull (strstr (scraper_task_get_error (bad), "report.pdf"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  scraper_task_manager_shutdown (manager, 5000);
  g_clear_object (&store);
  g_unlink (csv_path);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/draw-pages-alone-and-counted", test_pages);
  g_test_add_func ("/report/task-writes-or-fails-unwritable-path", test_task);
  return g_test_run ();
}
