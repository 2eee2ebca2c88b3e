/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-classify"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scraper-enrich.h"
#include "scraper-enrich-private.h"

/* Remote and seniority classifiers: ordered word lists over the folded
 * text.  The title and the locations are short and say what they mean, so
 * bare words count there; in a description only phrases that cannot mean
 * something else do ("hybrid cloud" is not a hybrid job). */

char *
scraper_enrich_fold (const char *text)
{
  return g_ascii_strdown (text != NULL ? text : "", -1);
}

const char *
scraper_enrich_find_word (const char *hay,
                          const char *needle)
{
  gsize n = strlen (needle);
  gboolean check_start, check_end;
  const char *p = hay;

  if (n == 0)
    return NULL;
  check_start = scraper_enrich_is_word_char (needle[0]);
  check_end = scraper_enrich_is_word_char (needle[n - 1]);

  while ((p = strstr (p, needle)) != NULL)
    {
      if ((!check_start || p == hay || !scraper_enrich_is_word_char (p[-1])) &&
          (!check_end || !scraper_enrich_is_word_char (p[n])))
        return p;
      p++;
    }
  return NULL;
}

gboolean
scraper_enrich_has_any (const char         *hay,
                        const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (scraper_enrich_has_word (hay, needles[i]))
      return TRUE;
  return FALSE;
}

/* ---- remote ---------------------------------------------------------- */

static const char * const partly_remote[] = {
  "not fully remote", "partially remote", "partly remote", "partial remote",
  "teilweise remote", "teilweise homeoffice", NULL,
};

static const char * const not_remote[] = {
  "not remote", "no remote", "non-remote", "not a remote", "not open to remote",
  "remote work is not", "remote is not", "not eligible for remote", "cannot be remote",
  "can't be remote", "kein homeoffice", "kein home office", "kein remote", "keine remote",
  "nicht remote", NULL,
};

static const char * const hybrid_strong[] = {
  "hybrid", "hybride", "hybrides", "days in office", "days in the office", "days on-site",
  "days onsite", "days on site", "days per week in", "days a week in", "tage im büro",
  "tage vor ort", "tage pro woche im büro", NULL,
};

static const char * const hybrid_weak[] = {
  "hybrid work", "hybrid working", "hybrid role", "hybrid position", "hybrid model",
  "hybrid schedule", "hybrid setup", "hybrid arrangement", "hybrid job", "hybrid remote",
  "hybrid-remote", "remote/hybrid", "hybrides arbeiten", "hybrid arbeiten",
  "days in office", "days in the office", "days on-site", "days onsite", "days per week in the office",
  "days a week in the office", "days per week in office", "days a week in office",
  "tage im büro", "tage vor ort", NULL,
};

static const char * const remote_strong[] = {
  "remote", "fully remote", "100% remote", "remote-first", "work from home", "wfh",
  "homeoffice", "home office", "home-office", "telecommute", "telecommuting", "telework",
  "anywhere", "worldwide", "work from anywhere", NULL,
};

static const char * const remote_weak[] = {
  "fully remote", "100% remote", "remote-first", "remote first", "work from home",
  "work from anywhere", "work remotely", "working remotely", "remote position", "remote role",
  "remote job", "remote opportunity", "remote-friendly", "remote friendly", "fully distributed",
  "remote work", "remote working", "this is a remote", "100% homeoffice", "homeoffice",
  "home office", "home-office", "telecommute", "telecommuting", "remote-only", "remote only",
  NULL,
};

static const char * const onsite_strong[] = {
  "on-site", "onsite", "on site", "in office", "in-office", "office-based", "office based",
  "vor ort", "in person", "in-person", "präsenz", NULL,
};

static const char * const onsite_weak[] = {
  "on-site role", "on-site position", "onsite role", "onsite position", "this is an on-site",
  "this is an onsite", "role is on-site", "role is onsite", "position is on-site",
  "position is onsite", "in-office role", "in-office position", "office-based role",
  "office-based position", "fully on-site", "fully onsite", "100% on-site", "100% onsite",
  "100% in office", "work on-site", "working on-site", "work onsite", "in-person role",
  "in-person position", "must be able to commute", "vor ort in", NULL,
};

