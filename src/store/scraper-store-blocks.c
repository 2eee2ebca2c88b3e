/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-store-applications-private.h"

/* The blocklist.  Which postings a block hides is decided here, in C (case
 * folding beyond ASCII, words), and kept in the table blocked_postings:
 * recomputed when a block is added or removed, and for the postings a sync
 * writes.  Queries then leave out the ids of that table, which costs
 * nothing while it is empty. */

static const char * const kind_names[] = { "company", "keyword" };

const char *
scraper_block_kind_to_string (ScraperBlockKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return NULL;
  return kind_names[kind];
}

gboolean
scraper_block_kind_from_string (const char       *str,
                                ScraperBlockKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (str, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (ScraperBlockKind) i;
        return TRUE;
      }
  return FALSE;
}

void
scraper_block_free (ScraperBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->value);
  g_free (block);
}

static char *
fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  normal = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  return g_utf8_casefold (normal != NULL ? normal : valid, -1);
}

/* "C++" and "C#" are words of job titles. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '+' || c == '#';
}

/* The folded words of @text. */
static GStrv
fold_words (const char *text)
{
  g_autofree char *folded = fold (text);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_strv_builder_add (words, word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  return g_strv_builder_end (words);
}

/* A company's name folded, its spaces trimmed and runs of them made one. */
static char *
fold_company (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *folded = fold (text);
  g_autoptr(GString) out = g_string_new (NULL);

  parts = g_strsplit_set (g_strstrip (folded), " \t\n\r\302\240", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, parts[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a block is compared by: the folded company name, or the folded
 * words of the keyword separated by single spaces. */
static char *
block_key (ScraperBlockKind  kind,
           const char       *value)
{
  g_auto(GStrv) words = NULL;

  if (kind == SCRAPER_BLOCK_COMPANY)
    return fold_company (value);
  words = fold_words (value);
  return g_strjoinv (" ", words);
}

static gboolean
words_contain (const char * const *title_words,
               const char * const *words)
{
  guint n = g_strv_length ((GStrv) words);

  if (n == 0)
    return FALSE;
  for (guint i = 0; title_words[i] != NULL; i++)
    {
      guint j;

      for (j = 0; j < n && title_words[i + j] != NULL; j++)
        if (!g_str_equal (title_words[i + j], words[j]))
          break;
      if (j == n)
        return TRUE;
    }
  return FALSE;
}

gboolean
scraper_block_matches (ScraperBlockKind  kind,
                       const char       *value,
                       const char       *company,
                       const char       *title)
{
  if (kind == SCRAPER_BLOCK_COMPANY)
    {
      g_autofree char *want = fold_company (value);
      g_autofree char *have = NULL;

      if (*want == '\0' || company == NULL)
        return FALSE;
      have = fold_company (company);
      return g_str_equal (want, have);
    }
  else
    {
      g_auto(GStrv) want = fold_words (value);
      g_auto(GStrv) have = NULL;

      if (title == NULL)
        return FALSE;
      have = fold_words (title);
      return words_contain ((const char * const *) have, (const char * const *) want);
    }
}

/* Blocks, compiled for matching many postings. */
typedef struct {
  GPtrArray *companies;   /* folded names */
  GPtrArray *keywords;    /* GStrv of folded words */
} Matcher;

static void
matcher_clear (Matcher *m)
{
  g_clear_pointer (&m->companies, g_ptr_array_unref);
  g_clear_pointer (&m->keywords, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Matcher, matcher_clear)

static void
matcher_init (Matcher *m)
{
  m->companies = g_ptr_array_new_with_free_func (g_free);
  m->keywords = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static void
matcher_add (Matcher          *m,
             ScraperBlockKind  kind,
             const char       *value)
{
  if (kind == SCRAPER_BLOCK_COMPANY)
    {
      char *key = fold_company (value);

      if (*key != '\0')
        g_ptr_array_add (m->companies, key);
      else
        g_free (key);
    }
  else
    {
      GStrv words = fold_words (value);

      if (words[0] != NULL)
        g_ptr_array_add (m->keywords, words);
      else
        g_strfreev (words);
    }
}

static gboolean
matcher_is_empty (const Matcher *m)
{
  return m->companies->len == 0 && m->keywords->len == 0;
}

static gboolean
matcher_matches (const Matcher *m,
                 const char    *company,
                 const char    *title)
{
  if (company != NULL && m->companies->len > 0)
    {
      g_autofree char *have = fold_company (company);

      for (guint i = 0; i < m->companies->len; i++)
        if (g_str_equal (have, g_ptr_array_index (m->companies, i)))
          return TRUE;
    }
  if (title != NULL && m->keywords->len > 0)
    {
      g_auto(GStrv) words = fold_words (title);

      for (guint i = 0; i < m->keywords->len; i++)
        if (words_contain ((const char * const *) words, g_ptr_array_index (m->keywords, i)))
          return TRUE;
    }
  return FALSE;
}

static void
add_block_row (sqlite3_stmt *stmt,
               gpointer      m)
{
  ScraperBlockKind kind;

  if (scraper_block_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
    matcher_add (m, kind, (const char *) sqlite3_column_text (stmt, 1));
}

static gboolean
load_matcher (StoreConn  *conn,
              Matcher    *m,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  matcher_init (m);
  if (!(stmt = store_conn_prepare (conn, "SELECT kind, value FROM blocks", error)))
    return FALSE;
  return store_for_each_row (conn, stmt, add_block_row, m, error);
}

/* Sets whether posting @id is blocked. */
static gboolean
set_blocked (StoreConn  *conn,
             gint64      id,
             gboolean    blocked,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = store_conn_prepare (conn, blocked
                             ? "INSERT OR IGNORE INTO blocked_postings (id) VALUES (?1)"
                             : "DELETE FROM blocked_postings WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return store_step_done (conn, stmt, error);
}

typedef struct
{
  Matcher *m;
  GArray  *blocked;   /* gint64 ids */
} MatchRows;

static void
match_posting_row (sqlite3_stmt *stmt,
                   gpointer      user_data)
{
  MatchRows *match = user_data;

  if (matcher_matches (match->m, (const char *) sqlite3_column_text (stmt, 1),
                       (const char *) sqlite3_column_text (stmt, 2)))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (match->blocked, id);
    }
}

/* Recomputes the whole set, inside the caller's transaction. */
static gboolean
refresh_all (StoreConn  *conn,
             GError    **error)
{
  g_auto(Matcher) m = { NULL, };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) blocked = g_array_new (FALSE, FALSE, sizeof (gint64));
  MatchRows match = { &m, blocked };

  if (!store_conn_exec (conn, "DELETE FROM blocked_postings", error) ||
      !load_matcher (conn, &m, error))
    return FALSE;
  if (matcher_is_empty (&m))
    return TRUE;

  if (!(stmt = store_conn_prepare (conn, "SELECT id, company, title FROM postings", error)) ||
      !store_for_each_row (conn, stmt, match_posting_row, &match, error))
    return FALSE;
  store_stmt_reset (stmt);

  for (guint i = 0; i < blocked->len; i++)
    if (!set_blocked (conn, g_array_index (blocked, gint64, i), TRUE, error))
      return FALSE;
  return TRUE;
}

gboolean
store_blocks_refresh_ids (StoreConn  *conn,
                          GArray     *ids,
                          GError    **error)
{
  g_auto(Matcher) m = { NULL, };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (ids == NULL || ids->len == 0)
    return TRUE;
  if (!load_matcher (conn, &m, error))
    return FALSE;
  /* Without blocks nothing is blocked (and removing a block empties the
   * set of what it hid). */
  if (matcher_is_empty (&m))
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean has_row, blocked;

      if (!(stmt = store_conn_prepare (conn, "SELECT company, title FROM postings WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!store_step_row (conn, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        continue;
      blocked = matcher_matches (&m, (const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1));
      g_clear_pointer (&stmt, store_stmt_reset);
      if (!set_blocked (conn, id, blocked, error))
        return FALSE;
    }
  return TRUE;
}

gint64
scraper_store_add_block (ScraperStore      *self,
                         ScraperBlockKind   kind,
                         const char        *value,
                         GError           **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autofree char *key = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  gint64 id;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);

  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("Unknown kind of block."));
      return 0;
    }

  trimmed = g_strstrip (g_utf8_make_valid (value != NULL ? value : "", -1));
  key = block_key (kind, trimmed);
  if (*key == '\0')
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   kind == SCRAPER_BLOCK_COMPANY
                   ? _("Give the name of the company to block.")
                   : _("Give a word to block (letters or digits)."));
      return 0;
    }

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return 0;

  stmt = store_conn_prepare (conn,
                             "INSERT INTO blocks (kind, value, folded, created) VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (kind, folded) DO NOTHING", error);
  if (stmt == NULL)
    goto fail;
  store_bind_text (stmt, 1, kind_names[kind]);
  store_bind_text (stmt, 2, trimmed);
  store_bind_text (stmt, 3, key);
  sqlite3_bind_int64 (stmt, 4, store_now_seconds ());
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  if (sqlite3_changes (conn->db) > 0)
    {
      id = sqlite3_last_insert_rowid (conn->db);
      if (!refresh_all (conn, error))
        goto fail;
    }
  else
    {
      stmt = store_conn_prepare (conn, "SELECT id FROM blocks WHERE kind = ?1 AND folded = ?2", error);
      if (stmt == NULL)
        goto fail;
      store_bind_text (stmt, 1, kind_names[kind]);
      store_bind_text (stmt, 2, key);
      if (!store_step_row (conn, stmt, &has_row, error))
        goto fail;
      id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
      store_stmt_reset (stmt);
    }

  if (!store_conn_commit (conn, error))
    return 0;
  return id;

fail:
  store_conn_rollback (conn);
  return 0;
}

gboolean
scraper_store_remove_block (ScraperStore  *self,
                            gint64         block_id,
                            GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return FALSE;

  stmt = store_conn_prepare (conn, "DELETE FROM blocks WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, block_id);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no block with the id %lld."), (long long) block_id);
      goto fail;
    }

  if (!refresh_all (conn, error))
    goto fail;

  return store_conn_commit (conn, error);

fail:
  store_conn_rollback (conn);
  return FALSE;
}

static gpointer
block_from_stmt (sqlite3_stmt *stmt)
{
  ScraperBlock *block = g_new0 (ScraperBlock, 1);

  block->id = sqlite3_column_int64 (stmt, 0);
  scraper_block_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &block->kind);
  block->value = store_column_dup (stmt, 2);
  return block;
}

GPtrArray *
scraper_store_list_blocks (ScraperStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  return store_collect_query (self, "SELECT id, kind, value FROM blocks ORDER BY id",
                              block_from_stmt, (GDestroyNotify) scraper_block_free, error);
}

static void
add_id (sqlite3_stmt *stmt,
        gpointer      ids)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
}

GHashTable *
scraper_store_dup_blocked_ids (ScraperStore  *self,
                               GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) ids = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "SELECT id FROM blocked_postings", error)))
    return NULL;

  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!store_for_each_row (conn, stmt, add_id, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}
