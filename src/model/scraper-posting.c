/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-posting"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scraper-posting.h"

G_DEFINE_BOXED_TYPE (ScraperPosting, scraper_posting, scraper_posting_ref, scraper_posting_unref)

static void
scraper_posting_clear (ScraperPosting *self)
{
  g_free (self->external_id);
  g_free (self->url);
  g_free (self->apply_url);
  g_free (self->title);
  g_free (self->company);
  g_strfreev (self->locations);
  g_free (self->country);
  g_strfreev (self->employment_type);
  g_free (self->salary_currency);
  g_free (self->date_posted);
  g_free (self->valid_through);
  g_free (self->description_text);
  g_free (self->description_markup);
  g_free (self->seniority);
  g_strfreev (self->skills);
  g_free (self->notes);
  g_free (self->content_hash);
  g_free (self->source_name);
}

ScraperPosting *
scraper_posting_new (void)
{
  ScraperPosting *self = g_atomic_rc_box_new0 (ScraperPosting);

  self->salary_min = NAN;
  self->salary_max = NAN;
  self->annual_min = NAN;
  self->annual_max = NAN;
  self->relevance = NAN;
  self->status = SCRAPER_STATUS_NEW;
  self->remote = SCRAPER_REMOTE_UNKNOWN;

  return self;
}

ScraperPosting *
scraper_posting_ref (ScraperPosting *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
scraper_posting_unref (ScraperPosting *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) scraper_posting_clear);
}

ScraperPosting *
scraper_posting_copy (const ScraperPosting *self)
{
  ScraperPosting *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_atomic_rc_box_new0 (ScraperPosting);
  *copy = *self;
  copy->external_id = g_strdup (self->external_id);
  copy->url = g_strdup (self->url);
  copy->apply_url = g_strdup (self->apply_url);
  copy->title = g_strdup (self->title);
  copy->company = g_strdup (self->company);
  copy->locations = g_strdupv (self->locations);
  copy->country = g_strdup (self->country);
  copy->employment_type = g_strdupv (self->employment_type);
  copy->salary_currency = g_strdup (self->salary_currency);
  copy->date_posted = g_strdup (self->date_posted);
  copy->valid_through = g_strdup (self->valid_through);
  copy->description_text = g_strdup (self->description_text);
  copy->description_markup = g_strdup (self->description_markup);
  copy->seniority = g_strdup (self->seniority);
  copy->skills = g_strdupv (self->skills);
  copy->notes = g_strdup (self->notes);
  copy->content_hash = g_strdup (self->content_hash);
  copy->source_name = g_strdup (self->source_name);

  return copy;
}

gboolean
scraper_posting_has_salary (const ScraperPosting *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return !isnan (self->salary_min) || !isnan (self->salary_max);
}

static const char * const remote_names[] = { "unknown", "onsite", "hybrid", "remote" };

const char *
scraper_remote_kind_to_string (ScraperRemoteKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (remote_names))
    return "unknown";
  return remote_names[kind];
}

ScraperRemoteKind
scraper_remote_kind_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (remote_names); i++)
    if (g_ascii_strcasecmp (str, remote_names[i]) == 0)
      return (ScraperRemoteKind) i;
  return SCRAPER_REMOTE_UNKNOWN;
}

static const char * const period_names[] = { NULL, "year", "month", "week", "day", "hour" };

const char *
scraper_salary_period_to_string (ScraperSalaryPeriod period)
{
  if ((guint) period >= G_N_ELEMENTS (period_names))
    return NULL;
  return period_names[period];
}

