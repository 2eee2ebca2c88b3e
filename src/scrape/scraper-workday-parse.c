/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-workday"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-normalize.h"
#include "scraper-workday-private.h"

/* Workday career sites without network: their addresses, the listing
 * (POST /wday/cxs/TENANT/SITE/jobs) and a posting's detail (GET
 * /wday/cxs/TENANT/SITE/job/...):
 *
 *   {"total": 47, "jobPostings": [{"title", "externalPath": "/job/Berlin/
 *    Engineer_JR1", "locationsText": "Berlin" | "2 Locations", "postedOn":
 *    "Posted 3 Days Ago", "bulletFields": ["JR1"]}], "facets": [...]}
 *
 *   {"jobPostingInfo": {"title", "jobDescription" (HTML), "location",
 *    "additionalLocations": [...], "postedOn", "startDate": "2026-05-01",
 *    "endDate", "timeType": "Full time", "jobReqId": "JR1", "externalUrl",
 *    "remoteType": "Hybrid", "country": {"descriptor"}},
 *    "hiringOrganization": {"name"}} */

/* ------------------------------------------------------------------ */
/* Addresses                                                           */

void
scraper_workday_site_free (ScraperWorkdaySite *site)
{
  if (site == NULL)
    return;
  g_free (site->origin);
  g_free (site->tenant);
  g_free (site->site);
  g_free (site->locale);
  g_free (site);
}

/* A tenant or site name: goes into a URL path as it is. */
static gboolean
token_is_valid (const char *token)
{
  if (token == NULL || token[0] == '\0' || strlen (token) > 200 || g_str_equal (token, ".") ||
      g_str_equal (token, ".."))
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

/* "en-US", "de-DE", "fr-CA", "zh-Hant-TW", "en". */
static gboolean
is_locale (const char *segment)
{
  if (segment == NULL || strlen (segment) < 2 || !g_ascii_islower (segment[0]) ||
      !g_ascii_islower (segment[1]))
    return FALSE;
  if (segment[2] == '\0')
    return TRUE;
  if (segment[2] != '-')
    return FALSE;
  for (const char *p = segment + 3; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return segment[3] != '\0' && strlen (segment) <= 12;
}

static gboolean
host_ends_with (const char *host,
                const char *domain)
{
  gsize hl = strlen (host), dl = strlen (domain);

  return hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0;
}

ScraperWorkdaySite *
scraper_workday_site_parse (const char  *url,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(ScraperWorkdaySite) site = NULL;
  g_autoptr(GPtrArray) seg = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  g_autofree char *host = NULL;
  const char *scheme;
  guint i = 0;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    goto not_workday;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  for (guint k = 0; parts[k] != NULL; k++)
    if (parts[k][0] != '\0')
      {
        char *segment = g_uri_unescape_string (parts[k], NULL);
        g_ptr_array_add (seg, segment != NULL ? segment : g_strdup (parts[k]));
      }
  g_ptr_array_add (seg, NULL);

  site = g_new0 (ScraperWorkdaySite, 1);
  site->recruiting = host_ends_with (host, "myworkdaysite.com");
  {
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);

    if (g_uri_get_port (uri) > 0)
      site->origin = g_strdup_printf ("%s://%s:%d", lower_scheme, host, g_uri_get_port (uri));
    else
      site->origin = g_strdup_printf ("%s://%s", lower_scheme, host);
  }

  if (is_locale (seg->pdata[0]))
    site->locale = g_strdup (seg->pdata[i++]);

  if (seg->pdata[i] != NULL && g_str_equal (seg->pdata[i], "wday") &&
      seg->pdata[i + 1] != NULL && g_str_equal (seg->pdata[i + 1], "cxs") &&
      seg->pdata[i + 2] != NULL && seg->pdata[i + 3] != NULL)
    {
      /* The API address, on Workday's hosts or a stand-in's. */
      site->tenant = g_strdup (seg->pdata[i + 2]);
      site->site = g_strdup (seg->pdata[i + 3]);
    }
  else if (host_ends_with (host, "myworkdayjobs.com"))
    {
      /* TENANT.wdN.myworkdayjobs.com/[LOCALE/]SITE[/job/...] */
      const char *dot = strchr (host, '.');

      site->tenant = g_strndup (host, dot - host);
      if (seg->pdata[i] != NULL && !g_str_equal (seg->pdata[i], "job") &&
          !g_str_equal (seg->pdata[i], "wday"))
        site->site = g_strdup (seg->pdata[i]);
    }
  else if (site->recruiting)
    {
      /* wdN.myworkdaysite.com/[LOCALE/]recruiting/TENANT/SITE[/job/...] */
      if (seg->pdata[i] != NULL && g_str_equal (seg->pdata[i], "recruiting") &&
          seg->pdata[i + 1] != NULL && seg->pdata[i + 2] != NULL)
        {
          site->tenant = g_strdup (seg->pdata[i + 1]);
          site->site = g_strdup (seg->pdata[i + 2]);
        }
    }
  else
    goto not_workday;

  if (!token_is_valid (site->tenant) || !token_is_valid (site->site))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   _("“%s” does not name a Workday career site: paste the address of the site’s job list, "
                     "such as https://acme.wd5.myworkdayjobs.com/en-US/Careers"), url);
      return NULL;
    }

  return g_steal_pointer (&site);

