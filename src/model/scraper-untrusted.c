/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-untrusted"

#include "config.h"

#include <string.h>

#include "scraper-untrusted.h"

gboolean
scraper_url_is_web (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}

/* Skips an escape sequence that starts at @p (just after ESC or at a C1
 * introducer given as @intro) and returns where the text goes on. */
static const char *
skip_escape (const char *p,
             gunichar    intro)
{
  gunichar c;

  switch (intro)
    {
    case '[': /* CSI: parameters and intermediates, then a final byte */
    case 0x9b:
      while (*p != '\0')
        {
          c = (guchar) *p++;
          if (c >= 0x40 && c <= 0x7e)
            break;
          if (c < 0x20 || c > 0x3f)
            {
              /* Not a CSI byte: the sequence is broken, stop here. */
              p--;
              break;
            }
        }
      return p;

    case ']': /* OSC, DCS, SOS, PM, APC: a string up to BEL or ST */
    case 'P':
    case 'X':
    case '^':
    case '_':
    case 0x9d:
    case 0x90:
    case 0x98:
    case 0x9e:
    case 0x9f:
      while (*p != '\0')
        {
          if (*p == '\a')
            return p + 1;
          if (p[0] == '\x1b' && p[1] == '\\')
            return p + 2;
          if ((guchar) p[0] == 0xc2 && (guchar) p[1] == 0x9c)
            return p + 2;
          p = g_utf8_next_char (p);
        }
      return p;

    default:
      return p;
    }
}

char *
scraper_text_printable (const char *str,
                        gboolean    keep_newlines)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (str == NULL)
    return NULL;

  valid = g_utf8_make_valid (str, -1);
  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c == 0x1b)
        {
          gunichar intro = (guchar) *next;

          if (intro == '\0')
            break;
          if (intro == '[' || intro == ']' || intro == 'P' || intro == 'X' ||
              intro == '^' || intro == '_')
            p = skip_escape (next + 1, intro);
          else if (intro >= 0x20 && intro <= 0x2f)
            {
              /* nF: intermediates, then one final byte */
              p = next;
              while (*p != '\0' && (guchar) *p >= 0x20 && (guchar) *p <= 0x2f)
                p++;
              if (*p != '\0' && (guchar) *p < 0x80)
                p++;
            }
          else if (intro < 0x80)
            p = next + 1; /* a two-byte sequence (ESC c, ESC 7, ...) */
          else
            p = next;
          continue;
        }
      if (c >= 0x80 && c <= 0x9f)
        {
          p = skip_escape (next, c);
          continue;
        }
      if ((c == '\n' || c == '\t') && keep_newlines)
        g_string_append_c (out, (char) c);
      else if (c == '\n' || c == '\t' || c == '\r')
        g_string_append_c (out, ' ');
      else if (c < 0x20 || c == 0x7f)
        ; /* dropped */
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

char *
scraper_text_markup_escape (const char *str)
{
  g_autofree char *printable = scraper_text_printable (str != NULL ? str : "", FALSE);

  return g_markup_escape_text (printable, -1);
}

char *
scraper_csv_cell_neutralize (const char *str)
{
  if (str == NULL)
    return NULL;
  if (str[0] == '=' || str[0] == '+' || str[0] == '-' || str[0] == '@' ||
      str[0] == '\t' || str[0] == '\r')
    return g_strconcat ("'", str, NULL);
  return g_strdup (str);
}
