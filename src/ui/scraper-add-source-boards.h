/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

/* Apart from the Add Source dialog's form: the job boards a URL typed in it
 * leads to (an
 * aa{sv} as the preview task gives them, see scraper-preview-task.h):
 * which are sources already, what the preview says of them, their rows,
 * and adding them. */

/* Store thread: the boards, each with "existing" (x) when it is a source
 * already (it is not added twice). */
GVariant *scraper_add_source_boards_mark_existing (ScraperStore *store,
                                                   GVariant     *boards);

/* What the preview says of @boards (marked): "This page hands off to 2
 * job boards".  Sets @n_readable to how many this build reads and are no
 * source yet, @n_existing to how many are sources already, and
 * @first_name (if not NULL) to the name of the first readable one. */
char     *scraper_add_source_boards_describe      (GVariant     *boards,
                                                   guint        *n_readable,
                                                   guint        *n_existing,
                                                   char        **first_name);

void      scraper_add_source_boards_show          (GtkListBox   *list,
                                                   GVariant     *boards);
void      scraper_add_source_boards_clear         (GtkListBox   *list);

/* Store thread: adds every readable board of @boards (marked) that is no
 * source yet, named @single_name when there is only one, with @settings.
 * Returns the ids added (gint64), also when it failed part way and set
 * @error. */
GArray   *scraper_add_source_boards_add           (ScraperStore *store,
                                                   GVariant     *boards,
                                                   const char   *single_name,
                                                   const char   *settings,
                                                   GError      **error);

/* The two above from the main thread, run on the store's thread.  The
 * add's finish gives the ids added, also when it failed part way. */
void      scraper_add_source_boards_mark_existing_async  (ScraperStore        *store,
                                                          GVariant            *boards,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GVariant *scraper_add_source_boards_mark_existing_finish (ScraperStore        *store,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void      scraper_add_source_boards_add_async            (ScraperStore        *store,
                                                          GVariant            *boards,
                                                          const char          *single_name,
                                                          const char          *settings,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GArray   *scraper_add_source_boards_add_finish           (ScraperStore        *store,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* The settings JSON of a source the dialog adds or edits: @old_settings
 * (nullable) with its unknown keys kept, max_pages, obey_robots and, for
 * "html" (@is_html), the selectors given (@selector_names NULL-terminated,
 * @selector_values in the same order, empty ones left out). */
char     *scraper_add_source_build_settings (const char         *old_settings,
                                             gboolean            is_html,
                                             int                 max_pages,
                                             gboolean            obey_robots,
                                             const char * const *selector_names,
                                             const char * const *selector_values,
                                             gboolean            for_save);

G_END_DECLS
