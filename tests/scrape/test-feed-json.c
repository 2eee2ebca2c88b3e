/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-feed-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "scraper-adapter-private.h"
#include "scraper-feed-json.h"
#include "scraper-test-server.h"

/* JSON job feeds read by the "feed" kind: real answers of the boards'
 * APIs (tests/data/feeds-json, copied from shared/corpus/real), what is
 * made of each field, what is refused, and the adapter over HTTP with
 * pages, loops and the page limit. */

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "feeds-json", name, NULL);
}

static GPtrArray *
parse_file (const char  *name,
            char       **title,
            char       **next_url)
{
  g_autofree char *path = data_path (name);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *postings;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_feed_json_sniff (data, length));
  postings = scraper_feed_json_parse (data, length, "https://board.example/api", title, next_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (postings);
  return postings;
}

static ScraperPosting *
find (GPtrArray  *postings,
      const char *title)
{
  for (guint i = 0; i < postings->len; i++)
    if (g_strcmp0 (((ScraperPosting *) postings->pdata[i])->title, title) == 0)
      return postings->pdata[i];
  g_error ("no posting titled “%s”", title);
}

static void
assert_strv (GStrv               actual,
             const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_strv_length (actual), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

static void
test_remotive (void)
{
  g_autofree char *title = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("remotive_api_remote_jobs_trimmed_2026-07.json", &title, &next);
  ScraperPosting *p;

  g_assert_cmpstr (title, ==, "Remotive");
  g_assert_null (next);
  g_assert_cmpuint (postings->len, ==, 4);
  p = find (postings, "Product Sales Specialist - Pet Health");
  g_assert_cmpstr (p->external_id, ==, "2091048");
  g_assert_cmpstr (p->url, ==, "https://remotive.com/remote-jobs/sales/product-sales-specialist-pet-health-2091048");
  g_assert_cmpstr (p->company, ==, "Tribe Wellness");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  assert_strv (p->locations, (const char * const[]) { "USA, CST (UTC-6)", NULL });
  assert_strv (p->employment_type, (const char * const[]) { "FULL_TIME", NULL });
  g_assert_cmpstr (p->date_posted, ==, "2026-07-09");
  /* The salary the board shows beside the text leads it (the enricher
   * reads it there). */
  g_assert_true (g_str_has_prefix (p->description_text, "Salary: $55k - $100k"));
  g_assert_nonnull (strstr (p->description_text, "Must Love Dogs!!"));
}

static void
test_remote_ok (void)
{
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("remoteok_api_raw_compact_2026-08.json", &title, NULL);
  ScraperPosting *p;

  g_assert_cmpstr (title, ==, "Remote OK");
  /* The notice of its terms is not a posting. */
  g_assert_cmpuint (postings->len, ==, 4);
  p = find (postings, "Compatibility");
  g_assert_cmpstr (p->external_id, ==, "1135929");
  g_assert_cmpstr (p->company, ==, "DanielTems");
  g_assert_cmpstr (p->date_posted, ==, "2026-08-02");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  /* "How, " is the place "How"; salary 0 is no salary. */
  assert_strv (p->locations, (const char * const[]) { "How", NULL });
  g_assert_false (scraper_posting_has_salary (p));
  g_assert_cmpstr (p->apply_url, ==, "https://remoteOK.com/remote-jobs/remote-compatibility-danieltems-1135929");
  /* UTF-8 read as Latin-1 and encoded again is repaired. */
  g_assert_nonnull (strstr (p->description_text, "people don\u2019t always think they\u2019re right"));
  g_assert_null (strstr (p->description_text, "\xc3\xa2\xc2\x80"));
}

static void
test_himalayas (void)
{
  g_autofree char *title = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("himalayas_api_jobs_salary_2026-07.json", &title, &next);
  ScraperPosting *p;

  g_assert_cmpstr (title, ==, "Himalayas");
  /* offset 0, limit 5, of 100371: the next page. */
  g_assert_cmpstr (next, ==, "https://board.example/api?offset=5&limit=5");
  g_assert_cmpuint (postings->len, ==, 4);

  p = find (postings, "Senior System Software Engineer, NvSci");
  g_assert_cmpstr (p->company, ==, "NVIDIA");
  g_assert_cmpfloat (p->salary_min, ==, 184000);
  g_assert_cmpfloat (p->salary_max, ==, 356500);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  assert_strv (p->locations, (const char * const[]) { "Canada", "United States", NULL });
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);

  p = find (postings, "Portfolio Manager - Freelance AI Trainer");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_HOUR);
  g_assert_cmpfloat (p->salary_min, ==, 50);
  assert_strv (p->employment_type, (const char * const[]) { "CONTRACTOR", NULL });

  p = find (postings, "Content & Marcom Specialist");
  g_assert_false (scraper_posting_has_salary (p));
  g_assert_cmpstr (p->url, ==, "https://himalayas.app/companies/ceragon-networks/jobs/content-marcom-specialist");
  g_assert_cmpstr (p->date_posted, ==, "2026-07-11");
  g_assert_cmpstr (p->valid_through, ==, "2026-09-09");
}

