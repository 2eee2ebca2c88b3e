/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-llm"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "scraper-llm-private.h"
#include "scraper-skills-private.h"

/* What a language model is asked, and how its answer is read.  A model's
 * answer is text that merely claims to be JSON: it may come in a Markdown
 * fence or with a sentence around it, name values we do not know or put a
 * string where a number belongs.  Everything is checked before anything is
 * taken, and only the fields a posting lacks are filled. */

static const char system_prompt[] =
  "You read job postings and extract facts. Answer with one JSON object and "
  "nothing else, with exactly these keys, each null when the posting does not "
  "state it:\n"
  "\"salary_min\": number, \"salary_max\": number (the pay range as stated, "
  "not thousands: 85000, not 85),\n"
  "\"salary_currency\": ISO 4217 code such as \"EUR\" or \"USD\",\n"
  "\"salary_period\": \"year\", \"month\", \"week\", \"day\" or \"hour\",\n"
  "\"remote\": \"remote\", \"hybrid\" or \"onsite\",\n"
  "\"seniority\": \"intern\", \"junior\", \"mid\", \"senior\", \"lead\", "
  "\"principal\", \"manager\" or \"director\",\n"
  "\"skills\": array of at most 15 short names of technologies and skills the "
  "job asks for.\n"
  "Do not guess: use null for anything the text does not say.";

static const char * const seniorities[] = {
  "intern", "junior", "mid", "senior", "lead", "principal", "manager", "director", NULL,
};

/* The longest prefix of @text of at most @max bytes that ends on a
 * character boundary. */
static gsize
utf8_prefix_len (const char *text,
                 gsize       max)
{
  gsize len = strlen (text);

  if (len <= max)
    return len;
  len = max;
  /* Step back over continuation bytes to the start of a character. */
  while (len > 0 && ((guchar) text[len] & 0xC0) == 0x80)
    len--;
  return len;
}

char *
llm_build_request (const char           *model,
                   const ScraperPosting *posting)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) user = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *description = posting->description_text ? posting->description_text : "";
  gsize cut = utf8_prefix_len (description, LLM_MAX_DESCRIPTION_BYTES);

  g_string_append_printf (user, "Title: %s\n", posting->title ? posting->title : "");
  if (posting->company != NULL && *posting->company != '\0')
    g_string_append_printf (user, "Company: %s\n", posting->company);
  if (posting->locations != NULL && posting->locations[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("; ", posting->locations);
      g_string_append_printf (user, "Locations: %s\n", joined);
    }
  g_string_append (user, "\nDescription:\n");
  g_string_append_len (user, description, (gssize) cut);
  if (cut < strlen (description))
    g_string_append (user, "\n[…]");
  /* JSON must be valid UTF-8; a stored posting is, but a cut must not
   * make it otherwise. */
  valid = g_utf8_make_valid (user->str, (gssize) user->len);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);
  json_builder_set_member_name (builder, "temperature");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "response_format");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "json_object");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "system");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, system_prompt);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, valid);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- reading the answer ---------------------------------------------- */

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SCRAPER_LLM_ERROR, SCRAPER_LLM_ERROR_INVALID_ANSWER,
               _("The language model gave no usable answer: %s"), detail);
  return FALSE;
}

/* The end (one past the closing brace) of the JSON object that starts at
 * @start, by counting braces outside strings; NULL when it does not end. */
static const char *
object_end (const char *start)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = start; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '{')
        depth++;
      else if (*p == '}' && --depth == 0)
        return p + 1;
    }
  return NULL;
}

/* The first JSON object in @content: alone, in a ```json fence or with
 * prose around it ("Here is the JSON: {...} Hope this helps"). */
