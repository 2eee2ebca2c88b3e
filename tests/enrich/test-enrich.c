/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-enrich"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "enrich/scraper-enrich.h"

#define Y SCRAPER_SALARY_PERIOD_YEAR
#define MO SCRAPER_SALARY_PERIOD_MONTH
#define WK SCRAPER_SALARY_PERIOD_WEEK
#define D SCRAPER_SALARY_PERIOD_DAY
#define H SCRAPER_SALARY_PERIOD_HOUR
#define U SCRAPER_SALARY_PERIOD_UNKNOWN

/* ---- salary ----------------------------------------------------------- */

typedef struct {
  const char          *name;
  const char          *text;
  double               min;       /* NAN: absent */
  double               max;
  const char          *currency;  /* NULL: none named */
  ScraperSalaryPeriod  period;
} SalaryCase;

static const SalaryCase salary_cases[] = {
  /* The strings of the brief, most taken from the real corpus */
  { "indeed-range-a-year", "$100,000 - $110,000 a year", 100000, 110000, "USD", Y },
  { "indeed-range-a-year-2", "\n$60,000 - $80,000 a year", 60000, 80000, "USD", Y },
  { "indeed-range-a-year-3", "$62,000 - $92,000 a year", 62000, 92000, "USD", Y },
  { "indeed-from-a-year", "From $50,000 a year", 50000, NAN, "USD", Y },
  { "glassdoor-estimate-k", "$67K-$136K ", 67000, 136000, "USD", Y },
  { "glassdoor-estimate-k-2", "$38K-$70K (Glassdoor est.)", 38000, 70000, "USD", Y },
  { "wwr-euro-range", "\xe2\x82\xac" "46,728 - \xe2\x82\xac" "62,953 + share appreciation rights (SARs)", 46728, 62953, "EUR", Y },
  { "ashby-first-of-base-and-bonus", "\xe2\x82\xac" "66K \xe2\x80\x93 \xe2\x82\xac" "75K \xe2\x80\xa2 Offers Equity \xe2\x80\xa2 \xe2\x82\xac" "8K \xe2\x80\x93 \xe2\x82\xac" "15K Bonus", 66000, 75000, "EUR", Y },
  { "ashby-hourly", "$27.00 \xe2\x80\x93 $35.00 per hour", 27, 35, "USD", H },
  { "ashby-cad", "CA$120K \xe2\x80\x93 CA$150K", 120000, 150000, "CAD", Y },
  { "c-dollar-cad", "C$90,000 to C$110,000 per year", 90000, 110000, "CAD", Y },
  { "a-dollar-aud", "A$150K \xe2\x80\x93 A$180K", 150000, 180000, "AUD", Y },
  { "pound-k-range", "\xc2\xa3" "45k-\xc2\xa3" "55k", 45000, 55000, "GBP", Y },
  { "german-thousands-eur-code", "60.000 - 75.000 EUR", 60000, 75000, "EUR", Y },
  { "k-range-eur-code", "60k-80k EUR", 60000, 80000, "EUR", Y },
  { "usd-code-per-annum", "USD 120,000 \xe2\x80\x93 150,000 per annum", 120000, 150000, "USD", Y },
  { "remotive-ote", "OTE $25k - $35k", 25000, 35000, "USD", Y },
  { "remotive-k-range", "$55k - $100k", 55000, 100000, "USD", Y },
  { "remotive-small-k-range", "$3k - $10k", 3000, 10000, "USD", Y },
  { "zero-lower-bound", "$0 \xe2\x80\x93 $500K \xe2\x80\xa2 Offers Equity", NAN, 500000, "USD", Y },
  { "up-to-k", "up to 90k", NAN, 90000, NULL, Y },
  { "per-day", "\xc2\xa3" "300 - \xc2\xa3" "400 per day", 300, 400, "GBP", D },
  { "german-brutto-monatlich", "8.000 \xe2\x82\xac brutto monatlich", 8000, 8000, "EUR", MO },
  /* More shapes */
  { "ashby-single-k", "$92.5K", 92500, 92500, "USD", Y },
  { "ashby-per-month-k", "\xe2\x82\xac" "2.2K \xe2\x80\x93 \xe2\x82\xac" "3K per month", 2200, 3000, "EUR", MO },
  { "ashby-per-week", "Salary: $2.4K per week \xe2\x80\xa2 $10k Housing Stipend", 2400, 2400, "USD", WK },
  { "ashby-hourly-then-bonus", "$50.00 per hour \xe2\x80\xa2 $0 \xe2\x80\x93 $50K Bonus", 50, 50, "USD", H },
  { "ashby-sgd-nbsp", "SGD\xc2\xa0" "115K \xe2\x80\x93 SGD\xc2\xa0" "140K \xe2\x80\xa2 Offers Equity", 115000, 140000, "SGD", Y },
  { "ashby-inr-lakh", "\xe2\x82\xb9" "70L \xe2\x80\x93 \xe2\x82\xb9" "90L \xe2\x80\xa2 Offers Equity", 7000000, 9000000, "INR", Y },
  { "ashby-brl", "Estimated Base Salary R$285K \xe2\x80\x93 R$400K", 285000, 400000, "BRL", Y },
  { "ashby-cny-month", "Base CN\xc2\xa5" "7K \xe2\x80\x93 CN\xc2\xa5" "7.5K per month", 7000, 7500, "CNY", MO },
  { "ashby-token-lower-bound", "CA$30.00 \xe2\x80\x93 CA$450,000.00 \xe2\x80\xa2 Offers Equity", NAN, 450000, "CAD", Y },
  { "pln-code-prefix", "PLN 276K \xe2\x80\x93 PLN 342K", 276000, 342000, "PLN", Y },
  { "chf-code-suffix", "120'000 - 140'000 CHF", 120000, 140000, "CHF", Y },
  { "usd-code-no-space", "USD120,000-USD150,000", 120000, 150000, "USD", Y },
  { "german-decimal-comma", "4.500,00 \xe2\x82\xac pro Monat", 4500, 4500, "EUR", MO },
  { "german-bis", "60.000 \xe2\x82\xac bis 70.000 \xe2\x82\xac j\xc3\xa4hrlich", 60000, 70000, "EUR", Y },
  { "german-ab", "ab 55.000 \xe2\x82\xac im Jahr", 55000, NAN, "EUR", Y },
  { "euro-suffix-word", "55.000 - 65.000 Euro p.a.", 55000, 65000, "EUR", Y },
  { "eur-code-suffix-lowercase-pa", "50000-60000 eur pa", 50000, 60000, "EUR", Y },
  { "hourly-slash-hr", "$45/hr", 45, 45, "USD", H },
  { "hourly-slash-h-euro", "65 \xe2\x82\xac/h", 65, 65, "EUR", H },
  { "monthly-slash-mo", "$8k/mo", 8000, 8000, "USD", MO },
  { "k-plus", "$150k+ base", 150000, NAN, "USD", Y },
  { "between-and", "between $80,000 and $95,000 annually", 80000, 95000, "USD", Y },
  { "salary-word-bare-range", "Salary: 60,000-70,000", 60000, 70000, NULL, Y },
  { "inverted-range", "$120k - $90k", 90000, 120000, "USD", Y },
  { "funding-then-salary", "We raised $50M in Series B. The salary is $140,000 - $160,000 per year.", 140000, 160000, "USD", Y },
  { "bonus-then-salary", "$5,000 signing bonus. Base pay $120k-$140k.", 120000, 140000, "USD", Y },
  { "title-with-salary", "Senior Backend Engineer (Go) - $150k-$180k + equity", 150000, 180000, "USD", Y },
  { "hourly-range-words", "$20 per hour - $25 per hour", 20, 25, "USD", H },
  { "dkk-month", "DKK 45,000 per month", 45000, 45000, "DKK", MO },
  { "lpa-lakhs-per-annum", "12 LPA", 1200000, 1200000, "INR", Y },
  { "jpy-yen-year", "\xc2\xa5" "8,000,000 per year", 8000000, 8000000, "JPY", Y },
};

