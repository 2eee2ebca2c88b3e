/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-adapter"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "scraper-adapter-ats.h"
#include "scraper-feed-json.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* JSON job feeds, read by the "feed" kind beside RSS and Atom: JSON Feed
 * 1.x (with the schema.org "_jobposting" extension that Teamtailor career
 * sites write), the public APIs of remote-work job boards (Remotive,
 * Remote OK, Himalayas, Jobicy, Arbeitnow) and the JSON of the Breezy HR,
 * Rippling and Eightfold boards.  Each is told by its shape. */

typedef enum {
  FORMAT_NONE,
  FORMAT_JSON_FEED,
  FORMAT_REMOTIVE,
  FORMAT_REMOTE_OK,
  FORMAT_HIMALAYAS,
  FORMAT_JOBICY,
  FORMAT_ARBEITNOW,
  FORMAT_BREEZY,
  FORMAT_RIPPLING,
  FORMAT_EIGHTFOLD,
} Format;

static JsonObject *
first_object (JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < 3; i++)
    {
      JsonObject *o = scraper_ats_json_array_object (array, i);

      /* Remote OK opens with a notice of its terms. */
      if (o != NULL && !json_object_has_member (o, "legal"))
        return o;
    }
  return NULL;
}

static Format
detect (JsonNode *root)
{
  JsonObject *obj, *job;
  JsonArray *jobs;
  const char *version;

  if (root == NULL)
    return FORMAT_NONE;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      JsonObject *head = scraper_ats_json_array_object (array, 0);

      job = first_object (array);
      if ((head != NULL && json_object_has_member (head, "legal") && json_object_has_member (head, "last_updated")) ||
          (job != NULL && json_object_has_member (job, "position") && json_object_has_member (job, "epoch")))
        return FORMAT_REMOTE_OK;
      if (job != NULL && json_object_has_member (job, "friendly_id") && json_object_has_member (job, "url") &&
          json_object_has_member (job, "name"))
        return FORMAT_BREEZY;
      return FORMAT_NONE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FORMAT_NONE;

  obj = json_node_get_object (root);
  version = scraper_ats_json_string (obj, "version");
  if (version != NULL && g_str_has_prefix (version, "https://jsonfeed.org/version/") &&
      scraper_ats_json_array (obj, "items") != NULL)
    return FORMAT_JSON_FEED;

  if ((jobs = scraper_ats_json_array (obj, "jobs")) != NULL)
    {
      job = first_object (jobs);
      if (json_object_has_member (obj, "0-legal-notice") || json_object_has_member (obj, "job-count") ||
          (job != NULL && json_object_has_member (job, "candidate_required_location")))
        return FORMAT_REMOTIVE;
      if (job != NULL && json_object_has_member (job, "jobTitle") && json_object_has_member (job, "jobGeo"))
        return FORMAT_JOBICY;
      if (job != NULL && json_object_has_member (job, "companyName") &&
          (json_object_has_member (job, "applicationLink") || json_object_has_member (job, "locationRestrictions")))
        return FORMAT_HIMALAYAS;
      /* An empty page of a board that counts its jobs. */
      if (job == NULL && json_object_has_member (obj, "totalCount") && json_object_has_member (obj, "offset"))
        return FORMAT_HIMALAYAS;
      return FORMAT_NONE;
    }

  if ((jobs = scraper_ats_json_array (obj, "items")) != NULL && json_object_has_member (obj, "totalPages"))
    return FORMAT_RIPPLING;
  if ((jobs = scraper_ats_json_array (obj, "positions")) != NULL &&
      ((job = first_object (jobs)) == NULL ? json_object_has_member (obj, "domain")
                                          : json_object_has_member (job, "canonicalPositionUrl")))
    return FORMAT_EIGHTFOLD;

  if ((jobs = scraper_ats_json_array (obj, "data")) != NULL)
    {
      job = first_object (jobs);
      if (job != NULL && json_object_has_member (job, "slug") && json_object_has_member (job, "company_name") &&
          json_object_has_member (job, "created_at"))
        return FORMAT_ARBEITNOW;
    }
  return FORMAT_NONE;
}

/* UTF-8 that was read as Latin-1 and encoded again ("donâ\u0080\u0099t"):
 * back to what was meant, when that is what it is. */
