/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ashby"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* api.ashbyhq.com/posting-api/job-board/<org>?includeCompensation=true:
 * {"jobs": [{id, title, location, secondaryLocations: [{location, address}],
 *            isRemote, workplaceType, employmentType, publishedAt, jobUrl,
 *            applyUrl, descriptionHtml, descriptionPlain, address,
 *            compensation: {compensationTierSummary, summaryComponents,
 *                           compensationTiers: [{components}]}}]} */

static const ScraperAtsKind ashby_kind = {
  "ashby", "Ashby", scraper_ashby_parse,
};

/* The first component of type Salary with a value in @components. */
static gboolean
read_salary_components (JsonArray      *components,
                        ScraperPosting *posting)
{
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = scraper_ats_json_array_object (components, i);
      const char *type = scraper_ats_json_string (component, "compensationType");
      const char *currency = scraper_ats_json_string (component, "currencyCode");
      double min = NAN, max = NAN;
      gboolean has_min, has_max;

      if (g_strcmp0 (type, "Salary") != 0)
        continue;
      has_min = scraper_ats_json_number (component, "minValue", &min);
      has_max = scraper_ats_json_number (component, "maxValue", &max);
      if (!has_min && !has_max)
        continue;

      posting->salary_min = min;
      posting->salary_max = max;
      posting->salary_currency = currency != NULL ? g_ascii_strup (currency, -1) : NULL;
      posting->salary_period = scraper_ats_salary_period (scraper_ats_json_string (component, "interval"));
      return TRUE;
    }
  return FALSE;
}

static void
read_compensation (JsonObject     *compensation,
                   ScraperPosting *posting)
{
  JsonArray *tiers;

  if (compensation == NULL)
    return;

  if (read_salary_components (scraper_ats_json_array (compensation, "summaryComponents"), posting))
    return;

  tiers = scraper_ats_json_array (compensation, "compensationTiers");
  for (guint i = 0; tiers != NULL && i < json_array_get_length (tiers); i++)
    {
      JsonObject *tier = scraper_ats_json_array_object (tiers, i);

      if (read_salary_components (scraper_ats_json_array (tier, "components"), posting))
        return;
    }
}

static char *
address_country (JsonObject *holder)
{
  JsonObject *address = scraper_ats_json_object (holder, "address");
  JsonObject *postal = scraper_ats_json_object (address, "postalAddress");

  return scraper_ats_country_code (scraper_ats_json_string (postal, "addressCountry"));
}

static ScraperPosting *
read_job (JsonObject             *job,
          ScraperAtsParseContext *context,
          gpointer                user_data)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonArray *secondary = scraper_ats_json_array (job, "secondaryLocations");
  const char *html = scraper_ats_json_string (job, "descriptionHtml");
  gboolean listed = TRUE, is_remote = FALSE, has_remote;

  /* Unlisted postings are hidden on the board. */
  if (scraper_ats_json_boolean (job, "isListed", &listed) && !listed)
    return NULL;

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (job, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (job, "title"));
  if (posting->title == NULL)
    return NULL;

  posting->url = g_strdup (scraper_ats_json_string (job, "jobUrl"));
  posting->apply_url = g_strdup (scraper_ats_json_string (job, "applyUrl"));
  if (posting->apply_url == NULL)
    posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_company_from_board (context->board);

  scraper_ats_add_location (locations, scraper_ats_json_string (job, "location"));
  for (guint i = 0; secondary != NULL && i < json_array_get_length (secondary); i++)
    {
      JsonObject *item = scraper_ats_json_array_object (secondary, i);

      scraper_ats_add_location (locations, scraper_ats_json_string (item, "location"));
    }

  /* workplaceType when the board states it, else isRemote, else the words
   * of the locations; a board that says isRemote: false means on-site. */
  has_remote = scraper_ats_json_boolean (job, "isRemote", &is_remote);
  posting->remote = scraper_ats_workplace_kind (scraper_ats_json_string (job, "workplaceType"));
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN && has_remote && is_remote)
    posting->remote = SCRAPER_REMOTE_REMOTE;
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    posting->remote = scraper_ats_remote_from_locations (locations);
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN && has_remote && !is_remote)
    posting->remote = SCRAPER_REMOTE_ONSITE;
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));
  posting->country = address_country (job);

  scraper_ats_add_employment_type (types, scraper_ats_json_string (job, "employmentType"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));

  posting->date_posted = scraper_ats_date (scraper_ats_json_string (job, "publishedAt"));

  if (html != NULL)
    scraper_ats_set_description (posting, html);
  else
    {
      const char *plain = scraper_ats_json_string (job, "descriptionPlain");

      if (plain != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (plain, -1);
          g_autofree char *wrapped = g_strdup_printf ("<p>%s</p>", escaped);
          scraper_ats_set_description (posting, wrapped);
        }
    }

  read_compensation (scraper_ats_json_object (job, "compensation"), posting);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_ashby_parse (const char             *data,
                     gsize                   length,
                     ScraperAtsParseContext *context,
                     GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *postings;
  JsonArray *jobs;

  g_return_val_if_fail (context != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Ashby", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  jobs = scraper_ats_json_array (json_node_get_object (root), "jobs");
  if (jobs == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Ashby board “%s” answered without a list of jobs; check the board’s address"),
                   context->board);
      return NULL;
    }

  postings = scraper_ats_read_all (jobs, read_job, context, NULL);
  context->total = context->n_items;

  return postings;
}

gboolean
scraper_adapter_ashby_run (ScraperSource                 *source,
                           ScraperFetcher                *fetcher,
                           const ScraperAdapterCallbacks *callbacks,
                           ScraperAdapterStats           *stats,
                           GCancellable                  *cancellable,
                           GError                       **error)
{
  return scraper_ats_run_single (&ashby_kind, source, fetcher, callbacks, stats, cancellable, error);
}
