/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Jobs list's paged model: a real store on a temporary SQLite file with
 * 2000 postings, pages of 100 read by position, at most a few kept in
 * memory.  Pages far apart are dropped and read again on the store's
 * thread; they come back with the same postings in the same order.  And
 * the hostile cases: a reload while pages are being read, a cancel, a
 * posting deleted or stored between two reads, the last page emptied. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/scraper-store.h"
#include "ui/scraper-posting-list-model.h"
#include "ui/scraper-posting-object.h"
#include "ui-test-util.h"

#define N_POSTINGS 2000
#define PAGE       100
#define WAIT_MS    20000

typedef struct {
  char                    *dir;
  char                    *db;
  ScraperStore            *store;
  gint64                   source_id;
  ScraperPostingListModel *model;
  ScraperQuery             query;
  guint                    n_changes;
  guint                    last_position, last_removed, last_added;
} Fixture;

static ScraperPosting *
make_posting (const char *key,
              const char *title,
              const char *date)
{
  ScraperPosting *p = scraper_posting_new ();

  p->external_id = g_strdup (key);
  p->url = g_strdup_printf ("https://big.example/jobs/%s", key);
  p->title = g_strdup (title);
  p->company = g_strdup ("Big");
  p->date_posted = g_strdup (date);
  return p;
}

static void
sync_postings (Fixture   *f,
               GPtrArray *postings)
{
  g_autoptr(GError) error = NULL;
  ScraperSync *sync = scraper_store_begin_sync (f->store, f->source_id, &error);

  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_PARTIAL, NULL, NULL, &error));
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
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_changes++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
}

static GPtrArray *
read_page (Fixture *f,
           guint    offset,
           guint    limit)
{
  g_autoptr(GError) error = NULL;
  ScraperQuery query = f->query;
  GPtrArray *postings;

  query.offset = offset;
  query.limit = limit;
  postings = scraper_store_query_postings (f->store, &query, &error);
  g_assert_no_error (error);
  return postings;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-posting-list-model-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
  f->store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);

  source->name = g_strdup ("Big Board");
  source->url = g_strdup ("https://big.example/jobs");
  source->kind = g_strdup ("greenhouse");
  f->source_id = scraper_store_add_source (f->store, source, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_POSTINGS; i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i);
      g_autofree char *title = g_strdup_printf ("Engineer %u", i);
      g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);

      g_ptr_array_add (postings, make_posting (key, title, date));
    }
  sync_postings (f, postings);

  /* As the Jobs list asks: rows without their descriptions, newest first. */
  scraper_query_init (&f->query);
  f->query.without_descriptions = TRUE;
  f->query.sort = SCRAPER_SORT_POSTED;

  f->model = scraper_posting_list_model_new ();
  scraper_posting_list_model_set_max_pages (f->model, 3);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  first = read_page (f, 0, PAGE);
  scraper_posting_list_model_reset (f->model, f->store, &f->query, first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, PAGE);
}

/* The store's thread lets go of a finished read (and of the model it
 * holds) just after the main thread ran its callback. */
