/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Jobs view's "Filters" button (location, minimum salary, employment
 * type, posted within, source, remote): the real widgets in a window over a
 * ScraperContext on a temporary SQLite database with postings of known
 * places, salaries, types and dates from two sources.  And the whole window
 * at 360 px.  SCRAPER_SCREENSHOT_DIR=DIR saves jobs-narrow.png there. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-application.h"
#include "app/scraper-context.h"
#include "ui/scraper-jobs-filters.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-saved-searches.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"
#include "ui-test-util.h"

#define WAIT_MS 10000

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  GtkWindow      *window;
  GtkWidget      *jobs;
  GtkWidget      *filters;
  GtkWidget      *saved;
  gint64          acme;
  gint64          globex;
  /* The controls of the popover */
  GtkCheckButton *remote;
  GtkEditable    *location;
  GtkSpinButton  *salary;
  GtkDropDown    *type;
  GtkDropDown    *posted;
  GtkDropDown    *source;
} Fixture;

static ScraperStore *
store (Fixture *f)
{
  return scraper_context_get_store (f->context);
}

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static ScraperPosting *
posting (const char        *title,
         const char        *location,
         const char        *type,
         double             salary,
         int                posted_days_ago,
         ScraperRemoteKind  remote)
{
  ScraperPosting *p = scraper_posting_new ();

  p->external_id = g_strdup (title);
  p->url = g_strdup_printf ("https://jobs.example.com/%u", g_str_hash (title));
  p->title = g_strdup (title);
  p->company = g_strdup ("Acme");
  p->description_text = g_strdup ("Builds things.");
  p->locations = g_new0 (char *, 2);
  p->locations[0] = g_strdup (location);
  p->employment_type = g_new0 (char *, 2);
  p->employment_type[0] = g_strdup (type);
  if (salary > 0)
    {
      p->salary_min = p->salary_max = p->annual_min = p->annual_max = salary;
      p->salary_currency = g_strdup ("EUR");
      p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
    }
  p->date_posted = days_ago (posted_days_ago);
  p->remote = remote;
  return p;
}

static void
sync_source (Fixture   *f,
             gint64     source_id,
             GPtrArray *postings)
{
  g_autoptr(GError) error = NULL;
  ScraperSync *sync = scraper_store_begin_sync (store (f), source_id, &error);

  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
add_source (Fixture    *f,
            const char *name,
            const char *url)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  source->name = g_strdup (name);
  source->url = g_strdup (url);
  source->kind = g_strdup ("greenhouse");
  id = scraper_store_add_source (store (f), source, &error);
  g_assert_no_error (error);
  return id;
}

/* The @n-th widget of @type under @root, depth first. */
static GtkWidget *
nth_widget (GtkWidget *root,
            GType      type,
            guint      n)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autoptr(GPtrArray) children = g_ptr_array_new ();

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && n-- == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (children, child);
      for (guint i = children->len; i > 0; i--)
        g_ptr_array_add (stack, children->pdata[i - 1]);
    }
  return NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) acme = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GPtrArray) globex = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);

  f->dir = g_dir_make_tmp ("test-jobs-filters-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);

  f->acme = add_source (f, "Acme Careers", "https://boards.greenhouse.io/acme");
  f->globex = add_source (f, "Globex Jobs", "https://boards.greenhouse.io/globex");
  g_ptr_array_add (acme, posting ("Berlin Engineer", "Berlin, Germany", "FULL_TIME", 80000, 0, SCRAPER_REMOTE_ONSITE));
  g_ptr_array_add (acme, posting ("Munich Designer", "München", "PART_TIME", 50000, 5, SCRAPER_REMOTE_HYBRID));
  g_ptr_array_add (acme, posting ("Remote Writer", "Anywhere", "CONTRACTOR", 0, 40, SCRAPER_REMOTE_REMOTE));
  g_ptr_array_add (globex, posting ("Paris Analyst", "Paris, France", "FULL_TIME", 95000, 2, SCRAPER_REMOTE_ONSITE));
  g_ptr_array_add (globex, posting ("Berlin Intern", "Berlin", "INTERN", 20000, 60, SCRAPER_REMOTE_ONSITE));
  sync_source (f, f->acme, acme);
  sync_source (f, f->globex, globex);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 900, 700);
  f->jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), f->jobs);
  gtk_window_present (f->window);

  f->filters = ui_test_find_widget (f->jobs, SCRAPER_TYPE_JOBS_FILTERS, NULL, NULL);
  g_assert_nonnull (f->filters);
  f->saved = ui_test_find_widget (f->jobs, SCRAPER_TYPE_SAVED_SEARCHES_BUTTON, NULL, NULL);
  f->remote = GTK_CHECK_BUTTON (nth_widget (f->filters, GTK_TYPE_CHECK_BUTTON, 0));
  f->location = GTK_EDITABLE (nth_widget (f->filters, GTK_TYPE_SEARCH_ENTRY, 0));
  f->salary = GTK_SPIN_BUTTON (nth_widget (f->filters, GTK_TYPE_SPIN_BUTTON, 0));
  f->type = GTK_DROP_DOWN (nth_widget (f->filters, GTK_TYPE_DROP_DOWN, 0));
  f->posted = GTK_DROP_DOWN (nth_widget (f->filters, GTK_TYPE_DROP_DOWN, 1));
  f->source = GTK_DROP_DOWN (nth_widget (f->filters, GTK_TYPE_DROP_DOWN, 2));
  g_assert_nonnull (f->remote);
  g_assert_nonnull (f->location);
  g_assert_nonnull (f->salary);
  g_assert_nonnull (f->source);
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

