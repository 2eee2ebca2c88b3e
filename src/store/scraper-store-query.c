/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scraper-store-applications-private.h"
#include "scraper-store-query-private.h"

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

/* A walk gives way to looking every match up and sorting them after this
 * many postings walked per match: a posting walked costs ~0.5 µs (the
 * merge of the unarchived and the archived with the archived shown), a
 * match looked up in the index of sort keys and sorted ~1 µs (bench/scale).
 * So a walk that turns out long costs at most twice the sort. */
static guint walk_per_match_for_testing;

void
store_set_walk_per_match_for_testing (guint n)
{
  walk_per_match_for_testing = n;
}

static guint64
walk_per_match (void)
{
  return walk_per_match_for_testing > 0 ? walk_per_match_for_testing : 2;
}

/* The ids of a page with a search: every match looked up, then sorted. */
static gboolean
query_joined_page_ids (StoreConn          *conn,
                       const ScraperQuery *query,
                       GArray             *ids,
                       GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_query_prepare (conn, query, STORE_QUERY_JOINED, error);
  gboolean has_row;

  if (stmt == NULL)
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

/* The ids of a page with a search, in an order other than relevance.
 * SQLite cannot tell how many postings a search matches, and picks one
 * plan for all: it built the set of every match first, then walked the
 * order's index probing it (30-40 ms at a million for a word that matches
 * nothing, 100+ for one that matches all).  Here the matches are read
 * from the index (of the unarchived postings, or with the archived shown
 * of all), newest first, as far as needed (each word's list is read as it
 * is stored, and in the index of the unarchived a short prefix has its
 * own): few are looked up and sorted; many are probed while the order's
 * index is walked (with the archived, the merge of two,
 * build_merged_walk()), which stops at the page's end, or gives way to
 * the sort when it runs long (walk_per_match()). */
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
  guint64 walked = 0;

  /* Every match in order: sorting them is never more than walking all. */
  if (query->limit == 0)
    m.done = TRUE;
  else
    {
      const char *table = store_query_fts_table (query);
      g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ? "
                                              "ORDER BY rowid DESC", table, table);
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
    return query_joined_page_ids (conn, query, ids, error);

  if (!(stmt = store_query_prepare (conn, query, STORE_QUERY_WALK, error)))
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
      walked++;
      /* The matches are many but come late in the order ("senior" by
       * title: 812 500 postings walked at a million before the first):
       * once every match is known and the walk has cost what looking them
       * all up would, they are looked up and sorted.  What the walk found
       * is left: the sort gives the whole page. */
      if (m.done && walked > walk_per_match () * read->len)
        {
          g_array_set_size (ids, 0);
          g_clear_pointer (&stmt, store_stmt_reset);
          return query_joined_page_ids (conn, query, ids, error);
        }
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
  else if (!(stmt = store_query_prepare (conn, query, STORE_QUERY_PAGE, error)))
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
      !(stmt = store_query_prepare (conn, query, STORE_QUERY_COUNT, error)))
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
