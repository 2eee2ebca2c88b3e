/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-adapter"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>

#include "model/scraper-json-guard.h"
#include "scraper-adapter-private.h"
#include "scraper-boards-private.h"
#include "scraper-feed-json.h"
#include "scraper-handoff-private.h"
#include "scraper-html-private.h"
#include "scraper-manual.h"
#include "scraper-normalize.h"

G_DEFINE_QUARK (scraper-adapter-error-quark, scraper_adapter_error)

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */

static const struct {
  const char            *kind;
  ScraperAdapterRunFunc  run;
} adapters[] = {
  { "jsonld",          scraper_adapter_jsonld_run },
  { "feed",            scraper_adapter_feed_run },
  { "html",            scraper_adapter_html_run },
  { "greenhouse",      scraper_adapter_greenhouse_run },
  { "lever",           scraper_adapter_lever_run },
  { "ashby",           scraper_adapter_ashby_run },
  { "workable",        scraper_adapter_workable_run },
  { "smartrecruiters", scraper_adapter_smartrecruiters_run },
  { "recruitee",       scraper_adapter_recruitee_run },
  { "personio",        scraper_adapter_personio_run },
  { "workday",         scraper_adapter_workday_run },
  { "bamboohr",        scraper_adapter_bamboohr_run },
  { "pinpoint",        scraper_adapter_pinpoint_run },
  { "gem",             scraper_adapter_gem_run },
  { "jobvite",         scraper_adapter_jobvite_run },
  { "join",            scraper_adapter_join_run },
  { "paylocity",       scraper_adapter_paylocity_run },
  { "phenom",          scraper_adapter_phenom_run },
  { "manual",          scraper_adapter_manual_run },
};