typedef struct {
  Fixture    *f;
  const char *expected;
  char       *last;
} Wait;

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What the list shows: the titles, sorted, joined by ", ". */
static char *
shown_titles (Fixture *f)
{
  GListModel *model = scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);

      g_ptr_array_add (titles, g_strdup (scraper_posting_object_get_posting (item)->title));
    }
  g_ptr_array_sort (titles, compare_titles);
  g_ptr_array_add (titles, NULL);
  return g_strjoinv (", ", (char **) titles->pdata);
}

static gboolean
shows (gpointer data)
{
  Wait *w = data;

  g_free (w->last);
  w->last = shown_titles (w->f);
  return g_str_equal (w->last, w->expected);
}

static void
wait_shown (Fixture    *f,
            const char *expected)
{
  Wait w = { f, expected, NULL };

  if (!ui_test_spin_until (shows, &w, WAIT_MS))
    g_error ("Expected “%s”, the list shows “%s”", expected, w.last);
  g_free (w.last);
}

#define ALL "Berlin Engineer, Berlin Intern, Munich Designer, Paris Analyst, Remote Writer"

static gboolean
sources_loaded (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (f->source)) == 3;
}

static void
test_each_filter_narrows (Fixture       *f,
                          gconstpointer  data)
{
  wait_shown (f, ALL);

  gtk_editable_set_text (f->location, "berlin");
  wait_shown (f, "Berlin Engineer, Berlin Intern");
  gtk_editable_set_text (f->location, "FRANCE");
  wait_shown (f, "Paris Analyst");
  gtk_editable_set_text (f->location, "");
  wait_shown (f, ALL);

  gtk_spin_button_set_value (f->salary, 60000);
  wait_shown (f, "Berlin Engineer, Paris Analyst");
  gtk_spin_button_set_value (f->salary, 0);
  wait_shown (f, ALL);

  gtk_drop_down_set_selected (f->type, 1);  /* Full-Time */
  wait_shown (f, "Berlin Engineer, Paris Analyst");
  gtk_drop_down_set_selected (f->type, 5);  /* Internship */
  wait_shown (f, "Berlin Intern");
  gtk_drop_down_set_selected (f->type, 0);
  wait_shown (f, ALL);

  gtk_drop_down_set_selected (f->posted, 3);  /* Past Week */
  wait_shown (f, "Berlin Engineer, Munich Designer, Paris Analyst");
  gtk_drop_down_set_selected (f->posted, 0);
  wait_shown (f, ALL);

  /* The sources are read on the store's thread. */
  g_assert_true (ui_test_spin_until (sources_loaded, f, WAIT_MS));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (f->source)), 2), ==,
                   "Globex Jobs");
  gtk_drop_down_set_selected (f->source, 2);
  wait_shown (f, "Berlin Intern, Paris Analyst");
  gtk_drop_down_set_selected (f->source, 0);
  wait_shown (f, ALL);

  gtk_check_button_set_active (f->remote, TRUE);
  wait_shown (f, "Remote Writer");
  gtk_check_button_set_active (f->remote, FALSE);
  wait_shown (f, ALL);
}

