/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

/* What the user and the enrichers change on one posting: the star, the
 * status, the notes, the derived fields. */

#include "config.h"

#include "scraper-store-applications-private.h"

static gboolean
update_one (ScraperStore  *self,
            const char    *sql,
            gint64         posting_id,
            int            kind,
            gint64         value,
            const char    *text,
            GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, posting_id);
  if (kind == 0)
    sqlite3_bind_int64 (stmt, 2, value);
  else
    store_bind_text (stmt, 2, text);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);

  if (!store_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      store_set_posting_not_found (error, posting_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
scraper_store_set_favorite (ScraperStore  *self,
                            gint64         posting_id,
                            gboolean       favorite,
                            GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  return update_one (self, "UPDATE postings SET favorite = ?2 WHERE id = ?1 AND ?3 IS NOT NULL",
                     posting_id, 0, favorite ? 1 : 0, NULL, error);
}

gboolean
scraper_store_set_status (ScraperStore          *self,
                          gint64                 posting_id,
                          ScraperPostingStatus   status,
                          GError               **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  /* One operation for the window, the board and the command line: the
   * status and its stage event (scraper-store-applications.c). */
  return scraper_store_change_status (self, posting_id, status, NULL, NULL, error);
}

gboolean
scraper_store_set_notes (ScraperStore  *self,
                         gint64         posting_id,
                         const char    *notes,
                         GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  return update_one (self, "UPDATE postings SET notes = ?2 WHERE id = ?1 AND ?3 IS NOT NULL",
                     posting_id, 1, 0, notes && *notes ? notes : NULL, error);
}

gboolean
scraper_store_update_enrichment (ScraperStore    *self,
                                 ScraperPosting  *posting,
                                 GError         **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *skills = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (posting != NULL, FALSE);

  /* SET expressions all see the row as it was, so the conditions on the
   * salary columns agree with each other. */
  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "UPDATE postings SET seniority = ?2, skills = ?3, relevance = ?4, "
                                   "remote = CASE WHEN remote = 0 THEN ?5 ELSE remote END, "
                                   "salary_min = CASE WHEN salary_min IS NULL AND salary_max IS NULL THEN ?6 ELSE salary_min END, "
                                   "salary_max = CASE WHEN salary_min IS NULL AND salary_max IS NULL THEN ?7 ELSE salary_max END, "
                                   "salary_currency = CASE WHEN salary_min IS NULL AND salary_max IS NULL THEN ?8 ELSE salary_currency END, "
                                   "salary_period = CASE WHEN salary_min IS NULL AND salary_max IS NULL THEN ?9 ELSE salary_period END, "
                                   "annual_min = CASE WHEN annual_min IS NULL AND annual_max IS NULL THEN ?10 ELSE annual_min END, "
                                   "annual_max = CASE WHEN annual_min IS NULL AND annual_max IS NULL THEN ?11 ELSE annual_max END "
                                   "WHERE id = ?1", error)))
    return FALSE;

  skills = store_strv_to_json ((const char * const *) posting->skills);
  sqlite3_bind_int64 (stmt, 1, posting->id);
  store_bind_text (stmt, 2, posting->seniority);
  store_bind_text (stmt, 3, skills);
  store_bind_double (stmt, 4, posting->relevance);
  sqlite3_bind_int (stmt, 5, posting->remote);
  store_bind_double (stmt, 6, posting->salary_min);
  store_bind_double (stmt, 7, posting->salary_max);
  store_bind_text (stmt, 8, posting->salary_currency);
  sqlite3_bind_int (stmt, 9, posting->salary_period);
  store_bind_double (stmt, 10, posting->annual_min);
  store_bind_double (stmt, 11, posting->annual_max);

  if (!store_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      store_set_posting_not_found (error, posting->id);
      return FALSE;
    }
  return TRUE;
}
