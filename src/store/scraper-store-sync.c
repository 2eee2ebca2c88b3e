/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-store-applications-private.h"

/* What a source stored before this run, read once per run: a posting is
 * looked up here rather than in the database, so a batch reads nothing but
 * the duplicate index, and postings that did not change are not rewritten
 * one by one. */
typedef struct
{
  gint64  id;
  char   *canonical_url;
  gint64  first_seen;
  gint64  applied_at;
  gint64  duplicate_of;
  char   *notes;
  char   *hash;        /* in the same block as the key */
  guint8  archived;
  guint8  favorite;
  guint8  status;
  char    key[];       /* sync key, then the hash */
} Known;

struct _ScraperSync
{
  ScraperStore      *store;
  gint64             source_id;
  char              *source_name;
  gint64             run_id;
  ScraperSyncCounts  counts;
  GHashTable        *seen;      /* sync key -> gint64 *id, committed batches */
  GHashTable        *known;     /* sync key -> Known, or NULL until the first batch */
  GHashTable        *by_url;    /* canonical URL -> GPtrArray of Known, with @known */
  GArray            *kept;      /* KeptPosting: seen by scraper_sync_keep_page(), not written yet */
};

/* A posting whose page answered "not modified". */
typedef struct
{
  gint64   id;
  gboolean archived;
} KeptPosting;

/* Sync */

ScraperSync *
scraper_store_begin_sync (ScraperStore  *self,
                          gint64         source_id,
                          GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ScraperSync *sync;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(source = scraper_store_get_source (self, source_id, error)))
    return NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "INSERT INTO runs (source_id, started, outcome) "
                                   "VALUES (?, ?, 'running')", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!store_step_done (conn, stmt, error))
    return NULL;

  sync = g_new0 (ScraperSync, 1);
  sync->store = g_object_ref (self);
  sync->source_id = source_id;
  sync->source_name = g_strdup (source->name);
  sync->run_id = sqlite3_last_insert_rowid (conn->db);
  sync->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return sync;
}

void
scraper_sync_free (ScraperSync *sync)
{
  if (sync == NULL)
    return;
  g_clear_object (&sync->store);
  g_clear_pointer (&sync->seen, g_hash_table_unref);
  g_clear_pointer (&sync->by_url, g_hash_table_unref);
  g_clear_pointer (&sync->known, g_hash_table_unref);
  g_clear_pointer (&sync->kept, g_array_unref);
  g_free (sync->source_name);
  g_free (sync);
}

void
scraper_sync_get_counts (ScraperSync       *sync,
                         ScraperSyncCounts *counts)
{
  g_return_if_fail (sync != NULL);
  g_return_if_fail (counts != NULL);
  *counts = sync->counts;
}

static char *
sync_key_for (const ScraperPosting *posting,
              char                **canonical_url)
{
  *canonical_url = scraper_store_canonicalize_url (posting->url);

  if (posting->external_id != NULL && *posting->external_id != '\0')
    return g_strconcat ("id:", posting->external_id, NULL);
  if (*canonical_url != NULL)
    return g_strconcat ("url:", *canonical_url, NULL);
  if (posting->url != NULL && *posting->url != '\0')
    return g_strconcat ("url:", posting->url, NULL);
  return NULL;
}

/* The columns of a Known, after the key. */
#define SQL_KNOWN_COLUMNS \
  "id, content_hash, archived, first_seen, favorite, status, applied_at, notes, duplicate_of, " \
  "canonical_url"

#define SQL_LOAD_KNOWN \
  "SELECT sync_key, " SQL_KNOWN_COLUMNS " FROM postings WHERE source_id = ?1"

#define SQL_SELECT_EXISTING \
  "SELECT sync_key, " SQL_KNOWN_COLUMNS " FROM postings WHERE source_id = ?1 AND sync_key = ?2"

static void
known_free (gpointer data)
{
  Known *known = data;

  g_free (known->notes);
  g_free (known->canonical_url);
  g_free (known);
}

