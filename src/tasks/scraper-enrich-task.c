/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-enrich-task"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scraper-enrich-task.h"
#include "store/scraper-store-llm.h"

#define PAGE_SIZE 500
/* Answers of the language model stored per transaction: a cancel or an
 * error loses none of the (slow, maybe paid) answers before it. */
#define LLM_BATCH 10
#define LLM_DEFAULT_MAX 100
/* Unusable answers to the first postings of a run, one after the other,
 * say more about the server (not OpenAI-compatible, a model that cannot
 * answer in JSON) than about the postings: they are not recorded, or the
 * postings would never be asked again. */
#define LLM_MAX_INVALID_FIRST 3
/* With a language model the rules take this part of the progress bar; one
 * question takes far longer than all the rules. */
#define RULES_SHARE 0.1

typedef struct {
  ScraperStore    *store;
  ScraperEnricher *enricher;
  ScraperLlm      *llm;       /* nullable */
  guint            llm_max;
} EnrichData;

static void
enrich_data_free (gpointer p)
{
  EnrichData *data = p;

  g_clear_object (&data->store);
  g_clear_pointer (&data->enricher, scraper_enricher_unref);
  g_clear_pointer (&data->llm, scraper_llm_unref);
  g_free (data);
}

static gboolean
flush_answers (EnrichData  *data,
               GArray      *batch,
               GError     **error)
{
  gboolean ok = scraper_store_llm_save (data->store, (const ScraperLlmAnswer *) (gpointer) batch->data,
                                        batch->len, error);

  g_array_set_size (batch, 0);
  return ok;
}

/* The language model's part: on this worker thread, with a session of its
 * own (libsoup: one session, one thread). */
static gboolean
ask_llm (ScraperTask   *task,
         EnrichData    *data,
         GCancellable  *cancellable,
         guint         *asked,
         guint         *changed,
         GError       **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(ScraperLlmSession) session = NULL;
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (ScraperLlmAnswer));
  gboolean any_valid = FALSE;
  guint invalid_first = 0;

  candidates = scraper_store_llm_candidates (data->store, data->llm_max, error);
  if (candidates == NULL)
    return FALSE;
  session = scraper_llm_session_new (data->llm);

  for (guint i = 0; i < candidates->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (candidates, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *msg = NULL;
      ScraperLlmAnswer answer = { posting, SCRAPER_LLM_OUTCOME_NOTHING };
      ScraperEnrichFlags flags;

      /* Translators: progress of asking a language model about postings */
      msg = g_strdup_printf (_("Asking the language model… %u of %u"), i + 1, candidates->len);
      scraper_task_report (task, RULES_SHARE + (1 - RULES_SHARE) * i / candidates->len, msg);

      flags = scraper_llm_session_enrich (session, posting, cancellable, &local_error);
      if (local_error != NULL && !scraper_llm_error_is_per_posting (local_error))
        {
          /* Down, key refused, cancelled: the next posting would fare no
           * better.  What was answered so far is kept. */
          g_autoptr(GError) store_error = NULL;

          if (!flush_answers (data, batch, &store_error))
            g_warning ("Could not store the language model's answers: %s", store_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (local_error != NULL)
        {
          g_debug ("Posting %lld: %s", (long long) posting->id, local_error->message);
          answer.outcome = SCRAPER_LLM_OUTCOME_INVALID;
          if (!any_valid && ++invalid_first >= LLM_MAX_INVALID_FIRST)
            {
              g_assert (batch->len < LLM_BATCH);
              g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_FAILED,
                           _("The language model server at %s gave no usable answer about %u postings in a row; "
                             "is it OpenAI-compatible, and can the model “%s” answer in JSON? (%s)"),
                           scraper_llm_get_endpoint (data->llm), invalid_first,
                           scraper_llm_get_model (data->llm), local_error->message);
              return FALSE;
            }
        }
      else
        any_valid = TRUE;

      if (local_error == NULL && flags != SCRAPER_ENRICH_NONE)
        {
          /* New skills may change how well it matches the profile. */
          double relevance = scraper_enricher_relevance (data->enricher, posting);

          if (!isnan (relevance))
            posting->relevance = relevance;
          answer.outcome = SCRAPER_LLM_OUTCOME_FILLED;
          (*changed)++;
        }
      (*asked)++;

      g_array_append_val (batch, answer);
      if (batch->len >= LLM_BATCH && !flush_answers (data, batch, error))
        return FALSE;
    }

  return flush_answers (data, batch, error);
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
  guint total, done = 0, changed = 0, llm_asked = 0, llm_changed = 0;
  double share = data->llm != NULL ? RULES_SHARE : 1.0;

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
      scraper_task_report (task, share * (total > 0 ? MIN (1.0, (double) done / total) : 1.0), msg);

      if (page->len < PAGE_SIZE)
        break;
    }

  if (data->llm != NULL &&
      !ask_llm (task, data, cancellable, &llm_asked, &llm_changed, &error))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "postings", "u", done);
  g_variant_dict_insert (&dict, "changed", "u", changed);
  g_variant_dict_insert (&dict, "llm_asked", "u", llm_asked);
  g_variant_dict_insert (&dict, "llm_changed", "u", llm_changed);
  scraper_task_return_result (task, g_variant_dict_end (&dict));
}

ScraperTask *
scraper_enrich_task_new (ScraperStore    *store,
                         ScraperEnricher *enricher)
{
  return scraper_enrich_task_new_with_llm (store, enricher, NULL, 0);
}

ScraperTask *
scraper_enrich_task_new_with_llm (ScraperStore    *store,
                                  ScraperEnricher *enricher,
                                  ScraperLlm      *llm,
                                  guint            llm_max)
{
  EnrichData *data;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (enricher != NULL, NULL);

  data = g_new0 (EnrichData, 1);
  data->store = g_object_ref (store);
  data->enricher = scraper_enricher_ref (enricher);
  data->llm = llm != NULL ? scraper_llm_ref (llm) : NULL;
  data->llm_max = llm_max > 0 ? llm_max : LLM_DEFAULT_MAX;

  return scraper_task_new ("enrich", _("Enrich postings"), enrich_task_run, data, enrich_data_free);
}
