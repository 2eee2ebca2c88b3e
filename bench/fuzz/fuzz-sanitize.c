/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The description sanitizer: whatever the HTML, its markup is what a
 * GtkLabel reads (Pango markup plus <a href>), its text valid UTF-8, and
 * so is a whole posting's after normalization (over 1 MiB included). */
#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "fuzz-common.h"
#include "scrape/scraper-normalize.h"

static GRegex *link_open;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  link_open = g_regex_new ("<a href=\"[^\"<>]*\">", G_REGEX_OPTIMIZE, 0, NULL);
  return 0;
}

static void
check_label_markup (const char *markup)
{
  g_autofree char *spans = NULL;
  g_autofree char *pango = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  if (markup == NULL)
    return;
  FUZZ_CHECK (g_utf8_validate (markup, -1, NULL), "markup not UTF-8");
  /* GtkLabel takes <a href> itself and hands the rest to Pango. */
  spans = g_regex_replace_literal (link_open, markup, -1, 0, "<span>", 0, NULL);
  parts = g_strsplit (spans, "</a>", -1);
  pango = g_strjoinv ("</span>", parts);
  FUZZ_CHECK (pango_parse_markup (pango, -1, 0, NULL, NULL, NULL, &error),
              "Pango cannot read it (%s): %.300s", error->message, markup);
  FUZZ_CHECK (strstr (markup, "javascript:") == NULL || strstr (markup, "href=\"javascript:") == NULL,
              "a javascript: link");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();

  scraper_html_sanitize ((const char *) data, (gssize) size, &markup, &text);
  check_label_markup (markup);
  FUZZ_CHECK (text == NULL || g_utf8_validate (text, -1, NULL), "text not UTF-8");

  posting->description_markup = g_steal_pointer (&markup);
  posting->description_text = g_steal_pointer (&text);
  scraper_posting_normalize (posting);
  check_label_markup (posting->description_markup);
  return 0;
}