static char *
fix_mojibake (const char *str)
{
  g_autofree char *bytes = NULL;
  gboolean suspect = FALSE;
  gsize len = 0;

  if (str == NULL)
    return NULL;
  for (const char *p = str; *p != '\0' && !suspect; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = p[1] != '\0' ? g_utf8_get_char (g_utf8_next_char (p)) : 0;

      suspect = (c == 0xC3 || c == 0xC2 || c == 0xE2) && next >= 0x80 && next <= 0xBF;
    }
  if (!suspect)
    return g_strdup (str);

  bytes = g_convert (str, -1, "ISO-8859-1", "UTF-8", NULL, &len, NULL);
  if (bytes != NULL && g_utf8_validate (bytes, (gssize) len, NULL) && strlen (bytes) == len)
    return g_steal_pointer (&bytes);
  return g_strdup (str);
}

static char *
text_member (JsonObject *obj,
             const char *member)
{
  g_autofree char *fixed = fix_mojibake (scraper_ats_json_string (obj, member));
  g_autofree char *unescaped = fixed != NULL ? scraper_html_unescape (fixed) : NULL;

  return scraper_ats_clean (unescaped);
}

static void
set_description (ScraperPosting *posting,
                 const char     *html,
                 const char     *salary_text)
{
  g_autofree char *fixed = fix_mojibake (html);
  g_autoptr(GString) body = g_string_new (NULL);

  /* A salary the board shows beside the text goes into it, where the
   * enricher reads it and the user sees it. */
  if (salary_text != NULL && *salary_text != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (salary_text, -1);

      g_string_append (body, "<p>");
      /* Translators: the first line of a posting's description when the
       * job board gives the salary apart from it */
      g_string_append_printf (body, _("Salary: %s"), escaped);
      g_string_append (body, "</p>");
    }
  if (fixed != NULL)
    g_string_append (body, fixed);
  if (body->len > 0)
    scraper_ats_set_description (posting, body->str);
}

static void
set_date (char       **field,
          JsonObject  *obj,
          const char  *member)
{
  gint64 seconds;

  if (*field != NULL)
    return;
  if (scraper_ats_json_string (obj, member) != NULL)
    *field = scraper_ats_date (scraper_ats_json_string (obj, member));
  else if (scraper_ats_json_int (obj, member, &seconds) && seconds > 0)
    *field = scraper_date_from_unix (seconds > 100000000000 ? seconds / 1000 : seconds);
}

static void
set_salary (ScraperPosting      *posting,
            JsonObject          *obj,
            const char          *min_member,
            const char          *max_member,
            const char          *currency,
            ScraperSalaryPeriod  period)
{
  double min = NAN, max = NAN;

  /* Zero is what these boards write for "not stated". */
  if (scraper_ats_json_number (obj, min_member, &min) && min <= 0)
    min = NAN;
  if (scraper_ats_json_number (obj, max_member, &max) && max <= 0)
    max = NAN;
  if (isnan (min) && isnan (max))
    return;
  posting->salary_min = min;
  posting->salary_max = max;
  posting->salary_currency = currency != NULL && strlen (currency) == 3 ? g_ascii_strup (currency, -1) : NULL;
  posting->salary_period = period;
}

/* Takes @locations. */
static void
set_locations (ScraperPosting *posting,
               GPtrArray      *locations)
{
  posting->locations = scraper_ats_strv_steal (locations);
}

/* One place of free text, without the separators a form left at its ends
 * ("How, " is "How"); nothing when what is left is a letter or less. */
static void
add_place (GPtrArray  *locations,
           const char *text)
{
  g_autofree char *clean = scraper_ats_clean (text);
  gsize len;

  if (clean == NULL)
    return;
  len = strlen (clean);
  while (len > 0 && strchr (",;|/- ", clean[len - 1]) != NULL)
    clean[--len] = '\0';
  if (g_utf8_strlen (clean, -1) > 1)
    scraper_ats_add_location (locations, clean);
}

/* A location field: one place, or when @comma_splits as Arbeitnow writes
 * them, several ("Hamburg, Berlin"). */
static void
add_location_text (GPtrArray  *locations,
                   const char *text,
                   gboolean    comma_splits)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return;
  if (!comma_splits)
    {
      add_place (locations, text);
      return;
    }
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    add_place (locations, parts[i]);
}

