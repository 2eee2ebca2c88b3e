/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The boards added after the first ATS kinds (bamboohr, ...): their
 * addresses, their documents without network, and whole runs against the
 * test server standing in for the board's real host (JOB_SCRAPER_REMAP). */
#define G_LOG_DOMAIN "test-adapter-boards"

#include "config.h"

#include <math.h>
#include <string.h>

#include "board-test-util.h"
#include "scraper-boards-private.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

typedef struct {
  const char *url;
  const char *kind;      /* guessed from the URL, NULL: none */
  const char *api;       /* NULL: refused */
  const char *name;      /* default name */
} UrlCase;

static void
check_urls (const char    *kind,
            const UrlCase *cases,
            guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *api = scraper_ats_api_url (kind, cases[i].url, NULL, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpstr (scraper_adapter_guess_kind (cases[i].url), ==, cases[i].kind);
      g_assert_cmpstr (api, ==, cases[i].api);
      if (cases[i].api == NULL)
        g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS);
      if (cases[i].name != NULL)
        {
          g_autofree char *name = scraper_adapter_default_name (cases[i].url, kind);
          g_assert_cmpstr (name, ==, cases[i].name);
        }
    }
  g_assert_true (scraper_source_kind_is_valid (kind));
}

/* ------------------------------------------------------------------ */
/* BambooHR                                                            */

static void
test_bamboohr_urls (void)
{
  static const UrlCase cases[] = {
    { "https://acme.bamboohr.com/careers", "bamboohr", "https://acme.bamboohr.com/careers/list", "Acme" },
    { "https://Acme-Corp.bamboohr.com/careers/101", "bamboohr",
      "https://acme-corp.bamboohr.com/careers/list", "Acme Corp" },
    { "https://acme.bamboohr.com/jobs/embed2.php?departmentId=0", "bamboohr",
      "https://acme.bamboohr.com/careers/list", NULL },
    { "https://acme.bamboohr.com/careers/list", "bamboohr", "https://acme.bamboohr.com/careers/list", NULL },
    /* Hostile or not a company's: refused. */
    { "https://www.bamboohr.com/careers", NULL, NULL, NULL },
    { "https://a.b.bamboohr.com/careers", "bamboohr", NULL, NULL },
    { "https://bamboohr.com.evil.example/careers", NULL, NULL, NULL },
    { "https://careers.example.com/jobs", NULL, NULL, NULL },
    /* A mirror of the API document. */
    { "http://mirror.example/acme/careers/list", NULL, "http://mirror.example/acme/careers/list", NULL },
  };

  check_urls ("bamboohr", cases, G_N_ELEMENTS (cases));
}

static void
test_bamboohr_parse (void)
{
  g_autofree char *list = board_test_fixture ("bamboohr", "acme-list.json");
  g_autofree char *detail = board_test_fixture ("bamboohr", "acme-detail-101.json");
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(GError) error = NULL;
  ScraperAtsParseContext context = { .source_id = 2, .board = "acme",
                                     .base_url = "https://acme.bamboohr.com/careers/list" };
  ScraperPosting *p;

  postings = scraper_bamboohr_parse (list, strlen (list), &context, &error);
  g_assert_no_error (error);
  /* The entry whose id would climb out of the path is left out. */
  g_assert_cmpuint (postings->len, ==, 3);

  p = g_ptr_array_index (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "101");
  g_assert_cmpstr (p->title, ==, "Senior Software Engineer, Payroll");
  g_assert_cmpstr (p->url, ==, "https://acme.bamboohr.com/careers/101");
  g_assert_cmpstr (p->company, ==, "Acme");
  g_assert_cmpstr (p->locations[0], ==, "Lindon, Utah, United States");
  g_assert_cmpstr (p->country, ==, "US");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_null (p->date_posted);                 /* the list has no dates */

  p = g_ptr_array_index (postings, 1);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->locations[0], ==, "Ontario, Canada");
  g_assert_cmpstr (p->country, ==, "CA");
  g_assert_cmpstr (p->employment_type[0], ==, "PART_TIME");

  p = g_ptr_array_index (postings, 2);
  g_assert_cmpstr (p->employment_type[0], ==, "CONTRACTOR");

  p = g_ptr_array_index (postings, 0);
  g_assert_true (scraper_bamboohr_apply_detail (p, detail, strlen (detail), "acme", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p->date_posted, ==, "2026-10-14");
  g_assert_nonnull (strstr (p->description_text, "Build payroll services in PHP and Go"));
  /* The pay line goes with the text, where the salary enricher reads it. */
  g_assert_nonnull (strstr (p->description_text, "$120,000 - $150,000 per year"));
  g_assert_null (strstr (p->description_markup, "onclick"));
}

