/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "scraper-store-private.h"
#include "store-test-sql.h"

/* The search index of unarchived postings (schema 9): the migration that
 * builds it from a version 8 file, the triggers that keep it as postings
 * are stored, archived, unarchived, edited and deleted (through the store
 * and by another program's raw SQL), and the pages the default view reads
 * from it, which must be those the whole index gives; and the pages with
 * the archived shown, read as a merge of the two. */

typedef struct {
  char         *dir;
  char         *path;
  ScraperStore *store;
  gint64        source;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = store_test_open_tmp (&f->dir, &f->path);
  f->source = add_test_source (f->store, "Acme board", "https://boards.example/acme");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_test_remove_tmp (&f->store, &f->dir, &f->path);
}

/* The rowids @sql returns for @word, ascending. */
static GArray *
ids_for (const char *path,
         const char *sql,
         const char *word)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
assert_ids_equal (GArray     *got,
                  GArray     *want,
                  const char *what)
{
  if (got->len != want->len ||
      (got->len > 0 && memcmp (got->data, want->data, got->len * sizeof (gint64)) != 0))
    {
      g_autoptr(GString) msg = g_string_new (what);

      g_string_append (msg, ": got");
      for (guint i = 0; i < got->len; i++)
        g_string_append_printf (msg, " %" G_GINT64_FORMAT, g_array_index (got, gint64, i));
      g_string_append (msg, "; want");
      for (guint i = 0; i < want->len; i++)
        g_string_append_printf (msg, " %" G_GINT64_FORMAT, g_array_index (want, gint64, i));
      g_error ("%s", msg->str);
    }
}

static int
cmp_id (gconstpointer a,
        gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* The index of unarchived postings holds exactly the unarchived postings
 * the whole index finds, for each of @words (searched as typed: the last
 * word a prefix), and FTS5 finds it consistent. */
static void
assert_live_right (const char         *path,
                   const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *match = store_build_match_expression (words[i]);
      g_autoptr(GArray) live = ids_for (path, "SELECT rowid FROM postings_fts_live "
                                        "WHERE postings_fts_live MATCH ?1 ORDER BY rowid", match);
      g_autoptr(GArray) all = ids_for (path, "SELECT p.id FROM postings_fts f JOIN postings p "
                                       "ON p.id = f.rowid WHERE postings_fts MATCH ?1 "
                                       "AND p.archived = 0 ORDER BY p.id", match);

      assert_ids_equal (live, all, words[i]);
    }
  test_exec_sql (path, "INSERT INTO postings_fts_live(postings_fts_live) VALUES ('integrity-check');");
}

static GArray *
live_ids (const char *path,
          const char *word)
{
  g_autofree char *match = store_build_match_expression (word);

  return ids_for (path, "SELECT rowid FROM postings_fts_live WHERE postings_fts_live MATCH ?1 "
                  "ORDER BY rowid", match);
}

static gint64
id_of (const char *path,
       const char *external_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM postings WHERE external_id = '%s'", external_id);

  return test_query_int (path, sql);
}

static void
assert_live_finds (const char         *path,
                   const char         *word,
                   const char * const *external_ids)
{
  g_autoptr(GArray) got = live_ids (path, word);
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; external_ids[i] != NULL; i++)
    {
      gint64 id = id_of (path, external_ids[i]);
      g_array_append_val (want, id);
    }
  g_array_sort (want, cmp_id);
  assert_ids_equal (got, want, word);
}

static GArray *
page_ids (ScraperStore       *store,
          const ScraperQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = scraper_store_query_postings (store, query, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      ScraperPosting *p = page->pdata[i];

      g_array_append_val (ids, p->id);
    }
  return ids;
}

/* What the default view shows for @search in @sort (in pages of @limit,
 * 0 for one), against what the whole index gives with the archived
 * postings taken out: the same postings in the same order. */