static const struct {
  const char *name;
  const char *text;
} salary_rejects[] = {
  { "competitive-salary", "Competitive salary and benefits" },
  { "401k", "401k matching and great health insurance" },
  { "401k-parenthesized", "401(k) with 4% match" },
  { "year-2024", "Founded in 2024, we are growing fast" },
  { "phone-number", "Call us at +1 (555) 123-4567 or 555-987-6543" },
  { "series-b-millions", "Series B $50M raised" },
  { "billions-market", "a $2.5B market opportunity" },
  { "million-word", "$30 million in funding" },
  { "version-number", "Requires GTK 4.8.3 and GLib 2.74.1" },
  { "version-v-prefix", "Upgrade from v2.3.1 to v3.0" },
  { "holiday-days", "30 days holiday plus your birthday off" },
  { "implausible-per-hour", "$0.05 \xe2\x80\x93 $0.06 / hour" },
  { "implausible-per-year", "$1 \xe2\x80\x93 $5 / year" },
  { "one-time-payout", "Per-Interview Payout $60.00 once" },
  { "stipend-only", "$2,000 home office stipend" },
  { "learning-budget", "$1,500 learning budget per year" },
  { "bare-k-users", "We serve 10k customers in 40 countries" },
  { "percentages", "0.1% \xe2\x80\x93 0.5% equity" },
  { "plain-numbers", "Team of 25 people across 3 offices" },
  { "empty", "" },
  { "gift-card", "a $100 gift card for every referral" },
};

static void
test_salary_case (gconstpointer data)
{
  const SalaryCase *c = data;
  double min = -1, max = -1;
  g_autofree char *currency = NULL;
  ScraperSalaryPeriod period = 99;

  g_test_message ("text: %s", c->text);
  g_assert_true (scraper_salary_parse (c->text, &min, &max, &currency, &period));
  if (isnan (c->min))
    g_assert_true (isnan (min));
  else
    g_assert_cmpfloat_with_epsilon (min, c->min, 0.001);
  if (isnan (c->max))
    g_assert_true (isnan (max));
  else
    g_assert_cmpfloat_with_epsilon (max, c->max, 0.001);
  g_assert_cmpstr (currency, ==, c->currency);
  g_assert_cmpint (period, ==, c->period);
}