not_workday:
  g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
               _("“%s” is not a web address of a Workday career site"), url);
  return NULL;
}

char *
scraper_workday_site_jobs_url (const ScraperWorkdaySite *site)
{
  g_return_val_if_fail (site != NULL, NULL);
  return g_strdup_printf ("%s/wday/cxs/%s/%s/jobs", site->origin, site->tenant, site->site);
}

char *
scraper_workday_api_url (const char  *source_url,
                         char       **board,
                         GError     **error)
{
  g_autoptr(ScraperWorkdaySite) site = scraper_workday_site_parse (source_url, error);

  if (site == NULL)
    return NULL;
  if (board != NULL)
    *board = g_strdup (site->tenant);
  return scraper_workday_site_jobs_url (site);
}

/* The path of a posting below the site as the listing gives it, escaped
 * for a URL; NULL when it could lead anywhere else (another host, up the
 * tree, a query). */
static char *
escape_external_path (const char *path)
{
  if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\0' || strlen (path) > 2048 ||
      strstr (path, "/../") != NULL || g_str_has_suffix (path, "/..") || strstr (path, "/./") != NULL ||
      strpbrk (path, "?#\\") != NULL || !g_utf8_validate (path, -1, NULL))
    return NULL;
  for (const char *p = path; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f)
      return NULL;

  return g_uri_escape_string (path, "!$&'()*+,;=:@/%", FALSE);
}

char *
scraper_workday_site_detail_url (const ScraperWorkdaySite *site,
                                 const char               *external_path)
{
  g_autofree char *path = escape_external_path (external_path);

  g_return_val_if_fail (site != NULL, NULL);
  if (path == NULL)
    return NULL;
  return g_strdup_printf ("%s/wday/cxs/%s/%s%s", site->origin, site->tenant, site->site, path);
}

