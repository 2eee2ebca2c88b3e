/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-llm"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "model/scraper-wait.h"
#include "scraper-llm-private.h"

/* The HTTP half of the LLM client: one POST to {endpoint}/chat/completions
 * per posting, with the sync libsoup API on the worker's own session and
 * the task's cancellable, so a cancel aborts the request mid-flight.
 * Statuses become errors a user can act on; 429 and the 5xx statuses that
 * mean "try later" are retried a couple of times. */

#define DEFAULT_TIMEOUT_S          120  /* a model on a CPU may think long */
#define DEFAULT_MAX_RETRIES        2
#define DEFAULT_MAX_RETRY_AFTER_S  10
#define RETRY_BASE_MS              1000
#define MAX_BODY_BYTES             (1024 * 1024)
#define MAX_ERROR_BODY_BYTES       (16 * 1024)
#define READ_CHUNK                 8192
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS   429

G_DEFINE_QUARK (scraper-llm-error-quark, scraper_llm_error)

gboolean
scraper_llm_error_is_per_posting (const GError *error)
{
  return g_error_matches (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_ANSWER);
}

struct _ScraperLlm
{
  char            *endpoint;      /* as given, without a trailing slash */
  GUri            *url;           /* {endpoint}/chat/completions */
  char            *model;
  char            *api_key;       /* nullable */
  guint            timeout_s;
  guint            max_retries;
  guint            max_retry_after_s;
  ScraperEnricher *dictionary;    /* canonical skill names, no profile */
};

G_DEFINE_BOXED_TYPE (ScraperLlm, scraper_llm, scraper_llm_ref, scraper_llm_unref)

static void
scraper_llm_clear (ScraperLlm *self)
{
  g_free (self->endpoint);
  g_clear_pointer (&self->url, g_uri_unref);
  g_free (self->model);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_free (self->api_key);
  g_clear_pointer (&self->dictionary, scraper_enricher_unref);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

ScraperLlm *
scraper_llm_new (const ScraperLlmOptions  *options,
                 GError                  **error)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *chat = NULL;
  g_autofree char *model = NULL;
  g_autoptr(GUri) url = NULL;
  ScraperLlm *self;
  const char *scheme;

  g_return_val_if_fail (options != NULL, NULL);

  endpoint = g_strstrip (g_strdup (options->endpoint ? options->endpoint : ""));
  while (g_str_has_suffix (endpoint, "/"))
    endpoint[strlen (endpoint) - 1] = '\0';
  model = g_strstrip (g_strdup (options->model ? options->model : ""));

  if (*endpoint == '\0')
    {
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_CONFIG,
                   _("No address of a language model server is set"));
      return NULL;
    }
  chat = g_strconcat (endpoint, "/chat/completions", NULL);
  url = g_uri_parse (chat, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = url ? g_uri_get_scheme (url) : NULL;
  if (url == NULL || g_uri_get_host (url) == NULL || *g_uri_get_host (url) == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_CONFIG,
                   _("“%s” is not the http or https address of a language model server"),
                   endpoint);
      return NULL;
    }
  /* A key sent in the clear is a key given to anyone on the way: only to
   * this computer (a local server behind a key) over plain http. */
  if (options->api_key != NULL && *options->api_key != '\0' &&
      g_ascii_strcasecmp (scheme, "https") != 0 && !host_is_loopback (g_uri_get_host (url)))
    {
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_CONFIG,
                   _("The API key would be sent unencrypted to %s: use an https address for a language model server on another computer, or unset %s"),
                   g_uri_get_host (url), SCRAPER_LLM_API_KEY_ENV);
      return NULL;
    }
  if (*model == '\0')
    {
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_CONFIG,
                   _("No language model is named"));
      return NULL;
    }

  self = g_atomic_rc_box_new0 (ScraperLlm);
  self->endpoint = g_steal_pointer (&endpoint);
  self->url = g_steal_pointer (&url);
  self->model = g_steal_pointer (&model);
  if (options->api_key != NULL && *options->api_key != '\0')
    self->api_key = g_strdup (options->api_key);
  self->timeout_s = options->timeout_s ? options->timeout_s : DEFAULT_TIMEOUT_S;
  self->max_retries = options->max_retries ? options->max_retries : DEFAULT_MAX_RETRIES;
  self->max_retry_after_s = options->max_retry_after_s ? options->max_retry_after_s
                                                       : DEFAULT_MAX_RETRY_AFTER_S;
  self->dictionary = scraper_enricher_new (NULL);

  return self;
}

ScraperLlm *
scraper_llm_ref (ScraperLlm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
scraper_llm_unref (ScraperLlm *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) scraper_llm_clear);
}

const char *
scraper_llm_get_endpoint (ScraperLlm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->endpoint;
}

const char *
scraper_llm_get_model (ScraperLlm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model;
}

/* ---- session --------------------------------------------------------- */

struct _ScraperLlmSession
{
  ScraperLlm  *llm;
  SoupSession *session;
  GThread     *thread;   /* the one that made it, for a check */
};

