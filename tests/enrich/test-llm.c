/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The language model client against a real SoupServer on 127.0.0.1 that
 * plays an OpenAI-compatible chat completions server. */
#define G_LOG_DOMAIN "test-llm"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "enrich/scraper-llm.h"
#include "scraper-test-server.h"

#define CHAT_PATH "/v1/chat/completions"

typedef struct {
  ScraperTestServer *server;
  char              *endpoint;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = scraper_test_server_new (NULL);
  f->endpoint = scraper_test_server_url_for (f->server, "/v1");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  scraper_test_server_free (f->server);
  g_free (f->endpoint);
}

static ScraperLlm *
llm_new_full (const char *endpoint,
              const char *api_key,
              guint       timeout_s)
{
  ScraperLlmOptions options = {
    .endpoint = endpoint,
    .model = "test-model",
    .api_key = api_key,
    .timeout_s = timeout_s,
  };
  g_autoptr(GError) error = NULL;
  ScraperLlm *llm = scraper_llm_new (&options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (llm);
  return llm;
}

static ScraperLlm *
llm_new (Fixture *f)
{
  return llm_new_full (f->endpoint, NULL, 10);
}

/* A posting that states nothing the model could fill. */
static ScraperPosting *
posting_new (void)
{
  ScraperPosting *p = scraper_posting_new ();
  const char *locations[] = { "Berlin", "Remote (EU)", NULL };

  p->title = g_strdup ("Backend Engineer");
  p->company = g_strdup ("Acme GmbH");
  p->locations = g_strdupv ((char **) locations);
  p->description_text = g_strdup ("You build our services. We pay well.");
  return p;
}

/* A chat completions body whose first choice says @content. */
static char *
completion (const char *content)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "chatcmpl-1");
  json_builder_set_member_name (b, "object");
  json_builder_add_string_value (b, "chat.completion");
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "assistant");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, content);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "finish_reason");
  json_builder_add_string_value (b, "stop");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
serve_content (Fixture    *f,
               const char *content)
{
  g_autofree char *body = completion (content);

  scraper_test_server_add_text (f->server, CHAT_PATH, "application/json", body);
}

static const char good_answer[] =
  "{\"salary_min\": 60000, \"salary_max\": 75000.5, \"salary_currency\": \"eur\", "
  "\"salary_period\": \"year\", \"remote\": \"Hybrid\", \"seniority\": \"Senior\", "
  "\"skills\": [\"Postgres\", \"rust\", \"Kubernetes\", \"Rust\", \"Event Storming\"]}";

static void
assert_good_answer_filled (ScraperPosting     *p,
                           ScraperEnrichFlags  flags)
{
  g_assert_cmpint (flags, ==, SCRAPER_ENRICH_SALARY | SCRAPER_ENRICH_REMOTE |
                               SCRAPER_ENRICH_SENIORITY | SCRAPER_ENRICH_SKILLS);
  g_assert_cmpfloat (p->salary_min, ==, 60000);
  g_assert_cmpfloat (p->salary_max, ==, 75000.5);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_min, ==, 60000);
  g_assert_cmpfloat (p->annual_max, ==, 75000.5);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->seniority, ==, "senior");
  /* Canonical names from the dictionary, each once */
  g_assert_nonnull (p->skills);
  g_assert_cmpuint (g_strv_length (p->skills), ==, 4);
  g_assert_cmpstr (p->skills[0], ==, "PostgreSQL");
  g_assert_cmpstr (p->skills[1], ==, "Rust");
  g_assert_cmpstr (p->skills[2], ==, "Kubernetes");
  g_assert_cmpstr (p->skills[3], ==, "Event Storming");
}

