/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-adapter-parse"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "scraper-adapter-private.h"
#include "scraper-html-private.h"
#include "scraper-normalize.h"

static char *
load (const char *name,
      gsize      *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "sites", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static GPtrArray *
extract (const char *name,
         const char *url,
         guint      *broken)
{
  gsize length;
  g_autofree char *data = load (name, &length);
  GPtrArray *postings = scraper_jsonld_extract_postings (data, length, url, broken);

  g_assert_nonnull (postings);
  for (guint i = 0; i < postings->len; i++)
    scraper_posting_normalize (postings->pdata[i]);
  return postings;
}

static void
test_jsonld_graph_itemlist (void)
{
  guint broken = 0;
  g_autoptr(GPtrArray) postings = extract ("jsonld_graph_itemlist.html", "https://example.com/careers/", &broken);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 3);
  g_assert_cmpuint (broken, ==, 1);   /* the truncated third block */

  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Senior GTK Developer & Maintainer");
  g_assert_cmpstr (p->company, ==, "Example Systems");
  g_assert_cmpuint (g_strv_length (p->locations), ==, 2);
  g_assert_cmpstr (p->locations[0], ==, "Berlin, DE");
  g_assert_cmpstr (p->locations[1], ==, "Munich, Bavaria, DE");
  g_assert_cmpstr (p->country, ==, "DE");
  g_assert_cmpuint (g_strv_length (p->employment_type), ==, 2);
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpstr (p->employment_type[1], ==, "PART_TIME");
  g_assert_cmpfloat (p->salary_min, ==, 70000);
  g_assert_cmpfloat (p->salary_max, ==, 90000);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_max, ==, 90000);
  g_assert_cmpstr (p->date_posted, ==, "2026-03-01");
  g_assert_cmpstr (p->valid_through, ==, "2026-06-30");
  g_assert_cmpstr (p->external_id, ==, "EX-42");
  g_assert_cmpstr (p->url, ==, "https://example.com/jobs/ex-42");
  g_assert_true (p->direct_apply);
  g_assert_cmpstr (p->description_markup, ==, "Build <b>GNOME</b> apps.");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_UNKNOWN);

  p = postings->pdata[1];
  g_assert_cmpstr (p->title, ==, "Support Engineer");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpuint (g_strv_length (p->locations), ==, 2);
  g_assert_cmpstr (p->locations[0], ==, "Germany");
  g_assert_cmpstr (p->employment_type[0], ==, "CONTRACTOR");
  g_assert_cmpstr (p->external_id, ==, "1234");
  g_assert_cmpfloat (p->salary_min, ==, 45.5);
  g_assert_cmpfloat (p->salary_max, ==, 45.5);
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_HOUR);
  g_assert_cmpfloat (p->annual_min, ==, 45.5 * 2080);
  g_assert_cmpstr (p->date_posted, ==, "2026-03-03");
  g_assert_cmpstr (p->url, ==, "https://example.com/careers/");   /* default: the page */

  p = postings->pdata[2];
  g_assert_cmpstr (p->title, ==, "Office Manager");
  g_assert_cmpstr (p->company, ==, "Example Systems");
  g_assert_cmpstr (p->locations[0], ==, "Hamburg");
  g_assert_cmpfloat (p->salary_min, ==, 3000);
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_MONTH);
  g_assert_cmpfloat (p->annual_max, ==, 48000);
}

static void
test_jsonld_schemaorg_eg0028 (void)
{
  g_autoptr(GPtrArray) postings = extract ("schemaorg_examples_eg-0028_JobPosting_premarkup_microdata_rdfa_jsonld.excerpt.txt",
                                           "https://abc.example/jobs/1", NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Software Engineer");
  g_assert_cmpstr (p->locations[0], ==, "Kirkland, WA");
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  /* Legacy "baseSalary": "100000" with a posting-level salaryCurrency. */
  g_assert_cmpfloat (p->salary_min, ==, 100000);
  g_assert_cmpfloat (p->salary_max, ==, 100000);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_UNKNOWN);
  g_assert_cmpfloat (p->annual_min, ==, 100000);  /* looks yearly */
  g_assert_cmpstr (p->date_posted, ==, "2011-10-31");
  g_assert_null (p->company);
  g_assert_true (g_str_has_prefix (p->description_text, "Description: ABC Company Inc."));
}

