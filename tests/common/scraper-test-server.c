/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-test-server"

#include "config.h"

#include <string.h>

#include "scraper-test-server.h"

/* The public route plus what only the server touches (under its mutex). */
typedef struct {
  ScraperTestRoute pub;  /* first: a ScraperTestRoute* is a RouteImpl* */
  guint            served;
} RouteImpl;

typedef struct {
  guint       hits;
  guint       in_flight;
  guint       max_in_flight;
  GArray     *times;        /* gint64 */
  GHashTable *last_headers; /* lower-case name -> value */
  GBytes     *last_body;    /* of the last request */
} PathStats;

struct _ScraperTestServer {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *fixture_dir;
  char         *url;
  guint16       port;

  GMutex        mutex;
  GCond         cond;
  gboolean      started;
  GError       *start_error;

  GHashTable   *routes;        /* path -> RouteImpl* (atomic rc box) */
  GHashTable   *content_types; /* path -> char* */
  GHashTable   *stats;         /* path -> PathStats* */
  PathStats     total;
  GHashTable   *client_ports;  /* remote ports seen since the last reset */
};

/* Per-request state, owned by the SoupServerMessage (object data); lives and
 * dies in the server thread. */
typedef struct {
  ScraperTestServer *self;
  SoupServerMessage *msg;     /* not a reference: we are its data */
  RouteImpl         *route;   /* a reference, or NULL */
  char              *path;
  gboolean           fail;
  gboolean           done;    /* finished or disconnected */
  gsize              offset;
  GSource           *source;
} RequestState;

