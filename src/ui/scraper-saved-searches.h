/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

/* The Jobs view's "Saved Searches" button: a popover that lists the saved
 * searches with how many postings are new in each, applies one, saves the
 * current filters under a name, and forgets one (with Undo).  Every store
 * call runs on a worker thread.
 *
 * Signals:
 *  - "apply" (const ScraperSavedSearch *search): the user chose @search;
 *    it is marked looked at.
 *  - "toast" (AdwToast *toast): something to tell the user. */
#define SCRAPER_TYPE_SAVED_SEARCHES_BUTTON (scraper_saved_searches_button_get_type ())
G_DECLARE_FINAL_TYPE (ScraperSavedSearchesButton, scraper_saved_searches_button,
                      SCRAPER, SAVED_SEARCHES_BUTTON, AdwBin)

void  scraper_saved_searches_button_set_store   (ScraperSavedSearchesButton *self,
                                                 ScraperStore               *store);
/* What "Save Current Search…" saves (copied), or NULL when no filter is set
 * and there is nothing to save. */
void  scraper_saved_searches_button_set_current (ScraperSavedSearchesButton *self,
                                                 const ScraperSavedSearch   *current);
/* Counts again, e.g. after a scrape. */
void  scraper_saved_searches_button_refresh     (ScraperSavedSearchesButton *self);
/* Total of new postings over all saved searches, as last counted. */
guint scraper_saved_searches_button_get_n_new   (ScraperSavedSearchesButton *self);

/* "“Rust”: 3 new, “Remote”: 1 new" for the saved searches (with counts)
 * that have new postings, at most three named; NULL when none has. */
char *scraper_saved_searches_describe_new (GPtrArray    *searches);

/* Sends @application the notification @title / @body, with a line more
 * for the saved searches of @store (nullable) that have new postings. */
void  scraper_saved_searches_notify       (GApplication *application,
                                           ScraperStore *store,
                                           const char   *id,
                                           const char   *title,
                                           const char   *body);

G_END_DECLS
