/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_POSTING_HISTORY (scraper_posting_history_get_type ())
G_DECLARE_FINAL_TYPE (ScraperPostingHistory, scraper_posting_history, SCRAPER, POSTING_HISTORY, GtkBox)

/* The history of a posting in its details: the lifecycle facts (open for
 * how many days, last seen, previous titles and salaries) and the stage
 * events as a timeline, with the contacts. */
GtkWidget  *scraper_posting_history_new          (void);
/* Reads them from @store for @posting (NULL: shows nothing), on the
 * store's thread: they show when it answers, unless another posting was
 * set meanwhile. */
void        scraper_posting_history_set_posting  (ScraperPostingHistory *self,
                                                  ScraperStore          *store,
                                                  const ScraperPosting  *posting);
/* Shows what was read before, on another thread: @changes
 * (ScraperFieldChange), @events (ScraperStageEvent) and @contacts
 * (ScraperContact), each nullable. */
void        scraper_posting_history_show         (ScraperPostingHistory *self,
                                                  const ScraperPosting  *posting,
                                                  GPtrArray             *changes,
                                                  GPtrArray             *events,
                                                  GPtrArray             *contacts);

/* Whether the newest posting's history is still being read. */
gboolean    scraper_posting_history_get_loading  (ScraperPostingHistory *self);
/* The text shown, one line per fact or event (for tests). */
char       *scraper_posting_history_dup_text     (ScraperPostingHistory *self);

G_END_DECLS
