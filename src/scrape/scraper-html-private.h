/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "model/scraper-posting.h"

G_BEGIN_DECLS

/* Helpers shared by the jsonld, html and feed adapters (and free for the
 * ATS adapters to use). */

/* Parses an HTML page.  Encoding: @charset (from the response) when libxml2
 * knows it, else the document's <meta charset>, else UTF-8 with invalid
 * sequences repaired.  Never NULL for non-NULL @data (an empty document at
 * worst).  Free with xmlFreeDoc(). */
htmlDocPtr  scraper_html_parse               (const char  *data,
                                              gsize        length,
                                              const char  *charset,
                                              const char  *url);

/* String value of the first node an XPath expression yields relative to
 * @node (or a string/number/boolean result), cleaned; NULL when empty. */
char       *scraper_html_xpath_string        (xmlXPathContext    *ctx,
                                              xmlXPathCompExpr   *expr,
                                              xmlNode            *node);

/* Inner HTML of an element (its children serialized). */
char       *scraper_html_inner_html          (xmlDoc      *doc,
                                              xmlNode     *node);

/* Every href of <a> and <link> elements, resolved against @base (http(s)
 * only, fragment dropped).  @next_out receives the links that point to a
 * next page (rel=next, "Next"/"›"/"»"/"Weiter").  Element type char *. */
GPtrArray  *scraper_html_collect_links       (xmlDoc      *doc,
                                              const char  *base,
                                              GPtrArray  **next_out);

/* "FULL_TIME", "Full-time", "Contract" -> schema.org employment types. */
char       *scraper_employment_type_normalize (const char *str);

/* JSON-LD: lenient parse of one <script type="application/ld+json"> body:
 * JS comments, raw control characters inside strings, trailing commas,
 * HTML comment wrappers and entity-escaped blocks are tolerated. */
JsonNode   *scraper_jsonld_parse_block       (const char  *text,
                                              GError     **error);

/* Appends every JobPosting object found in @node (arrays, @graph,
 * ItemList/itemListElement, mainEntity) to @out (JsonObject, borrowed). */
void        scraper_jsonld_collect           (JsonNode    *node,
                                              GPtrArray   *out);

/* The nodes of a block that others may refer to by "@id" (an @graph
 * states the hiring organization once and refers to it), or NULL when it
 * has none.  Borrowed from @root: free it before @root. */
GHashTable *scraper_jsonld_collect_ids       (JsonNode    *root);
/* The node @node refers to when it is a bare reference ({"@id": …}) to one
 * of @ids (nullable), else @node. */
JsonNode   *scraper_jsonld_deref             (JsonNode    *node,
                                              GHashTable  *ids);

/* Maps one schema.org JobPosting object to a posting; @page_url is the
 * default url and the base for relative ones; references are looked up in
 * @ids (nullable, from scraper_jsonld_collect_ids()). */
ScraperPosting *scraper_jsonld_posting_from_object (JsonObject *obj,
                                                    const char *page_url);
ScraperPosting *scraper_jsonld_posting_from_graph  (JsonObject *obj,
                                                    GHashTable *ids,
                                                    const char *page_url);

/* JobPostings from JSON-LD blocks of a parsed page, else from microdata.
 * Element type ScraperPosting. */
GPtrArray  *scraper_jsonld_extract_from_doc  (xmlDoc      *doc,
                                              const char  *base_url,
                                              guint       *n_broken_blocks);

/* JobPostings from the JSON-LD blocks of raw UTF-8 HTML, found without
 * building a document: <script> bodies are raw text in HTML, so what this
 * reads is what a parser would.  Returns NULL when the page has no
 * JSON-LD JobPosting (the caller then parses the page). */
GPtrArray  *scraper_jsonld_extract_raw       (const char  *html,
                                              gsize        length,
                                              const char  *base_url,
                                              guint       *n_broken_blocks);

/* The text of the JSON object or array that a script of @page assigns to
 * @name ("window.pageData = {...};"), its brackets matched outside
 * strings: the first such assignment that is JSON.  NULL when there is
 * none within @length (scraper-jsonld-raw.c). */
char       *scraper_js_assigned_json         (const char  *page,
                                              gsize        length,
                                              const char  *name);

/* Heuristic: does a URL path look like a posting page or a job list? */
gboolean    scraper_url_looks_like_posting   (const char  *url);

/* Drops the fragment of a URL (canonical form for "fetched once"). */
char       *scraper_url_canonicalize         (const char  *url);

/* TRUE when an XML document defines entities of its own in its DOCTYPE:
 * libxml2 expands a reference to one whenever a node's text is read, and
 * ten entities of ten references each make a 1 KB feed a billion bytes.
 * (External entities are declared harmlessly: they are never loaded.) */
gboolean    scraper_xml_declares_entities    (xmlDoc      *doc);

/* xmlGetProp() as a GLib string (g_free()): libxml2's allocator may not
 * be GLib's (xmlMemSetup()). */
static inline char *
scraper_xml_get_prop (xmlNode       *node,
                      const xmlChar *name)
{
  xmlChar *value = xmlGetProp (node, name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Parses XML bytes with no network, no DTD loading, no XInclude, none of
 * the document's own entities and libxml2's size limits kept: parsing
 * stops at the first entity the document declares (@declares_entities is
 * then TRUE and NULL is returned), before any reference to it could be
 * expanded.  @detail (nullable) receives libxml2's message when the
 * document is not well-formed.  Free with xmlFreeDoc(). */
xmlDoc     *scraper_xml_read                 (const char  *data,
                                              gsize        length,
                                              const char  *url,
                                              int          options,
                                              gboolean    *declares_entities,
                                              char       **detail);

G_END_DECLS
