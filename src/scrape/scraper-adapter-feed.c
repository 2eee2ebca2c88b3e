/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-feed"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "scraper-adapter-private.h"
#include "scraper-feed-boards.h"
#include "scraper-feed-json.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* No NOENT, no DTDLOAD and no HUGE (which on libxml2 2.9 also turns off
 * its entity amplification check); scraper_xml_read() refuses the
 * document's own entities before any is expanded. */
#define FEED_OPTIONS (XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | \
                      XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

static gboolean
is (const xmlNode *node,
    const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
is_ns (const xmlNode *node,
       const char    *prefix_or_uri_part,
       const char    *name)
{
  if (!is (node, name))
    return FALSE;
  if (prefix_or_uri_part == NULL)
    return node->ns == NULL || node->ns->prefix == NULL;
  return node->ns != NULL &&
         ((node->ns->prefix != NULL && strcmp ((const char *) node->ns->prefix, prefix_or_uri_part) == 0) ||
          (node->ns->href != NULL && strstr ((const char *) node->ns->href, prefix_or_uri_part) != NULL));
}

static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is (n, name))
      return n;
  return NULL;
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  xmlNode *n = child (parent, name);
  xmlChar *content;
  char *ret;

  if (n == NULL)
    return NULL;
  content = xmlNodeGetContent (n);
  ret = scraper_text_clean ((const char *) content);
  xmlFree (content);
  return ret;
}

/* HTML in a description: entity-escaped or CDATA (then it is text), or raw
 * child elements (then it is markup of its own). */
static char *
element_html (xmlDoc  *doc,
              xmlNode *node)
{
  gboolean has_elements = FALSE;
  xmlBufferPtr buf;
  char *ret;

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      has_elements = TRUE;

  if (!has_elements)
    {
      xmlChar *content = xmlNodeGetContent (node);
      ret = g_strdup ((const char *) content);
      xmlFree (content);
      return ret;
    }

  buf = xmlBufferCreate ();
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    xmlNodeDump (buf, doc, n, 0, 0);
  ret = g_strndup ((const char *) xmlBufferContent (buf), xmlBufferLength (buf));
  xmlBufferFree (buf);
  return ret;
}

static char *
atom_link (xmlNode *entry)
{
  char *fallback = NULL;

  for (xmlNode *n = entry->children; n != NULL; n = n->next)
    {
      xmlChar *rel, *href;
      gboolean alternate;

      if (!is (n, "link"))
        continue;
      href = xmlGetProp (n, (const xmlChar *) "href");
      if (href == NULL)
        {
          /* RSS-style <link>text</link> in an odd feed. */
          xmlChar *content = xmlNodeGetContent (n);
          if (fallback == NULL)
            fallback = scraper_text_clean ((const char *) content);
          xmlFree (content);
          continue;
        }
      rel = xmlGetProp (n, (const xmlChar *) "rel");
      alternate = rel == NULL || strcmp ((const char *) rel, "alternate") == 0;
      xmlFree (rel);
      if (alternate)
        {
          g_free (fallback);
          fallback = g_strdup ((const char *) href);
          xmlFree (href);
          break;
        }
      if (fallback == NULL)
        fallback = g_strdup ((const char *) href);
      xmlFree (href);
    }
  return fallback;
}

