/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-track"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "scrape/scraper-manual.h"
#include "scraper-test-server.h"

/* Kind "manual": posting URLs of the known boards, the one posting read
 * from each board's API through one local stand-in (JOB_SCRAPER_REMAP),
 * and the adapter keeping a posting whose page went away. */

static ScraperFetcher *
fetcher_new (ScraperTestServer *server)
{
  static const char * const hosts[] = {
    "boards-api.greenhouse.io", "api.lever.co", "api.ashbyhq.com", "apply.workable.com",
    "api.smartrecruiters.com", "*.recruitee.com", "*.jobs.personio.de", "*.jobs.personio.com",
    "boards.greenhouse.io", "jobs.lever.co", "grnh.se",
  };
  g_autoptr(GString) spec = g_string_new (NULL);
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", hosts[i],
                            scraper_test_server_get_port (server));
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);
  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.max_retries = 0;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  return fetcher;
}

static void
test_posting_url_forms (void)
{
  static const struct { const char *url, *kind, *api, *id; } forms[] = {
    { "https://boards.greenhouse.io/acme/jobs/123", "greenhouse",
      "https://boards-api.greenhouse.io/v1/boards/acme/jobs/123?content=true", "123" },
    { "https://job-boards.eu.greenhouse.io/acme/jobs/4567?gh_src=x", "greenhouse",
      "https://boards-api.eu.greenhouse.io/v1/boards/acme/jobs/4567?content=true", "4567" },
    { "https://jobs.lever.co/acme/0b9ac3f1-2d4e-4f5a-8b6c-7d8e9f0a1b2c/apply", "lever",
      "https://api.lever.co/v0/postings/acme/0b9ac3f1-2d4e-4f5a-8b6c-7d8e9f0a1b2c",
      "0b9ac3f1-2d4e-4f5a-8b6c-7d8e9f0a1b2c" },
    { "https://jobs.eu.lever.co/acme/abc-1", "lever", "https://api.eu.lever.co/v0/postings/acme/abc-1", "abc-1" },
    { "https://jobs.ashbyhq.com/acme/5e2b/application", "ashby",
      "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true", "5e2b" },
    { "https://apply.workable.com/acme/j/AB12CD34/", "workable",
      "https://apply.workable.com/api/v1/widget/accounts/acme", "AB12CD34" },
    { "https://jobs.smartrecruiters.com/Acme/743999912345-senior-engineer", "smartrecruiters",
      "https://api.smartrecruiters.com/v1/companies/Acme/postings/743999912345", "743999912345" },
    { "https://acme.recruitee.com/o/head-chef", "recruitee", "https://acme.recruitee.com/api/offers/", "head-chef" },
    { "https://acme.jobs.personio.de/job/98765?language=de", "personio", "https://acme.jobs.personio.de/xml", "98765" },
    { "https://acme.jobs.personio.com/job/5", "personio", "https://acme.jobs.personio.com/xml", "5" },
  };
  /* Boards (not postings), other hosts, and tokens that would leave the path. */
  static const char * const not_postings[] = {
    "https://boards.greenhouse.io/acme", "https://jobs.lever.co/acme", "https://jobs.ashbyhq.com/acme",
    "https://apply.workable.com/acme/", "https://jobs.smartrecruiters.com/Acme/senior-engineer",
    "https://acme.recruitee.com/", "https://acme.jobs.personio.de/", "https://example.com/acme/jobs/1",
    "https://boards.greenhouse.io/acme/jobs/..%2F..%2Fadmin", "https://boards.greenhouse.io/ac%20me/jobs/1",
    "https://jobs.lever.co/acme/%00", "ftp://boards.greenhouse.io/acme/jobs/1", "not a url", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *kind = NULL, *api = NULL, *id = NULL;

      g_assert_true (scraper_manual_board_posting (forms[i].url, &kind, &api, &id));
      g_assert_cmpstr (kind, ==, forms[i].kind);
      g_assert_cmpstr (api, ==, forms[i].api);
      g_assert_cmpstr (id, ==, forms[i].id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_postings); i++)
    if (scraper_manual_board_posting (not_postings[i], NULL, NULL, NULL))
      g_error ("“%s” was taken for a posting URL", not_postings[i]);
}

