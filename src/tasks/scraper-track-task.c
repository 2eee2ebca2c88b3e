/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-track-task"

#include "config.h"

#include <glib/gi18n.h>

#include "scrape/scraper-manual.h"
#include "scraper-track-task.h"

/* One source per tracked posting: the source's address is the posting's,
 * so a scrape refreshes it with the adapter protocol as it is (one source,
 * one address, one run), removing the source forgets the posting, and
 * nothing a run does to one tracked posting can touch another. */

typedef struct {
  ScraperStore    *store;
  ScraperFetcher  *fetcher;
  ScraperEnricher *enricher;   /* nullable */
  char            *url;
  gint             status;
} TrackData;

static void
track_data_free (gpointer p)
{
  TrackData *data = p;

  g_clear_object (&data->store);
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->enricher, scraper_enricher_unref);
  g_free (data->url);
  g_free (data);
}

/* The manual source tracking @url already, or NULL. */
static ScraperSource *
find_source (ScraperStore  *store,
             const char    *url,
             GError       **error)
{
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (store, error);
  g_autofree char *key = scraper_store_canonicalize_url (url);

  if (sources == NULL)
    return NULL;
  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);
      g_autofree char *other = NULL;

      if (g_strcmp0 (source->kind, "manual") != 0)
        continue;
      other = scraper_store_canonicalize_url (source->url);
      if (g_strcmp0 (other, key) == 0 || g_strcmp0 (source->url, url) == 0)
        return scraper_source_ref (source);
    }
  return NULL;
}

static char *
source_name (ScraperPosting *posting,
             const char     *url)
{
  if (posting->title == NULL || *posting->title == '\0')
    return g_strdup (url);
  if (posting->company != NULL && *posting->company != '\0')
    /* Translators: the name of a tracked posting's source: title, company */
    return g_strdup_printf (_("%s at %s"), posting->title, posting->company);
  return g_strdup (posting->title);
}

static void
track_task_run (ScraperTask  *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TrackData *data = task_data;
  g_autoptr(ScraperPosting) posting = NULL;
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  ScraperSync *sync;
  ScraperSyncCounts counts;
  GVariantDict dict;
  gboolean added = FALSE;

  scraper_task_report (task, SCRAPER_TASK_FRACTION_INDETERMINATE, _("Reading the posting…"));

  posting = scraper_manual_fetch_posting (data->fetcher, data->url, cancellable, &error);
  if (posting == NULL)
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  source = find_source (data->store, data->url, &error);
  if (source == NULL && error == NULL)
    {
      source = scraper_source_new ();
      source->kind = g_strdup ("manual");
      source->url = g_strdup (data->url);
      source->name = source_name (posting, data->url);
      source->enabled = TRUE;
      if (scraper_store_add_source (data->store, source, &error) <= 0)
        g_clear_pointer (&source, scraper_source_unref);
      added = TRUE;
    }
  if (source == NULL)
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  posting->source_id = source->id;
  if (data->enricher != NULL)
    scraper_enricher_enrich (data->enricher, posting);

  batch = g_ptr_array_new ();
  g_ptr_array_add (batch, posting);
  sync = scraper_store_begin_sync (data->store, source->id, &error);
  if (sync == NULL || !scraper_sync_add (sync, batch, &error))
    {
      if (sync != NULL)
        scraper_sync_finish (sync, SCRAPER_SYNC_FAILED, error->message, &counts, NULL);
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Partial: a tracked posting's run never archives. */
  if (!scraper_sync_finish (sync, SCRAPER_SYNC_PARTIAL, NULL, &counts, &error) ||
      (data->status >= 0 &&
       !scraper_store_set_status (data->store, posting->id, (ScraperPostingStatus) data->status, &error)))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "posting-id", "x", posting->id);
  g_variant_dict_insert (&dict, "source-id", "x", source->id);
  g_variant_dict_insert (&dict, "title", "s", posting->title != NULL ? posting->title : "");
  g_variant_dict_insert (&dict, "added", "b", added);
  scraper_task_report (task, 1.0, posting->title);
  scraper_task_return_result (task, g_variant_dict_end (&dict));
}

ScraperTask *
scraper_track_task_new (ScraperStore    *store,
                        ScraperFetcher  *fetcher,
                        ScraperEnricher *enricher,
                        const char      *url,
                        gint             status)
{
  TrackData *data;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  data = g_new0 (TrackData, 1);
  data->store = g_object_ref (store);
  data->fetcher = g_object_ref (fetcher);
  data->enricher = enricher != NULL ? scraper_enricher_ref (enricher) : NULL;
  data->url = g_strdup (url);
  data->status = status;

  /* Translators: the title of the task that stores one posting, %s its address */
  title = g_strdup_printf (_("Tracking %s"), url);
  return scraper_task_new ("track", title, track_task_run, data, track_data_free);
}
