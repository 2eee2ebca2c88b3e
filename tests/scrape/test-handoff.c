/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-handoff"

#include "config.h"

#include <string.h>

#include <libxml/parser.h>

#include "scraper-adapter-private.h"
#include "scraper-handoff-private.h"
#include "scraper-test-server.h"

/* Hand-off detection on careers pages (tests/data/handoff/), the board of
 * any URL on a known board, and detection through the fetcher with the
 * boards' real host names remapped to a local server. */

static GPtrArray *
find_in_file (const char *name,
              const char *page_url)
{
  g_autofree char *path = g_build_filename (HANDOFF_TEST_DATA, name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return scraper_handoff_find (data, length, NULL, page_url);
}

static ScraperHandoff *
nth (GPtrArray *found,
     guint      i)
{
  g_assert_cmpuint (i, <, found->len);
  return g_ptr_array_index (found, i);
}

static void
assert_board (ScraperHandoff *h,
              const char     *kind,
              const char     *url,
              const char     *board)
{
  g_assert_cmpstr (h->kind, ==, kind);
  g_assert_cmpstr (h->url, ==, url);
  g_assert_cmpstr (h->board, ==, board);
  g_assert_nonnull (h->vendor);
}

static void
test_link_lever_postings (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("lever-links.html", "https://www.acme-example.com/careers");

  /* Three posting links and the board link are one board; the vendor's
   * own site in the footer is none. */
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "lever", "https://jobs.lever.co/acme", "acme");
  g_assert_cmpstr (nth (found, 0)->vendor, ==, "Lever");
  g_assert_nonnull (strstr (nth (found, 0)->evidence, "<a href=\"https://jobs.lever.co/acme/5f1c2d3e"));
}

