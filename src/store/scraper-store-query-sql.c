/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

/* The SQL of a query of postings: its filters, its orders, and the shapes
 * of statement the runner in scraper-store-query.c asks for (a page, a
 * count, the matches sorted, the walk of an order). */

#include "config.h"

#include <math.h>

#include "scraper-store-query-private.h"

typedef struct {
  enum { BIND_INT, BIND_DOUBLE, BIND_TEXT } type;
  gint64  i;
  double  d;
  char   *s;
} Bind;

static void
bind_clear (gpointer data)
{
  Bind *bind = data;
  g_free (bind->s);
}

/* %TEXT% for LIKE, with LIKE's own characters taken literally. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* The search index a query reads: the default view never shows archived
 * postings, and searches the index of the others only (schema 9), a tenth
 * of a year's postings, with prefix indexes for the word being typed. */
const char *
store_query_fts_table (const ScraperQuery *query)
{
  return query->show_archived ? "postings_fts" : "postings_fts_live";
}

static void build_filters (const ScraperQuery *query,
                           GString            *sql,
                           GArray             *binds);

/* Whether a filter reads a column of the posting (beyond its id and the
 * archived flag). */
static gboolean
has_row_filters (const ScraperQuery *query)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) binds = g_array_new (FALSE, TRUE, sizeof (Bind));

  g_array_set_clear_func (binds, bind_clear);
  build_filters (query, sql, binds);
  return sql->len > 0;
}

/* The conditions of a search of the unarchived postings' index with no
 * filter on the postings' columns: every posting it holds is unarchived
 * (its triggers keep it so), and none needs to be looked up. */
static void
build_where_fts_only (const ScraperQuery *query,
                      const char         *match,
                      GString            *sql,
                      GArray             *binds)
{
  Bind b = { BIND_TEXT, 0, 0, g_strdup (match) };

  g_assert (!query->show_archived);
  g_string_append_printf (sql, " WHERE fts.%s MATCH ?", store_query_fts_table (query));
  g_array_append_val (binds, b);
  if (!query->include_blocked)
    g_string_append (sql, " AND fts.rowid NOT IN (SELECT id FROM blocked_postings)");
}

static void
build_where (const ScraperQuery *query,
             const char         *match,
             gboolean            fts_join,
             GString            *sql,
             GArray             *binds)
{
  Bind b = { 0, };

  g_string_append (sql, " WHERE 1");

  if (match != NULL)
    {
      /* Joined for a rank order; otherwise the matching ids form a set the
       * planner probes while it walks an index in the wanted order, or
       * looks up and sorts, whichever it estimates cheaper. */
      if (fts_join)
        g_string_append_printf (sql, " AND fts.%s MATCH ?", store_query_fts_table (query));
      else
        g_string_append_printf (sql, " AND p.id IN (SELECT rowid FROM %s WHERE %s MATCH ?)",
                                store_query_fts_table (query), store_query_fts_table (query));
      b = (Bind) { BIND_TEXT, 0, 0, g_strdup (match) };
      g_array_append_val (binds, b);
    }
  if (!query->show_archived)
    g_string_append (sql, " AND p.archived = 0");
  /* Empty unless the user blocked something: then a set built once. */
  if (!query->include_blocked)
    g_string_append (sql, " AND p.id NOT IN (SELECT id FROM blocked_postings)");
  build_filters (query, sql, binds);
}

/* The filters on the postings' columns; has_row_filters() tells whether
 * any is set. */