static void
test_bamboohr_parse_hostile (void)
{
  static const char * const bad[] = {
    "<!DOCTYPE html><html><body>Careers</body></html>", "{\"result\": {}}", "[]", "", "{\"result\": [",
  };
  ScraperAtsParseContext context = { .board = "acme", .base_url = "https://acme.bamboohr.com/careers/list" };
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_bamboohr_parse (bad[i], strlen (bad[i]), &context, &error);

      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    }

  {
    g_autoptr(GError) error = NULL;
    const char *not_detail = "{\"result\": {\"jobOpening\": 5}}";

    posting->title = g_strdup ("Kept");
    g_assert_false (scraper_bamboohr_apply_detail (posting, not_detail, strlen (not_detail), "acme", &error));
    g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    g_assert_cmpstr (posting->title, ==, "Kept");
  }
}

static void
test_bamboohr_run (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_auto(BoardTestCollected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  ScraperPosting *p;

  board_test_serve_fixture (server, "/careers/list", "bamboohr", "acme-list.json");
  board_test_serve_fixture (server, "/careers/101/detail", "bamboohr", "acme-detail-101.json");
  board_test_serve_fixture (server, "/careers/102/detail", "bamboohr", "acme-detail-102.json");
  scraper_test_server_add_status (server, "/careers/103/detail", 500);

  g_assert_true (board_test_run (server, "acme.bamboohr.com", "bamboohr", "https://acme.bamboohr.com/careers",
                                 &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.postings->len, ==, 3);
  g_assert_cmpuint (stats.postings_found, ==, 3);
  g_assert_true (stats.complete);
  g_assert_cmpuint (c.last_done, ==, 3);
  g_assert_cmpuint (c.last_total, ==, 3);

  p = board_test_find_posting (c.postings, "101");
  g_assert_cmpstr (p->date_posted, ==, "2026-10-14");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpint (p->source_id, ==, 9);
  p = board_test_find_posting (c.postings, "102");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-02");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);

  /* The failing detail: a warning, and the posting as the list gave it. */
  g_assert_cmpuint (stats.warnings, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (c.warnings, 0), "Office Manager"));
  p = board_test_find_posting (c.postings, "103");
  g_assert_cmpstr (p->title, ==, "Office Manager");
  g_assert_cmpstr (p->locations[0], ==, "Berlin, Germany");
  g_assert_null (p->description_text);
}

static void
test_bamboohr_empty_and_cancelled (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };

  {
    g_auto(BoardTestCollected) c = { 0 };

    scraper_test_server_add_text (server, "/careers/list", "application/json", "{\"meta\":{},\"result\":[]}");
    g_assert_true (board_test_run (server, "acme.bamboohr.com", "bamboohr", "https://acme.bamboohr.com/careers",
                                   &c, &stats, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (c.postings->len, ==, 0);
    g_assert_true (stats.complete);
  }

  {
    g_auto(BoardTestCollected) c = { .cancel_after_first = cancellable };

    board_test_serve_fixture (server, "/careers/list", "bamboohr", "acme-list.json");
    board_test_serve_fixture (server, "/careers/101/detail", "bamboohr", "acme-detail-101.json");
    scraper_test_server_reset_stats (server);
    g_assert_false (board_test_run (server, "acme.bamboohr.com", "bamboohr", "https://acme.bamboohr.com/careers",
                                    &c, &stats, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (stats.complete);
    g_assert_cmpuint (scraper_test_server_get_hits (server, "/careers/102/detail"), ==, 0);
    /* The one read before the cancel was handed on. */
    g_assert_cmpuint (c.postings->len, ==, 1);
  }
}

/* ------------------------------------------------------------------ */
/* Pinpoint                                                            */

static void
test_pinpoint_urls (void)
{
  static const UrlCase cases[] = {
    { "https://northwind.pinpointhq.com/", "pinpoint", "https://northwind.pinpointhq.com/postings.json", "Northwind" },
    { "https://northwind.pinpointhq.com/en/postings/0b1f6c3e-2c9a-4d2e-9f1d-6e1b4a7c9d21", "pinpoint",
      "https://northwind.pinpointhq.com/postings.json", "Northwind" },
    { "https://northwind.pinpointhq.com/postings.json", "pinpoint",
      "https://northwind.pinpointhq.com/postings.json", NULL },
    /* The company's own domain serving its Pinpoint site. */
    { "https://careers.northwind.example/postings.json", NULL,
      "https://careers.northwind.example/postings.json", NULL },
    { "https://www.pinpointhq.com/", NULL, NULL, NULL },
    { "https://careers.northwind.example/jobs", NULL, NULL, NULL },
  };

  check_urls ("pinpoint", cases, G_N_ELEMENTS (cases));
}

static void
test_pinpoint_run (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_auto(BoardTestCollected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  ScraperPosting *p;

  board_test_serve_fixture (server, "/postings.json", "pinpoint", "northwind-postings.json");
  g_assert_true (board_test_run (server, "northwind.pinpointhq.com", "pinpoint", "https://northwind.pinpointhq.com/",
                                 &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  /* The one whose address is a script is left out. */
  g_assert_cmpuint (c.postings->len, ==, 2);

  p = board_test_find_posting (c.postings, "48213");
  g_assert_cmpstr (p->title, ==, "Senior Data Engineer");
  g_assert_cmpstr (p->url, ==, "https://northwind.pinpointhq.com/en/postings/0b1f6c3e-2c9a-4d2e-9f1d-6e1b4a7c9d21");
  g_assert_cmpstr (p->company, ==, "Northwind");
  g_assert_cmpstr (p->locations[0], ==, "Manchester");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (p->valid_through, ==, "2026-12-31");
  /* Every section of the advert, with its heading, and the pay line. */
  g_assert_nonnull (strstr (p->description_text, "You will build the pipelines"));
  g_assert_nonnull (strstr (p->description_text, "What you'll do"));
  g_assert_nonnull (strstr (p->description_text, "Own our dbt models"));
  g_assert_nonnull (strstr (p->description_text, "25 days holiday"));
  g_assert_nonnull (strstr (p->description_text, "£65,000 - £75,000 per annum"));
  g_assert_null (strstr (p->description_markup, "track()"));

  p = board_test_find_posting (c.postings, "48214");
  /* A relative address, resolved against the board's. */
  g_assert_cmpstr (p->url, ==, "https://northwind.pinpointhq.com/en/postings/5d8a4e02-7b8c-4f8e-8f0a-3c2d1e0f9a88");
  g_assert_cmpstr (p->locations[0], ==, "Leeds, West Yorkshire");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->employment_type[0], ==, "PART_TIME");
  /* A pay the employer hides stays hidden. */
  g_assert_null (strstr (p->description_text, "28,000"));
}

static void
test_pinpoint_hostile (void)
{
  static const char * const bad[] = {
    "<html>Careers</html>", "[]", "{\"data\": {}}", "", "{\"data\": [",
  };
  ScraperAtsParseContext context = { .board = "northwind", .base_url = "https://northwind.pinpointhq.com/postings.json" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_pinpoint_parse (bad[i], strlen (bad[i]), &context, &error);

      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    }
}

/* ------------------------------------------------------------------ */
/* Gem                                                                 */

static void
test_gem_urls (void)
{
  static const UrlCase cases[] = {
    { "https://jobs.gem.com/orbit", "gem", "https://api.gem.com/job_board/v0/orbit/job_posts/", "Orbit" },
    { "https://jobs.gem.com/orbit-health/am9icG9zdDpJRA1", "gem",
      "https://api.gem.com/job_board/v0/orbit-health/job_posts/", "Orbit Health" },
    { "https://api.gem.com/job_board/v0/orbit/job_posts", "gem",
      "https://api.gem.com/job_board/v0/orbit/job_posts/", NULL },
    { "https://jobs.gem.com/", "gem", NULL, NULL },
    { "https://jobs.gem.com/%2E%2E", "gem", NULL, NULL },
    { "https://www.gem.com/careers", NULL, NULL, NULL },
  };

  check_urls ("gem", cases, G_N_ELEMENTS (cases));
}

static void
test_gem_run (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_auto(BoardTestCollected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  ScraperPosting *p;

  board_test_serve_fixture (server, "/job_board/v0/orbit/job_posts/", "gem", "orbit-job-posts.json");
  g_assert_true (board_test_run (server, "api.gem.com", "gem", "https://jobs.gem.com/orbit", &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (c.postings->len, ==, 2);   /* the one without a title is left out */

  p = board_test_find_posting (c.postings, "am9icG9zdDpJRA1");
  g_assert_cmpstr (p->title, ==, "Staff Frontend Engineer");
  g_assert_cmpstr (p->url, ==, "https://jobs.gem.com/orbit/am9icG9zdDpJRA1");
  g_assert_cmpstr (p->company, ==, "Orbit");
  g_assert_cmpstr (p->locations[0], ==, "New York, NY");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-18");
  g_assert_null (strstr (p->description_markup, "iframe"));

  p = board_test_find_posting (c.postings, "am9icG9zdDpJRA2");
  g_assert_cmpstr (p->locations[0], ==, "Remote - US");    /* from its office */
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->employment_type[0], ==, "CONTRACTOR");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-21");       /* created_at when never published */
  /* The plain text, escaped, with its lines kept. */
  g_assert_nonnull (strstr (p->description_text, "Nights & weekends <sometimes>."));
}

static void
test_gem_hostile (void)
{
  static const char * const bad[] = {
    "<html>Careers</html>", "{\"jobs\": []}", "", "[{\"id\": 1",
  };
  ScraperAtsParseContext context = { .board = "orbit", .base_url = "https://api.gem.com/job_board/v0/orbit/job_posts/" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_gem_parse (bad[i], strlen (bad[i]), &context, &error);

      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    }
}

/* ------------------------------------------------------------------ */
/* Jobvite                                                             */

static void
test_jobvite_urls (void)
{
  static const UrlCase cases[] = {
    { "https://jobs.jobvite.com/acme", "jobvite", "https://jobs.jobvite.com/acme", "Acme" },
    { "https://jobs.jobvite.com/Acme-Corp/job/oQ4Xyfw1", "jobvite", "https://jobs.jobvite.com/acme-corp", "Acme Corp" },
    { "https://app.jobvite.com/CompanyJobs/Xml.aspx?c=qAcme9fw", "jobvite",
      "https://app.jobvite.com/CompanyJobs/Xml.aspx?c=qAcme9fw", NULL },
    { "http://www.jobvite.com/CompanyJobs/Careers.aspx?k=Job&c=qAcme9fw", "jobvite",
      "https://app.jobvite.com/CompanyJobs/Xml.aspx?c=qAcme9fw", NULL },
    { "https://app.jobvite.com/CompanyJobs/Xml.aspx?c=q%27%3Cx", "jobvite", NULL, NULL },
    { "https://jobs.jobvite.com/", "jobvite", NULL, NULL },
    { "https://www.jobvite.com/pricing", NULL, NULL, NULL },
  };

  check_urls ("jobvite", cases, G_N_ELEMENTS (cases));
}

static void
test_jobvite_parse (void)
{
  g_autofree char *feed = board_test_fixture ("jobvite", "acme-feed.xml");
  g_autofree char *page = board_test_fixture ("jobvite", "acme-page.html");
  g_autofree char *company_id = scraper_jobvite_find_company_id (page, strlen (page));
  g_autofree char *linked = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(GError) error = NULL;
  ScraperAtsParseContext context = { .source_id = 4, .board = "acme",
                                     .base_url = "https://app.jobvite.com/CompanyJobs/Xml.aspx?c=qAcme9fw" };
  ScraperPosting *p;
  const char *link_page = "<a href=\"https://app.jobvite.com/CompanyJobs/Careers.aspx?k=Job&amp;c=qLink5fw\">Jobs</a>";

  g_assert_cmpstr (company_id, ==, "qAcme9fw");
  linked = scraper_jobvite_find_company_id (link_page, strlen (link_page));
  g_assert_cmpstr (linked, ==, "qLink5fw");
  g_assert_null (scraper_jobvite_find_company_id ("<html>No jobs</html>", 20));

  postings = scraper_jobvite_parse (feed, strlen (feed), &context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 2);   /* the one without an address is left out */

  p = g_ptr_array_index (postings, 0);
  g_assert_cmpstr (p->external_id, ==, "oQ4Xyfw1");
  g_assert_cmpstr (p->title, ==, "Senior Site Reliability Engineer");
  g_assert_cmpstr (p->url, ==, "https://jobs.jobvite.com/acme/job/oQ4Xyfw1");
  g_assert_cmpstr (p->apply_url, ==, "https://jobs.jobvite.com/acme/job/oQ4Xyfw1/apply?nl=0");
  g_assert_cmpstr (p->company, ==, "Acme");
  g_assert_cmpstr (p->locations[0], ==, "Austin, TX");
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-20");        /* month first */
  g_assert_nonnull (strstr (p->description_text, "Terraform"));
  g_assert_null (strstr (p->description_markup, "steal"));

  p = g_ptr_array_index (postings, 1);
  g_assert_cmpstr (p->title, ==, "Payroll Specialist & Analyst");
  g_assert_cmpstr (p->apply_url, ==, p->url);                /* a script is no address */
  g_assert_cmpstr (p->date_posted, ==, "2024-02-29");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->country, ==, "US");
  g_assert_cmpstr (p->employment_type[0], ==, "PART_TIME");
  g_assert_nonnull (strstr (p->description_text, "Run payroll for 900 people."));

  g_assert_null (scraper_jobvite_date ("2/30/2026"));
  g_assert_null (scraper_jobvite_date ("11/20/2026 junk"));
}

static void
test_jobvite_hostile (void)
{
  static const char * const bad[] = {
    "<html><body>Sign in</body></html>", "<rss><channel/></rss>", "", "<result><job>",
    "<?xml version=\"1.0\"?><!DOCTYPE result [<!ENTITY a \"aaaaaaaaaa\">]><result><job><title>&a;</title></job></result>",
  };
  ScraperAtsParseContext context = { .board = "acme", .base_url = "https://app.jobvite.com/CompanyJobs/Xml.aspx?c=q" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_jobvite_parse (bad[i], strlen (bad[i]), &context, &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    }
}

static void
test_jobvite_run (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  g_autofree char *feed = board_test_fixture ("jobvite", "acme-feed.xml");
  g_autofree char *page = board_test_fixture ("jobvite", "acme-page.html");

  scraper_test_server_add_text (server, "/acme", "text/html", page);
  scraper_test_server_add_text (server, "/CompanyJobs/Xml.aspx?c=qAcme9fw", "text/xml", feed);

  {
    g_auto(BoardTestCollected) c = { 0 };

    /* The site's page names the feed; the feed has the jobs. */
    g_assert_true (board_test_run (server, "jobs.jobvite.com,app.jobvite.com", "jobvite", "https://jobs.jobvite.com/acme",
                                   &c, &stats, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (stats.complete);
    g_assert_cmpuint (stats.pages_fetched, ==, 2);
    g_assert_cmpuint (c.postings->len, ==, 2);
    g_assert_cmpstr (board_test_find_posting (c.postings, "oQ4Xyfw1")->title, ==, "Senior Site Reliability Engineer");
    g_assert_cmpint (board_test_find_posting (c.postings, "oQ4Xyfw1")->source_id, ==, 9);
  }

  {
    g_auto(BoardTestCollected) c = { 0 };

    /* A page that names no feed says so. */
    scraper_test_server_add_text (server, "/quiet", "text/html", "<html><body>We are not hiring.</body></html>");
    g_assert_false (board_test_run (server, "jobs.jobvite.com,app.jobvite.com", "jobvite", "https://jobs.jobvite.com/quiet",
                                    &c, &stats, NULL, &error));
    g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);
    g_assert_nonnull (strstr (error->message, "Xml.aspx"));
    g_assert_false (stats.complete);
  }
}

/* ------------------------------------------------------------------ */
/* JOIN                                                                */

static void
test_join_urls (void)
{
  static const UrlCase cases[] = {
    { "https://join.com/companies/acme-robotics", "join", "https://join.com/companies/acme-robotics", "Acme Robotics" },
    { "https://join.com/companies/Acme-Robotics/900001-robotics-engineer-1", "join",
      "https://join.com/companies/acme-robotics", NULL },
    { "https://join.com/companies/", "join", NULL, NULL },
    { "https://join.com/companies/%2E%2E", NULL, NULL, NULL },   /* "/companies/.." is "/" */
    { "https://join.com/pricing", NULL, NULL, NULL },
  };

  check_urls ("join", cases, G_N_ELEMENTS (cases));
}

static void
test_join_company_hostile (void)
{
  g_autofree char *page = board_test_fixture ("join", "acme-robotics-page.html");
  g_autofree char *name = NULL;
  g_autofree char *id = scraper_join_find_company (page, strlen (page), &name);
  static const char * const bad[] = {
    "<html><body>Not found</body></html>",
    "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\": 5}</script>",
    /* An id that would change the address. */
    ("<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":{\"pageProps\":{\"initialState\":"
     "{\"company\":{\"id\":\"1/../2\"}}}}}</script>"),
    "<script id=\"__NEXT_DATA__\" type=\"application/json\">{\"props\":",
  };

  g_assert_cmpstr (id, ==, "4242");
  g_assert_cmpstr (name, ==, "Acme Robotics GmbH");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *none_name = NULL;
      g_autofree char *none = scraper_join_find_company (bad[i], strlen (bad[i]), &none_name);

      g_assert_null (none);
      g_assert_null (none_name);
    }
}

static void
test_join_run (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_auto(BoardTestCollected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  g_autofree char *page = board_test_fixture ("join", "acme-robotics-page.html");
  ScraperPosting *p;

  scraper_test_server_add_text (server, "/companies/acme-robotics", "text/html", page);
  board_test_serve_fixture (server, "/api/public/companies/4242/jobs?page=1&pageSize=5", "join", "acme-robotics-jobs-1.json");
  board_test_serve_fixture (server, "/api/public/companies/4242/jobs?page=2&pageSize=5", "join", "acme-robotics-jobs-2.json");

  g_assert_true (board_test_run (server, "join.com", "join", "https://join.com/companies/acme-robotics",
                                 &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (stats.pages_fetched, ==, 3);   /* the company's page, then two pages of five */
  g_assert_cmpuint (c.postings->len, ==, 6);       /* the one whose address would climb out is left out */
  g_assert_cmpuint (c.last_done, ==, 6);

  p = board_test_find_posting (c.postings, "900001");
  g_assert_cmpstr (p->title, ==, "Robotics Engineer 1 (m/w/d)");
  g_assert_cmpstr (p->url, ==, "https://join.com/companies/acme-robotics/900001-robotics-engineer-1");
  g_assert_cmpstr (p->company, ==, "Acme Robotics GmbH");
  g_assert_cmpstr (p->locations[0], ==, "Munich, Bavaria, Germany");
  g_assert_cmpstr (p->country, ==, "DE");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-11");
  /* Cents, a year. */
  g_assert_cmpfloat (p->salary_min, ==, 60000);
  g_assert_cmpfloat (p->salary_max, ==, 75000);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_min, ==, 60000);

  p = board_test_find_posting (c.postings, "900002");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->locations[0], ==, "Vienna, Austria");   /* the region repeats the city */
  g_assert_cmpstr (p->country, ==, "AT");
  g_assert_true (isnan (p->salary_min));
}

/* A board's API document served on another host (a company's own domain)
 * is told by its shape when the address does not say. */
static void
test_detect_kind_by_shape (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = board_test_fetcher (server, "unused.example");
  static const struct { const char *path, *board, *fixture, *kind; } cases[] = {
    { "/careers/list", "bamboohr", "acme-list.json", "bamboohr" },
    { "/postings.json", "pinpoint", "northwind-postings.json", "pinpoint" },
    { "/job_board/v0/orbit/job_posts/", "gem", "orbit-job-posts.json", "gem" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = scraper_test_server_url_for (server, cases[i].path);
      g_autofree char *kind = NULL;
      g_autoptr(GError) error = NULL;

      board_test_serve_fixture (server, cases[i].path, cases[i].board, cases[i].fixture);
      kind = scraper_adapter_detect_kind (fetcher, url, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kind, ==, cases[i].kind);
    }
}

int
main (int   argc,
      char *argv[])
{
  board_test_init (&argc, &argv);

  g_test_add_func ("/boards/bamboohr/urls", test_bamboohr_urls);
  g_test_add_func ("/boards/bamboohr/parse", test_bamboohr_parse);
  g_test_add_func ("/boards/bamboohr/parse-hostile", test_bamboohr_parse_hostile);
  g_test_add_func ("/boards/bamboohr/run", test_bamboohr_run);
  g_test_add_func ("/boards/bamboohr/empty-and-cancelled", test_bamboohr_empty_and_cancelled);
  g_test_add_func ("/boards/pinpoint/urls", test_pinpoint_urls);
  g_test_add_func ("/boards/pinpoint/run", test_pinpoint_run);
  g_test_add_func ("/boards/pinpoint/parse-hostile", test_pinpoint_hostile);
  g_test_add_func ("/boards/gem/urls", test_gem_urls);
  g_test_add_func ("/boards/gem/run", test_gem_run);
  g_test_add_func ("/boards/gem/parse-hostile", test_gem_hostile);
  g_test_add_func ("/boards/jobvite/urls", test_jobvite_urls);
  g_test_add_func ("/boards/jobvite/parse", test_jobvite_parse);
  g_test_add_func ("/boards/jobvite/parse-hostile", test_jobvite_hostile);
  g_test_add_func ("/boards/jobvite/run", test_jobvite_run);
  g_test_add_func ("/boards/join/urls", test_join_urls);
  g_test_add_func ("/boards/join/company-hostile", test_join_company_hostile);
  g_test_add_func ("/boards/join/run", test_join_run);
  g_test_add_func ("/boards/detect-kind-by-shape", test_detect_kind_by_shape);

  return g_test_run ();
}
