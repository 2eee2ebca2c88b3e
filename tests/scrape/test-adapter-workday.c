/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kind "workday": the site's addresses, the listing and detail documents
 * without network, and whole runs against a stand-in for
 * gamma.wd5.myworkdayjobs.com (JOB_SCRAPER_REMAP) that pages its listing by
 * the offset in the POST body, as Workday does. */
#define G_LOG_DOMAIN "test-adapter-workday"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "scraper-adapter-private.h"
#include "scraper-workday-private.h"
#include "board-test-util.h"

#define SITE_URL "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers"
#define JOBS_PATH "/wday/cxs/gamma/GammaCareers/jobs"
#define CXS_PREFIX "/wday/cxs/gamma/GammaCareers"

/* ------------------------------------------------------------------ */
/* The stand-in: a SoupServer in a thread of its own                   */

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  guint16       port;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  char         *dir;          /* jobs-OFFSET.json and details.json, or NULL: an empty tenant */
  JsonObject   *details;      /* externalPath -> detail */
  GHashTable   *failing;      /* detail paths answering 500 */
  GPtrArray    *bodies;       /* POST bodies received, in order (char *) */
  GPtrArray    *content_types;
  guint         detail_hits;
  gboolean      ignore_offset;  /* answers the first page whatever the offset */
} StandIn;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  StandIn *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, JOBS_PATH) && g_str_equal (method, "POST"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) body = soup_message_body_flatten (request);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *file = NULL;
      g_autofree char *contents = NULL;
      const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
      gint64 offset = -1;

      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
      g_ptr_array_add (self->content_types, g_strdup (type));
      g_mutex_unlock (&self->lock);

      if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        offset = json_object_get_int_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                          "offset", -1);
      if (offset < 0)
        {
          respond_json (msg, 400, "{\"errorCode\":\"HTTP_400\"}");
          return;
        }
      if (self->dir == NULL)
        {
          respond_json (msg, 200, "{\"total\":0,\"jobPostings\":[],\"facets\":[],\"userAuthenticated\":false}");
          return;
        }
      file = g_strdup_printf ("%s/jobs-%" G_GINT64_FORMAT ".json", self->dir, self->ignore_offset ? 0 : offset);
      if (g_file_get_contents (file, &contents, NULL, NULL))
        respond_json (msg, 200, contents);
      else
        respond_json (msg, 200, "{\"total\":0,\"jobPostings\":[]}");
      return;
    }

  if (g_str_has_prefix (path, CXS_PREFIX "/job/") && g_str_equal (method, "GET"))
    {
      const char *external_path = path + strlen (CXS_PREFIX);
      JsonNode *detail;

      g_mutex_lock (&self->lock);
      self->detail_hits++;
      g_mutex_unlock (&self->lock);

      if (g_hash_table_contains (self->failing, external_path))
        {
          respond_json (msg, 500, "{\"errorCode\":\"HTTP_500\"}");
          return;
        }
      detail = self->details != NULL ? json_object_get_member (self->details, external_path) : NULL;
      if (detail == NULL)
        {
          respond_json (msg, 404, "{\"errorCode\":\"HTTP_404\"}");
          return;
        }
      {
        g_autofree char *text = json_to_string (detail, FALSE);
        respond_json (msg, 200, text);
      }
      return;
    }

  soup_server_message_set_status (msg, 404, NULL);
}

static gpointer
stand_in_thread (gpointer user_data)
{
  StandIn *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The Workday stand-in could not listen: %s", error->message);
  uris = soup_server_get_uris (self->server);
  self->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static char *
data_dir (const char *tenant)
{
  return g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "workday", tenant, NULL);
}

