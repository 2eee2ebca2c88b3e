/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-boards"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-boards-private.h"
#include "scraper-workday-private.h"

/* The API address of each board added after the first ATS kinds, from the
 * address a user pastes: the board's page, its API, a posting. */

static const struct {
  const char *kind;
  const char *label;
} boards[] = {
  { "workday", "Workday" },
  { "bamboohr", "BambooHR" },
  { "pinpoint", "Pinpoint" },
  { "gem", "Gem" },
  { "jobvite", "Jobvite" },
  { "join", "JOIN" },
  { "paylocity", "Paylocity" },
  { "phenom", "Phenom" },
};

gboolean
scraper_board_handles_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    if (g_strcmp0 (kind, boards[i].kind) == 0)
      return TRUE;
  return FALSE;
}

static const char *
label_of (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    if (g_strcmp0 (kind, boards[i].kind) == 0)
      return boards[i].label;
  return kind;
}

static gboolean
host_below (const char *host,
            const char *domain)
{
  gsize hl = strlen (host), dl = strlen (domain);

  return hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0;
}

/* The host's first label when the host is one below @domain
 * ("acme.bamboohr.com"), else NULL. */
static char *
subdomain_of (const char *host,
              const char *domain)
{
  const char *dot = strchr (host, '.');

  if (!host_below (host, domain) || dot == NULL || g_ascii_strcasecmp (dot + 1, domain) != 0)
    return NULL;
  return g_ascii_strdown (host, dot - host);
}