/* Adds the schema.org employment type @word names; boards also list
 * levels and fields there ("professional / experienced"), which are not. */
static void
add_type (GPtrArray  *types,
          const char *word)
{
  static const char * const known[] = {
    "FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", NULL
  };
  g_autofree char *type = word != NULL && *word != '\0' ? scraper_ats_employment_type (word) : NULL;

  if (type != NULL && g_strv_contains (known, type))
    scraper_ats_add_employment_type (types, word);
}

static void
add_types (ScraperPosting *posting,
           JsonObject     *obj,
           const char     *member)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = scraper_ats_json_array (obj, member);

  add_type (types, scraper_ats_json_string (obj, member));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
        add_type (types, json_node_get_string (el));
    }
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
}

static char *
resolve (const char *base_url,
         const char *href)
{
  return href != NULL ? scraper_url_resolve (base_url, href) : NULL;
}

/* Remotive: remote jobs only; who may apply from where is free text. */
static ScraperPosting *
read_remotive (JsonObject *job,
               const char *base_url)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *salary = text_member (job, "salary");

  p->external_id = scraper_ats_json_dup_id (job, "id");
  p->url = resolve (base_url, scraper_ats_json_string (job, "url"));
  p->title = text_member (job, "title");
  p->company = text_member (job, "company_name");
  add_types (p, job, "job_type");
  set_date (&p->date_posted, job, "publication_date");
  add_location_text (locations, scraper_ats_json_string (job, "candidate_required_location"), FALSE);
  set_locations (p, g_steal_pointer (&locations));
  p->remote = SCRAPER_REMOTE_REMOTE;
  set_description (p, scraper_ats_json_string (job, "description"), salary);
  return p;
}

/* Remote OK: remote jobs only; salaries in US dollars a year, 0 = none. */
static ScraperPosting *
read_remote_ok (JsonObject *job,
                const char *base_url)
{
  ScraperPosting *p;
  g_autoptr(GPtrArray) locations = NULL;

  if (json_object_has_member (job, "legal") || !json_object_has_member (job, "position"))
    return NULL;

  p = scraper_posting_new ();
  locations = g_ptr_array_new_with_free_func (g_free);
  p->external_id = scraper_ats_json_dup_id (job, "id");
  if (p->external_id == NULL)
    p->external_id = scraper_ats_json_dup_id (job, "slug");
  p->url = resolve (base_url, scraper_ats_json_string (job, "url"));
  p->apply_url = resolve (base_url, scraper_ats_json_string (job, "apply_url"));
  p->title = text_member (job, "position");
  p->company = text_member (job, "company");
  set_date (&p->date_posted, job, "date");
  set_date (&p->date_posted, job, "epoch");
  add_location_text (locations, scraper_ats_json_string (job, "location"), FALSE);
  set_locations (p, g_steal_pointer (&locations));
  p->remote = SCRAPER_REMOTE_REMOTE;
  set_salary (p, job, "salary_min", "salary_max", "USD", SCRAPER_SALARY_PERIOD_YEAR);
  set_description (p, scraper_ats_json_string (job, "description"), NULL);
  return p;
}

/* Himalayas: remote jobs with the countries they may be done from. */
static ScraperPosting *
read_himalayas (JsonObject *job,
                const char *base_url)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  JsonArray *where = scraper_ats_json_array (job, "locationRestrictions");
  const char *link = scraper_ats_json_string (job, "applicationLink");
  const char *guid = scraper_ats_json_string (job, "guid");

  p->external_id = g_strdup (guid != NULL ? guid : link);
  p->url = resolve (base_url, guid != NULL ? guid : link);
  p->apply_url = resolve (base_url, link);
  p->title = text_member (job, "title");
  p->company = text_member (job, "companyName");
  add_types (p, job, "employmentType");
  set_date (&p->date_posted, job, "pubDate");
  set_date (&p->valid_through, job, "expiryDate");
  for (guint i = 0; where != NULL && i < json_array_get_length (where); i++)
    {
      JsonNode *el = json_array_get_element (where, i);

      if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
        add_location_text (locations, json_node_get_string (el), FALSE);
    }
  set_locations (p, g_steal_pointer (&locations));
  p->remote = SCRAPER_REMOTE_REMOTE;
  set_salary (p, job, "minSalary", "maxSalary", scraper_ats_json_string (job, "currency"),
              scraper_ats_salary_period (scraper_ats_json_string (job, "salaryPeriod")));
  set_description (p, scraper_ats_json_string (job, "description"), NULL);
  return p;
}

