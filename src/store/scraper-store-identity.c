/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What identifies a posting across runs (its canonical URL) and what tells
 * whether it changed (its content hash), for the sync. */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "scraper-store-private.h"

/* Canonical URLs */

static gboolean
is_tracking_parameter (const char *param,
                       gsize       len)
{
  static const char * const names[] = {
    "gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid",
  };

  if (len >= 4 && g_ascii_strncasecmp (param, "utm_", 4) == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (param, names[i], len) == 0)
      return TRUE;

  return FALSE;
}

char *
scraper_store_canonicalize_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *stripped = NULL;
  GString *query = NULL;
  g_autofree char *query_str = NULL;
  const char *path;
  int port;

  if (url == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (url));
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);

  port = g_uri_get_port (uri);
  if ((port == 80 && g_str_equal (scheme, "http")) ||
      (port == 443 && g_str_equal (scheme, "https")))
    port = -1;

  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    path = "/";

  if (g_uri_get_query (uri) != NULL)
    {
      const char *p = g_uri_get_query (uri);

      query = g_string_new (NULL);
      while (*p)
        {
          const char *amp = strchr (p, '&');
          gsize len = amp ? (gsize) (amp - p) : strlen (p);
          const char *eq = memchr (p, '=', len);
          gsize name_len = eq ? (gsize) (eq - p) : len;

          if (len > 0 && !is_tracking_parameter (p, name_len))
            {
              if (query->len > 0)
                g_string_append_c (query, '&');
              g_string_append_len (query, p, len);
            }
          p += len;
          if (*p == '&')
            p++;
        }
      if (query->len > 0)
        query_str = g_string_free (query, FALSE);
      else
        g_string_free (query, TRUE);
    }

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, g_uri_get_userinfo (uri), host, port,
                     path, query_str, NULL);
}

/* Content hash over what the source said: no user field, no time, no
 * enrichment the user's profile decides.  64-bit FNV-1a over the fields with
 * their lengths (no field can run into the next), as 16 hex digits: stable
 * across runs and machines (fixed byte order), and a tenth of MD5's cost.
 * It only decides whether a row is rewritten, so a collision costs one
 * missed update of an unchanged-looking posting, at odds of 2^-64. */
#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME  G_GUINT64_CONSTANT (0x100000001b3)

static inline guint64
hash_bytes (guint64     h,
            const void *data,
            gsize       len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * FNV_PRIME;
  return h;
}

static guint64
hash_u64 (guint64 h,
          guint64 value)
{
  guchar bytes[8];

  for (guint i = 0; i < 8; i++)
    bytes[i] = (guchar) (value >> (8 * i));
  return hash_bytes (h, bytes, sizeof bytes);
}

static guint64
hash_str (guint64     h,
          const char *str)
{
  gsize len;

  if (str == NULL)
    return hash_u64 (h, G_MAXUINT64);
  len = strlen (str);
  return hash_bytes (hash_u64 (h, len), str, len);
}

static guint64
hash_strv (guint64             h,
           const char * const *strv)
{
  guint n = strv ? g_strv_length ((char **) strv) : 0;

  h = hash_u64 (h, n);
  for (guint i = 0; i < n; i++)
    h = hash_str (h, strv[i]);
  return h;
}

static guint64
hash_double (guint64 h,
             double  value)
{
  guint64 bits;

  if (isnan (value))
    return hash_u64 (h, G_GUINT64_CONSTANT (0x7ff8000000000000));   /* one NaN */
  if (value == 0)
    value = 0;   /* -0 == 0 */
  memcpy (&bits, &value, sizeof bits);
  return hash_u64 (h, bits);
}

char *
store_content_hash (const ScraperPosting *p)
{
  guint64 h = FNV_OFFSET;

  h = hash_str (h, p->external_id);
  h = hash_str (h, p->url);
  h = hash_str (h, p->apply_url);
  h = hash_str (h, p->title);
  h = hash_str (h, p->company);
  h = hash_strv (h, (const char * const *) p->locations);
  h = hash_str (h, p->country);
  h = hash_u64 (h, (guint64) p->remote);
  h = hash_strv (h, (const char * const *) p->employment_type);
  h = hash_double (h, p->salary_min);
  h = hash_double (h, p->salary_max);
  h = hash_str (h, p->salary_currency);
  h = hash_u64 (h, (guint64) p->salary_period);
  h = hash_double (h, p->annual_min);
  h = hash_double (h, p->annual_max);
  h = hash_str (h, p->date_posted);
  h = hash_str (h, p->valid_through);
  h = hash_str (h, p->description_text);
  h = hash_str (h, p->description_markup);
  h = hash_u64 (h, p->direct_apply ? 1 : 0);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
}
