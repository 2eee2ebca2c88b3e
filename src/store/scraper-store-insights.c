/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "scraper-store-applications-private.h"
#include "scraper-store-insights.h"
#include "scraper-store-stats-private.h"

/* The Insights view's numbers, in one read transaction on the caller's
 * thread (the window runs it on the store's thread).  Every query reads
 * ranges of indexes: the weeks a range of (archived, first_seen, source_id) each,
 * the salaries the salaried part of the salary index, the applications the
 * stage events (a few); a search adds the set of its full-text matches. */

/* ?8: whether anything is blocked (the set is not probed otherwise). */
#define NOT_BLOCKED " (?8 = 0 OR p.id NOT IN (SELECT id FROM blocked_postings)) "
#define MATCHING " (?9 IS NULL OR p.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?9)) "

static const char * const seniority_order[] = {
  "intern", "junior", "mid", "senior", "lead", "principal", "manager", "director",
};

static void
source_free (ScraperInsightsSource *source)
{
  g_free (source->name);
  g_free (source);
}

static void
band_free (ScraperSalaryBand *band)
{
  g_free (band->seniority);
  g_free (band);
}

void
scraper_insights_free (ScraperInsights *insights)
{
  if (insights == NULL)
    return;
  g_clear_pointer (&insights->sources, g_ptr_array_unref);
  g_clear_pointer (&insights->salaries, g_ptr_array_unref);
  g_strfreev (insights->weeks);
  g_free (insights->week_counts);
  g_free (insights->currency);
  g_free (insights);
}

guint
scraper_insights_week_total (const ScraperInsights *insights,
                             guint                  week)
{
  guint total = 0;

  g_return_val_if_fail (week < insights->n_weeks, 0);
  for (guint s = 0; s < insights->sources->len; s++)
    total += insights->week_counts[week * insights->sources->len + s];
  return total;
}

static void
bind_match (sqlite3_stmt *stmt,
            const char   *match,
            gboolean      any_blocked)
{
  sqlite3_bind_int (stmt, 8, any_blocked ? 1 : 0);
  if (match != NULL)
    store_bind_text (stmt, 9, match);
  else
    sqlite3_bind_null (stmt, 9);
}

static ScraperInsightsSource *
source_of (ScraperInsights *insights,
           GHashTable      *by_id,
           gint64           id)
{
  ScraperInsightsSource *source = g_hash_table_lookup (by_id, &id);

  if (source == NULL)
    {
      /* A source removed while its postings stay: one bucket, last. */
      source = g_new0 (ScraperInsightsSource, 1);
      source->source_id = 0;
      g_ptr_array_add (insights->sources, source);
      g_hash_table_insert (by_id, &source->source_id, source);
    }
  return source;
}

/* What the row readers below fill in. */
typedef struct
{
  ScraperInsights *insights;
  GHashTable      *by_id;   /* source id -> ScraperInsightsSource */
  GArray          *rows;    /* of read_weeks: (week, source id, count) */
  guint            week;
} Reading;

static void
source_row (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  Reading *r = user_data;
  ScraperInsightsSource *source = g_new0 (ScraperInsightsSource, 1);

  source->source_id = sqlite3_column_int64 (stmt, 0);
  source->name = store_column_dup (stmt, 1);
  g_ptr_array_add (r->insights->sources, source);
  g_hash_table_insert (r->by_id, &source->source_id, source);
}

static void
postings_row (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  Reading *r = user_data;

  source_of (r->insights, r->by_id, sqlite3_column_int64 (stmt, 0))->postings = (guint) sqlite3_column_int64 (stmt, 1);
}

static void
applications_row (sqlite3_stmt *stmt,
                  gpointer      user_data)
{
  Reading *r = user_data;
  ScraperInsightsSource *source = source_of (r->insights, r->by_id, sqlite3_column_int64 (stmt, 0));

  source->applied = (guint) sqlite3_column_int64 (stmt, 1);
  source->responses = (guint) sqlite3_column_int64 (stmt, 2);
}

static gboolean
read_sources (StoreConn        *conn,
              gboolean          any_blocked,
              const char       *match,
              ScraperInsights  *insights,
              GHashTable       *by_id,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Reading r = { insights, by_id, NULL, 0 };

  if (!(stmt = store_conn_prepare (conn, "SELECT id, name FROM sources ORDER BY id", error)) ||
      !store_for_each_row (conn, stmt, source_row, &r, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_reset);

  /* Postings of a source removed meanwhile have no source (0 here). */
  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT p.source_id, count(*) FROM postings p WHERE"
                                   NOT_BLOCKED "AND" MATCHING "GROUP BY 1", error)))
    return FALSE;
  bind_match (stmt, match, any_blocked);
  if (!store_for_each_row (conn, stmt, postings_row, &r, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_reset);

  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT p.source_id,"
                                   " count(DISTINCT CASE WHEN e.to_status IN (2, 3, 4, 5) THEN p.id END),"
                                   " count(DISTINCT CASE WHEN e.to_status IN (3, 4, 5) THEN p.id END)"
                                   " FROM stage_events e JOIN postings p ON p.id = e.posting_id WHERE"
                                   NOT_BLOCKED "AND" MATCHING "GROUP BY 1", error)))
    return FALSE;
  bind_match (stmt, match, any_blocked);
  return store_for_each_row (conn, stmt, applications_row, &r, error);
}

