/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-source"

#include "config.h"

#include <json-glib/json-glib.h>

#include "scraper-source.h"

G_DEFINE_BOXED_TYPE (ScraperSource, scraper_source, scraper_source_ref, scraper_source_unref)

static void
scraper_source_clear (ScraperSource *self)
{
  g_free (self->name);
  g_free (self->url);
  g_free (self->kind);
  g_free (self->settings);
  g_free (self->last_outcome);
  g_free (self->last_error);
}

ScraperSource *
scraper_source_new (void)
{
  ScraperSource *self = g_atomic_rc_box_new0 (ScraperSource);

  self->enabled = TRUE;
  return self;
}

ScraperSource *
scraper_source_ref (ScraperSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
scraper_source_unref (ScraperSource *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) scraper_source_clear);
}

ScraperSource *
scraper_source_copy (const ScraperSource *self)
{
  ScraperSource *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_atomic_rc_box_new0 (ScraperSource);
  *copy = *self;
  copy->name = g_strdup (self->name);
  copy->url = g_strdup (self->url);
  copy->kind = g_strdup (self->kind);
  copy->settings = g_strdup (self->settings);
  copy->last_outcome = g_strdup (self->last_outcome);
  copy->last_error = g_strdup (self->last_error);

  return copy;
}

static const char * const kinds[] = { SCRAPER_SOURCE_KINDS, NULL };

const char * const *
scraper_source_get_kinds (void)
{
  return kinds;
}

gboolean
scraper_source_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (kinds, kind);
}

/* Returns the settings object, or NULL when there is none or it is not an
 * object.  The parser owns the node. */
static JsonObject *
parse_settings (const ScraperSource *self,
                JsonParser          *parser)
{
  JsonNode *root;

  if (self->settings == NULL || *self->settings == '\0')
    return NULL;
  if (!json_parser_load_from_data (parser, self->settings, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_get_object (root);
}

gint
scraper_source_get_setting_int (const ScraperSource *self,
                                const char          *key,
                                gint                 default_value)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *obj;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, default_value);

  if (!(obj = parse_settings (self, parser)) ||
      !(node = json_object_get_member (obj, key)) ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return default_value;

  return (gint) CLAMP (json_node_get_int (node), G_MININT, G_MAXINT);
}

gboolean
scraper_source_get_setting_boolean (const ScraperSource *self,
                                    const char          *key,
                                    gboolean             default_value)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *obj;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, default_value);

  if (!(obj = parse_settings (self, parser)) ||
      !(node = json_object_get_member (obj, key)) ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

char *
scraper_source_dup_selector (const ScraperSource *self,
                             const char          *name)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *obj;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  if (!(obj = parse_settings (self, parser)) ||
      !(node = json_object_get_member (obj, "selectors")) ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  obj = json_node_get_object (node);
  if (!(node = json_object_get_member (obj, name)) ||
      !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}
