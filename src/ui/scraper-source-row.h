/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/scraper-source.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_SOURCE_ROW (scraper_source_row_get_type ())
G_DECLARE_FINAL_TYPE (ScraperSourceRow, scraper_source_row, SCRAPER, SOURCE_ROW, GtkListBoxRow)

/* One source in the Sources view: name, URL, kind, last run, outcome and
 * count, last error, an "Enabled" switch and Edit and Remove buttons.  The
 * controls activate the view's actions "sources.set-enabled" ((xb)),
 * "sources.edit" (x) and "sources.remove" (x) with the source id. */
GtkWidget     *scraper_source_row_new        (ScraperSource    *source);
/* Shows @source (same id) anew, e.g. after a run. */
void           scraper_source_row_set_source (ScraperSourceRow *self,
                                              ScraperSource    *source);
ScraperSource *scraper_source_row_get_source (ScraperSourceRow *self);
gint64         scraper_source_row_get_id     (ScraperSourceRow *self);

/* "Greenhouse", "Career Site (JSON-LD)", ... for a kind ("auto" included). */
const char    *scraper_source_kind_get_label (const char       *kind);
/* "Just now", "2 hours ago", "3 days ago", or a date; @now_unix 0 = now. */
char          *scraper_format_relative_time  (gint64            unix_seconds,
                                              gint64            now_unix);

G_END_DECLS
