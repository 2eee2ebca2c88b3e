/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a hostile feed, board or page can send: entity bombs, links of any
 * scheme, oversized descriptions, absurd salaries.  Each case is named
 * after the attack. */
#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <math.h>
#include <pango/pango.h>
#include <string.h>
#include <sys/resource.h>

#include "model/scraper-untrusted.h"
#include "scraper-adapter-ats.h"
#include "scraper-adapter-private.h"
#include "scraper-feed-json.h"
#include "scraper-fetcher-private.h"
#include "scraper-normalize.h"

/* ------------------------------------------------------------------ */
/* libxml2's memory, counted: an entity bomb is measured in bytes, not  */
/* in seconds                                                          */

#define HEADER 16

static gsize xml_current;
static gsize xml_peak;
static GMutex xml_lock;

static void
count (gssize delta)
{
  g_mutex_lock (&xml_lock);
  xml_current += delta;
  xml_peak = MAX (xml_peak, xml_current);
  g_mutex_unlock (&xml_lock);
}

static void *
counted_malloc (size_t size)
{
  char *p = malloc (size + HEADER);

  if (p == NULL)
    return NULL;
  memcpy (p, &size, sizeof size);
  count ((gssize) size);
  return p + HEADER;
}

static void
counted_free (void *mem)
{
  char *p;
  size_t size;

  if (mem == NULL)
    return;
  p = (char *) mem - HEADER;
  memcpy (&size, p, sizeof size);
  count (-(gssize) size);
  free (p);
}

static void *
counted_realloc (void   *mem,
                 size_t  size)
{
  char *p, *q;
  size_t old;

  if (mem == NULL)
    return counted_malloc (size);
  p = (char *) mem - HEADER;
  memcpy (&old, p, sizeof old);
  q = realloc (p, size + HEADER);
  if (q == NULL)
    return NULL;
  memcpy (q, &size, sizeof size);
  count ((gssize) size - (gssize) old);
  return q + HEADER;
}

static char *
counted_strdup (const char *str)
{
  size_t len = strlen (str) + 1;
  char *copy = counted_malloc (len);

  if (copy != NULL)
    memcpy (copy, str, len);
  return copy;
}

static void
reset_peak (void)
{
  g_mutex_lock (&xml_lock);
  xml_peak = xml_current;
  g_mutex_unlock (&xml_lock);
}

/* Ten levels of ten: expanded, the last entity is 10^9 bytes.  Today's
 * libxml2 refuses that much (its amplification check) unless
 * XML_PARSE_HUGE is given; a few levels fewer pass the check and still
 * cost tens of megabytes, so both are tried. */
static char *
entity_bomb (const char *root_open,
             const char *use,
             const char *root_close,
             guint       levels)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE bomb [\n"
                               "<!ENTITY l0 \"lollollollollollollollollollollollollollollollollollollollollol\">\n");

  for (guint i = 1; i <= levels; i++)
    {
      g_string_append_printf (xml, "<!ENTITY l%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (xml, "&l%u;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n");
  g_string_append (xml, root_open);
  {
    g_autofree char *ref = g_strdup_printf ("&l%u;", levels);
    g_autofree char *body = NULL;
    g_auto(GStrv) parts = g_strsplit (use, "@", -1);

    body = g_strjoinv (ref, parts);
    g_string_append (xml, body);
  }
  g_string_append (xml, root_close);
  return g_string_free (xml, FALSE);
}

/* Less than the smallest bomb below expands to (a megabyte per level
 * down from 10^6 bytes), more than any parse of such a small file needs. */
#define BOMB_BUDGET (2 * 1024 * 1024)

static void
assert_feed_bomb_refused (const char *use,
                          guint       levels)
{
  g_autofree char *xml = entity_bomb ("<rss version=\"2.0\"><channel><title>Bomb</title>",
                                      use, "</channel></rss>", levels);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;

  reset_peak ();
  postings = scraper_feed_parse (xml, strlen (xml), "https://jobs.example.com/feed", &error);
  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "entities"));
  g_test_message ("%u levels: libxml2 peak %" G_GSIZE_FORMAT " bytes", levels, xml_peak);
  g_assert_cmpuint (xml_peak, <, BOMB_BUDGET);
}

