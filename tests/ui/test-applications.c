/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Applications view: the real board in a window over a ScraperContext
 * on a temporary database; cards moved by their "Move to" menu and by a
 * drag (the drag source's content dropped on a column's drop target). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-context.h"
#include "store/scraper-store-applications.h"
#include "ui/scraper-applications-view.h"
#include "ui/scraper-posting-history.h"
#include "ui-test-util.h"

typedef struct {
  char           *dir;
  char           *db;
  ScraperContext *context;
  GtkWindow      *window;
  ScraperApplicationsView *view;
  gint64          ids[3];
} Fixture;

static ScraperStore *
store (Fixture *f)
{
  return scraper_context_get_store (f->context);
}

/* The board is read off the main thread: wait for its first cards. */
static gboolean
board_loaded (gpointer data)
{
  Fixture *f = data;
  GtkWidget *column = scraper_applications_view_get_column (f->view, SCRAPER_STATUS_SAVED);

  return gtk_widget_get_first_child (column) != NULL;
}

static void
wait_for_board (Fixture *f)
{
  g_assert_true (ui_test_spin_until (board_loaded, f, 10000));
}

/* Backend Engineer saved, Frontend Engineer applied, Data Engineer
 * rejected. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const titles[] = { "Backend Engineer", "Frontend Engineer", "Data Engineer" };
  static const ScraperPostingStatus statuses[] = {
    SCRAPER_STATUS_SAVED, SCRAPER_STATUS_APPLIED, SCRAPER_STATUS_REJECTED,
  };
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSync *sync;
  gint64 source_id;

  f->dir = g_dir_make_tmp ("test-applications-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (f->db, &error);
  g_assert_no_error (error);

  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source_id = scraper_store_add_source (store (f), source, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i + 1);
      p->url = g_strdup_printf ("https://jobs.example.com/%u", i + 1);
      p->title = g_strdup (titles[i]);
      p->company = g_strdup ("Acme");
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store (f), source_id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      f->ids[i] = ((ScraperPosting *) postings->pdata[i])->id;
      g_assert_true (scraper_store_change_status (store (f), f->ids[i], statuses[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  f->view = SCRAPER_APPLICATIONS_VIEW (scraper_applications_view_new (f->context));
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  wait_for_board (f);
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
  g_free (f->db);
  g_free (f->dir);
}

static guint
n_cards (Fixture              *f,
         ScraperPostingStatus  status)
{
  GtkWidget *column = scraper_applications_view_get_column (f->view, status);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (column); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;
  return n;
}

static GtkWidget *
first_card (Fixture              *f,
            ScraperPostingStatus  status)
{
  GtkWidget *column = scraper_applications_view_get_column (f->view, status);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (column), 0);

  g_assert_nonnull (row);
  return gtk_list_box_row_get_child (row);
}

static ScraperPostingStatus
status_of (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperPosting) p = scraper_store_get_posting (store (f), id, &error);

  g_assert_no_error (error);
  return p->status;
}

typedef struct {
  Fixture              *f;
  ScraperPostingStatus  status;
  guint                 n;
} BoardWait;

static gboolean
column_has (gpointer data)
{
  BoardWait *w = data;

  return n_cards (w->f, w->status) == w->n;
}

/* The board is read and written off the main thread: wait for it. */
static void
wait_for_column (Fixture              *f,
                 ScraperPostingStatus  status,
                 guint                 n)
{
  BoardWait w = { f, status, n };

  g_assert_true (ui_test_spin_until (column_has, &w, 10000));
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_SAVED), ==, 1);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_APPLIED), ==, 1);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_INTERVIEWING), ==, 0);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_OFFER), ==, 0);
  /* rejected is folded away below */
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_REJECTED), ==, 1);
  g_assert_nonnull (ui_test_find_widget (first_card (f, SCRAPER_STATUS_SAVED), GTK_TYPE_LABEL, NULL, NULL));
}

static gboolean
is_move_to (GtkWidget *widget,
            gpointer   data)
{
  return g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), "Move to") == 0;
}