static void
test_good_answer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *auth = NULL;
  JsonObject *root, *msg;
  JsonArray *messages;
  ScraperEnrichFlags flags;

  serve_content (f, good_answer);
  flags = scraper_llm_enrich_sync (llm, p, NULL, &error);
  g_assert_no_error (error);
  assert_good_answer_filled (p, flags);

  /* What the server got */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 1);
  request = scraper_test_server_dup_last_body (f->server, CHAT_PATH);
  g_assert_nonnull (request);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (request, NULL),
                                             (gssize) g_bytes_get_size (request), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, "test-model");
  g_assert_cmpint (json_object_get_int_member (root, "temperature"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "response_format"), "type"),
                   ==, "json_object");
  messages = json_object_get_array_member (root, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"), ==, "system");
  msg = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (msg, "role"), ==, "user");
  g_assert_nonnull (strstr (json_object_get_string_member (msg, "content"), "Backend Engineer"));
  g_assert_nonnull (strstr (json_object_get_string_member (msg, "content"), "Acme GmbH"));
  g_assert_nonnull (strstr (json_object_get_string_member (msg, "content"), "Berlin; Remote (EU)"));
  g_assert_nonnull (strstr (json_object_get_string_member (msg, "content"), "We pay well."));
  /* No key, no Authorization */
  auth = scraper_test_server_dup_last_header (f->server, CHAT_PATH, "Authorization");
  g_assert_null (auth);
}

static void
test_api_key_sent (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new_full (f->endpoint, "sk-test-123", 10);
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *type = NULL;

  serve_content (f, "{\"remote\": \"remote\"}");
  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==, SCRAPER_ENRICH_REMOTE);
  g_assert_no_error (error);
  auth = scraper_test_server_dup_last_header (f->server, CHAT_PATH, "Authorization");
  g_assert_cmpstr (auth, ==, "Bearer sk-test-123");
  type = scraper_test_server_dup_last_header (f->server, CHAT_PATH, "Content-Type");
  g_assert_cmpstr (type, ==, "application/json");
}

static void
test_never_overwrites (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;
  const char *skills[] = { "Go", NULL };

  p->salary_min = 90000;
  p->salary_max = 110000;
  p->salary_currency = g_strdup ("USD");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  scraper_posting_annualize (p);
  p->remote = SCRAPER_REMOTE_ONSITE;
  p->seniority = g_strdup ("lead");
  p->skills = g_strdupv ((char **) skills);

  serve_content (f, good_answer);
  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==, SCRAPER_ENRICH_NONE);
  g_assert_no_error (error);
  g_assert_cmpfloat (p->salary_min, ==, 90000);
  g_assert_cmpfloat (p->salary_max, ==, 110000);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpfloat (p->annual_max, ==, 110000);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_ONSITE);
  g_assert_cmpstr (p->seniority, ==, "lead");
  g_assert_cmpuint (g_strv_length (p->skills), ==, 1);
  g_assert_cmpstr (p->skills[0], ==, "Go");

  /* Only a max stated by the source is a salary too */
  g_clear_pointer (&p, scraper_posting_unref);
  p = posting_new ();
  p->salary_max = 5000;
  p->salary_period = SCRAPER_SALARY_PERIOD_MONTH;
  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==,
                   SCRAPER_ENRICH_REMOTE | SCRAPER_ENRICH_SENIORITY | SCRAPER_ENRICH_SKILLS);
  g_assert_no_error (error);
  g_assert_true (isnan (p->salary_min));
  g_assert_cmpfloat (p->salary_max, ==, 5000);
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_MONTH);
}

static void
test_fenced_and_prose (Fixture       *f,
                       gconstpointer  data)
{
  static const struct {
    const char *content;
    ScraperEnrichFlags flags;
  } cases[] = {
    { "```json\n{\"remote\": \"remote\", \"seniority\": \"junior\"}\n```", SCRAPER_ENRICH_REMOTE | SCRAPER_ENRICH_SENIORITY },
    { "```\n{\"remote\": \"onsite\"}\n```\n", SCRAPER_ENRICH_REMOTE },
    { "Sure! Here is the JSON you asked for:\n{\"seniority\": \"mid\", \"skills\": [\"Python\"]}\nLet me know if you need more.",
      SCRAPER_ENRICH_SENIORITY | SCRAPER_ENRICH_SKILLS },
    /* A brace in the prose before the object; a brace inside a string */
    { "Fields {as asked}: {\"seniority\": \"lead\", \"skills\": [\"C++ {templates}\"]}",
      SCRAPER_ENRICH_SENIORITY | SCRAPER_ENRICH_SKILLS },
    /* The nested form some models prefer; nulls are "not stated" */
    { "{\"salary\": {\"min\": 4000, \"max\": 5000, \"currency\": \"EUR\", \"period\": \"month\"}, "
      "\"remote\": null, \"seniority\": null, \"skills\": null}", SCRAPER_ENRICH_SALARY },
    /* Nothing stated at all: no error, nothing filled */
    { "{\"salary_min\": null, \"salary_max\": null, \"remote\": \"unknown\", \"skills\": []}", SCRAPER_ENRICH_NONE },
  };
  g_autoptr(ScraperLlm) llm = llm_new (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScraperPosting) p = posting_new ();
      g_autoptr(GError) error = NULL;

      serve_content (f, cases[i].content);
      g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==, cases[i].flags);
      g_assert_no_error (error);
      if (cases[i].flags & SCRAPER_ENRICH_SALARY)
        {
          g_assert_cmpfloat (p->salary_min, ==, 4000);
          g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_MONTH);
          g_assert_cmpfloat (p->annual_max, ==, 60000);
        }
    }
}

