/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-bamboohr"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-normalize.h"

/* Kind "bamboohr": a BambooHR careers site, COMPANY.bamboohr.com/careers.
 *
 * GET /careers/list: {"meta": {"totalCount"}, "result": [{"id": "42",
 *   "jobOpeningName", "departmentLabel", "employmentStatusLabel":
 *   "Full-Time", "location": {"city", "state"}, "atsLocation": {"country",
 *   "state", "province", "city"}, "isRemote": true|false|null,
 *   "locationType": "0"|"1" (remote)|"2" (hybrid)}]}: no text, no date.
 * GET /careers/ID/detail: {"result": {"jobOpening": {"jobOpeningName",
 *   "description" (HTML), "datePosted": "2026-05-01", "compensation",
 *   "location": {"city", "state", "postalCode", "addressCountry"},
 *   "atsLocation", "employmentStatusLabel", "isRemote", "locationType",
 *   "jobOpeningShareUrl"}}}.
 * The page users see is /careers/ID.  Details are read one after the other
 * through the fetcher (per-host politeness); one that fails is a warning. */

/* https://acme.bamboohr.com/careers/list -> https://acme.bamboohr.com/careers */
static char *
careers_base (const char *list_url)
{
  g_autofree char *base = g_strdup (list_url != NULL ? list_url : "");
  char *cut = strpbrk (base, "?#");
  gsize len;

  if (cut != NULL)
    *cut = '\0';
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  if (g_str_has_suffix (base, "/list"))
    base[len - strlen ("/list")] = '\0';
  return g_steal_pointer (&base);
}

/* "City, State, Country" from {"city", "state"/"province", "country" or
 * "addressCountry"}. */
static char *
place_of (JsonObject *location)
{
  const char *parts[] = {
    scraper_ats_json_string (location, "city"),
    scraper_ats_json_string (location, "state"),
    scraper_ats_json_string (location, "province"),
    scraper_ats_json_string (location, "country"),
    scraper_ats_json_string (location, "addressCountry"),
  };
  g_autoptr(GString) place = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *clean = scraper_ats_clean (parts[i]);

      if (clean != NULL && strstr (place->str, clean) == NULL)
        g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "", clean);
    }
  return place->len > 0 ? g_string_free (g_steal_pointer (&place), FALSE) : NULL;
}

static char *
country_of (JsonObject *object)
{
  JsonObject *ats = scraper_ats_json_object (object, "atsLocation");
  JsonObject *location = scraper_ats_json_object (object, "location");
  char *code = scraper_ats_country_code (scraper_ats_json_string (ats, "country"));

  if (code == NULL)
    code = scraper_ats_country_code (scraper_ats_json_string (location, "addressCountry"));
  if (code == NULL)
    code = scraper_ats_country_code (scraper_ats_json_string (location, "country"));
  return code;
}

static ScraperRemoteKind
remote_of (JsonObject *object)
{
  const char *type = scraper_ats_json_string (object, "locationType");
  gboolean remote = FALSE;

  if (g_strcmp0 (type, "1") == 0)
    return SCRAPER_REMOTE_REMOTE;
  if (g_strcmp0 (type, "2") == 0)
    return SCRAPER_REMOTE_HYBRID;
  if (scraper_ats_json_boolean (object, "isRemote", &remote) && remote)
    return SCRAPER_REMOTE_REMOTE;
  return SCRAPER_REMOTE_UNKNOWN;
}

/* Places, country and workplace from @object (an entry of the list or the
 * detail's jobOpening); leaves the posting's own when @object has none. */
static void
read_place (ScraperPosting *posting,
            JsonObject     *object)
{
  g_autofree char *place = place_of (scraper_ats_json_object (object, "atsLocation"));
  g_autofree char *country = country_of (object);
  ScraperRemoteKind remote = remote_of (object);

  if (place == NULL)
    place = place_of (scraper_ats_json_object (object, "location"));
  if (place != NULL)
    {
      g_strfreev (posting->locations);
      posting->locations = g_new0 (char *, 2);
      posting->locations[0] = g_steal_pointer (&place);
    }
  if (country != NULL)
    {
      g_free (posting->country);
      posting->country = g_steal_pointer (&country);
    }
  if (remote != SCRAPER_REMOTE_UNKNOWN)
    posting->remote = remote;
}

static void
read_employment (ScraperPosting *posting,
                 JsonObject     *object)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);

  scraper_ats_add_employment_type (types, scraper_ats_json_string (object, "employmentStatusLabel"));
  if (types->len > 0)
    {
      g_strfreev (posting->employment_type);
      posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
    }
}

