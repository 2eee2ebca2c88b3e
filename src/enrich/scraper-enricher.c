/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-enricher"

#include "config.h"

#include <math.h>
#include <string.h>

#include "scraper-enrich.h"
#include "scraper-enrich-private.h"
#include "scraper-skills-private.h"

/* An enricher holds the profile keywords and an index of the skill
 * dictionary by first word.  Both are built in scraper_enricher_new() and
 * only read afterwards (GHashTable lookups do not write), which is what
 * makes one enricher safe to share between threads. */

typedef struct {
  char  *pattern;          /* as written in the dictionary, without its marker */
  char  *lower;            /* folded, what the folded text is compared with */
  gsize  len;
  gsize  key_offset;       /* where the first word starts inside the pattern */
  guint  skill;            /* index into scraper_skill_defs */
  guint  case_sensitive : 1;
  guint  ambiguous : 1;
} Alias;

struct _ScraperEnricher
{
  GPtrArray  *keywords;    /* folded, unique, non-empty */
  GArray     *aliases;     /* Alias */
  GHashTable *index;       /* first word -> GArray of guint alias indices */
};

G_DEFINE_BOXED_TYPE (ScraperEnricher, scraper_enricher, scraper_enricher_ref, scraper_enricher_unref)

static void
alias_clear (gpointer data)
{
  Alias *alias = data;
  g_free (alias->pattern);
  g_free (alias->lower);
}

static void
scraper_enricher_clear (ScraperEnricher *self)
{
  g_clear_pointer (&self->keywords, g_ptr_array_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->aliases, g_array_unref);
}

static void
index_alias (ScraperEnricher *self,
             guint            skill,
             const char      *spec)
{
  Alias alias = { 0 };
  const char *key;
  gsize key_len = 0;
  GArray *slot;
  guint pos;

  if (*spec == '=' || *spec == '?')
    {
      alias.case_sensitive = TRUE;
      alias.ambiguous = (*spec == '?');
      spec++;
    }
  alias.pattern = g_strdup (spec);
  alias.lower = scraper_enrich_fold (spec);
  alias.len = strlen (spec);
  alias.skill = skill;

  for (key = alias.lower; *key != '\0' && !g_ascii_isalnum (*key); key++)
    ;
  while (g_ascii_isalnum (key[key_len]))
    key_len++;
  g_assert (key_len > 0);
  alias.key_offset = key - alias.lower;

  pos = self->aliases->len;
  g_array_append_val (self->aliases, alias);

  {
    g_autofree char *k = g_strndup (key, key_len);
    slot = g_hash_table_lookup (self->index, k);
    if (slot == NULL)
      {
        slot = g_array_new (FALSE, FALSE, sizeof (guint));
        g_hash_table_insert (self->index, g_steal_pointer (&k), slot);
      }
  }
  g_array_append_val (slot, pos);
}

ScraperEnricher *
scraper_enricher_new (const char * const *profile_keywords)
{
  ScraperEnricher *self = g_atomic_rc_box_new0 (ScraperEnricher);

  self->keywords = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; profile_keywords != NULL && profile_keywords[i] != NULL; i++)
    {
      g_autofree char *kw = scraper_enrich_fold (profile_keywords[i]);
      gboolean dup = FALSE;

      g_strstrip (kw);
      if (*kw == '\0' || !g_utf8_validate (kw, -1, NULL))
        continue;
      for (guint j = 0; j < self->keywords->len; j++)
        if (strcmp (g_ptr_array_index (self->keywords, j), kw) == 0)
          dup = TRUE;
      if (!dup)
        g_ptr_array_add (self->keywords, g_steal_pointer (&kw));
    }

  self->aliases = g_array_new (FALSE, TRUE, sizeof (Alias));
  g_array_set_clear_func (self->aliases, alias_clear);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < scraper_n_skill_defs; i++)
    {
      g_auto(GStrv) specs = g_strsplit (scraper_skill_defs[i].aliases, "|", -1);
      for (guint j = 0; specs[j] != NULL; j++)
        index_alias (self, i, specs[j]);
    }

  return self;
}

ScraperEnricher *
scraper_enricher_ref (ScraperEnricher *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
scraper_enricher_unref (ScraperEnricher *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) scraper_enricher_clear);
}

