/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jobvite"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* Kind "jobvite": a Jobvite careers site, jobs.jobvite.com/SLUG.  Jobvite's
 * public list is an XML feed keyed by the company's "companyEId", which the
 * site's pages name in their script ("companyEId: 'q6NaVfwI'"), not by the
 * slug:
 *
 *   GET https://app.jobvite.com/CompanyJobs/Xml.aspx?c=EID
 *   <result><job><id>oAbC1fwX</id><title/><requisitionid/><category/>
 *     <jobtype>Full-Time</jobtype><location>Austin, TX</location>
 *     <date>11/20/2026</date><detail-url/><apply-url/><description/>
 *     <briefdescription/></job>...</result>
 *
 * So a run reads the site's page once for the id, then the feed; a feed
 * address pasted as it is (…/Xml.aspx?c=EID) is read directly. */

static gboolean
node_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static char *
child_content (xmlNode    *parent,
               const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (node_is (n, name))
      {
        xmlChar *content = xmlNodeGetContent (n);
        char *ret = g_strdup ((const char *) content);

        xmlFree (content);
        return ret;
      }
  return NULL;
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  g_autofree char *content = child_content (parent, name);

  return content != NULL ? scraper_text_clean (content) : NULL;
}

/* "11/20/2026" (month first, as Jobvite writes it) -> "2026-11-20". */
char *
scraper_jobvite_date (const char *str)
{
  guint month = 0, day = 0, year = 0;
  char extra;

  if (str == NULL)
    return NULL;
  switch (sscanf (str, "%u/%u/%u%c", &month, &day, &year, &extra))
    {
    case 3:
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1990 && year <= 9999 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
      return NULL;
    case 4:
      return NULL;   /* a date with something after it */
    default:
      return scraper_ats_date (str);
    }
}

static ScraperPosting *
read_job (xmlNode                *job,
          ScraperAtsParseContext *context)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *detail = child_text (job, "detail-url");
  g_autofree char *apply = child_text (job, "apply-url");
  g_autofree char *location = child_text (job, "location");
  g_autofree char *type = child_text (job, "jobtype");
  g_autofree char *date = child_text (job, "date");
  g_autofree char *html = child_content (job, "description");

  posting->source_id = context->source_id;
  posting->external_id = child_text (job, "id");
  if (posting->external_id == NULL)
    posting->external_id = child_text (job, "requisitionid");
  posting->title = child_text (job, "title");
  posting->url = detail != NULL ? scraper_url_resolve (context->base_url, detail) : NULL;
  if (posting->url == NULL && apply != NULL)
    posting->url = scraper_url_resolve (context->base_url, apply);
  if (posting->external_id == NULL || posting->title == NULL || posting->url == NULL)
    return NULL;
  posting->apply_url = apply != NULL ? scraper_url_resolve (context->base_url, apply) : NULL;
  if (posting->apply_url == NULL)
    posting->apply_url = g_strdup (posting->url);
  posting->company = scraper_ats_company_from_board (context->board);

  scraper_ats_add_location (locations, location);
  if (locations->len > 0)
    posting->country = scraper_ats_country_from_location (g_ptr_array_index (locations, 0));
  posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  scraper_ats_add_employment_type (types, type);
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
  posting->date_posted = scraper_jobvite_date (date);

  if (html == NULL || g_strstrip (html)[0] == '\0')
    {
      g_free (html);
      html = child_content (job, "briefdescription");
    }
  scraper_ats_set_description (posting, html);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_jobvite_parse (const char             *data,
                       gsize                   length,
                       ScraperAtsParseContext *context,
                       GError                **error)
{
  g_autoptr(ScraperAtsCollector) collector = NULL;
  const char *board;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (context != NULL, NULL);

  board = context->board != NULL ? context->board : "?";
  if (data == NULL || length == 0 || length > G_MAXINT ||
      (doc = xmlReadMemory (data, (int) length, context->base_url, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Jobvite feed of “%s” is not well-formed XML; check the board’s address"), board);
      return NULL;
    }
  if (scraper_xml_declares_entities (doc))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Jobvite feed of “%s” declares entities of its own, which are not read"), board);
      xmlFreeDoc (doc);
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !node_is (root, "result"))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Jobvite feed of “%s” is XML but not a list of jobs; check the board’s address"), board);
      xmlFreeDoc (doc);
      return NULL;
    }

  collector = scraper_ats_collector_new ();
  context->n_items = 0;
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      ScraperPosting *posting;

      if (!node_is (node, "job") || (posting = read_job (node, context)) == NULL)
        continue;
      context->n_items++;
      scraper_ats_collector_add (collector, posting);
    }
  context->total = context->n_items;
  xmlFreeDoc (doc);

  return scraper_ats_collector_finish (g_steal_pointer (&collector));
}

char *
scraper_jobvite_find_company_id (const char *page,
                                 gsize       length)
{
  static const char * const patterns[] = {
    "companyEId\\s*[:=]\\s*['\"]([A-Za-z0-9]{4,32})['\"]",
    "CompanyJobs/[A-Za-z]+\\.aspx\\?(?:[^\"'<> ]*&(?:amp;)?)?c=([A-Za-z0-9]{4,32})",
  };

  if (page == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (patterns[i], G_REGEX_RAW, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (regex != NULL && g_regex_match_full (regex, page, (gssize) length, 0, 0, &match, NULL))
        return g_match_info_fetch (match, 1);
    }
  return NULL;
}

gboolean
scraper_adapter_jobvite_run (ScraperSource                 *source,
                             ScraperFetcher                *fetcher,
                             const ScraperAdapterCallbacks *callbacks,
                             ScraperAdapterStats           *stats,
                             GCancellable                  *cancellable,
                             GError                       **error)
{
  static const ScraperAtsKind kind = { "jobvite", "Jobvite", scraper_jobvite_parse };
  g_autofree char *board = NULL;
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperAtsParseContext context = { 0 };
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  url = scraper_ats_api_url ("jobvite", source->url != NULL ? source->url : "", &board, error);
  if (url == NULL)
    return FALSE;

  message = g_strdup_printf (_("Reading the %s board “%s”"), kind.label, board);
  scraper_adapter_report (callbacks, 0, 0, message);

  if (strstr (url, "Xml.aspx") == NULL)
    {
      /* The site's page: it names the feed's company id. */
      g_autofree char *company_id = NULL;

      response = scraper_ats_fetch (&kind, board, fetcher, url, callbacks, FALSE, cancellable, error);
      if (response == NULL)
        return FALSE;
      stats->pages_fetched++;
      data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
      company_id = scraper_jobvite_find_company_id (data, length);
      if (company_id == NULL)
        {
          g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
                       _("The Jobvite site “%s” does not name its job feed; paste the feed’s address "
                         "(…/CompanyJobs/Xml.aspx?c=…) instead"), board);
          return FALSE;
        }
      g_free (url);
      url = g_strdup_printf ("https://app.jobvite.com/CompanyJobs/Xml.aspx?c=%s", company_id);
      g_clear_pointer (&response, scraper_response_free);
    }

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
  postings = scraper_jobvite_parse (data, length, &context, error);
  if (postings == NULL)
    return FALSE;

  if (!scraper_ats_deliver (postings, callbacks, 0, postings->len, cancellable, error))
    return FALSE;
  if (postings->len == 0)
    scraper_adapter_report (callbacks, 0, 0, _("The board has no postings"));
  stats->postings_found += postings->len;
  stats->complete = TRUE;
  return TRUE;
}
