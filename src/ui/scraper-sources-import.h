/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

/* What the Sources view asks of the store's thread: importing a file of
 * sources, finding or adding the sample job board's source. */

/* Store thread: adds the sources of @file (a JSON array of {name, url,
 * kind, enabled, settings}, as Sources "Export…" writes it), skipping
 * URLs already present and all but http(s).  Returns how many it added,
 * or -1 with @error (those added before the failure stay). */
int scraper_sources_import_file (ScraperStore  *store,
                                 GFile         *file,
                                 GError       **error);

/* Store thread: the sample job board's source (named "Sample Job Board",
 * on 127.0.0.1), or NULL (@error set on failure). */
ScraperSource *scraper_sources_find_sample  (ScraperStore   *store,
                                             GError        **error);
/* Store thread: points the sample @source (NULL: a new one) at this run's
 * server at @url (its port changes with every run), enabled when @enable.
 * Returns the source id, 0 with @error. */
gint64         scraper_sources_point_sample (ScraperStore   *store,
                                             ScraperSource  *source,
                                             const char     *url,
                                             gboolean        enable,
                                             GError        **error);

G_END_DECLS
