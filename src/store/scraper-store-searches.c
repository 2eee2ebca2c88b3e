/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "scraper-store-private.h"

/* Saved searches: named filters of the Jobs view, and when their results
 * were last looked at.  Each filter has a column of its own; the later
 * ones (location, employment type, posted within, source) came with
 * schema 7. */

#define SEARCH_COLUMNS "id, name, search, remote_only, favorites_only, status, min_salary, created, last_viewed," \
                       " location, employment_type, posted_within_days, source_id"

ScraperSavedSearch *
scraper_saved_search_new (void)
{
  ScraperSavedSearch *search = g_new0 (ScraperSavedSearch, 1);

  search->status = -1;
  return search;
}

void
scraper_saved_search_free (ScraperSavedSearch *search)
{
  if (search == NULL)
    return;
  g_free (search->name);
  g_free (search->search);
  g_free (search->location);
  g_free (search->employment_type);
  g_free (search);
}

ScraperSavedSearch *
scraper_saved_search_copy (const ScraperSavedSearch *search)
{
  ScraperSavedSearch *copy;

  g_return_val_if_fail (search != NULL, NULL);

  copy = g_memdup2 (search, sizeof *search);
  copy->name = g_strdup (search->name);
  copy->search = g_strdup (search->search);
  copy->location = g_strdup (search->location);
  copy->employment_type = g_strdup (search->employment_type);
  return copy;
}

void
scraper_saved_search_to_query (const ScraperSavedSearch *search,
                               ScraperQuery             *query)
{
  g_return_if_fail (search != NULL);
  g_return_if_fail (query != NULL);

  query->search = search->search;
  query->remote_only = search->remote_only;
  query->favorites_only = search->favorites_only;
  query->status = search->status;
  query->min_salary = search->min_salary;
  query->location = search->location;
  query->employment_type = search->employment_type;
  query->posted_within_days = search->posted_within_days;
  query->source_id = search->source_id;
}

/* "Posted within" beyond a hundred years is no filter. */
#define MAX_DAYS         36500

/* Blank text is no text: a search for "  " is a search for anything. */
static char *
normalize_text (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}


/* Text another program wrote is kept only when it is valid UTF-8. */
static char *
column_dup_text (sqlite3_stmt *stmt,
                 int           column)
{
  g_autofree char *text = store_column_dup (stmt, column);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return normalize_text (text);
}

static ScraperSavedSearch *
search_from_stmt (sqlite3_stmt *stmt)
{
  ScraperSavedSearch *search = scraper_saved_search_new ();
  gint64 days, source_id;

  search->id = sqlite3_column_int64 (stmt, 0);
  search->name = store_column_dup (stmt, 1);
  search->search = column_dup_text (stmt, 2);
  search->remote_only = sqlite3_column_int (stmt, 3) != 0;
  search->favorites_only = sqlite3_column_int (stmt, 4) != 0;
  search->status = sqlite3_column_int (stmt, 5);
  search->min_salary = sqlite3_column_double (stmt, 6);
  search->created = sqlite3_column_int64 (stmt, 7);
  search->last_viewed = sqlite3_column_int64 (stmt, 8);
  search->location = column_dup_text (stmt, 9);
  search->employment_type = column_dup_text (stmt, 10);
  /* Out-of-range values another program wrote are no filter. */
  days = sqlite3_column_int64 (stmt, 11);
  search->posted_within_days = days > 0 && days <= MAX_DAYS ? (guint) days : 0;
  source_id = sqlite3_column_int64 (stmt, 12);
  search->source_id = source_id > 0 ? source_id : 0;

  return search;
}

gint64
scraper_store_add_saved_search (ScraperStore        *self,
                                ScraperSavedSearch  *search,
                                GError             **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ScraperSavedSearch) normalized = NULL;
  gint64 now = store_now_seconds ();

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);
  g_return_val_if_fail (search != NULL, 0);

  name = normalize_text (search->name);
  if (name == NULL)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("A saved search needs a name."));
      return 0;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("The name of a saved search must be valid UTF-8 text."));
      return 0;
    }
  text = normalize_text (search->search);
  normalized = scraper_saved_search_copy (search);
  g_free (normalized->location);
  normalized->location = normalize_text (search->location);
  g_free (normalized->employment_type);
  normalized->employment_type = normalize_text (search->employment_type);
  if (search->status < -1 || search->status >= SCRAPER_N_STATUSES ||
      isnan (search->min_salary) || search->min_salary < 0 ||
      (text != NULL && !g_utf8_validate (text, -1, NULL)) ||
      (normalized->location != NULL && !g_utf8_validate (normalized->location, -1, NULL)) ||
      (normalized->employment_type != NULL && !g_utf8_validate (normalized->employment_type, -1, NULL)) ||
      search->posted_within_days > MAX_DAYS || search->source_id < 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("The filters of the saved search “%s” are not valid."), name);
      return 0;
    }

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "INSERT INTO saved_searches (name, search, remote_only, favorites_only,"
                                   " status, min_salary, created, last_viewed, location, employment_type,"
                                   " posted_within_days, source_id)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING", error)))
    return 0;

  store_bind_text (stmt, 1, name);
  store_bind_text (stmt, 2, text);
  sqlite3_bind_int (stmt, 3, search->remote_only ? 1 : 0);
  sqlite3_bind_int (stmt, 4, search->favorites_only ? 1 : 0);
  sqlite3_bind_int (stmt, 5, search->status);
  sqlite3_bind_double (stmt, 6, search->min_salary);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  store_bind_text (stmt, 9, normalized->location);
  store_bind_text (stmt, 10, normalized->employment_type);
  sqlite3_bind_int (stmt, 11, (int) search->posted_within_days);
  if (search->source_id > 0)
    sqlite3_bind_int64 (stmt, 12, search->source_id);
  else
    sqlite3_bind_null (stmt, 12);

  if (!store_step_done (conn, stmt, error))
    return 0;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("A saved search named “%s” already exists."), name);
      return 0;
    }

  search->id = sqlite3_last_insert_rowid (conn->db);
  search->created = now;
  search->last_viewed = now;
  g_free (search->name);
  search->name = g_steal_pointer (&name);
  g_free (search->search);
  search->search = g_steal_pointer (&text);
  g_free (search->location);
  search->location = g_steal_pointer (&normalized->location);
  g_free (search->employment_type);
  search->employment_type = g_steal_pointer (&normalized->employment_type);

  return search->id;
}

