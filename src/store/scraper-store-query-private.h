/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-store-private.h"

G_BEGIN_DECLS

/* The statements of a query of postings (scraper-store-query-sql.c), which
 * scraper-store-query.c runs. */

/* What a statement of store_query_prepare() reads. */
typedef enum {
  STORE_QUERY_PAGE,    /* the ids of a page, in the query's order */
  STORE_QUERY_COUNT,   /* the number of postings that pass */
  STORE_QUERY_JOINED,  /* the ids of a page: every match looked up, then sorted */
  STORE_QUERY_WALK,    /* the ids of every posting that passes all but the
                        * search, in the query's order, with no limit */
} StoreQueryShape;

/* The full-text index a search of @query reads: of the unarchived
 * postings, or with the archived shown of all. */
const char   *store_query_fts_table (const ScraperQuery *query);

/* The statement of @shape for @query, from the connection's cache, its
 * parameters bound. */
sqlite3_stmt *store_query_prepare   (StoreConn          *conn,
                                     const ScraperQuery *query,
                                     StoreQueryShape     shape,
                                     GError            **error);

G_END_DECLS
