/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Jobs view over its paged model, with a budget of two pages of 500 in
 * memory and 1500 postings: scrolling to the end drops the first page;
 * the posting the details pane shows keeps its item (and its star) however
 * far the list goes; rows read back show the same postings in the same
 * order as the store's query, and a star set on one of them is the one
 * written.  The real view over a ScraperContext on a temporary database. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "app/scraper-context.h"
#include "core/scraper-task-manager.h"
#include "ui/scraper-job-details.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-list-model.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-posting-row.h"
#include "ui-test-util.h"

#define N_POSTINGS 1500
#define WAIT_MS    20000

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  GtkWindow      *window;
  GtkWidget      *jobs;
  ScraperJobDetails *details;
} Fixture;

static ScraperPostingListModel *
model (Fixture *f)
{
  return SCRAPER_POSTING_LIST_MODEL (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)));
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model (f)));
}

typedef struct { Fixture *f; guint n; } WaitN;

static gboolean
shows_n (gpointer data)
{
  WaitN *w = data;

  return n_shown (w->f) == w->n;
}

static void
wait_for_n (Fixture *f,
            guint    n)
{
  WaitN w = { f, n };

  g_assert_true (ui_test_spin_until (shows_n, &w, WAIT_MS));
}

static gboolean
label_is (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

typedef struct { Fixture *f; const char *text; } WaitLabel;

static gboolean
shows_label (gpointer data)
{
  WaitLabel *w = data;

  return ui_test_find_widget (w->f->jobs, GTK_TYPE_LABEL, label_is, (gpointer) w->text) != NULL;
}

static gboolean
reads_done (gpointer data)
{
  Fixture *f = data;

  return scraper_posting_list_model_get_n_reads (model (f)) == 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  ScraperStore *store;
  ScraperSync *sync;
  WaitLabel w;

  f->dir = g_dir_make_tmp ("test-jobs-paging-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);
  store = scraper_context_get_store (f->context);

  source->name = g_strdup ("Big Board");
  source->url = g_strdup ("https://big.example/jobs");
  source->kind = g_strdup ("greenhouse");
  g_assert_cmpint (scraper_store_add_source (store, source, &error), >, 0);
  for (guint i = 0; i < N_POSTINGS; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i);
      p->url = g_strdup_printf ("https://big.example/jobs/%u", i);
      p->title = g_strdup_printf ("Engineer %u", i);
      p->company = g_strdup ("Big");
      p->date_posted = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, source->id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  f->jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), f->jobs);
  gtk_window_present (f->window);
  f->details = SCRAPER_JOB_DETAILS (ui_test_find_widget (f->jobs, SCRAPER_TYPE_JOB_DETAILS, NULL, NULL));
  g_assert_nonnull (f->details);
  scraper_posting_list_model_set_max_pages (model (f), 2);
  wait_for_n (f, 500);
  w.f = f;
  w.text = "Showing 500 of 1500";
  g_assert_true (ui_test_spin_until (shows_label, &w, WAIT_MS));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  const char *suffixes[] = { "", "-wal", "-shm" };

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  ui_test_spin (50);
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->dir, "/jobs.db", suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static GtkAdjustment *
list_adjustment (Fixture *f)
{
  GtkWidget *list = ui_test_find_widget (f->jobs, GTK_TYPE_LIST_VIEW, NULL, NULL);
  GtkWidget *scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* As a user does: to the end of the list, a page at a time. */
static void
scroll_to_end (Fixture *f)
{
  GtkAdjustment *adjustment = list_adjustment (f);

  for (guint i = 0; i < 20 && n_shown (f) < N_POSTINGS; i++)
    {
      guint before = n_shown (f);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      scraper_jobs_view_load_more (SCRAPER_JOBS_VIEW (f->jobs));
      wait_for_n (f, MIN (before + 500, N_POSTINGS));
      ui_test_spin (50);
    }
  g_assert_cmpuint (n_shown (f), ==, N_POSTINGS);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  ui_test_spin (100);
}

static gboolean
posting_favorite_in_file (Fixture *f,
                          gint64   id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean favorite;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT favorite FROM postings WHERE id = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  favorite = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return favorite;
}

typedef struct { Fixture *f; gint64 id; } WaitStar;

static gboolean
star_written (gpointer data)
{
  WaitStar *w = data;

  return posting_favorite_in_file (w->f, w->id);
}

/* The details pane keeps its posting's item while the list scrolls on and
 * drops pages: starring it there reaches the same item the row had. */
static void
test_details_item_survives_far_scrolling (Fixture       *f,
                                          gconstpointer  data)
{
  ScraperPostingObject *shown;
  g_autoptr(ScraperPostingObject) item = g_list_model_get_item (G_LIST_MODEL (model (f)), 3);
  gint64 id = scraper_posting_object_get_id (item);
  WaitStar w = { f, id };

  /* The pane is given the item without revealing the flap: revealed on a
   * posting this bare, AdwFlap 1.2 warns that its natural width is under
   * its minimum (seen here, not about paging; not investigated). */
  scraper_job_details_show (f->details, item);
  ui_test_spin (100);
  shown = scraper_job_details_get_item (f->details);
  g_assert_true (shown == item);
  g_clear_object (&item);

  scroll_to_end (f);
  g_assert_cmpuint (scraper_posting_list_model_get_n_loaded_pages (model (f)), <=, 3);
  /* Still the same item, at the same place. */
  g_assert_true (scraper_job_details_get_item (f->details) == shown);
  g_assert_true (scraper_posting_list_model_peek_item (model (f), 3) == shown);

  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.star", "(xb)", id, TRUE));
  g_assert_true (scraper_posting_object_get_favorite (shown));
  g_assert_true (ui_test_spin_until (star_written, &w, WAIT_MS));
}

/* Scrolled to the end and back: the rows read again are the store's
 * postings in the store's order, and a star on one of them is written
 * for that posting and shown on its item. */
static void
test_rows_read_back_in_order_and_star (Fixture       *f,
                                       gconstpointer  data)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  ScraperQuery query;
  ScraperPostingObject *first;
  WaitStar w = { f, 0 };
  gint64 id;

  scroll_to_end (f);
  g_assert_cmpuint (scraper_posting_list_model_get_n_loaded_pages (model (f)), <=, 3);

  scraper_query_init (&query);
  query.without_descriptions = TRUE;
  all = scraper_store_query_postings (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, N_POSTINGS);

  /* Back to the top, as dragging the scroll bar there does. */
  gtk_adjustment_set_value (list_adjustment (f), 0);
  ui_test_spin (100);
  g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));

  for (guint i = 0; i < N_POSTINGS; i++)
    {
      g_autoptr(ScraperPostingObject) item = g_list_model_get_item (G_LIST_MODEL (model (f)), i);

      if (scraper_posting_list_model_is_placeholder (item))
        {
          g_clear_object (&item);
          g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
          item = g_list_model_get_item (G_LIST_MODEL (model (f)), i);
        }
      g_assert_false (scraper_posting_list_model_is_placeholder (item));
      g_assert_cmpint (scraper_posting_object_get_id (item), ==, ((ScraperPosting *) all->pdata[i])->id);
    }

  /* The first row again, and a star on it. */
  gtk_adjustment_set_value (list_adjustment (f), 0);
  ui_test_spin (100);
  {
    g_autoptr(ScraperPostingObject) item = g_list_model_get_item (G_LIST_MODEL (model (f)), 0);

    if (scraper_posting_list_model_is_placeholder (item))
      {
        g_clear_object (&item);
        g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
        item = g_list_model_get_item (G_LIST_MODEL (model (f)), 0);
      }
    id = scraper_posting_object_get_id (item);
    g_assert_cmpint (id, ==, ((ScraperPosting *) all->pdata[0])->id);
    first = scraper_posting_list_model_peek_item (model (f), 0);
    g_assert_true (first == item);
    g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.star", "(xb)", id, TRUE));
    g_assert_true (scraper_posting_object_get_favorite (item));
  }
  w.id = id;
  g_assert_true (ui_test_spin_until (star_written, &w, WAIT_MS));
}

