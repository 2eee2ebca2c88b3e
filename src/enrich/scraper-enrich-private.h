/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text helpers shared by the enrichers.  Matching works on an ASCII
 * lower-cased copy of the text, which keeps byte offsets identical to the
 * original, so a case-sensitive check can look at the original at the same
 * offset.  Bytes >= 0x80 (the parts of non-ASCII letters) count as word
 * characters, so "büro" is one word. */

static inline gboolean
scraper_enrich_is_word_char (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* ASCII lower-case copy; "" for NULL. */
char        *scraper_enrich_fold       (const char *text);

/* First occurrence of @needle (lower case) in @hay (folded) that starts and
 * ends on a word boundary where @needle itself starts or ends with a word
 * character.  NULL when none. */
const char  *scraper_enrich_find_word  (const char *hay,
                                        const char *needle);

static inline gboolean
scraper_enrich_has_word (const char *hay,
                         const char *needle)
{
  return scraper_enrich_find_word (hay, needle) != NULL;
}

/* TRUE when any of the NULL-terminated @needles is a word of @hay. */
gboolean     scraper_enrich_has_any    (const char         *hay,
                                        const char * const *needles);

G_END_DECLS
