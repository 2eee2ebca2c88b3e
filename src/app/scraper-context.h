/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/scraper-task-manager.h"
#include "enrich/scraper-enrich.h"
#include "enrich/scraper-llm.h"
#include "scrape/scraper-fetcher.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_CONTEXT (scraper_context_get_type ())
G_DECLARE_FINAL_TYPE (ScraperContext, scraper_context, SCRAPER, CONTEXT, GObject)

/* What the window and the command line share, without GTK: the store, the
 * task manager, the settings, and the task history kept in the store.
 * Create it on the main thread.  @db_path NULL means $JOB_SCRAPER_DB, else
 * the default database in the user data folder. */
ScraperContext     *scraper_context_new              (const char     *db_path,
                                                      GError        **error);
char               *scraper_context_resolve_db_path  (const char     *db_path);

ScraperStore       *scraper_context_get_store        (ScraperContext *self);
ScraperTaskManager *scraper_context_get_task_manager (ScraperContext *self);
/* The settings, or NULL when the schema is not installed (defaults apply). */
GSettings          *scraper_context_get_settings     (ScraperContext *self);
/* The fetcher configured from the current settings (made anew after they
 * change). */
ScraperFetcher     *scraper_context_get_fetcher      (ScraperContext *self);
ScraperEnricher    *scraper_context_get_enricher     (ScraperContext *self);
/* The language model configured in the settings ("llm-enabled",
 * "llm-endpoint", "llm-model"), with the API key from the environment
 * variable JOB_SCRAPER_LLM_API_KEY; NULL without an error when it is off,
 * NULL with an error when it is on but its address or model is unusable.
 * Each call makes a new one (it holds no connection). */
ScraperLlm         *scraper_context_dup_llm          (ScraperContext *self,
                                                      GError        **error);
/* "llm-max-postings", or its default without the schema. */
guint               scraper_context_get_llm_max      (ScraperContext *self);
/* An enrich task with the enricher and @llm (nullable), submitted; the
 * caller owns the returned reference. */
ScraperTask        *scraper_context_enrich           (ScraperContext      *self,
                                                      ScraperLlm          *llm,
                                                      guint                llm_max,
                                                      ScraperTaskPriority  priority);

/* Submits one scrape task per source: @source_ids (n_ids > 0), or every
 * enabled source.  Returns the tasks (element type ScraperTask), or NULL
 * with an error for an unknown id. */
GPtrArray          *scraper_context_scrape           (ScraperContext      *self,
                                                      const gint64        *source_ids,
                                                      guint                n_ids,
                                                      ScraperTaskPriority  priority,
                                                      GError             **error);
/* The same for @sources read already (element type ScraperSource), each
 * scraped whether enabled or not: the window reads them on the store's
 * thread first. */
GPtrArray          *scraper_context_scrape_sources   (ScraperContext      *self,
                                                      GPtrArray           *sources,
                                                      ScraperTaskPriority  priority);
/* Marks tasks that a crash or a kill left running as interrupted, and
 * adds the recent history to the task manager (for the window). */
void                scraper_context_load_history     (ScraperContext *self);
/* Tasks found running or pending in the history at start-up (interrupted
 * by a crash or a kill), as the store recorded them. */
guint               scraper_context_get_n_interrupted (ScraperContext *self);
/* Cancels every task and waits at most 5 s for the workers (a cancelled
 * task's worker may still be recording its run). */
void                scraper_context_shutdown         (ScraperContext *self);

G_END_DECLS
