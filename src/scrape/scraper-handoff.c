/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-handoff"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "scraper-adapter.h"
#include "scraper-handoff-private.h"
#include "scraper-html-private.h"

/* Boards a careers page hands off to.  The page is parsed with libxml2's
 * HTML parser; every URL-bearing attribute, every data- attribute and the
 * text of every script is looked at.  Inside text, board hosts are found by
 * plain substring search (no regular expressions), and each scan is
 * bounded: SCRAPER_HANDOFF_MAX_SCAN bytes in all, at most
 * SCRAPER_HANDOFF_MAX_TRIES candidate URLs. */

/* The hosts' registrable domains: a mention of one starts a candidate. */
static const char * const board_domains[] = {
  "greenhouse.io", "lever.co", "ashbyhq.com", "workable.com", "smartrecruiters.com",
  "recruitee.com", "personio.de", "personio.com", "myworkdayjobs.com", "myworkdaysite.com",
  "bamboohr.com", "teamtailor.com", "breezy.hr", "rippling.com", "pinpointhq.com",
  "jobvite.com", "join.com", "gem.com", "dover.com", "homerun.co", "comeet.com", "paylocity.com",
  "icims.com",
};

typedef struct {
  const char *page_url;
  GPtrArray  *found;      /* ScraperHandoff */
  GHashTable *seen;       /* "kind url" lowered */
  gsize       scanned;    /* bytes scanned, bounded */
  guint       tries;      /* candidate URLs, bounded */
} Finder;

static gboolean
finder_full (Finder *f)
{
  return f->tries >= SCRAPER_HANDOFF_MAX_TRIES || f->found->len >= SCRAPER_HANDOFF_MAX_BOARDS ||
         f->scanned >= SCRAPER_HANDOFF_MAX_SCAN;
}

static gboolean
mentions_board_domain (const char *url)
{
  const char *start = strstr (url, "://");
  gsize n;
  char host[256];

  start = start != NULL ? start + 3 : url;
  n = strcspn (start, "/?#");
  if (n == 0 || n >= sizeof host)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    host[i] = g_ascii_tolower (start[i]);
  host[n] = '\0';
  for (guint d = 0; d < G_N_ELEMENTS (board_domains); d++)
    if (g_str_has_suffix (host, board_domains[d]))
      return TRUE;
  return FALSE;
}

static gboolean
text_mentions_board_domain (const char *text,
                            gsize       length)
{
  g_autofree char *lower = g_ascii_strdown (text, (gssize) MIN (length, (gsize) SCRAPER_HANDOFF_MAX_SCAN));

  for (guint d = 0; d < G_N_ELEMENTS (board_domains); d++)
    if (strstr (lower, board_domains[d]) != NULL)
      return TRUE;
  return FALSE;
}

/* Tries one candidate URL; keeps the board it names, once. */
static gboolean
finder_try (Finder     *f,
            const char *url,
            const char *evidence)
{
  g_autoptr(ScraperHandoff) handoff = NULL;
  g_autofree char *key = NULL;

  if (f->tries >= SCRAPER_HANDOFF_MAX_TRIES || f->found->len >= SCRAPER_HANDOFF_MAX_BOARDS)
    return FALSE;
  /* Most links of a page are the site's own: only a URL that names a
   * board's domain is parsed, and counts towards the bound. */
  if (!mentions_board_domain (url))
    return FALSE;
  f->tries++;

  if ((handoff = scraper_handoff_from_url (url)) == NULL)
    return FALSE;
  {
    g_autofree char *joined = g_strconcat (handoff->kind, " ", handoff->url, NULL);
    key = g_ascii_strdown (joined, -1);
  }
  if (g_hash_table_contains (f->seen, key))
    return TRUE;
  g_hash_table_add (f->seen, g_steal_pointer (&key));

  /* Evidence as the page wrote it, cut to a readable length. */
  if (g_utf8_strlen (evidence, -1) > 200)
    {
      g_autofree char *cut = g_utf8_substring (evidence, 0, 199);
      handoff->evidence = g_strconcat (cut, "…", NULL);
    }
  else
    handoff->evidence = g_strdup (evidence);
  g_ptr_array_add (f->found, g_steal_pointer (&handoff));
  return TRUE;
}

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

/* Where @needle (lower case) occurs in @lower from @from, or NULL. */
static const char *
find (const char *lower,
      gsize       length,
      gsize       from,
      const char *needle)
{
  gsize n = strlen (needle);
  const char *p = lower + from;
  const char *end = lower + length;

  while (end - p >= (gssize) n)
    {
      const char *hit = memchr (p, needle[0], (gsize) (end - p) - n + 1);

      if (hit == NULL)
        return NULL;
      if (memcmp (hit, needle, n) == 0)
        return hit;
      p = hit + 1;
    }
  return NULL;
}