/* ---- skills ---------------------------------------------------------- */

typedef struct {
  gsize start;
  gsize end;
  guint skill;
} Match;

static gboolean
word_is (const char *start,
         gsize       len,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (len == strlen (words[i]) && memcmp (start, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* The folded word ending just before @pos (skipping spaces); *@punct gets
 * the punctuation found instead, if any. */
static void
word_before (const char *lower,
             gsize       pos,
             const char **word,
             gsize       *len,
             char        *punct)
{
  gsize e = pos, s;

  while (e > 0 && lower[e - 1] == ' ')
    e--;
  s = e;
  while (s > 0 && g_ascii_isalnum (lower[s - 1]))
    s--;
  *word = lower + s;
  *len = e - s;
  *punct = (e > 0 && s == e) ? lower[e - 1] : '\0';
}

static void
word_after (const char *lower,
            gsize       pos,
            const char **word,
            gsize       *len,
            char        *punct)
{
  gsize s = pos, e;

  while (lower[s] == ' ')
    s++;
  e = s;
  while (g_ascii_isalnum (lower[e]))
    e++;
  *word = lower + s;
  *len = e - s;
  *punct = (s == e) ? lower[s] : '\0';
}

/* May an ambiguous alias ("Go", "R", "C") found at [start, end) in running
 * text count?  Only inside a list of technologies. */
static gboolean
ambiguous_in_list (const char *lower,
                   gsize       start,
                   gsize       end,
                   GArray     *tech)
{
  static const char * const not_after[] = {
    "series", "vitamin", "grade", "plan", "level", "class", "type", "tier", "section",
    "part", "round", "building", "block", "room", "team", "mr", "mrs", "dr", "ms", "option",
    "phase", "step", "page", "figure", "appendix", "category", "size", "zone", "gate",
    "terminal", "hall", "wing", "floor", "unit", "model", "version", "letter", "let", "lets",
    "s", "t", "ready", "to", NULL,
  };
  static const char * const list_words[] = {
    "and", "or", "with", "in", "using", "like", "including", "und", "oder", "mit", "e", "g",
    NULL,
  };
  static const char * const role_words[] = {
    "developer", "developers", "engineer", "engineers", "programming", "programmer",
    "programmers", "language", "code", "codebase", NULL,
  };
  const char *bw, *aw;
  gsize bl, al;
  char bp, ap;
  gboolean listed, near_tech = FALSE;

  word_before (lower, start, &bw, &bl, &bp);
  word_after (lower, end, &aw, &al, &ap);

  if (bl > 0 && word_is (bw, bl, not_after))
    return FALSE;

  listed = (bl == 0 && strchr (",/(:|;", bp) != NULL && bp != '\0') ||
           (al == 0 && strchr (",/)|;", ap) != NULL && ap != '\0') ||
           (bl > 0 && word_is (bw, bl, list_words)) ||
           (al > 0 && (word_is (aw, al, list_words) || word_is (aw, al, role_words)));
  if (!listed)
    return FALSE;

  if (al > 0 && word_is (aw, al, role_words))
    return TRUE;

  for (guint i = 0; i < tech->len; i++)
    {
      const Match *m = &g_array_index (tech, Match, i);
      gsize gap = m->start > end ? m->start - end : (start > m->end ? start - m->end : 0);
      if (gap <= 120)
        near_tech = TRUE;
    }
  return near_tech;
}

/* "Excel at communication.", "Spark the change": a capitalized word at the
 * start of a sentence, followed by a little English word, is no skill. */
static gboolean
english_at_sentence_start (const char *lower,
                           gsize       start,
                           gsize       end)
{
  static const char * const little[] = {
    "at", "in", "to", "the", "a", "an", "your", "our", "of", "up", "out", "into", NULL,
  };
  const char *bw, *aw;
  gsize bl, al;
  char bp, ap;

  word_before (lower, start, &bw, &bl, &bp);
  if (!(bl == 0 && (bp == '\0' || strchr (".!?\n:", bp) != NULL)))
    return FALSE;
  word_after (lower, end, &aw, &al, &ap);
  return al > 0 && word_is (aw, al, little);
}

static void
find_skills (ScraperEnricher *self,
             const char      *text,
             gboolean         is_title,
             guint8          *found)
{
  g_autofree char *lower = scraper_enrich_fold (text);
  g_autoptr(GArray) tech = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Match));
  gsize n = strlen (lower);

  for (gsize i = 0; i < n; i++)
    {
      char key[33];
      gsize kl = 0;
      GArray *slot;

      if (!g_ascii_isalnum (lower[i]) || (i > 0 && g_ascii_isalnum (lower[i - 1])))
        continue;
      while (g_ascii_isalnum (lower[i + kl]))
        kl++;
      if (kl >= sizeof key)
        {
          i += kl - 1;
          continue;
        }
      memcpy (key, lower + i, kl);
      key[kl] = '\0';

      slot = g_hash_table_lookup (self->index, key);
      for (guint j = 0; slot != NULL && j < slot->len; j++)
        {
          const Alias *a = &g_array_index (self->aliases, Alias, g_array_index (slot, guint, j));
          gsize start, end;
          Match m;

          if (a->key_offset > i)
            continue;
          start = i - a->key_offset;
          end = start + a->len;
          if (end > n || memcmp (lower + start, a->lower, a->len) != 0)
            continue;

          /* Word boundaries; "js" in "node.js" is part of a name */
          if (g_ascii_isalnum (a->lower[0]) && start > 0)
            {
              if (scraper_enrich_is_word_char (lower[start - 1]))
                continue;
              if (lower[start - 1] == '.' && start > 1 && g_ascii_isalnum (lower[start - 2]))
                continue;
            }
          if (g_ascii_isalnum (a->lower[a->len - 1]) &&
              (scraper_enrich_is_word_char (lower[end]) || lower[end] == '+' || lower[end] == '#'))
            continue;
          if (a->case_sensitive &&
              (memcmp (text + start, a->pattern, a->len) != 0 ||
               english_at_sentence_start (lower, start, end)))
            continue;

          if (a->ambiguous)
            {
              /* "C-level", "R&D", "Go-to-market", "C.V.", "Let's Go" */
              if (strchr ("-&'.", lower[end]) != NULL && lower[end] != '\0' &&
                  (lower[end] != '.' || g_ascii_isalnum (lower[end + 1])))
                continue;
              if (start > 0 && strchr ("-&'.", lower[start - 1]) != NULL)
                continue;
            }

          m.start = start;
          m.end = end;
          m.skill = a->skill;
          if (a->ambiguous && !is_title)
            g_array_append_val (pending, m);
          else
            {
              found[a->skill] = TRUE;
              if (!(scraper_skill_defs[a->skill].flags & SKILL_SOFT) && !a->ambiguous)
                g_array_append_val (tech, m);
            }
        }
      i += kl - 1;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      const Match *m = &g_array_index (pending, Match, i);
      if (!found[m->skill] && ambiguous_in_list (lower, m->start, m->end, tech))
        found[m->skill] = TRUE;
    }
}

GStrv
scraper_enricher_extract_skills (ScraperEnricher *self,
                                 const char      *title,
                                 const char      *text)
{
  g_autofree guint8 *found = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  found = g_new0 (guint8, scraper_n_skill_defs);
  if (title != NULL)
    find_skills (self, title, TRUE, found);
  if (text != NULL)
    find_skills (self, text, FALSE, found);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < scraper_n_skill_defs; i++)
    if (found[i])
      {
        g_strv_builder_add (builder, scraper_skill_defs[i].name);
        any = TRUE;
      }

  return any ? g_strv_builder_end (builder) : NULL;
}

