/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Store thread: adds the sources of @file (a JSON array of {name, url,
 * kind, enabled, settings}, as Sources "Export…" writes it), skipping
 * URLs already present and all but http(s).  Returns how many it added,
 * or -1 with @error (those added before the failure stay). */
int scraper_sources_import_file (ScraperStore  *store,
                                 GFile         *file,
                                 GError       **error);

G_END_DECLS