static ScraperPosting *
read_opening (JsonObject             *object,
              ScraperAtsParseContext *context,
              gpointer                user_data)
{
  const char *base = user_data;
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "jobOpeningName"));
  /* The id goes into the address: digits only, as BambooHR's are. */
  if (posting->external_id == NULL || posting->title == NULL ||
      strspn (posting->external_id, "0123456789") != strlen (posting->external_id) ||
      strlen (posting->external_id) > 18)
    return NULL;

  posting->url = g_strdup_printf ("%s/%s", base, posting->external_id);
  posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_company_from_board (context->board);
  read_place (posting, object);
  read_employment (posting, object);
  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_bamboohr_parse (const char             *data,
                        gsize                   length,
                        ScraperAtsParseContext *context,
                        GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *base = NULL;
  JsonArray *result;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "BambooHR", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  result = scraper_ats_json_array (json_node_get_object (root), "result");
  if (result == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The BambooHR board “%s” answered without a list of postings; check the board’s address"),
                   context->board);
      return NULL;
    }

  base = careers_base (context->base_url);
  context->total = json_array_get_length (result);
  return scraper_ats_read_all (result, read_opening, context, base);
}

gboolean
scraper_bamboohr_apply_detail (ScraperPosting  *posting,
                               const char      *data,
                               gsize            length,
                               const char      *board,
                               GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *pay = NULL;
  JsonObject *opening;
  const char *description;

  g_return_val_if_fail (posting != NULL, FALSE);

  root = scraper_ats_parse_json (data, length, "BambooHR", board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return FALSE;
  opening = scraper_ats_json_object (scraper_ats_json_object (json_node_get_object (root), "result"), "jobOpening");
  if (opening == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("A posting of the BambooHR board “%s” answered without its details"), board);
      return FALSE;
    }

  if ((title = scraper_ats_clean (scraper_ats_json_string (opening, "jobOpeningName"))) != NULL)
    {
      g_free (posting->title);
      posting->title = g_steal_pointer (&title);
    }
  read_place (posting, opening);
  read_employment (posting, opening);
  if ((date = scraper_ats_date (scraper_ats_json_string (opening, "datePosted"))) != NULL)
    {
      g_free (posting->date_posted);
      posting->date_posted = g_steal_pointer (&date);
    }

  /* The pay is a line of text ("$90,000 - $110,000 per year"): it goes
   * with the description, where the salary enricher reads it. */
  description = scraper_ats_json_string (opening, "description");
  pay = scraper_ats_clean (scraper_ats_json_string (opening, "compensation"));
  if (pay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (pay, -1);
      g_autofree char *html = g_strdup_printf ("%s<p>%s %s</p>", description != NULL ? description : "",
                                               _("Compensation:"), escaped);

      scraper_ats_set_description (posting, html);
    }
  else
    scraper_ats_set_description (posting, description);

  return TRUE;
}

gboolean
scraper_adapter_bamboohr_run (ScraperSource                 *source,
                              ScraperFetcher                *fetcher,
                              const ScraperAdapterCallbacks *callbacks,
                              ScraperAdapterStats           *stats,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  static const ScraperAtsKind kind = { "bamboohr", "BambooHR", scraper_bamboohr_parse };
  g_autofree char *board = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(ScraperBatcher) batcher = NULL;
  g_autoptr(GError) local_error = NULL;
  ScraperAtsParseContext context = { 0 };
  gboolean details;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  api_url = scraper_ats_api_url ("bamboohr", source->url != NULL ? source->url : "", &board, error);
  if (api_url == NULL)
    return FALSE;
  details = scraper_source_get_setting_boolean (source, "details", TRUE);

  message = g_strdup_printf (_("Reading the %s board “%s”"), kind.label, board);
  scraper_adapter_report (callbacks, 0, 0, message);

  response = scraper_ats_fetch (&kind, board, fetcher, api_url, callbacks, FALSE, cancellable, error);
  if (response == NULL)
    return FALSE;
  stats->pages_fetched++;

  data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
  context.source_id = source->id;
  context.board = board;
  context.base_url = api_url;
  postings = scraper_bamboohr_parse (data, length, &context, error);
  if (postings == NULL)
    return FALSE;

  base = careers_base (api_url);
  batcher = scraper_batcher_new (source, callbacks, stats);
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);
      g_autofree char *progress = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;

      if (details)
        {
          g_autofree char *url = g_strdup_printf ("%s/%s/detail", base, posting->external_id);
          g_autoptr(ScraperResponse) detail = NULL;
          g_autoptr(GError) detail_error = NULL;

          detail = scraper_adapter_fetch (fetcher, url, NULL, cancellable, &detail_error);
          if (detail == NULL && g_error_matches (detail_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              local_error = g_steal_pointer (&detail_error);
              break;
            }
          if (detail != NULL)
            {
              const char *detail_data = g_bytes_get_data (detail->body, &length);

              scraper_bamboohr_apply_detail (posting, detail_data, length, board, &detail_error);
            }
          if (detail_error != NULL)
            scraper_adapter_warn (callbacks, stats, _("The details of “%s” could not be read: %s"),
                                  posting->title, detail_error->message);
        }

      if (!scraper_batcher_add (batcher, posting, &local_error))
        break;
      progress = g_strdup_printf (_("%u of %u postings read"), i + 1, postings->len);
      scraper_adapter_report (callbacks, i + 1, postings->len, progress);
    }

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        scraper_batcher_flush (batcher, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!scraper_batcher_flush (batcher, error))
    return FALSE;

  if (postings->len == 0)
    scraper_adapter_report (callbacks, 0, 0, _("The board has no postings"));
  stats->complete = TRUE;
  return TRUE;
}
