/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kind "phenom": a Phenom career site's search page (a real one and
 * written ones), its postings' addresses, hostile pages, the kind told
 * from the page, and whole runs page after page against the test server
 * standing in for the company's site. */
#define G_LOG_DOMAIN "test-adapter-phenom"

#include "config.h"

#include <string.h>

#include "board-test-util.h"
#include "scraper-boards-private.h"
#include "scraper-handoff.h"

#define SITE "https://careers.acme-example.com"
#define SEARCH "/global/en/search-results"

static char *
fixture_text (const char *name)
{
  return board_test_fixture ("phenom", name);
}

static void
test_site (void)
{
  static const struct { const char *url, *locale, *site; } cases[] = {
    { "https://careers.phenom.com/global/en/search-results", NULL, "https://careers.phenom.com/global/en/" },
    { "https://jobs.acme.com/us/en/c/engineering-jobs?from=10", "fr_FR", "https://jobs.acme.com/us/en/" },
    { "https://jobs.acme.com/search-results", "en_US", "https://jobs.acme.com/us/en/" },
    { "https://jobs.acme.com/search-results", "en_GLOBAL", "https://jobs.acme.com/global/en/" },
    { "https://jobs.acme.com/search-results", NULL, "https://jobs.acme.com/" },
    { "https://jobs.acme.com/search-results", "../x_y", "https://jobs.acme.com/" },
    { "http://127.0.0.1:8080/ca/fr/search-results", NULL, "http://127.0.0.1:8080/ca/fr/" },
    { "not an address", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *site = scraper_phenom_site (cases[i].url, cases[i].locale);

      g_test_message ("%s %s", cases[i].url, cases[i].locale);
      g_assert_cmpstr (site, ==, cases[i].site);
    }
}

static void
test_parse_real_page (void)
{
  g_autofree char *page = fixture_text ("phenom_search_results_ddo.html");
  ScraperAtsParseContext context = { .source_id = 4, .board = "careers.phenom.com",
                                     .base_url = "https://careers.phenom.com/global/en/search-results" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  guint hits = 0;
  ScraperPosting *p;

  g_assert_true (scraper_phenom_page_is_search (page, strlen (page)));
  postings = scraper_phenom_parse_page (page, strlen (page), &context, &hits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpuint (hits, ==, 10);
  g_assert_cmpuint (context.total, ==, 52);

  p = board_test_find_posting (postings, "P-104461");
  g_assert_nonnull (p);
  g_assert_cmpint (p->source_id, ==, 4);
  g_assert_cmpstr (p->title, ==, "Senior Project Manager(German Speaker)");
  g_assert_cmpstr (p->url, ==, "https://careers.phenom.com/global/en/job/P-104461/Senior-Project-Manager-German-Speaker");
  g_assert_cmpstr (p->company, ==, "Phenom");
  g_assert_cmpstr (p->locations[0], ==, "Rotterdam, South Holland, Netherlands");
  g_assert_cmpstr (p->country, ==, "NL");
  g_assert_cmpstr (p->date_posted, ==, "2026-04-09");
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_nonnull (strstr (p->description_text, "fluent in German and English"));

  p = board_test_find_posting (postings, "P-104504");
  g_assert_cmpstr (p->country, ==, "AU");
  g_assert_cmpstr (p->date_posted, ==, "2026-04-08");
}

static void
test_parse_hostile (void)
{
  static const char * const bad[] = {
    "", "<html><body>Careers</body></html>",
    "<script>phApp.ddo = {};</script>",
    "<script>phApp.ddo = {\"eagerLoadRefineSearch\": {\"data\": {\"jobs\": {}}}};</script>",
    "<script>phApp.ddo = {\"eagerLoadRefineSearch\": {\"data\": {\"jobs\": [</script>",
    "<script>phApp.ddo = [\"eagerLoadRefineSearch\"];</script>",
    "<script>phApp.ddo = {\"eagerLoadRefineSearch\": \"\xc3\x28\"};</script>",
  };
  ScraperAtsParseContext context = { .board = "careers.acme-example.com", .base_url = SITE SEARCH };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_phenom_parse_page (bad[i], strlen (bad[i]), &context, NULL, &error);

      g_test_message ("%u", i);
      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "careers.acme-example.com"));
      g_assert_false (scraper_phenom_page_is_search (bad[i], strlen (bad[i])));
    }
}

#define HOST "careers.acme-example.com"

static gboolean
run_site_with (ScraperTestServer   *server,
               const char          *settings,
               BoardTestCollected  *c,
               ScraperAdapterStats *stats,
               GError             **error)
{
  return board_test_run_full (server, HOST, "phenom", SITE SEARCH, settings, c, stats, NULL, error);
}

static gboolean
run_site (ScraperTestServer   *server,
          BoardTestCollected  *c,
          ScraperAdapterStats *stats,
          GError             **error)
{
  return run_site_with (server, NULL, c, stats, error);
}

static void
serve_page (ScraperTestServer *server,
            const char        *path,
            const char        *fixture)
{
  g_autofree char *text = fixture_text (fixture);

  scraper_test_server_add_text (server, path, "text/html", text);
}