static void
test_feed_billion_laughs_in_attribute (void)
{
  const char *use = "<item><title>x</title><link href=\"@\">https://jobs.example.com/1</link></item>";

  assert_feed_bomb_refused (use, 5);
  assert_feed_bomb_refused (use, 6);
  assert_feed_bomb_refused (use, 9);
}

static void
test_feed_billion_laughs_in_text (void)
{
  const char *use = "<item><title>@</title><link>https://jobs.example.com/1</link></item>";

  assert_feed_bomb_refused (use, 6);
  assert_feed_bomb_refused (use, 9);
}

static void
test_feed_parameter_entity_refused (void)
{
  const char *xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
                    "<!ENTITY % p \"<!ENTITY x 'lol'>\">\n%p;\n]>\n"
                    "<rss version=\"2.0\"><channel><title>P</title>"
                    "<item><title>&x;</title><link>https://jobs.example.com/1</link></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = scraper_feed_parse (xml, strlen (xml), "https://jobs.example.com/feed", &error);

  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
}

/* A feed without a DTD of its own still reads, predefined entities too. */
static void
test_feed_plain_still_read (void)
{
  const char *xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//x//y\" \"http://example.com/rss.dtd\">\n"
                    "<rss version=\"2.0\"><channel><title>AT&amp;T jobs</title>"
                    "<item><title>Tom &amp; Jerry</title><link>https://jobs.example.com/1</link></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) postings = scraper_feed_parse_full (xml, strlen (xml), "https://jobs.example.com/feed",
                                                           &title, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (postings->len, ==, 1);
  g_assert_cmpstr (title, ==, "AT&T jobs");
  g_assert_cmpstr (((ScraperPosting *) postings->pdata[0])->title, ==, "Tom & Jerry");
}

static void
test_personio_billion_laughs_in_attribute (void)
{
  g_autofree char *xml = entity_bomb ("<workzag-jobs>",
                                      "<position><id>1</id><name x=\"@\">Bomb</name></position>",
                                      "</workzag-jobs>", 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperAtsParseContext context = { 0 };

  context.board = "acme";
  context.base_url = "https://acme.jobs.personio.de/xml";
  reset_peak ();
  postings = scraper_personio_parse (xml, strlen (xml), &context, &error);
  g_assert_null (postings);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "entities"));
  g_assert_cmpuint (xml_peak, <, BOMB_BUDGET);
}

/* ------------------------------------------------------------------ */
/* Links of any scheme                                                 */

static GBytes *
load_hostile (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "hostile", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Every fixture lists five postings: javascript:, file:, smb:, steam: and
 * one https link, titled after them.  Every posting is kept (its other
 * fields are good) but only the web link stays. */
static void
assert_only_web_links (GPtrArray  *postings,
                       const char *page_url)
{
  guint web = 0;

  g_assert_nonnull (postings);
  g_assert_cmpuint (postings->len, ==, 5);
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      g_assert_true (posting->url == NULL || scraper_url_is_web (posting->url));
      g_assert_true (posting->apply_url == NULL || scraper_url_is_web (posting->apply_url));
      if (g_strcmp0 (posting->title, "Web link") == 0)
        {
          g_assert_nonnull (posting->url);
          g_assert_true (g_str_has_prefix (posting->url, "https://"));
          web++;
        }
      else if (g_strcmp0 (posting->title, "Steam link") != 0 || posting->apply_url == NULL)
        {
          /* Dropped, or the page it was found on (JSON-LD's default). */
          if (posting->url != NULL)
            g_assert_cmpstr (posting->url, ==, page_url);
        }
    }
  g_assert_cmpuint (web, ==, 1);
}