static void
test_embed_script_greenhouse (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("greenhouse-embed.html", "https://betacorp.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "greenhouse", "https://boards.greenhouse.io/betacorp", "betacorp");
  g_assert_nonnull (strstr (nth (found, 0)->evidence, "<script src="));
}

static void
test_iframe_ashby (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("ashby-iframe.html", "https://gamma.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "ashby", "https://jobs.ashbyhq.com/gamma-ai", "gamma-ai");
  g_assert_true (g_str_has_prefix (nth (found, 0)->evidence, "<iframe src="));
}

static void
test_embed_script_ashby (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("ashby-script.html", "https://zeta.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "ashby", "https://jobs.ashbyhq.com/zeta", "zeta");
}

static void
test_link_workday (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("workday-link.html", "https://www.gamma-industries.example/careers");

  /* The site link and a posting on it are one board, locale kept. */
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "workday", "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers", "gamma");
  g_assert_cmpstr (nth (found, 0)->vendor, ==, "Workday");
}

static void
test_data_attribute_bamboohr (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("bamboohr-embed.html", "https://delta.example/careers");

  /* data-domain with a bare host and the embed script: one board; the
   * employees' login and the vendor's footer: none. */
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "bamboohr", "https://delta.bamboohr.com/careers", "delta");
  g_assert_cmpstr (nth (found, 0)->evidence, ==, "<div data-domain=\"https://delta.bamboohr.com/careers\">");
}

static void
test_data_attribute_named_and_url (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("data-attribute.html", "https://theta.example/careers");

  g_assert_cmpuint (found->len, ==, 2);
  assert_board (nth (found, 0), "greenhouse", "https://boards.greenhouse.io/theta", "theta");
  g_assert_cmpstr (nth (found, 0)->evidence, ==, "<div data-greenhouse-board=\"theta\">");
  assert_board (nth (found, 1), "recruitee", "https://iota.recruitee.com/", "iota");
}

static void
test_inline_js_lever (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("inline-lever.html", "https://kappa.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "lever", "https://jobs.lever.co/kappa", "kappa");
  g_assert_nonnull (strstr (nth (found, 0)->evidence, "accountname: \"kappa\""));
}

static void
test_inline_js_config_needs_its_embed (void)
{
  const char *html = "<html><body><p>We leverage data.</p>"
                     "<script>ga('create', {accountName: 'UA-12345', trackingId: 'x'});"
                     "var cfg = {board_token: 'nope', company_code: 'Nope'};</script></body></html>";
  g_autoptr(GPtrArray) found = scraper_handoff_find (html, strlen (html), NULL, "https://acme.example/");

  /* An accountName of another script on a page that says "leverage" is
   * no Lever board; keys without their vendor's embed name no board. */
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_inline_js_greenhouse (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("inline-greenhouse.html", "https://lambda.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "greenhouse", "https://boards.greenhouse.io/lambdalabs", "lambdalabs");
}

static void
test_inline_js_workable (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("workable-whr.html", "https://mu.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "workable", "https://apply.workable.com/456789", "456789");
}

static void
test_inline_js_smartrecruiters (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("smartrecruiters-widget.html", "https://nu.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "smartrecruiters", "https://careers.smartrecruiters.com/NuGroup", "NuGroup");
}

static void
test_inline_json_escaped_slashes (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("next-data.html", "https://xi.example/careers");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "ashby", "https://jobs.ashbyhq.com/xi-labs", "xi-labs");
}

static void
test_refresh_onclick_javascript_url (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("refresh-and-onclick.html", "https://www.sigma-example.com/careers");

  g_assert_cmpuint (found->len, ==, 3);
  assert_board (nth (found, 0), "recruitee", "https://sigma.recruitee.com/", "sigma");
  g_assert_true (g_str_has_prefix (nth (found, 0)->evidence, "<meta content="));
  assert_board (nth (found, 1), "lever", "https://jobs.lever.co/sigma-labs", "sigma-labs");
  g_assert_true (g_str_has_prefix (nth (found, 1)->evidence, "<button onclick="));
  assert_board (nth (found, 2), "workable", "https://apply.workable.com/sigma-retail", "sigma-retail");
}

static void
test_two_boards (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("two-boards.html", "https://omicron.example/careers");

  g_assert_cmpuint (found->len, ==, 2);
  assert_board (nth (found, 0), "personio", "https://omicron.jobs.personio.de/", "omicron");
  assert_board (nth (found, 1), "greenhouse", "https://boards.greenhouse.io/omicronrobotics", "omicronrobotics");
}

static void
test_many_hosts (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("more-boards.html", "https://many.example/");
  static const struct { const char *kind, *url, *board, *vendor; } expected[] = {
    { "feed", "https://rho.teamtailor.com/jobs.json", "rho", "Teamtailor" },
    { "feed", "https://sigma.breezy.hr/json", "sigma", "Breezy HR" },
    { "feed", "https://ats.rippling.com/api/v2/board/tau/jobs", "tau", "Rippling" },
    { "pinpoint", "https://upsilon.pinpointhq.com/", "upsilon", "Pinpoint" },
    { "jobvite", "https://jobs.jobvite.com/phi", "phi", "Jobvite" },
    { "join", "https://join.com/companies/chi", "chi", "JOIN" },
    { "gem", "https://jobs.gem.com/psi", "psi", "Gem" },
    { "workable", "https://apply.workable.com/omega", "omega", "Workable" },
    { "smartrecruiters", "https://careers.smartrecruiters.com/AlphaCo", "AlphaCo", "SmartRecruiters" },
    { "lever", "https://jobs.eu.lever.co/betaeu", "betaeu", "Lever" },
  };

  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      assert_board (nth (found, i), expected[i].kind, expected[i].url, expected[i].board);
      g_assert_cmpstr (nth (found, i)->vendor, ==, expected[i].vendor);
    }
}

static void
test_none_vendor_sites_comments_emails (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("none.html", "https://pi.example/careers");

  /* Vendors' marketing sites, boards without a name, a posting without
   * its company, a login page, a comment, an e-mail address and hosts
   * that merely start with a board's domain: no board. */
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_real_page_bamboohr_links (void)
{
  g_autoptr(GPtrArray) found = find_in_file ("../sites/careers_page_blueorchard_bamboohr_links_2023.html", "https://www.blueorchard.com/careers/");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "bamboohr", "https://blueorchard.bamboohr.com/careers", "blueorchard");
}

static void
test_relative_and_protocol_relative (void)
{
  const char *html = "<html><body><iframe src=\"//acme.jobs.personio.com/?iframe=1\"></iframe>"
                     "<a href=\"/go?to=https%3A%2F%2Fjobs.lever.co%2Fnope\">x</a></body></html>";
  g_autoptr(GPtrArray) found = scraper_handoff_find (html, strlen (html), NULL, "https://acme.example/jobs");

  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "personio", "https://acme.jobs.personio.com/", "acme");
}

static void
test_one_board_on_two_hosts (void)
{
  const char *html = "<html><body><a href=\"https://job-boards.greenhouse.io/acme/jobs/1\">a</a>"
                     "<a href=\"https://boards.greenhouse.io/acme\">b</a>"
                     "<script src=\"https://boards.greenhouse.io/embed/job_board/js?for=ACME\"></script>"
                     "<a href=\"HTTPS://JOBS.LEVER.CO/acme\">c</a><a href=\"https://jobs.lever.co/acme/\">d</a></body></html>";
  g_autoptr(GPtrArray) found = scraper_handoff_find (html, strlen (html), NULL, "https://acme.example/");

  g_assert_cmpuint (found->len, ==, 2);
  assert_board (nth (found, 0), "greenhouse", "https://boards.greenhouse.io/acme", "acme");
  assert_board (nth (found, 1), "lever", "https://jobs.lever.co/acme", "acme");
}

static void
test_hostile_format_directives (void)
{
  const char *html = "<html><body><div data-x=\"%s%n x.bamboohr.com\" data-lever-account=\"%n%s\"></div>"
                     "<iframe src=\"https://jobs.ashbyhq.com/acme?x=%s%n%p\"></iframe>"
                     "<script>var u = 'https://jobs.lever.co/%25n%s'; leverOptions = {accountName: '%n'};</script></body></html>";
  g_autoptr(GPtrArray) found = scraper_handoff_find (html, strlen (html), NULL, "https://acme.example/");

  /* Directives are text: kept as written in the evidence, never a slug. */
  g_assert_cmpuint (found->len, ==, 2);
  assert_board (nth (found, 0), "bamboohr", "https://x.bamboohr.com/careers", "x");
  g_assert_cmpstr (nth (found, 0)->evidence, ==, "<div data-x=\"https://x.bamboohr.com/careers\">");
  assert_board (nth (found, 1), "ashby", "https://jobs.ashbyhq.com/acme", "acme");
  g_assert_cmpstr (nth (found, 1)->evidence, ==, "<iframe src=\"https://jobs.ashbyhq.com/acme?x=%s%n%p\">");
}

static void
test_hostile_huge_page_bounded (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><script>");
  g_autoptr(GPtrArray) found = NULL;

  /* 20 MB of near-misses, then many distinct boards: the work stops at
   * its bounds, and what is returned stays bounded. */
  for (guint i = 0; i < 400000; i++)
    g_string_append (page, "xlever.co lever.cox @lever.co ");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (page, "'https://jobs.lever.co/board%u' ", i);
  g_string_append (page, "</script></body></html>");
  g_assert_cmpuint (page->len, >, SCRAPER_HANDOFF_MAX_SCAN);

  found = scraper_handoff_find (page->str, page->len, NULL, "https://acme.example/");
  g_assert_cmpuint (found->len, <=, SCRAPER_HANDOFF_MAX_BOARDS);

  g_string_truncate (page, 0);
  g_string_append (page, "<html><body><script>");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (page, "'https://jobs.lever.co/board%u' ", i);
  g_string_append (page, "</script></body></html>");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = scraper_handoff_find (page->str, page->len, NULL, "https://acme.example/");
  g_assert_cmpuint (found->len, ==, SCRAPER_HANDOFF_MAX_BOARDS);
  assert_board (nth (found, 0), "lever", "https://jobs.lever.co/board0", "board0");
}

static void
test_hostile_many_own_links_then_board (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body>");
  g_autoptr(GPtrArray) found = NULL;

  /* The site's own links do not use up the bound: the board linked from
   * the footer of a page with thousands of links is found. */
  for (guint i = 0; i < 3 * SCRAPER_HANDOFF_MAX_TRIES; i++)
    g_string_append_printf (page, "<a href=\"/news/%u\">n</a><a href=\"https://cdn.acme.example/%u.png\">i</a>", i, i);
  g_string_append (page, "<footer><a href=\"https://jobs.lever.co/acme\">Jobs</a></footer></body></html>");
  found = scraper_handoff_find (page->str, page->len, NULL, "https://acme.example/");
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "lever", "https://jobs.lever.co/acme", "acme");
}

static void
test_hostile_deep_nesting_and_binary (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body>");
  g_autoptr(GPtrArray) found = NULL;
  const char binary[] = "<a href=\"https://jobs.lever.co/bin\0ary\">\xff\xfe<iframe src=\"https://jobs.ashbyhq.com/ok\">";

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "<a href=\"https://jobs.lever.co/deep\">deep</a>");
  found = scraper_handoff_find (page->str, page->len, NULL, "https://acme.example/");
  /* Whatever depth the parser keeps, no crash and no stack overflow. */
  g_assert_cmpuint (found->len, <=, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = scraper_handoff_find (binary, sizeof binary - 1, NULL, "https://acme.example/");
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_utf8_validate (nth (found, i)->url, -1, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = scraper_handoff_find ("", 0, NULL, "https://acme.example/");
  g_assert_cmpuint (found->len, ==, 0);
}

/* Posting URLs and other URLs on a board -> the whole board */

static const struct {
  const char *url;
  const char *kind;       /* NULL: no board */
  const char *source_url;
  const char *board;
} board_urls[] = {
  { "https://jobs.lever.co/acme/5f1c2d3e-0a1b-4c5d-8e9f-0123456789ab", "lever", "https://jobs.lever.co/acme", "acme" },
  { "https://jobs.lever.co/acme/5f1c2d3e-0a1b-4c5d-8e9f-0123456789ab/apply?lever-source=x", "lever", "https://jobs.lever.co/acme", "acme" },
  { "https://jobs.eu.lever.co/acme/uuid", "lever", "https://jobs.eu.lever.co/acme", "acme" },
  { "https://api.lever.co/v0/postings/acme?mode=json", "lever", "https://jobs.lever.co/acme", "acme" },
  { "https://boards.greenhouse.io/acme/jobs/4012345", "greenhouse", "https://boards.greenhouse.io/acme", "acme" },
  { "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc#app", "greenhouse", "https://boards.greenhouse.io/acme", "acme" },
  { "https://job-boards.greenhouse.io/acme/jobs/4012345", "greenhouse", "https://boards.greenhouse.io/acme", "acme" },
  { "https://job-boards.eu.greenhouse.io/acme/jobs/1", "greenhouse", "https://boards.eu.greenhouse.io/acme", "acme" },
  { "https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345", "greenhouse", "https://boards.greenhouse.io/acme", "acme" },
  { "https://boards.greenhouse.io/embed/job_board?for=Acme", "greenhouse", "https://boards.greenhouse.io/acme", "acme" },
  { "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", "greenhouse", "https://boards.greenhouse.io/acme", "acme" },
  { "https://jobs.ashbyhq.com/acme/3c4d5e6f-0000-4000-8000-000000000000", "ashby", "https://jobs.ashbyhq.com/acme", "acme" },
  { "https://jobs.ashbyhq.com/acme/3c4d5e6f-0000-4000-8000-000000000000/application", "ashby", "https://jobs.ashbyhq.com/acme", "acme" },
  { "https://api.ashbyhq.com/posting-api/job-board/acme", "ashby", "https://jobs.ashbyhq.com/acme", "acme" },
  { "https://apply.workable.com/acme/j/ABC123DEF4/", "workable", "https://apply.workable.com/acme", "acme" },
  { "https://acme.workable.com/jobs/123456", "workable", "https://apply.workable.com/acme", "acme" },
  { "https://apply.workable.com/api/v1/widget/accounts/acme", "workable", "https://apply.workable.com/acme", "acme" },
  { "https://jobs.smartrecruiters.com/Acme/743999912345678-field-technician", "smartrecruiters", "https://careers.smartrecruiters.com/Acme", "Acme" },
  { "https://careers.smartrecruiters.com/Acme", "smartrecruiters", "https://careers.smartrecruiters.com/Acme", "Acme" },
  { "https://api.smartrecruiters.com/v1/companies/Acme/postings", "smartrecruiters", "https://careers.smartrecruiters.com/Acme", "Acme" },
  { "https://acme.recruitee.com/o/senior-engineer", "recruitee", "https://acme.recruitee.com/", "acme" },
  { "https://acme.jobs.personio.de/job/123456?language=en", "personio", "https://acme.jobs.personio.de/", "acme" },
  { "https://acme.jobs.personio.com/job/123456", "personio", "https://acme.jobs.personio.com/", "acme" },
  { "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers/job/Austin-TX/Process-Engineer_JR-10234", "workday", "https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers", "gamma" },
  { "https://gamma.wd5.myworkdayjobs.com/GammaCareers/details/Process-Engineer_JR-10234", "workday", "https://gamma.wd5.myworkdayjobs.com/GammaCareers", "gamma" },
  { "https://gamma.wd1.myworkdayjobs.com/wday/cxs/gamma/GammaCareers/jobs", "workday", "https://gamma.wd1.myworkdayjobs.com/GammaCareers", "gamma" },
  { "https://wd3.myworkdaysite.com/en-US/recruiting/gamma/External/job/Remote/X_R1", "workday", "https://gamma.wd3.myworkdayjobs.com/External", "gamma" },
  { "https://acme.bamboohr.com/careers/223", "bamboohr", "https://acme.bamboohr.com/careers", "acme" },
  { "https://acme.bamboohr.com/jobs/view.php?id=42", "bamboohr", "https://acme.bamboohr.com/careers", "acme" },
  { "https://acme.bamboohr.com/jobs/embed2.php?version=1.0.0", "bamboohr", "https://acme.bamboohr.com/careers", "acme" },
  { "https://acme.teamtailor.com/jobs/2345678-data-engineer", "feed", "https://acme.teamtailor.com/jobs.json", "acme" },
  { "https://acme.breezy.hr/p/98323abf2296-engineer", "feed", "https://acme.breezy.hr/json", "acme" },
  { "https://ats.rippling.com/acme/jobs/84d388b6-7656-434c-8862-0312eb6b97ac", "feed", "https://ats.rippling.com/api/v2/board/acme/jobs", "acme" },
  { "https://acme.pinpointhq.com/en/postings/1c2d3e4f", "pinpoint", "https://acme.pinpointhq.com/", "acme" },
  { "https://jobs.jobvite.com/acme/job/oABCD1234", "jobvite", "https://jobs.jobvite.com/acme", "acme" },
  { "https://app.jobvite.com/CompanyJobs/Careers.aspx?c=qX9aVfwM&page=Job%20Description&j=oABC", "jobvite", "https://app.jobvite.com/CompanyJobs/Careers.aspx?c=qX9aVfwM", "qX9aVfwM" },
  { "https://join.com/companies/acme/9876543-sales-manager", "join", "https://join.com/companies/acme", "acme" },
  { "https://jobs.gem.com/acme/am9icG9zdDo0NTY", "gem", "https://jobs.gem.com/acme", "acme" },
  { "https://app.dover.com/jobs/acme", "dover", "https://app.dover.com/jobs/acme", "acme" },
  { "https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job?in_iframe=1", "jsonld",
    "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli" },
  { "https://Careers-Wipfli.icims.com/jobs/intro?hashed=-435", "jsonld",
    "https://careers-wipfli.icims.com/jobs/search?ss=1&in_iframe=1", "careers-wipfli" },
  { "https://recruiting.paylocity.com/Recruiting/Jobs/All/211e692d-c45a-4e3a-ae01-3e497af97929/Acme-Corp", "paylocity",
    "https://recruiting.paylocity.com/Recruiting/Jobs/All/211e692d-c45a-4e3a-ae01-3e497af97929",
    "211e692d-c45a-4e3a-ae01-3e497af97929" },
  /* Not boards */
  { "https://www.lever.co/", NULL, NULL, NULL },
  { "https://jobs.lever.co/", NULL, NULL, NULL },
  { "https://www.greenhouse.io/customers", NULL, NULL, NULL },
  { "https://boards.greenhouse.io/embed/job_board?for=", NULL, NULL, NULL },
  { "https://apply.workable.com/j/ABC123DEF4", NULL, NULL, NULL },
  { "https://recruiting.paylocity.com/Recruiting/Jobs/Details/4141169", NULL, NULL, NULL },
  { "https://www.workable.com/assets/embed.js", NULL, NULL, NULL },
  { "https://www.icims.com/jobs/", NULL, NULL, NULL },
  { "https://careers-wipfli.icims.com/", NULL, NULL, NULL },
  { "https://www.smartrecruiters.com/", NULL, NULL, NULL },
  { "https://www.recruitee.com/", NULL, NULL, NULL },
  { "https://acme.bamboohr.com/login.php", NULL, NULL, NULL },
  { "https://www.bamboohr.com/careers", NULL, NULL, NULL },
  { "https://www.myworkdayjobs.com/", NULL, NULL, NULL },
  { "https://gamma.wd5.myworkdayjobs.com/", NULL, NULL, NULL },
  { "https://evil.example/jobs.lever.co/acme", NULL, NULL, NULL },
  { "https://jobs.lever.co.evil.example/acme", NULL, NULL, NULL },
  { "ftp://jobs.lever.co/acme", NULL, NULL, NULL },
  { "https://jobs.lever.co/ac%2Fme", NULL, NULL, NULL },
  { "https://jobs.lever.co/a%20b", NULL, NULL, NULL },
  { "not a url", NULL, NULL, NULL },
  { "", NULL, NULL, NULL },
};

static void
test_board_from_url (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (board_urls); i++)
    {
      g_autofree char *kind = NULL, *source_url = NULL, *board = NULL;
      gboolean ok = scraper_board_from_url (board_urls[i].url, &kind, &source_url, &board);

      if (g_test_verbose ())
        g_printerr ("%s -> %s %s %s\n", board_urls[i].url, kind, source_url, board);
      g_assert_cmpint (ok, ==, board_urls[i].kind != NULL);
      g_assert_cmpstr (kind, ==, board_urls[i].kind);
      g_assert_cmpstr (source_url, ==, board_urls[i].source_url);
      g_assert_cmpstr (board, ==, board_urls[i].board);
    }
}

/* Each canonical URL is read by its kind as the board: the ATS adapters
 * take the same board from it, and it maps onto itself. */
static void
test_board_url_roundtrip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (board_urls); i++)
    {
      g_autofree char *kind = NULL, *source_url = NULL, *board = NULL;
      g_autofree char *kind2 = NULL, *source_url2 = NULL;

      if (board_urls[i].kind == NULL)
        continue;
      g_assert_true (scraper_board_from_url (board_urls[i].url, &kind, &source_url, &board));
      g_assert_true (scraper_board_from_url (source_url, &kind2, &source_url2, NULL));
      g_assert_cmpstr (kind2, ==, kind);
      g_assert_cmpstr (source_url2, ==, source_url);

      if (scraper_source_kind_is_valid (kind) && !g_str_equal (kind, "feed"))
        {
          g_autofree char *api_board = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *api = scraper_ats_api_url (kind, source_url, &api_board, &error);

          if (api == NULL && g_error_matches (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND))
            continue;   /* a kind another adapter file reads (workday, bamboohr, …) */
          g_assert_no_error (error);
          g_assert_cmpstr (api_board, ==, board);
        }
      if (g_str_equal (kind, "feed"))
        g_assert_cmpstr (scraper_adapter_guess_kind (source_url), ==, "feed");
    }
}

