/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "scraper-fetcher-private.h"
#include "scraper-robots.h"

#define DEFAULT_TIMEOUT_S         30
#define DEFAULT_MAX_BODY          (10 * 1024 * 1024)
#define DEFAULT_MAX_REDIRECTS     10
#define DEFAULT_MAX_RETRIES       3
#define DEFAULT_PER_HOST_DELAY_MS 250
#define DEFAULT_MAX_PER_HOST      2
#define DEFAULT_RETRY_BASE_MS     500
#define DEFAULT_MAX_RETRY_AFTER_S 120
#define MAX_BACKOFF_MS            (30 * 1000)
#define MAX_CRAWL_DELAY_MS        (60 * 1000)
#define ROBOTS_MAX_BYTES          (500 * 1024)
#define ROBOTS_TTL_US             (24 * G_TIME_SPAN_HOUR)
#define ROBOTS_ERROR_TTL_US       (5 * G_TIME_SPAN_MINUTE)
/* The headers of an answer must all come within this many timeouts. */
#define HEADERS_TIMEOUT_FACTOR    2

/* An extended error domain: an HTTP error carries its status, so callers
 * tell a 404 from a 503 without reading the translated message. */
typedef struct
{
  guint status;
} ScraperFetchErrorPrivate;

static void
scraper_fetch_error_private_init (ScraperFetchErrorPrivate *priv)
{
  priv->status = 0;
}

static void
scraper_fetch_error_private_copy (const ScraperFetchErrorPrivate *src,
                                  ScraperFetchErrorPrivate       *dest)
{
  dest->status = src->status;
}

static void
scraper_fetch_error_private_clear (ScraperFetchErrorPrivate *priv)
{
}

/* The macro's pointer arithmetic casts a byte pointer to the private
 * struct, which GLib allocates aligned; clang's -Wcast-align cannot know. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (ScraperFetchError, scraper_fetch_error)
#pragma GCC diagnostic pop

guint
scraper_fetch_error_get_status (const GError *error)
{
  ScraperFetchErrorPrivate *priv;

  if (error == NULL || error->domain != SCRAPER_FETCH_ERROR)
    return 0;
  priv = scraper_fetch_error_get_private (error);
  return priv != NULL ? priv->status : 0;
}

void
scraper_fetch_error_set_status (GError *error,
                                guint   status)
{
  ScraperFetchErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == SCRAPER_FETCH_ERROR);

  priv = scraper_fetch_error_get_private (error);
  if (priv != NULL)
    priv->status = status;
}

typedef enum {
  ROBOTS_UNKNOWN,
  ROBOTS_FETCHING,
  ROBOTS_READY,
} RobotsState;

/* Politeness state of one origin (scheme://host:port).  Guarded by the
 * fetcher's lock; lives as long as the fetcher. */
typedef struct {
  char          *origin;
  gboolean       loopback;    /* a server on this computer */
  GCond          cond;        /* a slot freed, robots ready, or cancelled */
  guint          active;      /* requests in flight */
  gint64         next_start;  /* monotonic µs before which none may start */
  RobotsState    robots_state;
  ScraperRobots *robots;
  gint64         robots_expires;
} HostState;

struct _ScraperFetcher {
  GObject              parent_instance;

  ScraperFetchOptions  options;
  char                *product_token;
  SoupSession         *session;

  GMutex               lock;
  GHashTable          *hosts;   /* origin -> HostState */
  FetcherRemap        *remap;   /* JOB_SCRAPER_REMAP, or NULL */
};

/* What a POST sends; NULL for a GET. */
typedef struct {
  const char *content_type;
  GBytes     *body;
} RequestBody;

G_DEFINE_FINAL_TYPE (ScraperFetcher, scraper_fetcher, G_TYPE_OBJECT)

