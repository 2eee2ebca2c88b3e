/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jsonld"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "model/scraper-json-guard.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* JSON-LD blocks: read leniently, and the JobPostings found in them, with
 * the references of an @graph resolved. */

/* ------------------------------------------------------------------ */
/* Lenient JSON                                                        */

/* Rewrites what browsers' JSON-LD consumers forgive into strict JSON: JS
 * comments, raw control characters in strings, trailing commas, and HTML
 * comment or CDATA wrappers around the block. */
static char *
jsonld_relax (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *p = text;
  gboolean in_string = FALSE;

  while (*p != '\0')
    {
      char c = *p;

      if (in_string)
        {
          if (c == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (c == '"')
            in_string = FALSE;
          if ((guchar) c < 0x20)
            {
              switch (c)
                {
                case '\n': g_string_append (out, "\\n"); break;
                case '\r': g_string_append (out, "\\r"); break;
                case '\t': g_string_append (out, "\\t"); break;
                default: g_string_append_printf (out, "\\u%04x", (guint) c); break;
                }
              p++;
              continue;
            }
          g_string_append_c (out, c);
          p++;
          continue;
        }

      if (c == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, c);
          p++;
        }
      else if (c == '/' && p[1] == '/')
        {
          while (*p != '\0' && *p != '\n')
            p++;
        }
      else if (c == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          p = end ? end + 2 : p + strlen (p);
        }
      else if (g_str_has_prefix (p, "<!--"))
        p += 4;
      else if (g_str_has_prefix (p, "-->"))
        p += 3;
      else if (g_str_has_prefix (p, "<![CDATA["))
        p += 9;
      else if (g_str_has_prefix (p, "]]>"))
        p += 3;
      else if (c == ',')
        {
          const char *q = p + 1;

          while (g_ascii_isspace (*q))
            q++;
          /* A comment between the comma and the bracket. */
          while (q[0] == '/' && (q[1] == '/' || q[1] == '*'))
            {
              if (q[1] == '/')
                while (*q != '\0' && *q != '\n')
                  q++;
              else
                {
                  const char *end = strstr (q + 2, "*/");
                  q = end ? end + 2 : q + strlen (q);
                }
              while (g_ascii_isspace (*q))
                q++;
            }
          if (*q != '}' && *q != ']')
            g_string_append_c (out, c);
          p++;
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

static JsonNode *
jsonld_try_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!scraper_json_parser_load (parser, text, -1, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("The block is empty"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
scraper_jsonld_parse_block (const char  *text,
                            GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *relaxed = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  if ((node = jsonld_try_parse (valid, NULL)) != NULL)
    return node;

  relaxed = jsonld_relax (valid);
  if ((node = jsonld_try_parse (relaxed, &local_error)) != NULL)
    return node;

  /* A block that was HTML-escaped as a whole ("{&quot;@type&quot;: ..."). */
  if (strstr (valid, "&quot;") != NULL || strstr (valid, "&#34;") != NULL)
    {
      g_autofree char *unescaped = scraper_html_unescape (valid);
      g_autofree char *relaxed2 = jsonld_relax (unescaped);

      if ((node = jsonld_try_parse (relaxed2, NULL)) != NULL)
        return node;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Finding JobPostings                                                 */

static gboolean
type_is (JsonObject *obj,
         const char *type)
{
  JsonNode *node = json_object_get_member (obj, "@type");

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *t = json_node_get_string (node);
      const char *slash = strrchr (t, '/');
      const char *colon = strrchr (t, ':');

      if (slash != NULL)
        t = slash + 1;
      else if (colon != NULL)
        t = colon + 1;
      return g_ascii_strcasecmp (t, type) == 0;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING &&
              g_ascii_strcasecmp (json_node_get_string (el), type) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
collect (JsonNode  *node,
         GPtrArray *out,
         guint      depth)
{
  static const char * const containers[] = {
    "@graph", "itemListElement", "item", "mainEntity", "mainEntityOfPage", "hasPart", "about",
  };

  if (node == NULL || depth > 12)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (json_array_get_element (array, i), out, depth + 1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  if (type_is (json_node_get_object (node), "JobPosting"))
    {
      g_ptr_array_add (out, json_node_get_object (node));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
    collect (json_object_get_member (json_node_get_object (node), containers[i]), out, depth + 1);
}

/* Nodes named by "@id" elsewhere in the block: an @graph states the
 * hiring organization once and refers to it ({"@id": "#org"}), as the
 * WordPress SEO plugins write it. */
static void
gather_ids (JsonNode   *node,
            GHashTable *ids,
            guint       depth)
{
  if (node == NULL || depth > 12)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        gather_ids (json_array_get_element (array, i), ids, depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonNode *id = json_object_get_member (obj, "@id");
      g_autoptr(GList) names = json_object_get_members (obj);

      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING &&
          json_object_get_size (obj) > 1 && !g_hash_table_contains (ids, json_node_get_string (id)))
        g_hash_table_insert (ids, (gpointer) json_node_get_string (id), node);
      for (GList *l = names; l != NULL; l = l->next)
        gather_ids (json_object_get_member (obj, l->data), ids, depth + 1);
    }
}

JsonNode *
scraper_jsonld_deref (JsonNode   *node,
                      GHashTable *ids)
{
  JsonObject *obj;
  JsonNode *id;
  guint size;

  if (node == NULL || ids == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return node;
  obj = json_node_get_object (node);
  id = json_object_get_member (obj, "@id");
  size = json_object_get_size (obj);
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
      size > 2 || (size == 2 && !json_object_has_member (obj, "@type")))
    return node;
  {
    JsonNode *target = g_hash_table_lookup (ids, json_node_get_string (id));

    return target != NULL ? target : node;
  }
}

GHashTable *
scraper_jsonld_collect_ids (JsonNode *root)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  gather_ids (root, ids, 0);
  return g_hash_table_size (ids) > 0 ? g_steal_pointer (&ids) : NULL;
}

void
scraper_jsonld_collect (JsonNode  *node,
                        GPtrArray *out)
{
  collect (node, out, 0);
}
