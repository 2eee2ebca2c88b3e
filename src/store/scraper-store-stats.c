/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scraper-store-applications-private.h"
#include "scraper-store-stats-private.h"

/* Statistics of the search and the report of applications, computed from
 * postings and stage events.  Blocked postings are left out of the
 * statistics; an application stays in the report whatever is blocked.
 *
 * An application is a posting with an event to applied, interviewing,
 * offer or rejected.  The response rate is the share of postings with an
 * event to "applied" that have, at the same time or later, an event to
 * interviewing, offer or rejected; the days to a response run from the
 * first event to "applied" to the first such event after it. */

/* ?8 is whether anything is blocked: when nothing is, the set is not
 * probed for each posting (a third of a scan's time). */
#define NOT_BLOCKED(col) " (?8 = 0 OR " col " NOT IN (SELECT id FROM blocked_postings)) "
#define APPLICATION_STATUSES "(2, 3, 4, 5)"
#define RESPONSE_STATUSES "(3, 4, 5)"

void
scraper_stats_free (ScraperStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->new_by_week, g_ptr_array_unref);
  g_clear_pointer (&stats->by_source, g_ptr_array_unref);
  g_free (stats);
}

static void
week_count_free (ScraperWeekCount *week)
{
  g_free (week->week);
  g_free (week);
}

static void
source_stats_free (ScraperSourceStats *source)
{
  g_free (source->name);
  g_free (source);
}

static void
bind_since (sqlite3_stmt *stmt,
            GDateTime    *since,
            gboolean      any_blocked)
{
  sqlite3_bind_int (stmt, 8, any_blocked ? 1 : 0);
  if (since != NULL)
    sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (since));
  else
    sqlite3_bind_null (stmt, 1);
}

/* The local Monday 00:00 of the week of @t, the one after it, and the
 * ISO name "YYYY-Www" of the week (NULL for a time out of range). */
void
store_week_bounds (gint64   t,
                   gint64  *start,
                   gint64  *end,
                   char   **label)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (time == NULL)
    {
      *start = t;
      *end = t + 7 * 86400;
      *label = NULL;
      return;
    }
  midnight = g_date_time_new_local (g_date_time_get_year (time), g_date_time_get_month (time),
                                    g_date_time_get_day_of_month (time), 0, 0, 0);
  monday = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (time));
  next = g_date_time_add_weeks (monday, 1);
  *start = g_date_time_to_unix (monday);
  *end = g_date_time_to_unix (next);
  /* A week always ends after the time it holds (a clock never jumps a day). */
  if (*end <= t)
    *end = t + 1;
  if (*start > t)
    *start = t;
  *label = g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (monday),
                            g_date_time_get_week_of_year (monday));
}

gboolean
store_any_blocked (StoreConn  *conn,
                   gboolean   *any,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = store_conn_prepare (conn, "SELECT EXISTS (SELECT 1 FROM blocked_postings)", error)) ||
      !store_step_row (conn, stmt, &has_row, error))
    return FALSE;
  *any = !has_row || sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* The first time a posting was first seen at or after @t, over the index of
 * (archived, first_seen): one seek per value of archived. */
