/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "scraper-store-applications.h"
#include "scraper-store-insights.h"
#include "store-test-sql.h"

/* Every statistic against numbers worked out by hand (in the comments),
 * with the time zone fixed to UTC. */

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

static ScraperStats *
stats_since (ScraperStore *store,
             const char   *since)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = since != NULL ? test_time (since) : NULL;
  ScraperStats *stats = scraper_store_compute_stats (store, time, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static void
assert_week (ScraperStats *stats,
             guint         i,
             const char   *week,
             guint         count)
{
  ScraperWeekCount *w;

  g_assert_cmpuint (i, <, stats->new_by_week->len);
  w = g_ptr_array_index (stats->new_by_week, i);
  g_assert_cmpstr (w->week, ==, week);
  g_assert_cmpuint (w->count, ==, count);
}

static void
assert_source (ScraperStats *stats,
               guint         i,
               const char   *name,
               guint         postings,
               guint         applied)
{
  ScraperSourceStats *s;

  g_assert_cmpuint (i, <, stats->by_source->len);
  s = g_ptr_array_index (stats->by_source, i);
  g_assert_cmpstr (s->name, ==, name);
  g_assert_cmpuint (s->postings, ==, postings);
  g_assert_cmpuint (s->applied, ==, applied);
}

static void
test_stats_empty (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ScraperStats) stats = stats_since (f->store, NULL);

  g_assert_cmpuint (stats->postings_total, ==, 0);
  g_assert_cmpuint (stats->new_by_week->len, ==, 0);
  g_assert_cmpuint (stats->by_source->len, ==, 0);
  for (guint i = 0; i < SCRAPER_N_STATUSES; i++)
    g_assert_cmpuint (stats->applications[i], ==, 0);
  g_assert_cmpfloat (stats->response_rate, ==, 0);
  g_assert_true (isnan (stats->median_days_to_response));
}

/* One posting without a salary, never touched. */
static void
test_stats_single_posting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) postings = posting_array ();
  g_autoptr(ScraperStats) stats = NULL;
  gint64 source = add_test_source (f->store, "Acme board", "https://boards.example/acme");

  g_ptr_array_add (postings, make_posting ("1", "Engineer", "Acme", "Berlin", "text"));
  test_sync (f->store, source, postings, SCRAPER_SYNC_COMPLETE);
  /* 2026-01-01 is a Thursday: ISO week 1 of 2026 */
  test_exec_sql (f->path, "UPDATE postings SET first_seen = 1767268800");  /* 2026-01-01T12:00Z */

  stats = stats_since (f->store, NULL);
  g_assert_cmpuint (stats->postings_total, ==, 1);
  g_assert_cmpuint (stats->new_by_week->len, ==, 1);
  assert_week (stats, 0, "2026-W01", 1);
  g_assert_cmpuint (stats->by_source->len, ==, 1);
  assert_source (stats, 0, "Acme board", 1, 0);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_SAVED], ==, 0);
  g_assert_cmpuint (stats->n_applied, ==, 0);
  g_assert_cmpfloat (stats->response_rate, ==, 0);
  g_assert_true (isnan (stats->median_days_to_response));
}

/*
 * Source A: p1 (first seen Mon 2026-01-05, week 2), p2 (Tue 01-06, week 2),
 *           p3 (Mon 01-12, week 3), p6 (Mon 2025-12-29: ISO 2026-W01).
 * Source B: p4 (Tue 01-13, week 3), p5 (Wed 01-14, week 3, company
 *           "Spam Corp", blocked).
 * Events:  p1 new->saved 01-05, saved->applied 01-06, applied->interviewing
 *          01-16 (10 days); p2 new->applied 01-07, applied->rejected 01-11
 *          (4 days); p3 new->applied 01-13 (no answer); p4 new->saved 01-14;
 *          p5 new->applied 01-14, applied->offer 01-15 (blocked: left out).
 * All:     5 postings; weeks W01 1, W02 2, W03 2; A 4 postings 3 applied,
 *          B 1 posting 0 applied; saved 1 (p4), applied 1 (p3),
 *          interviewing 1 (p1), rejected 1 (p2); response rate 2/3, median
 *          of 10 and 4 days = 7.
 * Since 2026-01-12: p3, p4 first seen; week W03 2; A 1 posting and 2
 *          applications with an event since (p1's interview, p3), B 1 and
 *          0; statuses of postings with an event since: p1 interviewing,
 *          p3 applied, p4 saved; applied since: p3 only, no answer: rate
 *          0, no median.
 */