ScraperLlmSession *
scraper_llm_session_new (ScraperLlm *llm)
{
  ScraperLlmSession *session;
  g_autofree char *user_agent = g_strdup_printf ("JobScraper/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);

  g_return_val_if_fail (llm != NULL, NULL);

  session = g_new0 (ScraperLlmSession, 1);
  session->llm = scraper_llm_ref (llm);
  session->thread = g_thread_self ();
  /* "timeout" bounds connecting and every wait for data, the answer's
   * headers included: a model that thinks longer times out. */
  session->session = soup_session_new_with_options ("user-agent", user_agent,
                                                    "timeout", llm->timeout_s,
                                                    "idle-timeout", 60,
                                                    NULL);
  return session;
}

void
scraper_llm_session_free (ScraperLlmSession *session)
{
  if (session == NULL)
    return;
  g_clear_object (&session->session);
  g_clear_pointer (&session->llm, scraper_llm_unref);
  g_free (session);
}

/* ---- one request ----------------------------------------------------- */


static void
set_io_error (ScraperLlm    *llm,
              GError       **error,
              GError        *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, io_error);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_TIMEOUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The language model server at %s did not answer within %u second",
                                "The language model server at %s did not answer within %u seconds",
                                llm->timeout_s),
                   llm->endpoint, llm->timeout_s);
      g_error_free (io_error);
    }
  else
    {
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_CONNECT,
                   _("Could not reach the language model server at %s (%s); is it running?"),
                   llm->endpoint, io_error->message);
      g_error_free (io_error);
    }
}