static void
test_short_url (void)
{
  g_autofree char *a = scraper_handoff_short_url ("https://jobs.lever.co/acme");
  g_autofree char *b = scraper_handoff_short_url ("https://acme.recruitee.com/");
  g_autofree char *c = scraper_handoff_short_url ("http://x.example//");

  g_assert_cmpstr (a, ==, "jobs.lever.co/acme");
  g_assert_cmpstr (b, ==, "acme.recruitee.com");
  g_assert_cmpstr (c, ==, "x.example");
}

static void
test_default_name_for_boards (void)
{
  g_autofree char *workday = scraper_adapter_default_name ("https://gamma.wd5.myworkdayjobs.com/en-US/GammaCareers", "workday");
  g_autofree char *bamboo = scraper_adapter_default_name ("https://delta-foods.bamboohr.com/careers", NULL);
  g_autofree char *lever = scraper_adapter_default_name ("https://jobs.lever.co/acme-corp", NULL);

  g_assert_cmpstr (workday, ==, "Gamma");
  g_assert_cmpstr (bamboo, ==, "Delta Foods");
  g_assert_cmpstr (lever, ==, "Acme Corp");
}

/* Detection through the fetcher */

static ScraperFetcher *
fetcher_remapped (ScraperTestServer *server,
                  const char        *hosts)
{
  g_auto(GStrv) names = g_strsplit (hosts, ",", -1);
  g_autoptr(GString) spec = g_string_new (NULL);
  ScraperFetchOptions options;
  ScraperFetcher *fetcher;

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (spec, "%s%s=127.0.0.1:%u", i > 0 ? "," : "", names[i],
                            scraper_test_server_get_port (server));
  g_setenv ("JOB_SCRAPER_REMAP", spec->str, TRUE);
  scraper_fetch_options_init (&options);
  options.per_host_delay_ms = 0;
  options.retry_base_ms = 10;
  options.max_retries = 0;
  fetcher = scraper_fetcher_new (&options);
  scraper_fetch_options_clear (&options);
  g_unsetenv ("JOB_SCRAPER_REMAP");
  return fetcher;
}

