/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-sources-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/scraper-json-guard.h"
#include "app/scraper-sample-site.h"
#include "scrape/scraper-adapter.h"
#include "scraper-sources-import.h"

int
scraper_sources_import_file (ScraperStore  *store,
                             GFile         *file,
                             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *array;
  gsize len;
  int added = 0;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), -1);
  g_return_val_if_fail (G_IS_FILE (file), -1);

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return -1;

  if (!scraper_json_parser_load (parser, contents, (gssize) len, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not a list of sources in JSON: %s"), local_error->message);
      return -1;
    }
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file is not a list of sources: a JSON array of objects with a “url” was expected"));
      return -1;
    }

  existing = scraper_store_list_sources (store, error);
  if (existing == NULL)
    return -1;
  for (guint i = 0; i < existing->len; i++)
    g_hash_table_add (urls, ((ScraperSource *) g_ptr_array_index (existing, i))->url);

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *settings;
      const char *url;
      const char *kind;
      const char *name;
      g_autoptr(ScraperSource) source = NULL;
      g_autoptr(GUri) uri = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      url = json_object_get_string_member_with_default (object, "url", NULL);
      kind = json_object_get_string_member_with_default (object, "kind", NULL);
      name = json_object_get_string_member_with_default (object, "name", NULL);
      if (url == NULL || g_hash_table_contains (urls, url))
        continue;

      uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                          g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        continue;

      if (kind == NULL || !scraper_source_kind_is_valid (kind))
        kind = scraper_adapter_guess_kind (url);
      if (kind == NULL)
        kind = "jsonld";

      source = scraper_source_new ();
      source->url = g_strdup (url);
      source->kind = g_strdup (kind);
      source->name = name != NULL && *name != '\0' ? g_strdup (name)
                                                   : scraper_adapter_default_name (url, kind);
      source->enabled = json_object_get_boolean_member_with_default (object, "enabled", TRUE);
      settings = json_object_get_member (object, "settings");
      if (settings != NULL && JSON_NODE_HOLDS_OBJECT (settings))
        source->settings = json_to_string (settings, FALSE);
      else if (settings != NULL && JSON_NODE_HOLDS_VALUE (settings) &&
               json_node_get_value_type (settings) == G_TYPE_STRING)
        source->settings = g_strdup (json_node_get_string (settings));

      if (scraper_store_add_source (store, source, error) <= 0)
        return -1;
      g_hash_table_add (urls, (gpointer) json_object_get_string_member (object, "url"));
      added++;
    }

  return added;
}

/* The sample job board */

ScraperSource *
scraper_sources_find_sample (ScraperStore  *store,
                             GError       **error)
{
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (store, error);

  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);

      if (g_strcmp0 (source->name, _("Sample Job Board")) == 0 &&
          g_str_has_prefix (source->url, "http://127.0.0.1:"))
        return scraper_source_ref (source);
    }

  return NULL;
}

gint64
scraper_sources_point_sample (ScraperStore   *store,
                              ScraperSource  *source,
                              const char     *url,
                              gboolean        enable,
                              GError        **error)
{
  g_autoptr(ScraperSource) added = NULL;

  if (source != NULL)
    {
      if (g_strcmp0 (source->url, url) != 0)
        {
          g_free (source->url);
          source->url = g_strdup (url);
          if (!scraper_store_update_source (store, source, error))
            return 0;
        }
      if (enable && !source->enabled &&
          !scraper_store_set_source_enabled (store, source->id, TRUE, error))
        return 0;
      return source->id;
    }

  added = scraper_source_new ();
  added->name = g_strdup (_("Sample Job Board"));
  added->url = g_strdup (url);
  added->kind = g_strdup (SCRAPER_SAMPLE_SITE_SOURCE_KIND);
  added->enabled = TRUE;

  return scraper_store_add_source (store, added, error);
}
