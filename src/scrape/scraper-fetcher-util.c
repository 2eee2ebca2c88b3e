/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-fetcher-private.h"

/* URLs, statuses and errors: the fetcher's helpers that need no state. */

GUri *
fetcher_parse_http_url (const char  *url,
                GUri        *base,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (base != NULL)
    uri = g_uri_parse_relative (base, url, SOUP_HTTP_URI_FLAGS, &local_error);
  else
    uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);

  if (uri == NULL)
    {
      g_autofree char *scheme_part = g_uri_parse_scheme (url);

      if (scheme_part != NULL
          && g_ascii_strcasecmp (scheme_part, "http") != 0
          && g_ascii_strcasecmp (scheme_part, "https") != 0)
        g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME,
                     _("Cannot fetch “%s”: only http and https addresses are supported"), url);
      else
        g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_INVALID_URL,
                     _("“%s” is not a valid web address"), url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME,
                   _("Cannot fetch “%s”: only http and https addresses are supported"), url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_INVALID_URL,
                   _("“%s” is not a valid web address: it names no host"), url);
      return NULL;
    }

  /* The fragment never goes to the server. */
  if (g_uri_get_fragment (uri) != NULL)
    {
      GUri *plain = soup_uri_copy (uri, SOUP_URI_FRAGMENT, NULL, SOUP_URI_NONE);

      g_uri_unref (uri);
      uri = plain;
    }

  return g_steal_pointer (&uri);
}

/* "example.com" or "example.com:8080" for messages. */
char *
fetcher_uri_host_display (GUri *uri)
{
  int port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);
  gboolean default_port = port == -1
                          || (port == 80 && g_ascii_strcasecmp (scheme, "http") == 0)
                          || (port == 443 && g_ascii_strcasecmp (scheme, "https") == 0);

  if (default_port)
    return g_strdup (g_uri_get_host (uri));
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

char *
fetcher_uri_origin (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  int port = g_uri_get_port (uri);

  if (port == -1)
    port = strcmp (scheme, "https") == 0 ? 443 : 80;
  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

gboolean
fetcher_error_is_retryable (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_PARTIAL_INPUT:
        case G_IO_ERROR_NOT_CONNECTED:
          return TRUE;
        default:
          return FALSE;
        }
    }
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;
  return FALSE;
}

/* Turns a libsoup/GIO error into a SCRAPER_FETCH_ERROR naming the host;
 * cancellation stays G_IO_ERROR_CANCELLED. */
void
fetcher_propagate_io_error (GError       **error,
                    GError        *io_error,
                    GUri          *uri,
                    gboolean       reading_body)
{
  g_autofree char *host = fetcher_uri_host_display (uri);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_TIMEOUT,
                 reading_body ? _("%s stopped sending data: timed out") : _("Timed out connecting to %s"),
                 host);
  else if (io_error->domain == G_RESOLVER_ERROR)
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT,
                 _("Could not find the host %s: %s"), host, io_error->message);
  else if (io_error->domain == G_TLS_ERROR)
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT,
                 _("Could not make a secure connection to %s: %s"), host, io_error->message);
  else if (io_error->domain == SOUP_SESSION_ERROR)
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_FAILED,
                 _("%s sent a response that could not be understood: %s"), host, io_error->message);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_FAILED,
                 _("%s sent a compressed body that could not be decoded: %s"), host, io_error->message);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT,
                 _("Could not connect to %s: Connection refused"), host);
  else if (reading_body)
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT,
                 _("The connection to %s broke off: %s"), host, io_error->message);
  else
    g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_CONNECT,
                 _("Could not connect to %s: %s"), host, io_error->message);

  g_error_free (io_error);
}

const char *
fetcher_status_phrase (SoupMessage *msg)
{
  const char *phrase = soup_message_get_reason_phrase (msg);
  guint status = soup_message_get_status (msg);

  if (phrase == NULL || *phrase == '\0')
    phrase = soup_status_get_phrase (status);
  return phrase ? phrase : "";
}

void
fetcher_set_http_error (GError      **error,
                const char   *url,
                SoupMessage  *msg)
{
  g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP,
               _("%s returned %u %s"), url, soup_message_get_status (msg), fetcher_status_phrase (msg));
  if (error != NULL)
    scraper_fetch_error_set_status (*error, soup_message_get_status (msg));
}

/* Retry-After in seconds (delta or HTTP date), or -1 when absent/garbled. */
gint64
fetcher_parse_retry_after (SoupMessage *msg)
{
  return scraper_retry_after_parse (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                  "Retry-After"),
                                    NULL);
}

gboolean
fetcher_status_is_retryable (guint status)
{
  return status == 429 /* Too Many Requests */
         || status == SOUP_STATUS_BAD_GATEWAY
         || status == SOUP_STATUS_SERVICE_UNAVAILABLE
         || status == SOUP_STATUS_GATEWAY_TIMEOUT;
}

gboolean
fetcher_redirect_allowed (GUri    *from,
                          GUri    *to,
                          GError **error)
{
  if (g_ascii_strcasecmp (g_uri_get_scheme (from), "https") == 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (to), "https") != 0)
    {
      g_autofree char *from_str = g_uri_to_string (from);
      g_autofree char *to_str = g_uri_to_string (to);

      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME,
                   _("%s redirected from a secure address to an insecure one (%s), which is not followed"),
                   from_str, to_str);
      return FALSE;
    }
  return TRUE;
}