static void
test_jobicy (void)
{
  g_autoptr(GPtrArray) postings = parse_file ("jobicy_api_remote_jobs_2026-08.json", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 5);
  p = find (postings, "Senior Manager, Change Enablement - Cox Automotive Fleet");
  g_assert_cmpstr (p->external_id, ==, "150172");
  g_assert_cmpstr (p->company, ==, "Cox Enterprises");
  g_assert_cmpfloat (p->salary_min, ==, 122600);
  g_assert_cmpfloat (p->salary_max, ==, 204400);
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_max, ==, 204400);
  assert_strv (p->locations, (const char * const[]) { "USA", NULL });
  assert_strv (p->employment_type, (const char * const[]) { "FULL_TIME", NULL });
  g_assert_cmpstr (p->date_posted, ==, "2026-08-03");
}

static void
test_arbeitnow (void)
{
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("arbeitnow_api_job_board_2026-08.json", &title, NULL);
  ScraperPosting *p;

  g_assert_cmpstr (title, ==, "Arbeitnow");
  g_assert_cmpuint (postings->len, ==, 5);
  p = find (postings, "Senior Product Owner m/w/d");
  assert_strv (p->locations, (const char * const[]) { "Hamburg", "Berlin", NULL });
  g_assert_cmpstr (p->company, ==, "dept");
  g_assert_cmpstr (p->url, ==, "https://www.arbeitnow.com/jobs/companies/dept/senior-product-owner-hamburg-berlin-302643");
  /* Levels and fields listed as job types are not employment types. */
  p = find (postings, "Technical Co-Founder/CTO aureas");
  g_assert_null (p->employment_type);
  p = find (postings, "ML Product Engineer");
  g_assert_null (p->employment_type);
  g_assert_cmpstr (p->date_posted, ==, "2026-08-03");
  g_assert_cmpstr (p->external_id, ==, "ml-product-engineer-heidelberg-60723");
}

static void
test_json_feed_teamtailor (void)
{
  g_autofree char *title = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("teamtailor_jsonfeed_with_jobposting.json", &title, &next);
  ScraperPosting *p;

  g_assert_cmpstr (title, ==, "Teamtailor");
  g_assert_null (next);
  g_assert_cmpuint (postings->len, ==, 2);
  p = find (postings, "Mid-Market Account Executive - Copenhagen");
  /* The posting's own identifier, before the feed item's. */
  g_assert_cmpstr (p->external_id, ==, "7069633");
  g_assert_cmpstr (p->url, ==, "https://career.teamtailor.com/jobs/7069633-mid-market-account-executive-copenhagen");
  g_assert_cmpstr (p->company, ==, "Teamtailor");
  g_assert_cmpstr (p->date_posted, ==, "2026-01-18");
  /* jobLocation as an array of two places. */
  g_assert_nonnull (p->locations);
  g_assert_cmpuint (g_strv_length (p->locations), ==, 2);
  g_assert_nonnull (strstr (p->locations[0], "Stockholm"));
  g_assert_nonnull (strstr (p->locations[1], "København"));
}