static void
test_salary_reject (gconstpointer data)
{
  const char *text = data;
  double min = -1, max = -1;
  char *currency = NULL;
  ScraperSalaryPeriod period = 99;

  g_test_message ("text: %s", text);
  g_assert_false (scraper_salary_parse (text, &min, &max, &currency, &period));
  /* The outs are left alone */
  g_assert_cmpfloat (min, ==, -1);
  g_assert_cmpfloat (max, ==, -1);
  g_assert_null (currency);
  g_assert_cmpint (period, ==, 99);
}

static void
test_salary_null_outs (void)
{
  g_assert_true (scraper_salary_parse ("$100k", NULL, NULL, NULL, NULL));
  g_assert_false (scraper_salary_parse (NULL, NULL, NULL, NULL, NULL));
}

static ScraperSalaryPeriod
ashby_interval (const char *interval)
{
  if (g_strcmp0 (interval, "1 YEAR") == 0)
    return Y;
  if (g_strcmp0 (interval, "1 MONTH") == 0)
    return MO;
  if (g_strcmp0 (interval, "1 WEEK") == 0)
    return WK;
  if (g_strcmp0 (interval, "1 HOUR") == 0)
    return H;
  return U;  /* "1 TIME": a one-off payment, not pay */
}

/* Ashby shows amounts rounded ("$53.3K" for 53,340): allow half a percent. */
static gboolean
close_to (double got,
          double want)
{
  return !isnan (got) && fabs (got - want) <= want * 0.005 + 0.001;
}

/* 542 real display strings with Ashby's own structured parse. */
static void
test_salary_ashby_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "enrich",
                                                 "ashby_salary_strings.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;
  guint checked = 0, refused = 0, failures = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 542);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *text = json_object_get_string_member (c, "compensationTierSummary");
      JsonObject *want = json_array_get_object_element (
        json_object_get_array_member (c, "expected_salary_components"), 0);
      ScraperSalaryPeriod want_period = ashby_interval (json_object_get_string_member (want, "interval"));
      double want_min = json_object_get_double_member (want, "minValue");
      double want_max = json_object_get_double_member (want, "maxValue");
      double min, max;
      g_autofree char *currency = NULL;
      ScraperSalaryPeriod period;
      gboolean ok;
      g_autofree char *bad = NULL;

      ok = scraper_salary_parse (text, &min, &max, &currency, &period);
      if (want_period == U)
        {
          if (ok)
            bad = g_strdup_printf ("one-off payment parsed: %s", text);
          else
            refused++;
        }
      else if (!ok)
        bad = g_strdup_printf ("not parsed: %s", text);
      else if (g_strcmp0 (currency, json_object_get_string_member (want, "currencyCode")) != 0 ||
               period != want_period || !close_to (max, want_max) ||
               /* A token lower bound ("CA$30.00 – CA$450,000.00") is dropped */
               (want_min * scraper_salary_period_per_year (want_period) < 1000 ? !isnan (min)
                                                                                : !close_to (min, want_min)))
        bad = g_strdup_printf ("%s: got %g-%g %s period %d, want %g-%g %s period %d", text,
                               min, max, currency, period, want_min, want_max,
                               json_object_get_string_member (want, "currencyCode"), want_period);
      else
        checked++;

      if (bad != NULL)
        {
          g_test_message ("case %u: %s", i, bad);
          failures++;
        }
    }

  g_test_message ("%u strings checked, %u one-off payments refused", checked, refused);
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpuint (checked, ==, 541);
  g_assert_cmpuint (refused, ==, 1);
}

/* ---- remote ------------------------------------------------------------ */

typedef struct {
  const char        *name;
  const char        *title;
  const char        *location;
  const char        *description;
  ScraperRemoteKind  kind;
} RemoteCase;

static const RemoteCase remote_cases[] = {
  { "title-remote", "Senior Rust Engineer (Remote)", NULL, NULL, SCRAPER_REMOTE_REMOTE },
  { "location-remote", "Backend Engineer", "Remote - US", NULL, SCRAPER_REMOTE_REMOTE },
  { "location-worldwide", "Inside Sales Contractor", "Worldwide", NULL, SCRAPER_REMOTE_REMOTE },
  { "fully-remote", "Designer", NULL, "This is a fully remote position.", SCRAPER_REMOTE_REMOTE },
  { "work-from-home", "Support Agent", NULL, "You can work from home anywhere in Canada.", SCRAPER_REMOTE_REMOTE },
  { "100-percent-remote", "Data Analyst", NULL, "We are 100% remote.", SCRAPER_REMOTE_REMOTE },
  { "remote-first", "Engineer", NULL, "We are a remote-first company.", SCRAPER_REMOTE_REMOTE },
  { "homeoffice-german", "Softwareentwickler (m/w/d)", "Berlin", "Homeoffice nach Absprache", SCRAPER_REMOTE_REMOTE },
  { "home-office-location", "Buchhalter (m/w/d)", "Home Office", NULL, SCRAPER_REMOTE_REMOTE },
  { "hybrid-title", "Product Designer - Hybrid", "London", NULL, SCRAPER_REMOTE_HYBRID },
  { "hybrid-location", "Engineer", "Berlin (Hybrid)", NULL, SCRAPER_REMOTE_HYBRID },
  { "two-days-in-office", "Engineer", "Paris", "Hybrid model: 2 days in office per week.", SCRAPER_REMOTE_HYBRID },
  { "days-in-office-only", "Engineer", NULL, "Expect 3 days in the office each week.", SCRAPER_REMOTE_HYBRID },
  { "onsite-location", "Warehouse Associate", "On-site - Austin, TX", NULL, SCRAPER_REMOTE_ONSITE },
  { "onsite-word", "Nurse (Onsite)", NULL, NULL, SCRAPER_REMOTE_ONSITE },
  { "in-office", "Receptionist", "In office, Munich", NULL, SCRAPER_REMOTE_ONSITE },
  { "vor-ort", "Mechatroniker (m/w/d)", "Hamburg - vor Ort", NULL, SCRAPER_REMOTE_ONSITE },
  { "negation-not-remote", "Engineer", NULL, "Please note: this role is not remote.", SCRAPER_REMOTE_ONSITE },
  { "negation-no-remote", "Engineer", "Zurich", "No remote work possible.", SCRAPER_REMOTE_ONSITE },
  { "title-beats-description", "Engineer (Remote)", NULL, "Our office is on-site in Berlin with a fully on-site team.", SCRAPER_REMOTE_REMOTE },
  { "hybrid-cloud-is-not-hybrid", "Cloud Engineer", "Berlin", "Experience with hybrid cloud and AWS.", SCRAPER_REMOTE_UNKNOWN },
  { "remote-sensing-is-not-remote", "Remote Sensing Scientist", "Boulder, CO", NULL, SCRAPER_REMOTE_UNKNOWN },
  { "nothing-said", "Accountant", "Chicago, IL", "Prepare monthly reports.", SCRAPER_REMOTE_UNKNOWN },
  { "all-null", NULL, NULL, NULL, SCRAPER_REMOTE_UNKNOWN },
};