/* "Remote Sensing Scientist" is not a remote job. */
static gboolean
has_remote_word (const char *lower)
{
  static const char * const not_work[] = { "sensing", "control", "monitoring", "controlled", NULL };
  const char *p = lower;

  while ((p = scraper_enrich_find_word (p, "remote")) != NULL)
    {
      const char *after = p + strlen ("remote");
      gboolean other = FALSE;

      while (*after == ' ' || *after == '-')
        after++;
      for (guint i = 0; not_work[i] != NULL; i++)
        if (g_str_has_prefix (after, not_work[i]))
          other = TRUE;
      if (!other)
        return TRUE;
      p++;
    }
  return FALSE;
}

/* Being in the office part of every week makes a job hybrid, however
 * remote it calls itself ("Remote-first, Berlin office minimum once a
 * week", "about half the week in the office"): a place of work and a
 * weekly rhythm in one sentence.  A yearly meet-up or a weekly menu is
 * neither. */
static const char * const office_words[] = {
  "office", "offices", "on-site", "onsite", "on site", "in person", "in-person", "campus",
  "büro", "vor ort", NULL,
};

static const char * const per_week[] = {
  "a week", "per week", "each week", "every week", "/week", "a wk", "per wk", "half the week",
  "half of the week", "part of the week", "pro woche", "die woche", "in der woche", NULL,
};

static const char * const not_weekly[] = {
  "year", "years", "yearly", "annual", "annually", "quarter", "quarterly", "month", "monthly",
  "jahr", "monat", NULL,
};

static gboolean
in_office_each_week (const char *lower)
{
  const char *start = lower;

  while (*start != '\0')
    {
      const char *end = start + strcspn (start, ".;!?\n");
      g_autofree char *sentence = g_strndup (start, end - start);

      if (scraper_enrich_has_any (sentence, office_words) && scraper_enrich_has_any (sentence, per_week) &&
          !scraper_enrich_has_any (sentence, not_weekly))
        return TRUE;
      start = *end != '\0' ? end + 1 : end;
    }
  return FALSE;
}

static ScraperRemoteKind
classify_remote_text (const char *lower,
                      gboolean    strong)
{
  if (scraper_enrich_has_any (lower, partly_remote))
    return SCRAPER_REMOTE_HYBRID;
  if (scraper_enrich_has_any (lower, not_remote))
    return SCRAPER_REMOTE_ONSITE;
  if (scraper_enrich_has_any (lower, strong ? hybrid_strong : hybrid_weak) || in_office_each_week (lower))
    return SCRAPER_REMOTE_HYBRID;
  if (strong)
    {
      if (has_remote_word (lower))
        return SCRAPER_REMOTE_REMOTE;
      for (guint i = 1; remote_strong[i] != NULL; i++)
        if (scraper_enrich_has_word (lower, remote_strong[i]))
          return SCRAPER_REMOTE_REMOTE;
    }
  else if (scraper_enrich_has_any (lower, remote_weak))
    return SCRAPER_REMOTE_REMOTE;
  if (scraper_enrich_has_any (lower, strong ? onsite_strong : onsite_weak))
    return SCRAPER_REMOTE_ONSITE;
  return SCRAPER_REMOTE_UNKNOWN;
}

ScraperRemoteKind
scraper_remote_classify (const char         *title,
                         const char * const *locations,
                         const char         *description)
{
  g_autoptr(GString) strong = g_string_new (NULL);
  ScraperRemoteKind kind;

  if (title != NULL)
    g_string_append (strong, title);
  for (guint i = 0; locations != NULL && locations[i] != NULL; i++)
    {
      g_string_append (strong, " | ");
      g_string_append (strong, locations[i]);
    }

  if (strong->len > 0)
    {
      g_autofree char *lower = scraper_enrich_fold (strong->str);
      kind = classify_remote_text (lower, TRUE);
      if (kind != SCRAPER_REMOTE_UNKNOWN)
        return kind;
    }

  if (description != NULL && *description != '\0')
    {
      g_autofree char *lower = scraper_enrich_fold (description);
      return classify_remote_text (lower, FALSE);
    }

  return SCRAPER_REMOTE_UNKNOWN;
}

