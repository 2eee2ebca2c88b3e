/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* First widget below @root (depth first, @root included) of @type for which
 * @match returns TRUE (NULL matches any). */
GtkWidget *ui_test_find_widget        (GtkWidget   *root,
                                       GType        type,
                                       gboolean   (*match) (GtkWidget *widget, gpointer data),
                                       gpointer     data);
/* A button whose label or accessible label is @label. */
GtkWidget *ui_test_find_button        (GtkWidget   *root,
                                       const char  *label);
/* Spins the default main context until @condition returns TRUE or
 * @timeout_ms passes; returns the last value of @condition. */
gboolean   ui_test_spin_until         (gboolean   (*condition) (gpointer data),
                                       gpointer     data,
                                       guint        timeout_ms);
/* Spins the main context for @ms (to let layout and idle handlers run). */
void       ui_test_spin               (guint        ms);
/* The toplevel window of type @type, or NULL. */
GtkWindow *ui_test_find_toplevel      (GType        type);

/* Points the XDG user folders at a fresh temporary folder.  Unlike
 * G_TEST_OPTION_ISOLATE_DIRS it keeps the system data folders, which GTK
 * needs for icons and MIME types.  Call before g_test_init(). */
void       ui_test_isolate_home       (void);

G_END_DECLS
