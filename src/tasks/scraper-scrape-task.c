/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-scrape-task"

#include "config.h"

#include <glib/gi18n.h>

#include "scrape/scraper-adapter.h"
#include "scraper-scrape-task.h"

typedef struct {
  ScraperStore    *store;
  ScraperFetcher  *fetcher;
  ScraperEnricher *enricher;   /* nullable */
  ScraperSource   *source;
} ScrapeData;

/* What one run of the worker keeps while the adapter calls back. */
typedef struct {
  ScrapeData   *data;
  ScraperTask  *task;
  ScraperSync  *sync;
  guint         found;
  guint         warnings;
  GHashTable   *validators;  /* url -> Validators, kept once the run is stored */
  ScraperCompanyTally *companies;  /* of the postings stored */
  char         *title;       /* what the source calls itself, if it said */
} ScrapeRun;

static void
scrape_run_clear (ScrapeRun *run)
{
  g_clear_pointer (&run->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScrapeRun, scrape_run_clear)

typedef struct {
  char *etag;
  char *last_modified;
} Validators;

static void
validators_free (gpointer data)
{
  Validators *v = data;

  g_free (v->etag);
  g_free (v->last_modified);
  g_free (v);
}

static void
scrape_data_free (gpointer p)
{
  ScrapeData *data = p;

  g_clear_object (&data->store);
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->enricher, scraper_enricher_unref);
  g_clear_pointer (&data->source, scraper_source_unref);
  g_free (data);
}

static gboolean
on_postings (GPtrArray  *postings,
             gpointer    user_data,
             GError    **error)
{
  ScrapeRun *run = user_data;

  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      posting->source_id = run->data->source->id;
      if (run->data->enricher != NULL)
        scraper_enricher_enrich (run->data->enricher, posting);
    }

  run->found += postings->len;

  if (!scraper_sync_add (run->sync, postings, error))
    return FALSE;
  for (guint i = 0; i < postings->len; i++)
    scraper_company_tally_add (run->companies, g_ptr_array_index (postings, i));
  return TRUE;
}

/* A source the user did not name is called after its address ("127.0.0.1",
 * a board's name); once a run shows that most of its postings are of one
 * company, it is called after that company, or else after what the source
 * calls itself (a feed's title).  A name the user gave is kept, also one
 * given while the run went on. */
static void
name_after_company (ScrapeRun *run)
{
  ScraperSource *source = run->data->source;
  g_autofree char *default_name = scraper_adapter_default_name (source->url, source->kind);
  g_autofree char *company = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (source->name, default_name) != 0)
    return;
  if ((company = scraper_company_tally_majority (run->companies)) == NULL)
    company = g_strdup (run->title);
  if (company == NULL || g_str_equal (company, source->name))
    return;

  if (!scraper_store_rename_source_if (run->data->store, source->id, source->name, company,
                                       NULL, &error))
    g_warning ("Could not name source %" G_GINT64_FORMAT " after “%s”: %s",
               source->id, company, error->message);
}

static void
on_progress (guint       done,
             guint       total,
             const char *message,
             gpointer    user_data)
{
  ScrapeRun *run = user_data;
  g_autofree char *text = NULL;
  double fraction = SCRAPER_TASK_FRACTION_INDETERMINATE;

  /* Every report goes to the task, which coalesces them (the last always
   * shows). */
  if (total > 0)
    fraction = CLAMP ((double) done / total, 0.0, 1.0);

  if (message == NULL || *message == '\0')
    {
      if (total > 0)
        /* Translators: progress of a scrape, e.g. "Fetched 120 of 500 postings" */
        text = g_strdup_printf (_("Fetched %u of %u postings"), done, total);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Found %u posting", "Found %u postings", run->found),
                                run->found);
      message = text;
    }

  scraper_task_report (run->task, fraction, message);
}

static void
on_get_validators (const char  *url,
                   char       **etag,
                   char       **last_modified,
                   gpointer     user_data)
{
  ScrapeRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_get_validators (run->data->store, url, etag, last_modified, &error))
    g_debug ("No validators for %s: %s", url, error->message);
}

/* Validators are kept only after the run's postings are stored: a 304
 * next time must not stand for postings that a failed run never saved. */
