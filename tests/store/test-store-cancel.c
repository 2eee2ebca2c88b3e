/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Typing cancels the query it makes obsolete in SQLite itself (issue #17):
 * a cancel that arrives while a page or a count is being read stops the
 * statement where it is, and the call says "cancelled". */
#include "config.h"

#include "store-test-util.h"

#define N_POSTINGS 1000

typedef struct {
  char         *dir;
  char         *path;
  ScraperStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = posting_array ();
  ScraperSync *sync;
  gint64 source_id;

  f->store = store_test_open_tmp (&f->dir, &f->path);

  /* Every posting matches "the": ranking them is long enough to be
   * interrupted many times over. */
  source_id = add_test_source (f->store, "Big Board", "https://big.example/jobs");
  for (guint i = 0; i < N_POSTINGS; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      g_ptr_array_add (postings, make_posting (id, "Engineer", "Big", "Berlin",
                                               "the team and the product; the customers of the team"));
    }
  sync = scraper_store_begin_sync (f->store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  scraper_store_set_query_progress_hook_for_testing (NULL, NULL);
  store_test_remove_tmp (&f->store, &f->dir, &f->path);
}

typedef struct {
  GCancellable *cancellable;
  guint         checks;         /* times the running query asked */
  guint         cancel_at;      /* cancel at this check; 0 = never */
  guint         checks_at_cancel;
} Probe;

/* Runs inside the statement, on the querying thread: the cancel arrives
 * while SQLite is in the middle of the query, as a keystroke's would. */
static void
probe_hook (gpointer data)
{
  Probe *probe = data;

  probe->checks++;
  if (probe->cancel_at > 0 && probe->checks == probe->cancel_at)
    {
      g_cancellable_cancel (probe->cancellable);
      probe->checks_at_cancel = probe->checks;
    }
}

static void
query_by_relevance (ScraperQuery *q)
{
  scraper_query_init (q);
  q->search = "the";
  q->sort = SCRAPER_SORT_RELEVANCE;
  q->limit = 50;
}

/* Uncancelled, the same query asks its cancellable many times and reads a
 * full page: what the cancel test interrupts is a long statement. */
static void
test_query_uncancelled_runs_long (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  Probe probe = { cancellable, 0, 0, 0 };
  ScraperQuery q;

  query_by_relevance (&q);
  scraper_store_set_query_progress_hook_for_testing (probe_hook, &probe);
  page = scraper_store_query_postings_cancellable (f->store, &q, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->len, ==, 50);
  g_assert_cmpuint (probe.checks, >, 3);
  g_assert_cmpuint (scraper_store_count_postings_cancellable (f->store, &q, cancellable, &error), ==, N_POSTINGS);
  g_assert_no_error (error);
}

static void
test_query_cancelled_midway (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  Probe probe = { cancellable, 0, 2, 0 };
  ScraperQuery q;

  query_by_relevance (&q);
  scraper_store_set_query_progress_hook_for_testing (probe_hook, &probe);
  page = scraper_store_query_postings_cancellable (f->store, &q, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (page);
  /* Stopped at the check that saw the cancel, not run to its end. */
  g_assert_cmpuint (probe.checks_at_cancel, ==, 2);
  g_assert_cmpuint (probe.checks, ==, 2);

  /* The connection goes back to the pool usable: the next query answers. */
  scraper_store_set_query_progress_hook_for_testing (NULL, NULL);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) again = scraper_store_query_postings (f->store, &q, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, 50);
  }
}

static void
test_count_cancelled_midway (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Probe probe = { cancellable, 0, 1, 0 };
  ScraperQuery q;
  guint n;

  query_by_relevance (&q);
  scraper_store_set_query_progress_hook_for_testing (probe_hook, &probe);
  n = scraper_store_count_postings_cancellable (f->store, &q, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (probe.checks, ==, 1);
}

/* Cancelled before it starts: nothing is read at all. */
static void
test_query_cancelled_before (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Probe probe = { cancellable, 0, 0, 0 };
  ScraperQuery q;

  query_by_relevance (&q);
  g_cancellable_cancel (cancellable);
  scraper_store_set_query_progress_hook_for_testing (probe_hook, &probe);
  g_assert_null (scraper_store_query_postings_cancellable (f->store, &q, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (probe.checks, ==, 0);
}

/* A hostile search (FTS5 syntax, stars, quotes, operators) cancelled
 * midway is still "cancelled", not a syntax error.  Its words are in
 * every posting: one that matches nothing is answered before the first
 * check. */
static void
test_query_cancelled_hostile_search (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Probe probe = { cancellable, 0, 1, 0 };
  ScraperQuery q;

  scraper_query_init (&q);
  q.search = "\"the* AND team(( -";
  q.limit = 50;
  scraper_store_set_query_progress_hook_for_testing (probe_hook, &probe);
  g_assert_null (scraper_store_query_postings_cancellable (f->store, &q, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/cancel/uncancelled-runs-long", test_query_uncancelled_runs_long);
  ADD ("/store/cancel/page-midway", test_query_cancelled_midway);
  ADD ("/store/cancel/count-midway", test_count_cancelled_midway);
  ADD ("/store/cancel/before-start", test_query_cancelled_before);
  ADD ("/store/cancel/hostile-search-midway", test_query_cancelled_hostile_search);

  return g_test_run ();
}