static ScraperPosting *
fetch_ok (ScraperFetcher *fetcher,
          const char     *url)
{
  g_autoptr(GError) error = NULL;
  ScraperPosting *posting = scraper_manual_fetch_posting (fetcher, url, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (posting);
  return posting;
}

static void
test_fetch_from_each_board (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperPosting) ashby = NULL;
  g_autoptr(ScraperPosting) workable = NULL;
  g_autoptr(ScraperPosting) sr = NULL;
  g_autoptr(ScraperPosting) recruitee = NULL;
  g_autoptr(ScraperPosting) personio = NULL;

  scraper_test_server_add_text (server, "/posting-api/job-board/acme", "application/json",
                                "{\"apiVersion\":\"1\",\"jobs\":["
                                "{\"id\":\"other\",\"title\":\"Other\",\"jobUrl\":\"https://jobs.ashbyhq.com/acme/other\"},"
                                "{\"id\":\"5e2b\",\"title\":\"Data Scientist\",\"jobUrl\":\"https://jobs.ashbyhq.com/acme/5e2b\","
                                "\"location\":\"Paris\"}]}");
  scraper_test_server_add_text (server, "/api/v1/widget/accounts/acme", "application/json",
                                "{\"name\":\"Acme\",\"jobs\":[{\"shortcode\":\"AB12CD34\",\"title\":\"Nurse\","
                                "\"url\":\"https://apply.workable.com/j/AB12CD34\",\"city\":\"Leeds\",\"country\":\"United Kingdom\"},"
                                "{\"shortcode\":\"ZZ\",\"title\":\"Cook\",\"url\":\"https://apply.workable.com/j/ZZ\"}]}");
  scraper_test_server_add_text (server, "/v1/companies/Acme/postings/743999912345", "application/json",
                                "{\"id\":\"743999912345\",\"name\":\"Senior Engineer\",\"company\":{\"identifier\":\"Acme\",\"name\":\"Acme Inc\"},"
                                "\"location\":{\"city\":\"Austin\",\"country\":\"us\",\"remote\":false},"
                                "\"releasedDate\":\"2026-10-01T10:00:00.000Z\",\"jobAd\":{\"sections\":{"
                                "\"jobDescription\":{\"title\":\"Job Description\",\"text\":\"<p>Write <b>C</b>.</p>\"},"
                                "\"qualifications\":{\"title\":\"Qualifications\",\"text\":\"<ul><li>GTK</li></ul>\"}}}}");
  scraper_test_server_add_text (server, "/api/offers/", "application/json",
                                "{\"offers\":[{\"id\":7,\"slug\":\"cook\",\"title\":\"Cook\",\"careers_url\":\"https://acme.recruitee.com/o/cook\"},"
                                "{\"id\":8,\"slug\":\"head-chef\",\"title\":\"Head Chef\",\"careers_url\":\"https://acme.recruitee.com/o/head-chef\"}]}");
  scraper_test_server_add_text (server, "/xml", "application/xml",
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workzag-jobs>"
                                "<position><id>1</id><name>Driver</name><office>Munich</office></position>"
                                "<position><id>98765</id><name>Baker</name><office>Berlin</office></position>"
                                "</workzag-jobs>");

  ashby = fetch_ok (fetcher, "https://jobs.ashbyhq.com/acme/5e2b/application");
  g_assert_cmpstr (ashby->title, ==, "Data Scientist");
  g_assert_cmpstr (ashby->external_id, ==, "5e2b");

  workable = fetch_ok (fetcher, "https://apply.workable.com/acme/j/AB12CD34/");
  g_assert_cmpstr (workable->title, ==, "Nurse");

  sr = fetch_ok (fetcher, "https://jobs.smartrecruiters.com/Acme/743999912345-senior-engineer");
  g_assert_cmpstr (sr->title, ==, "Senior Engineer");
  g_assert_cmpstr (sr->company, ==, "Acme Inc");
  /* The posting's own document has its text, which the list lacks. */
  g_assert_nonnull (sr->description_text);
  g_assert_nonnull (strstr (sr->description_text, "Write C."));
  g_assert_nonnull (strstr (sr->description_text, "GTK"));

  recruitee = fetch_ok (fetcher, "https://acme.recruitee.com/o/head-chef");
  g_assert_cmpstr (recruitee->title, ==, "Head Chef");

  personio = fetch_ok (fetcher, "https://acme.jobs.personio.de/job/98765");
  g_assert_cmpstr (personio->title, ==, "Baker");
  g_assert_cmpstr (personio->url, ==, "https://acme.jobs.personio.de/job/98765");
}

