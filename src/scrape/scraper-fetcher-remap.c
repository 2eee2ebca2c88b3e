/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-fetcher"

#include "config.h"

#include <string.h>

#include "scraper-fetcher-private.h"

/* JOB_SCRAPER_REMAP, a testing aid: "HOST=127.0.0.1:PORT[,HOST=...]".
 * Every request for HOST (an exact name, or "*.suffix" for any name that
 * ends in ".suffix"; an exact name wins over a suffix, a longer suffix over
 * a shorter one) goes to http://127.0.0.1:PORT with the same path and
 * query, as if HOST had answered: messages, robots.txt, politeness and the
 * response's URL all still speak of HOST.  Tests use it to stand in for the
 * boards' real API hosts. */

struct _FetcherRemap {
  GHashTable *exact;     /* lower-case host -> port */
  GPtrArray  *suffixes;  /* RemapSuffix, longest first */
};

typedef struct {
  char *suffix;          /* ".example.com", lower case */
  int   port;
} RemapSuffix;

static void
remap_suffix_free (gpointer data)
{
  RemapSuffix *s = data;

  g_free (s->suffix);
  g_free (s);
}

static gint
compare_suffix_length (gconstpointer a,
                       gconstpointer b)
{
  const RemapSuffix *sa = *(RemapSuffix * const *) a;
  const RemapSuffix *sb = *(RemapSuffix * const *) b;

  return (gint) strlen (sb->suffix) - (gint) strlen (sa->suffix);
}

/* The port of "127.0.0.1:PORT" (or "localhost:PORT", or a bare port), or -1. */
static int
parse_target (const char *target)
{
  const char *colon = strrchr (target, ':');
  const char *digits = colon != NULL ? colon + 1 : target;
  guint64 port = 0;

  if (colon != NULL)
    {
      g_autofree char *host = g_strndup (target, colon - target);

      if (!g_str_equal (host, "127.0.0.1") && g_ascii_strcasecmp (host, "localhost") != 0)
        return -1;
    }
  if (!g_ascii_string_to_unsigned (digits, 10, 1, 65535, &port, NULL))
    return -1;
  return (int) port;
}

FetcherRemap *
fetcher_remap_new (const char *spec)
{
  g_autoptr(FetcherRemap) remap = NULL;
  g_auto(GStrv) entries = NULL;

  if (spec == NULL || *spec == '\0')
    return NULL;

  remap = g_new0 (FetcherRemap, 1);
  remap->exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  remap->suffixes = g_ptr_array_new_with_free_func (remap_suffix_free);

  entries = g_strsplit (spec, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *entry = g_strstrip (g_strdup (entries[i]));
      char *eq = strchr (entry, '=');
      g_autofree char *host = NULL;
      int port;

      if (*entry == '\0')
        continue;
      if (eq == NULL || eq == entry ||
          (port = parse_target (g_strstrip (eq + 1))) < 0)
        {
          g_warning ("JOB_SCRAPER_REMAP: “%s” is not HOST=127.0.0.1:PORT; ignored", entry);
          continue;
        }
      *eq = '\0';
      host = g_ascii_strdown (g_strstrip (entry), -1);
      if (g_str_has_prefix (host, "*."))
        {
          RemapSuffix *s = g_new0 (RemapSuffix, 1);

          s->suffix = g_strdup (host + 1);
          s->port = port;
          g_ptr_array_add (remap->suffixes, s);
        }
      else
        g_hash_table_replace (remap->exact, g_steal_pointer (&host), GINT_TO_POINTER (port));
    }

  if (g_hash_table_size (remap->exact) == 0 && remap->suffixes->len == 0)
    return NULL;
  g_ptr_array_sort (remap->suffixes, compare_suffix_length);
  return g_steal_pointer (&remap);
}

void
fetcher_remap_free (FetcherRemap *remap)
{
  if (remap == NULL)
    return;
  g_clear_pointer (&remap->exact, g_hash_table_unref);
  g_clear_pointer (&remap->suffixes, g_ptr_array_unref);
  g_free (remap);
}

GUri *
fetcher_remap_uri (FetcherRemap *remap,
                   GUri         *uri)
{
  g_autofree char *host = NULL;
  gpointer value;
  int port = -1;

  if (remap == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (g_hash_table_lookup_extended (remap->exact, host, NULL, &value))
    port = GPOINTER_TO_INT (value);
  else
    for (guint i = 0; i < remap->suffixes->len && port < 0; i++)
      {
        RemapSuffix *s = g_ptr_array_index (remap->suffixes, i);

        if (g_str_has_suffix (host, s->suffix) && strlen (host) > strlen (s->suffix))
          port = s->port;
      }
  if (port < 0)
    return NULL;

  return g_uri_build (g_uri_get_flags (uri), "http", NULL, "127.0.0.1", port,
                      g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}
