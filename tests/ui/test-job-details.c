/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The details pane of the Jobs view: facts as chips, the star, arrow keys,
 * the narrow back arrow, contacts, Remind Me… and blocking with Undo.  The
 * real Jobs view over a ScraperContext on a temporary database; what the
 * pane writes is read back from the SQLite file with a connection of the
 * test's own.  None of it may run SQLite on the main thread: the store's
 * guard counts statements there while the window is driven. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "app/scraper-context.h"
#include "store/scraper-store-applications.h"
#include "ui/scraper-job-details.h"
#include "ui/scraper-job-facts.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-posting-row.h"
#include "ui-test-util.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define WAIT_MS 20000

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  GtkWindow      *window;
  GtkWidget      *jobs;
  ScraperJobDetails *details;
} Fixture;

static void
store_postings (Fixture *f)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync;
  ScraperPosting *p;
  gint64 source_id;

  source->url = g_strdup ("https://boards.example.com/acme");
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup ("Example Board");
  source->enabled = TRUE;
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);

  /* Every fact; the company's name carries a terminal escape. */
  p = scraper_posting_new ();
  p->external_id = g_strdup ("1");
  p->url = g_strdup ("https://boards.example.com/acme/1");
  p->title = g_strdup ("Senior GTK Developer");
  p->company = g_strdup ("Acme \033[31mCorp");
  p->locations = g_strsplit ("Berlin", ",", -1);
  p->remote = SCRAPER_REMOTE_HYBRID;
  p->employment_type = g_strsplit ("FULL_TIME", ",", -1);
  p->salary_min = 60000;
  p->salary_max = 80000;
  p->salary_currency = g_strdup ("EUR");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  p->date_posted = g_strdup ("2026-01-05");
  p->valid_through = g_strdup ("2026-02-28");
  p->seniority = g_strdup ("senior");
  p->skills = g_strsplit ("C,GTK", ",", -1);
  p->description_text = g_strdup ("Build the desktop.");
  g_ptr_array_add (postings, p);

  /* A title and a company, nothing else. */
  p = scraper_posting_new ();
  p->external_id = g_strdup ("2");
  p->url = g_strdup ("https://boards.example.com/acme/2");
  p->title = g_strdup ("Barista");
  p->company = g_strdup ("Beta Beans");
  g_ptr_array_add (postings, p);

  p = scraper_posting_new ();
  p->external_id = g_strdup ("3");
  p->url = g_strdup ("https://boards.example.com/acme/3");
  p->title = g_strdup ("Cook");
  p->company = g_strdup ("Gamma Foods");
  g_ptr_array_add (postings, p);

  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_assert_no_error (error);
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)));
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

static void
open_window (Fixture *f,
             int      width)
{
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, width, 800);
  f->jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), f->jobs);
  gtk_window_present (f->window);
  f->details = SCRAPER_JOB_DETAILS (ui_test_find_widget (f->jobs, SCRAPER_TYPE_JOB_DETAILS, NULL, NULL));
  g_assert_nonnull (f->details);
  wait_for_n (f, 3);
  ui_test_spin (100);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-job-details-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);
  store_postings (f);
  open_window (f, GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 1200);
  /* From here on, the window alone touches the store. */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
}

/* What ran on the main thread since the guard was set: nothing. */
static void
assert_no_main_thread_sql (void)
{
  g_autofree char *first = NULL;
  guint n = scraper_store_get_main_thread_calls (NULL, &first);

  if (n > 0)
    g_test_message ("first statement on the main thread: %s", first);
  g_assert_cmpuint (n, ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  const char *suffixes[] = { "", "-wal", "-shm" };

  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_OFF);
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

/* The writes asked for so far are done; then the guard is checked and
 * turned off, so that the test may read. */
static void
settle (Fixture *f)
{
  ui_test_spin (100);
  scraper_store_wait_writes (scraper_context_get_store (f->context));
  ui_test_spin (100);
  assert_no_main_thread_sql ();
}

/* One value from the database file, through a connection of our own. */
static char *
sql_text (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static ScraperPostingObject *
item_titled (Fixture    *f,
             const char *title)
{
  GListModel *model = scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (scraper_posting_object_get_posting (item)->title, title) == 0)
        return item;
    }
  return NULL;
}

