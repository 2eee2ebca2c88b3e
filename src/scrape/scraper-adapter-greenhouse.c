/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-greenhouse"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* boards-api.greenhouse.io/v1/boards/<board>/jobs?content=true:
 * {"jobs": [{id, title, location: {name}, absolute_url, updated_at,
 *            first_published, content (entity-escaped HTML), departments,
 *            offices, metadata, company_name, pay_input_ranges}], "meta": {total}} */

static const ScraperAtsKind greenhouse_kind = {
  "greenhouse", "Greenhouse", scraper_greenhouse_parse,
};

static void
read_metadata (JsonArray *metadata,
               GPtrArray *types)
{
  for (guint i = 0; metadata != NULL && i < json_array_get_length (metadata); i++)
    {
      JsonObject *item = scraper_ats_json_array_object (metadata, i);
      const char *name = scraper_ats_json_string (item, "name");
      const char *value = scraper_ats_json_string (item, "value");

      if (name == NULL || value == NULL)
        continue;
      if (g_ascii_strcasecmp (name, "Employment Type") == 0 ||
          g_ascii_strcasecmp (name, "Job Type") == 0 ||
          g_ascii_strcasecmp (name, "Employment type") == 0)
        scraper_ats_add_employment_type (types, value);
    }
}

static void
read_pay (JsonArray      *ranges,
          ScraperPosting *posting)
{
  /* pay_input_ranges: [{min_cents, max_cents, currency_type, title}]; the
   * first range is the one the board shows first. */
  for (guint i = 0; ranges != NULL && i < json_array_get_length (ranges); i++)
    {
      JsonObject *range = scraper_ats_json_array_object (ranges, i);
      double min, max;
      const char *currency = scraper_ats_json_string (range, "currency_type");

      if (!scraper_ats_json_number (range, "min_cents", &min) ||
          !scraper_ats_json_number (range, "max_cents", &max))
        continue;

      posting->salary_min = min / 100.;
      posting->salary_max = max / 100.;
      g_free (posting->salary_currency);
      posting->salary_currency = currency != NULL ? g_ascii_strup (currency, -1) : NULL;
      return;
    }
}

static ScraperPosting *
read_job (JsonObject             *job,
          ScraperAtsParseContext *context,
          gpointer                user_data)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonObject *location = scraper_ats_json_object (job, "location");
  JsonArray *offices = scraper_ats_json_array (job, "offices");
  const char *location_name = scraper_ats_json_string (location, "name");
  const char *content = scraper_ats_json_string (job, "content");
  const char *company = scraper_ats_json_string (job, "company_name");
  const char *date;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (job, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (job, "title"));
  if (posting->title == NULL)
    return NULL;

  posting->url = g_strdup (scraper_ats_json_string (job, "absolute_url"));
  posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_clean (company);
  if (posting->company == NULL)
    posting->company = scraper_ats_company_from_board (context->board);

  scraper_ats_add_location (locations, location_name);
  posting->remote = scraper_ats_remote_from_locations (locations);
  posting->country = scraper_ats_country_from_location (location_name);

  for (guint i = 0; offices != NULL && i < json_array_get_length (offices); i++)
    {
      JsonObject *office = scraper_ats_json_array_object (offices, i);
      const char *name = scraper_ats_json_string (office, "name");
      const char *office_location = scraper_ats_json_string (office, "location");

      if (posting->remote == SCRAPER_REMOTE_UNKNOWN && name != NULL &&
          scraper_remote_kind_guess (name) == SCRAPER_REMOTE_REMOTE)
        posting->remote = SCRAPER_REMOTE_REMOTE;
      if (posting->country == NULL)
        posting->country = scraper_ats_country_from_location (office_location);
    }
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  read_metadata (scraper_ats_json_array (job, "metadata"), types);
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  date = scraper_ats_json_string (job, "first_published");
  if (date == NULL)
    date = scraper_ats_json_string (job, "updated_at");
  posting->date_posted = scraper_ats_date (date);

  if (content != NULL)
    {
      /* content=true gives the HTML entity-escaped once. */
      g_autofree char *html = scraper_html_unescape (content);

      scraper_ats_set_description (posting, html);
    }

  read_pay (scraper_ats_json_array (job, "pay_input_ranges"), posting);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_greenhouse_parse (const char             *data,
                          gsize                   length,
                          ScraperAtsParseContext *context,
                          GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *postings;
  JsonObject *object;
  JsonObject *meta;
  JsonArray *jobs;
  gint64 total;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Greenhouse", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  jobs = scraper_ats_json_array (object, "jobs");
  if (jobs == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Greenhouse board “%s” answered without a list of jobs; check the board’s address"),
                   context->board);
      return NULL;
    }

  meta = scraper_ats_json_object (object, "meta");
  if (scraper_ats_json_int (meta, "total", &total) && total > 0)
    context->total = (guint) MIN (total, G_MAXUINT);

  postings = scraper_ats_read_all (jobs, read_job, context, NULL);

  return postings;
}

gboolean
scraper_adapter_greenhouse_run (ScraperSource                 *source,
                                ScraperFetcher                *fetcher,
                                const ScraperAdapterCallbacks *callbacks,
                                ScraperAdapterStats           *stats,
                                GCancellable                  *cancellable,
                                GError                       **error)
{
  return scraper_ats_run_single (&greenhouse_kind, source, fetcher, callbacks, stats, cancellable, error);
}
