/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_APPLICATIONS_VIEW (scraper_applications_view_get_type ())
G_DECLARE_FINAL_TYPE (ScraperApplicationsView, scraper_applications_view, SCRAPER, APPLICATIONS_VIEW, AdwBin)

/* The Applications page: a board with one column per active status (saved,
 * applied, interviewing, offer; rejected and closed folded away below), a
 * card per posting with its title, company, days in its stage and next
 * reminder.  A card is dragged to another column, or moved by its "Move
 * to" menu, whose items are the statuses: both are the action
 * "applications.move" ((xi): posting id, status), the same operation as a
 * status change anywhere else.  Narrow, the columns stack into a list
 * grouped by status.  It reloads when shown, after a move, and when a
 * scrape finishes ("applications.reload"). */
GtkWidget  *scraper_applications_view_new         (ScraperContext          *context);
void        scraper_applications_view_reload      (ScraperApplicationsView *self);
/* The cards of the column of @status (a GtkListBox), for tests. */
GtkWidget  *scraper_applications_view_get_column  (ScraperApplicationsView *self,
                                                   ScraperPostingStatus     status);
/* What a drop of posting @posting_id on the column of @status does. */
gboolean    scraper_applications_view_drop        (ScraperApplicationsView *self,
                                                   gint64                   posting_id,
                                                   ScraperPostingStatus     status);

G_END_DECLS
