/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-find"

#include "config.h"

#include <signal.h>

#include "cli-test-util.h"

/* `sources find NAME [--add] [--json]` against one local server standing
 * in (JOB_SCRAPER_REMAP) for every board host the finder asks. */

#define GREENHOUSE_ACME \
  "{\"jobs\":[{\"id\":11,\"title\":\"Backend Engineer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/11\"," \
  "\"location\":{\"name\":\"Berlin, Germany\"},\"company_name\":\"Acme Corp\"}," \
  "{\"id\":12,\"title\":\"Designer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/12\"," \
  "\"location\":{\"name\":\"Remote\"},\"company_name\":\"Acme Corp\"}],\"meta\":{\"total\":2}}"
#define LEVER_ACMECORP \
  "[{\"id\":\"6f1b2c3d-0000-4000-8000-000000000001\",\"text\":\"Support Lead\"," \
  "\"hostedUrl\":\"https://jobs.lever.co/acmecorp/6f1b2c3d-0000-4000-8000-000000000001\"," \
  "\"categories\":{\"location\":\"Lisbon\"},\"createdAt\":1764000000000}]"

static void
remap_all (Fixture *f)
{
  static const char * const hosts[] = {
    "boards-api.greenhouse.io", "api.lever.co", "api.ashbyhq.com", "apply.workable.com",
    "api.smartrecruiters.com", "*.recruitee.com", "*.jobs.personio.de", "*.jobs.personio.com",
    "*.bamboohr.com", "*.myworkdayjobs.com",
  };
  g_autoptr(GString) spec = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", hosts[i],
                            scraper_test_server_get_port (f->server));
  /* The child inherits it. */
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);
}

static void
serve_acme (Fixture *f)
{
  scraper_test_server_add_text (f->server, "/v1/boards/acme/jobs", "application/json", GREENHOUSE_ACME);
  scraper_test_server_add_text (f->server, "/v0/postings/acmecorp", "application/json", LEVER_ACMECORP);
  scraper_test_server_add_text (f->server, "/v1/companies/acme/postings", "application/json",
                                "{\"offset\":0,\"limit\":1,\"totalFound\":0,\"content\":[]}");
}

static JsonObject *
board_of_kind (JsonArray  *array,
               const char *kind)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "kind"), kind) == 0)
        return o;
    }
  return NULL;
}

static void
test_find_json_two_boards (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *gh, *lever;

  remap_all (f);
  serve_acme (f);
  cli (f, &run, "sources", "find", "Acme Corp", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  gh = board_of_kind (array, "greenhouse");
  g_assert_nonnull (gh);
  /* Exactly the contract's fields. */
  g_assert_cmpuint (json_object_get_size (gh), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (gh, "url"), ==, "https://boards.greenhouse.io/acme");
  g_assert_cmpstr (json_object_get_string_member (gh, "name"), ==, "Acme Corp");
  g_assert_cmpint (json_object_get_int_member (gh, "postings"), ==, 2);

  lever = board_of_kind (array, "lever");
  g_assert_nonnull (lever);
  g_assert_cmpuint (json_object_get_size (lever), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (lever, "url"), ==, "https://jobs.lever.co/acmecorp");
  g_assert_cmpstr (json_object_get_string_member (lever, "name"), ==, "Acmecorp");
  g_assert_cmpint (json_object_get_int_member (lever, "postings"), ==, 1);

  /* Nothing was added without --add. */
  {
    g_auto(Run) list = { 0 };
    g_autoptr(JsonNode) sources = NULL;

    cli (f, &list, "sources", "list", "--json", NULL);
    sources = parse_json (list.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (sources)), ==, 0);
  }
  g_unsetenv ("JOB_SCRAPER_REMAP");
}

static void
test_find_table_one_board (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  remap_all (f);
  scraper_test_server_add_text (f->server, "/v1/boards/globex/jobs", "application/json", GREENHOUSE_ACME);
  /* Unquoted words are one name. */
  cli (f, &run, "sources", "find", "Globex", "Inc", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "BOARD"));
  g_assert_nonnull (strstr (run.out, "greenhouse"));
  g_assert_nonnull (strstr (run.out, "https://boards.greenhouse.io/globex"));
  g_assert_null (strstr (run.out, "lever"));
  /* Progress went to stderr, not stdout. */
  g_assert_null (strstr (run.out, "Ask"));
  g_assert_nonnull (strstr (run.err, "Asking the job boards"));
  g_unsetenv ("JOB_SCRAPER_REMAP");
}

