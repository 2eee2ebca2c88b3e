/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-recruitee"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* <co>.recruitee.com/api/offers/:
 * {"offers": [{id, slug, title, location, city, country, country_code,
 *   locations: [{name, city, state, country, country_code}], remote, hybrid,
 *   on_site, employment_type_code, published_at, created_at, careers_url,
 *   careers_apply_url, description, requirements (HTML), company_name,
 *   salary: {min, max, period, currency} (numbers as strings)}]} */

static const ScraperAtsKind recruitee_kind = {
  "recruitee", "Recruitee", scraper_recruitee_parse,
};

static void
read_locations (JsonObject *offer,
                GPtrArray  *locations)
{
  JsonArray *places = scraper_ats_json_array (offer, "locations");

  scraper_ats_add_location (locations, scraper_ats_json_string (offer, "location"));

  /* More places than the headline location names. */
  for (guint i = 0; places != NULL && json_array_get_length (places) > 1 &&
                    i < json_array_get_length (places); i++)
    {
      JsonObject *place = scraper_ats_json_array_object (places, i);
      const char *parts[] = {
        scraper_ats_json_string (place, "city"),
        scraper_ats_json_string (place, "state"),
        scraper_ats_json_string (place, "country"),
      };
      g_autoptr(GString) name = g_string_new (NULL);

      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (parts[j] != NULL && parts[j][0] != '\0')
          g_string_append_printf (name, "%s%s", name->len > 0 ? ", " : "", parts[j]);
      if (name->len == 0 && scraper_ats_json_string (place, "name") != NULL)
        g_string_append (name, scraper_ats_json_string (place, "name"));
      scraper_ats_add_location (locations, name->str);
    }

  if (locations->len == 0)
    {
      const char *city = scraper_ats_json_string (offer, "city");
      const char *country = scraper_ats_json_string (offer, "country");
      g_autofree char *name = NULL;

      if (city != NULL && city[0] != '\0' && country != NULL && country[0] != '\0')
        name = g_strdup_printf ("%s, %s", city, country);
      else
        name = g_strdup (city != NULL && city[0] != '\0' ? city : country);
      scraper_ats_add_location (locations, name);
    }
}

static ScraperPosting *
read_offer (JsonObject             *offer,
            ScraperAtsParseContext *context,
            gpointer                user_data)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) html = g_string_new (NULL);
  JsonObject *salary = scraper_ats_json_object (offer, "salary");
  const char *description = scraper_ats_json_string (offer, "description");
  const char *requirements = scraper_ats_json_string (offer, "requirements");
  const char *date;
  gboolean flag = FALSE;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (offer, "id");
  if (posting->external_id == NULL)
    posting->external_id = scraper_ats_json_dup_id (offer, "slug");
  posting->title = scraper_ats_clean (scraper_ats_json_string (offer, "title"));
  if (posting->title == NULL)
    return NULL;

  posting->url = g_strdup (scraper_ats_json_string (offer, "careers_url"));
  posting->apply_url = g_strdup (scraper_ats_json_string (offer, "careers_apply_url"));
  if (posting->apply_url == NULL)
    posting->apply_url = g_strdup (posting->url);

  posting->company = scraper_ats_clean (scraper_ats_json_string (offer, "company_name"));
  if (posting->company == NULL)
    posting->company = scraper_ats_company_from_board (context->board);

  read_locations (offer, locations);
  posting->country = scraper_ats_country_code (scraper_ats_json_string (offer, "country_code"));

  if (scraper_ats_json_boolean (offer, "remote", &flag) && flag)
    posting->remote = SCRAPER_REMOTE_REMOTE;
  else if (scraper_ats_json_boolean (offer, "hybrid", &flag) && flag)
    posting->remote = SCRAPER_REMOTE_HYBRID;
  else if (scraper_ats_json_boolean (offer, "on_site", &flag) && flag)
    posting->remote = SCRAPER_REMOTE_ONSITE;
  else
    posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (offer, "employment_type_code"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  date = scraper_ats_json_string (offer, "published_at");
  if (date == NULL)
    date = scraper_ats_json_string (offer, "created_at");
  posting->date_posted = scraper_ats_date (date);

  if (description != NULL)
    g_string_append (html, description);
  if (requirements != NULL)
    g_string_append (html, requirements);
  scraper_ats_set_description (posting, html->str);

  if (salary != NULL)
    {
      const char *currency = scraper_ats_json_string (salary, "currency");
      double min, max;

      if (scraper_ats_json_number (salary, "min", &min))
        posting->salary_min = min;
      if (scraper_ats_json_number (salary, "max", &max))
        posting->salary_max = max;
      if (currency != NULL && currency[0] != '\0')
        posting->salary_currency = g_ascii_strup (currency, -1);
      posting->salary_period = scraper_ats_salary_period (scraper_ats_json_string (salary, "period"));
    }

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_recruitee_parse (const char             *data,
                         gsize                   length,
                         ScraperAtsParseContext *context,
                         GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *postings;
  JsonArray *offers;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Recruitee", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  offers = scraper_ats_json_array (json_node_get_object (root), "offers");
  if (offers == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Recruitee board “%s” answered without a list of offers; check the board’s address"),
                   context->board);
      return NULL;
    }

  postings = scraper_ats_read_all (offers, read_offer, context, NULL);
  context->total = context->n_items;

  return postings;
}

gboolean
scraper_adapter_recruitee_run (ScraperSource                 *source,
                               ScraperFetcher                *fetcher,
                               const ScraperAdapterCallbacks *callbacks,
                               ScraperAdapterStats           *stats,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  return scraper_ats_run_single (&recruitee_kind, source, fetcher, callbacks, stats, cancellable, error);
}