static void
test_jsonld_schemaorg_eg0268_applicant_location (void)
{
  g_autoptr(GPtrArray) postings = extract ("schemaorg_example_eg-0268_JobPosting_applicantLocationRequirements.txt",
                                           "https://example.com/j", NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Telecommute from anywhere in USA!");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->locations[0], ==, "USA");
  g_assert_false (scraper_posting_has_salary (p));
}

static void
test_jsonld_schemaorg_issue1698 (void)
{
  g_autoptr(GPtrArray) postings = extract ("schemaorg_examples_issue-1698_JobPosting_Occupation_estimatedSalary.txt",
                                           "https://example.com/j", NULL);
  ScraperPosting *p;

  /* Persons and Occupations are not postings; one JobPosting is. */
  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Mobile App Developer");
  g_assert_cmpstr (p->company, ==, "ACME Software");
}

static void
test_microdata_eg0028 (void)
{
  g_autoptr(GPtrArray) postings = extract ("schemaorg_eg0028_microdata.html", "https://abc.example/jobs/1", NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Software Engineer");
  g_assert_cmpstr (p->company, ==, "ABC Company Inc.");
  g_assert_cmpstr (p->locations[0], ==, "Kirkland, WA");
  g_assert_cmpstr (p->employment_type[0], ==, "FULL_TIME");
  g_assert_cmpfloat (p->salary_min, ==, 100000);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpstr (p->date_posted, ==, "2011-10-31");
  g_assert_nonnull (strstr (p->description_text, "seeks a full-time mid-level software engineer"));
}

static void
test_jsonld_edge_cases (void)
{
  static const struct { const char *file; const char *member; const char *value; } cases[] = {
    { "edgecase_jsonld_invalid_block_then_valid_block.extruct.html", "foo", "bar" },
    { "edgecase_jsonld_js_comments_udn_newsarticle.extruct.html", "articleSection", "\xe5\x95\x86\xe6\x83\x85" },
    { "edgecase_jsonld_raw_newlines_in_string.extruct.html", "data", "line 1\n        line 2\n        line 3\n" },
    { "edgecase_jsonld_html_comment_and_newline_in_string.extruct.html", "data",
      "<!-- John joined the festival. --><b>some\n        text</b>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *data = load (cases[i].file, &length);
      htmlDocPtr doc = scraper_html_parse (data, length, NULL, "https://example.com/");
      xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
      xmlXPathObjectPtr res = xmlXPathEvalExpression ((const xmlChar *) "//script[@type='application/ld+json']", ctx);
      guint parsed = 0, broken = 0;
      g_autoptr(GPtrArray) postings = NULL;

      g_test_message ("%s", cases[i].file);
      for (int j = 0; j < res->nodesetval->nodeNr; j++)
        {
          xmlChar *content = xmlNodeGetContent (res->nodesetval->nodeTab[j]);
          g_autoptr(JsonNode) node = scraper_jsonld_parse_block ((const char *) content, NULL);

          xmlFree (content);
          if (node == NULL)
            {
              broken++;
              continue;
            }
          parsed++;
          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), cases[i].member),
                           ==, cases[i].value);
        }
      g_assert_cmpuint (parsed, ==, 1);
      g_assert_cmpuint (broken, ==, g_str_has_prefix (cases[i].file, "edgecase_jsonld_invalid") ? 1 : 0);

      /* None is a JobPosting. */
      postings = scraper_jsonld_extract_from_doc (doc, "https://example.com/", &broken);
      g_assert_cmpuint (postings->len, ==, 0);
      xmlXPathFreeObject (res);
      xmlXPathFreeContext (ctx);
      xmlFreeDoc (doc);
    }
}

static void
test_jsonld_broken_then_valid_jobposting (void)
{
  const char *html =
    "<html><head><script type=\"application/ld+json\">{ invalid: yes</script>"
    "<script type=\"application/ld+json\">{\"@type\":\"JobPosting\",\"title\":\"After the broken one\"}</script>"
    "<script type=\"application/ld+json\"></script>"
    "<script type=\"application/ld+json\">{&quot;@type&quot;:&quot;JobPosting&quot;,&quot;title&quot;:&quot;Escaped&quot;}</script>"
    "</head></html>";
  guint broken = 0;
  g_autoptr(GPtrArray) postings = scraper_jsonld_extract_postings (html, strlen (html), "https://e.example/", &broken);

  g_assert_cmpuint (broken, ==, 1);   /* the empty block is not counted */
  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[0])->title, ==, "After the broken one");
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[1])->title, ==, "Escaped");
}

