/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-store-private.h"

/* Sources and the validators of their conditional requests. */

/* Sources */

#define SOURCE_COLUMNS "id, name, url, kind, enabled, settings, last_run, last_outcome, last_error, last_count, created"

static ScraperSource *
source_from_stmt (sqlite3_stmt *stmt)
{
  ScraperSource *source = scraper_source_new ();

  source->id = sqlite3_column_int64 (stmt, 0);
  source->name = store_column_dup (stmt, 1);
  source->url = store_column_dup (stmt, 2);
  source->kind = store_column_dup (stmt, 3);
  source->enabled = sqlite3_column_int (stmt, 4) != 0;
  source->settings = store_column_dup (stmt, 5);
  source->last_run = sqlite3_column_int64 (stmt, 6);
  source->last_outcome = store_column_dup (stmt, 7);
  source->last_error = store_column_dup (stmt, 8);
  source->last_count = sqlite3_column_int (stmt, 9);
  source->created = sqlite3_column_int64 (stmt, 10);

  return source;
}

static gboolean
validate_source (ScraperSource  *source,
                 GError        **error)
{
  if (source->url == NULL || *source->url == '\0')
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("A source needs an address."));
      return FALSE;
    }
  if (!scraper_source_kind_is_valid (source->kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) scraper_source_get_kinds ());

      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of source. Use one of: %s."),
                   source->kind ? source->kind : "", kinds);
      return FALSE;
    }
  return TRUE;
}

static char *
default_source_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri))
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (url);
}

static void
set_source_conflict_error (GError        **error,
                           ScraperSource  *source)
{
  g_clear_error (error);
  g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
               _("A source with the address “%s” already exists."), source->url);
}

gint64
scraper_store_add_source (ScraperStore   *self,
                          ScraperSource  *source,
                          GError        **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  gint64 created = store_now_seconds ();

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);
  g_return_val_if_fail (source != NULL, 0);

  if (!validate_source (source, error))
    return 0;

  name = source->name && *source->name ? g_strdup (source->name) : default_source_name (source->url);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "INSERT INTO sources (name, url, kind, enabled, settings, created) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", error)))
    return 0;

  store_bind_text (stmt, 1, name);
  store_bind_text (stmt, 2, source->url);
  store_bind_text (stmt, 3, source->kind);
  sqlite3_bind_int (stmt, 4, source->enabled ? 1 : 0);
  store_bind_text (stmt, 5, source->settings);
  sqlite3_bind_int64 (stmt, 6, created);

  if (!store_step_done (conn, stmt, error))
    {
      if (g_error_matches (*error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID))
        set_source_conflict_error (error, source);
      return 0;
    }

  source->id = sqlite3_last_insert_rowid (conn->db);
  source->created = created;
  if (source->name == NULL || *source->name == '\0')
    {
      g_free (source->name);
      source->name = g_steal_pointer (&name);
    }

  return source->id;
}

gboolean
scraper_store_update_source (ScraperStore   *self,
                             ScraperSource  *source,
                             GError        **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!validate_source (source, error))
    return FALSE;

  name = source->name && *source->name ? g_strdup (source->name) : default_source_name (source->url);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "UPDATE sources SET name = ?, url = ?, kind = ?, enabled = ?, "
                                   "settings = ? WHERE id = ?", error)))
    return FALSE;

  store_bind_text (stmt, 1, name);
  store_bind_text (stmt, 2, source->url);
  store_bind_text (stmt, 3, source->kind);
  sqlite3_bind_int (stmt, 4, source->enabled ? 1 : 0);
  store_bind_text (stmt, 5, source->settings);
  sqlite3_bind_int64 (stmt, 6, source->id);

  if (!store_step_done (conn, stmt, error))
    {
      if (g_error_matches (*error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID))
        set_source_conflict_error (error, source);
      return FALSE;
    }

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) source->id);
      return FALSE;
    }

  return TRUE;
}

gboolean
scraper_store_remove_source (ScraperStore  *self,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return FALSE;

  /* Postings carrying user data outlive their source, archived: what the
   * user wrote or marked is never lost. */
  stmt = store_conn_prepare (conn,
                             "UPDATE postings SET source_id = NULL, archived = 1 "
                             "WHERE source_id = ?1 AND (favorite <> 0 OR status <> 0 "
                             "  OR coalesce(notes, '') <> '' "
                             "  OR EXISTS (SELECT 1 FROM stage_events e WHERE e.posting_id = postings.id) "
                             "  OR EXISTS (SELECT 1 FROM reminders r WHERE r.posting_id = postings.id) "
                             "  OR EXISTS (SELECT 1 FROM contacts c WHERE c.posting_id = postings.id))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn, "DELETE FROM postings WHERE source_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn, "DELETE FROM sources WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) id);
      goto fail;
    }

  return store_conn_commit (conn, error);

fail:
  store_conn_rollback (conn);
  return FALSE;
}