static void
build_filters (const ScraperQuery *query,
               GString            *sql,
               GArray             *binds)
{
  Bind b = { 0, };

  if (query->remote_only)
    g_string_append (sql, query->include_hybrid ? " AND p.remote IN (2, 3)" : " AND p.remote = 3");
  if (query->min_salary > 0 && !isnan (query->min_salary))
    {
      g_string_append (sql, " AND coalesce(p.annual_max, p.annual_min) >= ?");
      b = (Bind) { BIND_DOUBLE, 0, query->min_salary, NULL };
      g_array_append_val (binds, b);
    }
  if (query->status >= 0)
    {
      g_string_append (sql, " AND p.status = ?");
      b = (Bind) { BIND_INT, query->status, 0, NULL };
      g_array_append_val (binds, b);
    }
  if (query->favorites_only)
    g_string_append (sql, " AND p.favorite <> 0");
  if (query->source_id > 0)
    {
      g_string_append (sql, " AND p.source_id = ?");
      b = (Bind) { BIND_INT, query->source_id, 0, NULL };
      g_array_append_val (binds, b);
    }
  if (query->first_seen_after > 0)
    {
      g_string_append (sql, " AND p.first_seen > ?");
      b = (Bind) { BIND_INT, query->first_seen_after, 0, NULL };
      g_array_append_val (binds, b);
    }
  if (query->posted_within_days > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) since = g_date_time_add_days (now, -(gint) query->posted_within_days);

      g_string_append (sql, " AND coalesce(p.date_posted, date(p.first_seen, 'unixepoch')) >= ?");
      b = (Bind) { BIND_TEXT, 0, 0, g_date_time_format (since, "%Y-%m-%d") };
      g_array_append_val (binds, b);
    }
  if (query->location != NULL && *query->location != '\0')
    {
      g_autoptr(GString) json = g_string_new (NULL);

      /* Any of the places, as the stored JSON array spells them (a quote
       * or backslash escaped), or the country. */
      for (const char *p = query->location; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (json, '\\');
          g_string_append_c (json, *p);
        }
      g_string_append (sql, " AND (p.locations LIKE ? ESCAPE '\\' OR p.country LIKE ? ESCAPE '\\')");
      b = (Bind) { BIND_TEXT, 0, 0, like_pattern (json->str) };
      g_array_append_val (binds, b);
      b = (Bind) { BIND_TEXT, 0, 0, like_pattern (query->location) };
      g_array_append_val (binds, b);
    }
  if (query->employment_type != NULL && *query->employment_type != '\0')
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", query->employment_type);
      g_autofree char *pattern = like_pattern (quoted);

      /* A whole element of the stored array, "FULL_TIME" with its quotes. */
      g_string_append (sql, " AND p.employment_type LIKE ? ESCAPE '\\'");
      b = (Bind) { BIND_TEXT, 0, 0, g_steal_pointer (&pattern) };
      g_array_append_val (binds, b);
    }
  /* A repeat of an opening hides behind its original, as long as the
   * original is shown; within one source there is nothing to collapse. */
  if (query->collapse_duplicates && query->source_id <= 0)
    g_string_append (sql, query->show_archived
                     ? " AND p.duplicate_of IS NULL"
                     : " AND (p.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM postings d"
                       " WHERE d.id = p.duplicate_of AND d.archived = 0))");
}

/* Whether the narrow index of each posting's sort keys and filtered
 * columns (postings_by_id_keys, schema version 10) holds every column a
 * page of matches sorted in @query's order reads: then the matches are
 * looked up there, not in the postings' wide rows.  Places and the kind
 * of employment are not in it; Best Match ranks in the search index. */
static gboolean
keys_cover (const ScraperQuery *query)
{
  return query->sort != SCRAPER_SORT_RELEVANCE &&
         (query->location == NULL || *query->location == '\0') &&
         (query->employment_type == NULL || *query->employment_type == '\0');
}

/* Best Match: bm25 with the columns' weights (title, company, places,
 * description), through scraper_rank() (scraper-store-rank.c), which
 * skips bm25's pass over the whole index for a single phrase. */
#define RANK_EXPR(table) "scraper_rank(fts." table ", 10.0, 5.0, 3.0, 1.0)"

static const char *
order_by (const ScraperQuery *query,
          gboolean            has_match)
{
  switch (query->sort)
    {
    case SCRAPER_SORT_SALARY:
      /* One direction throughout, so an index serves it backwards. */
      return " ORDER BY coalesce(p.annual_max, p.annual_min) IS NOT NULL DESC, "
             "coalesce(p.annual_max, p.annual_min) DESC, p.id DESC";
    case SCRAPER_SORT_RELEVANCE:
      if (has_match)
        return query->show_archived
               ? " ORDER BY " RANK_EXPR ("postings_fts") ", p.id DESC"
               : " ORDER BY " RANK_EXPR ("postings_fts_live") ", p.id DESC";
      return " ORDER BY p.relevance IS NULL, p.relevance DESC, p.id DESC";
    case SCRAPER_SORT_COMPANY:
      return " ORDER BY p.company IS NULL, p.company COLLATE NOCASE, p.title COLLATE NOCASE, p.id";
    case SCRAPER_SORT_TITLE:
      return " ORDER BY p.title IS NULL, p.title COLLATE NOCASE, p.company COLLATE NOCASE, p.id";
    case SCRAPER_SORT_FIRST_SEEN:
      return " ORDER BY p.first_seen DESC, p.id DESC";
    case SCRAPER_SORT_POSTED:
    default:
      return " ORDER BY coalesce(p.date_posted, date(p.first_seen, 'unixepoch')) DESC, p.id DESC";
    }
}