typedef struct {
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_contains (gpointer data)
{
  LabelWait *w = data;

  return strstr (gtk_label_get_label (w->label), w->text) != NULL;
}

static gboolean
outside_filters (GtkWidget *widget,
                 gpointer   filters)
{
  return !gtk_widget_is_ancestor (widget, filters);
}

static gboolean
is_count_label (GtkWidget *widget,
                gpointer   data)
{
  return gtk_widget_has_css_class (widget, "dim-label") && gtk_widget_has_css_class (widget, "caption");
}

/* With the search, the star and the status filters; what is set shows in
 * the summary and the count; Reset shows everything again. */
static void
test_combine_and_reset (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *search = ui_test_find_widget (f->jobs, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  GtkWidget *starred = ui_test_find_button (f->jobs, "Starred");
  GtkWidget *status = ui_test_find_widget (f->jobs, GTK_TYPE_DROP_DOWN, outside_filters, f->filters);
  GtkWidget *count = ui_test_find_widget (f->jobs, GTK_TYPE_LABEL, is_count_label, NULL);
  GtkRevealer *summary = GTK_REVEALER (ui_test_find_widget (f->jobs, GTK_TYPE_REVEALER, NULL, NULL));
  g_autoptr(GError) error = NULL;
  LabelWait label_wait;

  g_assert_true (GTK_IS_TOGGLE_BUTTON (starred));
  g_assert_false (gtk_revealer_get_reveal_child (summary));
  wait_shown (f, ALL);

  /* Location and type together. */
  gtk_editable_set_text (f->location, "berlin");
  gtk_drop_down_set_selected (f->type, 1);
  wait_shown (f, "Berlin Engineer");
  g_assert_true (gtk_revealer_get_reveal_child (summary));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (ui_test_find_widget (GTK_WIDGET (summary), GTK_TYPE_LABEL,
                                                                               NULL, NULL))),
                            "in berlin · Full-Time"));
  label_wait.label = GTK_LABEL (count);
  label_wait.text = "1 posting · 2 filters";
  g_assert_true (ui_test_spin_until (label_contains, &label_wait, WAIT_MS));

  /* With a search text: the description, not the place, matches. */
  gtk_drop_down_set_selected (f->type, 0);
  wait_shown (f, "Berlin Engineer, Berlin Intern");
  gtk_editable_set_text (GTK_EDITABLE (search), "intern");
  wait_shown (f, "Berlin Intern");

  /* With the star and the status. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_shown (f, "Berlin Engineer, Berlin Intern");
  {
    GListModel *model = scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs));

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(ScraperPostingObject) item = g_list_model_get_item (model, i);
        ScraperPosting *p = scraper_posting_object_get_posting (item);

        if (g_str_equal (p->title, "Berlin Intern"))
          {
            g_assert_true (scraper_store_set_favorite (store (f), p->id, TRUE, &error));
            g_assert_true (scraper_store_set_status (store (f), p->id, SCRAPER_STATUS_APPLIED, &error));
            g_assert_no_error (error);
          }
      }
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (starred), TRUE);
  wait_shown (f, "Berlin Intern");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 1 + SCRAPER_STATUS_NEW);
  wait_shown (f, "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 1 + SCRAPER_STATUS_APPLIED);
  wait_shown (f, "Berlin Intern");

  /* Reset: every filter off, the list whole. */
  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.reset-filters", NULL));
  wait_shown (f, ALL);
  g_assert_cmpstr (gtk_editable_get_text (f->location), ==, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (f->type), ==, 0);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (starred)));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==, 0);
  g_assert_cmpuint (scraper_jobs_filters_get_n_active (SCRAPER_JOBS_FILTERS (f->filters)), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (summary));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "5 postings");
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
has_saved (gpointer data)
{
  return count_saved (data) == 1;
}

static gboolean
has_row (gpointer data)
{
  Fixture *f = data;
  GtkWidget *list = ui_test_find_widget (f->saved, GTK_TYPE_LIST_BOX, NULL, NULL);

  return gtk_widget_get_visible (list) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) != NULL;
}

static gboolean
five_active (gpointer data)
{
  Fixture *f = data;

  return scraper_jobs_filters_get_n_active (SCRAPER_JOBS_FILTERS (f->filters)) == 5;
}

/* Saved under a name, the new filters come back when the search is
 * chosen again. */
