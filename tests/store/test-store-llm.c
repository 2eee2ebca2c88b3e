/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which postings a language model is asked about, and the record that it
 * was: real SQLite files in temporary folders. */
#define G_LOG_DOMAIN "test-store-llm"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "store/scraper-store-llm.h"
#include "store-test-util.h"

typedef struct {
  char         *dir;
  char         *path;
  ScraperStore *store;
  gint64        source_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = store_test_open_tmp (&f->dir, &f->path);
  f->source_id = add_test_source (f->store, "Acme", "https://boards.example.com/acme");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  store_test_remove_tmp (&f->store, &f->dir, &f->path);
}

static void
sync_all (Fixture   *f,
          GPtrArray *postings)
{
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync = scraper_store_begin_sync (f->store, f->source_id, &error);

  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_assert_no_error (error);
}

/* 1 states nothing; 2 states everything; 3 lacks only skills; 4 lacks
 * everything but is archived by the second sync; @variant changes the
 * description of 3. */
static GPtrArray *
make_postings (const char *variant,
               gboolean    with_4)
{
  GPtrArray *postings = posting_array ();
  g_autofree char *desc3 = g_strdup_printf ("Build things %s", variant);
  ScraperPosting *p;
  const char *go[] = { "Go", NULL };

  g_ptr_array_add (postings, make_posting ("1", "Engineer", "Acme", "Berlin", "Build things"));

  p = make_posting ("2", "Senior Engineer", "Acme", "Berlin", "Build things, Go");
  p->salary_min = 90000;
  p->salary_max = 100000;
  p->salary_currency = g_strdup ("EUR");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  scraper_posting_annualize (p);
  p->remote = SCRAPER_REMOTE_ONSITE;
  p->seniority = g_strdup ("senior");
  p->skills = g_strdupv ((char **) go);
  g_ptr_array_add (postings, p);

  p = make_posting ("3", "Lead Engineer", "Acme", "Berlin", desc3);
  p->salary_min = 120000;
  p->salary_currency = g_strdup ("EUR");
  p->remote = SCRAPER_REMOTE_REMOTE;
  p->seniority = g_strdup ("lead");
  g_ptr_array_add (postings, p);

  if (with_4)
    g_ptr_array_add (postings, make_posting ("4", "Engineer", "Acme", "Paris", "Gone soon"));
  return postings;
}

static GPtrArray *
candidates (Fixture *f,
            guint    limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = scraper_store_llm_candidates (f->store, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static ScraperPosting *
find (GPtrArray  *postings,
      const char *external_id)
{
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *p = g_ptr_array_index (postings, i);

      if (g_strcmp0 (p->external_id, external_id) == 0)
        return p;
    }
  return NULL;
}

static void
save (Fixture           *f,
      ScraperPosting    *posting,
      ScraperLlmOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  ScraperLlmAnswer answer = { posting, outcome };

  g_assert_true (scraper_store_llm_save (f->store, &answer, 1, &error));
  g_assert_no_error (error);
}

static void
test_candidates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) first = make_postings ("v1", TRUE);
  g_autoptr(GPtrArray) second = make_postings ("v1", FALSE);
  g_autoptr(GPtrArray) list = NULL;

  sync_all (f, first);
  list = candidates (f, 0);
  /* 2 lacks nothing */
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_null (find (list, "2"));
  /* newest first; with the description */
  g_assert_cmpstr (((ScraperPosting *) g_ptr_array_index (list, 0))->external_id, ==, "4");
  g_assert_cmpstr (find (list, "1")->description_text, ==, "Build things");
  g_assert_nonnull (find (list, "1")->content_hash);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = candidates (f, 2);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* An archived posting is not asked about */
  sync_all (f, second);
  list = candidates (f, 0);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_nonnull (find (list, "1"));
  g_assert_nonnull (find (list, "3"));
}

