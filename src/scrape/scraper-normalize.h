/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "model/scraper-posting.h"

G_BEGIN_DECLS

/* Shared by every adapter: turns what sources say into the posting record. */

/* Description HTML -> sanitized markup (a small allow-list of tags: p, br,
 * ul, ol, li, b, strong, i, em, h1-h6 as bold, a with http(s) href; no
 * scripts, styles, event handlers or images) and plain text.  Accepts
 * entity-escaped HTML too ("&lt;p&gt;...").  Either out may be NULL. */
void      scraper_html_sanitize        (const char  *html,
                                        gssize       length,
                                        char       **markup,
                                        char       **text);

/* Decodes HTML entities (named, decimal, hex) in @str. */
char     *scraper_html_unescape        (const char  *str);

/* Collapses runs of white space, trims, drops control characters, and
 * replaces invalid UTF-8.  NULL for NULL or an empty result. */
char     *scraper_text_clean           (const char  *str);

/* "2026-03-01", "2026-03-01T10:00:00Z", RFC 822/1123 ("Tue, 03 Mar 2026
 * 10:00:00 GMT"), Unix seconds or milliseconds -> "YYYY-MM-DD", or NULL. */
char     *scraper_date_normalize       (const char  *str);
char     *scraper_date_from_unix       (gint64       seconds);

/* Resolves @href against @base; NULL unless the result is http(s). */
char     *scraper_url_resolve          (const char  *base,
                                        const char  *href);

/* Splits "Berlin; Remote | Paris" style strings into locations. */
GStrv     scraper_locations_split      (const char  *str);

/* Remote kind from words such as "Remote", "Hybrid", "TELECOMMUTE". */
ScraperRemoteKind scraper_remote_kind_guess (const char *text);

/* Fills the fields derived from others: annualized salary, remote kind from
 * locations/title when unknown, text from markup.  Call once per posting
 * before handing it to the store. */
void      scraper_posting_normalize    (ScraperPosting *posting);

G_END_DECLS
