/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-smartrecruiters"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* api.smartrecruiters.com/v1/companies/<Company>/postings?limit=100&offset=N:
 * {offset, limit, totalFound, content: [{id, name, refNumber, company:
 *   {identifier, name}, releasedDate, location: {city, region, country,
 *   remote, hybrid, fullLocation}, typeOfEmployment: {label}, ref}]} */

#define PAGE_SIZE 100

static const ScraperAtsKind smartrecruiters_kind = {
  "smartrecruiters", "SmartRecruiters", scraper_smartrecruiters_parse,
};

static ScraperPosting *
read_posting (JsonObject             *object,
              ScraperAtsParseContext *context)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonObject *company = scraper_ats_json_object (object, "company");
  JsonObject *location = scraper_ats_json_object (object, "location");
  JsonObject *employment = scraper_ats_json_object (object, "typeOfEmployment");
  const char *identifier = scraper_ats_json_string (company, "identifier");
  const char *full_location = scraper_ats_json_string (location, "fullLocation");
  gboolean remote = FALSE, hybrid = FALSE, has_remote, has_hybrid;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "name"));
  if (posting->title == NULL || posting->external_id == NULL)
    return NULL;

  if (identifier == NULL)
    identifier = context->board;
  if (identifier != NULL)
    {
      g_autofree char *escaped_company = g_uri_escape_string (identifier, NULL, FALSE);
      g_autofree char *escaped_id = g_uri_escape_string (posting->external_id, NULL, FALSE);

      /* The public page; "ref" is the API document of the posting. */
      posting->url = g_strdup_printf ("https://jobs.smartrecruiters.com/%s/%s", escaped_company, escaped_id);
      posting->apply_url = g_strdup (posting->url);
    }

  posting->company = scraper_ats_clean (scraper_ats_json_string (company, "name"));
  if (posting->company == NULL)
    posting->company = scraper_ats_company_from_board (context->board);

  if (full_location != NULL)
    {
      g_autofree char *clean = scraper_ats_clean (full_location);

      if (clean != NULL)
        g_ptr_array_add (locations, g_steal_pointer (&clean));
    }
  else
    {
      const char *parts[] = {
        scraper_ats_json_string (location, "city"),
        scraper_ats_json_string (location, "region"),
        scraper_ats_json_string (location, "country"),
      };
      g_autoptr(GString) place = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL && parts[i][0] != '\0')
          g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "", parts[i]);
      if (place->len > 0)
        g_ptr_array_add (locations, g_string_free (g_steal_pointer (&place), FALSE));
    }
  posting->country = scraper_ats_country_code (scraper_ats_json_string (location, "country"));

  has_remote = scraper_ats_json_boolean (location, "remote", &remote);
  has_hybrid = scraper_ats_json_boolean (location, "hybrid", &hybrid);
  if (remote)
    posting->remote = SCRAPER_REMOTE_REMOTE;
  else if (hybrid)
    posting->remote = SCRAPER_REMOTE_HYBRID;
  else if (has_remote || has_hybrid)
    posting->remote = SCRAPER_REMOTE_ONSITE;
  else
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (employment, "label"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  posting->date_posted = scraper_ats_date (scraper_ats_json_string (object, "releasedDate"));

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_smartrecruiters_parse (const char             *data,
                               gsize                   length,
                               ScraperAtsParseContext *context,
                               GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ScraperAtsCollector) collector = NULL;
  JsonObject *object;
  JsonArray *content;
  gint64 total;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "SmartRecruiters", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  content = scraper_ats_json_array (object, "content");
  if (content == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The SmartRecruiters board “%s” answered without a list of postings; check the board’s address"),
                   context->board);
      return NULL;
    }

  context->total = 0;
  if (scraper_ats_json_int (object, "totalFound", &total) && total > 0)
    context->total = (guint) MIN (total, G_MAXUINT);

  collector = scraper_ats_collector_new ();
  /* n_items counts every entry, readable or not, so paging advances. */
  context->n_items = json_array_get_length (content);
  for (guint i = 0; i < json_array_get_length (content); i++)
    {
      JsonObject *item = scraper_ats_json_array_object (content, i);
      ScraperPosting *posting;

      if (item == NULL || (posting = read_posting (item, context)) == NULL)
        continue;
      scraper_ats_collector_add (collector, posting);
    }

  return scraper_ats_collector_finish (g_steal_pointer (&collector));
}

static char *
page_url (const char *api_url,
          guint       offset)
{
  const char *query = strchr (api_url, '?');
  g_autofree char *base = NULL;
  g_autoptr(GString) url = NULL;

  /* Drop limit/offset the pasted URL may carry; keep other parameters. */
  base = query != NULL ? g_strndup (api_url, query - api_url) : g_strdup (api_url);
  url = g_string_new (base);
  g_string_append_printf (url, "?limit=%u&offset=%u", PAGE_SIZE, offset);
  if (query != NULL)
    {
      g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        if (params[i][0] != '\0' && !g_str_has_prefix (params[i], "limit=") &&
            !g_str_has_prefix (params[i], "offset="))
          g_string_append_printf (url, "&%s", params[i]);
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

gboolean
scraper_adapter_smartrecruiters_run (ScraperSource                 *source,
                                     ScraperFetcher                *fetcher,
                                     const ScraperAdapterCallbacks *callbacks,
                                     ScraperAdapterStats           *stats,
                                     GCancellable                  *cancellable,
                                     GError                       **error)
{
  g_autofree char *board = NULL;
  g_autofree char *api_url = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint max_pages;
  guint offset = 0;
  guint delivered = 0;
  guint total = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  api_url = scraper_ats_api_url ("smartrecruiters", source->url != NULL ? source->url : "", &board, error);
  if (api_url == NULL)
    return FALSE;

  max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", 50), 1, 10000);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (callbacks->progress != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Reading the %s board “%s”"),
                                                  smartrecruiters_kind.label, board);
      callbacks->progress (0, 0, message, callbacks->user_data);
    }

  /* Paged: every page is fetched unconditionally, since a 304 of the first
   * page says nothing about the others. */
  for (guint page = 0; page < max_pages; page++)
    {
      g_autofree char *url = page_url (api_url, offset);
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GPtrArray) postings = NULL;
      ScraperAtsParseContext context = { 0 };
      guint n_fresh = 0;
      const char *data;
      gsize length = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      response = scraper_ats_fetch (&smartrecruiters_kind, board, fetcher, url, callbacks, FALSE,
                                    cancellable, error);
      if (response == NULL)
        return FALSE;
      stats->pages_fetched++;

      data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
      context.source_id = source->id;
      context.board = board;
      context.base_url = response->url != NULL ? response->url : url;
      postings = scraper_smartrecruiters_parse (data, length, &context, error);
      if (postings == NULL)
        return FALSE;

      total = context.total;

      /* A posting that moved across a page boundary between two requests
       * would otherwise arrive twice. */
      if (!scraper_ats_deliver_unseen (postings, seen, callbacks, &delivered, total, stats, &n_fresh,
                                       cancellable, error))
        return FALSE;

      offset += context.n_items;
      if (context.n_items == 0 || offset >= total)
        {
          stats->complete = TRUE;
          break;
        }
    }

  if (!stats->complete && callbacks->warning != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Stopped after %u pages of the SmartRecruiters board “%s” (%u of %u postings)"),
                         max_pages, board, offset, total);
      stats->warnings++;
      callbacks->warning (message, callbacks->user_data);
    }

  return TRUE;
}