gboolean
scraper_store_set_source_enabled (ScraperStore  *self,
                                  gint64         id,
                                  gboolean       enabled,
                                  GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "UPDATE sources SET enabled = ? WHERE id = ?", error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!store_step_done (conn, stmt, error))
    return FALSE;

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

gboolean
scraper_store_rename_source_if (ScraperStore  *self,
                                gint64         id,
                                const char    *old_name,
                                const char    *new_name,
                                gboolean      *renamed,
                                GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (old_name != NULL, FALSE);
  g_return_val_if_fail (new_name != NULL && *new_name != '\0', FALSE);

  if (renamed != NULL)
    *renamed = FALSE;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "UPDATE sources SET name = ?3 WHERE id = ?1 AND name = ?2", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  store_bind_text (stmt, 2, old_name);
  store_bind_text (stmt, 3, new_name);
  if (!store_step_done (conn, stmt, error))
    return FALSE;

  if (renamed != NULL)
    *renamed = sqlite3_changes (conn->db) > 0;
  return TRUE;
}

ScraperSource *
scraper_store_get_source (ScraperStore  *self,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT " SOURCE_COLUMNS " FROM sources WHERE id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_row (conn, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no source with the id %lld."), (long long) id);
      return NULL;
    }

  return source_from_stmt (stmt);
}

GPtrArray *
scraper_store_list_sources (ScraperStore  *self,
                            GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT " SOURCE_COLUMNS " FROM sources ORDER BY id", error)))
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_source_unref);
  for (;;)
    {
      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (sources, source_from_stmt (stmt));
    }

  return g_steal_pointer (&sources);
}

/* Validators */

gboolean
scraper_store_get_validators (ScraperStore  *self,
                              const char    *url,
                              char         **etag,
                              char         **last_modified,
                              GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (etag)
    *etag = NULL;
  if (last_modified)
    *last_modified = NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT etag, last_modified FROM validators WHERE url = ?", error)))
    return FALSE;

  store_bind_text (stmt, 1, url);
  if (!store_step_row (conn, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      if (etag)
        *etag = store_column_dup (stmt, 0);
      if (last_modified)
        *last_modified = store_column_dup (stmt, 1);
    }

  return TRUE;
}

gboolean
scraper_store_set_validators (ScraperStore  *self,
                              const char    *url,
                              const char    *etag,
                              const char    *last_modified,
                              GError       **error)
{
  ScraperValidators v = { url, etag, last_modified };

  g_return_val_if_fail (url != NULL, FALSE);
  return scraper_store_set_validators_all (self, &v, 1, error);
}

gboolean
scraper_store_set_validators_all (ScraperStore            *self,
                                  const ScraperValidators *validators,
                                  guint                    n,
                                  GError                 **error)
{
  g_autoptr(StoreConn) conn = NULL;
  gint64 now = store_now_seconds ();

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (validators != NULL || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    g_return_val_if_fail (validators[i].url != NULL, FALSE);

  if (n == 0)
    return TRUE;
  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const ScraperValidators *v = &validators[i];
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (v->etag == NULL && v->last_modified == NULL)
        stmt = store_conn_prepare (conn, "DELETE FROM validators WHERE url = ?1", error);
      else
        stmt = store_conn_prepare (conn,
                                   "INSERT INTO validators (url, etag, last_modified, updated) "
                                   "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (url) DO UPDATE SET "
                                   "etag = excluded.etag, last_modified = excluded.last_modified, "
                                   "updated = excluded.updated", error);
      if (stmt == NULL)
        {
          store_conn_rollback (conn);
          return FALSE;
        }

      store_bind_text (stmt, 1, v->url);
      if (v->etag != NULL || v->last_modified != NULL)
        {
          store_bind_text (stmt, 2, v->etag);
          store_bind_text (stmt, 3, v->last_modified);
          sqlite3_bind_int64 (stmt, 4, now);
        }
      if (!store_step_done (conn, stmt, error))
        {
          store_conn_rollback (conn);
          return FALSE;
        }
    }

  return store_conn_commit (conn, error);
}
