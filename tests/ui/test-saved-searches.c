/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saved searches in the Jobs view: the real widgets in a window over a
 * ScraperContext on a temporary database, seeded as a scrape leaves it. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "app/scraper-context.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-saved-searches.h"
#include "ui-test-util.h"

#define WAIT_MS 10000

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  GtkWindow      *window;
  GtkWidget      *jobs;
  GtkWidget      *saved;    /* the Saved Searches button */
  gint64          source_id;
  AdwToast       *last_toast;
} Fixture;

static ScraperStore *
store (Fixture *f)
{
  return scraper_context_get_store (f->context);
}

/* A scrape of the one source with postings titled @titles; "(onsite)" in
 * a title makes it onsite, "(90k)" gives it that salary. */
static void
seed (Fixture            *f,
      const char * const *titles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  ScraperSync *sync;

  for (guint i = 0; titles[i] != NULL; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", g_str_hash (titles[i]));
      p->url = g_strdup_printf ("https://jobs.example.com/%s", p->external_id);
      p->title = g_strdup (titles[i]);
      p->company = g_strdup ("Acme");
      p->description_text = g_strdup ("Builds things.");
      p->remote = strstr (titles[i], "onsite") ? SCRAPER_REMOTE_ONSITE : SCRAPER_REMOTE_REMOTE;
      if (strstr (titles[i], "(90k)"))
        {
          p->salary_min = p->annual_min = 90000;
          p->salary_currency = g_strdup ("EUR");
          p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
        }
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store (f), f->source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
on_toast (ScraperSavedSearchesButton *button,
          AdwToast                   *toast,
          Fixture                    *f)
{
  g_set_object (&f->last_toast, toast);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *titles[] = { "Rust Engineer", "Rust Developer (onsite)", "Go Engineer", "Rust Lead (90k)", NULL };
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-saved-searches-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  f->source_id = scraper_store_add_source (store (f), source, &error);
  g_assert_no_error (error);
  seed (f, titles);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 900, 700);
  f->jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), f->jobs);
  gtk_window_present (f->window);
  f->saved = ui_test_find_widget (f->jobs, SCRAPER_TYPE_SAVED_SEARCHES_BUTTON, NULL, NULL);
  g_assert_nonnull (f->saved);
  g_signal_connect (f->saved, "toast", G_CALLBACK (on_toast), f);
  ui_test_spin (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  ui_test_spin (50);
  g_clear_object (&f->last_toast);
  scraper_context_shutdown (f->context);
  g_clear_object (&f->context);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (f->db, suffix, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Waiting */

typedef struct {
  Fixture *f;
  guint    n;
} Wait;

static gboolean
shows_n (gpointer data)
{
  Wait *w = data;

  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (w->f->jobs))) == w->n;
}

static void
wait_shown (Fixture *f,
            guint    n)
{
  Wait w = { f, n };

  g_assert_true (ui_test_spin_until (shows_n, &w, WAIT_MS));
}

static guint
count_rows (Fixture *f)
{
  GtkWidget *list = ui_test_find_widget (f->saved, GTK_TYPE_LIST_BOX, NULL, NULL);
  guint n = 0;

  if (!gtk_widget_get_visible (list))
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static gboolean
has_n_rows (gpointer data)
{
  Wait *w = data;

  return count_rows (w->f) == w->n;
}

static void
wait_rows (Fixture *f,
           guint    n)
{
  Wait w = { f, n };

  g_assert_true (ui_test_spin_until (has_n_rows, &w, WAIT_MS));
}

static gboolean
badge_is (gpointer data)
{
  Wait *w = data;

  return scraper_saved_searches_button_get_n_new (SCRAPER_SAVED_SEARCHES_BUTTON (w->f->saved)) == w->n;
}

static void
wait_badge (Fixture *f,
            guint    n)
{
  Wait w = { f, n };

  g_assert_true (ui_test_spin_until (badge_is, &w, WAIT_MS));
}

static guint
count_saved (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = scraper_store_list_saved_searches (store (f), FALSE, &error);

  g_assert_no_error (error);
  return list->len;
}

static gboolean
saved_count_is (gpointer data)
{
  Wait *w = data;

  return count_saved (w->f) == w->n;
}

static gboolean
label_starts (GtkWidget *widget,
              gpointer   data)
{
  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), data);
}

static gboolean
has_css_class (GtkWidget *widget,
               gpointer   data)
{
  return gtk_widget_has_css_class (widget, data);
}