static void
assert_pages_match_whole_index (ScraperStore   *store,
                                const char     *search,
                                ScraperSortKey  sort,
                                gboolean        remote_only,
                                guint           limit)
{
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("“%s” sort %d remote %d limit %u", search, sort, remote_only, limit);
  ScraperQuery query;

  scraper_query_init (&query);
  query.search = search;
  query.sort = sort;
  query.remote_only = remote_only;
  query.show_archived = TRUE;
  all = scraper_store_query_postings (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      ScraperPosting *p = all->pdata[i];

      if (!p->archived)
        g_array_append_val (want, p->id);
    }

  query.show_archived = FALSE;
  query.limit = limit;
  for (query.offset = 0; ; query.offset += limit)
    {
      g_autoptr(GArray) page = page_ids (store, &query);

      g_array_append_vals (got, page->data, page->len);
      if (limit == 0 || page->len < limit)
        break;
      /* Pages that never end are more than there are. */
      g_assert_cmpuint (got->len, <=, want->len);
    }

  if (sort == SCRAPER_SORT_RELEVANCE)
    {
      /* Ranked over other postings, ties may fall otherwise: the same
       * postings. */
      g_array_sort (want, cmp_id);
      g_array_sort (got, cmp_id);
    }
  assert_ids_equal (got, want, what);
  g_assert_cmpuint (scraper_store_count_postings (store, &query, &error), ==, want->len);
  g_assert_no_error (error);
}

/* Every order the Jobs view offers. */
static const ScraperSortKey sorts[] = {
  SCRAPER_SORT_POSTED, SCRAPER_SORT_SALARY, SCRAPER_SORT_COMPANY, SCRAPER_SORT_TITLE,
  SCRAPER_SORT_FIRST_SEEN, SCRAPER_SORT_RELEVANCE,
};

static ScraperPosting *
posting (const char *external_id,
         const char *title,
         const char *description)
{
  return make_posting (external_id, title, "Acme", "Berlin", description);
}

static void
sync_these (Fixture            *f,
            ScraperSyncOutcome  outcome,
            ...)
{
  g_autoptr(GPtrArray) postings = posting_array ();
  va_list args;

  va_start (args, outcome);
  for (ScraperPosting *p = va_arg (args, ScraperPosting *); p != NULL; p = va_arg (args, ScraperPosting *))
    g_ptr_array_add (postings, p);
  va_end (args);
  test_sync (f->store, f->source, postings, outcome);
}

static const char * const words[] = {
  "rust", "python", "zebra", "walrus", "engineer", "analyst", "acme", "berlin", "harbour",
  "r", "ru", "rus", "e", "en", "eng", "engi", "z", "w", "crates", "snakes", "deep", "the", NULL,
};

static void
test_migrate_from_v8 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *searches[] = { "rust", "engineer", "e", "ru", "eng", "the harbour", "acme b", "zebra" };

  g_assert_cmpint (scraper_store_get_schema_version (), ==, 10);
  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("1", "Rust Engineer", "Ships crates to the harbour."),
              posting ("2", "Python Engineer", "Feeds snakes in the harbour."),
              posting ("3", "Zebra Keeper", "Stripes, the harbour."),
              posting ("4", "Rust Analyst", "Reads crates."),
              posting ("5", "Deep Engineer", "The deep harbour."),
              posting ("6", "Old Rust Engineer", "Archived soon."),
              NULL);
  /* 5 and 6 not seen again: archived. */
  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("1", "Rust Engineer", "Ships crates to the harbour."),
              posting ("2", "Python Engineer", "Feeds snakes in the harbour."),
              posting ("3", "Zebra Keeper", "Stripes, the harbour."),
              posting ("4", "Rust Analyst", "Reads crates."),
              NULL);
  g_clear_object (&f->store);

  /* Version 8, then what a version 8 app does: archive one more, retitle
   * one (its own index kept by its own triggers). */
  test_exec_sql (f->path, STORE_TEST_UNDO_V9 "PRAGMA user_version = 8;");
  test_exec_sql (f->path, "UPDATE postings SET archived = 1 WHERE external_id = '4';"
                 "UPDATE postings SET title = 'Walrus Engineer' WHERE external_id = '2';");

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->path, "PRAGMA user_version"), ==, 10);
  assert_live_right (f->path, words);
  assert_live_finds (f->path, "rust", (const char * const[]) { "1", NULL });
  assert_live_finds (f->path, "walrus", (const char * const[]) { "2", NULL });
  assert_live_finds (f->path, "python", (const char * const[]) { NULL });
  assert_live_finds (f->path, "harbour", (const char * const[]) { "1", "2", "3", NULL });

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint w = 0; w < G_N_ELEMENTS (searches); w++)
      assert_pages_match_whole_index (f->store, searches[w], sorts[s], FALSE, 0);
}

