/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-pinpoint"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-normalize.h"

/* Kind "pinpoint": a Pinpoint careers site, COMPANY.pinpointhq.com (or the
 * company's own domain serving it).  One request, /postings.json:
 *
 *   {"data": [{"id": "123", "title", "url": "https://acme.pinpointhq.com/
 *     en/postings/<uuid>", "path", "description" (HTML),
 *     "key_responsibilities", "key_responsibilities_header",
 *     "skills_knowledge_expertise", "skills_knowledge_expertise_header",
 *     "benefits", "benefits_header", "compensation": "£40,000 - £50,000",
 *     "compensation_visible": true, "employment_type": "full_time",
 *     "employment_type_text", "workplace_type": "remote"|"hybrid"|"onsite",
 *     "workplace_type_text", "location": {"name", "city", "province"},
 *     "job": {"department": {"name"}}, "deadline_at"}]} */

static const struct {
  const char *body;
  const char *header;
} sections[] = {
  { "description", NULL },
  { "key_responsibilities", "key_responsibilities_header" },
  { "skills_knowledge_expertise", "skills_knowledge_expertise_header" },
  { "benefits", "benefits_header" },
};

static char *
description_html (JsonObject *object)
{
  g_autoptr(GString) html = g_string_new (NULL);
  gboolean visible = TRUE;
  const char *pay = scraper_ats_json_string (object, "compensation");

  /* The advert comes in sections, each with its heading. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *body = scraper_ats_json_string (object, sections[i].body);
      const char *header = sections[i].header != NULL ? scraper_ats_json_string (object, sections[i].header) : NULL;

      if (body == NULL || body[0] == '\0')
        continue;
      if (header != NULL && header[0] != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (header, -1);
          g_string_append_printf (html, "<h3>%s</h3>", escaped);
        }
      g_string_append (html, body);
    }

  /* The pay is a line of text: it goes with the advert, where the salary
   * enricher reads it, unless the employer hides it. */
  scraper_ats_json_boolean (object, "compensation_visible", &visible);
  if (visible && pay != NULL && pay[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (pay, -1);
      g_string_append_printf (html, "<p>%s %s</p>", _("Compensation:"), escaped);
    }

  return html->len > 0 ? g_string_free (g_steal_pointer (&html), FALSE) : NULL;
}

static ScraperPosting *
read_posting (JsonObject             *object,
              ScraperAtsParseContext *context,
              gpointer                user_data)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *html = NULL;
  JsonObject *location = scraper_ats_json_object (object, "location");
  const char *href = scraper_ats_json_string (object, "url");
  const char *workplace = scraper_ats_json_string (object, "workplace_type");

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "title"));
  if (href == NULL)
    href = scraper_ats_json_string (object, "path");
  posting->url = href != NULL ? scraper_url_resolve (context->base_url, href) : NULL;
  if (posting->external_id == NULL || posting->title == NULL || posting->url == NULL)
    return NULL;
  posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_company_from_board (context->board);

  if (scraper_ats_json_string (location, "name") != NULL)
    scraper_ats_add_location (locations, scraper_ats_json_string (location, "name"));
  else
    {
      const char *city = scraper_ats_json_string (location, "city");
      const char *province = scraper_ats_json_string (location, "province");
      g_autoptr(GString) place = g_string_new (city);

      if (province != NULL && province[0] != '\0' && g_strcmp0 (province, city) != 0)
        g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "", province);
      scraper_ats_add_location (locations, place->str);
    }
  if (locations->len > 0)
    posting->country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));

  posting->remote = scraper_ats_workplace_kind (workplace);
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    posting->remote = scraper_ats_workplace_kind (scraper_ats_json_string (object, "workplace_type_text"));
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (object, "employment_type"));
  if (types->len == 0)
    scraper_ats_add_employment_type (types, scraper_ats_json_string (object, "employment_type_text"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  html = description_html (object);
  scraper_ats_set_description (posting, html);
  posting->valid_through = scraper_ats_date (scraper_ats_json_string (object, "deadline_at"));

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_pinpoint_parse (const char             *data,
                        gsize                   length,
                        ScraperAtsParseContext *context,
                        GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Pinpoint", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  items = scraper_ats_json_array (json_node_get_object (root), "data");
  if (items == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Pinpoint board “%s” answered without a list of postings; check the board’s address"),
                   context->board);
      return NULL;
    }

  context->total = json_array_get_length (items);
  return scraper_ats_read_all (items, read_posting, context, NULL);
}

gboolean
scraper_adapter_pinpoint_run (ScraperSource                 *source,
                              ScraperFetcher                *fetcher,
                              const ScraperAdapterCallbacks *callbacks,
                              ScraperAdapterStats           *stats,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  static const ScraperAtsKind kind = { "pinpoint", "Pinpoint", scraper_pinpoint_parse };

  return scraper_ats_run_single (&kind, source, fetcher, callbacks, stats, cancellable, error);
}