static void
test_detect_careers_page (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (HANDOFF_TEST_DATA);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "www.acme-example.com");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = scraper_handoff_detect (fetcher, "https://www.acme-example.com/two-boards.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  assert_board (nth (found, 0), "personio", "https://omicron.jobs.personio.de/", "omicron");
  assert_board (nth (found, 1), "greenhouse", "https://boards.greenhouse.io/omicronrobotics", "omicronrobotics");
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/two-boards.html"), ==, 1);
}

static void
test_detect_posting_url_without_network (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "jobs.lever.co");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = scraper_handoff_detect (fetcher, "https://jobs.lever.co/acme/5f1c2d3e-0a1b-4c5d-8e9f-0123456789ab", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "lever", "https://jobs.lever.co/acme", "acme");
  g_assert_null (nth (found, 0)->evidence);
  g_assert_cmpuint (scraper_test_server_get_hits (server, NULL), ==, 0);
}

static void
test_detect_redirect_to_board (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "careers.acme-example.com,jobs.ashbyhq.com");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_redirect (server, "/", "https://jobs.ashbyhq.com/acme");
  scraper_test_server_add_text (server, "/acme", "text/html", "<html><body>Ashby board</body></html>");
  found = scraper_handoff_detect (fetcher, "https://careers.acme-example.com/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "ashby", "https://jobs.ashbyhq.com/acme", "acme");
}