static void
test_jsonld_truncated_and_malformed (void)
{
  static const char * const blocks[] = {
    "{\"@type\":\"JobPosting\",\"title\":\"Cut",
    "{\"@type\":\"JobPosting\",\"title\":",
    "[[[[[[[[",
    "}{",
    "\xff\xfe\x00garbage",
    "{\"@type\":\"JobPosting\",\"title\":\"ok\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autofree char *html = g_strdup_printf ("<script type='application/ld+json'>%s</script>", blocks[i]);
      guint broken = 0;
      g_autoptr(GPtrArray) postings = scraper_jsonld_extract_postings (html, strlen (html), "https://e.example/", &broken);

      g_assert_cmpuint (postings->len, ==, 0);
      g_assert_cmpuint (broken, ==, 1);
    }
}

static void
test_html_negatives_no_postings (void)
{
  static const char * const files[] = {
    "careers_page_wikimedia_foundation_jobs_list_2023.html",
    "careers_page_blueorchard_bamboohr_links_2023.html",
    "indeed_serp_jobcards_fragment_2020.html",
    "glassdoor_job_listings_fragment_2020.html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      guint broken = 99;
      g_autoptr(GPtrArray) postings = extract (files[i], "https://example.org/careers/", &broken);

      g_assert_cmpuint (postings->len, ==, 0);
      g_assert_cmpuint (broken, ==, 0);
    }
}

static void
test_html_garbage_no_crash (void)
{
  static const char garbage[] = "\0\xff<<<>>><script type=application/ld+json>{\0}</scr<ipt><a href=\"\xc0\">";
  g_autoptr(GPtrArray) a = scraper_jsonld_extract_postings (garbage, sizeof garbage - 1, "https://e.example/", NULL);
  g_autoptr(GPtrArray) b = scraper_jsonld_extract_postings ("", 0, NULL, NULL);
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
  for (guint round = 0; round < 200; round++)
    {
      guint8 buf[512];
      g_autoptr(GPtrArray) c = NULL;

      for (guint j = 0; j < sizeof buf; j++)
        buf[j] = (guint8) g_rand_int_range (rand, 0, 256);
      c = scraper_jsonld_extract_postings ((const char *) buf, sizeof buf, "https://e.example/", NULL);
      g_assert_nonnull (c);
    }
  g_rand_free (rand);
}

static void
test_charset_latin1_with_meta (void)
{
  g_autoptr(GPtrArray) postings = extract ("latin1_with_meta.html", "https://e.example/", NULL);
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Ingenieur (m/w/d) K\xc3\xb6ln");
  g_assert_cmpstr (p->company, ==, "M\xc3\xbcller GmbH");
  g_assert_cmpstr (p->locations[0], ==, "K\xc3\xb6ln, DE");
}

static void
test_charset_latin1_without_meta (void)
{
  g_autoptr(GPtrArray) postings = extract ("latin1_without_meta.html", "https://e.example/", NULL);
  ScraperPosting *p;

  /* No charset anywhere: UTF-8 with the invalid bytes repaired. */
  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_true (g_utf8_validate (p->title, -1, NULL));
  g_assert_cmpstr (p->title, ==, "Ingenieur K\xef\xbf\xbdln");
}

static void
test_charset_response_wins (void)
{
  gsize length;
  g_autofree char *data = load ("latin1_without_meta.html", &length);
  htmlDocPtr doc = scraper_html_parse (data, length, "ISO-8859-1", "https://e.example/");
  g_autoptr(GPtrArray) postings = scraper_jsonld_extract_from_doc (doc, "https://e.example/", NULL);
  htmlDocPtr doc2 = scraper_html_parse (data, length, "no-such-charset", "https://e.example/");
  g_autoptr(GPtrArray) postings2 = scraper_jsonld_extract_from_doc (doc2, "https://e.example/", NULL);

  g_assert_cmpuint (postings->len, ==, 1);
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[0])->title, ==, "Ingenieur K\xc3\xb6ln");
  /* An unknown charset falls back to repaired UTF-8. */
  g_assert_cmpuint (postings2->len, ==, 1);
  g_assert_true (g_utf8_validate (((ScraperPosting *) postings2->pdata[0])->title, -1, NULL));
  xmlFreeDoc (doc);
  xmlFreeDoc (doc2);
}