static void
test_remote_case (gconstpointer data)
{
  const RemoteCase *c = data;
  const char *locations[] = { c->location, NULL };

  g_assert_cmpint (scraper_remote_classify (c->title, c->location ? locations : NULL, c->description),
                   ==, c->kind);
}

/* ---- seniority --------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *title;
  const char *description;
  const char *seniority;
} SeniorityCase;

static const SeniorityCase seniority_cases[] = {
  { "intern", "Software Engineering Intern", NULL, "intern" },
  { "internship", "Marketing Internship (Summer 2026)", NULL, "intern" },
  { "praktikum", "Praktikum im Bereich Marketing (m/w/d)", NULL, "intern" },
  { "werkstudent", "Werkstudent (m/w/d) Data Analytics", NULL, "intern" },
  { "working-student", "Working Student Customer Success", NULL, "intern" },
  { "internal-is-not-intern", "Internal Tools Engineer", NULL, NULL },
  { "junior", "Junior Frontend Developer", NULL, "junior" },
  { "jr-dot", "Jr. Data Analyst", NULL, "junior" },
  { "entry-level", "Entry Level Accountant", NULL, "junior" },
  { "graduate", "Graduate Software Engineer", NULL, "junior" },
  { "trainee", "Trainee Vertrieb (m/w/d)", NULL, "junior" },
  { "berufseinsteiger", "Berufseinsteiger Steuerberatung (m/w/d)", NULL, "junior" },
  { "mid-level", "Mid-Level Backend Engineer", NULL, "mid" },
  { "senior", "Senior Software Engineer", NULL, "senior" },
  { "sr-dot", "Sr. Product Designer", NULL, "senior" },
  { "sr-no-dot", "Sr Data Scientist", NULL, "senior" },
  { "senior-german", "Senior Softwareentwickler (m/w/d) Java", NULL, "senior" },
  { "senior-product-manager-is-senior", "Senior Product Manager", NULL, "senior" },
  { "lead", "Lead Engineer, Payments", NULL, "lead" },
  { "tech-lead", "Tech Lead - Platform", NULL, "lead" },
  { "teamleiter", "Teamleiter Kundenservice (m/w/d)", NULL, "lead" },
  { "group-leader", "HPC Storage Systems Group Leader - Berkeley Lab", NULL, "lead" },
  { "lead-generation-is-not-lead", "Lead Generation Specialist", NULL, NULL },
  { "staff", "Staff Software Engineer", NULL, "principal" },
  { "principal", "Principal Data Scientist", NULL, "principal" },
  { "staff-accountant-is-not-principal", "Staff Accountant", NULL, NULL },
  { "engineering-manager", "Engineering Manager", NULL, "manager" },
  { "senior-engineering-manager", "Senior Engineering Manager, Infrastructure", NULL, "manager" },
  { "product-manager-is-no-people-manager", "Product Manager", NULL, NULL },
  { "head-of", "Head of Engineering", NULL, "director" },
  { "vp", "VP of Sales", NULL, "director" },
  { "director", "Director, Product Design", NULL, "director" },
  { "leiter-german", "Leiter Finanzen (m/w/d)", NULL, "director" },
  { "geschaeftsfuehrer", "Gesch\xc3\xa4" "ftsf\xc3\xbc" "hrer (m/w/d)", NULL, "director" },
  { "description-years-senior", "Backend Engineer", "You have 6+ years of experience with distributed systems.", "senior" },
  { "description-years-mid", "Backend Engineer", "3-5 years of professional experience.", "mid" },
  { "description-years-german", "Entwickler (m/w/d)", "Mindestens 1 Jahr Erfahrung, besser 2 Jahre Berufserfahrung.", "mid" },
  { "description-entry-level", "Analyst", "This is an entry-level role.", "junior" },
  { "title-wins-over-description", "Junior Designer", "10+ years of experience welcome", "junior" },
  { "no-guess", "Software Engineer", "Build things with us.", NULL },
  { "years-without-experience-ignored", "Accountant", "We have been around for 25 years.", NULL },
};

static void
test_seniority_case (gconstpointer data)
{
  const SeniorityCase *c = data;
  g_assert_cmpstr (scraper_seniority_classify (c->title, c->description), ==, c->seniority);
}

/* ---- skills ------------------------------------------------------------ */

