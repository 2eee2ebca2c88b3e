/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-join"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "scraper-boards-private.h"
#include "scraper-normalize.h"

/* Kind "join": a company's page on JOIN, join.com/companies/SLUG.  The
 * public list is keyed by the company's number, which the page carries in
 * its Next.js state (<script id="__NEXT_DATA__">: props.pageProps
 * .initialState.company {id, name}); the list is paged, five a page:
 *
 *   GET https://join.com/api/public/companies/ID/jobs?page=N&pageSize=5
 *   {"items": [{"id", "idParam": "8023454-senior-engineer", "title",
 *     "city": {"cityName", "regionName", "countryName"}, "workplaceType":
 *     "ONSITE"|"REMOTE"|"HYBRID", "employmentType": {"name"},
 *     "salaryAmountFrom": {"amount" (cents), "currency"}, "salaryAmountTo",
 *     "salaryFrequency", "createdAt"}], "pagination": {"page", "pageCount",
 *     "rowCount"}}
 *
 * A posting's page is join.com/companies/SLUG/IDPARAM.  The list has no
 * descriptions. */

#define PAGE_SIZE 5
#define DEFAULT_MAX_PAGES 100

char *
scraper_join_find_company (const char  *page,
                           gsize        length,
                           char       **name)
{
  static const char marker[] = "id=\"__NEXT_DATA__\"";
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *json = NULL;
  const char *start, *end, *found;
  JsonObject *company;
  JsonNode *root;

  if (name != NULL)
    *name = NULL;
  if (page == NULL || (found = g_strstr_len (page, (gssize) length, marker)) == NULL ||
      (start = memchr (found, '>', length - (found - page))) == NULL ||
      (end = g_strstr_len (start, (gssize) (length - (start - page)), "</script>")) == NULL)
    return NULL;

  json = g_strndup (start + 1, end - start - 1);
  if (!scraper_json_parser_load (parser, json, -1, NULL) || (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  company = scraper_ats_json_object (
              scraper_ats_json_object (
                scraper_ats_json_object (
                  scraper_ats_json_object (json_node_get_object (root), "props"), "pageProps"),
                "initialState"),
              "company");
  if (company == NULL)
    return NULL;
  if (name != NULL)
    *name = scraper_ats_clean (scraper_ats_json_string (company, "name"));
  {
    char *id = scraper_ats_json_dup_id (company, "id");

    /* It goes into an address: digits only, as JOIN's are. */
    if (id != NULL && strspn (id, "0123456789") != strlen (id))
      g_clear_pointer (&id, g_free);
    if (id == NULL && name != NULL)
      g_clear_pointer (name, g_free);
    return id;
  }
}

static void
read_salary (ScraperPosting *posting,
             JsonObject     *item)
{
  JsonObject *from = scraper_ats_json_object (item, "salaryAmountFrom");
  JsonObject *to = scraper_ats_json_object (item, "salaryAmountTo");
  const char *currency = scraper_ats_json_string (from, "currency");
  double min = 0, max = 0;
  gboolean has_min = scraper_ats_json_number (from, "amount", &min) && min > 0;
  gboolean has_max = scraper_ats_json_number (to, "amount", &max) && max > 0;

  if (!has_min && !has_max)
    return;
  if (currency == NULL)
    currency = scraper_ats_json_string (to, "currency");
  /* In cents. */
  posting->salary_min = has_min ? min / 100 : max / 100;
  posting->salary_max = has_max ? max / 100 : min / 100;
  posting->salary_currency = currency != NULL ? g_ascii_strup (currency, -1) : NULL;
  posting->salary_period = scraper_ats_salary_period (scraper_ats_json_string (item, "salaryFrequency"));
}

static ScraperPosting *
read_item (JsonObject             *item,
           ScraperAtsParseContext *context,
           gpointer                user_data)
{
  const char *company = user_data;
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonObject *city = scraper_ats_json_object (item, "city");
  JsonObject *employment = scraper_ats_json_object (item, "employmentType");
  const char *param = scraper_ats_json_string (item, "idParam");
  const char *country = scraper_ats_json_string (city, "countryName");
  g_autoptr(GString) place = g_string_new (NULL);
  const char *parts[] = {
    scraper_ats_json_string (city, "cityName"),
    scraper_ats_json_string (city, "regionName"),
    country,
  };

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (item, "id");
  posting->title = scraper_ats_clean (scraper_ats_json_string (item, "title"));
  if (posting->external_id == NULL || posting->title == NULL || !scraper_ats_is_url_token (param, FALSE))
    return NULL;

  posting->url = g_strdup_printf ("https://join.com/companies/%s/%s", context->board, param);
  posting->apply_url = g_strdup (posting->url);
  posting->company = company != NULL ? g_strdup (company) : scraper_ats_company_from_board (context->board);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0' && strstr (place->str, parts[i]) == NULL)
      g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "", parts[i]);
  if (place->len > 0)
    {
      posting->locations = g_new0 (char *, 2);
      posting->locations[0] = scraper_ats_clean (place->str);
    }
  posting->country = scraper_ats_country_code (country);
  posting->remote = scraper_ats_workplace_kind (scraper_ats_json_string (item, "workplaceType"));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (employment, "name"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
  read_salary (posting, item);
  posting->date_posted = scraper_ats_date (scraper_ats_json_string (item, "createdAt"));

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_join_parse_page (const char             *data,
                         gsize                   length,
                         const char             *company,
                         ScraperAtsParseContext *context,
                         guint                  *page_count,
                         GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *pagination;
  JsonArray *items;
  gint64 n;

  g_return_val_if_fail (context != NULL && context->board != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "JOIN", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  items = scraper_ats_json_array (json_node_get_object (root), "items");
  if (items == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The JOIN page of “%s” answered without a list of postings; check its address"),
                   context->board);
      return NULL;
    }

  pagination = scraper_ats_json_object (json_node_get_object (root), "pagination");
  context->total = scraper_ats_json_int (pagination, "rowCount", &n) && n > 0 ? (guint) MIN (n, G_MAXUINT) : 0;
  if (page_count != NULL)
    *page_count = scraper_ats_json_int (pagination, "pageCount", &n) && n > 0 ? (guint) MIN (n, G_MAXUINT) : 0;

  return scraper_ats_read_all (items, read_item, context, (gpointer) company);
}

gboolean
scraper_adapter_join_run (ScraperSource                 *source,
                          ScraperFetcher                *fetcher,
                          const ScraperAdapterCallbacks *callbacks,
                          ScraperAdapterStats           *stats,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  static const ScraperAtsKind kind = { "join", "JOIN", NULL };
  g_autofree char *board = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *company_id = NULL;
  g_autofree char *company = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint max_pages, delivered = 0, total = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  page_url = scraper_ats_api_url ("join", source->url != NULL ? source->url : "", &board, error);
  if (page_url == NULL)
    return FALSE;
  max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", DEFAULT_MAX_PAGES), 1, 10000);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  message = g_strdup_printf (_("Reading the %s board “%s”"), kind.label, board);
  scraper_adapter_report (callbacks, 0, 0, message);

  /* The company's page names its number. */
  {
    g_autoptr(ScraperResponse) response = scraper_ats_fetch (&kind, board, fetcher, page_url, callbacks, FALSE,
                                                             cancellable, error);
    const char *data;
    gsize length = 0;

    if (response == NULL)
      return FALSE;
    stats->pages_fetched++;
    data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
    company_id = scraper_join_find_company (data, length, &company);
    if (company_id == NULL)
      {
        g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
                     _("The JOIN page of “%s” does not say which company it is; check its address"), board);
        return FALSE;
      }
  }

  for (guint page = 1; page <= max_pages; page++)
    {
      g_autofree char *url = g_strdup_printf ("https://join.com/api/public/companies/%s/jobs?page=%u&pageSize=%u",
                                              company_id, page, PAGE_SIZE);
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GPtrArray) postings = NULL;
      ScraperAtsParseContext context = { 0 };
      guint page_count = 0, n_fresh = 0;
      const char *data;
      gsize length = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      response = scraper_ats_fetch (&kind, board, fetcher, url, callbacks, FALSE, cancellable, error);
      if (response == NULL)
        return FALSE;
      stats->pages_fetched++;

      data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
      context.source_id = source->id;
      context.board = board;
      context.base_url = url;
      postings = scraper_join_parse_page (data, length, company, &context, &page_count, error);
      if (postings == NULL)
        return FALSE;
      if (total == 0)
        total = context.total;

      if (!scraper_ats_deliver_unseen (postings, seen, callbacks, &delivered, total, stats, &n_fresh,
                                       cancellable, error))
        return FALSE;

      if (context.n_items == 0 || (page_count > 0 ? page >= page_count : context.n_items < PAGE_SIZE))
        {
          stats->complete = TRUE;
          break;
        }
      if (n_fresh == 0)
        {
          /* A page of postings already read: the site answers the same
           * page whatever is asked.  What was read is not all there is. */
          scraper_adapter_warn (callbacks, stats, _("The JOIN page of “%s” answered the same postings again; "
                                                    "stopped at page %u"), board, page);
          break;
        }
      if (page == max_pages)
        scraper_adapter_warn (callbacks, stats, _("Stopped after %u pages of the JOIN page of “%s” (%u of %u postings)"),
                              max_pages, board, delivered, total);
    }

  if (delivered == 0)
    scraper_adapter_report (callbacks, 0, 0, _("The board has no postings"));
  return TRUE;
}