static void
route_clear (gpointer data)
{
  ScraperTestRoute *route = data;

  g_free (route->content_type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_strfreev (route->headers);
  g_free (route->retry_after);
  g_free (route->redirect_to);
  g_free (route->etag);
  g_free (route->last_modified);
  g_free (route->reason);
}

ScraperTestRoute *
scraper_test_route_new (guint        status,
                        const char  *content_type,
                        const void  *body,
                        gssize       len)
{
  RouteImpl *impl = g_atomic_rc_box_new0 (RouteImpl);
  ScraperTestRoute *route = &impl->pub;

  route->status = status ? status : SOUP_STATUS_OK;
  route->content_type = g_strdup (content_type);
  if (body != NULL)
    route->body = g_bytes_new (body, len < 0 ? strlen (body) : (gsize) len);
  return route;
}

void
scraper_test_route_free (ScraperTestRoute *route)
{
  if (route != NULL)
    g_atomic_rc_box_release_full ((RouteImpl *) route, route_clear);
}

static void
path_stats_clear (PathStats *stats)
{
  g_clear_pointer (&stats->times, g_array_unref);
  g_clear_pointer (&stats->last_headers, g_hash_table_unref);
  g_clear_pointer (&stats->last_body, g_bytes_unref);
  stats->hits = 0;
  stats->max_in_flight = stats->in_flight;
}

static void
path_stats_free (gpointer data)
{
  PathStats *stats = data;

  path_stats_clear (stats);
  g_free (stats);
}

/* Called with the mutex held. */
static PathStats *
lookup_stats (ScraperTestServer *self,
              const char        *path)
{
  PathStats *stats = g_hash_table_lookup (self->stats, path);

  if (stats == NULL)
    {
      stats = g_new0 (PathStats, 1);
      g_hash_table_insert (self->stats, g_strdup (path), stats);
    }
  return stats;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  g_hash_table_insert (user_data, g_ascii_strdown (name, -1), g_strdup (value));
}

static void
record_request (PathStats          *stats,
                gint64              now,
                SoupMessageHeaders *headers,
                GBytes             *body)
{
  stats->hits++;
  stats->in_flight++;
  stats->max_in_flight = MAX (stats->max_in_flight, stats->in_flight);
  if (stats->times == NULL)
    stats->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (stats->times, now);
  g_clear_pointer (&stats->last_headers, g_hash_table_unref);
  stats->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_headers_foreach (headers, copy_header, stats->last_headers);
  g_clear_pointer (&stats->last_body, g_bytes_unref);
  stats->last_body = body ? g_bytes_ref (body) : NULL;
}

static void
request_done (RequestState *state)
{
  ScraperTestServer *self = state->self;

  if (state->done)
    return;
  state->done = TRUE;

  if (state->source != NULL)
    {
      g_source_destroy (state->source);
      g_clear_pointer (&state->source, g_source_unref);
    }

  g_mutex_lock (&self->mutex);
  lookup_stats (self, state->path)->in_flight--;
  self->total.in_flight--;
  g_mutex_unlock (&self->mutex);
}

static void
request_state_free (gpointer data)
{
  RequestState *state = data;

  request_done (state);
  if (state->route != NULL)
    scraper_test_route_free (&state->route->pub);
  g_free (state->path);
  g_free (state);
}

static void
on_message_finished (SoupServerMessage *msg,
                     RequestState      *state)
{
  request_done (state);
}

static const char *
content_type_for (const char *path)
{
  static const struct { const char *ext; const char *type; } types[] = {
    { ".html", "text/html; charset=utf-8" },
    { ".htm", "text/html; charset=utf-8" },
    { ".json", "application/json" },
    { ".jsonld", "application/ld+json" },
    { ".xml", "application/xml" },
    { ".rss", "application/rss+xml" },
    { ".atom", "application/atom+xml" },
    { ".txt", "text/plain; charset=utf-8" },
    { ".csv", "text/csv; charset=utf-8" },
    { ".js", "text/javascript" },
    { ".gz", "application/gzip" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (path, types[i].ext))
      return types[i].type;
  return "application/octet-stream";
}

static void
serve_fixture (ScraperTestServer *self,
               SoupServerMessage *msg,
               const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *filename = NULL;
  g_autofree char *override = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (self->fixture_dir == NULL || path[0] != '/' || strstr (path, "..") != NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  filename = g_build_filename (self->fixture_dir, path + 1, NULL);
  if (g_file_test (filename, G_FILE_TEST_IS_DIR)
      || !g_file_get_contents (filename, &contents, &len, NULL))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  g_mutex_lock (&self->mutex);
  override = g_strdup (g_hash_table_lookup (self->content_types, path));
  g_mutex_unlock (&self->mutex);

  soup_message_headers_replace (headers, "Content-Type",
                                override ? override : content_type_for (path));
  soup_message_body_append (soup_server_message_get_response_body (msg),
                            SOUP_MEMORY_TAKE, contents, len);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static gboolean
trickle_cb (gpointer user_data)
{
  RequestState *state = user_data;
  ScraperTestRoute *route = &state->route->pub;
  SoupMessageBody *body = soup_server_message_get_response_body (state->msg);
  gsize len = g_bytes_get_size (route->body);
  gsize n = MIN (route->trickle_bytes, len - state->offset);

  if (n > 0)
    {
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (route->body, state->offset, n);

      soup_message_body_append_bytes (body, chunk);
      state->offset += n;
    }

  if (state->offset >= len)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (state->msg);
      g_clear_pointer (&state->source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  soup_server_message_unpause (state->msg);
  return G_SOURCE_CONTINUE;
}

static gboolean
header_matches (SoupMessageHeaders *headers,
                const char         *name,
                const char         *value)
{
  const char *got = soup_message_headers_get_one (headers, name);

  return value != NULL && got != NULL && strcmp (got, value) == 0;
}

/* Fills in the response of @state's message from its route. */
static void
respond (RequestState *state)
{
  ScraperTestRoute *route = &state->route->pub;
  SoupServerMessage *msg = state->msg;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize len = route->body ? g_bytes_get_size (route->body) : 0;

  if (state->fail)
    {
      if (route->retry_after != NULL)
        soup_message_headers_replace (headers, "Retry-After", route->retry_after);
      soup_message_headers_replace (headers, "Content-Type", "text/plain");
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "failed on purpose\n", 18);
      soup_server_message_set_status (msg, route->fail_status ? route->fail_status : 503, NULL);
      return;
    }

  if (route->redirect_to != NULL)
    {
      soup_server_message_set_redirect (msg,
                                        route->redirect_status ? route->redirect_status : 302,
                                        route->redirect_to);
      return;
    }

  if (route->etag != NULL)
    soup_message_headers_replace (headers, "ETag", route->etag);
  if (route->last_modified != NULL)
    soup_message_headers_replace (headers, "Last-Modified", route->last_modified);
  for (guint i = 0; route->headers != NULL && route->headers[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (route->headers[i], ":", 2);

      if (kv[0] != NULL && kv[1] != NULL)
        soup_message_headers_append (headers, g_strstrip (kv[0]), g_strstrip (kv[1]));
    }

  if (header_matches (req, "If-None-Match", route->etag)
      || header_matches (req, "If-Modified-Since", route->last_modified))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      /* No Content-Length, as nginx and most servers answer a 304. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_NONE);
      return;
    }

  if (route->content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", route->content_type);
  if (route->gzip)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, route->status, route->reason);

  if (route->stall && len > 0)
    {
      g_autoptr(GBytes) first = g_bytes_new_from_bytes (route->body, 0,
                                                        MIN (route->stall_after, len));

      /* Announce the whole length, send a part, never the rest. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
      soup_message_headers_set_content_length (headers, len);
      soup_message_body_append_bytes (body, first);
      soup_server_message_pause (msg);
      return;
    }

  if (route->trickle_bytes > 0 && len > 0)
    {
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_pause (msg);
      state->source = g_timeout_source_new (route->trickle_interval_ms);
      g_source_set_callback (state->source, trickle_cb, state, NULL);
      g_source_attach (state->source, state->self->context);
      trickle_cb (state);
      return;
    }

  if (route->body != NULL)
    soup_message_body_append_bytes (body, route->body);
}

static gboolean
delayed_respond_cb (gpointer user_data)
{
  RequestState *state = user_data;

  g_clear_pointer (&state->source, g_source_unref);
  respond (state);
  soup_server_message_unpause (state->msg);
  return G_SOURCE_REMOVE;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  ScraperTestServer *self = user_data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  gint64 now = g_get_monotonic_time ();
  RequestState *state;
  RouteImpl *route;
  /* The handler runs once the whole request body is in. */
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  state = g_new0 (RequestState, 1);
  state->self = self;
  state->msg = msg;
  state->path = g_strdup (path);

  g_mutex_lock (&self->mutex);
  record_request (lookup_stats (self, path), now, req, body);
  record_request (&self->total, now, req, body);
  {
    GSocketAddress *remote = soup_server_message_get_remote_address (msg);

    if (G_IS_INET_SOCKET_ADDRESS (remote))
      g_hash_table_add (self->client_ports,
                        GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
  }
  /* A route for "PATH?QUERY" answers that query, before PATH's. */
  route = NULL;
  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    {
      g_autofree char *full = g_strconcat (path, "?", g_uri_get_query (soup_server_message_get_uri (msg)), NULL);

      route = g_hash_table_lookup (self->routes, full);
    }
  if (route == NULL)
    route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    {
      state->route = g_atomic_rc_box_acquire (route);
      state->fail = route->served < route->pub.fail_times;
      route->served++;
    }
  g_mutex_unlock (&self->mutex);

  g_object_set_data_full (G_OBJECT (msg), "scraper-test-state", state, request_state_free);
  g_signal_connect (msg, "finished", G_CALLBACK (on_message_finished), state);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_message_finished), state);

  if (state->route == NULL)
    {
      serve_fixture (self, msg, path);
      return;
    }

  if (state->route->pub.delay_ms > 0)
    {
      soup_server_message_pause (msg);
      state->source = g_timeout_source_new (state->route->pub.delay_ms);
      g_source_set_callback (state->source, delayed_respond_cb, state, NULL);
      g_source_attach (state->source, self->context);
      return;
    }

  respond (state);
}

static gpointer
server_thread (gpointer user_data)
{
  ScraperTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "JobScraperTestServer ", NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  if (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      g_assert (uris != NULL);
      self->port = g_uri_get_port (uris->data);
      self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->mutex);
  self->start_error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->url != NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

ScraperTestServer *
scraper_test_server_new (const char *fixture_dir)
{
  ScraperTestServer *self = g_new0 (ScraperTestServer, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->fixture_dir = g_strdup (fixture_dir);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) scraper_test_route_free);
  self->content_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, path_stats_free);
  self->client_ports = g_hash_table_new (NULL, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("test-http-server", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    g_error ("Test server could not listen: %s", self->start_error->message);

  return self;
}

static gboolean
quit_cb (gpointer user_data)
{
  ScraperTestServer *self = user_data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

void
scraper_test_server_free (ScraperTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->routes);
  g_hash_table_unref (self->content_types);
  g_hash_table_unref (self->stats);
  g_hash_table_unref (self->client_ports);
  path_stats_clear (&self->total);
  g_clear_error (&self->start_error);
  g_free (self->fixture_dir);
  g_free (self->url);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
scraper_test_server_get_url (ScraperTestServer *self)
{
  return self->url;
}

guint16
scraper_test_server_get_port (ScraperTestServer *self)
{
  return self->port;
}

char *
scraper_test_server_url_for (ScraperTestServer *self,
                             const char        *path)
{
  return g_strconcat (self->url, path, NULL);
}

void
scraper_test_server_add_route (ScraperTestServer *self,
                               const char        *path,
                               ScraperTestRoute  *route)
{
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (route != NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->mutex);
}

void
scraper_test_server_remove_route (ScraperTestServer *self,
                                  const char        *path)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->routes, path);
  g_mutex_unlock (&self->mutex);
}

void
scraper_test_server_set_content_type (ScraperTestServer *self,
                                      const char        *path,
                                      const char        *content_type)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->content_types, g_strdup (path), g_strdup (content_type));
  g_mutex_unlock (&self->mutex);
}

void
scraper_test_server_add_text (ScraperTestServer *self,
                              const char        *path,
                              const char        *content_type,
                              const char        *text)
{
  scraper_test_server_add_route (self, path,
                                 scraper_test_route_new (200, content_type, text, -1));
}

void
scraper_test_server_add_bytes (ScraperTestServer *self,
                               const char        *path,
                               const char        *content_type,
                               const void        *data,
                               gsize              len)
{
  scraper_test_server_add_route (self, path,
                                 scraper_test_route_new (200, content_type, data, len));
}

void
scraper_test_server_add_status (ScraperTestServer *self,
                                const char        *path,
                                guint              status)
{
  g_autofree char *text = g_strdup_printf ("status %u\n", status);

  scraper_test_server_add_route (self, path,
                                 scraper_test_route_new (status, "text/plain", text, -1));
}

void
scraper_test_server_set_robots (ScraperTestServer *self,
                                const char        *text)
{
  scraper_test_server_add_text (self, "/robots.txt", "text/plain", text);
}

void
scraper_test_server_add_redirect (ScraperTestServer *self,
                                  const char        *path,
                                  const char        *location)
{
  ScraperTestRoute *route = scraper_test_route_new (302, NULL, NULL, 0);

  route->redirect_to = g_strdup (location);
  scraper_test_server_add_route (self, path, route);
}

char *
scraper_test_server_add_redirect_chain (ScraperTestServer *self,
                                        const char        *prefix,
                                        guint              n,
                                        const char        *final_path)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u", prefix, i);
      g_autofree char *next = i < n ? g_strdup_printf ("%s/%u", prefix, i + 1)
                                    : g_strdup (final_path);

      scraper_test_server_add_redirect (self, path, next);
    }
  return g_strdup_printf ("%s/1", prefix);
}

