/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-find"

#include "config.h"

#include <string.h>

#include "core/scraper-task-manager.h"
#include "scrape/scraper-finder.h"
#include "scrape/scraper-manual.h"
#include "tasks/scraper-find-task.h"
#include "scraper-test-server.h"

/* The company finder, with one local server standing in (through
 * JOB_SCRAPER_REMAP) for every board host it asks. */

#define GREENHOUSE_ACME \
  "{\"jobs\":[{\"id\":11,\"title\":\"Backend Engineer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/11\"," \
  "\"location\":{\"name\":\"Berlin, Germany\"},\"company_name\":\"Acme Corp\",\"updated_at\":\"2026-11-02T10:00:00-04:00\"}," \
  "{\"id\":12,\"title\":\"Designer\",\"absolute_url\":\"https://boards.greenhouse.io/acme/jobs/12\"," \
  "\"location\":{\"name\":\"Remote\"},\"company_name\":\"Acme Corp\",\"updated_at\":\"2026-11-03T10:00:00-04:00\"}]," \
  "\"meta\":{\"total\":2}}"
#define LEVER_ACME \
  "[{\"id\":\"6f1b2c3d-0000-4000-8000-000000000001\",\"text\":\"Support Lead\"," \
  "\"hostedUrl\":\"https://jobs.lever.co/acme/6f1b2c3d-0000-4000-8000-000000000001\"," \
  "\"categories\":{\"location\":\"Lisbon\"},\"createdAt\":1764000000000}]"
#define ASHBY_ACMECORP \
  "{\"apiVersion\":\"1\",\"jobs\":[{\"id\":\"a1\",\"title\":\"Analyst\",\"jobUrl\":\"https://jobs.ashbyhq.com/acmecorp/a1\"," \
  "\"location\":\"Paris\",\"publishedAt\":\"2026-11-01T00:00:00Z\"}]}"
#define SMARTRECRUITERS_EMPTY "{\"offset\":0,\"limit\":1,\"totalFound\":0,\"content\":[]}"

/* Every board host of the finder, to @server. */
static void
remap_all (ScraperTestServer *server)
{
  static const char * const hosts[] = {
    "boards-api.greenhouse.io", "api.lever.co", "api.ashbyhq.com", "apply.workable.com",
    "api.smartrecruiters.com", "*.recruitee.com", "*.jobs.personio.de", "*.jobs.personio.com",
    "*.bamboohr.com", "*.myworkdayjobs.com",
  };
  g_autoptr(GString) spec = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", hosts[i],
                            scraper_test_server_get_port (server));
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);
}

static ScraperFetcher *
fetcher_new (ScraperTestServer *server)
{
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  remap_all (server);
  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.retry_base_ms = 10;
  options.max_retries = 0;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  return fetcher;
}

/* Requests to the boards' APIs, robots.txt left out. */
static guint
api_hits (ScraperTestServer *server)
{
  return scraper_test_server_get_hits (server, NULL) - scraper_test_server_get_hits (server, "/robots.txt");
}

static ScraperFoundBoard *
board_of_kind (GPtrArray  *boards,
               const char *kind)
{
  for (guint i = 0; i < boards->len; i++)
    if (g_str_equal (((ScraperFoundBoard *) g_ptr_array_index (boards, i))->kind, kind))
      return g_ptr_array_index (boards, i);
  return NULL;
}

static void
assert_slugs (const char         *name,
              const char * const *expected)
{
  g_auto(GStrv) slugs = scraper_finder_slugs (name);

  g_assert_cmpstrv (slugs, expected);
}

static void
test_slugs (void)
{
  assert_slugs ("Acme Corp", (const char *[]) { "acme", "acmecorp", "acme-corp", "acme_corp", NULL });
  assert_slugs ("Acme", (const char *[]) { "acme", NULL });
  assert_slugs ("  ACME  ", (const char *[]) { "acme", NULL });
  assert_slugs ("Red Hat, Inc.", (const char *[]) { "redhat", "red-hat", "redhatinc", "red-hat-inc", "red_hat_inc", NULL });
  assert_slugs ("Müller & Söhne GmbH", (const char *[]) { "mullersohne", "muller-sohne", "mullersohnegmbh",
                                                           "muller-sohne-gmbh", "muller_sohne_gmbh", NULL });
  assert_slugs ("McDonald's", (const char *[]) { "mcdonalds", NULL });
  assert_slugs ("Zalando SE", (const char *[]) { "zalando", "zalandose", "zalando-se", "zalando_se", NULL });
}