/* Reads at most @limit bytes; more is an error only when @strict. */
static GBytes *
read_body (ScraperLlm    *llm,
           GInputStream  *stream,
           gsize          limit,
           gboolean       strict,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint8 buf[READ_CHUNK];

  for (;;)
    {
      GError *local_error = NULL;
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &local_error);

      if (n < 0)
        {
          set_io_error (llm, error, local_error);
          return NULL;
        }
      if (n == 0)
        break;
      if (body->len + (gsize) n > limit)
        {
          g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

          if (!strict)
            break;
          g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_TOO_LARGE,
                       _("The answer of the language model server at %s is larger than %s"),
                       llm->endpoint, size);
          return NULL;
        }
      g_byte_array_append (body, buf, (guint) n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

/* What the server said in an error body ({"error": {"message": ...}},
 * {"error": "..."} or {"message": ...}), short and printable; or NULL. */
static char *
error_body_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root, *node;
  JsonObject *object;
  const char *message = NULL;
  g_autofree char *valid = NULL;

  if (data == NULL || len == 0 || !g_utf8_validate_len (data, len, NULL) ||
      !scraper_json_parser_load (parser, data, (gssize) len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  node = json_object_get_member (object, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = json_object_get_member (json_node_get_object (node), "message");
  if (node == NULL)
    node = json_object_get_member (object, "message");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    message = json_node_get_string (node);
  if (message == NULL || *message == '\0')
    return NULL;

  valid = g_utf8_make_valid (message, -1);
  g_strdelimit (valid, "\r\n\t", ' ');
  if (g_utf8_strlen (valid, -1) > 200)
    {
      char *end = g_utf8_offset_to_pointer (valid, 200);
      *end = '\0';
    }
  return g_steal_pointer (&valid);
}

static void
set_status_error (ScraperLlm   *llm,
                  SoupMessage  *msg,
                  GBytes       *body,
                  guint         tries,
                  GError      **error)
{
  guint status = soup_message_get_status (msg);
  const char *phrase = soup_message_get_reason_phrase (msg);
  g_autofree char *said = error_body_message (body);
  g_autofree char *reason = NULL;
  g_autoptr(GError) local_error = NULL;

  if (status == STATUS_TOO_MANY_REQUESTS)
    phrase = "Too Many Requests";
  else if (phrase == NULL || *phrase == '\0')
    phrase = soup_status_get_phrase (status);
  reason = g_strdup_printf ("%u %s", status, phrase ? phrase : "");
  g_strchomp (reason);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      if (llm->api_key != NULL)
        g_set_error (&local_error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_UNAUTHORIZED,
                     _("The language model server at %s refused the API key (%s)"),
                     llm->endpoint, reason);
      else
        g_set_error (&local_error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_UNAUTHORIZED,
                     _("The language model server at %s wants an API key (%s); set it in the environment variable %s"),
                     llm->endpoint, reason, SCRAPER_LLM_API_KEY_ENV);
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (&local_error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_NOT_FOUND,
                 _("The language model server at %s knows no model “%s” or no address %s (%s)"),
                 llm->endpoint, llm->model, g_uri_get_path (llm->url), reason);
  else if (status == STATUS_TOO_MANY_REQUESTS)
    g_set_error (&local_error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_RATE_LIMITED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The language model server at %s was still too busy after %u try (%s); try again later",
                              "The language model server at %s was still too busy after %u tries (%s); try again later",
                              tries),
                 llm->endpoint, tries, reason);
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    g_set_error (&local_error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_SERVER,
                 _("The language model server at %s failed (%s)"), llm->endpoint, reason);
  else
    g_set_error (&local_error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_SERVER,
                 _("The language model server at %s answered %s"), llm->endpoint, reason);

  if (said != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s: “%s”"), local_error->message, said);
      g_free (local_error->message);
      local_error->message = g_steal_pointer (&message);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
}

static gboolean
status_is_retryable (guint status)
{
  return status == STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_BAD_GATEWAY ||
         status == SOUP_STATUS_SERVICE_UNAVAILABLE || status == SOUP_STATUS_GATEWAY_TIMEOUT;
}

/* One POST.  The body of a 2xx answer, or NULL with @error; *@retry_after_s
 * is >= -1 when the status asks to try again (-1: no Retry-After). */
static GBytes *
post_once (ScraperLlmSession  *session,
           GBytes             *request,
           guint               attempt,
           gint64             *retry_after_s,
           GCancellable       *cancellable,
           GError            **error)
{
  ScraperLlm *llm = session->llm;
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_POST, llm->url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *req = soup_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_message_get_response_headers (msg);
  GError *local_error = NULL;
  guint status;

  *retry_after_s = G_MININT64;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  soup_message_headers_replace (req, "Accept", "application/json");
  if (llm->api_key != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", llm->api_key, NULL);
      soup_message_headers_replace (req, "Authorization", bearer);
    }

  stream = soup_session_send (session->session, msg, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (llm, error, local_error);
      return NULL;
    }

  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(GBytes) error_body = NULL;

      /* A short error body may say why ("model not found"). */
      error_body = read_body (llm, stream, MAX_ERROR_BODY_BYTES, FALSE, cancellable, NULL);
      g_input_stream_close (stream, NULL, NULL);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (status_is_retryable (status))
        *retry_after_s = scraper_retry_after_parse (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                                "Retry-After"),
                                                   NULL);
      set_status_error (llm, msg, error_body, attempt + 1, error);
      return NULL;
    }

  if (soup_message_headers_get_encoding (resp) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (resp) > MAX_BODY_BYTES)
    {
      g_autofree char *size = g_format_size_full (MAX_BODY_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_input_stream_close (stream, NULL, NULL);
      g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_TOO_LARGE,
                   _("The answer of the language model server at %s is larger than %s"),
                   llm->endpoint, size);
      return NULL;
    }

  body = read_body (llm, stream, MAX_BODY_BYTES, TRUE, cancellable, error);
  g_input_stream_close (stream, NULL, NULL);
  return g_steal_pointer (&body);
}

ScraperEnrichFlags
scraper_llm_session_enrich (ScraperLlmSession  *session,
                            ScraperPosting     *posting,
                            GCancellable       *cancellable,
                            GError            **error)
{
  ScraperLlm *llm;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) body = NULL;
  char *text;

  g_return_val_if_fail (session != NULL, SCRAPER_ENRICH_NONE);
  g_return_val_if_fail (posting != NULL, SCRAPER_ENRICH_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, SCRAPER_ENRICH_NONE);
  g_assert (session->thread == g_thread_self ());

  llm = session->llm;
  text = llm_build_request (llm->model, posting);
  request = g_bytes_new_take (text, strlen (text));

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 retry_after_s;
      guint wait_ms;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return SCRAPER_ENRICH_NONE;

      body = post_once (session, request, attempt, &retry_after_s, cancellable, &local_error);
      if (body != NULL)
        break;
      if (retry_after_s == G_MININT64 || attempt >= llm->max_retries)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return SCRAPER_ENRICH_NONE;
        }

      /* The wait the server asks for, up to a few seconds: a batch of
       * postings should not hang on one busy server. */
      wait_ms = scraper_backoff_ms (RETRY_BASE_MS, attempt, RETRY_BASE_MS << 4);
      if (retry_after_s >= 0)
        wait_ms = (guint) MIN (retry_after_s, (gint64) llm->max_retry_after_s) * 1000;
      wait_ms = MIN (wait_ms, llm->max_retry_after_s * 1000);
      g_debug ("%s; trying again in %u ms", local_error->message, wait_ms);
      if (!scraper_sleep (wait_ms, cancellable, error))
        return SCRAPER_ENRICH_NONE;
    }

  {
    gsize len;
    const char *data = g_bytes_get_data (body, &len);

    return llm_apply_answer (llm->dictionary, data ? data : "", len, posting, error);
  }
}

ScraperEnrichFlags
scraper_llm_enrich_sync (ScraperLlm      *self,
                         ScraperPosting  *posting,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(ScraperLlmSession) session = NULL;

  g_return_val_if_fail (self != NULL, SCRAPER_ENRICH_NONE);

  session = scraper_llm_session_new (self);
  return scraper_llm_session_enrich (session, posting, cancellable, error);
}
