/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-phenom"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "scraper-boards-private.h"
#include "scraper-handoff.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* Kind "phenom": a career site built on Phenom, on the company's own
 * domain (careers.acme.com/global/en/search-results).  Its search page
 * carries the postings of the page in a script:
 *
 *   phApp.ddo = {"eagerLoadRefineSearch": {"status": 200, "hits": 10,
 *     "totalHits": 52, "data": {"jobs": [{"jobId": "P-104461", "reqId",
 *     "title", "location": "Rotterdam, South Holland, Netherlands", "city",
 *     "state", "country", "multi_location": [...], "postedDate":
 *     "2026-04-09T09:54:06.573+0000", "type": "Full-Time",
 *     "descriptionTeaser", "category", "locale": "en_GLOBAL"}]}}, ...};
 *
 * Further pages are the same address with from=OFFSET.  A posting's page
 * is SITE/job/JOBID/Title-Words, SITE being the address up to the locale
 * (/global/en/). */

#define DDO "phApp.ddo"
/* Ten postings a page: 3 000 postings, a big employer's. */
#define DEFAULT_MAX_PAGES 300

static JsonObject *
search_of (JsonNode *root)
{
  return scraper_ats_json_object (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL,
                                  "eagerLoadRefineSearch");
}

gboolean
scraper_phenom_page_is_search (const char *data,
                               gsize       length)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = NULL;

  if (data == NULL || g_strstr_len (data, (gssize) length, DDO) == NULL ||
      (json = scraper_js_assigned_json (data, length, DDO)) == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  return scraper_json_parser_load (parser, json, -1, NULL) &&
         scraper_ats_json_array (scraper_ats_json_object (search_of (json_parser_get_root (parser)), "data"),
                                 "jobs") != NULL;
}

/* The site's address up to its locale: "https://careers.acme.com/global/en/"
 * for .../global/en/search-results; else from the posting's locale
 * ("en_GLOBAL" -> /global/en/). */
char *
scraper_phenom_site (const char *page_url,
                     const char *locale)
{
  g_autoptr(GUri) uri = g_uri_parse (page_url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  g_auto(GStrv) seg = NULL;
  g_autofree char *root = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return NULL;
  root = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, host, g_uri_get_port (uri), "/", NULL, NULL);
  seg = g_strsplit (g_uri_get_path (uri) + (g_uri_get_path (uri)[0] == '/'), "/", 4);

  /* /COUNTRY/LANGUAGE/...: "us", "global"; "en". */
  if (g_strv_length (seg) >= 3 && strlen (seg[0]) >= 2 && strlen (seg[0]) <= 10 && strlen (seg[1]) == 2 &&
      strspn (seg[0], "abcdefghijklmnopqrstuvwxyz") == strlen (seg[0]) &&
      strspn (seg[1], "abcdefghijklmnopqrstuvwxyz") == 2)
    return g_strdup_printf ("%s%s/%s/", root, seg[0], seg[1]);

  if (locale != NULL)
    {
      const char *sep = strchr (locale, '_');
      g_autofree char *language = sep != NULL ? g_ascii_strdown (locale, sep - locale) : NULL;
      g_autofree char *country = sep != NULL ? g_ascii_strdown (sep + 1, -1) : NULL;

      if (language != NULL && strlen (language) == 2 && strspn (language, "abcdefghijklmnopqrstuvwxyz") == 2 &&
          *country != '\0' && strlen (country) <= 10 &&
          strspn (country, "abcdefghijklmnopqrstuvwxyz") == strlen (country))
        return g_strdup_printf ("%s%s/%s/", root, country, language);
    }
  return g_steal_pointer (&root);
}

/* "Senior Project Manager (German Speaker)" -> "Senior-Project-Manager-German-Speaker";
 * "Ingénieure" -> "Ingenieure". */
static char *
title_slug (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, *p);
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

typedef struct {
  const char *page_url;
  const char *company;
} ReadData;

