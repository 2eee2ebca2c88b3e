/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-workday"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-workday-private.h"

/* Kind "workday": a Workday career site through the JSON its own pages use.
 * The listing is a POST of {"appliedFacets":{},"limit":20,"offset":N,
 * "searchText":""} to /wday/cxs/TENANT/SITE/jobs, twenty postings a page;
 * each posting's description, places and date come from a GET of its
 * detail.  Everything goes one request after the other through the
 * fetcher, which keeps the per-host politeness; the cancellable is looked
 * at between pages and between details. */

#define PAGE_SIZE 20
#define DEFAULT_MAX_PAGES 100   /* 2000 postings, as far as Workday lists */

static GBytes *
page_body (guint offset)
{
  g_autofree char *body =
    g_strdup_printf ("{\"appliedFacets\":{},\"limit\":%u,\"offset\":%u,\"searchText\":\"\"}", PAGE_SIZE, offset);
  gsize len = strlen (body);

  return g_bytes_new_take (g_steal_pointer (&body), len);
}

static ScraperResponse *
post_page (ScraperFetcher  *fetcher,
           const char      *jobs_url,
           const char      *board,
           guint            offset,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GBytes) body = page_body (offset);
  g_autoptr(GError) local_error = NULL;
  ScraperResponse *response;

  response = scraper_fetcher_post (fetcher, jobs_url, "application/json", body,
                                   SCRAPER_FETCH_FLAGS_NONE, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("Could not read the Workday site “%s”: "), board);
    }
  return response;
}

/* Completes @item's posting from its detail.  A detail that cannot be read
 * is a warning (the posting keeps what the listing said); FALSE only when
 * cancelled. */
static gboolean
read_detail (ScraperWorkdayItem            *item,
             const ScraperWorkdaySite      *site,
             const char                    *board,
             ScraperFetcher                *fetcher,
             const ScraperAdapterCallbacks *callbacks,
             ScraperAdapterStats           *stats,
             GDateTime                     *now,
             GCancellable                  *cancellable,
             GError                       **error)
{
  g_autofree char *url = scraper_workday_site_detail_url (site, item->external_path);
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length = 0;

  if (url == NULL)
    return TRUE;

  response = scraper_adapter_fetch (fetcher, url, NULL, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      scraper_adapter_warn (callbacks, stats, _("The details of “%s” could not be read: %s"),
                            item->posting->title, local_error->message);
      return TRUE;
    }

  data = g_bytes_get_data (response->body, &length);
  if (!scraper_workday_apply_detail (item->posting, data, length, board, now, &local_error))
    scraper_adapter_warn (callbacks, stats, _("The details of “%s” could not be read: %s"),
                          item->posting->title, local_error->message);
  return TRUE;
}

gboolean
scraper_adapter_workday_run (ScraperSource                 *source,
                             ScraperFetcher                *fetcher,
                             const ScraperAdapterCallbacks *callbacks,
                             ScraperAdapterStats           *stats,
                             GCancellable                  *cancellable,
                             GError                       **error)
{
  g_autoptr(ScraperWorkdaySite) site = NULL;
  g_autoptr(ScraperBatcher) batcher = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *jobs_url = NULL;
  g_autofree char *message = NULL;
  const char *board;
  gboolean details;
  gboolean complete = FALSE;
  gboolean stuck = FALSE;
  guint max_pages;
  guint offset = 0;
  guint total = 0;
  guint done = 0;
  guint page;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  site = scraper_workday_site_parse (source->url != NULL ? source->url : "", error);
  if (site == NULL)
    return FALSE;
  board = site->site;
  jobs_url = scraper_workday_site_jobs_url (site);
  max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", DEFAULT_MAX_PAGES), 1, 10000);
  details = scraper_source_get_setting_boolean (source, "details", TRUE);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batcher = scraper_batcher_new (source, callbacks, stats);
  /* "Posted 3 Days Ago" counts back from the day of the fetch. */
  now = g_date_time_new_now_local ();

  message = g_strdup_printf (_("Reading the Workday site “%s”"), board);
  scraper_adapter_report (callbacks, 0, 0, message);

  for (page = 0; page < max_pages; page++)
    {
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GPtrArray) items = NULL;
      ScraperAtsParseContext context = { 0 };
      const char *data;
      gsize length = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;

      response = post_page (fetcher, jobs_url, board, offset, cancellable, &local_error);
      if (response == NULL)
        break;
      stats->pages_fetched++;

      data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
      context.source_id = source->id;
      context.board = board;
      context.base_url = jobs_url;
      items = scraper_workday_parse_jobs (data, length, site, &context, now, &local_error);
      if (items == NULL)
        break;

      /* Workday states the total on the first page; later pages may say 0. */
      if (total == 0)
        total = context.total;

      {
        g_autofree char *page_message = NULL;
        guint pages = total > 0 ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 0;

        if (pages > page)
          page_message = g_strdup_printf (_("Read page %u of %u"), page + 1, pages);
        else
          page_message = g_strdup_printf (_("Read page %u"), page + 1);
        scraper_adapter_report (callbacks, done, MAX (total, done), page_message);
      }

      {
        guint fresh = 0;

        for (guint i = 0; i < items->len; i++)
          if (!g_hash_table_contains (seen, ((ScraperWorkdayItem *) g_ptr_array_index (items, i))->external_path))
            fresh++;
        /* A full page of postings already read: the site answers the same
         * page whatever the offset.  Stop rather than ask it again and
         * again; what was read is not all there is. */
        if (fresh == 0 && items->len > 0)
          {
            stuck = TRUE;
            break;
          }
      }

      for (guint i = 0; i < items->len; i++)
        {
          ScraperWorkdayItem *item = g_ptr_array_index (items, i);
          g_autofree char *posting_message = NULL;

          /* A posting that moved across a page boundary between two
           * requests would otherwise come twice. */
          if (!g_hash_table_add (seen, g_strdup (item->external_path)))
            continue;

          if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            break;
          if (details &&
              !read_detail (item, site, board, fetcher, callbacks, stats, now, cancellable, &local_error))
            break;
          if (!scraper_batcher_add (batcher, item->posting, &local_error))
            break;

          done++;
          posting_message = g_strdup_printf (_("%u of %u postings read"), done, MAX (total, done));
          scraper_adapter_report (callbacks, done, MAX (total, done), posting_message);
        }
      if (local_error != NULL)
        break;

      offset += context.n_items;
      if (context.n_items == 0 || (total > 0 && offset >= total) ||
          (total == 0 && context.n_items < PAGE_SIZE))
        {
          complete = TRUE;
          break;
        }
    }

  if (local_error != NULL)
    {
      /* What was read stays read: hand it on before saying why we stop. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        scraper_batcher_flush (batcher, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!scraper_batcher_flush (batcher, error))
    return FALSE;

  if (stuck)
    scraper_adapter_warn (callbacks, stats,
                          _("The Workday site “%s” answered the same postings for page %u as before; "
                            "stopped there (%u of %u postings)"),
                          board, page + 1, done, total);
  else if (!complete)
    scraper_adapter_warn (callbacks, stats,
                          _("Stopped after %u pages of the Workday site “%s” (%u of %u postings)"),
                          max_pages, board, done, total);
  else if (done == 0)
    scraper_adapter_report (callbacks, 0, 0, _("The board has no postings"));
  else
    {
      g_autofree char *found = g_strdup_printf (ngettext ("Found %u posting", "Found %u postings", done), done);

      scraper_adapter_report (callbacks, done, done, found);
    }

  stats->complete = complete;
  return TRUE;
}