static void
test_detect_page_with_postings_keeps_its_kind (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "www.acme-example.com");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* Postings of its own win over a board it also links to. */
  scraper_test_server_add_text (server, "/jobs", "text/html",
                                "<html><head><script type=\"application/ld+json\">"
                                "{\"@context\":\"https://schema.org\",\"@type\":\"JobPosting\",\"title\":\"Baker\","
                                "\"datePosted\":\"2026-11-01\",\"hiringOrganization\":{\"name\":\"Acme\"}}"
                                "</script></head><body><a href=\"https://jobs.lever.co/acme\">more</a></body></html>");
  found = scraper_handoff_detect (fetcher, "https://www.acme-example.com/jobs", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->kind, ==, "jsonld");
  g_assert_cmpstr (nth (found, 0)->url, ==, "https://www.acme-example.com/jobs");
  g_assert_null (nth (found, 0)->evidence);
}

static void
test_detect_none (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (HANDOFF_TEST_DATA);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "www.pi-example.com");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = scraper_handoff_detect (fetcher, "https://www.pi-example.com/none.html", NULL, &error);
  g_assert_null (found);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);
}

/* A real careers page (Wikimedia's, 2023) whose openings are grnh.se short
 * links: the first one followed leads to the Greenhouse board, and the
 * others are left alone. */