gboolean
scraper_adapter_run (ScraperSource                 *source,
                     ScraperFetcher                *fetcher,
                     const ScraperAdapterCallbacks *callbacks,
                     ScraperAdapterStats           *stats,
                     GCancellable                  *cancellable,
                     GError                       **error)
{
  static const ScraperAdapterCallbacks no_callbacks = { 0 };
  ScraperAdapterStats local_stats = { 0 };

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (callbacks == NULL)
    callbacks = &no_callbacks;
  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  if (source->url == NULL || *source->url == '\0')
    {
      g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                           _("The source has no URL"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    {
      if (g_strcmp0 (source->kind, adapters[i].kind) != 0)
        continue;
      if (adapters[i].run == NULL)
        {
          g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND,
                       _("The %s adapter is not available in this build"), source->kind);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      return adapters[i].run (source, fetcher, callbacks, stats, cancellable, error);
    }

  g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND,
               _("“%s” is not a kind of source this version knows"),
               source->kind ? source->kind : "");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Kind from the URL                                                   */

static gboolean
host_is (const char *host,
         const char *domain)
{
  gsize hl = strlen (host), dl = strlen (domain);

  return g_ascii_strcasecmp (host, domain) == 0 ||
         (hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0);
}

const char *
scraper_adapter_guess_kind (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *host;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return NULL;
  path = g_ascii_strdown (g_uri_get_path (uri), -1);

  if (g_ascii_strcasecmp (host, "boards.greenhouse.io") == 0 ||
      g_ascii_strcasecmp (host, "boards-api.greenhouse.io") == 0 ||
      g_ascii_strcasecmp (host, "job-boards.greenhouse.io") == 0 ||
      g_ascii_strcasecmp (host, "job-boards.eu.greenhouse.io") == 0 ||
      g_ascii_strcasecmp (host, "boards.eu.greenhouse.io") == 0)
    return "greenhouse";
  if (g_ascii_strcasecmp (host, "jobs.lever.co") == 0 || g_ascii_strcasecmp (host, "api.lever.co") == 0 ||
      g_ascii_strcasecmp (host, "jobs.eu.lever.co") == 0 || g_ascii_strcasecmp (host, "api.eu.lever.co") == 0)
    return "lever";
  if (g_ascii_strcasecmp (host, "jobs.ashbyhq.com") == 0 || g_ascii_strcasecmp (host, "api.ashbyhq.com") == 0)
    return "ashby";
  if (g_ascii_strcasecmp (host, "apply.workable.com") == 0)
    return "workable";
  if (host_is (host, "smartrecruiters.com"))
    return "smartrecruiters";
  if (host_is (host, "recruitee.com"))
    return "recruitee";
  if (host_is (host, "jobs.personio.de") || host_is (host, "jobs.personio.com"))
    return "personio";
  if (host_is (host, "myworkdayjobs.com") || host_is (host, "myworkdaysite.com"))
    return "workday";
  if (host_is (host, "bamboohr.com") && g_ascii_strcasecmp (host, "bamboohr.com") != 0 &&
      g_ascii_strcasecmp (host, "www.bamboohr.com") != 0)
    return "bamboohr";
  if (host_is (host, "pinpointhq.com") && g_ascii_strcasecmp (host, "pinpointhq.com") != 0 &&
      g_ascii_strcasecmp (host, "www.pinpointhq.com") != 0)
    return "pinpoint";
  if (g_ascii_strcasecmp (host, "jobs.gem.com") == 0 ||
      (g_ascii_strcasecmp (host, "api.gem.com") == 0 && g_str_has_prefix (path, "/job_board/")))
    return "gem";
  if (g_ascii_strcasecmp (host, "jobs.jobvite.com") == 0 ||
      ((host_is (host, "jobvite.com")) && g_str_has_prefix (path, "/companyjobs/")))
    return "jobvite";
  if ((g_ascii_strcasecmp (host, "join.com") == 0 || g_ascii_strcasecmp (host, "www.join.com") == 0) &&
      g_str_has_prefix (path, "/companies/"))
    return "join";
  if (host_is (host, "paylocity.com") && g_str_has_prefix (path, "/recruiting/jobs/all/"))
    return "paylocity";

  len = strlen (path);
  while (len > 1 && path[len - 1] == '/')
    path[--len] = '\0';

  /* The APIs of remote-work job boards, Teamtailor's JSON Feed, and the
   * JSON of the Breezy HR, Rippling and Eightfold boards. */
  if ((host_is (host, "remotive.com") && g_str_has_prefix (path, "/api/")) ||
      ((host_is (host, "remoteok.com") || host_is (host, "remoteok.io")) && g_str_has_prefix (path, "/api")) ||
      (host_is (host, "himalayas.app") && g_str_has_suffix (path, "/api")) ||
      (host_is (host, "jobicy.com") && g_str_has_prefix (path, "/api/")) ||
      (host_is (host, "arbeitnow.com") && g_str_has_prefix (path, "/api/")) ||
      (host_is (host, "teamtailor.com") && g_str_has_suffix (path, "/jobs.json")) ||
      (host_is (host, "breezy.hr") && strcmp (path, "/json") == 0) ||
      (host_is (host, "ats.rippling.com") && g_str_has_prefix (path, "/api/")) ||
      (host_is (host, "eightfold.ai") && g_str_has_prefix (path, "/api/apply/")))
    return "feed";

  /* The boards' API paths, wherever they are served (a mirror, a proxy). */
  {
    static const struct { const char *pattern; const char *kind; } api_paths[] = {
      { "*/v1/boards/*/jobs", "greenhouse" },
      { "*/v0/postings/*", "lever" },
      { "*/posting-api/job-board/*", "ashby" },
      { "*/api/v1/widget/accounts/*", "workable" },
      { "*/v1/companies/*/postings", "smartrecruiters" },
      { "*/api/offers", "recruitee" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (api_paths); i++)
      if (g_pattern_match_simple (api_paths[i].pattern, path))
        return api_paths[i].kind;
  }
  if (g_str_has_suffix (path, ".rss") || g_str_has_suffix (path, ".atom") ||
      g_str_has_suffix (path, "/feed") || g_str_has_suffix (path, "/rss") ||
      g_str_has_suffix (path, "/atom") || g_str_has_suffix (path, "/feed.xml") ||
      g_str_has_suffix (path, "/rss.xml") || g_str_has_suffix (path, "/atom.xml") ||
      strcmp (path, "/feed") == 0 || strcmp (path, "/rss") == 0)
    return "feed";

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Kind from the content                                               */

static gboolean
body_is_feed (const char *data,
              gsize       length)
{
  const char *p = data, *end = data + length;

  /* Skip a BOM, white space, the XML declaration, comments and doctypes. */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  for (guint guard = 0; guard < 32 && p < end; guard++)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (end - p >= 2 && p[0] == '<' && (p[1] == '?' || p[1] == '!'))
        {
          const char *close = memchr (p, '>', end - p);
          if (close == NULL)
            return FALSE;
          p = close + 1;
          continue;
        }
      break;
    }
  if (p >= end || *p != '<')
    return FALSE;
  p++;
  /* A prefixed root ("<rdf:RDF", "<atom:feed"). */
  {
    const char *q = p;
    while (q < end && (g_ascii_isalnum (*q) || *q == '-' || *q == '_'))
      q++;
    if (q < end && *q == ':')
      p = q + 1;
  }
  return (end - p >= 4 && g_ascii_strncasecmp (p, "rss", 3) == 0 && !g_ascii_isalnum (p[3])) ||
         (end - p >= 5 && g_ascii_strncasecmp (p, "feed", 4) == 0 && !g_ascii_isalnum (p[4])) ||
         (end - p >= 4 && strncmp (p, "RDF", 3) == 0 && !g_ascii_isalnum (p[3]));
}

static gboolean
first_element_has (JsonArray  *array,
                   const char *member)
{
  JsonNode *first;

  if (array == NULL || json_array_get_length (array) == 0)
    return FALSE;
  first = json_array_get_element (array, 0);
  return JSON_NODE_HOLDS_OBJECT (first) && json_object_has_member (json_node_get_object (first), member);
}

static JsonArray *
array_member (JsonObject *obj,
              const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The ATS board answers by their shape: which members a board's JSON
 * has.  NULL when it is not JSON or no board's. */
static const char *
guess_kind_from_json (const char *data,
                      gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *obj;
  JsonArray *jobs;
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || (data[i] != '{' && data[i] != '['))
    return NULL;
  if (!scraper_json_parser_load (parser, data, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      if (first_element_has (array, "hostedUrl") || first_element_has (array, "categories"))
        return "lever";
      return first_element_has (array, "content_plain") && first_element_has (array, "absolute_url") ? "gem" : NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  obj = json_node_get_object (root);
  jobs = array_member (obj, "jobs");
  if (jobs != NULL && (first_element_has (jobs, "absolute_url") || json_object_has_member (obj, "meta")))
    return "greenhouse";
  if (jobs != NULL && (first_element_has (jobs, "jobUrl") || json_object_has_member (obj, "apiVersion")))
    return "ashby";
  if (jobs != NULL && first_element_has (jobs, "shortcode"))
    return "workable";
  if (array_member (obj, "content") != NULL && json_object_has_member (obj, "totalFound"))
    return "smartrecruiters";
  if (array_member (obj, "offers") != NULL)
    return "recruitee";
  if (first_element_has (array_member (obj, "result"), "jobOpeningName"))
    return "bamboohr";
  if (first_element_has (array_member (obj, "data"), "workplace_type") ||
      first_element_has (array_member (obj, "data"), "key_responsibilities"))
    return "pinpoint";
  return NULL;
}

/* "acme-corp" -> "Acme Corp"; a slug with capitals or non-ASCII letters is
 * kept as it is written, but for its separators. */
static char *
prettify_board (const char *board)
{
  /* A host label in punycode ("xn--mller-kva") reads as it is written. */
  g_autofree char *unicode = g_hostname_is_ascii_encoded (board) ? g_hostname_to_unicode (board) : NULL;
  g_autofree char *unescaped = g_uri_unescape_string (unicode != NULL ? unicode : board, NULL);
  GString *out = g_string_new (NULL);
  const char *text = unescaped != NULL && g_utf8_validate (unescaped, -1, NULL) ? unescaped
                     : unicode != NULL ? unicode : board;
  gboolean lower = TRUE;
  gboolean word_start = TRUE;

  for (const char *p = text; *p; p++)
    if (g_ascii_isupper (*p) || (guchar) *p >= 0x80)
      lower = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '-' || *p == '_' || *p == '+' || *p == ' ')
        {
          if (out->len > 0 && !word_start)
            g_string_append_c (out, ' ');
          word_start = TRUE;
          continue;
        }
      g_string_append_c (out, lower && word_start ? g_ascii_toupper (*p) : *p);
      word_start = FALSE;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
scraper_adapter_default_name (const char *url,
                              const char *kind)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  if (kind == NULL || g_str_equal (kind, "auto"))
    kind = scraper_adapter_guess_kind (url);

  /* A Paylocity board is named by a number; the company's name may follow
   * it (.../Jobs/All/GUID/Acme-Corp).  A scrape names it after its
   * postings' company. */
  if (g_strcmp0 (kind, "paylocity") == 0)
    {
      g_autoptr(GUri) board_uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
      g_auto(GStrv) seg = board_uri != NULL ? g_strsplit (g_uri_get_path (board_uri), "/", 8) : NULL;

      if (seg != NULL && g_strv_length (seg) >= 6 && seg[5][0] != '\0')
        {
          g_autofree char *name = prettify_board (seg[5]);

          if (*name != '\0')
            return g_steal_pointer (&name);
        }
      return g_strdup ("Paylocity");
    }

  if (kind != NULL && !g_str_equal (kind, "jsonld") && !g_str_equal (kind, "feed") &&
      !g_str_equal (kind, "html"))
    {
      g_autofree char *board = NULL;
      g_autofree char *api = scraper_ats_api_url (kind, url, &board, NULL);

      /* A board named after another host: the host below names it. */
      if (api != NULL && board != NULL && *board != '\0' && strchr (board, '.') == NULL &&
          g_ascii_strcasecmp (board, "localhost") != 0)
        {
          g_autofree char *name = prettify_board (board);

          if (*name != '\0')
            return g_steal_pointer (&name);
        }
    }

  /* A board no ATS adapter above knows (Workday, BambooHR, a feed's). */
  {
    g_autofree char *board = NULL;

    if (scraper_board_from_url (url, NULL, NULL, &board) && board != NULL && strchr (board, '.') == NULL)
      {
        g_autofree char *name = prettify_board (board);

        if (*name != '\0')
          return g_steal_pointer (&name);
      }
  }

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    return g_strdup (url);
  if (g_ascii_strncasecmp (host, "www.", 4) == 0 && host[4] != '\0')
    host += 4;
  return g_ascii_strdown (host, -1);
}

struct _ScraperCompanyTally
{
  GHashTable *counts;   /* company (owned) -> count */
  guint       total;
};

ScraperCompanyTally *
scraper_company_tally_new (void)
{
  ScraperCompanyTally *tally = g_new0 (ScraperCompanyTally, 1);

  tally->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return tally;
}

void
scraper_company_tally_add (ScraperCompanyTally  *tally,
                           const ScraperPosting *posting)
{
  g_return_if_fail (tally != NULL);
  g_return_if_fail (posting != NULL);

  tally->total++;
  if (posting->company != NULL && *posting->company != '\0')
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (tally->counts, posting->company));

      g_hash_table_replace (tally->counts, g_strdup (posting->company), GUINT_TO_POINTER (n + 1));
    }
}

char *
scraper_company_tally_majority (ScraperCompanyTally *tally)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (tally != NULL, NULL);

  g_hash_table_iter_init (&iter, tally->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) * 2 > tally->total)
      return g_strdup (key);
  return NULL;
}