/* Reads the path and query after a host in raw text: up to a quote, space,
 * bracket or markup, with JSON's "\/" and HTML's "&amp;" undone. */
static void
read_path (const char *p,
           const char *end,
           GString    *out)
{
  while (p < end && out->len < 1024)
    {
      char c = *p;

      if (c == '\\' && end - p >= 2 && p[1] == '/')
        {
          g_string_append_c (out, '/');
          p += 2;
          continue;
        }
      if (c == '\\' && end - p >= 6 && g_ascii_strncasecmp (p, "\\u002f", 6) == 0)
        {
          g_string_append_c (out, '/');
          p += 6;
          continue;
        }
      if (c == '\\' && end - p >= 6 && g_ascii_strncasecmp (p, "\\u0026", 6) == 0)
        {
          g_string_append_c (out, '&');
          p += 6;
          continue;
        }
      if (c == '&' && end - p >= 5 && strncmp (p, "&amp;", 5) == 0)
        {
          g_string_append_c (out, '&');
          p += 5;
          continue;
        }
      if ((guchar) c <= ' ' || strchr ("\"'`<>\\()[]{}|^;,", c) != NULL)
        break;
      g_string_append_c (out, c);
      p++;
    }
}

/* Finds board hosts mentioned in @text (a script, an attribute that is
 * not a plain URL) and tries the URL each mention starts.  @bare_host: a
 * host alone names its board (BambooHR's data-domain="acme.bamboohr.com"). */
static void
scan_text (Finder     *f,
           const char *text,
           gsize       length,
           const char *evidence_prefix,
           const char *evidence_suffix,
           gboolean    bare_host)
{
  g_autofree char *lower = NULL;

  if (length > SCRAPER_HANDOFF_MAX_SCAN - MIN (f->scanned, SCRAPER_HANDOFF_MAX_SCAN))
    length = SCRAPER_HANDOFF_MAX_SCAN - MIN (f->scanned, SCRAPER_HANDOFF_MAX_SCAN);
  if (length == 0)
    return;
  f->scanned += length;
  lower = g_ascii_strdown (text, (gssize) length);
  length = strlen (lower);   /* a NUL in the text ends it */

  for (guint d = 0; d < G_N_ELEMENTS (board_domains) && !finder_full (f); d++)
    {
      const char *domain = board_domains[d];
      gsize dl = strlen (domain);
      gsize from = 0;
      const char *hit;

      while ((hit = find (lower, length, from, domain)) != NULL && !finder_full (f))
        {
          gsize at = (gsize) (hit - lower);
          gsize start = at, stop = at + dl;
          g_autoptr(GString) url = NULL;
          g_autofree char *evidence = NULL;

          from = at + 1;
          /* The whole host: labels before the domain, none after it. */
          while (start > 0 && is_host_char (lower[start - 1]) && at - start < 253)
            start--;
          if ((stop < length && (g_ascii_isalnum (lower[stop]) || lower[stop] == '-')) ||
              (start > 0 && lower[start - 1] == '@') || lower[start] == '.' || lower[start] == '-')
            continue;
          /* A dot right after the domain ("lever.co.uk") is another host,
           * but a full stop ends a sentence: the next character tells. */
          if (stop + 1 < length && lower[stop] == '.' && is_host_char (lower[stop + 1]))
            continue;

          url = g_string_new ("https://");
          g_string_append_len (url, text + start, (gssize) (stop - start));
          if (stop < length && (text[stop] == '/' || text[stop] == '\\' || text[stop] == '?'))
            read_path (text + stop, text + length, url);
          else if (bare_host && g_str_has_suffix (url->str, ".bamboohr.com"))
            g_string_append (url, "/careers");

          evidence = g_strconcat (evidence_prefix, url->str, evidence_suffix, NULL);
          finder_try (f, url->str, evidence);
        }
    }
}

/* The value after @key in @lower/@text: `key: "v"`, `"key":"v"`, `key = 'v'`. */
static char *
value_after (const char *text,
             const char *lower,
             gsize       length,
             const char *key,
             gsize      *from)
{
  const char *hit = find (lower, length, *from, key);
  const char *p, *end = text + length;
  char quote;
  const char *v;

  if (hit == NULL)
    {
      *from = length;
      return NULL;
    }
  *from = (gsize) (hit - lower) + 1;
  p = text + (hit - lower) + strlen (key);
  while (p < end && (*p == '"' || *p == '\'' || *p == ' ' || *p == '\t'))
    p++;
  if (p >= end || (*p != ':' && *p != '='))
    return NULL;
  p++;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || (*p != '"' && *p != '\'' && *p != '`'))
    return NULL;
  quote = *p++;
  v = p;
  while (p < end && *p != quote && p - v <= 100)
    p++;
  if (p >= end || *p != quote || p == v)
    return NULL;
  return g_strndup (v, (gsize) (p - v));
}

