/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-store-private.h"

G_BEGIN_DECLS

/* The local Monday 00:00 of the week of @t, the one after it, and the
 * ISO name "YYYY-Www" of the week (NULL for a time out of range). */
void store_week_bounds (gint64   t,
                        gint64  *start,
                        gint64  *end,
                        char   **label);

/* Whether any posting is blocked (bound as ?8 to the NOT_BLOCKED terms). */
gboolean store_any_blocked (StoreConn  *conn,
                            gboolean   *any,
                            GError    **error);

/* Orders doubles, for g_array_sort(). */
int      store_compare_doubles (gconstpointer a,
                                gconstpointer b);

G_END_DECLS
