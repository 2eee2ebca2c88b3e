/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Blocked" page of Preferences on a real database: it lists the
 * blocks, adds a company and a keyword from its entry rows, and "Unblock"
 * removes one; the store says the same after each step.  Also the "Run in
 * Background" switch of the General page. */
#include "config.h"

#include <glib/gstdio.h>

#include "store/scraper-store-applications.h"
#include "ui/scraper-blocklist-page.h"
#include "ui/scraper-preferences-window.h"
#include "ui-test-util.h"

typedef struct {
  char                 *dir;
  char                 *db;
  ScraperStore         *store;
  GSettings            *settings;
  GtkWidget            *window;
  ScraperBlocklistPage *page;
  guint                 n_changed;
  guint                 wanted;
} Fixture;

static void
on_changed (ScraperBlocklistPage *page,
            Fixture              *f)
{
  f->n_changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-blocklist-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);
  scraper_store_add_block (f->store, SCRAPER_BLOCK_COMPANY, "Acme", &error);
  g_assert_no_error (error);

  f->settings = g_settings_new ("com.example.JobScraper");
  f->window = scraper_preferences_window_new (NULL, f->settings);
  f->page = SCRAPER_BLOCKLIST_PAGE (scraper_blocklist_page_new (f->store));
  g_signal_connect (f->page, "changed", G_CALLBACK (on_changed), f);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_spin (50);
  scraper_store_wait_writes (f->store);
  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (f->db, suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gboolean
has_n_blocks (gpointer data)
{
  Fixture *f = data;

  return scraper_blocklist_page_get_n_blocks (f->page) == f->wanted;
}

static void
wait_for_blocks (Fixture *f,
                 guint    n)
{
  f->wanted = n;
  g_assert_true (ui_test_spin_until (has_n_blocks, f, 10000));
}

static gboolean
row_has_title (GtkWidget *widget,
               gpointer   data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static GtkWidget *
find_row (Fixture    *f,
          GType       type,
          const char *title)
{
  return ui_test_find_widget (GTK_WIDGET (f->page), type, row_has_title, (gpointer) title);
}

static void
add_from_row (Fixture    *f,
              const char *row_title,
              const char *text)
{
  GtkWidget *row = find_row (f, ADW_TYPE_ENTRY_ROW, row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  /* the row is ready for the next one */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
}

static gboolean
store_has_block (Fixture          *f,
                 ScraperBlockKind  kind,
                 const char       *value)
{
  g_autoptr(GPtrArray) blocks = scraper_store_list_blocks (f->store, NULL);

  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const ScraperBlock *b = g_ptr_array_index (blocks, i);

      if (b->kind == kind && g_str_equal (b->value, value))
        return TRUE;
    }
  return FALSE;
}

static void
test_blocklist_add_and_unblock (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *unblock;

  /* what the store holds is listed */
  wait_for_blocks (f, 1);
  row = find_row (f, ADW_TYPE_ACTION_ROW, "Acme");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Company");

  /* a keyword and a company, from their rows */
  add_from_row (f, "Block a _Keyword in Titles", "  intern ");
  wait_for_blocks (f, 2);
  g_assert_true (store_has_block (f, SCRAPER_BLOCK_KEYWORD, "intern"));
  g_assert_nonnull (find_row (f, ADW_TYPE_ACTION_ROW, "intern"));

  add_from_row (f, "Block a _Company", "Globex");
  wait_for_blocks (f, 3);
  g_assert_true (store_has_block (f, SCRAPER_BLOCK_COMPANY, "Globex"));

  /* an empty value adds nothing */
  add_from_row (f, "Block a _Company", "   ");
  ui_test_spin (100);
  g_assert_cmpuint (scraper_blocklist_page_get_n_blocks (f->page), ==, 3);

  /* Unblock */
  row = find_row (f, ADW_TYPE_ACTION_ROW, "Acme");
  unblock = ui_test_find_widget (row, GTK_TYPE_BUTTON, NULL, NULL);
  g_assert_nonnull (unblock);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (unblock)), ==, "Unblock");
  gtk_widget_activate (unblock);
  wait_for_blocks (f, 2);
  g_assert_false (store_has_block (f, SCRAPER_BLOCK_COMPANY, "Acme"));
  g_assert_null (find_row (f, ADW_TYPE_ACTION_ROW, "Acme"));
  g_assert_cmpuint (f->n_changed, ==, 3);
}

/* Hostile value: markup in a company name is shown as typed. */
static void
test_blocklist_hostile_markup_shown_as_text (Fixture       *f,
                                             gconstpointer  data)
{
  GtkWidget *row;

  add_from_row (f, "Block a _Company", "AT&T <b>");
  wait_for_blocks (f, 2);
  row = find_row (f, ADW_TYPE_ACTION_ROW, "AT&T <b>");
  g_assert_nonnull (row);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
}

static gboolean
is_background_switch (GtkWidget *widget,
                      gpointer   data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                    "Run in _Background") == 0;
}

/* The General page's switch is the "run-in-background" key. */
static void
test_run_in_background_switch (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *sw = ui_test_find_widget (f->window, GTK_TYPE_SWITCH, is_background_switch, NULL);

  g_assert_nonnull (sw);
  g_assert_false (g_settings_get_boolean (f->settings, "run-in-background"));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_true (g_settings_get_boolean (f->settings, "run-in-background"));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "run-in-background"));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/blocklist/add-and-unblock", Fixture, NULL,
              fixture_setup, test_blocklist_add_and_unblock, fixture_teardown);
  g_test_add ("/blocklist/hostile-markup-shown-as-text", Fixture, NULL,
              fixture_setup, test_blocklist_hostile_markup_shown_as_text, fixture_teardown);
  g_test_add ("/preferences/run-in-background-switch", Fixture, NULL,
              fixture_setup, test_run_in_background_switch, fixture_teardown);

  return g_test_run ();
}