/* Jobicy: remote jobs with a region ("USA", "Anywhere"). */
static ScraperPosting *
read_jobicy (JsonObject *job,
             const char *base_url)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);

  p->external_id = scraper_ats_json_dup_id (job, "id");
  p->url = resolve (base_url, scraper_ats_json_string (job, "url"));
  p->title = text_member (job, "jobTitle");
  p->company = text_member (job, "companyName");
  add_types (p, job, "jobType");
  set_date (&p->date_posted, job, "pubDate");
  add_location_text (locations, scraper_ats_json_string (job, "jobGeo"), FALSE);
  set_locations (p, g_steal_pointer (&locations));
  p->remote = SCRAPER_REMOTE_REMOTE;
  set_salary (p, job, "salaryMin", "salaryMax", scraper_ats_json_string (job, "salaryCurrency"),
              scraper_ats_salary_period (scraper_ats_json_string (job, "salaryPeriod")));
  set_description (p, scraper_ats_json_string (job, "jobDescription"), NULL);
  return p;
}

/* Arbeitnow: jobs in Germany and Europe, some remote. */
static ScraperPosting *
read_arbeitnow (JsonObject *job,
                const char *base_url)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  gboolean remote = FALSE;

  p->external_id = g_strdup (scraper_ats_json_string (job, "slug"));
  p->url = resolve (base_url, scraper_ats_json_string (job, "url"));
  p->title = text_member (job, "title");
  p->company = text_member (job, "company_name");
  add_types (p, job, "job_types");
  set_date (&p->date_posted, job, "created_at");
  add_location_text (locations, scraper_ats_json_string (job, "location"), TRUE);
  set_locations (p, g_steal_pointer (&locations));
  if (scraper_ats_json_boolean (job, "remote", &remote) && remote)
    p->remote = SCRAPER_REMOTE_REMOTE;
  set_description (p, scraper_ats_json_string (job, "description"), NULL);
  return p;
}

/* Breezy HR's <company>.breezy.hr/json: the positions, without their
 * texts; a salary as the company wrote it. */
static ScraperPosting *
read_breezy (JsonObject *job,
             const char *base_url)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  JsonArray *places = scraper_ats_json_array (job, "locations");
  JsonObject *location = scraper_ats_json_object (job, "location");
  JsonObject *type = scraper_ats_json_object (job, "type");
  JsonObject *company = scraper_ats_json_object (job, "company");
  g_autofree char *salary = text_member (job, "salary");
  gboolean remote = FALSE;

  p->external_id = g_strdup (scraper_ats_json_string (job, "id"));
  p->url = resolve (base_url, scraper_ats_json_string (job, "url"));
  p->title = text_member (job, "name");
  p->company = company != NULL ? text_member (company, "name") : NULL;
  if (type != NULL)
    {
      g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);

      add_type (types, scraper_ats_json_string (type, "name"));
      p->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
    }
  set_date (&p->date_posted, job, "published_date");
  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonObject *place = scraper_ats_json_array_object (places, i);

      gboolean here = FALSE;

      if (place != NULL)
        {
          add_location_text (locations, scraper_ats_json_string (place, "name"), FALSE);
          remote |= scraper_ats_json_boolean (place, "is_remote", &here) && here;
        }
    }
  if (locations->len == 0 && location != NULL)
    {
      gboolean here = FALSE;

      add_location_text (locations, scraper_ats_json_string (location, "name"), FALSE);
      remote |= scraper_ats_json_boolean (location, "is_remote", &here) && here;
    }
  set_locations (p, g_steal_pointer (&locations));
  if (remote)
    p->remote = SCRAPER_REMOTE_REMOTE;
  if (salary != NULL)
    set_description (p, NULL, salary);
  return p;
}

