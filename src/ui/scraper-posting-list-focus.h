/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "scraper-posting-object.h"

G_BEGIN_DECLS

typedef void (*ScraperRowFocusedFunc) (ScraperPostingObject *item,
                                       gpointer              user_data);

/* Calls @func with the posting of the row of @list (of ScraperPostingRow
 * children) that gets the keyboard focus, as arrow keys move it: in the
 * window @list is in, for as long as @list and @user_data (a GObject)
 * live. */
void scraper_posting_list_follow_focus (GtkListView           *list,
                                        ScraperRowFocusedFunc  func,
                                        gpointer               user_data);

G_END_DECLS