gboolean
scraper_store_count_saved_search (ScraperStore        *self,
                                  ScraperSavedSearch  *search,
                                  GError             **error)
{
  ScraperQuery query;
  GError *local_error = NULL;
  guint n_matching, n_new;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (search != NULL, FALSE);

  /* Counted as the Jobs view and "list" show them: archived postings
   * left out. */
  scraper_query_init (&query);
  scraper_saved_search_to_query (search, &query);
  n_matching = scraper_store_count_postings (self, &query, &local_error);
  if (local_error == NULL)
    {
      query.first_seen_after = MAX (search->last_viewed, 1);
      n_new = scraper_store_count_postings (self, &query, &local_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  search->n_matching = n_matching;
  search->n_new = n_new;
  return TRUE;
}

GPtrArray *
scraper_store_list_saved_searches (ScraperStore  *self,
                                   gboolean       counts,
                                   GError       **error)
{
  g_autoptr(GPtrArray) searches = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  searches = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_saved_search_free);

  {
    g_autoptr(StoreConn) conn = NULL;
    g_autoptr(sqlite3_stmt) stmt = NULL;
    gboolean has_row;

    if (!(conn = store_conn_get (self, error)) ||
        !(stmt = store_conn_prepare (conn,
                                     "SELECT " SEARCH_COLUMNS " FROM saved_searches"
                                     " ORDER BY name COLLATE NOCASE, id", error)))
      return NULL;

    while (TRUE)
      {
        if (!store_step_row (conn, stmt, &has_row, error))
          return NULL;
        if (!has_row)
          break;
        g_ptr_array_add (searches, search_from_stmt (stmt));
      }
  }

  /* The counts use connections of their own, after this one is back. */
  for (guint i = 0; counts && i < searches->len; i++)
    if (!scraper_store_count_saved_search (self, g_ptr_array_index (searches, i), error))
      return NULL;

  return g_steal_pointer (&searches);
}

ScraperSavedSearch *
scraper_store_find_saved_search (ScraperStore  *self,
                                 const char    *id_or_name,
                                 GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  gboolean has_row;
  char *end = NULL;
  gint64 id;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  name = g_strstrip (g_strdup (id_or_name));
  id = g_ascii_strtoll (name, &end, 10);
  if (!(conn = store_conn_get (self, error)))
    return NULL;

  /* A name made of digits is found by its name when no id matches. */
  if (*name != '\0' && end != NULL && *end == '\0' && id > 0)
    {
      if (!(stmt = store_conn_prepare (conn, "SELECT " SEARCH_COLUMNS " FROM saved_searches WHERE id = ?", error)))
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (has_row)
        return search_from_stmt (stmt);
      g_clear_pointer (&stmt, store_stmt_reset);
    }

  if (!(stmt = store_conn_prepare (conn, "SELECT " SEARCH_COLUMNS " FROM saved_searches WHERE name = ?", error)))
    return NULL;
  store_bind_text (stmt, 1, name);
  if (!store_step_row (conn, stmt, &has_row, error))
    return NULL;
  if (has_row)
    return search_from_stmt (stmt);

  g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
               _("There is no saved search “%s”."), name);
  return NULL;
}

static gboolean
update_search (ScraperStore  *self,
               const char    *sql,
               gint64         id,
               gboolean       with_now,
               GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, sql, error)))
    return FALSE;

  if (with_now)
    {
      sqlite3_bind_int64 (stmt, 1, store_now_seconds ());
      sqlite3_bind_int64 (stmt, 2, id);
    }
  else
    sqlite3_bind_int64 (stmt, 1, id);

  if (!store_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no saved search with the id %lld."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

gboolean
scraper_store_remove_saved_search (ScraperStore  *self,
                                   gint64         id,
                                   GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  return update_search (self, "DELETE FROM saved_searches WHERE id = ?", id, FALSE, error);
}

gboolean
scraper_store_mark_saved_search_viewed (ScraperStore  *self,
                                        gint64         id,
                                        GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  return update_search (self, "UPDATE saved_searches SET last_viewed = ? WHERE id = ?", id, TRUE, error);
}