char *
scraper_workday_site_page_url (const ScraperWorkdaySite *site,
                               const char               *external_path)
{
  g_autofree char *path = escape_external_path (external_path);
  GString *url;

  g_return_val_if_fail (site != NULL, NULL);
  if (path == NULL)
    return NULL;

  url = g_string_new (site->origin);
  if (site->locale != NULL)
    g_string_append_printf (url, "/%s", site->locale);
  if (site->recruiting)
    g_string_append_printf (url, "/recruiting/%s", site->tenant);
  g_string_append_printf (url, "/%s%s", site->site, path);
  return g_string_free (url, FALSE);
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

char *
scraper_workday_relative_date (const char *text,
                               GDateTime  *now)
{
  g_autofree char *lower = NULL;
  g_autoptr(GDateTime) then = NULL;
  const char *p;
  guint64 days;
  char *end = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (text == NULL)
    return NULL;
  lower = g_utf8_strdown (text, -1);
  g_strstrip (lower);
  p = lower;
  if (g_str_has_prefix (p, "posted "))
    p += strlen ("posted ");
  else if (g_str_has_prefix (p, "ausgeschrieben: "))
    p += strlen ("ausgeschrieben: ");

  if (g_str_equal (p, "today") || g_str_equal (p, "just posted") || g_str_equal (p, "heute"))
    days = 0;
  else if (g_str_equal (p, "yesterday") || g_str_equal (p, "gestern"))
    days = 1;
  else
    {
      gboolean german = g_str_has_prefix (p, "vor ");

      if (german)
        p += strlen ("vor ");
      if (!g_ascii_isdigit (*p))
        return NULL;
      days = g_ascii_strtoull (p, &end, 10);
      /* "30+ Days Ago" is a bound, not a date. */
      if (end == NULL || days > 3650)
        return NULL;
      if (german ? !(g_str_equal (end, " tag") || g_str_equal (end, " tagen"))
                 : !(g_str_equal (end, " day ago") || g_str_equal (end, " days ago")))
        return NULL;
    }

  then = g_date_time_add_days (now, -(gint) days);
  return then != NULL ? g_date_time_format (then, "%Y-%m-%d") : NULL;
}

/* ------------------------------------------------------------------ */
/* Listing                                                             */

void
scraper_workday_item_free (ScraperWorkdayItem *item)
{
  if (item == NULL)
    return;
  g_free (item->external_path);
  g_clear_pointer (&item->posting, scraper_posting_unref);
  g_free (item);
}

/* "2 Locations", "12 Standorte": a count, not a place. */
static gboolean
is_location_count (const char *text)
{
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != ' ' || p[1] == '\0')
    return FALSE;
  return strchr (p + 1, ' ') == NULL && strchr (p + 1, ',') == NULL;
}

/* The requisition id among the bullet fields: the one the path ends with
 * ("/job/Berlin/Engineer_JR1" and "JR1"), as Workday builds its paths. */
static char *
req_id_from_bullets (JsonArray  *bullets,
                     const char *path)
{
  for (guint i = 0; bullets != NULL && i < json_array_get_length (bullets); i++)
    {
      JsonNode *node = json_array_get_element (bullets, i);
      const char *value;
      gsize pl, vl;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      value = json_node_get_string (node);
      pl = strlen (path);
      vl = strlen (value);
      if (vl > 0 && vl < pl && path[pl - vl - 1] == '_' && strcmp (path + pl - vl, value) == 0)
        return g_strdup (value);
    }
  return NULL;
}

static ScraperWorkdayItem *
read_item (JsonObject               *object,
           const ScraperWorkdaySite *site,
           ScraperAtsParseContext   *context,
           GDateTime                *now)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  const char *path = scraper_ats_json_string (object, "externalPath");
  const char *where = scraper_ats_json_string (object, "locationsText");
  ScraperWorkdayItem *item;

  posting->source_id = context->source_id;
  posting->title = scraper_ats_clean (scraper_ats_json_string (object, "title"));
  posting->url = scraper_workday_site_page_url (site, path);
  if (posting->title == NULL || posting->url == NULL)
    return NULL;
  posting->apply_url = g_strdup (posting->url);

  posting->external_id = req_id_from_bullets (scraper_ats_json_array (object, "bulletFields"), path);
  if (posting->external_id == NULL)
    posting->external_id = g_strdup (path);

  posting->company = scraper_ats_company_from_board (site->tenant);

  if (where != NULL && !is_location_count (where))
    scraper_ats_add_location (locations, where);
  if (locations->len > 0)
    posting->country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));
  posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  posting->date_posted = scraper_workday_relative_date (scraper_ats_json_string (object, "postedOn"), now);

  item = g_new0 (ScraperWorkdayItem, 1);
  item->external_path = g_strdup (path);
  item->posting = g_steal_pointer (&posting);
  return item;
}

GPtrArray *
scraper_workday_parse_jobs (const char               *data,
                            gsize                     length,
                            const ScraperWorkdaySite *site,
                            ScraperAtsParseContext   *context,
                            GDateTime                *now,
                            GError                  **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *object;
  JsonArray *postings;
  gint64 total;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  root = scraper_ats_parse_json (data, length, "Workday", context->board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  postings = scraper_ats_json_array (object, "jobPostings");
  if (postings == NULL && !json_object_has_member (object, "total"))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Workday site “%s” answered without a list of postings; check the site’s address"),
                   context->board);
      return NULL;
    }

  context->total = 0;
  if (scraper_ats_json_int (object, "total", &total) && total > 0)
    context->total = (guint) MIN (total, G_MAXUINT);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_workday_item_free);
  /* n_items counts every entry, readable or not, so paging advances. */
  context->n_items = postings != NULL ? json_array_get_length (postings) : 0;
  for (guint i = 0; i < context->n_items; i++)
    {
      JsonObject *entry = scraper_ats_json_array_object (postings, i);
      ScraperWorkdayItem *item;

      if (entry != NULL && (item = read_item (entry, site, context, now)) != NULL)
        g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

/* ------------------------------------------------------------------ */
/* Detail                                                              */

static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_string_locations (GPtrArray *locations,
                      JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        scraper_ats_add_location (locations, json_node_get_string (node));
    }
}