static GBytes *
make_text (gsize len)
{
  static const char line[] = "The quick brown fox jumps over the lazy dog 0123456789.\n";
  char *data = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    data[i] = line[i % (sizeof line - 1)];
  return g_bytes_new_take (data, len);
}

void
scraper_test_server_add_trickle (ScraperTestServer *self,
                                 const char        *path,
                                 gsize              len,
                                 gsize              chunk,
                                 guint              interval_ms)
{
  ScraperTestRoute *route = scraper_test_route_new (200, "text/plain; charset=utf-8", NULL, 0);

  route->body = make_text (len);
  route->trickle_bytes = MAX (chunk, 1);
  route->trickle_interval_ms = interval_ms;
  scraper_test_server_add_route (self, path, route);
}

void
scraper_test_server_add_stall (ScraperTestServer *self,
                               const char        *path,
                               gsize              len,
                               gsize              after)
{
  ScraperTestRoute *route = scraper_test_route_new (200, "text/plain; charset=utf-8", NULL, 0);

  route->body = make_text (len);
  route->stall = TRUE;
  route->stall_after = after;
  scraper_test_server_add_route (self, path, route);
}

void
scraper_test_server_add_flaky (ScraperTestServer *self,
                               const char        *path,
                               guint              fail_times,
                               guint              fail_status,
                               const char        *retry_after,
                               const char        *text)
{
  ScraperTestRoute *route = scraper_test_route_new (200, "text/plain; charset=utf-8", text, -1);

  route->fail_times = fail_times;
  route->fail_status = fail_status;
  route->retry_after = g_strdup (retry_after);
  scraper_test_server_add_route (self, path, route);
}