/* Letters, digits, '-' and '_': goes into a host name or path as it is. */
static gboolean
slug_is_valid (const char *slug)
{
  if (slug == NULL || slug[0] == '\0' || strlen (slug) > 100)
    return FALSE;
  for (const char *p = slug; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
path_has_suffix (GUri       *uri,
                 const char *suffix)
{
  g_autofree char *path = g_strdup (g_uri_get_path (uri));
  gsize len = strlen (path);

  while (len > 1 && path[len - 1] == '/')
    path[--len] = '\0';
  return g_str_has_suffix (path, suffix);
}

char *
scraper_board_api_url (const char  *kind,
                       const char  *source_url,
                       char       **board_out,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *board = NULL;
  g_autofree char *api = NULL;
  const char *host, *scheme;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (source_url != NULL, NULL);

  if (g_str_equal (kind, "workday"))
    return scraper_workday_api_url (source_url, board_out, error);

  uri = g_uri_parse (source_url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   _("“%s” is not a web address of a %s board"), source_url, label_of (kind));
      return NULL;
    }

  if (g_str_equal (kind, "bamboohr"))
    {
      if (host_below (host, "bamboohr.com"))
        {
          /* COMPANY.bamboohr.com/careers, /careers/ID, /jobs/embed2.php ... */
          board = subdomain_of (host, "bamboohr.com");
          if (board != NULL && (g_str_equal (board, "www") || g_str_equal (board, "api") ||
                                g_str_equal (board, "app")))
            g_clear_pointer (&board, g_free);
          if (slug_is_valid (board))
            api = g_strdup_printf ("https://%s.bamboohr.com/careers/list", board);
        }
      else if (path_has_suffix (uri, "/careers/list"))
        {
          api = g_strdup (source_url);
          board = g_ascii_strdown (host, -1);
        }
    }
  else if (g_str_equal (kind, "pinpoint"))
    {
      if (host_below (host, "pinpointhq.com"))
        {
          /* COMPANY.pinpointhq.com/, /en/postings/<uuid>, /postings.json */
          board = subdomain_of (host, "pinpointhq.com");
          if (board != NULL && (g_str_equal (board, "www") || g_str_equal (board, "app") ||
                                g_str_equal (board, "api")))
            g_clear_pointer (&board, g_free);
          if (slug_is_valid (board))
            api = g_strdup_printf ("https://%s.pinpointhq.com/postings.json", board);
        }
      else if (path_has_suffix (uri, "/postings.json"))
        {
          /* A company's own domain serving its Pinpoint site. */
          api = g_strdup (source_url);
          board = g_ascii_strdown (host, -1);
        }
    }
  else if (g_str_equal (kind, "gem"))
    {
      g_auto(GStrv) seg = g_strsplit (g_uri_get_path (uri) + (g_uri_get_path (uri)[0] == '/'), "/", -1);

      if (g_ascii_strcasecmp (host, "jobs.gem.com") == 0)
        board = seg[0] != NULL ? g_strdup (seg[0]) : NULL;
      else
        {
          /* api.gem.com/job_board/v0/BOARD/job_posts, or a mirror of it. */
          for (guint i = 0; seg[i] != NULL && seg[i + 1] != NULL; i++)
            if (g_str_equal (seg[i], "job_board") && seg[i + 1] != NULL && g_str_equal (seg[i + 1], "v0") &&
                seg[i + 2] != NULL)
              {
                board = g_strdup (seg[i + 2]);
                break;
              }
        }
      if (slug_is_valid (board))
        {
          if (g_ascii_strcasecmp (host, "jobs.gem.com") == 0 || g_ascii_strcasecmp (host, "api.gem.com") == 0)
            api = g_strdup_printf ("https://api.gem.com/job_board/v0/%s/job_posts/", board);
          else
            api = g_strdup (source_url);
        }
    }
  else if (g_str_equal (kind, "jobvite"))
    {
      g_autoptr(GHashTable) params = NULL;
      const char *company_id = NULL;

      if (g_uri_get_query (uri) != NULL)
        params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_CASE_INSENSITIVE, NULL);
      if (params != NULL)
        company_id = g_hash_table_lookup (params, "c");

      if (g_ascii_strcasecmp (host, "jobvite.com") == 0 || host_below (host, "jobvite.com"))
        {
          g_auto(GStrv) seg = g_strsplit (g_uri_get_path (uri) + (g_uri_get_path (uri)[0] == '/'), "/", -1);

          if (company_id != NULL)
            {
              /* app.jobvite.com/CompanyJobs/Xml.aspx?c=EID, Careers.aspx?c=EID ... */
              board = g_strdup (company_id);
              if (slug_is_valid (board))
                api = g_strdup_printf ("https://app.jobvite.com/CompanyJobs/Xml.aspx?c=%s", board);
            }
          else if (g_ascii_strcasecmp (host, "jobs.jobvite.com") == 0 && seg[0] != NULL)
            {
              /* jobs.jobvite.com/SLUG[/job/ID]: the site's page names the feed. */
              board = g_ascii_strdown (seg[0], -1);
              if (slug_is_valid (board))
                api = g_strdup_printf ("https://jobs.jobvite.com/%s", board);
            }
        }
      else if (path_has_suffix (uri, "/CompanyJobs/Xml.aspx") && company_id != NULL)
        {
          api = g_strdup (source_url);
          board = g_strdup (company_id);
        }
    }
  else if (g_str_equal (kind, "join"))
    {
      g_auto(GStrv) seg = g_strsplit (g_uri_get_path (uri) + (g_uri_get_path (uri)[0] == '/'), "/", -1);

      /* join.com/companies/SLUG[/IDPARAM]: the company's page. */
      if ((g_ascii_strcasecmp (host, "join.com") == 0 || g_ascii_strcasecmp (host, "www.join.com") == 0) &&
          seg[0] != NULL && g_str_equal (seg[0], "companies") && seg[1] != NULL)
        {
          board = g_ascii_strdown (seg[1], -1);
          if (slug_is_valid (board))
            api = g_strdup_printf ("https://join.com/companies/%s", board);
        }
    }
  else if (g_str_equal (kind, "phenom"))
    {
      /* A Phenom site is on the company's own domain: its search page
       * (careers.acme.com/global/en/search-results), as it is. */
      board = g_ascii_strdown (host, -1);
      api = g_strdup (source_url);
    }
  else if (g_str_equal (kind, "paylocity"))
    {
      g_auto(GStrv) seg = g_strsplit (g_uri_get_path (uri) + (g_uri_get_path (uri)[0] == '/'), "/", -1);

      /* recruiting.paylocity.com/Recruiting/Jobs/All/GUID[/Company-Name]:
       * the board's page, which holds its postings. */
      if (host_below (host, "paylocity.com") && g_strv_length (seg) >= 4 &&
          g_ascii_strcasecmp (seg[0], "Recruiting") == 0 && g_ascii_strcasecmp (seg[1], "Jobs") == 0 &&
          g_ascii_strcasecmp (seg[2], "All") == 0 && scraper_paylocity_guid_is_valid (seg[3]))
        {
          g_autofree char *lower_host = g_ascii_strdown (host, -1);

          board = g_ascii_strdown (seg[3], -1);
          api = g_strdup_printf ("https://%s/Recruiting/Jobs/All/%s", lower_host, seg[3]);
        }
    }
  else
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND,
                   _("“%s” is not a kind of job board"), kind);
      return NULL;
    }

  if (api == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   _("“%s” does not name a %s board: paste the address of the board’s job list"),
                   source_url, label_of (kind));
      return NULL;
    }

  if (board_out != NULL)
    *board_out = g_steal_pointer (&board);
  return g_steal_pointer (&api);
}
