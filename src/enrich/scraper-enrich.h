/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "model/scraper-posting.h"

G_BEGIN_DECLS

/* What scraper_enricher_enrich() changed on a posting. */
typedef enum {
  SCRAPER_ENRICH_NONE      = 0,
  SCRAPER_ENRICH_SALARY    = 1 << 0,
  SCRAPER_ENRICH_REMOTE    = 1 << 1,
  SCRAPER_ENRICH_SENIORITY = 1 << 2,
  SCRAPER_ENRICH_SKILLS    = 1 << 3,
  SCRAPER_ENRICH_RELEVANCE = 1 << 4,
} ScraperEnrichFlags;

/* Derives fields from what a posting says.  An enricher is immutable once
 * created, so one enricher may be used from any number of threads at once
 * (each thread with its own postings).  Reference counted atomically. */
typedef struct _ScraperEnricher ScraperEnricher;

GType               scraper_enricher_get_type      (void) G_GNUC_CONST;
#define SCRAPER_TYPE_ENRICHER (scraper_enricher_get_type ())

/* @profile_keywords: what the user looks for ("rust", "gnome", "data
 * engineer"); matched case-insensitively as words or phrases.  May be NULL
 * or empty: relevance is then not computed. */
ScraperEnricher    *scraper_enricher_new           (const char * const *profile_keywords);
ScraperEnricher    *scraper_enricher_ref           (ScraperEnricher    *self);
void                scraper_enricher_unref         (ScraperEnricher    *self);

/* Fills the derived fields of @posting and says which changed:
 * - salary (min/max/currency/period, annualized) parsed from the title or
 *   the description text, only when the posting states no salary;
 * - remote kind, only when it is SCRAPER_REMOTE_UNKNOWN;
 * - seniority, derived from the title first, then the description (a
 *   derived value replaces an older one; nothing derived keeps it);
 * - skills: the source's own list, then the skills found in the text;
 * - relevance 0..1 against the profile keywords (left NAN without any). */
ScraperEnrichFlags  scraper_enricher_enrich        (ScraperEnricher    *self,
                                                    ScraperPosting     *posting);

/* 0..1: how well @posting matches the profile keywords; title matches weigh
 * more than matches in the description or skills.  NAN without keywords. */
double              scraper_enricher_relevance     (ScraperEnricher      *self,
                                                    const ScraperPosting *posting);

/* Skills named in @title and @text, canonical names ("PostgreSQL" for
 * "Postgres"), in dictionary order; NULL when none.  Either may be NULL. */
GStrv               scraper_enricher_extract_skills (ScraperEnricher   *self,
                                                     const char        *title,
                                                     const char        *text);

/* Finds the first salary in free text ("$100,000 - $110,000 a year",
 * "€66K – €75K • Offers Equity", "60.000 - 75.000 EUR", "up to 90k",
 * "8.000 € brutto monatlich").  An absent bound is NAN; @currency is an ISO
 * 4217 code or NULL when the text names none; @period is the one named
 * ("a year", "per hour", "/mo", "p.a.", "monatlich"), else YEAR for
 * amounts of 10,000 and more, else UNKNOWN.
 * Implausible amounts (under 1,000 or over 5,000,000 a year in USD terms),
 * millions ("$50M raised"), bonuses, stipends and 401(k)s are skipped.
 * Returns FALSE, leaving the outs alone, when no salary is found.  Every
 * out may be NULL. */
gboolean            scraper_salary_parse           (const char          *text,
                                                    double              *min,
                                                    double              *max,
                                                    char               **currency,
                                                    ScraperSalaryPeriod *period);

/* Remote kind from the title and locations (which count most), then the
 * description.  Any may be NULL. */
ScraperRemoteKind   scraper_remote_classify        (const char          *title,
                                                    const char * const  *locations,
                                                    const char          *description);

/* "intern", "junior", "mid", "senior", "lead", "principal", "manager",
 * "director", or NULL when neither the title nor the description says.
 * The string is static. */
const char         *scraper_seniority_classify     (const char          *title,
                                                    const char          *description);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperEnricher, scraper_enricher_unref)

G_END_DECLS
