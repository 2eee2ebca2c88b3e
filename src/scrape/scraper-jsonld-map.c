/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jsonld"

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/xpathInternals.h>

#include "model/scraper-json-guard.h"
#include "scraper-adapter-private.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* ------------------------------------------------------------------ */
/* Mapping                                                             */

/* The "@id" references of the block being mapped, on this thread (set by
 * scraper_jsonld_posting_from_graph() for the length of one mapping): every
 * member and element read goes through deref(). */
static GPrivate graph_ids;

static JsonNode *
deref (JsonNode *node)
{
  return scraper_jsonld_deref (node, g_private_get (&graph_ids));
}

/* The first element of an array, or the node itself. */
static JsonNode *
first (JsonNode *node)
{
  node = deref (node);
  while (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      node = json_array_get_length (array) > 0 ? deref (json_array_get_element (array, 0)) : NULL;
    }
  return node;
}

static JsonNode *
member (JsonObject *obj,
        const char *name)
{
  return obj != NULL ? deref (json_object_get_member (obj, name)) : NULL;
}

/* A scalar as text ("x", 3, 3.5, true), entities decoded; NULL otherwise. */
static char *
node_to_string (JsonNode *node)
{
  node = first (node);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        g_autofree char *unescaped = scraper_html_unescape (json_node_get_string (node));
        return scraper_text_clean (unescaped);
      }
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static char *
member_string (JsonObject *obj,
               const char *name)
{
  return node_to_string (member (obj, name));
}

/* A string, or the "name" of an object (Organization, Country, ...). */
static char *
node_name (JsonNode *node)
{
  node = first (node);
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      char *name = member_string (obj, "name");

      return name ? name : member_string (obj, "legalName");
    }
  return node_to_string (node);
}

/* "120,000", "$95k", 5e4, "100000.00" -> number; NAN when not a number. */
static double
parse_number (const char *str)
{
  GString *digits;
  double v;
  char *end;

  if (str == NULL)
    return NAN;
  digits = g_string_new (NULL);
  for (const char *p = str; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '.' || (*p == '-' && digits->len == 0))
        g_string_append_c (digits, *p);
      else if (*p == ',' || *p == ' ' || *p == '\'' || *p == '_' || *p == '$' || (guchar) *p >= 0x80)
        continue;
      else if ((*p == 'k' || *p == 'K') && digits->len > 0)
        {
          g_string_append (digits, "e3");
          break;
        }
      else if (digits->len > 0)
        break;
    }
  v = g_ascii_strtod (digits->str, &end);
  if (digits->len == 0 || end == digits->str)
    v = NAN;
  g_string_free (digits, TRUE);
  return v;
}

static double
node_number (JsonNode *node)
{
  node = first (node);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      return parse_number (json_node_get_string (node));
    default:
      return NAN;
    }
}

static ScraperSalaryPeriod
period_from_unit (const char *unit)
{
  ScraperSalaryPeriod period;

  if (unit == NULL)
    return SCRAPER_SALARY_PERIOD_UNKNOWN;
  period = scraper_salary_period_from_string (unit);
  if (period != SCRAPER_SALARY_PERIOD_UNKNOWN)
    return period;
  /* ISO 8601 durations (MonetaryAmountDistribution "duration": "P1Y"). */
  if (g_ascii_strcasecmp (unit, "P1Y") == 0 || g_ascii_strcasecmp (unit, "ANNUAL") == 0 ||
      g_ascii_strcasecmp (unit, "ANNUALLY") == 0 || g_ascii_strcasecmp (unit, "YEARLY") == 0 ||
      g_ascii_strcasecmp (unit, "PER_YEAR") == 0)
    return SCRAPER_SALARY_PERIOD_YEAR;
  if (g_ascii_strcasecmp (unit, "P1M") == 0 || g_ascii_strcasecmp (unit, "PER_MONTH") == 0)
    return SCRAPER_SALARY_PERIOD_MONTH;
  if (g_ascii_strcasecmp (unit, "P1W") == 0 || g_ascii_strcasecmp (unit, "PER_WEEK") == 0)
    return SCRAPER_SALARY_PERIOD_WEEK;
  if (g_ascii_strcasecmp (unit, "P1D") == 0 || g_ascii_strcasecmp (unit, "PER_DAY") == 0)
    return SCRAPER_SALARY_PERIOD_DAY;
  if (g_ascii_strcasecmp (unit, "PT1H") == 0 || g_ascii_strcasecmp (unit, "PER_HOUR") == 0)
    return SCRAPER_SALARY_PERIOD_HOUR;
  return SCRAPER_SALARY_PERIOD_UNKNOWN;
}