static void
make_fixture (Fixture *f)
{
  static const struct { const char *company; const char *first_seen; int source; } rows[] = {
    { "Acme", "2026-01-05T08:00:00Z", 0 },
    { "Acme", "2026-01-06T08:00:00Z", 0 },
    { "Acme", "2026-01-12T08:00:00Z", 0 },
    { "Initech", "2026-01-13T08:00:00Z", 1 },
    { "Spam Corp", "2026-01-14T08:00:00Z", 1 },
    { "Acme", "2025-12-29T08:00:00Z", 0 },
  };
  static const struct { guint posting; ScraperPostingStatus to; const char *at; } events[] = {
    { 1, SCRAPER_STATUS_SAVED, "2026-01-05T09:00:00Z" },
    { 1, SCRAPER_STATUS_APPLIED, "2026-01-06T09:00:00Z" },
    { 1, SCRAPER_STATUS_INTERVIEWING, "2026-01-16T09:00:00Z" },
    { 2, SCRAPER_STATUS_APPLIED, "2026-01-07T09:00:00Z" },
    { 2, SCRAPER_STATUS_REJECTED, "2026-01-11T09:00:00Z" },
    { 3, SCRAPER_STATUS_APPLIED, "2026-01-13T09:00:00Z" },
    { 4, SCRAPER_STATUS_SAVED, "2026-01-14T09:00:00Z" },
    { 5, SCRAPER_STATUS_APPLIED, "2026-01-14T09:00:00Z" },
    { 5, SCRAPER_STATUS_OFFER, "2026-01-15T09:00:00Z" },
  };
  g_autoptr(GError) error = NULL;
  gint64 sources[2], ids[G_N_ELEMENTS (rows) + 1];

  sources[0] = add_test_source (f->store, "A", "https://a.example");
  sources[1] = add_test_source (f->store, "B", "https://b.example");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GPtrArray) one = posting_array ();
      g_autoptr(GDateTime) seen = test_time (rows[i].first_seen);
      g_autofree char *ext = g_strdup_printf ("p%u", i + 1);
      g_autofree char *sql = NULL;

      g_ptr_array_add (one, make_posting (ext, "Engineer", rows[i].company, "Berlin", NULL));
      test_sync (f->store, sources[rows[i].source], one, SCRAPER_SYNC_PARTIAL);
      ids[i + 1] = ((ScraperPosting *) one->pdata[0])->id;
      sql = g_strdup_printf ("UPDATE postings SET first_seen = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                             g_date_time_to_unix (seen), ids[i + 1]);
      test_exec_sql (f->path, sql);
    }

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(GDateTime) at = test_time (events[i].at);

      g_assert_true (scraper_store_change_status (f->store, ids[events[i].posting], events[i].to, at, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (scraper_store_add_block (f->store, SCRAPER_BLOCK_COMPANY, "spam corp", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_stats_fixture (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ScraperStats) stats = NULL;

  make_fixture (f);
  stats = stats_since (f->store, NULL);

  g_assert_cmpuint (stats->postings_total, ==, 5);
  g_assert_cmpuint (stats->new_by_week->len, ==, 3);
  assert_week (stats, 0, "2026-W01", 1);
  assert_week (stats, 1, "2026-W02", 2);
  assert_week (stats, 2, "2026-W03", 2);
  g_assert_cmpuint (stats->by_source->len, ==, 2);
  assert_source (stats, 0, "A", 4, 3);
  assert_source (stats, 1, "B", 1, 0);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_SAVED], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_APPLIED], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_INTERVIEWING], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_OFFER], ==, 0);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_REJECTED], ==, 1);
  g_assert_cmpuint (stats->n_applied, ==, 3);
  g_assert_cmpuint (stats->n_responded, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats->response_rate, 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->median_days_to_response, 7.0, 1e-9);
}

static void
test_stats_since (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ScraperStats) stats = NULL;

  make_fixture (f);
  stats = stats_since (f->store, "2026-01-12T00:00:00Z");

  g_assert_cmpuint (stats->postings_total, ==, 2);
  g_assert_cmpuint (stats->new_by_week->len, ==, 1);
  assert_week (stats, 0, "2026-W03", 2);
  assert_source (stats, 0, "A", 1, 2);
  assert_source (stats, 1, "B", 1, 0);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_SAVED], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_APPLIED], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_INTERVIEWING], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_REJECTED], ==, 0);
  g_assert_cmpuint (stats->n_applied, ==, 1);
  g_assert_cmpfloat (stats->response_rate, ==, 0);
  g_assert_true (isnan (stats->median_days_to_response));
}