/* "country": {"alpha2Code": "US", "descriptor": "United States of
 * America"} or a string. */
static char *
country_of (JsonObject *object)
{
  JsonObject *country = scraper_ats_json_object (object, "country");
  char *code;

  if (country == NULL)
    return scraper_ats_country_code (scraper_ats_json_string (object, "country"));
  code = scraper_ats_country_code (scraper_ats_json_string (country, "alpha2Code"));
  return code != NULL ? code : scraper_ats_country_code (scraper_ats_json_string (country, "descriptor"));
}

gboolean
scraper_workday_apply_detail (ScraperPosting  *posting,
                              const char      *data,
                              gsize            length,
                              const char      *board,
                              GDateTime       *now,
                              GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;
  g_autofree char *date = NULL;
  g_autofree char *country = NULL;
  JsonObject *info, *organization, *requisition;
  ScraperRemoteKind remote;

  g_return_val_if_fail (posting != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  root = scraper_ats_parse_json (data, length, "Workday", board, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return FALSE;
  info = scraper_ats_json_object (json_node_get_object (root), "jobPostingInfo");
  if (info == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("A posting of the Workday site “%s” answered without its details"), board);
      return FALSE;
    }
  organization = scraper_ats_json_object (json_node_get_object (root), "hiringOrganization");
  requisition = scraper_ats_json_object (info, "jobRequisitionLocation");

  if ((title = scraper_ats_clean (scraper_ats_json_string (info, "title"))) != NULL)
    replace_str (&posting->title, title);
  if ((company = scraper_ats_clean (scraper_ats_json_string (organization, "name"))) != NULL)
    replace_str (&posting->company, company);

  {
    g_autofree char *req_id = scraper_ats_json_dup_id (info, "jobReqId");

    if (req_id != NULL)
      replace_str (&posting->external_id, req_id);
  }

  scraper_ats_set_description (posting, scraper_ats_json_string (info, "jobDescription"));

  scraper_ats_add_location (locations, scraper_ats_json_string (info, "location"));
  add_string_locations (locations, scraper_ats_json_array (info, "additionalLocations"));
  if (locations->len == 0)
    scraper_ats_add_location (locations, scraper_ats_json_string (requisition, "descriptor"));

  country = country_of (info);
  if (country == NULL)
    country = country_of (requisition);
  if (country == NULL && locations->len > 0)
    country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));
  if (country != NULL)
    replace_str (&posting->country, country);

  remote = scraper_ats_workplace_kind (scraper_ats_json_string (info, "remoteType"));
  if (remote == SCRAPER_REMOTE_UNKNOWN)
    remote = scraper_ats_remote_from_locations (locations);
  if (remote != SCRAPER_REMOTE_UNKNOWN)
    posting->remote = remote;

  if (locations->len > 0)
    {
      g_strfreev (posting->locations);
      posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));
    }

  scraper_ats_add_employment_type (types, scraper_ats_json_string (info, "timeType"));
  if (types->len > 0)
    {
      g_strfreev (posting->employment_type);
      posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
    }

  /* The absolute date first; "Posted 3 Days Ago" counts from now. */
  date = scraper_ats_date (scraper_ats_json_string (info, "startDate"));
  if (date == NULL)
    date = scraper_workday_relative_date (scraper_ats_json_string (info, "postedOn"), now);
  if (date != NULL)
    replace_str (&posting->date_posted, date);

  {
    g_autofree char *end = scraper_ats_date (scraper_ats_json_string (info, "endDate"));

    if (end != NULL)
      replace_str (&posting->valid_through, end);
  }

  return TRUE;
}
