/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include "store-test-util.h"

G_BEGIN_DECLS

/* Raw SQL on a database file, beside the store: to write old layouts and
 * to look at what the store wrote. */
static inline void
test_exec_sql (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static inline char *
test_query_text (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static inline int
test_query_int (const char *path,
                const char *sql)
{
  g_autofree char *text = test_query_text (path, sql);

  return text != NULL ? atoi (text) : -1;
}

static inline ScraperSyncCounts
test_sync (ScraperStore       *store,
           gint64              source_id,
           GPtrArray          *postings,
           ScraperSyncOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts = { 0, };
  ScraperSync *sync;

  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_no_error (error);
  g_assert_true (scraper_sync_finish (sync, outcome, NULL, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

/* A time from ISO 8601 text, asserted valid. */
static inline GDateTime *
test_time (const char *text)
{
  GDateTime *time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return time;
}

G_END_DECLS