/* ---- seniority ------------------------------------------------------- */

static const char * const intern_words[] = {
  "intern", "interns", "internship", "praktikum", "praktikant", "praktikantin",
  "pflichtpraktikum", "werkstudent", "werkstudentin", "werkstudierende", "working student",
  "co-op", "summer student", "studentische hilfskraft", NULL,
};

static const char * const director_words[] = {
  "director", "directors", "head of", "vp", "svp", "evp", "vice president", "chief",
  "cto", "cfo", "ceo", "coo", "cio", "ciso", "cmo", "cpo", "geschäftsführer",
  "geschäftsführerin", "geschäftsführung", "bereichsleiter", "bereichsleiterin",
  "abteilungsleiter", "abteilungsleiterin", "leiter", "leiterin", "direktor", "direktorin",
  NULL,
};

static const char * const ic_manager_kinds[] = {
  "product", "project", "program", "programme", "account", "accounts", "community",
  "office", "case", "success", "partner", "partnership", "relationship", "campaign",
  "content", "media", "brand", "category", "territory", "property", "facility", "facilities",
  "release", "delivery", "channel", "event", "events", "social", NULL,
};

static const char * const lead_words[] = {
  "lead", "tech lead", "team lead", "teamlead", "teamleiter", "teamleiterin",
  "teamleitung", "leader", "team leader", "group leader", NULL,
};

static const char * const staff_roles[] = {
  "engineer", "software", "data", "developer", "scientist", "designer", "architect", "ml",
  "machine", "product", "researcher", "security", "site", "frontend", "front-end", "backend",
  "back-end", "platform", "infrastructure", "full", "fullstack", "mobile", "ios", "android",
  "systems", "research", "applied", "analytics", "devops", "sre", "cloud", "ux", NULL,
};

static const char * const senior_words[] = {
  "senior", "sr", "sr.", "snr", "(senior)", NULL,
};

static const char * const junior_words[] = {
  "junior", "jr", "jr.", "entry level", "entry-level", "graduate", "new grad", "grad",
  "trainee", "apprentice", "apprenticeship", "azubi", "auszubildende", "auszubildender",
  "ausbildung", "berufseinsteiger", "berufseinsteigerin", "einsteiger", "absolvent",
  "absolventin", "(junior)", NULL,
};

static const char * const mid_words[] = {
  "mid", "mid-level", "mid level", "midlevel", "intermediate", "medior", NULL,
};

static gboolean
is_people_manager (const char *lower)
{
  const char *p = lower;

  while ((p = scraper_enrich_find_word (p, "manager")) != NULL)
    {
      /* The word before "manager" */
      const char *e = p;
      const char *s;
      gboolean ic = FALSE;

      while (e > lower && e[-1] == ' ')
        e--;
      s = e;
      while (s > lower && scraper_enrich_is_word_char (s[-1]))
        s--;
      for (guint i = 0; ic_manager_kinds[i] != NULL; i++)
        if ((gsize) (e - s) == strlen (ic_manager_kinds[i]) &&
            memcmp (s, ic_manager_kinds[i], e - s) == 0)
          ic = TRUE;
      if (!ic)
        return TRUE;
      p++;
    }
  return FALSE;
}

static gboolean
is_staff_level (const char *lower)
{
  const char *p = lower;

  while ((p = scraper_enrich_find_word (p, "staff")) != NULL)
    {
      const char *after = p + strlen ("staff");
      while (*after == ' ')
        after++;
      for (guint i = 0; staff_roles[i] != NULL; i++)
        if (g_str_has_prefix (after, staff_roles[i]) &&
            !scraper_enrich_is_word_char (after[strlen (staff_roles[i])]))
          return TRUE;
      p++;
    }
  return FALSE;
}

static gboolean
is_lead (const char *lower)
{
  const char *p = lower;

  if (scraper_enrich_has_any (lower, lead_words + 1))
    return TRUE;
  while ((p = scraper_enrich_find_word (p, "lead")) != NULL)
    {
      const char *after = p + 4;
      while (*after == ' ')
        after++;
      /* "Lead Generation Specialist" is a sales role */
      if (!g_str_has_prefix (after, "generation") && !g_str_has_prefix (after, "gen "))
        return TRUE;
      p++;
    }
  return FALSE;
}

