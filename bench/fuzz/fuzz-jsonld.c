/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON-LD JobPostings in a page (blocks, @graph and its references,
 * ItemList, microdata), then normalization: every URL kept is http(s). */
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
  guint broken = 0;
  g_autoptr(GPtrArray) postings = NULL;

  postings = scraper_jsonld_extract_postings ((const char *) data, size, "https://jobs.example.com/careers/", &broken);
  fuzz_check_postings (postings, scraper_posting_normalize);
  return 0;
}
