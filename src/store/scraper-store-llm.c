/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include "scraper-store-llm.h"
#include "scraper-store-private.h"

/* The posting_llm table remembers, per posting, the content hash it had
 * when a language model was last asked about it: an unchanged posting is
 * not sent again (it costs the user time or money), a changed one is. */

const char *
scraper_llm_outcome_to_string (ScraperLlmOutcome outcome)
{
  switch (outcome)
    {
    case SCRAPER_LLM_OUTCOME_FILLED:  return "filled";
    case SCRAPER_LLM_OUTCOME_NOTHING: return "nothing";
    case SCRAPER_LLM_OUTCOME_INVALID: return "invalid";
    default:                          return "invalid";
    }
}

/* What counts as missing; the same conditions guard the writes below, so
 * a field stated or filled in the meantime is kept. */
#define SQL_NO_SALARY     "(p.salary_min IS NULL AND p.salary_max IS NULL)"
#define SQL_NO_SENIORITY  "(p.seniority IS NULL OR p.seniority = '')"
#define SQL_NO_SKILLS     "(p.skills IS NULL OR p.skills IN ('', '[]'))"

#define SQL_CANDIDATES \
  "SELECT " STORE_POSTING_COLUMNS STORE_POSTING_FROM \
  " WHERE p.archived = 0" \
  " AND (" SQL_NO_SALARY " OR p.remote = 0 OR " SQL_NO_SENIORITY " OR " SQL_NO_SKILLS ")" \
  " AND NOT EXISTS (SELECT 1 FROM posting_llm l WHERE l.id = p.id" \
  "   AND l.content_hash = coalesce(p.content_hash, ''))" \
  " ORDER BY p.first_seen DESC, p.id DESC LIMIT ?1"

GPtrArray *
scraper_store_llm_candidates (ScraperStore  *self,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) postings = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, SQL_CANDIDATES, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  for (;;)
    {
      gboolean has_row;

      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (postings, store_posting_from_stmt (stmt));
    }

  return g_steal_pointer (&postings);
}

/* Only where the store still lacks a field, and only while the posting has
 * the content the model was asked about.  SET expressions all see the row
 * as it was, so the salary conditions agree with each other. */
#define SQL_FILL \
  "UPDATE postings AS p SET " \
  "remote = CASE WHEN p.remote = 0 THEN ?3 ELSE p.remote END, " \
  "salary_min = CASE WHEN " SQL_NO_SALARY " THEN ?4 ELSE p.salary_min END, " \
  "salary_max = CASE WHEN " SQL_NO_SALARY " THEN ?5 ELSE p.salary_max END, " \
  "salary_currency = CASE WHEN " SQL_NO_SALARY " THEN ?6 ELSE p.salary_currency END, " \
  "salary_period = CASE WHEN " SQL_NO_SALARY " THEN ?7 ELSE p.salary_period END, " \
  "annual_min = CASE WHEN " SQL_NO_SALARY " THEN ?8 ELSE p.annual_min END, " \
  "annual_max = CASE WHEN " SQL_NO_SALARY " THEN ?9 ELSE p.annual_max END, " \
  "seniority = CASE WHEN " SQL_NO_SENIORITY " THEN ?10 ELSE p.seniority END, " \
  "skills = CASE WHEN " SQL_NO_SKILLS " THEN ?11 ELSE p.skills END, " \
  "relevance = coalesce(?12, p.relevance) " \
  "WHERE p.id = ?1 AND coalesce(p.content_hash, '') = ?2"

#define SQL_MARK \
  "INSERT INTO posting_llm (id, content_hash, checked, outcome) " \
  "SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM postings WHERE id = ?1) " \
  "ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, " \
  "checked = excluded.checked, outcome = excluded.outcome"

static gboolean
fill_one (StoreConn              *conn,
          const ScraperLlmAnswer *answer,
          GError                **error)
{
  const ScraperPosting *p = answer->posting;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *skills = NULL;

  if (!(stmt = store_conn_prepare_static (conn, SQL_FILL, error)))
    return FALSE;

  skills = store_strv_to_json ((const char * const *) p->skills);
  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, p->content_hash ? p->content_hash : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, p->remote);
  store_bind_double (stmt, 4, p->salary_min);
  store_bind_double (stmt, 5, p->salary_max);
  store_bind_text (stmt, 6, p->salary_currency);
  sqlite3_bind_int (stmt, 7, p->salary_period);
  store_bind_double (stmt, 8, p->annual_min);
  store_bind_double (stmt, 9, p->annual_max);
  store_bind_text (stmt, 10, p->seniority && *p->seniority ? p->seniority : NULL);
  store_bind_text (stmt, 11, skills);
  store_bind_double (stmt, 12, p->relevance);

  return store_step_done (conn, stmt, error);
}

static gboolean
mark_one (StoreConn              *conn,
          const ScraperLlmAnswer *answer,
          gint64                  now,
          GError                **error)
{
  const ScraperPosting *p = answer->posting;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = store_conn_prepare_static (conn, SQL_MARK, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, p->content_hash ? p->content_hash : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, scraper_llm_outcome_to_string (answer->outcome), -1, SQLITE_STATIC);

  return store_step_done (conn, stmt, error);
}

gboolean
scraper_store_llm_save (ScraperStore            *self,
                        const ScraperLlmAnswer  *answers,
                        guint                    n,
                        GError                 **error)
{
  g_autoptr(StoreConn) conn = NULL;
  gint64 now = store_now_seconds ();

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (answers != NULL || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    g_return_val_if_fail (answers[i].posting != NULL && answers[i].posting->id > 0, FALSE);

  if (n == 0)
    return TRUE;
  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if ((answers[i].outcome == SCRAPER_LLM_OUTCOME_FILLED && !fill_one (conn, &answers[i], error)) ||
          !mark_one (conn, &answers[i], now, error))
        {
          store_conn_rollback (conn);
          return FALSE;
        }
    }

  return store_conn_commit (conn, error);
}

gboolean
scraper_store_llm_get_asked (ScraperStore  *self,
                             gint64         posting_id,
                             char         **content_hash,
                             gint64        *checked,
                             char         **outcome,
                             GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT content_hash, checked, outcome FROM posting_llm WHERE id = ?1",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, posting_id);
  if (!store_step_row (conn, stmt, &has_row, error) || !has_row)
    return FALSE;

  if (content_hash != NULL)
    *content_hash = store_column_dup (stmt, 0);
  if (checked != NULL)
    *checked = sqlite3_column_int64 (stmt, 1);
  if (outcome != NULL)
    *outcome = store_column_dup (stmt, 2);
  return TRUE;
}
