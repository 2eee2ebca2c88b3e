/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON job feeds (JSON Feed, the boards' APIs read as feeds), then
 * normalization: every URL kept is http(s), a next page too. */
#include "config.h"

#include "fuzz-common.h"
#include "scrape/scraper-feed-json.h"
#include "scrape/scraper-normalize.h"

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
  g_autofree char *title = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) postings = NULL;

  postings = scraper_feed_json_parse ((const char *) data, size, "https://jobs.example.com/feed.json",
                                      &title, &next, &error);
  FUZZ_CHECK ((postings == NULL) == (error != NULL), "result and error disagree");
  fuzz_check_postings (postings, scraper_posting_normalize);
  FUZZ_CHECK (next == NULL || scraper_url_is_web (next), "next page %s", next);
  return 0;
}
