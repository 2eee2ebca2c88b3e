/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-workable"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* apply.workable.com/api/v1/widget/accounts/<account>:
 * {"name": "Zaelab", "jobs": [{shortcode, title, telecommuting, department,
 *   url, application_url, shortlink, published_on, created_at, country, city,
 *   state, locations: [{country, countryCode, city, region, hidden}],
 *   employment_type, description}]}
 * A posting open in two countries is listed twice with one shortcode. */

static const ScraperAtsKind workable_kind = {
  "workable", "Workable", scraper_workable_parse,
};

static char *
join_place (const char *city,
            const char *region,
            const char *country)
{
  const char *parts[3] = { city, region, country };
  g_autoptr(GString) place = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *clean = scraper_ats_clean (parts[i]);

      if (clean == NULL)
        continue;
      if (place->len > 0)
        g_string_append (place, ", ");
      g_string_append (place, clean);
    }
  return place->len > 0 ? g_string_free (g_steal_pointer (&place), FALSE) : NULL;
}

static ScraperPosting *
read_job (JsonObject             *job,
          ScraperAtsParseContext *context,
          gpointer                user_data)
{
  const char *company = user_data;
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonArray *places = scraper_ats_json_array (job, "locations");
  const char *date;
  const char *description;
  gboolean telecommuting = FALSE;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (job, "shortcode");
  posting->title = scraper_ats_clean (scraper_ats_json_string (job, "title"));
  if (posting->title == NULL)
    return NULL;

  posting->url = g_strdup (scraper_ats_json_string (job, "url"));
  if (posting->url == NULL)
    posting->url = g_strdup (scraper_ats_json_string (job, "shortlink"));
  posting->apply_url = g_strdup (scraper_ats_json_string (job, "application_url"));
  if (posting->apply_url == NULL)
    posting->apply_url = g_strdup (posting->url);
  posting->company = company != NULL ? scraper_ats_clean (company)
                                     : scraper_ats_company_from_board (context->board);

  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonObject *place = scraper_ats_json_array_object (places, i);
      g_autofree char *name = NULL;
      gboolean hidden = FALSE;

      if (place == NULL || (scraper_ats_json_boolean (place, "hidden", &hidden) && hidden))
        continue;
      name = join_place (scraper_ats_json_string (place, "city"),
                         scraper_ats_json_string (place, "region"),
                         scraper_ats_json_string (place, "country"));
      scraper_ats_add_location (locations, name);
      if (posting->country == NULL)
        posting->country = scraper_ats_country_code (scraper_ats_json_string (place, "countryCode"));
    }
  if (locations->len == 0)
    {
      g_autofree char *name = join_place (scraper_ats_json_string (job, "city"),
                                          scraper_ats_json_string (job, "state"),
                                          scraper_ats_json_string (job, "country"));
      scraper_ats_add_location (locations, name);
    }
  if (posting->country == NULL)
    posting->country = scraper_ats_country_code (scraper_ats_json_string (job, "country"));

  if (scraper_ats_json_boolean (job, "telecommuting", &telecommuting) && telecommuting)
    posting->remote = SCRAPER_REMOTE_REMOTE;
  else
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (job, "employment_type"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  date = scraper_ats_json_string (job, "published_on");
  if (date == NULL)
    date = scraper_ats_json_string (job, "created_at");
  posting->date_posted = scraper_ats_date (date);

  description = scraper_ats_json_string (job, "description");
  scraper_ats_set_description (posting, description);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_workable_parse (const char             *data,
                        gsize                   length,
                        ScraperAtsParseContext *context,
                        GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *postings;
  JsonObject *object;
  JsonArray *jobs;
  const char *company;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Workable", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  jobs = scraper_ats_json_array (object, "jobs");
  if (jobs == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Workable board “%s” answered without a list of jobs; check the board’s address"),
                   context->board);
      return NULL;
    }
  company = scraper_ats_json_string (object, "name");

  postings = scraper_ats_read_all (jobs, read_job, context, (gpointer) company);
  context->total = context->n_items;

  return postings;
}

gboolean
scraper_adapter_workable_run (ScraperSource                 *source,
                              ScraperFetcher                *fetcher,
                              const ScraperAdapterCallbacks *callbacks,
                              ScraperAdapterStats           *stats,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  return scraper_ats_run_single (&workable_kind, source, fetcher, callbacks, stats, cancellable, error);
}
