/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tasks view over a real ScraperContext (temporary database): the Add
 * Source preview is not listed, rows say what kind of work and which
 * source, new tasks never move what the user scrolled to, and a scrape the
 * user cancelled shows in Sources as a neutral "Cancelled". */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-context.h"
#include "scraper-test-server.h"
#include "ui/scraper-source-row.h"
#include "ui/scraper-task-row.h"
#include "ui/scraper-tasks-view.h"
#include "ui/scraper-tooltip.h"
#include "ui-test-util.h"

typedef struct {
  char             *dir;
  char             *db;
  ScraperContext   *context;
  GtkWindow        *window;
  ScraperTasksView *view;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-tasks-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 600, 400);
  f->view = SCRAPER_TASKS_VIEW (scraper_tasks_view_new ());
  scraper_tasks_view_set_context (f->view, f->context);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  ui_test_spin (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
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
complete_func (ScraperTask  *task,
               gpointer      task_data,
               GCancellable *cancellable)
{
  scraper_task_return_result (task, g_variant_new ("a{sv}", NULL));
}

static void
fail_func (ScraperTask  *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                        "No postings found at this address"));
}

static ScraperTask *
submit (Fixture         *f,
        const char      *kind,
        const char      *title,
        ScraperTaskFunc  func)
{
  ScraperTask *task = scraper_task_new (kind, title, func, NULL, NULL);

  scraper_task_manager_submit (scraper_context_get_task_manager (f->context), task,
                               SCRAPER_TASK_PRIORITY_USER);
  return task;
}

static gboolean
task_finished (gpointer data)
{
  return scraper_task_is_finished (data);
}

/* The task rows the list view made, in list order. */
static GPtrArray *
task_rows (Fixture *f)
{
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW, NULL, NULL);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = ui_test_find_widget (child, SCRAPER_TYPE_TASK_ROW, NULL, NULL);

      if (row != NULL && scraper_task_row_get_task (SCRAPER_TASK_ROW (row)) != NULL)
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static gboolean
label_has_text (GtkWidget *widget,
                gpointer   data)
{
  return gtk_widget_get_visible (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

static void
test_preview_not_listed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ScraperTask) preview = submit (f, "preview", "https://acme.example/careers", fail_func);
  g_autoptr(ScraperTask) scrape = submit (f, "scrape", "Acme Corp", complete_func);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *summary;

  g_assert_true (ui_test_spin_until (task_finished, preview, 10000));
  g_assert_true (ui_test_spin_until (task_finished, scrape, 10000));
  g_assert_cmpint (scraper_task_get_state (preview), ==, SCRAPER_TASK_FAILED);
  ui_test_spin (100);

  rows = task_rows (f);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (scraper_task_row_get_task (rows->pdata[0]) == scrape);
  /* nothing says "Completed" about the failed preview, nor names it */
  g_assert_null (ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, label_has_text,
                                      (gpointer) "acme.example"));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, label_has_text,
                                      (gpointer) "No postings found"));

  /* A preview running alone: "No tasks running", and the empty page. */
  {
    g_autoptr(ScraperTask) second = submit (f, "preview", "https://globex.example/jobs", fail_func);

    summary = ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, label_has_text,
                                   (gpointer) "No tasks running");
    g_assert_nonnull (summary);
    g_assert_true (ui_test_spin_until (task_finished, second, 10000));
  }
}

static void
test_rows_name_kind_and_source (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ScraperTask) first = submit (f, "scrape", "Acme Corp", complete_func);
  g_autoptr(ScraperTask) export = submit (f, "export", "Export to jobs.csv", complete_func);
  g_autoptr(ScraperTask) find = submit (f, "find", "Finding “Acme”", complete_func);

  g_assert_true (ui_test_spin_until (task_finished, find, 10000));
  g_assert_true (ui_test_spin_until (task_finished, export, 10000));
  g_assert_true (ui_test_spin_until (task_finished, first, 10000));
  ui_test_spin (100);

  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, label_has_text,
                                         (gpointer) "Scrape · Acme Corp"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, label_has_text,
                                         (gpointer) "Export to jobs.csv"));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, label_has_text,
                                         (gpointer) "Finding “Acme”"));
  /* The progress bar keeps the task's own name for screen readers. */
}