/* Through the store: a posting leaves the index when a complete run no
 * longer sees it, comes back when it is seen again (with what changed
 * meanwhile), follows edits of its title and description, and leaves
 * with its source. */
static void
test_archive_unarchive_edit_delete (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("a", "Rust Engineer", "Crates."),
              posting ("b", "Rust Analyst", "Crates and the harbour."),
              posting ("c", "Zebra Keeper", "Stripes."),
              NULL);
  assert_live_finds (f->path, "rust", (const char * const[]) { "a", "b", NULL });
  assert_live_right (f->path, words);

  sync_these (f, SCRAPER_SYNC_COMPLETE, posting ("a", "Rust Engineer", "Crates."), NULL);
  assert_live_finds (f->path, "rust", (const char * const[]) { "a", NULL });
  assert_live_finds (f->path, "z", (const char * const[]) { NULL });
  assert_live_right (f->path, words);

  /* Back, with a new title and a new description in the same run. */
  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("a", "Rust Engineer", "Crates."),
              posting ("b", "Walrus Analyst", "Deep water."),
              NULL);
  assert_live_finds (f->path, "rust", (const char * const[]) { "a", NULL });
  assert_live_finds (f->path, "walrus", (const char * const[]) { "b", NULL });
  assert_live_finds (f->path, "deep", (const char * const[]) { "b", NULL });
  assert_live_finds (f->path, "harbour", (const char * const[]) { NULL });
  assert_live_right (f->path, words);

  /* Edited while unarchived: only the description. */
  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("a", "Rust Engineer", "The harbour."),
              posting ("b", "Walrus Analyst", "Deep water."),
              NULL);
  assert_live_finds (f->path, "crates", (const char * const[]) { NULL });
  assert_live_finds (f->path, "harbour", (const char * const[]) { "a", NULL });
  assert_live_right (f->path, words);

  /* A favorite outlives its source, archived; the others are deleted. */
  g_assert_true (scraper_store_set_favorite (f->store, id_of (f->path, "b"), TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_store_remove_source (f->store, f->source, &error));
  g_assert_no_error (error);
  assert_live_finds (f->path, "e", (const char * const[]) { NULL });
  assert_live_right (f->path, words);
}

/* Another program's raw SQL (the triggers are in the file): changes of
 * the texts and the archived flag in one statement, flags other than 0
 * and 1, deletes of archived and unarchived postings, edits of an
 * archived posting before it comes back, no-op updates and NULL titles. */
static void
test_hostile_raw_updates (Fixture       *f,
                          gconstpointer  data)
{
  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("1", "Rust Engineer", "Crates."),
              posting ("2", "Python Engineer", "Snakes."),
              posting ("3", "Zebra Keeper", "Stripes."),
              posting ("4", "Rust Analyst", "The harbour."),
              posting ("5", "Deep Engineer", "Water."),
              NULL);

  test_exec_sql (f->path, "UPDATE postings SET archived = 1, title = 'Walrus Keeper' WHERE external_id = '1';");
  assert_live_finds (f->path, "rust", (const char * const[]) { "4", NULL });
  assert_live_finds (f->path, "walrus", (const char * const[]) { NULL });
  assert_live_right (f->path, words);

  test_exec_sql (f->path, "UPDATE postings SET archived = 0, title = 'Zebra Engineer' WHERE external_id = '1';");
  assert_live_finds (f->path, "zebra", (const char * const[]) { "1", "3", NULL });
  assert_live_finds (f->path, "walrus", (const char * const[]) { NULL });
  assert_live_right (f->path, words);

  test_exec_sql (f->path, "UPDATE postings SET archived = 2 WHERE external_id = '2';");
  assert_live_finds (f->path, "python", (const char * const[]) { NULL });
  test_exec_sql (f->path, "UPDATE postings SET archived = 1 WHERE external_id = '2';"
                 "UPDATE posting_texts SET description_text = 'Deep snakes.' "
                 "  WHERE id = (SELECT id FROM postings WHERE external_id = '2');"
                 "UPDATE postings SET locations = '[\"Harbour\"]' WHERE external_id = '2';");
  assert_live_finds (f->path, "deep", (const char * const[]) { "5", NULL });
  test_exec_sql (f->path, "UPDATE postings SET archived = 0 WHERE external_id = '2';");
  assert_live_finds (f->path, "deep", (const char * const[]) { "2", "5", NULL });
  assert_live_finds (f->path, "harbour", (const char * const[]) { "2", "4", NULL });
  assert_live_right (f->path, words);

  test_exec_sql (f->path, "UPDATE postings SET title = title, archived = archived;"
                 "UPDATE postings SET title = NULL WHERE external_id = '3';"
                 "UPDATE postings SET company = 'Harbour Ltd' WHERE external_id = '3';");
  assert_live_finds (f->path, "zebra", (const char * const[]) { "1", NULL });
  assert_live_finds (f->path, "harbour", (const char * const[]) { "2", "3", "4", NULL });
  assert_live_right (f->path, words);

  test_exec_sql (f->path, "UPDATE postings SET archived = 1 WHERE external_id = '4';"
                 "DELETE FROM postings WHERE external_id IN ('4', '5');");
  assert_live_finds (f->path, "rust", (const char * const[]) { NULL });
  assert_live_finds (f->path, "deep", (const char * const[]) { "2", NULL });
  assert_live_right (f->path, words);
}