void
scraper_fetch_options_init (ScraperFetchOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->timeout_s = DEFAULT_TIMEOUT_S;
  options->max_body_bytes = DEFAULT_MAX_BODY;
  options->max_redirects = DEFAULT_MAX_REDIRECTS;
  options->max_retries = DEFAULT_MAX_RETRIES;
  options->per_host_delay_ms = DEFAULT_PER_HOST_DELAY_MS;
  options->max_per_host = DEFAULT_MAX_PER_HOST;
  options->obey_robots = TRUE;
  options->retry_base_ms = DEFAULT_RETRY_BASE_MS;
  options->max_retry_after_s = DEFAULT_MAX_RETRY_AFTER_S;
}

void
scraper_fetch_options_clear (ScraperFetchOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->user_agent, g_free);
}

void
scraper_response_free (ScraperResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->url);
  g_free (response->content_type);
  g_free (response->charset);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response);
}

static void
host_state_free (gpointer data)
{
  HostState *host = data;

  g_cond_clear (&host->cond);
  g_clear_pointer (&host->robots, scraper_robots_free);
  g_free (host->origin);
  g_free (host);
}

static void
scraper_fetcher_finalize (GObject *object)
{
  ScraperFetcher *self = SCRAPER_FETCHER (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->hosts, g_hash_table_unref);
  g_clear_pointer (&self->remap, fetcher_remap_free);
  g_mutex_clear (&self->lock);
  scraper_fetch_options_clear (&self->options);
  g_free (self->product_token);

  G_OBJECT_CLASS (scraper_fetcher_parent_class)->finalize (object);
}

static void
scraper_fetcher_class_init (ScraperFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scraper_fetcher_finalize;
}

static void
scraper_fetcher_init (ScraperFetcher *self)
{
  g_mutex_init (&self->lock);
  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, host_state_free);
}

/* JOB_SCRAPER_CA_FILE (a testing aid, documented in the README beside
 * JOB_SCRAPER_REMAP): the certificates in that PEM file are the only ones
 * trusted, instead of the system's, so that a test can serve https from
 * 127.0.0.1 with a certificate of its own.  Unset, nothing changes. */
static void
fetcher_trust_ca_file (SoupSession *session,
                       const char  *path)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || *path == '\0')
    return;
  database = g_tls_file_database_new (path, &error);
  if (database == NULL)
    {
      g_warning ("JOB_SCRAPER_CA_FILE: cannot read %s: %s; the system's certificates are used", path, error->message);
      return;
    }
  g_message ("JOB_SCRAPER_CA_FILE: only the certificates in %s are trusted (a testing aid)", path);
  soup_session_set_tls_database (session, database);
}