/* Rippling's board API: a posting once per place, merged by id. */
static ScraperPosting *
read_rippling (JsonObject *job,
               const char *base_url)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  JsonArray *places = scraper_ats_json_array (job, "locations");
  ScraperRemoteKind kind = SCRAPER_REMOTE_UNKNOWN;

  p->external_id = g_strdup (scraper_ats_json_string (job, "id"));
  p->url = resolve (base_url, scraper_ats_json_string (job, "url"));
  p->title = text_member (job, "name");
  /* ats.rippling.com/<company>/jobs/<id> */
  if (p->url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (p->url, G_URI_FLAGS_NONE, NULL);
      g_auto(GStrv) segments = uri != NULL ? g_strsplit (g_uri_get_path (uri), "/", 4) : NULL;

      if (segments != NULL && segments[0] != NULL && segments[1] != NULL && *segments[1] != '\0' &&
          segments[2] != NULL && g_str_equal (segments[2], "jobs"))
        p->company = scraper_ats_company_from_board (segments[1]);
    }
  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonObject *place = scraper_ats_json_array_object (places, i);
      ScraperRemoteKind k;

      if (place == NULL)
        continue;
      add_location_text (locations, scraper_ats_json_string (place, "name"), FALSE);
      k = scraper_ats_workplace_kind (scraper_ats_json_string (place, "workplaceType"));
      if (k == SCRAPER_REMOTE_REMOTE || (k == SCRAPER_REMOTE_HYBRID && kind != SCRAPER_REMOTE_REMOTE) ||
          kind == SCRAPER_REMOTE_UNKNOWN)
        kind = k;
    }
  set_locations (p, g_steal_pointer (&locations));
  p->remote = kind;
  return p;
}

/* Eightfold's careers API: positions with their places. */
static ScraperPosting *
read_eightfold (JsonObject *job,
                const char *base_url,
                const char *company)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  JsonArray *places = scraper_ats_json_array (job, "locations");
  const char *html = scraper_ats_json_string (job, "job_description");

  p->external_id = scraper_ats_json_dup_id (job, "id");
  p->url = resolve (base_url, scraper_ats_json_string (job, "canonicalPositionUrl"));
  p->title = text_member (job, "name");
  p->company = g_strdup (company);
  set_date (&p->date_posted, job, "t_create");
  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonNode *el = json_array_get_element (places, i);

      if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
        add_location_text (locations, json_node_get_string (el), FALSE);
    }
  if (locations->len == 0)
    add_location_text (locations, scraper_ats_json_string (job, "location"), FALSE);
  set_locations (p, g_steal_pointer (&locations));
  if (html != NULL && *html != '\0')
    set_description (p, html, NULL);
  return p;
}

/* JSON Feed: an item, and the schema.org JobPosting it may carry. */
static ScraperPosting *
read_json_feed_item (JsonObject *item,
                     const char *base_url,
                     const char *feed_title)
{
  ScraperPosting *p = NULL;
  JsonObject *job = scraper_ats_json_object (item, "_jobposting");
  const char *url = scraper_ats_json_string (item, "url");
  const char *html = scraper_ats_json_string (item, "content_html");
  JsonArray *authors = scraper_ats_json_array (item, "authors");
  JsonObject *author = authors != NULL ? scraper_ats_json_array_object (authors, 0)
                                       : scraper_ats_json_object (item, "author");

  if (url == NULL)
    url = scraper_ats_json_string (item, "external_url");

  if (job != NULL)
    {
      g_autofree char *page = resolve (base_url, url);

      p = scraper_jsonld_posting_from_object (job, page != NULL ? page : base_url);
    }
  if (p == NULL)
    p = scraper_posting_new ();

  if (p->external_id == NULL)
    p->external_id = scraper_ats_json_dup_id (item, "id");
  if (url != NULL)
    {
      g_free (p->url);
      p->url = resolve (base_url, url);
    }
  if (p->title == NULL)
    p->title = text_member (item, "title");
  set_date (&p->date_posted, item, "date_published");
  if (p->description_markup == NULL && p->description_text == NULL)
    {
      if (html != NULL)
        set_description (p, html, NULL);
      else if (scraper_ats_json_string (item, "content_text") != NULL)
        {
          /* Text, not markup: in a paragraph, so that what looks like
           * escaped HTML stays text. */
          g_autofree char *escaped = g_markup_escape_text (scraper_ats_json_string (item, "content_text"), -1);
          g_autofree char *html = g_strconcat ("<p>", escaped, "</p>", NULL);

          set_description (p, html, NULL);
        }
    }

  /* Teamtailor names the company in the posting's identifier, and the
   * feed after it. */
  if (p->company == NULL && job != NULL)
    p->company = text_member (scraper_ats_json_object (job, "identifier") != NULL
                              ? scraper_ats_json_object (job, "identifier") : job, "name");
  if (p->company == NULL && author != NULL)
    p->company = text_member (author, "name");
  if (p->company == NULL && job != NULL && feed_title != NULL)
    p->company = g_strdup (feed_title);

  if (p->title == NULL && p->url == NULL)
    g_clear_pointer (&p, scraper_posting_unref);
  return p;
}

