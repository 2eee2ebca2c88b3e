/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-manual"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "scraper-adapter-ats.h"
#include "scraper-html-private.h"
#include "scraper-manual.h"
#include "scraper-normalize.h"

/* ------------------------------------------------------------------ */
/* Posting URLs of known boards                                        */

static char **
path_segments (GUri *uri)
{
  g_auto(GStrv) parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        /* An invalid escape ("%00") stays as it is, and fails token_ok(). */
        char *segment = g_uri_unescape_string (parts[i], NULL);
        g_ptr_array_add (segments, segment != NULL ? segment : g_strdup (parts[i]));
      }
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

static gboolean
host_is (const char *host,
         const char *name)
{
  return g_ascii_strcasecmp (host, name) == 0;
}

static gboolean
host_ends (const char *host,
           const char *suffix)
{
  gsize lh = strlen (host), ls = strlen (suffix);

  return lh > ls && g_ascii_strcasecmp (host + lh - ls, suffix) == 0;
}

/* A board or posting token that can go into a URL path as it is. */
static gboolean
token_ok (const char *token)
{
  if (token == NULL || *token == '\0' || strlen (token) > 200)
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return !g_str_equal (token, ".") && !g_str_equal (token, "..");
}

static char *
first_label (const char *host)
{
  const char *dot = strchr (host, '.');

  return g_ascii_strdown (host, dot != NULL ? dot - host : -1);
}

gboolean
scraper_manual_board_posting (const char  *url,
                              char       **kind_out,
                              char       **api_out,
                              char       **id_out)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) seg = NULL;
  g_autofree char *board = NULL;
  g_autofree char *id = NULL;
  g_autofree char *api = NULL;
  const char *kind = NULL;
  const char *host;
  guint n;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    return FALSE;
  seg = path_segments (uri);
  n = g_strv_length (seg);

  if (host_is (host, "boards.greenhouse.io") || host_is (host, "job-boards.greenhouse.io") ||
      host_is (host, "boards.eu.greenhouse.io") || host_is (host, "job-boards.eu.greenhouse.io"))
    {
      gboolean eu = host_ends (host, ".eu.greenhouse.io");

      /* /acme/jobs/123 */
      if (n >= 3 && g_str_equal (seg[1], "jobs"))
        board = g_strdup (seg[0]), id = g_strdup (seg[2]);
      if (token_ok (board) && token_ok (id))
        kind = "greenhouse",
        api = g_strdup_printf ("https://%s/v1/boards/%s/jobs/%s?content=true",
                               eu ? "boards-api.eu.greenhouse.io" : "boards-api.greenhouse.io", board, id);
    }
  else if (host_is (host, "jobs.lever.co") || host_is (host, "jobs.eu.lever.co"))
    {
      gboolean eu = host_ends (host, ".eu.lever.co");

      /* /acme/UUID[/apply] */
      if (n >= 2)
        board = g_strdup (seg[0]), id = g_strdup (seg[1]);
      if (token_ok (board) && token_ok (id))
        kind = "lever",
        api = g_strdup_printf ("https://%s/v0/postings/%s/%s",
                               eu ? "api.eu.lever.co" : "api.lever.co", board, id);
    }
  else if (host_is (host, "jobs.ashbyhq.com"))
    {
      /* /acme/UUID[/application] */
      if (n >= 2)
        board = g_strdup (seg[0]), id = g_strdup (seg[1]);
      if (token_ok (board) && token_ok (id))
        kind = "ashby",
        api = g_strdup_printf ("https://api.ashbyhq.com/posting-api/job-board/%s?includeCompensation=true",
                               board);
    }
  else if (host_is (host, "apply.workable.com"))
    {
      /* /acme/j/SHORTCODE[/] */
      if (n >= 3 && g_str_equal (seg[1], "j"))
        board = g_strdup (seg[0]), id = g_strdup (seg[2]);
      if (token_ok (board) && token_ok (id))
        kind = "workable",
        api = g_strdup_printf ("https://apply.workable.com/api/v1/widget/accounts/%s", board);
    }
  else if (host_is (host, "jobs.smartrecruiters.com") || host_is (host, "careers.smartrecruiters.com"))
    {
      /* /Acme/743999-senior-engineer: the id is the leading digits. */
      if (n >= 2)
        {
          gsize digits = strspn (seg[1], "0123456789");

          board = g_strdup (seg[0]);
          if (digits > 0)
            id = g_strndup (seg[1], digits);
        }
      if (token_ok (board) && token_ok (id))
        kind = "smartrecruiters",
        api = g_strdup_printf ("https://api.smartrecruiters.com/v1/companies/%s/postings/%s", board, id);
    }
  else if (host_ends (host, ".recruitee.com") && !host_is (host, "www.recruitee.com") &&
           !host_is (host, "api.recruitee.com"))
    {
      /* acme.recruitee.com/o/senior-engineer */
      board = first_label (host);
      if (n >= 2 && g_str_equal (seg[0], "o"))
        id = g_strdup (seg[1]);
      if (token_ok (board) && token_ok (id))
        kind = "recruitee",
        api = g_strdup_printf ("https://%s.recruitee.com/api/offers/", board);
    }
  else if (host_ends (host, ".jobs.personio.de") || host_ends (host, ".jobs.personio.com"))
    {
      /* acme.jobs.personio.de/job/123456 */
      board = first_label (host);
      if (n >= 2 && g_str_equal (seg[0], "job"))
        id = g_strdup (seg[1]);
      if (token_ok (board) && token_ok (id))
        kind = "personio",
        api = g_strdup_printf ("https://%s.jobs.personio.%s/xml", board,
                               host_ends (host, ".de") ? "de" : "com");
    }

  if (kind == NULL)
    return FALSE;
  if (kind_out != NULL)
    *kind_out = g_strdup (kind);
  if (api_out != NULL)
    *api_out = g_steal_pointer (&api);
  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading the posting                                                 */