static void
test_slugs_hostile_names (void)
{
  g_autofree char *long_name = g_strnfill (5000, 'a');
  g_auto(GStrv) long_slugs = scraper_finder_slugs (long_name);
  g_auto(GStrv) many = scraper_finder_slugs ("a b c d e f g h i j k l m n o p");

  assert_slugs ("", (const char *[]) { NULL });
  assert_slugs ("!!! ??? ...", (const char *[]) { NULL });
  assert_slugs ("日本語", (const char *[]) { NULL });
  assert_slugs ("../../etc/passwd", (const char *[]) { "etcpasswd", "etc-passwd", "etc_passwd", "etc", NULL });
  /* Invalid UTF-8 is read byte by byte. */
  assert_slugs ("Ac\xffme", (const char *[]) { "acme", "ac-me", "ac_me", "ac", NULL });
  g_assert_cmpuint (g_strv_length (long_slugs), ==, 1);
  g_assert_cmpuint (g_strv_length (many), <=, SCRAPER_FINDER_MAX_SLUGS);
}

static void
test_plan_budget (void)
{
  g_autoptr(GPtrArray) plan = scraper_finder_plan ("Acme Corp Holdings GmbH");
  g_autoptr(GHashTable) per_host = g_hash_table_new (g_str_hash, g_str_equal);
  ScraperBoardProbe *first;

  g_assert_cmpuint (plan->len, >, 0);
  g_assert_cmpuint (plan->len, <=, SCRAPER_FINDER_MAX_PROBES);
  for (guint i = 0; i < plan->len; i++)
    {
      ScraperBoardProbe *probe = g_ptr_array_index (plan, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_host, probe->host)) + 1;

      g_hash_table_insert (per_host, probe->host, GUINT_TO_POINTER (n));
      g_assert_cmpuint (n, <=, SCRAPER_FINDER_MAX_PER_HOST);
      /* A slug that is no host name is not asked of a board named by host. */
      if (g_str_has_suffix (probe->host, ".recruitee.com") || strstr (probe->host, ".jobs.personio.") != NULL)
        g_assert_null (strchr (probe->slug, '_'));
      /* Two requests in a row go to two hosts. */
      if (i > 0)
        g_assert_cmpstr (probe->host, !=, ((ScraperBoardProbe *) g_ptr_array_index (plan, i - 1))->host);
    }

  first = g_ptr_array_index (plan, 0);
  g_assert_cmpstr (first->kind, ==, "greenhouse");
  g_assert_cmpstr (first->slug, ==, "acme");
  g_assert_cmpstr (first->board_url, ==, "https://boards.greenhouse.io/acme");
  g_assert_cmpstr (first->probe_url, ==, "https://boards-api.greenhouse.io/v1/boards/acme/jobs");
  /* The kind the finder cannot ask in this build is not in its plan. */
  for (guint i = 0; i < plan->len; i++)
    g_assert_true (scraper_source_kind_is_valid (((ScraperBoardProbe *) g_ptr_array_index (plan, i))->kind));
}

static void
test_found_on_two_boards (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unreachable = NULL;
  ScraperFoundBoard *gh, *lever;
  guint n_probes = 0;

  scraper_test_server_add_text (server, "/v1/boards/acme/jobs", "application/json", GREENHOUSE_ACME);
  scraper_test_server_add_text (server, "/v0/postings/acme", "application/json", LEVER_ACME);
  /* SmartRecruiters answers every name, with nothing: not found. */
  scraper_test_server_add_text (server, "/v1/companies/acme/postings", "application/json", SMARTRECRUITERS_EMPTY);
  /* Personio's unknown names land on its home page: not a board. */
  scraper_test_server_add_text (server, "/xml", "text/html", "<html><body>Personio</body></html>");

  boards = scraper_finder_run (fetcher, "Acme Corp", NULL, NULL, &n_probes, &unreachable, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (boards);
  g_assert_cmpuint (boards->len, ==, 2);
  g_assert_null (unreachable);

  gh = board_of_kind (boards, "greenhouse");
  g_assert_nonnull (gh);
  g_assert_cmpstr (gh->url, ==, "https://boards.greenhouse.io/acme");
  g_assert_cmpstr (gh->name, ==, "Acme Corp");
  g_assert_cmpuint (gh->postings, ==, 2);

  lever = board_of_kind (boards, "lever");
  g_assert_nonnull (lever);
  g_assert_cmpstr (lever->url, ==, "https://jobs.lever.co/acme");
  g_assert_cmpstr (lever->name, ==, "Acme");
  g_assert_cmpuint (lever->postings, ==, 1);

  /* A board found with "acme" is not asked for the other slugs. */
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/v1/boards/acme/jobs"), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/v1/boards/acmecorp/jobs"), ==, 0);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/v0/postings/acmecorp"), ==, 0);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/posting-api/job-board/acmecorp"), ==, 1);
  g_assert_cmpuint (n_probes, ==, api_hits (server));
  g_assert_cmpuint (n_probes, <=, SCRAPER_FINDER_MAX_PROBES);
}

