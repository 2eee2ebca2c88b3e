/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The applicant-tracking-system adapters: per-fixture field expectations
 * through the network-free parsers, bad input, URL derivation, and whole
 * runs over HTTP against servers on 127.0.0.1. */
#define G_LOG_DOMAIN "test-adapter-ats"

#include "config.h"

#include <libxml/parser.h>
#include <math.h>
#include <string.h>

#include "scraper-adapter-ats.h"
#include "scraper-adapter-private.h"
#include "scraper-test-server.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("JOB_SCRAPER_TEST_DATA");

  if (dir != NULL)
    return g_build_filename (dir, "ats", name, NULL);
  return g_build_filename (ATS_TEST_DATA, name, NULL);
}

static char *
fixture_dir (void)
{
  g_autofree char *path = fixture_path ("x");
  return g_path_get_dirname (path);
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GPtrArray *
parse_fixture (ScraperAtsParseFunc  parse,
               const char          *name,
               const char          *board,
               const char          *base_url,
               ScraperAtsParseContext *context_out)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  ScraperAtsParseContext context = { 0 };
  GPtrArray *postings;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  context.source_id = 7;
  context.board = board;
  context.base_url = base_url;
  postings = parse (data, length, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (postings);
  for (guint i = 0; i < postings->len; i++)
    g_assert_cmpint (((ScraperPosting *) g_ptr_array_index (postings, i))->source_id, ==, 7);
  if (context_out != NULL)
    *context_out = context;
  return postings;
}

static GPtrArray *
parse_text (ScraperAtsParseFunc   parse,
            const char           *text,
            GError              **error)
{
  ScraperAtsParseContext context = { 0 };

  context.source_id = 1;
  context.board = "acme";
  context.base_url = "https://acme.jobs.personio.de/xml";
  return parse (text, text != NULL ? strlen (text) : 0, &context, error);
}

#define POSTING(arr, i) ((ScraperPosting *) g_ptr_array_index ((arr), (i)))

static void
assert_strv (GStrv        strv,
             const char  *first,
             ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_nonnull (strv);
      g_assert_cmpstr (strv[i], ==, expected);
    }
  va_end (args);
  if (strv != NULL)
    g_assert_null (strv[i]);
}

static void
assert_no_salary (ScraperPosting *p)
{
  g_assert_true (isnan (p->salary_min));
  g_assert_true (isnan (p->salary_max));
  g_assert_true (isnan (p->annual_min));
  g_assert_null (p->salary_currency);
}

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */

static void
test_greenhouse_amplitude (void)
{
  ScraperAtsParseContext context;
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_greenhouse_parse,
                                                 "greenhouse_amplitude_jobs_content_trimmed.json",
                                                 "amplitude", NULL, &context);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpuint (context.total, ==, 37);

  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "8636903002");
  g_assert_cmpstr (p->title, ==, "Customer Data Scientist - Experimentation");
  g_assert_cmpstr (p->company, ==, "Amplitude");   /* "Amplitude " trimmed */
  g_assert_cmpstr (p->url, ==, "https://job-boards.greenhouse.io/amplitude/jobs/8636903002");
  g_assert_cmpstr (p->apply_url, ==, p->url);
  assert_strv (p->locations, "London, UK", NULL);
  g_assert_cmpstr (p->country, ==, "GB");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_UNKNOWN);
  assert_strv (p->employment_type, "FULL_TIME", NULL);   /* metadata "Regular" */
  g_assert_cmpstr (p->date_posted, ==, "2026-07-16");    /* first_published */
  assert_no_salary (p);
  /* content is entity-escaped HTML: unescaped, then sanitized. */
  g_assert_nonnull (p->description_text);
  g_assert_true (g_str_has_prefix (p->description_text, "Amplitude is the leading AI analytics platform"));
  g_assert_null (strstr (p->description_text, "&lt;"));
  g_assert_null (strstr (p->description_text, "<div"));
  g_assert_nonnull (p->description_markup);
  g_assert_null (strstr (p->description_markup, "content-intro"));
  g_assert_null (strstr (p->description_markup, "&lt;p&gt;"));

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->external_id, ==, "8651132002");
  g_assert_cmpstr (p->title, ==, "Emerging Account Executive (India)");
  assert_strv (p->locations, "Bangalore, India", NULL);
  g_assert_cmpstr (p->country, ==, "IN");
  /* The office is "Remote-India (PEO)". */
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->date_posted, ==, "2026-07-27");
}

static void
test_greenhouse_pay_and_remote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = parse_text (scraper_greenhouse_parse,
    "{\"jobs\": [{\"id\": 11, \"title\": \"Engineer\", \"location\": {\"name\": \"Berlin (Remote)\"},"
    " \"absolute_url\": \"https://boards.greenhouse.io/acme/jobs/11\", \"updated_at\": \"2026-01-02T03:04:05Z\","
    " \"pay_input_ranges\": [{\"min_cents\": 9000000, \"max_cents\": 12000000, \"currency_type\": \"usd\","
    " \"title\": \"US\"}]}]}", &error);
  ScraperPosting *p;

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 1);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->company, ==, "Acme");            /* from the board token */
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->date_posted, ==, "2026-01-02");  /* updated_at fallback */
  g_assert_cmpfloat (p->salary_min, ==, 90000);
  g_assert_cmpfloat (p->salary_max, ==, 120000);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpfloat (p->annual_min, ==, 90000);
}

static void
test_lever_idealist (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_lever_parse,
                                                 "lever_idealistconsulting_postings_trimmed.json",
                                                 "idealistconsulting", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "a24ec4e5-5caa-473d-abd4-b71f09a8167b");
  g_assert_cmpstr (p->title, ==, "(1099 Contract) Nonprofit Salesforce Consultant: Enterprise Project Manager");
  g_assert_cmpstr (p->company, ==, "Idealistconsulting");
  g_assert_cmpstr (p->url, ==, "https://jobs.lever.co/idealistconsulting/a24ec4e5-5caa-473d-abd4-b71f09a8167b");
  g_assert_cmpstr (p->apply_url, ==,
                   "https://jobs.lever.co/idealistconsulting/a24ec4e5-5caa-473d-abd4-b71f09a8167b/apply");
  assert_strv (p->locations, "Chicago, IL", NULL);
  g_assert_cmpstr (p->country, ==, "US");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  assert_strv (p->employment_type, "CONTRACTOR", NULL);
  /* createdAt 1764205361939 ms = 2025-11-27 01:02:41 UTC */
  g_assert_cmpstr (p->date_posted, ==, "2025-11-27");
  assert_no_salary (p);
  /* description + lists + additional, sanitized. */
  g_assert_nonnull (strstr (p->description_text, "You just might be an Idealist."));
  g_assert_nonnull (strstr (p->description_text, "How You'll Contribute"));
  g_assert_nonnull (strstr (p->description_text, "Contractor hourly rates are set"));
  g_assert_null (strstr (p->description_markup, "style="));

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->title, ==, "(1099 Contract) Salesforce for Nonprofits: Solution Architect");
  assert_strv (p->locations, "Washington, D.C.", NULL);
  /* createdAt 1674959303769 ms = 2023-01-29 02:28:23 UTC */
  g_assert_cmpstr (p->date_posted, ==, "2023-01-29");
}