/* Seven postings, three a page: from=3 and from=6 bring the rest. */
static void
test_run_pages (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  g_auto(BoardTestCollected) c = { 0 };
  ScraperPosting *p;

  serve_page (server, SEARCH, "acme-search-1.html");
  serve_page (server, SEARCH "?from=3", "acme-search-2.html");
  serve_page (server, SEARCH "?from=6", "acme-search-3.html");

  g_assert_true (run_site (server, &c, &stats, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (stats.pages_fetched, ==, 3);
  /* The one whose number would leave the path is left out. */
  g_assert_cmpuint (c.postings->len, ==, 6);
  g_assert_cmpuint (c.warnings->len, ==, 0);

  p = board_test_find_posting (c.postings, "R-2001");
  g_assert_cmpstr (p->url, ==, SITE "/global/en/job/R-2001/Staff-Backend-Engineer-Go");
  g_assert_cmpstr (p->company, ==, "Acme Example");
  g_assert_cmpuint (g_strv_length (p->locations), ==, 2);
  g_assert_cmpstr (p->locations[1], ==, "Munich, Bavaria, Germany");
  g_assert_cmpstr (p->country, ==, "DE");
  g_assert_cmpstr (p->date_posted, ==, "2026-11-28");
  /* The teaser is text: its markup characters are not tags. */
  g_assert_nonnull (strstr (p->description_text, "Build our <payments> platform & APIs."));

  p = board_test_find_posting (c.postings, "R-2002");
  g_assert_cmpstr (p->title, ==, "Ingénieure Données – Lyon");
  g_assert_cmpstr (p->url, ==, SITE "/global/en/job/R-2002/Ingenieure-Donnees-Lyon");
  g_assert_cmpstr (p->employment_type[0], ==, "PART_TIME");
  g_assert_null (p->description_text);

  p = board_test_find_posting (c.postings, "R-2004");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->country, ==, "US");

  g_assert_cmpuint (scraper_test_server_get_hits (server, SEARCH "?from=9"), ==, 0);
}

/* The source's page bound: what was read is kept, said, and not taken
 * for all. */
static void
test_run_max_pages (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  g_auto(BoardTestCollected) c = { 0 };

  serve_page (server, SEARCH, "acme-search-1.html");
  serve_page (server, SEARCH "?from=3", "acme-search-2.html");
  serve_page (server, SEARCH "?from=6", "acme-search-3.html");

  g_assert_true (run_site_with (server, "{\"max_pages\": 2}", &c, &stats, &error));
  g_assert_no_error (error);
  g_assert_false (stats.complete);
  g_assert_cmpuint (stats.pages_fetched, ==, 2);
  g_assert_cmpuint (c.postings->len, ==, 5);
  g_assert_cmpuint (c.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (c.warnings, 0), "Stopped after 2 pages"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, SEARCH "?from=6"), ==, 0);
}

/* A site that answers the first page whatever is asked: what was read is
 * kept, said, and not taken for all (nothing would be archived). */
static void
test_run_same_page_again (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };
  g_auto(BoardTestCollected) c = { 0 };

  serve_page (server, SEARCH, "acme-search-1.html");
  serve_page (server, SEARCH "?from=3", "acme-search-1.html");

  g_assert_true (run_site (server, &c, &stats, &error));
  g_assert_no_error (error);
  g_assert_false (stats.complete);
  g_assert_cmpuint (c.postings->len, ==, 2);
  g_assert_cmpuint (c.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (c.warnings, 0), "same postings"));
}

/* The kind is told from the page: a Phenom site is on any domain. */
static void
test_detect_kind (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = board_test_fetcher (server, HOST);
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;

  serve_page (server, SEARCH, "acme-search-1.html");
  kind = scraper_adapter_detect_kind (fetcher, SITE SEARCH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kind, ==, "phenom");
  g_assert_null (scraper_adapter_guess_kind (SITE SEARCH));
  g_assert_true (scraper_source_kind_is_valid ("phenom"));
}

/* A page of the site other than its search (its home): added, it hands
 * off to SITE/search-results when that lists postings. */
static void
test_home_hands_off_to_search (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = board_test_fetcher (server, HOST);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  ScraperHandoff *search;

  scraper_test_server_add_text (server, "/us/en/home", "text/html",
                                "<html><head><script>var phApp = {}; phApp.ddo = {\"siteConfig\": "
                                "{\"locale\": \"en_US\"}};</script></head><body>Join us</body></html>");
  serve_page (server, "/us/en/search-results", "acme-search-1.html");

  found = scraper_handoff_detect (fetcher, SITE "/us/en/home", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  search = g_ptr_array_index (found, 0);
  g_assert_cmpstr (search->kind, ==, "phenom");
  g_assert_cmpstr (search->url, ==, SITE "/us/en/search-results");
  g_assert_cmpstr (search->board, ==, "careers.acme-example.com");
  g_assert_nonnull (search->evidence);
}

/* A Phenom page whose site has no search there: not a hand-off, and the
 * page is what it is without it (here: nothing to read). */
static void
test_home_without_search (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = board_test_fetcher (server, HOST);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_text (server, "/us/en/home", "text/html",
                                "<html><head><script>phApp.ddo = {};</script></head><body>Join us</body></html>");
  scraper_test_server_add_status (server, "/us/en/search-results", 404);

  found = scraper_handoff_detect (fetcher, SITE "/us/en/home", NULL, &error);
  g_assert_null (found);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/us/en/search-results"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  board_test_init (&argc, &argv);

  g_test_add_func ("/phenom/site", test_site);
  g_test_add_func ("/phenom/parse-real-page", test_parse_real_page);
  g_test_add_func ("/phenom/parse-hostile", test_parse_hostile);
  g_test_add_func ("/phenom/run-pages", test_run_pages);
  g_test_add_func ("/phenom/run-same-page-again", test_run_same_page_again);
  g_test_add_func ("/phenom/run-max-pages", test_run_max_pages);
  g_test_add_func ("/phenom/detect-kind", test_detect_kind);
  g_test_add_func ("/phenom/home-hands-off-to-search", test_home_hands_off_to_search);
  g_test_add_func ("/phenom/home-without-search", test_home_without_search);

  return g_test_run ();
}
