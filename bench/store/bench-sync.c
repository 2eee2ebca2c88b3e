/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync: syncs N postings with 1.5 KB descriptions into a fresh store
 * (FTS index maintained by triggers), twice: an insert pass and a pass where
 * half of them changed, the shape of /work/shared/bench/sync_peer.py.  With
 * --text, then times the queries the Jobs view runs (first page of 500 and
 * the count), median of 20 runs each.
 *
 * Usage: bench-sync DB N [--text]
 *   --text: descriptions of real words (about 230 tokens each) instead of
 *           the peer's "x" * 1500, so the FTS index does realistic work. */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scraper-store.h"

/* Postings per scraper_sync_add(): the batches a fast source makes
 * (SCRAPER_BATCH_MAX in src/scrape/scraper-adapter-private.h). */
#define BATCH 1000

static const char * const words[] = {
  "build", "backend", "services", "team", "customers", "data", "pipeline", "reliable", "scale",
  "design", "review", "code", "ship", "features", "product", "engineers", "mentor", "growth",
  "cloud", "kubernetes", "postgres", "python", "rust", "golang", "typescript", "react", "api",
  "latency", "observability", "security", "compliance", "remote", "office", "berlin", "paris",
  "benefits", "salary", "equity", "vacation", "learning", "budget", "hardware", "linux", "gnome",
  "collaborate", "ownership", "impact", "mission", "platform", "infrastructure", "testing",
  "quality", "agile", "roadmap", "stakeholders", "analytics", "machine", "learning", "models",
  "experience", "years", "degree", "english", "german", "communication", "the", "and", "with",
  "for", "our", "you", "will", "in", "of", "to", "a", "on", "we", "are", "is",
};

static const char * const titles[] = {
  "Senior Backend Engineer", "Frontend Developer", "Data Scientist", "Site Reliability Engineer",
  "Engineering Manager", "Product Designer", "QA Engineer", "Mobile Developer",
  "Security Engineer", "Technical Writer", "DevOps Engineer", "Machine Learning Engineer",
};

static char *
make_text_description (guint32 seed)
{
  GString *s = g_string_sized_new (1600);
  GRand *rand = g_rand_new_with_seed (seed);

  while (s->len < 1500)
    {
      g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (s, ' ');
    }
  g_string_truncate (s, 1500);
  g_rand_free (rand);
  return g_string_free (s, FALSE);
}

static GPtrArray *
scrape (guint    n,
        guint    pass,
        gboolean text)
{
  GPtrArray *postings = g_ptr_array_new_full (n, (GDestroyNotify) scraper_posting_unref);
  g_autofree char *x = g_strnfill (1500, 'x');

  for (guint i = 0; i < n; i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->url = g_strdup_printf ("https://acme.example/jobs/%u", i);
      p->company = g_strdup (text ? titles[i % 7] + 0 : "Acme");
      if (text)
        {
          g_free (p->company);
          p->company = g_strdup_printf ("Company %u", i % 500);
        }
      p->title = g_strdup (text ? titles[i % G_N_ELEMENTS (titles)] : "Senior Backend Engineer");
      p->locations = g_new0 (char *, 2);
      p->locations[0] = g_strdup (pass == 0 || i % 2 ? "Berlin" : "Paris");
      p->description_text = text ? make_text_description (i) : g_strdup (x);
      /* Fields the Jobs view filters and sorts on. */
      p->remote = (ScraperRemoteKind) (i % 4);
      if (i % 3 != 0)
        {
          p->annual_min = 40000 + (i % 97) * 1000;
          p->annual_max = p->annual_min + 20000;
        }
      p->date_posted = g_strdup_printf ("2026-%02u-%02u", 1 + (i / 28) % 12, 1 + i % 28);
      g_ptr_array_add (postings, p);
    }
  return postings;
}