static ScraperPosting *
read_posting (JsonObject             *object,
              ScraperAtsParseContext *context,
              gpointer                user_data)
{
  ReadData *read = user_data;
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *site = NULL;
  g_autofree char *slug = NULL;
  JsonArray *places = scraper_ats_json_array (object, "multi_location");
  const char *teaser = scraper_ats_json_string (object, "descriptionTeaser");
  const char *country = scraper_ats_json_string (object, "country");

  posting->source_id = context->source_id;
  posting->external_id = scraper_ats_json_dup_id (object, "jobId");
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "title"));
  /* The number goes into an address: letters, digits, '-' and '_'. */
  if (posting->title == NULL || !scraper_ats_is_url_token (posting->external_id, FALSE))
    return NULL;
  site = scraper_phenom_site (read->page_url, scraper_ats_json_string (object, "locale"));
  if (site == NULL)
    return NULL;
  slug = title_slug (posting->title);
  posting->url = *slug != '\0' ? g_strdup_printf ("%sjob/%s/%s", site, posting->external_id, slug)
                               : g_strdup_printf ("%sjob/%s", site, posting->external_id);
  posting->apply_url = g_strdup (posting->url);
  posting->company = g_strdup (read->company);

  for (guint i = 0; places != NULL && i < json_array_get_length (places) && i < 50; i++)
    {
      JsonNode *node = json_array_get_element (places, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        scraper_ats_add_location (locations, json_node_get_string (node));
    }
  if (locations->len == 0)
    scraper_ats_add_location (locations, scraper_ats_json_string (object, "location"));
  if (country != NULL && *country != '\0')
    posting->country = scraper_ats_country_code (country);
  if (posting->country == NULL && locations->len > 0)
    posting->country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));
  posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, scraper_ats_json_string (object, "type"));
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
  posting->date_posted = scraper_ats_date (scraper_ats_json_string (object, "postedDate"));

  /* The list has a teaser of the advert, not the whole. */
  if (teaser != NULL && *teaser != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (teaser, -1);
      g_autofree char *html = g_strdup_printf ("<p>%s</p>", escaped);

      scraper_ats_set_description (posting, html);
    }

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_phenom_parse_page (const char             *data,
                           gsize                   length,
                           ScraperAtsParseContext *context,
                           guint                  *hits,
                           GError                **error)
{
  g_autofree char *json = NULL;
  g_autofree char *company = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *search;
  JsonArray *items;
  ReadData read;
  gint64 n;

  g_return_val_if_fail (context != NULL && context->board != NULL && context->base_url != NULL, NULL);

  json = scraper_js_assigned_json (data, data != NULL ? length : 0, DDO);
  if (json != NULL)
    root = scraper_ats_parse_json (json, strlen (json), "Phenom", context->board, JSON_NODE_OBJECT, error);
  search = root != NULL ? search_of (root) : NULL;
  items = scraper_ats_json_array (scraper_ats_json_object (search, "data"), "jobs");
  if (items == NULL)
    {
      g_clear_error (error);
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The career site “%s” answered without its list of postings; check its address"),
                   context->board);
      return NULL;
    }

  context->total = scraper_ats_json_int (search, "totalHits", &n) && n > 0 ? (guint) MIN (n, G_MAXUINT) : 0;
  if (hits != NULL)
    *hits = scraper_ats_json_int (search, "hits", &n) && n > 0 ? (guint) MIN (n, 1000)
                                                                : json_array_get_length (items);

  company = scraper_ats_company_from_board (context->board);
  read.page_url = context->base_url;
  read.company = company;
  return scraper_ats_read_all (items, read_posting, context, &read);
}