/* Inline configurations that name a board without its URL. */
static void
scan_config (Finder     *f,
             const char *text,
             gsize       length,
             const char *page_lower,
             gsize       page_length)
{
  static const struct {
    const char *vendor_mention;   /* the page must name the vendor's embed */
    const char *key;              /* lower case */
    const char *url_format;
  } keys[] = {
    { "grnhse", "boardtoken", "https://boards.greenhouse.io/%s" },
    { "greenhouse", "boardtoken", "https://boards.greenhouse.io/%s" },
    { "greenhouse", "board_token", "https://boards.greenhouse.io/%s" },
    /* andreasmb/lever-jobs-embed: window.leverJobsOptions = {accountName: …} */
    { "leverjobsoptions", "accountname", "https://jobs.lever.co/%s" },
    { "lever-jobs-embed", "accountname", "https://jobs.lever.co/%s" },
    { "smartrecruiters", "company_code", "https://careers.smartrecruiters.com/%s" },
    { "smartrecruiters", "companyidentifier", "https://careers.smartrecruiters.com/%s" },
    { "ashbyhq", "organizationhostedjobspagename", "https://jobs.ashbyhq.com/%s" },
    { "ashbyhq", "jobboardname", "https://jobs.ashbyhq.com/%s" },
  };
  g_autofree char *lower = NULL;

  if (length > SCRAPER_HANDOFF_MAX_SCAN)
    length = SCRAPER_HANDOFF_MAX_SCAN;
  lower = g_ascii_strdown (text, (gssize) length);
  length = strlen (lower);

  for (guint k = 0; k < G_N_ELEMENTS (keys) && !finder_full (f); k++)
    {
      gsize from = 0;

      if (find (page_lower, page_length, 0, keys[k].vendor_mention) == NULL)
        continue;
      while (from < length && !finder_full (f))
        {
          g_autofree char *value = value_after (text, lower, length, keys[k].key, &from);
          g_autofree char *url = NULL;
          g_autofree char *evidence = NULL;

          if (value == NULL)
            continue;
          url = g_strdup_printf (keys[k].url_format, value);
          evidence = g_strdup_printf ("<script>… %s: \"%s\" …</script>", keys[k].key, value);
          finder_try (f, url, evidence);
        }
    }

  /* Workable's embed: whr_embed(123456, {detail: 'titles', …}). */
  {
    gsize from = 0;
    const char *hit;

    while ((hit = find (lower, length, from, "whr_embed(")) != NULL && !finder_full (f))
      {
        const char *p = text + (hit - lower) + strlen ("whr_embed(");
        const char *end = text + length;
        const char *v;

        from = (gsize) (hit - lower) + 1;
        while (p < end && (g_ascii_isspace (*p) || *p == '\'' || *p == '"'))
          p++;
        v = p;
        while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == '_') && p - v < 100)
          p++;
        if (p > v)
          {
            g_autofree char *account = g_strndup (v, (gsize) (p - v));
            g_autofree char *url = g_strdup_printf ("https://apply.workable.com/api/v1/widget/accounts/%s", account);
            g_autofree char *evidence = g_strdup_printf ("<script>… whr_embed(%s, …) …</script>", account);

            finder_try (f, url, evidence);
          }
      }
  }
}

static gboolean
attribute_holds_url (const char *element,
                     const char *attribute)
{
  static const char * const url_attributes[] = {
    "href", "src", "action", "data", "content", "formaction", "poster", NULL
  };

  return g_strv_contains (url_attributes, attribute) ||
         (g_str_equal (element, "meta") && g_str_equal (attribute, "content"));
}

/* One attribute of an element: a URL (resolved against the page), or
 * text that may mention a board host. */