typedef struct {
  const char *name;
  const char *title;
  const char *text;
  const char *present;  /* '|'-separated */
  const char *absent;
} SkillsCase;

static const SkillsCase skills_cases[] = {
  { "aliases-canonical", "Backend Engineer",
    "We run Postgres on k8s, with a JS front end and Golang services.",
    "PostgreSQL|Kubernetes|JavaScript|Go", NULL },
  { "punctuated-names", NULL,
    "Skills: C++, C#, .NET, Node.js, Vue.js, CI/CD and React.",
    "C++|C#|.NET|Node.js|Vue.js|CI/CD|React", "C|JavaScript" },
  { "english-go-is-not-golang", "Account Executive",
    "Go the extra mile! Let's go. We go to conferences. Go to our site and apply with Python skills.",
    NULL, "Go" },
  { "go-in-a-list", NULL, "Experience with Go, Rust or Python.", "Go|Rust|Python", NULL },
  { "go-in-title", "Senior Go Developer", NULL, "Go", NULL },
  { "go-to-market-is-not-go", "Go-to-Market Lead", "Own our go-to-market plan.", NULL, "Go" },
  { "r-in-a-list", NULL, "Statistics in R, SQL and Python.", "R|SQL|Python|Statistics", NULL },
  { "r-and-d-is-not-r", NULL, "Join our R&D team working on Python tooling.", "Python", "R" },
  { "r-as-a-letter", NULL, "Plan R. Smith will meet you. Choose option R, or Python.", "Python", "R" },
  { "c-level-is-not-c", NULL, "Report to C-level executives; Python a plus.", "Python", "C" },
  { "series-c-is-not-c", NULL, "We closed our Series C, and we use Java, Kotlin.", "Java|Kotlin", "C" },
  { "c-in-a-list", NULL, "Embedded C, C++ and Rust on Linux.", "C|C++|Rust|Linux", NULL },
  { "non-tech-skills", "Marketing Manager",
    "Own SEO, content marketing and email marketing in HubSpot and Salesforce; strong project management.",
    "SEO|Content Marketing|Email Marketing|HubSpot|Salesforce|Project Management", NULL },
  { "case-rules-swift-rust", NULL,
    "We move at a swift pace; no rust on our skills. Excel at communication.",
    NULL, "Swift|Rust|Excel" },
  { "case-rules-swift-capital", "iOS Engineer", "Swift and SwiftUI on iOS.", "Swift|SwiftUI|iOS", NULL },
  { "word-boundaries", NULL, "Reactive mindset, gitter chat, javanese food.", NULL, "React|Git|Java" },
  { "german-text", "Softwareentwickler (m/w/d)", "Du hast Erfahrung mit TypeScript, Angular und Docker.",
    "TypeScript|Angular|Docker", NULL },
};

static gboolean
strv_has (GStrv strv,
          const char *str)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, str);
}

static void
test_skills_case (gconstpointer data)
{
  const SkillsCase *c = data;
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  g_auto(GStrv) skills = scraper_enricher_extract_skills (enricher, c->title, c->text);
  g_auto(GStrv) present = c->present ? g_strsplit (c->present, "|", -1) : NULL;
  g_auto(GStrv) absent = c->absent ? g_strsplit (c->absent, "|", -1) : NULL;
  g_autofree char *got = skills ? g_strjoinv (", ", skills) : g_strdup ("(none)");

  g_test_message ("found: %s", got);
  for (guint i = 0; present && present[i]; i++)
    if (!strv_has (skills, present[i]))
      g_error ("%s not found in %s", present[i], got);
  for (guint i = 0; absent && absent[i]; i++)
    if (strv_has (skills, absent[i]))
      g_error ("%s wrongly found in %s", absent[i], got);
  if (present == NULL && absent != NULL)
    for (guint i = 0; absent[i]; i++)
      g_assert_false (strv_has (skills, absent[i]));
}

static void
test_skills_dictionary_order_and_dedup (void)
{
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  g_auto(GStrv) skills = scraper_enricher_extract_skills (enricher, "Kubernetes Engineer",
                                                          "k8s, K8s, kubernetes and Python, python");
  g_assert_nonnull (skills);
  g_assert_cmpuint (g_strv_length (skills), ==, 2);
  g_assert_cmpstr (skills[0], ==, "Python");
  g_assert_cmpstr (skills[1], ==, "Kubernetes");

  g_assert_null (scraper_enricher_extract_skills (enricher, NULL, NULL));
  g_assert_null (scraper_enricher_extract_skills (enricher, "Barista", "Make great coffee."));
}

/* ---- relevance --------------------------------------------------------- */

static ScraperPosting *
make_posting (const char *title,
              const char *description)
{
  ScraperPosting *p = scraper_posting_new ();
  p->title = g_strdup (title);
  p->description_text = g_strdup (description);
  return p;
}