static void
run_ats_schemes (ScraperAtsParseFunc parse,
                 const char         *fixture)
{
  g_autoptr(GBytes) bytes = load_hostile (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperAtsParseContext context = { 0 };
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  context.source_id = 1;
  context.board = "acme";
  context.base_url = "https://boards.example.com/acme";
  postings = parse (data, length, &context, &error);
  g_assert_no_error (error);
  assert_only_web_links (postings, NULL);
}

static void
normalize_all (GPtrArray *postings)
{
  for (guint i = 0; postings != NULL && i < postings->len; i++)
    scraper_posting_normalize (g_ptr_array_index (postings, i));
}

static void test_url_schemes_greenhouse (void) { run_ats_schemes (scraper_greenhouse_parse, "greenhouse_url_schemes.json"); }
static void test_url_schemes_lever (void) { run_ats_schemes (scraper_lever_parse, "lever_url_schemes.json"); }
static void test_url_schemes_ashby (void) { run_ats_schemes (scraper_ashby_parse, "ashby_url_schemes.json"); }
static void test_url_schemes_workable (void) { run_ats_schemes (scraper_workable_parse, "workable_url_schemes.json"); }
static void test_url_schemes_recruitee (void) { run_ats_schemes (scraper_recruitee_parse, "recruitee_url_schemes.json"); }

static void
test_url_schemes_feed_rss (void)
{
  g_autoptr(GBytes) bytes = load_hostile ("feed_url_schemes.rss");
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) postings = scraper_feed_parse (data, length, "https://jobs.example.com/feed", &error);

  g_assert_no_error (error);
  normalize_all (postings);
  assert_only_web_links (postings, NULL);
}

static void
test_url_schemes_feed_json (void)
{
  g_autoptr(GBytes) bytes = load_hostile ("feed_url_schemes.json");
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) postings = scraper_feed_json_parse (data, length, "https://jobs.example.com/feed.json",
                                                           NULL, NULL, &error);

  g_assert_no_error (error);
  normalize_all (postings);
  assert_only_web_links (postings, NULL);
}

static void
test_url_schemes_jsonld (void)
{
  g_autoptr(GBytes) bytes = load_hostile ("jsonld_url_schemes.html");
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) postings = scraper_jsonld_extract_postings (data, length, "https://jobs.example.com/", NULL);

  normalize_all (postings);
  assert_only_web_links (postings, "https://jobs.example.com/");
}

/* GLib split "https://ab;c d/e" into host "ab" and path ";c d/e", then
 * could not join them again (a critical; found by bench/fuzz/fuzz-feed
 * in a weworkremotely item whose link ran into its description). */
static void
test_url_resolve_host_with_semicolon (void)
{
  const char *bad[] = {
    "https://ab;c d/e", "//ab;c/d", "https://ab;c", "https://a b/c",
    "https://weworkremotelgt;We are opening annbsp;strongEntry-Level Crypto/strong position",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *resolved = scraper_url_resolve ("https://jobs.example.com/feed.rss", bad[i]);

      g_assert_null (resolved);
    }
  {
    g_autofree char *ok = scraper_url_resolve ("https://jobs.example.com/feed.rss", "jobs/1;x?a=b c");

    g_assert_nonnull (ok);
    g_assert_true (g_str_has_prefix (ok, "https://jobs.example.com/jobs/1;x"));
  }
}

/* "https:/..//host/x" names a scheme and no host; after its dots the path
 * starts with "//", and g_uri_resolve_relative() failed a critical check
 * (found by bench/fuzz/fuzz-feed-json in CI, in an Eightfold link). */
static void
test_url_resolve_scheme_without_host (void)
{
  const char *bad[] = {
    "https:/..//albemarle.eightfold.ai/careers/job/1", "https:/../..//x/y", "http:..//x", "https:", "https:/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *resolved = scraper_url_resolve ("https://jobs.example.com/feed.json", bad[i]);

      g_assert_null (resolved);
    }
  {
    g_autofree char *ok = scraper_url_resolve ("https://jobs.example.com/feed.json", "/..//careers/job/1");

    g_assert_nonnull (ok);
    g_assert_true (g_str_has_prefix (ok, "https://jobs.example.com/"));
  }
}