/* The task shown at the top of the visible part of the list. */
static ScraperTask *
first_visible_task (Fixture *f)
{
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW, NULL, NULL);
  g_autoptr(GPtrArray) rows = task_rows (f);
  ScraperTask *best = NULL;
  float best_y = G_MAXFLOAT;

  for (guint i = 0; i < rows->len; i++)
    {
      graphene_rect_t bounds;

      /* rows kept for items out of sight are not mapped */
      if (!gtk_widget_get_mapped (rows->pdata[i]) ||
          !gtk_widget_compute_bounds (rows->pdata[i], list, &bounds))
        continue;
      /* the first row whose bottom is below the top edge */
      if (bounds.origin.y + bounds.size.height > 1 && bounds.origin.y < best_y)
        {
          best_y = bounds.origin.y;
          best = scraper_task_row_get_task (rows->pdata[i]);
        }
    }
  return best;
}

static gboolean
laid_out (gpointer data)
{
  return first_visible_task (data) != NULL;
}

static void
test_new_task_keeps_scroll_position (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW, NULL, NULL);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  g_autoptr(ScraperTask) last = NULL;
  ScraperTask *looked_at;
  double value;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *title = g_strdup_printf ("Source %02u", i);

      g_clear_object (&last);
      last = submit (f, "scrape", title, complete_func);
    }
  g_assert_true (ui_test_spin_until (task_finished, last, 10000));
  ui_test_spin (200);
  g_assert_true (ui_test_spin_until (laid_out, f, 5000));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj) * 2);

  /* Scrolled down the list: a new task leaves the rows where they are. */
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_page_size (vadj));
  ui_test_spin (200);
  looked_at = first_visible_task (f);
  value = gtk_adjustment_get_value (vadj);
  g_assert_cmpfloat (value, >, 0);
  {
    g_autoptr(ScraperTask) extra = submit (f, "scrape", "Newcomer", complete_func);

    g_assert_true (ui_test_spin_until (task_finished, extra, 10000));
    ui_test_spin (200);
    g_assert_true (first_visible_task (f) == looked_at);
  }

  /* At the top: the new task is seen, at the top. */
  gtk_adjustment_set_value (vadj, 0);
  ui_test_spin (200);
  {
    g_autoptr(ScraperTask) top = submit (f, "scrape", "Top Newcomer", complete_func);

    g_assert_true (ui_test_spin_until (task_finished, top, 10000));
    ui_test_spin (200);
    g_assert_true (first_visible_task (f) == top);
    g_assert_cmpfloat (gtk_adjustment_get_value (vadj), <=, 0.5);
  }
}

static gboolean
is_cancelled_in_store (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (scraper_context_get_store (f->context), NULL);

  return sources != NULL && sources->len == 1 &&
         g_strcmp0 (((ScraperSource *) sources->pdata[0])->last_outcome, "cancelled") == 0;
}

static gboolean
task_running (gpointer data)
{
  return scraper_task_get_state (data) == SCRAPER_TASK_RUNNING;
}

static gboolean
label_is_error (GtkWidget *widget,
                gpointer   data)
{
  return gtk_widget_get_visible (widget) && gtk_widget_has_css_class (widget, "error");
}

/* A scrape the user cancelled: Sources says "Cancelled", in no red, with
 * no "Operation was cancelled". */
