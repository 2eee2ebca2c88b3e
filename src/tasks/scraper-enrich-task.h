/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "enrich/scraper-enrich.h"
#include "enrich/scraper-llm.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Kind "enrich": derives salary (from text where the source stated none),
 * remote kind, seniority, skills and relevance for every posting that is
 * not archived, and stores them in batches.  The result is an a{sv} with
 * "postings" (u, how many were looked at), "changed" (u), "llm_asked" and
 * "llm_changed" (u, both 0 without a language model). */
ScraperTask *scraper_enrich_task_new          (ScraperStore    *store,
                                               ScraperEnricher *enricher);

/* The same, then asks @llm about at most @llm_max postings (0: 100) that
 * the rules left without a salary, remote kind, seniority or skills and
 * that it was not asked about in their current content; what it fills is
 * stored in batches.  An answer it cannot use is recorded and the next
 * posting asked; an error of the server (down, key refused, unknown model,
 * 5xx) ends the task failed with its message, the rules' results and the
 * answers so far stored. */
ScraperTask *scraper_enrich_task_new_with_llm (ScraperStore    *store,
                                               ScraperEnricher *enricher,
                                               ScraperLlm      *llm,
                                               guint            llm_max);

G_END_DECLS
