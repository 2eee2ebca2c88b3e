/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scrape/scraper-handoff.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Adding the boards a URL led to (scraper_handoff_detect()): shared by
 * `sources add` and the Add Source dialog. */

/**
 * scraper_handoff_find_source:
 *
 * The id of a stored source of @kind at @url (the same address but for
 * the case of its scheme and host and a trailing slash), or 0.
 */
gint64   scraper_handoff_find_source (ScraperStore         *store,
                                      const char           *kind,
                                      const char           *url,
                                      GError              **error);

/**
 * scraper_handoff_add:
 * @name: (nullable): the source's name; NULL: named after the board
 * @settings: (nullable): the source's settings JSON
 * @existed: (out) (optional): set when the board was a source already
 *
 * Adds @handoff as an enabled source of its kind, unless a source of the
 * same kind and URL exists: then its id, with *@existed set.  A kind this
 * build has no adapter for fails with SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND
 * ("found X but cannot read it yet").
 *
 * Returns: the source's id, or 0 with @error set
 */
gint64   scraper_handoff_add         (ScraperStore         *store,
                                      const ScraperHandoff *handoff,
                                      const char           *name,
                                      const char           *settings,
                                      gboolean             *existed,
                                      GError              **error);

/* The board's product name for users: @handoff->vendor, or the kind's. */
const char *scraper_handoff_get_vendor (const ScraperHandoff *handoff);

G_END_DECLS
