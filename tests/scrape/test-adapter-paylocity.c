/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kind "paylocity": a board's addresses, the postings in its page's
 * script (a real page and a written one), hostile pages, and a whole run
 * against the test server standing in for recruiting.paylocity.com. */
#define G_LOG_DOMAIN "test-adapter-paylocity"

#include "config.h"

#include <string.h>

#include "board-test-util.h"
#include "scraper-boards-private.h"
#include "scraper-handoff.h"
#include "scraper-html-private.h"

#define GUID "211e692d-c45a-4e3a-ae01-3e497af97929"
#define BOARD "https://recruiting.paylocity.com/Recruiting/Jobs/All/" GUID

static char *
fixture_text (const char *name)
{
  return board_test_fixture ("paylocity", name);
}

static GPtrArray *
parse_fixture (const char *name,
               GError    **error)
{
  g_autofree char *page = fixture_text (name);
  ScraperAtsParseContext context = { .source_id = 7, .board = GUID, .base_url = BOARD };

  return scraper_paylocity_parse (page, strlen (page), &context, error);
}

static void
test_urls (void)
{
  static const struct { const char *url, *kind, *api, *name; } cases[] = {
    { BOARD "/North-Carolina-Advanced-Energy-Corporation", "paylocity", BOARD,
      "North Carolina Advanced Energy Corporation" },
    { BOARD, "paylocity", BOARD, "Paylocity" },
    { "https://RECRUITING.paylocity.com/recruiting/jobs/all/" GUID "/", "paylocity",
      "https://recruiting.paylocity.com/Recruiting/Jobs/All/" GUID, NULL },
    /* A posting's page names no board; nor does a number of another shape. */
    { "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169", NULL, NULL, NULL },
    { "https://recruiting.paylocity.com/Recruiting/Jobs/All/4141169", "paylocity", NULL, NULL },
    { "https://recruiting.paylocity.com/Recruiting/Jobs/All/" GUID "x", "paylocity", NULL, NULL },
    { "https://recruiting.paylocity.com/Recruiting/Jobs/All/..%2F..%2Fadmin", NULL, NULL, NULL },
    { "https://www.paylocity.com/", NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *api = scraper_ats_api_url ("paylocity", cases[i].url, NULL, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpstr (scraper_adapter_guess_kind (cases[i].url), ==, cases[i].kind);
      g_assert_cmpstr (api, ==, cases[i].api);
      if (cases[i].api == NULL)
        g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS);
      if (cases[i].name != NULL)
        {
          g_autofree char *name = scraper_adapter_default_name (cases[i].url, "paylocity");
          g_assert_cmpstr (name, ==, cases[i].name);
        }
    }
  g_assert_true (scraper_source_kind_is_valid ("paylocity"));

  /* A careers page's link to the board is a hand-off to it. */
  {
    g_autoptr(ScraperHandoff) board = scraper_handoff_from_url (BOARD "/Harbor-Pine");

    g_assert_nonnull (board);
    g_assert_cmpstr (board->kind, ==, "paylocity");
    g_assert_cmpstr (board->url, ==, BOARD);
    g_assert_null (scraper_handoff_from_url ("https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169"));
  }
}

/* The real page: two postings, both at the company's offices, which it
 * calls "Hybrid". */
static void
test_parse_real_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = parse_fixture ("paylocity_board_pagedata_ncadvancedenergy.html", &error);
  ScraperPosting *p;

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 2);

  p = board_test_find_posting (postings, "4141169");
  g_assert_nonnull (p);
  g_assert_cmpint (p->source_id, ==, 7);
  g_assert_cmpstr (p->title, ==, "Engineer/Associate Engineer, Power Systems");
  g_assert_cmpstr (p->url, ==, "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169");
  g_assert_cmpstr (p->apply_url, ==, p->url);
  g_assert_cmpstr (p->company, ==, "North Carolina Advanced Energy Corporation");
  g_assert_cmpstr (p->locations[0], ==, "Raleigh, NC");
  g_assert_cmpstr (p->country, ==, "US");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->date_posted, ==, "2026-08-08");

  p = board_test_find_posting (postings, "4401262");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->title, ==, "Administrative Assistant (Hybrid)");
  g_assert_cmpstr (p->date_posted, ==, "2026-08-07");
}

/* The written page: the data after decoys of the same name, brackets and
 * quotes in its strings, a statement after it. */
static void
test_parse_written_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = parse_fixture ("harbor-board.html", &error);
  ScraperPosting *p;

  g_assert_no_error (error);
  /* Left out: the internal posting, the number that would leave the
   * path, the postings with no number or an empty one. */
  g_assert_cmpuint (postings->len, ==, 3);
  g_assert_null (board_test_find_posting (postings, "5100003"));

  p = board_test_find_posting (postings, "5100001");
  g_assert_cmpstr (p->title, ==, "Store Manager – Montréal {Downtown}");
  g_assert_cmpstr (p->company, ==, "Harbor & Pine Outfitters");
  g_assert_cmpstr (p->locations[0], ==, "Montréal, QC");
  g_assert_cmpstr (p->country, ==, "CA");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_UNKNOWN);
  g_assert_cmpstr (p->date_posted, ==, "2026-11-20");
  g_assert_null (p->description_text);

  p = board_test_find_posting (postings, "5100002");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->locations[0], ==, "Remote - US");
  g_assert_nonnull (strstr (p->description_text, "Help our customers by chat & phone."));
  g_assert_nonnull (strstr (p->description_text, "Zendesk"));

  p = board_test_find_posting (postings, "5100005");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->locations[0], ==, "Denver, CO");
}