static void
test_found_on_one_board_second_slug (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  ScraperFoundBoard *ashby;

  scraper_test_server_add_text (server, "/posting-api/job-board/acmecorp", "application/json", ASHBY_ACMECORP);
  boards = scraper_finder_run (fetcher, "Acme Corp", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boards->len, ==, 1);
  ashby = g_ptr_array_index (boards, 0);
  g_assert_cmpstr (ashby->kind, ==, "ashby");
  g_assert_cmpstr (ashby->url, ==, "https://jobs.ashbyhq.com/acmecorp");
  g_assert_cmpuint (ashby->postings, ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/posting-api/job-board/acme"), ==, 1);
}

static void
test_found_on_host_named_board (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperTestServer) acme = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  ScraperFoundBoard *recruitee;

  /* acme.recruitee.com has a board; every other name of the suffix not. */
  remap_all (server);
  spec = g_strdup_printf ("%s,acme.recruitee.com=127.0.0.1:%u", g_getenv ("JOB_SCRAPER_REMAP"),
                          scraper_test_server_get_port (acme));
  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
  {
    ScraperFetchOptions options;

    scraper_fetch_options_init (&options);
    options.per_host_delay_ms = 0;
    options.max_retries = 0;
    fetcher = scraper_fetcher_new (&options);
    scraper_fetch_options_clear (&options);
  }
  g_unsetenv ("JOB_SCRAPER_REMAP");

  scraper_test_server_add_text (acme, "/api/offers/", "application/json",
                                "{\"offers\":[{\"id\":7,\"slug\":\"cook\",\"title\":\"Cook\",\"company_name\":\"Acme\","
                                "\"careers_url\":\"https://acme.recruitee.com/o/cook\",\"location\":\"Ghent\"},"
                                "{\"id\":8,\"slug\":\"waiter\",\"title\":\"Waiter\",\"company_name\":\"Acme\","
                                "\"careers_url\":\"https://acme.recruitee.com/o/waiter\",\"location\":\"Ghent\"}]}");

  boards = scraper_finder_run (fetcher, "ACME", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boards->len, ==, 1);
  recruitee = g_ptr_array_index (boards, 0);
  g_assert_cmpstr (recruitee->kind, ==, "recruitee");
  g_assert_cmpstr (recruitee->url, ==, "https://acme.recruitee.com/");
  g_assert_cmpuint (recruitee->postings, ==, 2);
}

static void
test_found_nowhere (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GPtrArray) plan = scraper_finder_plan ("Nowhere Ltd");
  g_autoptr(GError) error = NULL;
  guint n_probes = 0;

  /* A board that answers something else than its API document (a 200
   * page of HTML) does not count. */
  scraper_test_server_add_text (server, "/v1/boards/nowhere/jobs", "text/html", "<html>Sorry</html>");
  boards = scraper_finder_run (fetcher, "Nowhere Ltd", NULL, NULL, &n_probes, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boards->len, ==, 0);
  /* Every planned request was made, and no more. */
  g_assert_cmpuint (n_probes, ==, plan->len);
  g_assert_cmpuint (api_hits (server), ==, plan->len);
}

static void
test_unreachable_board_reported (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = NULL;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unreachable = NULL;
  g_autofree char *spec = NULL;

  /* Lever's host refuses connections: the others are still asked. */
  remap_all (server);
  spec = g_strdup_printf ("%s,api.lever.co=127.0.0.1:%u", g_getenv ("JOB_SCRAPER_REMAP"),
                          scraper_test_get_closed_port ());
  g_setenv ("JOB_SCRAPER_REMAP", spec, TRUE);
  {
    ScraperFetchOptions options;

    scraper_fetch_options_init (&options);
    options.per_host_delay_ms = 0;
    options.max_retries = 0;
    fetcher = scraper_fetcher_new (&options);
    scraper_fetch_options_clear (&options);
  }
  g_unsetenv ("JOB_SCRAPER_REMAP");
  scraper_test_server_add_text (server, "/v1/boards/acme/jobs", "application/json", GREENHOUSE_ACME);

  boards = scraper_finder_run (fetcher, "Acme", NULL, NULL, NULL, &unreachable, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boards->len, ==, 1);
  g_assert_nonnull (unreachable);
  g_assert_cmpstrv (unreachable, ((const char *[]) { "Lever", NULL }));
}

