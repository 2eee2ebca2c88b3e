/* SPDX-License-Identifier: GPL-3.0-or-later */
/* robots.txt: parse, then ask about a few paths (and the input's first
 * line as a path). */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "scrape/scraper-robots.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static const char * const paths[] = { "", "/", "/jobs", "/jobs?page=2", "/a/b/c.html", "/%2Fx$", "/*" };
  g_autoptr(ScraperRobots) robots = scraper_robots_parse ((const char *) data, size, "JobScraper");
  g_autofree char *text = fuzz_strndup (data, size);
  char *newline = strchr (text, '\n');

  FUZZ_CHECK (robots != NULL, "no rules");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    scraper_robots_is_allowed (robots, paths[i]);
  if (newline != NULL)
    *newline = '\0';
  scraper_robots_is_allowed (robots, text);
  scraper_robots_get_crawl_delay_ms (robots);
  return 0;
}