/* Fills min/max/period from a QuantitativeValue, MonetaryAmount or
 * MonetaryAmountDistribution object. */
static void
salary_from_values (ScraperPosting *posting,
                    JsonObject     *obj)
{
  double min = node_number (member (obj, "minValue"));
  double max = node_number (member (obj, "maxValue"));
  double value = node_number (member (obj, "value"));
  g_autofree char *unit = member_string (obj, "unitText");

  if (isnan (min) && isnan (max))
    {
      double p10 = node_number (member (obj, "percentile10"));
      double p25 = node_number (member (obj, "percentile25"));
      double p75 = node_number (member (obj, "percentile75"));
      double p90 = node_number (member (obj, "percentile90"));

      min = !isnan (p10) ? p10 : p25;
      max = !isnan (p90) ? p90 : p75;
      if (isnan (min) && isnan (max))
        min = max = node_number (member (obj, "median"));
    }
  if (isnan (min) && isnan (max) && !isnan (value))
    min = max = value;

  if (!isnan (min))
    posting->salary_min = min;
  if (!isnan (max))
    posting->salary_max = max;
  if (unit == NULL)
    unit = member_string (obj, "duration");
  if (unit != NULL && posting->salary_period == SCRAPER_SALARY_PERIOD_UNKNOWN)
    posting->salary_period = period_from_unit (unit);
}

static void
map_salary (ScraperPosting *posting,
            JsonNode       *node,
            const char     *currency_fallback)
{
  node = first (node);
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *amount = json_node_get_object (node);
      JsonNode *value = first (member (amount, "value"));
      g_autofree char *currency = member_string (amount, "currency");

      if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
        salary_from_values (posting, json_node_get_object (value));
      else
        salary_from_values (posting, amount);
      if (posting->salary_period == SCRAPER_SALARY_PERIOD_UNKNOWN)
        {
          g_autofree char *unit = member_string (amount, "unitText");
          posting->salary_period = period_from_unit (unit);
        }
      g_free (posting->salary_currency);
      posting->salary_currency = currency ? g_steal_pointer (&currency) : g_strdup (currency_fallback);
    }
  else
    {
      double v = node_number (node);

      if (!isnan (v))
        {
          posting->salary_min = posting->salary_max = v;
          g_free (posting->salary_currency);
          posting->salary_currency = g_strdup (currency_fallback);
        }
    }
}

static char *
address_to_string (JsonNode    *node,
                   char       **country_out)
{
  JsonObject *addr;
  GPtrArray *parts;
  g_autofree char *country = NULL;
  char *joined;

  node = first (node);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return node_to_string (node);

  addr = json_node_get_object (node);
  parts = g_ptr_array_new_with_free_func (g_free);
  {
    char *locality = member_string (addr, "addressLocality");
    char *region = member_string (addr, "addressRegion");

    if (locality != NULL)
      g_ptr_array_add (parts, locality);
    if (region != NULL && g_strcmp0 (region, locality) != 0)
      g_ptr_array_add (parts, region);
    else
      g_free (region);
  }
  country = node_name (member (addr, "addressCountry"));
  if (country != NULL)
    {
      g_ptr_array_add (parts, g_strdup (country));
      if (country_out != NULL && *country_out == NULL && strlen (country) == 2)
        *country_out = g_ascii_strup (country, -1);
    }
  if (parts->len == 0)
    {
      char *name = member_string (addr, "name");
      if (name != NULL)
        g_ptr_array_add (parts, name);
    }
  g_ptr_array_add (parts, NULL);
  joined = parts->len > 1 ? g_strjoinv (", ", (char **) parts->pdata) : NULL;
  g_ptr_array_unref (parts);
  return joined;
}

static void
map_locations (ScraperPosting *posting,
               JsonNode       *node,
               GStrvBuilder   *builder,
               guint          *n)
{
  JsonArray *array;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        map_locations (posting, deref (json_array_get_element (array, i)), builder, n);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *place = json_node_get_object (node);
      g_autofree char *str = NULL;

      if (member (place, "address") != NULL)
        str = address_to_string (member (place, "address"), &posting->country);
      else if (member (place, "addressLocality") != NULL || member (place, "addressCountry") != NULL)
        str = address_to_string (node, &posting->country);
      if (str == NULL)
        str = member_string (place, "name");
      if (str != NULL)
        {
          g_strv_builder_add (builder, str);
          (*n)++;
        }
    }
  else
    {
      g_autofree char *str = node_to_string (node);

      if (str != NULL)
        {
          g_strv_builder_add (builder, str);
          (*n)++;
        }
    }
}