/* @base_url with @name=@value (and @name2=@value2 unless NULL) in its
 * query, in place of what it had for them. */
static char *
with_query (const char *base_url,
            const char *name,
            gint64      value,
            const char *name2,
            gint64      value2)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) next = NULL;
  g_auto(GStrv) params = NULL;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);
  g_autofree char *prefix2 = name2 != NULL ? g_strconcat (name2, "=", NULL) : NULL;

  if (uri == NULL)
    return NULL;
  params = g_uri_get_query (uri) != NULL ? g_strsplit (g_uri_get_query (uri), "&", -1) : g_new0 (char *, 1);
  for (guint i = 0; params[i] != NULL; i++)
    if (*params[i] != '\0' && !g_str_has_prefix (params[i], prefix) &&
        (prefix2 == NULL || !g_str_has_prefix (params[i], prefix2)))
      g_string_append_printf (query, "%s&", params[i]);
  g_string_append_printf (query, "%s%" G_GINT64_FORMAT, prefix, value);
  if (prefix2 != NULL)
    g_string_append_printf (query, "&%s%" G_GINT64_FORMAT, prefix2, value2);
  next = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                      g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri), query->str, NULL);
  return g_uri_to_string (next);
}

/* The next page's address, when the document says there is one. */
static char *
next_page (Format      format,
           JsonObject *obj,
           const char *base_url)
{
  gint64 offset = 0, limit = 0, total = 0;

  if (obj == NULL)
    return NULL;

  switch (format)
    {
    case FORMAT_JSON_FEED:
      return resolve (base_url, scraper_ats_json_string (obj, "next_url"));
    case FORMAT_ARBEITNOW:
      {
        JsonObject *links = scraper_ats_json_object (obj, "links");

        return links != NULL ? resolve (base_url, scraper_ats_json_string (links, "next")) : NULL;
      }
    case FORMAT_HIMALAYAS:
      if (scraper_ats_json_int (obj, "offset", &offset) && scraper_ats_json_int (obj, "limit", &limit) &&
          scraper_ats_json_int (obj, "totalCount", &total) && limit > 0 && offset + limit < total)
        {
          return with_query (base_url, "offset", offset + limit, "limit", limit);
        }
      return NULL;
    case FORMAT_RIPPLING:
      if (scraper_ats_json_int (obj, "page", &offset) && scraper_ats_json_int (obj, "totalPages", &total) &&
          offset + 1 < total)
        return with_query (base_url, "page", offset + 1, NULL, 0);
      return NULL;
    case FORMAT_REMOTIVE:
    case FORMAT_REMOTE_OK:
    case FORMAT_JOBICY:
    case FORMAT_BREEZY:
    case FORMAT_EIGHTFOLD:
    case FORMAT_NONE:
    default:
      return NULL;
    }
}

static const char *
board_title (Format format)
{
  switch (format)
    {
    case FORMAT_BREEZY:
    case FORMAT_RIPPLING:
    case FORMAT_EIGHTFOLD:
      return NULL;
    case FORMAT_REMOTIVE:  return "Remotive";
    case FORMAT_REMOTE_OK: return "Remote OK";
    case FORMAT_HIMALAYAS: return "Himalayas";
    case FORMAT_JOBICY:    return "Jobicy";
    case FORMAT_ARBEITNOW: return "Arbeitnow";
    case FORMAT_JSON_FEED:
    case FORMAT_NONE:
    default:
      return NULL;
    }
}