void
scraper_company_tally_free (ScraperCompanyTally *tally)
{
  if (tally == NULL)
    return;
  g_hash_table_unref (tally->counts);
  g_free (tally);
}

char *
scraper_adapter_detect_kind (ScraperFetcher *fetcher,
                             const char     *url,
                             GCancellable   *cancellable,
                             GError        **error)
{
  return scraper_adapter_detect_kind_full (fetcher, url, NULL, cancellable, error);
}

char *
scraper_adapter_detect_kind_full (ScraperFetcher  *fetcher,
                                  const char      *url,
                                  GPtrArray      **boards,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(GPtrArray) links = NULL;
  const char *guess;
  const char *data;
  gsize length;
  htmlDocPtr doc;
  guint job_links = 0;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((guess = scraper_adapter_guess_kind (url)) != NULL)
    return g_strdup (guess);

  response = scraper_adapter_fetch (fetcher, url, NULL, cancellable, error);
  if (response == NULL)
    return NULL;

  /* Redirected to a board (careers.acme.com -> jobs.lever.co/acme). */
  if (boards != NULL && response->url != NULL && g_strcmp0 (response->url, url) != 0)
    {
      ScraperHandoff *board = scraper_handoff_from_url (response->url);

      if (board != NULL)
        {
          board->evidence = g_strdup_printf ("HTTP redirect to %s", response->url);
          *boards = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_handoff_free);
          g_ptr_array_add (*boards, board);
          return NULL;
        }
    }

  data = g_bytes_get_data (response->body, &length);
  if (body_is_feed (data, length))
    return g_strdup ("feed");
  if (response->content_type != NULL &&
      (strstr (response->content_type, "rss") != NULL || strstr (response->content_type, "atom") != NULL))
    {
      g_autoptr(GPtrArray) items = scraper_feed_parse (data, length, response->url, NULL);
      if (items != NULL)
        return g_strdup ("feed");
    }

  if (scraper_feed_json_sniff (data, length))
    return g_strdup ("feed");
  if ((guess = guess_kind_from_json (data, length)) != NULL)
    return g_strdup (guess);
  if (g_strstr_len (data, (gssize) MIN (length, 4096), "<workzag-jobs") != NULL)
    return g_strdup ("personio");

  /* A Phenom career site's search lists its postings in a script; another
   * page of the site hands off to the search. */
  if (scraper_phenom_page_is_search (data, length))
    return g_strdup ("phenom");
  if (boards != NULL)
    {
      ScraperHandoff *search = scraper_phenom_find_search (fetcher, response->url ? response->url : url,
                                                           data, length, cancellable, error);

      if (search != NULL)
        {
          *boards = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_handoff_free);
          g_ptr_array_add (*boards, search);
          return NULL;
        }
      if (error != NULL && *error != NULL)
        return NULL;
    }

  doc = scraper_html_parse (data, length, response->charset, response->url ? response->url : url);
  postings = scraper_jsonld_extract_from_doc (doc, response->url ? response->url : url, NULL);
  if (postings->len > 0)
    {
      xmlFreeDoc (doc);
      return g_strdup ("jsonld");
    }

  /* No postings of its own: the boards it hands off to, if any. */
  if (boards != NULL)
    {
      g_autoptr(GPtrArray) found = scraper_handoff_find_in_doc (doc, data, length,
                                                                response->url ? response->url : url);

      /* Only short links to postings (grnh.se/…): where they lead. */
      if (found->len == 0)
        {
          g_clear_pointer (&found, g_ptr_array_unref);
          found = scraper_handoff_follow_short_links (fetcher, doc, response->url ? response->url : url,
                                                      cancellable, error);
          if (found == NULL)
            {
              xmlFreeDoc (doc);
              return NULL;
            }
        }
      if (found->len > 0)
        {
          xmlFreeDoc (doc);
          *boards = g_steal_pointer (&found);
          return NULL;
        }
    }

  links = scraper_html_collect_links (doc, response->url ? response->url : url, NULL);
  xmlFreeDoc (doc);
  {
    g_autoptr(GUri) base = g_uri_parse (response->url ? response->url : url, G_URI_FLAGS_PARSE_RELAXED, NULL);

    for (guint i = 0; i < links->len; i++)
      {
        g_autoptr(GUri) link = g_uri_parse (links->pdata[i], G_URI_FLAGS_PARSE_RELAXED, NULL);

        if (base != NULL && link != NULL &&
            g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (link)) == 0 &&
            scraper_url_looks_like_posting (links->pdata[i]))
          job_links++;
      }
  }
  if (job_links > 0)
    return g_strdup ("jsonld");

  g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
                       boards != NULL ? _("Found no postings on this page and no job board it hands off to")
                                      : _("Could not tell what kind of source this is"));
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Helpers shared by the adapters                                      */