static const char *
seniority_from_title (const char *lower)
{
  if (scraper_enrich_has_any (lower, intern_words))
    return "intern";
  if (scraper_enrich_has_any (lower, director_words))
    return "director";
  if (is_people_manager (lower))
    return "manager";
  if (scraper_enrich_has_word (lower, "principal") || scraper_enrich_has_word (lower, "distinguished") ||
      is_staff_level (lower))
    return "principal";
  if (is_lead (lower))
    return "lead";
  if (scraper_enrich_has_any (lower, senior_words))
    return "senior";
  if (scraper_enrich_has_any (lower, junior_words))
    return "junior";
  if (scraper_enrich_has_any (lower, mid_words))
    return "mid";
  return NULL;
}

/* "5+ years of experience", "3-5 years experience", "mindestens 3 Jahre
 * Berufserfahrung": the first number of years next to "experience". */
static int
years_of_experience (const char *lower)
{
  static const char * const units[] = { "years", "year", "yrs", "jahre", "jahren", NULL };

  for (const char *p = lower; *p != '\0'; p++)
    {
      const char *q;
      char *end;
      long n;

      if (!g_ascii_isdigit (*p) || (p > lower && scraper_enrich_is_word_char (p[-1])))
        continue;
      n = strtol (p, &end, 10);
      q = end;
      /* "5+", "3-5", "3 to 5", "3–5" */
      if (*q == '+')
        q++;
      else if (*q == '-' && g_ascii_isdigit (q[1]))
        for (q++; g_ascii_isdigit (*q); q++)
          ;
      else if (g_str_has_prefix (q, "\xe2\x80\x93") && g_ascii_isdigit (q[3]))
        for (q += 3; g_ascii_isdigit (*q); q++)
          ;
      while (*q == ' ' || *q == '+')
        q++;
      if (g_str_has_prefix (q, "to ") && g_ascii_isdigit (q[3]))
        for (q += 3; g_ascii_isdigit (*q) || *q == '+' || *q == ' '; q++)
          ;

      for (guint i = 0; units[i] != NULL; i++)
        {
          gsize ul = strlen (units[i]);
          if (strncmp (q, units[i], ul) == 0 && !scraper_enrich_is_word_char (q[ul]))
            {
              g_autofree char *window = g_strndup (q + ul, 48);
              if (n >= 0 && n <= 30 &&
                  (strstr (window, "experience") || strstr (window, "erfahrung") ||
                   strstr (window, "exp ") || strstr (window, "exp.")))
                return (int) n;
              break;
            }
        }
      p = end - 1;
    }
  return -1;
}

static const char *
seniority_from_description (const char *lower)
{
  static const char * const intern_phrases[] = {
    "internship", "this internship", "working student", "werkstudent", "werkstudentin",
    "praktikum", NULL,
  };
  static const char * const junior_phrases[] = {
    "entry-level", "entry level", "new grad", "new graduate", "recent graduate",
    "recent graduates", "berufseinsteiger", "berufseinsteigerin", "junior role",
    "junior position", NULL,
  };
  static const char * const senior_phrases[] = {
    "senior-level", "senior level", "senior role", "senior position", NULL,
  };
  int years;

  if (scraper_enrich_has_any (lower, intern_phrases))
    return "intern";
  if (scraper_enrich_has_any (lower, junior_phrases))
    return "junior";
  if (scraper_enrich_has_any (lower, senior_phrases))
    return "senior";

  years = years_of_experience (lower);
  if (years < 0)
    return NULL;
  if (years <= 1)
    return "junior";
  if (years <= 4)
    return "mid";
  return "senior";
}

const char *
scraper_seniority_classify (const char *title,
                            const char *description)
{
  const char *result = NULL;

  if (title != NULL && *title != '\0')
    {
      g_autofree char *lower = scraper_enrich_fold (title);
      result = seniority_from_title (lower);
    }
  if (result == NULL && description != NULL && *description != '\0')
    {
      g_autofree char *lower = scraper_enrich_fold (description);
      result = seniority_from_description (lower);
    }
  return result;
}