static JsonObject *
find_object (const char  *content,
             GError     **error)
{
  const char *p = content;

  /* A few tries: a brace in the prose before the object is no object. */
  for (guint tries = 0; tries < 8 && (p = strchr (p, '{')) != NULL; tries++, p++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *end = object_end (p);
      JsonNode *root;

      if (end == NULL)
        break;
      if (!scraper_json_parser_load (parser, p, end - p, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        return json_object_ref (json_node_get_object (root));
    }

  invalid (error, _("its message holds no JSON object"));
  return NULL;
}

/* The message content of the first choice of a chat completions body. */
static char *
dup_content (const char  *body,
             gsize        len,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *node;
  JsonObject *object;
  JsonArray *choices;

  if (!g_utf8_validate_len (body, len, NULL))
    {
      invalid (error, _("the response is not valid UTF-8"));
      return NULL;
    }
  if (!scraper_json_parser_load (parser, body, (gssize) len, &local_error))
    {
      invalid (error, _("the response is not JSON (%s)"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, _("the response is no JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "choices");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length ((choices = json_node_get_array (node))) == 0)
    {
      invalid (error, _("the response has no choices"));
      return NULL;
    }
  node = json_array_get_element (choices, 0);
  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !(node = json_object_get_member (json_node_get_object (node), "message")) ||
      !JSON_NODE_HOLDS_OBJECT (node) ||
      !(node = json_object_get_member (json_node_get_object (node), "content")) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      invalid (error, _("the first choice has no message text"));
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

/* A member that is absent or null is not stated. */
static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return (node == NULL || JSON_NODE_HOLDS_NULL (node)) ? NULL : node;
}

/* A string member: NULL when not stated (or empty); FALSE for another type. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **out,
            GError     **error)
{
  JsonNode *node = member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _("“%s” is not a string"), name);
  *out = json_node_get_string (node);
  if (**out == '\0')
    *out = NULL;
  return TRUE;
}

static gboolean
get_amount (JsonObject  *object,
            const char  *name,
            double      *out,
            GError     **error)
{
  JsonNode *node = member (object, name);
  GType type;

  *out = NAN;
  if (node == NULL)
    return TRUE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return invalid (error, _("“%s” is not a number"), name);
  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < 0)
    return invalid (error, _("“%s” is no plausible amount"), name);
  /* "0" stands for "not stated" in many answers, as in "$0 – $500K". */
  if (*out == 0)
    *out = NAN;
  return TRUE;
}

typedef struct {
  double               min;
  double               max;
  char                 currency[4];
  ScraperSalaryPeriod  period;
  ScraperRemoteKind    remote;
  const char          *seniority;   /* static */
  GStrv                skills;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->skills, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static gboolean
read_salary (JsonObject  *object,
             Answer      *answer,
             GError     **error)
{
  JsonNode *nested = member (object, "salary");
  JsonObject *salary = object;
  const char *currency = NULL, *period = NULL;
  gboolean nested_names = FALSE;
  double factor, annual;

  /* Some models nest: "salary": {"min": ..., "max": ..., ...}. */
  if (nested != NULL && JSON_NODE_HOLDS_OBJECT (nested))
    {
      salary = json_node_get_object (nested);
      nested_names = TRUE;
    }
  else if (nested != NULL)
    return invalid (error, _("“%s” is not an object"), "salary");

  if (!get_amount (salary, nested_names ? "min" : "salary_min", &answer->min, error) ||
      !get_amount (salary, nested_names ? "max" : "salary_max", &answer->max, error) ||
      !get_string (salary, nested_names ? "currency" : "salary_currency", &currency, error) ||
      !get_string (salary, nested_names ? "period" : "salary_period", &period, error))
    return FALSE;

  if (isnan (answer->min) && isnan (answer->max))
    return TRUE;
  if (!isnan (answer->min) && !isnan (answer->max) && answer->min > answer->max)
    return invalid (error, _("the lowest salary is above the highest"));

  if (currency != NULL)
    {
      if (strlen (currency) != 3 || !g_ascii_isalpha (currency[0]) ||
          !g_ascii_isalpha (currency[1]) || !g_ascii_isalpha (currency[2]))
        return invalid (error, _("“%s” is no currency code"), currency);
      for (guint i = 0; i < 3; i++)
        answer->currency[i] = g_ascii_toupper (currency[i]);
    }
  if (period != NULL)
    {
      answer->period = scraper_salary_period_from_string (period);
      if (answer->period == SCRAPER_SALARY_PERIOD_UNKNOWN)
        return invalid (error, _("“%s” is no salary period"), period);
    }

  /* The same bounds as the salaries found by the rules: a few hundred a
   * year is a misread, and so is a salary of a hundred million. */
  factor = scraper_salary_period_per_year (answer->period);
  if (isnan (factor))
    factor = 1;
  annual = (isnan (answer->max) ? answer->min : answer->max) * factor;
  if (annual < 1000 || annual > 100e6)
    return invalid (error, _("a salary of %g a year is not plausible"), annual);

  return TRUE;
}

static gboolean
read_remote (JsonObject  *object,
             Answer      *answer,
             GError     **error)
{
  const char *remote;
  g_autofree char *folded = NULL;

  if (!get_string (object, "remote", &remote, error))
    return FALSE;
  if (remote == NULL)
    return TRUE;

  folded = g_ascii_strdown (remote, -1);
  if (g_str_equal (folded, "unknown"))
    return TRUE;
  if (g_str_equal (folded, "on-site") || g_str_equal (folded, "on site") ||
      g_str_equal (folded, "office"))
    answer->remote = SCRAPER_REMOTE_ONSITE;
  else
    answer->remote = scraper_remote_kind_from_string (folded);
  if (answer->remote == SCRAPER_REMOTE_UNKNOWN)
    return invalid (error, _("“%s” is no kind of remote work"), remote);
  return TRUE;
}

static gboolean
read_seniority (JsonObject  *object,
                Answer      *answer,
                GError     **error)
{
  const char *seniority;

  if (!get_string (object, "seniority", &seniority, error))
    return FALSE;
  if (seniority == NULL)
    return TRUE;

  for (guint i = 0; seniorities[i] != NULL; i++)
    if (g_ascii_strcasecmp (seniority, seniorities[i]) == 0)
      {
        answer->seniority = seniorities[i];
        return TRUE;
      }
  return invalid (error, _("“%s” is no seniority"), seniority);
}

/* Case-insensitively, in any script: "rust" repeats "Rust". */
static gboolean
names_have (GPtrArray  *names,
            const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (names, i), -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_skills (ScraperEnricher *dictionary,
             JsonObject      *object,
             Answer          *answer,
             GError         **error)
{
  JsonNode *node = member (object, "skills");
  g_autoptr(GPtrArray) names = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“%s” is not a list"), "skills");

  array = json_node_get_array (node);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *name = NULL;
      g_auto(GStrv) known = NULL;

      if (json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (error, _("a skill is not a string"));
      if (names->len >= LLM_MAX_SKILLS)
        continue;

      name = g_strstrip (g_strdup (json_node_get_string (item)));
      /* A sentence is no skill name. */
      if (*name == '\0' || g_utf8_strlen (name, -1) > LLM_MAX_SKILL_CHARS ||
          strchr (name, '\n') != NULL)
        continue;

      /* The dictionary's name: the same in another case ("rust"), or
       * where an alias names exactly one skill ("Postgres" is
       * "PostgreSQL"); "React Native" names two and stays as written. */
      for (guint j = 0; j < scraper_n_skill_defs && known == NULL; j++)
        if (g_ascii_strcasecmp (name, scraper_skill_defs[j].name) == 0)
          known = g_strdupv ((char *[]) { (char *) scraper_skill_defs[j].name, NULL });
      if (known == NULL)
        known = scraper_enricher_extract_skills (dictionary, name, NULL);
      if (known != NULL && known[0] != NULL && known[1] == NULL)
        {
          g_free (name);
          name = g_strdup (known[0]);
        }
      if (!names_have (names, name))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }

  if (names->len > 0)
    {
      g_ptr_array_add (names, NULL);
      answer->skills = (GStrv) g_ptr_array_steal (names, NULL);
    }
  return TRUE;
}

ScraperEnrichFlags
llm_apply_answer (ScraperEnricher  *dictionary,
                  const char       *body,
                  gsize             len,
                  ScraperPosting   *posting,
                  GError          **error)
{
  g_autofree char *content = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_auto(Answer) answer = { NAN, NAN, "", SCRAPER_SALARY_PERIOD_UNKNOWN,
                            SCRAPER_REMOTE_UNKNOWN, NULL, NULL };
  ScraperEnrichFlags changed = SCRAPER_ENRICH_NONE;

  if (!(content = dup_content (body, len, error)) ||
      !(object = find_object (content, error)) ||
      !read_salary (object, &answer, error) ||
      !read_remote (object, &answer, error) ||
      !read_seniority (object, &answer, error) ||
      !read_skills (dictionary, object, &answer, error))
    return SCRAPER_ENRICH_NONE;

  /* Only what the posting lacks: what its source stated, or the rules
   * found, stays. */
  if (!scraper_posting_has_salary (posting) && (!isnan (answer.min) || !isnan (answer.max)))
    {
      posting->salary_min = answer.min;
      posting->salary_max = answer.max;
      if (answer.currency[0] != '\0')
        {
          g_free (posting->salary_currency);
          posting->salary_currency = g_strdup (answer.currency);
        }
      if (answer.period != SCRAPER_SALARY_PERIOD_UNKNOWN)
        posting->salary_period = answer.period;
      scraper_posting_annualize (posting);
      changed |= SCRAPER_ENRICH_SALARY;
    }
  if (posting->remote == SCRAPER_REMOTE_UNKNOWN && answer.remote != SCRAPER_REMOTE_UNKNOWN)
    {
      posting->remote = answer.remote;
      changed |= SCRAPER_ENRICH_REMOTE;
    }
  if ((posting->seniority == NULL || *posting->seniority == '\0') && answer.seniority != NULL)
    {
      g_free (posting->seniority);
      posting->seniority = g_strdup (answer.seniority);
      changed |= SCRAPER_ENRICH_SENIORITY;
    }
  if ((posting->skills == NULL || posting->skills[0] == NULL) && answer.skills != NULL)
    {
      g_strfreev (posting->skills);
      posting->skills = g_steal_pointer (&answer.skills);
      changed |= SCRAPER_ENRICH_SKILLS;
    }

  return changed;
}