static ScraperAtsParseFunc
parse_func (const char *kind)
{
  if (g_str_equal (kind, "greenhouse"))
    return scraper_greenhouse_parse;
  if (g_str_equal (kind, "lever"))
    return scraper_lever_parse;
  if (g_str_equal (kind, "ashby"))
    return scraper_ashby_parse;
  if (g_str_equal (kind, "workable"))
    return scraper_workable_parse;
  if (g_str_equal (kind, "smartrecruiters"))
    return scraper_smartrecruiters_parse;
  if (g_str_equal (kind, "recruitee"))
    return scraper_recruitee_parse;
  return scraper_personio_parse;
}

/* A SmartRecruiters posting's own document has its text in
 * jobAd.sections.{companyDescription, jobDescription, qualifications,
 * additionalInformation}.{title, text}. */
static void
smartrecruiters_description (const char     *data,
                             gsize           length,
                             ScraperPosting *posting)
{
  static const char * const sections[] = {
    "companyDescription", "jobDescription", "qualifications", "additionalInformation",
  };
  g_autoptr(JsonNode) root = scraper_ats_parse_json (data, length, "SmartRecruiters", "", JSON_NODE_OBJECT, NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  JsonObject *ad, *all;

  if (root == NULL)
    return;
  ad = scraper_ats_json_object (json_node_get_object (root), "jobAd");
  all = scraper_ats_json_object (ad, "sections");
  for (guint i = 0; all != NULL && i < G_N_ELEMENTS (sections); i++)
    {
      JsonObject *section = scraper_ats_json_object (all, sections[i]);
      const char *title = scraper_ats_json_string (section, "title");
      const char *text = scraper_ats_json_string (section, "text");

      if (text == NULL)
        continue;
      if (title != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (title, -1);

          g_string_append_printf (html, "<h3>%s</h3>", escaped);
        }
      g_string_append (html, text);
    }
  if (html->len > 0)
    scraper_ats_set_description (posting, html->str);
}

static gboolean
url_names_posting (const char *url,
                   const char *id)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  if (url == NULL)
    return FALSE;
  trimmed = g_strdup (url);
  trimmed[strcspn (trimmed, "?#")] = '\0';
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  return g_str_has_suffix (trimmed, id) && len > strlen (id) && trimmed[len - strlen (id) - 1] == '/';
}

/* The posting from the board's API, or NULL (@error set: a fetch error,
 * or SCRAPER_ADAPTER_ERROR_NO_POSTINGS when the board does not list it). */
