/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `job-scraper enrich` with a language model: the real binary, a real
 * database file and an in-process server playing an OpenAI-compatible
 * one. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "store/scraper-store.h"

#define CHAT_PATH "/v1/chat/completions"

/* Two postings as a source stated them: "Backend Engineer" states nothing,
 * and the rules find only a skill in its text; "Senior Rust Developer"
 * states it all (and is never sent). */
static void
fill_database (Fixture *f)
{
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync;
  ScraperPosting *p;
  const char *skills[] = { "Rust", NULL };
  gint64 source_id;

  store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);
  source->name = g_strdup ("Acme");
  source->url = g_strdup ("https://boards.example.com/acme");
  source->kind = g_strdup ("greenhouse");
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);

  p = scraper_posting_new ();
  p->external_id = g_strdup ("1");
  p->url = g_strdup ("https://boards.example.com/acme/1");
  p->title = g_strdup ("Backend Engineer");
  p->company = g_strdup ("Acme");
  p->description_text = g_strdup ("You keep our Python services running.");
  g_ptr_array_add (postings, p);

  p = scraper_posting_new ();
  p->external_id = g_strdup ("2");
  p->url = g_strdup ("https://boards.example.com/acme/2");
  p->title = g_strdup ("Senior Rust Developer");
  p->company = g_strdup ("Acme");
  p->description_text = g_strdup ("Rust all day.");
  p->salary_min = 100000;
  p->salary_max = 120000;
  p->salary_currency = g_strdup ("USD");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  scraper_posting_annualize (p);
  p->remote = SCRAPER_REMOTE_REMOTE;
  p->seniority = g_strdup ("senior");
  p->skills = g_strdupv ((char **) skills);
  g_ptr_array_add (postings, p);

  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_assert_no_error (error);
}

/* @n more postings that state nothing, in a partial run (nothing is
 * archived). */
static void
add_incomplete (Fixture *f,
                guint    n)
{
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync;

  store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);
  sources = scraper_store_list_sources (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("extra-%u", i);
      p->url = g_strdup_printf ("https://boards.example.com/acme/extra-%u", i);
      p->title = g_strdup_printf ("Operator %u", i);
      p->company = g_strdup ("Acme");
      p->description_text = g_strdup ("You keep the lights on.");
      g_ptr_array_add (postings, p);
    }

  sync = scraper_store_begin_sync (store, ((ScraperSource *) g_ptr_array_index (sources, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_PARTIAL, NULL, &counts, &error));
  g_assert_no_error (error);
}

/* The shared fixture, with the database filled. */
static void
llm_set_up (Fixture       *f,
            gconstpointer  data)
{
  fixture_set_up (f, data);
  fill_database (f);
}

/* The test server's address as a language model server's. */
static char *
endpoint_of (Fixture *f)
{
  return scraper_test_server_url_for (f->server, "/v1");
}

static void
serve_content_slowly (Fixture    *f,
                      const char *content,
                      guint       delay_ms)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "assistant");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, content);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);
  if (delay_ms > 0)
    scraper_test_server_add_slow (f->server, CHAT_PATH, delay_ms, body);
  else
    scraper_test_server_add_text (f->server, CHAT_PATH, "application/json", body);
}

static void
serve_content (Fixture    *f,
               const char *content)
{
  serve_content_slowly (f, content, 0);
}

