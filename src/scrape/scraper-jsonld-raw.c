/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jsonld"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* JSON-LD from raw HTML bytes, without building a document: <script>
 * bodies are raw text in HTML, so this reads what a parser would.  The
 * crawl uses it for posting pages, whose links it does not follow. */

/* Finds @needle (lower case) in [@hay, @end) case-insensitively, or NULL. */
static const char *
find_ci (const char *hay,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);
  char first = needle[0];

  for (const char *p = hay; p + n <= end; p++)
    if (g_ascii_tolower (*p) == first && g_ascii_strncasecmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* Finds a tag opening like "<script" ('<' is searched with memchr). */
static const char *
find_tag_ci (const char *hay,
             const char *end,
             const char *tag)
{
  gsize n = strlen (tag);

  for (const char *p = hay; p != NULL && p + n <= end; p++)
    {
      p = memchr (p, '<', (gsize) (end - p));
      if (p == NULL || p + n > end)
        return NULL;
      if (g_ascii_strncasecmp (p, tag, n) == 0)
        return p;
    }
  return NULL;
}

GPtrArray *
scraper_jsonld_extract_raw (const char *html,
                            gsize       length,
                            const char *base_url,
                            guint      *n_broken_blocks)
{
  g_autoptr(GPtrArray) postings = NULL;
  const char *end = html + length;
  const char *p = html;
  guint broken = 0;

  if (n_broken_blocks != NULL)
    *n_broken_blocks = 0;
  if (html == NULL || length == 0)
    return NULL;

  postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);

  for (;;)
    {
      const char *start = find_tag_ci (p, end, "<script");
      const char *tag_end, *body, *close;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GPtrArray) objects = NULL;
      g_autoptr(GHashTable) ids = NULL;  /* borrows from root: freed first */

      if (start == NULL || (tag_end = memchr (start, '>', (gsize) (end - start))) == NULL)
        break;
      body = tag_end + 1;
      if ((close = find_tag_ci (body, end, "</script")) == NULL)
        break;
      p = close + 8;

      if (find_ci (start, tag_end, "application/ld+json") == NULL)
        continue;

      text = g_strndup (body, (gsize) (close - body));
      root = scraper_jsonld_parse_block (text, NULL);
      if (root == NULL)
        {
          g_autofree char *cleaned = scraper_text_clean (text);

          if (cleaned != NULL)
            broken++;
          continue;
        }

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

  if (n_broken_blocks != NULL)
    *n_broken_blocks = broken;
  return postings->len > 0 ? g_steal_pointer (&postings) : NULL;
}