static void
on_set_validators (const char *url,
                   const char *etag,
                   const char *last_modified,
                   gpointer    user_data)
{
  ScrapeRun *run = user_data;
  Validators *v = g_new0 (Validators, 1);

  v->etag = g_strdup (etag);
  v->last_modified = g_strdup (last_modified);
  g_hash_table_replace (run->validators, g_strdup (url), v);
}

static void
keep_validators (ScrapeRun *run)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (ScraperValidators));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, run->validators);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Validators *v = value;
      ScraperValidators one = { key, v->etag, v->last_modified };

      g_array_append_val (all, one);
    }

  if (!scraper_store_set_validators_all (run->data->store, (ScraperValidators *) (void *) all->data,
                                         all->len, &error))
    g_warning ("Could not keep the validators of %s: %s", run->data->source->url, error->message);
}

static void
on_source_title (const char *title,
                 gpointer    user_data)
{
  ScrapeRun *run = user_data;

  g_free (run->title);
  run->title = g_strdup (title);
}

/* Called one at a time with on_postings (under the batcher's lock). */
static guint
on_keep_page (const char *url,
              gpointer    user_data)
{
  ScrapeRun *run = user_data;
  g_autoptr(GError) error = NULL;
  guint kept = scraper_sync_keep_page (run->sync, url, &error);

  if (error != NULL)
    g_warning ("Could not keep the postings of %s: %s", url, error->message);
  run->found += kept;
  return kept;
}

static void
on_warning (const char *message,
            gpointer    user_data)
{
  ScrapeRun *run = user_data;

  run->warnings++;
  g_message ("%s: %s", run->data->source->name, message);
}

static GVariant *
build_result (ScrapeRun                 *run,
              const ScraperSyncCounts   *counts,
              const ScraperAdapterStats *stats)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "source-id", "x", run->data->source->id);
  g_variant_dict_insert (&dict, "found", "u", counts->found);
  g_variant_dict_insert (&dict, "inserted", "u", counts->inserted);
  g_variant_dict_insert (&dict, "updated", "u", counts->updated);
  g_variant_dict_insert (&dict, "unchanged", "u", counts->unchanged);
  g_variant_dict_insert (&dict, "archived", "u", counts->archived);
  g_variant_dict_insert (&dict, "unarchived", "u", counts->unarchived);
  g_variant_dict_insert (&dict, "pages", "u", stats->pages_fetched);
  g_variant_dict_insert (&dict, "warnings", "u", run->warnings);
  g_variant_dict_insert (&dict, "complete", "b", stats->complete);
  g_variant_dict_insert (&dict, "not-modified", "b", stats->not_modified);
  if (stats->stopped_at_limit > 0)
    {
      g_variant_dict_insert (&dict, "page-limit", "u", stats->stopped_at_limit);
      g_variant_dict_insert (&dict, "total-estimate", "u", stats->total_estimate);
    }

  return g_variant_dict_end (&dict);
}

static void
scrape_task_run (ScraperTask  *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ScrapeData *data = task_data;
  g_autoptr(GHashTable) validators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, validators_free);
  g_autoptr(ScraperCompanyTally) companies = scraper_company_tally_new ();
  g_auto(ScrapeRun) run = { data, task, NULL, 0, 0, validators, companies, NULL };
  ScraperAdapterStats stats = { 0 };
  ScraperSyncCounts counts = { 0 };
  ScraperSyncOutcome outcome;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) finish_error = NULL;
  g_autofree char *note = NULL;
  const ScraperAdapterCallbacks callbacks = {
    .postings = on_postings,
    .progress = on_progress,
    .get_validators = on_get_validators,
    .set_validators = on_set_validators,
    .warning = on_warning,
    .keep_page = on_keep_page,
    .source_title = on_source_title,
    .user_data = &run,
  };
  gboolean ok;

  scraper_task_report (task, SCRAPER_TASK_FRACTION_INDETERMINATE, _("Connecting…"));

  run.sync = scraper_store_begin_sync (data->store, data->source->id, &error);
  if (run.sync == NULL)
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = scraper_adapter_run (data->source, data->fetcher, &callbacks, &stats, cancellable, &error);

  /* "Not modified": what the last run stored is still what the source
   * lists, so the run is complete without fetching it again. */
  if (ok && stats.not_modified && !g_cancellable_is_cancelled (cancellable))
    {
      ok = scraper_sync_keep_unchanged (run.sync, &error);
      stats.complete = ok;
    }

  /* The point of no return: a run recorded as complete is what the task
   * says too, cancel or not; once cancelled, the run is recorded as such
   * (the task may already show "cancelled"). */
  if (ok && scraper_task_begin_final (task))
    outcome = stats.complete ? SCRAPER_SYNC_COMPLETE : SCRAPER_SYNC_PARTIAL;
  else if (g_cancellable_is_cancelled (cancellable) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome = SCRAPER_SYNC_CANCELLED;
  else
    outcome = SCRAPER_SYNC_FAILED;

  /* A run the page limit cut short says so where the source is shown. */
  if (outcome == SCRAPER_SYNC_PARTIAL && stats.stopped_at_limit > 0)
    note = scraper_scrape_limit_describe (stats.stopped_at_limit, stats.postings_found, stats.total_estimate);

  /* Finishing records the run and archives what a complete run did not
   * see; it never archives for a cancelled or failed run.  A cancel the
   * user asked for is no error to show. */
  if (!scraper_sync_finish (g_steal_pointer (&run.sync), outcome,
                            outcome == SCRAPER_SYNC_FAILED && error != NULL ? error->message : note,
                            &counts, &finish_error) && error == NULL)
    error = g_steal_pointer (&finish_error);

  if (error != NULL)
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (outcome == SCRAPER_SYNC_COMPLETE || outcome == SCRAPER_SYNC_PARTIAL)
    {
      keep_validators (&run);
      name_after_company (&run);
    }

  if (outcome == SCRAPER_SYNC_CANCELLED)
    {
      scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                            _("The scrape was cancelled")));
      return;
    }

  scraper_task_report (task, 1.0, NULL);
  scraper_task_return_result (task, build_result (&run, &counts, &stats));
}