static void
test_lever_spotify (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_lever_parse,
                                                 "lever_postings_spotify_trimmed_hunt.json",
                                                 "spotify", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->title, ==, "Android Engineer - Experience");
  g_assert_cmpstr (p->company, ==, "Spotify");
  assert_strv (p->locations, "London", "Stockholm", NULL);   /* allLocations */
  g_assert_cmpstr (p->country, ==, "GB");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  assert_strv (p->employment_type, "FULL_TIME", NULL);       /* "Permanent" */

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->title, ==, "Artist & Label Partnerships Contractor, Vietnam");
  assert_strv (p->locations, "Ho Chi Minh", NULL);
  g_assert_cmpstr (p->country, ==, "VN");
  assert_strv (p->employment_type, "TEMPORARY", NULL);       /* "Short Term" */
}

static void
test_lever_salary_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = parse_text (scraper_lever_parse,
    "[{\"id\": \"x1\", \"text\": \"Barista\", \"hostedUrl\": \"https://jobs.lever.co/acme/x1\","
    " \"categories\": {\"location\": \"Paris; Lyon\", \"commitment\": \"Part-time\"},"
    " \"workplaceType\": \"onsite\", \"createdAt\": 1700000000000,"
    " \"salaryRange\": {\"min\": 20, \"max\": 25, \"currency\": \"EUR\", \"interval\": \"per-hour-wage\"},"
    " \"descriptionPlain\": \"Coffee & <tea>\"}]", &error);
  ScraperPosting *p;

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 1);
  p = POSTING (postings, 0);
  assert_strv (p->locations, "Paris", "Lyon", NULL);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_ONSITE);
  assert_strv (p->employment_type, "PART_TIME", NULL);
  g_assert_cmpstr (p->apply_url, ==, p->url);
  g_assert_cmpfloat (p->salary_min, ==, 20);
  g_assert_cmpfloat (p->salary_max, ==, 25);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_HOUR);
  g_assert_cmpfloat (p->annual_min, ==, 20 * 2080);
  g_assert_cmpfloat (p->annual_max, ==, 25 * 2080);
  g_assert_cmpstr (p->date_posted, ==, "2023-11-14");
  g_assert_nonnull (strstr (p->description_text, "Coffee & <tea>"));
}

static void
test_ashby_langdock (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_ashby_parse, "ashby_langdock_eur_salary_bonus.json",
                                                 "langdock", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 3);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "f580785e-eebd-43d4-9f45-709a08d9d6c5");
  g_assert_cmpstr (p->title, ==, "AI Associate");
  g_assert_cmpstr (p->company, ==, "Langdock");
  g_assert_cmpstr (p->url, ==, "https://jobs.ashbyhq.com/langdock/f580785e-eebd-43d4-9f45-709a08d9d6c5");
  g_assert_cmpstr (p->apply_url, ==,
                   "https://jobs.ashbyhq.com/langdock/f580785e-eebd-43d4-9f45-709a08d9d6c5/application");
  assert_strv (p->locations, "Berlin", NULL);
  g_assert_cmpstr (p->country, ==, "DE");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_ONSITE);   /* isRemote: false */
  assert_strv (p->employment_type, "FULL_TIME", NULL);
  g_assert_cmpstr (p->date_posted, ==, "2025-04-07");
  /* The Salary component, not the Bonus one. */
  g_assert_cmpfloat (p->salary_min, ==, 66000);
  g_assert_cmpfloat (p->salary_max, ==, 75000);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_min, ==, 66000);
  g_assert_cmpfloat (p->annual_max, ==, 75000);
  g_assert_nonnull (p->description_text);

  /* Salary listed first in the second job, Bonus after it. */
  p = POSTING (postings, 1);
  g_assert_cmpstr (p->title, ==, "Software Engineer (Full-Stack)");
  g_assert_cmpfloat (p->salary_min, ==, 66000);
  g_assert_cmpfloat (p->salary_max, ==, 120000);
}

static void
test_ashby_centari (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_ashby_parse, "ashby_centari_usd_cad_salary_remote.json",
                                                 "centari", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 4);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->title, ==, "Senior Software Engineer, AI");
  assert_strv (p->locations, "NYC Office", "San Francisco Office", NULL);
  g_assert_cmpstr (p->country, ==, "US");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpfloat (p->salary_min, ==, 150000);
  g_assert_cmpfloat (p->salary_max, ==, 200000);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpstr (p->date_posted, ==, "2025-03-20");

  p = POSTING (postings, 2);
  g_assert_cmpstr (p->title, ==, "Senior Software Engineer, Product (Canada)");
  assert_strv (p->locations, "Canada - Ontario", "Canada - Quebec", "Canada", NULL);
  g_assert_cmpstr (p->country, ==, "CA");
  g_assert_cmpfloat (p->salary_min, ==, 130000);
  g_assert_cmpfloat (p->salary_max, ==, 185000);
  g_assert_cmpstr (p->salary_currency, ==, "CAD");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
}

static void
test_ashby_sorcerer_hourly (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_ashby_parse, "ashby_sorcerer_hourly_pay.json",
                                                 "sorcerer", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->title, ==, "Engineering Intern (Spring 2026)");
  g_assert_cmpfloat (p->salary_min, ==, 27);
  g_assert_cmpfloat (p->salary_max, ==, 35);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_HOUR);
  g_assert_cmpfloat (p->annual_min, ==, 27 * 2080);
  g_assert_cmpfloat (p->annual_max, ==, 35 * 2080);

  p = POSTING (postings, 1);
  g_assert_cmpfloat (p->salary_min, ==, 30);
  g_assert_cmpfloat (p->annual_max, ==, 42 * 2080);
}

static void
test_ashby_pawp_locations (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_ashby_parse,
                                                 "ashby_pawp_remote_many_secondary_locations.json",
                                                 "pawp", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->title, ==, "Senior iOS Engineer");
  assert_strv (p->locations, "Remote - Argentina", "Remote - Brazil", "Remote", "Remote - Chile",
               "Remote - Mexico", NULL);
  g_assert_cmpstr (p->country, ==, "AR");
  /* isRemote: false, but every location says Remote. */
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  assert_no_salary (p);   /* compensation hidden: empty components */

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->title, ==, "Licensed Veterinarian (Remote - Independent Contractor)");
  g_assert_cmpuint (g_strv_length (p->locations), ==, 14);
  g_assert_cmpstr (p->locations[0], ==, "United States - Remote");
  g_assert_cmpstr (p->locations[13], ==, "Pennsylvania, United States - Remote");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  assert_strv (p->employment_type, "CONTRACTOR", NULL);
  g_assert_cmpstr (p->country, ==, "US");
}

static void
test_ashby_loancrate_zero_lower_bound (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_ashby_parse,
                                                 "ashby_loancrate_zero_lower_bound_salary.json",
                                                 "loancrate", NULL, NULL);
  ScraperPosting *p = POSTING (postings, 0);

  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpstr (p->title, ==, "Staff Product Designer");
  /* Kept as given. */
  g_assert_cmpfloat (p->salary_min, ==, 0);
  g_assert_cmpfloat (p->salary_max, ==, 500000);
  g_assert_cmpfloat (p->annual_max, ==, 500000);
  g_assert_cmpfloat (POSTING (postings, 1)->salary_max, ==, 750000);
}

