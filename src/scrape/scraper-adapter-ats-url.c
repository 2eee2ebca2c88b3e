/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ats"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-adapter-ats.h"
#include "scraper-boards-private.h"

/* The API address of a job board from the address a user pastes: each
 * kind's own hosts and paths, or a mirror serving the API document. */

static char **
uri_path_segments (GUri *uri)
{
  g_auto(GStrv) parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        /* An invalid escape stays as it is, and fails board_is_valid(). */
        char *segment = g_uri_unescape_string (parts[i], NULL);
        g_ptr_array_add (segments, segment != NULL ? segment : g_strdup (parts[i]));
      }

  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

static gboolean
host_is (const char *host,
         const char *name)
{
  return g_ascii_strcasecmp (host, name) == 0;
}

static gboolean
host_has_suffix (const char *host,
                 const char *suffix)
{
  gsize lh = strlen (host), ls = strlen (suffix);

  return lh > ls && g_ascii_strcasecmp (host + lh - ls, suffix) == 0;
}

/* The segment after @key in @segments, or NULL. */
static const char *
segment_after (char * const *segments,
               const char   *key)
{
  for (guint i = 0; segments[i] != NULL; i++)
    if (g_ascii_strcasecmp (segments[i], key) == 0)
      return segments[i + 1];
  return NULL;
}

static char *
first_host_label (const char *host)
{
  const char *dot = strchr (host, '.');

  return dot != NULL ? g_strndup (host, dot - host) : g_strdup (host);
}

/* The board of an API document found on a host that is not the kind's
 * own (a mirror, a test server): named after the host, which is not a
 * company's board slug (see scraper_ats_company_from_board()). */
static char *
board_from_other_host (const char *host)
{
  return g_ascii_strdown (host, -1);
}

/* A board token: letters, digits, '-', '_', '.' only, so it can be put
 * into a URL path without escaping surprises. */