static gboolean
next_first_seen (StoreConn     *conn,
                 gint64         t,
                 gboolean      *found,
                 gint64        *next,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT min(m) FROM ("
                                   "SELECT min(first_seen) AS m FROM postings WHERE archived = 0 AND first_seen >= ?1 "
                                   "UNION ALL "
                                   "SELECT min(first_seen) FROM postings WHERE archived = 1 AND first_seen >= ?1)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t);
  if (!store_step_row (conn, stmt, &has_row, error))
    return FALSE;
  *found = has_row && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  *next = *found ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Postings first seen in [@from, @to), not blocked: a count over a range of
 * the index of (archived, first_seen, id), which holds all it needs. */
static gboolean
count_range (StoreConn     *conn,
             gboolean       any_blocked,
             gint64         from,
             gint64         to,
             guint         *count,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT count(*) FROM postings p INDEXED BY postings_by_first_seen "
                                   "WHERE p.archived IN (0, 1) AND p.first_seen >= ?1 AND p.first_seen < ?2 AND"
                                   NOT_BLOCKED ("p.id"), error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int (stmt, 8, any_blocked ? 1 : 0);
  if (!store_step_row (conn, stmt, &has_row, error))
    return FALSE;
  *count = has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Week by week (local ISO weeks), from the first posting on: a seek to the
 * next first seen, then a count over the range of its week.  The total is
 * their sum. */
static gboolean
count_by_week (StoreConn     *conn,
               gboolean       any_blocked,
               GDateTime     *since,
               ScraperStats  *stats,
               GError       **error)
{
  gint64 t = since != NULL ? g_date_time_to_unix (since) : G_MININT64;

  stats->postings_total = 0;
  for (;;)
    {
      g_autofree char *label = NULL;
      gint64 next, start, end;
      gboolean found;
      guint count;

      if (!next_first_seen (conn, t, &found, &next, error))
        return FALSE;
      if (!found)
        break;
      store_week_bounds (next, &start, &end, &label);
      if (!count_range (conn, any_blocked, MAX (start, t), end, &count, error))
        return FALSE;
      if (count > 0)
        {
          ScraperWeekCount *week = g_new0 (ScraperWeekCount, 1);

          week->week = label != NULL ? g_steal_pointer (&label) : g_strdup ("");
          week->count = count;
          g_ptr_array_add (stats->new_by_week, week);
          stats->postings_total += count;
        }
      t = end;
    }
  return TRUE;
}

typedef struct
{
  ScraperStats *stats;
  GHashTable   *by_id;   /* source id -> ScraperSourceStats */
  guint         pass;    /* 0 postings, 1 applications */
} SourceRows;

static void
source_row (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  SourceRows *r = user_data;
  ScraperSourceStats *source = g_new0 (ScraperSourceStats, 1);

  source->source_id = sqlite3_column_int64 (stmt, 0);
  source->name = store_column_dup (stmt, 1);
  g_ptr_array_add (r->stats->by_source, source);
  g_hash_table_insert (r->by_id, &source->source_id, source);
}

static void
source_count_row (sqlite3_stmt *stmt,
                  gpointer      user_data)
{
  SourceRows *r = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  ScraperSourceStats *source;

  if (!(source = g_hash_table_lookup (r->by_id, &id)))
    return;
  if (r->pass == 0)
    source->postings = (guint) sqlite3_column_int64 (stmt, 1);
  else
    source->applied = (guint) sqlite3_column_int64 (stmt, 1);
}

/* Every source, with its postings (over the index of each source's keys)
 * and its applications (from the events, a few). */
static gboolean
count_by_source (StoreConn     *conn,
                 gboolean       any_blocked,
                 GDateTime     *since,
                 ScraperStats  *stats,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  SourceRows r = { stats, by_id, 0 };

  if (!(stmt = store_conn_prepare (conn, "SELECT id, name FROM sources ORDER BY id", error)) ||
      !store_for_each_row (conn, stmt, source_row, &r, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_reset);

  for (guint pass = 0; pass < 2; pass++)
    {
      /* Without a time, over the index of each source's keys alone (an
       * "?1 IS NULL OR" would read every posting's row). */
      stmt = store_conn_prepare (conn, pass == 0 && since == NULL
                                 ? "SELECT p.source_id, count(*) FROM postings p WHERE p.source_id IS NOT NULL AND"
                                   NOT_BLOCKED ("p.id") "AND ?1 IS NULL GROUP BY p.source_id"
                                 : pass == 0
                                 ? "SELECT p.source_id, count(*) FROM postings p WHERE p.source_id IS NOT NULL AND"
                                   NOT_BLOCKED ("p.id") "AND p.first_seen >= ?1 GROUP BY p.source_id"
                                 : "SELECT p.source_id, count(DISTINCT p.id) FROM stage_events e "
                                   "JOIN postings p ON p.id = e.posting_id WHERE e.to_status IN " APPLICATION_STATUSES
                                   " AND (?1 IS NULL OR e.at >= ?1) AND p.source_id IS NOT NULL AND"
                                   NOT_BLOCKED ("p.id") "GROUP BY p.source_id", error);
      if (stmt == NULL)
        return FALSE;
      bind_since (stmt, since, any_blocked);
      r.pass = pass;
      if (!store_for_each_row (conn, stmt, source_count_row, &r, error))
        return FALSE;
      g_clear_pointer (&stmt, store_stmt_reset);
    }
  return TRUE;
}

static void
status_row (sqlite3_stmt *stmt,
            gpointer      stats)
{
  int status = sqlite3_column_int (stmt, 0);

  if (status >= 0 && status < SCRAPER_N_STATUSES)
    ((ScraperStats *) stats)->applications[status] = (guint) sqlite3_column_int64 (stmt, 1);
}

static gboolean
count_statuses (StoreConn     *conn,
                gboolean       any_blocked,
                GDateTime     *since,
                ScraperStats  *stats,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT p.status, count(*) FROM postings p WHERE"
                                   NOT_BLOCKED ("p.id") "AND p.status <> 0 AND (?1 IS NULL OR EXISTS "
                                   "(SELECT 1 FROM stage_events e WHERE e.posting_id = p.id AND e.at >= ?1)) "
                                   "GROUP BY p.status", error)))
    return FALSE;
  bind_since (stmt, since, any_blocked);
  return store_for_each_row (conn, stmt, status_row, stats, error);
}

int
store_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  ScraperStats *stats;
  GArray       *days;   /* of double: from applied to the first response */
} ResponseRows;

static void
response_row (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  ResponseRows *r = user_data;

  r->stats->n_applied++;
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      double d = (double) (sqlite3_column_int64 (stmt, 1) - sqlite3_column_int64 (stmt, 0)) / 86400.0;

      g_array_append_val (r->days, d);
    }
}