/* Applications of a period: on 01-06..01-07 p1 (applied 01-06) and p2
 * (applied 01-07), each with all its events; p3 (01-13) is not.  On 01-14
 * only p5, though blocked, with both its events; p4 was only saved. */
static void
test_report_period (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = test_time ("2026-01-06T00:00:00Z");
  g_autoptr(GDateTime) to = test_time ("2026-01-08T00:00:00Z");
  g_autoptr(GDateTime) from2 = test_time ("2026-01-14T00:00:00Z");
  g_autoptr(GDateTime) to2 = test_time ("2026-01-15T00:00:00Z");
  g_autoptr(GPtrArray) apps = NULL;
  g_autoptr(GPtrArray) apps2 = NULL;
  ScraperApplicationRecord *a;

  make_fixture (f);
  apps = scraper_store_list_applications (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apps->len, ==, 2);
  /* by their first event: p1 (01-05), then p2 (01-07) */
  a = apps->pdata[0];
  g_assert_cmpuint (a->events->len, ==, 3);
  g_assert_cmpint (((ScraperStageEvent *) a->events->pdata[0])->to, ==, SCRAPER_STATUS_SAVED);
  g_assert_cmpstr (a->posting->source_name, ==, "A");
  a = apps->pdata[1];
  g_assert_cmpuint (a->events->len, ==, 2);
  g_assert_cmpint (((ScraperStageEvent *) a->events->pdata[1])->to, ==, SCRAPER_STATUS_REJECTED);

  apps2 = scraper_store_list_applications (f->store, from2, to2, &error);
  /* p4 (Initech) was only saved there: no application */
  g_assert_cmpuint (apps2->len, ==, 1);
  g_assert_cmpstr (((ScraperApplicationRecord *) apps2->pdata[0])->posting->company, ==, "Spam Corp");
  g_assert_cmpuint (((ScraperApplicationRecord *) apps2->pdata[0])->events->len, ==, 2);
}

/* Week bounds: Sunday 23:59:59 and Monday 00:00 fall in two weeks; a
 * posting first seen at 0 (1970) and one in 2026 make two weeks, with
 * nothing between them. */
static void
test_stats_week_bounds (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) postings = posting_array ();
  g_autoptr(ScraperStats) stats = NULL;
  gint64 source = add_test_source (f->store, "Acme board", "https://boards.example/acme");

  g_ptr_array_add (postings, make_posting ("1", "Engineer", "Acme", "Berlin", NULL));
  g_ptr_array_add (postings, make_posting ("2", "Engineer", "Acme", "Berlin", NULL));
  g_ptr_array_add (postings, make_posting ("3", "Engineer", "Acme", "Berlin", NULL));
  test_sync (f->store, source, postings, SCRAPER_SYNC_COMPLETE);
  /* 2026-01-11T23:59:59Z, 2026-01-12T00:00:00Z, 1970-01-01 (a Thursday: 1970-W01) */
  test_exec_sql (f->path, "UPDATE postings SET first_seen = CASE external_id "
                 "WHEN '1' THEN 1768175999 WHEN '2' THEN 1768176000 ELSE 0 END");

  stats = stats_since (f->store, NULL);
  g_assert_cmpuint (stats->postings_total, ==, 3);
  g_assert_cmpuint (stats->new_by_week->len, ==, 3);
  assert_week (stats, 0, "1970-W01", 1);
  assert_week (stats, 1, "2026-W02", 1);
  assert_week (stats, 2, "2026-W03", 1);
}

static ScraperInsights *
insights_of (ScraperStore *store,
             const char   *search,
             guint         n_weeks,
             const char   *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = test_time (now);
  ScraperInsights *insights = scraper_store_compute_insights (store, search, n_weeks,
                                                              g_date_time_to_unix (time), &error);

  g_assert_no_error (error);
  g_assert_nonnull (insights);
  g_assert_cmpuint (insights->n_weeks, ==, n_weeks);
  return insights;
}

static ScraperInsightsSource *
insights_source (ScraperInsights *insights,
                 guint            i,
                 const char      *name,
                 guint            postings,
                 guint            applied,
                 guint            responses)
{
  ScraperInsightsSource *s;

  g_assert_cmpuint (i, <, insights->sources->len);
  s = g_ptr_array_index (insights->sources, i);
  g_assert_cmpstr (s->name, ==, name);
  g_assert_cmpuint (s->postings, ==, postings);
  g_assert_cmpuint (s->applied, ==, applied);
  g_assert_cmpuint (s->responses, ==, responses);
  return s;
}