static void
test_relevance_ordering (void)
{
  const char *keywords[] = { "Rust", "GNOME", NULL };
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (keywords);
  g_autoptr(ScraperPosting) in_title = make_posting ("Rust Engineer", "Build a desktop app.");
  g_autoptr(ScraperPosting) in_both = make_posting ("Rust Engineer, GNOME", "Rust and GNOME all day; more Rust, more GNOME.");
  g_autoptr(ScraperPosting) in_text = make_posting ("Software Engineer", "You will write Rust, Rust and more Rust.");
  g_autoptr(ScraperPosting) nowhere = make_posting ("Accountant", "Spreadsheets, trusted by many.");
  double t, b, d, n;

  t = scraper_enricher_relevance (enricher, in_title);
  b = scraper_enricher_relevance (enricher, in_both);
  d = scraper_enricher_relevance (enricher, in_text);
  n = scraper_enricher_relevance (enricher, nowhere);

  g_test_message ("both %.3f title %.3f text %.3f none %.3f", b, t, d, n);
  g_assert_cmpfloat (b, >, t);
  g_assert_cmpfloat (t, >, d);
  g_assert_cmpfloat (d, >, n);
  g_assert_cmpfloat (n, ==, 0);
  g_assert_cmpfloat (b, <=, 1);
  g_assert_cmpfloat (b, ==, 1);  /* every keyword in the title and repeated in the text */
}

static void
test_relevance_no_keywords_nan (void)
{
  const char *empty[] = { "", "  ", NULL };
  g_autoptr(ScraperEnricher) none = scraper_enricher_new (NULL);
  g_autoptr(ScraperEnricher) blank = scraper_enricher_new (empty);
  g_autoptr(ScraperPosting) p = make_posting ("Rust Engineer", "Rust");

  g_assert_true (isnan (scraper_enricher_relevance (none, p)));
  g_assert_true (isnan (scraper_enricher_relevance (blank, p)));
  g_assert_false (scraper_enricher_enrich (none, p) & SCRAPER_ENRICH_RELEVANCE);
  g_assert_true (isnan (p->relevance));
}

static void
test_relevance_phrase_keyword (void)
{
  const char *keywords[] = { "data engineer", "C++", NULL };
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (keywords);
  g_autoptr(ScraperPosting) match = make_posting ("Senior Data Engineer", "C++ and SQL");
  g_autoptr(ScraperPosting) split = make_posting ("Data Scientist", "an engineer who knows C");

  g_assert_cmpfloat (scraper_enricher_relevance (enricher, match), >,
                     scraper_enricher_relevance (enricher, split));
  g_assert_cmpfloat (scraper_enricher_relevance (enricher, split), ==, 0);
}

/* ---- the enricher ------------------------------------------------------ */

static void
test_enrich_fills_derived_fields (void)
{
  const char *keywords[] = { "python", NULL };
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (keywords);
  g_autoptr(ScraperPosting) p = make_posting ("Senior Python Developer (Remote)",
                                              "Salary $120,000 - $140,000 a year. Django, Postgres.");
  ScraperEnrichFlags flags;

  flags = scraper_enricher_enrich (enricher, p);
  g_assert_cmpint (flags, ==, SCRAPER_ENRICH_SALARY | SCRAPER_ENRICH_REMOTE | SCRAPER_ENRICH_SENIORITY |
                              SCRAPER_ENRICH_SKILLS | SCRAPER_ENRICH_RELEVANCE);
  g_assert_cmpfloat (p->salary_min, ==, 120000);
  g_assert_cmpfloat (p->salary_max, ==, 140000);
  g_assert_cmpstr (p->salary_currency, ==, "USD");
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_YEAR);
  g_assert_cmpfloat (p->annual_min, ==, 120000);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_REMOTE);
  g_assert_cmpstr (p->seniority, ==, "senior");
  g_assert_true (strv_has (p->skills, "Python"));
  g_assert_true (strv_has (p->skills, "Django"));
  g_assert_true (strv_has (p->skills, "PostgreSQL"));
  g_assert_cmpfloat (p->relevance, >, 0.5);

  /* A second run changes nothing */
  g_assert_cmpint (scraper_enricher_enrich (enricher, p), ==, SCRAPER_ENRICH_NONE);
}

static void
test_enrich_hourly_annualized (void)
{
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  g_autoptr(ScraperPosting) p = make_posting ("Barista", "Pay: $18.00 - $20.00 per hour");

  g_assert_true (scraper_enricher_enrich (enricher, p) & SCRAPER_ENRICH_SALARY);
  g_assert_cmpint (p->salary_period, ==, SCRAPER_SALARY_PERIOD_HOUR);
  g_assert_cmpfloat (p->annual_min, ==, 18 * 2080);
  g_assert_cmpfloat (p->annual_max, ==, 20 * 2080);
}

static void
test_enrich_keeps_stated_salary (void)
{
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  g_autoptr(ScraperPosting) p = make_posting ("Engineer $200k", "Salary: \xe2\x82\xac" "50,000 - \xe2\x82\xac" "60,000");

  p->salary_min = 90000;
  p->salary_max = NAN;
  p->salary_currency = g_strdup ("GBP");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;

  g_assert_false (scraper_enricher_enrich (enricher, p) & SCRAPER_ENRICH_SALARY);
  g_assert_cmpfloat (p->salary_min, ==, 90000);
  g_assert_true (isnan (p->salary_max));
  g_assert_cmpstr (p->salary_currency, ==, "GBP");
}