static void
test_ashby_empty_board (void)
{
  ScraperAtsParseContext context;
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_ashby_parse, "ashby_kraken_empty_board.json",
                                                 "kraken", NULL, &context);

  g_assert_cmpuint (postings->len, ==, 0);
  g_assert_cmpuint (context.n_items, ==, 0);
}

static void
test_workable_duplicate_shortcode (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_workable_parse, "workable_widget_zaelab_trimmed.json",
                                                 "zaelab", NULL, NULL);
  ScraperPosting *p;

  /* The same shortcode twice, once per country: one posting, two places. */
  g_assert_cmpuint (postings->len, ==, 1);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "DD136DD7E7");
  g_assert_cmpstr (p->title, ==, "Business Analyst - Spanish Speaking");
  g_assert_cmpstr (p->company, ==, "Zaelab");
  g_assert_cmpstr (p->url, ==, "https://apply.workable.com/j/DD136DD7E7");
  g_assert_cmpstr (p->apply_url, ==, p->url);
  assert_strv (p->locations, "Spain", "Portugal", NULL);
  g_assert_cmpstr (p->country, ==, "ES");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);   /* telecommuting */
  g_assert_cmpstr (p->date_posted, ==, "2026-08-05");       /* published_on */
  assert_no_salary (p);
}

static void
test_smartrecruiters_ubisoft (void)
{
  ScraperAtsParseContext context;
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_smartrecruiters_parse,
                                                 "smartrecruiters_postings_ubisoft_hunt.json",
                                                 "Ubisoft2", NULL, &context);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpuint (context.total, ==, 310);
  g_assert_cmpuint (context.n_items, ==, 2);

  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "744000151912444");
  g_assert_cmpstr (p->title, ==, "Spécialiste Fiabilité outils et infrastructures - TGQF");
  g_assert_cmpstr (p->company, ==, "Ubisoft");
  g_assert_cmpstr (p->url, ==, "https://jobs.smartrecruiters.com/Ubisoft2/744000151912444");
  assert_strv (p->locations, "Montreal, QC, Canada", NULL);
  g_assert_cmpstr (p->country, ==, "CA");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_ONSITE);
  assert_strv (p->employment_type, "FULL_TIME", NULL);
  g_assert_cmpstr (p->date_posted, ==, "2026-09-25");

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->title, ==, "CRM Webmarketing Assistant");
  assert_strv (p->locations, "Paris, IDF, France", NULL);
  g_assert_cmpstr (p->country, ==, "FR");
  assert_strv (p->employment_type, "INTERN", NULL);
}

static void
test_recruitee_acme (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_recruitee_parse,
                                                 "recruitee_offers_employer_sanitized.json",
                                                 "acme", NULL, NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 2);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "2700825");
  g_assert_cmpstr (p->title, ==, "(Senior) Financial Accountant (f/m/d) - Berlin/Brandenburg Region, Germany");
  g_assert_cmpstr (p->company, ==, "Acme");
  g_assert_cmpstr (p->url, ==,
                   "https://jobs.acme.com/o/senior-financial-accountant-fmd-berlinbrandenburg-region-germany");
  g_assert_cmpstr (p->apply_url, ==,
                   "https://jobs.acme.com/o/senior-financial-accountant-fmd-berlinbrandenburg-region-germany/c/new");
  assert_strv (p->locations, "Berlin, Berlin, Germany", NULL);
  g_assert_cmpstr (p->country, ==, "DE");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  assert_strv (p->employment_type, "FULL_TIME", NULL);   /* fulltime_permanent */
  g_assert_cmpstr (p->date_posted, ==, "2026-08-05");
  /* Numbers given as strings. */
  g_assert_cmpfloat (p->salary_min, ==, 60000);
  g_assert_cmpfloat (p->salary_max, ==, 75000);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_min, ==, 60000);
  /* description and requirements */
  g_assert_nonnull (strstr (p->description_text, "How you will make an impact"));
  g_assert_nonnull (strstr (p->description_text, "What we expect from you"));

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->external_id, ==, "2697184");
  g_assert_cmpstr (p->date_posted, ==, "2026-07-31");
  g_assert_cmpfloat (p->salary_min, ==, 75000);
  g_assert_cmpfloat (p->salary_max, ==, 90000);
}

static void
test_personio_demo (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_personio_parse,
                                                 "personio_xml_positions_demo_account.xml", "demo",
                                                 "https://demo.jobs.personio.de/xml", NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 11);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "2140231");
  g_assert_cmpstr (p->title, ==, "Copy of Junior Compliance and Immigrations Manager");
  g_assert_cmpstr (p->company, ==, "Parent Ltd.");
  g_assert_cmpstr (p->url, ==, "https://demo.jobs.personio.de/job/2140231");
  g_assert_cmpstr (p->apply_url, ==, "https://demo.jobs.personio.de/job/2140231#apply");
  assert_strv (p->locations, "London", NULL);
  assert_strv (p->employment_type, "FULL_TIME", NULL);
  g_assert_cmpstr (p->date_posted, ==, "2024-09-24");
  g_assert_cmpstr (p->seniority, ==, "mid");
  g_assert_nonnull (strstr (p->description_text, "Your mission"));
  g_assert_nonnull (strstr (p->description_text, "International Affairs Office Manager"));
  g_assert_null (strstr (p->description_text, "CDATA"));
  g_assert_null (strstr (p->description_markup, "<br>"));   /* sanitized to <br/> or newlines */

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->title, ==, "General Application");
  g_assert_cmpstr (p->company, ==, "Subsidiary NL");
  assert_strv (p->locations, "Remote", NULL);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  assert_strv (p->employment_type, "FULL_TIME", "PART_TIME", NULL);   /* full-or-part-time */
  g_assert_cmpstr (p->seniority, ==, "junior");

  p = POSTING (postings, 8);
  g_assert_cmpstr (p->title, ==, "SEO Marketing Managers");
  g_assert_cmpstr (p->company, ==, "Demo");   /* no subcompany: the board */
  g_assert_cmpstr (p->date_posted, ==, "2017-05-23");

  p = POSTING (postings, 9);
  g_assert_cmpstr (p->title, ==, "Social Media (Working Student)");
  assert_strv (p->employment_type, "PART_TIME", "INTERN", NULL);
  g_assert_cmpstr (p->seniority, ==, "intern");
}

static void
test_personio_lorem_whitespace (void)
{
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_personio_parse, "personio_xml_example_jobs_lorem.xml",
                                                 "example", "https://example.jobs.personio.com/xml", NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 3);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "681100");
  g_assert_cmpstr (p->title, ==, "General Application");
  g_assert_cmpstr (p->url, ==, "https://example.jobs.personio.com/job/681100");
  assert_strv (p->locations, "Remote", NULL);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->date_posted, ==, "2018-10-22");
  g_assert_true (g_str_has_prefix (p->description_text, "Your mission"));
  /* The sanitized markup is the Pango-safe subset: headings bold, list
   * items as bullets. */
  g_assert_true (g_str_has_prefix (p->description_markup, "<b>Your mission</b>"));
  g_assert_nonnull (strstr (p->description_markup, "\u2022 Stet clita kasd gubergren"));
}

