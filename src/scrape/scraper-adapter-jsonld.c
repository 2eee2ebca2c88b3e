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

  /* Posting pages are fetched by several workers at once (up to the
   * fetcher's connections per host); everything above is guarded by
   * @lock, and fetching and parsing happen outside it. */
  GMutex      lock;
  GCond       cond;
  /* Postings are handed on (normalized, enriched, stored: the slow part)
   * outside @lock through the thread-safe batcher. */
  guint       n_delivered;  /* postings handed on, under @lock */
  guint       in_flight;
  guint       limit;        /* pages left to fetch */
  gboolean    limit_reached;
  GError     *error;        /* the first fatal error */
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
                                 crawl->stats->pages_fetched, crawl->n_delivered + crawl->held->len);
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

/* Decides, under the lock, which postings of a page are new and adds them
 * to @deliver; listing postings are held back until the end. */
static void
handle_postings (Crawl      *crawl,
                 GPtrArray  *postings,
                 Page       *page,
                 GPtrArray  *deliver)
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
      g_ptr_array_add (deliver, scraper_posting_ref (posting));
      crawl->n_delivered++;
    }
}

/* What fetching one page gave, before the crawl takes it in. */
typedef struct {
  ScraperResponse *response;
  GError          *error;
  guint            status;
  htmlDocPtr       doc;
  GPtrArray       *postings;
  guint            broken;
  const char      *url;
  GPtrArray       *deliver;   /* postings to hand on, filled under the lock */
  guint            kept;      /* "not modified": postings kept from last time */
} Fetched;

static void
fetched_clear (Fetched *f)
{
  g_clear_pointer (&f->response, scraper_response_free);
  g_clear_error (&f->error);
  g_clear_pointer (&f->doc, xmlFreeDoc);
  g_clear_pointer (&f->postings, g_ptr_array_unref);
  g_clear_pointer (&f->deliver, g_ptr_array_unref);
}

/* Runs without the lock: network and parsing. */
static void
fetch_page (Crawl   *crawl,
            Page    *page,
            Fetched *f)
{
  const char *data;
  gsize length;

  /* A posting page read in an earlier run is asked for "if changed": when
   * it was not, the postings stored from it are kept, and the page costs a
   * small response and no parsing. */
  if (!page->listing && !page->start && crawl->callbacks->get_validators != NULL &&
      crawl->callbacks->keep_page != NULL)
    {
      g_autofree char *etag = NULL;
      g_autofree char *last_modified = NULL;

      crawl->callbacks->get_validators (page->url, &etag, &last_modified, crawl->callbacks->user_data);
      if (etag != NULL || last_modified != NULL)
        {
          f->response = scraper_adapter_fetch_conditional (crawl->fetcher, page->url, etag, last_modified,
                                                           &f->status, crawl->cancellable, &f->error);
          if (f->response == NULL)
            return;
          if (f->response->not_modified)
            {
              f->kept = scraper_batcher_keep_page (crawl->batcher, page->url);
              if (f->kept > 0)
                return;
              /* Nothing was stored from it after all: read it in full. */
              g_clear_pointer (&f->response, scraper_response_free);
            }
        }
    }

  if (f->response == NULL)
    f->response = scraper_adapter_fetch (crawl->fetcher, page->url, &f->status, crawl->cancellable, &f->error);
  if (f->response == NULL)
    return;

  f->url = f->response->url ? f->response->url : page->url;
  data = g_bytes_get_data (f->response->body, &length);

  /* A posting page in UTF-8 whose JSON-LD names the posting needs no
   * document: its links are not followed.  Anything else is parsed. */
  if (!page->listing &&
      (f->response->charset == NULL || g_ascii_strcasecmp (f->response->charset, "utf-8") == 0) &&
      g_utf8_validate_len (data, length, NULL) &&
      (f->postings = scraper_jsonld_extract_raw (data, length, f->url, &f->broken)) != NULL)
    return;

  f->doc = scraper_html_parse (data, length, f->response->charset, f->url);
  f->postings = scraper_jsonld_extract_from_doc (f->doc, f->url, &f->broken);
}

/* Runs with the lock held: the crawl's state, the batcher and the
 * callbacks are touched by one worker at a time. */