static void
assert_invalid_answer (Fixture    *f,
                       ScraperLlm *llm,
                       const char *what)
{
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;

  g_test_message ("answer: %s", what);
  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==, SCRAPER_ENRICH_NONE);
  g_assert_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_ANSWER);
  g_assert_true (scraper_llm_error_is_per_posting (error));
  /* The posting is left alone */
  g_assert_true (isnan (p->salary_min));
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_UNKNOWN);
  g_assert_null (p->seniority);
  g_assert_null (p->skills);
}

static void
test_invalid_answers (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const contents[] = {
    /* malformed */
    "{\"remote\": \"remote\"",
    "no JSON here at all",
    "{remote: remote}",
    /* wrong types */
    "{\"salary_min\": \"60000\"}",
    "{\"remote\": 1}",
    "{\"skills\": \"Rust, Go\"}",
    "{\"skills\": [\"Rust\", 3]}",
    "{\"seniority\": [\"senior\"]}",
    "{\"salary\": 60000}",
    /* out of range */
    "{\"remote\": \"sometimes\"}",
    "{\"seniority\": \"ninja\"}",
    "{\"salary_min\": 60000, \"salary_currency\": \"EURO\"}",
    "{\"salary_min\": 60000, \"salary_currency\": \"E1R\"}",
    "{\"salary_min\": 60000, \"salary_period\": \"fortnight\"}",
    "{\"salary_min\": 90000, \"salary_max\": 60000}",
    "{\"salary_min\": -5, \"salary_max\": 60000}",
    "{\"salary_min\": 5, \"salary_max\": 8, \"salary_period\": \"year\"}",
    "{\"salary_min\": 900000000}",
    "{\"salary_min\": 1e400}",
  };
  g_autoptr(ScraperLlm) llm = llm_new (f);

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      serve_content (f, contents[i]);
      assert_invalid_answer (f, llm, contents[i]);
    }
}

static void
test_invalid_envelopes (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const bodies[] = {
    "<html><body>Welcome to nginx</body></html>",
    "{\"choices\": []}",
    "{\"object\": \"chat.completion\"}",
    "[1, 2, 3]",
    "{\"choices\": [{\"message\": {\"content\": null}}]}",
    "{\"choices\": [{\"message\": {\"content\": 42}}]}",
    "{\"choices\": [{\"text\": \"{}\"}]}",
  };
  static const char bad_utf8[] =
    "{\"choices\": [{\"message\": {\"content\": \"{\\\"seniority\\\": \\\"senior\xff\xfe\\\"}\"}}]}";
  g_autoptr(ScraperLlm) llm = llm_new (f);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      scraper_test_server_add_text (f->server, CHAT_PATH, "application/json", bodies[i]);
      assert_invalid_answer (f, llm, bodies[i]);
    }

  scraper_test_server_add_route (f->server, CHAT_PATH, scraper_test_route_new (200, "application/json", NULL, 0));
  assert_invalid_answer (f, llm, "an empty body");

  scraper_test_server_add_bytes (f->server, CHAT_PATH, "application/json", bad_utf8, sizeof bad_utf8 - 1);
  assert_invalid_answer (f, llm, "invalid UTF-8");
}