static gboolean
top_is_newest (gpointer data)
{
  Fixture *f = data;
  ScraperPostingObject *top = scraper_posting_list_model_peek_item (model (f), 0);

  return top != NULL && g_strcmp0 (scraper_posting_object_get_posting (top)->title, "Newest Engineer") == 0;
}

/* Boards land while the Jobs view is hidden (another view shows): the
 * hidden list is not rebuilt for them, and shows them when it is shown
 * again. */
static void
test_landed_while_hidden_shown_when_mapped (Fixture       *f,
                                            gconstpointer  data)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  ScraperTaskManager *tasks = scraper_context_get_task_manager (f->context);
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (store, NULL);
  g_autoptr(ScraperPostingObject) top = g_list_model_get_item (G_LIST_MODEL (model (f)), 0);
  g_autoptr(GError) error = NULL;
  ScraperPosting *p = scraper_posting_new ();
  ScraperSync *sync;

  gtk_widget_set_visible (f->jobs, FALSE);
  g_assert_false (gtk_widget_get_mapped (f->jobs));

  p->external_id = g_strdup ("newest");
  p->url = g_strdup ("https://big.example/jobs/newest");
  p->title = g_strdup ("Newest Engineer");
  p->company = g_strdup ("Big");
  p->date_posted = g_strdup ("2027-01-01");
  g_ptr_array_add (newer, p);
  sync = scraper_store_begin_sync (store, ((ScraperSource *) sources->pdata[0])->id, &error);
  g_assert_true (scraper_sync_add (sync, newer, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_PARTIAL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(ScraperTask) task = scraper_task_new_from_history ("landed", "scrape", "Scrape · Big Board",
                                                                  SCRAPER_TASK_COMPLETED,
                                                                  NULL, NULL, NULL, NULL, NULL);

      g_signal_emit_by_name (tasks, "task-finished", task);
    }
  /* Longer than the reload's coalescing: hidden, nothing is read. */
  ui_test_spin (1500);
  g_assert_true (scraper_posting_list_model_peek_item (model (f), 0) == top);
  g_assert_false (top_is_newest (f));

  gtk_widget_set_visible (f->jobs, TRUE);
  g_assert_true (ui_test_spin_until (top_is_newest, f, WAIT_MS));
}