ScraperSalaryPeriod
scraper_salary_period_from_string (const char *str)
{
  static const struct { const char *name; ScraperSalaryPeriod period; } aliases[] = {
    { "year", SCRAPER_SALARY_PERIOD_YEAR }, { "yearly", SCRAPER_SALARY_PERIOD_YEAR },
    { "annual", SCRAPER_SALARY_PERIOD_YEAR }, { "annually", SCRAPER_SALARY_PERIOD_YEAR },
    { "per-year-salary", SCRAPER_SALARY_PERIOD_YEAR }, { "yr", SCRAPER_SALARY_PERIOD_YEAR },
    { "month", SCRAPER_SALARY_PERIOD_MONTH }, { "monthly", SCRAPER_SALARY_PERIOD_MONTH },
    { "per-month-salary", SCRAPER_SALARY_PERIOD_MONTH }, { "mo", SCRAPER_SALARY_PERIOD_MONTH },
    { "week", SCRAPER_SALARY_PERIOD_WEEK }, { "weekly", SCRAPER_SALARY_PERIOD_WEEK },
    { "per-week-salary", SCRAPER_SALARY_PERIOD_WEEK },
    { "day", SCRAPER_SALARY_PERIOD_DAY }, { "daily", SCRAPER_SALARY_PERIOD_DAY },
    { "per-day-wage", SCRAPER_SALARY_PERIOD_DAY },
    { "hour", SCRAPER_SALARY_PERIOD_HOUR }, { "hourly", SCRAPER_SALARY_PERIOD_HOUR },
    { "per-hour-wage", SCRAPER_SALARY_PERIOD_HOUR }, { "hr", SCRAPER_SALARY_PERIOD_HOUR },
  };

  if (str == NULL)
    return SCRAPER_SALARY_PERIOD_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (str, aliases[i].name) == 0)
      return aliases[i].period;

  return SCRAPER_SALARY_PERIOD_UNKNOWN;
}

/* Conventional full-time factors: 52 weeks, 5 days, 40 hours. */
double
scraper_salary_period_per_year (ScraperSalaryPeriod period)
{
  switch (period)
    {
    case SCRAPER_SALARY_PERIOD_YEAR:  return 1;
    case SCRAPER_SALARY_PERIOD_MONTH: return 12;
    case SCRAPER_SALARY_PERIOD_WEEK:  return 52;
    case SCRAPER_SALARY_PERIOD_DAY:   return 260;
    case SCRAPER_SALARY_PERIOD_HOUR:  return 2080;
    case SCRAPER_SALARY_PERIOD_UNKNOWN:
    default:
      return NAN;
    }
}

void
scraper_posting_annualize (ScraperPosting *self)
{
  double factor;

  g_return_if_fail (self != NULL);

  /* A salary without a period is assumed yearly when it looks like one. */
  factor = scraper_salary_period_per_year (self->salary_period);
  if (isnan (factor))
    {
      double v = !isnan (self->salary_max) ? self->salary_max : self->salary_min;
      factor = (!isnan (v) && v >= 1000) ? 1 : NAN;
    }

  self->annual_min = isnan (factor) ? NAN : self->salary_min * factor;
  self->annual_max = isnan (factor) ? NAN : self->salary_max * factor;
}

static const char * const status_names[] = {
  "new", "saved", "applied", "interviewing", "offer", "rejected", "closed",
};

const char *
scraper_posting_status_to_string (ScraperPostingStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return "new";
  return status_names[status];
}

gboolean
scraper_posting_status_from_string (const char           *str,
                                    ScraperPostingStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_ascii_strcasecmp (str, status_names[i]) == 0)
      {
        if (status)
          *status = (ScraperPostingStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
scraper_posting_status_get_label (ScraperPostingStatus status)
{
  switch (status)
    {
    case SCRAPER_STATUS_NEW:          return _("New");
    case SCRAPER_STATUS_SAVED:        return _("Saved");
    case SCRAPER_STATUS_APPLIED:      return _("Applied");
    case SCRAPER_STATUS_INTERVIEWING: return _("Interviewing");
    case SCRAPER_STATUS_OFFER:        return _("Offer");
    case SCRAPER_STATUS_REJECTED:     return _("Rejected");
    case SCRAPER_STATUS_CLOSED:       return _("Closed");
    default:                          return _("New");
    }
}