ScraperFetcher *
scraper_fetcher_new (const ScraperFetchOptions *options)
{
  ScraperFetcher *self = g_object_new (SCRAPER_TYPE_FETCHER, NULL);
  ScraperFetchOptions *o = &self->options;

  if (options != NULL)
    {
      *o = *options;
      o->user_agent = g_strdup (options->user_agent);
    }
  else
    scraper_fetch_options_init (o);

  /* Zero means "default" for the fields where zero makes no sense. */
  if (o->user_agent == NULL || *o->user_agent == '\0')
    {
      g_free (o->user_agent);
      o->user_agent = g_strdup_printf ("JobScraper/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);
    }
  if (o->timeout_s == 0)
    o->timeout_s = DEFAULT_TIMEOUT_S;
  if (o->max_body_bytes == 0)
    o->max_body_bytes = DEFAULT_MAX_BODY;
  if (o->max_per_host == 0)
    o->max_per_host = DEFAULT_MAX_PER_HOST;
  if (o->retry_base_ms == 0)
    o->retry_base_ms = DEFAULT_RETRY_BASE_MS;
  if (o->max_retry_after_s == 0)
    o->max_retry_after_s = DEFAULT_MAX_RETRY_AFTER_S;

  self->remap = fetcher_remap_new (g_getenv ("JOB_SCRAPER_REMAP"));

  self->product_token = g_strndup (o->user_agent, strcspn (o->user_agent, "/ \t"));

  /* Configured here, in the creating thread; workers only send (sync API).
   * Redirects are followed by hand (politeness and robots per hop). */
  self->session = soup_session_new_with_options ("user-agent", o->user_agent,
                                                 "timeout", o->timeout_s,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", (int) o->max_per_host,
                                                 "max-conns", (int) MAX (o->max_per_host * 8, 16),
                                                 NULL);
  fetcher_trust_ca_file (self->session, g_getenv ("JOB_SCRAPER_CA_FILE"));
  return self;
}

guint
scraper_fetcher_get_max_per_host (ScraperFetcher *self)
{
  g_return_val_if_fail (SCRAPER_IS_FETCHER (self), DEFAULT_MAX_PER_HOST);

  return self->options.max_per_host;
}

const char *
scraper_fetcher_get_user_agent (ScraperFetcher *self)
{
  g_return_val_if_fail (SCRAPER_IS_FETCHER (self), NULL);

  return self->options.user_agent;
}

/* --- waiting ------------------------------------------------------------ */

/* Sleeps @ms milliseconds or until @cancellable is cancelled. */
static gboolean
sleep_cancellable (guint          ms,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return scraper_sleep (ms, cancellable, error);
}

typedef struct {
  ScraperFetcher *self;
  HostState      *host;
} Waker;

static void
wake_host (GCancellable *cancellable,
           Waker        *waker)
{
  g_mutex_lock (&waker->self->lock);
  g_cond_broadcast (&waker->host->cond);
  g_mutex_unlock (&waker->self->lock);
}

/* 127.0.0.0/8, ::1 or localhost. */
static gboolean
origin_is_loopback (const char *origin)
{
  g_autoptr(GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static HostState *
lookup_host (ScraperFetcher *self,
             const char     *origin)
{
  HostState *host;

  g_mutex_lock (&self->lock);
  host = g_hash_table_lookup (self->hosts, origin);
  if (host == NULL)
    {
      host = g_new0 (HostState, 1);
      host->origin = g_strdup (origin);
      host->loopback = origin_is_loopback (origin);
      g_cond_init (&host->cond);
      g_hash_table_insert (self->hosts, host->origin, host);
    }
  g_mutex_unlock (&self->lock);

  return host;
}

static guint
host_delay_ms (ScraperFetcher *self,
               HostState      *host)
{
  guint crawl = host->robots ? scraper_robots_get_crawl_delay_ms (host->robots) : 0;
  guint delay = self->options.per_host_delay_ms;

  /* Politeness protects other people's servers; one on this computer (a
   * local mirror, the bundled sample board) is not slowed down, though its
   * robots.txt Crawl-delay is still honoured. */
  if (host->loopback && !self->options.delay_loopback)
    delay = 0;

  return MAX (delay, MIN (crawl, MAX_CRAWL_DELAY_MS));
}

/* Waits for a free connection slot of @host and for the host's minimum
 * delay since the previous request start, then takes the slot. */
static gboolean
acquire_slot (ScraperFetcher  *self,
              HostState       *host,
              GCancellable    *cancellable,
              GError         **error)
{
  Waker waker = { self, host };
  gulong handler = 0;
  gboolean ok = FALSE;

  /* Connected before taking the lock: the handler runs at once, taking the
   * lock itself, when the cancellable is already cancelled. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_host), &waker, NULL);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (host->active >= self->options.max_per_host)
        g_cond_wait (&host->cond, &self->lock);
      else if (now < host->next_start)
        g_cond_wait_until (&host->cond, &self->lock, host->next_start);
      else
        {
          host->active++;
          host->next_start = now + (gint64) host_delay_ms (self, host) * 1000;
          ok = TRUE;
          break;
        }
    }
  g_mutex_unlock (&self->lock);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  if (!ok)
    g_cancellable_set_error_if_cancelled (cancellable, error);
  return ok;
}

static void
release_slot (ScraperFetcher *self,
              HostState      *host)
{
  g_mutex_lock (&self->lock);
  g_assert (host->active > 0);
  host->active--;
  g_cond_broadcast (&host->cond);
  g_mutex_unlock (&self->lock);
}

static guint
backoff_ms (ScraperFetcher *self,
            guint           attempt)
{
  return scraper_backoff_ms (self->options.retry_base_ms, attempt, MAX_BACKOFF_MS);
}

/* --- one request -------------------------------------------------------- */

typedef enum {
  ATTEMPT_DONE,      /* response or fatal error */
  ATTEMPT_REDIRECT,  /* *location set */
  ATTEMPT_RETRY,     /* *retry_after_s may be set (else -1) */
} AttemptResult;

static ScraperResponse *
response_new (GUri        *uri,
              SoupMessage *msg,
              GBytes      *body,
              const char  *etag,
              const char  *last_modified)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  ScraperResponse *response = g_new0 (ScraperResponse, 1);
  g_autoptr(GHashTable) params = NULL;
  const char *type;
  const char *value;

  response->status = soup_message_get_status (msg);
  response->url = g_uri_to_string (uri);
  type = soup_message_headers_get_content_type (headers, &params);
  if (type != NULL)
    response->content_type = g_ascii_strdown (type, -1);
  if (params != NULL && (value = g_hash_table_lookup (params, "charset")) != NULL && *value)
    response->charset = g_strdup (value);
  response->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);

  value = soup_message_headers_get_one (headers, "ETag");
  response->etag = g_strdup (value ? value : etag);
  value = soup_message_headers_get_one (headers, "Last-Modified");
  response->last_modified = g_strdup (value ? value : last_modified);
  return response;
}

/* A 304 (or 204) has no body whatever its headers say, but libsoup 3.2
 * decides whether to keep the connection from the headers alone, takes a
 * response without Content-Length for one "ended by closing", and opens a
 * new connection for the next request: with a conditional GET per posting
 * page, a crawl of a site that did not change made 2 000 connections where
 * it needed two.  Saying "no body" in the headers keeps it. */
static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  guint status = soup_message_get_status (msg);

  if ((status == SOUP_STATUS_NOT_MODIFIED || status == SOUP_STATUS_NO_CONTENT) &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_EOF)
    soup_message_headers_set_content_length (headers, 0);
}

/* Reads the body of a response we do not want (a 304's empty one, a short
 * error page such as a missing robots.txt) to its end before closing it:
 * libsoup reuses the connection only when the body was read.  Only a body
 * of a known, small length: one of unknown length could go on (or stall)
 * for as long as the server likes, where closing costs a connection. */
#define DISCARD_MAX_BYTES (64 * 1024)

static void
discard_body (SoupMessage  *msg,
              GInputStream *stream,
              GCancellable *cancellable)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  char buffer[4096];
  gsize total = 0;
  gssize n;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) <= DISCARD_MAX_BYTES)
    while (total <= DISCARD_MAX_BYTES &&
           (n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, NULL)) > 0)
      total += (gsize) n;
  g_input_stream_close (stream, NULL, NULL);
}

