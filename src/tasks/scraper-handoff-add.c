/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-handoff-add"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "scrape/scraper-adapter.h"
#include "scraper-handoff-add.h"

/* "HTTPS://Jobs.Lever.co/acme/" and "https://jobs.lever.co/acme" are one
 * address; the path keeps its case (SmartRecruiters' boards have capitals).
 * Any address on a known board stands for the board's own (a source added
 * from a posting or API address is the same board). */
static char *
url_key (const char *url)
{
  g_autofree char *board_url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;
  gsize len;

  if (scraper_board_from_url (url, NULL, &board_url, NULL))
    url = board_url;
  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    text = g_strdup (url);
  else
    {
      g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
      g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "", -1);
      g_autoptr(GUri) lowered = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, host, g_uri_get_port (uri),
                                             g_uri_get_path (uri), g_uri_get_query (uri), NULL);

      text = g_uri_to_string (lowered);
    }
  len = strlen (text);
  while (len > 0 && text[len - 1] == '/')
    text[--len] = '\0';
  return g_steal_pointer (&text);
}

gint64
scraper_handoff_find_source (ScraperStore  *store,
                             const char    *kind,
                             const char    *url,
                             GError       **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), 0);
  g_return_val_if_fail (kind != NULL && url != NULL, 0);

  if ((sources = scraper_store_list_sources (store, error)) == NULL)
    return -1;
  key = url_key (url);
  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);
      g_autofree char *other = NULL;

      if (g_strcmp0 (source->kind, kind) != 0 || source->url == NULL)
        continue;
      other = url_key (source->url);
      if (g_str_equal (key, other))
        return source->id;
    }
  return 0;
}

const char *
scraper_handoff_get_vendor (const ScraperHandoff *handoff)
{
  g_return_val_if_fail (handoff != NULL, NULL);
  return handoff->vendor != NULL ? handoff->vendor : handoff->kind;
}

gint64
scraper_handoff_add (ScraperStore         *store,
                     const ScraperHandoff *handoff,
                     const char           *name,
                     const char           *settings,
                     gboolean             *existed,
                     GError              **error)
{
  g_autoptr(ScraperSource) source = NULL;
  gint64 id;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), 0);
  g_return_val_if_fail (handoff != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (existed != NULL)
    *existed = FALSE;

  /* Checked here, when adding: a kind another build reads (an adapter
   * merged later) just works then. */
  if (!scraper_source_kind_is_valid (handoff->kind))
    {
      g_autofree char *short_url = scraper_handoff_short_url (handoff->url);

      /* Translators: the first %s is a job board product ("Workday"), the second its address */
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND,
                   _("Found a %s board (%s), but this version cannot read it yet"),
                   scraper_handoff_get_vendor (handoff), short_url);
      return 0;
    }

  id = scraper_handoff_find_source (store, handoff->kind, handoff->url, error);
  if (id < 0)
    return 0;
  if (id > 0)
    {
      if (existed != NULL)
        *existed = TRUE;
      return id;
    }

  source = scraper_source_new ();
  source->url = g_strdup (handoff->url);
  source->kind = g_strdup (handoff->kind);
  source->name = name != NULL && *name != '\0' ? g_strdup (name)
                                               : scraper_adapter_default_name (handoff->url, handoff->kind);
  source->settings = g_strdup (settings);
  source->enabled = TRUE;
  return scraper_store_add_source (store, source, error);
}