/* A version 8 file with an index of that name left behind (without its
 * triggers, out of step): the migration builds it again from the
 * postings. */
static void
test_migrate_rebuilds_stale_index (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("1", "Rust Engineer", "Crates."),
              posting ("2", "Python Engineer", "Snakes."),
              NULL);
  g_clear_object (&f->store);
  test_exec_sql (f->path,
                 "DROP TRIGGER posting_texts_fts_live_insert;"
                 "DROP TRIGGER posting_texts_fts_live_update;"
                 "DROP TRIGGER postings_fts_live_update;"
                 "DROP TRIGGER postings_fts_live_delete;"
                 "INSERT INTO postings_fts_live(rowid, title) VALUES (999, 'Ghost Walrus');"
                 "UPDATE postings SET archived = 1 WHERE external_id = '2';"
                 "PRAGMA user_version = 8;");

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_live_finds (f->path, "walrus", (const char * const[]) { NULL });
  assert_live_finds (f->path, "engineer", (const char * const[]) { "1", NULL });
  assert_live_right (f->path, words);
}

/* Version 9 had no index of the sort keys by id: opening adds it, and a
 * search in each order reads the same pages through it as a sort of the
 * matches written out in SQL. */
static void
test_migrate_from_v9 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ScraperQuery query;

  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("1", "Rust Engineer", "Ships crates."),
              posting ("2", "rust analyst", "Reads crates."),
              posting ("3", "Zebra Keeper", "No crates."),
              posting ("4", "Archived Rust", "Old crates."),
              NULL);
  sync_these (f, SCRAPER_SYNC_COMPLETE,
              posting ("1", "Rust Engineer", "Ships crates."),
              posting ("2", "rust analyst", "Reads crates."),
              posting ("3", "Zebra Keeper", "No crates."),
              NULL);
  g_clear_object (&f->store);
  test_exec_sql (f->path, STORE_TEST_UNDO_V10 "PRAGMA user_version = 9;");
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM sqlite_master "
                                   "WHERE name = 'postings_by_id_keys'"), ==, 0);

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->path, "PRAGMA user_version"), ==, 10);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM sqlite_master "
                                   "WHERE name = 'postings_by_id_keys'"), ==, 1);

  scraper_query_init (&query);
  query.search = "crates";
  query.sort = SCRAPER_SORT_TITLE;
  for (int archived = 0; archived <= 1; archived++)
    {
      g_autoptr(GArray) want = ids_for (f->path, archived
                                        ? "SELECT id FROM postings ORDER BY title COLLATE NOCASE"
                                        : "SELECT id FROM postings WHERE archived = 0 "
                                          "ORDER BY title COLLATE NOCASE", NULL);
      g_autoptr(GArray) got = NULL;

      query.show_archived = archived;
      got = page_ids (f->store, &query);
      g_assert_cmpuint (want->len, ==, archived ? 4 : 3);
      assert_ids_equal (got, want, archived ? "archived shown" : "default view");
    }
}

/* Enough matches that a page walks the order's index (more than the
 * store looks up and sorts), and few: page after page, each sort, with
 * and without a filter, the same postings in the same order as the whole
 * index gives; prefixes of one to five letters. */