static void
map_employment_type (ScraperPosting *posting,
                     JsonNode       *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *str = node_to_string (json_array_get_element (array, i));
          g_autofree char *norm = scraper_employment_type_normalize (str);

          if (norm != NULL)
            g_strv_builder_add (builder, norm), n++;
        }
    }
  else
    {
      g_autofree char *str = node_to_string (node);
      g_auto(GStrv) parts = str ? g_strsplit_set (str, ",;/", -1) : NULL;

      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        {
          g_autofree char *norm = scraper_employment_type_normalize (parts[i]);

          if (norm != NULL)
            g_strv_builder_add (builder, norm), n++;
        }
    }

  if (n > 0)
    {
      g_strfreev (posting->employment_type);
      posting->employment_type = g_strv_builder_end (builder);
    }
}

static char *
map_identifier (JsonNode *node)
{
  node = first (node);
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      char *value = member_string (obj, "value");

      return value ? value : member_string (obj, "@id");
    }
  return node_to_string (node);
}

static char *
description_to_html (JsonNode *node)
{
  GString *out;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      node = first (node);
      return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? g_strdup (json_node_get_string (node)) : NULL;
    }
  out = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *el = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
        g_string_append_printf (out, "<p>%s</p>", json_node_get_string (el));
    }
  return g_string_free (out, out->len == 0);
}

ScraperPosting *
scraper_jsonld_posting_from_graph (JsonObject *obj,
                                   GHashTable *ids,
                                   const char *page_url)
{
  ScraperPosting *posting;

  g_private_set (&graph_ids, ids);
  posting = scraper_jsonld_posting_from_object (obj, page_url);
  g_private_set (&graph_ids, NULL);
  return posting;
}

ScraperPosting *
scraper_jsonld_posting_from_object (JsonObject *obj,
                                    const char *page_url)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *currency = NULL;
  g_autofree char *url = NULL;
  g_autofree char *description = NULL;
  g_autofree char *location_type = NULL;
  g_autofree char *date = NULL;
  guint n_locations = 0;
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, NULL);

  posting->title = member_string (obj, "title");
  if (posting->title == NULL)
    posting->title = member_string (obj, "name");
  posting->company = node_name (member (obj, "hiringOrganization"));

  map_locations (posting, member (obj, "jobLocation"), builder, &n_locations);

  location_type = node_to_string (member (obj, "jobLocationType"));
  if (location_type != NULL)
    {
      ScraperRemoteKind kind = scraper_remote_kind_guess (location_type);
      if (kind != SCRAPER_REMOTE_UNKNOWN)
        posting->remote = kind;
    }

  /* Only telecommuting postings state who may apply from where. */
  if ((node = member (obj, "applicantLocationRequirements")) != NULL)
    {
      g_autoptr(GStrvBuilder) req = g_strv_builder_new ();
      guint n_req = 0;

      map_locations (posting, node, req, &n_req);
      if (n_locations == 0 && n_req > 0)
        {
          g_auto(GStrv) names = g_strv_builder_end (req);

          g_strv_builder_addv (builder, (const char **) names);
          n_locations += n_req;
        }
      if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
        posting->remote = SCRAPER_REMOTE_REMOTE;
    }
  if (n_locations > 0)
    posting->locations = g_strv_builder_end (builder);

  map_employment_type (posting, member (obj, "employmentType"));

  currency = member_string (obj, "salaryCurrency");
  if ((node = member (obj, "baseSalary")) != NULL)
    map_salary (posting, node, currency);
  if (isnan (posting->salary_min) && isnan (posting->salary_max) &&
      (node = member (obj, "estimatedSalary")) != NULL)
    map_salary (posting, node, currency);
  if (isnan (posting->salary_min) && isnan (posting->salary_max))
    g_clear_pointer (&posting->salary_currency, g_free);

  date = member_string (obj, "datePosted");
  posting->date_posted = scraper_date_normalize (date);
  g_clear_pointer (&date, g_free);
  date = member_string (obj, "validThrough");
  posting->valid_through = scraper_date_normalize (date);

  posting->external_id = map_identifier (member (obj, "identifier"));

  {
    g_autofree char *raw = member_string (obj, "url");

    url = raw ? scraper_url_resolve (page_url, raw) : NULL;
  }
  posting->url = url ? g_steal_pointer (&url) : g_strdup (page_url);

  if ((node = first (member (obj, "directApply"))) != NULL)
    {
      g_autofree char *str = node_to_string (node);
      posting->direct_apply = g_strcmp0 (str, "true") == 0;
    }
  if (posting->direct_apply)
    posting->apply_url = g_strdup (posting->url);

  description = description_to_html (member (obj, "description"));
  if (description != NULL)
    scraper_html_sanitize (description, -1, &posting->description_markup, &posting->description_text);

  if (posting->title == NULL)
    return NULL;
  return g_steal_pointer (&posting);
}