static void
test_gone_and_missing (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(GError) gone = NULL;
  g_autoptr(GError) unlisted = NULL;
  g_autoptr(GError) no_data = NULL;
  g_autofree char *about = scraper_test_server_url_for (server, "/about");
  ScraperPosting *posting;

  /* Greenhouse answers 404 for a closed posting. */
  posting = scraper_manual_fetch_posting (fetcher, "https://boards.greenhouse.io/acme/jobs/404", NULL, &gone);
  g_assert_null (posting);
  g_assert_true (scraper_manual_error_is_gone (gone));

  /* A board that does not list it any more. */
  scraper_test_server_add_text (server, "/api/offers/", "application/json", "{\"offers\":[]}");
  posting = scraper_manual_fetch_posting (fetcher, "https://acme.recruitee.com/o/cook", NULL, &unlisted);
  g_assert_null (posting);
  g_assert_error (unlisted, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);

  scraper_test_server_add_text (server, "/about", "text/html", "<html><body>About</body></html>");
  posting = scraper_manual_fetch_posting (fetcher, about, NULL, &no_data);
  g_assert_null (posting);
  g_assert_error (no_data, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);
}

/* A board's API that answers something else: the posting's page is read. */
static void
test_board_api_broken_falls_back_to_page (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperPosting) posting = NULL;

  scraper_test_server_add_text (server, "/v1/boards/acme/jobs/55", "application/json", "{not json");
  scraper_test_server_add_text (server, "/acme/jobs/55", "text/html",
                                "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                                "\"@type\":\"JobPosting\",\"title\":\"Welder\",\"hiringOrganization\":{\"name\":\"Acme\"}}"
                                "</script></head></html>");
  posting = fetch_ok (fetcher, "https://boards.greenhouse.io/acme/jobs/55");
  g_assert_cmpstr (posting->title, ==, "Welder");
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/acme/jobs/55"), ==, 1);
}

/* The boards' own documents (tests/data/ats, from the real boards): one
 * entry of each list served as the posting's own document. */
static char *
first_entry (const char *file,
             const char *member)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "ats", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *array;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  array = member != NULL ? json_object_get_array_member (json_node_get_object (root), member)
                         : json_node_get_array (root);
  json_generator_set_root (generator, json_array_get_element (array, 0));
  return json_generator_to_data (generator, NULL);
}

static void
test_real_board_documents (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autofree char *gh_job = first_entry ("greenhouse_amplitude_jobs_content_trimmed.json", "jobs");
  g_autofree char *lever_posting = first_entry ("lever_postings_spotify_trimmed_hunt.json", NULL);
  g_autoptr(ScraperPosting) gh = NULL;
  g_autoptr(ScraperPosting) lever = NULL;

  scraper_test_server_add_text (server, "/v1/boards/amplitude/jobs/8636903002", "application/json", gh_job);
  scraper_test_server_add_text (server, "/v0/postings/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1",
                                "application/json", lever_posting);

  gh = fetch_ok (fetcher, "https://job-boards.greenhouse.io/amplitude/jobs/8636903002");
  g_assert_cmpstr (gh->title, ==, "Customer Data Scientist - Experimentation");
  g_assert_cmpstr (gh->external_id, ==, "8636903002");
  g_assert_cmpstr (gh->url, ==, "https://job-boards.greenhouse.io/amplitude/jobs/8636903002");
  g_assert_nonnull (gh->description_text);
  /* The entity-escaped HTML was read as HTML, not shown as tags. */
  g_assert_null (strstr (gh->description_text, "&lt;"));
  g_assert_null (strstr (gh->description_text, "<p>"));

  lever = fetch_ok (fetcher, "https://jobs.lever.co/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1");
  g_assert_cmpstr (lever->title, ==, "Android Engineer - Experience");
  g_assert_cmpstr (lever->external_id, ==, "2193db3f-77c5-43b8-b030-8f92c9882bf1");
  g_assert_nonnull (lever->description_text);
}

