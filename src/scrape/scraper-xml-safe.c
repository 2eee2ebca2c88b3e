/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-xml"

#include "config.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "scraper-html-private.h"

/* Why a SAX hook and not a check of the finished tree: libxml2 expands a
 * reference to an internal entity while it parses (inside attribute
 * values even without XML_PARSE_NOENT), so by the time a tree exists a
 * "billion laughs" has already been paid for.  An entity must be declared
 * before it is referenced, so stopping at the first declaration of an
 * internal one means no reference to a document's own entity is ever
 * expanded. */
typedef struct
{
  gboolean declared;
} SafeState;

static void
refuse_entity_decl (void          *user_data,
                    const xmlChar *name,
                    int            type,
                    const xmlChar *public_id,
                    const xmlChar *system_id,
                    xmlChar       *content)
{
  xmlParserCtxt *ctxt = user_data;
  SafeState *state = ctxt->_private;

  /* An external entity is declared as usual: without NOENT, DTDLOAD and
   * with NONET it is never loaded, so a reference to it stays empty. */
  if (type == XML_EXTERNAL_GENERAL_PARSED_ENTITY || type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
      type == XML_EXTERNAL_PARAMETER_ENTITY)
    {
      xmlSAX2EntityDecl (user_data, name, type, public_id, system_id, content);
      return;
    }
  state->declared = TRUE;
  xmlStopParser (ctxt);
}

xmlDoc *
scraper_xml_read (const char  *data,
                  gsize        length,
                  const char  *url,
                  int          options,
                  gboolean    *declares_entities,
                  char       **detail)
{
  SafeState state = { 0 };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (declares_entities != NULL)
    *declares_entities = FALSE;
  if (detail != NULL)
    *detail = NULL;
  if (length == 0 || length > G_MAXINT)
    return NULL;

  /* Not xmlCtxtReadMemory(): it resets the context, hooks included. */
  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (ctxt == NULL || ctxt->sax == NULL)
    {
      if (ctxt != NULL)
        xmlFreeParserCtxt (ctxt);
      return NULL;
    }

  /* Whatever the caller asks for, never the options that read or expand
   * more than the bytes given, nor the one that lifts libxml2's limits. */
  options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
               XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE | XML_PARSE_HUGE | XML_PARSE_SAX1);
  options |= XML_PARSE_NONET;
  xmlCtxtUseOptions (ctxt, options);
  ctxt->_private = &state;
  ctxt->sax->entityDecl = refuse_entity_decl;
  if (url != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
    ctxt->input->filename = (char *) xmlStrdup ((const xmlChar *) url);

  xmlParseDocument (ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  if (doc != NULL && !ctxt->wellFormed && !ctxt->recovery)
    g_clear_pointer (&doc, xmlFreeDoc);
  if (state.declared)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      if (declares_entities != NULL)
        *declares_entities = TRUE;
    }
  else if (doc == NULL && detail != NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (ctxt);

      if (xml_error != NULL && xml_error->message != NULL)
        *detail = g_strstrip (g_strdup_printf ("line %d: %s", xml_error->line, xml_error->message));
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}