static void
test_js_assigned_json (void)
{
  static const struct { const char *page, *json; } cases[] = {
    { "x = 1; window.pageData = {\"a\": [1, {\"b\": \"}]\"}]};", "{\"a\": [1, {\"b\": \"}]\"}]}" },
    { "window.pageData={\"s\":\"\\\"{\"}\n;", "{\"s\":\"\\\"{\"}" },
    { "window.pageData is set later; window.pageData\n=\t[1,2] ;", "[1,2]" },
    /* A decoy that is no JSON, then the data. */
    { "s = 'window.pageData = {not this}'; window.pageData = {\"a\": 1};", "{\"a\": 1}" },
    { "window.pageData = {\"a\": [1, 2}]; window.pageData = [3];", "[3]" },
    /* Not there, not an object, never closed, closed by the wrong bracket. */
    { "<html></html>", NULL },
    { "window.pageData = null;", NULL },
    { "window.pageData = {\"a\": [1, 2}", NULL },
    { "window.pageData = {\"a\": \"}", NULL },
    { "window.pageData", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = scraper_js_assigned_json (cases[i].page, strlen (cases[i].page), "window.pageData");

      g_test_message ("%s", cases[i].page);
      g_assert_cmpstr (json, ==, cases[i].json);
    }

  /* Deeper than any page: refused, not a stack overrun. */
  {
    g_autoptr(GString) deep = g_string_new ("window.pageData = ");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_assert_null (scraper_js_assigned_json (deep->str, deep->len, "window.pageData"));
  }
  /* A page full of unclosed mentions (5 MB): refused at once, not read
   * to its end from each of them. */
  {
    g_autoptr(GString) many = g_string_new (NULL);

    for (guint i = 0; i < 200000; i++)
      g_string_append (many, "window.pageData = {\"a\": [");
    g_string_append (many, "window.pageData = {\"b\": 2};");
    g_assert_null (scraper_js_assigned_json (many->str, many->len, "window.pageData"));
  }
  /* Only @length bytes are read. */
  {
    const char *page = "window.pageData = {\"a\": 1} trailing";

    g_assert_null (scraper_js_assigned_json (page, 22, "window.pageData"));
  }
}

static void
test_parse_hostile (void)
{
  static const char * const bad[] = {
    "", "<html><body>Maintenance</body></html>",
    "<script>window.pageData = {\"Jobs\": {}};</script>",
    "<script>window.pageData = {\"NoJobs\": []};</script>",
    "<script>window.pageData = {\"Jobs\": [,,]};</script>",
    "<script>window.pageData = [1, 2];</script>",
    "<script>window.pageData = {\"Jobs\": [</script>",
    "\xff\xfe<script>window.pageData = {\"Jobs\": \"\xc3\x28\"};</script>",
  };
  ScraperAtsParseContext context = { .board = GUID, .base_url = BOARD };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_paylocity_parse (bad[i], strlen (bad[i]), &context, &error);

      g_test_message ("%u", i);
      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "Paylocity"));
    }

  /* An empty board is no error. */
  {
    const char *empty = "<script>window.pageData = {\"Jobs\": [], \"ModuleTitle\": \"Acme\"};</script>";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) postings = scraper_paylocity_parse (empty, strlen (empty), &context, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (postings->len, ==, 0);
  }
}

static gboolean
collect (GPtrArray  *postings,
         gpointer    user_data,
         GError    **error)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < postings->len; i++)
    g_ptr_array_add (all, scraper_posting_ref (g_ptr_array_index (postings, i)));
  return TRUE;
}

/* A whole run: the board's page, once, through the fetcher. */
static void
test_run (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autofree char *page = fixture_text ("harbor-board.html");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(ScraperFetcher) fetcher = board_test_fetcher (server, "recruiting.paylocity.com");
  g_autoptr(GError) error = NULL;
  ScraperAdapterCallbacks callbacks = { 0 };
  ScraperAdapterStats stats = { 0 };

  scraper_test_server_add_text (server, "/Recruiting/Jobs/All/" GUID, "text/html", page);

  source->id = 3;
  source->kind = g_strdup ("paylocity");
  source->url = g_strdup (BOARD "/Harbor-Pine-Outfitters");
  callbacks.postings = collect;
  callbacks.user_data = all;
  g_assert_true (scraper_adapter_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.complete);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((ScraperPosting *) g_ptr_array_index (all, 0))->source_id, ==, 3);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/Recruiting/Jobs/All/" GUID), ==, 1);

  /* A board that answers something else fails with a message, and no
   * posting is handed on (nothing would be archived). */
  {
    g_autoptr(GError) bad = NULL;
    ScraperAdapterStats bad_stats = { 0 };

    scraper_test_server_add_text (server, "/Recruiting/Jobs/All/" GUID, "text/html",
                                  "<html><body>We are down for maintenance</body></html>");
    g_ptr_array_set_size (all, 0);
    g_assert_false (scraper_adapter_run (source, fetcher, &callbacks, &bad_stats, NULL, &bad));
    g_assert_error (bad, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    g_assert_cmpuint (all->len, ==, 0);
    g_assert_false (bad_stats.complete);
  }
}

int
main (int   argc,
      char *argv[])
{
  board_test_init (&argc, &argv);

  g_test_add_func ("/paylocity/urls", test_urls);
  g_test_add_func ("/paylocity/parse-real-page", test_parse_real_page);
  g_test_add_func ("/paylocity/parse-written-page", test_parse_written_page);
  g_test_add_func ("/paylocity/js-assigned-json", test_js_assigned_json);
  g_test_add_func ("/paylocity/parse-hostile", test_parse_hostile);
  g_test_add_func ("/paylocity/run", test_run);

  return g_test_run ();
}
