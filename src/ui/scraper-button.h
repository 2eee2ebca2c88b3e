/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Buttons that act at once when activated.
 *
 * GtkButton's "activate" (the keyboard's Space and Enter, a mnemonic, and
 * an assistive technology's "click" action, which calls
 * gtk_widget_activate()) shows the button pressed and emits "clicked" only
 * 250 ms later.  These emit "clicked" before the activation returns and
 * keep the pressed look for a moment after it, without a second "clicked".
 * A pointer click is GtkButton's own, unchanged. */
#define SCRAPER_TYPE_BUTTON (scraper_button_get_type ())
G_DECLARE_FINAL_TYPE (ScraperButton, scraper_button, SCRAPER, BUTTON, GtkButton)

#define SCRAPER_TYPE_TOGGLE_BUTTON (scraper_toggle_button_get_type ())
G_DECLARE_FINAL_TYPE (ScraperToggleButton, scraper_toggle_button, SCRAPER, TOGGLE_BUTTON, GtkToggleButton)

GtkWidget *scraper_button_new        (void);
GtkWidget *scraper_toggle_button_new (void);

G_END_DECLS