/* @tenant: a directory of tests/data/workday, or NULL for an empty one. */
static StandIn *
stand_in_new (const char *tenant)
{
  StandIn *self = g_new0 (StandIn, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bodies = g_ptr_array_new_with_free_func (g_free);
  self->content_types = g_ptr_array_new_with_free_func (g_free);
  if (tenant != NULL)
    {
      g_autofree char *details = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      self->dir = data_dir (tenant);
      details = g_build_filename (self->dir, "details.json", NULL);
      json_parser_load_from_file (parser, details, &error);
      g_assert_no_error (error);
      self->details = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("workday-stand-in", stand_in_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
stand_in_free (StandIn *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_clear_pointer (&self->details, json_object_unref);
  g_hash_table_unref (self->failing);
  g_ptr_array_unref (self->bodies);
  g_ptr_array_unref (self->content_types);
  g_free (self->dir);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StandIn, stand_in_free)

static guint
stand_in_posts (StandIn *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->bodies->len;
  g_mutex_unlock (&self->lock);
  return n;
}

static ScraperFetcher *
fetcher_for (StandIn *stand_in)
{
  return board_test_fetcher_for_port (stand_in->port, "*.myworkdayjobs.com");
}

/* ------------------------------------------------------------------ */
/* A run, collected                                                    */

typedef struct {
  GPtrArray    *postings;
  GPtrArray    *warnings;
  GPtrArray    *messages;
  guint         last_done;
  guint         last_total;
  GCancellable *cancel_on_page;   /* cancelled when "Read page 2" is reported */
} Collected;

static void
collected_clear (Collected *c)
{
  g_clear_pointer (&c->postings, g_ptr_array_unref);
  g_clear_pointer (&c->warnings, g_ptr_array_unref);
  g_clear_pointer (&c->messages, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Collected, collected_clear)

static gboolean
on_postings (GPtrArray  *postings,
             gpointer    user_data,
             GError    **error)
{
  Collected *c = user_data;

  for (guint i = 0; i < postings->len; i++)
    g_ptr_array_add (c->postings, scraper_posting_ref (g_ptr_array_index (postings, i)));
  return TRUE;
}

static void
on_progress (guint       done,
             guint       total,
             const char *message,
             gpointer    user_data)
{
  Collected *c = user_data;

  c->last_done = done;
  c->last_total = total;
  g_ptr_array_add (c->messages, g_strdup (message));
  if (c->cancel_on_page != NULL && g_str_has_prefix (message, "Read page 2"))
    g_cancellable_cancel (c->cancel_on_page);
}

static void
on_warning (const char *message,
            gpointer    user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->warnings, g_strdup (message));
}

static gboolean
run_source (StandIn             *stand_in,
            const char          *url,
            const char          *settings,
            Collected           *c,
            ScraperAdapterStats *stats,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(ScraperFetcher) fetcher = fetcher_for (stand_in);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  ScraperAdapterCallbacks callbacks = { 0 };

  source->id = 5;
  source->url = g_strdup (url);
  source->kind = g_strdup ("workday");
  source->settings = g_strdup (settings);
  c->postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  c->warnings = g_ptr_array_new_with_free_func (g_free);
  c->messages = g_ptr_array_new_with_free_func (g_free);

  callbacks.postings = on_postings;
  callbacks.progress = on_progress;
  callbacks.warning = on_warning;
  callbacks.user_data = c;
  return scraper_adapter_run (source, fetcher, &callbacks, stats, cancellable, error);
}

static ScraperPosting *
find_posting (GPtrArray  *postings,
              const char *external_id)
{
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *p = g_ptr_array_index (postings, i);

      if (g_strcmp0 (p->external_id, external_id) == 0)
        return p;
    }
  return NULL;
}

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* ------------------------------------------------------------------ */
/* Addresses                                                           */

static void
test_site_addresses (void)
{
  static const struct {
    const char *url, *tenant, *site, *locale, *jobs, *page;
  } cases[] = {
    { SITE_URL, "gamma", "GammaCareers", "en-US",
      "https://gamma.wd5.myworkdayjobs.com/wday/cxs/gamma/GammaCareers/jobs",
      "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers/job/Berlin/Engineer_JR1" },
    { "https://Gamma.WD5.myworkdayjobs.com/GammaCareers/", "gamma", "GammaCareers", NULL,
      "https://gamma.wd5.myworkdayjobs.com/wday/cxs/gamma/GammaCareers/jobs",
      "https://gamma.wd5.myworkdayjobs.com/GammaCareers/job/Berlin/Engineer_JR1" },
    /* A posting's address names its whole site. */
    { "https://gamma.wd5.myworkdayjobs.com/de-DE/GammaCareers/job/Berlin/Engineer_JR1?source=li",
      "gamma", "GammaCareers", "de-DE",
      "https://gamma.wd5.myworkdayjobs.com/wday/cxs/gamma/GammaCareers/jobs",
      "https://gamma.wd5.myworkdayjobs.com/de-DE/GammaCareers/job/Berlin/Engineer_JR1" },
    /* The API address. */
    { "https://gamma.wd1.myworkdayjobs.com/wday/cxs/gamma/External_Site/jobs", "gamma", "External_Site", NULL,
      "https://gamma.wd1.myworkdayjobs.com/wday/cxs/gamma/External_Site/jobs",
      "https://gamma.wd1.myworkdayjobs.com/External_Site/job/Berlin/Engineer_JR1" },
    /* myworkdaysite.com keeps its sites below /recruiting/TENANT/. */
    { "https://wd3.myworkdaysite.com/en-US/recruiting/delta/Delta_Jobs", "delta", "Delta_Jobs", "en-US",
      "https://wd3.myworkdaysite.com/wday/cxs/delta/Delta_Jobs/jobs",
      "https://wd3.myworkdaysite.com/en-US/recruiting/delta/Delta_Jobs/job/Berlin/Engineer_JR1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScraperWorkdaySite) site = scraper_workday_site_parse (cases[i].url, &error);
      g_autofree char *jobs = NULL;
      g_autofree char *page = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (site->tenant, ==, cases[i].tenant);
      g_assert_cmpstr (site->site, ==, cases[i].site);
      g_assert_cmpstr (site->locale, ==, cases[i].locale);
      jobs = scraper_workday_site_jobs_url (site);
      g_assert_cmpstr (jobs, ==, cases[i].jobs);
      page = scraper_workday_site_page_url (site, "/job/Berlin/Engineer_JR1");
      g_assert_cmpstr (page, ==, cases[i].page);
    }
}

static void
test_site_addresses_hostile (void)
{
  static const char * const bad[] = {
    "https://gamma.wd5.myworkdayjobs.com/",              /* no site */
    "https://gamma.wd5.myworkdayjobs.com/en-US",         /* a locale, no site */
    "https://gamma.wd5.myworkdayjobs.com/Site%2F..%2Fx", /* a site with a slash in it */
    "https://careers.example.com/en-US/GammaCareers",    /* not Workday's host, no API path */
    "ftp://gamma.wd5.myworkdayjobs.com/GammaCareers",
    "not a url",
  };
  g_autoptr(ScraperWorkdaySite) site = scraper_workday_site_parse (SITE_URL, NULL);
  static const char * const bad_paths[] = {
    "//evil.example/job/x", "/job/../../admin", "/job/x?redirect=evil", "job/x", "/job/a b", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScraperWorkdaySite) parsed = scraper_workday_site_parse (bad[i], &error);

      g_assert_null (parsed);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS);
    }

  /* A path from the listing never leads off the site. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_paths); i++)
    {
      g_autofree char *detail = scraper_workday_site_detail_url (site, bad_paths[i]);
      g_autofree char *page = scraper_workday_site_page_url (site, bad_paths[i]);

      g_assert_null (detail);
      g_assert_null (page);
    }

  /* Non-ASCII is escaped, not refused. */
  {
    g_autofree char *detail = scraper_workday_site_detail_url (site, "/job/München/Ingenieur_JR9");

    g_assert_cmpstr (detail, ==,
                     "https://gamma.wd5.myworkdayjobs.com/wday/cxs/gamma/GammaCareers/job/M%C3%BCnchen/Ingenieur_JR9");
  }
}

static void
test_guess_kind_and_name (void)
{
  g_autofree char *name = scraper_adapter_default_name (SITE_URL, NULL);
  g_autofree char *name2 = scraper_adapter_default_name ("https://acme-corp.wd1.myworkdayjobs.com/External", "workday");

  g_assert_cmpstr (scraper_adapter_guess_kind (SITE_URL), ==, "workday");
  g_assert_cmpstr (scraper_adapter_guess_kind ("https://wd3.myworkdaysite.com/recruiting/delta/Jobs"), ==, "workday");
  g_assert_cmpstr (scraper_adapter_guess_kind ("https://myworkdayjobs.com.evil.example/x"), !=, "workday");
  g_assert_cmpstr (name, ==, "Gamma");
  g_assert_cmpstr (name2, ==, "Acme Corp");
  g_assert_true (scraper_source_kind_is_valid ("workday"));
}

/* ------------------------------------------------------------------ */
/* Documents                                                           */

static void
test_relative_dates (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 2, 9, 30, 0);
  static const struct { const char *text, *date; } cases[] = {
    { "Posted Today", "2026-03-02" },
    { "Posted Yesterday", "2026-03-01" },
    { "Posted 3 Days Ago", "2026-02-27" },   /* across the end of February */
    { "posted 1 day ago", "2026-03-01" },
    { "Posted 30+ Days Ago", NULL },         /* a bound, not a date */
    { "Vor 4 Tagen", "2026-02-26" },
    { "Heute", "2026-03-02" },
    { "Posted 3 Weeks Ago", NULL },
    { "Posted -3 Days Ago", NULL },
    { "Posted 99999999999999999999 Days Ago", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = scraper_workday_relative_date (cases[i].text, now);

      g_assert_cmpstr (date, ==, cases[i].date);
    }
  g_assert_null (scraper_workday_relative_date (NULL, now));
}

static GBytes *
load (const char *name)
{
  g_autofree char *dir = data_dir ("gamma");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_parse_listing_page (void)
{
  g_autoptr(GBytes) page = load ("jobs-0.json");
  g_autoptr(ScraperWorkdaySite) site = scraper_workday_site_parse (SITE_URL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 3, 12, 0, 0);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  ScraperAtsParseContext context = { .source_id = 3, .board = "GammaCareers" };
  ScraperWorkdayItem *item;
  gsize length;
  const char *data = g_bytes_get_data (page, &length);

  items = scraper_workday_parse_jobs (data, length, site, &context, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 20);
  g_assert_cmpuint (context.total, ==, 47);
  g_assert_cmpuint (context.n_items, ==, 20);

  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->external_path, ==, "/job/Berlin/Senior-Backend-Engineer_JR1001");
  g_assert_cmpstr (item->posting->title, ==, "Senior Backend Engineer");
  g_assert_cmpstr (item->posting->external_id, ==, "JR1001");   /* the bullet the path ends with */
  g_assert_cmpstr (item->posting->url, ==, SITE_URL "/job/Berlin/Senior-Backend-Engineer_JR1001");
  g_assert_cmpstr (item->posting->company, ==, "Gamma");
  g_assert_null (item->posting->locations);                    /* "2 Locations" is no place */
  g_assert_cmpstr (item->posting->date_posted, ==, "2026-11-30");
  g_assert_cmpint (item->posting->source_id, ==, 3);

  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->posting->locations[0], ==, "Remote - USA");
  g_assert_cmpint (item->posting->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (item->posting->date_posted, ==, "2026-12-02");  /* "Posted Yesterday" */
}

static void
test_parse_listing_hostile (void)
{
  g_autoptr(ScraperWorkdaySite) site = scraper_workday_site_parse (SITE_URL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  static const char * const not_workday[] = {
    "<html><body>Sign in</body></html>", "[]", "{\"jobs\":[]}", "", "{\"total\": 3, \"jobPostings\": [",
  };
  const char *odd =
    "{\"total\": \"many\", \"jobPostings\": [42, null, {\"title\": \"No path\"},"
    " {\"externalPath\": \"/job/x/No-title_1\"},"
    " {\"title\": \"Off site\", \"externalPath\": \"//evil.example/job\"},"
    " {\"title\": \"  Fine \\u0007 \", \"externalPath\": \"/job/x/Fine_2\", \"bulletFields\": [7, \"2\"]}]}";
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  ScraperAtsParseContext context = { .board = "GammaCareers" };
  ScraperWorkdayItem *item;

  for (guint i = 0; i < G_N_ELEMENTS (not_workday); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) none = scraper_workday_parse_jobs (not_workday[i], strlen (not_workday[i]), site,
                                                              &context, now, &local_error);

      g_assert_null (none);
      g_assert_error (local_error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    }

  /* Entries that are not postings are left out, but counted for paging. */
  items = scraper_workday_parse_jobs (odd, strlen (odd), site, &context, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (context.total, ==, 0);
  g_assert_cmpuint (context.n_items, ==, 6);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->posting->title, ==, "Fine");
  g_assert_cmpstr (item->posting->external_id, ==, "2");
}

static void
test_parse_detail (void)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 3, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  const char *detail =
    "{\"jobPostingInfo\": {\"title\": \"Senior Backend Engineer\", \"jobDescription\":"
    " \"<p>Own the <b>API</b>.</p><script>alert(1)</script>\", \"location\": \"Berlin, Germany\","
    " \"additionalLocations\": [\"Munich, Germany\", 5], \"postedOn\": \"Posted 3 Days Ago\","
    " \"startDate\": \"2026-11-20\", \"timeType\": \"Full time\", \"jobReqId\": \"JR1001\","
    " \"remoteType\": \"Hybrid\", \"country\": {\"descriptor\": \"Germany\"}},"
    " \"hiringOrganization\": {\"name\": \"Gamma Technologies\"}}";

  posting->title = g_strdup ("Old title");
  posting->external_id = g_strdup ("/job/Berlin/Senior-Backend-Engineer_JR1001");
  g_assert_true (scraper_workday_apply_detail (posting, detail, strlen (detail), "GammaCareers", now, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (posting->title, ==, "Senior Backend Engineer");
  g_assert_cmpstr (posting->external_id, ==, "JR1001");
  g_assert_cmpstr (posting->company, ==, "Gamma Technologies");
  g_assert_cmpstr (posting->locations[0], ==, "Berlin, Germany");
  g_assert_cmpstr (posting->locations[1], ==, "Munich, Germany");
  g_assert_null (posting->locations[2]);
  g_assert_cmpstr (posting->country, ==, "DE");
  g_assert_cmpint (posting->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (posting->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (posting->date_posted, ==, "2026-11-20");   /* startDate over "3 Days Ago" */
  g_assert_nonnull (strstr (posting->description_text, "Own the API."));
  g_assert_null (strstr (posting->description_markup, "script"));

  /* A place named only by the requisition's location, its country by code. */
  {
    g_autoptr(ScraperPosting) other = scraper_posting_new ();
    const char *requisition =
      "{\"jobPostingInfo\": {\"title\": \"Analyst\", \"postedOn\": \"Posted Today\","
      " \"jobRequisitionLocation\": {\"descriptor\": \"Toronto\","
      " \"country\": {\"alpha2Code\": \"CA\", \"descriptor\": \"Canada\"}}}}";

    g_assert_true (scraper_workday_apply_detail (other, requisition, strlen (requisition), "GammaCareers", now, &error));
    g_assert_cmpstr (other->locations[0], ==, "Toronto");
    g_assert_cmpstr (other->country, ==, "CA");
    g_assert_cmpstr (other->date_posted, ==, "2026-12-03");
    g_assert_cmpstr (other->title, ==, "Analyst");
    g_assert_null (other->company);   /* no hiring organization: left to the listing */
  }

  /* Not a detail: the posting keeps what it had. */
  g_clear_error (&error);
  g_assert_false (scraper_workday_apply_detail (posting, "{\"error\":\"x\"}", 13, "GammaCareers", now, &error));
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_cmpstr (posting->title, ==, "Senior Backend Engineer");
}

/* ------------------------------------------------------------------ */
/* Runs                                                                */

/* 47 postings in three pages; the detail of one answers 500. */
static void
test_run_paging (void)
{
  g_autoptr(StandIn) stand_in = stand_in_new ("gamma");
  g_auto(Collected) c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *five_days_ago = NULL;
  g_autofree char *five_days_ago_late = NULL;
  g_autofree char *today = NULL, *today_late = NULL;
  ScraperAdapterStats stats = { 0 };
  ScraperPosting *p;

  g_hash_table_add (stand_in->failing, g_strdup ("/job/London/Site-Reliability-Engineer_JR1003"));
  five_days_ago = days_ago (5);
  today = days_ago (0);
  g_assert_true (run_source (stand_in, SITE_URL, NULL, &c, &stats, NULL, &error));
  g_assert_no_error (error);
  /* The day may have turned during the run: either day is right. */
  five_days_ago_late = days_ago (5);
  today_late = days_ago (0);

  g_assert_cmpuint (c.postings->len, ==, 47);
  g_assert_cmpuint (stats.postings_found, ==, 47);
  g_assert_cmpuint (stats.pages_fetched, ==, 3);
  g_assert_true (stats.complete);
  g_assert_cmpuint (stand_in_posts (stand_in), ==, 3);
  g_assert_cmpuint (stand_in->detail_hits, >=, 47);   /* the failing one may be retried */
  for (guint i = 0; i < c.postings->len; i++)
    g_assert_true (g_hash_table_add (ids, ((ScraperPosting *) g_ptr_array_index (c.postings, i))->external_id));

  /* The POST bodies: twenty a page, offsets 0, 20, 40, as JSON. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *expected =
        g_strdup_printf ("{\"appliedFacets\":{},\"limit\":20,\"offset\":%u,\"searchText\":\"\"}", i * 20);

      g_assert_cmpstr (g_ptr_array_index (stand_in->bodies, i), ==, expected);
      g_assert_cmpstr (g_ptr_array_index (stand_in->content_types, i), ==, "application/json");
    }

  /* Progress went to 47 of 47, page by page and posting by posting. */
  g_assert_cmpuint (c.last_done, ==, 47);
  g_assert_cmpuint (c.last_total, ==, 47);
  g_assert_true (g_ptr_array_find_with_equal_func (c.messages, "Read page 3 of 3", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (c.messages, "21 of 47 postings read", g_str_equal, NULL));

  /* A detail that failed is a warning; the posting keeps the listing's data. */
  g_assert_cmpuint (stats.warnings, ==, 1);
  g_assert_cmpuint (c.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (c.warnings, 0), "Site Reliability Engineer"));
  p = find_posting (c.postings, "JR1003");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->title, ==, "Site Reliability Engineer");
  g_assert_cmpstr (p->url, ==, SITE_URL "/job/London/Site-Reliability-Engineer_JR1003");
  g_assert_cmpstr (p->locations[0], ==, "London, United Kingdom");
  g_assert_cmpstr (p->country, ==, "GB");
  g_assert_null (p->description_text);
  g_assert_true (g_strcmp0 (p->date_posted, today) == 0 || g_strcmp0 (p->date_posted, today_late) == 0);

  /* A full one: the detail's places, date, kind and company. */
  p = find_posting (c.postings, "JR1001");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->title, ==, "Senior Backend Engineer");
  g_assert_cmpstr (p->company, ==, "Gamma Technologies");
  g_assert_cmpstr (p->locations[0], ==, "Berlin, Germany");
  g_assert_cmpstr (p->locations[1], ==, "Munich, Germany");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpstr (p->date_posted, ==, "2026-11-20");
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_nonnull (strstr (p->description_text, "You will own our public API."));
  g_assert_null (strstr (p->description_markup, "alert"));
  g_assert_cmpint (p->source_id, ==, 5);

  /* "Posted 5 Days Ago" with no absolute date counts back from the fetch. */
  p = find_posting (c.postings, "JR1005");
  g_assert_true (g_strcmp0 (p->date_posted, five_days_ago) == 0 ||
                 g_strcmp0 (p->date_posted, five_days_ago_late) == 0);
  /* "Posted Yesterday", part time, remote. */
  p = find_posting (c.postings, "JR1002");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->employment_type[0], ==, "PART_TIME");
  g_assert_cmpstr (p->country, ==, "US");
}

static void
test_run_empty_tenant (void)
{
  g_autoptr(StandIn) stand_in = stand_in_new (NULL);
  g_auto(Collected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };

  g_assert_true (run_source (stand_in, SITE_URL, NULL, &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.postings->len, ==, 0);
  g_assert_true (stats.complete);          /* a valid empty board */
  g_assert_cmpuint (stats.warnings, ==, 0);
  g_assert_cmpuint (stand_in_posts (stand_in), ==, 1);
  g_assert_cmpuint (stand_in->detail_hits, ==, 0);
}

static void
test_run_cancelled_mid_paging (void)
{
  g_autoptr(StandIn) stand_in = stand_in_new ("gamma");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Collected) c = { .cancel_on_page = cancellable };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };

  g_assert_false (run_source (stand_in, SITE_URL, NULL, &c, &stats, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (stats.complete);
  /* Page 2 came and nothing after: no third page, no detail of page 2. */
  g_assert_cmpuint (stand_in_posts (stand_in), ==, 2);
  g_assert_cmpuint (stand_in->detail_hits, ==, 20);
  /* The first page's postings were read, and handed on. */
  g_assert_cmpuint (c.postings->len, ==, 20);
}

static void
test_run_page_limit (void)
{
  g_autoptr(StandIn) stand_in = stand_in_new ("gamma");
  g_auto(Collected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };

  /* Two pages allowed, details skipped: 40 postings, not complete. */
  g_assert_true (run_source (stand_in, SITE_URL, "{\"max_pages\": 2, \"details\": false}",
                             &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.postings->len, ==, 40);
  g_assert_false (stats.complete);
  g_assert_cmpuint (stats.warnings, ==, 1);
  g_assert_cmpuint (stand_in->detail_hits, ==, 0);
  g_assert_cmpuint (stand_in_posts (stand_in), ==, 2);
}

/* A site that answers the first page whatever the offset is not asked a
 * hundred times: the run stops, incomplete, with a warning. */
static void
test_run_offset_ignored (void)
{
  g_autoptr(StandIn) stand_in = stand_in_new ("gamma");
  g_auto(Collected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };

  stand_in->ignore_offset = TRUE;
  g_assert_true (run_source (stand_in, SITE_URL, "{\"details\": false}", &c, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.postings->len, ==, 20);
  g_assert_cmpuint (stand_in_posts (stand_in), ==, 2);
  g_assert_false (stats.complete);
  g_assert_cmpuint (stats.warnings, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (c.warnings, 0), "same postings"));
}

static void
test_run_not_workday (void)
{
  g_autoptr(StandIn) stand_in = stand_in_new ("gamma");
  g_auto(Collected) c = { 0 };
  g_autoptr(GError) error = NULL;
  ScraperAdapterStats stats = { 0 };

  /* A site the tenant does not have: 404 for the listing fails the run. */
  g_assert_false (run_source (stand_in, "https://gamma.wd5.myworkdayjobs.com/en-US/NoSuchSite", NULL,
                              &c, &stats, NULL, &error));
  g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "NoSuchSite"));
  g_assert_false (stats.complete);
}

int
main (int   argc,
      char *argv[])
{
  board_test_init (&argc, &argv);

  g_test_add_func ("/workday/site/addresses", test_site_addresses);
  g_test_add_func ("/workday/site/addresses-hostile", test_site_addresses_hostile);
  g_test_add_func ("/workday/site/guess-kind-and-name", test_guess_kind_and_name);
  g_test_add_func ("/workday/parse/relative-dates", test_relative_dates);
  g_test_add_func ("/workday/parse/listing-page", test_parse_listing_page);
  g_test_add_func ("/workday/parse/listing-hostile", test_parse_listing_hostile);
  g_test_add_func ("/workday/parse/detail", test_parse_detail);
  g_test_add_func ("/workday/run/47-postings-in-3-pages", test_run_paging);
  g_test_add_func ("/workday/run/empty-tenant", test_run_empty_tenant);
  g_test_add_func ("/workday/run/cancelled-mid-paging", test_run_cancelled_mid_paging);
  g_test_add_func ("/workday/run/page-limit", test_run_page_limit);
  g_test_add_func ("/workday/run/unknown-site", test_run_not_workday);
  g_test_add_func ("/workday/run/offset-ignored-hostile", test_run_offset_ignored);

  return g_test_run ();
}
