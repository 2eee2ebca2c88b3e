/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-enrich"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "enrich/scraper-enrich.h"

/* Postings per second through the enrichers on one thread, for the whole
 * enrichment and for each part, side by side in one run.  The postings have
 * ~2.5 KB descriptions built from real-looking sentences, and one salary
 * near the end (the worst case for the salary scan). */

static const char * const titles[] = {
  "Senior Rust Engineer (Remote)", "Junior Frontend Developer - Hybrid", "Engineering Manager",
  "Werkstudent Data Analytics (m/w/d)", "Staff Software Engineer, Platform", "Head of Sales",
  "Lead Designer", "Accountant", "Go Developer", "Data Scientist (R/Python)",
};

static const char * const sentences[] = {
  "We are a Series B company that raised $50M to build the future of payments. ",
  "You will design, build and operate services in Go, Python and PostgreSQL on Kubernetes. ",
  "Our team works across Berlin, London and New York, with flexible hours. ",
  "You have 5+ years of experience with distributed systems and CI/CD pipelines. ",
  "We care about accessibility, testing and clear written communication. ",
  "Benefits include 30 days holiday, a 401(k) plan and a $1,500 learning budget. ",
  "Experience with React, TypeScript and GraphQL is a plus. ",
  "You will work closely with product management and design. ",
};

static const char * const salaries[] = {
  "Salary: $120,000 - $150,000 a year.", "60.000 - 75.000 EUR brutto jährlich.",
  "£45k-£55k plus bonus.", "Competitive salary.", "$27.00 – $35.00 per hour.",
};

static ScraperPosting *
make_posting (guint i)
{
  ScraperPosting *p = scraper_posting_new ();
  GString *text = g_string_new (NULL);

  while (text->len < 2400)
    g_string_append (text, sentences[(i + text->len / 7) % G_N_ELEMENTS (sentences)]);
  g_string_append (text, salaries[i % G_N_ELEMENTS (salaries)]);

  p->title = g_strdup (titles[i % G_N_ELEMENTS (titles)]);
  p->description_text = g_string_free (text, FALSE);
  return p;
}

typedef enum { FULL, SALARY, REMOTE, SENIORITY, SKILLS, RELEVANCE, N_PARTS } Part;
static const char * const part_names[] = {
  "full enrich", "salary parse", "remote classify", "seniority classify", "skills extract", "relevance",
};

int
main (int   argc,
      char *argv[])
{
  const char *keywords[] = { "rust", "python", "remote", "kubernetes", NULL };
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (keywords);
  ScraperPosting **postings = g_new0 (ScraperPosting *, n);
  double rate[N_PARTS];
  guint sink = 0;

  for (guint i = 0; i < n; i++)
    postings[i] = make_posting (i);

  for (int part = 0; part < N_PARTS; part++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      for (guint i = 0; i < n; i++)
        {
          ScraperPosting *p = postings[i];
          switch (part)
            {
            case FULL:
              {
                g_autoptr(ScraperPosting) copy = scraper_posting_copy (p);
                sink += scraper_enricher_enrich (enricher, copy);
              }
              break;
            case SALARY:
              sink += scraper_salary_parse (p->description_text, NULL, NULL, NULL, NULL);
              break;
            case REMOTE:
              sink += scraper_remote_classify (p->title, NULL, p->description_text);
              break;
            case SENIORITY:
              sink += scraper_seniority_classify (p->title, p->description_text) != NULL;
              break;
            case SKILLS:
              {
                g_auto(GStrv) skills = scraper_enricher_extract_skills (enricher, p->title,
                                                                        p->description_text);
                sink += skills != NULL;
              }
              break;
            case RELEVANCE:
              sink += !isnan (scraper_enricher_relevance (enricher, p));
              break;
            default:
              g_assert_not_reached ();
            }
        }

      seconds = (g_get_monotonic_time () - start) / 1e6;
      rate[part] = n / seconds;
      g_print ("%-20s %8u postings in %.3f s = %.0f postings/s\n", part_names[part], n, seconds, rate[part]);
    }

  g_print ("share of full enrich time:");
  for (int part = SALARY; part < N_PARTS; part++)
    g_print (" %s %.0f%%", part_names[part], 100 * rate[FULL] / rate[part]);
  g_print ("  (checksum %u)\n", sink);

  for (guint i = 0; i < n; i++)
    scraper_posting_unref (postings[i]);
  g_free (postings);
  return 0;
}