static void
show (Fixture    *f,
      const char *title)
{
  ScraperPostingObject *item = item_titled (f, title);

  g_assert_nonnull (item);
  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.show-posting", "x",
                                             scraper_posting_object_get_id (item)));
  ui_test_spin (100);
  g_assert_true (scraper_job_details_get_item (f->details) == item);
}

static gboolean
has_fact_prefix (GStrv       facts,
                 const char *prefix)
{
  for (guint i = 0; facts[i] != NULL; i++)
    if (g_str_has_prefix (facts[i], prefix))
      return TRUE;
  return FALSE;
}

static void
test_facts_chips (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) facts = NULL;
  g_auto(GStrv) sparse = NULL;
  const char *absent[] = { "Place: ", "Workplace: ", "Salary: ", "Employment Type: ", "Posted: ",
                           "Closes: ", "Seniority: ", "Skills: " };

  show (f, "Senior GTK Developer");
  facts = scraper_job_details_dup_facts (f->details);
  /* The escape is gone, the rest of the name stays. */
  g_assert_cmpstr (facts[0], ==, "Company: Acme Corp");
  g_assert_cmpstr (facts[1], ==, "Place: Berlin");
  g_assert_cmpstr (facts[2], ==, "Workplace: Hybrid");
  g_assert_true (g_str_has_prefix (facts[3], "Salary: "));
  g_assert_nonnull (strstr (facts[3], "60"));
  g_assert_cmpstr (facts[4], ==, "Employment Type: Full-time");
  g_assert_true (g_str_has_prefix (facts[5], "Posted: "));
  g_assert_true (g_str_has_prefix (facts[6], "Closes: "));
  g_assert_cmpstr (facts[7], ==, "Source: Example Board");
  g_assert_cmpstr (facts[8], ==, "Seniority: Senior");
  g_assert_cmpstr (facts[9], ==, "Skills: C, GTK");
  g_assert_null (facts[10]);

  /* Facts the posting does not state have no chip. */
  show (f, "Barista");
  sparse = scraper_job_details_dup_facts (f->details);
  g_assert_cmpstr (sparse[0], ==, "Company: Beta Beans");
  g_assert_cmpstr (sparse[1], ==, "Source: Example Board");
  g_assert_null (sparse[2]);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    g_assert_false (has_fact_prefix (sparse, absent[i]));
  settle (f);
}

static gboolean
star_button_match (GtkWidget *widget,
                   gpointer   data)
{
  const char *icon = gtk_button_get_icon_name (GTK_BUTTON (widget));

  return g_strcmp0 (icon, "starred-symbolic") == 0 || g_strcmp0 (icon, "non-starred-symbolic") == 0;
}

static void
test_star_in_pane_and_row_follow (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *star = ui_test_find_widget (GTK_WIDGET (f->details), GTK_TYPE_TOGGLE_BUTTON, star_button_match, NULL);
  ScraperPostingObject *item;
  g_autofree char *stored = NULL;
  g_autofree char *unstarred = NULL;

  g_assert_nonnull (star);
  show (f, "Cook");
  item = item_titled (f, "Cook");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
  /* The row's item follows at once (its star is bound to it). */
  g_assert_true (scraper_posting_object_get_favorite (item));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "starred-symbolic");
  settle (f);
  stored = sql_text (f, "SELECT favorite FROM postings WHERE title = 'Cook'");
  g_assert_cmpstr (stored, ==, "1");

  /* The row's star (the same action) and the pane's follow each other. */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.star", "(xb)",
                                             scraper_posting_object_get_id (item), FALSE));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star)));
  settle (f);
  unstarred = sql_text (f, "SELECT favorite FROM postings WHERE title = 'Cook'");
  g_assert_cmpstr (unstarred, ==, "0");
}

/* Presses @key in the test's window through the X server (XTest). */
static gboolean
press_key (Fixture    *f,
           const char *key)
{
  g_autofree char *program = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autoptr(GSubprocess) process = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));

#ifdef GDK_WINDOWING_X11
  if (program == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
#else
  (void) surface;
  return FALSE;
#endif
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, program, "windowfocus", "--sync", xid,
                              "key", key, NULL);
  g_assert_nonnull (process);
  g_assert_true (g_subprocess_wait_check (process, NULL, NULL));
  return TRUE;
}

typedef struct { Fixture *f; ScraperPostingObject *item; } WaitItem;

static gboolean
details_show_item (gpointer data)
{
  WaitItem *w = data;

  return scraper_job_details_get_item (w->f->details) == w->item;
}