static gboolean
board_is_valid (const char *board)
{
  if (board == NULL || board[0] == '\0')
    return FALSE;
  for (const char *p = board; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static const char *
kind_label (const char *kind)
{
  static const struct { const char *kind, *label; } labels[] = {
    { "greenhouse", "Greenhouse" }, { "lever", "Lever" }, { "ashby", "Ashby" },
    { "workable", "Workable" }, { "smartrecruiters", "SmartRecruiters" },
    { "recruitee", "Recruitee" }, { "personio", "Personio" },
    { "workday", "Workday" }, { "bamboohr", "BambooHR" }, { "pinpoint", "Pinpoint" }, { "gem", "Gem" },
    { "jobvite", "Jobvite" }, { "join", "JOIN" },
    { "paylocity", "Paylocity" }, { "phenom", "Phenom" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return labels[i].label;
  return kind;
}

char *
scraper_ats_api_url (const char  *kind,
                     const char  *source_url,
                     char       **board_out,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) seg = NULL;
  g_autofree char *board = NULL;
  g_autofree char *api = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *host;
  const char *scheme;
  gboolean own_host = FALSE;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (source_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (scraper_board_handles_kind (kind))
    return scraper_board_api_url (kind, source_url, board_out, error);

  /* Encoded, so "%2F" in a path segment stays inside its segment. */
  uri = g_uri_parse (source_url, G_URI_FLAGS_ENCODED, &local_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   _("“%s” is not a web address of a %s board"), source_url, kind_label (kind));
      return NULL;
    }

  seg = uri_path_segments (uri);

  if (g_str_equal (kind, "greenhouse"))
    {
      gboolean eu = host_has_suffix (host, ".eu.greenhouse.io");

      if (host_is (host, "boards-api.greenhouse.io") || host_is (host, "boards-api.eu.greenhouse.io"))
        own_host = TRUE, board = g_strdup (segment_after (seg, "boards"));
      else if (host_is (host, "greenhouse.io") || host_has_suffix (host, ".greenhouse.io"))
        {
          own_host = TRUE;
          if (seg[0] != NULL && g_str_equal (seg[0], "embed"))
            {
              /* boards.greenhouse.io/embed/job_board?for=<board> */
              g_autoptr(GHashTable) params = NULL;
              const char *query = g_uri_get_query (uri);

              if (query != NULL)
                params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
              if (params != NULL)
                board = g_strdup (g_hash_table_lookup (params, "for"));
            }
          else
            board = g_strdup (seg[0]);
        }
      else
        board = g_strdup (segment_after (seg, "boards"));

      if (own_host && board_is_valid (board))
        api = g_strdup_printf ("https://%s/v1/boards/%s/jobs?content=true",
                               eu ? "boards-api.eu.greenhouse.io" : "boards-api.greenhouse.io", board);
    }
  else if (g_str_equal (kind, "lever"))
    {
      gboolean eu = host_has_suffix (host, ".eu.lever.co");

      if (host_is (host, "api.lever.co") || host_is (host, "api.eu.lever.co"))
        own_host = TRUE, board = g_strdup (segment_after (seg, "postings"));
      else if (host_is (host, "lever.co") || host_has_suffix (host, ".lever.co"))
        own_host = TRUE, board = g_strdup (seg[0]);
      else
        board = g_strdup (segment_after (seg, "postings"));

      if (own_host && board_is_valid (board))
        api = g_strdup_printf ("https://%s/v0/postings/%s?mode=json",
                               eu ? "api.eu.lever.co" : "api.lever.co", board);
    }
  else if (g_str_equal (kind, "ashby"))
    {
      if (host_is (host, "api.ashbyhq.com"))
        own_host = TRUE, board = g_strdup (segment_after (seg, "job-board"));
      else if (host_is (host, "ashbyhq.com") || host_has_suffix (host, ".ashbyhq.com"))
        own_host = TRUE, board = g_strdup (seg[0]);
      else
        board = g_strdup (segment_after (seg, "job-board"));

      if (own_host && board_is_valid (board))
        api = g_strdup_printf ("https://api.ashbyhq.com/posting-api/job-board/%s?includeCompensation=true",
                               board);
    }
  else if (g_str_equal (kind, "workable"))
    {
      if (host_is (host, "apply.workable.com") || host_is (host, "www.workable.com"))
        {
          own_host = TRUE;
          board = g_strdup (segment_after (seg, "accounts"));
          if (board == NULL && seg[0] != NULL && !g_str_equal (seg[0], "j") && !g_str_equal (seg[0], "api"))
            board = g_strdup (seg[0]);
        }
      else if (host_has_suffix (host, ".workable.com"))
        own_host = TRUE, board = first_host_label (host);
      else
        board = g_strdup (segment_after (seg, "accounts"));

      if (own_host && board_is_valid (board))
        api = g_strdup_printf ("https://apply.workable.com/api/v1/widget/accounts/%s", board);
    }
  else if (g_str_equal (kind, "smartrecruiters"))
    {
      if (host_is (host, "api.smartrecruiters.com"))
        own_host = TRUE, board = g_strdup (segment_after (seg, "companies"));
      else if (host_is (host, "smartrecruiters.com") || host_has_suffix (host, ".smartrecruiters.com"))
        own_host = TRUE, board = g_strdup (seg[0]);
      else
        board = g_strdup (segment_after (seg, "companies"));

      if (own_host && board_is_valid (board))
        api = g_strdup_printf ("https://api.smartrecruiters.com/v1/companies/%s/postings", board);
    }
  else if (g_str_equal (kind, "recruitee"))
    {
      if (host_has_suffix (host, ".recruitee.com") && !host_is (host, "api.recruitee.com") &&
          !host_is (host, "www.recruitee.com"))
        {
          own_host = TRUE;
          board = first_host_label (host);
          if (board_is_valid (board))
            api = g_strdup_printf ("https://%s.recruitee.com/api/offers/", board);
        }
      else if (host_is (host, "recruitee.com") || host_has_suffix (host, ".recruitee.com"))
        own_host = TRUE;
      else
        board = board_from_other_host (host);
    }
  else if (g_str_equal (kind, "personio"))
    {
      const char *tld = NULL;

      if (host_has_suffix (host, ".jobs.personio.de"))
        tld = "de";
      else if (host_has_suffix (host, ".jobs.personio.com"))
        tld = "com";

      if (tld != NULL)
        {
          own_host = TRUE;
          board = first_host_label (host);
          if (board_is_valid (board))
            api = g_strdup_printf ("https://%s.jobs.personio.%s/xml", board, tld);
        }
      else if (host_has_suffix (host, "personio.de") || host_has_suffix (host, "personio.com"))
        own_host = TRUE;
      else
        board = board_from_other_host (host);
    }
  else
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND,
                   _("“%s” is not a kind of job board"), kind);
      return NULL;
    }

  if (own_host && api == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_SETTINGS,
                   _("“%s” does not name a %s board: paste the address of the board’s job list"),
                   source_url, kind_label (kind));
      return NULL;
    }

  if (!own_host)
    {
      /* Not the kind's own host: the URL is the API document itself. */
      api = g_strdup (source_url);
      if (board == NULL || board[0] == '\0')
        {
          g_free (board);
          board = board_from_other_host (host);
        }
    }

  if (board_out != NULL)
    *board_out = g_steal_pointer (&board);
  return g_steal_pointer (&api);
}
