/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-wait"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "scraper-wait.h"

gboolean
scraper_sleep (guint          ms,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  GPollFD pfd;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (ms == 0)
    return TRUE;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pfd))
    {
      g_usleep ((gulong) ms * 1000);
      return TRUE;
    }

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable) || left <= 0)
        break;
      g_poll (&pfd, 1, (int) ((left + 999) / 1000));
    }
  g_cancellable_release_fd (cancellable);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

guint
scraper_backoff_ms (guint base_ms,
                    guint attempt,
                    guint max_ms)
{
  double ms = (double) base_ms * (double) (1u << MIN (attempt, 16u));

  ms = MIN (ms, (double) max_ms);
  if (ms < 2)
    return (guint) ms;
  return (guint) g_random_double_range (ms / 2, ms);
}

static int
month_index (const char *name)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const char *found;

  if (strlen (name) != 3)
    return 0;
  found = strstr (months, name);
  if (found == NULL || (found - months) % 3 != 0)
    return 0;
  return (int) (found - months) / 3 + 1;
}

/* The three forms HTTP/1.1 recipients must accept (RFC 9110, 5.6.7). */
static GDateTime *
parse_http_date (const char *value)
{
  char wkday[16], month[4], zone[4];
  int day, year, hour, minute, second;
  int n = 0;

  /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
  if (sscanf (value, "%15[A-Za-z], %2d %3s %4d %2d:%2d:%2d %3s%n",
              wkday, &day, month, &year, &hour, &minute, &second, zone, &n) == 8 &&
      value[n] == '\0' && strcmp (zone, "GMT") == 0)
    goto done;

  /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
  n = 0;
  if (sscanf (value, "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d %3s%n",
              wkday, &day, month, &year, &hour, &minute, &second, zone, &n) == 8 &&
      value[n] == '\0' && strcmp (zone, "GMT") == 0)
    {
      /* Two digits: a year more than 50 years ahead is in the past. */
      year += year < 70 ? 2000 : 1900;
      goto done;
    }

  /* asctime: Sun Nov  6 08:49:37 1994 */
  n = 0;
  if (sscanf (value, "%15[A-Za-z] %3s %2d %2d:%2d:%2d %4d%n",
              wkday, month, &day, &hour, &minute, &second, &year, &n) == 7 &&
      value[n] == '\0')
    goto done;

  return NULL;

done:
  if (month_index (month) == 0)
    return NULL;
  return g_date_time_new_utc (year, month_index (month), day, hour, minute, second);
}

gint64
scraper_retry_after_parse (const char *value,
                           GDateTime  *now)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) current = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return -1;
  if (g_ascii_isdigit (*text))
    {
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &seconds, NULL))
        return (gint64) seconds;
      return -1;
    }

  date = parse_http_date (text);
  if (date == NULL)
    return -1;
  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (date, current) / G_TIME_SPAN_SECOND);
}