static ScraperPosting *
parse_item (xmlDoc                 *doc,
            xmlNode                *item,
            gboolean                atom,
            const char             *base_url,
            const char             *feed_base,
            const ScraperFeedBoard *board)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  g_autofree char *link = NULL;
  g_autofree char *date = NULL;
  g_autofree char *html = NULL;
  g_autofree char *region = NULL;
  g_autofree char *country = NULL;
  g_autofree char *state = NULL;
  g_autofree char *type = NULL;
  xmlNode *desc = NULL;
  gboolean wwr;

  posting->title = child_text (item, "title");
  if (posting->title != NULL)
    {
      g_autofree char *unescaped = scraper_html_unescape (posting->title);
      g_free (posting->title);
      posting->title = scraper_text_clean (unescaped);
    }

  link = atom ? atom_link (item) : child_text (item, "link");
  if (link == NULL && !atom)
    link = atom_link (item);   /* <atom:link> inside RSS */
  posting->url = link ? scraper_url_resolve (feed_base ? feed_base : base_url, link) : NULL;

  posting->external_id = child_text (item, atom ? "id" : "guid");
  if (posting->external_id == NULL)
    posting->external_id = child_text (item, "id");
  if (posting->url == NULL && posting->external_id != NULL)
    posting->url = scraper_url_resolve (NULL, posting->external_id);

  for (const char * const *names = (const char * const[]) { "pubDate", "published", "date", "updated", "issued", NULL };
       *names != NULL && posting->date_posted == NULL; names++)
    {
      g_free (date);
      date = child_text (item, *names);
      posting->date_posted = scraper_date_normalize (date);
    }

  /* The fullest body wins: content:encoded, Atom content, description, summary. */
  for (xmlNode *n = item->children; n != NULL; n = n->next)
    if (is_ns (n, "content", "encoded"))
      desc = n;
  if (desc == NULL)
    desc = child (item, atom ? "content" : "description");
  if (desc == NULL)
    desc = child (item, atom ? "summary" : "content");
  if (desc == NULL)
    desc = child (item, "summary");
  if (desc == NULL)
    desc = child (item, "description");
  if (desc != NULL && (html = element_html (doc, desc)) != NULL)
    scraper_html_sanitize (html, -1, &posting->description_markup, &posting->description_text);

  /* We Work Remotely's extension tags. */
  region = child_text (item, "region");
  country = child_text (item, "country");
  state = child_text (item, "state");
  type = child_text (item, "type");
  wwr = child (item, "region") != NULL || child (item, "type") != NULL;
  if (wwr)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n = 0;

      if (region != NULL)
        g_strv_builder_add (builder, region), n++;
      if (country != NULL)
        g_strv_builder_add (builder, country), n++;
      if (n > 0)
        posting->locations = g_strv_builder_end (builder);
      if (type != NULL)
        {
          g_autofree char *norm = scraper_employment_type_normalize (type);
          posting->employment_type = g_new0 (char *, 2);
          posting->employment_type[0] = g_steal_pointer (&norm);
        }
      posting->remote = region != NULL ? scraper_remote_kind_guess (region) : SCRAPER_REMOTE_UNKNOWN;
    }
  /* A board for remote work only. */
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN && scraper_feed_board_remote_only (board))
    posting->remote = SCRAPER_REMOTE_REMOTE;

  /* Fields a known board packs into its titles and texts ("Acme: Senior
   * Engineer"); never guessed from the titles of any other feed. */
  scraper_feed_board_unpack (board, posting);

  if (posting->company == NULL)
    {
      xmlNode *author = child (item, "author");

      if (atom && author != NULL)
        posting->company = child_text (author, "name");
    }

  if (posting->title == NULL && posting->url == NULL)
    return NULL;
  return g_steal_pointer (&posting);
}

GPtrArray *
scraper_feed_parse (const char  *xml,
                    gsize        length,
                    const char  *base_url,
                    GError     **error)
{
  return scraper_feed_parse_full (xml, length, base_url, NULL, error);
}

GPtrArray *
scraper_feed_parse_full (const char  *xml,
                         gsize        length,
                         const char  *base_url,
                         char       **title,
                         GError     **error)
{
  g_autoptr(GPtrArray) postings = NULL;
  g_autofree char *feed_base = NULL;
  g_autofree char *channel_link = NULL;
  const ScraperFeedBoard *board;
  xmlDocPtr doc;
  xmlNode *root, *container;
  gboolean atom;
  gboolean declares_entities = FALSE;

  g_return_val_if_fail (xml != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0 || length > G_MAXINT)
    {
      g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                           length == 0 ? _("The feed is empty") : _("The feed is too large"));
      return NULL;
    }

  doc = scraper_xml_read (xml, length, base_url, FEED_OPTIONS, &declares_entities, NULL);
  if (declares_entities || (doc != NULL && scraper_xml_declares_entities (doc)))
    {
      g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                           _("The feed declares entities of its own, which are not read: they can make a small file enormous"));
      if (doc != NULL)
        xmlFreeDoc (doc);
      return NULL;
    }
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                           _("The feed could not be read: it is not well-formed XML"));
      return NULL;
    }

  atom = is (root, "feed");
  if (is (root, "rss"))
    container = child (root, "channel");
  else if (atom || is (root, "RDF"))
    container = root;
  else
    container = NULL;

  if (container == NULL)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("This document is not an RSS or Atom feed (its root element is “%s”)"),
                   (const char *) root->name);
      xmlFreeDoc (doc);
      return NULL;
    }

  if (title != NULL)
    {
      /* RSS 1.0 names itself in its channel, beside the items. */
      xmlNode *named = is (root, "RDF") && child (root, "channel") != NULL ? child (root, "channel") : container;

      *title = child_text (named, "title");
      if (*title != NULL && **title == '\0')
        g_clear_pointer (title, g_free);
    }

  channel_link = atom ? atom_link (container) : child_text (container, "link");
  feed_base = channel_link ? scraper_url_resolve (base_url, channel_link) : NULL;
  if (feed_base == NULL)
    feed_base = g_strdup (base_url);
  board = scraper_feed_board_find (feed_base, base_url);

  postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  /* RSS 2.0 keeps items in the channel, RSS 1.0 beside it (container is the root). */
  for (xmlNode *n = container->children; n != NULL; n = n->next)
    if (is (n, atom ? "entry" : "item"))
      {
        ScraperPosting *posting = parse_item (doc, n, atom, base_url, feed_base, board);

        if (posting != NULL)
          g_ptr_array_add (postings, posting);
      }

  xmlFreeDoc (doc);
  return g_steal_pointer (&postings);
}

