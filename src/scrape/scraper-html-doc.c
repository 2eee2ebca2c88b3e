/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-html"

#include "config.h"

#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/encoding.h>
#include <libxml/entities.h>
#include <libxml/hash.h>
#include <libxml/xpathInternals.h>

#include "scraper-html-private.h"
#include "scraper-normalize.h"

#define HTML_OPTIONS (HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | \
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT)

static gboolean
charset_is_utf8 (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0;
}

static gboolean
charset_is_known (const char *charset)
{
  xmlCharEncodingHandlerPtr handler;

  if (charset == NULL || *charset == '\0')
    return FALSE;
  if (charset_is_utf8 (charset))
    return TRUE;
  handler = xmlFindCharEncodingHandler (charset);
  if (handler == NULL)
    return FALSE;
  xmlCharEncCloseFunc (handler);
  return TRUE;
}

/* <meta charset="x"> or <meta http-equiv content="text/html; charset=x">
 * within the first bytes of the page, as a browser's prescan does. */
static char *
sniff_meta_charset (const char *data,
                    gsize       length)
{
  /* The HTML standard's prescan looks at the first 1024 bytes. */
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 1024));
  const char *p = head;

  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *cs;

      if (end == NULL)
        break;
      cs = g_strstr_len (p, end - p, "charset");
      if (cs != NULL)
        {
          const char *v = cs + 7;
          gsize n;

          while (v < end && (*v == ' ' || *v == '='))
            v++;
          while (v < end && (*v == '"' || *v == '\''))
            v++;
          n = strcspn (v, "\"'; />");
          if (n > 0 && v + n <= end)
            return g_strndup (v, n);
        }
      p = end;
    }
  return NULL;
}

htmlDocPtr
scraper_html_parse (const char *data,
                    gsize       length,
                    const char *charset,
                    const char *url)
{
  g_autofree char *meta = NULL;
  g_autofree char *repaired = NULL;
  const char *encoding;
  htmlDocPtr doc;

  if (data == NULL)
    data = "", length = 0;

  if (charset_is_known (charset))
    encoding = charset;
  else if ((meta = sniff_meta_charset (data, length)) != NULL && charset_is_known (meta))
    encoding = meta;
  else
    encoding = "UTF-8";

  if (charset_is_utf8 (encoding) && !g_utf8_validate_len (data, length, NULL))
    {
      repaired = g_utf8_make_valid (data, length);
      data = repaired;
      length = strlen (repaired);
    }
  else if (charset_is_utf8 (encoding) && memchr (data, '\0', length) != NULL)
    length = strlen (data);

  doc = htmlReadMemory (length > 0 ? data : " ", (int) MIN (MAX (length, 1), G_MAXINT), url,
                        charset_is_utf8 (encoding) ? "UTF-8" : encoding, HTML_OPTIONS);
  if (doc == NULL)
    {
      /* An encoding libxml2 could not convert with: fall back to repaired UTF-8. */
      g_autofree char *valid = g_utf8_make_valid (data, length);

      doc = htmlReadMemory (*valid ? valid : " ", (int) MAX (MIN (strlen (valid), G_MAXINT), 1),
                            url, "UTF-8", HTML_OPTIONS);
    }
  if (doc == NULL)
    doc = htmlNewDocNoDtD (NULL, NULL);
  return doc;
}

