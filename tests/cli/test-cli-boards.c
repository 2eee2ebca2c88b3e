/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The boards' own addresses on the command line: "sources add" with the
 * address a user copies from the browser, "scrape", "list --json", with
 * the test server standing in for the board's host (JOB_SCRAPER_REMAP). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"

static void
remap (Fixture    *f,
       const char *host)
{
  g_autofree char *spec = g_strdup_printf ("%s=127.0.0.1:%u", host, scraper_test_server_get_port (f->server));

  /* The child inherits it. */
  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
}

static JsonObject *
posting_titled (JsonArray  *postings,
                const char *title)
{
  for (guint i = 0; i < json_array_get_length (postings); i++)
    {
      JsonObject *p = json_array_get_object_element (postings, i);

      if (g_strcmp0 (json_object_get_string_member (p, "title"), title) == 0)
        return p;
    }
  return NULL;
}

static gint64
add_and_scrape (Fixture    *f,
                const char *url,
                const char *kind,
                const char *name)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) sources = NULL;
  JsonObject *source;
  guint64 id;

  cli (f, &run, "sources", "add", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  g_assert_true (g_ascii_string_to_unsigned (run.out, 10, 1, G_MAXINT64, &id, NULL));

  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  sources = parse_json (run.out);
  source = json_array_get_object_element (json_node_get_array (sources), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (source, "url"), ==, url);

  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return (gint64) id;
}

#define WD_CXS "/wday/cxs/gamma/GammaCareers"

static void
test_workday (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonArray *postings;
  JsonObject *p;

  remap (f, "*.myworkdayjobs.com");
  scraper_test_server_add_text (f->server, WD_CXS "/jobs", "application/json",
    "{\"total\": 3, \"jobPostings\": ["
    " {\"title\": \"Senior Backend Engineer\", \"externalPath\": \"/job/Berlin/Senior-Backend-Engineer_JR1001\","
    "  \"locationsText\": \"2 Locations\", \"postedOn\": \"Posted 3 Days Ago\", \"bulletFields\": [\"JR1001\"]},"
    " {\"title\": \"Data Analyst\", \"externalPath\": \"/job/Remote---USA/Data-Analyst_JR1002\","
    "  \"locationsText\": \"Remote - USA\", \"postedOn\": \"Posted Yesterday\", \"bulletFields\": [\"JR1002\"]},"
    " {\"title\": \"Site Reliability Engineer\", \"externalPath\": \"/job/London/Site-Reliability-Engineer_JR1003\","
    "  \"locationsText\": \"London, United Kingdom\", \"postedOn\": \"Posted Today\", \"bulletFields\": [\"JR1003\"]}],"
    " \"facets\": []}");
  scraper_test_server_add_text (f->server, WD_CXS "/job/Berlin/Senior-Backend-Engineer_JR1001", "application/json",
    "{\"jobPostingInfo\": {\"title\": \"Senior Backend Engineer\", \"jobDescription\": \"<p>Own our API.</p>\","
    " \"location\": \"Berlin, Germany\", \"additionalLocations\": [\"Munich, Germany\"],"
    " \"postedOn\": \"Posted 3 Days Ago\", \"startDate\": \"2026-11-20\", \"timeType\": \"Full time\","
    " \"jobReqId\": \"JR1001\", \"remoteType\": \"Hybrid\", \"country\": {\"descriptor\": \"Germany\"}},"
    " \"hiringOrganization\": {\"name\": \"Gamma Technologies\"}}");
  scraper_test_server_add_text (f->server, WD_CXS "/job/Remote---USA/Data-Analyst_JR1002", "application/json",
    "{\"jobPostingInfo\": {\"title\": \"Data Analyst\", \"jobDescription\": \"<p>Numbers.</p>\","
    " \"location\": \"Remote - USA\", \"postedOn\": \"Posted Yesterday\", \"startDate\": \"2026-11-29\","
    " \"timeType\": \"Part time\", \"jobReqId\": \"JR1002\"},"
    " \"hiringOrganization\": {\"name\": \"Gamma Technologies\"}}");
  scraper_test_server_add_status (f->server, WD_CXS "/job/London/Site-Reliability-Engineer_JR1003", 500);

  add_and_scrape (f, "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers", "workday", "Gamma");
  body = scraper_test_server_dup_last_body (f->server, WD_CXS "/jobs");
  g_assert_nonnull (body);
  {
    const char *expected = "{\"appliedFacets\":{},\"limit\":20,\"offset\":0,\"searchText\":\"\"}";

    g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), expected, strlen (expected));
  }

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 3);

  p = posting_titled (postings, "Senior Backend Engineer");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "external_id"), ==, "JR1001");
  g_assert_cmpstr (json_object_get_string_member (p, "url"), ==,
                   "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers/job/Berlin/Senior-Backend-Engineer_JR1001");
  g_assert_cmpstr (json_object_get_string_member (p, "company"), ==, "Gamma Technologies");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "hybrid");
  g_assert_cmpstr (json_object_get_string_member (p, "date_posted"), ==, "2026-11-20");
  g_assert_cmpstr (json_object_get_string_member (p, "country"), ==, "DE");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (p, "locations"), 1), ==,
                   "Munich, Germany");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (p, "employment_type"), 0), ==,
                   "FULL_TIME");

  p = posting_titled (postings, "Data Analyst");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "remote");

  /* Its detail failed: kept from the listing, with a date from "Posted Today". */
  p = posting_titled (postings, "Site Reliability Engineer");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "external_id"), ==, "JR1003");
  g_assert_false (json_object_get_null_member (p, "date_posted"));
}