/* The sort keys of order_by() (no search) as the result columns 2.. of
 * each half of a merged walk (the first is the id), and the same order
 * over those columns. */
static void
order_columns (const ScraperQuery  *query,
               const char         **columns,
               const char         **order)
{
  switch (query->sort)
    {
    case SCRAPER_SORT_SALARY:
      *columns = "coalesce(p.annual_max, p.annual_min) IS NOT NULL, coalesce(p.annual_max, p.annual_min)";
      *order = " ORDER BY 2 DESC, 3 DESC, 1 DESC";
      return;
    case SCRAPER_SORT_RELEVANCE:
      *columns = "p.relevance IS NULL, p.relevance";
      *order = " ORDER BY 2, 3 DESC, 1 DESC";
      return;
    case SCRAPER_SORT_COMPANY:
      *columns = "p.company IS NULL, p.company, p.title";
      *order = " ORDER BY 2, 3 COLLATE NOCASE, 4 COLLATE NOCASE, 1";
      return;
    case SCRAPER_SORT_TITLE:
      *columns = "p.title IS NULL, p.title, p.company";
      *order = " ORDER BY 2, 3 COLLATE NOCASE, 4 COLLATE NOCASE, 1";
      return;
    case SCRAPER_SORT_FIRST_SEEN:
      *columns = "p.first_seen";
      *order = " ORDER BY 2 DESC, 1 DESC";
      return;
    case SCRAPER_SORT_POSTED:
    default:
      *columns = "coalesce(p.date_posted, date(p.first_seen, 'unixepoch'))";
      *order = " ORDER BY 2 DESC, 1 DESC";
      return;
    }
}

/* Every posting that passes the filters, the archived included, in the
 * query's order (no search): the unarchived and the archived as the two
 * halves of a compound SELECT whose ORDER BY SQLite runs as a merge, each
 * half read in order from the order's index (archived first) as far as
 * the caller steps.  One ORDER BY over both sorts every posting before
 * the first row (170-290 ms for a first page at a million, bench/scale). */
static void
build_merged_walk (const ScraperQuery *query,
                   GString            *sql,
                   GArray             *binds)
{
  const char *columns, *order;

  order_columns (query, &columns, &order);
  for (int archived = 0; archived <= 1; archived++)
    {
      if (archived)
        g_string_append (sql, " UNION ALL ");
      g_string_append_printf (sql, "SELECT p.id, %s FROM postings p", columns);
      build_where (query, NULL, FALSE, sql, binds);
      g_string_append_printf (sql, " AND p.archived = %d", archived);
    }
  g_string_append (sql, order);
}

#define RANK_CANDIDATES 5000

/* The query of a page selects ids only, over narrow rows and indexes; the
 * full records are read afterwards for the ids of the page. */
