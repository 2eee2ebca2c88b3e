/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "model/scraper-posting.h"

G_BEGIN_DECLS

/* A row of chips that wraps like a line of words. */
#define SCRAPER_TYPE_CHIP_BOX (scraper_chip_box_get_type ())
G_DECLARE_FINAL_TYPE (ScraperChipBox, scraper_chip_box, SCRAPER, CHIP_BOX, GtkWidget)

/* The facts of a posting as a row of chips with icons, as GNOME Software
 * shows an app's: company, place, remote / hybrid / on-site, salary,
 * employment type, posted and closing dates, source, seniority, skills;
 * only those the posting states.  Text from elsewhere is cleaned and shown
 * as plain text; each chip reads "Name: value" to screen readers. */
void   scraper_job_facts_fill (ScraperChipBox       *facts,
                               const ScraperPosting *posting);
/* What the chips read, in order. */
GStrv  scraper_job_facts_dup  (ScraperChipBox       *facts);

G_END_DECLS