/* Workday is guessed (tenant = slug, wd1/wd5/wd3, site "External") in a
 * build that has the kind: its probe POSTs a search and counts "total". */
static void
test_workday_probe (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperFoundBoard) found = NULL;
  g_autoptr(ScraperFoundBoard) missed = NULL;
  g_autoptr(ScraperFoundBoard) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  ScraperBoardProbe probe = {
    "workday", "Workday", (char *) "gamma", (char *) "https://gamma.wd5.myworkdayjobs.com/External",
    (char *) "https://gamma.wd5.myworkdayjobs.com/wday/cxs/gamma/External/jobs",
    (char *) "gamma.wd5.myworkdayjobs.com", TRUE, TRUE,
  };
  ScraperBoardProbe wrong = probe;

  scraper_test_server_add_text (server, "/wday/cxs/gamma/External/jobs", "application/json",
                                "{\"total\":47,\"jobPostings\":[{\"title\":\"Nurse\",\"externalPath\":\"/job/Berlin/Nurse_JR1\"}]}");
  found = scraper_finder_probe (fetcher, &probe, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->kind, ==, "workday");
  g_assert_cmpstr (found->url, ==, "https://gamma.wd5.myworkdayjobs.com/External");
  g_assert_cmpstr (found->name, ==, "Gamma");
  g_assert_cmpuint (found->postings, ==, 47);
  body = scraper_test_server_dup_last_body (server, "/wday/cxs/gamma/External/jobs");
  g_assert_nonnull (body);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"limit\":1"));

  /* A wrong guess (Workday answers unknown sites with an error) is not
   * "could not ask": nothing found, no error. */
  wrong.probe_url = (char *) "https://gamma.wd5.myworkdayjobs.com/wday/cxs/gamma/Careers/jobs";
  scraper_test_server_add_status (server, "/wday/cxs/gamma/Careers/jobs", 500);
  missed = scraper_finder_probe (fetcher, &wrong, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (missed);

  scraper_test_server_add_text (server, "/wday/cxs/gamma/External/jobs", "application/json",
                                "{\"total\":0,\"jobPostings\":[]}");
  empty = scraper_finder_probe (fetcher, &probe, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (empty);

  /* In this build's plan only when the kind is known, and for one slug. */
  {
    g_autoptr(GPtrArray) plan = scraper_finder_plan ("Gamma Corp");
    guint n = 0;

    for (guint i = 0; i < plan->len; i++)
      if (g_str_equal (((ScraperBoardProbe *) g_ptr_array_index (plan, i))->kind, "workday"))
        {
          g_assert_cmpstr (((ScraperBoardProbe *) g_ptr_array_index (plan, i))->slug, ==, "gamma");
          n++;
        }
    g_assert_cmpuint (n, ==, scraper_source_kind_is_valid ("workday") ? 3 : 0);
  }
}

static void
cancel_after_first (guint                    done,
                    guint                    total,
                    const ScraperBoardProbe *probe,
                    const ScraperFoundBoard *found,
                    gpointer                 user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancelled_after_first_probe (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GPtrArray) plan = scraper_finder_plan ("Acme Corp");
  g_autoptr(GError) error = NULL;
  guint n_probes = 0;

  boards = scraper_finder_run (fetcher, "Acme Corp", cancel_after_first, cancellable, &n_probes, NULL,
                               cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (boards);
  g_assert_cmpuint (n_probes, ==, 1);
  g_assert_cmpuint (api_hits (server), ==, 1);
  g_assert_cmpuint (plan->len, >, 1);
}

/* ------------------------------------------------------------------ */
/* The task                                                            */

static void
on_state (ScraperTask *task,
          GParamSpec  *pspec,
          gpointer     user_data)
{
  if (scraper_task_is_finished (task))
    g_main_loop_quit (user_data);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @task finished, at most 20 s. */
static void
wait_task (ScraperTask *task)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gulong handler = g_signal_connect (task, "notify::state", G_CALLBACK (on_state), loop);
  guint timeout = g_timeout_add_seconds (20, on_timeout, loop);

  if (!scraper_task_is_finished (task))
    g_main_loop_run (loop);
  g_signal_handler_disconnect (task, handler);
  if (scraper_task_is_finished (task))
    g_source_remove (timeout);
  g_assert_true (scraper_task_is_finished (task));
}

static void
test_task_found (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(ScraperTask) task = scraper_find_task_new (fetcher, "  Acme Corp ");
  g_autoptr(GPtrArray) boards = NULL;
  g_autofree char *summary = NULL;
  guint probes = 0;

  scraper_test_server_add_text (server, "/v1/boards/acme/jobs", "application/json", GREENHOUSE_ACME);
  scraper_test_server_add_text (server, "/v0/postings/acme", "application/json", LEVER_ACME);

  g_assert_cmpstr (scraper_task_get_title (task), ==, "Finding “Acme Corp”");
  g_assert_cmpstr (scraper_task_get_kind (task), ==, "find");
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  wait_task (task);

  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 1.0);
  boards = scraper_find_result_get_boards (scraper_task_get_result (task));
  g_assert_cmpuint (boards->len, ==, 2);
  g_assert_true (g_variant_lookup (scraper_task_get_result (task), "probes", "u", &probes));
  g_assert_cmpuint (probes, ==, api_hits (server));
  summary = scraper_find_result_describe (scraper_task_get_result (task));
  g_assert_cmpstr (summary, ==, "Found on Greenhouse and Lever");
  g_assert_cmpstr (scraper_task_get_message (task), ==, summary);
  scraper_task_manager_shutdown (manager, 1000);
}

static void
test_task_found_nowhere (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(ScraperTask) task = scraper_find_task_new (fetcher, "Nowhere");
  g_autoptr(GPtrArray) boards = NULL;
  g_autofree char *summary = NULL;

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  wait_task (task);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  boards = scraper_find_result_get_boards (scraper_task_get_result (task));
  g_assert_cmpuint (boards->len, ==, 0);
  summary = scraper_find_result_describe (scraper_task_get_result (task));
  g_assert_true (g_str_has_prefix (summary, "“Nowhere” was not found on Greenhouse, Lever, "));
  scraper_task_manager_shutdown (manager, 1000);
}

static void
on_fraction (ScraperTask *task,
             GParamSpec  *pspec,
             gpointer     user_data)
{
  /* After the first request (the first report with a fraction above 0). */
  if (scraper_task_get_fraction (task) > 0 && scraper_task_get_state (task) == SCRAPER_TASK_RUNNING)
    g_cancellable_cancel (scraper_task_get_cancellable (task));
}

static void
test_task_cancelled_mid_way (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_new (server);
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(ScraperTask) task = scraper_find_task_new (fetcher, "Acme Corp");
  g_autoptr(GPtrArray) plan = scraper_finder_plan ("Acme Corp");

  /* The second board is slow to answer: the cancel comes while it waits. */
  scraper_test_server_add_slow (server, "/v0/postings/acme", 3000, LEVER_ACME);
  g_signal_connect (task, "notify::fraction", G_CALLBACK (on_fraction), NULL);
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  wait_task (task);

  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpuint (api_hits (server), <, plan->len);
  g_assert_cmpuint (api_hits (server), <=, 2);
  g_assert_null (scraper_task_get_result (task));
  scraper_task_manager_shutdown (manager, 1000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("JOB_SCRAPER_REMAP");

  g_test_add_func ("/finder/slugs", test_slugs);
  g_test_add_func ("/finder/slugs-hostile-names", test_slugs_hostile_names);
  g_test_add_func ("/finder/plan-budget", test_plan_budget);
  g_test_add_func ("/finder/found-on-two-boards", test_found_on_two_boards);
  g_test_add_func ("/finder/found-on-one-board-second-slug", test_found_on_one_board_second_slug);
  g_test_add_func ("/finder/found-on-host-named-board", test_found_on_host_named_board);
  g_test_add_func ("/finder/found-nowhere", test_found_nowhere);
  g_test_add_func ("/finder/unreachable-board-reported", test_unreachable_board_reported);
  g_test_add_func ("/finder/cancelled-after-first-probe", test_cancelled_after_first_probe);
  g_test_add_func ("/finder/workday-probe-guessed", test_workday_probe);
  g_test_add_func ("/find-task/found", test_task_found);
  g_test_add_func ("/find-task/found-nowhere", test_task_found_nowhere);
  g_test_add_func ("/find-task/cancelled-mid-way", test_task_cancelled_mid_way);

  return g_test_run ();
}
