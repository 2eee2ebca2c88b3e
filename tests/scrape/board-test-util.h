/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers of the board adapters' tests: a fixture of tests/data, and a
 * posting by its board's number. */

#include <glib.h>

#include "model/scraper-posting.h"

static inline char *
board_test_fixture (const char *dir,
                    const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static inline ScraperPosting *
board_test_find_posting (GPtrArray  *postings,
                         const char *external_id)
{
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *p = g_ptr_array_index (postings, i);

      if (g_strcmp0 (p->external_id, external_id) == 0)
        return p;
    }
  return NULL;
}
