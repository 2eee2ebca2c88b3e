/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-feed"

#include "config.h"

#include <string.h>

#include "scraper-adapter-ats.h"
#include "scraper-feed-boards.h"
#include "scraper-normalize.h"

typedef enum {
  TITLE_AS_IS,
  TITLE_COMPANY_COLON_TITLE,   /* "Acme: Senior Engineer", at the first ": " */
  TITLE_TITLE_DASH_COMPANY,    /* "Senior Engineer - Acme", at the last " - " */
} TitleForm;

struct _ScraperFeedBoard {
  const char *host;            /* the board's domain; its subdomains too */
  TitleForm   title;
  const char *location_label;  /* "Location:" starting a line of the text, or NULL */
  gboolean    remote_only;
};

static const ScraperFeedBoard boards[] = {
  { "weworkremotely.com", TITLE_COMPANY_COLON_TITLE, NULL, TRUE },
  { "researchcomputingteams.org", TITLE_TITLE_DASH_COMPANY, "Location:", FALSE },
};

static gboolean
host_is (const char *host,
         const char *domain)
{
  gsize hl = strlen (host), dl = strlen (domain);

  return g_ascii_strcasecmp (host, domain) == 0 ||
         (hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0);
}

static const ScraperFeedBoard *
board_of_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL)) == NULL ||
      (host = g_uri_get_host (uri)) == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    if (host_is (host, boards[i].host))
      return &boards[i];
  return NULL;
}

const ScraperFeedBoard *
scraper_feed_board_find (const char *channel_link,
                         const char *feed_url)
{
  const ScraperFeedBoard *board = board_of_url (channel_link);

  return board != NULL ? board : board_of_url (feed_url);
}

gboolean
scraper_feed_board_remote_only (const ScraperFeedBoard *board)
{
  return board != NULL && board->remote_only;
}

/* Splits @title at @sep (its first or last occurrence) into the part
 * before and the part after, both non-empty; FALSE when it cannot. */
static gboolean
split_at (const char  *title,
          const char  *sep,
          gboolean     last,
          char       **before,
          char       **after)
{
  const char *at = strstr (title, sep);

  if (last && at != NULL)
    for (const char *next; (next = strstr (at + 1, sep)) != NULL;)
      at = next;
  if (at == NULL)
    return FALSE;

  {
    g_autofree char *head = g_strndup (title, at - title);

    *before = scraper_text_clean (head);
  }
  *after = scraper_text_clean (at + strlen (sep));
  if (*before == NULL || *after == NULL)
    {
      g_clear_pointer (before, g_free);
      g_clear_pointer (after, g_free);
      return FALSE;
    }
  return TRUE;
}

/* The rest of the line of @text that starts with @label. */
static char *
labelled_line (const char *text,
               const char *label)
{
  gsize len = strlen (label);

  for (const char *line = text; line != NULL && *line != '\0';)
    {
      const char *end = strchr (line, '\n');
      const char *start = line;

      while (start < (end != NULL ? end : start + strlen (start)) && g_ascii_isspace (*start))
        start++;
      if (g_ascii_strncasecmp (start, label, len) == 0)
        {
          g_autofree char *value = end != NULL ? g_strndup (start + len, end - start - len) : g_strdup (start + len);
          return scraper_text_clean (value);
        }
      line = end != NULL ? end + 1 : NULL;
    }
  return NULL;
}

/* "New York City NY USA", "Leeds UK": the country is the last word. */
static char *
country_of_last_word (const char *place)
{
  const char *space = strrchr (place, ' ');

  return scraper_ats_country_code (space != NULL ? space + 1 : place);
}

void
scraper_feed_board_unpack (const ScraperFeedBoard *board,
                           ScraperPosting         *posting)
{
  char *before = NULL, *after = NULL;

  g_return_if_fail (posting != NULL);

  if (board == NULL)
    return;

  if (posting->title != NULL && posting->company == NULL)
    {
      switch (board->title)
        {
        case TITLE_COMPANY_COLON_TITLE:
          if (split_at (posting->title, ": ", FALSE, &before, &after))
            {
              g_free (posting->title);
              posting->company = before;
              posting->title = after;
            }
          break;
        case TITLE_TITLE_DASH_COMPANY:
          if (split_at (posting->title, " - ", TRUE, &before, &after))
            {
              g_free (posting->title);
              posting->title = before;
              posting->company = after;
            }
          break;
        case TITLE_AS_IS:
        default:
          break;
        }
    }

  if (board->location_label != NULL && posting->locations == NULL && posting->description_text != NULL)
    {
      g_autofree char *place = labelled_line (posting->description_text, board->location_label);

      if (place != NULL)
        {
          if (posting->country == NULL)
            posting->country = country_of_last_word (place);
          posting->locations = g_new0 (char *, 2);
          posting->locations[0] = g_steal_pointer (&place);
        }
    }
}
