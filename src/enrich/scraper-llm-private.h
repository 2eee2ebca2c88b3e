/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-llm.h"

G_BEGIN_DECLS

/* Internal to the LLM client: what is asked and how the answer is read
 * (scraper-llm-answer.c). */

/* The most of a description that is sent, in bytes; cut on a character. */
#define LLM_MAX_DESCRIPTION_BYTES 8000
/* The most skills taken from one answer. */
#define LLM_MAX_SKILLS 15
/* The longest skill name taken, in characters. */
#define LLM_MAX_SKILL_CHARS 40

/* The body of a chat completions request about @posting (JSON). */
char               *llm_build_request  (const char           *model,
                                        const ScraperPosting *posting);

/* Reads a chat completions response body: its first choice's message
 * content, the JSON object in it, each value checked.  Fills the fields
 * @posting lacks; @skills canonicalizes skill names.  Fails with
 * SCRAPER_LLM_ERROR_INVALID_ANSWER, leaving @posting alone. */
ScraperEnrichFlags  llm_apply_answer   (ScraperEnricher      *skills,
                                        const char           *body,
                                        gsize                 len,
                                        ScraperPosting       *posting,
                                        GError              **error);

G_END_DECLS
