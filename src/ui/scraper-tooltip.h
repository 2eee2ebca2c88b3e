/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets @widget's tooltip to @text (NULL or "" for none), and its
 * accessible description with it, without asking the display anything.
 *
 * gtk_widget_set_tooltip_text() and the "tooltip-text" property look up
 * where the pointer is on every call, even on a widget not yet in a
 * window: on X11 (GTK 4.8) a round trip to the server, which a row being
 * built or updated pays each time, on the main thread.  This stores the
 * text and answers "query-tooltip" with it when the pointer comes; the
 * same text again changes nothing at all. */
void        scraper_tooltip_set (GtkWidget  *widget,
                                 const char *text);
const char *scraper_tooltip_get (GtkWidget  *widget);

G_END_DECLS
