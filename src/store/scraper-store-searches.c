/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "scraper-store-private.h"

/* Saved searches: named filters of the Jobs view, and when their results
 * were last looked at.
 *
 * The table has columns for the first filters (text, remote, starred,
 * status, minimum salary).  The later ones (location, employment type,
 * posted within, source) travel in the "search" column without a schema
 * change: as an RFC 7464 JSON text (the record separator U+001E, then a
 * JSON object with the text as its member "search").  Text the user
 * typed never begins with that separator: such text is written as JSON
 * too, so what is read back is always what was saved.  A later migration
 * can move the members into columns of their own with json_extract(). */

#define SEARCH_COLUMNS "id, name, search, remote_only, favorites_only, status, min_salary, created, last_viewed"

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

#define RECORD_SEPARATOR '\x1e'
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


static gboolean
has_more_filters (const ScraperSavedSearch *search)
{
  return search->location != NULL || search->employment_type != NULL ||
         search->posted_within_days > 0 || search->source_id > 0;
}

/* What the "search" column holds for @text (normalized) and the later
 * filters of @search. */
static char *
encode_search_column (const char               *text,
                      const ScraperSavedSearch *search)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (!has_more_filters (search) && (text == NULL || text[0] != RECORD_SEPARATOR))
    return g_strdup (text);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (text != NULL)
    {
      json_builder_set_member_name (builder, "search");
      json_builder_add_string_value (builder, text);
    }
  if (search->location != NULL)
    {
      json_builder_set_member_name (builder, "location");
      json_builder_add_string_value (builder, search->location);
    }
  if (search->employment_type != NULL)
    {
      json_builder_set_member_name (builder, "employment_type");
      json_builder_add_string_value (builder, search->employment_type);
    }
  if (search->posted_within_days > 0)
    {
      json_builder_set_member_name (builder, "posted_within_days");
      json_builder_add_int_value (builder, search->posted_within_days);
    }
  if (search->source_id > 0)
    {
      json_builder_set_member_name (builder, "source_id");
      json_builder_add_int_value (builder, search->source_id);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  return g_strdup_printf ("%c%s", RECORD_SEPARATOR, json);
}

static char *
dup_member_text (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return normalize_text (text);
}

static gint64
member_count (JsonObject *object,
              const char *name,
              gint64      max)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  value = json_node_get_int (node);
  return value > 0 && value <= max ? value : 0;
}

/* Fills @search's text and later filters from the "search" column.  What
 * another program wrote there and does not parse is kept as plain text;
 * members of the wrong type or out of range are left out. */
static void
decode_search_column (ScraperSavedSearch *search,
                      const char         *column)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;

  if (column == NULL || column[0] != RECORD_SEPARATOR)
    {
      search->search = g_strdup (column);
      return;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, column + 1, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      search->search = normalize_text (column + 1);
      return;
    }
  object = json_node_get_object (root);
  search->search = dup_member_text (object, "search");
  search->location = dup_member_text (object, "location");
  search->employment_type = dup_member_text (object, "employment_type");
  search->posted_within_days = (guint) member_count (object, "posted_within_days", MAX_DAYS);
  search->source_id = member_count (object, "source_id", G_MAXINT64);
}

static ScraperSavedSearch *
search_from_stmt (sqlite3_stmt *stmt)
{
  ScraperSavedSearch *search = scraper_saved_search_new ();
  g_autofree char *column = store_column_dup (stmt, 2);

  search->id = sqlite3_column_int64 (stmt, 0);
  search->name = store_column_dup (stmt, 1);
  decode_search_column (search, column);
  search->remote_only = sqlite3_column_int (stmt, 3) != 0;
  search->favorites_only = sqlite3_column_int (stmt, 4) != 0;
  search->status = sqlite3_column_int (stmt, 5);
  search->min_salary = sqlite3_column_double (stmt, 6);
  search->created = sqlite3_column_int64 (stmt, 7);
  search->last_viewed = sqlite3_column_int64 (stmt, 8);

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
  g_autofree char *column = NULL;
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
                                   " status, min_salary, created, last_viewed)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING", error)))
    return 0;

  store_bind_text (stmt, 1, name);
  column = encode_search_column (text, normalized);
  store_bind_text (stmt, 2, column);
  sqlite3_bind_int (stmt, 3, search->remote_only ? 1 : 0);
  sqlite3_bind_int (stmt, 4, search->favorites_only ? 1 : 0);
  sqlite3_bind_int (stmt, 5, search->status);
  sqlite3_bind_double (stmt, 6, search->min_salary);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);

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
