/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-track"

#include "config.h"

#include "cli-test-util.h"

/* `track URL [--status STATUS]`: one posting with a source of its own. */

#define GREENHOUSE_POSTING \
  "{\"id\":123,\"title\":\"Platform Engineer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/123\"," \
  "\"location\":{\"name\":\"Berlin, Germany\"},\"company_name\":\"Acme Corp\"," \
  "\"content\":\"&lt;p&gt;You build the platform.&lt;/p&gt;\",\"first_published\":\"2026-11-01T10:00:00-05:00\"}"
#define LEVER_UUID "0b9ac3f1-2d4e-4f5a-8b6c-7d8e9f0a1b2c"
#define LEVER_POSTING \
  "{\"id\":\"" LEVER_UUID "\",\"text\":\"Support Engineer\"," \
  "\"hostedUrl\":\"https://jobs.lever.co/acme/" LEVER_UUID "\"," \
  "\"categories\":{\"location\":\"Lisbon\",\"commitment\":\"Full-time\"},\"createdAt\":1764000000000," \
  "\"descriptionPlain\":\"Help customers.\"}"
#define JSONLD_PAGE \
  "<!DOCTYPE html><html><head><title>Chef</title><script type=\"application/ld+json\">" \
  "{\"@context\":\"https://schema.org/\",\"@type\":\"JobPosting\",\"title\":\"Head Chef\"," \
  "\"description\":\"<p>Run the kitchen.</p>\",\"datePosted\":\"2026-11-10\"," \
  "\"hiringOrganization\":{\"@type\":\"Organization\",\"name\":\"Bistro Uno\"}," \
  "\"jobLocation\":{\"@type\":\"Place\",\"address\":{\"addressLocality\":\"Lyon\",\"addressCountry\":\"FR\"}}}" \
  "</script></head><body><h1>Head Chef</h1></body></html>"

static void
remap (Fixture *f)
{
  g_autofree char *spec = g_strdup_printf ("boards-api.greenhouse.io=127.0.0.1:%u,api.lever.co=127.0.0.1:%u",
                                           scraper_test_server_get_port (f->server),
                                           scraper_test_server_get_port (f->server));

  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
}

static gint64
track_ok (Fixture    *f,
          const char *url,
          const char *status)
{
  g_auto(Run) run = { 0 };
  guint64 id = 0;

  if (status != NULL)
    cli (f, &run, "track", url, "--status", status, NULL);
  else
    cli (f, &run, "track", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  g_assert_true (g_ascii_string_to_unsigned (run.out, 10, 1, G_MAXINT64, &id, NULL));
  return (gint64) id;
}

/* The posting of `list --json` with @id, or NULL (a new reference). */
static JsonObject *
listed (Fixture *f,
        gint64   id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (json_object_get_int_member (o, "id") == id)
        return json_object_ref (o);
    }
  return NULL;
}

static JsonArray *
sources (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_ref (json_node_get_array (root));
}