static gboolean
model_unshared (gpointer data)
{
  Fixture *f = data;

  return g_atomic_int_get ((gint *) &G_OBJECT (f->model)->ref_count) == 1;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  {
    /* Nothing wakes the main loop for that: a tick does. */
    guint tick = g_timeout_add (10, tick_cb, NULL);

    g_assert_true (ui_test_spin_until (model_unshared, f, WAIT_MS));
    g_source_remove (tick);
  }
  g_assert_finalize_object (f->model);
  g_clear_object (&f->store);
  g_unlink (f->db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* Appends the pages after the first, as scrolling to the end does, up to
 * @n_pages in all; @ids receives the posting shown at each position. */
static void
append_pages (Fixture *f,
              guint    n_pages,
              GArray  *ids)
{
  for (guint i = 0; i < PAGE; i++)
    {
      ScraperPostingObject *item = scraper_posting_list_model_peek_item (f->model, i);
      gint64 id = scraper_posting_object_get_id (item);

      g_array_append_val (ids, id);
    }
  for (guint p = 1; p < n_pages; p++)
    {
      guint offset = scraper_posting_list_model_get_next_offset (f->model);
      g_autoptr(GPtrArray) page = read_page (f, offset, PAGE);
      guint start = g_list_model_get_n_items (G_LIST_MODEL (f->model));
      guint n = scraper_posting_list_model_append_page (f->model, page, offset);

      for (guint i = 0; i < n; i++)
        {
          ScraperPostingObject *item = scraper_posting_list_model_peek_item (f->model, start + i);
          gint64 id = scraper_posting_object_get_id (item);

          g_array_append_val (ids, id);
        }
      /* Never more than the budget in memory. */
      g_assert_cmpuint (scraper_posting_list_model_get_n_loaded_pages (f->model), <=, 3);
    }
}

static gboolean
reads_done (gpointer data)
{
  Fixture *f = data;

  return scraper_posting_list_model_get_n_reads (f->model) == 0;
}

/* Asks for @position as the list does: a dropped page gives a placeholder
 * and is read again; returns the item once its page is back. */
static ScraperPostingObject *
get_item_read (Fixture *f,
               guint    position)
{
  g_autoptr(ScraperPostingObject) first = g_list_model_get_item (G_LIST_MODEL (f->model), position);

  if (scraper_posting_list_model_is_placeholder (first))
    {
      g_assert_cmpuint (scraper_posting_list_model_get_n_reads (f->model), ==, 1);
      g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
    }
  return g_list_model_get_item (G_LIST_MODEL (f->model), position);
}

static void
assert_page_is (Fixture *f,
                guint    start,
                guint    n,
                GArray  *ids)
{
  for (guint i = start; i < start + n; i++)
    {
      g_autoptr(ScraperPostingObject) item = get_item_read (f, i);

      g_assert_false (scraper_posting_list_model_is_placeholder (item));
      g_assert_cmpint (scraper_posting_object_get_id (item), ==, g_array_index (ids, gint64, i));
    }
}

/* The whole list, in memory a few pages at a time, is the query's order;
 * the first and the last page, far apart, come back the same. */
static void
test_pages_far_apart_read_again_in_same_order (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) all = read_page (f, 0, 0);
  g_autoptr(ScraperPostingObject) placeholder = NULL;

  append_pages (f, N_POSTINGS / PAGE, ids);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_POSTINGS);
  g_assert_cmpuint (all->len, ==, N_POSTINGS);
  for (guint i = 0; i < N_POSTINGS; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, ((ScraperPosting *) all->pdata[i])->id);

  /* The first page was dropped: a placeholder, then the page again, said
   * with one change of exactly its rows. */
  g_assert_null (scraper_posting_list_model_peek_item (f->model, 0));
  placeholder = g_list_model_get_item (G_LIST_MODEL (f->model), 42);
  g_assert_true (scraper_posting_list_model_is_placeholder (placeholder));
  f->n_changes = 0;
  g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, PAGE);
  g_assert_cmpuint (f->last_added, ==, PAGE);
  assert_page_is (f, 0, PAGE, ids);

  /* Far from it, the last page and one in the middle; then the first again. */
  assert_page_is (f, N_POSTINGS - PAGE, PAGE, ids);
  assert_page_is (f, 1000, PAGE, ids);
  assert_page_is (f, 0, PAGE, ids);
  g_assert_cmpuint (scraper_posting_list_model_get_n_loaded_pages (f->model), <=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_POSTINGS);

  /* Past the end: nothing, and nothing read. */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->model), N_POSTINGS));
  g_assert_cmpuint (scraper_posting_list_model_get_n_reads (f->model), ==, 0);
}

/* A row shown (its item held by the list or the details) keeps its item:
 * its page is not dropped however far the list goes, and a star set on it
 * is found by id. */