static void
test_walk_and_joined_pages (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) postings = posting_array ();
  const char *searches[] = {
    "common", "c", "co", "com", "comm", "third", "rare", "nothingmatches", "common thi",
  };

  for (guint i = 0; i < 2600; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i);
      g_autofree char *title = g_strdup_printf ("%s %c%u", i % 3 == 0 ? "Third" : "Engineer",
                                                'a' + (i * 7) % 26, i % 5);
      g_autofree char *company = g_strdup_printf ("Company %u", (i * 13) % 40);
      g_autofree char *text = g_strdup_printf ("common words%s", i == 1234 ? " rare" : "");
      ScraperPosting *p = make_posting (ext, title, company, "Berlin", text);

      p->date_posted = g_strdup_printf ("2026-%02u-%02u", 1 + (i * 5) % 12, 1 + (i * 11) % 28);
      if (i % 4 != 0)
        p->annual_max = p->annual_min = 40000 + (i * 7919) % 90000;
      p->remote = i % 2 ? SCRAPER_REMOTE_REMOTE : SCRAPER_REMOTE_ONSITE;
      g_ptr_array_add (postings, p);
    }
  test_sync (f->store, f->source, postings, SCRAPER_SYNC_COMPLETE);

  /* The store's own measure (here: every page sorted), then a small one
   * (every search with more than 100 matches walks), then walks that give
   * way to the sort after one posting walked per match ("third" by title
   * walks the 1733 engineers first). */
  for (guint round = 0; round < 3; round++)
    {
      store_set_joined_max_for_testing (round == 0 ? 0 : 100);
      store_set_walk_per_match_for_testing (round == 2 ? 1 : 0);
      for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
        for (guint w = 0; w < G_N_ELEMENTS (searches); w++)
          {
            assert_pages_match_whole_index (f->store, searches[w], sorts[s], FALSE, 700);
            assert_pages_match_whole_index (f->store, searches[w], sorts[s], TRUE, 0);
            if (round == 0)
              continue;
            assert_pages_match_whole_index (f->store, searches[w], sorts[s], FALSE, 97);
            assert_pages_match_whole_index (f->store, searches[w], sorts[s], TRUE, 300);
          }
    }
  store_set_joined_max_for_testing (0);
  store_set_walk_per_match_for_testing (0);
}

/* Best Match orders as FTS5's bm25() with the columns' weights does, in
 * the default view and with the archived postings shown: scraper_rank()
 * leaves out the document frequency of a single phrase (one factor for
 * every row) and weighs several phrases by theirs. */
static void
assert_order_is_bm25 (ScraperStore *store,
                      const char   *path,
                      const char   *search,
                      gboolean      show_archived)
{
  g_autofree char *match = store_build_match_expression (search);
  const char *table = show_archived ? "postings_fts" : "postings_fts_live";
  g_autofree char *sql = g_strdup_printf ("SELECT f.rowid FROM %s f JOIN postings p ON p.id = f.rowid "
                                          "WHERE %s MATCH ?1 ORDER BY bm25(%s, 10.0, 5.0, 3.0, 1.0), "
                                          "f.rowid DESC", table, table, table);
  g_autoptr(GArray) want = ids_for (path, sql, match);
  ScraperQuery query = { 0, };
  g_autofree char *what = g_strdup_printf ("“%s”%s", search, show_archived ? ", archived shown" : "");

  query.search = (char *) search;
  query.sort = SCRAPER_SORT_RELEVANCE;
  query.show_archived = show_archived;
  query.without_descriptions = TRUE;

  g_assert_cmpuint (want->len, >, 3);
  {
    g_autoptr(GArray) got = page_ids (store, &query);
    assert_ids_equal (got, want, what);
  }
  /* A page inside: the same stretch of the same order. */
  query.offset = 2;
  query.limit = 3;
  {
    g_autoptr(GArray) got = page_ids (store, &query);
    g_autoptr(GArray) part = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_vals (part, &g_array_index (want, gint64, 2), MIN (3, want->len - 2));
    assert_ids_equal (got, part, what);
  }
}

