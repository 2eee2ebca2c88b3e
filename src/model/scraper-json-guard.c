/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-model"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "scraper-json-guard.h"

gboolean
scraper_json_depth_ok (const char *data,
                       gssize      length,
                       guint       max_depth)
{
  const char *p, *end;
  gboolean in_string = FALSE;
  guint depth = 0;

  if (data == NULL)
    return TRUE;
  end = data + (length < 0 ? strlen (data) : (gsize) length);

  for (p = data; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      switch (*p)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

gboolean
scraper_json_parser_load (JsonParser  *parser,
                          const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (!scraper_json_depth_ok (data, length, SCRAPER_JSON_MAX_DEPTH))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The JSON is nested more than %u levels deep"), SCRAPER_JSON_MAX_DEPTH);
      return FALSE;
    }
  return json_parser_load_from_data (parser, data, length, error);
}
