/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feeds that pack fields into text: split where the feed's own board
 * makes the convention certain (known by its channel link or address),
 * and nowhere else. */
#define G_LOG_DOMAIN "test-feed-boards"

#include "config.h"

#include <string.h>

#include "scraper-adapter-private.h"
#include "scraper-normalize.h"

#define POSTING(arr, i) ((ScraperPosting *) g_ptr_array_index ((arr), (i)))

static GPtrArray *
parse (const char *xml,
       const char *url)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *postings = scraper_feed_parse (xml, strlen (xml), url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (postings);
  for (guint i = 0; i < postings->len; i++)
    scraper_posting_normalize (postings->pdata[i]);
  return postings;
}

static char *
rss (const char *channel_link,
     const char *items)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Jobs</title>"
                          "<link>%s</link>%s</channel></rss>", channel_link, items);
}

static void
test_wwr_company_colon_title (void)
{
  g_autofree char *xml = rss ("https://weworkremotely.com/categories/remote-programming-jobs",
    "<item><title>Acme Corp: Senior Engineer: Platform</title><link>https://weworkremotely.com/remote-jobs/1</link>"
    "<region>Europe Only</region><type>Full-Time</type></item>"
    "<item><title>Untitled role</title><link>https://weworkremotely.com/remote-jobs/2</link></item>"
    "<item><title>: Nameless</title><link>https://weworkremotely.com/remote-jobs/3</link></item>");
  /* Read from a mirror: the channel names the board. */
  g_autoptr(GPtrArray) postings = parse (xml, "http://127.0.0.1:9/wwr.rss");

  g_assert_cmpuint (postings->len, ==, 3);
  /* At the first ": " only. */
  g_assert_cmpstr (POSTING (postings, 0)->company, ==, "Acme Corp");
  g_assert_cmpstr (POSTING (postings, 0)->title, ==, "Senior Engineer: Platform");
  g_assert_cmpstr (POSTING (postings, 0)->employment_type[0], ==, "FULL_TIME");
  /* A title that does not follow the convention stays whole. */
  g_assert_cmpstr (POSTING (postings, 1)->title, ==, "Untitled role");
  g_assert_null (POSTING (postings, 1)->company);
  g_assert_cmpstr (POSTING (postings, 2)->title, ==, ": Nameless");
  g_assert_null (POSTING (postings, 2)->company);
  /* A board of remote work only. */
  g_assert_cmpint (POSTING (postings, 1)->remote, ==, SCRAPER_REMOTE_REMOTE);
}

static void
test_research_computing_title_dash_company (void)
{
  g_autofree char *xml = rss ("https://www.researchcomputingteams.org/jobs",
    "<item><title>Head of AI Core Unit / Data Scientist - BioSysteM - Technical University of Munich</title>"
    "<description><p>Lead the unit.</p><p><strong>Location:</strong> Munich DE</p>"
    "<p><strong>Categories:</strong> Academia</p></description>"
    "<link>https://jobs.example/1</link><guid isPermaLink=\"false\">job-1</guid></item>"
    "<item><title>Research Software Engineer - University of Leeds</title>"
    "<description><p><strong>Location:</strong> Remote USA</p></description>"
    "<link>https://jobs.example/2</link></item>");
  g_autoptr(GPtrArray) postings = parse (xml, "https://www.researchcomputingteams.org/jobs.rss");
  ScraperPosting *p;

  p = POSTING (postings, 0);
  /* At the last " - ": titles have dashes of their own. */
  g_assert_cmpstr (p->title, ==, "Head of AI Core Unit / Data Scientist - BioSysteM");
  g_assert_cmpstr (p->company, ==, "Technical University of Munich");
  /* The place is the text's "Location:" line. */
  g_assert_cmpstr (p->locations[0], ==, "Munich DE");
  g_assert_cmpstr (p->country, ==, "DE");

  p = POSTING (postings, 1);
  g_assert_cmpstr (p->company, ==, "University of Leeds");
  g_assert_cmpstr (p->locations[0], ==, "Remote USA");
  g_assert_cmpstr (p->country, ==, "US");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
}

/* The same shapes on a feed of no known board are titles, whole. */
static void
test_arbitrary_feed_untouched (void)
{
  g_autofree char *xml = rss ("https://jobs.example.org/",
    "<item><title>Acme: Senior Engineer</title><link>https://jobs.example.org/1</link>"
    "<region>Anywhere</region><type>Contract</type></item>"
    "<item><title>Senior Engineer at Acme</title><link>https://jobs.example.org/2</link></item>"
    "<item><title>Senior Engineer, Acme</title><link>https://jobs.example.org/3</link></item>"
    "<item><title>Senior Engineer - Acme</title><link>https://jobs.example.org/4</link>"
    "<description><p><strong>Location:</strong> Berlin</p></description></item>");
  g_autoptr(GPtrArray) postings = parse (xml, "https://jobs.example.org/feed.rss");
  static const char * const titles[] = {
    "Acme: Senior Engineer", "Senior Engineer at Acme", "Senior Engineer, Acme", "Senior Engineer - Acme",
  };

  g_assert_cmpuint (postings->len, ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_assert_cmpstr (POSTING (postings, i)->title, ==, titles[i]);
      g_assert_null (POSTING (postings, i)->company);
    }
  /* Its extension tags are still read, but remote is not assumed. */
  g_assert_cmpstr (POSTING (postings, 0)->employment_type[0], ==, "CONTRACTOR");
  g_assert_cmpint (POSTING (postings, 0)->remote, ==, SCRAPER_REMOTE_REMOTE);   /* "Anywhere" */
  g_assert_null (POSTING (postings, 3)->locations);
}

/* A look-alike host is not the board. */
static void
test_lookalike_host_untouched (void)
{
  g_autofree char *xml = rss ("https://weworkremotely.com.jobs.example/",
    "<item><title>Acme: Senior Engineer</title><link>https://jobs.example/1</link></item>");
  g_autoptr(GPtrArray) postings = parse (xml, "https://notweworkremotely.com/feed.rss");

  g_assert_cmpstr (POSTING (postings, 0)->title, ==, "Acme: Senior Engineer");
  g_assert_null (POSTING (postings, 0)->company);
  g_assert_cmpint (POSTING (postings, 0)->remote, ==, SCRAPER_REMOTE_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed-boards/wwr/company-colon-title", test_wwr_company_colon_title);
  g_test_add_func ("/feed-boards/research-computing/title-dash-company", test_research_computing_title_dash_company);
  g_test_add_func ("/feed-boards/arbitrary-feed-untouched", test_arbitrary_feed_untouched);
  g_test_add_func ("/feed-boards/lookalike-host-untouched", test_lookalike_host_untouched);

  return g_test_run ();
}
