/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text and links from elsewhere in the window: names that look like
 * markup, links of other schemes and descriptions Pango cannot read.  The
 * real views over a ScraperContext on a temporary database, filled through
 * the store as an older version or a hostile file could have filled it. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app/scraper-context.h"
#include "ui/scraper-jobs-view.h"
#include "ui/scraper-posting-object.h"
#include "ui/scraper-sources-view.h"
#include "ui/scraper-source-row.h"
#include "ui/scraper-posting-row.h"
#include "ui/scraper-task-row.h"
#include "ui-test-util.h"

#define WAIT_MS 20000

typedef struct {
  char           *dir;
  ScraperContext *context;
  GtkWindow      *window;
  GtkWidget      *sources;
  GtkWidget      *jobs;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  f->dir = g_dir_make_tmp ("test-hostile-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "jobs.db", NULL);
  f->context = scraper_context_new (db, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  f->sources = g_object_new (SCRAPER_TYPE_SOURCES_VIEW, "context", f->context, NULL);
  f->jobs = g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", f->context, NULL);
  gtk_box_append (GTK_BOX (box), f->sources);
  gtk_box_append (GTK_BOX (box), f->jobs);
  adw_window_set_content (ADW_WINDOW (f->window), box);
  gtk_window_present (f->window);
  ui_test_spin (100);
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
  g_free (f->dir);
}

static gboolean
sources_loaded (gpointer data)
{
  return !scraper_sources_view_get_loading (data);
}

static gint64
add_source (Fixture    *f,
            const char *name)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  source->url = g_strdup ("https://boards.example.com/acme");
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup (name);
  source->enabled = TRUE;
  id = scraper_store_add_source (scraper_context_get_store (f->context), source, &error);
  g_assert_no_error (error);
  scraper_sources_view_reload (SCRAPER_SOURCES_VIEW (f->sources));
  /* Read on the store's thread. */
  g_assert_true (ui_test_spin_until (sources_loaded, f->sources, WAIT_MS));
  return id;
}

static gboolean
label_text_is (GtkWidget *widget,
               gpointer   data)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return ui_test_find_widget (args[0], GTK_TYPE_LABEL, label_text_is, args[1]) != NULL;
}

/* A label below @root shows exactly @text (as read, markup parsed). */
static gboolean
wait_for_text (GtkWidget  *root,
               const char *text)
{
  gpointer args[] = { root, (gpointer) text };

  return ui_test_spin_until (label_shown, args, WAIT_MS);
}

/* AdwToast's title is markup: "AT&T" did not parse (a warning, and an
 * empty toast) and "<b>" would have been bold. */
static void
test_toast_source_named_att_markup (Fixture       *f,
                                    gconstpointer  data)
{
  gint64 id = add_source (f, "AT&T <b>");

  g_assert_true (gtk_widget_activate_action (f->sources, "sources.remove", "x", id));
  g_assert_true (wait_for_text (f->sources, "“AT&T <b>” removed"));
  scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (f->sources));
}

static void
store_posting (Fixture    *f,
               gint64      source_id,
               const char *url,
               const char *apply_url,
               const char *markup,
               const char *text)
{
  ScraperStore *store = scraper_context_get_store (f->context);
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync;
  ScraperPosting *p = scraper_posting_new ();

  p->external_id = g_strdup ("1");
  p->url = g_strdup (url);
  p->apply_url = g_strdup (apply_url);
  p->title = g_strdup ("Hostile posting");
  p->company = g_strdup ("AT&T <i>");
  p->description_markup = g_strdup (markup);
  p->description_text = g_strdup (text);
  g_ptr_array_add (postings, p);
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_assert_no_error (error);

  scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (f->jobs));
}

static gboolean
has_one_job (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs))) == 1;
}

static void
show_first (Fixture *f)
{
  g_autoptr(ScraperPostingObject) item = NULL;

  g_assert_true (ui_test_spin_until (has_one_job, f, WAIT_MS));
  item = g_list_model_get_item (scraper_jobs_view_get_model (SCRAPER_JOBS_VIEW (f->jobs)), 0);
  g_assert_true (gtk_widget_activate_action (f->jobs, "jobs.show-posting", "x",
                                             scraper_posting_object_get_id (item)));
  ui_test_spin (100);
}

/* A link an older version stored (or a file from elsewhere holds) is not
 * offered: "Open in Browser" would hand javascript:, file:, smb: or
 * steam: to whatever handles it. */
static void
test_open_in_browser_refuses_other_schemes (Fixture       *f,
                                            gconstpointer  data)
{
  gint64 source_id = add_source (f, "Acme");
  GtkWidget *open;

  store_posting (f, source_id, "javascript:alert(1)", "steam://run/1", NULL, "plain");
  show_first (f);
  open = ui_test_find_button (f->jobs, "_Open in Browser");
  g_assert_nonnull (open);
  g_assert_false (gtk_widget_get_sensitive (open));
}

