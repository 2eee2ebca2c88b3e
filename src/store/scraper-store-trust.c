/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-store-private.h"

/* A database file may come from elsewhere (--db).  Its triggers and views
 * run whenever the app writes or reads the tables they are on, so a file
 * whose schema holds code the app did not write is refused.
 * (PRAGMA trusted_schema=OFF would be the general answer, but SQLite 3.40
 * does not mark FTS5 innocuous: the app's own triggers that keep the
 * search index would then fail.) */

/* (type, name) -> sql of every trigger and view in @db's main schema. */
static GHashTable *
schema_code (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  g_autoptr(GHashTable) code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT type || ' ' || name, sql FROM main.sqlite_master "
                           "WHERE type IN ('trigger', 'view')", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_insert (code, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_error_db (error, db, path, rc);
      return NULL;
    }
  return g_steal_pointer (&code);
}

/* The migrations call the app's functions on the rows they move; the
 * reference database has none. */
static void
null_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_null (context);
}

gboolean
store_check_schema_code (StoreConn  *conn,
                         GError    **error)
{
  g_autoptr(GHashTable) ours = NULL;
  g_autoptr(GHashTable) theirs = NULL;
  const char * const *migrations;
  sqlite3 *reference = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_migrations;
  int version = 0;
  int rc;

  /* The file's version (already checked to be one we know): compared
   * before migrating it, so that none of its code runs on our writes. */
  {
    sqlite3_stmt *stmt = NULL;

    rc = sqlite3_prepare_v2 (conn->db, "PRAGMA user_version", -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        version = sqlite3_column_int (stmt, 0);
        rc = SQLITE_OK;
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_OK)
      {
        store_set_error_db (error, conn->db, scraper_store_get_path (conn->store), rc);
        return FALSE;
      }
  }

  /* The schema the migrations make up to that version, built in memory. */
  rc = sqlite3_open_v2 (":memory:", &reference, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (reference, "scraper_dup_key", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                  NULL, null_function, NULL, NULL);
  migrations = store_migrations (&n_migrations);
  if (version < 0 || (guint) version > n_migrations)
    {
      /* Changed by another process since the connection checked it. */
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_TOO_NEW,
                   _("The database “%s” has an invalid schema version (%d): it was not written by Job Scraper, or it is damaged. Choose another database with --db."),
                   scraper_store_get_path (conn->store), version);
      sqlite3_close (reference);
      return FALSE;
    }
  for (guint i = 0; rc == SQLITE_OK && i < (guint) version; i++)
    rc = sqlite3_exec (reference, migrations[i], NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_error_db (error, reference, ":memory:", rc);
      sqlite3_close (reference);
      return FALSE;
    }
  ours = schema_code (reference, ":memory:", error);
  sqlite3_close (reference);
  if (ours == NULL)
    return FALSE;

  theirs = schema_code (conn->db, scraper_store_get_path (conn->store), error);
  if (theirs == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, theirs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (ours, key), value) != 0)
      {
        g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_A_DATABASE,
                     _("The database “%s” contains code Job Scraper did not write (%s): it is not opened. Choose another database with --db."),
                     scraper_store_get_path (conn->store), (const char *) key);
        return FALSE;
      }
  return TRUE;
}