void
scraper_test_server_add_large (ScraperTestServer *self,
                               const char        *path,
                               gsize              len)
{
  ScraperTestRoute *route = scraper_test_route_new (200, "text/plain; charset=utf-8", NULL, 0);

  route->body = make_text (len);
  scraper_test_server_add_route (self, path, route);
}

void
scraper_test_server_add_gzip_bomb (ScraperTestServer *self,
                                   const char        *path,
                                   gsize              inflated_len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  guint8 buf[64 * 1024];
  gsize remaining = inflated_len;
  ScraperTestRoute *route;

  for (;;)
    {
      gsize in_len = MIN (remaining, 1024 * 1024);
      GConverterFlags flags = in_len == remaining ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      gsize read = 0, written = 0;
      g_autoptr(GError) error = NULL;
      GConverterResult res;

      res = g_converter_convert (G_CONVERTER (compressor), zeros, in_len, buf, sizeof buf,
                                 flags, &read, &written, &error);
      g_assert_no_error (error);
      g_byte_array_append (out, buf, written);
      remaining -= read;
      if (res == G_CONVERTER_FINISHED)
        break;
    }

  route = scraper_test_route_new (200, "text/html; charset=utf-8", out->data, out->len);
  route->gzip = TRUE;
  scraper_test_server_add_route (self, path, route);
}