static gboolean
details_closed (gpointer data)
{
  Fixture *f = data;

  return !adw_flap_get_reveal_flap (ADW_FLAP (ui_test_find_widget (f->jobs, ADW_TYPE_FLAP, NULL, NULL)));
}

/* The list's own widget for @item (it holds the focus; our row is its
 * child). */
static GtkWidget *
item_widget (GtkWidget            *list,
             ScraperPostingObject *item)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && SCRAPER_IS_POSTING_ROW (row) &&
          scraper_posting_row_get_item (SCRAPER_POSTING_ROW (row)) == item)
        return child;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Not the list of a drop-down's popover. */
static gboolean
is_postings_list (GtkWidget *widget,
                  gpointer   data)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
  g_autoptr(GObject) first = model != NULL ? g_list_model_get_item (model, 0) : NULL;

  return first != NULL && SCRAPER_IS_POSTING_OBJECT (first);
}

static void
test_arrow_keys_update_details (Fixture       *f,
                                gconstpointer  data)
{
  GListModel *model = scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs));
  g_autoptr(ScraperPostingObject) first = g_list_model_get_item (model, 0);
  g_autoptr(ScraperPostingObject) second = g_list_model_get_item (model, 1);
  GtkWidget *list = ui_test_find_widget (f->jobs, GTK_TYPE_LIST_VIEW, is_postings_list, NULL);
  WaitItem w = { f, second };

  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.show-posting", "x",
                                             scraper_posting_object_get_id (first)));
  ui_test_spin (100);
  /* The focus on the first row, as a click leaves it. */
  g_assert_true (gtk_widget_grab_focus (item_widget (list, first)));
  ui_test_spin (100);
  g_assert_true (scraper_job_details_get_item (f->details) == first);

  /* A real Down key through the X server (XTest); without xdotool, the
   * focus moves to the next item's widget as GtkListView moves it. */
  if (!press_key (f, "Down"))
    {
      g_test_message ("xdotool is not installed: the focus is moved, no key is pressed");
      g_assert_true (gtk_widget_grab_focus (item_widget (list, second)));
    }
  g_assert_true (ui_test_spin_until (details_show_item, &w, WAIT_MS));
  /* The focus stayed in the list. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), list));

  /* Escape closes the details; the focus goes back to the list. */
  if (!press_key (f, "Escape"))
    g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.close-details", NULL));
  g_assert_true (ui_test_spin_until (details_closed, f, WAIT_MS));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window), list));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (ui_test_find_widget (f->jobs, ADW_TYPE_FLAP, NULL, NULL))));
  settle (f);
}