static GPtrArray *
parse_feed (const char *name,
            const char *url)
{
  gsize length;
  g_autofree char *data = load (name, &length);
  g_autoptr(GError) error = NULL;
  GPtrArray *postings = scraper_feed_parse (data, length, url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (postings);
  for (guint i = 0; i < postings->len; i++)
    scraper_posting_normalize (postings->pdata[i]);
  return postings;
}

static void
test_feed_wwr (void)
{
  g_autoptr(GPtrArray) postings = parse_feed ("rss_weworkremotely_all_remote_jobs_2026-07.xml",
                                              "https://weworkremotely.com/remote-jobs.rss");
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 4);
  p = postings->pdata[0];
  g_assert_cmpstr (p->company, ==, "Mathmo");
  g_assert_cmpstr (p->title, ==, "Maths Coach");
  g_assert_cmpstr (p->locations[0], ==, "Anywhere in the World");
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->employment_type[0], ==, "CONTRACTOR");
  g_assert_nonnull (p->external_id);
  g_assert_true (g_str_has_prefix (p->url, "https://weworkremotely.com/"));
  g_assert_nonnull (p->date_posted);
  g_assert_cmpuint (strlen (p->date_posted), ==, 10);
  /* Entity-escaped HTML: rendered, the logo <img> dropped. */
  g_assert_nonnull (strstr (p->description_markup, "<b>Headquarters:</b> London"));
  g_assert_null (strstr (p->description_markup, "img"));
  g_assert_nonnull (strstr (p->description_text, "Pay is \xc2\xa3" "75 per hour"));
}

static void
test_feed_research_computing_raw_html (void)
{
  g_autoptr(GPtrArray) postings = parse_feed ("rss_researchcomputingteams_jobboard_raw_html_in_description_2026-06.rss",
                                              "https://www.researchcomputingteams.org/jobs.rss");
  ScraperPosting *p;

  g_assert_cmpuint (postings->len, ==, 350);
  p = postings->pdata[0];
  /* The board's titles read "Title - Organisation". */
  g_assert_cmpstr (p->title, ==, "Manager, Computational Scientific Programming, Research Computing");
  g_assert_cmpstr (p->company, ==, "Empire AI");
  g_assert_cmpstr (p->external_id, ==, "job-3520");
  g_assert_cmpstr (p->url, ==, "https://www.linkedin.com/jobs/view/4370561599");
  g_assert_cmpstr (p->date_posted, ==, "2026-02-09");
  /* Raw child elements kept as markup. */
  g_assert_nonnull (strstr (p->description_markup, "<b>Location:</b> New York City NY USA"));
  g_assert_nonnull (strstr (p->description_markup, "<a href=\"https://www.linkedin.com/jobs/view/4370561599\">View Job Posting</a>"));
  g_assert_nonnull (strstr (p->description_text, "Location: New York City NY USA"));
}

static void
test_feed_wwr_design (void)
{
  g_autoptr(GPtrArray) postings = parse_feed ("rss_weworkremotely_design_2022-11.rss", "https://weworkremotely.com/");

  g_assert_cmpuint (postings->len, ==, 22);
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *p = postings->pdata[i];

      g_assert_nonnull (p->title);
      g_assert_nonnull (p->company);
      g_assert_nonnull (p->url);
      g_assert_nonnull (p->date_posted);
      g_assert_true (g_str_has_prefix (p->date_posted, "2022-") || g_str_has_prefix (p->date_posted, "2021-"));
    }
}

static void
test_feed_atom (void)
{
  const char *atom =
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Jobs</title>"
    "<link href=\"https://jobs.example/\"/>"
    "<entry><title type=\"html\">Dev &amp;amp; Ops</title><link rel=\"alternate\" href=\"/jobs/7\"/>"
    "<link rel=\"enclosure\" href=\"/logo.png\"/><id>urn:job:7</id><updated>2026-04-02T10:00:00Z</updated>"
    "<published>2026-04-01T10:00:00Z</published><author><name>Example Ltd</name></author>"
    "<content type=\"html\">&lt;ul&gt;&lt;li&gt;Rust&lt;/li&gt;&lt;/ul&gt;</content></entry>"
    "<entry><title>Second</title><id>urn:job:8</id><summary><![CDATA[<p>Hi <em>there</em></p>]]></summary></entry>"
    "</feed>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = scraper_feed_parse (atom, strlen (atom), "https://jobs.example/feed.atom", &error);
  ScraperPosting *p;

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 2);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Dev & Ops");
  g_assert_cmpstr (p->url, ==, "https://jobs.example/jobs/7");
  g_assert_cmpstr (p->external_id, ==, "urn:job:7");
  g_assert_cmpstr (p->date_posted, ==, "2026-04-01");
  g_assert_cmpstr (p->company, ==, "Example Ltd");
  g_assert_cmpstr (p->description_text, ==, "\xe2\x80\xa2 Rust");
  p = postings->pdata[1];
  g_assert_cmpstr (p->description_markup, ==, "Hi <i>there</i>");
}

/* An @graph states the company and the places once and refers to them by
 * "@id" (as WordPress SEO plugins write it); a reference to itself or a
 * cycle must not hang. */
