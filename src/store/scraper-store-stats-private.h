/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The local Monday 00:00 of the week of @t, the one after it, and the
 * ISO name "YYYY-Www" of the week (NULL for a time out of range). */
void store_week_bounds (gint64   t,
                        gint64  *start,
                        gint64  *end,
                        char   **label);

G_END_DECLS
