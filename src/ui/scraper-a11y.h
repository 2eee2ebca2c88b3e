/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void scraper_a11y_fix_names (GtkWidget *root);

G_END_DECLS
