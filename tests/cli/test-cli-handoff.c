/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `sources add` on a company's careers page that hands off to job boards,
 * and on posting URLs of known boards: the real binary, a real database,
 * and one local server standing in (JOB_SCRAPER_REMAP) for the careers
 * host and for the boards' real API hosts. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "cli-test-util.h"
#include "model/scraper-source.h"

static const char * const remapped_hosts[] = {
  "www.acme-example.com", "jobs.lever.co", "api.lever.co", "boards.greenhouse.io",
  "boards-api.greenhouse.io", "jobs.ashbyhq.com", "api.ashbyhq.com", "*.jobs.personio.de",
  "*.recruitee.com", "*.bamboohr.com", "*.myworkdayjobs.com", "wikimediafoundation.org", "grnh.se",
  "careers-wipfli.icims.com",
};

static char *
read_data (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
serve (Fixture    *f,
       const char *path,
       const char *content_type,
       const char *dir,
       const char *name)
{
  g_autofree char *text = read_data (dir, name);

  scraper_test_server_add_text (f->server, path, content_type, text);
}

static void
handoff_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) spec = g_string_new (NULL);

  fixture_set_up (f, data);

  /* The careers pages */
  serve (f, "/careers", "text/html", "handoff", "lever-links.html");
  serve (f, "/careers/greenhouse", "text/html", "handoff", "greenhouse-embed.html");
  serve (f, "/careers/ashby", "text/html", "handoff", "ashby-iframe.html");
  serve (f, "/careers/data", "text/html", "handoff", "data-attribute.html");
  serve (f, "/careers/bamboohr", "text/html", "handoff", "bamboohr-embed.html");
  serve (f, "/careers/inline", "text/html", "handoff", "inline-lever.html");
  serve (f, "/careers/two", "text/html", "handoff", "two-boards.html");
  serve (f, "/careers/none", "text/html", "handoff", "none.html");
  /* A real page whose openings are grnh.se short links */
  serve (f, "/about/jobs/", "text/html", "sites", "careers_page_wikimedia_foundation_jobs_list_2023.html");
  scraper_test_server_add_redirect (f->server, "/d93c23471us",
                                    "https://boards.greenhouse.io/wikimedia/jobs/5464226?gh_src=d93c23471us");
  scraper_test_server_add_text (f->server, "/wikimedia/jobs/5464226", "text/html",
                                "<html><body><h1>Senior Software Engineer</h1></body></html>");
  /* A careers page that sends its visitors to an iCIMS site; the site's
   * search (real), and a posting's page with its JobPosting data */
  scraper_test_server_add_text (f->server, "/careers/icims", "text/html",
                                "<html><body><a href=\"https://careers-wipfli.icims.com/jobs/intro?hashed=-435\">"
                                "Search openings</a></body></html>");
  serve (f, "/jobs/search?ss=1&in_iframe=1", "text/html", "fetcher", "jobs.html");
  scraper_test_server_add_text (f->server, "/jobs/8214/payroll-tax-specialist/job?in_iframe=1", "text/html",
                                "<html><head><script type=\"application/ld+json\">{\"@context\": \"https://schema.org\","
                                " \"@type\": \"JobPosting\", \"title\": \"Payroll Tax Specialist\", \"datePosted\":"
                                " \"2026-11-20\", \"hiringOrganization\": {\"@type\": \"Organization\", \"name\":"
                                " \"Wipfli\"}}</script></head><body></body></html>");

  /* The boards' APIs, on the paths their real hosts answer */
  serve (f, "/v0/postings/acme", "application/json", "ats", "lever_idealistconsulting_postings_trimmed.json");
  serve (f, "/v0/postings/kappa", "application/json", "ats", "lever_postings_spotify_trimmed_hunt.json");
  serve (f, "/v1/boards/betacorp/jobs", "application/json", "ats", "greenhouse_amplitude_jobs_content_trimmed.json");
  serve (f, "/v1/boards/omicronrobotics/jobs", "application/json", "ats", "greenhouse_amplitude_jobs_content_trimmed.json");
  serve (f, "/v1/boards/theta/jobs", "application/json", "ats", "greenhouse_amplitude_jobs_content_trimmed.json");
  serve (f, "/v1/boards/wikimedia/jobs", "application/json", "ats", "greenhouse_amplitude_jobs_content_trimmed.json");
  serve (f, "/posting-api/job-board/gamma-ai", "application/json", "ats", "ashby_langdock_eur_salary_bonus.json");
  serve (f, "/api/offers/", "application/json", "ats", "recruitee_offers_employer_sanitized.json");
  serve (f, "/xml", "application/xml", "ats", "personio_xml_feed_sanitized.xml");

  for (guint i = 0; i < G_N_ELEMENTS (remapped_hosts); i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", remapped_hosts[i],
                            scraper_test_server_get_port (f->server));
  /* The child inherits it. */
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);
}

