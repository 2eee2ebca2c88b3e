/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every board adapter's parser (its postings are normalized as they are
 * collected): the first byte picks the board, the rest is its answer.
 * Every URL kept is http(s). */
#include "config.h"

#include "fuzz-common.h"
#include "scrape/scraper-adapter-ats.h"
#include "scrape/scraper-boards-private.h"

static GPtrArray *
phenom_parse (const char             *data,
              gsize                   length,
              ScraperAtsParseContext *context,
              GError                **error)
{
  return scraper_phenom_parse_page (data, length, context, NULL, error);
}

static const struct {
  const char         *board;
  ScraperAtsParseFunc parse;
} kinds[] = {
  { "greenhouse", scraper_greenhouse_parse },
  { "lever", scraper_lever_parse },
  { "ashby", scraper_ashby_parse },
  { "workable", scraper_workable_parse },
  { "smartrecruiters", scraper_smartrecruiters_parse },
  { "recruitee", scraper_recruitee_parse },
  { "personio", scraper_personio_parse },
  { "paylocity", scraper_paylocity_parse },
  { "phenom", phenom_parse },
};

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperAtsParseContext context = { 0 };
  guint kind;

  if (size < 1)
    return 0;
  kind = data[0] % G_N_ELEMENTS (kinds);
  context.source_id = 1;
  context.board = "acme";
  context.base_url = "https://boards.example.com/acme";
  postings = kinds[kind].parse ((const char *) data + 1, size - 1, &context, &error);
  FUZZ_CHECK ((postings == NULL) == (error != NULL), "%s: result and error disagree", kinds[kind].board);
  fuzz_check_postings (postings, NULL);
  return 0;
}