static AdwMessageDialog *
wait_dialog (void)
{
  GtkWindow *dialog = NULL;

  for (guint i = 0; i < 100 && dialog == NULL; i++)
    {
      ui_test_spin (20);
      dialog = ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    }
  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Saves what the view shows under @name through the dialog. */
static void
save_as (Fixture    *f,
         const char *suggested,
         const char *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (f->saved, "saved-searches.save", NULL));
  dialog = wait_dialog ();
  entry = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, suggested);

  /* A blank name cannot be saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_save_apply_remove (Fixture       *f,
                        gconstpointer  data)
{
  const char *later[] = { "Rust Engineer", "Rust Developer (onsite)", "Senior Rust Engineer",
                          "Rust Lead (90k)", "Office Manager", NULL };
  GtkWidget *entry = ui_test_find_widget (f->jobs, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  GtkWidget *remote = ui_test_find_widget (f->jobs, GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  GtkWidget *list, *row, *save, *badge;
  Wait w = { f, 1 };

  wait_shown (f, 4);
  wait_rows (f, 0);
  g_assert_true (gtk_widget_get_visible (ui_test_find_widget (f->saved, GTK_TYPE_LABEL, label_starts,
                                                              (gpointer) "No saved searches yet")));
  /* Nothing filtered: nothing to save. */
  save = ui_test_find_button (f->saved, "_Save Current Search…");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_is_sensitive (save));

  gtk_editable_set_text (GTK_EDITABLE (entry), "rust");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remote), TRUE);
  wait_shown (f, 2);
  g_assert_true (gtk_widget_is_sensitive (save));
  save_as (f, "rust", "Rust remote");
  g_assert_true (ui_test_spin_until (saved_count_is, &w, WAIT_MS));
  wait_rows (f, 1);

  /* The same name again is refused with a message, and nothing is added. */
  g_clear_object (&f->last_toast);
  save_as (f, "rust", "RUST REMOTE");
  for (guint i = 0; i < 100 && f->last_toast == NULL; i++)
    ui_test_spin (20);
  g_assert_nonnull (f->last_toast);
  g_assert_nonnull (strstr (adw_toast_get_title (f->last_toast), "already exists"));
  g_assert_cmpuint (count_saved (f), ==, 1);

  /* Back to everything; scraped two minutes ago and looked at a minute
   * ago, then a scrape brings a new remote Rust posting. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remote), FALSE);
  wait_shown (f, 4);
  exec_sql (f, "UPDATE postings SET first_seen = first_seen - 120;"
               "UPDATE saved_searches SET last_viewed = last_viewed - 60;");
  seed (f, later);
  scraper_saved_searches_button_refresh (SCRAPER_SAVED_SEARCHES_BUTTON (f->saved));
  wait_badge (f, 1);
  badge = ui_test_find_widget (f->saved, GTK_TYPE_LABEL, has_css_class, (gpointer) "new-badge");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "1");
  g_assert_nonnull (ui_test_find_widget (f->saved, GTK_TYPE_LABEL, label_starts, (gpointer) "1 new"));

  /* Choosing it shows its postings and makes them seen. */
  list = ui_test_find_widget (f->saved, GTK_TYPE_LIST_BOX, NULL, NULL);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_signal_emit_by_name (list, "row-activated", row);
  wait_shown (f, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "rust");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (remote)));
  wait_badge (f, 0);
  g_assert_false (gtk_widget_get_visible (badge));

  /* Removed, then back with Undo. */
  g_clear_object (&f->last_toast);
  g_assert_true (gtk_widget_activate_action (f->saved, "saved-searches.remove", "u", 0));
  w.n = 0;
  g_assert_true (ui_test_spin_until (saved_count_is, &w, WAIT_MS));
  wait_rows (f, 0);
  for (guint i = 0; i < 100 && f->last_toast == NULL; i++)
    ui_test_spin (20);
  g_assert_nonnull (f->last_toast);
  g_signal_emit_by_name (f->last_toast, "button-clicked");
  w.n = 1;
  g_assert_true (ui_test_spin_until (saved_count_is, &w, WAIT_MS));
  wait_rows (f, 1);
}

/* A saved search made on the command line may ask for a minimum salary:
 * the Filters popover shows it, and it holds when another filter changes. */
static void
test_min_salary_from_elsewhere (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ScraperSavedSearch) search = scraper_saved_search_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *remote = ui_test_find_widget (f->jobs, GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  GtkWidget *salary = ui_test_find_widget (f->jobs, GTK_TYPE_SPIN_BUTTON, NULL, NULL);
  GtkWidget *list;

  search->name = g_strdup ("Well paid Rust");
  search->search = g_strdup ("rust");
  search->min_salary = 80000;
  scraper_store_add_saved_search (store (f), search, &error);
  g_assert_no_error (error);
  scraper_saved_searches_button_refresh (SCRAPER_SAVED_SEARCHES_BUTTON (f->saved));
  wait_rows (f, 1);

  list = ui_test_find_widget (f->saved, GTK_TYPE_LIST_BOX, NULL, NULL);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  wait_shown (f, 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (salary)), ==, 80000);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (remote), TRUE);
  ui_test_spin (300);
  wait_shown (f, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (salary), 0);
  wait_shown (f, 2);
}

/* What a notification after scrapes adds for the saved searches. */
static void
test_describe_new (void)
{
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_saved_search_free);
  const char *names[] = { "Rust", "Quiet", "Remote", "Go", "C", "Zig" };
  const guint news[] = { 3, 0, 1, 2, 5, 1 };
  g_autofree char *none = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ScraperSavedSearch *s = scraper_saved_search_new ();

      s->name = g_strdup (names[i]);
      s->n_new = news[i];
      s->n_matching = news[i] + 10;
      g_ptr_array_add (searches, s);
    }

  text = scraper_saved_searches_describe_new (searches);
  g_assert_cmpstr (text, ==, "“Rust”: 3 new, “Remote”: 1 new, “Go”: 2 new and 2 more searches");

  g_ptr_array_set_size (searches, 2);
  ((ScraperSavedSearch *) searches->pdata[0])->n_new = 0;
  none = scraper_saved_searches_describe_new (searches);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/saved-searches/save-apply-remove-undo", test_save_apply_remove);
  ADD ("/saved-searches/min-salary-from-elsewhere", test_min_salary_from_elsewhere);
#undef ADD
  g_test_add_func ("/saved-searches/describe-new", test_describe_new);

  return g_test_run ();
}