/* Thread-safe: several crawl workers may add at once.  Postings are
 * normalized by the adding thread with no lock held; a full batch is taken
 * out under @lock and handed on under @flush_lock, so one worker storing a
 * batch never stops the others from adding to the next. */
struct _ScraperBatcher {
  ScraperSource                 *source;
  const ScraperAdapterCallbacks *callbacks;
  ScraperAdapterStats           *stats;
  GMutex                         lock;        /* @pending, @stats->postings_found */
  GMutex                         flush_lock;  /* callbacks->postings, one at a time */
  GPtrArray                     *pending;
  gint64                         last_batch;  /* monotonic, under @lock */
};

ScraperBatcher *
scraper_batcher_new (ScraperSource                 *source,
                     const ScraperAdapterCallbacks *callbacks,
                     ScraperAdapterStats           *stats)
{
  ScraperBatcher *self = g_new0 (ScraperBatcher, 1);

  self->source = scraper_source_ref (source);
  self->callbacks = callbacks;
  self->stats = stats;
  g_mutex_init (&self->lock);
  g_mutex_init (&self->flush_lock);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  self->last_batch = g_get_monotonic_time ();
  return self;
}

static GPtrArray *
take_pending_locked (ScraperBatcher *self)
{
  GPtrArray *batch = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  return batch;
}