static void
test_move_to_menu (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *button = ui_test_find_widget (first_card (f, SCRAPER_STATUS_SAVED), GTK_TYPE_MENU_BUTTON,
                                           is_move_to, NULL);
  GMenuModel *menu;
  g_autoptr(GVariant) target = NULL;
  int interviewing = -1;

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  /* every status but the card's own */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, SCRAPER_N_STATUSES - 1);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_cmpstr (label, !=, "Saved");
      if (g_str_equal (label, "Interviewing"))
        interviewing = i;
    }
  g_assert_cmpint (interviewing, >=, 0);
  target = g_menu_model_get_item_attribute_value (menu, interviewing, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE ("(xi)"));
  g_assert_nonnull (target);

  /* what clicking the item does */
  g_assert_true (gtk_widget_activate_action_variant (button, "applications.move", target));
  wait_for_column (f, SCRAPER_STATUS_INTERVIEWING, 1);

  g_assert_cmpint (status_of (f, f->ids[0]), ==, SCRAPER_STATUS_INTERVIEWING);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_SAVED), ==, 0);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_INTERVIEWING), ==, 1);
  events = scraper_store_list_stage_events (store (f), f->ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((ScraperStageEvent *) events->pdata[1])->from, ==, SCRAPER_STATUS_SAVED);
  g_assert_cmpint (((ScraperStageEvent *) events->pdata[1])->to, ==, SCRAPER_STATUS_INTERVIEWING);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

/* A drag: the card's drag source gives its content, the Offer column's
 * drop target receives it. */
static void
test_drag_to_column (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *card = first_card (f, SCRAPER_STATUS_APPLIED);
  GtkEventController *source = find_controller (card, GTK_TYPE_DRAG_SOURCE);
  GtkEventController *target = find_controller (scraper_applications_view_get_column (f->view, SCRAPER_STATUS_OFFER),
                                                GTK_TYPE_DROP_TARGET);
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_INT64);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int64 (&value), ==, f->ids[1]);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  wait_for_column (f, SCRAPER_STATUS_OFFER, 1);
  g_assert_cmpint (status_of (f, f->ids[1]), ==, SCRAPER_STATUS_OFFER);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_APPLIED), ==, 0);
  g_assert_cmpuint (n_cards (f, SCRAPER_STATUS_OFFER), ==, 1);
  g_value_unset (&value);
}

/* At 360 px the columns stack: the board asks no more width than that. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

static gboolean
history_loaded (gpointer data)
{
  return !scraper_posting_history_get_loading (data);
}

/* The details' history: the timeline of stage events, a contact, and a
 * previous title. */
static void
test_posting_history (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperContact) contact = scraper_contact_new ();
  g_autoptr(ScraperPosting) p = NULL;
  g_autoptr(ScraperPosting) other = NULL;
  g_autofree char *text = NULL;
  GtkWidget *history = scraper_posting_history_new ();
  ScraperSync *sync;

  g_object_ref_sink (history);
  contact->posting_id = f->ids[1];
  contact->name = g_strdup ("Ada Lovelace");
  contact->role = g_strdup ("Recruiter");
  g_assert_cmpint (scraper_store_add_contact (store (f), contact, &error), >, 0);

  /* the source renames the opening */
  {
    g_autoptr(GPtrArray) renamed = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
    ScraperPosting *r = scraper_posting_new ();

    r->external_id = g_strdup ("2");
    r->url = g_strdup ("https://jobs.example.com/2");
    r->title = g_strdup ("Senior Frontend Engineer");
    r->company = g_strdup ("Acme");
    g_ptr_array_add (renamed, r);
    sync = scraper_store_begin_sync (store (f), 1, &error);
    g_assert_true (scraper_sync_add (sync, renamed, &error));
    g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_PARTIAL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  p = scraper_store_get_posting (store (f), f->ids[1], &error);
  g_assert_no_error (error);
  /* Read on the store's thread: the read for a posting shown before is
   * dropped when it answers late. */
  other = scraper_store_get_posting (store (f), f->ids[0], &error);
  g_assert_no_error (error);
  scraper_posting_history_set_posting (SCRAPER_POSTING_HISTORY (history), store (f), other);
  scraper_posting_history_set_posting (SCRAPER_POSTING_HISTORY (history), store (f), p);
  g_assert_true (scraper_posting_history_get_loading (SCRAPER_POSTING_HISTORY (history)));
  g_assert_true (ui_test_spin_until (history_loaded, history, 10000));
  text = scraper_posting_history_dup_text (SCRAPER_POSTING_HISTORY (history));
  g_assert_nonnull (strstr (text, "Open for 0 days"));
  g_assert_nonnull (strstr (text, "Was titled “Frontend Engineer”"));
  g_assert_nonnull (strstr (text, "New → Applied"));
  g_assert_nonnull (strstr (text, "Contact: Ada Lovelace (Recruiter)"));
  g_object_unref (history);
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
  ADD ("/applications/board", test_board);
  ADD ("/applications/move-to-menu", test_move_to_menu);
  ADD ("/applications/drag-to-column", test_drag_to_column);
  ADD ("/applications/narrow", test_narrow);
  ADD ("/applications/posting-history", test_posting_history);
#undef ADD

  return g_test_run ();
}
