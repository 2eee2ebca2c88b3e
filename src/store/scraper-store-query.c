/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scraper-store-applications-private.h"

ScraperPosting *
store_posting_from_stmt (sqlite3_stmt *stmt)
{
  ScraperPosting *p = scraper_posting_new ();
  g_autofree char *locations = store_column_dup (stmt, 7);
  g_autofree char *employment = store_column_dup (stmt, 10);
  g_autofree char *skills = store_column_dup (stmt, 23);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->source_id = sqlite3_column_int64 (stmt, 1);
  p->external_id = store_column_dup (stmt, 2);
  p->url = store_column_dup (stmt, 3);
  p->apply_url = store_column_dup (stmt, 4);
  p->title = store_column_dup (stmt, 5);
  p->company = store_column_dup (stmt, 6);
  p->locations = store_strv_from_json (locations);
  p->country = store_column_dup (stmt, 8);
  p->remote = (ScraperRemoteKind) sqlite3_column_int (stmt, 9);
  p->employment_type = store_strv_from_json (employment);
  p->salary_min = store_column_double (stmt, 11);
  p->salary_max = store_column_double (stmt, 12);
  p->salary_currency = store_column_dup (stmt, 13);
  p->salary_period = (ScraperSalaryPeriod) sqlite3_column_int (stmt, 14);
  p->annual_min = store_column_double (stmt, 15);
  p->annual_max = store_column_double (stmt, 16);
  p->date_posted = store_column_dup (stmt, 17);
  p->valid_through = store_column_dup (stmt, 18);
  p->description_text = store_column_dup (stmt, 19);
  p->description_markup = store_column_dup (stmt, 20);
  p->direct_apply = sqlite3_column_int (stmt, 21) != 0;
  p->seniority = store_column_dup (stmt, 22);
  p->skills = store_strv_from_json (skills);
  p->relevance = store_column_double (stmt, 24);
  p->favorite = sqlite3_column_int (stmt, 25) != 0;
  p->status = (ScraperPostingStatus) CLAMP (sqlite3_column_int (stmt, 26), 0, SCRAPER_N_STATUSES - 1);
  p->applied_at = sqlite3_column_int64 (stmt, 27);
  p->notes = store_column_dup (stmt, 28);
  p->content_hash = store_column_dup (stmt, 29);
  p->first_seen = sqlite3_column_int64 (stmt, 30);
  p->last_seen = sqlite3_column_int64 (stmt, 31);
  p->archived = sqlite3_column_int (stmt, 32) != 0;
  p->duplicate_of = sqlite3_column_int64 (stmt, 33);
  p->source_name = store_column_dup (stmt, 34);

  return p;
}

void
scraper_query_init (ScraperQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->status = -1;
  query->sort = SCRAPER_SORT_POSTED;
}

gboolean
scraper_sort_key_from_string (const char     *str,
                              ScraperSortKey *key)
{
  static const struct { const char *name; ScraperSortKey key; } names[] = {
    { "posted", SCRAPER_SORT_POSTED }, { "date", SCRAPER_SORT_POSTED },
    { "salary", SCRAPER_SORT_SALARY }, { "relevance", SCRAPER_SORT_RELEVANCE },
    { "company", SCRAPER_SORT_COMPANY }, { "title", SCRAPER_SORT_TITLE },
    { "first-seen", SCRAPER_SORT_FIRST_SEEN }, { "first_seen", SCRAPER_SORT_FIRST_SEEN },
  };

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (str, names[i].name) == 0)
      {
        if (key)
          *key = names[i].key;
        return TRUE;
      }
  return FALSE;
}

/* Turns what the user typed into an FTS5 query that cannot be a syntax
 * error: every run of letters and digits becomes a quoted term, and all
 * terms must match.  The word still being typed, the last one unless a
 * space or another separator follows it, is a prefix ("eng" finds
 * "engineer"); the words before it are whole words.  A prefix term makes
 * FTS5 merge the lists of every word it starts, which for a common word
 * costs as much as reading the index, and an earlier word is finished.
 * Operators, quotes, parentheses and stars typed by the user are
 * separators.  NULL when nothing is left. */
