/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-handoff"

#include "config.h"

#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-handoff-private.h"

/* The board of any URL on a known job board's host: its pages, one
 * posting, its embed scripts and frames, its API.  Each board has a
 * canonical source URL that its kind's adapter reads. */

#define SLUG_MAX 100

static gboolean
host_is (const char *host,
         const char *name)
{
  return g_ascii_strcasecmp (host, name) == 0;
}

/* "acme.recruitee.com" has the suffix ".recruitee.com". */
static gboolean
host_has_suffix (const char *host,
                 const char *suffix)
{
  gsize lh = strlen (host), ls = strlen (suffix);

  return lh > ls && g_ascii_strcasecmp (host + lh - ls, suffix) == 0;
}

/* A board's name as it may go into a URL: letters, digits, '-', '_', '.'. */
static gboolean
slug_is_valid (const char *slug)
{
  gsize n = 0;

  if (slug == NULL || slug[0] == '\0' || g_str_equal (slug, ".") || g_str_equal (slug, ".."))
    return FALSE;
  for (const char *p = slug; *p != '\0'; p++, n++)
    if ((!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.') || n >= SLUG_MAX)
      return FALSE;
  return TRUE;
}

static gboolean
slug_in (const char         *slug,
         const char * const *reserved)
{
  for (guint i = 0; reserved[i] != NULL; i++)
    if (g_ascii_strcasecmp (slug, reserved[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The first label of a subdomain board ("acme" of acme.breezy.hr), unless
 * it is one of the vendor's own hosts. */
static char *
subdomain_board (const char         *host,
                 const char         *suffix,
                 const char * const *reserved)
{
  g_autofree char *label = NULL;
  const char *dot;

  if (!host_has_suffix (host, suffix))
    return NULL;
  dot = strchr (host, '.');
  label = g_ascii_strdown (host, dot - host);
  if (!slug_is_valid (label) || slug_in (label, reserved))
    return NULL;
  return g_steal_pointer (&label);
}

static const char * const vendor_hosts[] = {
  "www", "app", "api", "cdn", "static", "assets", "help", "support", "docs", "blog", "status",
  "developer", "developers", "marketing", "partners", "login", "secure", "mail", "info", NULL
};

/* en, en-US, es-419, zh-Hant-TW is not one (Workday does not use it). */
static gboolean
is_locale (const char *s)
{
  gsize n = strlen (s);

  if (n != 2 && (n < 5 || n > 7))
    return FALSE;
  if (!g_ascii_islower (s[0]) || !g_ascii_islower (s[1]))
    return FALSE;
  if (n == 2)
    return TRUE;
  if (s[2] != '-')
    return FALSE;
  for (gsize i = 3; i < n; i++)
    if (!g_ascii_isalnum (s[i]))
      return FALSE;
  return TRUE;
}

static const char *
query_param (GUri       *uri,
             const char *name,
             GHashTable **params)
{
  const char *query = g_uri_get_query (uri);

  if (*params == NULL && query != NULL)
    *params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  return *params != NULL ? g_hash_table_lookup (*params, name) : NULL;
}

typedef struct {
  const char *kind;
  const char *vendor;
  char       *url;
  char       *board;
} Match;

static gboolean
match (Match      *m,
       const char *kind,
       const char *vendor,
       char       *board,     /* owned */
       char       *url)       /* owned */
{
  m->kind = kind;
  m->vendor = vendor;
  m->board = board;
  m->url = url;
  return TRUE;
}

static gboolean
match_board (GUri       *uri,
             const char *host,
             char      **seg,
             Match      *m)
{
  g_autoptr(GHashTable) params = NULL;
  guint n = g_strv_length (seg);

  /* Greenhouse: boards.greenhouse.io/acme[/jobs/123],
   * job-boards[.eu].greenhouse.io/acme, .../embed/job_board[/js]?for=acme,
   * .../embed/job_app?for=acme, boards-api.greenhouse.io/v1/boards/acme/jobs,
   * api.greenhouse.io/v1/boards/acme/embed/jobs. */
  if (host_is (host, "boards.greenhouse.io") || host_is (host, "job-boards.greenhouse.io") ||
      host_is (host, "boards.eu.greenhouse.io") || host_is (host, "job-boards.eu.greenhouse.io") ||
      host_is (host, "boards-api.greenhouse.io") || host_is (host, "boards-api.eu.greenhouse.io") ||
      host_is (host, "api.greenhouse.io"))
    {
      gboolean eu = host_has_suffix (host, ".eu.greenhouse.io");
      const char *board = NULL;

      if (n >= 3 && g_str_equal (seg[0], "v1") && g_str_equal (seg[1], "boards"))
        board = seg[2];
      else if (n >= 1 && g_str_equal (seg[0], "embed"))
        board = query_param (uri, "for", &params);
      else if (n >= 1 && !slug_in (seg[0], (const char * const[]) { "v1", "api", "assets", NULL }))
        board = seg[0];
      if (!slug_is_valid (board))
        return FALSE;
      {
        /* One address per board, whichever host it was seen on (the
         * board pages moved to job-boards.greenhouse.io; both answer),
         * so that it is not added twice. */
        char *token = g_ascii_strdown (board, -1);

        return match (m, "greenhouse", "Greenhouse", token,
                      g_strdup_printf ("https://%s/%s", eu ? "boards.eu.greenhouse.io" : "boards.greenhouse.io", token));
      }
    }

  /* Lever: jobs[.eu].lever.co/acme[/UUID[/apply]], api[.eu].lever.co/v0/postings/acme. */
  if (host_is (host, "jobs.lever.co") || host_is (host, "jobs.eu.lever.co") ||
      host_is (host, "api.lever.co") || host_is (host, "api.eu.lever.co"))
    {
      gboolean eu = host_has_suffix (host, ".eu.lever.co");
      const char *board = NULL;

      if (g_ascii_strncasecmp (host, "api.", 4) == 0)
        board = n >= 3 && g_str_equal (seg[0], "v0") && g_str_equal (seg[1], "postings") ? seg[2] : NULL;
      else if (n >= 1)
        board = seg[0];
      if (!slug_is_valid (board))
        return FALSE;
      return match (m, "lever", "Lever", g_strdup (board),
                    g_strdup_printf ("https://%s/%s", eu ? "jobs.eu.lever.co" : "jobs.lever.co", board));
    }

  /* Ashby: jobs.ashbyhq.com/acme[/UUID][/embed], api.ashbyhq.com/posting-api/job-board/acme. */
  if (host_is (host, "jobs.ashbyhq.com") || host_is (host, "api.ashbyhq.com"))
    {
      const char *board = NULL;

      if (host_is (host, "api.ashbyhq.com"))
        board = n >= 3 && g_str_equal (seg[0], "posting-api") && g_str_equal (seg[1], "job-board") ? seg[2] : NULL;
      else if (n >= 1 && !slug_in (seg[0], (const char * const[]) { "api", "embed", NULL }))
        board = seg[0];
      if (!slug_is_valid (board))
        return FALSE;
      return match (m, "ashby", "Ashby", g_strdup (board), g_strdup_printf ("https://jobs.ashbyhq.com/%s", board));
    }

  /* Workable: apply.workable.com/acme[/j/SHORTCODE], acme.workable.com,
   * apply.workable.com/api/v1/widget/accounts/acme, www.workable.com/api/accounts/acme. */
  if (host_is (host, "apply.workable.com") || host_is (host, "www.workable.com") ||
      host_has_suffix (host, ".workable.com"))
    {
      g_autofree char *sub = NULL;
      const char *board = NULL;

      if (n >= 2 && (g_str_equal (seg[0], "api") || g_str_equal (seg[0], "spi")))
        {
          for (guint i = 0; i + 1 < n; i++)
            if (g_str_equal (seg[i], "accounts"))
              board = seg[i + 1];
        }
      else if (host_is (host, "apply.workable.com"))
        board = n >= 1 && !slug_in (seg[0], (const char * const[]) { "j", "api", "careers", NULL }) ? seg[0] : NULL;
      else if (!host_is (host, "www.workable.com"))
        board = sub = subdomain_board (host, ".workable.com",
                                       (const char * const[]) { "www", "apply", "app", "api", "help", "resources",
                                                                "jobs", "engineering", "status", NULL });
      if (!slug_is_valid (board))
        return FALSE;
      return match (m, "workable", "Workable", g_ascii_strdown (board, -1),
                    g_strdup_printf ("https://apply.workable.com/%s", board));
    }

  /* SmartRecruiters: careers.smartrecruiters.com/Acme, jobs.smartrecruiters.com/Acme/123-title,
   * api.smartrecruiters.com/v1/companies/Acme/postings. */
  if (host_is (host, "careers.smartrecruiters.com") || host_is (host, "jobs.smartrecruiters.com") ||
      host_is (host, "api.smartrecruiters.com"))
    {
      const char *board = NULL;

      if (host_is (host, "api.smartrecruiters.com"))
        board = n >= 3 && g_str_equal (seg[0], "v1") && g_str_equal (seg[1], "companies") ? seg[2] : NULL;
      else if (n >= 3 && g_str_equal (seg[0], "oneclick-ui") && g_str_equal (seg[1], "company"))
        board = seg[2];
      else if (n >= 1 && !slug_in (seg[0], (const char * const[]) { "oneclick-ui", "api", "sr-jobs", NULL }))
        board = seg[0];
      if (!slug_is_valid (board))
        return FALSE;
      return match (m, "smartrecruiters", "SmartRecruiters", g_strdup (board),
                    g_strdup_printf ("https://careers.smartrecruiters.com/%s", board));
    }

  /* Recruitee: acme.recruitee.com[/o/slug][/api/offers]. */
  if (host_has_suffix (host, ".recruitee.com"))
    {
      g_autofree char *board = subdomain_board (host, ".recruitee.com", vendor_hosts);

      if (board == NULL || strlen (board) + strlen (".recruitee.com") != strlen (host))
        return FALSE;
      return match (m, "recruitee", "Recruitee", g_strdup (board),
                    g_strdup_printf ("https://%s.recruitee.com/", board));
    }

  /* Personio: acme.jobs.personio.de|com[/job/123]. */
  if (host_has_suffix (host, ".jobs.personio.de") || host_has_suffix (host, ".jobs.personio.com"))
    {
      gboolean de = host_has_suffix (host, ".de");
      const char *suffix = de ? ".jobs.personio.de" : ".jobs.personio.com";
      g_autofree char *board = subdomain_board (host, suffix, vendor_hosts);

      if (board == NULL || strlen (board) + strlen (suffix) != strlen (host))
        return FALSE;
      return match (m, "personio", "Personio", g_strdup (board),
                    g_strdup_printf ("https://%s.jobs.personio.%s/", board, de ? "de" : "com"));
    }

  /* Workday: TENANT.wdN.myworkdayjobs.com/[LOCALE/]SITE[/job/...],
   * .../wday/cxs/TENANT/SITE/jobs, wdN.myworkdaysite.com/[LOCALE/]recruiting/TENANT/SITE. */
  if (host_has_suffix (host, ".myworkdayjobs.com") || host_has_suffix (host, ".myworkdaysite.com"))
    {
      g_autofree char *tenant = NULL;
      g_autofree char *dc = NULL;
      const char *site = NULL;
      guint i = 0;

      if (host_has_suffix (host, ".myworkdaysite.com"))
        {
          /* wd5.myworkdaysite.com/recruiting/acme/Careers */
          const char *dot = strchr (host, '.');

          if (n > 0 && is_locale (seg[0]))
            i++;
          if (i + 2 < n && g_str_equal (seg[i], "recruiting"))
            {
              tenant = g_ascii_strdown (seg[i + 1], -1);
              site = seg[i + 2];
            }
          dc = g_ascii_strdown (host, dot - host);
        }
      else
        {
          const char *dot = strchr (host, '.');
          const char *rest = dot + 1;

          tenant = g_ascii_strdown (host, dot - host);
          if (rest != host + strlen (host) - strlen ("myworkdayjobs.com"))
            {
              const char *dot2 = strchr (rest, '.');

              /* One data-centre label: TENANT.wd5.myworkdayjobs.com */
              if (dot2 + 1 != host + strlen (host) - strlen ("myworkdayjobs.com"))
                return FALSE;
              dc = g_ascii_strdown (rest, dot2 - rest);
            }
          if (n >= 4 && g_str_equal (seg[0], "wday") && g_str_equal (seg[1], "cxs"))
            site = seg[3];
          else
            {
              if (n > 0 && is_locale (seg[0]))
                i++;
              if (i < n)
                site = seg[i];
            }
        }
      if (!slug_is_valid (tenant) || !slug_is_valid (site) || strchr (tenant, '.') != NULL ||
          (dc != NULL && (!slug_is_valid (dc) || strchr (dc, '.') != NULL)) ||
          slug_in (site, (const char * const[]) { "wday", "job", "login", NULL }))
        return FALSE;
      {
        /* The locale the site was seen in stays: it is how users see it. */
        const char *locale = n > 0 && is_locale (seg[0]) && !host_has_suffix (host, ".myworkdaysite.com") ? seg[0] : NULL;

        return match (m, "workday", "Workday", g_strdup (tenant),
                      g_strdup_printf ("https://%s%s%s.myworkdayjobs.com/%s%s%s", tenant,
                                       dc != NULL ? "." : "", dc != NULL ? dc : "",
                                       locale != NULL ? locale : "", locale != NULL ? "/" : "", site));
      }
    }

  /* BambooHR: acme.bamboohr.com/careers[/123], /jobs/[view.php?id=1],
   * /jobs/embed2.php, /js/embed.js (its embed script).  Other paths (the
   * employees' login) are no board. */
  if (host_has_suffix (host, ".bamboohr.com"))
    {
      g_autofree char *board = subdomain_board (host, ".bamboohr.com", vendor_hosts);

      if (board == NULL || strlen (board) + strlen (".bamboohr.com") != strlen (host))
        return FALSE;
      if (!(n >= 1 && (g_str_equal (seg[0], "careers") || g_str_equal (seg[0], "jobs") ||
                       g_str_equal (seg[0], "hiring") ||
                       (n >= 2 && g_str_equal (seg[0], "js") && g_str_has_prefix (seg[1], "embed")))))
        return FALSE;
      return match (m, "bamboohr", "BambooHR", g_strdup (board),
                    g_strdup_printf ("https://%s.bamboohr.com/careers", board));
    }

  /* Teamtailor (read as a feed): acme.teamtailor.com[/jobs/123-title],
   * acme.na.teamtailor.com. */
  if (host_has_suffix (host, ".teamtailor.com"))
    {
      g_autofree char *board = subdomain_board (host, ".teamtailor.com", vendor_hosts);
      g_autofree char *lower = g_ascii_strdown (host, -1);

      if (board == NULL)
        return FALSE;
      return match (m, "feed", "Teamtailor", g_strdup (board), g_strdup_printf ("https://%s/jobs.json", lower));
    }

  /* Breezy HR (read as a feed): acme.breezy.hr[/p/slug]. */
  if (host_has_suffix (host, ".breezy.hr"))
    {
      g_autofree char *board = subdomain_board (host, ".breezy.hr", vendor_hosts);

      if (board == NULL || strlen (board) + strlen (".breezy.hr") != strlen (host))
        return FALSE;
      return match (m, "feed", "Breezy HR", g_strdup (board), g_strdup_printf ("https://%s.breezy.hr/json", board));
    }

  /* Rippling (read as a feed): ats.rippling.com/[LOCALE/]acme/jobs[/UUID],
   * ats.rippling.com/api/v2/board/acme/jobs. */
  if (host_is (host, "ats.rippling.com"))
    {
      const char *board = NULL;
      guint i = 0;

      if (n >= 4 && g_str_equal (seg[0], "api"))
        {
          for (guint j = 1; j + 1 < n; j++)
            if (g_str_equal (seg[j], "board"))
              board = seg[j + 1];
        }
      else
        {
          if (n > 1 && is_locale (seg[0]))
            i++;
          if (i < n)
            board = seg[i];
        }
      if (!slug_is_valid (board) || slug_in (board, (const char * const[]) { "api", NULL }))
        return FALSE;
      return match (m, "feed", "Rippling", g_strdup (board),
                    g_strdup_printf ("https://ats.rippling.com/api/v2/board/%s/jobs", board));
    }

  /* Pinpoint: acme.pinpointhq.com[/en/postings/UUID][/postings.json]. */
  if (host_has_suffix (host, ".pinpointhq.com"))
    {
      g_autofree char *board = subdomain_board (host, ".pinpointhq.com", vendor_hosts);

      if (board == NULL || strlen (board) + strlen (".pinpointhq.com") != strlen (host))
        return FALSE;
      return match (m, "pinpoint", "Pinpoint", g_strdup (board),
                    g_strdup_printf ("https://%s.pinpointhq.com/", board));
    }

  /* Jobvite's older career sites: app.jobvite.com/CompanyJobs/Careers.aspx?c=EID. */
  if ((host_is (host, "app.jobvite.com") || host_is (host, "hire.jobvite.com")) &&
      n >= 1 && g_ascii_strcasecmp (seg[0], "CompanyJobs") == 0)
    {
      const char *company = query_param (uri, "c", &params);

      if (!slug_is_valid (company))
        return FALSE;
      return match (m, "jobvite", "Jobvite", g_strdup (company),
                    g_strdup_printf ("https://app.jobvite.com/CompanyJobs/Careers.aspx?c=%s", company));
    }

  /* Jobvite: jobs.jobvite.com/acme[/job/ID][/jobs]. */
  if (host_is (host, "jobs.jobvite.com"))
    {
      const char *board = n >= 1 ? seg[0] : NULL;

      if (!slug_is_valid (board) || slug_in (board, (const char * const[]) { "api", "careers", "__assets__", NULL }))
        return FALSE;
      return match (m, "jobvite", "Jobvite", g_strdup (board), g_strdup_printf ("https://jobs.jobvite.com/%s", board));
    }

  /* JOIN: join.com/companies/acme[/123-title]. */
  if (host_is (host, "join.com") || host_is (host, "www.join.com"))
    {
      const char *board = n >= 2 && g_str_equal (seg[0], "companies") ? seg[1] : NULL;

      if (!slug_is_valid (board))
        return FALSE;
      return match (m, "join", "JOIN", g_strdup (board), g_strdup_printf ("https://join.com/companies/%s", board));
    }

  /* Gem: jobs.gem.com/acme[/UUID], api.gem.com/job_board/v0/acme/job_posts. */
  if (host_is (host, "jobs.gem.com") || host_is (host, "api.gem.com"))
    {
      const char *board = NULL;

      if (host_is (host, "api.gem.com"))
        board = n >= 3 && g_str_equal (seg[0], "job_board") ? seg[2] : NULL;
      else if (n >= 1)
        board = seg[0];
      if (!slug_is_valid (board) || slug_in (board, (const char * const[]) { "api", "static", NULL }))
        return FALSE;
      return match (m, "gem", "Gem", g_strdup (board), g_strdup_printf ("https://jobs.gem.com/%s", board));
    }

  /* iCIMS: careers-acme.icims.com/jobs[/search, /1234/title/job].  Read
   * as a career site (its search lists the postings, each posting's page
   * has its JobPosting data), from the search without the site's frame. */
  if (host_has_suffix (host, ".icims.com"))
    {
      g_autofree char *board = subdomain_board (host, ".icims.com", vendor_hosts);
      g_autofree char *lower_host = g_ascii_strdown (host, -1);

      if (board == NULL || strlen (board) + strlen (".icims.com") != strlen (host) || n < 1 ||
          g_ascii_strcasecmp (seg[0], "jobs") != 0)
        return FALSE;
      return match (m, "jsonld", "iCIMS", g_steal_pointer (&board),
                    g_strdup_printf ("https://%s/jobs/search?ss=1&in_iframe=1", lower_host));
    }

  /* Paylocity: recruiting.paylocity.com/Recruiting/Jobs/All/GUID[/Name]. */
  if (host_has_suffix (host, ".paylocity.com"))
    {
      g_autofree char *lower_host = g_ascii_strdown (host, -1);

      if (n < 4 || g_ascii_strcasecmp (seg[0], "Recruiting") != 0 || g_ascii_strcasecmp (seg[1], "Jobs") != 0 ||
          g_ascii_strcasecmp (seg[2], "All") != 0 || !scraper_paylocity_guid_is_valid (seg[3]))
        return FALSE;
      return match (m, "paylocity", "Paylocity", g_ascii_strdown (seg[3], -1),
                    g_strdup_printf ("https://%s/Recruiting/Jobs/All/%s", lower_host, seg[3]));
    }

  /* Dover: app.dover.com/jobs/acme[/UUID]; Homerun: acme.homerun.co;
   * Comeet: www.comeet.com/jobs/acme/UID.  No adapter reads them yet. */
  if (host_is (host, "app.dover.com") || host_is (host, "app.dover.io"))
    {
      const char *board = n >= 2 && g_str_equal (seg[0], "jobs") ? seg[1] : NULL;

      if (!slug_is_valid (board))
        return FALSE;
      return match (m, "dover", "Dover", g_strdup (board), g_strdup_printf ("https://app.dover.com/jobs/%s", board));
    }
  if (host_has_suffix (host, ".homerun.co"))
    {
      g_autofree char *board = subdomain_board (host, ".homerun.co", vendor_hosts);

      if (board == NULL || strlen (board) + strlen (".homerun.co") != strlen (host))
        return FALSE;
      return match (m, "homerun", "Homerun", g_strdup (board), g_strdup_printf ("https://%s.homerun.co/", board));
    }
  if (host_is (host, "www.comeet.com") || host_is (host, "comeet.com") || host_is (host, "www.comeet.co"))
    {
      if (n < 3 || !g_str_equal (seg[0], "jobs") || !slug_is_valid (seg[1]) || !slug_is_valid (seg[2]))
        return FALSE;
      return match (m, "comeet", "Comeet", g_strdup (seg[1]),
                    g_strdup_printf ("https://www.comeet.com/jobs/%s/%s", seg[1], seg[2]));
    }

  return FALSE;
}

static char **
path_segments (GUri *uri)
{
  g_auto(GStrv) parts = g_strsplit (g_uri_get_path (uri), "/", 64);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

ScraperHandoff *
scraper_handoff_from_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) seg = NULL;
  const char *scheme, *host;
  Match m = { 0 };
  ScraperHandoff *handoff;

  g_return_val_if_fail (url != NULL, NULL);

  /* Encoded: an escaped '/' or a space in a segment makes it no slug. */
  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (scheme = g_uri_get_scheme (uri)) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return NULL;

  seg = path_segments (uri);
  if (!match_board (uri, host, seg, &m))
    return NULL;

  handoff = g_new0 (ScraperHandoff, 1);
  handoff->kind = g_strdup (m.kind);
  handoff->vendor = g_strdup (m.vendor);
  handoff->url = m.url;
  handoff->board = m.board;
  return handoff;
}

gboolean
scraper_board_from_url (const char  *url,
                        char       **kind,
                        char       **source_url,
                        char       **board)
{
  g_autoptr(ScraperHandoff) handoff = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  handoff = scraper_handoff_from_url (url);
  if (handoff == NULL)
    return FALSE;
  if (kind != NULL)
    *kind = g_steal_pointer (&handoff->kind);
  if (source_url != NULL)
    *source_url = g_steal_pointer (&handoff->url);
  if (board != NULL)
    *board = g_steal_pointer (&handoff->board);
  return TRUE;
}

void
scraper_handoff_free (ScraperHandoff *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->vendor);
  g_free (self->url);
  g_free (self->board);
  g_free (self->evidence);
  g_free (self);
}

char *
scraper_handoff_short_url (const char *url)
{
  const char *p = url;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  if (g_ascii_strncasecmp (p, "https://", 8) == 0)
    p += 8;
  else if (g_ascii_strncasecmp (p, "http://", 7) == 0)
    p += 7;
  len = strlen (p);
  while (len > 0 && p[len - 1] == '/')
    len--;
  return g_strndup (p, len);
}