/* A short link (grnh.se/…) redirects to a posting's page on the board,
 * which has no JobPosting data: the posting is read from the board's API
 * where the redirects ended.  One that ends on a page of no known board
 * still says there is no posting. */
static void
test_short_link_to_board_posting (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autofree char *gh_job = first_entry ("greenhouse_amplitude_jobs_content_trimmed.json", "jobs");
  g_autoptr(ScraperPosting) posting = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_redirect (server, "/d93c23471us",
                                    "https://boards.greenhouse.io/amplitude/jobs/8636903002?gh_src=d93c23471us");
  scraper_test_server_add_text (server, "/amplitude/jobs/8636903002", "text/html",
                                "<html><body><div id=\"app\"></div></body></html>");
  scraper_test_server_add_text (server, "/v1/boards/amplitude/jobs/8636903002", "application/json", gh_job);

  posting = fetch_ok (fetcher, "https://grnh.se/d93c23471us");
  g_assert_cmpstr (posting->title, ==, "Customer Data Scientist - Experimentation");
  g_assert_cmpstr (posting->external_id, ==, "8636903002");
  g_assert_nonnull (posting->description_text);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/d93c23471us"), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/v1/boards/amplitude/jobs/8636903002"), ==, 1);

  scraper_test_server_add_redirect (server, "/elsewhere", "https://grnh.se/about");
  scraper_test_server_add_text (server, "/about", "text/html", "<html><body>About</body></html>");
  g_assert_null (scraper_manual_fetch_posting (fetcher, "https://grnh.se/elsewhere", NULL, &error));
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);
  g_assert_nonnull (strstr (error->message, "https://grnh.se/elsewhere"));
}

typedef struct {
  guint postings;
  guint warnings;
} Seen;

static gboolean
on_postings (GPtrArray  *postings,
             gpointer    user_data,
             GError    **error)
{
  ((Seen *) user_data)->postings += postings->len;
  return TRUE;
}

static void
on_warning (const char *message,
            gpointer    user_data)
{
  ((Seen *) user_data)->warnings++;
}

static void
test_adapter_keeps_gone_posting (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  Seen seen = { 0 };
  ScraperAdapterCallbacks callbacks = { .postings = on_postings, .warning = on_warning, .user_data = &seen };
  ScraperAdapterStats stats = { 0 };

  source->id = 1;
  source->kind = g_strdup ("manual");
  source->url = scraper_test_server_url_for (server, "/jobs/chef");
  scraper_test_server_add_text (server, "/jobs/chef", "text/html",
                                "<script type=\"application/ld+json\">{\"@type\":\"JobPosting\",\"title\":\"Chef\"}</script>");

  g_assert_true (scraper_adapter_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.postings, ==, 1);
  /* Never complete: a run of a tracked posting archives nothing. */
  g_assert_false (stats.complete);

  scraper_test_server_remove_route (server, "/jobs/chef");
  g_assert_true (scraper_adapter_run (source, fetcher, &callbacks, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.postings, ==, 1);
  g_assert_cmpuint (seen.warnings, ==, 1);
  g_assert_false (stats.complete);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("JOB_SCRAPER_REMAP");

  g_test_add_func ("/track/posting-url-forms-and-hostile-urls", test_posting_url_forms);
  g_test_add_func ("/track/fetch-from-each-board", test_fetch_from_each_board);
  g_test_add_func ("/track/gone-and-missing", test_gone_and_missing);
  g_test_add_func ("/track/real-board-documents", test_real_board_documents);
  g_test_add_func ("/track/board-api-broken-falls-back-to-page", test_board_api_broken_falls_back_to_page);
  g_test_add_func ("/track/short-link-to-board-posting", test_short_link_to_board_posting);
  g_test_add_func ("/track/adapter-keeps-gone-posting", test_adapter_keeps_gone_posting);

  return g_test_run ();
}
