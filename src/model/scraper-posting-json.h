/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "scraper-posting.h"
#include "scraper-source.h"

G_BEGIN_DECLS

/* The JSON shapes of the command-line contract (ARCHITECTURE.md): a posting
 * as `list --json` and `export --format json` print it, and a source as
 * `sources list --json` prints it. */
JsonNode *scraper_posting_to_json (const ScraperPosting *posting);
JsonNode *scraper_source_to_json  (const ScraperSource  *source);

/* "2026-11-29T10:00:00Z" for Unix seconds, NULL for 0. */
char     *scraper_format_timestamp (gint64 unix_seconds);

G_END_DECLS
