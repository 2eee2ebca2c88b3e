/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-paylocity"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* Kind "paylocity": a Paylocity job board,
 * recruiting.paylocity.com/Recruiting/Jobs/All/COMPANY-GUID[/Company-Name].
 * One request: the board's page, whose postings sit in a script rather
 * than in its markup:
 *
 *   window.pageData = {"ModuleTitle": "Acme Corp", "Jobs": [{"JobId":
 *     4141169, "JobTitle", "LocationName" (the employer's name for the
 *     place: "Hybrid", "Main Office"), "PublishedDate":
 *     "2026-08-08T11:27:44-05:00", "Description" (mostly empty),
 *     "IsInternal", "IsRemote", "HiringDepartment", "JobLocation": {"City",
 *     "State", "Country": "USA", ...}}], ...};
 *
 * A posting's page is /Recruiting/Jobs/Details/JOBID on the same host. */

#define PAGE_DATA "window.pageData"

/* A company's number on Paylocity: 32 hex digits in groups, as
 * 211e692d-c45a-4e3a-ae01-3e497af97929. */
gboolean
scraper_paylocity_guid_is_valid (const char *guid)
{
  gsize len = guid != NULL ? strlen (guid) : 0;
  guint digits = 0;

  if (len < 32 || len > 40)
    return FALSE;
  for (const char *p = guid; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        digits++;
      else if (*p != '-')
        return FALSE;
    }
  return digits == 32;
}

/* "Raleigh", "NC", "USA" -> "Raleigh, NC"; the country goes apart. */
static void
read_place (ScraperPosting *posting,
            JsonObject     *location,
            GPtrArray      *locations)
{
  const char *city = scraper_ats_json_string (location, "City");
  const char *state = scraper_ats_json_string (location, "State");
  const char *country = scraper_ats_json_string (location, "Country");
  g_autoptr(GString) place = g_string_new (NULL);

  if (city != NULL)
    g_string_append (place, city);
  if (state != NULL && *state != '\0' && g_strcmp0 (state, city) != 0)
    g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "", state);
  if (place->len > 0)
    scraper_ats_add_location (locations, place->str);
  if (country != NULL && *country != '\0')
    posting->country = scraper_ats_country_code (country);
  if (posting->country == NULL && locations->len > 0)
    posting->country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));
}

static ScraperPosting *
read_posting (JsonObject             *object,
              ScraperAtsParseContext *context,
              gpointer                user_data)
{
  const char *company = user_data;
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  const char *place_name = scraper_ats_json_string (object, "LocationName");
  const char *description = scraper_ats_json_string (object, "Description");
  gboolean internal = FALSE, remote = FALSE;

  /* Open to the employer's own staff only. */
  if (scraper_ats_json_boolean (object, "IsInternal", &internal) && internal)
    return NULL;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "JobId");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "JobTitle"));
  /* It goes into an address: digits only, as Paylocity's are. */
  if (posting->title == NULL || !scraper_ats_is_url_token (posting->external_id, TRUE))
    return NULL;
  path = g_strdup_printf ("/Recruiting/Jobs/Details/%s", posting->external_id);
  posting->url = scraper_url_resolve (context->base_url, path);
  if (posting->url == NULL)
    return NULL;
  posting->apply_url = g_strdup (posting->url);
  posting->company = company != NULL ? g_strdup (company) : NULL;

  read_place (posting, scraper_ats_json_object (object, "JobLocation"), locations);
  /* The place's name is the employer's: a city, "Remote", "Hybrid". */
  if (locations->len == 0 && place_name != NULL)
    scraper_ats_add_location (locations, place_name);

  if (scraper_ats_json_boolean (object, "IsRemote", &remote) && remote)
    posting->remote = SCRAPER_REMOTE_REMOTE;
  else
    posting->remote = scraper_ats_workplace_kind (place_name);
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  posting->date_posted = scraper_ats_date (scraper_ats_json_string (object, "PublishedDate"));
  if (description != NULL && *description != '\0')
    scraper_ats_set_description (posting, description);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_paylocity_parse (const char             *data,
                         gsize                   length,
                         ScraperAtsParseContext *context,
                         GError                **error)
{
  g_autofree char *json = NULL;
  g_autofree char *company = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *page;
  JsonArray *items;

  g_return_val_if_fail (context != NULL, NULL);

  json = scraper_js_assigned_json (data, data != NULL ? length : 0, PAGE_DATA);
  if (json == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Paylocity board “%s” answered without its list of postings; check the board’s address"),
                   context->board);
      return NULL;
    }
  root = scraper_ats_parse_json (json, strlen (json), "Paylocity", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  page = json_node_get_object (root);
  items = scraper_ats_json_array (page, "Jobs");
  if (items == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Paylocity board “%s” answered without its list of postings; check the board’s address"),
                   context->board);
      return NULL;
    }

  company = scraper_ats_clean (scraper_ats_json_string (page, "ModuleTitle"));
  context->total = json_array_get_length (items);
  return scraper_ats_read_all (items, read_posting, context, company);
}

gboolean
scraper_adapter_paylocity_run (ScraperSource                 *source,
                               ScraperFetcher                *fetcher,
                               const ScraperAdapterCallbacks *callbacks,
                               ScraperAdapterStats           *stats,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  static const ScraperAtsKind kind = { "paylocity", "Paylocity", scraper_paylocity_parse };

  return scraper_ats_run_single (&kind, source, fetcher, callbacks, stats, cancellable, error);
}
