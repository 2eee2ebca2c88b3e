/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jsonld"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "scraper-adapter-private.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* A career site: listing pages (followed first, so that the number of
 * posting pages is known early) and posting pages, breadth first. */

typedef struct {
  char    *url;
  guint    depth;
  gboolean listing;
  gboolean start;
} Page;

static void
page_free (Page *page)
{
  g_free (page->url);
  g_free (page);
}

typedef struct {
  ScraperSource                 *source;
  ScraperFetcher                *fetcher;
  const ScraperAdapterCallbacks *callbacks;
  ScraperAdapterStats           *stats;
  GCancellable                  *cancellable;
  ScraperBatcher                *batcher;

  GQueue      listings;     /* Page */
  GQueue      details;      /* Page */
  GHashTable *seen;         /* canonical URL */
  GHashTable *delivered;    /* posting key */
  GHashTable *held_keys;    /* posting key -> ScraperPosting (borrowed from held) */
  GPtrArray  *held;         /* postings found on listings, in order */
  GPtrArray  *held_key_list;

  char       *host;
  guint       max_pages;
  guint       max_depth;
  guint       details_total;
  guint       details_done;
  gboolean    complete;
} Crawl;

static const char *
uri_host (const char *url,
          char      **out)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);

  *out = uri && g_uri_get_host (uri) ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
  return *out;
}

static gboolean
same_site (Crawl      *crawl,
           const char *url)
{
  g_autofree char *host = NULL;
  const char *a, *b;

  if (uri_host (url, &host) == NULL || crawl->host == NULL)
    return FALSE;
  /* www.example.com and example.com are one site. */
  a = g_str_has_prefix (host, "www.") ? host + 4 : host;
  b = g_str_has_prefix (crawl->host, "www.") ? crawl->host + 4 : crawl->host;
  return strcmp (a, b) == 0;
}

static gboolean
looks_like_page_number (const char *url)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("([?&](page|p|pg|seite)=\\d+)|(/page[-/]?\\d+)",
                                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (regex, url, 0, NULL);
}

static void
enqueue (Crawl      *crawl,
         const char *url,
         guint       depth,
         gboolean    listing)
{
  Page *page;

  if (!g_hash_table_add (crawl->seen, scraper_url_canonicalize (url)))
    return;

  page = g_new0 (Page, 1);
  page->url = scraper_url_canonicalize (url);
  page->depth = depth;
  page->listing = listing;
  if (listing)
    g_queue_push_tail (&crawl->listings, page);
  else
    {
      g_queue_push_tail (&crawl->details, page);
      crawl->details_total++;
    }
}

static char *
posting_key (ScraperPosting *posting,
             const char     *page_url,
             gboolean        detail)
{
  if (posting->url != NULL && (detail || g_strcmp0 (posting->url, page_url) != 0))
    return scraper_url_canonicalize (posting->url);
  if (posting->external_id != NULL)
    return g_strconcat ("id:", posting->external_id, NULL);
  return g_strconcat (page_url, "\n", posting->title, NULL);
}

static void
report (Crawl *crawl)
{
  g_autofree char *message = NULL;

  if (crawl->listings.length == 0 && crawl->details_total > 0)
    {
      message = g_strdup_printf (_("Fetched %u of %u postings"), crawl->details_done, crawl->details_total);
      scraper_adapter_report (crawl->callbacks, crawl->details_done, crawl->details_total, message);
    }
  else
    {
      message = g_strdup_printf (_("Fetched %u pages, found %u postings"),
                                 crawl->stats->pages_fetched, crawl->stats->postings_found + crawl->held->len);
      scraper_adapter_report (crawl->callbacks, crawl->stats->pages_fetched, 0, message);
    }
}

static void
follow_links (Crawl   *crawl,
              xmlDoc  *doc,
              Page    *page,
              gboolean postings_here)
{
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) links = scraper_html_collect_links (doc, page->url, &next);

  for (guint i = 0; i < next->len; i++)
    if (same_site (crawl, next->pdata[i]))
      enqueue (crawl, next->pdata[i], page->depth, TRUE);

  for (guint i = 0; i < links->len; i++)
    {
      const char *link = links->pdata[i];

      if (!same_site (crawl, link))
        continue;
      if (page->listing && looks_like_page_number (link))
        {
          enqueue (crawl, link, page->depth, TRUE);
          continue;
        }
      /* A posting page does not lead the crawl further than its own site map. */
      if (postings_here && !page->listing)
        continue;
      if (!scraper_url_looks_like_posting (link))
        continue;
      if (page->depth + 1 > crawl->max_depth)
        {
          g_autofree char *canon = scraper_url_canonicalize (link);

          if (!g_hash_table_contains (crawl->seen, canon))
            crawl->complete = FALSE;
          continue;
        }
      enqueue (crawl, link, page->depth + 1, FALSE);
    }
}