static AttemptResult
attempt_once (ScraperFetcher   *self,
              HostState        *host,
              GUri             *uri,
              const RequestBody *request_body,
              const char       *etag,
              const char       *last_modified,
              gsize             limit,
              ScraperResponse **response,
              char            **location,
              gint64           *retry_after_s,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(FetcherWatchdog) dog = NULL;
  g_autoptr(GUri) remapped = fetcher_remap_uri (self->remap, uri);
  g_autofree char *url = g_uri_to_string (uri);
  GError *local_error = NULL;
  SoupMessageHeaders *req;
  const char *content_length;
  guint status;

  *retry_after_s = -1;

  if (!acquire_slot (self, host, cancellable, error))
    return ATTEMPT_DONE;

  if (remapped != NULL)
    {
      g_autofree char *to = g_uri_to_string (remapped);
      g_debug ("JOB_SCRAPER_REMAP: %s goes to %s", url, to);
    }
  msg = soup_message_new_from_uri (request_body != NULL ? SOUP_METHOD_POST : SOUP_METHOD_GET,
                                   remapped != NULL ? remapped : uri);
  if (request_body != NULL)
    soup_message_set_request_body_from_bytes (msg, request_body->content_type, request_body->body);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), NULL);
  req = soup_message_get_request_headers (msg);
  if (etag != NULL && *etag != '\0')
    soup_message_headers_replace (req, "If-None-Match", etag);
  if (last_modified != NULL && *last_modified != '\0')
    soup_message_headers_replace (req, "If-Modified-Since", last_modified);

  /* Each read of the headers has the timeout; all of them have a deadline,
   * or a server sending a byte now and then would hold the fetch forever. */
  dog = fetcher_watchdog_arm (cancellable, HEADERS_TIMEOUT_FACTOR * self->options.timeout_s);
  stream = soup_session_send (self->session, msg, fetcher_watchdog_get_cancellable (dog), &local_error);
  if (stream == NULL && fetcher_watchdog_fired (dog))
    {
      release_slot (self, host);
      g_clear_error (&local_error);
      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT,
                   _("%s did not send the headers of its answer within %u seconds"),
                   url, HEADERS_TIMEOUT_FACTOR * self->options.timeout_s);
      return ATTEMPT_DONE;
    }
  g_clear_pointer (&dog, fetcher_watchdog_disarm);
  if (stream == NULL)
    {
      release_slot (self, host);
      if (fetcher_error_is_retryable (local_error))
        {
          g_debug ("%s: %s (will retry)", url, local_error->message);
          fetcher_propagate_io_error (error, local_error, uri, FALSE);
          return ATTEMPT_RETRY;
        }
      fetcher_propagate_io_error (error, local_error, uri, FALSE);
      return ATTEMPT_DONE;
    }

  status = soup_message_get_status (msg);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *target = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                         "Location");

      g_input_stream_close (stream, NULL, NULL);
      release_slot (self, host);
      if (target == NULL || *target == '\0')
        {
          fetcher_set_http_error (error, url, msg);
          return ATTEMPT_DONE;
        }
      *location = g_strdup (target);
      return ATTEMPT_REDIRECT;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      discard_body (msg, stream, cancellable);
      release_slot (self, host);
      *response = response_new (uri, msg, NULL, etag, last_modified);
      (*response)->not_modified = TRUE;
      return ATTEMPT_DONE;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      discard_body (msg, stream, cancellable);
      release_slot (self, host);
      fetcher_set_http_error (error, url, msg);
      if (fetcher_status_is_retryable (status))
        {
          *retry_after_s = fetcher_parse_retry_after (msg);
          return ATTEMPT_RETRY;
        }
      return ATTEMPT_DONE;
    }

  content_length = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Content-Length");
  if (content_length != NULL
      && (guint64) soup_message_headers_get_content_length (soup_message_get_response_headers (msg)) > limit)
    {
      g_autofree char *size = g_format_size (limit);

      g_input_stream_close (stream, NULL, NULL);
      release_slot (self, host);
      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_LARGE,
                   _("The response from %s is larger than %s; it was not downloaded"),
                   url, size);
      return ATTEMPT_DONE;
    }

  body = fetcher_read_body (stream, limit, self->options.timeout_s, url, cancellable, &local_error);
  g_input_stream_close (stream, NULL, NULL);
  release_slot (self, host);

  if (body == NULL)
    {
      gboolean retry = local_error->domain != SCRAPER_FETCH_ERROR
                       && fetcher_error_is_retryable (local_error);

      if (local_error->domain == SCRAPER_FETCH_ERROR)
        g_propagate_error (error, local_error);
      else
        fetcher_propagate_io_error (error, local_error, uri, TRUE);
      return retry ? ATTEMPT_RETRY : ATTEMPT_DONE;
    }

  *response = response_new (uri, msg, body, etag, last_modified);
  return ATTEMPT_DONE;
}

