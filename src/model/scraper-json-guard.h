/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON from elsewhere (a server, a file) is nested at most this deep:
 * json-glib parses by recursion, and "[[[[…" a few hundred thousand deep
 * overflows the stack.  Real job data is nested a dozen levels. */
#define SCRAPER_JSON_MAX_DEPTH 512

/* TRUE when the arrays and objects of @data (@length bytes, or -1 for a
 * NUL-terminated string) are nested at most @max_depth deep.  Strings are
 * skipped, so brackets inside them do not count.  Does not validate. */
gboolean scraper_json_depth_ok     (const char  *data,
                                    gssize       length,
                                    guint        max_depth);

/* json_parser_load_from_data() for JSON from elsewhere: refuses JSON nested
 * deeper than SCRAPER_JSON_MAX_DEPTH with G_IO_ERROR_INVALID_DATA, before
 * json-glib sees it. */
gboolean scraper_json_parser_load  (JsonParser  *parser,
                                    const char  *data,
                                    gssize       length,
                                    GError     **error);

G_END_DECLS