static void
test_held_items_stay (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ScraperPostingObject *held = g_list_model_get_item (G_LIST_MODEL (f->model), 7);
  gint64 id = scraper_posting_object_get_id (held);

  append_pages (f, 10, ids);
  g_assert_true (scraper_posting_list_model_peek_item (f->model, 7) == held);
  g_assert_true (scraper_posting_list_model_find_loaded (f->model, id) == held);
  {
    g_autoptr(ScraperPostingObject) again = g_list_model_get_item (G_LIST_MODEL (f->model), 7);

    g_assert_true (again == held);
  }
  g_assert_cmpuint (scraper_posting_list_model_get_n_reads (f->model), ==, 0);

  /* Let go, the pages after it drop it (it was asked last: the three
   * next ones). */
  g_object_unref (held);
  for (guint p = 0; p < 3; p++)
    {
      guint offset = scraper_posting_list_model_get_next_offset (f->model);
      g_autoptr(GPtrArray) page = read_page (f, offset, PAGE);

      scraper_posting_list_model_append_page (f->model, page, offset);
    }
  g_assert_null (scraper_posting_list_model_peek_item (f->model, 7));
  g_assert_null (scraper_posting_list_model_find_loaded (f->model, id));
}

/* The user types while a dropped page is being read: the read is for the
 * old query, and what it brings back changes nothing. */
static void
test_reload_while_pages_in_flight (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ScraperPostingObject) placeholder = NULL;
  g_autoptr(GPtrArray) found = NULL;
  ScraperQuery query = f->query;

  append_pages (f, 10, ids);
  placeholder = g_list_model_get_item (G_LIST_MODEL (f->model), 150);
  g_assert_true (scraper_posting_list_model_is_placeholder (placeholder));
  g_assert_cmpuint (scraper_posting_list_model_get_n_reads (f->model), ==, 1);

  query.search = "1999";
  query.limit = PAGE;
  found = scraper_store_query_postings (f->store, &query, NULL);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  scraper_posting_list_model_reset (f->model, f->store, &query, found);
  f->n_changes = 0;
  g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
  ui_test_spin (50);

  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  {
    g_autoptr(ScraperPostingObject) item = g_list_model_get_item (G_LIST_MODEL (f->model), 0);

    g_assert_cmpstr (scraper_posting_object_get_posting (item)->title, ==, "Engineer 1999");
  }
}

/* A search started (the list about to change): the reads of the query
 * shown stop, and none starts until the new query's first page lands. */
static void
test_cancel_stops_reads (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ScraperPostingObject) placeholder = NULL;
  g_autoptr(ScraperPostingObject) other = NULL;

  append_pages (f, 10, ids);
  placeholder = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  g_assert_true (scraper_posting_list_model_is_placeholder (placeholder));
  scraper_posting_list_model_cancel_reads (f->model);
  f->n_changes = 0;
  g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
  ui_test_spin (50);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_true (scraper_posting_list_model_peek_item (f->model, 0) == placeholder);

  other = g_list_model_get_item (G_LIST_MODEL (f->model), 250);
  g_assert_true (scraper_posting_list_model_is_placeholder (other));
  g_assert_cmpuint (scraper_posting_list_model_get_n_reads (f->model), ==, 0);
}

/* A posting deleted after its page was dropped: read again, the page no
 * longer has it, the next posting moves up, and the order holds. */
static void
test_posting_deleted_between_pages (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  gint64 deleted;

  append_pages (f, 10, ids);
  deleted = g_array_index (ids, gint64, 120);
  g_assert_null (scraper_posting_list_model_peek_item (f->model, 120));
  sql = g_strdup_printf ("DELETE FROM postings WHERE id = %" G_GINT64_FORMAT, deleted);
  exec_sql (f, sql);

  for (guint i = 100; i < 200; i++)
    {
      g_autoptr(ScraperPostingObject) item = get_item_read (f, i);
      gint64 expect = g_array_index (ids, gint64, i < 120 ? i : i + 1);

      g_assert_cmpint (scraper_posting_object_get_id (item), !=, deleted);
      g_assert_cmpint (scraper_posting_object_get_id (item), ==, expect);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 10 * PAGE);
}