/* One URL, with retries; no robots check, no redirects followed. */
static ScraperResponse *
fetch_uri (ScraperFetcher  *self,
           GUri            *uri,
           const RequestBody *request_body,
           const char      *etag,
           const char      *last_modified,
           gsize            limit,
           guint            max_retries,
           char           **location,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autofree char *origin = fetcher_uri_origin (uri);
  HostState *host = lookup_host (self, origin);

  for (guint attempt = 0;; attempt++)
    {
      ScraperResponse *response = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 retry_after_s = -1;
      AttemptResult result;
      guint wait_ms;

      result = attempt_once (self, host, uri, request_body, etag, last_modified, limit,
                             &response, location, &retry_after_s,
                             cancellable, &local_error);
      if (result == ATTEMPT_REDIRECT)
        return NULL;
      if (result == ATTEMPT_DONE)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return response;
        }

      /* ATTEMPT_RETRY */
      if (attempt >= max_retries)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (retry_after_s > (gint64) self->options.max_retry_after_s)
        {
          g_autofree char *host_name = fetcher_uri_host_display (uri);

          g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP,
                       _("%s asked to wait %lld seconds before trying again, "
                         "longer than the %u seconds allowed; try again later"),
                       host_name, (long long) retry_after_s, self->options.max_retry_after_s);
          return NULL;
        }

      wait_ms = backoff_ms (self, attempt);
      if (retry_after_s >= 0)
        wait_ms = MAX (wait_ms, (guint) retry_after_s * 1000);
      g_debug ("%s; retrying in %u ms", local_error->message, wait_ms);
      if (!sleep_cancellable (wait_ms, cancellable, error))
        return NULL;
    }
}