static void
test_find_nowhere (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) root = NULL;

  remap_all (f);
  cli (f, &run, "sources", "find", "Initech", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "“Initech” was not found on Greenhouse, Lever, Ashby, Workable, SmartRecruiters, Recruitee"));

  cli (f, &json, "sources", "find", "Initech", "--json", NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = parse_json (json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  g_unsetenv ("JOB_SCRAPER_REMAP");
}

static void
test_find_add (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) ids = NULL;
  JsonArray *sources;

  remap_all (f);
  serve_acme (f);
  cli (f, &run, "sources", "find", "Acme Corp", "--add", NULL);
  g_assert_cmpint (run.status, ==, 0);
  ids = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_nonnull (strstr (run.err, "Added Greenhouse: Acme Corp (https://boards.greenhouse.io/acme)"));

  cli (f, &list, "sources", "list", "--json", NULL);
  root = parse_json (list.out);
  sources = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (sources), ==, 2);
  g_assert_nonnull (board_of_kind (sources, "greenhouse"));
  g_assert_cmpstr (json_object_get_string_member (board_of_kind (sources, "lever"), "url"), ==,
                   "https://jobs.lever.co/acmecorp");
  g_assert_cmpint (json_object_get_int_member (board_of_kind (sources, "greenhouse"), "id"), ==,
                   g_ascii_strtoll (ids[0], NULL, 10));

  /* Found again: the same sources, no second copy. */
  cli (f, &again, "sources", "find", "Acme Corp", "--add", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (g_strchomp (again.out), ==, run.out);
  g_assert_nonnull (strstr (again.err, "Already a source"));
  g_unsetenv ("JOB_SCRAPER_REMAP");
}

static void
test_find_usage (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) signs = { 0 };

  cli (f, &none, "sources", "find", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "needs the name of a company"));

  cli (f, &signs, "sources", "find", "!!!", NULL);
  g_assert_cmpint (signs.status, ==, 2);
  g_assert_nonnull (strstr (signs.err, "no letters or digits"));
}

/* Reads stderr of @proc into @buf until it holds @text, at most @timeout_ms. */
static gboolean
stderr_has (GSubprocess *proc,
            GString     *buf,
            const char  *text,
            guint        timeout_ms)
{
  GInputStream *err = g_subprocess_get_stderr_pipe (proc);
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;
  char chunk[256];

  while (g_get_monotonic_time () < end)
    {
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (err), chunk, sizeof chunk,
                                                           NULL, NULL);

      if (n > 0)
        g_string_append_len (buf, chunk, n);
      if (strstr (buf->str, text) != NULL)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_find_sigint (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  const char *args[] = { "sources", "find", "Acme", "--add", NULL };

  remap_all (f);
  /* The first board keeps the search waiting. */
  scraper_test_server_add_slow (f->server, "/v1/boards/acme/jobs", 20000, GREENHOUSE_ACME);
  proc = spawn_v (f, NULL, args);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  g_assert_true (stderr_has (proc, err, "Asking the job boards", 20000));

  g_subprocess_send_signal (proc, SIGINT);
  finish (proc, &run);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_nonnull (strstr (run.err, "Interrupted: the search was cancelled."));
  g_assert_cmpstr (run.out, ==, "");
  /* Nothing was added. */
  {
    g_auto(Run) list = { 0 };
    g_autoptr(JsonNode) sources = NULL;

    cli (f, &list, "sources", "list", "--json", NULL);
    sources = parse_json (list.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (sources)), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("JOB_SCRAPER_REMAP");

  g_test_add ("/cli/find/json-two-boards", Fixture, NULL, fixture_set_up, test_find_json_two_boards, fixture_tear_down);
  g_test_add ("/cli/find/table-one-board", Fixture, NULL, fixture_set_up, test_find_table_one_board, fixture_tear_down);
  g_test_add ("/cli/find/nowhere", Fixture, NULL, fixture_set_up, test_find_nowhere, fixture_tear_down);
  g_test_add ("/cli/find/add", Fixture, NULL, fixture_set_up, test_find_add, fixture_tear_down);
  g_test_add ("/cli/find/sigint", Fixture, NULL, fixture_set_up, test_find_sigint, fixture_tear_down);
  g_test_add ("/cli/find/usage", Fixture, NULL, fixture_set_up, test_find_usage, fixture_tear_down);

  return g_test_run ();
}
