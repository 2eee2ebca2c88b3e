/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Salaries in text: a salary found is finite, positive, ordered, of a
 * known period and plausible once annualized. */
#include "config.h"

#include <math.h>

#include "fuzz-common.h"
#include "enrich/scraper-enrich.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *currency = NULL;
  ScraperSalaryPeriod period = SCRAPER_SALARY_PERIOD_UNKNOWN;
  double min = NAN, max = NAN;

  if (!scraper_salary_parse (text, &min, &max, &currency, &period))
    return 0;
  FUZZ_CHECK (!isnan (min) || !isnan (max), "a salary of nothing");
  FUZZ_CHECK (isnan (min) || (isfinite (min) && min > 0), "min %g", min);
  FUZZ_CHECK (isnan (max) || (isfinite (max) && max > 0), "max %g", max);
  FUZZ_CHECK (isnan (min) || isnan (max) || min <= max, "min %g > max %g", min, max);
  FUZZ_CHECK (currency == NULL || g_utf8_validate (currency, -1, NULL), "currency not UTF-8");
  {
    g_autoptr(ScraperPosting) posting = scraper_posting_new ();

    posting->salary_min = min;
    posting->salary_max = max;
    posting->salary_period = period;
    scraper_posting_annualize (posting);
    FUZZ_CHECK (isnan (posting->annual_max) || isfinite (posting->annual_max), "annual %g", posting->annual_max);
  }
  return 0;
}