static void
test_jsonld_graph_references (void)
{
  const char *html =
    "<html><head><script type=\"application/ld+json\">"
    "{\"@context\": \"https://schema.org\", \"@graph\": ["
    " {\"@type\": \"Organization\", \"@id\": \"https://zeta.example/#org\", \"name\": \"Zeta GmbH\","
    "  \"parentOrganization\": {\"@id\": \"https://zeta.example/#org\"}},"
    " {\"@type\": \"Place\", \"@id\": \"#berlin\", \"address\": {\"@id\": \"#berlin-address\"}},"
    " {\"@type\": \"PostalAddress\", \"@id\": \"#berlin-address\", \"addressLocality\": \"Berlin\","
    "  \"addressCountry\": \"DE\"},"
    " {\"@type\": \"Place\", \"@id\": \"#hamburg\", \"address\": {\"@type\": \"PostalAddress\","
    "  \"addressLocality\": \"Hamburg\", \"addressCountry\": \"DE\"}},"
    " {\"@type\": \"JobPosting\", \"@id\": \"#job\", \"title\": \"Backend Engineer\","
    "  \"hiringOrganization\": {\"@id\": \"https://zeta.example/#org\"},"
    "  \"jobLocation\": [{\"@id\": \"#berlin\"}, {\"@type\": \"Place\", \"@id\": \"#hamburg\"}],"
    "  \"mainEntityOfPage\": {\"@id\": \"#job\"}, \"description\": \"<p>Build.</p>\"}"
    "]}</script></head><body></body></html>";
  g_autoptr(GPtrArray) postings = scraper_jsonld_extract_postings (html, strlen (html), "https://zeta.example/jobs/1", NULL);
  ScraperPosting *p;

  g_assert_nonnull (postings);
  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_cmpstr (p->title, ==, "Backend Engineer");
  g_assert_cmpstr (p->company, ==, "Zeta GmbH");
  g_assert_nonnull (p->locations);
  g_assert_cmpuint (g_strv_length (p->locations), ==, 2);
  g_assert_nonnull (strstr (p->locations[0], "Berlin"));
  g_assert_nonnull (strstr (p->locations[1], "Hamburg"));
}

static void
test_feed_not_a_feed (void)
{
  static const char * const docs[] = {
    "<html><body>hello</body></html>",
    "{\"jobs\": []}",
    "<?xml version=\"1.0\"?><workzag-jobs><position/></workzag-jobs>",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) postings = scraper_feed_parse (docs[i], strlen (docs[i]), "https://e.example/", &error);

      g_assert_null (postings);
      g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
    }
}

static void
test_feed_no_external_entities (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "scraper-xxe-secret.txt", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperPosting *p;

  g_assert_true (g_file_set_contents (path, "TOPSECRET", -1, NULL));
  doc = g_strdup_printf ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://%s\">]>"
                         "<rss version=\"2.0\"><channel><item><title>A &xxe; B</title>"
                         "<link>https://e.example/1</link></item></channel></rss>", path);
  postings = scraper_feed_parse (doc, strlen (doc), "https://e.example/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 1);
  p = postings->pdata[0];
  g_assert_null (strstr (p->title, "TOPSECRET"));
  g_unlink (path);
}

/* "Billion laughs": entities of entities.  Reading the title expanded it to
 * 3 GB (minutes and 15 GB of memory); such a feed is refused at once. */
static void
test_feed_entity_expansion_refused (void)
{
  g_autoptr(GString) doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (doc, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (doc, i == 1 ? "&lol;" : "&lol%u;", i - 1);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title>"
                        "<link>https://e.example/1</link><description>&lol9;</description></item></channel></rss>");

  postings = scraper_feed_parse (doc->str, doc->len, "https://e.example/", &error);
  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "entities"));
}

static void
test_feed_slightly_broken_recovered (void)
{
  const char *rss = "<rss version=\"2.0\"><channel><item><title>One & Two</title><link>https://e.example/1</link>"
                    "</item><item><title>Three</title><link>https://e.example/3</link></item>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = scraper_feed_parse (rss, strlen (rss), "https://e.example/", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[1])->title, ==, "Three");
}