static void
test_best_match_is_bm25 (Fixture       *f,
                         gconstpointer  data)
{
  const char *searches[] = { "harbour", "harb", "rust", "the", "rust harbour", "the harbour crates", "acme ru" };
  g_autoptr(GPtrArray) first = posting_array ();
  g_autoptr(GPtrArray) second = posting_array ();

  /* Forty postings: "harbour" 1 to 5 times in descriptions 3 to 21 words
   * long, in some titles too; "rust" in a few; the last ten archived. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GString) text = g_string_new ("the");
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *title = g_strdup_printf ("%s %s Engineer %u", i % 7 == 0 ? "Harbour" : "Quay",
                                                i % 5 == 0 ? "Rust" : "Python", i);
      ScraperPosting *p;

      for (guint j = 0; j <= i % 5; j++)
        g_string_append (text, " harbour");
      for (guint j = 0; j < (i % 7) * 3; j++)
        g_string_append (text, " crates");
      if (i % 3 == 0)
        g_string_append (text, " rust");
      p = posting (id, title, text->str);
      g_ptr_array_add (first, scraper_posting_ref (p));
      if (i < 30)
        g_ptr_array_add (second, scraper_posting_ref (p));
      scraper_posting_unref (p);
    }
  test_sync (f->store, f->source, first, SCRAPER_SYNC_COMPLETE);
  test_sync (f->store, f->source, second, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM postings WHERE archived = 1"), ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      assert_order_is_bm25 (f->store, f->path, searches[i], FALSE);
      assert_order_is_bm25 (f->store, f->path, searches[i], TRUE);
    }
}

/* Pages with the archived shown are the unarchived and the archived read
 * apart, each from an index of the order, and merged (with a search, that
 * merge is walked and the matches probed, or the matches sorted): the
 * same postings in the same order as one sort of all of them (written out
 * in SQL; with a search, the store's own sort of every match), in every
 * sort, with and without a search and filters, over ties, missing values
 * and letters of both cases. */
static void
test_archived_shown_pages (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) postings = posting_array ();
  const char *titles[] = { "Engineer", "engineer", "Analyst", "ZOO keeper", "analyst" };
  const char *companies[] = { "acme", "Acme", "Bolt", "bolt", "Zed" };
  const char *searches[] = { NULL, "words", "com", "rare", "rare common", "nothingmatches" };
  /* The orders, and below what the filters mean, as SQL of their own. */
  const char *order_sql[] = {
    [SCRAPER_SORT_POSTED] = "coalesce(p.date_posted, date(p.first_seen, 'unixepoch')) DESC, p.id DESC",
    [SCRAPER_SORT_SALARY] = ("coalesce(p.annual_max, p.annual_min) IS NOT NULL DESC, "
                             "coalesce(p.annual_max, p.annual_min) DESC, p.id DESC"),
    [SCRAPER_SORT_RELEVANCE] = "p.relevance IS NULL, p.relevance DESC, p.id DESC",
    [SCRAPER_SORT_COMPANY] = "p.company IS NULL, p.company COLLATE NOCASE, p.title COLLATE NOCASE, p.id",
    [SCRAPER_SORT_TITLE] = "p.title IS NULL, p.title COLLATE NOCASE, p.company COLLATE NOCASE, p.id",
    [SCRAPER_SORT_FIRST_SEEN] = "p.first_seen DESC, p.id DESC",
  };
  gint64 other = add_test_source (f->store, "Bolt board", "https://boards.example/bolt");
  g_autoptr(GPtrArray) others = posting_array ();
  g_autofree char *by_source = g_strdup_printf ("p.source_id = %" G_GINT64_FORMAT, other);
  const char *filter_sql[] = {
    "1", "p.remote = 3", by_source, "coalesce(p.annual_max, p.annual_min) >= 42000",
    "p.duplicate_of IS NULL",
  };

  for (guint i = 0; i < 240; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i);
      ScraperPosting *p = make_posting (ext, titles[i % G_N_ELEMENTS (titles)],
                                        companies[(i / 3) % G_N_ELEMENTS (companies)],
                                        "Berlin", i % 9 == 0 ? "rare words" : "common words");

      if (i % 6 != 0)
        p->date_posted = g_strdup_printf ("2026-%02u-%02u", 1 + (i * 5) % 3, 1 + (i * 11) % 4);
      if (i % 4 != 0)
        p->annual_max = p->annual_min = 40000 + (i * 7919) % 5 * 1000;
      p->remote = i % 2 ? SCRAPER_REMOTE_REMOTE : SCRAPER_REMOTE_ONSITE;
      g_ptr_array_add (i % 5 == 4 ? others : postings, p);
    }
  test_sync (f->store, f->source, postings, SCRAPER_SYNC_COMPLETE);
  test_sync (f->store, other, others, SCRAPER_SYNC_COMPLETE);
  /* Behind the store's back, as another program could: missing companies
   * and titles, relevance with ties and gaps, times seen with ties, and
   * two thirds archived. */
  test_exec_sql (f->path,
                 "UPDATE postings SET company = NULL WHERE id % 7 = 0;"
                 "UPDATE postings SET title = NULL WHERE id % 11 = 0;"
                 "UPDATE postings SET relevance = (id * 37 % 5) / 4.0 WHERE id % 5 <> 0;"
                 "UPDATE postings SET first_seen = 1700000000 + id * 13 % 9;"
                 "UPDATE postings SET archived = 1 WHERE id % 3 <> 0;");
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM postings WHERE archived = 1"), ==, 160);
  /* The second board repeats openings of the first. */
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM postings WHERE duplicate_of IS NOT NULL"), >, 0);

  /* The store's own measure, then every search walks, then every walk
   * gives way to the sort after one posting per match. */
  for (guint round = 0; round < 3; round++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      for (guint w = 0; w < G_N_ELEMENTS (searches); w++)
        for (guint filter = 0; filter < G_N_ELEMENTS (filter_sql); filter++)
          {
            g_autofree char *what = g_strdup_printf ("sort %d “%s” filter %u round %u", sorts[s],
                                                     searches[w] ? searches[w] : "", filter, round);
            g_autoptr(GArray) want = NULL;
            g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));
            ScraperQuery query;

            store_set_joined_max_for_testing (round == 0 ? 0 : 5);
            store_set_walk_per_match_for_testing (round == 2 ? 1 : 0);
            scraper_query_init (&query);
            query.sort = sorts[s];
            query.search = searches[w];
            query.show_archived = TRUE;
            query.remote_only = filter == 1;
            query.source_id = filter == 2 ? other : 0;
            query.min_salary = filter == 3 ? 42000 : 0;
            query.collapse_duplicates = filter == 4;
            if (searches[w] != NULL)
              want = page_ids (f->store, &query);
            else
              {
                /* One sort of all, written out. */
                g_autofree char *sql =
                  g_strdup_printf ("SELECT p.id FROM postings p WHERE %s ORDER BY %s",
                                   filter_sql[filter], order_sql[sorts[s]]);

                want = ids_for (f->path, sql, NULL);
              }
            if (searches[w] == NULL || strcmp (searches[w], "com") == 0)
              g_assert_cmpuint (want->len, >, 20);

            query.limit = 17;
            for (query.offset = 0; ; query.offset += query.limit)
              {
                g_autoptr(GArray) page = page_ids (f->store, &query);

                g_array_append_vals (got, page->data, page->len);
                if (page->len < query.limit)
                  break;
                g_assert_cmpuint (got->len, <=, want->len);
              }
            if (sorts[s] == SCRAPER_SORT_RELEVANCE && searches[w] != NULL)
              {
                /* Ranked over a bounded set of candidates: the same
                 * postings. */
                g_array_sort (want, cmp_id);
                g_array_sort (got, cmp_id);
              }
            assert_ids_equal (got, want, what);
          }
  store_set_joined_max_for_testing (0);
  store_set_walk_per_match_for_testing (0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/search-live/migrate-from-v8", test_migrate_from_v8);
  ADD ("/store/search-live/migrate-from-v9", test_migrate_from_v9);
  ADD ("/store/search-live/archive-unarchive-edit-delete", test_archive_unarchive_edit_delete);
  ADD ("/store/search-live/hostile-raw-updates", test_hostile_raw_updates);
  ADD ("/store/search-live/migrate-rebuilds-stale-index", test_migrate_rebuilds_stale_index);
  ADD ("/store/search-live/walk-and-joined-pages", test_walk_and_joined_pages);
  ADD ("/store/search-live/best-match-is-bm25", test_best_match_is_bm25);
  ADD ("/store/search-live/archived-shown-pages", test_archived_shown_pages);

  return g_test_run ();
}