static JsonNode *
parse (const char *data,
       gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, length -= 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || (data[i] != '{' && data[i] != '[') || !g_utf8_validate (data, (gssize) length, NULL) ||
      !scraper_json_parser_load (parser, data, (gssize) length, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

gboolean
scraper_feed_json_sniff (const char *data,
                         gsize       length)
{
  g_autoptr(JsonNode) root = NULL;

  if (data == NULL || length == 0)
    return FALSE;
  root = parse (data, length);
  return detect (root) != FORMAT_NONE;
}

GPtrArray *
scraper_feed_json_parse (const char  *data,
                         gsize        length,
                         const char  *base_url,
                         char       **title,
                         char       **next_url,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(ScraperAtsCollector) collector = NULL;
  g_autofree char *feed_title = NULL;
  JsonObject *obj = NULL;
  JsonArray *items = NULL;
  Format format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data != NULL && !scraper_json_depth_ok (data, (gssize) length, SCRAPER_JSON_MAX_DEPTH))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The feed could not be read: its JSON is nested more than %u levels deep"),
                   SCRAPER_JSON_MAX_DEPTH);
      return NULL;
    }
  root = data != NULL && length > 0 ? parse (data, length) : NULL;
  format = detect (root);
  if (format == FORMAT_NONE)
    {
      g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                           root == NULL ? _("The feed could not be read: it is neither XML nor JSON")
                                        : _("This JSON document is not a job feed this app knows"));
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    obj = json_node_get_object (root);
  switch (format)
    {
    case FORMAT_JSON_FEED:
      items = scraper_ats_json_array (obj, "items");
      feed_title = text_member (obj, "title");
      break;
    case FORMAT_REMOTE_OK:
      items = json_node_get_array (root);
      break;
    case FORMAT_ARBEITNOW:
      items = scraper_ats_json_array (obj, "data");
      break;
    case FORMAT_BREEZY:
      items = json_node_get_array (root);
      break;
    case FORMAT_RIPPLING:
      items = scraper_ats_json_array (obj, "items");
      break;
    case FORMAT_EIGHTFOLD:
      items = scraper_ats_json_array (obj, "positions");
      /* "albemarle.com": Albemarle's board. */
      feed_title = scraper_ats_company_from_board (scraper_ats_json_string (obj, "domain"));
      break;
    case FORMAT_REMOTIVE:
    case FORMAT_HIMALAYAS:
    case FORMAT_JOBICY:
    case FORMAT_NONE:
    default:
      items = scraper_ats_json_array (obj, "jobs");
      break;
    }

  collector = scraper_ats_collector_new ();
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = scraper_ats_json_array_object (items, i);
      ScraperPosting *p = NULL;

      if (item == NULL)
        continue;
      switch (format)
        {
        case FORMAT_JSON_FEED: p = read_json_feed_item (item, base_url, feed_title); break;
        case FORMAT_REMOTIVE:  p = read_remotive (item, base_url); break;
        case FORMAT_REMOTE_OK: p = read_remote_ok (item, base_url); break;
        case FORMAT_HIMALAYAS: p = read_himalayas (item, base_url); break;
        case FORMAT_JOBICY:    p = read_jobicy (item, base_url); break;
        case FORMAT_ARBEITNOW: p = read_arbeitnow (item, base_url); break;
        case FORMAT_BREEZY:    p = read_breezy (item, base_url); break;
        case FORMAT_RIPPLING:  p = read_rippling (item, base_url); break;
        case FORMAT_EIGHTFOLD: p = read_eightfold (item, base_url, feed_title); break;
        case FORMAT_NONE:
        default:
          break;
        }
      if (p != NULL && (p->title != NULL || p->url != NULL))
        scraper_ats_collector_add (collector, p);
      else if (p != NULL)
        scraper_posting_unref (p);
    }
  postings = scraper_ats_collector_finish (g_steal_pointer (&collector));

  if (title != NULL)
    *title = format == FORMAT_JSON_FEED || format == FORMAT_EIGHTFOLD ? g_steal_pointer (&feed_title)
                                                                      : g_strdup (board_title (format));
  if (next_url != NULL)
    *next_url = next_page (format, obj, base_url);
  return g_steal_pointer (&postings);
}