/* What a feed calls itself, to name a source after it. */
static void
test_feed_title (void)
{
  static const struct { const char *doc; const char *title; } cases[] = {
    { "<rss version=\"2.0\"><channel><title> Acme\n jobs </title><item><title>A</title>"
      "<link>https://e.example/1</link></item></channel></rss>", "Acme jobs" },
    { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">Beta careers</title>"
      "<entry><title>B</title><id>urn:b</id></entry></feed>", "Beta careers" },
    { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
      "<channel><title>Gamma</title></channel><item><title>C</title><link>https://e.example/c</link></item>"
      "</rdf:RDF>", "Gamma" },
    { "<rss version=\"2.0\"><channel><title></title><item><title>D</title></item></channel></rss>", NULL },
    { "<rss version=\"2.0\"><channel><item><title>E</title></item></channel></rss>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GPtrArray) postings = NULL;

      postings = scraper_feed_parse_full (cases[i].doc, strlen (cases[i].doc), "https://e.example/",
                                          &title, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (postings->len, ==, 1);
      g_assert_cmpstr (title, ==, cases[i].title);
    }
}

/* A source the user did not name: a board's name, else the host. */
static void
test_default_name (void)
{
  static const struct { const char *url; const char *kind; const char *name; } cases[] = {
    { "https://boards.greenhouse.io/acme-corp", NULL, "Acme Corp" },
    { "https://job-boards.greenhouse.io/acme_corp/jobs/123", "greenhouse", "Acme Corp" },
    { "https://jobs.lever.co/beta", NULL, "Beta" },
    { "https://jobs.ashbyhq.com/OpenThing", NULL, "OpenThing" },
    { "https://apply.workable.com/delta/", NULL, "Delta" },
    { "https://careers.smartrecruiters.com/Gamma1", NULL, "Gamma1" },
    { "https://epsilon.recruitee.com/", NULL, "Epsilon" },
    { "https://zeta.jobs.personio.de/", NULL, "Zeta" },
    { "https://m%C3%BCller.jobs.personio.de/", "personio", "müller" },
    { "https://boards.greenhouse.io/", NULL, "boards.greenhouse.io" },
    { "https://www.Example.com/careers/", "jsonld", "example.com" },
    { "http://127.0.0.1:8080/jobs.rss", "feed", "127.0.0.1" },
    /* A board's API document on another host: named after that host. */
    { "http://127.0.0.1:8080/lever.json", "lever", "127.0.0.1" },
    { "http://localhost:8080/ashby.json", "ashby", "localhost" },
    { "https://jobs.acme.com/api/offers/", "recruitee", "jobs.acme.com" },
    { "https://www./x", NULL, "www." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = scraper_adapter_default_name (cases[i].url, cases[i].kind);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_company_tally (void)
{
  g_autoptr(ScraperCompanyTally) tally = scraper_company_tally_new ();
  static const char * const companies[] = { "Acme", "Acme", NULL, "Beta", "Acme" };
  g_autofree char *majority = NULL;

  g_assert_null (scraper_company_tally_majority (tally));
  for (guint i = 0; i < G_N_ELEMENTS (companies); i++)
    {
      g_autoptr(ScraperPosting) p = scraper_posting_new ();

      p->company = g_strdup (companies[i]);
      scraper_company_tally_add (tally, p);
      if (i == 1)
        {
          g_autofree char *two = scraper_company_tally_majority (tally);
          g_assert_cmpstr (two, ==, "Acme");
        }
      if (i == 3)   /* two of four is no majority */
        g_assert_null (scraper_company_tally_majority (tally));
    }
  majority = scraper_company_tally_majority (tally);
  g_assert_cmpstr (majority, ==, "Acme");
}

static void
test_guess_kind (void)
{
  static const struct { const char *url, *kind; } cases[] = {
    { "https://boards.greenhouse.io/acme", "greenhouse" },
    { "https://boards-api.greenhouse.io/v1/boards/acme/jobs", "greenhouse" },
    { "https://job-boards.greenhouse.io/acme", "greenhouse" },
    { "https://jobs.lever.co/acme", "lever" },
    { "https://api.lever.co/v0/postings/acme", "lever" },
    { "https://jobs.ashbyhq.com/acme", "ashby" },
    { "https://api.ashbyhq.com/posting-api/job-board/acme", "ashby" },
    { "https://apply.workable.com/acme/", "workable" },
    { "https://careers.smartrecruiters.com/Acme", "smartrecruiters" },
    { "https://api.smartrecruiters.com/v1/companies/acme/postings", "smartrecruiters" },
    { "https://acme.recruitee.com/", "recruitee" },
    { "https://acme.jobs.personio.de/xml", "personio" },
    { "https://acme.jobs.personio.com/", "personio" },
    { "https://weworkremotely.com/remote-jobs.rss", "feed" },
    { "https://example.com/jobs.atom", "feed" },
    { "https://example.com/feed/", "feed" },
    { "https://example.com/careers/rss", "feed" },
    { "https://example.com/careers/", NULL },
    { "https://notgreenhouse.io/", NULL },
    { "https://evil-recruitee.com.example/", NULL },
    { "not a url", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].url);
      g_assert_cmpstr (scraper_adapter_guess_kind (cases[i].url), ==, cases[i].kind);
    }
}

/* The DOM-free path reads what the parser would: on every fixture page
 * with JSON-LD postings it finds the same postings, field for field. */
static void
test_jsonld_raw_matches_dom (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "sites", NULL);
  g_autofree char *gensite = g_build_filename (dir_path, "gensite", "acme", "jobs", NULL);
  const char *dirs[] = { dir_path, gensite };
  guint compared = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dirs[d], name, NULL);
          g_autofree char *data = NULL;
          g_autoptr(GPtrArray) dom = NULL;
          g_autoptr(GPtrArray) raw = NULL;
          gsize length;
          guint broken_dom = 0, broken_raw = 0;

          if (!g_str_has_suffix (name, ".html") || !g_file_get_contents (path, &data, &length, NULL) ||
              !g_utf8_validate_len (data, length, NULL))
            continue;

          dom = scraper_jsonld_extract_postings (data, length, "https://example.com/page", &broken_dom);
          raw = scraper_jsonld_extract_raw (data, length, "https://example.com/page", &broken_raw);
          if (raw == NULL)
            {
              /* No JSON-LD posting: the DOM may still find microdata. */
              continue;
            }

          g_assert_cmpuint (raw->len, ==, dom->len);
          g_assert_cmpuint (broken_raw, ==, broken_dom);
          for (guint i = 0; i < raw->len; i++)
            {
              ScraperPosting *a = raw->pdata[i], *b = dom->pdata[i];

              g_assert_cmpstr (a->title, ==, b->title);
              g_assert_cmpstr (a->external_id, ==, b->external_id);
              g_assert_cmpstr (a->url, ==, b->url);
              g_assert_cmpstr (a->company, ==, b->company);
              g_assert_cmpstr (a->date_posted, ==, b->date_posted);
              g_assert_cmpstr (a->description_text, ==, b->description_text);
              g_assert_true (g_strv_equal ((const char * const *) (a->locations ? a->locations : (GStrv) (const char *[]) { NULL }),
                                           (const char * const *) (b->locations ? b->locations : (GStrv) (const char *[]) { NULL })));
            }
          compared++;
        }
    }

  /* The fixture set has JSON-LD pages: the comparison did happen. */
  g_assert_cmpuint (compared, >=, 10);
}