static void
test_open_in_browser_takes_web_apply_url (Fixture       *f,
                                          gconstpointer  data)
{
  gint64 source_id = add_source (f, "Acme");
  GtkWidget *open;

  store_posting (f, source_id, "file:///etc/passwd", "https://boards.example.com/acme/1/apply", NULL, "plain");
  show_first (f);
  open = ui_test_find_button (f->jobs, "_Open in Browser");
  g_assert_nonnull (open);
  g_assert_true (gtk_widget_get_sensitive (open));
}

/* What versions before the fix stored for descriptions over 1 MiB: "<p>"
 * is no Pango markup, the label refused it and kept the posting shown
 * before.  The text is shown instead. */
static void
test_description_unparsable_markup_shows_text (Fixture       *f,
                                               gconstpointer  data)
{
  gint64 source_id = add_source (f, "Acme");

  store_posting (f, source_id, "https://boards.example.com/acme/1", NULL,
                 "<p>Build AT&amp;T things</p>", "Build AT&T things, as text");
  show_first (f);
  g_assert_true (wait_for_text (f->jobs, "Build AT&T things, as text"));
  g_assert_true (wait_for_text (f->jobs, "Hostile posting"));
}

/* Every label below @root is free of control characters (but line feeds)
 * and of what remains of an escape sequence. */
static void
assert_labels_printable (GtkWidget *root,
                         guint     *n_labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_printable (child, n_labels);
  if (GTK_IS_LABEL (root))
    {
      const char *text = gtk_label_get_label (GTK_LABEL (root));

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if ((c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0))
            g_error ("label “%s” shows U+%04X", text, c);
        }
      g_assert_null (strstr (text, "]0;"));
      g_assert_null (strstr (text, "[31m"));
      (*n_labels)++;
    }
}

static gboolean
label_starts_with (GtkWidget *widget,
                   gpointer   data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

#define HOSTILE_NAME "Acme\x1b]0;owned\x07 Corp\x1b[2J"
#define HOSTILE_TEXT "Server said \x1b[31mno\x1b[0m\x07\x08 and\r rang\x9b"

/* A source's name (a feed's title), its last error, a task's title and
 * error, a posting's title and company: text from elsewhere, shown in
 * plain labels without the control characters and terminal escapes it
 * carried. */
static void
test_rows_control_chars_and_escapes_removed (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(ScraperPostingObject) item = NULL;
  g_autoptr(ScraperTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *source_row, *posting_row, *task_row, *list;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  guint n_labels = 0;

  source->id = 7;
  source->name = g_strdup (HOSTILE_NAME);
  source->url = g_strdup ("https://boards.example.com/acme");
  source->kind = g_strdup ("greenhouse");
  source->last_run = g_date_time_to_unix (now);
  source->last_outcome = g_strdup ("failed");
  source->last_error = g_strdup (HOSTILE_TEXT);
  source_row = scraper_source_row_new (source);

  posting->id = 1;
  posting->title = g_strdup ("Engineer\x1b]8;;https://evil.example\x07 link\x1b]8;;\x07");
  posting->company = g_strdup (HOSTILE_NAME);
  posting->locations = g_strsplit ("Berlin\x1b[1A", "|", -1);
  item = scraper_posting_object_new (posting);
  posting_row = scraper_posting_row_new ();
  scraper_posting_row_set_item (SCRAPER_POSTING_ROW (posting_row), item);

  task = scraper_task_new_from_history ("t1", "scrape", HOSTILE_NAME, SCRAPER_TASK_FAILED,
                                        now, now, now, NULL, HOSTILE_TEXT);
  task_row = scraper_task_row_new ();
  scraper_task_row_set_task (SCRAPER_TASK_ROW (task_row), task);

  list = gtk_list_box_new ();
  gtk_list_box_append (GTK_LIST_BOX (list), source_row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), posting_row);
  gtk_box_append (GTK_BOX (box), task_row);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  ui_test_spin (50);

  assert_labels_printable (box, &n_labels);
  g_assert_cmpuint (n_labels, >, 5);
  /* What is left is shown: the words around the escapes. */
  g_assert_nonnull (ui_test_find_widget (source_row, GTK_TYPE_LABEL, label_text_is, (gpointer) "Acme Corp"));
  g_assert_nonnull (ui_test_find_widget (source_row, GTK_TYPE_LABEL, label_starts_with, (gpointer) "Server said no and"));
  g_assert_nonnull (ui_test_find_widget (posting_row, GTK_TYPE_LABEL, label_text_is, (gpointer) "Engineer link"));
  g_assert_nonnull (ui_test_find_widget (task_row, GTK_TYPE_LABEL, label_text_is, (gpointer) "Scrape · Acme Corp"));
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui-hostile/toast-source-named-att-markup", test_toast_source_named_att_markup);
  ADD ("/ui-hostile/open-in-browser-refuses-other-schemes", test_open_in_browser_refuses_other_schemes);
  ADD ("/ui-hostile/open-in-browser-takes-web-apply-url", test_open_in_browser_takes_web_apply_url);
  ADD ("/ui-hostile/description-unparsable-markup-shows-text", test_description_unparsable_markup_shows_text);
  ADD ("/ui-hostile/rows-control-chars-and-escapes-removed", test_rows_control_chars_and_escapes_removed);
#undef ADD

  return g_test_run ();
}
