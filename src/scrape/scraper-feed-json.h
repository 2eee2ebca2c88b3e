/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* JSON job feeds (scraper-feed-json.c), read by the "feed" kind: JSON Feed
 * 1.x, with the schema.org "_jobposting" extension Teamtailor writes, and
 * the public APIs of the remote-work boards Remotive, Remote OK, Himalayas,
 * Jobicy and Arbeitnow, and the JSON of Breezy HR, Rippling and Eightfold
 * boards, each told by its shape. */

/* TRUE when @data is a JSON job feed of a known shape. */
gboolean   scraper_feed_json_sniff (const char  *data,
                                    gsize        length);

/* The postings (normalized) of one document; the feed's title or the
 * board's name in *title and the next page's address in *next_url (both
 * nullable, NULL when there is none).  SCRAPER_ADAPTER_ERROR_PARSE when
 * @data is not a job feed this knows. */
GPtrArray *scraper_feed_json_parse (const char  *data,
                                    gsize        length,
                                    const char  *base_url,
                                    char       **title,
                                    char       **next_url,
                                    GError     **error);

G_END_DECLS
