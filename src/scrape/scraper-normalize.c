/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-normalize"

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "scraper-html-private.h"
#include "scraper-normalize.h"
#include "model/scraper-untrusted.h"

/* ------------------------------------------------------------------ */
/* Entities and text                                                   */

static void
append_unichar (GString  *out,
                gunichar  c)
{
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  g_string_append_unichar (out, c);
}

char *
scraper_html_unescape (const char *str)
{
  GString *out;
  const char *p;

  if (str == NULL)
    return NULL;

  out = g_string_sized_new (strlen (str));
  for (p = str; *p != '\0';)
    {
      const char *semi;
      gsize len;

      if (*p != '&')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      semi = p + 1;
      while (*semi != '\0' && *semi != ';' && *semi != '&' && *semi != ' ' && semi - p < 34)
        semi++;
      len = semi - p - 1;

      if (p[1] == '#' && len >= 2)
        {
          gboolean hex = (p[2] == 'x' || p[2] == 'X');
          const char *digits = p + (hex ? 3 : 2);
          char *end = NULL;
          guint64 v = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

          if (end != digits && (end == semi || *end != '\0'))
            {
              /* Windows-1252 code points that pages send as numeric references. */
              static const gunichar cp1252[32] = {
                0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
                0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
              };
              gunichar c = v > 0x10FFFF ? 0xFFFD : (gunichar) v;

              if (c >= 0x80 && c < 0xA0 && cp1252[c - 0x80] != 0)
                c = cp1252[c - 0x80];
              append_unichar (out, c);
              p = (*end == ';') ? end + 1 : end;
              continue;
            }
        }
      else if (len > 0 && *semi == ';')
        {
          g_autofree char *name = g_strndup (p + 1, len);
          const htmlEntityDesc *desc = htmlEntityLookup ((const xmlChar *) name);

          if (desc == NULL && g_ascii_strcasecmp (name, "apos") == 0)
            {
              g_string_append_c (out, '\'');
              p = semi + 1;
              continue;
            }
          if (desc != NULL)
            {
              append_unichar (out, desc->value);
              p = semi + 1;
              continue;
            }
        }
      else
        {
          /* The few entities that real pages write without a semicolon. */
          static const struct { const char *name; const char *value; } bare[] = {
            { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "nbsp", "\xc2\xa0" },
          };
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (bare); i++)
            {
              gsize n = strlen (bare[i].name);

              if (strncmp (p + 1, bare[i].name, n) == 0 && !g_ascii_isalnum (p[1 + n]))
                {
                  g_string_append (out, bare[i].value);
                  p += 1 + n;
                  found = TRUE;
                  break;
                }
            }
          if (found)
            continue;
        }

      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

char *
scraper_text_clean (const char *str)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;

  if (str == NULL)
    return NULL;

  valid = g_utf8_make_valid (str, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        {
          space = TRUE;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Sanitizer                                                           */

typedef struct {
  GString *markup;
  GString *text;
  guint    pending_nl;   /* newlines owed before the next text */
  gboolean space;        /* a space is owed before the next text */
  guint    link_depth;
  guint    bold_depth;
  GArray  *lists;        /* int per open list: -1 unordered, else next number */
} Sanitizer;

static void
sanitizer_break (Sanitizer *s,
                 guint      n)
{
  s->pending_nl = MAX (s->pending_nl, n);
  s->space = FALSE;
}

static void
sanitizer_flush (Sanitizer *s)
{
  if (s->pending_nl > 0)
    {
      if (s->text->len > 0)
        for (guint i = 0; i < MIN (s->pending_nl, 2); i++)
          {
            g_string_append_c (s->markup, '\n');
            g_string_append_c (s->text, '\n');
          }
      s->pending_nl = 0;
      s->space = FALSE;
    }
  else if (s->space)
    {
      if (s->text->len > 0)
        {
          g_string_append_c (s->markup, ' ');
          g_string_append_c (s->text, ' ');
        }
      s->space = FALSE;
    }
}

/* Before an inline tag opens: "We <b>build</b>", not "We<b> build</b>". */
static void
sanitizer_flush_space (Sanitizer *s)
{
  sanitizer_flush (s);
}

static void
sanitizer_text (Sanitizer  *s,
                const char *str,
                gboolean    preformatted)
{
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[8];
      gint n;

      if (preformatted && c == '\n')
        {
          sanitizer_break (s, 1);
          continue;
        }
      if (g_unichar_isspace (c) && c != 0xA0)
        {
          if (s->text->len > 0 || s->pending_nl > 0)
            s->space = TRUE;
          continue;
        }
      if (g_unichar_iscntrl (c) || c == 0x200B || c == 0xFEFF)
        continue;

      sanitizer_flush (s);
      if (c == 0xA0)
        c = ' ';
      n = g_unichar_to_utf8 (c, buf);
      buf[n] = '\0';
      g_string_append (s->text, buf);
      switch (c)
        {
        case '<': g_string_append (s->markup, "&lt;"); break;
        case '>': g_string_append (s->markup, "&gt;"); break;
        case '&': g_string_append (s->markup, "&amp;"); break;
        case '"': g_string_append (s->markup, "&quot;"); break;
        case '\'': g_string_append (s->markup, "&apos;"); break;
        default: g_string_append (s->markup, buf); break;
        }
    }
}

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return node->name != NULL && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
node_is_dropped (const xmlNode *node)
{
  static const char * const dropped[] = {
    "script", "style", "img", "iframe", "object", "embed", "noscript", "template", "svg", "math",
    "head", "title", "meta", "link", "form", "input", "button", "select", "textarea", "video",
    "audio", "canvas", "picture", "source", "frame", "frameset", "applet", "base",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    if (name_is (node, dropped[i]))
      return TRUE;
  return FALSE;
}

static gboolean
node_is_block (const xmlNode *node)
{
  static const char * const blocks[] = {
    "div", "section", "article", "header", "footer", "main", "aside", "nav", "table", "tr",
    "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "center",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (name_is (node, blocks[i]))
      return TRUE;
  return FALSE;
}

static void sanitizer_children (Sanitizer *s, xmlNode *node, gboolean pre);

static void
sanitizer_node (Sanitizer *s,
                xmlNode   *node,
                gboolean   pre)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        sanitizer_text (s, (const char *) node->content, pre);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || node_is_dropped (node))
    return;

  if (name_is (node, "br"))
    {
      s->pending_nl = MAX (s->pending_nl, 1);
      if (s->text->len == 0)
        s->pending_nl = 0;
      s->space = FALSE;
    }
  else if (name_is (node, "p"))
    {
      sanitizer_break (s, 2);
      sanitizer_children (s, node, pre);
      sanitizer_break (s, 2);
    }
  else if (node->name != NULL && g_ascii_tolower (node->name[0]) == 'h' &&
           node->name[1] >= '1' && node->name[1] <= '6' && node->name[2] == '\0')
    {
      sanitizer_break (s, 2);
      sanitizer_flush (s);
      g_string_append (s->markup, "<b>");
      s->bold_depth++;
      sanitizer_children (s, node, pre);
      s->bold_depth--;
      g_string_append (s->markup, "</b>");
      sanitizer_break (s, 2);
    }
  else if (name_is (node, "ul") || name_is (node, "ol"))
    {
      int start = name_is (node, "ol") ? 1 : -1;

      sanitizer_break (s, s->lists->len > 0 ? 1 : 2);
      g_array_append_val (s->lists, start);
      sanitizer_children (s, node, pre);
      g_array_set_size (s->lists, s->lists->len - 1);
      sanitizer_break (s, s->lists->len > 0 ? 1 : 2);
    }
  else if (name_is (node, "li"))
    {
      g_autofree char *bullet = NULL;
      guint level = MAX (s->lists->len, 1);
      int *counter = s->lists->len > 0 ? &g_array_index (s->lists, int, s->lists->len - 1) : NULL;

      sanitizer_break (s, 1);
      sanitizer_flush (s);
      if (counter != NULL && *counter > 0)
        bullet = g_strdup_printf ("%*s%d. ", (int) (level - 1) * 2, "", (*counter)++);
      else
        bullet = g_strdup_printf ("%*s\xe2\x80\xa2 ", (int) (level - 1) * 2, "");
      g_string_append (s->markup, bullet);
      g_string_append (s->text, bullet);
      sanitizer_children (s, node, pre);
      sanitizer_break (s, 1);
    }
  else if (name_is (node, "b") || name_is (node, "strong") ||
           name_is (node, "i") || name_is (node, "em"))
    {
      const char *tag = (name_is (node, "b") || name_is (node, "strong")) ? "b" : "i";

      sanitizer_flush_space (s);
      g_string_append_printf (s->markup, "<%s>", tag);
      sanitizer_children (s, node, pre);
      g_string_append_printf (s->markup, "</%s>", tag);
    }
  else if (name_is (node, "a"))
    {
      g_autofree char *href_raw = scraper_xml_get_prop (node, (const xmlChar *) "href");
      g_autofree char *href = href_raw ? g_strstrip (g_strdup (href_raw)) : NULL;
      gboolean ok = href != NULL && s->link_depth == 0 &&
                    (g_ascii_strncasecmp (href, "http://", 7) == 0 ||
                     g_ascii_strncasecmp (href, "https://", 8) == 0);

      if (ok)
        {
          g_autofree char *valid = g_utf8_make_valid (href, -1);
          g_autofree char *escaped = g_markup_escape_text (valid, -1);

          /* Mark the link's start lazily so that no link wraps a newline. */
          sanitizer_flush (s);
          g_string_append_printf (s->markup, "<a href=\"%s\">", escaped);
          s->link_depth++;
          sanitizer_children (s, node, pre);
          s->link_depth--;
          g_string_append (s->markup, "</a>");
        }
      else
        sanitizer_children (s, node, pre);
    }
  else if (name_is (node, "td") || name_is (node, "th"))
    {
      s->space = TRUE;
      sanitizer_children (s, node, pre);
      s->space = TRUE;
    }
  else if (node_is_block (node) || name_is (node, "body") || name_is (node, "html"))
    {
      gboolean is_pre = pre || name_is (node, "pre");

      sanitizer_break (s, 1);
      sanitizer_children (s, node, is_pre);
      sanitizer_break (s, 1);
    }
  else
    sanitizer_children (s, node, pre);
}

static void
sanitizer_children (Sanitizer *s,
                    xmlNode   *node,
                    gboolean   pre)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    sanitizer_node (s, child, pre);
}

static gboolean
looks_like_html (const char *str)
{
  for (const char *p = strchr (str, '<'); p != NULL; p = strchr (p + 1, '<'))
    if (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!')
      return TRUE;
  return FALSE;
}

/* Plain text: keeps the line structure, collapses the rest. */
static void
sanitize_plain (const char  *str,
                char       **markup,
                char       **text)
{
  g_auto(GStrv) lines = g_strsplit (str, "\n", -1);
  GString *out = g_string_new (NULL);
  guint blank = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = scraper_text_clean (lines[i]);

      if (line == NULL)
        {
          blank++;
          continue;
        }
      if (out->len > 0)
        g_string_append (out, blank > 0 ? "\n\n" : "\n");
      blank = 0;
      g_string_append (out, line);
    }

  if (markup != NULL)
    *markup = out->len > 0 ? g_markup_escape_text (out->str, -1) : NULL;
  if (text != NULL)
    *text = out->len > 0 ? g_strdup (out->str) : NULL;
  g_string_free (out, TRUE);
}

void
scraper_html_sanitize (const char  *html,
                       gssize       length,
                       char       **markup,
                       char       **text)
{
  g_autofree char *valid = NULL;
  g_autofree char *wrapped = NULL;
  htmlDocPtr doc;
  Sanitizer s = { 0 };

  if (markup != NULL)
    *markup = NULL;
  if (text != NULL)
    *text = NULL;
  if (html == NULL)
    return;

  valid = g_utf8_make_valid (html, length);

  /* Entity-escaped HTML ("&lt;p&gt;"), sometimes twice over. */
  for (guint i = 0; i < 2 && !looks_like_html (valid) &&
                    (strstr (valid, "&lt;") != NULL || strstr (valid, "&amp;lt;") != NULL); i++)
    {
      char *unescaped = scraper_html_unescape (valid);

      g_free (valid);
      valid = unescaped;
    }

  if (!looks_like_html (valid))
    {
      g_autofree char *unescaped = scraper_html_unescape (valid);

      sanitize_plain (unescaped, markup, text);
      return;
    }

  wrapped = g_strconcat ("<html><head><meta charset=\"utf-8\"></head><body>", valid, "</body></html>", NULL);
  doc = htmlReadMemory (wrapped, (int) MIN (strlen (wrapped), G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                        HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED);
  if (doc == NULL)
    {
      sanitize_plain (valid, markup, text);
      return;
    }

  s.markup = g_string_new (NULL);
  s.text = g_string_new (NULL);
  s.lists = g_array_new (FALSE, FALSE, sizeof (int));
  sanitizer_children (&s, (xmlNode *) doc, FALSE);
  xmlFreeDoc (doc);

  if (markup != NULL)
    *markup = s.text->len > 0 ? g_strdup (s.markup->str) : NULL;
  if (text != NULL)
    *text = s.text->len > 0 ? g_strdup (s.text->str) : NULL;
  g_string_free (s.markup, TRUE);
  g_string_free (s.text, TRUE);
  g_array_unref (s.lists);
}

/* ------------------------------------------------------------------ */
/* URLs, locations, remote kind                                        */

char *
scraper_url_resolve (const char *base,
                     const char *href)
{
  g_autofree char *clean = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (href == NULL || (clean = scraper_text_clean (href)) == NULL)
    return NULL;

  /* GLib's relaxed parser reads "https://ab;c d/e" as host "ab" and path
   * ";c d/e", which g_uri_resolve_relative() then cannot join (a critical
   * warning; found by bench/fuzz/fuzz-feed).  No web link has a host
   * with a space or a path that does not start with '/'. */
  {
    g_autofree char *link_scheme = NULL;
    g_autofree char *host = NULL;
    g_autofree char *path = NULL;

    if (!g_uri_split (clean, G_URI_FLAGS_PARSE_RELAXED, &link_scheme, NULL, &host, NULL, &path, NULL, NULL, NULL))
      return NULL;
    if (host != NULL && ((path[0] != '\0' && path[0] != '/') || strpbrk (host, " \t") != NULL))
      return NULL;
    /* "https:/..//example.com/x" names a scheme and no host: its dots
     * leave a path that starts with "//", which g_uri_resolve_relative()
     * cannot join either (found by bench/fuzz/fuzz-feed-json).  A web link
     * with a scheme has a host. */
    if (link_scheme != NULL && (host == NULL || *host == '\0'))
      return NULL;
  }

  if (base != NULL)
    resolved = g_uri_resolve_relative (base, clean, G_URI_FLAGS_PARSE_RELAXED, NULL);
  else
    resolved = g_strdup (clean);
  if (resolved == NULL)
    return NULL;

  uri = g_uri_parse (resolved, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || (scheme = g_uri_get_scheme (uri)) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_steal_pointer (&resolved);
}

GStrv
scraper_locations_split (const char *str)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0;

  if (str == NULL)
    return NULL;

  regex = g_regex_new ("\\s*(?:;|\\||\\n|\xe2\x80\xa2|\xc2\xb7| / | or | and | oder | und )\\s*",
                       G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (regex != NULL);
  {
    g_autofree char *valid = g_utf8_make_valid (str, -1);
    parts = g_regex_split (regex, valid, 0);
  }

  builder = g_strv_builder_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *clean = scraper_text_clean (parts[i]);
      char *folded;

      if (clean == NULL)
        continue;
      /* Drop leading/trailing commas left from "Berlin, ; Paris". */
      while (clean[0] == ',' || clean[0] == ' ')
        memmove (clean, clean + 1, strlen (clean));
      while (*clean != '\0' && (clean[strlen (clean) - 1] == ',' || clean[strlen (clean) - 1] == ' '))
        clean[strlen (clean) - 1] = '\0';
      if (*clean == '\0')
        continue;
      folded = g_utf8_casefold (clean, -1);
      if (!g_hash_table_add (seen, folded))
        continue;
      g_strv_builder_add (builder, clean);
      n++;
    }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

ScraperRemoteKind
scraper_remote_kind_guess (const char *text)
{
  g_autofree char *lower = NULL;
  static const char * const remote[] = {
    "remote", "telecommute", "work from home", "work-from-home", "wfh", "anywhere",
    "home office", "home-office", "homeoffice", "distributed", "fully remote", "t\xc3\xa9l\xc3\xa9travail",
  };
  static const char * const onsite[] = {
    "on-site", "onsite", "on site", "in office", "in-office", "office-based", "office based", "vor ort",
  };

  if (text == NULL)
    return SCRAPER_REMOTE_UNKNOWN;

  lower = g_utf8_strdown (text, -1);
  if (strstr (lower, "hybrid") != NULL)
    return SCRAPER_REMOTE_HYBRID;
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    {
      const char *hit = strstr (lower, remote[i]);

      if (hit == NULL)
        continue;
      /* "not remote", "no remote", "non-remote" */
      if ((hit - lower >= 4 && strncmp (hit - 4, "not ", 4) == 0) ||
          (hit - lower >= 3 && strncmp (hit - 3, "no ", 3) == 0) ||
          (hit - lower >= 4 && strncmp (hit - 4, "non-", 4) == 0))
        return SCRAPER_REMOTE_ONSITE;
      return SCRAPER_REMOTE_REMOTE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (onsite); i++)
    if (strstr (lower, onsite[i]) != NULL)
      return SCRAPER_REMOTE_ONSITE;
  if (g_strcmp0 (lower, "telecommute") == 0)
    return SCRAPER_REMOTE_REMOTE;
  return SCRAPER_REMOTE_UNKNOWN;
}

/* ------------------------------------------------------------------ */
/* Employment type and the posting                                     */

char *
scraper_employment_type_normalize (const char *str)
{
  static const struct { const char *word; const char *type; } aliases[] = {
    { "FULL_TIME", "FULL_TIME" }, { "FULLTIME", "FULL_TIME" }, { "PERMANENT", "FULL_TIME" },
    { "VOLLZEIT", "FULL_TIME" }, { "PART_TIME", "PART_TIME" }, { "PARTTIME", "PART_TIME" },
    { "TEILZEIT", "PART_TIME" }, { "CONTRACT", "CONTRACTOR" }, { "CONTRACTOR", "CONTRACTOR" },
    { "FREELANCE", "CONTRACTOR" }, { "FREELANCER", "CONTRACTOR" }, { "TEMPORARY", "TEMPORARY" },
    { "TEMP", "TEMPORARY" }, { "INTERN", "INTERN" }, { "INTERNSHIP", "INTERN" },
    { "PRAKTIKUM", "INTERN" }, { "VOLUNTEER", "VOLUNTEER" }, { "PER_DIEM", "PER_DIEM" },
    { "OTHER", "OTHER" },
  };
  g_autofree char *clean = scraper_text_clean (str);
  char *up;

  if (clean == NULL)
    return NULL;
  up = g_utf8_strup (clean, -1);
  g_strdelimit (up, " -", '_');
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (up, aliases[i].word) == 0)
      {
        g_free (up);
        return g_strdup (aliases[i].type);
      }
  return up;
}

static void
clean_field (char **field)
{
  char *clean;

  if (*field == NULL)
    return;
  clean = scraper_text_clean (*field);
  g_free (*field);
  *field = clean;
}

static void
valid_field (char **field)
{
  char *valid;

  if (*field == NULL || g_utf8_validate (*field, -1, NULL))
    return;
  valid = g_utf8_make_valid (*field, -1);
  g_free (*field);
  *field = valid;
}

/* What a posting may hold at most: sources that state more are broken or
 * hostile, and a megabyte of title would stall every list that shows it. */
#define MAX_LIST_ENTRIES   100
#define MAX_SHORT_CHARS    500      /* a title, a company, a place */
#define MAX_TEXT_CHARS     200000   /* a description */
#define MAX_MARKUP_BYTES   (1024 * 1024)

static void
clean_strv (GStrv *strv)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0;

  if (*strv == NULL)
    return;
  builder = g_strv_builder_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; (*strv)[i] != NULL && n < MAX_LIST_ENTRIES; i++)
    {
      g_autofree char *clean = scraper_text_clean ((*strv)[i]);

      if (clean == NULL || g_hash_table_contains (seen, clean))
        continue;
      g_strv_builder_add (builder, clean);
      g_hash_table_add (seen, g_steal_pointer (&clean));
      n++;
    }
  g_strfreev (*strv);
  *strv = n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* Cuts @field after @max_chars characters, with an ellipsis. */
static void
cap_field (char   **field,
           glong    max_chars)
{
  const char *end;
  char *capped;

  if (*field == NULL || strlen (*field) <= (gsize) max_chars)
    return;
  if (g_utf8_strlen (*field, -1) <= max_chars)
    return;
  end = g_utf8_offset_to_pointer (*field, max_chars);
  capped = g_strdup_printf ("%.*s…", (int) (end - *field), *field);
  g_free (*field);
  *field = capped;
}

/* A structured salary is taken as stated, within bounds no pay reaches in
 * any currency: 1.7e308 an hour is a number, not a salary, and infinity
 * once annualized. */
#define MAX_SALARY 1e12

static gboolean
salary_value_ok (double v)
{
  return isnan (v) || (isfinite (v) && v >= 0 && v <= MAX_SALARY);
}

static gboolean
salary_plausible (const ScraperPosting *posting)
{
  return salary_value_ok (posting->salary_min) && salary_value_ok (posting->salary_max) &&
         salary_value_ok (posting->annual_min) && salary_value_ok (posting->annual_max);
}

void
scraper_posting_normalize (ScraperPosting *posting)
{
  g_return_if_fail (posting != NULL);

  clean_field (&posting->title);
  clean_field (&posting->company);
  clean_field (&posting->external_id);
  clean_field (&posting->url);
  clean_field (&posting->apply_url);
  clean_field (&posting->country);
  clean_field (&posting->salary_currency);
  /* Only web links are stored: "Open in Browser" hands them to whatever
   * handles the scheme (javascript:, file:, smb:, steam: ...). */
  if (!scraper_url_is_web (posting->url))
    g_clear_pointer (&posting->url, g_free);
  if (!scraper_url_is_web (posting->apply_url))
    g_clear_pointer (&posting->apply_url, g_free);
  valid_field (&posting->description_markup);
  valid_field (&posting->description_text);
  clean_strv (&posting->locations);
  clean_strv (&posting->employment_type);
  cap_field (&posting->title, MAX_SHORT_CHARS);
  cap_field (&posting->company, MAX_SHORT_CHARS);
  for (guint i = 0; posting->locations != NULL && posting->locations[i] != NULL; i++)
    cap_field (&posting->locations[i], MAX_SHORT_CHARS);
  cap_field (&posting->description_text, MAX_TEXT_CHARS);
  /* Markup cannot be cut anywhere: past its limit it is made again from
   * the (capped) text. */
  if (posting->description_markup != NULL && strlen (posting->description_markup) > MAX_MARKUP_BYTES)
    {
      /* Pango markup has no <p>: escaped text alone is what it reads. */
      g_free (posting->description_markup);
      posting->description_markup = posting->description_text != NULL
                                    ? g_markup_escape_text (posting->description_text, -1) : NULL;
    }

  if (posting->salary_currency != NULL)
    {
      char *up = g_ascii_strup (posting->salary_currency, -1);
      g_free (posting->salary_currency);
      posting->salary_currency = up;
    }
  if (posting->country != NULL && strlen (posting->country) == 2)
    {
      char *up = g_ascii_strup (posting->country, -1);
      g_free (posting->country);
      posting->country = up;
    }

  if (posting->description_text == NULL && posting->description_markup != NULL)
    scraper_html_sanitize (posting->description_markup, -1, NULL, &posting->description_text);

  if (posting->remote == SCRAPER_REMOTE_UNKNOWN && posting->locations != NULL)
    for (guint i = 0; posting->locations[i] != NULL && posting->remote == SCRAPER_REMOTE_UNKNOWN; i++)
      posting->remote = scraper_remote_kind_guess (posting->locations[i]);
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN && posting->title != NULL)
    {
      ScraperRemoteKind kind = scraper_remote_kind_guess (posting->title);

      /* A title says "Remote" or "Hybrid"; "on-site" in a title is rare noise. */
      if (kind == SCRAPER_REMOTE_REMOTE || kind == SCRAPER_REMOTE_HYBRID)
        posting->remote = kind;
    }

  /* Salary: 0 means "not stated" in several feeds; keep ranges ordered. */
  if (!isnan (posting->salary_min) && posting->salary_min <= 0 && !isnan (posting->salary_max) &&
      posting->salary_max <= 0)
    posting->salary_min = posting->salary_max = NAN;
  if (!isnan (posting->salary_min) && !isnan (posting->salary_max) &&
      posting->salary_min > posting->salary_max)
    {
      double tmp = posting->salary_min;
      posting->salary_min = posting->salary_max;
      posting->salary_max = tmp;
    }
  scraper_posting_annualize (posting);
  if (!salary_plausible (posting))
    {
      posting->salary_min = posting->salary_max = NAN;
      posting->annual_min = posting->annual_max = NAN;
      posting->salary_period = SCRAPER_SALARY_PERIOD_UNKNOWN;
      g_clear_pointer (&posting->salary_currency, g_free);
    }
}