static void
test_personio_duplicate_id (void)
{
  ScraperAtsParseContext context;
  g_autoptr(GPtrArray) postings = parse_fixture (scraper_personio_parse, "personio_xml_feed_sanitized.xml",
                                                 "acme", "https://acme.jobs.personio.de/xml", &context);
  ScraperPosting *p;

  g_assert_cmpuint (context.n_items, ==, 2);
  g_assert_cmpuint (postings->len, ==, 1);
  p = POSTING (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "1834171");
  g_assert_cmpstr (p->title, ==, "Staff Software Engineer, Data Platform");
  g_assert_cmpstr (p->company, ==, "Acme SE & Co. KG");
  assert_strv (p->locations, "Munich", "Berlin", NULL);   /* additionalOffices */
  assert_strv (p->employment_type, "FULL_TIME", NULL);
  g_assert_cmpstr (p->date_posted, ==, "2024-11-13");
  g_assert_null (p->description_text);   /* <jobDescriptions></jobDescriptions> */
}

static void
test_personio_malformed (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("personio_xml_positions_faulty_malformed.xml");
  g_autoptr(GError) error = NULL;
  ScraperAtsParseContext context = { 0 };
  GPtrArray *postings;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  context.board = "faulty";
  postings = scraper_personio_parse (data, length, &context, &error);
  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "faulty"));
  g_assert_nonnull (strstr (error->message, "XML"));
}

static void
test_personio_entities_not_expanded (void)
{
  /* An internal entity must not grow the document (no XML_PARSE_NOENT);
   * an external one must not be loaded (XML_PARSE_NONET). */
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = parse_text (scraper_personio_parse,
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE workzag-jobs [<!ENTITY ext SYSTEM \"http://127.0.0.1:9/x\">]>\n"
    "<workzag-jobs><position><id>1</id><name>Dev &ext;</name><office>Berlin</office></position>"
    "<position><id>2</id><name>  </name></position></workzag-jobs>", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 1);   /* the nameless one is skipped */
  g_assert_true (g_str_has_prefix (POSTING (postings, 0)->title, "Dev"));
}

/* ------------------------------------------------------------------ */
/* Bad input                                                           */

typedef struct {
  const char          *kind;
  ScraperAtsParseFunc  parse;
} KindParser;

static const KindParser json_kinds[] = {
  { "greenhouse", scraper_greenhouse_parse },
  { "lever", scraper_lever_parse },
  { "ashby", scraper_ashby_parse },
  { "workable", scraper_workable_parse },
  { "smartrecruiters", scraper_smartrecruiters_parse },
  { "recruitee", scraper_recruitee_parse },
};

static void
assert_parse_error (ScraperAtsParseFunc  parse,
                    const char          *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *postings = parse_text (parse, text, &error);

  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  /* The message names the board. */
  g_assert_nonnull (strstr (error->message, "acme"));
}

static void
test_bad_html_error_page (void)
{
  const char *html = "<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>";

  for (guint i = 0; i < G_N_ELEMENTS (json_kinds); i++)
    assert_parse_error (json_kinds[i].parse, html);
  assert_parse_error (scraper_personio_parse, html);
}

static void
test_bad_empty_body (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_kinds); i++)
    assert_parse_error (json_kinds[i].parse, "");
  assert_parse_error (scraper_personio_parse, "");
}

static void
test_bad_truncated_json (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_kinds); i++)
    assert_parse_error (json_kinds[i].parse, "{\"jobs\": [{\"id\": 1, \"title\": \"Eng");
}

static void
test_bad_invalid_utf8 (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_kinds); i++)
    assert_parse_error (json_kinds[i].parse, "{\"jobs\": [], \"x\": \"\xff\xfe\"}");
}

static void
test_bad_wrong_root_type (void)
{
  /* Lever answers an array; the others an object. */
  assert_parse_error (scraper_lever_parse, "{\"ok\": false, \"error\": \"Document not found\"}");
  assert_parse_error (scraper_greenhouse_parse, "[]");
  assert_parse_error (scraper_ashby_parse, "42");
  assert_parse_error (scraper_workable_parse, "\"jobs\"");
  assert_parse_error (scraper_smartrecruiters_parse, "null");
  assert_parse_error (scraper_recruitee_parse, "[{\"offers\": []}]");
}

static void
test_bad_missing_list_member (void)
{
  assert_parse_error (scraper_greenhouse_parse, "{\"status\": 404, \"error\": \"Job not found\"}");
  assert_parse_error (scraper_ashby_parse, "{\"jobs\": {\"id\": 1}}");
  assert_parse_error (scraper_workable_parse, "{\"name\": \"Acme\"}");
  assert_parse_error (scraper_smartrecruiters_parse, "{\"totalFound\": 3, \"content\": \"x\"}");
  assert_parse_error (scraper_recruitee_parse, "{\"offers\": null}");
  assert_parse_error (scraper_personio_parse, "<?xml version=\"1.0\"?><rss><channel/></rss>");
}