static void
handoff_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_unsetenv ("JOB_SCRAPER_REMAP");
  fixture_tear_down (f, data);
}

/* The ids on stdout, one a line. */
static GArray *
ids_of (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 id;

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (g_ascii_string_to_unsigned (lines[i], 10, 1, G_MAXINT64, &id, NULL));
      g_array_append_val (ids, id);
    }
  return ids;
}

/* The source with @id from `sources list --json`. */
static JsonObject *
source_json (Fixture *f,
             gint64   id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (json_object_get_int_member (o, "id") == id)
        return json_object_ref (o);
    }
  g_assert_not_reached ();
}

static guint
n_sources (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_array_get_length (json_node_get_array (root));
}

static void
assert_source (Fixture    *f,
               gint64      id,
               const char *kind,
               const char *url)
{
  g_autoptr(JsonObject) o = source_json (f, id);

  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, url);
}

/* Adds @url and expects @n ids. */
static GArray *
add_expecting (Fixture    *f,
               const char *url,
               guint       n,
               Run        *run)
{
  GArray *ids;

  cli (f, run, "sources", "add", url, NULL);
  g_assert_cmpint (run->status, ==, 0);
  ids = ids_of (run->out);
  g_assert_cmpuint (ids->len, ==, n);
  return ids;
}

/* `scrape` reads the board through its remapped API host; `list --json`
 * then has a posting titled @title from source @id. */
static void
assert_scrape_finds (Fixture    *f,
                     gint64      id,
                     const char *title)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  JsonArray *postings;
  gboolean seen = FALSE;

  cli (f, &run, "scrape", "--source", id_text, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "list", "--json", "--limit", "1000", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  postings = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (postings); i++)
    {
      JsonObject *p = json_array_get_object_element (postings, i);

      if (json_object_get_int_member (p, "source_id") == id &&
          g_strcmp0 (json_object_get_string_member (p, "title"), title) == 0)
        seen = TRUE;
    }
  g_assert_true (seen);
}

static void
test_handoff_link (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers", 1, &run);
  gint64 id = g_array_index (ids, gint64, 0);

  g_assert_nonnull (strstr (run.err, "uses Lever: jobs.lever.co/acme\n"));
  assert_source (f, id, "lever", "https://jobs.lever.co/acme");
  assert_scrape_finds (f, id, "(1099 Contract) Salesforce for Nonprofits: Solution Architect");
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/v0/postings/acme"), ==, 1);
}

static void
test_handoff_embed_script (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers/greenhouse", 1, &run);
  gint64 id = g_array_index (ids, gint64, 0);

  g_assert_nonnull (strstr (run.err, "uses Greenhouse: boards.greenhouse.io/betacorp\n"));
  assert_source (f, id, "greenhouse", "https://boards.greenhouse.io/betacorp");
  assert_scrape_finds (f, id, "Customer Data Scientist - Experimentation");
}

static void
test_handoff_iframe (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers/ashby", 1, &run);
  gint64 id = g_array_index (ids, gint64, 0);

  g_assert_nonnull (strstr (run.err, "uses Ashby: jobs.ashbyhq.com/gamma-ai\n"));
  assert_source (f, id, "ashby", "https://jobs.ashbyhq.com/gamma-ai");
  assert_scrape_finds (f, id, "Software Engineer (Full-Stack)");
}

static void
test_handoff_data_attributes (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers/data", 2, &run);

  g_assert_nonnull (strstr (run.err, "uses Greenhouse: boards.greenhouse.io/theta\n"));
  g_assert_nonnull (strstr (run.err, "uses Recruitee: iota.recruitee.com\n"));
  assert_source (f, g_array_index (ids, gint64, 0), "greenhouse", "https://boards.greenhouse.io/theta");
  assert_source (f, g_array_index (ids, gint64, 1), "recruitee", "https://iota.recruitee.com/");
  assert_scrape_finds (f, g_array_index (ids, gint64, 1), "Partner Development Representative (f/m/d) - Berlin, Germany");
}

