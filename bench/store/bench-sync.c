/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync: syncs N postings with 1.5 KB descriptions into a fresh store
 * (FTS index maintained by triggers), twice: an insert pass and a pass where
 * half of them changed, the shape of /work/shared/bench/sync_peer.py.  Then
 * times searches returning the first page.
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

static void
time_search (ScraperStore   *store,
             const char     *search,
             ScraperSortKey  sort)
{
  g_autoptr(GError) error = NULL;
  double times[21];
  ScraperQuery query;
  guint found = 0;

  scraper_query_init (&query);
  query.search = search;
  query.sort = sort;
  query.limit = 50;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) page = scraper_store_query_postings (store, &query, &error);

      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      found = page->len;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_double);
  printf ("store search %-10s sort %-9s first page (%u rows): median %.2f ms\n",
          search ? search : "(none)",
          sort == SCRAPER_SORT_RELEVANCE ? "relevance" : sort == SCRAPER_SORT_POSTED ? "posted" : "other",
          found, times[G_N_ELEMENTS (times) / 2]);
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
    {
      time_search (store, "rust", SCRAPER_SORT_RELEVANCE);
      time_search (store, "rust", SCRAPER_SORT_POSTED);
      time_search (store, "reliab", SCRAPER_SORT_RELEVANCE);
      time_search (store, "securi eng", SCRAPER_SORT_RELEVANCE);
      time_search (store, "company 42", SCRAPER_SORT_RELEVANCE);
    }
  else
    time_search (store, "paris", SCRAPER_SORT_RELEVANCE);
  time_search (store, NULL, SCRAPER_SORT_POSTED);

  return 0;
}