static JsonObject *
find_by_title (JsonArray  *postings,
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

static JsonNode *
list_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli (f, &run, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return parse_json (run.out);
}

static const char answer[] =
  "```json\n{\"salary_min\": 70000, \"salary_max\": 80000, \"salary_currency\": \"EUR\", "
  "\"salary_period\": \"year\", \"remote\": \"hybrid\", \"seniority\": \"mid\", "
  "\"skills\": [\"kotlin\", \"Postgres\"]}\n```";

static void
test_enrich_with_llm (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *endpoint = endpoint_of (f);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GBytes) request = NULL;
  JsonObject *o, *p, *salary;
  JsonArray *skills;

  /* A model takes its time: the progress shows on stderr meanwhile */
  serve_content_slowly (f, answer, 600);
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Asking the language model\xe2\x80\xa6 1 of 1"));
  summary = parse_json (run.out);
  o = json_node_get_object (summary);
  g_assert_cmpint (json_object_get_int_member (o, "postings"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "llm_asked"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "llm_changed"), ==, 1);

  /* Only the incomplete posting was sent */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 1);
  request = scraper_test_server_dup_last_body (f->server, CHAT_PATH);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (request, NULL), (gssize) g_bytes_get_size (request),
                                  "Backend Engineer"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (request, NULL), (gssize) g_bytes_get_size (request),
                                  "\"model\":\"test-model\""));

  list = list_json (f);
  p = find_by_title (json_node_get_array (list), "Backend Engineer");
  g_assert_nonnull (p);
  salary = json_object_get_object_member (p, "salary");
  g_assert_nonnull (salary);
  g_assert_cmpfloat (json_object_get_double_member (salary, "min"), ==, 70000);
  g_assert_cmpfloat (json_object_get_double_member (salary, "annual_max"), ==, 80000);
  g_assert_cmpstr (json_object_get_string_member (salary, "currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (salary, "period"), ==, "year");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "hybrid");
  g_assert_cmpstr (json_object_get_string_member (p, "seniority"), ==, "mid");
  /* The skills the rules found are kept */
  skills = json_object_get_array_member (p, "skills");
  g_assert_cmpuint (json_array_get_length (skills), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (skills, 0), ==, "Python");

  /* The stated one is as it was */
  p = find_by_title (json_node_get_array (list), "Senior Rust Developer");
  g_assert_cmpstr (json_object_get_string_member (p, "remote"), ==, "remote");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (p, "salary"), "min"), ==, 100000);

  /* Asked once: a second run sends nothing; the human summary says so */
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Asked the language model about 0 postings, 0 changed"));
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 1);
}

static void
test_enrich_llm_down (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *down = g_strdup_printf ("http://127.0.0.1:%u/v1", scraper_test_get_closed_port ());
  JsonObject *p;

  cli (f, &run, "enrich", "--llm-endpoint", down, "--llm-model", "test-model", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* Progress may come first on stderr (how soon it is printed is the
   * machine's business); the error is one line of its own. */
  {
    const char *line = strstr (run.err, "job-scraper: Could not reach the language model server at");

    g_assert_nonnull (line);
    g_assert_true (line == run.err || line[-1] == '\n');
  }
  g_assert_nonnull (strstr (run.err, down));
  g_assert_cmpstr (run.out, ==, "");

  /* The rules' results were stored before */
  list = list_json (f);
  p = find_by_title (json_node_get_array (list), "Backend Engineer");
  g_assert_nonnull (p);
  g_assert_true (json_object_get_null_member (p, "salary"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "skills")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (p, "skills"), 0), ==, "Python");

  /* The rules alone: the summary scripts know, without LLM keys */
  cli (f, &run, "enrich", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  summary = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary), "postings"), ==, 2);
  g_assert_false (json_object_has_member (json_node_get_object (summary), "llm_asked"));
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, NULL), ==, 0);
}

static void
test_enrich_llm_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *endpoint = endpoint_of (f);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) summary = NULL;

  /* Half a configuration, with none in the settings */
  cli (f, &run, "enrich", "--llm-model", "test-model", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--llm-endpoint"));
  cli (f, &run, "enrich", "--llm-endpoint", "ftp://example.com", "--llm-model", "m", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (f, &run, "enrich", "--llm-max", "20000", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* A refused key */
  scraper_test_server_add_status (f->server, CHAT_PATH, 401);
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "JOB_SCRAPER_LLM_API_KEY"));

  /* One unusable answer is recorded, and the posting not asked again
   * until it changes */
  scraper_test_server_add_text (f->server, CHAT_PATH, "text/html", "<html>It works!</html>");
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Asked the language model about 1 postings, 0 changed"));
  serve_content (f, answer);
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  summary = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary), "llm_asked"), ==, 0);

  /* No usable answer to the first three postings of a run: that is the
   * server, not the postings, and none of them is recorded */
  add_incomplete (f, 3);
  scraper_test_server_add_text (f->server, CHAT_PATH, "text/html", "<html>It works!</html>");
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no usable answer about 3 postings in a row"));
  serve_content (f, answer);
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", "--llm-max", "2", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&summary, json_node_unref);
  summary = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary), "llm_asked"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary), "llm_changed"), ==, 2);
  cli (f, &run, "enrich", "--llm-endpoint", endpoint, "--llm-model", "test-model", "--json", NULL);
  g_clear_pointer (&summary, json_node_unref);
  summary = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (summary), "llm_asked"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/cli-llm/" path, Fixture, NULL, llm_set_up, func, fixture_tear_down)
  ADD ("enrich-with-llm", test_enrich_with_llm);
  ADD ("enrich-llm-down", test_enrich_llm_down);
  ADD ("enrich-llm-errors", test_enrich_llm_errors);
#undef ADD

  return g_test_run ();
}
