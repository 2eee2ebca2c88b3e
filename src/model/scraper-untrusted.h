/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text and links that come from elsewhere (a server, a feed, a database
 * file) pass through these before they are stored, opened or printed.
 * See docs/security.md. */

/**
 * scraper_url_is_web:
 * @url: (nullable): an absolute URL
 *
 * Returns: %TRUE when @url is an absolute http or https URL with a host:
 * the only links the app stores or opens (never javascript:, file:,
 * smb:, steam: or any other scheme a handler might act on).
 */
gboolean  scraper_url_is_web            (const char *url);

/**
 * scraper_text_printable:
 * @str: (nullable): text from elsewhere
 * @keep_newlines: keep line feeds and tabs (else they become spaces)
 *
 * Returns a copy of @str that is safe to print on a terminal or to show:
 * invalid UTF-8 is repaired, escape sequences (CSI, OSC, DCS, ... up to
 * their terminator) are removed whole, and the other C0 controls, DEL and
 * C1 controls are removed.
 *
 * Returns: (transfer full) (nullable): %NULL for %NULL
 */
char     *scraper_text_printable        (const char *str,
                                         gboolean    keep_newlines);

/**
 * scraper_text_markup_escape:
 * @str: (nullable): text from elsewhere
 *
 * scraper_text_printable() on one line, escaped for Pango markup: for the
 * widgets that only take markup (a toast's title, a status page's
 * description in libadwaita 1.2), where "AT&T" or "<b>" would otherwise
 * be read as markup (and "AT&T" not shown at all).
 *
 * Returns: (transfer full): never %NULL ("" for %NULL)
 */
char     *scraper_text_markup_escape    (const char *str);

/**
 * scraper_csv_cell_neutralize:
 * @str: (nullable): a cell's text
 *
 * Returns @str with a leading apostrophe when a spreadsheet would read it
 * as a formula (it begins with =, +, -, @, a tab or a carriage return), as
 * OWASP recommends for CSV files; else a plain copy.
 *
 * Returns: (transfer full) (nullable): %NULL for %NULL
 */
char     *scraper_csv_cell_neutralize   (const char *str);

G_END_DECLS