static void
test_detect_short_links_real_page (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "wikimediafoundation.org,grnh.se,boards.greenhouse.io");
  g_autofree char *path = g_build_filename (HANDOFF_TEST_DATA, "..", "sites",
                                            "careers_page_wikimedia_foundation_jobs_list_2023.html", NULL);
  g_autofree char *page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, "https://grnh.se/d93c23471us"));
  scraper_test_server_add_text (server, "/about/jobs/", "text/html", page);
  scraper_test_server_add_redirect (server, "/d93c23471us",
                                    "https://boards.greenhouse.io/wikimedia/jobs/5464226?gh_src=d93c23471us");
  scraper_test_server_add_text (server, "/wikimedia/jobs/5464226", "text/html",
                                "<html><body><h1>Senior Software Engineer</h1></body></html>");

  found = scraper_handoff_detect (fetcher, "https://wikimediafoundation.org/about/jobs/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "greenhouse", "https://boards.greenhouse.io/wikimedia", "wikimedia");
  g_assert_nonnull (strstr (nth (found, 0)->evidence, "https://grnh.se/d93c23471us"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/d93c23471us"), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/7e1f8cf51us"), ==, 0);
}

/* Short links that fail are passed over: one gone (404), one that
 * redirects to itself; the third, SmartRecruiters', leads to its board;
 * a fourth is beyond the bound and never asked for. */
