/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "scraper-store-private.h"

/* Helpers shared by the store's files: binding and reading columns, the
 * JSON arrays kept in text columns, and the key of cross-source
 * duplicates. */

/* Binding and reading */

void
store_bind_text (sqlite3_stmt *stmt,
                 int           index,
                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
store_bind_double (sqlite3_stmt *stmt,
                   int           index,
                   double        value)
{
  if (isnan (value) || isinf (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

char *
store_column_dup (sqlite3_stmt *stmt,
                  int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

double
store_column_double (sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

char *
store_strv_to_json (const char * const *strv)
{
  GString *str;

  if (strv == NULL || strv[0] == NULL)
    return NULL;

  str = g_string_new ("[");
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, '"');
      for (const char *p = strv[i]; *p; p++)
        {
          guchar c = (guchar) *p;

          if (c == '"' || c == '\\')
            {
              g_string_append_c (str, '\\');
              g_string_append_c (str, (char) c);
            }
          else if (c < 0x20)
            g_string_append_printf (str, "\\u%04x", c);
          else
            g_string_append_c (str, (char) c);
        }
      g_string_append_c (str, '"');
    }
  g_string_append_c (str, ']');

  return g_string_free (str, FALSE);
}

/* The arrays store_strv_to_json() writes, read without a JSON parser (a
 * page of 500 rows has 1500 of them); NULL for anything else, which the
 * full parser then reads. */
static GStrv
strv_from_json_fast (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);
  const char *p = json;

  if (*p++ != '[')
    return NULL;
  if (*p == ']')
    return p[1] == '\0' ? g_strv_builder_end (builder) : NULL;

  for (;;)
    {
      if (*p++ != '"')
        return NULL;
      g_string_truncate (item, 0);
      for (;;)
        {
          const char *run = p;

          while (*p != '"' && *p != '\\' && (guchar) *p >= 0x20)
            p++;
          g_string_append_len (item, run, p - run);
          if (*p == '"')
            break;
          if (*p != '\\')
            return NULL;
          p++;
          switch (*p)
            {
            case '"': case '\\': case '/':
              g_string_append_c (item, *p);
              p++;
              break;
            case 'u':
              {
                gunichar c = 0;

                for (guint i = 1; i <= 4; i++)
                  {
                    int digit = g_ascii_xdigit_value (p[i]);

                    if (digit < 0)
                      return NULL;
                    c = c * 16 + (gunichar) digit;
                  }
                /* Surrogate pairs and NUL: leave them to the full parser. */
                if (c == 0 || (c >= 0xd800 && c <= 0xdfff))
                  return NULL;
                g_string_append_unichar (item, c);
                p += 5;
              }
              break;
            default:
              return NULL;
            }
        }
      p++;
      g_strv_builder_add (builder, item->str);
      if (*p == ']')
        return p[1] == '\0' ? g_strv_builder_end (builder) : NULL;
      if (*p++ != ',')
        return NULL;
    }
}

GStrv
store_strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;
  GStrv strv;

  if (json == NULL || *json == '\0')
    return NULL;

  if ((strv = strv_from_json_fast (json)) != NULL)
    return strv;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static void
append_normalized (GString    *str,
                   const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && str->len > 0 && str->str[str->len - 1] != '\x1f')
        g_string_append_c (str, ' ');
      space = FALSE;
      g_string_append_unichar (str, c);
    }
}

char *
store_dup_key (const char         *company,
               const char         *title,
               const char * const *locations)
{
  GString *str;

  if (company == NULL || *company == '\0' || title == NULL || *title == '\0')
    return NULL;

  str = g_string_new (NULL);
  append_normalized (str, company);
  g_string_append_c (str, '\x1f');
  append_normalized (str, title);
  g_string_append_c (str, '\x1f');
  if (locations != NULL && locations[0] != NULL)
    append_normalized (str, locations[0]);

  return g_string_free (str, FALSE);
}

/* scraper_dup_key(company, title, locations_json) for migrations */
