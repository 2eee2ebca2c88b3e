/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SCRAPER_REMOTE_UNKNOWN,
  SCRAPER_REMOTE_ONSITE,
  SCRAPER_REMOTE_HYBRID,
  SCRAPER_REMOTE_REMOTE,
} ScraperRemoteKind;

typedef enum {
  SCRAPER_SALARY_PERIOD_UNKNOWN,
  SCRAPER_SALARY_PERIOD_YEAR,
  SCRAPER_SALARY_PERIOD_MONTH,
  SCRAPER_SALARY_PERIOD_WEEK,
  SCRAPER_SALARY_PERIOD_DAY,
  SCRAPER_SALARY_PERIOD_HOUR,
} ScraperSalaryPeriod;

typedef enum {
  SCRAPER_STATUS_NEW,
  SCRAPER_STATUS_SAVED,
  SCRAPER_STATUS_APPLIED,
  SCRAPER_STATUS_INTERVIEWING,
  SCRAPER_STATUS_OFFER,
  SCRAPER_STATUS_REJECTED,
  SCRAPER_STATUS_CLOSED,
} ScraperPostingStatus;

#define SCRAPER_N_STATUSES (SCRAPER_STATUS_CLOSED + 1)

/* One job advertisement as stored.  A plain reference-counted record that
 * adapters fill in on worker threads and the store reads and writes; it has
 * no signals and no locking, so a posting belongs to one thread at a time.
 *
 * Strings are UTF-8 or NULL.  Numbers that a source did not state are NAN
 * (salary) or 0 (ids, times).  Times are Unix seconds (UTC). */
typedef struct _ScraperPosting ScraperPosting;

struct _ScraperPosting
{
  gint64               id;               /* store row id, 0 before it is stored */
  gint64               source_id;
  char                *external_id;      /* the source's own id, if any */
  char                *url;              /* canonical page of the posting */
  char                *apply_url;
  char                *title;
  char                *company;
  GStrv                locations;        /* NULL-terminated, may be NULL */
  char                *country;          /* ISO 3166 alpha-2 when known */
  ScraperRemoteKind    remote;
  GStrv                employment_type;  /* e.g. FULL_TIME, CONTRACTOR */

  double               salary_min;       /* as stated, NAN when absent */
  double               salary_max;
  char                *salary_currency;  /* ISO 4217 */
  ScraperSalaryPeriod  salary_period;
  double               annual_min;       /* annualized, NAN when unknown */
  double               annual_max;

  char                *date_posted;      /* "YYYY-MM-DD" as the source states it */
  char                *valid_through;    /* "YYYY-MM-DD" */
  char                *description_text; /* plain text */
  char                *description_markup; /* sanitized, Pango-safe subset of HTML */
  gboolean             direct_apply;

  /* Enrichment */
  char                *seniority;        /* intern, junior, mid, senior, lead, principal, manager, director, or NULL */
  GStrv                skills;
  double               relevance;        /* 0..1, NAN when not computed */

  /* User fields: never overwritten by a scrape */
  gboolean             favorite;
  ScraperPostingStatus status;
  gint64               applied_at;
  char                *notes;

  /* Bookkeeping kept by the store */
  char                *content_hash;
  gint64               first_seen;
  gint64               last_seen;
  gboolean             archived;
  gint64               duplicate_of;     /* id of the posting this one repeats, 0 if none */
  char                *source_name;      /* filled by queries for display */
};

GType              scraper_posting_get_type            (void) G_GNUC_CONST;
#define SCRAPER_TYPE_POSTING (scraper_posting_get_type ())

ScraperPosting    *scraper_posting_new                 (void);
ScraperPosting    *scraper_posting_ref                 (ScraperPosting *self);
void               scraper_posting_unref               (ScraperPosting *self);
ScraperPosting    *scraper_posting_copy                (const ScraperPosting *self);
gboolean           scraper_posting_has_salary          (const ScraperPosting *self);

const char        *scraper_remote_kind_to_string       (ScraperRemoteKind kind);
ScraperRemoteKind  scraper_remote_kind_from_string     (const char *str);
const char        *scraper_salary_period_to_string     (ScraperSalaryPeriod period);
ScraperSalaryPeriod scraper_salary_period_from_string  (const char *str);
double             scraper_salary_period_per_year      (ScraperSalaryPeriod period);
void               scraper_posting_annualize           (ScraperPosting *self);
const char        *scraper_posting_status_to_string    (ScraperPostingStatus status);
gboolean           scraper_posting_status_from_string  (const char          *str,
                                                        ScraperPostingStatus *status);
const char        *scraper_posting_status_get_label    (ScraperPostingStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperPosting, scraper_posting_unref)

G_END_DECLS