static gboolean
body_is_json (const char *data,
              gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && (data[i] == '{' || data[i] == '[');
}

/* The pages after the first of a JSON feed that has more (a board's API
 * pages through its jobs).  Returns FALSE with @error when one fails; a
 * run cut short by max_pages is left incomplete. */
static gboolean
read_next_pages (ScraperSource                 *source,
                 ScraperFetcher                *fetcher,
                 const ScraperAdapterCallbacks *callbacks,
                 ScraperAdapterStats           *stats,
                 ScraperBatcher                *batcher,
                 char                          *next_url,
                 GCancellable                  *cancellable,
                 GError                       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = next_url;
  guint max_pages = (guint) CLAMP (scraper_source_get_setting_int (source, "max_pages", 50), 1, 10000);

  g_hash_table_add (seen, g_strdup (source->url));
  while (next != NULL)
    {
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GPtrArray) postings = NULL;
      g_autofree char *url = g_steal_pointer (&next);
      const char *data;
      gsize length;

      /* A page that points back to one already read ends the feed. */
      if (!g_hash_table_add (seen, g_strdup (url)))
        break;
      if (stats->pages_fetched >= max_pages)
        {
          scraper_adapter_warn (callbacks, stats, _("Stopped after %u pages of the feed"), max_pages);
          return TRUE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      response = scraper_adapter_fetch (fetcher, url, NULL, cancellable, error);
      if (response == NULL)
        return FALSE;
      stats->pages_fetched++;
      data = response->body != NULL ? g_bytes_get_data (response->body, &length) : (length = 0, "");
      postings = scraper_feed_json_parse (data, length, response->url ? response->url : url, NULL, &next, error);
      if (postings == NULL)
        return FALSE;
      for (guint i = 0; i < postings->len; i++)
        if (!scraper_batcher_add (batcher, postings->pdata[i], error))
          return FALSE;
      {
        g_autofree char *message = g_strdup_printf (_("Read %u pages of the feed…"), stats->pages_fetched);

        scraper_adapter_report (callbacks, 0, 0, message);
      }
    }

  stats->complete = TRUE;
  return TRUE;
}

gboolean
scraper_adapter_feed_run (ScraperSource                 *source,
                          ScraperFetcher                *fetcher,
                          const ScraperAdapterCallbacks *callbacks,
                          ScraperAdapterStats           *stats,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(ScraperBatcher) batcher = NULL;
  g_autofree char *title = NULL;
  g_autofree char *next_url = NULL;
  const char *data;
  const char *base;
  gsize length;

  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;

  scraper_adapter_report (callbacks, 0, 0, _("Fetching the feed…"));

  /* A conditional GET: an unchanged feed costs one small response. */
  if (callbacks->get_validators != NULL)
    callbacks->get_validators (source->url, &etag, &last_modified, callbacks->user_data);
  response = scraper_fetcher_fetch (fetcher, source->url, SCRAPER_FETCH_FLAGS_NONE, etag, last_modified,
                                    cancellable, error);
  if (response == NULL)
    return FALSE;
  stats->pages_fetched++;

  if (callbacks->set_validators != NULL && (response->etag != NULL || response->last_modified != NULL))
    callbacks->set_validators (source->url, response->etag, response->last_modified, callbacks->user_data);

  if (response->not_modified)
    {
      stats->not_modified = TRUE;
      scraper_adapter_report (callbacks, 1, 1, _("Not changed since the last run"));
      return TRUE;
    }

  data = response->body != NULL ? g_bytes_get_data (response->body, &length) : (length = 0, "");
  base = response->url ? response->url : source->url;
  /* RSS and Atom, or a JSON job feed. */
  if (body_is_json (data, length))
    postings = scraper_feed_json_parse (data, length, base, &title, &next_url, error);
  else
    postings = scraper_feed_parse_full (data, length, base, &title, error);
  if (postings == NULL)
    return FALSE;
  if (title != NULL && callbacks->source_title != NULL)
    callbacks->source_title (title, callbacks->user_data);

  batcher = scraper_batcher_new (source, callbacks, stats);
  for (guint i = 0; i < postings->len; i++)
    if (!scraper_batcher_add (batcher, postings->pdata[i], error))
      return FALSE;

  if (next_url != NULL)
    {
      if (!read_next_pages (source, fetcher, callbacks, stats, batcher, g_steal_pointer (&next_url),
                            cancellable, error))
        return FALSE;
    }
  else
    stats->complete = TRUE;

  if (!scraper_batcher_flush (batcher, error))
    return FALSE;

  scraper_adapter_report (callbacks, stats->postings_found, stats->postings_found, NULL);
  return TRUE;
}