/* ------------------------------------------------------------------ */
/* Microdata                                                           */

static gboolean
has_attr (xmlNode    *node,
          const char *name)
{
  return xmlHasProp (node, (const xmlChar *) name) != NULL;
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *ret = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return ret;
}

/* What one posting's microdata may hold at most.  An element may name
 * several properties ("itemprop='a b'"), and each was given its own copy
 * of the element's value: a nested item named by ten words, eight levels
 * deep, was 10^8 items (a 5 KB page took gigabytes; found by
 * bench/fuzz/fuzz-jsonld). */
#define MICRODATA_MAX_NAMES 4
#define MICRODATA_MAX_PROPS 2000

static void microdata_props (xmlDoc *doc, xmlNode *node, JsonObject *obj, guint depth, guint *budget);

static JsonObject *
microdata_item (xmlDoc  *doc,
                xmlNode *node,
                guint    depth,
                guint   *budget)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *type = attr (node, "itemtype");

  if (type != NULL)
    {
      g_auto(GStrv) types = g_strsplit_set (g_strstrip (type), " \t\n", -1);
      json_object_set_string_member (obj, "@type", types[0] ? types[0] : "");
    }
  if (depth < 8)
    microdata_props (doc, node->children, obj, depth + 1, budget);
  return obj;
}

static JsonNode *
microdata_value (xmlDoc  *doc,
                 xmlNode *node,
                 const char *prop,
                 guint    depth,
                 guint   *budget)
{
  JsonNode *value = json_node_new (JSON_NODE_VALUE);
  const char *name = (const char *) node->name;
  g_autofree char *str = NULL;

  if (has_attr (node, "itemscope"))
    {
      json_node_free (value);
      value = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (value, microdata_item (doc, node, depth, budget));
      return value;
    }

  if (has_attr (node, "content"))
    str = attr (node, "content");
  else if (g_ascii_strcasecmp (name, "a") == 0 || g_ascii_strcasecmp (name, "link") == 0 ||
           g_ascii_strcasecmp (name, "area") == 0)
    str = attr (node, "href");
  else if (g_ascii_strcasecmp (name, "img") == 0 || g_ascii_strcasecmp (name, "source") == 0)
    str = attr (node, "src");
  else if (g_ascii_strcasecmp (name, "time") == 0 && has_attr (node, "datetime"))
    str = attr (node, "datetime");
  else if (g_ascii_strcasecmp (name, "data") == 0 || g_ascii_strcasecmp (name, "meter") == 0)
    str = attr (node, "value");
  else if (g_strcmp0 (prop, "description") == 0)
    str = scraper_html_inner_html (doc, node);
  else
    {
      xmlChar *content = xmlNodeGetContent (node);
      str = g_strdup ((const char *) content);
      xmlFree (content);
    }

  json_node_set_string (value, str ? str : "");
  return value;
}

static void
add_prop (JsonObject *obj,
          const char *name,
          JsonNode   *value)
{
  JsonNode *existing = json_object_get_member (obj, name);

  if (existing == NULL)
    json_object_set_member (obj, name, value);
  else if (JSON_NODE_HOLDS_ARRAY (existing))
    json_array_add_element (json_node_get_array (existing), value);
  else
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, json_node_copy (existing));
      json_array_add_element (array, value);
      json_object_set_array_member (obj, name, array);
    }
}