char *
store_build_match_expression (const char *search)
{
  g_autofree char *valid = g_utf8_make_valid (search, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, '"');
          g_string_append_len (out, word->str, word->len);
          g_string_append (out, c == 0 ? "\"*" : "\"");
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return out->len > 0 ? g_strdup (out->str) : NULL;
}

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
static const char *
fts_table (const ScraperQuery *query)
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
  g_string_append_printf (sql, " WHERE fts.%s MATCH ?", fts_table (query));
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
        g_string_append_printf (sql, " AND fts.%s MATCH ?", fts_table (query));
      else
        g_string_append_printf (sql, " AND p.id IN (SELECT rowid FROM %s WHERE %s MATCH ?)",
                                fts_table (query), fts_table (query));
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

/* What a statement of prepare_query() reads. */
typedef enum {
  SHAPE_PAGE,    /* the ids of a page, in the query's order */
  SHAPE_COUNT,   /* the number of postings that pass */
  SHAPE_JOINED,  /* the ids of a page: every match looked up, then sorted */
  SHAPE_WALK,    /* the ids of every posting that passes all but the search,
                  * in the query's order, with no limit */
} Shape;

/* The query of a page selects ids only, over narrow rows and indexes; the
 * full records are read afterwards for the ids of the page. */
static sqlite3_stmt *
prepare_query (StoreConn          *conn,
               const ScraperQuery *query,
               Shape               shape,
               GError            **error)
{
  g_autofree char *match = query->search && shape != SHAPE_WALK
                           ? store_build_match_expression (query->search) : NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) binds = g_array_new (FALSE, TRUE, sizeof (Bind));
  gboolean count_only = shape == SHAPE_COUNT;
  /* Counting and ranking visit every match anyway: from the index's
   * doclist, with CROSS JOIN keeping it the outer loop (the planner would
   * otherwise walk an archived-first index and run one full-text query per
   * row).  A page in another order probes the set of matches while it
   * walks the index of that order, and stops at the page's end. */
  gboolean fts_join = match != NULL &&
                      (count_only || shape == SHAPE_JOINED || query->sort == SCRAPER_SORT_RELEVANCE);
  sqlite3_stmt *stmt;

  g_array_set_clear_func (binds, bind_clear);

  /* Ranking by relevance ranks a bounded set of candidates: the newest
   * matches that pass the filters, at least RANK_CANDIDATES and always the
   * whole of what the page reaches.  bm25 of a word in every posting
   * ("the") otherwise scores all of them to show 500. */
  gboolean bounded = fts_join && shape == SHAPE_PAGE;
  gboolean limited = shape == SHAPE_PAGE || shape == SHAPE_JOINED;
  /* Counting or ranking the unarchived postings' matches with no filter
   * on their columns reads the search index alone. */
  gboolean fts_only = fts_join && shape != SHAPE_JOINED && !query->show_archived &&
                      !has_row_filters (query);
  /* With the archived shown, a page with no search, or a walk (a search
   * probed while walking, query_search_page_ids()), steps through a merge:
   * at a million, a page 100 000 deep in 48-55 ms against 760-790 ms for
   * one sort, a page at the end 216-271 against 735 ms (sqlite3 shell). */
  gboolean merged = query->show_archived &&
                    (shape == SHAPE_WALK || (shape == SHAPE_PAGE && match == NULL));

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
        g_string_append_printf (sql, " FROM %s AS fts", fts_table (query));
      else if (fts_join)
        g_string_append_printf (sql, " FROM %s AS fts CROSS JOIN postings p ON p.id = fts.rowid",
                                fts_table (query));
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

/* Up to about this many matches, a page of 500 of the default view in an
 * order other than relevance looks each match up and sorts them (~1 µs
 * each at a million postings); beyond, it walks the order's index and
 * keeps what matches, which costs the page's reach divided by the share
 * of postings that match: ~0.3 µs a posting for an index that holds all
 * the walk reads, ~1 µs where each posting is looked up (the orders by an
 * expression: SQLite 3.40 does not read those from the index alone).  At
 * 100 000 unarchived postings the two meet near 3 000 and 7 000 matches
 * (bench/scale).  A deeper page moves the balance towards sorting. */
static guint joined_max_for_testing;

void
store_set_joined_max_for_testing (guint n)
{
  joined_max_for_testing = n;
}