/* The postings of the last page all deleted while it was dropped: read
 * again it is empty, and the list ends before it. */
static void
test_last_page_emptied (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ScraperPostingObject) placeholder = NULL;
  g_autoptr(GPtrArray) all = read_page (f, 0, 0);
  g_autoptr(GString) sql = g_string_new ("DELETE FROM postings WHERE id IN (0");

  append_pages (f, N_POSTINGS / PAGE, ids);
  for (guint i = N_POSTINGS - PAGE - 10; i < N_POSTINGS; i++)
    g_string_append_printf (sql, ", %" G_GINT64_FORMAT, ((ScraperPosting *) all->pdata[i])->id);
  g_string_append (sql, ")");
  /* The last page is dropped first: ask for the first ones. */
  assert_page_is (f, 0, PAGE, ids);
  assert_page_is (f, PAGE, PAGE, ids);
  assert_page_is (f, 2 * PAGE, PAGE, ids);
  assert_page_is (f, 3 * PAGE, PAGE, ids);
  g_assert_null (scraper_posting_list_model_peek_item (f->model, N_POSTINGS - 1));
  exec_sql (f, sql->str);

  placeholder = g_list_model_get_item (G_LIST_MODEL (f->model), N_POSTINGS - 1);
  g_assert_true (scraper_posting_list_model_is_placeholder (placeholder));
  f->n_changes = 0;
  g_assert_true (ui_test_spin_until (reads_done, f, WAIT_MS));
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, N_POSTINGS - PAGE);
  g_assert_cmpuint (f->last_removed, ==, PAGE);
  g_assert_cmpuint (f->last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_POSTINGS - PAGE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->model), N_POSTINGS - PAGE));
}

/* A newer posting stored between two reads shifts the next page by one:
 * the posting already shown is left out, and left out again when the
 * page is read back. */
static void
test_posting_stored_between_pages (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GPtrArray) page = NULL;
  /* Reserved: the hash table keys point into it. */
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2 * PAGE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint offset;

  g_ptr_array_add (newer, make_posting ("new", "Newest Engineer", "2027-01-01"));
  sync_postings (f, newer);

  offset = scraper_posting_list_model_get_next_offset (f->model);
  page = read_page (f, offset, PAGE);
  g_assert_cmpuint (scraper_posting_list_model_append_page (f->model, page, offset), ==, PAGE - 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 2 * PAGE - 1);
  for (guint i = 0; i < 2 * PAGE - 1; i++)
    {
      gint64 id = scraper_posting_object_get_id (scraper_posting_list_model_peek_item (f->model, i));

      g_array_append_val (ids, id);
      g_assert_true (g_hash_table_add (seen, &g_array_index (ids, gint64, i)));
    }

  /* Drop both (pages further on), read the second back. */
  for (guint p = 0; p < 4; p++)
    {
      guint next = scraper_posting_list_model_get_next_offset (f->model);
      g_autoptr(GPtrArray) rows = read_page (f, next, PAGE);

      scraper_posting_list_model_append_page (f->model, rows, next);
    }
  g_assert_null (scraper_posting_list_model_peek_item (f->model, PAGE));
  assert_page_is (f, PAGE, PAGE - 1, ids);
}

/* What a list view keeps: the model's items, changed as each
 * "items-changed" says, read while it is announced. */
static void
on_items_changed_mirror (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint k = 0; k < added; k++)
    g_ptr_array_insert (mirror, position + k, g_list_model_get_item (model, position + k));
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
}

/* A scrape's batch lands: newer postings come above the rows shown and
 * one changes.  The list changes only there: the other rows keep their
 * items (a list view does not rebuild them), moved down, and a mirror
 * changed as each change says ends with the store's first page. */