static void
test_insights_empty (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ScraperInsights) insights = insights_of (f->store, NULL, 26, "2026-01-14T12:00:00Z");

  g_assert_cmpuint (insights->sources->len, ==, 0);
  g_assert_cmpuint (g_strv_length (insights->weeks), ==, 26);
  g_assert_cmpstr (insights->weeks[25], ==, "2026-W03");
  g_assert_cmpstr (insights->weeks[0], ==, "2025-W30");
  g_assert_cmpuint (insights->salaries->len, ==, 0);
  g_assert_null (insights->currency);
  g_assert_cmpuint (insights->n_salaries, ==, 0);
}

/*
 * The fixture of the statistics, seen on Wed 2026-01-14 over 3 weeks:
 * W01 A 1 (p6); W02 A 2 (p1, p2); W03 A 1 (p3), B 1 (p4; p5 blocked).
 * Sources: A 4 postings, 3 applied (p1, p2, p3), 2 responses (p1
 * interviewing, p2 rejected); B 1 posting, none applied (p5 blocked).
 * Salaries: p1 senior 50 000-70 000 EUR (60 000), p2 senior from 90 000
 * EUR, p3 100 USD (another currency: left out), p4 junior 40 000 EUR but
 * archived (left out), p6 without seniority 30 000 EUR: EUR wins with 3;
 * senior min 60 000, q1 67 500, median 75 000, q3 82 500, max 90 000;
 * then "not stated" 30 000.
 */
static void
test_insights_fixture (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ScraperInsights) insights = NULL;
  ScraperSalaryBand *band;

  make_fixture (f);
  test_exec_sql (f->path,
                 "UPDATE postings SET annual_min = 50000, annual_max = 70000, salary_currency = 'EUR', seniority = 'senior' WHERE external_id = 'p1';"
                 "UPDATE postings SET annual_min = 90000, salary_currency = 'EUR', seniority = 'senior' WHERE external_id = 'p2';"
                 "UPDATE postings SET annual_min = 100, annual_max = 100, salary_currency = 'USD', seniority = 'senior' WHERE external_id = 'p3';"
                 "UPDATE postings SET annual_min = 40000, salary_currency = 'EUR', seniority = 'junior', archived = 1 WHERE external_id = 'p4';"
                 "UPDATE postings SET annual_max = 30000, salary_currency = 'EUR' WHERE external_id = 'p6';");

  insights = insights_of (f->store, NULL, 3, "2026-01-14T12:00:00Z");
  g_assert_cmpstr (insights->weeks[0], ==, "2026-W01");
  g_assert_cmpstr (insights->weeks[2], ==, "2026-W03");
  g_assert_cmpuint (insights->sources->len, ==, 2);
  insights_source (insights, 0, "A", 4, 3, 2);
  insights_source (insights, 1, "B", 1, 0, 0);
  /* [week * 2 + source] */
  g_assert_cmpuint (insights->week_counts[0], ==, 1);
  g_assert_cmpuint (insights->week_counts[1], ==, 0);
  g_assert_cmpuint (insights->week_counts[2], ==, 2);
  g_assert_cmpuint (insights->week_counts[3], ==, 0);
  g_assert_cmpuint (insights->week_counts[4], ==, 1);
  g_assert_cmpuint (insights->week_counts[5], ==, 1);
  g_assert_cmpuint (scraper_insights_week_total (insights, 2), ==, 2);

  g_assert_cmpstr (insights->currency, ==, "EUR");
  g_assert_cmpuint (insights->n_salaries, ==, 3);
  g_assert_cmpuint (insights->salaries->len, ==, 2);
  band = g_ptr_array_index (insights->salaries, 0);
  g_assert_cmpstr (band->seniority, ==, "senior");
  g_assert_cmpuint (band->count, ==, 2);
  g_assert_cmpfloat (band->min, ==, 60000);
  g_assert_cmpfloat (band->q1, ==, 67500);
  g_assert_cmpfloat (band->median, ==, 75000);
  g_assert_cmpfloat (band->q3, ==, 82500);
  g_assert_cmpfloat (band->max, ==, 90000);
  band = g_ptr_array_index (insights->salaries, 1);
  g_assert_null (band->seniority);
  g_assert_cmpuint (band->count, ==, 1);
  g_assert_cmpfloat (band->median, ==, 30000);
}

