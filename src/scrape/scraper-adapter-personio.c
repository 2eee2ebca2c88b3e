/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-personio"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "scraper-adapter-ats.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* <co>.jobs.personio.de/xml: <workzag-jobs><position><id/> <subcompany/>
 * <office/> <additionalOffices><office/></additionalOffices> <department/>
 * <recruitingCategory/> <name/> <jobDescriptions><jobDescription><name/>
 * <value><![CDATA[html]]></value></jobDescription></jobDescriptions>
 * <employmentType/> <seniority/> <schedule/> <yearsOfExperience/>
 * <occupation/> <createdAt/></position>...</workzag-jobs> */

static const ScraperAtsKind personio_kind = {
  "personio", "Personio", scraper_personio_parse,
};

static gboolean
node_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, (const xmlChar *) name) == 0;
}

static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (node_is (node, name))
      return node;
  return NULL;
}

/* The text of @node (CDATA included), trimmed; NULL when empty. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  return node_text (child (parent, name));
}

static void
add_type (GPtrArray  *types,
          const char *word)
{
  if (word != NULL)
    scraper_ats_add_employment_type (types, word);
}

static void
read_employment (xmlNode   *position,
                 GPtrArray *types)
{
  g_autofree char *schedule = child_text (position, "schedule");
  g_autofree char *employment = child_text (position, "employmentType");

  /* schedule: full-time, part-time, full-or-part-time. */
  if (g_strcmp0 (schedule, "full-or-part-time") == 0)
    {
      add_type (types, "full-time");
      add_type (types, "part-time");
    }
  else
    add_type (types, schedule);

  /* employmentType: permanent, intern, trainee, freelance, temporary,
   * working_student; "permanent" adds nothing to a stated schedule. */
  if (employment != NULL && (g_ascii_strcasecmp (employment, "permanent") != 0 || types->len == 0))
    add_type (types, employment);
}

static char *
read_seniority (xmlNode *position)
{
  g_autofree char *seniority = child_text (position, "seniority");
  static const struct { const char *word, *level; } levels[] = {
    { "student", "intern" }, { "entry-level", "junior" }, { "experienced", "mid" },
    { "senior", "senior" }, { "executive", "manager" },
  };

  for (guint i = 0; seniority != NULL && i < G_N_ELEMENTS (levels); i++)
    if (g_ascii_strcasecmp (seniority, levels[i].word) == 0)
      return g_strdup (levels[i].level);
  return NULL;
}

static char *
read_description (xmlNode *position)
{
  xmlNode *descriptions = child (position, "jobDescriptions");
  g_autoptr(GString) html = g_string_new (NULL);

  for (xmlNode *node = descriptions != NULL ? descriptions->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!node_is (node, "jobDescription"))
        continue;
      name = child_text (node, "name");
      value = child_text (node, "value");
      if (name != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (name, -1);
          g_string_append_printf (html, "<h3>%s</h3>", escaped);
        }
      if (value != NULL)
        g_string_append_printf (html, "<p>%s</p>", value);
    }

  return html->len > 0 ? g_string_free (g_steal_pointer (&html), FALSE) : NULL;
}

static ScraperPosting *
read_position (xmlNode                *position,
               ScraperAtsParseContext *context)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autoptr(GPtrArray) locations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *office = NULL;
  g_autofree char *subcompany = NULL;
  g_autofree char *created = NULL;
  g_autofree char *html = NULL;
  g_autofree char *name = NULL;
  xmlNode *additional;

  posting->source_id = context->source_id;
  posting->external_id = child_text (position, "id");
  name = child_text (position, "name");
  posting->title = scraper_ats_clean (name);
  if (posting->title == NULL || posting->external_id == NULL)
    return NULL;

  if (context->base_url != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (posting->external_id, NULL, FALSE);
      g_autofree char *relative = g_strdup_printf ("job/%s", escaped);

      posting->url = g_uri_resolve_relative (context->base_url, relative, G_URI_FLAGS_NONE, NULL);
      if (posting->url != NULL)
        posting->apply_url = g_strdup_printf ("%s#apply", posting->url);
    }

  subcompany = child_text (position, "subcompany");
  posting->company = subcompany != NULL ? scraper_ats_clean (subcompany)
                                        : scraper_ats_company_from_board (context->board);

  office = child_text (position, "office");
  scraper_ats_add_location (locations, office);
  additional = child (position, "additionalOffices");
  for (xmlNode *node = additional != NULL ? additional->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *other = NULL;

      if (!node_is (node, "office"))
        continue;
      other = node_text (node);
      scraper_ats_add_location (locations, other);
    }
  posting->remote = scraper_ats_remote_from_locations (locations);
  posting->locations = scraper_ats_strv_steal (g_steal_pointer (&locations));

  read_employment (position, types);
  posting->employment_type = scraper_ats_strv_steal (g_steal_pointer (&types));
  posting->seniority = read_seniority (position);

  created = child_text (position, "createdAt");
  posting->date_posted = scraper_ats_date (created);

  html = read_description (position);
  scraper_ats_set_description (posting, html);

  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_personio_parse (const char             *data,
                        gsize                   length,
                        ScraperAtsParseContext *context,
                        GError                **error)
{
  g_autoptr(ScraperAtsCollector) collector = NULL;
  g_autofree char *detail = NULL;
  gboolean declares_entities = FALSE;
  xmlDoc *doc;
  xmlNode *root;
  const char *board;

  g_return_val_if_fail (context != NULL, NULL);

  board = context->board != NULL ? context->board : "?";
  if (data == NULL || length == 0 || length > G_MAXINT)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Personio feed of “%s” is empty; check the board’s address"), board);
      return NULL;
    }

  /* No network, no entity of its own, no DTD loading. */
  doc = scraper_xml_read (data, length, context->base_url,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING,
                          &declares_entities, &detail);
  if (declares_entities || (doc != NULL && scraper_xml_declares_entities (doc)))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Personio feed of “%s” declares entities of its own, which are not read"), board);
      if (doc != NULL)
        xmlFreeDoc (doc);
      return NULL;
    }
  if (doc == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Personio feed of “%s” is not well-formed XML (%s)"),
                   board, detail != NULL ? detail : _("unknown error"));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !node_is (root, "workzag-jobs"))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The Personio feed of “%s” is XML but not a list of positions; check the board’s address"),
                   board);
      xmlFreeDoc (doc);
      return NULL;
    }

  collector = scraper_ats_collector_new ();
  context->n_items = 0;
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      ScraperPosting *posting;

      if (!node_is (node, "position") || (posting = read_position (node, context)) == NULL)
        continue;
      context->n_items++;
      scraper_ats_collector_add (collector, posting);
    }
  context->total = context->n_items;
  xmlFreeDoc (doc);

  return scraper_ats_collector_finish (g_steal_pointer (&collector));
}

gboolean
scraper_adapter_personio_run (ScraperSource                 *source,
                              ScraperFetcher                *fetcher,
                              const ScraperAdapterCallbacks *callbacks,
                              ScraperAdapterStats           *stats,
                              GCancellable                  *cancellable,
                              GError                       **error)
{
  return scraper_ats_run_single (&personio_kind, source, fetcher, callbacks, stats, cancellable, error);
}
