/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-store.h"

G_BEGIN_DECLS

/* What a language model was asked about (the posting_llm table). */

typedef enum {
  SCRAPER_LLM_OUTCOME_FILLED,    /* it filled at least one field */
  SCRAPER_LLM_OUTCOME_NOTHING,   /* it answered, but had nothing to add */
  SCRAPER_LLM_OUTCOME_INVALID,   /* its answer could not be used */
} ScraperLlmOutcome;

const char     *scraper_llm_outcome_to_string   (ScraperLlmOutcome outcome);

/* Postings a language model may complete, newest first, at most @limit (0:
 * no limit): not archived, missing a salary, a remote kind, a seniority or
 * skills, and not asked about yet in their current content (a posting whose
 * content hash changed since is asked again).  Element type ScraperPosting,
 * with the description. */
GPtrArray      *scraper_store_llm_candidates    (ScraperStore  *self,
                                                 guint          limit,
                                                 GError       **error);

typedef struct {
  ScraperPosting    *posting;    /* as read by the candidates, then filled */
  ScraperLlmOutcome  outcome;
} ScraperLlmAnswer;

/* Stores a batch of answers in one transaction: for FILLED, the salary
 * (with its annualized amounts), remote kind, seniority and skills the
 * posting lacks in the store, and its relevance; for every answer, that the
 * posting was asked about in the content it had (its content_hash as read),
 * when and with what outcome.  A posting that changed in the store since it
 * was read keeps its fields (the answer was about the older text); one
 * deleted since is skipped. */
gboolean        scraper_store_llm_save          (ScraperStore           *self,
                                                 const ScraperLlmAnswer *answers,
                                                 guint                   n,
                                                 GError                **error);

/* The record of the last question about @posting_id: FALSE (and no error)
 * when it was never asked.  Each out may be NULL. */
gboolean        scraper_store_llm_get_asked     (ScraperStore  *self,
                                                 gint64         posting_id,
                                                 char         **content_hash,
                                                 gint64        *checked,
                                                 char         **outcome,
                                                 GError       **error);

G_END_DECLS