static void
week_row (sqlite3_stmt *stmt,
          gpointer      user_data)
{
  Reading *r = user_data;
  gint64 row[3];

  row[0] = r->week;
  row[1] = sqlite3_column_int64 (stmt, 0);
  row[2] = sqlite3_column_int64 (stmt, 1);
  source_of (r->insights, r->by_id, row[1]);
  g_array_append_vals (r->rows, row, 1);
}

static gboolean
read_weeks (StoreConn        *conn,
            gboolean          any_blocked,
            const char       *match,
            gint64            now,
            ScraperInsights  *insights,
            GHashTable       *by_id,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *bounds = g_new0 (gint64, insights->n_weeks + 1);
  g_autofree char *label = NULL;
  g_autoptr(GDateTime) this_week = NULL;
  gint64 start, end;
  guint n_sources;

  /* The bounds of the weeks, in local time (a week may have 167 hours). */
  store_week_bounds (now, &start, &end, &label);
  this_week = g_date_time_new_from_unix_local (start);
  insights->weeks = g_new0 (char *, insights->n_weeks + 1);
  for (guint w = 0; w <= insights->n_weeks; w++)
    {
      g_autoptr(GDateTime) monday = this_week != NULL
                                    ? g_date_time_add_weeks (this_week, (int) w - (int) insights->n_weeks + 1)
                                    : NULL;

      bounds[w] = monday != NULL ? g_date_time_to_unix (monday)
                                 : start + ((gint64) w - insights->n_weeks + 1) * 7 * 86400;
      if (w < insights->n_weeks)
        insights->weeks[w] = monday != NULL
                             ? g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (monday),
                                                g_date_time_get_week_of_year (monday))
                             : g_strdup ("");
    }

  /* Sources seen only here (removed ones) are added before the counts
   * are laid out: ask first, place after. */
  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT coalesce(p.source_id, 0), count(*) FROM postings p "
                                   "INDEXED BY postings_by_first_seen_source "
                                   "WHERE p.archived IN (0, 1) AND p.first_seen >= ?1 AND p.first_seen < ?2 AND"
                                   NOT_BLOCKED "AND" MATCHING "GROUP BY 1", error)))
    return FALSE;

  {
    g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
    Reading r = { insights, by_id, rows, 0 };

    for (r.week = 0; r.week < insights->n_weeks; r.week++)
      {
        sqlite3_reset (stmt);
        sqlite3_bind_int64 (stmt, 1, bounds[r.week]);
        sqlite3_bind_int64 (stmt, 2, bounds[r.week + 1]);
        bind_match (stmt, match, any_blocked);
        if (!store_for_each_row (conn, stmt, week_row, &r, error))
          return FALSE;
      }

    n_sources = insights->sources->len;
    insights->week_counts = g_new0 (guint, MAX (1, insights->n_weeks * n_sources));
    for (guint i = 0; i < rows->len; i++)
      {
        const gint64 *row = (const gint64 *) (void *) (rows->data + i * sizeof (gint64) * 3);
        ScraperInsightsSource *source = source_of (insights, by_id, row[1]);
        guint s;

        for (s = 0; s < n_sources && g_ptr_array_index (insights->sources, s) != source; s++)
          ;
        insights->week_counts[row[0] * n_sources + s] += (guint) row[2];
      }
  }
  return TRUE;
}

/* The value at @p (0-1) of sorted @values, between neighbours. */
static double
quantile (GArray *values,
          double  p)
{
  double h = (values->len - 1) * p;
  guint lo = (guint) floor (h);
  double v = g_array_index (values, double, lo);

  if (lo + 1 < values->len)
    v += (h - lo) * (g_array_index (values, double, lo + 1) - v);
  return v;
}

static guint
seniority_rank (const char *seniority)
{
  if (seniority == NULL)
    return G_N_ELEMENTS (seniority_order) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (seniority_order); i++)
    if (g_ascii_strcasecmp (seniority, seniority_order[i]) == 0)
      return i;
  return G_N_ELEMENTS (seniority_order);
}

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const ScraperSalaryBand *x = *(ScraperSalaryBand * const *) a;
  const ScraperSalaryBand *y = *(ScraperSalaryBand * const *) b;
  guint rx = seniority_rank (x->seniority), ry = seniority_rank (y->seniority);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x->seniority, y->seniority);
}

/* Adds the salary of a row to @by_currency: currency -> (seniority or ""
 * -> GArray of double). */