ScraperHandoff *
scraper_phenom_find_search (ScraperFetcher  *fetcher,
                            const char      *page_url,
                            const char      *data,
                            gsize            length,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autofree char *site = NULL;
  g_autofree char *search = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  ScraperHandoff *handoff;
  const char *body;
  gsize body_length = 0;

  if (data == NULL || g_strstr_len (data, (gssize) length, DDO) == NULL ||
      (site = scraper_phenom_site (page_url, NULL)) == NULL)
    return NULL;
  search = g_strconcat (site, "search-results", NULL);
  if (g_strcmp0 (search, page_url) == 0)
    return NULL;

  response = scraper_fetcher_fetch (fetcher, search, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  body = response->body != NULL ? g_bytes_get_data (response->body, &body_length) : NULL;
  if (!scraper_phenom_page_is_search (body, body_length))
    return NULL;

  handoff = g_new0 (ScraperHandoff, 1);
  handoff->kind = g_strdup ("phenom");
  handoff->vendor = g_strdup ("Phenom");
  handoff->url = g_strdup (response->url != NULL ? response->url : search);
  {
    g_autoptr(GUri) uri = g_uri_parse (site, G_URI_FLAGS_PARSE_RELAXED, NULL);

    handoff->board = uri != NULL && g_uri_get_host (uri) != NULL ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
  }
  handoff->evidence = g_strdup_printf ("%s → %s", page_url, handoff->url);
  return handoff;
}

/* @url with from=@offset, any other from replaced. */
static char *
page_address (const char *url,
              guint       offset)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) paged = NULL;

  if (uri == NULL)
    return NULL;
  if (g_uri_get_query (uri) != NULL)
    {
      g_auto(GStrv) params = g_strsplit (g_uri_get_query (uri), "&", 100);

      for (guint i = 0; params[i] != NULL; i++)
        if (params[i][0] != '\0' && !g_str_has_prefix (params[i], "from="))
          g_string_append_printf (query, "%s%s", query->len > 0 ? "&" : "", params[i]);
    }
  g_string_append_printf (query, "%sfrom=%u", query->len > 0 ? "&" : "", offset);
  paged = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                       g_uri_get_port (uri), g_uri_get_path (uri), query->str, NULL);
  return g_uri_to_string (paged);
}

gboolean
scraper_adapter_phenom_run (ScraperSource                 *source,
                            ScraperFetcher                *fetcher,
                            const ScraperAdapterCallbacks *callbacks,
                            ScraperAdapterStats           *stats,
                            GCancellable                  *cancellable,
                            GError                       **error)
{
  static const ScraperAtsKind kind = { "phenom", "Phenom", NULL };
  g_autofree char *board = NULL;
  g_autofree char *first = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint max_pages, delivered = 0, total = 0, offset = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  first = scraper_ats_api_url ("phenom", source->url != NULL ? source->url : "", &board, error);
  if (first == NULL)
    return FALSE;
  max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", DEFAULT_MAX_PAGES), 1, 10000);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  message = g_strdup_printf (_("Reading the career site “%s”"), board);
  scraper_adapter_report (callbacks, 0, 0, message);

  for (guint page = 1; page <= max_pages; page++)
    {
      g_autofree char *url = page == 1 ? g_strdup (first) : page_address (first, offset);
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GPtrArray) postings = NULL;
      ScraperAtsParseContext context = { 0 };
      guint hits = 0, n_fresh = 0;
      const char *data;
      gsize length = 0;

      if (url == NULL)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      response = scraper_ats_fetch (&kind, board, fetcher, url, callbacks, FALSE, cancellable, error);
      if (response == NULL)
        return FALSE;
      stats->pages_fetched++;

      data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
      context.source_id = source->id;
      context.board = board;
      context.base_url = response->url != NULL ? response->url : url;
      postings = scraper_phenom_parse_page (data, length, &context, &hits, error);
      if (postings == NULL)
        return FALSE;
      if (total == 0)
        total = context.total;

      if (!scraper_ats_deliver_unseen (postings, seen, callbacks, &delivered, total, stats, &n_fresh,
                                       cancellable, error))
        return FALSE;

      /* An empty page, or as far as the site counts postings: all of it. */
      offset += hits;
      if (hits == 0 || (total > 0 && offset >= total))
        {
          stats->complete = TRUE;
          break;
        }
      if (n_fresh == 0)
        {
          /* The site answers the same page whatever is asked: what was
           * read is not all there is, and nothing is archived. */
          scraper_adapter_warn (callbacks, stats, _("The career site “%s” answered the same postings again; "
                                                    "stopped at page %u (%u of %u postings)"),
                                board, page, delivered, total);
          break;
        }
      if (page == max_pages)
        scraper_adapter_warn (callbacks, stats, _("Stopped after %u pages of the career site “%s” (%u of %u postings)"),
                              max_pages, board, delivered, total);
    }

  if (delivered == 0)
    scraper_adapter_report (callbacks, 0, 0, _("The board has no postings"));
  return TRUE;
}