void
scraper_test_server_add_cacheable (ScraperTestServer *self,
                                   const char        *path,
                                   const char        *content_type,
                                   const char        *text,
                                   const char        *etag,
                                   const char        *last_modified)
{
  ScraperTestRoute *route = scraper_test_route_new (200, content_type, text, -1);

  route->etag = g_strdup (etag);
  route->last_modified = g_strdup (last_modified);
  scraper_test_server_add_route (self, path, route);
}

void
scraper_test_server_add_slow (ScraperTestServer *self,
                              const char        *path,
                              guint              delay_ms,
                              const char        *text)
{
  ScraperTestRoute *route = scraper_test_route_new (200, "text/plain; charset=utf-8", text, -1);

  route->delay_ms = delay_ms;
  scraper_test_server_add_route (self, path, route);
}

guint
scraper_test_server_get_hits (ScraperTestServer *self,
                              const char        *path)
{
  PathStats *stats;
  guint hits = 0;

  g_mutex_lock (&self->mutex);
  stats = path ? g_hash_table_lookup (self->stats, path) : &self->total;
  if (stats != NULL)
    hits = stats->hits;
  g_mutex_unlock (&self->mutex);
  return hits;
}

guint
scraper_test_server_get_max_concurrent (ScraperTestServer *self,
                                        const char        *path)
{
  PathStats *stats;
  guint max = 0;

  g_mutex_lock (&self->mutex);
  stats = path ? g_hash_table_lookup (self->stats, path) : &self->total;
  if (stats != NULL)
    max = stats->max_in_flight;
  g_mutex_unlock (&self->mutex);
  return max;
}

GArray *
scraper_test_server_get_request_times (ScraperTestServer *self,
                                       const char        *path)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  PathStats *stats;

  g_mutex_lock (&self->mutex);
  stats = path ? g_hash_table_lookup (self->stats, path) : &self->total;
  if (stats != NULL && stats->times != NULL)
    g_array_append_vals (times, stats->times->data, stats->times->len);
  g_mutex_unlock (&self->mutex);
  return times;
}

char *
scraper_test_server_dup_last_header (ScraperTestServer *self,
                                     const char        *path,
                                     const char        *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  PathStats *stats;
  char *value = NULL;

  g_mutex_lock (&self->mutex);
  stats = path ? g_hash_table_lookup (self->stats, path) : &self->total;
  if (stats != NULL && stats->last_headers != NULL)
    value = g_strdup (g_hash_table_lookup (stats->last_headers, key));
  g_mutex_unlock (&self->mutex);
  return value;
}

GBytes *
scraper_test_server_dup_last_body (ScraperTestServer *self,
                                   const char        *path)
{
  PathStats *stats;
  GBytes *body = NULL;

  g_mutex_lock (&self->mutex);
  stats = path ? g_hash_table_lookup (self->stats, path) : &self->total;
  if (stats != NULL && stats->last_body != NULL)
    body = g_bytes_ref (stats->last_body);
  g_mutex_unlock (&self->mutex);
  return body;
}

void
scraper_test_server_reset_stats (ScraperTestServer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->mutex);
  g_hash_table_iter_init (&iter, self->stats);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    path_stats_clear (value);
  path_stats_clear (&self->total);
  g_hash_table_remove_all (self->client_ports);
  g_mutex_unlock (&self->mutex);
}

guint
scraper_test_server_get_connections (ScraperTestServer *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = g_hash_table_size (self->client_ports);
  g_mutex_unlock (&self->mutex);
  return n;
}

guint16
scraper_test_get_closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