static void
test_handoff_inline_js (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers/inline", 1, &run);
  gint64 id = g_array_index (ids, gint64, 0);

  g_assert_nonnull (strstr (run.err, "uses Lever: jobs.lever.co/kappa\n"));
  assert_source (f, id, "lever", "https://jobs.lever.co/kappa");
  assert_scrape_finds (f, id, "Android Engineer - Experience");
}

static void
test_handoff_two_boards (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers/two", 2, &run);

  g_assert_nonnull (strstr (run.err, "uses Personio: omicron.jobs.personio.de\n"));
  g_assert_nonnull (strstr (run.err, "uses Greenhouse: boards.greenhouse.io/omicronrobotics\n"));
  assert_source (f, g_array_index (ids, gint64, 0), "personio", "https://omicron.jobs.personio.de/");
  assert_source (f, g_array_index (ids, gint64, 1), "greenhouse", "https://boards.greenhouse.io/omicronrobotics");
  assert_scrape_finds (f, g_array_index (ids, gint64, 0), "Staff Software Engineer, Data Platform");
  assert_scrape_finds (f, g_array_index (ids, gint64, 1), "Emerging Account Executive (India)");
  g_assert_cmpuint (n_sources (f), ==, 2);
}

/* The page lists its openings as grnh.se short links: the first one,
 * followed, names the Greenhouse board. */
static void
test_handoff_short_links (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://wikimediafoundation.org/about/jobs/", 1, &run);
  gint64 id = g_array_index (ids, gint64, 0);

  g_assert_nonnull (strstr (run.err, "uses Greenhouse: boards.greenhouse.io/wikimedia\n"));
  assert_source (f, id, "greenhouse", "https://boards.greenhouse.io/wikimedia");
  assert_scrape_finds (f, id, "Customer Data Scientist - Experimentation");
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/d93c23471us"), ==, 1);
}

/* A careers page sends its visitors to an iCIMS site: the site's search
 * is added, read as a career site (each posting's page has its data). */
static void
test_handoff_icims (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = add_expecting (f, "https://www.acme-example.com/careers/icims", 1, &run);
  gint64 id = g_array_index (ids, gint64, 0);

  g_assert_nonnull (strstr (run.err, "uses iCIMS: careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1\n"));
  assert_source (f, id, "jsonld", "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1");
  assert_scrape_finds (f, id, "Payroll Tax Specialist");
}

static void
test_handoff_none (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  cli (f, &run, "sources", "add", "https://www.acme-example.com/careers/none", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  /* One clear line. */
  lines = g_strsplit (g_strchomp (run.err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (run.err, "no job board"));
  g_assert_cmpuint (n_sources (f), ==, 0);
}

static void
test_handoff_twice_not_added_again (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) first = add_expecting (f, "https://www.acme-example.com/careers", 1, &run);
  g_autoptr(GArray) second = NULL;
  g_autoptr(GArray) third = NULL;

  /* The same board again, by its page and by one of its postings. */
  second = add_expecting (f, "https://www.acme-example.com/careers", 1, &run);
  g_assert_cmpint (g_array_index (second, gint64, 0), ==, g_array_index (first, gint64, 0));
  g_assert_nonnull (strstr (run.err, "already a source"));
  third = add_expecting (f, "https://jobs.lever.co/acme/6a7b8c9d-1e2f-4a3b-9c4d-abcdefabcdef", 1, &run);
  g_assert_cmpint (g_array_index (third, gint64, 0), ==, g_array_index (first, gint64, 0));
  g_assert_cmpuint (n_sources (f), ==, 1);
}

static void
test_handoff_kind_without_adapter (Fixture       *f,
                                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  cli (f, &run, "sources", "add", "https://www.acme-example.com/careers/bamboohr", NULL);
  g_assert_nonnull (strstr (run.err, "uses BambooHR: delta.bamboohr.com/careers\n"));
  if (scraper_source_kind_is_valid ("bamboohr"))
    {
      /* A build with the adapter adds it like any board. */
      g_autoptr(GArray) ids = NULL;

      g_assert_cmpint (run.status, ==, 0);
      ids = ids_of (run.out);
      g_assert_cmpuint (ids->len, ==, 1);
      assert_source (f, g_array_index (ids, gint64, 0), "bamboohr", "https://delta.bamboohr.com/careers");
    }
  else
    {
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "Found a BambooHR board (delta.bamboohr.com/careers), but this version cannot read it yet"));
      g_assert_cmpuint (n_sources (f), ==, 0);
    }
}