sqlite3_stmt *
store_query_prepare (StoreConn          *conn,
                     const ScraperQuery *query,
                     StoreQueryShape     shape,
                     GError            **error)
{
  g_autofree char *match = query->search && shape != STORE_QUERY_WALK
                           ? store_build_match_expression (query->search) : NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) binds = g_array_new (FALSE, TRUE, sizeof (Bind));
  gboolean count_only = shape == STORE_QUERY_COUNT;
  /* Counting and ranking visit every match anyway: from the index's
   * doclist, with CROSS JOIN keeping it the outer loop (the planner would
   * otherwise walk an archived-first index and run one full-text query per
   * row).  A page in another order probes the set of matches while it
   * walks the index of that order, and stops at the page's end. */
  gboolean fts_join = match != NULL &&
                      (count_only || shape == STORE_QUERY_JOINED || query->sort == SCRAPER_SORT_RELEVANCE);
  sqlite3_stmt *stmt;

  g_array_set_clear_func (binds, bind_clear);

  /* Ranking by relevance ranks a bounded set of candidates: the newest
   * matches that pass the filters, at least RANK_CANDIDATES and always the
   * whole of what the page reaches.  bm25 of a word in every posting
   * ("the") otherwise scores all of them to show 500. */
  gboolean bounded = fts_join && shape == STORE_QUERY_PAGE;
  gboolean limited = shape == STORE_QUERY_PAGE || shape == STORE_QUERY_JOINED;
  /* Counting or ranking the unarchived postings' matches with no filter
   * on their columns reads the search index alone. */
  gboolean fts_only = fts_join && shape != STORE_QUERY_JOINED && !query->show_archived &&
                      !has_row_filters (query);
  /* With the archived shown, a page with no search, or a walk (a search
   * probed while walking, query_search_page_ids()), steps through a merge:
   * at a million, a page 100 000 deep in 48-55 ms against 760-790 ms for
   * one sort, a page at the end 216-271 against 735 ms (sqlite3 shell). */
  gboolean merged = query->show_archived &&
                    (shape == STORE_QUERY_WALK || (shape == STORE_QUERY_PAGE && match == NULL));

  if (merged)
    {
      build_merged_walk (query, sql, binds);
      if (limited)
        g_string_append (sql, " LIMIT ? OFFSET ?");
    }
  else
    {
      if (count_only)
        g_string_append (sql, "SELECT count(*)");
      else if (bounded)
        {
          g_string_append (sql, fts_only
                           ? "SELECT id FROM (SELECT fts.rowid AS id, "
                           : "SELECT id FROM (SELECT p.id AS id, ");
          g_string_append (sql, query->show_archived
                           ? RANK_EXPR ("postings_fts") " AS r"
                           : RANK_EXPR ("postings_fts_live") " AS r");
        }
      else
        g_string_append (sql, "SELECT p.id");

      if (fts_only)
        g_string_append_printf (sql, " FROM %s AS fts", store_query_fts_table (query));
      else if (fts_join)
        g_string_append_printf (sql, " FROM %s AS fts CROSS JOIN postings p%s ON p.id = fts.rowid",
                                store_query_fts_table (query),
                                shape == STORE_QUERY_JOINED && keys_cover (query)
                                ? " INDEXED BY postings_by_id_keys" : "");
      else
        g_string_append (sql, " FROM postings p");

      if (fts_only)
        build_where_fts_only (query, match, sql, binds);
      else
        build_where (query, match, fts_join, sql, binds);

      if (bounded)
        g_string_append (sql, " ORDER BY fts.rowid DESC LIMIT ?) ORDER BY r, id DESC LIMIT ? OFFSET ?");
      else if (!count_only)
        {
          g_string_append (sql, order_by (query, match != NULL));
          if (limited)
            g_string_append (sql, " LIMIT ? OFFSET ?");
        }
    }

  /* The SQL depends only on which filters are set, so the statement cache
   * holds a handful of shapes, each prepared once per connection. */
  stmt = store_conn_prepare (conn, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < binds->len; i++)
    {
      Bind *b = &g_array_index (binds, Bind, i);

      switch (b->type)
        {
        case BIND_INT:    sqlite3_bind_int64 (stmt, i + 1, b->i); break;
        case BIND_DOUBLE: sqlite3_bind_double (stmt, i + 1, b->d); break;
        case BIND_TEXT:   store_bind_text (stmt, i + 1, b->s); break;
        default:          g_assert_not_reached ();
        }
    }

  if (bounded)
    {
      gint64 reach = query->limit > 0 ? (gint64) query->offset + query->limit : -1;

      sqlite3_bind_int64 (stmt, binds->len + 1, reach < 0 ? -1 : MAX (RANK_CANDIDATES, reach));
      sqlite3_bind_int64 (stmt, binds->len + 2, query->limit > 0 ? (gint64) query->limit : -1);
      sqlite3_bind_int64 (stmt, binds->len + 3, query->offset);
    }
  else if (limited)
    {
      sqlite3_bind_int64 (stmt, binds->len + 1, query->limit > 0 ? (gint64) query->limit : -1);
      sqlite3_bind_int64 (stmt, binds->len + 2, query->offset);
    }

  return stmt;
}