static void
test_enrich_keeps_stated_remote (void)
{
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  g_autoptr(ScraperPosting) p = make_posting ("Engineer (Remote)", "Fully remote, work from home.");

  p->remote = SCRAPER_REMOTE_HYBRID;
  g_assert_false (scraper_enricher_enrich (enricher, p) & SCRAPER_ENRICH_REMOTE);
  g_assert_cmpint (p->remote, ==, SCRAPER_REMOTE_HYBRID);
}

static void
test_enrich_keeps_source_skills_and_seniority (void)
{
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  g_autoptr(ScraperPosting) p = make_posting ("Software Engineer", "We use Python and Docker.");
  const char *source_skills[] = { "python", "Leadership Coaching", NULL };

  p->skills = g_strdupv ((char **) source_skills);
  p->seniority = g_strdup ("mid");

  g_assert_cmpint (scraper_enricher_enrich (enricher, p), ==, SCRAPER_ENRICH_SKILLS);
  /* The source's list first and as written, the text's additions after */
  g_assert_cmpuint (g_strv_length (p->skills), ==, 3);
  g_assert_cmpstr (p->skills[0], ==, "python");
  g_assert_cmpstr (p->skills[1], ==, "Leadership Coaching");
  g_assert_cmpstr (p->skills[2], ==, "Docker");
  /* Nothing derived: the stated seniority stays */
  g_assert_cmpstr (p->seniority, ==, "mid");
}

static void
test_enrich_remotive_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "enrich",
                                                 "remotive_api_remote_jobs_trimmed_2026-07.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (NULL);
  JsonArray *jobs;
  static const struct { double min, max; ScraperRemoteKind remote; } want[] = {
    { 55000, 100000, SCRAPER_REMOTE_UNKNOWN },
    { 25000, 35000, SCRAPER_REMOTE_REMOTE },
    { 3000, 10000, SCRAPER_REMOTE_REMOTE },
    { NAN, NAN, SCRAPER_REMOTE_UNKNOWN },
  };

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  jobs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "jobs");
  g_assert_cmpuint (json_array_get_length (jobs), ==, G_N_ELEMENTS (want));

  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);
      g_autoptr(ScraperPosting) p = scraper_posting_new ();
      g_autofree char *text = NULL;

      p->title = g_strdup (json_object_get_string_member (job, "title"));
      p->locations = g_strsplit (json_object_get_string_member (job, "candidate_required_location"), "|", -1);
      /* The free-text salary field reaches the enricher as part of the text */
      text = g_strconcat (json_object_get_string_member (job, "salary"), "\n",
                          json_object_get_string_member (job, "description"), NULL);
      p->description_text = g_strdup (text);

      scraper_enricher_enrich (enricher, p);
      g_test_message ("%s: %g-%g %s", p->title, p->salary_min, p->salary_max,
                      scraper_remote_kind_to_string (p->remote));
      if (isnan (want[i].min))
        g_assert_false (scraper_posting_has_salary (p));
      else
        {
          g_assert_cmpfloat (p->salary_min, ==, want[i].min);
          g_assert_cmpfloat (p->salary_max, ==, want[i].max);
          g_assert_cmpstr (p->salary_currency, ==, "USD");
        }
      g_assert_cmpint (p->remote, ==, want[i].remote);
    }
}

/* ---- threads ----------------------------------------------------------- */

#define N_POSTINGS 10000
#define N_THREADS 4

static const char * const sample_titles[] = {
  "Senior Rust Engineer (Remote)", "Junior Frontend Developer - Hybrid", "Engineering Manager",
  "Werkstudent Data Analytics (m/w/d)", "Staff Software Engineer, Platform", "Head of Sales",
  "Lead Designer", "Accountant", "Go Developer", "Data Scientist (R/Python)",
};

static const char * const sample_texts[] = {
  "We use Postgres, k8s and Golang. $120k - $150k. Fully remote.",
  "React, TypeScript and Node.js. 60.000 - 75.000 EUR. 2 days in office.",
  "Lead a team of 8. 5+ years of experience. \xc2\xa3" "90k-\xc2\xa3" "110k. On-site in London.",
  "Python, SQL, Tableau. 15 \xe2\x82\xac/h. Homeoffice m\xc3\xb6glich.",
  "Distributed systems in C++ and Go, CI/CD. Series B $50M raised. Salary: $200,000 - $250,000 per year",
  "Salesforce, HubSpot, negotiation. OTE $150k. Not remote.",
  "Figma, user research, prototyping. Competitive salary.",
  "Bookkeeping, payroll, Excel. From $50,000 a year.",
  "Go, Kubernetes, gRPC. up to 140k.",
  "Statistics in R, SQL and Python. $67K-$136K",
};

typedef struct {
  ScraperEnricher  *enricher;
  ScraperPosting  **postings;
  guint             begin;
  guint             end;
} Slice;

static ScraperPosting *
sample_posting (guint i)
{
  g_autofree char *text = g_strdup_printf ("%s (posting %u)", sample_texts[i % G_N_ELEMENTS (sample_texts)], i);
  return make_posting (sample_titles[(i / 3) % G_N_ELEMENTS (sample_titles)], text);
}

