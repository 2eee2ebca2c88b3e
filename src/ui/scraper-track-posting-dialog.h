/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_TRACK_POSTING_DIALOG (scraper_track_posting_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ScraperTrackPostingDialog, scraper_track_posting_dialog, SCRAPER, TRACK_POSTING_DIALOG, AdwWindow)

/* "Track a Posting…": the address of one posting (@url, nullable, fills
 * the entry) and the status to give it; Track starts a "track" task (see
 * tasks/scraper-track-task.h).  When it stored the posting the dialog
 * emits "tracked" (gint64 posting id) and closes; otherwise it says why
 * and stays.  Action (group "track"): track. */
ScraperTrackPostingDialog *scraper_track_posting_dialog_new      (GtkWindow                 *parent,
                                                                  ScraperContext            *context,
                                                                  const char                *url);
ScraperTask               *scraper_track_posting_dialog_get_task (ScraperTrackPostingDialog *self);

/* The one web address @text is (trimmed), or NULL: what a paste or a drop
 * offers to track. */
char                      *scraper_track_url_from_text           (const char                *text);

/* Lets @widget take a posting's address: Ctrl+V (action "track-url.paste",
 * when no text field has the focus) and dropping a URL on it open "Track a
 * Posting…" with it.  A tracked posting is announced with a toast when the
 * root is the app's window. */
void                       scraper_track_posting_attach          (GtkWidget                 *widget,
                                                                  ScraperContext            *context);

G_END_DECLS