static void
test_batch_lands_rows_kept (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) first = NULL;
  g_autofree char *sql = NULL;
  gint64 changed_id;
  guint n_changes;

  for (guint i = 0; i < PAGE; i++)
    {
      g_ptr_array_add (mirror, g_list_model_get_item (G_LIST_MODEL (f->model), i));
      g_ptr_array_add (before, g_list_model_get_item (G_LIST_MODEL (f->model), i));
    }
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed_mirror), mirror);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("new-%u", i);

      g_ptr_array_add (newer, make_posting (key, "Newest Engineer", "2027-01-01"));
    }
  sync_postings (f, newer);
  /* The tenth row is starred meanwhile: its row shows something else. */
  changed_id = scraper_posting_object_get_id (before->pdata[10]);
  sql = g_strdup_printf ("UPDATE postings SET favorite = 1 WHERE id = %" G_GINT64_FORMAT, changed_id);
  exec_sql (f, sql);

  n_changes = f->n_changes;
  first = read_page (f, 0, PAGE);
  scraper_posting_list_model_reset (f->model, f->store, &f->query, first);

  /* Three in at the top, the starred one replaced, three out at the end. */
  g_assert_cmpuint (f->n_changes - n_changes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, PAGE);
  g_assert_cmpuint (mirror->len, ==, PAGE);
  for (guint i = 0; i < PAGE; i++)
    {
      ScraperPosting *read = g_ptr_array_index (first, i);

      g_assert_cmpint (scraper_posting_object_get_id (mirror->pdata[i]), ==, read->id);
      g_assert_true (scraper_posting_list_model_peek_item (f->model, i) == mirror->pdata[i]);
    }
  for (guint i = 0; i + 3 < PAGE; i++)
    {
      if (i == 10)
        g_assert_true (mirror->pdata[i + 3] != before->pdata[i]);
      else
        g_assert_true (mirror->pdata[i + 3] == before->pdata[i]);
    }
  g_signal_handlers_disconnect_by_func (f->model, on_items_changed_mirror, mirror);
}

/* Reordered beyond a few changes (another sort): one change, and the
 * mirror still ends right. */
static void
test_reorder_one_change (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) first = NULL;
  ScraperQuery query = f->query;
  guint n_changes;

  for (guint i = 0; i < PAGE; i++)
    g_ptr_array_add (mirror, g_list_model_get_item (G_LIST_MODEL (f->model), i));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed_mirror), mirror);

  query.sort = SCRAPER_SORT_TITLE;
  query.offset = 0;
  query.limit = PAGE;
  {
    g_autoptr(GError) error = NULL;

    first = scraper_store_query_postings (f->store, &query, &error);
    g_assert_no_error (error);
  }
  n_changes = f->n_changes;
  scraper_posting_list_model_reset (f->model, f->store, &query, first);
  g_assert_cmpuint (f->n_changes - n_changes, >=, 1);
  g_assert_cmpuint (f->n_changes - n_changes, <=, 16);
  for (guint i = 0; i < PAGE; i++)
    g_assert_cmpint (scraper_posting_object_get_id (mirror->pdata[i]), ==,
                     ((ScraperPosting *) g_ptr_array_index (first, i))->id);
  g_signal_handlers_disconnect_by_func (f->model, on_items_changed_mirror, mirror);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/posting-list-model/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pages-far-apart-read-again-in-same-order", test_pages_far_apart_read_again_in_same_order);
  ADD ("held-items-stay", test_held_items_stay);
  ADD ("hostile/reload-while-pages-in-flight", test_reload_while_pages_in_flight);
  ADD ("hostile/cancel-stops-reads", test_cancel_stops_reads);
  ADD ("hostile/posting-deleted-between-pages", test_posting_deleted_between_pages);
  ADD ("hostile/last-page-emptied", test_last_page_emptied);
  ADD ("hostile/posting-stored-between-pages", test_posting_stored_between_pages);
  ADD ("batch-lands-rows-kept", test_batch_lands_rows_kept);
  ADD ("reorder-one-change", test_reorder_one_change);
#undef ADD

  return g_test_run ();
}
