/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-salary"

#include "config.h"

#include <math.h>
#include <string.h>

#include "scraper-enrich.h"
#include "scraper-enrich-private.h"

/* A free-text salary parser for what real postings say.  It scans for
 * amounts, joins "A - B" ranges, reads the currency around them and the
 * period after (or just before) them, and accepts the first candidate that
 * looks like pay: it names a currency, or uses "k" in a range or next to a
 * salary word.  Everything is byte-based UTF-8 and locale independent. */

typedef struct {
  const char *iso;
  double      per_usd;  /* order of magnitude only: scales plausibility bounds */
} Currency;

static const Currency currencies[] = {
  { "USD", 1 }, { "EUR", 1 }, { "GBP", 1 }, { "CHF", 1 },
  { "CAD", 1.4 }, { "AUD", 1.5 }, { "NZD", 1.7 }, { "SGD", 1.35 },
  { "HKD", 7.8 }, { "JPY", 150 }, { "INR", 85 }, { "CNY", 7.2 },
  { "SEK", 10.5 }, { "NOK", 10.5 }, { "DKK", 7 }, { "PLN", 4 },
  { "CZK", 23 }, { "HUF", 360 }, { "RON", 4.6 }, { "BRL", 5.5 },
  { "MXN", 18 }, { "ZAR", 18 }, { "MYR", 4.5 }, { "SAR", 3.75 },
  { "AED", 3.7 }, { "PHP", 57 }, { "KRW", 1350 }, { "TRY", 33 },
  { "ILS", 3.7 },
};

static const Currency *
currency_lookup (const char *code,
                 gsize       len)
{
  if (len != 3)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strncasecmp (code, currencies[i].iso, 3) == 0)
      return &currencies[i];
  return NULL;
}

static double
currency_scale (const char *iso)
{
  const Currency *c = iso ? currency_lookup (iso, strlen (iso)) : NULL;
  return c ? c->per_usd : 1;
}

/* Horizontal space, including NBSP, narrow NBSP and thin space.  Returns
 * the byte length of the space at @p, or 0. */
static int
space_len (const char *p)
{
  const guchar *u = (const guchar *) p;

  if (*u == ' ' || *u == '\t')
    return 1;
  if (u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89 || u[2] == 0x8A))
    return 3;
  return 0;
}

static const char *
skip_space (const char *p)
{
  int n;
  while ((n = space_len (p)) > 0)
    p += n;
  return p;
}

/* Steps back over horizontal space ending just before @p (not before
 * @start). */
static const char *
skip_space_back (const char *start,
                 const char *p)
{
  for (;;)
    {
      if (p - start >= 1 && (p[-1] == ' ' || p[-1] == '\t'))
        p -= 1;
      else if (p - start >= 2 && (guchar) p[-2] == 0xC2 && (guchar) p[-1] == 0xA0)
        p -= 2;
      else if (p - start >= 3 && (guchar) p[-3] == 0xE2 && (guchar) p[-2] == 0x80 &&
               ((guchar) p[-1] == 0xAF || (guchar) p[-1] == 0x89 || (guchar) p[-1] == 0x8A))
        p -= 3;
      else
        return p;
    }
}

static gboolean
ends_with (const char *start,
           const char *end,
           const char *suffix)
{
  gsize n = strlen (suffix);
  return (gsize) (end - start) >= n && memcmp (end - n, suffix, n) == 0;
}

/* A currency written before an amount that starts at @p: "$", "CA$", "€",
 * "USD ", "SGD\u00a0"...  Sets *@cur_start to where it begins. */