static gboolean
hand_on (ScraperBatcher  *self,
         GPtrArray       *batch,
         GError         **error)
{
  gboolean ok = TRUE;

  if (batch->len == 0 || self->callbacks->postings == NULL)
    return TRUE;

  g_mutex_lock (&self->flush_lock);
  ok = self->callbacks->postings (batch, self->callbacks->user_data, error);
  g_mutex_unlock (&self->flush_lock);

  if (!ok && error != NULL && *error == NULL)
    g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_FAILED,
                         _("The postings could not be saved"));
  return ok;
}

gboolean
scraper_batcher_flush (ScraperBatcher  *self,
                       GError         **error)
{
  g_autoptr(GPtrArray) batch = NULL;

  g_mutex_lock (&self->lock);
  batch = take_pending_locked (self);
  self->last_batch = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  return hand_on (self, batch, error);
}

guint
scraper_batcher_keep_page (ScraperBatcher *self,
                           const char     *url)
{
  guint kept;

  if (self->callbacks->keep_page == NULL)
    return 0;

  g_mutex_lock (&self->flush_lock);
  kept = self->callbacks->keep_page (url, self->callbacks->user_data);
  g_mutex_unlock (&self->flush_lock);

  if (kept > 0 && self->stats != NULL)
    {
      g_mutex_lock (&self->lock);
      self->stats->postings_found += kept;
      g_mutex_unlock (&self->lock);
    }
  return kept;
}

