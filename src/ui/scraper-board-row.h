/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A job board a URL led to, as the preview task describes it (an a{sv}
 * of its "boards", see scraper-preview-task.h). */

/* The company its postings name, else its name on its host ("Acme"). */
char      *scraper_board_display_name (GVariant *board);

/* How many postings a preview found, as far as it knows (@preview: an
 * a{sv} with "found", "more", "at-least", "pages", "total-estimate"):
 * "6 postings", "23 postings on the first page", "23 of about 50
 * postings", "at least 500 postings". */
char      *scraper_board_describe_found (GVariant *preview);

/* What the Add Source preview found (its result for a page, see
 * scraper-preview-task.h): "Found 6 postings in this feed", "Found 24 of
 * about 50 postings (Career Site (JSON-LD))". */
char      *scraper_board_describe_preview (GVariant *summary);

/* A row with the board's name, product, address and first postings, or
 * why it cannot be added. */
GtkWidget *scraper_board_row_new      (GVariant *board);

G_END_DECLS