static gboolean
process_page (Crawl    *crawl,
              Page     *page,
              Fetched  *f,
              GError  **error)
{
  if (!page->listing)
    crawl->details_done++;

  if (f->response == NULL)
    {
      if (g_error_matches (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || page->start)
        {
          if (page->start && !g_error_matches (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (&f->error, _("The career site could not be fetched: "));
          g_propagate_error (error, g_steal_pointer (&f->error));
          return FALSE;
        }
      if (page->listing)
        {
          scraper_adapter_warn (crawl->callbacks, crawl->stats, _("A listing page failed: %s"), f->error->message);
          crawl->complete = FALSE;
        }
      else
        {
          scraper_adapter_warn (crawl->callbacks, crawl->stats, _("A posting page failed: %s"), f->error->message);
          /* A posting taken down (404, 410) is not a gap in the crawl. */
          if (f->status != 404 && f->status != 410)
            crawl->complete = FALSE;
        }
      return TRUE;
    }

  crawl->stats->pages_fetched++;
  if (f->kept > 0)
    return TRUE;
  if (page->start && crawl->host == NULL)
    uri_host (f->url, &crawl->host);

  if (f->broken > 0)
    scraper_adapter_warn (crawl->callbacks, crawl->stats,
                          g_dngettext (GETTEXT_PACKAGE, "%u broken JSON-LD block skipped on %s",
                                       "%u broken JSON-LD blocks skipped on %s", f->broken),
                          f->broken, f->url);

  /* The validators of a page that gave postings, for the next run's
   * conditional GET (kept by the caller once the run is stored). */
  if (!page->listing && f->postings->len > 0 && crawl->callbacks->set_validators != NULL &&
      crawl->callbacks->keep_page != NULL &&
      (f->response->etag != NULL || f->response->last_modified != NULL))
    crawl->callbacks->set_validators (page->url, f->response->etag, f->response->last_modified,
                                      crawl->callbacks->user_data);

  f->deliver = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  handle_postings (crawl, f->postings, page, f->deliver);
  if (page->listing || f->postings->len == 0)
    {
      /* A page that was taken for a posting but holds none is a listing
       * of its own (a category page, say). */
      if (!page->listing)
        page->listing = TRUE;
      follow_links (crawl, f->doc, page, f->postings->len > 0);
    }
  return TRUE;
}

/* One worker: takes pages until none are left and none are in flight
 * (a page in flight may still add more), the page limit is reached, or
 * the crawl failed or was cancelled. */
static gpointer
crawl_worker (gpointer data)
{
  Crawl *crawl = data;

  g_mutex_lock (&crawl->lock);
  while (crawl->error == NULL)
    {
      Fetched fetched = { 0 };
      GError *error = NULL;
      Page *page;

      if (g_cancellable_set_error_if_cancelled (crawl->cancellable, &crawl->error))
        break;

      if (crawl->listings.length == 0 && crawl->details.length == 0)
        {
          if (crawl->in_flight == 0)
            break;
          g_cond_wait (&crawl->cond, &crawl->lock);
          continue;
        }

      if (crawl->limit == 0)
        {
          crawl->complete = FALSE;
          crawl->limit_reached = TRUE;
          break;
        }
      crawl->limit--;

      page = g_queue_pop_head (crawl->listings.length > 0 ? &crawl->listings : &crawl->details);
      crawl->in_flight++;
      g_mutex_unlock (&crawl->lock);

      fetch_page (crawl, page, &fetched);

      g_mutex_lock (&crawl->lock);
      if (!process_page (crawl, page, &fetched, &error) && crawl->error == NULL)
        crawl->error = g_steal_pointer (&error);
      g_clear_error (&error);
      page_free (page);
      g_mutex_unlock (&crawl->lock);

      /* Hand the new postings on outside the crawl's lock, and free the
       * document there too: it can be large. */
      if (fetched.deliver != NULL && fetched.deliver->len > 0)
        {
          gboolean ok = TRUE;

          for (guint i = 0; ok && i < fetched.deliver->len; i++)
            ok = scraper_batcher_add (crawl->batcher, fetched.deliver->pdata[i], &error);

          if (!ok)
            {
              g_mutex_lock (&crawl->lock);
              if (crawl->error == NULL)
                crawl->error = g_steal_pointer (&error);
              g_mutex_unlock (&crawl->lock);
              g_clear_error (&error);
            }
        }
      fetched_clear (&fetched);

      /* The page counts as done once its postings are handed on, so the
       * crawl does not end while a worker still delivers. */
      g_mutex_lock (&crawl->lock);
      crawl->in_flight--;
      report (crawl);
      g_cond_broadcast (&crawl->cond);
    }
  g_cond_broadcast (&crawl->cond);
  g_mutex_unlock (&crawl->lock);

  return NULL;
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
  ScraperCrawlHelpers *helpers;
  guint n_workers;
  gboolean ok;

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
  crawl.max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", 5000), 1, 100000);
  crawl.max_depth = (guint) CLAMP (scraper_source_get_setting_int (source, "max_depth", 3), 0, 100);
  crawl.complete = TRUE;
  uri_host (source->url, &crawl.host);

  enqueue (&crawl, source->url, 0, TRUE);
  ((Page *) g_queue_peek_head (&crawl.listings))->start = TRUE;
  report (&crawl);

  crawl.limit = crawl.max_pages;
  g_mutex_init (&crawl.lock);
  g_cond_init (&crawl.cond);

  /* More workers than connections per host would only wait in the fetcher. */
  n_workers = CLAMP (scraper_fetcher_get_max_per_host (fetcher), 1, 8);
  helpers = scraper_crawl_helpers_start (crawl_worker, &crawl, n_workers - 1);
  crawl_worker (&crawl);
  scraper_crawl_helpers_join (helpers);

  ok = crawl.error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&crawl.error));

  /* Postings seen only on listings. */
  for (guint i = 0; ok && i < crawl.held->len; i++)
    if (!g_hash_table_contains (crawl.delivered, crawl.held_key_list->pdata[i]))
      ok = scraper_batcher_add (crawl.batcher, crawl.held->pdata[i], error);
  if (ok)
    ok = scraper_batcher_flush (crawl.batcher, error);

  if (ok && stats->postings_found == 0 && crawl.limit_reached && crawl.details_total > 0)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The %u-page limit was reached before the first posting page; "
                                "raise the source’s page limit",
                                "The %u-page limit was reached before the first posting page; "
                                "raise the source’s page limit", crawl.max_pages),
                   crawl.max_pages);
      ok = FALSE;
    }
  else if (ok && stats->postings_found == 0)
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
      if (crawl.limit_reached)
        {
          /* Posting pages found, fetched or not, and those still waiting. */
          stats->stopped_at_limit = crawl.max_pages;
          stats->total_estimate = MAX (crawl.details_total, stats->postings_found);
        }
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
  g_mutex_clear (&crawl.lock);
  g_cond_clear (&crawl.cond);
  return ok;
}