static gboolean
visible_icon_button (GtkWidget *widget,
                     gpointer   data)
{
  return gtk_widget_get_visible (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_folded (gpointer data)
{
  return scraper_job_details_get_folded (data);
}

static void
test_narrow_back_arrow (Fixture       *f,
                        gconstpointer  data)
{
  AdwFlap *flap = ADW_FLAP (ui_test_find_widget (f->jobs, ADW_TYPE_FLAP, NULL, NULL));
  GtkWidget *back;

  g_assert_true (ui_test_spin_until (is_folded, f->details, WAIT_MS));
  show (f, "Senior GTK Developer");
  back = ui_test_find_widget (GTK_WIDGET (f->details), GTK_TYPE_BUTTON, visible_icon_button, "go-previous-symbolic");
  g_assert_nonnull (back);
  g_assert_null (ui_test_find_widget (GTK_WIDGET (f->details), GTK_TYPE_BUTTON, visible_icon_button, "window-close-symbolic"));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  /* The pane is no wider than the window, and its chips wrap within it,
   * several to a line. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->details)), <=, 360);
  {
    GtkWidget *facts = ui_test_find_widget (GTK_WIDGET (f->details), SCRAPER_TYPE_CHIP_BOX, NULL, NULL);
    guint n = 0, lines = 0;
    float last_y = -1;

    g_assert_nonnull (facts);
    for (GtkWidget *chip = gtk_widget_get_first_child (facts); chip != NULL; chip = gtk_widget_get_next_sibling (chip))
      {
        graphene_rect_t r;

        g_assert_true (gtk_widget_compute_bounds (chip, facts, &r));
        g_assert_cmpfloat (r.origin.x + r.size.width, <=, gtk_widget_get_width (facts));
        if (r.origin.y != last_y)
          lines++;
        last_y = r.origin.y;
        n++;
      }
    g_assert_cmpuint (n, ==, 10);
    g_assert_cmpuint (lines, >, 1);
    g_assert_cmpuint (lines, <, n);
  }
  g_signal_emit_by_name (back, "clicked");
  ui_test_spin (100);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  settle (f);
}

static gboolean
contact_match (GtkWidget *widget,
               gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
contacts_stored (gpointer data)
{
  Fixture *f = data;
  GPtrArray *contacts = scraper_job_details_get_contacts (f->details);

  return contacts != NULL && contacts->len == 1 && ((ScraperContact *) contacts->pdata[0])->id > 0;
}

static gboolean
contacts_none (gpointer data)
{
  Fixture *f = data;
  GPtrArray *contacts = scraper_job_details_get_contacts (f->details);

  return contacts == NULL || contacts->len == 0;
}

static GtkWidget *
nth_entry (GtkWidget *dialog,
           guint      n)
{
  GtkWidget *entry = ui_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL, NULL);

  for (guint i = 0; entry != NULL && i < n; i++)
    entry = gtk_widget_get_next_sibling (entry);
  g_assert_nonnull (entry);
  return entry;
}

static void
test_contacts_add_edit_remove (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *button;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *count = NULL;

  show (f, "Senior GTK Developer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->details), "details.add-contact", NULL));
  dialog = scraper_job_details_get_dialog (f->details);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 0)), "Ada Lovelace");
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 1)), "Recruiter");
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 2)), "ada@example.com");
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 3)), "https://example.com/ada");
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 4)), "Met at GUADEC");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  /* Shown at once, then with the id the store gave it. */
  g_assert_cmpuint (scraper_job_details_get_contacts (f->details)->len, ==, 1);
  g_assert_true (ui_test_spin_until (contacts_stored, f, WAIT_MS));
  settle (f);
  name = sql_text (f, "SELECT name || '|' || role || '|' || email || '|' || link || '|' || notes FROM contacts");
  g_assert_cmpstr (name, ==, "Ada Lovelace|Recruiter|ada@example.com|https://example.com/ada|Met at GUADEC");

  /* Edit */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  button = ui_test_find_widget (GTK_WIDGET (f->details), GTK_TYPE_BUTTON, contact_match, "Edit Contact");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = scraper_job_details_get_dialog (f->details);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_entry (dialog, 0))), ==, "Ada Lovelace");
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 1)), "Hiring Manager");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_assert_true (ui_test_spin_until (contacts_stored, f, WAIT_MS));
  settle (f);
  role = sql_text (f, "SELECT role FROM contacts WHERE name = 'Ada Lovelace'");
  g_assert_cmpstr (role, ==, "Hiring Manager");

  /* Remove */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  ui_test_spin (200);
  button = ui_test_find_widget (GTK_WIDGET (f->details), GTK_TYPE_BUTTON, contact_match, "Remove Contact");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (contacts_none (f));
  settle (f);
  count = sql_text (f, "SELECT count(*) FROM contacts");
  g_assert_cmpstr (count, ==, "0");
  g_assert_true (ui_test_spin_until (contacts_none, f, WAIT_MS));
}

static gboolean
reminder_stored (gpointer data)
{
  Fixture *f = data;
  const ScraperReminder *r = scraper_job_details_get_reminder (f->details);

  return r != NULL && r->id > 0;
}

static gboolean
no_reminder (gpointer data)
{
  Fixture *f = data;

  return scraper_job_details_get_reminder (f->details) == NULL;
}