/* ---- relevance ------------------------------------------------------- */

static guint
count_words (const char *hay,
             const char *needle,
             guint       cap)
{
  guint count = 0;
  const char *p = hay;

  while (count < cap && (p = scraper_enrich_find_word (p, needle)) != NULL)
    {
      count++;
      p += strlen (needle);
    }
  return count;
}

double
scraper_enricher_relevance (ScraperEnricher      *self,
                            const ScraperPosting *posting)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *skills = NULL;
  double sum = 0;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (posting != NULL, NAN);

  if (self->keywords->len == 0)
    return NAN;

  title = scraper_enrich_fold (posting->title);
  body = scraper_enrich_fold (posting->description_text);
  {
    g_autofree char *joined = posting->skills ? g_strjoinv (", ", posting->skills) : NULL;
    skills = scraper_enrich_fold (joined);
  }

  /* Per keyword: a title match is worth 0.6, mentions in the description
   * and the skills up to 0.4, so a title match always outranks matches
   * elsewhere.  The sum is spread over at most three keywords: a posting
   * need not match every interest of the user to be a good one. */
  for (guint i = 0; i < self->keywords->len; i++)
    {
      const char *kw = g_ptr_array_index (self->keywords, i);
      double s = 0;
      guint mentions;

      if (scraper_enrich_has_word (title, kw))
        s += 0.6;
      mentions = count_words (body, kw, 2) + (scraper_enrich_has_word (skills, kw) ? 1 : 0);
      s += 0.4 * MIN (1.0, mentions / 2.0);
      sum += s;
    }

  return CLAMP (sum / MIN (self->keywords->len, 3), 0.0, 1.0);
}