static void
run_pass (ScraperStore *store,
          gint64        source_id,
          guint         n,
          guint         pass,
          gboolean      text)
{
  g_autoptr(GPtrArray) postings = scrape (n, pass, text);
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync;
  gint64 start, end;

  start = g_get_monotonic_time ();
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      for (guint j = i; j < MIN (n, i + BATCH); j++)
        g_ptr_array_add (batch, postings->pdata[j]);
      if (!scraper_sync_add (sync, batch, &error))
        g_error ("%s", error->message);
    }

  if (!scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error))
    g_error ("%s", error->message);
  end = g_get_monotonic_time ();

  printf ("store sync pass %u%s: %u postings (ins %u, upd %u, same %u) in %.3f s = %.0f postings/s\n",
          pass, text ? " (text)" : "", n, counts.inserted, counts.updated, counts.unchanged,
          (end - start) / 1e6, n / ((end - start) / 1e6));
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median_ms (double *times,
           guint   n)
{
  qsort (times, n, sizeof (double), compare_double);
  return times[n / 2];
}

/* What the Jobs view does on every reload: the first page of 500 and,
 * when the page is full, the count. */
static void
time_query (ScraperStore       *store,
            const char         *label,
            const ScraperQuery *query)
{
  g_autoptr(GError) error = NULL;
  double q_times[20], c_times[20];
  guint found = 0, total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (q_times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) page = scraper_store_query_postings (store, query, &error);

      g_assert_no_error (error);
      q_times[i] = (g_get_monotonic_time () - start) / 1000.0;
      found = page->len;

      start = g_get_monotonic_time ();
      total = scraper_store_count_postings (store, query, &error);
      g_assert_no_error (error);
      c_times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  printf ("store query %-28s page %3u rows: median %7.2f ms; count %6u: median %7.2f ms\n",
          label, found, median_ms (q_times, G_N_ELEMENTS (q_times)),
          total, median_ms (c_times, G_N_ELEMENTS (c_times)));
}

static void
time_ui_queries (ScraperStore *store,
                 guint         n)
{
  g_autoptr(GError) error = NULL;
  ScraperQuery q;

  /* 1 % of the postings starred, as a user would. */
  for (guint id = 1; id <= n; id += 100)
    if (!scraper_store_set_favorite (store, id, TRUE, &error))
      g_error ("%s", error->message);

  scraper_query_init (&q);
  q.limit = 500;
  time_query (store, "no filter, by posted", &q);

  scraper_query_init (&q);
  q.limit = 500;
  q.search = "rust";
  time_query (store, "common word, by posted", &q);
  q.sort = SCRAPER_SORT_RELEVANCE;
  time_query (store, "common word, by relevance", &q);

  scraper_query_init (&q);
  q.limit = 500;
  q.search = "company 42";
  time_query (store, "selective, by posted", &q);
  q.sort = SCRAPER_SORT_RELEVANCE;
  time_query (store, "selective, by relevance", &q);

  /* The goal speaks of "the first page": also time a page of 50,
   * what a list shows at once. */
  scraper_query_init (&q);
  q.limit = 50;
  q.search = "rust";
  time_query (store, "common word, by posted", &q);
  q.sort = SCRAPER_SORT_RELEVANCE;
  time_query (store, "common word, by relevance", &q);
  scraper_query_init (&q);
  q.limit = 50;
  q.search = "company 42";
  time_query (store, "selective, by posted", &q);
  q.sort = SCRAPER_SORT_RELEVANCE;
  time_query (store, "selective, by relevance", &q);

  scraper_query_init (&q);
  q.limit = 500;
  q.remote_only = TRUE;
  q.min_salary = 100000;
  time_query (store, "remote + min salary", &q);

  scraper_query_init (&q);
  q.limit = 500;
  q.favorites_only = TRUE;
  time_query (store, "favorites", &q);

  scraper_query_init (&q);
  q.limit = 500;
  q.sort = SCRAPER_SORT_SALARY;
  time_query (store, "no filter, by salary", &q);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  gboolean text;
  guint n;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s DB N [--text]\n", argv[0]);
      return 2;
    }
  n = (guint) atoi (argv[2]);
  text = argc > 3 && g_str_equal (argv[3], "--text");

  store = scraper_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);

  source->url = g_strdup ("https://acme.example/jobs");
  source->kind = g_strdup ("jsonld");
  if (scraper_store_add_source (store, source, &error) == 0)
    g_error ("%s", error->message);

  run_pass (store, source->id, n, 0, text);
  run_pass (store, source->id, n, 1, text);

  if (text)
    time_ui_queries (store, n);

  return 0;
}
