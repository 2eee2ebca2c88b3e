/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-gem"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-normalize.h"

/* Kind "gem": a Gem job board, jobs.gem.com/BOARD.  One request, no
 * paging, GET api.gem.com/job_board/v0/BOARD/job_posts/, shaped like
 * Greenhouse's:
 *
 *   [{"id", "title", "absolute_url", "content" (HTML), "content_plain",
 *     "location": {"name"}, "offices": [{"name", "location": {"name"}}],
 *     "location_type": "remote"|"hybrid"|"in_office", "employment_type":
 *     "full_time"|"part_time"|"intern"|"contract"|"temporary",
 *     "departments": [{"name"}], "first_published_at", "created_at"}] */

static ScraperPosting *
read_post (JsonObject             *object,
           ScraperAtsParseContext *context,
           gpointer                user_data)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  const char *href = scraper_ats_json_string (object, "absolute_url");
  const char *html = scraper_ats_json_string (object, "content");
  const char *date;
  JsonArray *offices;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "title"));
  posting->url = href != NULL ? scraper_url_resolve (context->base_url, href) : NULL;
  if (posting->external_id == NULL || posting->title == NULL || posting->url == NULL)
    return NULL;
  posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_company_from_board (context->board);

  scraper_ats_add_location (locations, scraper_ats_json_string (scraper_ats_json_object (object, "location"), "name"));
  offices = scraper_ats_json_array (object, "offices");
  for (guint i = 0; locations->len == 0 && offices != NULL && i < json_array_get_length (offices); i++)
    {
      JsonObject *office = scraper_ats_json_array_object (offices, i);
      const char *name = scraper_ats_json_string (scraper_ats_json_object (office, "location"), "name");

      scraper_ats_add_location (locations, name != NULL ? name : scraper_ats_json_string (office, "name"));
    }
  if (locations->len > 0)
    posting->country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));
  posting->remote = scraper_ats_workplace_kind (scraper_ats_json_string (object, "location_type"));
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (object, "employment_type"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  if (html != NULL && html[0] != '\0')
    scraper_ats_set_description (posting, html);
  else
    {
      const char *plain = scraper_ats_json_string (object, "content_plain");

      if (plain != NULL && plain[0] != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (plain, -1);
          g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);
          g_autofree char *joined = g_strjoinv ("<br>", lines);

          scraper_ats_set_description (posting, joined);
        }
    }

  date = scraper_ats_json_string (object, "first_published_at");
  posting->date_posted = scraper_ats_date (date != NULL ? date : scraper_ats_json_string (object, "created_at"));

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_gem_parse (const char             *data,
                   gsize                   length,
                   ScraperAtsParseContext *context,
                   GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Gem", context->board, JSON_NODE_ARRAY, error);
  if (root == NULL)
    return NULL;

  items = json_node_get_array (root);
  context->total = json_array_get_length (items);
  return scraper_ats_read_all (items, read_post, context, NULL);
}

gboolean
scraper_adapter_gem_run (ScraperSource                 *source,
                         ScraperFetcher                *fetcher,
                         const ScraperAdapterCallbacks *callbacks,
                         ScraperAdapterStats           *stats,
                         GCancellable                  *cancellable,
                         GError                       **error)
{
  static const ScraperAtsKind kind = { "gem", "Gem", scraper_gem_parse };

  return scraper_ats_run_single (&kind, source, fetcher, callbacks, stats, cancellable, error);
}