static gpointer
enrich_slice (gpointer data)
{
  Slice *slice = data;
  for (guint i = slice->begin; i < slice->end; i++)
    scraper_enricher_enrich (slice->enricher, slice->postings[i]);
  return NULL;
}

static gboolean
same_posting (const ScraperPosting *a,
              const ScraperPosting *b)
{
  gboolean same_salary = (isnan (a->salary_min) ? isnan (b->salary_min) : a->salary_min == b->salary_min) &&
                         (isnan (a->salary_max) ? isnan (b->salary_max) : a->salary_max == b->salary_max);
  g_autofree char *sa = a->skills ? g_strjoinv ("|", a->skills) : NULL;
  g_autofree char *sb = b->skills ? g_strjoinv ("|", b->skills) : NULL;

  return same_salary && g_strcmp0 (a->salary_currency, b->salary_currency) == 0 &&
         a->salary_period == b->salary_period && a->remote == b->remote &&
         g_strcmp0 (a->seniority, b->seniority) == 0 && g_strcmp0 (sa, sb) == 0 &&
         a->relevance == b->relevance;
}

static void
test_threads_shared_enricher (void)
{
  const char *keywords[] = { "rust", "python", "remote", NULL };
  g_autoptr(ScraperEnricher) enricher = scraper_enricher_new (keywords);
  ScraperPosting **serial = g_new0 (ScraperPosting *, N_POSTINGS);
  ScraperPosting **parallel = g_new0 (ScraperPosting *, N_POSTINGS);
  GThread *threads[N_THREADS];
  Slice slices[N_THREADS];
  guint with_salary = 0;

  for (guint i = 0; i < N_POSTINGS; i++)
    {
      serial[i] = sample_posting (i);
      parallel[i] = sample_posting (i);
      scraper_enricher_enrich (enricher, serial[i]);
      if (scraper_posting_has_salary (serial[i]))
        with_salary++;
    }

  for (guint t = 0; t < N_THREADS; t++)
    {
      slices[t].enricher = enricher;
      slices[t].postings = parallel;
      slices[t].begin = t * N_POSTINGS / N_THREADS;
      slices[t].end = (t + 1) * N_POSTINGS / N_THREADS;
      threads[t] = g_thread_new ("enrich", enrich_slice, &slices[t]);
    }
  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < N_POSTINGS; i++)
    if (!same_posting (serial[i], parallel[i]))
      g_error ("posting %u differs between the serial and the threaded run", i);

  /* The samples are meant to exercise every part */
  g_assert_cmpuint (with_salary, ==, N_POSTINGS / 10 * 9);

  for (guint i = 0; i < N_POSTINGS; i++)
    {
      scraper_posting_unref (serial[i]);
      scraper_posting_unref (parallel[i]);
    }
  g_free (serial);
  g_free (parallel);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (salary_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/enrich/salary/parse/%s", salary_cases[i].name);
      g_test_add_data_func (path, &salary_cases[i], test_salary_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (salary_rejects); i++)
    {
      g_autofree char *path = g_strdup_printf ("/enrich/salary/reject/%s", salary_rejects[i].name);
      g_test_add_data_func (path, salary_rejects[i].text, test_salary_reject);
    }
  g_test_add_func ("/enrich/salary/null-outs", test_salary_null_outs);
  g_test_add_func ("/enrich/salary/ashby-derived-table", test_salary_ashby_table);

  for (guint i = 0; i < G_N_ELEMENTS (remote_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/enrich/remote/%s", remote_cases[i].name);
      g_test_add_data_func (path, &remote_cases[i], test_remote_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (seniority_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/enrich/seniority/%s", seniority_cases[i].name);
      g_test_add_data_func (path, &seniority_cases[i], test_seniority_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (skills_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/enrich/skills/%s", skills_cases[i].name);
      g_test_add_data_func (path, &skills_cases[i], test_skills_case);
    }
  g_test_add_func ("/enrich/skills/dictionary-order-and-dedup", test_skills_dictionary_order_and_dedup);

  g_test_add_func ("/enrich/relevance/title-above-description-above-nothing", test_relevance_ordering);
  g_test_add_func ("/enrich/relevance/no-keywords-leaves-nan", test_relevance_no_keywords_nan);
  g_test_add_func ("/enrich/relevance/phrase-keyword", test_relevance_phrase_keyword);

  g_test_add_func ("/enrich/enricher/fills-derived-fields", test_enrich_fills_derived_fields);
  g_test_add_func ("/enrich/enricher/hourly-annualized", test_enrich_hourly_annualized);
  g_test_add_func ("/enrich/enricher/keeps-stated-salary", test_enrich_keeps_stated_salary);
  g_test_add_func ("/enrich/enricher/keeps-stated-remote", test_enrich_keeps_stated_remote);
  g_test_add_func ("/enrich/enricher/keeps-source-skills-and-seniority", test_enrich_keeps_source_skills_and_seniority);
  g_test_add_func ("/enrich/enricher/remotive-corpus", test_enrich_remotive_corpus);
  g_test_add_func ("/enrich/threads/shared-enricher-4x10k", test_threads_shared_enricher);

  return g_test_run ();
}