static void
test_breezy (void)
{
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("breezy_hr_public_positions_trial_account_hunt.json", &title, NULL);
  ScraperPosting *p;

  g_assert_null (title);   /* named after the company of its postings */
  g_assert_cmpuint (postings->len, ==, 2);
  p = find (postings, "Employee #12");
  g_assert_cmpstr (p->external_id, ==, "98323abf2296");
  g_assert_cmpstr (p->url, ==, "https://breezy.breezy.hr/p/98323abf2296-employee-12");
  g_assert_cmpstr (p->company, ==, "MS Breezy Trial");
  g_assert_cmpstr (p->date_posted, ==, "2024-02-15");
  assert_strv (p->locations, (const char * const[]) { "Chaos, FL", NULL });
  g_assert_null (p->employment_type);   /* "Other" is none */
  g_assert_true (g_str_has_prefix (p->description_text, "Salary: $0.05 – $0.06 / hour"));
  /* No places listed: the main one. */
  p = find (postings, "Open Position");
  assert_strv (p->locations, (const char * const[]) { "New York, NY", NULL });
  assert_strv (p->employment_type, (const char * const[]) { "CONTRACTOR", NULL });
}

static void
test_rippling (void)
{
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("rippling_ats_board_jobs_paginated_hunt.json", NULL, &next);
  ScraperPosting *p;

  /* Page 0 of 315. */
  g_assert_cmpstr (next, ==, "https://board.example/api?page=1");
  /* Listed once per place: one posting in two places. */
  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Business Operations Manager");
  g_assert_cmpstr (p->company, ==, "Rippling");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_ONSITE);
  assert_strv (p->locations, (const char * const[]) { "San Francisco, CA", "New York, NY", NULL });
}

static void
test_eightfold (void)
{
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) postings = parse_file ("eightfold_albemarle_jobs_trimmed.json", &title, NULL);
  ScraperPosting *p;

  g_assert_cmpstr (title, ==, "Albemarle");
  g_assert_cmpuint (postings->len, ==, 2);
  p = find (postings, "Supply Planner, Bromine S&OP");
  g_assert_cmpstr (p->external_id, ==, "1099555326551");
  g_assert_cmpstr (p->url, ==, "https://albemarle.eightfold.ai/careers/job/1099555326551");
  g_assert_cmpstr (p->company, ==, "Albemarle");
  g_assert_cmpstr (p->date_posted, ==, "2026-08-04");
  g_assert_cmpuint (g_strv_length (p->locations), ==, 2);
  g_assert_null (p->description_text);
}

/* A JSON Feed of a job board without schema.org data: the items as they
 * are, paged by next_url; a byte order mark in front is allowed. */
static void
test_json_feed_plain (void)
{
  const char feed[] =
    "\xef\xbb\xbf{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Jobs at Example\","
    " \"next_url\": \"/feed.json?page=2\","
    " \"authors\": [{\"name\": \"Example Feed\"}],"
    " \"items\": ["
    "  {\"id\": \"1\", \"url\": \"/jobs/1\", \"title\": \"GNOME Developer &amp; Maintainer\","
    "   \"content_html\": \"<p>Work on <b>GTK</b></p><script>alert(1)</script>\","
    "   \"date_published\": \"2026-11-01T10:00:00Z\", \"authors\": [{\"name\": \"Example Inc.\"}]},"
    "  {\"id\": \"2\", \"external_url\": \"https://elsewhere.example/2\", \"title\": \"Tester\","
    "   \"content_text\": \"Plain <text> & more\"},"
    "  {\"id\": \"3\"},"
    "  \"not an object\""
    " ]}";
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = scraper_feed_json_parse (feed, strlen (feed), "https://example.com/feed.json",
                                                           &title, &next, &error);
  ScraperPosting *p;

  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Jobs at Example");
  g_assert_cmpstr (next, ==, "https://example.com/feed.json?page=2");
  /* The item with neither title nor address is no posting. */
  g_assert_cmpuint (postings->len, ==, 2);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "GNOME Developer & Maintainer");
  g_assert_cmpstr (p->url, ==, "https://example.com/jobs/1");
  g_assert_cmpstr (p->company, ==, "Example Inc.");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-01");
  g_assert_nonnull (strstr (p->description_markup, "GTK"));
  g_assert_null (strstr (p->description_markup, "script"));
  p = postings->pdata[1];
  g_assert_cmpstr (p->url, ==, "https://elsewhere.example/2");
  g_assert_cmpstr (p->description_text, ==, "Plain <text> & more");
}