/* Normalization itself, whatever adapter filled the posting. */
static void
test_url_schemes_normalize (void)
{
  const char *bad[] = {
    "javascript:alert(1)", " JAVASCRIPT:alert(1)", "file:///etc/passwd", "smb://host/share",
    "steam://run/1", "data:text/html,<script>x</script>", "vbscript:x", "ms-settings:",
    "http:///nohost", "//example.com/relative", "/relative", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ScraperPosting) posting = scraper_posting_new ();

      posting->title = g_strdup ("t");
      posting->url = g_strdup (bad[i]);
      posting->apply_url = g_strdup (bad[i]);
      scraper_posting_normalize (posting);
      g_assert_null (posting->url);
      g_assert_null (posting->apply_url);
    }
  {
    g_autoptr(ScraperPosting) posting = scraper_posting_new ();

    posting->url = g_strdup ("HTTPS://Jobs.Example.com/1");
    posting->apply_url = g_strdup ("http://jobs.example.com/1/apply");
    scraper_posting_normalize (posting);
    g_assert_cmpstr (posting->url, ==, "HTTPS://Jobs.Example.com/1");
    g_assert_cmpstr (posting->apply_url, ==, "http://jobs.example.com/1/apply");
  }
}

/* ------------------------------------------------------------------ */
/* Descriptions Pango must read                                        */

/* GtkLabel reads <a href> itself and hands the rest to Pango, which has
 * no such tag: a link becomes a span for the check. */
static char *
label_markup_for_pango (const char *markup)
{
  g_autoptr(GRegex) open_tag = g_regex_new ("<a href=\"[^\"<>]*\">", 0, 0, NULL);
  g_autofree char *spans = g_regex_replace_literal (open_tag, markup, -1, 0, "<span>", 0, NULL);
  g_auto(GStrv) parts = g_strsplit (spans, "</a>", -1);

  return g_strjoinv ("</span>", parts);
}

static void
assert_pango_reads (const char *label_markup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;

  g_assert_nonnull (label_markup);
  markup = label_markup_for_pango (label_markup);
  if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error))
    g_error ("Pango cannot read the description (%s): %.200s", error->message, markup);
}

static void
test_description_oversized_markup_parses (void)
{
  g_autoptr(ScraperPosting) posting = scraper_posting_new ();
  GString *html = g_string_new ("<div>");

  /* About 2 MiB of markup: past the 1 MiB cap. */
  while (html->len < 2 * 1024 * 1024)
    g_string_append (html, "<p>Build <b>robust</b> &amp; <i>fast</i> things at AT&amp;T <a href=\"https://x.example/\">here</a></p>\n");
  g_string_append (html, "</div>");
  posting->title = g_strdup ("Huge");
  scraper_html_sanitize (html->str, (gssize) html->len, &posting->description_markup, &posting->description_text);
  g_string_free (html, TRUE);
  g_assert_cmpuint (strlen (posting->description_markup), >, 1024 * 1024);
  scraper_posting_normalize (posting);
  assert_pango_reads (posting->description_markup);
  g_assert_cmpuint (strlen (posting->description_markup), <=, 1024 * 1024 + 1024);
}

