/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"
#include "store/scraper-store-applications.h"
#include "scraper-posting-object.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_JOB_DETAILS (scraper_job_details_get_type ())
G_DECLARE_FINAL_TYPE (ScraperJobDetails, scraper_job_details, SCRAPER, JOB_DETAILS, GtkBox)

/* The details pane of the Jobs view: a posting's title, facts,
 * description, Open in Browser, status, notes and history.  Its writes go
 * through the store's writer thread; it shows them at once and takes them
 * back when the store refuses them.
 *
 * Signals:
 *   "error" (const char *what, const GError *error): a write failed (the
 *     change is already taken back); the view shows it.
 *   "status-changed" (gint64 posting_id, gint status): the status shown
 *     changed (set here, or taken back); the view's list follows.
 *   "toast" (AdwToast *toast): to show (e.g. "Blocked … Undo").
 *   "postings-changed": which postings the list shows changed (a block
 *     was added or taken back); the view reloads.
 * Property "folded": the details take the whole window (a back arrow
 * instead of the close button).
 * Actions (group "details"): open-in-browser, remind, add-contact,
 * block-company, block-keyword; the star activates "jobs.star". */
GtkWidget            *scraper_job_details_new         (void);
void                  scraper_job_details_set_context (ScraperJobDetails    *self,
                                                       ScraperContext       *context);
/* Shows @item (saving the notes of the posting shown before). */
void                  scraper_job_details_show        (ScraperJobDetails    *self,
                                                       ScraperPostingObject *item);
/* The posting shown, or NULL. */
ScraperPostingObject *scraper_job_details_get_item    (ScraperJobDetails    *self);
void                  scraper_job_details_set_folded  (ScraperJobDetails    *self,
                                                       gboolean              folded);
gboolean              scraper_job_details_get_folded  (ScraperJobDetails    *self);
/* What the fact chips say, as screen readers hear them ("Company: Acme"),
 * in order. */
GStrv                 scraper_job_details_dup_facts   (ScraperJobDetails    *self);
/* The contacts shown (ScraperContact; id 0 while being added), or NULL. */
GPtrArray            *scraper_job_details_get_contacts (ScraperJobDetails   *self);
/* The next reminder not done shown, or NULL. */
const ScraperReminder *scraper_job_details_get_reminder (ScraperJobDetails  *self);
/* The dialog the pane has open (Remind Me, a contact, a keyword), or NULL. */
GtkWidget            *scraper_job_details_get_dialog  (ScraperJobDetails    *self);
/* Writes the notes typed so far, if they changed. */
void                  scraper_job_details_save_notes  (ScraperJobDetails    *self);

G_END_DECLS
