/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-normalize"

#include "config.h"

#include <string.h>

#include "scraper-normalize.h"

/* Dates as sources write them, to "YYYY-MM-DD". */

static int
month_from_name (const char *p,
                 const char **end)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };
  static const char * const german[] = {  /* where they differ: Mär, Mai, Okt, Dez */
    "jan", "feb", "m\xc3\xa4r", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez",
  };

  for (guint i = 0; i < 12; i++)
    {
      gsize n = strlen (german[i]);

      if (g_ascii_strncasecmp (p, months[i], 3) == 0 || g_ascii_strncasecmp (p, german[i], n) == 0)
        {
          const char *q = p;

          while (*q != '\0' && (g_ascii_isalpha (*q) || (guchar) *q >= 0x80))
            q++;
          if (*q == '.')
            q++;
          *end = q;
          return (int) i + 1;
        }
    }
  return 0;
}

static char *
format_ymd (gint64 y,
            gint64 m,
            gint64 d)
{
  if (y < 100)
    y += y < 70 ? 2000 : 1900;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", (int) y, (int) m, (int) d);
}

char *
scraper_date_from_unix (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  int y, m, d;

  if (dt == NULL)
    return NULL;
  /* Not "%Y": it does not pad year 906 to four digits (found by
   * bench/fuzz/fuzz-date). */
  g_date_time_get_ymd (dt, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p) || *p == ',')
    p++;
  return p;
}

char *
scraper_date_normalize (const char *str)
{
  g_autofree char *clean = NULL;
  const char *p;
  char *end;
  gint64 a, b, c;
  int month;

  if (str == NULL || (clean = scraper_text_clean (str)) == NULL)
    return NULL;
  p = clean;

  /* Unix seconds or milliseconds. */
  if (strspn (p, "0123456789") == strlen (p))
    {
      gsize len = strlen (p);
      guint64 v = g_ascii_strtoull (p, NULL, 10);

      if (len == 8 && (p[0] == '1' || p[0] == '2'))
        {
          char *ymd = format_ymd ((v / 10000), (v / 100) % 100, v % 100);
          if (ymd != NULL)
            return ymd;
        }
      if (len >= 12)
        v /= 1000;
      if (len < 9 || v > G_MAXINT64 / 2)
        return NULL;
      return scraper_date_from_unix ((gint64) v);
    }

  /* ISO 8601 and YYYY/MM/DD: the date as stated, without a zone shift. */
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
      g_ascii_isdigit (p[3]) && (p[4] == '-' || p[4] == '/' || p[4] == '.'))
    {
      char sep = p[4];

      a = g_ascii_strtoll (p, &end, 10);
      if (*end != sep)
        return NULL;
      b = g_ascii_strtoll (end + 1, &end, 10);
      if (*end != sep)
        {
          /* "2026-03": a month only. */
          return (*end == '\0' || *end == 'T') ? format_ymd (a, b, 1) : NULL;
        }
      c = g_ascii_strtoll (end + 1, &end, 10);
      if (*end != '\0' && *end != 'T' && *end != 't' && *end != ' ' && *end != 'Z')
        return NULL;
      return format_ymd (a, b, c);
    }

  /* "03.03.2026" (day first, as in German), "03/03/2026" (US, month first). */
  if (g_ascii_isdigit (p[0]))
    {
      a = g_ascii_strtoll (p, &end, 10);
      if ((*end == '.' || *end == '/') && g_ascii_isdigit (end[1]))
        {
          char sep = *end;

          b = g_ascii_strtoll (end + 1, &end, 10);
          if (*end == sep && g_ascii_isdigit (end[1]))
            {
              c = g_ascii_strtoll (end + 1, &end, 10);
              return sep == '.' ? format_ymd (c, b, a) : format_ymd (c, a, b);
            }
          return NULL;
        }
    }

  /* RFC 822/1123 and prose: "Tue, 03 Mar 2026 10:00:00 GMT", "3 March 2026",
   * "March 3, 2026". */
  if (g_ascii_isalpha (p[0]))
    {
      const char *q = p;

      /* A weekday name before a comma. */
      while (g_ascii_isalpha (*q))
        q++;
      if (*q == ',' || (*q == '.' && q[1] == ','))
        p = skip_space (q + (*q == '.' ? 2 : 1));
    }

  if (g_ascii_isdigit (p[0]))
    {
      a = g_ascii_strtoll (p, &end, 10);
      if (*end == '.')
        end++;
      p = skip_space (end);
      if ((month = month_from_name (p, &p)) == 0)
        return NULL;
      p = skip_space (p);
      b = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        return NULL;
      return format_ymd (b, month, a);
    }
  if ((month = month_from_name (p, &p)) != 0)
    {
      p = skip_space (p);
      a = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        return NULL;
      while (g_ascii_isalpha (*end))  /* "3rd" */
        end++;
      p = skip_space (end);
      b = g_ascii_strtoll (p, &end, 10);
      if (end == p)
        return NULL;
      return format_ymd (b, month, a);
    }

  return NULL;
}