static void
salary_row (sqlite3_stmt *stmt,
            gpointer      by_currency)
{
  GHashTable *bands;
  GArray *values;
  const char *seniority, *currency;
  double lo, hi, v;

  seniority = (const char *) sqlite3_column_text (stmt, 0);
  lo = sqlite3_column_type (stmt, 1) != SQLITE_NULL ? sqlite3_column_double (stmt, 1) : NAN;
  hi = sqlite3_column_type (stmt, 2) != SQLITE_NULL ? sqlite3_column_double (stmt, 2) : NAN;
  currency = (const char *) sqlite3_column_text (stmt, 3);
  v = isnan (lo) ? hi : isnan (hi) ? lo : (lo + hi) / 2;
  if (isnan (v) || v <= 0)
    return;

  if (!(bands = g_hash_table_lookup (by_currency, currency)))
    {
      bands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      g_hash_table_insert (by_currency, g_strdup (currency), bands);
    }
  if (!(values = g_hash_table_lookup (bands, seniority != NULL ? seniority : "")))
    {
      values = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (bands, g_strdup (seniority != NULL ? seniority : ""), values);
    }
  g_array_append_val (values, v);
}

static gboolean
read_salaries (StoreConn        *conn,
               gboolean          any_blocked,
               const char       *match,
               ScraperInsights  *insights,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* currency -> (seniority or "" -> GArray of double) */
  g_autoptr(GHashTable) by_currency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_hash_table_unref);
  GHashTable *chosen = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0;

  /* The expression of the salary index, so that its salaried part is read. */
  if (!(stmt = store_conn_prepare (conn,
                                   "SELECT p.seniority, p.annual_min, p.annual_max, coalesce(p.salary_currency, '')"
                                   " FROM postings p WHERE p.archived = 0"
                                   " AND (coalesce(p.annual_max, p.annual_min) IS NOT NULL) = 1 AND"
                                   NOT_BLOCKED "AND" MATCHING, error)))
    return FALSE;
  bind_match (stmt, match, any_blocked);
  if (!store_for_each_row (conn, stmt, salary_row, by_currency, error))
    return FALSE;

  /* Amounts in different currencies do not compare: the most common one. */
  g_hash_table_iter_init (&iter, by_currency);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTableIter inner;
      gpointer values;
      guint n = 0;

      g_hash_table_iter_init (&inner, value);
      while (g_hash_table_iter_next (&inner, NULL, &values))
        n += ((GArray *) values)->len;
      if (n > best || (n == best && g_strcmp0 (key, insights->currency) < 0))
        {
          best = n;
          chosen = value;
          g_free (insights->currency);
          insights->currency = g_strdup (key);
        }
    }
  insights->n_salaries = best;
  if (chosen == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, chosen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *values = value;
      ScraperSalaryBand *band = g_new0 (ScraperSalaryBand, 1);

      g_array_sort (values, store_compare_doubles);
      band->seniority = *(const char *) key != '\0' ? g_strdup (key) : NULL;
      band->count = values->len;
      band->min = g_array_index (values, double, 0);
      band->max = g_array_index (values, double, values->len - 1);
      band->q1 = quantile (values, 0.25);
      band->median = quantile (values, 0.5);
      band->q3 = quantile (values, 0.75);
      g_ptr_array_add (insights->salaries, band);
    }
  g_ptr_array_sort (insights->salaries, compare_bands);
  return TRUE;
}

ScraperInsights *
scraper_store_compute_insights (ScraperStore  *self,
                                const char    *search,
                                guint          n_weeks,
                                gint64         now,
                                GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) begin = NULL;
  g_autoptr(ScraperInsights) insights = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *match = search != NULL ? store_build_match_expression (search) : NULL;
  gboolean any_blocked = TRUE;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);
  g_return_val_if_fail (n_weeks > 0, NULL);

  insights = g_new0 (ScraperInsights, 1);
  insights->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  insights->salaries = g_ptr_array_new_with_free_func ((GDestroyNotify) band_free);
  insights->n_weeks = n_weeks;

  if (!(conn = store_conn_get (self, error)) ||
      !(begin = store_conn_prepare (conn, "BEGIN", error)) ||
      !store_step_done (conn, begin, error) ||
      !store_any_blocked (conn, &any_blocked, error) ||
      !read_sources (conn, any_blocked, match, insights, by_id, error) ||
      !read_weeks (conn, any_blocked, match, now, insights, by_id, error) ||
      !read_salaries (conn, any_blocked, match, insights, error))
    {
      if (conn != NULL)
        store_conn_rollback (conn);
      return NULL;
    }

  store_conn_rollback (conn);
  return g_steal_pointer (&insights);
}

/* Files the contact of a row under its posting in @contacts. */
static void
contact_row (sqlite3_stmt *stmt,
             gpointer      contacts)
{
  ScraperContact *contact = store_contact_from_stmt (stmt);
  GPtrArray *list;

  if (!(list = g_hash_table_lookup (contacts, &contact->posting_id)))
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_contact_free);
      g_hash_table_insert (contacts, g_memdup2 (&contact->posting_id, sizeof (gint64)), list);
    }
  g_ptr_array_add (list, contact);
}

GHashTable *
scraper_store_dup_all_contacts (ScraperStore  *self,
                                GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT " STORE_CONTACT_COLUMNS " "
                                   "FROM contacts ORDER BY posting_id, id", error)) ||
      !store_for_each_row (conn, stmt, contact_row, contacts, error))
    return NULL;
  return g_steal_pointer (&contacts);
}