static void
test_saved_search_round_trip (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(ScraperSavedSearch) saved = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *entry, *list;

  wait_shown (f, ALL);
  g_assert_true (ui_test_spin_until (sources_loaded, f, WAIT_MS));
  gtk_editable_set_text (f->location, "Berlin");
  gtk_spin_button_set_value (f->salary, 10000);
  gtk_drop_down_set_selected (f->type, 5);    /* Internship */
  gtk_drop_down_set_selected (f->posted, 6);  /* Past 3 Months */
  gtk_drop_down_set_selected (f->source, 2);  /* Globex Jobs */
  /* The location counts once the entry's typing delay is over. */
  g_assert_true (ui_test_spin_until (five_active, f, WAIT_MS));
  wait_shown (f, "Berlin Intern");

  g_assert_true (gtk_widget_activate_action (f->saved, "saved-searches.save", NULL));
  for (guint i = 0; i < 100 && dialog == NULL; i++)
    {
      ui_test_spin (20);
      dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    }
  g_assert_nonnull (dialog);
  entry = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Berlin");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Interns in Berlin");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (ui_test_spin_until (has_saved, f, WAIT_MS));

  saved = scraper_store_find_saved_search (store (f), "Interns in Berlin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->location, ==, "Berlin");
  g_assert_cmpfloat (saved->min_salary, ==, 10000);
  g_assert_cmpstr (saved->employment_type, ==, "INTERN");
  g_assert_cmpuint (saved->posted_within_days, ==, 90);
  g_assert_cmpint (saved->source_id, ==, f->globex);

  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.reset-filters", NULL));
  wait_shown (f, ALL);

  scraper_saved_searches_button_refresh (SCRAPER_SAVED_SEARCHES_BUTTON (f->saved));
  g_assert_true (ui_test_spin_until (has_row, f, WAIT_MS));
  list = ui_test_find_widget (f->saved, GTK_TYPE_LIST_BOX, NULL, NULL);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  wait_shown (f, "Berlin Intern");
  g_assert_cmpstr (gtk_editable_get_text (f->location), ==, "Berlin");
  g_assert_cmpfloat (gtk_spin_button_get_value (f->salary), ==, 10000);
  g_assert_cmpuint (gtk_drop_down_get_selected (f->type), ==, 5);
  g_assert_cmpuint (gtk_drop_down_get_selected (f->posted), ==, 6);
  g_assert_cmpuint (gtk_drop_down_get_selected (f->source), ==, 2);
  g_assert_cmpuint (scraper_jobs_filters_get_n_active (SCRAPER_JOBS_FILTERS (f->filters)), ==, 5);
}

/* A saved search from the command line may name a number of days the
 * drop-down has no item for, and a source removed since. */
static void
test_saved_search_from_elsewhere (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(ScraperSavedSearch) search = scraper_saved_search_new ();

  wait_shown (f, ALL);
  g_assert_true (ui_test_spin_until (sources_loaded, f, WAIT_MS));
  search->posted_within_days = 4;
  scraper_jobs_filters_set (SCRAPER_JOBS_FILTERS (f->filters), search);
  wait_shown (f, "Berlin Engineer, Paris Analyst");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (f->posted)),
                                               gtk_drop_down_get_selected (f->posted)), ==, "Past 4 Days");

  search->posted_within_days = 0;
  search->source_id = f->globex + 100;
  scraper_jobs_filters_set (SCRAPER_JOBS_FILTERS (f->filters), search);
  wait_shown (f, "");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (f->source)),
                                               gtk_drop_down_get_selected (f->source)), ==, "Removed Source");
}

/* Each control of the popover has a name and takes the keyboard focus. */
static void
test_keyboard_and_names (Fixture       *f,
                         gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (ui_test_find_widget (f->filters, GTK_TYPE_MENU_BUTTON, NULL, NULL));
  GtkWidget *controls[] = {
    GTK_WIDGET (f->remote), GTK_WIDGET (f->location), GTK_WIDGET (f->salary),
    GTK_WIDGET (f->type), GTK_WIDGET (f->posted), GTK_WIDGET (f->source),
    ui_test_find_button (f->filters, "R_eset All Filters"),
  };

  g_assert_nonnull (controls[6]);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (button)) ||
                 gtk_widget_get_focusable (gtk_widget_get_first_child (GTK_WIDGET (button))));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Filters");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->location), GTK_ACCESSIBLE_PROPERTY_LABEL, "Location");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->salary), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Minimum Salary per Year");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->type), GTK_ACCESSIBLE_PROPERTY_LABEL, "Employment Type");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->posted), GTK_ACCESSIBLE_PROPERTY_LABEL, "Posted Within");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->source), GTK_ACCESSIBLE_PROPERTY_LABEL, "Source");

  gtk_menu_button_popup (button);
  ui_test_spin (200);
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_assert_true (gtk_widget_get_mapped (controls[i]));
      g_assert_true (gtk_widget_grab_focus (controls[i]));
    }
  gtk_menu_button_popdown (button);
}

