/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void scraper_a11y_fix_names     (GtkWidget   *root);
void scraper_a11y_name_expander (GtkExpander *expander);

G_END_DECLS
