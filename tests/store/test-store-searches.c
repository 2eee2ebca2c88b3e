/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "store-test-util.h"

/* Saved searches on a real SQLite file: what is stored, what is refused,
 * and what counts as new. */

typedef struct {
  char         *dir;
  char         *path;
  ScraperStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = store_test_open_tmp (&f->dir, &f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_test_remove_tmp (&f->store, &f->dir, &f->path);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
add_search (ScraperStore *store,
            const char   *name,
            const char   *text,
            gboolean      remote_only)
{
  g_autoptr(ScraperSavedSearch) search = scraper_saved_search_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  search->name = g_strdup (name);
  search->search = g_strdup (text);
  search->remote_only = remote_only;
  id = scraper_store_add_saved_search (store, search, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (search->created, >, 0);
  g_assert_cmpint (search->last_viewed, ==, search->created);
  return id;
}

static void
sync_postings (ScraperStore       *store,
               gint64              source_id,
               GPtrArray          *postings,
               ScraperSyncOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  ScraperSync *sync = scraper_store_begin_sync (store, source_id, &error);

  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, outcome, NULL, NULL, &error));
  g_assert_no_error (error);
}

static ScraperPosting *
remote_posting (const char        *id,
                const char        *title,
                ScraperRemoteKind  remote)
{
  ScraperPosting *p = make_posting (id, title, "Acme", "Berlin", "Writes code all day.");

  p->remote = remote;
  return p;
}

static void
test_add_find_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ScraperSavedSearch) found = NULL;
  g_autoptr(ScraperSavedSearch) blank = scraper_saved_search_new ();
  g_autoptr(ScraperSavedSearch) twin = scraper_saved_search_new ();
  g_autoptr(ScraperSavedSearch) bad = scraper_saved_search_new ();
  gint64 rust, digits;

  rust = add_search (f->store, "  Rust, remote ", "  rust  ", TRUE);
  digits = add_search (f->store, "2024", NULL, FALSE);

  /* A name is required, unique whatever its case, and the filters valid. */
  blank->name = g_strdup ("   ");
  g_assert_cmpint (scraper_store_add_saved_search (f->store, blank, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  twin->name = g_strdup ("RUST, REMOTE");
  g_assert_cmpint (scraper_store_add_saved_search (f->store, twin, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);
  bad->name = g_strdup ("Bad\xff");
  g_assert_cmpint (scraper_store_add_saved_search (f->store, bad, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_free (bad->name);
  bad->name = g_strdup ("Bad");
  bad->status = 42;
  g_assert_cmpint (scraper_store_add_saved_search (f->store, bad, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Stored trimmed, listed by name. */
  list = scraper_store_list_saved_searches (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((ScraperSavedSearch *) list->pdata[0])->name, ==, "2024");
  found = g_ptr_array_index (list, 1);
  g_assert_cmpstr (found->name, ==, "Rust, remote");
  g_assert_cmpstr (found->search, ==, "rust");
  g_assert_true (found->remote_only);
  g_assert_cmpint (found->status, ==, -1);
  found = NULL;

  /* Found by id, by name in any case, and a name of digits by name. */
  found = scraper_store_find_saved_search (f->store, "rust, Remote", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, rust);
  g_clear_pointer (&found, scraper_saved_search_free);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, rust);
    found = scraper_store_find_saved_search (f->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (found->id, ==, rust);
    g_clear_pointer (&found, scraper_saved_search_free);
  }
  found = scraper_store_find_saved_search (f->store, "2024", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, digits);
  g_clear_pointer (&found, scraper_saved_search_free);
  g_assert_null (scraper_store_find_saved_search (f->store, "Go", &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removed once; the second time there is nothing to remove. */
  g_assert_true (scraper_store_remove_saved_search (f->store, rust, &error));
  g_assert_no_error (error);
  g_assert_false (scraper_store_remove_saved_search (f->store, rust, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (scraper_store_mark_saved_search_viewed (f->store, rust, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* And kept across a reopen. */
  g_clear_object (&f->store);
  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = scraper_store_list_saved_searches (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((ScraperSavedSearch *) list->pdata[0])->id, ==, digits);
}

static ScraperSavedSearch *
counted (ScraperStore *store,
         gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  ScraperSavedSearch *search = scraper_store_find_saved_search (store, key, &error);

  g_assert_no_error (error);
  g_assert_true (scraper_store_count_saved_search (store, search, &error));
  g_assert_no_error (error);
  return search;
}

static void
test_counts_and_new (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = posting_array ();
  g_autoptr(GPtrArray) second = posting_array ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ScraperSavedSearch) s = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://boards.greenhouse.io/acme");
  gint64 rust, all;

  g_ptr_array_add (first, remote_posting ("1", "Rust Engineer", SCRAPER_REMOTE_REMOTE));
  g_ptr_array_add (first, remote_posting ("2", "Rust Developer", SCRAPER_REMOTE_ONSITE));
  g_ptr_array_add (first, remote_posting ("3", "Go Engineer", SCRAPER_REMOTE_REMOTE));
  sync_postings (f->store, source, first, SCRAPER_SYNC_COMPLETE);

  rust = add_search (f->store, "Rust remote", "rust", TRUE);
  all = add_search (f->store, "Everything", NULL, FALSE);

  /* Right after saving, what matches is not new. */
  s = counted (f->store, rust);
  g_assert_cmpuint (s->n_matching, ==, 1);
  g_assert_cmpuint (s->n_new, ==, 0);
  g_clear_pointer (&s, scraper_saved_search_free);

  /* The first scrape was two minutes ago and the searches were looked at
   * a minute ago; then a scrape brings two more remote Rust postings and
   * one that does not match, and drops the Go one. */
  exec_sql (f->path, "UPDATE postings SET first_seen = first_seen - 120;"
                     "UPDATE saved_searches SET last_viewed = last_viewed - 60;");
  g_ptr_array_add (second, remote_posting ("1", "Rust Engineer", SCRAPER_REMOTE_REMOTE));
  g_ptr_array_add (second, remote_posting ("2", "Rust Developer", SCRAPER_REMOTE_ONSITE));
  g_ptr_array_add (second, remote_posting ("4", "Senior Rust Engineer", SCRAPER_REMOTE_REMOTE));
  g_ptr_array_add (second, remote_posting ("5", "Rust Tooling Engineer", SCRAPER_REMOTE_REMOTE));
  g_ptr_array_add (second, remote_posting ("6", "Office Manager", SCRAPER_REMOTE_REMOTE));
  sync_postings (f->store, source, second, SCRAPER_SYNC_COMPLETE);

  s = counted (f->store, rust);
  g_assert_cmpuint (s->n_matching, ==, 3);
  g_assert_cmpuint (s->n_new, ==, 2);
  g_clear_pointer (&s, scraper_saved_search_free);

  /* The list counts each; the archived Go posting counts nowhere. */
  list = scraper_store_list_saved_searches (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  s = g_ptr_array_steal_index (list, 0);
  g_assert_cmpint (s->id, ==, all);
  g_assert_cmpuint (s->n_matching, ==, 5);
  g_assert_cmpuint (s->n_new, ==, 3);
  g_clear_pointer (&s, scraper_saved_search_free);

  /* Looked at now: nothing is new any more, everything still matches. */
  g_assert_true (scraper_store_mark_saved_search_viewed (f->store, rust, &error));
  g_assert_no_error (error);
  s = counted (f->store, rust);
  g_assert_cmpuint (s->n_matching, ==, 3);
  g_assert_cmpuint (s->n_new, ==, 0);
}

/* A database of version 3 (before saved searches) gains them and keeps
 * everything it had. */
static void
test_migrate_from_v3 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = posting_array ();
  g_autoptr(GPtrArray) searches = NULL;
  gint64 source = add_test_source (f->store, "Acme", "https://boards.greenhouse.io/acme");
  ScraperQuery query;

  g_ptr_array_add (postings, remote_posting ("1", "Rust Engineer", SCRAPER_REMOTE_REMOTE));
  sync_postings (f->store, source, postings, SCRAPER_SYNC_COMPLETE);
  g_clear_object (&f->store);
  g_assert_cmpint (scraper_store_get_schema_version (), ==, 10);
  exec_sql (f->path, STORE_TEST_UNDO_V5);
  exec_sql (f->path, "DROP TABLE saved_searches; DROP TABLE posting_llm; PRAGMA user_version = 3;");

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  scraper_query_init (&query);
  g_assert_cmpuint (scraper_store_count_postings (f->store, &query, &error), ==, 1);
  add_search (f->store, "Rust", "rust", FALSE);
  searches = scraper_store_list_saved_searches (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (searches->len, ==, 1);
  g_assert_cmpuint (((ScraperSavedSearch *) searches->pdata[0])->n_matching, ==, 1);
}


/* The filters the Jobs view's "Filters" button sets, on a real database:
 * each narrows to the right postings, and they combine. */
static ScraperPosting *
typed_posting (const char *id,
               const char *location,
               const char *country,
               const char *type,
               const char *posted)
{
  ScraperPosting *p = make_posting (id, id, "Acme", location, "Writes code.");

  p->country = g_strdup (country);
  if (type != NULL)
    {
      p->employment_type = g_new0 (char *, 2);
      p->employment_type[0] = g_strdup (type);
    }
  p->date_posted = g_strdup (posted);
  return p;
}

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The titles of what @query finds, sorted, joined by spaces. */
static char *
titles (ScraperStore *store,
        ScraperQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = scraper_store_query_postings (store, query, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint count;

  g_assert_no_error (error);
  count = scraper_store_count_postings (store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, postings->len);
  for (guint i = 0; i < postings->len; i++)
    g_ptr_array_add (names, ((ScraperPosting *) g_ptr_array_index (postings, i))->title);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
seed_typed (Fixture *f,
            gint64  *acme,
            gint64  *globex)
{
  g_autofree char *today = days_ago (0);
  g_autofree char *week = days_ago (5);
  g_autofree char *old = days_ago (40);
  g_autoptr(GPtrArray) a = posting_array ();
  g_autoptr(GPtrArray) g = posting_array ();

  *acme = add_test_source (f->store, "Acme Careers", "https://boards.greenhouse.io/acme");
  *globex = add_test_source (f->store, "Globex Jobs", "https://boards.greenhouse.io/globex");
  g_ptr_array_add (a, typed_posting ("berlin-full", "Berlin, Germany", "DE", "FULL_TIME", today));
  g_ptr_array_add (a, typed_posting ("munich-part", "München", "DE", "PART_TIME", week));
  g_ptr_array_add (a, typed_posting ("quote-contract", "\"Quote\" Town 100%_off", NULL, "CONTRACTOR", old));
  g_ptr_array_add (g, typed_posting ("paris-full", NULL, "France", "FULL_TIME", week));
  g_ptr_array_add (g, typed_posting ("berlin-intern", "Berlin", NULL, "INTERN", old));
  sync_postings (f->store, *acme, a, SCRAPER_SYNC_COMPLETE);
  sync_postings (f->store, *globex, g, SCRAPER_SYNC_COMPLETE);
}

#define ASSERT_FINDS(query, expected) \
  G_STMT_START { g_autofree char *found_ = titles (f->store, (query)); \
                 g_assert_cmpstr (found_, ==, (expected)); } G_STMT_END

static void
test_query_more_filters (Fixture       *f,
                         gconstpointer  data)
{
  ScraperQuery q;
  gint64 acme, globex;

  seed_typed (f, &acme, &globex);

  /* Location: part of any place or the country, any case. */
  scraper_query_init (&q);
  q.location = "berlin";
  ASSERT_FINDS (&q, "berlin-full berlin-intern");
  q.location = "france";
  ASSERT_FINDS (&q, "paris-full");
  q.location = "München";
  ASSERT_FINDS (&q, "munich-part");

  /* LIKE's own characters and JSON's quote are taken literally. */
  q.location = "%";
  ASSERT_FINDS (&q, "quote-contract");
  q.location = "_";
  ASSERT_FINDS (&q, "quote-contract");
  q.location = "\"Quote\"";
  ASSERT_FINDS (&q, "quote-contract");
  q.location = "\\";
  ASSERT_FINDS (&q, "");

  /* Employment type: a whole element, not a part of one. */
  scraper_query_init (&q);
  q.employment_type = "FULL_TIME";
  ASSERT_FINDS (&q, "berlin-full paris-full");
  q.employment_type = "TIME";
  ASSERT_FINDS (&q, "");
  q.employment_type = "INTERN";
  ASSERT_FINDS (&q, "berlin-intern");

  /* Posted within N days; source. */
  scraper_query_init (&q);
  q.posted_within_days = 7;
  ASSERT_FINDS (&q, "berlin-full munich-part paris-full");
  scraper_query_init (&q);
  q.source_id = globex;
  ASSERT_FINDS (&q, "berlin-intern paris-full");

  /* Together, and with a minimum salary nobody pays. */
  scraper_query_init (&q);
  q.location = "berlin";
  q.source_id = acme;
  ASSERT_FINDS (&q, "berlin-full");
  q.employment_type = "FULL_TIME";
  q.posted_within_days = 1;
  ASSERT_FINDS (&q, "berlin-full");
  q.employment_type = "PART_TIME";
  ASSERT_FINDS (&q, "");
  q.employment_type = NULL;
  q.min_salary = 1000;
  ASSERT_FINDS (&q, "");
}

/* A saved search keeps the later filters (in its "search" column) and
 * gives them back; its counts use them. */
static void
test_more_filters_round_trip (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(ScraperSavedSearch) s = scraper_saved_search_new ();
  g_autoptr(ScraperSavedSearch) found = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acme, globex;

  seed_typed (f, &acme, &globex);

  s->name = g_strdup ("Berlin at Globex");
  s->search = g_strdup ("  berlin ");
  s->location = g_strdup (" Berlin  ");
  s->employment_type = g_strdup ("INTERN");
  s->posted_within_days = 60;
  s->source_id = globex;
  g_assert_cmpint (scraper_store_add_saved_search (f->store, s, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (s->search, ==, "berlin");
  g_assert_cmpstr (s->location, ==, "Berlin");

  found = scraper_store_find_saved_search (f->store, "Berlin at Globex", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->search, ==, "berlin");
  g_assert_cmpstr (found->location, ==, "Berlin");
  g_assert_cmpstr (found->employment_type, ==, "INTERN");
  g_assert_cmpuint (found->posted_within_days, ==, 60);
  g_assert_cmpint (found->source_id, ==, globex);
  g_assert_false (found->remote_only);
  g_assert_cmpint (found->status, ==, -1);

  list = scraper_store_list_saved_searches (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (((ScraperSavedSearch *) list->pdata[0])->n_matching, ==, 1);

  /* Invalid later filters are refused like the first ones. */
  {
    g_autoptr(ScraperSavedSearch) bad = scraper_saved_search_new ();

    bad->name = g_strdup ("bad");
    bad->source_id = -4;
    g_assert_cmpint (scraper_store_add_saved_search (f->store, bad, &error), ==, 0);
    g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
    g_clear_error (&error);
    bad->source_id = 0;
    bad->location = g_strdup ("\xff\xfe");
    g_assert_cmpint (scraper_store_add_saved_search (f->store, bad, &error), ==, 0);
    g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* Text typed that begins with the separator the later filters use is
 * still just text; what another program wrote there is read as well as
 * it can be. */
/* A database of version 6 keeps its saved searches: they gain the later
 * filters, unset. */
static void
test_migrate_from_v6 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ScraperSavedSearch) found = NULL;
  g_autoptr(GError) error = NULL;

  add_search (f->store, "Rust", "rust", TRUE);
  g_clear_object (&f->store);
  exec_sql (f->path,
            STORE_TEST_UNDO_V9
            "ALTER TABLE saved_searches DROP COLUMN location;"
            "ALTER TABLE saved_searches DROP COLUMN employment_type;"
            "ALTER TABLE saved_searches DROP COLUMN posted_within_days;"
            "ALTER TABLE saved_searches DROP COLUMN source_id;"
            "PRAGMA user_version = 6;");

  f->store = scraper_store_open (f->path, &error);
  g_assert_no_error (error);
  found = scraper_store_find_saved_search (f->store, "Rust", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->search, ==, "rust");
  g_assert_true (found->remote_only);
  g_assert_null (found->location);
  g_assert_null (found->employment_type);
  g_assert_cmpuint (found->posted_within_days, ==, 0);
  g_assert_cmpint (found->source_id, ==, 0);
}

/* Filters another program wrote into the columns: text that is not
 * UTF-8 and numbers out of range are no filter, and nothing fails. */
static void
test_search_columns_hostile (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ScraperSavedSearch) found = NULL;
  g_autoptr(GError) error = NULL;

  exec_sql (f->path,
            "INSERT INTO saved_searches (name, search, location, employment_type,"
            " posted_within_days, source_id, created, last_viewed) VALUES"
            " ('wrong', CAST(x'ff41' AS TEXT), '  ', CAST(x'c328' AS TEXT), -3, -7, 1, 1),"
            " ('huge days', NULL, 'Berlin', 'FULL_TIME', 99999999999, 12, 1, 1)");

  found = scraper_store_find_saved_search (f->store, "wrong", &error);
  g_assert_no_error (error);
  g_assert_null (found->search);
  g_assert_null (found->location);
  g_assert_null (found->employment_type);
  g_assert_cmpuint (found->posted_within_days, ==, 0);
  g_assert_cmpint (found->source_id, ==, 0);
  g_clear_pointer (&found, scraper_saved_search_free);

  found = scraper_store_find_saved_search (f->store, "huge days", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->location, ==, "Berlin");
  g_assert_cmpstr (found->employment_type, ==, "FULL_TIME");
  g_assert_cmpuint (found->posted_within_days, ==, 0);
  g_assert_cmpint (found->source_id, ==, 12);
}

/* Every filter a saved search keeps reaches the query. */
static void
test_to_query (void)
{
  g_autoptr(ScraperSavedSearch) s = scraper_saved_search_new ();
  ScraperQuery query;

  s->search = g_strdup ("gnome");
  s->remote_only = TRUE;
  s->favorites_only = TRUE;
  s->status = SCRAPER_STATUS_APPLIED;
  s->min_salary = 60000;
  scraper_query_init (&query);
  query.limit = 10;
  scraper_saved_search_to_query (s, &query);
  g_assert_cmpstr (query.search, ==, "gnome");
  g_assert_true (query.remote_only);
  g_assert_true (query.favorites_only);
  g_assert_cmpint (query.status, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpfloat (query.min_salary, ==, 60000);
  g_assert_cmpuint (query.limit, ==, 10);

  s->location = g_strdup ("Berlin");
  s->employment_type = g_strdup ("FULL_TIME");
  s->posted_within_days = 7;
  s->source_id = 3;
  scraper_saved_search_to_query (s, &query);
  g_assert_cmpstr (query.location, ==, "Berlin");
  g_assert_cmpstr (query.employment_type, ==, "FULL_TIME");
  g_assert_cmpuint (query.posted_within_days, ==, 7);
  g_assert_cmpint (query.source_id, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/saved-searches/add-find-remove", test_add_find_remove);
  ADD ("/store/saved-searches/counts-and-new", test_counts_and_new);
  ADD ("/store/migrate/from-v3", test_migrate_from_v3);
  g_test_add_func ("/store/saved-searches/to-query", test_to_query);
  ADD ("/store/query/location-type-days-source", test_query_more_filters);
  ADD ("/store/saved-searches/more-filters-round-trip", test_more_filters_round_trip);
  ADD ("/store/saved-searches/migrate-from-v6", test_migrate_from_v6);
  ADD ("/store/saved-searches/hostile-columns", test_search_columns_hostile);

  return g_test_run ();
}
