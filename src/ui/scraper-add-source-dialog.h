/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_ADD_SOURCE_DIALOG (scraper_add_source_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ScraperAddSourceDialog, scraper_add_source_dialog, SCRAPER, ADD_SOURCE_DIALOG, AdwWindow)

/* A modal window to add a source (paste a URL; its kind is detected and the
 * first postings are previewed in a background task) or, with @source, to
 * edit one.  Emits "saved" (gint64 id) after the store took the source, then
 * closes.  Properties: "context" (construct-only), "source" (construct-only,
 * ScraperSource boxed, nullable). */
ScraperAddSourceDialog *scraper_add_source_dialog_new (GtkWindow      *parent,
                                                       ScraperContext *context,
                                                       ScraperSource  *source);
/* TRUE while a detection runs or waits for its debounce. */
gboolean                scraper_add_source_dialog_get_busy (ScraperAddSourceDialog *self);

G_END_DECLS
