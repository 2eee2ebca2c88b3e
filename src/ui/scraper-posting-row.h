/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "scraper-posting-object.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_POSTING_ROW (scraper_posting_row_get_type ())
G_DECLARE_FINAL_TYPE (ScraperPostingRow, scraper_posting_row, SCRAPER, POSTING_ROW, GtkBox)

/* One posting in the Jobs list: title, company, location, remote badge,
 * salary, posted date and a Star toggle that activates "jobs.star" ((xb)).
 * A row is recycled by the list: set_item() rebinds it (NULL unbinds). */
GtkWidget            *scraper_posting_row_new      (void);
void                  scraper_posting_row_set_item (ScraperPostingRow    *self,
                                                    ScraperPostingObject *item);
ScraperPostingObject *scraper_posting_row_get_item (ScraperPostingRow    *self);

/* "€60k–75k / year", "$45–60 / hour", "from £50k / year"; NULL when the
 * posting states no salary. */
char                 *scraper_format_salary        (const ScraperPosting *posting);
/* "Berlin, Paris +2", or NULL. */
char                 *scraper_format_locations     (const ScraperPosting *posting);
/* "Posted 3 days ago" / "Posted 8 April 2026", or NULL. */
char                 *scraper_format_posted        (const ScraperPosting *posting);
/* "Applied · 3 days ago": where an application stands; NULL for a new posting. */
char                 *scraper_format_status_pill   (const ScraperPosting *posting);

G_END_DECLS