static void
test_user_cancel_is_neutral_in_sources (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GtkWidget *window;
  ScraperTask *task;
  gint64 id;

  scraper_test_server_add_stall (server, "/stall/feed.rss", 100000, 100);
  scraper_test_server_set_robots (server, "User-agent: *\nAllow: /\n");
  source->name = g_strdup ("Acme Corp");
  source->url = scraper_test_server_url_for (server, "/stall/feed.rss");
  source->kind = g_strdup ("feed");
  source->enabled = TRUE;
  id = scraper_store_add_source (scraper_context_get_store (f->context), source, &error);
  g_assert_no_error (error);

  tasks = scraper_context_scrape (f->context, &id, 1, SCRAPER_TASK_PRIORITY_USER, &error);
  g_assert_no_error (error);
  task = tasks->pdata[0];
  g_assert_true (ui_test_spin_until (task_running, task, 10000));
  ui_test_spin (200);
  g_cancellable_cancel (scraper_task_get_cancellable (task));
  g_assert_true (ui_test_spin_until (task_finished, task, 10000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_true (ui_test_spin_until (is_cancelled_in_store, f, 10000));

  sources = scraper_store_list_sources (scraper_context_get_store (f->context), &error);
  g_assert_no_error (error);
  row = scraper_source_row_new (sources->pdata[0]);
  window = adw_window_new ();
  {
    GtkWidget *box = gtk_list_box_new ();

    gtk_list_box_append (GTK_LIST_BOX (box), row);
    adw_window_set_content (ADW_WINDOW (window), box);
  }
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin (100);

  g_assert_nonnull (ui_test_find_widget (row, GTK_TYPE_LABEL, label_has_text, (gpointer) "Cancelled"));
  g_assert_null (ui_test_find_widget (row, GTK_TYPE_LABEL, label_has_text, (gpointer) "was cancelled"));
  g_assert_null (ui_test_find_widget (row, GTK_TYPE_LABEL, label_is_error, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_for_cancel_func (ScraperTask  *task,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  while (scraper_task_sleep (task, 20))
    ;
  scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
}

static gboolean
is_cancel_button (GtkWidget *widget,
                  gpointer   data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "task.cancel") == 0;
}

static GtkWidget *
find_cancel (GtkWidget *row)
{
  return ui_test_find_widget (row, GTK_TYPE_BUTTON, is_cancel_button, NULL);
}

static gboolean
row_cancel_shown (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) rows = task_rows (f);
  GtkWidget *cancel;

  if (rows->len == 0)
    return FALSE;
  cancel = find_cancel (rows->pdata[0]);
  return cancel != NULL && gtk_widget_get_mapped (cancel);
}

static void
count_clicks (GtkButton *button,
              guint     *clicked)
{
  (*clicked)++;
}

/* A row's Cancel activated (the keyboard, or a screen reader's "click"
 * action, which calls gtk_widget_activate()): the task is cancelling when
 * the activation returns, not 250 ms later, and is cancelled once. */
static void
test_cancel_activated_acts_at_once (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(ScraperTask) task = submit (f, "export", "Export to jobs.csv", wait_for_cancel_func);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *cancel;
  guint clicked = 0;

  g_assert_true (ui_test_spin_until (task_running, task, 10000));
  g_assert_true (ui_test_spin_until (row_cancel_shown, f, 10000));
  rows = task_rows (f);
  cancel = find_cancel (rows->pdata[0]);
  g_signal_connect (cancel, "clicked", G_CALLBACK (count_clicks), &clicked);

  g_assert_true (gtk_widget_activate (cancel));
  g_assert_cmpuint (clicked, ==, 1);
  g_assert_cmpint (scraper_task_get_state (task), !=, SCRAPER_TASK_RUNNING);
  g_assert_true (scraper_task_get_state (task) == SCRAPER_TASK_CANCELLING ||
                 scraper_task_get_state (task) == SCRAPER_TASK_CANCELLED);

  g_assert_true (ui_test_spin_until (task_finished, task, 10000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  ui_test_spin (400);
  g_assert_cmpuint (clicked, ==, 1);
}

/* A worker that reports @n_steps fractions, all within one percent, and
 * waits after each until the main thread has seen it: the row gets that
 * many distinct notifications, whatever the machine's speed. */
#define N_STEPS 12

typedef struct {
  GAsyncQueue *go;
  GAsyncQueue *acks;
  guint        task_notifies;
} Steps;

static void
steps_func (ScraperTask  *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Steps *steps = task_data;
  GAsyncQueue *acks = steps->acks;

  if (g_async_queue_timeout_pop (steps->go, 30 * G_USEC_PER_SEC) == NULL)
    {
      scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no go"));
      return;
    }
  for (guint i = 0; i < N_STEPS; i++)
    {
      scraper_task_report (task, 0.421 + i * 0.0002, NULL);
      if (g_async_queue_timeout_pop (acks, 30 * G_USEC_PER_SEC) == NULL)
        break;
    }
  scraper_task_report (task, 0.5, NULL);
  if (g_async_queue_timeout_pop (acks, 30 * G_USEC_PER_SEC) != NULL)
    scraper_task_return_result (task, g_variant_new ("a{sv}", NULL));
  else
    scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no ack"));
}

static void
on_task_fraction (ScraperTask *task,
                  GParamSpec  *pspec,
                  Steps       *steps)
{
  steps->task_notifies++;
  g_async_queue_push (steps->acks, GINT_TO_POINTER (1));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static gboolean
row_bound_to (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  ScraperTask *task = ((gpointer *) data)[1];
  g_autoptr(GPtrArray) rows = task_rows (f);

  return rows->len > 0 && scraper_task_row_get_task (rows->pdata[0]) == task;
}

/* A task reporting progress: the row stays the same widget bound to the
 * same task (the list does not rebuild it), its bar and the bar's
 * accessible value change only when the percentage shown changes, and
 * no tooltip is set through GTK's tooltip-text (which asks the X server
 * where the pointer is each time). */
static void
test_progress_changes_only_what_shows (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GAsyncQueue) go = g_async_queue_new ();
  g_autoptr(GAsyncQueue) acks = g_async_queue_new ();
  Steps steps = { go, acks, 0 };
  g_autoptr(ScraperTask) task = scraper_task_new ("export", "Export to jobs.csv", steps_func, &steps, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rows_after = NULL;
  gpointer bound[2] = { f, task };
  GtkWidget *row, *bar, *cancel;
  guint bar_fraction = 0, bar_text = 0, row_task = 0, cancel_tooltip = 0;

  g_signal_connect (task, "notify::fraction", G_CALLBACK (on_task_fraction), &steps);
  /* The worker waits for "go" until the row is there and watched. */
  scraper_task_manager_submit (scraper_context_get_task_manager (f->context), task,
                               SCRAPER_TASK_PRIORITY_USER);
  g_assert_true (ui_test_spin_until (row_bound_to, bound, 10000));
  rows = task_rows (f);
  row = rows->pdata[0];
  bar = ui_test_find_widget (row, GTK_TYPE_PROGRESS_BAR, NULL, NULL);
  cancel = find_cancel (row);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (count_notify), &bar_fraction);
  g_signal_connect (bar, "notify::text", G_CALLBACK (count_notify), &bar_text);
  g_signal_connect (row, "notify::task", G_CALLBACK (count_notify), &row_task);
  g_signal_connect (cancel, "notify::tooltip-text", G_CALLBACK (count_notify), &cancel_tooltip);
  g_async_queue_push (go, GINT_TO_POINTER (1));

  g_assert_true (ui_test_spin_until (task_finished, task, 60000));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);

  /* Every report reached the main thread as a change of its own... */
  g_assert_cmpuint (steps.task_notifies, >=, N_STEPS + 1);
  /* ...the bar showed 42 %, then 50 %, then 100 % when completed. */
  g_assert_cmpuint (bar_fraction, <=, 3);
  g_assert_cmpuint (bar_text, <=, 3);
  g_assert_cmpuint (row_task, ==, 0);
  rows_after = task_rows (f);
  g_assert_true (rows_after->len > 0 && rows_after->pdata[0] == row);

  g_assert_cmpuint (cancel_tooltip, ==, 0);
  g_assert_null (gtk_widget_get_tooltip_text (cancel));
  g_assert_cmpstr (scraper_tooltip_get (cancel), ==, "Cancel “Export to jobs.csv”");
  g_assert_true (gtk_widget_get_has_tooltip (cancel));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/tasks-view/preview-not-listed", Fixture, NULL,
              fixture_setup, test_preview_not_listed, fixture_teardown);
  g_test_add ("/tasks-view/rows-name-kind-and-source", Fixture, NULL,
              fixture_setup, test_rows_name_kind_and_source, fixture_teardown);
  g_test_add ("/tasks-view/new-task-keeps-scroll-position", Fixture, NULL,
              fixture_setup, test_new_task_keeps_scroll_position, fixture_teardown);
  g_test_add ("/tasks-view/user-cancel-is-neutral-in-sources", Fixture, NULL,
              fixture_setup, test_user_cancel_is_neutral_in_sources, fixture_teardown);
  g_test_add ("/tasks-view/cancel-activated-acts-at-once", Fixture, NULL,
              fixture_setup, test_cancel_activated_acts_at_once, fixture_teardown);
  g_test_add ("/tasks-view/progress-changes-only-what-shows", Fixture, NULL,
              fixture_setup, test_progress_changes_only_what_shows, fixture_teardown);

  return g_test_run ();
}