char *
scraper_html_xpath_string (xmlXPathContext  *ctx,
                           xmlXPathCompExpr *expr,
                           xmlNode          *node)
{
  xmlXPathObjectPtr result;
  char *ret = NULL;

  ctx->node = node;
  result = xmlXPathCompiledEval (expr, ctx);
  if (result == NULL)
    return NULL;

  switch (result->type)
    {
    case XPATH_NODESET:
      if (result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
        {
          xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

          ret = scraper_text_clean ((const char *) content);
          xmlFree (content);
        }
      break;
    case XPATH_STRING:
    case XPATH_NUMBER:
    case XPATH_BOOLEAN:
      {
        xmlChar *str = xmlXPathCastToString (result);

        ret = scraper_text_clean ((const char *) str);
        xmlFree (str);
      }
      break;
    case XPATH_UNDEFINED:
    case XPATH_POINT:
    case XPATH_RANGE:
    case XPATH_LOCATIONSET:
    case XPATH_USERS:
    case XPATH_XSLT_TREE:
    default:
      break;
    }

  xmlXPathFreeObject (result);
  return ret;
}

char *
scraper_html_inner_html (xmlDoc  *doc,
                         xmlNode *node)
{
  xmlBufferPtr buf = xmlBufferCreate ();
  char *ret;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    htmlNodeDump (buf, doc, child);
  ret = g_strndup ((const char *) xmlBufferContent (buf), xmlBufferLength (buf));
  xmlBufferFree (buf);
  return ret;
}

char *
scraper_url_canonicalize (const char *url)
{
  const char *hash;

  if (url == NULL)
    return NULL;
  hash = strchr (url, '#');
  return hash ? g_strndup (url, hash - url) : g_strdup (url);
}

gboolean
scraper_url_looks_like_posting (const char *url)
{
  static const char * const patterns[] = {
    "/job", "/jobs/", "/careers/", "/career/", "/position", "/vacanc", "/stellen", "/opening",
    "/karriere/", "/offre", "/emploi",
  };
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *path = NULL;

  if (uri == NULL)
    return FALSE;
  path = g_ascii_strdown (g_uri_get_path (uri), -1);
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (strstr (path, patterns[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
text_says_next (const char *text)
{
  static const char * const words[] = {
    "next", "next page", "next \xe2\x80\xba", "next \xc2\xbb", "next >", "next >>", "\xe2\x80\xba", "\xc2\xbb",
    ">", ">>", "weiter", "n\xc3\xa4" "chste", "n\xc3\xa4" "chste seite", "suivant", "siguiente", "older posts",
    "more jobs", "load more", "next page of results", "next results",
  };
  g_autofree char *clean = scraper_text_clean (text);
  g_autofree char *lower = clean ? g_utf8_strdown (clean, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (lower, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
rel_has_next (const char *rel)
{
  g_auto(GStrv) tokens = NULL;

  if (rel == NULL)
    return FALSE;
  tokens = g_strsplit_set (rel, " \t\n", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], "next") == 0)
      return TRUE;
  return FALSE;
}

static void
collect_links_in (xmlDoc      *doc,
                  xmlNode     *node,
                  const char  *base,
                  GPtrArray   *links,
                  GPtrArray   *next,
                  GHashTable  *seen)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;

      if (g_ascii_strcasecmp ((const char *) n->name, "a") == 0 ||
          g_ascii_strcasecmp ((const char *) n->name, "link") == 0 ||
          g_ascii_strcasecmp ((const char *) n->name, "area") == 0)
        {
          g_autofree char *href = scraper_xml_get_prop (n, (const xmlChar *) "href");
          g_autofree char *resolved = href ? scraper_url_resolve (base, href) : NULL;
          g_autofree char *canon = scraper_url_canonicalize (resolved);

          if (canon != NULL)
            {
              g_autofree char *rel = scraper_xml_get_prop (n, (const xmlChar *) "rel");
              gboolean is_next = rel_has_next (rel);

              if (!is_next && g_ascii_strcasecmp ((const char *) n->name, "a") == 0)
                {
                  xmlChar *text = xmlNodeGetContent (n);
                  g_autofree char *aria = scraper_xml_get_prop (n, (const xmlChar *) "aria-label");
                  g_autofree char *title = scraper_xml_get_prop (n, (const xmlChar *) "title");

                  /* An icon alone says it in its title (iCIMS: "Next
                   * page of results"). */
                  is_next = text_says_next ((const char *) text) || text_says_next (aria) ||
                            text_says_next (title);
                  xmlFree (text);
                }

              if (is_next && next != NULL)
                g_ptr_array_add (next, g_strdup (canon));
              else if (g_ascii_strcasecmp ((const char *) n->name, "link") != 0 &&
                       g_hash_table_add (seen, g_strdup (canon)))
                g_ptr_array_add (links, g_strdup (canon));
            }
        }

      if (n->children != NULL)
        collect_links_in (doc, n->children, base, links, next, seen);
    }
}

GPtrArray *
scraper_html_collect_links (xmlDoc     *doc,
                            const char *base,
                            GPtrArray **next_out)
{
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *next = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *doc_base = NULL;

  /* <base href> overrides the page URL. */
  if (root != NULL)
    {
      xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
      xmlXPathObjectPtr res = ctx ? xmlXPathEvalExpression ((const xmlChar *) "//base/@href", ctx) : NULL;

      if (res != NULL && res->nodesetval != NULL && res->nodesetval->nodeNr > 0)
        {
          xmlChar *href = xmlNodeGetContent (res->nodesetval->nodeTab[0]);
          doc_base = scraper_url_resolve (base, (const char *) href);
          xmlFree (href);
        }
      xmlXPathFreeObject (res);
      xmlXPathFreeContext (ctx);
      collect_links_in (doc, root, doc_base ? doc_base : base, links, next, seen);
    }

  if (next_out != NULL)
    *next_out = next;
  else
    g_ptr_array_unref (next);
  return links;
}

static void
find_internal_entity (void          *payload,
                      void          *data,
                      const xmlChar *name)
{
  xmlEntity *entity = payload;

  if (entity->etype == XML_INTERNAL_GENERAL_ENTITY || entity->etype == XML_INTERNAL_PARAMETER_ENTITY)
    *(gboolean *) data = TRUE;
}

gboolean
scraper_xml_declares_entities (xmlDoc *doc)
{
  xmlDtd *dtd = doc != NULL ? doc->intSubset : NULL;
  gboolean found = FALSE;

  /* External ones are never loaded (no network, no files), so harmless. */
  if (dtd != NULL && dtd->entities != NULL)
    xmlHashScan (dtd->entities, find_internal_entity, &found);
  if (dtd != NULL && dtd->pentities != NULL)
    xmlHashScan (dtd->pentities, find_internal_entity, &found);
  return found;
}