static void
test_handoff_explicit_kind_unchanged (Fixture       *f,
                                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GArray) ids = NULL;

  cli (f, &run, "sources", "add", "https://www.acme-example.com/careers", "--kind", "jsonld", NULL);
  g_assert_cmpint (run.status, ==, 0);
  ids = ids_of (run.out);
  g_assert_cmpuint (ids->len, ==, 1);
  assert_source (f, g_array_index (ids, gint64, 0), "jsonld", "https://www.acme-example.com/careers");
  /* Nothing fetched to add it. */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, "/careers"), ==, 0);
}

static const struct {
  const char *url;
  const char *kind;
  const char *source_url;
  const char *vendor;
} posting_urls[] = {
  { "https://jobs.lever.co/acme/5f1c2d3e-0a1b-4c5d-8e9f-0123456789ab", "lever", "https://jobs.lever.co/acme", "Lever" },
  { "https://boards.greenhouse.io/acme/jobs/4012345", "greenhouse", "https://boards.greenhouse.io/acme", "Greenhouse" },
  { "https://job-boards.greenhouse.io/acme/jobs/4012345", "greenhouse", "https://boards.greenhouse.io/acme", "Greenhouse" },
  { "https://jobs.ashbyhq.com/acme/3c4d5e6f-0000-4000-8000-000000000000", "ashby", "https://jobs.ashbyhq.com/acme", "Ashby" },
  { "https://apply.workable.com/acme/j/ABC123DEF4/", "workable", "https://apply.workable.com/acme", "Workable" },
  { "https://jobs.smartrecruiters.com/Acme/743999912345678-field-technician", "smartrecruiters", "https://careers.smartrecruiters.com/Acme", "SmartRecruiters" },
  { "https://acme.recruitee.com/o/senior-engineer", "recruitee", "https://acme.recruitee.com/", "Recruitee" },
  { "https://acme.jobs.personio.de/job/123456", "personio", "https://acme.jobs.personio.de/", "Personio" },
  { "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers/job/Austin-TX/Process-Engineer_JR-10234", "workday", "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers", "Workday" },
  { "https://acme.bamboohr.com/careers/223", "bamboohr", "https://acme.bamboohr.com/careers", "BambooHR" },
};

static void
test_posting_urls (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (posting_urls); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GArray) ids = NULL;
      g_autofree char *said = g_strdup_printf ("An address on %s: adding the whole board ", posting_urls[i].vendor);

      cli (f, &run, "sources", "add", posting_urls[i].url, NULL);
      g_assert_nonnull (strstr (run.err, said));
      if (!scraper_source_kind_is_valid (posting_urls[i].kind))
        {
          /* Found, said, not added: another build reads it. */
          g_assert_cmpint (run.status, ==, 1);
          g_assert_nonnull (strstr (run.err, "cannot read it yet"));
          continue;
        }
      g_assert_cmpint (run.status, ==, 0);
      ids = ids_of (run.out);
      g_assert_cmpuint (ids->len, ==, 1);
      assert_source (f, g_array_index (ids, gint64, 0), posting_urls[i].kind, posting_urls[i].source_url);
    }
  /* Posting URLs name their board: nothing was fetched. */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/cli/handoff/" path, Fixture, NULL, handoff_set_up, func, handoff_tear_down)
  ADD ("link", test_handoff_link);
  ADD ("embed-script", test_handoff_embed_script);
  ADD ("iframe", test_handoff_iframe);
  ADD ("short-links", test_handoff_short_links);
  ADD ("icims", test_handoff_icims);
  ADD ("data-attributes", test_handoff_data_attributes);
  ADD ("inline-js", test_handoff_inline_js);
  ADD ("two-boards", test_handoff_two_boards);
  ADD ("none", test_handoff_none);
  ADD ("twice-not-added-again", test_handoff_twice_not_added_again);
  ADD ("kind-without-adapter", test_handoff_kind_without_adapter);
  ADD ("explicit-kind-unchanged", test_handoff_explicit_kind_unchanged);
  ADD ("posting-urls", test_posting_urls);
#undef ADD

  return g_test_run ();
}