static ScraperPosting *
fetch_from_board (ScraperFetcher  *fetcher,
                  const char      *url,
                  const char      *kind,
                  const char      *api,
                  const char      *id,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  ScraperAtsParseContext context = { 0 };
  const char *data;
  gsize length = 0;

  response = scraper_adapter_fetch (fetcher, api, NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  data = g_bytes_get_data (response->body, &length);

  /* The boards that have a document per posting answer the entry their
   * list would hold: the list parser reads it wrapped in a list. */
  if (g_str_equal (kind, "greenhouse") || g_str_equal (kind, "lever") ||
      g_str_equal (kind, "smartrecruiters"))
    {
      const char *open = g_str_equal (kind, "greenhouse") ? "{\"jobs\":["
                         : g_str_equal (kind, "lever") ? "["
                         : "{\"totalFound\":1,\"content\":[";
      const char *close = g_str_equal (kind, "lever") ? "]" : "]}";
      GString *text = g_string_sized_new (length + 40);

      g_string_append (text, open);
      g_string_append_len (text, data != NULL ? data : "", (gssize) length);
      g_string_append (text, close);
      wrapped = g_string_free_to_bytes (text);
      data = g_bytes_get_data (wrapped, &length);
    }

  context.base_url = response->url != NULL ? response->url : api;
  {
    g_autofree char *board = NULL;
    g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

    /* The board's token names the company when the document does not. */
    if (uri != NULL)
      {
        g_auto(GStrv) seg = path_segments (uri);
        const char *host = g_uri_get_host (uri);

        board = g_str_equal (kind, "recruitee") || g_str_equal (kind, "personio")
                ? first_label (host) : g_strdup (seg[0]);
      }
    context.board = board;
    postings = parse_func (kind) (data, length, &context, error);
  }
  if (postings == NULL)
    return NULL;

  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      if (postings->len == 1 && wrapped != NULL)
        {
          if (g_str_equal (kind, "smartrecruiters"))
            smartrecruiters_description (g_bytes_get_data (response->body, NULL),
                                         g_bytes_get_size (response->body), posting);
          return scraper_posting_ref (posting);
        }
      if (g_strcmp0 (posting->external_id, id) == 0 || url_names_posting (posting->url, id))
        return scraper_posting_ref (posting);
    }

  g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
               _("The board no longer lists the posting at %s"), url);
  return NULL;
}

static gboolean
same_page (const char *a,
           const char *b)
{
  g_autoptr(GUri) ua = a != NULL ? g_uri_parse (a, G_URI_FLAGS_PARSE_RELAXED, NULL) : NULL;
  g_autoptr(GUri) ub = b != NULL ? g_uri_parse (b, G_URI_FLAGS_PARSE_RELAXED, NULL) : NULL;
  g_autofree char *pa = NULL, *pb = NULL;

  if (ua == NULL || ub == NULL || g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) != 0)
    return FALSE;
  pa = g_strdup (g_uri_get_path (ua));
  pb = g_strdup (g_uri_get_path (ub));
  g_strchomp (pa), g_strchomp (pb);
  while (strlen (pa) > 1 && pa[strlen (pa) - 1] == '/')
    pa[strlen (pa) - 1] = '\0';
  while (strlen (pb) > 1 && pb[strlen (pb) - 1] == '/')
    pb[strlen (pb) - 1] = '\0';
  return g_str_equal (pa, pb) && g_strcmp0 (g_uri_get_query (ua), g_uri_get_query (ub)) == 0;
}

/* The JobPosting of the page at @url, or NULL with @error; @landed: where
 * the redirects ended, when the page was read. */
static ScraperPosting *
fetch_from_page (ScraperFetcher  *fetcher,
                 const char      *url,
                 char           **landed,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  const char *page_url;
  const char *data;
  gsize length = 0;
  htmlDocPtr doc;

  response = scraper_adapter_fetch (fetcher, url, NULL, cancellable, error);
  if (response == NULL)
    return NULL;
  page_url = response->url != NULL ? response->url : url;
  *landed = g_strdup (page_url);
  data = g_bytes_get_data (response->body, &length);

  doc = scraper_html_parse (data != NULL ? data : "", length, response->charset, page_url);
  postings = scraper_jsonld_extract_from_doc (doc, page_url, NULL);
  xmlFreeDoc (doc);

  if (postings == NULL || postings->len == 0)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
                   _("There is no job posting at %s: the page has no JobPosting data and is not a posting of a known board"),
                   url);
      return NULL;
    }

  /* A page may list others ("similar jobs"): the one about this page wins. */
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      if (same_page (posting->url, page_url) || same_page (posting->url, url))
        return scraper_posting_ref (posting);
    }
  return scraper_posting_ref (g_ptr_array_index (postings, 0));
}