ScraperTask *
scraper_scrape_task_new (ScraperStore    *store,
                         ScraperFetcher  *fetcher,
                         ScraperEnricher *enricher,
                         ScraperSource   *source)
{
  ScrapeData *data;
  const char *title;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  data = g_new0 (ScrapeData, 1);
  data->store = g_object_ref (store);
  data->fetcher = g_object_ref (fetcher);
  data->enricher = enricher != NULL ? scraper_enricher_ref (enricher) : NULL;
  data->source = scraper_source_ref (source);

  title = source->name != NULL && *source->name != '\0' ? source->name : source->url;

  return scraper_task_new ("scrape", title, scrape_task_run, data, scrape_data_free);
}

ScraperSource *
scraper_scrape_task_get_source (ScraperTask *task)
{
  ScrapeData *data;

  g_return_val_if_fail (SCRAPER_IS_TASK (task), NULL);
  g_return_val_if_fail (g_strcmp0 (scraper_task_get_kind (task), "scrape") == 0, NULL);

  data = scraper_task_get_task_data (task);
  return data != NULL ? data->source : NULL;
}

char *
scraper_scrape_limit_describe (guint limit,
                               guint found,
                               guint total)
{
  if (total > found)
    /* Translators: e.g. "Stopped at the 200-page limit: 140 of about 1500 postings" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Stopped at the %u-page limit: %u of about %u postings",
                                         "Stopped at the %u-page limit: %u of about %u postings", total),
                            limit, found, total);
  /* Translators: e.g. "Stopped at the 200-page limit: 140 postings" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Stopped at the %u-page limit: %u posting",
                                       "Stopped at the %u-page limit: %u postings", found),
                          limit, found);
}

char *
scraper_scrape_result_describe (GVariant *result)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint inserted = 0, updated = 0, archived = 0, found = 0;
  guint limit = 0, total = 0;

  if (result == NULL || !g_variant_is_of_type (result, G_VARIANT_TYPE_VARDICT))
    return NULL;

  if (g_variant_lookup (result, "page-limit", "u", &limit) && limit > 0)
    {
      g_variant_lookup (result, "found", "u", &found);
      g_variant_lookup (result, "total-estimate", "u", &total);
      return scraper_scrape_limit_describe (limit, found, total);
    }

  g_variant_lookup (result, "found", "u", &found);
  g_variant_lookup (result, "inserted", "u", &inserted);
  g_variant_lookup (result, "updated", "u", &updated);
  g_variant_lookup (result, "archived", "u", &archived);

  if (inserted > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", inserted), inserted));
  if (updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", updated), updated));
  if (archived > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u archived", "%u archived", archived), archived));
  if (parts->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting, no changes", "%u postings, no changes", found), found);

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between counts such as "12 new, 3 updated" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}
