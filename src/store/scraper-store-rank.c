/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scraper_rank(): Best Match's order, FTS5's bm25 without its first pass
 * when the search is a single phrase.
 *
 * FTS5's bm25() weighs each phrase by its inverse document frequency, and
 * counts a phrase's documents by running the phrase again over the whole
 * index before it scores the first row: a frequent word ("the",
 * "engineer"*) reads every match twice, whatever the page.  With one
 * phrase that weight is one positive number for every row, so it cannot
 * change the order: scraper_rank() leaves it out and orders the rows as
 * bm25() does.  With several phrases it counts them as bm25() does, once
 * per query, but stops counting a phrase at half the rows, where bm25()
 * gives every phrase the same floor.
 *
 * Usage in SQL, as bm25(): scraper_rank(fts_table, w_col0, w_col1, ...)
 * where the weights of missing columns are 1.0.  The value is negative
 * (smaller is better), as bm25()'s. */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <math.h>

#include "scraper-store-private.h"

#define BM25_K1 1.2
#define BM25_B  0.75

typedef struct {
  int     n_phrases;
  double  avgdl;   /* average tokens per row, all columns */
  double *idf;     /* per phrase; NULL for a single phrase */
} RankData;

static void
rank_data_free (gpointer data)
{
  RankData *rd = data;

  g_free (rd->idf);
  g_free (rd);
}

typedef struct {
  sqlite3_int64 hits;
  sqlite3_int64 enough;
} Count;

/* A phrase in more than half the rows gets bm25()'s floor whatever its
 * count: counting stops there ("the" is in nearly every posting). */
static int
count_hit (const Fts5ExtensionApi *api,
           Fts5Context            *fts,
           void                   *user_data)
{
  Count *count = user_data;

  (void) api;
  (void) fts;
  return ++count->hits >= count->enough ? SQLITE_DONE : SQLITE_OK;
}

/* The query's constants, computed by its first row: as bm25() does. */
static int
rank_data_new (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               RankData              **out)
{
  g_autofree RankData *rd = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;
  int rc;

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (rc != SQLITE_OK)
    return rc;
  rd->avgdl = n_rows > 0 ? (double) n_tokens / (double) n_rows : 1.0;
  if (rd->avgdl <= 0.0)
    rd->avgdl = 1.0;
  rd->n_phrases = api->xPhraseCount (fts);

  if (rd->n_phrases > 1)
    {
      rd->idf = g_new0 (double, rd->n_phrases);
      for (int i = 0; i < rd->n_phrases; i++)
        {
          Count count = { 0, n_rows / 2 + 1 };
          double idf;

          rc = api->xQueryPhrase (fts, i, &count, count_hit);
          if (rc != SQLITE_OK)
            {
              g_free (rd->idf);
              return rc;
            }
          idf = log ((n_rows - count.hits + 0.5) / (count.hits + 0.5));
          /* bm25()'s floor: a phrase in most rows still counts a little. */
          rd->idf[i] = idf > 0.0 ? idf : 1e-6;
        }
    }

  *out = g_steal_pointer (&rd);
  return SQLITE_OK;
}

static void
scraper_rank (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              sqlite3_context        *ctx,
              int                     n_values,
              sqlite3_value         **values)
{
  RankData *rd = api->xGetAuxdata (fts, 0);
  double freq_one = 0.0;
  g_autofree double *freq = NULL;
  double *f;
  int n_inst = 0;
  int n_tokens = 0;
  double score = 0.0;
  int rc;

  if (rd == NULL)
    {
      rc = rank_data_new (api, fts, &rd);
      if (rc == SQLITE_OK)
        {
          rc = api->xSetAuxdata (fts, rd, rank_data_free);
          if (rc != SQLITE_OK)
            rd = NULL;  /* xSetAuxdata() freed it */
        }
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (ctx, rc);
          return;
        }
    }

  f = rd->n_phrases > 1 ? (freq = g_new0 (double, rd->n_phrases)) : &freq_one;

  rc = api->xInstCount (fts, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase >= 0 && phrase < MAX (rd->n_phrases, 1))
        f[phrase] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
    }
  if (rc == SQLITE_OK)
    rc = api->xColumnSize (fts, -1, &n_tokens);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (ctx, rc);
      return;
    }

  for (int i = 0; i < MAX (rd->n_phrases, 1); i++)
    {
      double norm = BM25_K1 * (1.0 - BM25_B + BM25_B * n_tokens / rd->avgdl);

      score += (rd->idf != NULL ? rd->idf[i] : 1.0) * (f[i] * (BM25_K1 + 1.0)) / (f[i] + norm);
    }

  sqlite3_result_double (ctx, -score);
}

/* Adds scraper_rank() to the FTS5 of the connection DB. */
int
store_register_rank (sqlite3 *db)
{
  fts5_api *fts5 = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_pointer (stmt, 1, (void *) &fts5, "fts5_api_ptr", NULL);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  if (fts5 == NULL || fts5->iVersion < 2)
    return SQLITE_ERROR;

  return fts5->xCreateFunction (fts5, "scraper_rank", NULL, scraper_rank, NULL);
}