static void
serve_fixture (Fixture    *f,
               const char *path,
               const char *board,
               const char *name)
{
  g_autofree char *file = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), board, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (file, &text, NULL, &error);
  g_assert_no_error (error);
  scraper_test_server_add_text (f->server, path, "application/json", text);
}

static void
test_bamboohr (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  JsonArray *postings;
  JsonObject *p;

  remap (f, "acme.bamboohr.com");
  serve_fixture (f, "/careers/list", "bamboohr", "acme-list.json");
  serve_fixture (f, "/careers/101/detail", "bamboohr", "acme-detail-101.json");
  serve_fixture (f, "/careers/102/detail", "bamboohr", "acme-detail-102.json");
  serve_fixture (f, "/careers/103/detail", "bamboohr", "acme-detail-102.json");

  add_and_scrape (f, "https://acme.bamboohr.com/careers", "bamboohr", "Acme");

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 3);

  p = posting_titled (postings, "Senior Software Engineer, Payroll");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "external_id"), ==, "101");
  g_assert_cmpstr (json_object_get_string_member (p, "url"), ==, "https://acme.bamboohr.com/careers/101");
  g_assert_cmpstr (json_object_get_string_member (p, "company"), ==, "Acme");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "hybrid");
  g_assert_cmpstr (json_object_get_string_member (p, "date_posted"), ==, "2026-10-14");
  g_assert_cmpstr (json_object_get_string_member (p, "country"), ==, "US");
}

/* A board read in one request, and one whose site names its feed. */
static void
test_pinpoint_and_jobvite (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  JsonArray *postings;
  JsonObject *p;
  g_autofree char *spec = g_strdup_printf ("northwind.pinpointhq.com=127.0.0.1:%u,jobs.jobvite.com=127.0.0.1:%u,"
                                           "app.jobvite.com=127.0.0.1:%u",
                                           scraper_test_server_get_port (f->server),
                                           scraper_test_server_get_port (f->server),
                                           scraper_test_server_get_port (f->server));

  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
  serve_fixture (f, "/postings.json", "pinpoint", "northwind-postings.json");
  add_and_scrape (f, "https://northwind.pinpointhq.com/", "pinpoint", "Northwind");

  {
    g_autofree char *file = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "jobvite", "acme-page.html", NULL);
    g_autofree char *page = NULL;
    g_autofree char *feed_file = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "jobvite", "acme-feed.xml", NULL);
    g_autofree char *feed = NULL;

    g_assert_true (g_file_get_contents (file, &page, NULL, NULL));
    g_assert_true (g_file_get_contents (feed_file, &feed, NULL, NULL));
    scraper_test_server_add_text (f->server, "/acme", "text/html", page);
    scraper_test_server_add_text (f->server, "/CompanyJobs/Xml.aspx", "text/xml", feed);
  }
  cli (f, &run, "sources", "add", "https://jobs.jobvite.com/acme", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 4);

  p = posting_titled (postings, "Senior Data Engineer");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "company"), ==, "Northwind");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "hybrid");
  g_assert_cmpstr (json_object_get_string_member (p, "valid_through"), ==, "2026-12-31");

  p = posting_titled (postings, "Senior Site Reliability Engineer");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "url"), ==, "https://jobs.jobvite.com/acme/job/oQ4Xyfw1");
  g_assert_cmpstr (json_object_get_string_member (p, "date_posted"), ==, "2026-11-20");
}

