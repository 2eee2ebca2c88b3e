/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A job board a URL led to, as the preview task describes it (an a{sv}
 * of its "boards", see scraper-preview-task.h). */

/* The company its postings name, else its name on its host ("Acme"). */
char      *scraper_board_display_name (GVariant *board);

/* A row with the board's name, product, address and first postings, or
 * why it cannot be added. */
GtkWidget *scraper_board_row_new      (GVariant *board);

G_END_DECLS
