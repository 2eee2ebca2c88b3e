/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-normalize"

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>

#include "scraper-normalize.h"

/* The markup must parse the way Pango parses it: as XML inside <markup>. */
static void
assert_valid_markup (const char *markup)
{
  g_autoptr(GMarkupParseContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  static const GMarkupParser parser = { 0 };
  g_autofree char *doc = g_strconcat ("<markup>", markup ? markup : "", "</markup>", NULL);

  ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (ctx, doc, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  g_assert_true (markup == NULL || g_utf8_validate (markup, -1, NULL));
}

static void
sanitize (const char *html,
          char      **markup,
          char      **text)
{
  scraper_html_sanitize (html, -1, markup, text);
  assert_valid_markup (*markup);
}

static void
test_sanitize_allow_list (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;

  sanitize ("<h2>About</h2><p>We <strong>build</strong> <em>things</em>.</p>"
            "<p>Line<br>two</p><a href=\"https://example.com/x?a=1&amp;b=2\">site</a>",
            &markup, &text);
  g_assert_cmpstr (markup, ==,
                   "<b>About</b>\n\nWe <b>build</b> <i>things</i>.\n\nLine\ntwo\n\n"
                   "<a href=\"https://example.com/x?a=1&amp;b=2\">site</a>");
  g_assert_cmpstr (text, ==, "About\n\nWe build things.\n\nLine\ntwo\n\nsite");
}

static void
test_sanitize_dangerous_removed (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;

  sanitize ("<p onclick=\"evil()\">Hi<script>alert(1)</script><style>p{color:red}</style>"
            "<img src=x onerror=alert(2)><iframe src=\"https://evil\"></iframe></p>"
            "<a href=\"javascript:alert(3)\">click</a> <a href=\"data:text/html,x\">data</a>"
            "<b onmouseover=\"x()\">bold</b>",
            &markup, &text);
  g_assert_null (strstr (markup, "script"));
  g_assert_null (strstr (markup, "alert"));
  g_assert_null (strstr (markup, "color"));
  g_assert_null (strstr (markup, "img"));
  g_assert_null (strstr (markup, "iframe"));
  g_assert_null (strstr (markup, "onclick"));
  g_assert_null (strstr (markup, "onmouseover"));
  g_assert_null (strstr (markup, "javascript"));
  g_assert_null (strstr (markup, "href"));
  g_assert_cmpstr (markup, ==, "Hi\n\nclick data<b>bold</b>");
  g_assert_cmpstr (text, ==, "Hi\n\nclick databold");
}

static void
test_sanitize_entity_escaped (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup2 = NULL;
  g_autofree char *text2 = NULL;

  /* Greenhouse's "content": HTML escaped once; and a doubly escaped one. */
  sanitize ("&lt;div class=&quot;content-intro&quot;&gt;&lt;p&gt;Fish &amp;amp; chips &amp;lt;3&lt;/p&gt;&lt;/div&gt;",
            &markup, &text);
  g_assert_cmpstr (text, ==, "Fish & chips <3");
  g_assert_cmpstr (markup, ==, "Fish &amp; chips &lt;3");

  sanitize ("&amp;lt;p&amp;gt;Twice&amp;lt;/p&amp;gt;", &markup2, &text2);
  g_assert_cmpstr (text2, ==, "Twice");
}

static void
test_sanitize_nested_lists (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;

  sanitize ("<p>Needs:</p><ul><li>C<ul><li>GLib</li><li>GTK</li></ul></li><li>SQL</li></ul>"
            "<ol><li>Apply</li><li>Talk</li></ol>",
            &markup, &text);
  g_assert_cmpstr (text, ==,
                   "Needs:\n\n\xe2\x80\xa2 C\n  \xe2\x80\xa2 GLib\n  \xe2\x80\xa2 GTK\n\xe2\x80\xa2 SQL\n\n"
                   "1. Apply\n2. Talk");
  g_assert_cmpstr (markup, ==, text);
}

static void
test_sanitize_plain_text_and_garbage (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *t3 = NULL;

  sanitize ("First line\n\n\n  Second   line & more\n", &markup, &text);
  g_assert_cmpstr (text, ==, "First line\n\nSecond line & more");
  g_assert_cmpstr (markup, ==, "First line\n\nSecond line &amp; more");

  /* Unbalanced tags, stray brackets, invalid UTF-8. */
  sanitize ("<p><b>open <i>never closed</p></div></b> a < b > c \xff\xfe end", &m2, &t2);
  g_assert_nonnull (strstr (t2, "open never closed"));
  g_assert_nonnull (strstr (t2, "end"));

  sanitize ("<script>only script</script>", &m3, &t3);
  g_assert_null (t3);
  g_assert_null (m3);
}

static void
test_unescape (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "a &amp; b", "a & b" },
    { "&lt;p&gt;", "<p>" },
    { "&#39;&#x27;&quot;&apos;", "''\"'" },
    { "caf&eacute; &euro;5", "caf\xc3\xa9 \xe2\x82\xac" "5" },
    { "&#150;", "\xe2\x80\x93" },           /* cp1252 en dash */
    { "AT&T &unknown; &", "AT&T &unknown; &" },
    { "&#0; &#x110000;", "\xef\xbf\xbd \xef\xbf\xbd" },
    { "fish &amp chips", "fish & chips" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = scraper_html_unescape (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (scraper_html_unescape (NULL));
}

static void
test_text_clean_invalid_utf8 (void)
{
  g_autofree char *a = scraper_text_clean ("  Senior\t\n Engineer\x01  ");
  g_autofree char *b = scraper_text_clean ("Caf\xe9 K\xf6ln");
  g_autofree char *c = scraper_text_clean (" \n\t ");

  g_assert_cmpstr (a, ==, "Senior Engineer");
  g_assert_true (g_utf8_validate (b, -1, NULL));
  g_assert_nonnull (strstr (b, "\xef\xbf\xbd"));
  g_assert_true (g_str_has_prefix (b, "Caf"));
  g_assert_null (c);
  g_assert_null (scraper_text_clean (NULL));
}

static void
test_date_normalize_table (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "2026-03-01", "2026-03-01" },
    { "2026-03-01T10:00:00Z", "2026-03-01" },
    { "2026-03-01T23:30:00-05:00", "2026-03-01" },   /* the date as the source states it */
    { "2026-3-1", "2026-03-01" },
    { "2026/03/01", "2026-03-01" },
    { "2026-03", "2026-03-01" },
    { "Tue, 03 Mar 2026 10:00:00 GMT", "2026-03-03" },
    { "Mon, 09 Feb 2026 05:00:00 -0000", "2026-02-09" },
    { "Wed, 2 Nov 22 14:00:00 +0000", "2022-11-02" },
    { "3 March 2026", "2026-03-03" },
    { "March 3, 2026", "2026-03-03" },
    { "Sep 30th, 2025", "2025-09-30" },
    { "01.04.2026", "2026-04-01" },
    { "04/01/2026", "2026-04-01" },
    { "1772532000", "2026-03-03" },                   /* Unix seconds */
    { "1772532000000", "2026-03-03" },                /* milliseconds */
    { "20260301", "2026-03-01" },
    { "2026-02-30", NULL },
    { "yesterday", NULL },
    { "Posted 30+ Days Ago", NULL },
    { "", NULL },
    { "12", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = scraper_date_normalize (cases[i].in);
      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (scraper_date_normalize (NULL));
  {
    g_autofree char *d = scraper_date_from_unix (0);
    g_assert_cmpstr (d, ==, "1970-01-01");
  }
}

static void
test_url_resolve (void)
{
  static const struct { const char *base, *href, *out; } cases[] = {
    { "https://example.com/careers/", "job/1", "https://example.com/careers/job/1" },
    { "https://example.com/careers/index.html", "/jobs/2", "https://example.com/jobs/2" },
    { "https://example.com/a", "//cdn.example.org/x", "https://cdn.example.org/x" },
    { "https://example.com/a", " https://other.example/y ", "https://other.example/y" },
    { "https://example.com/a", "javascript:alert(1)", NULL },
    { "https://example.com/a", "mailto:jobs@example.com", NULL },
    { NULL, "relative/path", NULL },
    { NULL, "http://example.com/", "http://example.com/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = scraper_url_resolve (cases[i].base, cases[i].href);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_locations_split (void)
{
  g_auto(GStrv) a = scraper_locations_split ("Berlin, Germany; Remote | Paris \xe2\x80\xa2 berlin, germany");
  g_auto(GStrv) b = scraper_locations_split ("  ");
  g_auto(GStrv) c = scraper_locations_split ("New York, NY or London");

  g_assert_cmpuint (g_strv_length (a), ==, 3);
  g_assert_cmpstr (a[0], ==, "Berlin, Germany");
  g_assert_cmpstr (a[1], ==, "Remote");
  g_assert_cmpstr (a[2], ==, "Paris");
  g_assert_null (b);
  g_assert_cmpuint (g_strv_length (c), ==, 2);
  g_assert_cmpstr (c[1], ==, "London");
}

static void
test_remote_guess (void)
{
  g_assert_cmpint (scraper_remote_kind_guess ("TELECOMMUTE"), ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpint (scraper_remote_kind_guess ("Remote - US"), ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpint (scraper_remote_kind_guess ("Anywhere in the World"), ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpint (scraper_remote_kind_guess ("Berlin (Hybrid)"), ==, SCRAPER_REMOTE_HYBRID);
  g_assert_cmpint (scraper_remote_kind_guess ("On-site, Paris"), ==, SCRAPER_REMOTE_ONSITE);
  g_assert_cmpint (scraper_remote_kind_guess ("not remote"), ==, SCRAPER_REMOTE_ONSITE);
  g_assert_cmpint (scraper_remote_kind_guess ("Berlin"), ==, SCRAPER_REMOTE_UNKNOWN);
  g_assert_cmpint (scraper_remote_kind_guess (NULL), ==, SCRAPER_REMOTE_UNKNOWN);
}

static void
test_posting_normalize (void)
{
  g_autoptr(ScraperPosting) p = scraper_posting_new ();

  p->title = g_strdup ("  Senior   Engineer (Remote) ");
  p->company = g_strdup ("Acme\xff Corp");
  p->locations = g_strsplit ("Berlin|| Berlin", "|", -1);
  p->salary_min = 9000;
  p->salary_max = 5000;
  p->salary_period = SCRAPER_SALARY_PERIOD_MONTH;
  p->salary_currency = g_strdup ("eur");
  p->description_markup = g_strdup ("<b>Hi</b> there");

  scraper_posting_normalize (p);
  g_assert_cmpstr (p->title, ==, "Senior Engineer (Remote)");
  g_assert_true (g_utf8_validate (p->company, -1, NULL));
  g_assert_cmpuint (g_strv_length (p->locations), ==, 1);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpfloat (p->salary_min, ==, 5000);
  g_assert_cmpfloat (p->salary_max, ==, 9000);
  g_assert_cmpfloat (p->annual_min, ==, 60000);
  g_assert_cmpfloat (p->annual_max, ==, 108000);
  g_assert_cmpstr (p->salary_currency, ==, "EUR");
  g_assert_cmpstr (p->description_text, ==, "Hi there");

  /* Idempotent. */
  scraper_posting_normalize (p);
  g_assert_cmpstr (p->title, ==, "Senior Engineer (Remote)");
  g_assert_cmpfloat (p->annual_max, ==, 108000);
}

/* A broken or hostile source may state anything: a megabyte of title, ten
 * thousand places, a huge text.  A posting keeps a sane amount of each
 * (and normalizing stays fast: duplicates were found in quadratic time). */
static void
test_normalize_caps_sizes (void)
{
  g_autoptr(ScraperPosting) p = scraper_posting_new ();
  g_autoptr(GString) markup = g_string_new (NULL);
  GStrvBuilder *places = g_strv_builder_new ();

  p->title = g_strnfill (1000000, 'T');
  p->company = g_strdup ("  Äcme ");
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *place = g_strdup_printf ("Place %u", i % 5000);
      g_strv_builder_add (places, place);
    }
  p->locations = g_strv_builder_end (places);
  g_strv_builder_unref (places);
  p->description_text = g_strnfill (300000, 'x');
  for (guint i = 0; i < 200000; i++)
    g_string_append (markup, "<p>word</p>");
  p->description_markup = g_strdup (markup->str);

  scraper_posting_normalize (p);

  g_assert_cmpint (g_utf8_strlen (p->title, -1), ==, 501);
  g_assert_true (g_str_has_suffix (p->title, "…"));
  g_assert_cmpstr (p->company, ==, "Äcme");
  g_assert_cmpuint (g_strv_length (p->locations), ==, 100);
  g_assert_cmpstr (p->locations[99], ==, "Place 99");
  g_assert_cmpint (g_utf8_strlen (p->description_text, -1), ==, 200001);
  g_assert_cmpuint (strlen (p->description_markup), <=, 1024 * 1024 + 16);
  /* Pango markup has no <p>: escaped text (a label could not show it). */
  g_assert_true (g_str_has_prefix (p->description_markup, "xxx"));
}

int
main (int   argc,
      char *argv[])
{
  xmlInitParser ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalize/sanitize/allow-list", test_sanitize_allow_list);
  g_test_add_func ("/normalize/sanitize/script-style-onclick-img-iframe-javascript-removed", test_sanitize_dangerous_removed);
  g_test_add_func ("/normalize/sanitize/entity-escaped-input", test_sanitize_entity_escaped);
  g_test_add_func ("/normalize/sanitize/nested-lists", test_sanitize_nested_lists);
  g_test_add_func ("/normalize/sanitize/plain-text-and-broken-html", test_sanitize_plain_text_and_garbage);
  g_test_add_func ("/normalize/unescape", test_unescape);
  g_test_add_func ("/normalize/text-clean/invalid-utf8", test_text_clean_invalid_utf8);
  g_test_add_func ("/normalize/date/table", test_date_normalize_table);
  g_test_add_func ("/normalize/url-resolve", test_url_resolve);
  g_test_add_func ("/normalize/locations-split", test_locations_split);
  g_test_add_func ("/normalize/remote-guess", test_remote_guess);
  g_test_add_func ("/normalize/posting", test_posting_normalize);

  g_test_add_func ("/normalize/caps-sizes", test_normalize_caps_sizes);

  return g_test_run ();
}