static void
test_detect_short_links_failing (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "www.acme-example.com,grnh.se,smrtr.io,"
                                                        "jobs.smartrecruiters.com");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_text (server, "/careers", "text/html",
                                "<html><body><a href=\"/about\">About us</a>"
                                "<a href=\"https://grnh.se/gone1\">Baker</a>"
                                "<a href=\"https://grnh.se/gone1\">Baker (again)</a>"
                                "<a href=\"https://grnh.se/loop2\">Cook</a>"
                                "<a href=\"https://smrtr.io/Ab3\">Driver</a>"
                                "<a href=\"https://grnh.se/never4\">Porter</a></body></html>");
  scraper_test_server_add_status (server, "/gone1", 404);
  scraper_test_server_add_redirect (server, "/loop2", "https://grnh.se/loop2");
  scraper_test_server_add_redirect (server, "/Ab3", "https://jobs.smartrecruiters.com/AcmeFoods/743999123-driver");
  scraper_test_server_add_text (server, "/AcmeFoods/743999123-driver", "text/html",
                                "<html><body><h1>Driver</h1></body></html>");

  found = scraper_handoff_detect (fetcher, "https://www.acme-example.com/careers", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->kind, ==, "smartrecruiters");
  g_assert_nonnull (strstr (nth (found, 0)->url, "AcmeFoods"));
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/gone1"), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/loop2"), >, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/Ab3"), ==, 1);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/never4"), ==, 0);
}

/* Workable's posting links without the account (apply.workable.com/j/…)
 * redirect to the account's. */
static void
test_detect_short_links_workable (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "www.acme-example.com,apply.workable.com");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_text (server, "/careers", "text/html",
                                "<html><body><a href=\"https://apply.workable.com/j/\">Workable</a>"
                                "<a href=\"https://apply.workable.com/j/ABC123DEF4\">Nurse</a></body></html>");
  scraper_test_server_add_redirect (server, "/j/ABC123DEF4", "https://apply.workable.com/acme-care/j/ABC123DEF4/");
  scraper_test_server_add_text (server, "/acme-care/j/ABC123DEF4/", "text/html", "<html><body>Nurse</body></html>");

  found = scraper_handoff_detect (fetcher, "https://www.acme-example.com/careers", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  assert_board (nth (found, 0), "workable", "https://apply.workable.com/acme-care", "acme-care");
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/j/"), ==, 0);
}