/* Tag and attribute spelling, quotes, several blocks, and pages without
 * JSON-LD (which the caller then parses). */
static void
test_jsonld_raw_spellings (void)
{
  static const char page[] =
    "<!DOCTYPE html><HTML><HEAD>"
    "<SCRIPT>var x = '<script type=\"application/ld+json\">';</SCRIPT>"
    "<Script TYPE='Application/LD+JSON' id=a>{\"@type\":\"JobPosting\",\"title\":\"One\"}</Script >"
    "<script type=\"text/javascript\">var y = 1;</script>"
    "<script\ntype=\"application/ld+json\">[{\"@type\":\"JobPosting\",\"title\":\"Two\"}]</script>"
    "</HEAD><BODY></BODY></HTML>";
  static const char none[] = "<html><body><p>No structured data here.</p></body></html>";
  static const char unclosed[] = "<html><script type=\"application/ld+json\">{\"@type\":\"JobPosting\"";
  g_autoptr(GPtrArray) postings = NULL;
  guint broken = 0;

  postings = scraper_jsonld_extract_raw (page, strlen (page), "https://example.com/", &broken);
  g_assert_nonnull (postings);
  g_assert_cmpuint (postings->len, ==, 2);
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[0])->title, ==, "One");
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[1])->title, ==, "Two");
  g_assert_cmpuint (broken, ==, 0);

  g_assert_null (scraper_jsonld_extract_raw (none, strlen (none), "https://example.com/", NULL));
  g_assert_null (scraper_jsonld_extract_raw (unclosed, strlen (unclosed), "https://example.com/", NULL));
  g_assert_null (scraper_jsonld_extract_raw ("", 0, "https://example.com/", NULL));
}

/* Which links lead to the next page of a list: rel=next, or a link that
 * says so in its text, its aria-label or (an icon alone) its title, as
 * iCIMS's paging does; not the numbered pages or the postings. */
