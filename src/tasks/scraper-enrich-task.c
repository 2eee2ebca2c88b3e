/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-enrich-task"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-enrich-task.h"

#define PAGE_SIZE 500

typedef struct {
  ScraperStore    *store;
  ScraperEnricher *enricher;
} EnrichData;

static void
enrich_data_free (gpointer p)
{
  EnrichData *data = p;

  g_clear_object (&data->store);
  g_clear_pointer (&data->enricher, scraper_enricher_unref);
  g_free (data);
}

static void
enrich_task_run (ScraperTask  *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EnrichData *data = task_data;
  g_autoptr(GError) error = NULL;
  ScraperQuery query;
  GVariantDict dict;
  guint total, done = 0, changed = 0;

  scraper_query_init (&query);
  query.sort = SCRAPER_SORT_FIRST_SEEN;
  total = scraper_store_count_postings (data->store, &query, &error);
  if (error != NULL)
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  query.limit = PAGE_SIZE;
  for (query.offset = 0; ; query.offset += PAGE_SIZE)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autofree char *msg = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
          !(page = scraper_store_query_postings (data->store, &query, &error)))
        {
          scraper_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      for (guint i = 0; i < page->len; i++)
        {
          ScraperPosting *posting = g_ptr_array_index (page, i);

          if (scraper_enricher_enrich (data->enricher, posting))
            {
              if (!scraper_store_update_enrichment (data->store, posting, &error))
                {
                  scraper_task_return_error (task, g_steal_pointer (&error));
                  return;
                }
              changed++;
            }
        }

      done += page->len;
      /* Translators: progress of enrichment */
      msg = g_strdup_printf (_("Enriched %u of %u postings"), done, total);
      scraper_task_report (task, total > 0 ? MIN (1.0, (double) done / total) : 1.0, msg);

      if (page->len < PAGE_SIZE)
        break;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "postings", "u", done);
  g_variant_dict_insert (&dict, "changed", "u", changed);
  scraper_task_return_result (task, g_variant_dict_end (&dict));
}

ScraperTask *
scraper_enrich_task_new (ScraperStore    *store,
                         ScraperEnricher *enricher)
{
  EnrichData *data;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (enricher != NULL, NULL);

  data = g_new0 (EnrichData, 1);
  data->store = g_object_ref (store);
  data->enricher = scraper_enricher_ref (enricher);

  return scraper_task_new ("enrich", _("Enrich postings"), enrich_task_run, data, enrich_data_free);
}
