/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_BLOCKLIST_PAGE (scraper_blocklist_page_get_type ())
G_DECLARE_FINAL_TYPE (ScraperBlocklistPage, scraper_blocklist_page, SCRAPER, BLOCKLIST_PAGE, AdwPreferencesPage)

/* The "Blocked" page of Preferences: the blocked companies and keywords,
 * a way to add one of each, and "Unblock" on each.  Reads and writes run
 * on the store's thread; the page reloads after each write and emits
 * "changed". */
GtkWidget *scraper_blocklist_page_new        (ScraperStore         *store);
void       scraper_blocklist_page_reload     (ScraperBlocklistPage *self);
/* How many blocks the page lists (after its last read). */
guint      scraper_blocklist_page_get_n_blocks (ScraperBlocklistPage *self);

G_END_DECLS