/* The whole window at 360 px */

/* The Filters popover, open, as DIR/jobs-filters-popover.png. */
static void
save_popover (GtkWindow  *window,
              const char *dir)
{
  GtkWidget *filters = ui_test_find_widget (GTK_WIDGET (window), SCRAPER_TYPE_JOBS_FILTERS, NULL, NULL);
  GtkMenuButton *button = GTK_MENU_BUTTON (ui_test_find_widget (filters, GTK_TYPE_MENU_BUTTON, NULL, NULL));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, "jobs-filters-popover.png", NULL);
  GtkSnapshot *snapshot;
  int width, height;

  gtk_menu_button_popup (button);
  ui_test_spin (500);
  width = gtk_widget_get_width (popover);
  height = gtk_widget_get_height (popover);
  paintable = gtk_widget_paintable_new (popover);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (popover)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gtk_menu_button_popdown (button);
}

static void
on_activate_after (GApplication *app,
                   gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *dir = g_getenv ("SCRAPER_SCREENSHOT_DIR");
  GtkWidget *content;
  int minimum = 0, natural = 0;

  g_assert_true (SCRAPER_IS_WINDOW (window));
  ui_test_spin (100);
  content = gtk_window_get_child (window);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("The window's content asks for at least %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);

  /* With filters set, their summary shows under the buttons. */
  {
    g_autoptr(ScraperSavedSearch) search = scraper_saved_search_new ();
    GtkWidget *filters = ui_test_find_widget (content, SCRAPER_TYPE_JOBS_FILTERS, NULL, NULL);

    search->location = g_strdup ("Berlin");
    search->employment_type = g_strdup ("FULL_TIME");
    search->posted_within_days = 7;
    scraper_jobs_filters_set (SCRAPER_JOBS_FILTERS (filters), search);
  }
  gtk_window_set_default_size (window, 360, 640);
  ui_test_spin (300);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  if (dir != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *path = g_build_filename (dir, "jobs-narrow.png", NULL);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      int width = gtk_widget_get_width (GTK_WIDGET (window));
      int height = gtk_widget_get_height (GTK_WIDGET (window));

      ui_test_spin (300);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_true (gdk_texture_save_to_png (texture, path));
      save_popover (window, dir);
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
use_gnome_title_buttons (GApplication *app)
{
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
}

static void
test_window_narrow (void)
{
  g_autoptr(ScraperApplication) app = scraper_application_new ();
  char *argv[] = { (char *) "test-jobs-filters", NULL };
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "narrow.db", NULL);
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Postings, so that the Jobs view shows its list and filter bar. */
  store = scraper_store_open (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ScraperSource) source = scraper_source_new ();
    g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
    ScraperSync *sync;
    gint64 id;

    source->name = g_strdup ("Acme Careers");
    source->url = g_strdup ("https://boards.greenhouse.io/acme");
    source->kind = g_strdup ("greenhouse");
    id = scraper_store_add_source (store, source, &error);
    g_assert_no_error (error);
    g_ptr_array_add (postings, posting ("Senior Backend Engineer", "Berlin, Germany", "FULL_TIME", 80000, 1,
                                        SCRAPER_REMOTE_HYBRID));
    g_ptr_array_add (postings, posting ("Product Designer", "Remote", "CONTRACTOR", 0, 3, SCRAPER_REMOTE_REMOTE));
    sync = scraper_store_begin_sync (store, id, &error);
    g_assert_true (scraper_sync_add (sync, postings, &error));
    g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  scraper_ui_setup (app);
  /* GNOME's own title buttons (its default gtk-decoration-layout), not
   * GTK's fallback with minimize and maximize, which alone takes the
   * header bar to 389 px. */
  g_signal_connect (app, "startup", G_CALLBACK (use_gnome_title_buttons), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  /* GTK's test accessibility backend keeps the accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/jobs-filters/each-narrows", test_each_filter_narrows);
  ADD ("/jobs-filters/combine-and-reset", test_combine_and_reset);
  ADD ("/jobs-filters/saved-search-round-trip", test_saved_search_round_trip);
  ADD ("/jobs-filters/saved-search-from-elsewhere", test_saved_search_from_elsewhere);
  ADD ("/jobs-filters/keyboard-and-names", test_keyboard_and_names);
  g_test_add_func ("/jobs-filters/window-narrow-360", test_window_narrow);

  return g_test_run ();
}