static void
test_remind_me_creates_reminder (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2031, 3, 14, 0, 0, 0);
  g_autoptr(GDateTime) expected = g_date_time_new_local (2031, 3, 14, 10, 30, 0);
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  const ScraperReminder *r;
  g_autofree char *done = NULL;
  GtkWidget *dialog, *spin, *done_button;

  show (f, "Barista");
  g_assert_null (scraper_job_details_get_reminder (f->details));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->details), "details.remind", NULL));
  dialog = scraper_job_details_get_dialog (f->details);
  g_assert_nonnull (dialog);
  gtk_calendar_select_day (GTK_CALENDAR (ui_test_find_widget (dialog, GTK_TYPE_CALENDAR, NULL, NULL)), day);
  spin = ui_test_find_widget (dialog, GTK_TYPE_SPIN_BUTTON, NULL, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  spin = ui_test_find_widget (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (spin)),
                              GTK_TYPE_SPIN_BUTTON, NULL, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 0)), "Call back about the interview");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remind");
  g_assert_true (ui_test_spin_until (reminder_stored, f, WAIT_MS));
  r = scraper_job_details_get_reminder (f->details);
  g_assert_cmpstr (r->note, ==, "Call back about the interview");
  settle (f);

  /* The same reminder `job-scraper reminders` lists. */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_OFF);
  reminders = scraper_store_list_reminders (scraper_context_get_store (f->context), FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reminders->len, ==, 1);
  r = g_ptr_array_index (reminders, 0);
  g_assert_cmpint (r->posting_id, ==, scraper_posting_object_get_id (item_titled (f, "Barista")));
  g_assert_true (g_date_time_equal (r->at, expected));
  g_assert_cmpstr (r->note, ==, "Call back about the interview");
  g_assert_false (r->done);

  /* Done */
  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  done_button = ui_test_find_button (GTK_WIDGET (f->details), "_Done");
  g_assert_nonnull (done_button);
  g_signal_emit_by_name (done_button, "clicked");
  g_assert_true (ui_test_spin_until (no_reminder, f, WAIT_MS));
  settle (f);
  done = sql_text (f, "SELECT done FROM reminders");
  g_assert_cmpstr (done, ==, "1");
}

static gboolean
button_label_is (GtkWidget *widget,
                 gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0 && gtk_widget_get_mapped (widget);
}

static gboolean
undo_shown (gpointer data)
{
  Fixture *f = data;

  return ui_test_find_widget (f->jobs, GTK_TYPE_BUTTON, button_label_is, "_Undo") != NULL;
}

static void
test_block_company_hides_and_undo_brings_back (Fixture       *f,
                                               gconstpointer  data)
{
  g_autofree char *blocked = NULL;
  g_autofree char *after_undo = NULL;
  GtkWidget *undo;

  show (f, "Cook");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->details), "details.block-company", NULL));
  wait_for_n (f, 2);
  g_assert_null (item_titled (f, "Cook"));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (ui_test_find_widget (f->jobs, ADW_TYPE_FLAP, NULL, NULL))));
  g_assert_true (ui_test_spin_until (undo_shown, f, WAIT_MS));
  settle (f);
  blocked = sql_text (f, "SELECT kind || ':' || value FROM blocks");
  g_assert_cmpstr (blocked, ==, "company:Gamma Foods");

  scraper_store_set_main_thread_guard (SCRAPER_STORE_GUARD_RECORD);
  undo = ui_test_find_widget (f->jobs, GTK_TYPE_BUTTON, button_label_is, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  wait_for_n (f, 3);
  g_assert_nonnull (item_titled (f, "Cook"));
  settle (f);
  after_undo = sql_text (f, "SELECT count(*) FROM blocks");
  g_assert_cmpstr (after_undo, ==, "0");
}

static void
test_block_keyword (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *blocked = NULL;
  GtkWidget *dialog;

  show (f, "Barista");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->details), "details.block-keyword", NULL));
  dialog = scraper_job_details_get_dialog (f->details);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (nth_entry (dialog, 0)), "barista");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "block");
  wait_for_n (f, 2);
  g_assert_null (item_titled (f, "Barista"));
  settle (f);
  blocked = sql_text (f, "SELECT kind || ':' || value FROM blocks");
  g_assert_cmpstr (blocked, ==, "keyword:barista");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, width) \
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_setup, func, fixture_teardown)
  ADD ("/job-details/facts-chips-hostile-company-escape-cleaned", test_facts_chips, 0);
  ADD ("/job-details/star-in-pane-and-row-follow", test_star_in_pane_and_row_follow, 0);
  ADD ("/job-details/arrow-keys-update-details", test_arrow_keys_update_details, 0);
  ADD ("/job-details/narrow-back-arrow", test_narrow_back_arrow, 360);
  ADD ("/job-details/contacts-add-edit-remove", test_contacts_add_edit_remove, 0);
  ADD ("/job-details/remind-me-creates-reminder", test_remind_me_creates_reminder, 0);
  ADD ("/job-details/block-company-hides-and-undo-brings-back", test_block_company_hides_and_undo_brings_back, 0);
  ADD ("/job-details/block-keyword", test_block_keyword, 0);
#undef ADD

  return g_test_run ();
}
