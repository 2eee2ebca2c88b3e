/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jsonld"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "model/scraper-json-guard.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

/* JSON-LD from raw HTML bytes, without building a document: <script>
 * bodies are raw text in HTML, so this reads what a parser would.  The
 * crawl uses it for posting pages, whose links it does not follow.  Also
 * the JSON a page's script assigns to a name, which boards that render
 * their lists in the browser carry. */

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

/* ------------------------------------------------------------------ */
/* JSON a script assigns (Paylocity's window.pageData, Phenom's ddo)  */

/* Whether @text is JSON (within the depth every JSON reader here keeps to). */
static gboolean
is_json (const char *text,
         gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  return scraper_json_parser_load (parser, text, (gssize) length, NULL);
}

/* The text of the JSON object or array that @page assigns to @name
 * ("window.pageData = {...};"), its brackets matched outside strings: the
 * first such assignment that is JSON (the name may come first in a
 * comment or a string).  NULL when there is none within @length. */
char *
scraper_js_assigned_json (const char *page,
                          gsize       length,
                          const char *name)
{
  gsize name_len = strlen (name);
  const char *end, *p = page;
  guint tries = 0;

  if (page == NULL)
    return NULL;
  end = page + length;
  /* Each try may read to the end of the page: a few, not one per
   * mention in a hostile page full of them. */
  while ((p = g_strstr_len (p, end - p, name)) != NULL && tries < 16)
    {
      const char *start = p + name_len;
      char stack[64];
      guint depth = 0;
      gboolean in_string = FALSE;

      p = start;
      while (start < end && g_ascii_isspace (*start))
        start++;
      if (start >= end || *start != '=')
        continue;
      start++;
      while (start < end && g_ascii_isspace (*start))
        start++;
      if (start >= end || (*start != '{' && *start != '['))
        continue;
      tries++;

      for (const char *q = start; q < end; q++)
        {
          if (in_string)
            {
              if (*q == '\\')
                q++;
              else if (*q == '"')
                in_string = FALSE;
              continue;
            }
          if (*q == '"')
            in_string = TRUE;
          else if (*q == '{' || *q == '[')
            {
              /* Deeper than any page's data: not what is looked for. */
              if (depth == G_N_ELEMENTS (stack))
                return NULL;
              stack[depth++] = *q == '{' ? '}' : ']';
            }
          else if (*q == '}' || *q == ']')
            {
              if (*q != stack[--depth])
                break;
              if (depth == 0)
                {
                  if (is_json (start, q + 1 - start))
                    return g_strndup (start, q + 1 - start);
                  break;
                }
            }
        }
    }
  return NULL;
}
