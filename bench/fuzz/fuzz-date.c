/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates as sources state them: what comes out is NULL or a real
 * calendar day written YYYY-MM-DD. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "scrape/scraper-adapter-ats.h"
#include "scrape/scraper-normalize.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_day (const char *day,
           const char *input)
{
  guint64 y, m, d;
  g_autofree char *ys = NULL;

  if (day == NULL)
    return;
  FUZZ_CHECK (strlen (day) == 10 && day[4] == '-' && day[7] == '-', "“%s” from “%s”", day, input);
  ys = g_strndup (day, 4);
  FUZZ_CHECK (g_ascii_string_to_unsigned (ys, 10, 0, 9999, &y, NULL) &&
              g_ascii_string_to_unsigned ((char[]) { day[5], day[6], 0 }, 10, 1, 12, &m, NULL) &&
              g_ascii_string_to_unsigned ((char[]) { day[8], day[9], 0 }, 10, 1, 31, &d, NULL) &&
              g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y),
              "“%s” is no day (from “%s”)", day, input);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *normalized = scraper_date_normalize (text);
  g_autofree char *ats = scraper_ats_date (text);

  check_day (normalized, text);
  check_day (ats, text);
  if (size >= 8)
    {
      gint64 seconds;

      memcpy (&seconds, data, sizeof seconds);
      g_autofree char *unix_day = scraper_date_from_unix (seconds);
      check_day (unix_day, "(unix seconds)");
    }
  return 0;
}
