/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-job-details.h"

G_BEGIN_DECLS

/* Between the pane (scraper-job-details.c) and its actions and dialogs
 * (scraper-job-details-actions.c). */
ScraperStore *scraper_job_details_get_store        (ScraperJobDetails    *self);
void          scraper_job_details_toast            (ScraperJobDetails    *self,
                                                    AdwToast             *toast);  /* takes it */
void          scraper_job_details_error            (ScraperJobDetails    *self,
                                                    const char           *what,
                                                    const GError         *error);
void          scraper_job_details_postings_changed (ScraperJobDetails    *self);
void          scraper_job_details_set_dialog       (ScraperJobDetails    *self,
                                                    GtkWidget            *dialog);
/* Reads the history, contacts and next reminder again (on the store's
 * thread). */
void          scraper_job_details_refresh          (ScraperJobDetails    *self);
/* Takes @contacts (a reference) / @reminder. */
void          scraper_job_details_show_contacts    (ScraperJobDetails    *self,
                                                    GPtrArray            *contacts);
void          scraper_job_details_show_reminder    (ScraperJobDetails    *self,
                                                    ScraperReminder      *reminder);

void          scraper_job_details_install_actions  (GtkWidgetClass       *widget_class);
void          scraper_job_details_edit_contact     (ScraperJobDetails    *self,
                                                    const ScraperContact *contact);
void          scraper_job_details_remove_contact   (ScraperJobDetails    *self,
                                                    gint64                contact_id);
void          scraper_job_details_reminder_done    (ScraperJobDetails    *self,
                                                    gint64                reminder_id);

G_END_DECLS
