/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-store-applications.h"

G_BEGIN_DECLS

/* The numbers behind the Insights view's charts (scraper-store-insights.c),
 * of the postings matching a search text (NULL or "" = all), blocked
 * postings left out. */

typedef struct {
  gint64  source_id;   /* 0: postings of removed sources */
  char   *name;        /* NULL for removed sources */
  guint   postings;    /* matching postings, archived included */
  guint   applied;     /* ... with an event to applied or later */
  guint   responses;   /* ... with an event to interviewing, offer or rejected */
} ScraperInsightsSource;

/* Annualized salaries (the middle of a range) of one seniority. */
typedef struct {
  char   *seniority;   /* as stored ("junior", "senior", ...); NULL = not stated */
  guint   count;
  double  min, q1, median, q3, max;
} ScraperSalaryBand;

typedef struct {
  GPtrArray *sources;      /* ScraperInsightsSource, by source id (removed ones last) */
  guint      n_weeks;
  char     **weeks;        /* n_weeks ISO weeks "YYYY-Www", oldest first (NULL-terminated) */
  guint     *week_counts;  /* new postings, [week * sources->len + source] */
  GPtrArray *salaries;     /* ScraperSalaryBand, from intern to director, then not stated */
  char      *currency;     /* of the salaries (the most common one), NULL when none */
  guint      n_salaries;   /* postings with a salary in that currency */
} ScraperInsights;

void             scraper_insights_free          (ScraperInsights *insights);
guint            scraper_insights_week_total    (const ScraperInsights *insights,
                                                 guint                  week);
/* Not archived postings count in the salaries; weeks are the @n_weeks
 * local ISO weeks up to the one of @now (Unix seconds). */
ScraperInsights *scraper_store_compute_insights (ScraperStore  *self,
                                                 const char    *search,
                                                 guint          n_weeks,
                                                 gint64         now,
                                                 GError       **error);

/* Every contact, by posting id (gint64 * -> GPtrArray of ScraperContact). */
GHashTable      *scraper_store_dup_all_contacts (ScraperStore  *self,
                                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperInsights, scraper_insights_free)

G_END_DECLS
