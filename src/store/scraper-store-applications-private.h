/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-store-applications.h"
#include "scraper-store-private.h"

G_BEGIN_DECLS

/* On a connection the caller holds (inside its transaction, if any). */
GPtrArray     *store_list_stage_events (StoreConn   *conn,
                                        gint64       posting_id,
                                        GError     **error);
GPtrArray     *store_list_contacts     (StoreConn   *conn,
                                        gint64       posting_id,
                                        GError     **error);

/* The columns of a contact as read by store_contact_from_stmt(), which
 * returns a new ScraperContact (a StoreRowNewFunc). */
#define STORE_CONTACT_COLUMNS "id, posting_id, name, role, email, link, notes"
gpointer       store_contact_from_stmt (sqlite3_stmt *stmt);

/* Brings the blocked set up to date for the postings @ids (gint64) just
 * written by a sync, inside its transaction (scraper-store-blocks.c). */
gboolean       store_blocks_refresh_ids (StoreConn  *conn,
                                         GArray     *ids,
                                         GError    **error);

G_END_DECLS