/* The first frame that draws postings makes rows for a screenful only
 * (GTK 4.8's list view makes up to 200 at once, ~300 ms in the window's
 * first frame); the rest come over the next frames, until the list view
 * sees every posting of the page. */
typedef struct {
  GtkWidget *jobs;
  GtkWidget *list;
  guint      frames;
  guint      seen_at_first;  /* what the list view saw at the first frame with postings */
  guint      rows_at_first;
  guint      frame_of_first;
} FirstPaint;

static void
count_rows (GtkWidget *widget,
            guint     *n)
{
  if (SCRAPER_IS_POSTING_ROW (widget))
    (*n)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_rows (child, n);
}

static void
on_first_paint (GdkFrameClock *clock,
                FirstPaint    *fp)
{
  GListModel *postings = scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (fp->jobs));

  fp->frames++;
  if (fp->frame_of_first == 0 && g_list_model_get_n_items (postings) > 0)
    {
      fp->frame_of_first = fp->frames;
      fp->seen_at_first = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (fp->list))));
      count_rows (fp->list, &fp->rows_at_first);
    }
}

static gboolean
list_sees_all (gpointer data)
{
  FirstPaint *fp = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (fp->list)))) == 500;
}

/* Not the list of a drop-down's popover. */
static gboolean
is_postings_list (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_NO_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
}

static void
test_first_frame_makes_a_screenful_of_rows (Fixture       *f,
                                            gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  FirstPaint fp = { 0, };
  gulong handler;
  guint rows = 0;

  fp.jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  fp.list = ui_test_find_widget (fp.jobs, GTK_TYPE_LIST_VIEW, is_postings_list, NULL);
  gtk_window_set_default_size (window, 1200, 800);
  adw_window_set_content (ADW_WINDOW (window), fp.jobs);
  gtk_widget_realize (GTK_WIDGET (window));
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (on_first_paint), &fp);
  gtk_window_present (window);

  g_assert_true (ui_test_spin_until (list_sees_all, &fp, WAIT_MS));
  g_assert_cmpuint (fp.frame_of_first, >, 0);
  /* A screenful (800 px of rows ~60 px high) and no more. */
  g_assert_cmpuint (fp.seen_at_first, >=, 14);
  g_assert_cmpuint (fp.seen_at_first, <=, 40);
  g_assert_cmpuint (fp.rows_at_first, <=, 40);
  /* Later frames made the others' rows, as many as GTK keeps. */
  g_assert_cmpuint (fp.frames, >, fp.frame_of_first);
  count_rows (fp.list, &rows);
  g_assert_cmpuint (rows, >, 40);
  g_assert_cmpuint (g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (fp.jobs))), ==, 500);

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/jobs-paging/details-item-survives-far-scrolling", Fixture, NULL, fixture_setup,
              test_details_item_survives_far_scrolling, fixture_teardown);
  g_test_add ("/jobs-paging/rows-read-back-in-order-and-star", Fixture, NULL, fixture_setup,
              test_rows_read_back_in_order_and_star, fixture_teardown);
  g_test_add ("/jobs-paging/landed-while-hidden-shown-when-mapped", Fixture, NULL, fixture_setup,
              test_landed_while_hidden_shown_when_mapped, fixture_teardown);
  g_test_add ("/jobs-paging/first-frame-makes-a-screenful-of-rows", Fixture, NULL, fixture_setup,
              test_first_frame_makes_a_screenful_of_rows, fixture_teardown);

  return g_test_run ();
}
