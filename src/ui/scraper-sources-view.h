/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_SOURCES_VIEW (scraper_sources_view_get_type ())
G_DECLARE_FINAL_TYPE (ScraperSourcesView, scraper_sources_view, SCRAPER, SOURCES_VIEW, AdwBin)

/* The Sources page: the list of sources with their last run, Add/Edit/
 * Remove (with Undo), import and export as JSON, and the empty state with
 * "Try a Sample Job Board".  Construct with the "context" property:
 *   g_object_new (SCRAPER_TYPE_SOURCES_VIEW, "context", ctx, NULL)
 * It refreshes itself when a scrape task finishes.  Its actions (group
 * "sources"): add, edit (x), remove (x), set-enabled ((xb)), import,
 * export, try-sample. */
GtkWidget *scraper_sources_view_new            (ScraperContext     *context);
/* Reads the list again, on the store's thread; "loading" is TRUE until
 * the newest reload is shown. */
void       scraper_sources_view_reload         (ScraperSourcesView *self);
gboolean   scraper_sources_view_get_loading    (ScraperSourcesView *self);
/* How many sources the list shows (property "n-sources"). */
guint      scraper_sources_view_get_n_sources  (ScraperSourcesView *self);
/* Removes now the sources whose Undo toast is still shown (dispose does it
 * too); the window may call it when it closes. */
void       scraper_sources_view_flush_removals (ScraperSourcesView *self);
/* Import and export of the source list as a JSON array of
 * {name, url, kind, enabled, settings}, read and written on the store's
 * thread.  Import skips URLs already present and gives how many sources it
 * added, or -1 with an error. */
void       scraper_sources_view_export_file_async  (ScraperSourcesView  *self,
                                                    GFile               *file,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean   scraper_sources_view_export_file_finish (ScraperSourcesView  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void       scraper_sources_view_import_file_async  (ScraperSourcesView  *self,
                                                    GFile               *file,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
int        scraper_sources_view_import_file_finish (ScraperSourcesView  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