static void
test_track_jsonld_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/bistro/jobs/chef");
  g_autoptr(JsonObject) posting = NULL;
  g_autoptr(JsonArray) all = NULL;
  JsonObject *source;
  gint64 id;

  scraper_test_server_add_text (f->server, "/bistro/jobs/chef", "text/html", JSONLD_PAGE);
  id = track_ok (f, url, NULL);

  posting = listed (f, id);
  g_assert_nonnull (posting);
  g_assert_cmpstr (json_object_get_string_member (posting, "title"), ==, "Head Chef");
  g_assert_cmpstr (json_object_get_string_member (posting, "company"), ==, "Bistro Uno");
  g_assert_cmpstr (json_object_get_string_member (posting, "url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (posting, "status"), ==, "new");

  all = sources (f);
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  source = json_array_get_object_element (all, 0);
  g_assert_cmpstr (json_object_get_string_member (source, "kind"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (source, "url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, "Head Chef at Bistro Uno");
  g_assert_cmpint (json_object_get_int_member (posting, "source_id"), ==, json_object_get_int_member (source, "id"));
}

static void
test_track_greenhouse_posting_url (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(JsonObject) posting = NULL;
  gint64 id;

  remap (f);
  scraper_test_server_add_text (f->server, "/v1/boards/acme/jobs/123", "application/json", GREENHOUSE_POSTING);
  id = track_ok (f, "https://boards.greenhouse.io/acme/jobs/123", "applied");
  g_unsetenv ("JOB_SCRAPER_REMAP");

  /* The posting's own document, with its description, was asked for. */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/v1/boards/acme/jobs/123"), ==, 1);
  {
    GArray *times = scraper_test_server_get_request_times (f->server, "/v1/boards/acme/jobs/123");

    g_assert_cmpuint (times->len, ==, 1);
    g_array_unref (times);
  }
  posting = listed (f, id);
  g_assert_nonnull (posting);
  g_assert_cmpstr (json_object_get_string_member (posting, "title"), ==, "Platform Engineer");
  g_assert_cmpstr (json_object_get_string_member (posting, "company"), ==, "Acme Corp");
  g_assert_cmpstr (json_object_get_string_member (posting, "external_id"), ==, "123");
  g_assert_cmpstr (json_object_get_string_member (posting, "status"), ==, "applied");
}

static void
test_track_lever_posting_url (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) posting = NULL;
  g_autoptr(JsonArray) all = NULL;
  gint64 id, again;

  remap (f);
  scraper_test_server_add_text (f->server, "/v0/postings/acme/" LEVER_UUID, "application/json", LEVER_POSTING);
  id = track_ok (f, "https://jobs.lever.co/acme/" LEVER_UUID "/apply", "saved");
  posting = listed (f, id);
  g_assert_nonnull (posting);
  g_assert_cmpstr (json_object_get_string_member (posting, "title"), ==, "Support Engineer");
  g_assert_cmpstr (json_object_get_string_member (posting, "url"), ==, "https://jobs.lever.co/acme/" LEVER_UUID);
  g_assert_cmpstr (json_object_get_string_member (posting, "status"), ==, "saved");

  /* Tracked again: the same posting and source, refreshed; its status
   * stays when none is given. */
  again = track_ok (f, "https://jobs.lever.co/acme/" LEVER_UUID "/apply", NULL);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  g_assert_cmpint (again, ==, id);
  all = sources (f);
  g_assert_cmpuint (json_array_get_length (all), ==, 1);
  g_clear_pointer (&posting, json_object_unref);
  posting = listed (f, id);
  g_assert_cmpstr (json_object_get_string_member (posting, "status"), ==, "saved");
}

static void
test_track_no_posting (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/about");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonArray) all = NULL;

  scraper_test_server_add_text (f->server, "/about", "text/html",
                                "<html><body><h1>About us</h1><p>We are hiring soon.</p></body></html>");
  cli (f, &run, "track", url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  /* One clear line. */
  g_assert_true (g_str_has_prefix (run.err, "job-scraper: There is no job posting at "));
  g_assert_null (strchr (g_strchomp (run.err), '\n'));
  all = sources (f);
  g_assert_cmpuint (json_array_get_length (all), ==, 0);
}

static void
test_track_usage_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/bistro/jobs/chef");
  g_auto(Run) bad_status = { 0 };
  g_auto(Run) no_url = { 0 };
  g_auto(Run) not_web = { 0 };
  g_autoptr(JsonArray) all = NULL;

  scraper_test_server_add_text (f->server, "/bistro/jobs/chef", "text/html", JSONLD_PAGE);
  cli (f, &bad_status, "track", url, "--status", "hired", NULL);
  g_assert_cmpint (bad_status.status, ==, 2);
  g_assert_nonnull (strstr (bad_status.err, "Unknown status “hired”"));
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/bistro/jobs/chef"), ==, 0);

  cli (f, &no_url, "track", NULL);
  g_assert_cmpint (no_url.status, ==, 2);
  cli (f, &not_web, "track", "file:///etc/passwd", NULL);
  g_assert_cmpint (not_web.status, ==, 2);

  all = sources (f);
  g_assert_cmpuint (json_array_get_length (all), ==, 0);
}

static void
test_track_scrape_keeps_it (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *url = site_url (f, "/bistro/jobs/chef");
  g_autoptr(JsonObject) posting = NULL;
  g_auto(Run) scrape = { 0 };
  g_auto(Run) scrape_gone = { 0 };
  gint64 id;

  scraper_test_server_add_text (f->server, "/bistro/jobs/chef", "text/html", JSONLD_PAGE);
  id = track_ok (f, url, "interviewing");

  /* A scrape reads it again: same posting, status kept. */
  cli (f, &scrape, "scrape", "--json", NULL);
  g_assert_cmpint (scrape.status, ==, 0);
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/bistro/jobs/chef"), ==, 2);
  posting = listed (f, id);
  g_assert_nonnull (posting);
  g_assert_cmpstr (json_object_get_string_member (posting, "status"), ==, "interviewing");

  /* The page goes away: the posting is kept, not archived. */
  scraper_test_server_remove_route (f->server, "/bistro/jobs/chef");
  cli (f, &scrape_gone, "scrape", NULL);
  g_assert_cmpint (scrape_gone.status, ==, 0);
  g_clear_pointer (&posting, json_object_unref);
  posting = listed (f, id);
  g_assert_nonnull (posting);
  g_assert_false (json_object_get_boolean_member (posting, "archived"));
  g_assert_cmpstr (json_object_get_string_member (posting, "title"), ==, "Head Chef");
  g_assert_cmpstr (json_object_get_string_member (posting, "status"), ==, "interviewing");
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("JOB_SCRAPER_REMAP");

  g_test_add ("/cli/track/jsonld-page", Fixture, NULL, fixture_set_up, test_track_jsonld_page, fixture_tear_down);
  g_test_add ("/cli/track/greenhouse-posting-url", Fixture, NULL, fixture_set_up, test_track_greenhouse_posting_url, fixture_tear_down);
  g_test_add ("/cli/track/lever-posting-url", Fixture, NULL, fixture_set_up, test_track_lever_posting_url, fixture_tear_down);
  g_test_add ("/cli/track/no-posting", Fixture, NULL, fixture_set_up, test_track_no_posting, fixture_tear_down);
  g_test_add ("/cli/track/usage-errors", Fixture, NULL, fixture_set_up, test_track_usage_errors, fixture_tear_down);
  g_test_add ("/cli/track/scrape-keeps-it", Fixture, NULL, fixture_set_up, test_track_scrape_keeps_it, fixture_tear_down);

  return g_test_run ();
}