static void
test_asked_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) v1 = make_postings ("v1", FALSE);
  g_autoptr(GPtrArray) v1_again = make_postings ("v1", FALSE);
  g_autoptr(GPtrArray) v2 = make_postings ("v2", FALSE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *hash_before = NULL;
  gint64 checked = 0, now = g_get_real_time () / G_USEC_PER_SEC;
  ScraperPosting *p;

  sync_all (f, v1);
  list = candidates (f, 0);
  g_assert_cmpuint (list->len, ==, 2);

  /* Never asked */
  g_assert_false (scraper_store_llm_get_asked (f->store, find (list, "1")->id, &hash, &checked, &outcome, &error));
  g_assert_no_error (error);
  g_assert_null (hash);

  save (f, find (list, "1"), SCRAPER_LLM_OUTCOME_NOTHING);
  save (f, find (list, "3"), SCRAPER_LLM_OUTCOME_INVALID);

  g_assert_true (scraper_store_llm_get_asked (f->store, find (list, "1")->id, &hash, &checked, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, find (list, "1")->content_hash);
  g_assert_cmpstr (outcome, ==, "nothing");
  g_assert_cmpint (checked, >=, now);
  g_assert_cmpint (checked, <=, now + 60);
  g_clear_pointer (&outcome, g_free);
  g_assert_true (scraper_store_llm_get_asked (f->store, find (list, "3")->id, NULL, NULL, &outcome, &error));
  g_assert_cmpstr (outcome, ==, "invalid");
  hash_before = g_strdup (find (list, "3")->content_hash);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Unchanged: not asked twice, whatever the outcome was */
  list = candidates (f, 0);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  sync_all (f, v1_again);
  list = candidates (f, 0);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Changed: asked again */
  sync_all (f, v2);
  list = candidates (f, 0);
  g_assert_cmpuint (list->len, ==, 1);
  p = find (list, "3");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->content_hash, !=, hash_before);
  save (f, p, SCRAPER_LLM_OUTCOME_NOTHING);
  g_clear_pointer (&hash, g_free);
  g_assert_true (scraper_store_llm_get_asked (f->store, p->id, &hash, NULL, NULL, &error));
  g_assert_cmpstr (hash, ==, p->content_hash);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = candidates (f, 0);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) v1 = make_postings ("v1", FALSE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ScraperPosting) stored = NULL;
  g_autoptr(GError) error = NULL;
  ScraperLlmAnswer answers[2];
  ScraperPosting *p1, *p3;
  const char *skills[] = { "Rust", "PostgreSQL", NULL };

  sync_all (f, v1);
  list = candidates (f, 0);
  p1 = find (list, "1");
  p3 = find (list, "3");

  /* What an LLM filled in on the worker */
  p1->salary_min = 4000;
  p1->salary_max = 5000;
  p1->salary_currency = g_strdup ("EUR");
  p1->salary_period = SCRAPER_SALARY_PERIOD_MONTH;
  scraper_posting_annualize (p1);
  p1->remote = SCRAPER_REMOTE_HYBRID;
  p1->seniority = g_strdup ("mid");
  p1->skills = g_strdupv ((char **) skills);
  p1->relevance = 0.5;
  p3->skills = g_strdupv ((char **) skills);

  answers[0] = (ScraperLlmAnswer) { p1, SCRAPER_LLM_OUTCOME_FILLED };
  answers[1] = (ScraperLlmAnswer) { p3, SCRAPER_LLM_OUTCOME_FILLED };
  g_assert_true (scraper_store_llm_save (f->store, answers, 2, &error));
  g_assert_no_error (error);

  stored = scraper_store_get_posting (f->store, p1->id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (stored->salary_min, ==, 4000);
  g_assert_cmpfloat (stored->salary_max, ==, 5000);
  g_assert_cmpstr (stored->salary_currency, ==, "EUR");
  g_assert_cmpint (stored->salary_period, ==, SCRAPER_SALARY_PERIOD_MONTH);
  g_assert_cmpfloat (stored->annual_min, ==, 48000);
  g_assert_cmpfloat (stored->annual_max, ==, 60000);
  g_assert_cmpint (stored->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (stored->seniority, ==, "mid");
  g_assert_cmpuint (g_strv_length (stored->skills), ==, 2);
  g_assert_cmpfloat (stored->relevance, ==, 0.5);
  g_clear_pointer (&stored, scraper_posting_unref);

  stored = scraper_store_get_posting (f->store, p3->id, &error);
  g_assert_cmpstr (stored->skills[0], ==, "Rust");
  g_assert_cmpfloat (stored->salary_min, ==, 120000);
  g_assert_cmpint (stored->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (stored->seniority, ==, "lead");
}

static void
test_fill_never_overwrites (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) v1 = make_postings ("v1", FALSE);
  g_autoptr(GPtrArray) v2 = make_postings ("v2", FALSE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ScraperPosting) p2 = NULL;
  g_autoptr(ScraperPosting) stored = NULL;
  g_autoptr(GError) error = NULL;
  ScraperPosting *p3;
  const char *skills[] = { "Rust", NULL };

  sync_all (f, v1);

  /* A posting that states everything keeps it, even against a (wrong)
   * answer that claims to fill it */
  p2 = scraper_store_get_posting (f->store, find (v1, "2")->id, &error);
  g_assert_no_error (error);
  p2->salary_min = 1000;
  p2->salary_max = 2000;
  p2->remote = SCRAPER_REMOTE_REMOTE;
  g_free (p2->seniority);
  p2->seniority = g_strdup ("intern");
  g_strfreev (p2->skills);
  p2->skills = g_strdupv ((char **) skills);
  save (f, p2, SCRAPER_LLM_OUTCOME_FILLED);
  stored = scraper_store_get_posting (f->store, p2->id, &error);
  g_assert_cmpfloat (stored->salary_min, ==, 90000);
  g_assert_cmpfloat (stored->annual_max, ==, 100000);
  g_assert_cmpint (stored->remote, ==, SCRAPER_REMOTE_ONSITE);
  g_assert_cmpstr (stored->seniority, ==, "senior");
  g_assert_cmpstr (stored->skills[0], ==, "Go");
  g_clear_pointer (&stored, scraper_posting_unref);

  /* An answer about text that changed in the meantime is not written, and
   * the new text is still to be asked about */
  list = candidates (f, 0);
  p3 = find (list, "3");
  sync_all (f, v2);
  p3->skills = g_strdupv ((char **) skills);
  save (f, p3, SCRAPER_LLM_OUTCOME_FILLED);
  stored = scraper_store_get_posting (f->store, p3->id, &error);
  g_assert_null (stored->skills);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = candidates (f, 0);
  g_assert_nonnull (find (list, "3"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/store-llm/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("candidates", test_candidates);
  ADD ("asked-once", test_asked_once);
  ADD ("fill", test_fill);
  ADD ("fill-never-overwrites", test_fill_never_overwrites);
#undef ADD

  return g_test_run ();
}
