/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A language model server's answer: read or refused, never more; what it
 * fills is within bounds. */
#include "config.h"

#include <math.h>

#include "fuzz-common.h"
#include "enrich/scraper-enrich.h"
#include "enrich/scraper-llm-private.h"

static ScraperEnricher *skills;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  skills = scraper_enricher_new (NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GError) error = NULL;

  posting->title = g_strdup ("Backend Engineer");
  llm_apply_answer (skills, (const char *) data, size, posting, &error);
  FUZZ_CHECK (isnan (posting->salary_min) || isfinite (posting->salary_min), "min %g", posting->salary_min);
  FUZZ_CHECK (isnan (posting->salary_max) || isfinite (posting->salary_max), "max %g", posting->salary_max);
  for (guint i = 0; posting->skills != NULL && posting->skills[i] != NULL; i++)
    FUZZ_CHECK (g_utf8_validate (posting->skills[i], -1, NULL), "skill not UTF-8");
  FUZZ_CHECK (posting->skills == NULL || g_strv_length (posting->skills) <= LLM_MAX_SKILLS, "too many skills");
  return 0;
}