static void
microdata_props (xmlDoc     *doc,
                 xmlNode    *node,
                 JsonObject *obj,
                 guint       depth,
                 guint      *budget)
{
  for (xmlNode *n = node; n != NULL && *budget > 0; n = n->next)
    {
      g_autofree char *props = NULL;

      if (n->type != XML_ELEMENT_NODE)
        continue;

      if ((props = attr (n, "itemprop")) != NULL)
        {
          g_auto(GStrv) names = g_strsplit_set (g_strstrip (props), " \t\n", -1);
          g_autoptr(JsonNode) value = NULL;
          guint named = 0;

          /* The value is read once; a nested item goes to the first name
           * only, text to the first few. */
          for (guint i = 0; names[i] != NULL && named < MICRODATA_MAX_NAMES && *budget > 0; i++)
            {
              if (*names[i] == '\0')
                continue;
              if (value == NULL)
                {
                  (*budget)--;
                  value = microdata_value (doc, n, names[i], depth, budget);
                  add_prop (obj, names[i], json_node_copy (value));
                }
              else if (!JSON_NODE_HOLDS_OBJECT (value))
                {
                  (*budget)--;
                  add_prop (obj, names[i], json_node_copy (value));
                }
              named++;
            }
        }

      /* A nested item owns its own properties. */
      if (!has_attr (n, "itemscope"))
        microdata_props (doc, n->children, obj, depth, budget);
    }
}

static void
find_microdata (xmlDoc     *doc,
                xmlNode    *node,
                const char *base_url,
                GPtrArray  *out)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      g_autofree char *type = NULL;

      if (n->type != XML_ELEMENT_NODE)
        continue;

      if (has_attr (n, "itemscope") && (type = attr (n, "itemtype")) != NULL &&
          strstr (type, "schema.org/JobPosting") != NULL)
        {
          guint budget = MICRODATA_MAX_PROPS;
          g_autoptr(JsonObject) obj = microdata_item (doc, n, 0, &budget);
          ScraperPosting *posting = scraper_jsonld_posting_from_object (obj, base_url);

          if (posting != NULL)
            g_ptr_array_add (out, posting);
          continue;
        }
      find_microdata (doc, n->children, base_url, out);
    }
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

GPtrArray *
scraper_jsonld_extract_from_doc (xmlDoc     *doc,
                                 const char *base_url,
                                 guint      *n_broken_blocks)
{
  GPtrArray *postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  xmlXPathContextPtr ctx;
  xmlXPathObjectPtr result;
  guint broken = 0;

  if (n_broken_blocks != NULL)
    *n_broken_blocks = 0;
  if (doc == NULL)
    return postings;

  ctx = xmlXPathNewContext (doc);
  result = ctx ? xmlXPathEvalExpression ((const xmlChar *) "//script[@type]", ctx) : NULL;
  for (int i = 0; result != NULL && result->nodesetval != NULL && i < result->nodesetval->nodeNr; i++)
    {
      xmlNode *script = result->nodesetval->nodeTab[i];
      g_autofree char *type = attr (script, "type");
      g_autoptr(GPtrArray) objects = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GHashTable) ids = NULL;  /* borrows from root: freed first */
      xmlChar *content;

      g_strstrip (type);
      if (g_ascii_strncasecmp (type, "application/ld+json", 19) != 0)
        continue;

      content = xmlNodeGetContent (script);
      root = content ? scraper_jsonld_parse_block ((const char *) content, NULL) : NULL;
      if (root == NULL)
        {
          g_autofree char *cleaned = content ? scraper_text_clean ((const char *) content) : NULL;

          if (cleaned != NULL)
            broken++;
          xmlFree (content);
          continue;
        }
      xmlFree (content);

      objects = g_ptr_array_new ();
      scraper_jsonld_collect (root, objects);
      ids = objects->len > 0 ? scraper_jsonld_collect_ids (root) : NULL;
      for (guint j = 0; j < objects->len; j++)
        {
          ScraperPosting *posting = scraper_jsonld_posting_from_graph (objects->pdata[j], ids, base_url);

          if (posting != NULL)
            g_ptr_array_add (postings, posting);
        }
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);

  if (postings->len == 0)
    find_microdata (doc, xmlDocGetRootElement (doc), base_url, postings);

  if (n_broken_blocks != NULL)
    *n_broken_blocks = broken;
  return postings;
}

GPtrArray *
scraper_jsonld_extract_postings (const char *html,
                                 gsize       length,
                                 const char *base_url,
                                 guint      *n_broken_blocks)
{
  htmlDocPtr doc;
  GPtrArray *postings;

  g_return_val_if_fail (html != NULL || length == 0, NULL);

  doc = scraper_html_parse (html, length, NULL, base_url);
  postings = scraper_jsonld_extract_from_doc (doc, base_url, n_broken_blocks);
  xmlFreeDoc (doc);
  return postings;
}