static void
assert_server_error (ScraperLlm *llm,
                     int         code,
                     const char *needle)
{
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==, SCRAPER_ENRICH_NONE);
  g_assert_error (error, SCRAPER_LLM_ERROR, code);
  g_assert_false (scraper_llm_error_is_per_posting (error));
  g_test_message ("%s", error->message);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  g_assert_true (isnan (p->salary_min));
  g_assert_null (p->seniority);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  ScraperTestRoute *route;

  scraper_test_server_add_status (f->server, CHAT_PATH, 500);
  assert_server_error (llm, SCRAPER_LLM_ERROR_SERVER, "500");
  /* A 500 is no "try later": asked once */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 1);

  /* What the server says goes into the message */
  route = scraper_test_route_new (500, "application/json",
                                  "{\"error\": {\"message\": \"CUDA out of memory\"}}", -1);
  scraper_test_server_add_route (f->server, CHAT_PATH, route);
  assert_server_error (llm, SCRAPER_LLM_ERROR_SERVER, "CUDA out of memory");

  /* 503 is retried, then fails */
  scraper_test_server_reset_stats (f->server);
  scraper_test_server_add_flaky (f->server, CHAT_PATH, 100, 503, "0", "{}");
  assert_server_error (llm, SCRAPER_LLM_ERROR_SERVER, "503");
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 3);
}

static void
test_rate_limited_then_ok (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = completion (good_answer);
  g_autoptr(GArray) times = NULL;
  gint64 gap;

  scraper_test_server_add_flaky (f->server, CHAT_PATH, 1, 429, "1", body);
  assert_good_answer_filled (p, scraper_llm_enrich_sync (llm, p, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 2);
  /* Retry-After: 1 was honoured */
  times = scraper_test_server_get_request_times (f->server, CHAT_PATH);
  gap = g_array_index (times, gint64, 1) - g_array_index (times, gint64, 0);
  g_assert_cmpint (gap, >=, 900 * 1000);
}

static void
test_rate_limit_storm (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);

  scraper_test_server_add_flaky (f->server, CHAT_PATH, 1000, 429, "0", "{}");
  assert_server_error (llm, SCRAPER_LLM_ERROR_RATE_LIMITED, "429 Too Many Requests");
  /* The first try and two more */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 3);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ScraperLlm) without_key = llm_new (f);
  g_autoptr(ScraperLlm) with_key = llm_new_full (f->endpoint, "sk-wrong", 10);

  scraper_test_server_add_status (f->server, CHAT_PATH, 401);
  assert_server_error (without_key, SCRAPER_LLM_ERROR_UNAUTHORIZED, SCRAPER_LLM_API_KEY_ENV);
  assert_server_error (with_key, SCRAPER_LLM_ERROR_UNAUTHORIZED, "refused the API key");
  scraper_test_server_add_status (f->server, CHAT_PATH, 403);
  assert_server_error (with_key, SCRAPER_LLM_ERROR_UNAUTHORIZED, "403");
  /* Never retried */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 3);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  g_autoptr(ScraperLlm) wrong_path = NULL;
  g_autofree char *root = g_strdup (scraper_test_server_get_url (f->server));
  ScraperTestRoute *route;

  route = scraper_test_route_new (404, "application/json",
                                  "{\"error\": {\"message\": \"model \\\"test-model\\\" not found, try pulling it first\"}}", -1);
  scraper_test_server_add_route (f->server, CHAT_PATH, route);
  assert_server_error (llm, SCRAPER_LLM_ERROR_NOT_FOUND, "try pulling it first");
  assert_server_error (llm, SCRAPER_LLM_ERROR_NOT_FOUND, "test-model");

  /* An endpoint without /v1: nothing there */
  wrong_path = llm_new_full (root, NULL, 10);
  assert_server_error (wrong_path, SCRAPER_LLM_ERROR_NOT_FOUND, "/chat/completions");
}