/* --- robots.txt --------------------------------------------------------- */

static ScraperRobots *
download_robots (ScraperFetcher  *self,
                 GUri            *page,
                 gint64          *ttl,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *location = NULL;
  guint redirects = 0;

  uri = g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (page), NULL,
                     g_uri_get_host (page), g_uri_get_port (page), "/robots.txt", NULL, NULL);
  *ttl = ROBOTS_TTL_US;

  for (;;)
    {
      g_autoptr(GUri) next = NULL;

      g_clear_pointer (&location, g_free);
      response = fetch_uri (self, uri, NULL, NULL, NULL, ROBOTS_MAX_BYTES, 0, &location,
                            cancellable, &local_error);
      if (response != NULL || location == NULL)
        break;
      /* Follow a few redirects (RFC 9309: at least five). */
      next = fetcher_parse_http_url (location, uri, NULL);
      if (next == NULL || ++redirects > 5 || !fetcher_redirect_allowed (uri, next, NULL))
        break;
      g_clear_pointer (&uri, g_uri_unref);
      uri = g_steal_pointer (&next);
    }

  if (response != NULL)
    return scraper_robots_parse (g_bytes_get_data (response->body, NULL),
                                 g_bytes_get_size (response->body),
                                 self->product_token);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* 4xx: no robots.txt, everything allowed.  5xx or network trouble: we
   * allow too (a job board that is down fails on the page itself), but
   * look again sooner. */
  if (local_error != NULL
      && !(g_error_matches (local_error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP)
           && scraper_fetch_error_get_status (local_error) / 100 == 4))
    {
      g_info ("robots.txt of %s unavailable (%s); allowing all", g_uri_get_host (page),
                 local_error->message);
      *ttl = ROBOTS_ERROR_TTL_US;
    }

  return scraper_robots_new_allow_all ();
}

/* Checks @uri against its host's robots.txt, downloading it once per host
 * (concurrent callers wait for the first one's download). */