static void
test_bad_wrong_member_types (void)
{
  /* Every member of the wrong type is skipped; entries that are no objects
   * or have no title are dropped; nothing crashes. */
  static const struct { ScraperAtsParseFunc parse; const char *json; } cases[] = {
    { scraper_greenhouse_parse,
      "{\"jobs\": [7, null, \"x\", {\"title\": 5}, {\"id\": {\"a\": 1}, \"title\": \"Ok\", \"location\": \"Berlin\","
      " \"absolute_url\": 3, \"content\": [1], \"updated_at\": 20260101, \"offices\": {\"name\": 1},"
      " \"metadata\": [1, {\"name\": 2, \"value\": []}], \"pay_input_ranges\": [{\"min_cents\": \"a\"}],"
      " \"company_name\": false}], \"meta\": {\"total\": \"many\"}}" },
    { scraper_lever_parse,
      "[1, [], {\"text\": null}, {\"id\": 5, \"text\": \"Ok\", \"categories\": [\"x\"], \"createdAt\": \"today\","
      " \"salaryRange\": {\"min\": \"lots\", \"max\": true, \"currency\": 1, \"interval\": 2},"
      " \"workplaceType\": 3, \"country\": 4, \"lists\": {\"text\": 1}, \"description\": 2}]" },
    { scraper_ashby_parse,
      "{\"jobs\": [false, {\"id\": 1, \"title\": \"Ok\", \"location\": 3, \"secondaryLocations\": \"x\","
      " \"isRemote\": \"yes\", \"publishedAt\": 5, \"compensation\": {\"summaryComponents\": [1,"
      " {\"compensationType\": \"Salary\", \"minValue\": \"x\", \"maxValue\": null}],"
      " \"compensationTiers\": [{\"components\": 4}]}, \"address\": []}]}" },
    { scraper_workable_parse,
      "{\"name\": 4, \"jobs\": [null, {\"shortcode\": [1], \"title\": \"Ok\", \"telecommuting\": \"true\","
      " \"locations\": [1, {\"country\": 2, \"hidden\": \"no\"}], \"published_on\": {}, \"country\": 9}]}" },
    { scraper_smartrecruiters_parse,
      "{\"totalFound\": \"310\", \"content\": [3, {\"id\": 44, \"name\": \"Ok\", \"location\": \"Paris\","
      " \"company\": \"Acme\", \"typeOfEmployment\": 3, \"releasedDate\": false}]}" },
    { scraper_recruitee_parse,
      "{\"offers\": [\"x\", {\"id\": \"9\", \"title\": \"Ok\", \"salary\": {\"min\": [], \"max\": {},"
      " \"period\": 1, \"currency\": 2}, \"remote\": \"true\", \"locations\": [1, 2], \"location\": 5,"
      " \"description\": 1, \"requirements\": null}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = parse_text (cases[i].parse, cases[i].json, &error);
      ScraperPosting *p;

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpuint (postings->len, ==, 1);
      p = POSTING (postings, 0);
      g_assert_cmpstr (p->title, ==, "Ok");
      g_assert_true (isnan (p->salary_min));
      g_assert_null (p->date_posted);
    }
}

static void
test_bad_empty_boards (void)
{
  static const struct { ScraperAtsParseFunc parse; const char *text; } cases[] = {
    { scraper_greenhouse_parse, "{\"jobs\": [], \"meta\": {\"total\": 0}}" },
    { scraper_lever_parse, "[]" },
    { scraper_ashby_parse, "{\"jobs\": [], \"apiVersion\": \"1\"}" },
    { scraper_workable_parse, "{\"name\": \"Acme\", \"jobs\": []}" },
    { scraper_smartrecruiters_parse, "{\"offset\": 0, \"limit\": 100, \"totalFound\": 0, \"content\": []}" },
    { scraper_recruitee_parse, "{\"offers\": []}" },
    { scraper_personio_parse, "<?xml version=\"1.0\"?><workzag-jobs/>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = parse_text (cases[i].parse, cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_nonnull (postings);
      g_assert_cmpuint (postings->len, ==, 0);
    }
}

/* ------------------------------------------------------------------ */
/* URL derivation                                                      */

static void
test_url_derivation (void)
{
  static const struct { const char *kind, *url, *api, *board; } cases[] = {
    { "greenhouse", "https://boards.greenhouse.io/amplitude",
      "https://boards-api.greenhouse.io/v1/boards/amplitude/jobs?content=true", "amplitude" },
    { "greenhouse", "https://job-boards.greenhouse.io/amplitude/jobs/8636903002",
      "https://boards-api.greenhouse.io/v1/boards/amplitude/jobs?content=true", "amplitude" },
    { "greenhouse", "https://boards-api.greenhouse.io/v1/boards/acme/jobs",
      "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", "acme" },
    { "greenhouse", "https://boards.greenhouse.io/embed/job_board?for=acme&b=x",
      "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", "acme" },
    { "greenhouse", "https://job-boards.eu.greenhouse.io/acme",
      "https://boards-api.eu.greenhouse.io/v1/boards/acme/jobs?content=true", "acme" },
    { "greenhouse", "http://127.0.0.1:8080/gh/v1/boards/acme/jobs",
      "http://127.0.0.1:8080/gh/v1/boards/acme/jobs", "acme" },
    { "lever", "https://jobs.lever.co/spotify",
      "https://api.lever.co/v0/postings/spotify?mode=json", "spotify" },
    { "lever", "https://jobs.lever.co/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1/apply",
      "https://api.lever.co/v0/postings/spotify?mode=json", "spotify" },
    { "lever", "https://api.lever.co/v0/postings/spotify?mode=json&limit=5",
      "https://api.lever.co/v0/postings/spotify?mode=json", "spotify" },
    { "lever", "https://jobs.eu.lever.co/acme",
      "https://api.eu.lever.co/v0/postings/acme?mode=json", "acme" },
    { "lever", "http://localhost:1234/lever/v0/postings/acme",
      "http://localhost:1234/lever/v0/postings/acme", "acme" },
    { "ashby", "https://jobs.ashbyhq.com/langdock",
      "https://api.ashbyhq.com/posting-api/job-board/langdock?includeCompensation=true", "langdock" },
    { "ashby", "https://jobs.ashbyhq.com/langdock/f580785e-eebd-43d4-9f45-709a08d9d6c5",
      "https://api.ashbyhq.com/posting-api/job-board/langdock?includeCompensation=true", "langdock" },
    { "ashby", "https://api.ashbyhq.com/posting-api/job-board/kraken.com",
      "https://api.ashbyhq.com/posting-api/job-board/kraken.com?includeCompensation=true", "kraken.com" },
    { "workable", "https://apply.workable.com/zaelab/",
      "https://apply.workable.com/api/v1/widget/accounts/zaelab", "zaelab" },
    { "workable", "https://apply.workable.com/api/v1/widget/accounts/zaelab",
      "https://apply.workable.com/api/v1/widget/accounts/zaelab", "zaelab" },
    { "workable", "https://zaelab.workable.com/",
      "https://apply.workable.com/api/v1/widget/accounts/zaelab", "zaelab" },
    { "smartrecruiters", "https://careers.smartrecruiters.com/Ubisoft2",
      "https://api.smartrecruiters.com/v1/companies/Ubisoft2/postings", "Ubisoft2" },
    { "smartrecruiters", "https://jobs.smartrecruiters.com/Ubisoft2/744000151912444",
      "https://api.smartrecruiters.com/v1/companies/Ubisoft2/postings", "Ubisoft2" },
    { "smartrecruiters", "https://api.smartrecruiters.com/v1/companies/Ubisoft2/postings?limit=10",
      "https://api.smartrecruiters.com/v1/companies/Ubisoft2/postings", "Ubisoft2" },
    { "recruitee", "https://acme.recruitee.com/",
      "https://acme.recruitee.com/api/offers/", "acme" },
    { "recruitee", "https://acme.recruitee.com/o/senior-financial-accountant",
      "https://acme.recruitee.com/api/offers/", "acme" },
    { "recruitee", "https://jobs.acme.com/api/offers/",
      "https://jobs.acme.com/api/offers/", "jobs.acme.com" },
    { "personio", "https://acme.jobs.personio.de/",
      "https://acme.jobs.personio.de/xml", "acme" },
    { "personio", "https://acme.jobs.personio.com/job/1834171?display=en",
      "https://acme.jobs.personio.com/xml", "acme" },
    { "personio", "https://acme.jobs.personio.de/xml?language=de",
      "https://acme.jobs.personio.de/xml", "acme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *board = NULL;
      g_autofree char *api = scraper_ats_api_url (cases[i].kind, cases[i].url, &board, &error);

      g_test_message ("%s %s", cases[i].kind, cases[i].url);
      g_assert_no_error (error);
      g_assert_cmpstr (api, ==, cases[i].api);
      g_assert_cmpstr (board, ==, cases[i].board);
    }
}

/* The company a board names: a slug reads as words; a host (an API
 * document found off the board's own site) by its domain; an address
 * names nobody. */
static void
test_company_from_board (void)
{
  static const struct { const char *board, *company; } cases[] = {
    { "acme-corp", "Acme Corp" },
    { "acme_labs", "Acme Labs" },
    { "jobs.acme.com", "Acme" },
    { "careers.acme-corp.io", "Acme Corp" },
    { "jobs.acme.co.uk", "Acme" },
    { "127.0.0.1", NULL },
    { "::1", NULL },
    { "localhost", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *company = scraper_ats_company_from_board (cases[i].board);

      g_assert_cmpstr (company, ==, cases[i].company);
    }
  g_assert_null (scraper_ats_company_from_board (NULL));
}

/* A Personio feed that defines entities (a "billion laughs") is refused
 * before any text of it is read. */
static void
test_personio_entities_refused (void)
{
  const char doc[] =
    "<?xml version=\"1.0\"?><!DOCTYPE workzag-jobs [<!ENTITY a \"aaaaaaaaaa\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
    "<workzag-jobs><position><id>1</id><name>&b;</name></position></workzag-jobs>";
  ScraperAtsParseContext context = { 1, "acme", "https://acme.jobs.personio.de/xml", 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = scraper_personio_parse (doc, strlen (doc), &context, &error);

  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "entities"));
}

static void
test_url_no_board (void)
{
  static const struct { const char *kind, *url; gint code; } cases[] = {
    { "greenhouse", "https://boards.greenhouse.io/", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "greenhouse", "https://boards.greenhouse.io/embed/job_board", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "lever", "https://jobs.lever.co", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "ashby", "https://api.ashbyhq.com/posting-api/", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "workable", "https://apply.workable.com/j/DD136DD7E7", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "smartrecruiters", "https://careers.smartrecruiters.com/", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "recruitee", "https://recruitee.com/", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "personio", "https://www.personio.de/", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "lever", "ftp://jobs.lever.co/acme", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "lever", "not a url", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "lever", "https://jobs.lever.co/acme%2F..%2Fx", SCRAPER_ADAPTER_ERROR_SETTINGS },
    { "indeed", "https://indeed.com/acme", SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *board = NULL;
      g_autofree char *api = scraper_ats_api_url (cases[i].kind, cases[i].url, &board, &error);

      g_test_message ("%s %s", cases[i].kind, cases[i].url);
      g_assert_null (api);
      g_assert_null (board);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, cases[i].code);
    }
}

/* ------------------------------------------------------------------ */
/* Runs over HTTP                                                      */

typedef struct {
  GPtrArray  *postings;       /* every posting delivered */
  guint       batches;
  guint       last_done;
  guint       last_total;
  guint       progress_calls;
  GPtrArray  *warnings;
  char       *etag;           /* validators kept for one URL */
  char       *last_modified;
  char       *validator_url;
  gboolean    refuse;         /* the consumer refuses the first batch */
} Sink;

static gboolean
sink_postings (GPtrArray  *postings,
               gpointer    user_data,
               GError    **error)
{
  Sink *sink = user_data;

  if (sink->refuse)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "store is full");
      return FALSE;
    }
  sink->batches++;
  g_assert_cmpuint (postings->len, >, 0);
  g_assert_cmpuint (postings->len, <=, SCRAPER_ATS_BATCH_SIZE);
  for (guint i = 0; i < postings->len; i++)
    g_ptr_array_add (sink->postings, scraper_posting_ref (g_ptr_array_index (postings, i)));
  return TRUE;
}

static void
sink_progress (guint       done,
               guint       total,
               const char *message,
               gpointer    user_data)
{
  Sink *sink = user_data;

  g_assert_nonnull (message);
  g_assert_true (total == 0 || done <= total);
  sink->progress_calls++;
  sink->last_done = done;
  sink->last_total = total;
}

static void
sink_get_validators (const char  *url,
                     char       **etag,
                     char       **last_modified,
                     gpointer     user_data)
{
  Sink *sink = user_data;

  if (g_strcmp0 (url, sink->validator_url) == 0)
    {
      *etag = g_strdup (sink->etag);
      *last_modified = g_strdup (sink->last_modified);
    }
}

static void
sink_set_validators (const char *url,
                     const char *etag,
                     const char *last_modified,
                     gpointer    user_data)
{
  Sink *sink = user_data;

  g_free (sink->validator_url);
  g_free (sink->etag);
  g_free (sink->last_modified);
  sink->validator_url = g_strdup (url);
  sink->etag = g_strdup (etag);
  sink->last_modified = g_strdup (last_modified);
}

static void
sink_warning (const char *message,
              gpointer    user_data)
{
  Sink *sink = user_data;

  g_ptr_array_add (sink->warnings, g_strdup (message));
}

static void
sink_init (Sink                    *sink,
           ScraperAdapterCallbacks *callbacks)
{
  memset (sink, 0, sizeof *sink);
  sink->postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  sink->warnings = g_ptr_array_new_with_free_func (g_free);

  memset (callbacks, 0, sizeof *callbacks);
  callbacks->postings = sink_postings;
  callbacks->progress = sink_progress;
  callbacks->get_validators = sink_get_validators;
  callbacks->set_validators = sink_set_validators;
  callbacks->warning = sink_warning;
  callbacks->user_data = sink;
}

static void
sink_clear (Sink *sink)
{
  g_clear_pointer (&sink->postings, g_ptr_array_unref);
  g_clear_pointer (&sink->warnings, g_ptr_array_unref);
  g_clear_pointer (&sink->etag, g_free);
  g_clear_pointer (&sink->last_modified, g_free);
  g_clear_pointer (&sink->validator_url, g_free);
}

static ScraperFetcher *
make_fetcher (void)
{
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.max_retries = 0;
  options.timeout_s = 10;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  return fetcher;
}

static ScraperSource *
make_source (const char *kind,
             const char *url)
{
  ScraperSource *source = scraper_source_new ();

  source->id = 42;
  source->kind = g_strdup (kind);
  source->url = g_strdup (url);
  source->name = g_strdup (kind);
  source->enabled = TRUE;
  return source;
}

static void
test_http_greenhouse_gensite_layout (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (dir);
  g_autoptr(GBytes) body = load_fixture ("greenhouse_amplitude_jobs_content_trimmed.json");
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  scraper_test_server_add_bytes (server, "/gh/v1/boards/amplitude/jobs", "application/json",
                                 g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  url = scraper_test_server_url_for (server, "/gh/v1/boards/amplitude/jobs");
  source = make_source ("greenhouse", url);
  sink_init (&sink, &callbacks);

  g_assert_true (scraper_adapter_greenhouse_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (stats.pages_fetched, ==, 1);
  g_assert_cmpuint (stats.postings_found, ==, 2);
  g_assert_cmpuint (sink.postings->len, ==, 2);
  g_assert_cmpuint (sink.batches, ==, 1);
  g_assert_cmpint (POSTING (sink.postings, 0)->source_id, ==, 42);
  g_assert_cmpstr (POSTING (sink.postings, 0)->company, ==, "Amplitude");
  g_assert_cmpuint (sink.last_done, ==, 2);
  g_assert_cmpuint (sink.last_total, ==, 2);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/gh/v1/boards/amplitude/jobs"), ==, 1);
  sink_clear (&sink);
}

static void
test_http_empty_board (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (dir);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  url = scraper_test_server_url_for (server, "/ashby_kraken_empty_board.json");
  source = make_source ("ashby", url);
  sink_init (&sink, &callbacks);

  /* An empty board was read whole: complete, so its old postings may go. */
  g_assert_true (scraper_adapter_ashby_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (stats.postings_found, ==, 0);
  g_assert_cmpuint (sink.batches, ==, 0);
  g_assert_cmpuint (sink.postings->len, ==, 0);
  g_assert_cmpuint (sink.progress_calls, >, 0);
  sink_clear (&sink);
}

static void
test_http_board_404 (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  url = scraper_test_server_url_for (server, "/lever/v0/postings/nosuchco");
  source = make_source ("lever", url);
  sink_init (&sink, &callbacks);

  g_assert_false (scraper_adapter_lever_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "nosuchco"));
  g_assert_nonnull (strstr (error->message, "Lever"));
  g_assert_false (stats.complete);
  g_assert_cmpuint (sink.postings->len, ==, 0);
  sink_clear (&sink);
}

static void
test_http_html_error_page (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  scraper_test_server_add_text (server, "/posting-api/job-board/acme", "text/html",
                                "<html><body>Maintenance</body></html>");
  url = scraper_test_server_url_for (server, "/posting-api/job-board/acme");
  source = make_source ("ashby", url);
  sink_init (&sink, &callbacks);

  g_assert_false (scraper_adapter_ashby_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "acme"));
  g_assert_false (stats.complete);
  g_assert_cmpuint (sink.postings->len, ==, 0);
  sink_clear (&sink);
}

static void
test_http_not_modified (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(GBytes) body = load_fixture ("personio_xml_feed_sanitized.xml");
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  scraper_test_server_add_cacheable (server, "/acme/xml", "application/xml", text,
                                     "\"v1\"", "Tue, 03 Mar 2026 10:00:00 GMT");
  url = scraper_test_server_url_for (server, "/acme/xml");
  source = make_source ("personio", url);
  sink_init (&sink, &callbacks);

  /* First run: read whole, validators kept. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (scraper_adapter_personio_run (source, fetcher, &callbacks, &stats, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (stats.complete);
    g_assert_cmpuint (sink.postings->len, ==, 1);
    g_assert_true (g_str_has_suffix (POSTING (sink.postings, 0)->url, "/acme/job/1834171"));
    g_assert_cmpstr (sink.validator_url, ==, url);
    g_assert_cmpstr (sink.etag, ==, "\"v1\"");
  }

  /* Second run: 304, nothing delivered, not complete (nothing archived). */
  {
    g_autoptr(GError) error = NULL;
    ScraperAdapterStats stats2 = { 0 };

    g_ptr_array_set_size (sink.postings, 0);
    g_assert_true (scraper_adapter_personio_run (source, fetcher, &callbacks, &stats2, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (stats2.complete);
    g_assert_cmpuint (stats2.postings_found, ==, 0);
    g_assert_cmpuint (sink.postings->len, ==, 0);
    g_assert_cmpuint (scraper_test_server_get_hits (server, "/acme/xml"), ==, 2);
  }
  sink_clear (&sink);
}

static void
test_http_consumer_refuses (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (dir);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  /* A non-recruitee host: the fixture file is the API document. */
  url = scraper_test_server_url_for (server, "/recruitee_offers_employer_sanitized.json");
  source = make_source ("recruitee", url);
  sink_init (&sink, &callbacks);
  sink.refuse = TRUE;

  g_assert_false (scraper_adapter_recruitee_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_false (stats.complete);
  sink_clear (&sink);
}

static void
test_http_cancelled (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (dir);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  url = scraper_test_server_url_for (server, "/workable_widget_zaelab_trimmed.json");
  source = make_source ("workable", url);
  sink_init (&sink, &callbacks);
  g_cancellable_cancel (cancellable);

  g_assert_false (scraper_adapter_workable_run (source, fetcher, &callbacks, &stats, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (stats.complete);
  g_assert_cmpuint (sink.postings->len, ==, 0);
  sink_clear (&sink);
}

/* SmartRecruiters pages by ?offset=: the shared test server ignores query
 * strings, so this test runs a SoupServer of its own (on a thread of its
 * own, since the adapter blocks) that answers by offset. */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  char         *url;
  GMutex        lock;
  GPtrArray    *offsets;   /* char*: the offset= of each request for the board */
  guint         total;     /* postings the board has */
  gboolean      fail_second_page;
} PagedServer;

static char *
make_page (guint offset,
           guint limit,
           guint total)
{
  g_autoptr(GString) json = g_string_new (NULL);
  guint end = MIN (offset + limit, total);

  g_string_append_printf (json, "{\"offset\": %u, \"limit\": %u, \"totalFound\": %u, \"content\": [",
                          offset, limit, total);
  for (guint i = offset; i < end; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"%u\", \"name\": \"Job %u\", \"releasedDate\": \"2026-01-%02uT10:00:00Z\","
                            " \"company\": {\"identifier\": \"Acme\", \"name\": \"Acme Inc\"},"
                            " \"location\": {\"city\": \"Paris\", \"country\": \"fr\", \"remote\": %s,"
                            " \"hybrid\": false}, \"typeOfEmployment\": {\"label\": \"Full-time\"}}",
                            i > offset ? ", " : "", 1000 + i, i, 1 + i % 28, i % 2 ? "true" : "false");
  g_string_append (json, "]}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
paged_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  PagedServer *self = user_data;
  const char *offset_str = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_str = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint offset = offset_str != NULL ? (guint) g_ascii_strtoull (offset_str, NULL, 10) : 0;
  guint limit = limit_str != NULL ? (guint) g_ascii_strtoull (limit_str, NULL, 10) : 10;
  g_autofree char *body = NULL;

  /* Anything else, /robots.txt included, is not found. */
  if (!g_str_equal (path, "/v1/companies/Acme/postings"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->offsets, g_strdup (offset_str != NULL ? offset_str : "(none)"));
  g_mutex_unlock (&self->lock);
  if (self->fail_second_page && offset > 0)
    {
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html>oops</html>", 17);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    }

  body = make_page (offset, limit, self->total);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gpointer
paged_thread (gpointer data)
{
  PagedServer *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static PagedServer *
paged_server_new (guint total)
{
  PagedServer *self = g_new0 (PagedServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSList *uris;

  self->total = total;
  self->offsets = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->lock);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, paged_handler, self, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  soup_server_listen (self->server, address, 0, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (self->context);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* Drop the trailing slash. */
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';

  self->thread = g_thread_new ("paged-server", paged_thread, self);
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
paged_server_free (PagedServer *self)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_loop, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_thread_join (self->thread);

  g_main_context_push_thread_default (self->context);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->offsets);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self);
}

static void
test_http_smartrecruiters_two_pages (void)
{
  PagedServer *server = paged_server_new (130);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/v1/companies/Acme/postings", server->url);
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;
  ScraperPosting *p;

  source = make_source ("smartrecruiters", url);
  sink_init (&sink, &callbacks);

  g_assert_true (scraper_adapter_smartrecruiters_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (stats.pages_fetched, ==, 2);
  g_assert_cmpuint (stats.postings_found, ==, 130);
  g_assert_cmpuint (sink.postings->len, ==, 130);
  g_assert_cmpuint (sink.batches, ==, 2);   /* one for each page */
  g_assert_cmpuint (sink.last_done, ==, 130);
  g_assert_cmpuint (sink.last_total, ==, 130);

  g_mutex_lock (&server->lock);
  g_assert_cmpuint (server->offsets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (server->offsets, 0), ==, "0");
  g_assert_cmpstr (g_ptr_array_index (server->offsets, 1), ==, "100");
  g_mutex_unlock (&server->lock);

  p = POSTING (sink.postings, 129);
  g_assert_cmpstr (p->external_id, ==, "1129");
  g_assert_cmpstr (p->title, ==, "Job 129");
  g_assert_cmpstr (p->company, ==, "Acme Inc");
  g_assert_cmpstr (p->url, ==, "https://jobs.smartrecruiters.com/Acme/1129");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpint (POSTING (sink.postings, 128)->remote, ==, SCRAPER_REMOTE_ONSITE);
  g_assert_cmpstr (p->country, ==, "FR");

  sink_clear (&sink);
  /* The client closes its connections first, so the server sees them go. */
  g_clear_object (&fetcher);
  paged_server_free (server);
}

static void
test_http_smartrecruiters_max_pages (void)
{
  PagedServer *server = paged_server_new (250);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/v1/companies/Acme/postings", server->url);
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  source = make_source ("smartrecruiters", url);
  source->settings = g_strdup ("{\"max_pages\": 2}");
  sink_init (&sink, &callbacks);

  g_assert_true (scraper_adapter_smartrecruiters_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  /* The limit was hit: not the whole board, so nothing may be archived. */
  g_assert_false (stats.complete);
  g_assert_cmpuint (stats.pages_fetched, ==, 2);
  g_assert_cmpuint (sink.postings->len, ==, 200);
  g_assert_cmpuint (sink.warnings->len, ==, 1);
  g_assert_cmpuint (stats.warnings, ==, 1);

  sink_clear (&sink);
  /* The client closes its connections first, so the server sees them go. */
  g_clear_object (&fetcher);
  paged_server_free (server);
}

static void
test_http_smartrecruiters_bad_second_page (void)
{
  PagedServer *server = paged_server_new (150);
  g_autoptr(ScraperFetcher) fetcher = make_fetcher ();
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/v1/companies/Acme/postings", server->url);
  ScraperAdapterCallbacks callbacks;
  ScraperAdapterStats stats = { 0 };
  Sink sink;

  server->fail_second_page = TRUE;
  source = make_source ("smartrecruiters", url);
  sink_init (&sink, &callbacks);

  g_assert_false (scraper_adapter_smartrecruiters_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Acme"));
  g_assert_false (stats.complete);
  g_assert_cmpuint (sink.postings->len, ==, 100);   /* page 1 was delivered */

  sink_clear (&sink);
  /* The client closes its connections first, so the server sees them go. */
  g_clear_object (&fetcher);
  paged_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  xmlInitParser ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ats/greenhouse/amplitude", test_greenhouse_amplitude);
  g_test_add_func ("/ats/greenhouse/pay-ranges-and-remote-location", test_greenhouse_pay_and_remote);
  g_test_add_func ("/ats/lever/idealistconsulting", test_lever_idealist);
  g_test_add_func ("/ats/lever/spotify-all-locations-hybrid", test_lever_spotify);
  g_test_add_func ("/ats/lever/salary-range-hourly", test_lever_salary_range);
  g_test_add_func ("/ats/ashby/langdock-eur-salary-not-bonus", test_ashby_langdock);
  g_test_add_func ("/ats/ashby/centari-usd-cad", test_ashby_centari);
  g_test_add_func ("/ats/ashby/sorcerer-hourly", test_ashby_sorcerer_hourly);
  g_test_add_func ("/ats/ashby/pawp-secondary-locations", test_ashby_pawp_locations);
  g_test_add_func ("/ats/ashby/loancrate-zero-lower-bound", test_ashby_loancrate_zero_lower_bound);
  g_test_add_func ("/ats/ashby/kraken-empty-board", test_ashby_empty_board);
  g_test_add_func ("/ats/workable/zaelab-duplicate-shortcode", test_workable_duplicate_shortcode);
  g_test_add_func ("/ats/smartrecruiters/ubisoft", test_smartrecruiters_ubisoft);
  g_test_add_func ("/ats/recruitee/acme-string-salary", test_recruitee_acme);
  g_test_add_func ("/ats/personio/demo-account", test_personio_demo);
  g_test_add_func ("/ats/personio/lorem-irregular-whitespace", test_personio_lorem_whitespace);
  g_test_add_func ("/ats/personio/duplicate-id", test_personio_duplicate_id);
  g_test_add_func ("/ats/personio/malformed-xml", test_personio_malformed);
  g_test_add_func ("/ats/personio/entities-not-expanded", test_personio_entities_not_expanded);
  g_test_add_func ("/ats/bad-input/html-error-page", test_bad_html_error_page);
  g_test_add_func ("/ats/bad-input/empty-body", test_bad_empty_body);
  g_test_add_func ("/ats/bad-input/truncated-json", test_bad_truncated_json);
  g_test_add_func ("/ats/bad-input/invalid-utf8", test_bad_invalid_utf8);
  g_test_add_func ("/ats/bad-input/wrong-root-type", test_bad_wrong_root_type);
  g_test_add_func ("/ats/bad-input/missing-list-member", test_bad_missing_list_member);
  g_test_add_func ("/ats/bad-input/wrong-member-types", test_bad_wrong_member_types);
  g_test_add_func ("/ats/bad-input/empty-boards", test_bad_empty_boards);
  g_test_add_func ("/ats/url/derivation", test_url_derivation);
  g_test_add_func ("/ats/url/no-board", test_url_no_board);
  g_test_add_func ("/ats/company-from-board", test_company_from_board);
  g_test_add_func ("/ats/personio/entities-refused", test_personio_entities_refused);
  g_test_add_func ("/ats/http/greenhouse-gensite-layout", test_http_greenhouse_gensite_layout);
  g_test_add_func ("/ats/http/empty-board", test_http_empty_board);
  g_test_add_func ("/ats/http/board-404", test_http_board_404);
  g_test_add_func ("/ats/http/html-error-page", test_http_html_error_page);
  g_test_add_func ("/ats/http/not-modified", test_http_not_modified);
  g_test_add_func ("/ats/http/consumer-refuses-batch", test_http_consumer_refuses);
  g_test_add_func ("/ats/http/cancelled", test_http_cancelled);
  g_test_add_func ("/ats/http/smartrecruiters-two-pages", test_http_smartrecruiters_two_pages);
  g_test_add_func ("/ats/http/smartrecruiters-max-pages", test_http_smartrecruiters_max_pages);
  g_test_add_func ("/ats/http/smartrecruiters-bad-second-page", test_http_smartrecruiters_bad_second_page);

  return g_test_run ();
}