ScraperPosting *
scraper_manual_fetch_posting (ScraperFetcher  *fetcher,
                              const char      *url,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *api = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) board_error = NULL;
  ScraperPosting *posting = NULL;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A known board's API first: its document is the posting's own, with
   * fields the page's markup may not carry, and one request. */
  if (scraper_manual_board_posting (url, &kind, &api, &id))
    {
      posting = fetch_from_board (fetcher, url, kind, api, id, cancellable, &board_error);
      if (posting == NULL)
        {
          /* Gone from the board, or cancelled: the page will not say more. */
          if (g_error_matches (board_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              scraper_manual_error_is_gone (board_error))
            {
              g_propagate_error (error, g_steal_pointer (&board_error));
              return NULL;
            }
          g_debug ("Reading %s from its board failed (%s); reading the page", url, board_error->message);
        }
    }

  if (posting == NULL)
    {
      g_autofree char *landed = NULL;
      g_autofree char *landed_kind = NULL, *landed_api = NULL, *landed_id = NULL;
      g_autoptr(GError) page_error = NULL;

      posting = fetch_from_page (fetcher, url, &landed, cancellable, &page_error);
      /* A short link (grnh.se/…, smrtr.io/…) or another redirect that
       * ends on a posting of a known board, whose page has no JobPosting
       * data: the board's API has it. */
      if (posting == NULL && kind == NULL &&
          g_error_matches (page_error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS) &&
          landed != NULL && g_strcmp0 (landed, url) != 0 &&
          scraper_manual_board_posting (landed, &landed_kind, &landed_api, &landed_id))
        posting = fetch_from_board (fetcher, landed, landed_kind, landed_api, landed_id, cancellable, error);
      else if (posting == NULL)
        g_propagate_error (error, g_steal_pointer (&page_error));
    }
  if (posting == NULL)
    return NULL;

  posting->source_id = 0;
  if (posting->url == NULL)
    posting->url = g_strdup (url);
  if (posting->apply_url == NULL)
    posting->apply_url = g_strdup (posting->url);
  scraper_posting_normalize (posting);
  return posting;
}

gboolean
scraper_manual_error_is_gone (const GError *error)
{
  guint status;

  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS))
    return TRUE;
  status = error->domain == SCRAPER_FETCH_ERROR ? scraper_fetch_error_get_status (error) : 0;
  return status == 404 || status == 410;
}

/* ------------------------------------------------------------------ */
/* The adapter                                                         */

gboolean
scraper_adapter_manual_run (ScraperSource                 *source,
                            ScraperFetcher                *fetcher,
                            const ScraperAdapterCallbacks *callbacks,
                            ScraperAdapterStats           *stats,
                            GCancellable                  *cancellable,
                            GError                       **error)
{
  g_autoptr(ScraperPosting) posting = NULL;
  g_autoptr(ScraperBatcher) batcher = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Never complete: a run of a tracked posting archives nothing. */
  stats->complete = FALSE;
  scraper_adapter_report (callbacks, 0, 1, _("Reading the tracked posting"));

  posting = scraper_manual_fetch_posting (fetcher, source->url, cancellable, &local_error);
  if (posting == NULL)
    {
      if (scraper_manual_error_is_gone (local_error))
        {
          /* The user tracks it: what was stored stays, as it was. */
          scraper_adapter_warn (callbacks, stats, _("The posting is no longer at %s; it is kept as it was"),
                                source->url);
          scraper_adapter_report (callbacks, 1, 1, NULL);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stats->pages_fetched++;
  batcher = scraper_batcher_new (source, callbacks, stats);
  if (!scraper_batcher_add (batcher, posting, error) || !scraper_batcher_flush (batcher, error))
    return FALSE;
  scraper_adapter_report (callbacks, 1, 1, NULL);
  return TRUE;
}