/* What is not a job feed says so, and nothing is made up. */
static void
test_refused (void)
{
  static const char * const cases[] = {
    "",
    "{",
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ",
    "[1, 2, 3]",
    "{\"jobs\": [{\"name\": \"x\"}]}",
    "{\"version\": \"1.0\", \"items\": []}",
    "\"just a string\"",
    "{\"data\": [\xff\xfe]}",
    "<rss version=\"2.0\"></rss>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = NULL;
      char *title = (char *) "untouched";

      g_autofree char *shown = g_strescape (cases[i], NULL);

      g_test_message ("case %u: %s", i, shown);
      g_assert_false (scraper_feed_json_sniff (cases[i], strlen (cases[i])));
      postings = scraper_feed_json_parse (cases[i], strlen (cases[i]), "https://x.example/", &title, NULL, &error);
      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
      g_assert_cmpstr (title, ==, "untouched");
    }
}

/* JSON nested a few hundred thousand deep would overflow the stack of
 * json-glib's parser: every reader refuses it first, with a reason. */
static char *
nested (guint depth,
        const char *prefix,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

static void
test_too_deep (void)
{
  g_autofree char *deep = nested (300000, "", "");
  g_autofree char *deep_board = nested (300000, "{\"jobs\": ", "}");
  g_autofree char *shallow = nested (SCRAPER_JSON_MAX_DEPTH, "", "");
  g_autofree char *deeper = nested (SCRAPER_JSON_MAX_DEPTH + 1, "", "");
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperAtsParseContext context = { 7, "acme", "https://boards.example/", 0, 0 };
  guint broken = 0;

  /* Brackets in strings, escaped quotes included, are not nesting. */
  g_assert_true (scraper_json_depth_ok ("{\"a\": \"[[[[\\\"[[[\"}", -1, 1));
  g_assert_false (scraper_json_depth_ok ("{\"a\": [1]}", -1, 1));
  g_assert_true (scraper_json_depth_ok (shallow, -1, SCRAPER_JSON_MAX_DEPTH));
  g_assert_false (scraper_json_depth_ok (deeper, -1, SCRAPER_JSON_MAX_DEPTH));

  g_assert_false (scraper_feed_json_sniff (deep, strlen (deep)));
  postings = scraper_feed_json_parse (deep, strlen (deep), "https://x.example/", NULL, NULL, &error);
  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  postings = scraper_greenhouse_parse (deep_board, strlen (deep_board), &context, &error);
  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  /* In a page, such a JSON-LD block is skipped as broken. */
  page = g_strconcat ("<html><body><script type=\"application/ld+json\">", deep, "</script>"
                      "<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", \"title\": \"Kept\"}"
                      "</script></body></html>", NULL);
  postings = scraper_jsonld_extract_postings (page, strlen (page), "https://x.example/", &broken);
  g_assert_nonnull (postings);
  g_assert_cmpuint (postings->len, ==, 1);
  g_assert_cmpuint (broken, ==, 1);
}

/* An empty page of a board is a feed with no postings, not an error. */
static void
test_empty (void)
{
  const char empty[] = "{\"offset\": 0, \"limit\": 20, \"totalCount\": 0, \"jobs\": []}";
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = scraper_feed_json_parse (empty, strlen (empty), "https://himalayas.app/jobs/api",
                                                           NULL, &next, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 0);
  g_assert_null (next);
}

/* Over HTTP */

typedef struct {
  ScraperTestServer *server;
  ScraperFetcher    *fetcher;
  GPtrArray         *postings;
  GPtrArray         *warnings;
  char              *title;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "feeds-json", NULL);
  ScraperFetchOptions options;

  f->server = scraper_test_server_new (dir);
  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.max_retries = 0;
  options.timeout_s = 10;
  f->fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  f->postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  f->warnings = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->postings);
  g_ptr_array_unref (f->warnings);
  g_free (f->title);
  g_object_unref (f->fetcher);
  scraper_test_server_free (f->server);
}

static gboolean
on_postings (GPtrArray  *postings,
             gpointer    user_data,
             GError    **error)
{
  Fixture *f = user_data;

  for (guint i = 0; i < postings->len; i++)
    g_ptr_array_add (f->postings, scraper_posting_ref (postings->pdata[i]));
  return TRUE;
}