/* A Paylocity board: its postings are in its page's script.  Its address
 * names it by a number; the first scrape names the source after the
 * postings' company. */
static void
test_paylocity (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "paylocity",
                                            "paylocity_board_pagedata_ncadvancedenergy.html", NULL);
  g_autofree char *page = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  JsonArray *postings;
  JsonObject *p;

  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
  remap (f, "recruiting.paylocity.com");
  scraper_test_server_add_text (f->server, "/Recruiting/Jobs/All/211e692d-c45a-4e3a-ae01-3e497af97929",
                                "text/html", page);

  add_and_scrape (f, "https://recruiting.paylocity.com/Recruiting/Jobs/All/211e692d-c45a-4e3a-ae01-3e497af97929",
                  "paylocity", "Paylocity");

  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) sources = parse_json (run.out);
    JsonObject *source = json_array_get_object_element (json_node_get_array (sources), 0);

    g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, "North Carolina Advanced Energy Corporation");
  }

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 2);
  p = posting_titled (postings, "Engineer/Associate Engineer, Power Systems");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "url"), ==,
                   "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169");
  g_assert_cmpstr (json_object_get_string_member (p, "company"), ==, "North Carolina Advanced Energy Corporation");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "hybrid");
  g_assert_cmpstr (json_object_get_string_member (p, "country"), ==, "US");
  g_assert_cmpstr (json_object_get_string_member (p, "date_posted"), ==, "2026-08-08");
}

static void
serve_data (Fixture    *f,
            const char *path,
            const char *dir,
            const char *name)
{
  g_autofree char *file = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), dir, name, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  scraper_test_server_add_text (f->server, path, "text/html", text);
}

/* A Phenom career site, on the company's own domain: its kind is told
 * from its search page; a scrape reads it page after page. */
static void
test_phenom (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  JsonArray *postings;
  JsonObject *p;

  remap (f, "careers.acme-example.com");
  serve_data (f, "/global/en/search-results", "phenom", "acme-search-1.html");
  serve_data (f, "/global/en/search-results?from=3", "phenom", "acme-search-2.html");
  serve_data (f, "/global/en/search-results?from=6", "phenom", "acme-search-3.html");

  add_and_scrape (f, "https://careers.acme-example.com/global/en/search-results", "phenom",
                  "careers.acme-example.com");

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  postings = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (postings), ==, 6);
  p = posting_titled (postings, "Customer Success Manager");
  g_assert_nonnull (p);
  g_assert_cmpstr (json_object_get_string_member (p, "url"), ==,
                   "https://careers.acme-example.com/global/en/job/R-2004/Customer-Success-Manager");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "remote");
  g_assert_cmpstr (json_object_get_string_member (p, "date_posted"), ==, "2026-11-26");

  /* The site's home hands off to its search: the same source. */
  scraper_test_server_add_text (f->server, "/global/en/home", "text/html",
                                "<html><head><script>phApp.ddo = {\"siteConfig\": {}};</script></head></html>");
  cli (f, &run, "sources", "add", "https://careers.acme-example.com/global/en/home", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "uses Phenom: careers.acme-example.com/global/en/search-results\n"));
  g_assert_nonnull (strstr (run.err, "already a source"));
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/boards/workday", Fixture, NULL, fixture_set_up, test_workday, fixture_tear_down);
  g_test_add ("/cli/boards/bamboohr", Fixture, NULL, fixture_set_up, test_bamboohr, fixture_tear_down);
  g_test_add ("/cli/boards/pinpoint-and-jobvite", Fixture, NULL, fixture_set_up, test_pinpoint_and_jobvite,
              fixture_tear_down);
  g_test_add ("/cli/boards/paylocity", Fixture, NULL, fixture_set_up, test_paylocity, fixture_tear_down);
  g_test_add ("/cli/boards/phenom", Fixture, NULL, fixture_set_up, test_phenom, fixture_tear_down);

  return g_test_run ();
}
