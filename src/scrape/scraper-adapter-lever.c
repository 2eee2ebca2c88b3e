/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-lever"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* api.lever.co/v0/postings/<co>?mode=json: an array of
 * {id, text, hostedUrl, applyUrl, createdAt (ms), country, workplaceType,
 *  categories: {location, allLocations, commitment, team, department},
 *  salaryRange: {min, max, currency, interval}, description(Plain),
 *  lists: [{text, content}], additional(Plain)} */

static const ScraperAtsKind lever_kind = {
  "lever", "Lever", scraper_lever_parse,
};

static char *
compose_description (JsonObject *posting)
{
  g_autoptr(GString) html = g_string_new (NULL);
  const char *description = scraper_ats_json_string (posting, "description");
  const char *additional = scraper_ats_json_string (posting, "additional");
  JsonArray *lists = scraper_ats_json_array (posting, "lists");

  if (description != NULL)
    g_string_append (html, description);
  else
    {
      const char *plain = scraper_ats_json_string (posting, "descriptionPlain");

      if (plain != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (plain, -1);
          g_string_append_printf (html, "<p>%s</p>", escaped);
        }
    }

  for (guint i = 0; lists != NULL && i < json_array_get_length (lists); i++)
    {
      JsonObject *list = scraper_ats_json_array_object (lists, i);
      const char *heading = scraper_ats_json_string (list, "text");
      const char *content = scraper_ats_json_string (list, "content");

      if (heading != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (heading, -1);
          g_string_append_printf (html, "<h3>%s</h3>", escaped);
        }
      if (content != NULL)
        g_string_append_printf (html, "<ul>%s</ul>", content);
    }

  if (additional != NULL)
    g_string_append (html, additional);

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
  JsonObject *categories = scraper_ats_json_object (object, "categories");
  JsonObject *salary = scraper_ats_json_object (object, "salaryRange");
  JsonArray *all_locations = scraper_ats_json_array (categories, "allLocations");
  const char *country = scraper_ats_json_string (object, "country");
  gint64 created;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "text"));
  if (posting->title == NULL)
    return NULL;

  posting->url = g_strdup (scraper_ats_json_string (object, "hostedUrl"));
  posting->apply_url = g_strdup (scraper_ats_json_string (object, "applyUrl"));
  if (posting->apply_url == NULL)
    posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_company_from_board (context->board);

  for (guint i = 0; all_locations != NULL && i < json_array_get_length (all_locations); i++)
    {
      JsonNode *node = json_array_get_element (all_locations, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        scraper_ats_add_location (locations, json_node_get_string (node));
    }
  if (locations->len == 0)
    scraper_ats_add_location (locations, scraper_ats_json_string (categories, "location"));

  posting->remote = scraper_ats_workplace_kind (scraper_ats_json_string (object, "workplaceType"));
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));
  posting->country = scraper_ats_country_code (country);

  scraper_ats_add_employment_type (types, scraper_ats_json_string (categories, "commitment"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  if (scraper_ats_json_int (object, "createdAt", &created) && created > 0)
    posting->date_posted = scraper_date_from_unix (created / 1000);

  if (salary != NULL)
    {
      double min, max;
      const char *currency = scraper_ats_json_string (salary, "currency");

      if (scraper_ats_json_number (salary, "min", &min))
        posting->salary_min = min;
      if (scraper_ats_json_number (salary, "max", &max))
        posting->salary_max = max;
      if (currency != NULL)
        posting->salary_currency = g_ascii_strup (currency, -1);
      posting->salary_period = scraper_ats_salary_period (scraper_ats_json_string (salary, "interval"));
    }

  html = compose_description (object);
  scraper_ats_set_description (posting, html);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_lever_parse (const char             *data,
                     gsize                   length,
                     ScraperAtsParseContext *context,
                     GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *result;
  JsonArray *postings;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Lever", context->board, JSON_NODE_ARRAY, error);
  if (root == NULL)
    return NULL;

  postings = json_node_get_array (root);
  result = scraper_ats_read_all (postings, read_posting, context, NULL);
  context->total = context->n_items;

  return result;
}

gboolean
scraper_adapter_lever_run (ScraperSource                 *source,
                           ScraperFetcher                *fetcher,
                           const ScraperAdapterCallbacks *callbacks,
                           ScraperAdapterStats           *stats,
                           GCancellable                  *cancellable,
                           GError                       **error)
{
  return scraper_ats_run_single (&lever_kind, source, fetcher, callbacks, stats, cancellable, error);
}