static gboolean
check_robots (ScraperFetcher  *self,
              GUri            *uri,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autofree char *origin = fetcher_uri_origin (uri);
  g_autofree char *path = NULL;
  HostState *host = lookup_host (self, origin);
  Waker waker = { self, host };
  gulong handler = 0;
  gboolean fetch_it = FALSE;
  gboolean allowed;
  gint64 ttl = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_host), &waker, NULL);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (host->robots_state == ROBOTS_READY && g_get_monotonic_time () >= host->robots_expires)
        host->robots_state = ROBOTS_UNKNOWN;
      if (host->robots_state == ROBOTS_READY)
        break;
      if (host->robots_state == ROBOTS_UNKNOWN)
        {
          host->robots_state = ROBOTS_FETCHING;
          fetch_it = TRUE;
          break;
        }
      g_cond_wait (&host->cond, &self->lock);
    }
  g_mutex_unlock (&self->lock);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (fetch_it)
        {
          g_mutex_lock (&self->lock);
          host->robots_state = ROBOTS_UNKNOWN;
          g_cond_broadcast (&host->cond);
          g_mutex_unlock (&self->lock);
        }
      return FALSE;
    }

  if (fetch_it)
    {
      g_autoptr(GError) local_error = NULL;
      ScraperRobots *robots = download_robots (self, uri, &ttl, cancellable, &local_error);

      g_mutex_lock (&self->lock);
      if (robots != NULL)
        {
          g_clear_pointer (&host->robots, scraper_robots_free);
          host->robots = robots;
          host->robots_expires = g_get_monotonic_time () + ttl;
          host->robots_state = ROBOTS_READY;
        }
      else
        host->robots_state = ROBOTS_UNKNOWN;
      g_cond_broadcast (&host->cond);
      g_mutex_unlock (&self->lock);

      if (robots == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  path = g_uri_get_query (uri)
         ? g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL)
         : g_strdup (g_uri_get_path (uri));

  g_mutex_lock (&self->lock);
  allowed = scraper_robots_is_allowed (host->robots, path);
  g_mutex_unlock (&self->lock);

  if (!allowed)
    {
      g_autofree char *url = g_uri_to_string (uri);

      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_ROBOTS,
                   _("The robots.txt of %s does not allow fetching %s"),
                   g_uri_get_host (uri), url);
    }
  return allowed;
}

/* --- public ------------------------------------------------------------- */

static ScraperResponse *
request (ScraperFetcher     *self,
         const char         *url,
         const RequestBody  *request_body,
         ScraperFetchFlags   flags,
         const char         *etag,
         const char         *last_modified,
         GCancellable       *cancellable,
         GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  gboolean robots = self->options.obey_robots && !(flags & SCRAPER_FETCH_FLAGS_IGNORE_ROBOTS);

  uri = fetcher_parse_http_url (url, NULL, error);
  if (uri == NULL)
    return NULL;

  for (guint redirects = 0;; redirects++)
    {
      g_autofree char *location = NULL;
      g_autoptr(GUri) next = NULL;
      ScraperResponse *response;
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (robots && !check_robots (self, uri, cancellable, error))
        return NULL;

      response = fetch_uri (self, uri, request_body, etag, last_modified,
                            self->options.max_body_bytes, self->options.max_retries,
                            &location, cancellable, &local_error);
      if (location == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return response;
        }
      /* A redirected POST is followed with a GET of the new address, as
       * browsers do after 301-303: its body never goes to another host. */
      request_body = NULL;

      if (redirects >= self->options.max_redirects)
        {
          g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TOO_MANY_REDIRECTS,
                       _("%s redirected more than %u times; it may be a redirect loop"),
                       url, self->options.max_redirects);
          return NULL;
        }

      next = fetcher_parse_http_url (location, uri, &local_error);
      if (next == NULL)
        {
          g_autofree char *from = g_uri_to_string (uri);

          g_set_error (error, SCRAPER_FETCH_ERROR, local_error->code,
                       _("%s redirected to an address that cannot be fetched: %s"),
                       from, local_error->message);
          g_error_free (local_error);
          return NULL;
        }
      if (!fetcher_redirect_allowed (uri, next, error))
        return NULL;
      g_debug ("%s redirects to %s", g_uri_get_path (uri), location);
      g_clear_pointer (&uri, g_uri_unref);
      uri = g_steal_pointer (&next);
    }
}

ScraperResponse *
scraper_fetcher_fetch (ScraperFetcher     *self,
                       const char         *url,
                       ScraperFetchFlags   flags,
                       const char         *etag,
                       const char         *last_modified,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_return_val_if_fail (SCRAPER_IS_FETCHER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return request (self, url, NULL, flags, etag, last_modified, cancellable, error);
}

ScraperResponse *
scraper_fetcher_post (ScraperFetcher     *self,
                      const char         *url,
                      const char         *content_type,
                      GBytes             *body,
                      ScraperFetchFlags   flags,
                      GCancellable       *cancellable,
                      GError            **error)
{
  RequestBody request_body = { content_type, body };

  g_return_val_if_fail (SCRAPER_IS_FETCHER (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return request (self, url, &request_body, flags, NULL, NULL, cancellable, error);
}