static void
test_huge_body (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);

  /* Announced by Content-Length */
  scraper_test_server_add_large (f->server, CHAT_PATH, 3 * 1024 * 1024);
  assert_server_error (llm, SCRAPER_LLM_ERROR_TOO_LARGE, "MiB");
  /* Chunked, no length known in advance */
  scraper_test_server_add_trickle (f->server, CHAT_PATH, 2 * 1024 * 1024, 256 * 1024, 1);
  assert_server_error (llm, SCRAPER_LLM_ERROR_TOO_LARGE, NULL);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_mid_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = completion (good_answer);
  GThread *canceller;
  gint64 start, elapsed;

  scraper_test_server_add_slow (f->server, CHAT_PATH, 8000, body);
  start = g_get_monotonic_time ();
  canceller = g_thread_new ("cancel", cancel_later, cancellable);
  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, cancellable, &error), ==, SCRAPER_ENRICH_NONE);
  elapsed = g_get_monotonic_time () - start;
  g_thread_join (canceller);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The request was under way and ended with the cancel, not the server */
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 1);
  /* Before the server's 8 s (bounds that tell a cancel from a wait, not
   * how fast a busy machine is). */
  g_assert_cmpint (elapsed, <, 6 * G_USEC_PER_SEC);
  g_assert_null (p->seniority);

  /* Cancelled during the wait a 429 asked for */
  g_clear_error (&error);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  scraper_test_server_add_flaky (f->server, CHAT_PATH, 1000, 429, "8", "{}");
  start = g_get_monotonic_time ();
  canceller = g_thread_new ("cancel", cancel_later, cancellable);
  scraper_llm_enrich_sync (llm, p, cancellable, &error);
  elapsed = g_get_monotonic_time () - start;
  g_thread_join (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed, <, 6 * G_USEC_PER_SEC);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new_full (f->endpoint, NULL, 1);
  g_autofree char *body = completion (good_answer);
  gint64 start = g_get_monotonic_time ();

  scraper_test_server_add_slow (f->server, CHAT_PATH, 6000, body);
  assert_server_error (llm, SCRAPER_LLM_ERROR_TIMEOUT, "within 1 second");
  /* Not the server's 6 s. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5500 * G_TIME_SPAN_MILLISECOND);
}

static void
test_connection_refused (void)
{
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u/v1", scraper_test_get_closed_port ());
  g_autoptr(ScraperLlm) llm = llm_new_full (endpoint, NULL, 5);
  gint64 start = g_get_monotonic_time ();

  assert_server_error (llm, SCRAPER_LLM_ERROR_CONNECT, endpoint);
  /* A server that is down is not retried (retries would wait seconds) */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_invalid_config (void)
{
  static const struct { const char *endpoint; const char *model; } cases[] = {
    { "", "m" }, { NULL, "m" }, { "ftp://example.com/v1", "m" }, { "localhost:11434", "m" },
    { "http://", "m" }, { "http://localhost:11434/v1", "" }, { "http://localhost:11434/v1", NULL },
    { "http://localhost:11434/v1", "   " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ScraperLlmOptions options = { .endpoint = cases[i].endpoint, .model = cases[i].model };
      g_autoptr(GError) error = NULL;

      g_assert_null (scraper_llm_new (&options, &error));
      g_assert_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_CONFIG);
    }

  /* A trailing slash is forgiven */
  {
    ScraperLlmOptions options = { .endpoint = " http://localhost:11434/v1/ ", .model = "llama3.1" };
    g_autoptr(GError) error = NULL;
    g_autoptr(ScraperLlm) llm = scraper_llm_new (&options, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (scraper_llm_get_endpoint (llm), ==, "http://localhost:11434/v1");
    g_assert_cmpstr (scraper_llm_get_model (llm), ==, "llama3.1");
  }
}

/* The key in the clear only to this computer. */
static void
test_api_key_plain_http_remote_refused (void)
{
  static const struct { const char *endpoint; gboolean ok; } cases[] = {
    { "http://llm.example.com/v1", FALSE },
    { "http://10.0.0.5:11434/v1", FALSE },
    { "http://[2001:db8::1]:8080/v1", FALSE },
    { "http://localhost.example.com/v1", FALSE },
    { "https://llm.example.com/v1", TRUE },
    { "http://localhost:11434/v1", TRUE },
    { "http://127.0.0.1:11434/v1", TRUE },
    { "http://127.1.2.3:11434/v1", TRUE },
    { "http://[::1]:11434/v1", TRUE },
    { "http://ollama.localhost:11434/v1", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ScraperLlmOptions options = { .endpoint = cases[i].endpoint, .model = "m", .api_key = "sk-secret" };
      g_autoptr(GError) error = NULL;
      g_autoptr(ScraperLlm) llm = scraper_llm_new (&options, &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (llm);
        }
      else
        {
          g_assert_null (llm);
          g_assert_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_CONFIG);
          g_assert_nonnull (strstr (error->message, "unencrypted"));
          g_assert_null (strstr (error->message, "sk-secret"));
        }
    }

  /* Without a key, plain http anywhere is the user's choice. */
  {
    ScraperLlmOptions options = { .endpoint = "http://llm.example.com/v1", .model = "m" };
    g_autoptr(GError) error = NULL;
    g_autoptr(ScraperLlm) llm = scraper_llm_new (&options, &error);

    g_assert_no_error (error);
    g_assert_nonnull (llm);
  }
}

static void
test_long_description (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  g_autoptr(ScraperPosting) p = posting_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  const char *content;
  JsonArray *messages;

  /* Two-byte characters with an odd offset: a cut by bytes would split one */
  g_string_append_c (text, 'x');
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "\xc3\xa9");
  g_free (p->description_text);
  p->description_text = g_string_free (g_steal_pointer (&text), FALSE);

  serve_content (f, "{\"remote\": \"remote\"}");
  g_assert_cmpint (scraper_llm_enrich_sync (llm, p, NULL, &error), ==, SCRAPER_ENRICH_REMOTE);
  g_assert_no_error (error);

  request = scraper_test_server_dup_last_body (f->server, CHAT_PATH);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (request, NULL),
                                             (gssize) g_bytes_get_size (request), NULL));
  messages = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "messages");
  content = json_object_get_string_member (json_array_get_object_element (messages, 1), "content");
  g_assert_true (g_utf8_validate (content, -1, NULL));
  g_assert_cmpuint (strlen (content), <, 8300);
  g_assert_cmpuint (strlen (content), >, 7900);
  /* Cut on a character: no replacement character */
  g_assert_null (strstr (content, "\xef\xbf\xbd"));
}

