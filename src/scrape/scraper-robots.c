/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-robots"

#include "config.h"

#include <string.h>

#include "scraper-robots.h"

typedef struct {
  char     *pattern;
  gsize     length;  /* specificity: octets of the pattern */
  gboolean  allow;
} Rule;

struct _ScraperRobots {
  GArray *rules;       /* Rule */
  guint   crawl_delay_ms;
};

typedef struct {
  GPtrArray *agents;   /* lower-case product tokens */
  GArray    *rules;    /* Rule */
  double     crawl_delay_s;  /* < 0: none */
} Group;

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_free (rule->pattern);
}

static GArray *
rules_new (void)
{
  GArray *rules = g_array_new (FALSE, FALSE, sizeof (Rule));

  g_array_set_clear_func (rules, rule_clear);
  return rules;
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_ptr_array_unref (group->agents);
  g_array_unref (group->rules);
  g_free (group);
}

static Group *
group_new (void)
{
  Group *group = g_new0 (Group, 1);

  group->agents = g_ptr_array_new_with_free_func (g_free);
  group->rules = rules_new ();
  group->crawl_delay_s = -1;
  return group;
}

ScraperRobots *
scraper_robots_new_allow_all (void)
{
  ScraperRobots *self = g_new0 (ScraperRobots, 1);

  self->rules = rules_new ();
  return self;
}

void
scraper_robots_free (ScraperRobots *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rules);
  g_free (self);
}

/* "JobScraper/1.0 (+url)" -> "jobscraper" */
static char *
product_token (const char *value)
{
  gsize n = strcspn (value, "/ \t");

  return g_ascii_strdown (value, n);
}

static gboolean
group_names (Group      *group,
             const char *token)
{
  for (guint i = 0; i < group->agents->len; i++)
    if (g_strcmp0 (g_ptr_array_index (group->agents, i), token) == 0)
      return TRUE;
  return FALSE;
}

ScraperRobots *
scraper_robots_parse (const char *text,
                      gsize       len,
                      const char *token)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autofree char *ours = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  ScraperRobots *self;
  Group *current = NULL;
  gboolean in_rules = FALSE;
  gboolean have_ours = FALSE;
  double delay = -1;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  ours = product_token (token);
  copy = g_strndup (text ? text : "", len);
  if (g_str_has_prefix (copy, "\xEF\xBB\xBF"))
    memset (copy, ' ', 3);
  /* Lines end with LF, CR LF or CR alone. */
  g_strdelimit (copy, "\r", '\n');
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *hash = strchr (line, '#');
      char *colon;
      g_autofree char *key = NULL;
      char *value;

      if (hash != NULL)
        *hash = '\0';
      colon = strchr (line, ':');
      if (colon == NULL)
        continue;
      *colon = '\0';
      key = g_ascii_strdown (g_strstrip (line), -1);
      value = g_strstrip (colon + 1);

      if (strcmp (key, "user-agent") == 0)
        {
          if (current == NULL || in_rules)
            {
              current = group_new ();
              g_ptr_array_add (groups, current);
              in_rules = FALSE;
            }
          g_ptr_array_add (current->agents, product_token (value));
        }
      else if (strcmp (key, "allow") == 0 || strcmp (key, "disallow") == 0)
        {
          Rule rule;

          if (current == NULL)
            continue;
          in_rules = TRUE;
          /* An empty Disallow allows everything: no rule. */
          if (*value == '\0')
            continue;
          rule.pattern = g_strdup (value);
          rule.length = strlen (value);
          rule.allow = key[0] == 'a';
          g_array_append_val (current->rules, rule);
        }
      else if (strcmp (key, "crawl-delay") == 0)
        {
          char *end = NULL;
          double seconds;

          if (current == NULL)
            continue;
          in_rules = TRUE;
          seconds = g_ascii_strtod (value, &end);
          if (end != value && seconds >= 0 && seconds < 86400)
            current->crawl_delay_s = seconds;
        }
      /* Sitemap and unknown keys neither start nor end a group. */
    }

  for (guint i = 0; i < groups->len; i++)
    if (group_names (g_ptr_array_index (groups, i), ours))
      have_ours = TRUE;

  self = scraper_robots_new_allow_all ();
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      if (!group_names (group, have_ours ? ours : "*"))
        continue;
      for (guint j = 0; j < group->rules->len; j++)
        {
          Rule rule = g_array_index (group->rules, Rule, j);

          rule.pattern = g_strdup (rule.pattern);
          g_array_append_val (self->rules, rule);
        }
      delay = MAX (delay, group->crawl_delay_s);
    }
  if (delay > 0)
    self->crawl_delay_ms = (guint) (delay * 1000 + 0.5);

  return self;
}

/* Does @pattern ('*' any run, trailing '$' end of path) match a prefix of
 * @path? */
static gboolean
pattern_matches (const char *p,
                 const char *s)
{
  const char *star_p = NULL;
  const char *star_s = NULL;

  for (;;)
    {
      if (*p == '\0')
        return TRUE;
      if (*p == '$' && p[1] == '\0')
        {
          if (*s == '\0')
            return TRUE;
        }
      else if (*p == '*')
        {
          star_p = ++p;
          star_s = s;
          continue;
        }
      else if (*s != '\0' && *p == *s)
        {
          p++;
          s++;
          continue;
        }

      if (star_p == NULL || *star_s == '\0')
        return FALSE;
      p = star_p;
      s = ++star_s;
    }
}

gboolean
scraper_robots_is_allowed (ScraperRobots *self,
                           const char    *path)
{
  gsize best = 0;
  gboolean allowed = TRUE;

  g_return_val_if_fail (self != NULL, TRUE);

  if (path == NULL || *path == '\0')
    path = "/";
  if (strcmp (path, "/robots.txt") == 0)
    return TRUE;

  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = &g_array_index (self->rules, Rule, i);

      if (rule->length < best || !pattern_matches (rule->pattern, path))
        continue;
      if (rule->length > best)
        {
          best = rule->length;
          allowed = rule->allow;
        }
      else if (rule->allow)
        allowed = TRUE;
    }

  return allowed;
}

guint
scraper_robots_get_crawl_delay_ms (ScraperRobots *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->crawl_delay_ms;
}