static gboolean
count_responses (StoreConn     *conn,
                 gboolean       any_blocked,
                 GDateTime     *since,
                 ScraperStats  *stats,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  ResponseRows r = { stats, days };

  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT a.applied, (SELECT min(r.at) FROM stage_events r "
                                   "WHERE r.posting_id = a.posting_id AND r.to_status IN " RESPONSE_STATUSES
                                   " AND r.at >= a.applied) "
                                   "FROM (SELECT posting_id, min(at) AS applied FROM stage_events "
                                   "WHERE to_status = 2 AND" NOT_BLOCKED ("posting_id")
                                   "AND (?1 IS NULL OR at >= ?1) GROUP BY posting_id) a", error)))
    return FALSE;
  bind_since (stmt, since, any_blocked);
  if (!store_for_each_row (conn, stmt, response_row, &r, error))
    return FALSE;

  stats->n_responded = days->len;
  stats->response_rate = stats->n_applied > 0 ? (double) stats->n_responded / stats->n_applied : 0;
  stats->median_days_to_response = NAN;
  if (days->len > 0)
    {
      guint n = days->len;

      g_array_sort (days, store_compare_doubles);
      stats->median_days_to_response = n % 2 == 1
        ? g_array_index (days, double, n / 2)
        : (g_array_index (days, double, n / 2 - 1) + g_array_index (days, double, n / 2)) / 2;
    }
  return TRUE;
}

ScraperStats *
scraper_store_compute_stats (ScraperStore  *self,
                             GDateTime     *since,
                             GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(ScraperStats) stats = NULL;
  g_autoptr(sqlite3_stmt) begin = NULL;
  gboolean any_blocked = TRUE;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  stats = g_new0 (ScraperStats, 1);
  stats->new_by_week = g_ptr_array_new_with_free_func ((GDestroyNotify) week_count_free);
  stats->by_source = g_ptr_array_new_with_free_func ((GDestroyNotify) source_stats_free);

  /* One read transaction: the numbers agree with each other. */
  if (!(conn = store_conn_get (self, error)) ||
      !(begin = store_conn_prepare (conn, "BEGIN", error)) ||
      !store_step_done (conn, begin, error) ||
      !store_any_blocked (conn, &any_blocked, error) ||
      !count_by_week (conn, any_blocked, since, stats, error) ||
      !count_by_source (conn, any_blocked, since, stats, error) ||
      !count_statuses (conn, any_blocked, since, stats, error) ||
      !count_responses (conn, any_blocked, since, stats, error))
    return NULL;

  store_conn_rollback (conn);
  return g_steal_pointer (&stats);
}

/* The report */

void
scraper_application_record_free (ScraperApplicationRecord *application)
{
  if (application == NULL)
    return;
  g_clear_pointer (&application->posting, scraper_posting_unref);
  g_clear_pointer (&application->events, g_ptr_array_unref);
  g_clear_pointer (&application->contacts, g_ptr_array_unref);
  g_free (application);
}

static void
id_row (sqlite3_stmt *stmt,
        gpointer      ids)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) ids, id);
}

GPtrArray *
scraper_store_list_applications (ScraperStore  *self,
                                 GDateTime     *from,
                                 GDateTime     *to,
                                 GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) begin = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(begin = store_conn_prepare (conn, "BEGIN", error)) ||
      !store_step_done (conn, begin, error) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT e.posting_id FROM stage_events e GROUP BY e.posting_id "
                                   "HAVING max(e.to_status IN " APPLICATION_STATUSES ") = 1 "
                                   "AND max(e.at >= ?1 AND e.at < ?2) = 1 "
                                   "ORDER BY min(e.at), e.posting_id", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from != NULL ? g_date_time_to_unix (from) : G_MININT64);
  sqlite3_bind_int64 (stmt, 2, to != NULL ? g_date_time_to_unix (to) : G_MAXINT64);
  if (!store_for_each_row (conn, stmt, id_row, ids, error))
    return NULL;
  store_stmt_reset (stmt);

  applications = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_application_record_free);
  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT " STORE_POSTING_COLUMNS STORE_POSTING_FROM
                                   " WHERE p.id = ?", error)))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ScraperApplicationRecord) application = g_new0 (ScraperApplicationRecord, 1);
      gint64 id = g_array_index (ids, gint64, i);
      gboolean has_row;

      sqlite3_bind_int64 (stmt, 1, id);
      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        continue;
      application->posting = store_posting_from_stmt (stmt);
      sqlite3_reset (stmt);

      if (!(application->events = store_list_stage_events (conn, id, error)) ||
          !(application->contacts = store_list_contacts (conn, id, error)))
        return NULL;
      g_ptr_array_add (applications, g_steal_pointer (&application));
    }

  store_conn_rollback (conn);
  return g_steal_pointer (&applications);
}