static void
test_description_hostile_markup_parses (void)
{
  const char *html[] = {
    "<p>AT&T <b>bold <i>nested</b> unclosed</i> &lt;script&gt;</p>",
    "<a href=\"https://x.example/?a=1&b=<2>\">link \"q\"</a><br><span foreground=\"red\">x</span>",
    "<ul><li>one<li>two</ul><table><tr><td>a<td>b</table><h1>Head</h1>",
    "<p>\x01\x02\x1b]0;title\x07 control</p><pre>  keep\n  this</pre>",
    "<a href=\"javascript:alert(1)\">bad link</a><img src=x onerror=alert(1)>",
    "&lt;p&gt;escaped &amp;amp; twice&lt;/p&gt;",
    "plain text with < and > and & and \"quotes\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (html); i++)
    {
      g_autofree char *markup = NULL;
      g_autofree char *text = NULL;

      scraper_html_sanitize (html[i], -1, &markup, &text);
      assert_pango_reads (markup);
      g_assert_null (strstr (markup, "javascript:"));
    }
}

/* ------------------------------------------------------------------ */
/* Salaries                                                            */

static void
test_salary_1_7e308_per_hour_refused (void)
{
  const double absurd[][2] = {
    { 1.7e308, 1.7e308 }, { 1e300, NAN }, { NAN, 1e14 }, { -5e4, 6e4 },
    { INFINITY, NAN }, { 50, 1.7e308 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (absurd); i++)
    {
      g_autoptr(ScraperPosting) posting = scraper_posting_new ();

      posting->salary_min = absurd[i][0];
      posting->salary_max = absurd[i][1];
      posting->salary_currency = g_strdup ("usd");
      posting->salary_period = SCRAPER_SALARY_PERIOD_HOUR;
      scraper_posting_normalize (posting);
      g_assert_true (isnan (posting->salary_min));
      g_assert_true (isnan (posting->salary_max));
      g_assert_true (isnan (posting->annual_min));
      g_assert_true (isnan (posting->annual_max));
      g_assert_null (posting->salary_currency);
    }

  {
    g_autoptr(ScraperPosting) posting = scraper_posting_new ();

    posting->salary_min = 50;
    posting->salary_max = 80;
    posting->salary_currency = g_strdup ("usd");
    posting->salary_period = SCRAPER_SALARY_PERIOD_HOUR;
    scraper_posting_normalize (posting);
    g_assert_cmpfloat (posting->salary_min, ==, 50);
    g_assert_cmpfloat (posting->annual_max, >, 100000);
    g_assert_cmpstr (posting->salary_currency, ==, "USD");
  }
}

static void
test_salary_jsonld_1_7e308_per_hour_refused (void)
{
  const char *html =
    "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\", "
    "\"title\": \"Rich\", \"url\": \"https://jobs.example.com/1\", \"baseSalary\": {\"@type\": \"MonetaryAmount\", "
    "\"currency\": \"USD\", \"value\": {\"@type\": \"QuantitativeValue\", \"value\": 1.7e308, \"unitText\": \"HOUR\"}}}"
    "</script>";
  g_autoptr(GPtrArray) postings = scraper_jsonld_extract_postings (html, strlen (html), "https://jobs.example.com/", NULL);
  ScraperPosting *posting;

  g_assert_nonnull (postings);
  g_assert_cmpuint (postings->len, ==, 1);
  posting = postings->pdata[0];
  scraper_posting_normalize (posting);
  g_assert_true (isnan (posting->salary_min) && isnan (posting->salary_max));
  g_assert_true (isnan (posting->annual_min) && isnan (posting->annual_max));
}

/* ------------------------------------------------------------------ */
/* Microdata (found by bench/fuzz/fuzz-jsonld)                         */

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* In a child limited to 512 MB of address space (not under ASan, which
 * reserves terabytes): a page that needs more is a failure, not a wait. */
static void
extract_with_memory_limit (const char *data,
                           gsize       length)
{
#ifndef UNDER_ASAN
  struct rlimit limit = { 512u << 20, 512u << 20 };

  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#endif
  {
    g_autoptr(GPtrArray) postings = scraper_jsonld_extract_postings (data, length, "https://jobs.example.com/", NULL);

    g_assert_nonnull (postings);
    g_assert_cmpuint (postings->len, <=, 1);
  }
}

/* The fuzzer's page: a broken quote made an itemprop of a hundred
 * words, and each word got its own copy of a nested item, level after
 * level (gigabytes from 5 KB). */
static void
test_microdata_itemprop_many_names_fuzz (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) bytes = load_hostile ("microdata_itemprop_many_names_fuzz.html");
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      extract_with_memory_limit (data, length);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The same made on purpose: ten names an element, nested items eight
 * deep (10^8 items before). */
static void
test_microdata_nested_items_ten_names (void)
{
  if (g_test_subprocess ())
    {
      GString *html = g_string_new ("<div itemscope itemtype=\"https://schema.org/JobPosting\">"
                                    "<span itemprop=\"title\">Engineer</span>");

      for (guint i = 0; i < 8; i++)
        g_string_append (html, "<div itemprop=\"a b c d e f g h i j\" itemscope itemtype=\"https://schema.org/Thing\">"
                               "<span itemprop=\"k l m n o p q r s t\">some text here</span>");
      for (guint i = 0; i < 8; i++)
        g_string_append (html, "</div>");
      g_string_append (html, "</div>");
      extract_with_memory_limit (html->str, html->len);
      g_string_free (html, TRUE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* The shared helpers (src/model/scraper-untrusted.c)                  */

static void
test_text_printable_strips_escapes (void)
{
  const struct { const char *in; gboolean keep; const char *out; } cases[] = {
    { "a\x1b]0;title\x07" "b", TRUE, "ab" },                 /* OSC ... BEL */
    { "a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", TRUE, "alinkb" }, /* OSC ... ST */
    { "a\x1b[2J\x1b[1;31mred\x1b[0m", TRUE, "ared" },       /* CSI */
    { "a\xc2\x9b" "31mb", TRUE, "ab" },                     /* C1 CSI */
    { "a\xc2\x9d" "0;t\x07" "b", TRUE, "ab" },                 /* C1 OSC */
    { "a\x1bPdcs\x1b\\b", TRUE, "ab" },                     /* DCS */
    { "a\x1b" "cb\x1b(Bc", TRUE, "abc" },                  /* two-byte, nF */
    { "bell\x07 del\x7f nul-free\x01\x02", TRUE, "bell del nul-free" },
    { "line\nnext\ttab\rcr", TRUE, "line\nnext\ttab cr" },
    { "line\nnext\ttab", FALSE, "line next tab" },
    { "AT&T <b>Ünïcödé</b> €", TRUE, "AT&T <b>Ünïcödé</b> €" },
    { "bad \xff utf8", TRUE, "bad \xef\xbf\xbd utf8" },
    { "trailing esc \x1b", TRUE, "trailing esc " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = scraper_text_printable (cases[i].in, cases[i].keep);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (scraper_text_printable (NULL, TRUE));
}

static void
test_csv_cell_neutralize (void)
{
  const char *formulas[] = { "=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx" };
  const char *plain[] = { "Engineer", "1-2", "a=b", " =x", "" };

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      g_autofree char *out = scraper_csv_cell_neutralize (formulas[i]);

      g_assert_cmpint (out[0], ==, '\'');
      g_assert_cmpstr (out + 1, ==, formulas[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *out = scraper_csv_cell_neutralize (plain[i]);

      g_assert_cmpstr (out, ==, plain[i]);
    }
}

static void
test_text_markup_escape_att (void)
{
  g_autofree char *out = scraper_text_markup_escape ("“AT&T <b>” \x1b]0;x\x07removed");

  g_assert_cmpstr (out, ==, "“AT&amp;T &lt;b&gt;” removed");
  g_assert_true (pango_parse_markup (out, -1, 0, NULL, NULL, NULL, NULL));
}

/* ------------------------------------------------------------------ */
/* Dates (found by bench/fuzz/fuzz-date)                               */

static void
test_date_february_30th_refused (void)
{
  const char *bad[] = { "2026-02-30", "2026-02-29T10:00:00Z", "2026-04-31 10:10:39 UTC", "0000-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *ats = scraper_ats_date (bad[i]);
      g_autofree char *normalized = scraper_date_normalize (bad[i]);

      g_assert_null (ats);
      /* (scraper_date_normalize() reads a year below 100 as 19xx/20xx) */
      if (i < 3)
        g_assert_null (normalized);
    }
  {
    g_autofree char *leap = scraper_ats_date ("2028-02-29 10:10:39 UTC");

    g_assert_cmpstr (leap, ==, "2028-02-29");
  }
}

static void
test_date_unix_year_906_padded (void)
{
  /* -33 000 000 000 s: October 0924; before, "924-..." (no YYYY). */
  g_autofree char *early = scraper_date_from_unix (G_GINT64_CONSTANT (-33000000000));
  g_autofree char *epoch = scraper_date_from_unix (0);

  g_assert_nonnull (early);
  g_assert_cmpuint (strlen (early), ==, 10);
  g_assert_true (g_str_has_prefix (early, "09"));
  g_assert_cmpstr (epoch, ==, "1970-01-01");
}

/* ------------------------------------------------------------------ */
/* Redirects                                                           */

static void
test_fetch_https_to_http_redirect_refused (void)
{
  const char *cases[][3] = {
    { "https://jobs.example.com/feed", "http://jobs.example.com/feed", "no" },
    { "HTTPS://jobs.example.com/feed", "http://evil.example/feed", "no" },
    { "https://jobs.example.com/feed", "https://cdn.example.net/feed", "yes" },
    { "http://jobs.example.com/feed", "https://jobs.example.com/feed", "yes" },
    { "http://jobs.example.com/feed", "http://jobs.example.com/other", "yes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) from = g_uri_parse (cases[i][0], G_URI_FLAGS_NONE, NULL);
      g_autoptr(GUri) to = g_uri_parse (cases[i][1], G_URI_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;
      gboolean allowed = fetcher_redirect_allowed (from, to, &error);

      g_assert_cmpint (allowed, ==, g_str_equal (cases[i][2], "yes"));
      if (!allowed)
        {
          g_assert_error (error, SCRAPER_FETCH_ERROR, SCRAPER_FETCH_ERROR_UNSUPPORTED_SCHEME);
          g_assert_nonnull (strstr (error->message, "insecure"));
        }
      else
        g_assert_no_error (error);
    }
}

int
main (int argc, char **argv)
{
  /* Before libxml2 allocates anything. */
  xmlMemSetup (counted_free, counted_malloc, counted_realloc, counted_strdup);
  xmlInitParser ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/feed/billion-laughs-in-attribute", test_feed_billion_laughs_in_attribute);
  g_test_add_func ("/hostile/feed/billion-laughs-in-text", test_feed_billion_laughs_in_text);
  g_test_add_func ("/hostile/feed/parameter-entity-refused", test_feed_parameter_entity_refused);
  g_test_add_func ("/hostile/feed/plain-feed-still-read", test_feed_plain_still_read);
  g_test_add_func ("/hostile/personio/billion-laughs-in-attribute", test_personio_billion_laughs_in_attribute);
  g_test_add_func ("/hostile/url-schemes/greenhouse", test_url_schemes_greenhouse);
  g_test_add_func ("/hostile/url-schemes/lever", test_url_schemes_lever);
  g_test_add_func ("/hostile/url-schemes/ashby", test_url_schemes_ashby);
  g_test_add_func ("/hostile/url-schemes/workable", test_url_schemes_workable);
  g_test_add_func ("/hostile/url-schemes/recruitee", test_url_schemes_recruitee);
  g_test_add_func ("/hostile/url-schemes/feed-rss", test_url_schemes_feed_rss);
  g_test_add_func ("/hostile/url-schemes/feed-json", test_url_schemes_feed_json);
  g_test_add_func ("/hostile/url-schemes/jsonld", test_url_schemes_jsonld);
  g_test_add_func ("/hostile/url-schemes/normalize", test_url_schemes_normalize);
  g_test_add_func ("/hostile/url/host-with-semicolon-or-space", test_url_resolve_host_with_semicolon);
  g_test_add_func ("/hostile/url/scheme-without-host", test_url_resolve_scheme_without_host);
  g_test_add_func ("/hostile/description/oversized-markup-parses-in-pango", test_description_oversized_markup_parses);
  g_test_add_func ("/hostile/description/hostile-markup-parses-in-pango", test_description_hostile_markup_parses);
  g_test_add_func ("/hostile/salary/1.7e308-per-hour-refused", test_salary_1_7e308_per_hour_refused);
  g_test_add_func ("/hostile/salary/jsonld-1.7e308-per-hour-refused", test_salary_jsonld_1_7e308_per_hour_refused);

  g_test_add_func ("/hostile/microdata/itemprop-many-names-fuzz", test_microdata_itemprop_many_names_fuzz);
  g_test_add_func ("/hostile/microdata/nested-items-ten-names", test_microdata_nested_items_ten_names);
  g_test_add_func ("/hostile/text/printable-strips-escapes", test_text_printable_strips_escapes);
  g_test_add_func ("/hostile/text/csv-cell-neutralize", test_csv_cell_neutralize);
  g_test_add_func ("/hostile/text/markup-escape-att", test_text_markup_escape_att);
  g_test_add_func ("/hostile/date/february-30th-refused", test_date_february_30th_refused);
  g_test_add_func ("/hostile/date/unix-year-below-1000-padded", test_date_unix_year_906_padded);
  g_test_add_func ("/hostile/fetch/https-to-http-redirect-refused", test_fetch_https_to_http_redirect_refused);

  return g_test_run ();
}