static void
test_next_links (void)
{
  static const char page[] =
    "<html><body><ul><li><a href='/jobs/8214/payroll/job?in_iframe=1'>Payroll Tax Specialist</a></li></ul>"
    "<div class='iCIMS_Paging'><a href='?pr=0&amp;in_iframe=1' title='First page of results'>1</a>"
    "<a href='?pr=1&amp;in_iframe=1' title='Next page of results'><span class='glyph'></span></a>"
    "<a href='?pr=2&amp;in_iframe=1'><span class='sr-only'>Next page of results</span></a>"
    "<a href='/a' aria-label='Next'></a><link rel='next' href='/b'>"
    "<a href='/c'>Next steps in your career</a></div></body></html>";
  htmlDocPtr doc = scraper_html_parse (page, strlen (page), "utf-8", "https://careers-x.icims.com/jobs/search");
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) links = scraper_html_collect_links (doc, "https://careers-x.icims.com/jobs/search", &next);
  static const char * const want[] = {
    "https://careers-x.icims.com/jobs/search?pr=1&in_iframe=1",
    "https://careers-x.icims.com/jobs/search?pr=2&in_iframe=1",
    "https://careers-x.icims.com/a",
    "https://careers-x.icims.com/b",
  };

  xmlFreeDoc (doc);
  for (guint i = 0; i < next->len; i++)
    g_test_message ("next: %s", (const char *) next->pdata[i]);
  g_assert_cmpuint (next->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpstr (next->pdata[i], ==, want[i]);
  for (guint i = 0; i < links->len; i++)
    g_assert_null (strstr (links->pdata[i], "pr=1"));
}

int
main (int   argc,
      char *argv[])
{
  xmlInitParser ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/adapter/jsonld/graph-itemlist-fields", test_jsonld_graph_itemlist);
  g_test_add_func ("/adapter/html/next-links", test_next_links);
  g_test_add_func ("/adapter/jsonld/schemaorg-eg0028", test_jsonld_schemaorg_eg0028);
  g_test_add_func ("/adapter/jsonld/schemaorg-eg0268-applicant-location", test_jsonld_schemaorg_eg0268_applicant_location);
  g_test_add_func ("/adapter/jsonld/schemaorg-issue1698-occupation-not-posting", test_jsonld_schemaorg_issue1698);
  g_test_add_func ("/adapter/jsonld/microdata-eg0028", test_microdata_eg0028);
  g_test_add_func ("/adapter/jsonld/extruct-edge-cases-comments-newlines", test_jsonld_edge_cases);
  g_test_add_func ("/adapter/jsonld/broken-then-valid-block", test_jsonld_broken_then_valid_jobposting);
  g_test_add_func ("/adapter/jsonld/truncated-and-malformed", test_jsonld_truncated_and_malformed);
  g_test_add_func ("/adapter/jsonld/html-without-structure-no-postings", test_html_negatives_no_postings);
  g_test_add_func ("/adapter/jsonld/garbage-no-crash", test_html_garbage_no_crash);
  g_test_add_func ("/adapter/jsonld/raw-path-matches-dom", test_jsonld_raw_matches_dom);
  g_test_add_func ("/adapter/jsonld/raw-path-spellings", test_jsonld_raw_spellings);
  g_test_add_func ("/adapter/charset/latin1-with-meta", test_charset_latin1_with_meta);
  g_test_add_func ("/adapter/charset/latin1-without-meta-repaired", test_charset_latin1_without_meta);
  g_test_add_func ("/adapter/charset/response-charset-wins-unknown-falls-back", test_charset_response_wins);
  g_test_add_func ("/adapter/feed/wwr-extension-tags", test_feed_wwr);
  g_test_add_func ("/adapter/feed/wwr-design-22-items", test_feed_wwr_design);
  g_test_add_func ("/adapter/feed/research-computing-raw-html-children", test_feed_research_computing_raw_html);
  g_test_add_func ("/adapter/feed/atom", test_feed_atom);
  g_test_add_func ("/adapter/jsonld/graph-references", test_jsonld_graph_references);
  g_test_add_func ("/adapter/feed/not-a-feed-parse-error", test_feed_not_a_feed);
  g_test_add_func ("/adapter/feed/entity-expansion-refused", test_feed_entity_expansion_refused);
  g_test_add_func ("/adapter/feed/no-external-entities", test_feed_no_external_entities);
  g_test_add_func ("/adapter/feed/slightly-broken-recovered", test_feed_slightly_broken_recovered);
  g_test_add_func ("/adapter/guess-kind", test_guess_kind);
  g_test_add_func ("/adapter/default-name", test_default_name);
  g_test_add_func ("/adapter/feed-title", test_feed_title);
  g_test_add_func ("/adapter/company-tally", test_company_tally);

  return g_test_run ();
}