typedef struct {
  ScraperLlm *llm;
  guint       filled;
} ThreadData;

static gpointer
ask_in_thread (gpointer data)
{
  ThreadData *td = data;
  g_autoptr(ScraperLlmSession) session = scraper_llm_session_new (td->llm);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(ScraperPosting) p = posting_new ();
      g_autoptr(GError) error = NULL;

      if (scraper_llm_session_enrich (session, p, NULL, &error) != SCRAPER_ENRICH_NONE &&
          g_strcmp0 (p->seniority, "senior") == 0)
        td->filled++;
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ScraperLlm) llm = llm_new (f);
  ThreadData td[4];
  GThread *threads[4];

  serve_content (f, good_answer);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      td[i] = (ThreadData) { llm, 0 };
      threads[i] = g_thread_new ("ask", ask_in_thread, &td[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (td[i].filled, ==, 5);
    }
  g_assert_cmpuint (scraper_test_server_get_hits (f->server, CHAT_PATH), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/llm/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("good-answer", test_good_answer);
  ADD ("api-key-sent", test_api_key_sent);
  ADD ("never-overwrites", test_never_overwrites);
  ADD ("fenced-and-prose", test_fenced_and_prose);
  ADD ("invalid-answers", test_invalid_answers);
  ADD ("invalid-envelopes", test_invalid_envelopes);
  ADD ("server-error", test_server_error);
  ADD ("rate-limited-then-ok", test_rate_limited_then_ok);
  ADD ("rate-limit-storm", test_rate_limit_storm);
  ADD ("unauthorized", test_unauthorized);
  ADD ("not-found", test_not_found);
  ADD ("huge-body", test_huge_body);
  ADD ("cancel-mid-request", test_cancel_mid_request);
  ADD ("timeout", test_timeout);
  ADD ("long-description", test_long_description);
  ADD ("threads", test_threads);
#undef ADD
  g_test_add_func ("/llm/connection-refused", test_connection_refused);
  g_test_add_func ("/llm/invalid-config", test_invalid_config);
  g_test_add_func ("/llm/api-key-plain-http-remote-refused", test_api_key_plain_http_remote_refused);

  return g_test_run ();
}
