/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RSS/Atom/RDF: scraper_feed_parse_full() and normalization.  Run with a
 * memory budget (-rss_limit_mb): an entity bomb is a finding. */
#include "config.h"

#include "fuzz-common.h"
#include "scrape/scraper-adapter-private.h"
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
  g_autoptr(GPtrArray) postings = NULL;

  postings = scraper_feed_parse_full ((const char *) data, size, "https://jobs.example.com/feed",
                                      &title, &error);
  FUZZ_CHECK ((postings == NULL) == (error != NULL), "result and error disagree");
  fuzz_check_postings (postings, scraper_posting_normalize);
  FUZZ_CHECK (title == NULL || g_utf8_validate (title, -1, NULL), "title not UTF-8");
  return 0;
}