gboolean
scraper_batcher_add (ScraperBatcher  *self,
                     ScraperPosting  *posting,
                     GError         **error)
{
  g_autoptr(GPtrArray) batch = NULL;

  posting->source_id = self->source->id;
  scraper_posting_normalize (posting);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->pending, scraper_posting_ref (posting));
  if (self->stats != NULL)
    self->stats->postings_found++;
  if (self->pending->len >= SCRAPER_BATCH_MIN)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 since = now - self->last_batch;

      if (self->pending->len >= SCRAPER_BATCH_MAX ||
          since >= SCRAPER_BATCH_INTERVAL_US)
        {
          batch = take_pending_locked (self);
          self->last_batch = now;
        }
    }
  else if (g_get_monotonic_time () - self->last_batch >= SCRAPER_BATCH_WAIT_US)
    {
      batch = take_pending_locked (self);
      self->last_batch = g_get_monotonic_time ();
    }
  g_mutex_unlock (&self->lock);

  return batch == NULL || hand_on (self, batch, error);
}

void
scraper_batcher_free (ScraperBatcher *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pending);
  scraper_source_unref (self->source);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->flush_lock);
  g_free (self);
}

void
scraper_adapter_report (const ScraperAdapterCallbacks *callbacks,
                        guint                          done,
                        guint                          total,
                        const char                    *message)
{
  if (callbacks != NULL && callbacks->progress != NULL)
    callbacks->progress (done, total, message, callbacks->user_data);
}

void
scraper_adapter_warn (const ScraperAdapterCallbacks *callbacks,
                      ScraperAdapterStats           *stats,
                      const char                    *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("%s", message);
  if (stats != NULL)
    stats->warnings++;
  if (callbacks != NULL && callbacks->warning != NULL)
    callbacks->warning (message, callbacks->user_data);
}

ScraperResponse *
scraper_adapter_fetch (ScraperFetcher  *fetcher,
                       const char      *url,
                       guint           *status,
                       GCancellable    *cancellable,
                       GError         **error)
{
  return scraper_adapter_fetch_conditional (fetcher, url, NULL, NULL, status, cancellable, error);
}

ScraperResponse *
scraper_adapter_fetch_conditional (ScraperFetcher  *fetcher,
                                   const char      *url,
                                   const char      *etag,
                                   const char      *last_modified,
                                   guint           *status,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;

  if (status != NULL)
    *status = 0;

  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE, etag, last_modified,
                                    cancellable, &local_error);
  if (response == NULL)
    {
      if (status != NULL)
        *status = scraper_fetch_error_get_status (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (status != NULL)
    *status = response->status;
  if (response->status >= 400)
    {
      g_set_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_HTTP,
                   _("The server answered %u for %s"), response->status, url);
      if (error != NULL)
        scraper_fetch_error_set_status (*error, response->status);
      return NULL;
    }
  if (response->body == NULL)
    response->body = g_bytes_new (NULL, 0);
  return g_steal_pointer (&response);
}