/* From a row of SQL_LOAD_KNOWN or SQL_SELECT_EXISTING. */
static Known *
known_from_stmt (sqlite3_stmt *stmt)
{
  const char *key = (const char *) sqlite3_column_text (stmt, 0);
  const char *hash = (const char *) sqlite3_column_text (stmt, 2);
  gsize key_len = strlen (key), hash_len = hash ? strlen (hash) : 0;
  Known *known = g_malloc (sizeof (Known) + key_len + 1 + hash_len + 1);

  memcpy (known->key, key, key_len + 1);
  known->hash = known->key + key_len + 1;
  memcpy (known->hash, hash ? hash : "", hash_len + 1);
  known->id = sqlite3_column_int64 (stmt, 1);
  known->archived = sqlite3_column_int (stmt, 3) != 0;
  known->first_seen = sqlite3_column_int64 (stmt, 4);
  known->favorite = sqlite3_column_int (stmt, 5) != 0;
  known->status = (guint8) sqlite3_column_int (stmt, 6);
  known->applied_at = sqlite3_column_int64 (stmt, 7);
  known->notes = store_column_dup (stmt, 8);
  known->duplicate_of = sqlite3_column_int64 (stmt, 9);
  known->canonical_url = store_column_dup (stmt, 10);

  return known;
}