static const char *
currency_before (const char  *text,
                 const char  *p,
                 const char **cur_start)
{
  const char *q = skip_space_back (text, p);

  *cur_start = p;

  if (q > text && q[-1] == '$')
    {
      static const struct { const char *prefix; const char *iso; } dollars[] = {
        { "CA", "CAD" }, { "C", "CAD" }, { "AU", "AUD" }, { "A", "AUD" },
        { "US", "USD" }, { "U", "USD" }, { "NZ", "NZD" }, { "R", "BRL" },
        { "SG", "SGD" }, { "S", "SGD" }, { "HK", "HKD" }, { "MX", "MXN" },
      };
      const char *d = q - 1;
      const char *l = d;

      while (l > text && g_ascii_isupper (l[-1]) && d - l < 3)
        l--;
      *cur_start = l;
      if (l < d && (l == text || !scraper_enrich_is_word_char (l[-1])))
        for (guint i = 0; i < G_N_ELEMENTS (dollars); i++)
          if ((gsize) (d - l) == strlen (dollars[i].prefix) &&
              memcmp (l, dollars[i].prefix, d - l) == 0)
            return dollars[i].iso;
      *cur_start = d;
      return "USD";
    }

  {
    static const struct { const char *sym; const char *iso; } symbols[] = {
      { "CN\xc2\xa5", "CNY" }, { "\xc2\xa5", "JPY" },  /* ¥ */
      { "\xe2\x82\xac", "EUR" },                       /* € */
      { "\xc2\xa3", "GBP" },                           /* £ */
      { "\xe2\x82\xb9", "INR" },                       /* ₹ */
      { "\xe2\x82\xb1", "PHP" },                       /* ₱ */
      { "\xe2\x82\xa9", "KRW" },                       /* ₩ */
      { "Rs.", "INR" }, { "Rs", "INR" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
      if (ends_with (text, q, symbols[i].sym))
        {
          *cur_start = q - strlen (symbols[i].sym);
          return symbols[i].iso;
        }
  }

  /* An ISO code as a word of capitals: "USD 120,000", "SGD 115K" */
  if (q - text >= 3 && g_ascii_isupper (q[-1]) && g_ascii_isupper (q[-2]) &&
      g_ascii_isupper (q[-3]) && (q - text == 3 || !scraper_enrich_is_word_char (q[-4])))
    {
      const Currency *c = currency_lookup (q - 3, 3);
      if (c != NULL)
        {
          *cur_start = q - 3;
          return c->iso;
        }
    }

  return NULL;
}

/* A currency written after an amount: "€", "$", " EUR", " Euro", "zł". */
static const char *
currency_after (const char  *p,
                const char **end)
{
  static const struct { const char *word; const char *iso; } words[] = {
    { "euros", "EUR" }, { "euro", "EUR" }, { "dollars", "USD" },
    { "pounds", "GBP" }, { "z\xc5\x82", "PLN" },
  };
  const char *q = skip_space (p);
  gsize n = 0;

  if (g_str_has_prefix (q, "\xe2\x82\xac"))
    {
      *end = q + 3;
      return "EUR";
    }
  if (g_str_has_prefix (q, "\xc2\xa3"))
    {
      *end = q + 2;
      return "GBP";
    }
  if (*q == '$')
    {
      *end = q + 1;
      return "USD";
    }

  while (g_ascii_isalpha (q[n]) || (guchar) q[n] >= 0x80)
    n++;
  if (n == 0)
    return NULL;

  {
    const Currency *c = currency_lookup (q, n);
    if (c != NULL)
      {
        *end = q + n;
        return c->iso;
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (n == strlen (words[i].word) && g_ascii_strncasecmp (q, words[i].word, n) == 0)
      {
        *end = q + n;
        return words[i].iso;
      }

  return NULL;
}

/* Parses "100,000", "60.000", "27.00", "1.234,56", "120'000", "53.3" at @p.
 * Rejects version-like numbers ("2.3.1").  Grouping separators are ',',
 * '.', '\'' and the non-breaking spaces. */
static gboolean
parse_number (const char  *p,
              const char **end,
              double      *value)
{
  const char *groups[12];
  int lens[12];
  char seps[12];
  int n = 0;
  const char *q = p;
  double v = 0;
  int dec = -1;  /* index of the group after a decimal separator */

  for (;;)
    {
      int sl;

      if (n == G_N_ELEMENTS (groups))
        return FALSE;
      groups[n] = q;
      while (g_ascii_isdigit (*q))
        q++;
      lens[n] = q - groups[n];
      n++;

      if (*q == ',' || *q == '.' || *q == '\'')
        sl = 1;
      else if ((sl = space_len (q)) > 1)
        ;  /* NBSP and friends group thousands; a plain space never does */
      else
        sl = 0;

      if (sl == 0 || !g_ascii_isdigit (q[sl]))
        break;
      seps[n - 1] = sl > 1 ? ' ' : *q;
      q += sl;
    }

  *end = q;

  if (n > 1)
    {
      char last = seps[n - 2];
      gboolean same = TRUE;

      for (int i = 0; i < n - 2; i++)
        if (seps[i] != last)
          same = FALSE;

      if ((last == ',' || last == '.') && !(lens[n - 1] == 3 && same))
        dec = n - 1;

      /* Every grouped part is three digits, the first one to three */
      if (lens[0] > 3 && dec != 1)
        return FALSE;
      for (int i = 1; i < n; i++)
        if (i != dec && lens[i] != 3)
          return FALSE;
      /* The decimal separator differs from the grouping one */
      for (int i = 0; dec > 0 && i < n - 2; i++)
        if (seps[i] == last)
          return FALSE;
    }

  for (int i = 0; i < n; i++)
    {
      if (i == dec)
        {
          double scale = 1;
          for (int j = 0; j < lens[i]; j++)
            {
              scale /= 10;
              v += (groups[i][j] - '0') * scale;
            }
        }
      else
        for (int j = 0; j < lens[i]; j++)
          v = v * 10 + (groups[i][j] - '0');
    }

  *value = v;
  return TRUE;
}

typedef struct {
  const char *start;     /* where the amount with its currency begins */
  const char *end;
  double      value;
  const char *currency;
  gboolean    kilo;
  gboolean    lakh;
  gboolean    huge;      /* millions or billions: funding, not pay */
  gboolean    plus;      /* "100k+" */
} Amount;

/* An ASCII letter or digit, or a Latin-1 letter (UTF-8 lead byte 0xC3);
 * "€" and "•" are not letters. */
static gboolean
is_letter_at (const char *p)
{
  return g_ascii_isalnum (*p) || (guchar) *p == 0xC3;
}

static gboolean
word_at (const char *p,
         const char *word)
{
  gsize n = strlen (word);
  return g_ascii_strncasecmp (p, word, n) == 0 && !scraper_enrich_is_word_char (p[n]);
}

static gboolean
parse_amount (const char *text,
              const char *p,
              Amount     *a)
{
  const char *q;

  memset (a, 0, sizeof *a);
  a->currency = currency_before (text, p, &a->start);

  if (!parse_number (p, &q, &a->value))
    return FALSE;

  /* A multiplier directly after the digits (or after one space) */
  {
    const char *m = (*q == ' ') ? q + 1 : q;

    if ((*m == 'k' || *m == 'K') && !is_letter_at (m + 1))
      {
        a->kilo = TRUE;
        q = m + 1;
      }
    else if (word_at (m, "lakh") || word_at (m, "lakhs") || word_at (m, "lpa") ||
             (*m == 'L' && !is_letter_at (m + 1)))
      {
        a->lakh = TRUE;
        q = m + (g_ascii_strncasecmp (m, "lakhs", 5) == 0 ? 5 :
                 g_ascii_strncasecmp (m, "lakh", 4) == 0 ? 4 :
                 g_ascii_strncasecmp (m, "lpa", 3) == 0 ? 1 : 1);
      }
    else if (word_at (m, "m") || word_at (m, "mm") || word_at (m, "mn") ||
             word_at (m, "mio") || word_at (m, "million") || word_at (m, "millions") ||
             word_at (m, "millionen") || word_at (m, "b") || word_at (m, "bn") ||
             word_at (m, "billion") || word_at (m, "mrd") || word_at (m, "milliarden"))
      a->huge = TRUE;
  }

  if (a->currency == NULL)
    {
      const char *cend;
      const char *cur = currency_after (q, &cend);
      if (cur != NULL)
        {
          a->currency = cur;
          q = cend;
        }
    }

  if (*q == '+')
    {
      a->plus = TRUE;
      q++;
    }

  /* Lakhs are Indian */
  if (a->lakh && a->currency == NULL)
    a->currency = "INR";

  if (a->kilo)
    a->value *= 1000;
  else if (a->lakh)
    a->value *= 100000;

  a->end = q;
  return TRUE;
}

/* The separator of a range after @p: "-", "–", "—", "~", "to", "bis",
 * "and" (after "between").  Returns where the second amount may begin. */
static const char *
range_separator (const char *text,
                 const char *p,
                 const char *range_start)
{
  const char *q = skip_space (p);

  if (*q == '-' || *q == '~')
    return skip_space (q + 1);
  if (g_str_has_prefix (q, "\xe2\x80\x93") || g_str_has_prefix (q, "\xe2\x80\x94"))
    return skip_space (q + 3);
  if (word_at (q, "to") || word_at (q, "bis"))
    return skip_space (q + (q[0] == 't' || q[0] == 'T' ? 2 : 3));
  if (word_at (q, "and") || word_at (q, "und"))
    {
      g_autofree char *before = g_ascii_strdown (MAX (text, range_start - 20),
                                                 range_start - MAX (text, range_start - 20));
      if (strstr (before, "between") || strstr (before, "zwischen"))
        return skip_space (q + 3);
    }
  return NULL;
}

/* The first word after @p, skipping fillers ("a", "per", "/", "brutto"),
 * read as a pay period. */
static ScraperSalaryPeriod
period_after (const char  *p,
              const char **period_end)
{
  static const char * const fillers[] = {
    "a", "an", "per", "pro", "im", "each", "every", "brutto", "gross", "netto", "net",
    "base", "salary", "in", "the", "fixed", "total", "ote", "plus", NULL,
  };
  static const struct { const char *word; ScraperSalaryPeriod period; } words[] = {
    { "year", SCRAPER_SALARY_PERIOD_YEAR }, { "years", SCRAPER_SALARY_PERIOD_YEAR },
    { "yearly", SCRAPER_SALARY_PERIOD_YEAR }, { "annum", SCRAPER_SALARY_PERIOD_YEAR },
    { "annual", SCRAPER_SALARY_PERIOD_YEAR }, { "annually", SCRAPER_SALARY_PERIOD_YEAR },
    { "yr", SCRAPER_SALARY_PERIOD_YEAR }, { "pa", SCRAPER_SALARY_PERIOD_YEAR },
    { "y", SCRAPER_SALARY_PERIOD_YEAR }, { "lpa", SCRAPER_SALARY_PERIOD_YEAR },
    { "j\xc3\xa4hrlich", SCRAPER_SALARY_PERIOD_YEAR }, { "jahr", SCRAPER_SALARY_PERIOD_YEAR },
    { "jahresgehalt", SCRAPER_SALARY_PERIOD_YEAR },
    { "month", SCRAPER_SALARY_PERIOD_MONTH }, { "months", SCRAPER_SALARY_PERIOD_MONTH },
    { "monthly", SCRAPER_SALARY_PERIOD_MONTH }, { "mo", SCRAPER_SALARY_PERIOD_MONTH },
    { "mth", SCRAPER_SALARY_PERIOD_MONTH }, { "monatlich", SCRAPER_SALARY_PERIOD_MONTH },
    { "monat", SCRAPER_SALARY_PERIOD_MONTH }, { "mtl", SCRAPER_SALARY_PERIOD_MONTH },
    { "monatsgehalt", SCRAPER_SALARY_PERIOD_MONTH },
    { "week", SCRAPER_SALARY_PERIOD_WEEK }, { "weekly", SCRAPER_SALARY_PERIOD_WEEK },
    { "wk", SCRAPER_SALARY_PERIOD_WEEK }, { "woche", SCRAPER_SALARY_PERIOD_WEEK },
    { "w\xc3\xb6" "chentlich", SCRAPER_SALARY_PERIOD_WEEK },
    { "day", SCRAPER_SALARY_PERIOD_DAY }, { "daily", SCRAPER_SALARY_PERIOD_DAY },
    { "tag", SCRAPER_SALARY_PERIOD_DAY }, { "t\xc3\xa4glich", SCRAPER_SALARY_PERIOD_DAY },
    { "d", SCRAPER_SALARY_PERIOD_DAY },
    { "hour", SCRAPER_SALARY_PERIOD_HOUR }, { "hourly", SCRAPER_SALARY_PERIOD_HOUR },
    { "hr", SCRAPER_SALARY_PERIOD_HOUR }, { "hrs", SCRAPER_SALARY_PERIOD_HOUR },
    { "h", SCRAPER_SALARY_PERIOD_HOUR }, { "stunde", SCRAPER_SALARY_PERIOD_HOUR },
    { "std", SCRAPER_SALARY_PERIOD_HOUR }, { "st\xc3\xbc" "ndlich", SCRAPER_SALARY_PERIOD_HOUR },
  };
  const char *q = p;

  for (int step = 0; step < 5; step++)
    {
      gsize n = 0;

      q = skip_space (q);
      if (*q == '/')
        {
          q++;
          continue;
        }
      if (g_ascii_strncasecmp (q, "p.a.", 4) == 0 || g_ascii_strncasecmp (q, "p. a.", 5) == 0)
        {
          if (period_end)
            *period_end = q + (q[2] == ' ' ? 5 : 4);
          return SCRAPER_SALARY_PERIOD_YEAR;
        }

      while (scraper_enrich_is_word_char (q[n]))
        n++;
      if (n == 0)
        return SCRAPER_SALARY_PERIOD_UNKNOWN;

      /* "d", "h", "y" only right after a slash: "€500/d" */
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (n == strlen (words[i].word) && g_ascii_strncasecmp (q, words[i].word, n) == 0)
          {
            if (n == 1 && (q == p || q[-1] != '/'))
              return SCRAPER_SALARY_PERIOD_UNKNOWN;
            if (period_end)
              *period_end = q + n;
            return words[i].period;
          }

      {
        gboolean filler = FALSE;
        for (guint i = 0; fillers[i] != NULL; i++)
          if (n == strlen (fillers[i]) && g_ascii_strncasecmp (q, fillers[i], n) == 0)
            filler = TRUE;
        if (!filler)
          return SCRAPER_SALARY_PERIOD_UNKNOWN;
      }
      q += n;
    }

  return SCRAPER_SALARY_PERIOD_UNKNOWN;
}

/* A period named shortly before the amount: "Hourly rate: $30". */
static ScraperSalaryPeriod
period_before (const char *lower_before)
{
  static const struct { const char *word; ScraperSalaryPeriod period; } words[] = {
    { "hourly", SCRAPER_SALARY_PERIOD_HOUR }, { "per hour", SCRAPER_SALARY_PERIOD_HOUR },
    { "stundenlohn", SCRAPER_SALARY_PERIOD_HOUR }, { "day rate", SCRAPER_SALARY_PERIOD_DAY },
    { "daily rate", SCRAPER_SALARY_PERIOD_DAY }, { "tagessatz", SCRAPER_SALARY_PERIOD_DAY },
    { "weekly", SCRAPER_SALARY_PERIOD_WEEK }, { "monthly", SCRAPER_SALARY_PERIOD_MONTH },
    { "monatsgehalt", SCRAPER_SALARY_PERIOD_MONTH }, { "monatlich", SCRAPER_SALARY_PERIOD_MONTH },
    { "annual", SCRAPER_SALARY_PERIOD_YEAR }, { "yearly", SCRAPER_SALARY_PERIOD_YEAR },
    { "jahresgehalt", SCRAPER_SALARY_PERIOD_YEAR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower_before, words[i].word) != NULL)
      return words[i].period;
  return SCRAPER_SALARY_PERIOD_UNKNOWN;
}

static gboolean
ends_with_word (const char *lower,
                const char *word)
{
  gsize n = strlen (lower), m = strlen (word);

  if (n < m || strcmp (lower + n - m, word) != 0)
    return FALSE;
  return n == m || !scraper_enrich_is_word_char (lower[n - m - 1]);
}

/* Words right after an amount that make it something other than pay. */
static gboolean
not_pay_after (const char *p)
{
  static const char * const words[] = {
    "bonus", "bonuses", "stipend", "budget", "allowance", "equity", "commission",
    "signing", "sign-on", "relocation", "raised", "funding", "revenue", "arr",
    "valuation", "grant", "users", "customers", "clients", "employees", "people",
    "downloads", "members", "followers", "stars", "requests", "companies",
    "learning", "housing", "training", "gift", "home", "per employee", "referral",
    "in funding", "in revenue", "investment", "travel", "student", "loan", "loans", "debt",
    "credit", "reimbursement", "benefit", "wellbeing", "wellness", "education", NULL,
  };
  const char *q = p;
  const char *period_end;

  /* "€5,000 p.a. travel allowance": look past the period */
  if (period_after (p, &period_end) != SCRAPER_SALARY_PERIOD_UNKNOWN)
    q = period_end;

  /* The next two words only; a bullet or other punctuation ends the look */
  for (int step = 0; step < 2; step++)
    {
      gsize n = 0;

      q = skip_space (q);
      while (scraper_enrich_is_word_char (q[n]) || q[n] == '-')
        n++;
      if (n == 0)
        return FALSE;
      for (guint i = 0; words[i] != NULL; i++)
        if (n == strlen (words[i]) && g_ascii_strncasecmp (q, words[i], n) == 0)
          return TRUE;
      q += n;
    }
  return FALSE;
}

static gboolean
not_pay_before (const char *lower_before)
{
  static const char * const words[] = {
    "raised", "raising", "funding", "funded", "revenue", "valued at", "valuation",
    "bonus of", "budget of", "stipend of", "allowance of", "worth", "series a",
    "series b", "series c", "seed", "grant of", "arr", "budget", "stipend", "benefit",
    "benefit of", "reimbursement", "allowance", "debt", "loan", "loans", NULL,
  };
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *hit = scraper_enrich_find_word (lower_before, words[i]);
      if (hit != NULL && strlen (hit) <= strlen (words[i]) + 12)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  double              min;
  double              max;
  const char         *currency;
  ScraperSalaryPeriod period;
} Salary;

/* Tries the amount at @p.  Sets *@next to where scanning goes on. */
static gboolean
try_candidate (const char  *text,
               const char  *p,
               Salary      *out,
               const char **next)
{
  Amount a, b = { 0 };
  gboolean range = FALSE;
  gboolean from = FALSE, up_to = FALSE, context = FALSE;
  const char *end;
  const char *currency;
  g_autofree char *before = NULL;
  const char *before_start;
  double lo, hi, scale, per_year;
  ScraperSalaryPeriod period;

  if (!parse_amount (text, p, &a))
    {
      const char *q = p;
      while (g_ascii_isdigit (*q) || *q == '.' || *q == ',')
        q++;
      *next = q;
      return FALSE;
    }
  *next = a.end > p ? a.end : p + 1;
  end = a.end;

  {
    const char *second = a.plus ? NULL : range_separator (text, a.end, a.start);
    const char *digit;
    const char *period_end;

    /* "$20 per hour - $25 per hour" */
    if (second == NULL && !a.plus &&
        period_after (a.end, &period_end) != SCRAPER_SALARY_PERIOD_UNKNOWN)
      second = range_separator (text, period_end, a.start);
    digit = second;

    /* The second amount may carry its own currency prefix */
    if (digit != NULL)
      for (int i = 0; i < 8 && *digit != '\0' && !g_ascii_isdigit (*digit); i++)
        digit++;
    if (digit != NULL && g_ascii_isdigit (*digit) && parse_amount (text, digit, &b) &&
        (digit == second || b.start <= second))
      {
        range = TRUE;
        end = b.end;
      }
  }

  if (a.huge || (range && b.huge))
    return FALSE;

  currency = a.currency;
  if (range)
    {
      if (currency == NULL)
        currency = b.currency;
      else if (b.currency != NULL && strcmp (b.currency, currency) != 0)
        {
          range = FALSE;
          end = a.end;
        }
    }

  /* "60-80k": the multiplier of the second amount applies to the first */
  if (range && !a.kilo && !a.lakh && a.value < 1000)
    {
      if (b.kilo)
        a.value *= 1000;
      else if (b.lakh)
        a.value *= 100000;
    }

  before_start = MAX (text, a.start - 40);
  before = g_ascii_strdown (before_start, a.start - before_start);
  g_strchomp (before);

  if (ends_with_word (before, "from") || ends_with_word (before, "starting at") ||
      ends_with_word (before, "ab") || ends_with_word (before, "at least") ||
      ends_with_word (before, "minimum") || ends_with_word (before, "min.") ||
      ends_with_word (before, "mindestens"))
    from = TRUE;
  else if (ends_with_word (before, "up to") || ends_with_word (before, "bis zu") ||
           ends_with_word (before, "max.") || ends_with_word (before, "maximum") ||
           ends_with_word (before, "max") || ends_with_word (before, "bis"))
    up_to = TRUE;

  {
    static const char * const salary_words[] = {
      "salary", "salaries", "gehalt", "compensation", "pay", "vergütung", "wage",
      "ote", "base", "rate", "verdienst", "income", "einkommen", NULL,
    };
    context = from || up_to || scraper_enrich_has_any (before, salary_words);
  }

  /* Pay names a currency, or is a "k" range, or sits next to a pay word */
  if (currency == NULL)
    {
      gboolean k = a.kilo || (range && b.kilo);
      double big = range ? MAX (a.value, b.value) : a.value;

      if (!(k && (range || context)) && !(context && range && big >= 1000))
        return FALSE;
      /* "401k" is a retirement plan */
      if (!range && a.kilo && (a.value == 401000 || a.value == 403000))
        return FALSE;
    }

  if (not_pay_before (before) || not_pay_after (end))
    return FALSE;

  period = period_after (end, NULL);
  if (period == SCRAPER_SALARY_PERIOD_UNKNOWN && range)
    period = period_after (a.end, NULL);
  if (period == SCRAPER_SALARY_PERIOD_UNKNOWN)
    period = period_before (before);

  if (range)
    {
      lo = MIN (a.value, b.value);
      hi = MAX (a.value, b.value);
    }
  else if (from || a.plus)
    {
      lo = a.value;
      hi = NAN;
    }
  else if (up_to)
    {
      lo = NAN;
      hi = a.value;
    }
  else
    lo = hi = a.value;

  if (lo == 0)
    lo = NAN;

  /* Plausibility, in rough USD terms per year */
  scale = currency_scale (currency);
  {
    double top = !isnan (hi) ? hi : lo;

    if (isnan (top))
      return FALSE;
    if (period == SCRAPER_SALARY_PERIOD_UNKNOWN && top >= 10000)
      period = SCRAPER_SALARY_PERIOD_YEAR;

    per_year = scraper_salary_period_per_year (period);
    if (isnan (per_year))
      per_year = top >= 1000 * scale ? 1 : NAN;
    if (isnan (per_year) || top * per_year < 1000 * scale || top * per_year > 5e6 * scale)
      return FALSE;
    /* "$0 – $500K", "CA$30.00 – CA$450,000.00": a token lower bound */
    if (!isnan (lo) && lo * per_year < 1000 * scale)
      lo = NAN;
  }

  out->min = isnan (lo) ? NAN : round (lo * 100) / 100;
  out->max = isnan (hi) ? NAN : round (hi * 100) / 100;
  out->currency = currency;
  out->period = period;
  *next = end;
  return TRUE;
}

static gboolean
code_before (const char *text,
             const char *p)
{
  return p - text >= 3 && g_ascii_isupper (p[-1]) && g_ascii_isupper (p[-2]) &&
         g_ascii_isupper (p[-3]) && (p - text == 3 || !scraper_enrich_is_word_char (p[-4])) &&
         currency_lookup (p - 3, 3) != NULL;
}

gboolean
scraper_salary_parse (const char          *text,
                      double              *min,
                      double              *max,
                      char               **currency,
                      ScraperSalaryPeriod *period)
{
  const char *p;

  if (text == NULL)
    return FALSE;

  for (p = text; *p != '\0';)
    {
      Salary s;
      const char *next;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }

      /* Inside a token: "v2", "B2B", "x86", "H1"; but "USD120,000" */
      if (p > text && ((g_ascii_isalpha (p[-1]) && !code_before (text, p)) || p[-1] == '_' ||
                       ((p[-1] == '.' || p[-1] == ',') && p - 1 > text && g_ascii_isdigit (p[-2]))))
        {
          while (g_ascii_isalnum (*p))
            p++;
          continue;
        }

      if (try_candidate (text, p, &s, &next))
        {
          if (min)
            *min = s.min;
          if (max)
            *max = s.max;
          if (currency)
            *currency = g_strdup (s.currency);
          if (period)
            *period = s.period;
          return TRUE;
        }

      g_assert (next > p);
      p = next;
    }

  return FALSE;
}