static guint
joined_max (const ScraperQuery *query,
            gint64              n_postings)
{
  double base = query->sort == SCRAPER_SORT_POSTED || query->sort == SCRAPER_SORT_SALARY ? 6000 : 3000;
  double reach = (double) query->offset + query->limit;

  if (joined_max_for_testing > 0)
    return joined_max_for_testing;
  /* Where the two meet grows as the square root of the reach times the
   * postings walked: those figures were of 100 000. */
  return (guint) (base * sqrt (MAX (1.0, reach / 500.0)) * sqrt (MAX (1.0, n_postings / 100000.0)));
}

/* The matches read so far, newest first: every match at or above the
 * last one is known. */
typedef struct {
  StoreConn    *conn;
  sqlite3_stmt *stmt;
  GArray       *ids;
  gboolean      done;
} Matches;

static gboolean
matches_read (Matches  *m,
              guint     n,
              GError  **error)
{
  for (guint i = 0; i < n && !m->done; i++)
    {
      gboolean has_row;
      gint64 id;

      if (!store_step_row (m->conn, m->stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        {
          m->done = TRUE;
          break;
        }
      id = sqlite3_column_int64 (m->stmt, 0);
      g_array_append_val (m->ids, id);
    }
  return TRUE;
}

static int
cmp_id_desc (const void *a,
             const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x > y ? -1 : x < y;
}

/* Whether @id matches: reads on until the matches reach below it. */
static gboolean
matches_contain (Matches   *m,
                 gint64     id,
                 gboolean  *found,
                 GError   **error)
{
  while (!m->done && (m->ids->len == 0 || g_array_index (m->ids, gint64, m->ids->len - 1) > id))
    if (!matches_read (m, 4096, error))
      return FALSE;
  *found = bsearch (&id, m->ids->data, m->ids->len, sizeof (gint64), cmp_id_desc) != NULL;
  return TRUE;
}

/* The ids of a page with a search, in an order other than relevance.
 * SQLite cannot tell how many postings a search matches, and picks one
 * plan for all: it built the set of every match first, then walked the
 * order's index probing it (30-40 ms at a million for a word that matches
 * nothing, 100+ for one that matches all).  Here the matches are read from the index (of the
 * unarchived postings, or with the archived shown of all), newest first,
 * as far as needed (each word's list is read as it is stored, and in the
 * index of the unarchived a short prefix has its own): few are looked up
 * and sorted; many are probed while the order's index is walked (with the
 * archived, the merge of two, build_merged_walk()), which stops at the
 * page's end. */
static gboolean
query_search_page_ids (StoreConn          *conn,
                       const ScraperQuery *query,
                       const char         *match,
                       GArray             *ids,
                       GError            **error)
{
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) fts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Matches m = { conn, NULL, read, FALSE };
  gboolean has_row;
  guint skipped = 0;

  /* Every match in order: sorting them is never more than walking all. */
  if (query->limit == 0)
    m.done = TRUE;
  else
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ? "
                                              "ORDER BY rowid DESC", fts_table (query),
                                              fts_table (query));
      gint64 n_postings = 0;

      /* With the archived shown, the walk is over all of them: as many as
       * the last id, give or take what was deleted. */
      if (query->show_archived)
        {
          g_autoptr(sqlite3_stmt) last = store_conn_prepare (conn, "SELECT max(id) FROM postings", error);

          if (last == NULL || !store_step_row (conn, last, &has_row, error))
            return FALSE;
          n_postings = has_row ? sqlite3_column_int64 (last, 0) : 0;
        }
      if (!(fts = store_conn_prepare (conn, sql, error)))
        return FALSE;
      store_bind_text (fts, 1, match);
      m.stmt = fts;
      if (!matches_read (&m, joined_max (query, n_postings) + 1, error))
        return FALSE;
      if (m.done && read->len == 0)
        return TRUE;
    }

  if (m.done)
    {
      if (!(stmt = prepare_query (conn, query, SHAPE_JOINED, error)))
        return FALSE;
      for (;;)
        {
          gint64 id;

          if (!store_step_row (conn, stmt, &has_row, error))
            return FALSE;
          if (!has_row)
            break;
          id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      return TRUE;
    }

  if (!(stmt = prepare_query (conn, query, SHAPE_WALK, error)))
    return FALSE;
  while (ids->len < query->limit)
    {
      gboolean found;
      gint64 id;

      if (!store_step_row (conn, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      if (!matches_contain (&m, id, &found, error))
        return FALSE;
      if (!found)
        continue;
      if (skipped < query->offset)
        skipped++;
      else
        g_array_append_val (ids, id);
    }
  return TRUE;
}

#define SQL_GET_POSTING "SELECT " STORE_POSTING_COLUMNS STORE_POSTING_FROM " WHERE p.id = ?"
/* The same columns with the descriptions left out: a long list's rows
 * stay small, and the details read the one they show. */
#define SQL_GET_POSTING_SUMMARY \
  "SELECT p.id, p.source_id, p.external_id, p.url, p.apply_url, p.title, p.company, " \
  "p.locations, p.country, p.remote, p.employment_type, p.salary_min, " \
  "p.salary_max, p.salary_currency, p.salary_period, p.annual_min, " \
  "p.annual_max, p.date_posted, p.valid_through, NULL, NULL, " \
  "p.direct_apply, p.seniority, p.skills, p.relevance, " \
  "p.favorite, p.status, p.applied_at, p.notes, p.content_hash, " \
  "p.first_seen, p.last_seen, p.archived, p.duplicate_of, s.name " \
  "FROM postings p LEFT JOIN sources s ON s.id = p.source_id WHERE p.id = ?"

/* Cancelling: a progress handler on the reading connection asks the
 * cancellable every few thousand SQLite instructions, so a query made
 * obsolete stops where it is (SQLITE_INTERRUPT), not only its result is
 * dropped.  A handler rather than sqlite3_interrupt() from the cancelling
 * thread: the connection may meanwhile serve another caller. */
static void (*progress_hook) (gpointer data);
static gpointer progress_hook_data;

void
scraper_store_set_query_progress_hook_for_testing (void     (*hook) (gpointer data),
                                                   gpointer   data)
{
  progress_hook = hook;
  progress_hook_data = data;
}

static int
query_progress (void *data)
{
  GCancellable *cancellable = data;

  if (progress_hook != NULL)
    progress_hook (progress_hook_data);
  return g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

#define PROGRESS_STEPS 4000

static void
watch_cancellable (StoreConn    *conn,
                   GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (conn->db, PROGRESS_STEPS, query_progress, cancellable);
}

static void
unwatch_cancellable (StoreConn *conn)
{
  if (conn != NULL)
    sqlite3_progress_handler (conn->db, 0, NULL, NULL);
}

/* An interrupted statement reports "interrupted": the caller asked for it. */
static gboolean
cancelled_error (GCancellable  *cancellable,
                 GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  if (error != NULL && *error != NULL)
    g_clear_error (error);
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static GPtrArray *
query_postings (ScraperStore        *self,
                const ScraperQuery  *query,
                GCancellable        *cancellable,
                GError             **error);

GPtrArray *
scraper_store_query_postings (ScraperStore        *self,
                              const ScraperQuery  *query,
                              GError             **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);
  return query_postings (self, query, NULL, error);
}

GPtrArray *
scraper_store_query_postings_cancellable (ScraperStore        *self,
                                          const ScraperQuery  *query,
                                          GCancellable        *cancellable,
                                          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *postings;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  postings = query_postings (self, query, cancellable, &local_error);
  if (postings == NULL && !cancelled_error (cancellable, error) && local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return postings;
}

static GPtrArray *
query_postings (ScraperStore        *self,
                const ScraperQuery  *query,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(sqlite3_stmt) begin = NULL;
  g_autofree char *match = NULL;
  ScraperQuery defaults;
  gboolean has_row;

  if (query == NULL)
    {
      scraper_query_init (&defaults);
      query = &defaults;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* One read transaction: the page and its records agree. */
  if (!(conn = store_conn_get (self, error)) ||
      !(begin = store_conn_prepare (conn, "BEGIN", error)) ||
      !store_step_done (conn, begin, error))
    return NULL;

  match = query->search ? store_build_match_expression (query->search) : NULL;
  if (match != NULL && query->sort != SCRAPER_SORT_RELEVANCE)
    {
      gboolean ok;

      watch_cancellable (conn, cancellable);
      ok = query_search_page_ids (conn, query, match, ids, error);
      unwatch_cancellable (conn);
      if (!ok)
        return NULL;
    }
  else if (!(stmt = prepare_query (conn, query, SHAPE_PAGE, error)))
    return NULL;

  watch_cancellable (conn, cancellable);
  for (; stmt != NULL;)
    {
      gint64 id;

      if (!store_step_row (conn, stmt, &has_row, error))
        {
          unwatch_cancellable (conn);
          return NULL;
        }
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  unwatch_cancellable (conn);
  g_clear_pointer (&stmt, store_stmt_reset);

  if (!(stmt = store_conn_prepare (conn, query->without_descriptions ? SQL_GET_POSTING_SUMMARY : SQL_GET_POSTING,
                                   error)))
    return NULL;

  postings = g_ptr_array_new_full (ids->len, (GDestroyNotify) scraper_posting_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (has_row)
        g_ptr_array_add (postings, store_posting_from_stmt (stmt));
      sqlite3_reset (stmt);
    }
  store_stmt_reset (stmt);

  /* Read-only: ending it cannot lose anything (release rolls back on
   * an error path). */
  store_conn_rollback (conn);

  return g_steal_pointer (&postings);
}

guint
scraper_store_count_postings (ScraperStore        *self,
                              const ScraperQuery  *query,
                              GError             **error)
{
  return scraper_store_count_postings_cancellable (self, query, NULL, error);
}

guint
scraper_store_count_postings_cancellable (ScraperStore        *self,
                                          const ScraperQuery  *query,
                                          GCancellable        *cancellable,
                                          GError             **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  ScraperQuery defaults;
  gboolean has_row, ok;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);

  if (query == NULL)
    {
      scraper_query_init (&defaults);
      query = &defaults;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(conn = store_conn_get (self, error)) ||
      !(stmt = prepare_query (conn, query, SHAPE_COUNT, error)))
    return 0;

  watch_cancellable (conn, cancellable);
  ok = store_step_row (conn, stmt, &has_row, &local_error);
  unwatch_cancellable (conn);
  if (!ok)
    {
      if (!cancelled_error (cancellable, error))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return has_row ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
scraper_store_count_by_status (ScraperStore  *self,
                               guint         *counts,
                               GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * SCRAPER_N_STATUSES);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT status, count(*) FROM postings WHERE archived = 0 "
                                   "AND id NOT IN (SELECT id FROM blocked_postings) "
                                   "GROUP BY status", error)))
    return FALSE;

  for (;;)
    {
      int status;

      if (!store_step_row (conn, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      status = sqlite3_column_int (stmt, 0);
      if (status >= 0 && status < SCRAPER_N_STATUSES)
        counts[status] = (guint) sqlite3_column_int64 (stmt, 1);
    }

  return TRUE;
}

void
store_set_posting_not_found (GError **error,
                             gint64   id)
{
  g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
               _("There is no job with the id %lld."), (long long) id);
}

ScraperPosting *
scraper_store_get_posting (ScraperStore  *self,
                           gint64         id,
                           GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   SQL_GET_POSTING, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!store_step_row (conn, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      store_set_posting_not_found (error, id);
      return NULL;
    }

  return store_posting_from_stmt (stmt);
}

GStrv
scraper_store_get_duplicate_sources (ScraperStore  *self,
                                     gint64         posting_id,
                                     GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean has_row;
  gint64 root, source_id;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT coalesce(duplicate_of, id), source_id FROM postings "
                                   "WHERE id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, posting_id);
  if (!store_step_row (conn, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      store_set_posting_not_found (error, posting_id);
      return NULL;
    }
  root = sqlite3_column_int64 (stmt, 0);
  source_id = sqlite3_column_int64 (stmt, 1);
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn,
                             "SELECT DISTINCT s.name FROM postings p JOIN sources s "
                             "ON s.id = p.source_id WHERE (p.id = ?1 OR p.duplicate_of = ?1) "
                             "AND p.id <> ?2 AND p.source_id <> ?3 ORDER BY s.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, root);
  sqlite3_bind_int64 (stmt, 2, posting_id);
  sqlite3_bind_int64 (stmt, 3, source_id);

  builder = g_strv_builder_new ();
  for (;;)
    {
      if (!store_step_row (conn, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (builder);
}