/* Outside any write transaction: only reads. */
static gboolean
load_known (ScraperSync  *sync,
            StoreConn    *conn,
            GError      **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, known_free);
  g_autoptr(GHashTable) by_url = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row = TRUE;

  if (!(stmt = store_conn_prepare (conn, SQL_LOAD_KNOWN, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sync->source_id);

  while (TRUE)
    {
      Known *k;

      if (!store_step_row (conn, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      k = known_from_stmt (stmt);
      g_hash_table_replace (known, k->key, k);
      if (k->canonical_url != NULL)
        {
          GPtrArray *same = g_hash_table_lookup (by_url, k->canonical_url);

          if (same == NULL)
            g_hash_table_insert (by_url, k->canonical_url, (same = g_ptr_array_new ()));
          g_ptr_array_add (same, k);
        }
    }

  g_clear_pointer (&sync->by_url, g_hash_table_unref);
  g_clear_pointer (&sync->known, g_hash_table_unref);
  sync->known = g_steal_pointer (&known);
  sync->by_url = g_steal_pointer (&by_url);
  return TRUE;
}

/* Two index ranges around our own source: a source may carry many postings
 * with the same key (e.g. one opening in many branches), and those must not
 * be scanned for every insert. */
#define SQL_FIND_ORIGINAL \
  "SELECT min(m) FROM (" \
  "SELECT min(id) AS m FROM postings WHERE dup_key = ?1 AND source_id < ?2 " \
  "AND +duplicate_of IS NULL AND id < ?3 UNION ALL " \
  "SELECT min(id) AS m FROM postings WHERE dup_key = ?1 AND source_id > ?2 " \
  "AND +duplicate_of IS NULL AND id < ?3)"

/* A posting this run's snapshot did not know may have been stored since by
 * another scrape of the same source: then it is not inserted twice. */
#define SQL_INSERT \
  "INSERT INTO postings (source_id, sync_key, external_id, canonical_url, url, " \
  "apply_url, title, company, locations, country, remote, employment_type, " \
  "salary_min, salary_max, salary_currency, salary_period, annual_min, annual_max, " \
  "date_posted, valid_through, direct_apply, seniority, skills, relevance, " \
  "content_hash, first_seen, last_seen, seen_run, dup_key, duplicate_of, " \
  "favorite, status, applied_at, notes) " \
  "VALUES (?2, ?33, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, " \
  "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, " \
  "?34, ?35, ?36, ?37) ON CONFLICT (source_id, sync_key) DO NOTHING"

/* The writes of a batch that touch the search index go through the temporary
 * tables of the connection (scraper-store.c) and are applied each by one
 * statement at the end of the batch.  The triggers keep the index in step as
 * ever, but FTS5 writes out what it has gathered whenever a statement that
 * reaches it begins or ends: one statement per batch makes one segment per
 * batch rather than one per posting, which was most of a sync's time. */
#define SQL_STAGE_TEXTS \
  "INSERT INTO temp.sync_texts (id, description_text, description_markup) " \
  "VALUES (?1, ?2, ?3)"

/* OR REPLACE: a texts row left behind by a posting deleted without foreign
 * keys (by another program) must not block the posting that gets its id. */
#define SQL_APPLY_TEXTS \
  "INSERT OR REPLACE INTO posting_texts (id, description_text, description_markup) " \
  "SELECT id, description_text, description_markup FROM temp.sync_texts ORDER BY id"

#define SQL_STAGE_CHANGED \
  "INSERT INTO temp.sync_changed (id, external_id, canonical_url, url, apply_url, " \
  "title, company, locations, country, remote, employment_type, salary_min, " \
  "salary_max, salary_currency, salary_period, annual_min, annual_max, date_posted, " \
  "valid_through, direct_apply, seniority, skills, relevance, content_hash, " \
  "last_seen, seen_run, dup_key, duplicate_of, description_text, description_markup) " \
  "VALUES (?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, " \
  "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?27, ?28, ?29, ?30, ?31, ?32)"

/* A changed posting is written by groups of columns, each group only where
 * it changed: SQLite rewrites every index that holds a column in SET, and a
 * new description should not move the posting in eight list indexes.  The
 * first group holds what no index or trigger reads. */
#define SQL_CHANGED_FROM \
  " FROM temp.sync_changed c WHERE postings.id = +c.id"

static const char * const apply_changed[] = {
  "UPDATE postings SET external_id = c.external_id, canonical_url = c.canonical_url, "
  "url = c.url, apply_url = c.apply_url, country = c.country, "
  "employment_type = c.employment_type, salary_min = c.salary_min, "
  "salary_max = c.salary_max, salary_currency = c.salary_currency, "
  "salary_period = c.salary_period, valid_through = c.valid_through, "
  "direct_apply = c.direct_apply, "
  "seniority = coalesce(c.seniority, postings.seniority), "
  "skills = coalesce(c.skills, postings.skills), "
  "relevance = coalesce(c.relevance, postings.relevance), "
  "content_hash = c.content_hash, last_seen = c.last_seen, seen_run = c.seen_run"
  SQL_CHANGED_FROM,

  "UPDATE postings SET title = c.title, company = c.company" SQL_CHANGED_FROM
  " AND (postings.title IS NOT c.title OR postings.company IS NOT c.company)",

  "UPDATE postings SET locations = c.locations" SQL_CHANGED_FROM
  " AND postings.locations IS NOT c.locations",

  "UPDATE postings SET dup_key = c.dup_key, duplicate_of = c.duplicate_of" SQL_CHANGED_FROM
  " AND (postings.dup_key IS NOT c.dup_key OR postings.duplicate_of IS NOT c.duplicate_of)",

  "UPDATE postings SET date_posted = c.date_posted" SQL_CHANGED_FROM
  " AND postings.date_posted IS NOT c.date_posted",

  "UPDATE postings SET remote = c.remote, annual_min = c.annual_min, "
  "annual_max = c.annual_max" SQL_CHANGED_FROM
  " AND (postings.remote IS NOT c.remote OR postings.annual_min IS NOT c.annual_min "
  "OR postings.annual_max IS NOT c.annual_max)",

  "UPDATE postings SET archived = 0" SQL_CHANGED_FROM " AND postings.archived <> 0",
};

/* Only when a text changed: 1.5 KB rows are not rewritten for nothing. */
#define SQL_APPLY_CHANGED_TEXTS \
  "UPDATE posting_texts SET description_text = c.description_text, " \
  "description_markup = c.description_markup FROM temp.sync_changed c " \
  "WHERE posting_texts.id = +c.id AND (posting_texts.description_text IS NOT c.description_text " \
  "OR posting_texts.description_markup IS NOT c.description_markup)"

#define SQL_STAGE_SEEN \
  "INSERT INTO temp.sync_seen (id, seniority, skills, relevance, unarchive) " \
  "VALUES (?1, ?2, ?3, ?4, ?5)"

/* Without "archived" in SET, the indexes that start with it are not
 * rewritten for the common case of a posting seen again. */
#define SQL_APPLY_SEEN \
  "UPDATE postings SET last_seen = ?1, seen_run = ?2, " \
  "seniority = coalesce(s.seniority, postings.seniority), " \
  "skills = coalesce(s.skills, postings.skills), " \
  "relevance = coalesce(s.relevance, postings.relevance) " \
  "FROM temp.sync_seen s WHERE postings.id = +s.id"

#define SQL_APPLY_UNARCHIVE \
  "UPDATE postings SET archived = 0 " \
  "WHERE id IN (SELECT id FROM temp.sync_seen WHERE unarchive)"

static gboolean
find_original (StoreConn  *conn,
               const char *dup_key,
               gint64      source_id,
               gint64      own_id,
               gint64     *original,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  *original = 0;
  if (dup_key == NULL)
    return TRUE;

  if (!(stmt = store_conn_prepare_static (conn, SQL_FIND_ORIGINAL, error)))
    return FALSE;
  store_bind_text (stmt, 1, dup_key);
  sqlite3_bind_int64 (stmt, 2, source_id);
  sqlite3_bind_int64 (stmt, 3, own_id > 0 ? own_id : G_MAXINT64);
  if (!store_step_row (conn, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    *original = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Binds ?3 .. ?30, the fields a scrape writes, shared by insert and update. */
static void
bind_scraped (sqlite3_stmt         *stmt,
              const ScraperPosting *p,
              const char           *canonical_url,
              const char           *content_hash,
              gint64                now,
              gint64                run_id,
              const char           *dup_key,
              gint64                duplicate_of)
{
  g_autofree char *locations = store_strv_to_json ((const char * const *) p->locations);
  g_autofree char *employment = store_strv_to_json ((const char * const *) p->employment_type);
  g_autofree char *skills = store_strv_to_json ((const char * const *) p->skills);

  store_bind_text (stmt, 3, p->external_id && *p->external_id ? p->external_id : NULL);
  store_bind_text (stmt, 4, canonical_url);
  store_bind_text (stmt, 5, p->url);
  store_bind_text (stmt, 6, p->apply_url);
  store_bind_text (stmt, 7, p->title);
  store_bind_text (stmt, 8, p->company);
  store_bind_text (stmt, 9, locations);
  store_bind_text (stmt, 10, p->country);
  sqlite3_bind_int (stmt, 11, p->remote);
  store_bind_text (stmt, 12, employment);
  store_bind_double (stmt, 13, p->salary_min);
  store_bind_double (stmt, 14, p->salary_max);
  store_bind_text (stmt, 15, p->salary_currency);
  sqlite3_bind_int (stmt, 16, p->salary_period);
  store_bind_double (stmt, 17, p->annual_min);
  store_bind_double (stmt, 18, p->annual_max);
  store_bind_text (stmt, 19, p->date_posted);
  store_bind_text (stmt, 20, p->valid_through);
  sqlite3_bind_int (stmt, 21, p->direct_apply ? 1 : 0);
  store_bind_text (stmt, 22, p->seniority);
  store_bind_text (stmt, 23, skills);
  store_bind_double (stmt, 24, p->relevance);
  store_bind_text (stmt, 25, content_hash);
  sqlite3_bind_int64 (stmt, 26, now);
  sqlite3_bind_int64 (stmt, 27, now);
  sqlite3_bind_int64 (stmt, 28, run_id);
  store_bind_text (stmt, 29, dup_key);
  if (duplicate_of > 0)
    sqlite3_bind_int64 (stmt, 30, duplicate_of);
  else
    sqlite3_bind_null (stmt, 30);
}

/* Inserts a posting the snapshot did not know.  Sets *inserted to FALSE, and
 * *existing to the stored row, when another scrape stored it meanwhile. */
static gboolean
insert_one (ScraperSync     *sync,
            StoreConn       *conn,
            ScraperPosting  *p,
            const char      *key,
            const char      *canonical_url,
            const char      *hash,
            gint64           now,
            gboolean        *inserted,
            Known          **existing,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) texts = NULL;
  g_autofree char *dup_key = store_dup_key (p->company, p->title,
                                            (const char * const *) p->locations);
  gint64 original;

  *inserted = FALSE;
  *existing = NULL;

  if (!find_original (conn, dup_key, sync->source_id, 0, &original, error) ||
      !(insert = store_conn_prepare_static (conn, SQL_INSERT, error)))
    return FALSE;

  sqlite3_bind_int64 (insert, 2, sync->source_id);
  bind_scraped (insert, p, canonical_url, hash, now, sync->run_id, dup_key, original);
  store_bind_text (insert, 33, key);
  sqlite3_bind_int (insert, 34, p->favorite ? 1 : 0);
  sqlite3_bind_int (insert, 35, p->status);
  sqlite3_bind_int64 (insert, 36, p->applied_at);
  store_bind_text (insert, 37, p->notes && *p->notes ? p->notes : NULL);
  if (!store_step_done (conn, insert, error))
    return FALSE;

  if (sqlite3_changes (conn->db) == 0)
    {
      g_autoptr(sqlite3_stmt) select = NULL;
      gboolean has_row;

      if (!(select = store_conn_prepare_static (conn, SQL_SELECT_EXISTING, error)))
        return FALSE;
      sqlite3_bind_int64 (select, 1, sync->source_id);
      store_bind_text (select, 2, key);
      if (!store_step_row (conn, select, &has_row, error))
        return FALSE;
      if (!has_row)
        {
          g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_FAILED,
                       "Posting %s is neither new nor stored", key);
          return FALSE;
        }
      *existing = known_from_stmt (select);
      return TRUE;
    }

  p->id = sqlite3_last_insert_rowid (conn->db);
  p->first_seen = now;
  p->duplicate_of = original;

  if (!(texts = store_conn_prepare_static (conn, SQL_STAGE_TEXTS, error)))
    return FALSE;
  sqlite3_bind_int64 (texts, 1, p->id);
  store_bind_text (texts, 2, p->description_text);
  store_bind_text (texts, 3, p->description_markup);
  if (!store_step_done (conn, texts, error))
    return FALSE;

  *inserted = TRUE;
  return TRUE;
}

/* A posting stored before: stages its new content, or marks it seen. */
static gboolean
stage_existing (ScraperSync       *sync,
                StoreConn         *conn,
                ScraperPosting    *p,
                const Known       *known,
                const char        *canonical_url,
                const char        *hash,
                gint64             now,
                ScraperSyncCounts *counts,
                GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  p->id = known->id;
  p->first_seen = known->first_seen;
  p->favorite = known->favorite;
  p->status = (ScraperPostingStatus) known->status;
  p->applied_at = known->applied_at;
  g_free (p->notes);
  p->notes = g_strdup (known->notes);
  p->duplicate_of = known->duplicate_of;

  if (!g_str_equal (known->hash, hash))
    {
      g_autofree char *dup_key = store_dup_key (p->company, p->title,
                                                (const char * const *) p->locations);
      gint64 original;

      if (!find_original (conn, dup_key, sync->source_id, known->id, &original, error) ||
          !(stmt = store_conn_prepare_static (conn, SQL_STAGE_CHANGED, error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, known->id);
      bind_scraped (stmt, p, canonical_url, hash, now, sync->run_id, dup_key, original);
      store_bind_text (stmt, 31, p->description_text);
      store_bind_text (stmt, 32, p->description_markup);
      if (!store_step_done (conn, stmt, error))
        return FALSE;
      p->duplicate_of = original;
      counts->updated++;
    }
  else
    {
      g_autofree char *skills = store_strv_to_json ((const char * const *) p->skills);

      if (!(stmt = store_conn_prepare_static (conn, SQL_STAGE_SEEN, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, known->id);
      store_bind_text (stmt, 2, p->seniority);
      store_bind_text (stmt, 3, skills);
      store_bind_double (stmt, 4, p->relevance);
      sqlite3_bind_int (stmt, 5, known->archived);
      if (!store_step_done (conn, stmt, error))
        return FALSE;
      counts->unchanged++;
    }

  if (known->archived)
    counts->unarchived++;
  return TRUE;
}

static gboolean
run_staged (StoreConn   *conn,
            const char  *sql,
            gint64       now,
            gint64       run_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_conn_prepare_static (conn, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, run_id);
    }
  return store_step_done (conn, stmt, error);
}

/* Applies what the batch staged, in an order the triggers need: a text is
 * stored after its posting, and a changed posting's old words leave the
 * index before its new ones come in. */
static gboolean
apply_staged (ScraperSync  *sync,
              StoreConn    *conn,
              gint64        now,
              guint         n_changed,
              GError      **error)
{
  if (!run_staged (conn, SQL_APPLY_TEXTS, now, sync->run_id, error))
    return FALSE;

  if (n_changed > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (apply_changed); i++)
        {
          if (!run_staged (conn, apply_changed[i], now, sync->run_id, error))
            return FALSE;
          /* The snapshot said these rows exist; a scrape of the same source
           * in another process may have removed them (with their source). */
          if (i == 0 && (guint) sqlite3_changes (conn->db) != n_changed)
            {
              g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_BUSY,
                           _("The postings of this source were changed by another scrape. Try again."));
              return FALSE;
            }
        }
      if (!run_staged (conn, SQL_APPLY_CHANGED_TEXTS, now, sync->run_id, error))
        return FALSE;
    }

  return run_staged (conn, SQL_APPLY_SEEN, now, sync->run_id, error) &&
         run_staged (conn, SQL_APPLY_UNARCHIVE, now, sync->run_id, error);
}

/* Stages what scraper_sync_keep_page() kept, to be written with the rest
 * of the batch (or by the finish). */
static gboolean
stage_kept (ScraperSync  *sync,
            StoreConn    *conn,
            GError      **error)
{
  for (guint i = 0; sync->kept != NULL && i < sync->kept->len; i++)
    {
      KeptPosting *k = &g_array_index (sync->kept, KeptPosting, i);
      g_autoptr(sqlite3_stmt) stmt = store_conn_prepare_static (conn, SQL_STAGE_SEEN, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, k->id);
      sqlite3_bind_int (stmt, 5, k->archived);
      if (!store_step_done (conn, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* After the commit that wrote them. */
static void
count_kept (ScraperSync *sync)
{
  for (guint i = 0; sync->kept != NULL && i < sync->kept->len; i++)
    {
      sync->counts.found++;
      sync->counts.unchanged++;
      if (g_array_index (sync->kept, KeptPosting, i).archived)
        sync->counts.unarchived++;
    }
  if (sync->kept != NULL)
    g_array_set_size (sync->kept, 0);
}

guint
scraper_sync_keep_page (ScraperSync  *sync,
                        const char   *url,
                        GError      **error)
{
  g_autofree char *canonical = NULL;
  GPtrArray *same;

  g_return_val_if_fail (sync != NULL, 0);
  g_return_val_if_fail (url != NULL, 0);

  if (sync->known == NULL)
    {
      g_autoptr(StoreConn) conn = store_conn_get (sync->store, error);

      if (conn == NULL || !load_known (sync, conn, error))
        return 0;
    }

  if ((canonical = scraper_store_canonicalize_url (url)) == NULL ||
      (same = g_hash_table_lookup (sync->by_url, canonical)) == NULL)
    return 0;

  if (sync->kept == NULL)
    sync->kept = g_array_new (FALSE, FALSE, sizeof (KeptPosting));

  for (guint i = 0; i < same->len; i++)
    {
      Known *known = g_ptr_array_index (same, i);
      KeptPosting kept = { known->id, known->archived };

      /* Seen once in a run, counted once. */
      if (g_hash_table_contains (sync->seen, known->key))
        continue;
      g_hash_table_insert (sync->seen, g_strdup (known->key), g_memdup2 (&known->id, sizeof known->id));
      g_array_append_val (sync->kept, kept);
    }

  return same->len;
}

/* The blocklist follows what the batch wrote (new titles, new postings). */
static gboolean
refresh_blocked (GHashTable  *batch_seen,
                 StoreConn   *conn,
                 GError     **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                             g_hash_table_size (batch_seen));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, batch_seen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (ids, *(gint64 *) value);
  return store_blocks_refresh_ids (conn, ids, error);
}

static void
clear_staged (StoreConn *conn)
{
  sqlite3_exec (conn->db,
                "DELETE FROM temp.sync_texts;"
                "DELETE FROM temp.sync_changed;"
                "DELETE FROM temp.sync_seen;",
                NULL, NULL, NULL);
}

gboolean
scraper_sync_add (ScraperSync  *sync,
                  GPtrArray    *postings,
                  GError      **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(GHashTable) batch_seen = NULL;
  ScraperSyncCounts counts = { 0, };
  gint64 now;

  g_return_val_if_fail (sync != NULL, FALSE);
  g_return_val_if_fail (postings != NULL, FALSE);

  if (postings->len == 0)
    return TRUE;

  if (!(conn = store_conn_get (sync->store, error)))
    return FALSE;
  if (sync->known == NULL && !load_known (sync, conn, error))
    return FALSE;
  if (!store_conn_begin (conn, error))
    return FALSE;
  if (!stage_kept (sync, conn, error))
    {
      store_conn_rollback (conn);
      clear_staged (conn);
      return FALSE;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  batch_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *p = g_ptr_array_index (postings, i);
      g_autofree char *canonical_url = NULL;
      g_autofree char *key = sync_key_for (p, &canonical_url);
      g_autofree char *hash = NULL;
      g_autoptr(GError) local_error = NULL;
      const Known *known;
      Known *existing = NULL;
      gint64 *seen_id;
      gboolean ok = TRUE;

      if (key == NULL)
        {
          g_debug ("Skipping a posting without id or address: %s", p->title);
          continue;
        }

      /* Seen already in this run: counted once, stored once. */
      seen_id = g_hash_table_lookup (sync->seen, key);
      if (seen_id == NULL)
        seen_id = g_hash_table_lookup (batch_seen, key);
      if (seen_id != NULL)
        {
          p->id = *seen_id;
          p->source_id = sync->source_id;
          continue;
        }

      counts.found++;
      hash = store_content_hash (p);
      known = g_hash_table_lookup (sync->known, key);

      if (known == NULL)
        {
          gboolean inserted;

          ok = insert_one (sync, conn, p, key, canonical_url, hash, now,
                           &inserted, &existing, &local_error);
          if (ok && inserted)
            counts.inserted++;
          known = existing;
        }
      if (ok && known != NULL)
        ok = stage_existing (sync, conn, p, known, canonical_url, hash, now,
                             &counts, &local_error);
      g_clear_pointer (&existing, known_free);

      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          store_conn_rollback (conn);
          clear_staged (conn);
          return FALSE;
        }

      p->source_id = sync->source_id;
      p->last_seen = now;
      p->archived = FALSE;
      g_free (p->content_hash);
      p->content_hash = g_steal_pointer (&hash);
      g_free (p->source_name);
      p->source_name = g_strdup (sync->source_name);

      g_hash_table_insert (batch_seen, g_steal_pointer (&key), g_memdup2 (&p->id, sizeof p->id));
    }

  if (!apply_staged (sync, conn, now, counts.updated, error) ||
      !refresh_blocked (batch_seen, conn, error))
    {
      store_conn_rollback (conn);
      clear_staged (conn);
      /* The snapshot may be what was wrong: a retry reads it afresh. */
      g_clear_pointer (&sync->known, g_hash_table_unref);
      return FALSE;
    }
  clear_staged (conn);

  if (!store_conn_commit (conn, error))
    return FALSE;

  {
    GHashTableIter iter;
    gpointer k, v;

    g_hash_table_iter_init (&iter, batch_seen);
    while (g_hash_table_iter_next (&iter, &k, &v))
      {
        g_hash_table_iter_steal (&iter);
        g_hash_table_insert (sync->seen, k, v);
      }
  }

  count_kept (sync);
  sync->counts.found += counts.found;
  sync->counts.inserted += counts.inserted;
  sync->counts.updated += counts.updated;
  sync->counts.unchanged += counts.unchanged;
  sync->counts.unarchived += counts.unarchived;

  return TRUE;
}

gboolean
scraper_sync_keep_unchanged (ScraperSync  *sync,
                             GError      **error)
{
  g_autoptr(StoreConn) conn = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n;

  g_return_val_if_fail (sync != NULL, FALSE);

  if (!(conn = store_conn_get (sync->store, error)) || !store_conn_begin (conn, error))
    return FALSE;

  /* Only what the source listed last time: archived postings stay so. */
  stmt = store_conn_prepare (conn,
                             "UPDATE postings SET last_seen = ?3, seen_run = ?2 "
                             "WHERE source_id = ?1 AND archived = 0 AND seen_run <> ?2", error);
  if (stmt == NULL)
    {
      store_conn_rollback (conn);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, sync->source_id);
  sqlite3_bind_int64 (stmt, 2, sync->run_id);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!store_step_done (conn, stmt, error))
    {
      store_conn_rollback (conn);
      return FALSE;
    }
  n = (guint) sqlite3_changes (conn->db);

  if (!store_conn_commit (conn, error))
    return FALSE;

  sync->counts.found += n;
  sync->counts.unchanged += n;
  return TRUE;
}

static const char *
outcome_to_string (ScraperSyncOutcome outcome)
{
  switch (outcome)
    {
    case SCRAPER_SYNC_COMPLETE:  return "completed";
    case SCRAPER_SYNC_PARTIAL:   return "partial";
    case SCRAPER_SYNC_CANCELLED: return "cancelled";
    case SCRAPER_SYNC_FAILED:
    default:                     return "failed";
    }
}

static gboolean
sync_finish_internal (ScraperSync        *sync,
                      ScraperSyncOutcome  outcome,
                      const char         *error_message,
                      GError            **error)
{
  g_autoptr(StoreConn) conn = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint archived = 0;

  if (!(conn = store_conn_get (sync->store, error)) || !store_conn_begin (conn, error))
    return FALSE;

  /* Postings kept since the last batch are seen before anything is
   * archived. */
  if (sync->kept != NULL && sync->kept->len > 0)
    {
      gboolean ok = stage_kept (sync, conn, error) &&
                    run_staged (conn, SQL_APPLY_SEEN, now, sync->run_id, error) &&
                    run_staged (conn, SQL_APPLY_UNARCHIVE, now, sync->run_id, error);

      clear_staged (conn);
      if (!ok)
        goto fail;
      count_kept (sync);
    }

  if (outcome == SCRAPER_SYNC_COMPLETE)
    {
      stmt = store_conn_prepare (conn,
                                 "UPDATE postings SET archived = 1 WHERE source_id = ?1 "
                                 "AND archived = 0 AND seen_run <> ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, sync->source_id);
      sqlite3_bind_int64 (stmt, 2, sync->run_id);
      if (!store_step_done (conn, stmt, error))
        goto fail;
      store_stmt_reset (stmt);
      archived = (guint) sqlite3_changes (conn->db);
    }

  stmt = store_conn_prepare (conn,
                             "UPDATE runs SET finished = ?2, outcome = ?3, found = ?4, "
                             "inserted = ?5, updated = ?6, unchanged = ?7, archived = ?8, "
                             "unarchived = ?9, error = ?10 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, sync->run_id);
  sqlite3_bind_int64 (stmt, 2, now);
  store_bind_text (stmt, 3, outcome_to_string (outcome));
  sqlite3_bind_int (stmt, 4, sync->counts.found);
  sqlite3_bind_int (stmt, 5, sync->counts.inserted);
  sqlite3_bind_int (stmt, 6, sync->counts.updated);
  sqlite3_bind_int (stmt, 7, sync->counts.unchanged);
  sqlite3_bind_int (stmt, 8, archived);
  sqlite3_bind_int (stmt, 9, sync->counts.unarchived);
  store_bind_text (stmt, 10, error_message);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  /* The source's summary speaks of completed, failed or cancelled; a
   * partial run did complete what it was allowed to do. */
  stmt = store_conn_prepare (conn,
                             "UPDATE sources SET last_run = ?2, last_outcome = ?3, "
                             "last_error = ?4, last_count = ?5 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, sync->source_id);
  sqlite3_bind_int64 (stmt, 2, now);
  store_bind_text (stmt, 3, outcome == SCRAPER_SYNC_PARTIAL ? "completed" : outcome_to_string (outcome));
  store_bind_text (stmt, 4, error_message);
  sqlite3_bind_int (stmt, 5, sync->counts.found);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  if (!store_conn_commit (conn, error))
    return FALSE;

  sync->counts.archived = archived;
  return TRUE;

fail:
  store_conn_rollback (conn);
  return FALSE;
}

gboolean
scraper_sync_finish (ScraperSync         *sync,
                     ScraperSyncOutcome   outcome,
                     const char          *error_message,
                     ScraperSyncCounts   *counts,
                     GError             **error)
{
  gboolean ret;

  g_return_val_if_fail (sync != NULL, FALSE);

  ret = sync_finish_internal (sync, outcome, error_message, error);
  if (counts != NULL)
    *counts = sync->counts;
  scraper_sync_free (sync);

  return ret;
}
