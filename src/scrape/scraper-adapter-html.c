/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-html"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/xpathInternals.h>

#include "scraper-adapter-private.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* A page without structured data, described by XPath selectors per source:
 * "item" (absolute) and "title", "link", "location", "company", "date"
 * relative to each item; "next" (absolute) for pagination. */

enum { SEL_ITEM, SEL_TITLE, SEL_LINK, SEL_LOCATION, SEL_COMPANY, SEL_DATE, SEL_NEXT, N_SEL };

static const struct {
  const char *name;
  gboolean    required;
} selector_info[N_SEL] = {
  { "item", TRUE }, { "title", TRUE }, { "link", TRUE }, { "location", FALSE },
  { "company", FALSE }, { "date", FALSE }, { "next", FALSE },
};

typedef struct {
  xmlXPathCompExprPtr expr[N_SEL];
  char               *text[N_SEL];
} Selectors;

static void
selectors_clear (Selectors *sel)
{
  for (guint i = 0; i < N_SEL; i++)
    {
      if (sel->expr[i] != NULL)
        xmlXPathFreeCompExpr (sel->expr[i]);
      g_free (sel->text[i]);
    }
}

static void
silence_xpath_errors (void       *ctx,
                      xmlErrorPtr err)
{
}

static gboolean
selectors_load (Selectors     *sel,
                ScraperSource *source,
                GError       **error)
{
  for (guint i = 0; i < N_SEL; i++)
    {
      sel->text[i] = scraper_source_dup_selector (source, selector_info[i].name);
      if (sel->text[i] != NULL && *g_strstrip (sel->text[i]) == '\0')
        g_clear_pointer (&sel->text[i], g_free);

      if (sel->text[i] == NULL)
        {
          if (selector_info[i].required)
            {
              g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                           _("The “%s” selector is missing: an HTML source needs XPath selectors for "
                             "item, title and link in its settings"), selector_info[i].name);
              return FALSE;
            }
          continue;
        }

      xmlSetStructuredErrorFunc (NULL, silence_xpath_errors);
      sel->expr[i] = xmlXPathCompile ((const xmlChar *) sel->text[i]);
      xmlSetStructuredErrorFunc (NULL, NULL);
      if (sel->expr[i] == NULL)
        {
          g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                       _("The “%s” selector “%s” is not a valid XPath expression"),
                       selector_info[i].name, sel->text[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
scraper_adapter_check_settings (ScraperSource  *source,
                                GError        **error)
{
  Selectors sel = { { NULL, }, { NULL, } };
  gboolean ok;

  g_return_val_if_fail (source != NULL, FALSE);

  if (g_strcmp0 (source->kind, "html") != 0)
    return TRUE;
  ok = selectors_load (&sel, source, error);
  selectors_clear (&sel);
  return ok;
}

/* Fields the item gave that the posting page did not. */
static void
merge_missing (ScraperPosting *detail,
               ScraperPosting *item)
{
  if (detail->title == NULL)
    detail->title = g_strdup (item->title);
  if (detail->company == NULL)
    detail->company = g_strdup (item->company);
  if (detail->locations == NULL)
    detail->locations = g_strdupv (item->locations);
  if (detail->date_posted == NULL)
    detail->date_posted = g_strdup (item->date_posted);
}

typedef struct {
  ScraperSource                 *source;
  ScraperFetcher                *fetcher;
  const ScraperAdapterCallbacks *callbacks;
  ScraperAdapterStats           *stats;
  GCancellable                  *cancellable;
  ScraperBatcher                *batcher;
  Selectors                      sel;
  guint                          pages_left;
  gboolean                       follow;
  gboolean                       complete;
} HtmlRun;

static ScraperPosting *
follow_item (HtmlRun         *run,
             ScraperPosting  *item,
             GError         **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  const char *data;
  gsize length;
  guint status = 0;
  htmlDocPtr doc;

  if (run->pages_left == 0)
    {
      run->complete = FALSE;
      return NULL;
    }
  run->pages_left--;

  response = scraper_adapter_fetch (run->fetcher, item->url, &status, run->cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        scraper_adapter_warn (run->callbacks, run->stats, _("A posting page failed: %s"), local_error->message);
      return NULL;
    }
  run->stats->pages_fetched++;

  data = g_bytes_get_data (response->body, &length);
  doc = scraper_html_parse (data, length, response->charset, response->url ? response->url : item->url);
  postings = scraper_jsonld_extract_from_doc (doc, item->url, NULL);
  xmlFreeDoc (doc);
  if (postings->len == 0)
    return NULL;
  return scraper_posting_ref (postings->pdata[0]);
}

static gboolean
scrape_page (HtmlRun    *run,
             const char *url,
             gboolean    first,
             char      **next_url,
             GError    **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlXPathContextPtr ctx;
  xmlXPathObjectPtr items;
  const char *data;
  const char *page_url;
  gsize length;
  htmlDocPtr doc;
  gboolean ok = TRUE;

  *next_url = NULL;
  response = scraper_adapter_fetch (run->fetcher, url, NULL, run->cancellable, &local_error);
  if (response == NULL)
    {
      if (first || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      scraper_adapter_warn (run->callbacks, run->stats, _("A listing page failed: %s"), local_error->message);
      run->complete = FALSE;
      return TRUE;
    }
  run->stats->pages_fetched++;

  page_url = response->url ? response->url : url;
  data = g_bytes_get_data (response->body, &length);
  doc = scraper_html_parse (data, length, response->charset, page_url);
  ctx = xmlXPathNewContext (doc);
  if (ctx == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_FAILED, _("Out of memory"));
      return FALSE;
    }

  items = xmlXPathCompiledEval (run->sel.expr[SEL_ITEM], ctx);
  if (items == NULL || items->type != XPATH_NODESET)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   _("The item selector “%s” must select elements"), run->sel.text[SEL_ITEM]);
      ok = FALSE;
    }
  else if (first && (items->nodesetval == NULL || items->nodesetval->nodeNr == 0))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
                   _("The item selector “%s” matched nothing on %s"), run->sel.text[SEL_ITEM], page_url);
      ok = FALSE;
    }

  for (int i = 0; ok && items->nodesetval != NULL && i < items->nodesetval->nodeNr; i++)
    {
      xmlNode *node = items->nodesetval->nodeTab[i];
      g_autoptr(ScraperPosting) posting = scraper_posting_new ();
      g_autoptr(ScraperPosting) detail = NULL;
      g_autofree char *link = NULL;
      g_autofree char *location = NULL;
      g_autofree char *date = NULL;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        {
          ok = FALSE;
          break;
        }

      posting->title = scraper_html_xpath_string (ctx, run->sel.expr[SEL_TITLE], node);
      link = scraper_html_xpath_string (ctx, run->sel.expr[SEL_LINK], node);
      posting->url = link ? scraper_url_resolve (page_url, link) : NULL;
      if (run->sel.expr[SEL_LOCATION] != NULL &&
          (location = scraper_html_xpath_string (ctx, run->sel.expr[SEL_LOCATION], node)) != NULL)
        posting->locations = scraper_locations_split (location);
      if (run->sel.expr[SEL_COMPANY] != NULL)
        posting->company = scraper_html_xpath_string (ctx, run->sel.expr[SEL_COMPANY], node);
      if (run->sel.expr[SEL_DATE] != NULL &&
          (date = scraper_html_xpath_string (ctx, run->sel.expr[SEL_DATE], node)) != NULL)
        posting->date_posted = scraper_date_normalize (date);

      if (posting->title == NULL)
        continue;

      if (run->follow && posting->url != NULL)
        {
          detail = follow_item (run, posting, error);
          if (error != NULL && *error != NULL)
            {
              ok = FALSE;
              break;
            }
        }
      if (detail != NULL)
        {
          merge_missing (detail, posting);
          if (detail->url == NULL)
            detail->url = g_strdup (posting->url);
          ok = scraper_batcher_add (run->batcher, detail, error);
        }
      else
        ok = scraper_batcher_add (run->batcher, posting, error);
    }

  if (ok && run->sel.expr[SEL_NEXT] != NULL)
    {
      g_autofree char *next = scraper_html_xpath_string (ctx, run->sel.expr[SEL_NEXT], (xmlNode *) doc);

      *next_url = next ? scraper_url_resolve (page_url, next) : NULL;
    }

  xmlXPathFreeObject (items);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  return ok;
}

