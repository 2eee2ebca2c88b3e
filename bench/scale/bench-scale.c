/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scale: a year of 200 boards (issue #17), straight through the
 * store's sync API, and the store's side of its figures.  Not a test.
 *
 * Usage:
 *   bench-scale generate DB N   N postings from 200 sources (N / 200 each):
 *                               each source's first 90 % are stored by one
 *                               complete run and archived by the next, which
 *                               brings the last 10 %, as a board a year old
 *                               looks.  Descriptions of ~130 words drawn
 *                               from a Zipf distribution (s = 1) over a
 *                               vocabulary of 20 000, the most frequent
 *                               being English stop words.  Prints the sync
 *                               rate per 100 000 postings.
 *   bench-scale append DB N     one more source of N postings synced into
 *                               DB as it is (the rate on a big database
 *                               against an empty one).
 *   bench-scale raw DB N        the reference for generate: the same postings
 *                               in the same batches into plain SQLite (a
 *                               table and a contentless FTS5 index), rate
 *                               per 100 000.
 *   bench-scale raw-fts DB N    the same with the store's full-text work:
 *                               its second index (of the unarchived, with
 *                               prefix indexes) and the archiving of each
 *                               source's older 90 % out of it.
 *   bench-scale search DB       search p50/p99 per sort over a word list
 *                               (the most frequent words included), the
 *                               first page (500) as the window asks it,
 *                               through scraper_store_query_postings(); and
 *                               the references in the same run: a plain
 *                               SELECT of the same first page and an FTS5
 *                               MATCH with no ranking (its first 500
 *                               rows, and every match); and the first page
 *                               with no search, per sort, without and with
 *                               the archived shown.  Wall-clock and
 *                               processor time (the machine is shared);
 *                               BENCH_SCALE_WORDS=1 adds each word's
 *                               median per sort, BENCH_SCALE_ARCHIVED=1
 *                               searches with the archived shown.
 *                               Opening migrates an
 *                               older file, and says how long it took.
 * See bench/README.md, bench/scale/run.sh and compare-search.sh. */
#define G_LOG_DOMAIN "bench-scale"

#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scraper-store.h"

#define N_SOURCES  200
#define BATCH      1000
#define VOCABULARY 20000
#define PAGE       500

/* The head of the Zipf distribution: what real descriptions repeat most. */
static const char * const head_words[] = {
  "the", "and", "to", "of", "a", "in", "you", "we", "with", "for", "our", "is", "are", "on",
  "will", "experience", "team", "be", "as", "work", "or", "your", "an", "that", "this",
  "engineering", "data", "product", "remote", "software", "build", "customers", "skills",
  "development", "years", "design", "systems", "help", "new", "across", "working", "business",
  "support", "strong", "knowledge", "python", "cloud", "rust", "kubernetes", "berlin",
};

static const char * const titles[] = {
  "Senior Backend Engineer", "Frontend Developer", "Data Scientist", "Site Reliability Engineer",
  "Engineering Manager", "Product Designer", "QA Engineer", "Mobile Developer",
  "Security Engineer", "Technical Writer", "DevOps Engineer", "Machine Learning Engineer",
  "Account Executive", "Customer Success Manager", "Recruiter", "Data Engineer",
};

static const char * const places[] = {
  "Berlin", "Paris", "London", "Remote", "New York", "Amsterdam", "Lisbon", "Toronto",
};

static char **vocabulary;
static double *zipf_cdf;

static void
init_words (void)
{
  double sum = 0;
  vocabulary = g_new0 (char *, VOCABULARY + 1);
  zipf_cdf = g_new (double, VOCABULARY);
  for (guint i = 0; i < VOCABULARY; i++)
    {
      if (i < G_N_ELEMENTS (head_words))
        vocabulary[i] = g_strdup (head_words[i]);
      else
        {
          /* Distinct pronounceable made-up words: the index in syllables. */
          static const char cons[] = "bcdfghklmnprstvz", vow[] = "aeiou";
          GString *w = g_string_new (NULL);

          for (guint k = 0, x = i; k < 3; k++, x /= 80)
            {
              g_string_append_c (w, cons[(x % 80) / 5]);
              g_string_append_c (w, vow[x % 5]);
            }
          vocabulary[i] = g_string_free (w, FALSE);
        }
      sum += 1.0 / (i + 1);
      zipf_cdf[i] = sum;
    }
  for (guint i = 0; i < VOCABULARY; i++)
    zipf_cdf[i] /= sum;
}

static guint
zipf_word (GRand *rand)
{
  double u = g_rand_double (rand);
  guint lo = 0, hi = VOCABULARY - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (zipf_cdf[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static ScraperPosting *
make_posting (guint  source,
              guint  i,
              GRand *rand)
{
  ScraperPosting *p = scraper_posting_new ();
  GString *s = g_string_sized_new (1024);
  guint n_words = 100 + g_rand_int_range (rand, 0, 60);
  guint day = i % 365;

  p->url = g_strdup_printf ("https://board%u.example/jobs/%u", source, i);
  p->external_id = g_strdup_printf ("%u", i);
  p->company = g_strdup_printf ("Company %u", source);
  p->title = g_strdup_printf ("%s %u", titles[(i * 7 + source) % G_N_ELEMENTS (titles)], i % 50);
  p->locations = g_new0 (char *, 2);
  p->locations[0] = g_strdup (places[(i + source) % G_N_ELEMENTS (places)]);
  for (guint k = 0; k < n_words; k++)
    {
      g_string_append (s, vocabulary[zipf_word (rand)]);
      g_string_append_c (s, k % 15 == 14 ? '.' : ' ');
    }
  p->description_text = g_string_free (s, FALSE);
  p->remote = (ScraperRemoteKind) ((i + source) % 4);
  if ((i + source) % 3 != 0)
    {
      p->annual_min = 40000 + ((i * 31 + source) % 97) * 1000;
      p->annual_max = p->annual_min + 20000;
    }
  /* Oldest first: a board's postings of a year, the newest last. */
  {
    g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) d = g_date_time_add_days (base, (gint) day);
    p->date_posted = g_date_time_format (d, "%Y-%m-%d");
  }
  return p;
}

static gint64 synced;          /* postings stored so far */
static gint64 chunk_start;     /* when the current 100 000 began */
static GArray *chunk_rates;    /* double, postings/s per 100 000 */

static void
note_synced (guint n)
{
  gint64 before = synced / 100000;

  synced += n;
  if (synced / 100000 != before)
    {
      gint64 now = g_get_monotonic_time ();
      double rate = 100000 / ((now - chunk_start) / 1e6);

      g_array_append_val (chunk_rates, rate);
      printf ("sync: postings %7" G_GINT64_FORMAT ": %6.0f postings/s over the last 100 000\n",
              synced, rate);
      fflush (stdout);
      chunk_start = now;
    }
}

static void
sync_run (ScraperStore *store,
          gint64        source_id,
          guint         source,
          guint         from,
          guint         to,
          GRand        *rand)
{
  g_autoptr(GError) error = NULL;
  ScraperSync *sync = scraper_store_begin_sync (store, source_id, &error);

  if (sync == NULL)
    g_error ("%s", error->message);
  for (guint i = from; i < to; i += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);

      for (guint j = i; j < MIN (to, i + BATCH); j++)
        g_ptr_array_add (batch, make_posting (source, j, rand));
      if (!scraper_sync_add (sync, batch, &error))
        g_error ("%s", error->message);
      note_synced (batch->len);
    }
  if (!scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error))
    g_error ("%s", error->message);
}

static int
generate (const char *db,
          guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = NULL;
  guint per_source = MAX (10, n / N_SOURCES);
  guint n_old = per_source * 9 / 10;
  GRand *rand = g_rand_new_with_seed (42);
  gint64 start = g_get_monotonic_time ();

  init_words ();
  store = scraper_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  chunk_rates = g_array_new (FALSE, FALSE, sizeof (double));
  chunk_start = start;

  for (guint s = 0; s < N_SOURCES; s++)
    {
      g_autoptr(ScraperSource) source = scraper_source_new ();
      gint64 id;

      source->name = g_strdup_printf ("Board %u", s);
      source->url = g_strdup_printf ("https://board%u.example/jobs.json", s);
      source->kind = g_strdup ("feed");
      source->enabled = TRUE;
      id = scraper_store_add_source (store, source, &error);
      if (id <= 0)
        g_error ("%s", error->message);
      /* The older 90 %, then a run that sees only the newest 10 %: the
       * older are archived. */
      sync_run (store, id, s, 0, n_old, rand);
      sync_run (store, id, s, n_old, per_source, rand);
    }

  printf ("sync: %" G_GINT64_FORMAT " postings from %u sources in %.1f s\n",
          synced, N_SOURCES, (g_get_monotonic_time () - start) / 1e6);
  if (chunk_rates->len >= 2)
    {
      double first = g_array_index (chunk_rates, double, 0);
      double last = g_array_index (chunk_rates, double, chunk_rates->len - 1);

      printf ("sync rate: first 100 000 %.0f postings/s, last 100 000 %.0f postings/s "
              "(last/first %.2f)\n", first, last, last / first);
    }
  g_rand_free (rand);
  return 0;
}

/* One more source of N postings synced into DB as it is: the sync rate on
 * a big database against the same on an empty one. */
static int
append (const char *db,
        guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  GRand *rand = g_rand_new_with_seed (7);
  struct timespec cpu_start, cpu_end;
  double cpu;
  gint64 start, id;
  guint tag = g_random_int_range (1000, 1000000);

  init_words ();
  store = scraper_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  chunk_rates = g_array_new (FALSE, FALSE, sizeof (double));
  source->name = g_strdup_printf ("Appended board %u", tag);
  source->url = g_strdup_printf ("https://appended%u.example/jobs.json", tag);
  source->kind = g_strdup ("feed");
  source->enabled = TRUE;
  id = scraper_store_add_source (store, source, &error);
  if (id <= 0)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
  sync_run (store, id, 1000 + tag, 0, n, rand);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
  cpu = (cpu_end.tv_sec - cpu_start.tv_sec) + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9;
  printf ("append: %u postings in %.2f s = %.0f postings/s; processor %.2f s = %.0f postings/s\n", n,
          (g_get_monotonic_time () - start) / 1e6, n / ((g_get_monotonic_time () - start) / 1e6),
          cpu, n / cpu);
  g_rand_free (rand);
  return 0;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
}

/* Postings [from, to) of @source into the table and the full-text
 * index(es), in transactions of BATCH. */
static void
raw_insert (sqlite3      *db,
            sqlite3_stmt *row,
            sqlite3_stmt *fts,
            sqlite3_stmt *live,
            guint         source,
            guint         from,
            guint         to,
            GRand        *rand)
{
  for (guint i = from; i < to; i += BATCH)
    {
      guint end = MIN (to, i + BATCH);

      raw_exec (db, "BEGIN");
      for (guint j = i; j < end; j++)
        {
          g_autoptr(ScraperPosting) p = make_posting (source, j, rand);
          sqlite3_stmt *index[] = { fts, live };

          sqlite3_bind_int (row, 1, (int) source);
          sqlite3_bind_text (row, 2, p->external_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (row, 3, p->title, -1, SQLITE_STATIC);
          sqlite3_bind_text (row, 4, p->company, -1, SQLITE_STATIC);
          sqlite3_bind_text (row, 5, p->locations[0], -1, SQLITE_STATIC);
          sqlite3_bind_text (row, 6, p->date_posted, -1, SQLITE_STATIC);
          sqlite3_bind_double (row, 7, p->annual_min);
          sqlite3_bind_text (row, 8, p->description_text, -1, SQLITE_STATIC);
          if (sqlite3_step (row) != SQLITE_DONE)
            g_error ("%s", sqlite3_errmsg (db));
          sqlite3_reset (row);
          for (guint k = 0; k < G_N_ELEMENTS (index) && index[k] != NULL; k++)
            {
              sqlite3_bind_int64 (index[k], 1, sqlite3_last_insert_rowid (db));
              sqlite3_bind_text (index[k], 2, p->title, -1, SQLITE_STATIC);
              sqlite3_bind_text (index[k], 3, p->company, -1, SQLITE_STATIC);
              sqlite3_bind_text (index[k], 4, p->locations[0], -1, SQLITE_STATIC);
              sqlite3_bind_text (index[k], 5, p->description_text, -1, SQLITE_STATIC);
              if (sqlite3_step (index[k]) != SQLITE_DONE)
                g_error ("%s", sqlite3_errmsg (db));
              sqlite3_reset (index[k]);
            }
        }
      raw_exec (db, "COMMIT");
      note_synced (end - i);
    }
}

/* The reference for the sync rate over time: the same postings, in the
 * same batches, straight into plain SQLite (a table keyed by source and
 * id, and a contentless FTS5 index of the same four texts), with none of
 * the store's work (no diffing, no history, no second index, no archive):
 * how much SQLite itself slows down as the file grows.  With @like_store
 * ("raw-fts"), the full-text work of the store as well: its second index
 * of the unarchived postings with the same prefix indexes, the same
 * batches as generate, and each source's older 90 % taken out of that
 * index when its newest 10 % come, as archiving does. */
static int
raw (const char *path,
     guint       n,
     gboolean    like_store)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *row = NULL, *fts = NULL, *live = NULL, *archive = NULL;
  guint per_source = MAX (10, n / N_SOURCES);
  guint n_old = per_source * 9 / 10;
  GRand *rand = g_rand_new_with_seed (42);
  gint64 start = g_get_monotonic_time ();
  const char *name = like_store ? "raw SQLite, the store's full-text work" : "raw SQLite";

  init_words ();
  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  raw_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
            "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;"
            "CREATE TABLE IF NOT EXISTS postings (id INTEGER PRIMARY KEY, source INTEGER,"
            "  external_id TEXT, title TEXT, company TEXT, locations TEXT, date_posted TEXT,"
            "  annual_min REAL, description TEXT);"
            "CREATE UNIQUE INDEX IF NOT EXISTS postings_key ON postings (source, external_id);"
            "CREATE VIRTUAL TABLE IF NOT EXISTS postings_fts USING fts5(title, company, locations,"
            "  description_text, content='', tokenize='unicode61 remove_diacritics 2');");
  if (like_store)
    raw_exec (db, "CREATE VIRTUAL TABLE IF NOT EXISTS postings_fts_live USING fts5(title, company,"
              "  locations, description_text, content='', prefix='1 2 3',"
              "  tokenize='unicode61 remove_diacritics 2');");
  if (sqlite3_prepare_v2 (db, "INSERT INTO postings (source, external_id, title, company, locations,"
                          " date_posted, annual_min, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &row, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO postings_fts (rowid, title, company, locations, description_text)"
                          " VALUES (?, ?, ?, ?, ?)", -1, &fts, NULL) != SQLITE_OK ||
      (like_store &&
       (sqlite3_prepare_v2 (db, "INSERT INTO postings_fts_live (rowid, title, company, locations,"
                            " description_text) VALUES (?, ?, ?, ?, ?)", -1, &live, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2 (db, "INSERT INTO postings_fts_live (postings_fts_live, rowid, title, company,"
                            " locations, description_text) SELECT 'delete', id, title, company, locations,"
                            " description FROM postings WHERE source = ?1 AND id < ?2 ORDER BY id",
                            -1, &archive, NULL) != SQLITE_OK)))
    g_error ("%s", sqlite3_errmsg (db));
  chunk_rates = g_array_new (FALSE, FALSE, sizeof (double));
  chunk_start = start;

  for (guint source = 0; source < N_SOURCES; source++)
    {
      if (!like_store)
        {
          raw_insert (db, row, fts, NULL, source, 0, per_source, rand);
          continue;
        }
      raw_insert (db, row, fts, live, source, 0, n_old, rand);
      /* The newest 10 % come in the run that archives the older 90 %. */
      {
        gint64 first_new = sqlite3_last_insert_rowid (db) + 1;

        raw_exec (db, "BEGIN");
        sqlite3_bind_int (archive, 1, (int) source);
        sqlite3_bind_int64 (archive, 2, first_new);
        if (sqlite3_step (archive) != SQLITE_DONE)
          g_error ("%s", sqlite3_errmsg (db));
        sqlite3_reset (archive);
        raw_exec (db, "COMMIT");
      }
      raw_insert (db, row, fts, live, source, n_old, per_source, rand);
    }

  printf ("%s: %" G_GINT64_FORMAT " postings in %.1f s\n", name, synced,
          (g_get_monotonic_time () - start) / 1e6);
  if (chunk_rates->len >= 2)
    printf ("%s rate: first 100 000 %.0f postings/s, last 100 000 %.0f postings/s (last/first %.2f)\n", name,
            g_array_index (chunk_rates, double, 0), g_array_index (chunk_rates, double, chunk_rates->len - 1),
            g_array_index (chunk_rates, double, chunk_rates->len - 1) / g_array_index (chunk_rates, double, 0));
  sqlite3_finalize (row);
  sqlite3_finalize (fts);
  sqlite3_finalize (live);
  sqlite3_finalize (archive);
  sqlite3_close (db);
  g_rand_free (rand);
  return 0;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
pct (GArray *v,
     double  p)
{
  if (v->len == 0)
    return 0;
  qsort (v->data, v->len, sizeof (double), cmp_double);
  return g_array_index (v, double, MIN (v->len - 1, (guint) ceil (p * v->len) - (p * v->len >= 1 ? 1 : 0)));
}

/* What the search entry produces while typing: each prefix of a word
 * (the last word is a prefix term), the whole word, and two words. */
static const char * const search_words[] = {
  "the", "and", "experience", "remote", "rust", "python", "engineer", "senior", "berlin",
  "company 42", "the team", "data engineer", "kubernetes", "zzzqx",
};

static const struct {
  ScraperSortKey key;
  const char    *name;
} sorts[] = {
  { SCRAPER_SORT_POSTED, "posted" },
  { SCRAPER_SORT_SALARY, "salary" },
  { SCRAPER_SORT_RELEVANCE, "relevance" },
  { SCRAPER_SORT_COMPANY, "company" },
  { SCRAPER_SORT_TITLE, "title" },
};

/* The processor time of this thread, in ms: the machine is shared, and
 * the wall clock also counts the time other programs held the cores. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double last_cpu;  /* processor time of the last time_page() */

static double
time_page (ScraperStore       *store,
           const ScraperQuery *q,
           guint              *n_rows)
{
  g_autoptr(GError) error = NULL;
  double cpu_start = cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) page = scraper_store_query_postings (store, q, &error);

  if (page == NULL)
    g_error ("%s", error->message);
  *n_rows = page->len;
  last_cpu = cpu_ms () - cpu_start;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_sql (sqlite3    *db,
          const char *sql,
          const char *arg,
          guint      *n_rows)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  *n_rows = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* Read what a row shows. */
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        (void) sqlite3_column_text (stmt, c);
      (*n_rows)++;
    }
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
search (const char *db_path,
        guint       rounds)
{
  g_autoptr(GError) error = NULL;
  gint64 open_start = g_get_monotonic_time ();
  g_autoptr(ScraperStore) store = scraper_store_open (db_path, &error);
  gint64 open_end = g_get_monotonic_time ();
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fts_live = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fts_every = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean has_live;
  double worst_p99 = 0;
  sqlite3 *db = NULL;
  guint n = 0;

  if (store == NULL)
    g_error ("%s", error->message);
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  {
    sqlite3_stmt *probe = NULL;

    has_live = sqlite3_prepare_v2 (db, "SELECT rowid FROM postings_fts_live LIMIT 0", -1, &probe, NULL) == SQLITE_OK;
    sqlite3_finalize (probe);
  }
  /* Opening migrates an older file: once, and timed here. */
  printf ("open (schema %d, migrations included): %.0f ms\n",
          scraper_store_get_schema_version (), (open_end - open_start) / 1000.0);

  /* The references: the same first page (by posted, unarchived) with a
   * plain SELECT of the columns a row shows, and an FTS5 MATCH of each
   * word, no ranking, first page. */
  for (guint r = 0; r < rounds; r++)
    {
      double t = time_sql (db, "SELECT id, title, company, locations, date_posted, annual_min, annual_max,"
                           " status, favorite FROM postings WHERE archived = 0"
                           " ORDER BY coalesce(date_posted, date(first_seen, 'unixepoch')) DESC, id DESC"
                           " LIMIT 500", NULL, &n);
      g_array_append_val (plain, t);
      for (guint w = 0; w < G_N_ELEMENTS (search_words); w++)
        {
          g_auto(GStrv) parts = g_strsplit (search_words[w], " ", -1);
          g_autoptr(GString) m = g_string_new (NULL);

          for (guint k = 0; parts[k] != NULL; k++)
            g_string_append_printf (m, "%s\"%s\"%s", k ? " " : "", parts[k], parts[k + 1] ? "" : "*");
          t = time_sql (db, "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? LIMIT 500",
                        m->str, &n);
          g_array_append_val (fts, t);
          /* The same on the index of unarchived postings (schema 9). */
          if (has_live)
            {
              t = time_sql (db, "SELECT rowid FROM postings_fts_live WHERE postings_fts_live MATCH ? LIMIT 500",
                            m->str, &n);
              g_array_append_val (fts_live, t);
            }
          /* Every match, newest first, from the index the searches below
           * read: what a page in an order other than the index's must
           * read unless a walk of the order ends early. */
          t = time_sql (db, has_live && g_getenv ("BENCH_SCALE_ARCHIVED") == NULL
                        ? "SELECT rowid FROM postings_fts_live WHERE postings_fts_live MATCH ? ORDER BY rowid DESC"
                        : "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rowid DESC",
                        m->str, &n);
          g_array_append_val (fts_every, t);
        }
    }
  printf ("reference plain SELECT first page:        p50 %7.2f ms  p99 %7.2f ms\n",
          pct (plain, 0.5), pct (plain, 0.99));
  printf ("reference FTS5 MATCH, no rank, 500 rows:  p50 %7.2f ms  p99 %7.2f ms\n",
          pct (fts, 0.5), pct (fts, 0.99));
  if (has_live)
    printf ("reference FTS5 MATCH on the unarchived postings' index, no rank, 500 rows: p50 %7.2f ms  p99 %7.2f ms\n",
            pct (fts_live, 0.5), pct (fts_live, 0.99));
  printf ("reference FTS5 MATCH of the index searched below, no rank, every match: p50 %7.2f ms  p99 %7.2f ms\n",
          pct (fts_every, 0.5), pct (fts_every, 0.99));

  /* The window's first page with no search, per sort; then the same with
   * the archived shown (the unarchived and the archived read apart and
   * merged, scraper-store-query.c). */
  for (guint archived = 0; archived <= 1; archived++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
        ScraperQuery q;

        scraper_query_init (&q);
        q.limit = PAGE;
        q.sort = sorts[s].key;
        q.show_archived = archived;
        q.without_descriptions = TRUE;
        for (guint r = 0; r < rounds; r++)
          {
            double t = time_page (store, &q, &n);
            g_array_append_val (times, t);
          }
        printf ("first page%s, no search, by %-9s %3u rows: p50 %7.2f ms  p99 %7.2f ms  (%.1f× plain SELECT)\n",
                archived ? " with the archived" : "", sorts[s].name, n, pct (times, 0.5),
                pct (times, 0.99), pct (times, 0.5) / pct (plain, 0.5));
      }

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      double worst = 0;
      const char *worst_word = "";

      for (guint w = 0; w < G_N_ELEMENTS (search_words); w++)
        {
          g_autoptr(GArray) word_times = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) word_cpu = g_array_new (FALSE, FALSE, sizeof (double));

          for (guint r = 0; r < rounds; r++)
            {
              ScraperQuery q;
              double t;

              scraper_query_init (&q);
              q.limit = PAGE;
              q.sort = sorts[s].key;
              q.search = search_words[w];
              q.show_archived = g_getenv ("BENCH_SCALE_ARCHIVED") != NULL;
              /* As the Jobs view asks it. */
              q.without_descriptions = TRUE;
              t = time_page (store, &q, &n);
              g_array_append_val (times, t);
              g_array_append_val (word_times, t);
              g_array_append_val (all, t);
              g_array_append_val (cpu, last_cpu);
              g_array_append_val (word_cpu, last_cpu);
              g_array_append_val (all_cpu, last_cpu);
              if (t > worst)
                {
                  worst = t;
                  worst_word = search_words[w];
                }
            }
          if (g_getenv ("BENCH_SCALE_WORDS") != NULL)
            printf ("  by %-9s %-16s %3u rows: median %7.2f ms (processor %7.2f ms)\n",
                    sorts[s].name, search_words[w], n, pct (word_times, 0.5), pct (word_cpu, 0.5));
        }
      printf ("search by %-9s %2u words × %u: p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms (“%s”); "
              "processor p50 %6.2f ms  p99 %6.2f ms\n",
              sorts[s].name, (guint) G_N_ELEMENTS (search_words), rounds,
              pct (times, 0.5), pct (times, 0.99), worst, worst_word, pct (cpu, 0.5), pct (cpu, 0.99));
      worst_p99 = MAX (worst_p99, pct (times, 0.99));
    }
  printf ("search, all sorts: p50 %.2f ms, p99 %.2f ms; worst sort's p99 %.2f ms = %.1f× FTS5 MATCH p99, "
          "%.1f× every match's p99 (target < 50 ms); processor p50 %.2f ms, p99 %.2f ms\n",
          pct (all, 0.5), pct (all, 0.99), worst_p99, worst_p99 / MAX (pct (fts, 0.99), 0.001),
          worst_p99 / MAX (pct (fts_every, 0.99), 0.001), pct (all_cpu, 0.5), pct (all_cpu, 0.99));

  sqlite3_close (db);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 4 && strcmp (argv[1], "generate") == 0)
    return generate (argv[2], (guint) MAX (1000, atoi (argv[3])));
  if (argc >= 4 && strcmp (argv[1], "append") == 0)
    return append (argv[2], (guint) MAX (1000, atoi (argv[3])));
  if (argc >= 4 && strcmp (argv[1], "raw") == 0)
    return raw (argv[2], (guint) MAX (1000, atoi (argv[3])), FALSE);
  if (argc >= 4 && strcmp (argv[1], "raw-fts") == 0)
    return raw (argv[2], (guint) MAX (1000, atoi (argv[3])), TRUE);
  if (argc >= 3 && strcmp (argv[1], "search") == 0)
    return search (argv[2], argc >= 4 ? (guint) MAX (1, atoi (argv[3])) : 5);
  fprintf (stderr, "Usage: %s generate DB N | append DB N | raw DB N | raw-fts DB N | search DB [ROUNDS]\n", argv[0]);
  return 2;
}