/* A search narrows every number but the sources' list; a removed
 * source's postings are counted under source 0; hostile search text (FTS
 * operators and quotes) is words, not syntax. */
static void
test_insights_search_and_removed_source (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(ScraperInsights) insights = NULL;
  g_autoptr(GError) error = NULL;

  make_fixture (f);

  /* the companies are indexed: Initech is p4 (B, W03) */
  insights = insights_of (f->store, "initech", 3, "2026-01-14T12:00:00Z");
  insights_source (insights, 0, "A", 0, 0, 0);
  insights_source (insights, 1, "B", 1, 0, 0);
  g_assert_cmpuint (scraper_insights_week_total (insights, 0), ==, 0);
  g_assert_cmpuint (scraper_insights_week_total (insights, 1), ==, 0);
  g_assert_cmpuint (scraper_insights_week_total (insights, 2), ==, 1);
  g_clear_pointer (&insights, scraper_insights_free);

  /* a prefix, as in the Jobs view: "acm" is Acme */
  insights = insights_of (f->store, "acm", 3, "2026-01-14T12:00:00Z");
  insights_source (insights, 0, "A", 4, 3, 2);
  insights_source (insights, 1, "B", 0, 0, 0);
  g_clear_pointer (&insights, scraper_insights_free);

  /* words all of which must match: none has both */
  insights = insights_of (f->store, "\"initech OR * NEAR( acme\"", 3, "2026-01-14T12:00:00Z");
  insights_source (insights, 0, "A", 0, 0, 0);
  insights_source (insights, 1, "B", 0, 0, 0);
  g_clear_pointer (&insights, scraper_insights_free);

  g_assert_true (scraper_store_remove_source (f->store, 2, &error));
  g_assert_no_error (error);
  insights = insights_of (f->store, NULL, 3, "2026-01-14T12:00:00Z");
  g_assert_cmpuint (insights->sources->len, ==, 2);
  insights_source (insights, 0, "A", 4, 3, 2);
  insights_source (insights, 1, NULL, 1, 0, 0);
  g_assert_cmpint (((ScraperInsightsSource *) insights->sources->pdata[1])->source_id, ==, 0);
  g_assert_cmpuint (insights->week_counts[2 * 2 + 1], ==, 1);
}

static void
test_all_contacts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperContact) a = scraper_contact_new ();
  g_autoptr(ScraperContact) b = scraper_contact_new ();
  GPtrArray *list;
  gint64 id1, id2;

  make_fixture (f);
  contacts = scraper_store_dup_all_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (contacts), ==, 0);
  g_clear_pointer (&contacts, g_hash_table_unref);

  id1 = 1;
  id2 = 2;
  a->posting_id = id1;
  a->name = g_strdup ("Ada");
  a->email = g_strdup ("ada@example.com");
  b->posting_id = id1;
  b->name = g_strdup ("Bob, \"the recruiter\"");
  g_assert_cmpint (scraper_store_add_contact (f->store, a, &error), >, 0);
  g_assert_cmpint (scraper_store_add_contact (f->store, b, &error), >, 0);
  g_assert_no_error (error);

  contacts = scraper_store_dup_all_contacts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (contacts), ==, 1);
  list = g_hash_table_lookup (contacts, &id1);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((ScraperContact *) list->pdata[0])->name, ==, "Ada");
  g_assert_cmpstr (((ScraperContact *) list->pdata[1])->name, ==, "Bob, \"the recruiter\"");
  g_assert_null (g_hash_table_lookup (contacts, &id2));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/store/stats/empty-database", test_stats_empty);
  ADD ("/store/stats/single-posting-no-salary", test_stats_single_posting);
  ADD ("/store/stats/hand-computed-fixture", test_stats_fixture);
  ADD ("/store/stats/since", test_stats_since);
  ADD ("/store/report/period", test_report_period);
  ADD ("/store/stats/week-bounds-and-far-apart-weeks", test_stats_week_bounds);
  ADD ("/store/insights/empty-database", test_insights_empty);
  ADD ("/store/insights/hand-computed-fixture", test_insights_fixture);
  ADD ("/store/insights/search-hostile-text-and-removed-source", test_insights_search_and_removed_source);
  ADD ("/store/contacts/all-by-posting", test_all_contacts);

  return g_test_run ();
}