static void
look_at_attribute (Finder     *f,
                   const char *element,
                   const char *attribute,
                   const char *value)
{
  gsize length = strlen (value);
  gboolean data_attribute = g_str_has_prefix (attribute, "data-");
  g_autofree char *prefix = NULL;

  if (length == 0 || finder_full (f))
    return;
  /* onclick="location.href='https://jobs.lever.co/acme'" is a script. */
  if (g_str_has_prefix (attribute, "on") && length <= 4096)
    {
      g_autofree char *script_prefix = g_strdup_printf ("<%s %s=\"… ", element, attribute);

      scan_text (f, value, length, script_prefix, " …\">", FALSE);
      return;
    }
  if (!data_attribute && !attribute_holds_url (element, attribute))
    return;

  /* A board named in a vendor's own attribute: data-greenhouse-board="acme". */
  if (data_attribute && length <= 100 && strspn (value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == length)
    {
      static const struct { const char *vendor, *url_format; } named[] = {
        { "greenhouse", "https://boards.greenhouse.io/%s" }, { "grnhse", "https://boards.greenhouse.io/%s" },
        { "lever", "https://jobs.lever.co/%s" }, { "ashby", "https://jobs.ashbyhq.com/%s" },
        { "workable", "https://apply.workable.com/%s" },
        { "smartrecruiters", "https://careers.smartrecruiters.com/%s" },
        { "recruitee", "https://%s.recruitee.com/" }, { "personio", "https://%s.jobs.personio.de/" },
        { "bamboo", "https://%s.bamboohr.com/careers" }, { "teamtailor", "https://%s.teamtailor.com/" },
        { "breezy", "https://%s.breezy.hr/" }, { "pinpoint", "https://%s.pinpointhq.com/" },
        { "jobvite", "https://jobs.jobvite.com/%s" }, { "rippling", "https://ats.rippling.com/%s/jobs" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (named); i++)
        if (strstr (attribute, named[i].vendor) != NULL)
          {
            g_autofree char *url = g_strdup_printf (named[i].url_format, value);
            g_autofree char *evidence = g_strdup_printf ("<%s %s=\"%s\">", element, attribute, value);

            if (finder_try (f, url, evidence))
              return;
          }
    }

  /* A URL with no board's domain in it (most links: relative, or the
   * site's own) is neither resolved nor scanned. */
  if (!text_mentions_board_domain (value, length))
    return;

  if (length < 2048 && attribute_holds_url (element, attribute))
    {
      g_autofree char *resolved = g_uri_resolve_relative (f->page_url, value, G_URI_FLAGS_PARSE_RELAXED, NULL);
      g_autofree char *evidence = g_strdup_printf ("<%s %s=\"%s\">", element, attribute, value);

      if (resolved != NULL && finder_try (f, resolved, evidence))
        return;
      /* Another URL may still carry a board's: in its query (?url=…), in
       * "javascript:open('https://…')", in a refresh's "0;url=https://…". */
      if (strchr (value, '?') == NULL &&
          (strstr (value, "://") == NULL || g_ascii_strncasecmp (value, "http", 4) == 0))
        return;
    }

  prefix = g_strdup_printf ("<%s %s=\"", element, attribute);
  scan_text (f, value, length, prefix, "\">", data_attribute);
}

static void
walk (Finder     *f,
      xmlNode    *root,
      const char *page_lower,
      gsize       page_length)
{
  xmlNode *node = root;

  /* Iterative: a deeply nested page costs no stack. */
  while (node != NULL && !finder_full (f))
    {
      if (node->type == XML_ELEMENT_NODE && node->name != NULL)
        {
          const char *name = (const char *) node->name;

          for (xmlAttr *attr = node->properties; attr != NULL && !finder_full (f); attr = attr->next)
            {
              xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

              if (value != NULL && attr->name != NULL)
                {
                  g_autofree char *attr_name = g_ascii_strdown ((const char *) attr->name, -1);

                  look_at_attribute (f, name, attr_name, (const char *) value);
                }
              xmlFree (value);
            }

          if (g_ascii_strcasecmp (name, "script") == 0 && node->children != NULL)
            {
              xmlChar *text = xmlNodeGetContent (node);

              if (text != NULL)
                {
                  gsize length = strlen ((const char *) text);

                  scan_text (f, (const char *) text, length, "<script>… ", " …</script>", FALSE);
                  scan_config (f, (const char *) text, length, page_lower, page_length);
                }
              xmlFree (text);
              /* A script's text was read whole: skip its children. */
              goto next_sibling;
            }
        }

      if (node->children != NULL)
        {
          node = node->children;
          continue;
        }
    next_sibling:
      while (node != NULL && node != root && node->next == NULL)
        node = node->parent;
      if (node == NULL || node == root)
        break;
      node = node->next;
    }
}

static GPtrArray *
finder_run (Finder     *f,
            xmlDoc     *doc,
            const char *html,
            gsize       length)
{
  gsize page_length = MIN (length, (gsize) SCRAPER_HANDOFF_MAX_SCAN);
  g_autofree char *page_lower = g_ascii_strdown (html, (gssize) page_length);
  xmlNode *root = xmlDocGetRootElement (doc);

  page_length = strlen (page_lower);
  if (root != NULL)
    walk (f, root, page_lower, page_length);
  return g_steal_pointer (&f->found);
}

GPtrArray *
scraper_handoff_find_in_doc (xmlDoc     *doc,
                             const char *html,
                             gsize       length,
                             const char *page_url)
{
  Finder f = { 0 };
  GPtrArray *found;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (page_url != NULL, NULL);

  f.page_url = page_url;
  f.found = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_handoff_free);
  f.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  found = finder_run (&f, doc, html != NULL ? html : "", length);
  g_hash_table_unref (f.seen);
  return found;
}

GPtrArray *
scraper_handoff_find (const char *html,
                      gsize       length,
                      const char *charset,
                      const char *page_url)
{
  htmlDocPtr doc;
  GPtrArray *found;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (page_url != NULL, NULL);

  if (length == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_handoff_free);

  doc = scraper_html_parse (html, length, charset, page_url);
  found = scraper_handoff_find_in_doc (doc, html, length, page_url);
  xmlFreeDoc (doc);
  return found;
}

/* Links that name no board until followed: a careers page or a post
 * lists grnh.se/1a2b3c4d5e rather than the posting on Greenhouse, or
 * Workable's apply.workable.com/j/SHORTCODE without the account. */
static gboolean
is_short_link (const char *url)
{
  static const char * const hosts[] = { "grnh.se", "smrtr.io" };
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (host == NULL || path == NULL || strlen (path) < 2)
    return FALSE;
  if (g_ascii_strncasecmp (host, "www.", 4) == 0)
    host += 4;
  if (g_ascii_strcasecmp (host, "apply.workable.com") == 0)
    return g_str_has_prefix (path, "/j/") && path[3] != '\0';
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (g_ascii_strcasecmp (host, hosts[i]) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
scraper_handoff_follow_short_links (ScraperFetcher *fetcher,
                                    xmlDoc         *doc,
                                    const char     *page_url,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_handoff_free);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) tried = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (page_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  links = scraper_html_collect_links (doc, page_url, NULL);
  for (guint i = 0; i < links->len && found->len == 0; i++)
    {
      const char *link = links->pdata[i];
      g_autoptr(ScraperResponse) response = NULL;
      g_autoptr(GError) local_error = NULL;
      ScraperHandoff *board;

      if (!is_short_link (link) || g_hash_table_contains (tried, link))
        continue;
      if (g_hash_table_size (tried) >= SCRAPER_HANDOFF_MAX_SHORT_LINKS)
        break;
      g_hash_table_add (tried, (gpointer) link);

      /* The fetcher follows the redirects (each hop polite and checked
       * against its host's robots.txt); where they end names the board.
       * A link that fails (gone, a loop, refused) leaves the next one. */
      response = scraper_fetcher_fetch (fetcher, link, SCRAPER_FETCH_FLAGS_NONE, NULL, NULL,
                                        cancellable, &local_error);
      if (response == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_debug ("Short link %s: %s", link, local_error->message);
          continue;
        }
      if (response->url == NULL || (board = scraper_handoff_from_url (response->url)) == NULL)
        continue;
      board->evidence = g_strdup_printf ("%s → %s", link, response->url);
      g_ptr_array_add (found, board);
    }
  return g_steal_pointer (&found);
}

GPtrArray *
scraper_handoff_detect (ScraperFetcher *fetcher,
                        const char     *url,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_handoff_free);
  g_autoptr(GPtrArray) boards = NULL;
  ScraperHandoff *handoff;
  const char *guess;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A posting, an embed or an API URL of a known board: the whole board. */
  if ((handoff = scraper_handoff_from_url (url)) != NULL)
    {
      g_ptr_array_add (result, handoff);
      return g_steal_pointer (&result);
    }

  if ((guess = scraper_adapter_guess_kind (url)) != NULL)
    kind = g_strdup (guess);
  else if ((kind = scraper_adapter_detect_kind_full (fetcher, url, &boards, cancellable, error)) == NULL &&
           (boards == NULL || boards->len == 0))
    return NULL;

  if (kind != NULL)
    {
      handoff = g_new0 (ScraperHandoff, 1);
      handoff->kind = g_steal_pointer (&kind);
      handoff->url = g_strdup (url);
      g_ptr_array_add (result, handoff);
      return g_steal_pointer (&result);
    }

  return g_steal_pointer (&boards);
}