/* ---- all together ---------------------------------------------------- */

static gboolean
strv_contains_ci (const char * const *strv,
                  const char         *str)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], str) == 0)
      return TRUE;
  return FALSE;
}

ScraperEnrichFlags
scraper_enricher_enrich (ScraperEnricher *self,
                         ScraperPosting  *posting)
{
  ScraperEnrichFlags changed = SCRAPER_ENRICH_NONE;

  g_return_val_if_fail (self != NULL, SCRAPER_ENRICH_NONE);
  g_return_val_if_fail (posting != NULL, SCRAPER_ENRICH_NONE);

  /* Salary: only when the source stated none */
  if (!scraper_posting_has_salary (posting))
    {
      double min = NAN, max = NAN;
      g_autofree char *currency = NULL;
      ScraperSalaryPeriod period = SCRAPER_SALARY_PERIOD_UNKNOWN;

      if (scraper_salary_parse (posting->title, &min, &max, &currency, &period) ||
          scraper_salary_parse (posting->description_text, &min, &max, &currency, &period))
        {
          posting->salary_min = min;
          posting->salary_max = max;
          if (currency != NULL)
            {
              g_free (posting->salary_currency);
              posting->salary_currency = g_steal_pointer (&currency);
            }
          if (period != SCRAPER_SALARY_PERIOD_UNKNOWN)
            posting->salary_period = period;
          scraper_posting_annualize (posting);
          changed |= SCRAPER_ENRICH_SALARY;
        }
    }

  /* Remote: only when the source did not say */
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN)
    {
      ScraperRemoteKind kind = scraper_remote_classify (posting->title,
                                                        (const char * const *) posting->locations,
                                                        posting->description_text);
      if (kind != SCRAPER_REMOTE_UNKNOWN)
        {
          posting->remote = kind;
          changed |= SCRAPER_ENRICH_REMOTE;
        }
    }

  /* Seniority: derived every time; nothing derived keeps what was there */
  {
    const char *seniority = scraper_seniority_classify (posting->title, posting->description_text);
    if (seniority != NULL && g_strcmp0 (seniority, posting->seniority) != 0)
      {
        g_free (posting->seniority);
        posting->seniority = g_strdup (seniority);
        changed |= SCRAPER_ENRICH_SENIORITY;
      }
  }

  /* Skills: the source's own list first, then what the text names */
  {
    g_auto(GStrv) found = scraper_enricher_extract_skills (self, posting->title,
                                                           posting->description_text);
    if (found != NULL)
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        gboolean added = FALSE;

        if (posting->skills != NULL)
          g_strv_builder_addv (builder, (const char **) posting->skills);
        for (guint i = 0; found[i] != NULL; i++)
          if (!strv_contains_ci ((const char * const *) posting->skills, found[i]))
            {
              g_strv_builder_add (builder, found[i]);
              added = TRUE;
            }
        if (added)
          {
            g_strfreev (posting->skills);
            posting->skills = g_strv_builder_end (builder);
            changed |= SCRAPER_ENRICH_SKILLS;
          }
      }
  }

  /* Relevance: only against a profile */
  if (self->keywords->len > 0)
    {
      double relevance = scraper_enricher_relevance (self, posting);
      if (isnan (posting->relevance) || fabs (posting->relevance - relevance) > 1e-9)
        {
          posting->relevance = relevance;
          changed |= SCRAPER_ENRICH_RELEVANCE;
        }
    }

  return changed;
}