/* Short links that lead nowhere known: the page is what it was without
 * them (here, none of either: an error that says so). */
static void
test_detect_short_links_to_no_board (void)
{
  g_autoptr(ScraperTestServer) server = scraper_test_server_new (NULL);
  g_autoptr(ScraperFetcher) fetcher = fetcher_remapped (server, "www.acme-example.com,grnh.se");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  scraper_test_server_add_text (server, "/careers", "text/html",
                                "<html><body><a href=\"https://grnh.se/x1\">Baker</a></body></html>");
  scraper_test_server_add_redirect (server, "/x1", "https://www.acme-example.com/somewhere");
  scraper_test_server_add_text (server, "/somewhere", "text/html", "<html><body>Hello</body></html>");

  found = scraper_handoff_detect (fetcher, "https://www.acme-example.com/careers", NULL, &error);
  g_assert_null (found);
  g_assert_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS);
  g_assert_cmpuint (scraper_test_server_get_hits (server, "/x1"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();

  g_test_add_func ("/handoff/link/lever-postings", test_link_lever_postings);
  g_test_add_func ("/handoff/link/workday", test_link_workday);
  g_test_add_func ("/handoff/link/many-hosts", test_many_hosts);
  g_test_add_func ("/handoff/link/real-page-bamboohr", test_real_page_bamboohr_links);
  g_test_add_func ("/handoff/link/relative-and-protocol-relative", test_relative_and_protocol_relative);
  g_test_add_func ("/handoff/embed-script/greenhouse", test_embed_script_greenhouse);
  g_test_add_func ("/handoff/embed-script/ashby", test_embed_script_ashby);
  g_test_add_func ("/handoff/iframe/ashby", test_iframe_ashby);
  g_test_add_func ("/handoff/data-attribute/bamboohr", test_data_attribute_bamboohr);
  g_test_add_func ("/handoff/data-attribute/named-and-url", test_data_attribute_named_and_url);
  g_test_add_func ("/handoff/inline-js/lever", test_inline_js_lever);
  g_test_add_func ("/handoff/inline-js/greenhouse", test_inline_js_greenhouse);
  g_test_add_func ("/handoff/inline-js/config-needs-its-embed", test_inline_js_config_needs_its_embed);
  g_test_add_func ("/handoff/inline-js/workable", test_inline_js_workable);
  g_test_add_func ("/handoff/inline-js/smartrecruiters", test_inline_js_smartrecruiters);
  g_test_add_func ("/handoff/inline-js/json-escaped-slashes", test_inline_json_escaped_slashes);
  g_test_add_func ("/handoff/two-boards", test_two_boards);
  g_test_add_func ("/handoff/refresh-onclick-javascript-url", test_refresh_onclick_javascript_url);
  g_test_add_func ("/handoff/one-board-on-two-hosts", test_one_board_on_two_hosts);
  g_test_add_func ("/handoff/none", test_none_vendor_sites_comments_emails);
  g_test_add_func ("/handoff/hostile/format-directives", test_hostile_format_directives);
  g_test_add_func ("/handoff/hostile/huge-page-bounded", test_hostile_huge_page_bounded);
  g_test_add_func ("/handoff/hostile/deep-nesting-and-binary", test_hostile_deep_nesting_and_binary);
  g_test_add_func ("/handoff/hostile/many-own-links-then-board", test_hostile_many_own_links_then_board);
  g_test_add_func ("/handoff/board-from-url/each-style", test_board_from_url);
  g_test_add_func ("/handoff/board-from-url/roundtrip", test_board_url_roundtrip);
  g_test_add_func ("/handoff/short-url", test_short_url);
  g_test_add_func ("/handoff/default-name", test_default_name_for_boards);
  g_test_add_func ("/handoff/detect/careers-page", test_detect_careers_page);
  g_test_add_func ("/handoff/detect/posting-url-without-network", test_detect_posting_url_without_network);
  g_test_add_func ("/handoff/detect/redirect-to-board", test_detect_redirect_to_board);
  g_test_add_func ("/handoff/detect/page-with-postings", test_detect_page_with_postings_keeps_its_kind);
  g_test_add_func ("/handoff/detect/none", test_detect_none);
  g_test_add_func ("/handoff/detect/short-links-real-page", test_detect_short_links_real_page);
  g_test_add_func ("/handoff/detect/short-links-failing", test_detect_short_links_failing);
  g_test_add_func ("/handoff/detect/short-links-workable", test_detect_short_links_workable);
  g_test_add_func ("/handoff/detect/short-links-to-no-board", test_detect_short_links_to_no_board);

  return g_test_run ();
}