static void
on_warning (const char *message,
            gpointer    user_data)
{
  g_ptr_array_add (((Fixture *) user_data)->warnings, g_strdup (message));
}

static void
on_title (const char *title,
          gpointer    user_data)
{
  Fixture *f = user_data;

  g_free (f->title);
  f->title = g_strdup (title);
}

static gboolean
run (Fixture             *f,
     const char          *path,
     const char          *settings,
     ScraperAdapterStats *stats,
     GError             **error)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  ScraperAdapterCallbacks callbacks = { 0 };

  source->id = 3;
  source->kind = g_strdup ("feed");
  source->url = scraper_test_server_url_for (f->server, path);
  source->settings = g_strdup (settings);
  callbacks.postings = on_postings;
  callbacks.warning = on_warning;
  callbacks.source_title = on_title;
  callbacks.user_data = f;
  memset (stats, 0, sizeof *stats);
  return scraper_adapter_run (source, f->fetcher, &callbacks, stats, NULL, error);
}

/* A board's API found by its shape, then read page after page. */
static void
test_http_pages (Fixture       *f,
                 gconstpointer  data)
{
  const char page2[] =
    "{\"offset\": 2, \"limit\": 2, \"totalCount\": 3, \"jobs\": ["
    " {\"title\": \"Third\", \"companyName\": \"C\", \"guid\": \"https://h.example/3\", \"locationRestrictions\": []}]}";
  const char page1[] =
    "{\"offset\": 0, \"limit\": 2, \"totalCount\": 3, \"jobs\": ["
    " {\"title\": \"First\", \"companyName\": \"A\", \"guid\": \"https://h.example/1\", \"locationRestrictions\": [\"Spain\"]},"
    " {\"title\": \"Second\", \"companyName\": \"B\", \"guid\": \"https://h.example/2\", \"locationRestrictions\": []}]}";
  g_autofree char *url = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats;

  scraper_test_server_add_text (f->server, "/jobs/api", "application/json", page1);
  scraper_test_server_add_text (f->server, "/jobs/api?offset=2&limit=2", "application/json", page2);
  url = scraper_test_server_url_for (f->server, "/jobs/api");
  kind = scraper_adapter_detect_kind (f->fetcher, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kind, ==, "feed");

  g_assert_true (run (f, "/jobs/api", NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->title, ==, "Himalayas");
  g_assert_cmpuint (stats.pages_fetched, ==, 2);
  g_assert_cmpuint (f->postings->len, ==, 3);
  g_assert_cmpstr (((ScraperPosting *) f->postings->pdata[2])->title, ==, "Third");
  g_assert_true (stats.complete);
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/jobs/api"), ==, 3);

  /* A JSON Feed whose pages link on to a third, and back to the first. */
  g_ptr_array_set_size (f->postings, 0);
  scraper_test_server_add_text (f->server, "/p1.json", "application/feed+json",
    "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Paged\", \"next_url\": \"/p2.json\","
    " \"items\": [{\"id\": \"a\", \"url\": \"/a\", \"title\": \"A\"}]}");
  scraper_test_server_add_text (f->server, "/p2.json", "application/feed+json",
    "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Paged\", \"next_url\": \"/p3.json\","
    " \"items\": [{\"id\": \"b\", \"url\": \"/b\", \"title\": \"B\"}]}");
  scraper_test_server_add_text (f->server, "/p3.json", "application/feed+json",
    "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Paged\", \"next_url\": \"/p1.json\","
    " \"items\": [{\"id\": \"c\", \"url\": \"/c\", \"title\": \"C\"}]}");
  g_assert_true (run (f, "/p1.json", NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->postings->len, ==, 3);
  g_assert_cmpuint (stats.pages_fetched, ==, 3);
  g_assert_true (stats.complete);

  /* At most max_pages: what was read is kept, the run is incomplete (so
   * nothing gets archived) and says why. */
  g_ptr_array_set_size (f->postings, 0);
  g_assert_true (run (f, "/p1.json", "{\"max_pages\": 2}", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->postings->len, ==, 2);
  g_assert_false (stats.complete);
  g_assert_cmpuint (f->warnings->len, ==, 1);

  /* A page that fails fails the run, with the first pages' postings kept
   * by the caller but the run not complete. */
  g_ptr_array_set_size (f->postings, 0);
  scraper_test_server_add_status (f->server, "/p2.json", 500);
  g_assert_false (run (f, "/p1.json", NULL, &stats, &error));
  g_assert_nonnull (error);
  g_assert_false (stats.complete);
}

/* Each board's real answer through the feed kind, named after the board. */
static void
test_http_boards (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *file; const char *title; guint n; } boards[] = {
    { "/remotive_api_remote_jobs_trimmed_2026-07.json", "Remotive", 4 },
    { "/remoteok_api_raw_compact_2026-08.json", "Remote OK", 4 },
    { "/jobicy_api_remote_jobs_2026-08.json", "Jobicy", 5 },
    { "/arbeitnow_api_job_board_2026-08.json", "Arbeitnow", 5 },
    { "/teamtailor_jsonfeed_with_jobposting.json", "Teamtailor", 2 },
    { "/breezy_hr_public_positions_trial_account_hunt.json", NULL, 2 },
    { "/eightfold_albemarle_jobs_trimmed.json", "Albemarle", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = scraper_test_server_url_for (f->server, boards[i].file);
      g_autofree char *kind = scraper_adapter_detect_kind (f->fetcher, url, NULL, &error);
      ScraperAdapterStats stats;

      g_test_message ("%s", boards[i].file);
      g_assert_no_error (error);
      g_assert_cmpstr (kind, ==, "feed");
      g_ptr_array_set_size (f->postings, 0);
      g_clear_pointer (&f->title, g_free);
      g_assert_true (run (f, boards[i].file, NULL, &stats, &error));
      g_assert_no_error (error);
      g_assert_true (stats.complete);
      g_assert_cmpuint (f->postings->len, ==, boards[i].n);
      g_assert_cmpstr (f->title, ==, boards[i].title);
    }
}

/* The boards' API addresses tell the kind without a request. */
static void
test_guess_from_url (void)
{
  static const char * const urls[] = {
    "https://remotive.com/api/remote-jobs?category=software-dev",
    "https://remoteok.com/api",
    "https://himalayas.app/jobs/api?limit=20",
    "https://jobicy.com/api/v2/remote-jobs?count=50",
    "https://www.arbeitnow.com/api/job-board-api",
    "https://career.teamtailor.com/jobs.json",
    "https://acme.breezy.hr/json",
    "https://ats.rippling.com/api/v2/board/acme/jobs",
    "https://acme.eightfold.ai/api/apply/v2/jobs?domain=acme.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    g_assert_cmpstr (scraper_adapter_guess_kind (urls[i]), ==, "feed");
  g_assert_null (scraper_adapter_guess_kind ("https://remotive.com/remote-jobs/software-dev"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed-json/remotive", test_remotive);
  g_test_add_func ("/feed-json/remote-ok", test_remote_ok);
  g_test_add_func ("/feed-json/himalayas", test_himalayas);
  g_test_add_func ("/feed-json/jobicy", test_jobicy);
  g_test_add_func ("/feed-json/arbeitnow", test_arbeitnow);
  g_test_add_func ("/feed-json/json-feed-teamtailor", test_json_feed_teamtailor);
  g_test_add_func ("/feed-json/breezy", test_breezy);
  g_test_add_func ("/feed-json/rippling", test_rippling);
  g_test_add_func ("/feed-json/eightfold", test_eightfold);
  g_test_add_func ("/feed-json/json-feed-plain", test_json_feed_plain);
  g_test_add_func ("/feed-json/refused", test_refused);
  g_test_add_func ("/feed-json/empty", test_empty);
  g_test_add_func ("/feed-json/too-deep", test_too_deep);
  g_test_add_func ("/feed-json/guess-from-url", test_guess_from_url);
  g_test_add ("/feed-json/http/pages", Fixture, NULL, fixture_set_up, test_http_pages, fixture_tear_down);
  g_test_add ("/feed-json/http/boards", Fixture, NULL, fixture_set_up, test_http_boards, fixture_tear_down);

  return g_test_run ();
}