gboolean
scraper_adapter_html_run (ScraperSource                 *source,
                          ScraperFetcher                *fetcher,
                          const ScraperAdapterCallbacks *callbacks,
                          ScraperAdapterStats           *stats,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = g_strdup (source->url);
  HtmlRun run = { 0 };
  gboolean ok;
  gboolean first = TRUE;

  run.source = source;
  run.fetcher = fetcher;
  run.callbacks = callbacks;
  run.stats = stats;
  run.cancellable = cancellable;
  run.pages_left = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", 5000), 1, 100000);
  run.follow = scraper_source_get_setting_boolean (source, "follow_links", FALSE);
  run.complete = TRUE;

  if (!selectors_load (&run.sel, source, error))
    {
      selectors_clear (&run.sel);
      return FALSE;
    }
  run.batcher = scraper_batcher_new (source, callbacks, stats);

  ok = TRUE;
  while (ok && url != NULL)
    {
      g_autofree char *next = NULL;
      g_autofree char *message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (run.pages_left == 0)
        {
          run.complete = FALSE;
          break;
        }
      run.pages_left--;
      g_hash_table_add (seen, scraper_url_canonicalize (url));

      ok = scrape_page (&run, url, first, &next, error);
      first = FALSE;

      message = g_strdup_printf (_("Fetched %u pages, found %u postings"), stats->pages_fetched, stats->postings_found);
      scraper_adapter_report (callbacks, stats->pages_fetched, 0, message);

      g_free (url);
      url = NULL;
      if (ok && next != NULL)
        {
          g_autofree char *canon = scraper_url_canonicalize (next);

          if (!g_hash_table_contains (seen, canon))
            url = g_steal_pointer (&next);
        }
    }

  if (ok)
    ok = scraper_batcher_flush (run.batcher, error);
  if (ok)
    stats->complete = run.complete;

  scraper_batcher_free (run.batcher);
  selectors_clear (&run.sel);
  return ok;
}