static gboolean
handle_postings (Crawl      *crawl,
                 GPtrArray  *postings,
                 Page       *page,
                 GError    **error)
{
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = postings->pdata[i];
      g_autofree char *key = posting_key (posting, page->url, !page->listing);

      if (g_hash_table_contains (crawl->delivered, key))
        continue;

      if (page->listing)
        {
          /* Held until the end: its own page, if any, says more. */
          if (!g_hash_table_contains (crawl->held_keys, key))
            {
              g_ptr_array_add (crawl->held, scraper_posting_ref (posting));
              g_ptr_array_add (crawl->held_key_list, g_strdup (key));
              g_hash_table_insert (crawl->held_keys, g_steal_pointer (&key), posting);
            }
          continue;
        }

      g_hash_table_add (crawl->delivered, g_steal_pointer (&key));
      if (!scraper_batcher_add (crawl->batcher, posting, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
crawl_page (Crawl   *crawl,
            Page    *page,
            GError **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  const char *data;
  const char *url;
  gsize length;
  guint status = 0;
  guint broken = 0;
  htmlDocPtr doc;
  gboolean ok;

  response = scraper_adapter_fetch (crawl->fetcher, page->url, &status, crawl->cancellable, &local_error);
  if (!page->listing)
    crawl->details_done++;
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || page->start)
        {
          if (page->start)
            g_prefix_error (&local_error, _("The career site could not be fetched: "));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (page->listing)
        {
          scraper_adapter_warn (crawl->callbacks, crawl->stats, _("A listing page failed: %s"), local_error->message);
          crawl->complete = FALSE;
        }
      else
        {
          scraper_adapter_warn (crawl->callbacks, crawl->stats, _("A posting page failed: %s"), local_error->message);
          /* A posting taken down (404, 410) is not a gap in the crawl. */
          if (status != 404 && status != 410)
            crawl->complete = FALSE;
        }
      return TRUE;
    }

  crawl->stats->pages_fetched++;
  url = response->url ? response->url : page->url;
  if (page->start && crawl->host == NULL)
    uri_host (url, &crawl->host);

  data = g_bytes_get_data (response->body, &length);
  doc = scraper_html_parse (data, length, response->charset, url);
  postings = scraper_jsonld_extract_from_doc (doc, url, &broken);
  if (broken > 0)
    scraper_adapter_warn (crawl->callbacks, crawl->stats,
                          g_dngettext (GETTEXT_PACKAGE, "%u broken JSON-LD block skipped on %s",
                                       "%u broken JSON-LD blocks skipped on %s", broken),
                          broken, url);

  ok = handle_postings (crawl, postings, page, error);
  if (ok && (page->listing || postings->len == 0))
    {
      /* A page that was taken for a posting but holds none is a listing
       * of its own (a category page, say). */
      if (!page->listing)
        page->listing = TRUE;
      follow_links (crawl, doc, page, postings->len > 0);
    }
  xmlFreeDoc (doc);
  return ok;
}

gboolean
scraper_adapter_jsonld_run (ScraperSource                 *source,
                            ScraperFetcher                *fetcher,
                            const ScraperAdapterCallbacks *callbacks,
                            ScraperAdapterStats           *stats,
                            GCancellable                  *cancellable,
                            GError                       **error)
{
  Crawl crawl = { 0 };
  gboolean ok = TRUE;
  guint limit;

  crawl.source = source;
  crawl.fetcher = fetcher;
  crawl.callbacks = callbacks;
  crawl.stats = stats;
  crawl.cancellable = cancellable;
  crawl.batcher = scraper_batcher_new (source, callbacks, stats);
  crawl.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  crawl.delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  crawl.held_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  crawl.held = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  crawl.held_key_list = g_ptr_array_new_with_free_func (g_free);
  crawl.max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", 200), 1, 100000);
  crawl.max_depth = (guint) CLAMP (scraper_source_get_setting_int (source, "max_depth", 3), 0, 100);
  crawl.complete = TRUE;
  uri_host (source->url, &crawl.host);

  enqueue (&crawl, source->url, 0, TRUE);
  ((Page *) g_queue_peek_head (&crawl.listings))->start = TRUE;
  report (&crawl);

  limit = crawl.max_pages;
  while (ok && (crawl.listings.length > 0 || crawl.details.length > 0))
    {
      Page *page;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (limit == 0)
        {
          crawl.complete = FALSE;
          break;
        }
      limit--;

      page = g_queue_pop_head (crawl.listings.length > 0 ? &crawl.listings : &crawl.details);
      ok = crawl_page (&crawl, page, error);
      page_free (page);
      report (&crawl);
    }

  /* Postings seen only on listings. */
  for (guint i = 0; ok && i < crawl.held->len; i++)
    if (!g_hash_table_contains (crawl.delivered, crawl.held_key_list->pdata[i]))
      ok = scraper_batcher_add (crawl.batcher, crawl.held->pdata[i], error);
  if (ok)
    ok = scraper_batcher_flush (crawl.batcher, error);

  if (ok && stats->postings_found == 0)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS,
                   _("No job postings were found on %s: its pages carry no schema.org JobPosting data"),
                   source->url);
      ok = FALSE;
    }
  if (ok)
    {
      g_autofree char *message = g_strdup_printf (_("Found %u postings"), stats->postings_found);

      scraper_adapter_report (callbacks, MAX (crawl.details_total, 1), MAX (crawl.details_total, 1), message);
      stats->complete = crawl.complete;
    }

  g_queue_clear_full (&crawl.listings, (GDestroyNotify) page_free);
  g_queue_clear_full (&crawl.details, (GDestroyNotify) page_free);
  g_hash_table_unref (crawl.seen);
  g_hash_table_unref (crawl.delivered);
  g_hash_table_unref (crawl.held_keys);
  g_ptr_array_unref (crawl.held);
  g_ptr_array_unref (crawl.held_key_list);
  scraper_batcher_free (crawl.batcher);
  g_free (crawl.host);
  return ok;
}
