/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ats"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/scraper-json-guard.h"
#include "scraper-adapter-ats.h"
#include "scraper-normalize.h"

/* ------------------------------------------------------------------ */
/* JSON                                                                */

JsonNode *
scraper_ats_parse_json (const char   *data,
                        gsize         length,
                        const char   *label,
                        const char   *board,
                        JsonNodeType  root_type,
                        GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0 ||
      !g_utf8_validate (data, length, NULL) ||
      !scraper_json_parser_load (parser, data, length, &local_error))
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The %s board “%s” did not answer with job data (%s); check the board’s address"),
                   label, board != NULL ? board : "?",
                   local_error != NULL ? local_error->message : _("not JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != root_type)
    {
      g_set_error (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_PARSE,
                   _("The %s board “%s” answered with JSON of an unexpected shape; check the board’s address"),
                   label, board != NULL ? board : "?");
      return NULL;
    }

  return json_node_ref (root);
}

static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
scraper_ats_json_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
scraper_ats_json_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node = member_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
scraper_ats_json_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node = member_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
scraper_ats_json_array_object (JsonArray *array,
                               guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
scraper_ats_json_boolean (JsonObject *object,
                          const char *member,
                          gboolean   *out)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
scraper_ats_json_number (JsonObject *object,
                         const char *member,
                         double     *out)
{
  JsonNode *node = member_node (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);

      if (!isfinite (v))
        return FALSE;
      *out = v;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (node);
      char *end = NULL;
      double v;

      if (str == NULL)
        return FALSE;
      while (g_ascii_isspace (*str))
        str++;
      if (*str == '\0')
        return FALSE;
      v = g_ascii_strtod (str, &end);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0' || !isfinite (v))
        return FALSE;
      *out = v;
      return TRUE;
    }
  return FALSE;
}

gboolean
scraper_ats_json_int (JsonObject *object,
                      const char *member,
                      gint64     *out)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

char *
scraper_ats_json_dup_id (JsonObject *object,
                         const char *member)
{
  const char *str = scraper_ats_json_string (object, member);
  gint64 n;

  if (str != NULL)
    return str[0] != '\0' ? g_strstrip (g_strdup (str)) : NULL;
  if (scraper_ats_json_int (object, member, &n))
    return g_strdup_printf ("%" G_GINT64_FORMAT, n);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Field helpers                                                       */

char *
scraper_ats_date (const char *str)
{
  if (str == NULL)
    return NULL;
  while (g_ascii_isspace (*str))
    str++;

  /* "YYYY-MM-DD..." as the board states it, whatever follows. */
  if (strlen (str) >= 10 &&
      g_ascii_isdigit (str[0]) && g_ascii_isdigit (str[1]) && g_ascii_isdigit (str[2]) &&
      g_ascii_isdigit (str[3]) && str[4] == '-' && g_ascii_isdigit (str[5]) &&
      g_ascii_isdigit (str[6]) && str[7] == '-' && g_ascii_isdigit (str[8]) &&
      g_ascii_isdigit (str[9]) && !g_ascii_isdigit (str[10]))
    {
      int year = (str[0] - '0') * 1000 + (str[1] - '0') * 100 + (str[2] - '0') * 10 + (str[3] - '0');
      int month = (str[5] - '0') * 10 + (str[6] - '0');
      int day = (str[8] - '0') * 10 + (str[9] - '0');

      /* A day of the calendar: not 2026-02-30 (found by bench/fuzz). */
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return g_strndup (str, 10);
      return NULL;
    }

  return scraper_date_normalize (str);
}

static const struct {
  const char *name;
  const char *code;
} countries[] = {
  { "united states", "US" }, { "united states of america", "US" }, { "usa", "US" },
  { "u.s.", "US" }, { "u.s.a.", "US" }, { "america", "US" },
  { "united kingdom", "GB" }, { "uk", "GB" }, { "great britain", "GB" }, { "england", "GB" },
  { "scotland", "GB" }, { "wales", "GB" }, { "northern ireland", "GB" },
  { "germany", "DE" }, { "deutschland", "DE" }, { "france", "FR" }, { "spain", "ES" },
  { "españa", "ES" }, { "portugal", "PT" }, { "italy", "IT" }, { "italia", "IT" },
  { "netherlands", "NL" }, { "the netherlands", "NL" }, { "nederland", "NL" },
  { "belgium", "BE" }, { "luxembourg", "LU" }, { "switzerland", "CH" }, { "schweiz", "CH" },
  { "austria", "AT" }, { "österreich", "AT" }, { "ireland", "IE" }, { "denmark", "DK" },
  { "sweden", "SE" }, { "norway", "NO" }, { "finland", "FI" }, { "iceland", "IS" },
  { "poland", "PL" }, { "czech republic", "CZ" }, { "czechia", "CZ" }, { "slovakia", "SK" },
  { "hungary", "HU" }, { "romania", "RO" }, { "bulgaria", "BG" }, { "greece", "GR" },
  { "croatia", "HR" }, { "serbia", "RS" }, { "slovenia", "SI" }, { "estonia", "EE" },
  { "latvia", "LV" }, { "lithuania", "LT" }, { "ukraine", "UA" }, { "turkey", "TR" },
  { "türkiye", "TR" }, { "israel", "IL" }, { "united arab emirates", "AE" }, { "uae", "AE" },
  { "saudi arabia", "SA" }, { "egypt", "EG" }, { "south africa", "ZA" }, { "nigeria", "NG" },
  { "kenya", "KE" }, { "morocco", "MA" }, { "india", "IN" }, { "pakistan", "PK" },
  { "bangladesh", "BD" }, { "sri lanka", "LK" }, { "china", "CN" }, { "hong kong", "HK" },
  { "taiwan", "TW" }, { "japan", "JP" }, { "south korea", "KR" }, { "korea", "KR" },
  { "singapore", "SG" }, { "malaysia", "MY" }, { "indonesia", "ID" }, { "philippines", "PH" },
  { "thailand", "TH" }, { "vietnam", "VN" }, { "viet nam", "VN" }, { "australia", "AU" },
  { "new zealand", "NZ" }, { "canada", "CA" }, { "mexico", "MX" }, { "méxico", "MX" },
  { "brazil", "BR" }, { "brasil", "BR" }, { "argentina", "AR" }, { "chile", "CL" },
  { "colombia", "CO" }, { "peru", "PE" }, { "uruguay", "UY" }, { "costa rica", "CR" },
  { "cyprus", "CY" }, { "malta", "MT" },
};

char *
scraper_ats_country_code (const char *name_or_code)
{
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = NULL;

  if (name_or_code == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (name_or_code));
  if (strlen (trimmed) == 2 && g_ascii_isalpha (trimmed[0]) && g_ascii_isalpha (trimmed[1]))
    {
      /* An ISO code already, except the common "UK". */
      if (g_ascii_strcasecmp (trimmed, "uk") == 0)
        return g_strdup ("GB");
      return g_ascii_strup (trimmed, -1);
    }

  folded = g_utf8_strdown (trimmed, -1);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_equal (folded, countries[i].name))
      return g_strdup (countries[i].code);

  return NULL;
}

char *
scraper_ats_country_from_location (const char *location)
{
  const char *comma;

  if (location == NULL)
    return NULL;
  comma = strrchr (location, ',');
  return scraper_ats_country_code (comma != NULL ? comma + 1 : location);
}

char *
scraper_ats_employment_type (const char *str)
{
  static const struct { const char *word; const char *type; } words[] = {
    { "fulltime", "FULL_TIME" }, { "permanent", "FULL_TIME" }, { "regular", "FULL_TIME" },
    { "fulltimepermanent", "FULL_TIME" }, { "fulltimefixedterm", "FULL_TIME" },
    { "parttime", "PART_TIME" }, { "parttimepermanent", "PART_TIME" },
    { "parttimefixedterm", "PART_TIME" }, { "workingstudent", "PART_TIME" },
    { "contract", "CONTRACTOR" }, { "contractor", "CONTRACTOR" }, { "freelance", "CONTRACTOR" },
    { "freelancer", "CONTRACTOR" }, { "independentcontractor", "CONTRACTOR" },
    { "temporary", "TEMPORARY" }, { "temp", "TEMPORARY" }, { "shortterm", "TEMPORARY" },
    { "fixedterm", "TEMPORARY" }, { "seasonal", "TEMPORARY" },
    { "intern", "INTERN" }, { "internship", "INTERN" }, { "trainee", "INTERN" },
    { "apprenticeship", "INTERN" }, { "apprentice", "INTERN" },
    { "volunteer", "VOLUNTEER" }, { "perdiem", "PER_DIEM" }, { "other", "OTHER" },
  };
  g_autoptr(GString) key = NULL;
  g_autoptr(GString) token = NULL;

  if (str == NULL)
    return NULL;

  key = g_string_new (NULL);
  token = g_string_new (NULL);
  for (const char *p = str; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (key, g_ascii_tolower (*p));
          g_string_append_c (token, g_ascii_toupper (*p));
        }
      else if (token->len > 0 && token->str[token->len - 1] != '_')
        g_string_append_c (token, '_');
    }
  while (token->len > 0 && token->str[token->len - 1] == '_')
    g_string_truncate (token, token->len - 1);

  if (key->len == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (key->str, words[i].word))
      return g_strdup (words[i].type);

  return g_string_free (g_steal_pointer (&token), FALSE);
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *str)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), str) == 0)
      return TRUE;
  return FALSE;
}

void
scraper_ats_add_employment_type (GPtrArray  *types,
                                 const char *str)
{
  g_autofree char *type = scraper_ats_employment_type (str);

  if (type != NULL && !strings_contain (types, type))
    g_ptr_array_add (types, g_steal_pointer (&type));
}

GStrv
scraper_ats_strv_steal (GPtrArray *strings)
{
  if (strings == NULL)
    return NULL;
  if (strings->len == 0)
    {
      g_ptr_array_unref (strings);
      return NULL;
    }
  g_ptr_array_add (strings, NULL);
  return (GStrv) g_ptr_array_free (strings, FALSE);
}

ScraperSalaryPeriod
scraper_ats_salary_period (const char *str)
{
  ScraperSalaryPeriod period;
  g_autofree char *copy = NULL;
  char *word;

  if (str == NULL)
    return SCRAPER_SALARY_PERIOD_UNKNOWN;

  period = scraper_salary_period_from_string (str);
  if (period != SCRAPER_SALARY_PERIOD_UNKNOWN)
    return period;

  /* Ashby's "1 YEAR", "1 HOUR"; "per year", "per_hour". */
  copy = g_ascii_strdown (str, -1);
  g_strdelimit (copy, "_-", ' ');
  word = strrchr (g_strstrip (copy), ' ');
  word = word != NULL ? word + 1 : copy;
  if (g_str_has_prefix (copy, "1 ") || g_str_has_prefix (copy, "per ") || g_str_has_prefix (copy, "a "))
    return scraper_salary_period_from_string (word);
  return SCRAPER_SALARY_PERIOD_UNKNOWN;
}

ScraperRemoteKind
scraper_ats_workplace_kind (const char *str)
{
  g_autofree char *key = NULL;

  if (str == NULL)
    return SCRAPER_REMOTE_UNKNOWN;

  key = g_ascii_strdown (str, -1);
  g_strdelimit (key, "-_ ", '_');
  if (g_str_equal (key, "remote") || g_str_equal (key, "fully_remote"))
    return SCRAPER_REMOTE_REMOTE;
  if (g_str_equal (key, "hybrid"))
    return SCRAPER_REMOTE_HYBRID;
  if (g_str_equal (key, "onsite") || g_str_equal (key, "on_site") || g_str_equal (key, "in_office") ||
      g_str_equal (key, "office"))
    return SCRAPER_REMOTE_ONSITE;
  return SCRAPER_REMOTE_UNKNOWN;
}

gboolean
scraper_ats_is_url_token (const char *str,
                          gboolean    digits_only)
{
  const char *allowed = digits_only
                        ? "0123456789"
                        : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

  return str != NULL && str[0] != '\0' && str[strspn (str, allowed)] == '\0';
}

char *
scraper_ats_clean (const char *str)
{
  return str != NULL ? scraper_text_clean (str) : NULL;
}

void
scraper_ats_add_location (GPtrArray  *locations,
                          const char *str)
{
  g_auto(GStrv) parts = NULL;

  if (str == NULL || str[0] == '\0')
    return;

  parts = scraper_locations_split (str);
  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      g_autofree char *clean = scraper_text_clean (parts[i]);

      if (clean != NULL && !strings_contain (locations, clean))
        g_ptr_array_add (locations, g_steal_pointer (&clean));
    }
}

ScraperRemoteKind
scraper_ats_remote_from_locations (GPtrArray *locations)
{
  ScraperRemoteKind kind = SCRAPER_REMOTE_UNKNOWN;

  for (guint i = 0; locations != NULL && i < locations->len; i++)
    {
      ScraperRemoteKind k = scraper_remote_kind_guess (g_ptr_array_index (locations, i));

      /* "Remote" anywhere wins over "Hybrid", which wins over on-site. */
      if (k == SCRAPER_REMOTE_REMOTE)
        return k;
      if (k == SCRAPER_REMOTE_HYBRID || (k == SCRAPER_REMOTE_ONSITE && kind == SCRAPER_REMOTE_UNKNOWN))
        kind = k;
    }
  return kind;
}

char *
scraper_ats_company_from_board (const char *board)
{
  g_autoptr(GString) name = NULL;
  gboolean word_start = TRUE;

  if (board == NULL || board[0] == '\0' || g_hostname_is_ip_address (board) ||
      g_ascii_strcasecmp (board, "localhost") == 0)
    return NULL;

  /* A host (the board of a document found elsewhere than on the board's
   * own site): "careers.acme.com" is Acme's, an address is nobody's. */
  if (strchr (board, '.') != NULL)
    {
      g_auto(GStrv) labels = NULL;
      guint n;

      labels = g_strsplit (board, ".", -1);
      n = g_strv_length (labels);
      /* "acme.co.uk": the label before a two-letter country's "co". */
      if (n >= 3 && strlen (labels[n - 1]) == 2 &&
          g_strv_contains ((const char * const[]) { "co", "com", "org", "net", "ac", "gov", "edu", NULL },
                           labels[n - 2]))
        return scraper_ats_company_from_board (labels[n - 3]);
      return n >= 2 && labels[n - 2][0] != '\0' ? scraper_ats_company_from_board (labels[n - 2]) : NULL;
    }

  name = g_string_new (NULL);
  for (const char *p = board; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_')
        {
          g_string_append_c (name, ' ');
          word_start = TRUE;
        }
      else
        {
          g_string_append_c (name, word_start ? g_ascii_toupper (*p) : *p);
          word_start = FALSE;
        }
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

void
scraper_ats_set_description (ScraperPosting *posting,
                             const char     *html)
{
  char *markup = NULL;
  char *text = NULL;

  if (html == NULL || html[0] == '\0')
    return;

  scraper_html_sanitize (html, -1, &markup, &text);
  g_free (posting->description_markup);
  g_free (posting->description_text);
  posting->description_markup = markup;
  posting->description_text = text;
}

/* ------------------------------------------------------------------ */
/* Collector: one posting per external id                              */

struct _ScraperAtsCollector
{
  GPtrArray  *postings;
  GHashTable *by_id;   /* external_id -> ScraperPosting (borrowed) */
};

ScraperAtsCollector *
scraper_ats_collector_new (void)
{
  ScraperAtsCollector *self = g_new0 (ScraperAtsCollector, 1);

  self->postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
scraper_ats_collector_free (ScraperAtsCollector *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->postings, g_ptr_array_unref);
  g_free (self);
}

static void
merge_locations (ScraperPosting *into,
                 ScraperPosting *from)
{
  g_autoptr(GPtrArray) all = NULL;

  if (from->locations == NULL)
    return;

  all = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; into->locations != NULL && into->locations[i] != NULL; i++)
    g_ptr_array_add (all, g_strdup (into->locations[i]));
  for (guint i = 0; from->locations[i] != NULL; i++)
    if (!strings_contain (all, from->locations[i]))
      g_ptr_array_add (all, g_strdup (from->locations[i]));

  g_strfreev (into->locations);
  into->locations = scraper_ats_strv_steal (g_steal_pointer (&all));
}

/* Takes ownership of @posting. */
void
scraper_ats_collector_add (ScraperAtsCollector *self,
                           ScraperPosting      *posting)
{
  ScraperPosting *first;

  if (posting->external_id != NULL &&
      (first = g_hash_table_lookup (self->by_id, posting->external_id)) != NULL)
    {
      merge_locations (first, posting);
      if (first->remote == SCRAPER_REMOTE_UNKNOWN)
        first->remote = posting->remote;
      scraper_posting_unref (posting);
      return;
    }

  g_ptr_array_add (self->postings, posting);
  if (posting->external_id != NULL)
    g_hash_table_insert (self->by_id, posting->external_id, posting);
}

GPtrArray *
scraper_ats_collector_finish (ScraperAtsCollector *self)
{
  GPtrArray *postings = g_steal_pointer (&self->postings);

  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      scraper_posting_annualize (posting);
      scraper_posting_normalize (posting);
    }

  scraper_ats_collector_free (self);
  return postings;
}

/* ------------------------------------------------------------------ */
/* Running                                                             */

ScraperResponse *
scraper_ats_fetch (const ScraperAtsKind          *kind,
                   const char                    *board,
                   ScraperFetcher                *fetcher,
                   const char                    *url,
                   const ScraperAdapterCallbacks *callbacks,
                   gboolean                       conditional,
                   GCancellable                  *cancellable,
                   GError                       **error)
{
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  g_autoptr(GError) local_error = NULL;
  ScraperResponse *response;

  if (conditional && callbacks != NULL && callbacks->get_validators != NULL)
    callbacks->get_validators (url, &etag, &last_modified, callbacks->user_data);

  response = scraper_fetcher_fetch (fetcher, url, SCRAPER_FETCH_FLAGS_NONE,
                                    etag, last_modified, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Could not read the %s board “%s”: "), kind->label, board);
        }
      return NULL;
    }

  return response;
}

gboolean
scraper_ats_deliver (GPtrArray                     *postings,
                     const ScraperAdapterCallbacks *callbacks,
                     guint                          done_before,
                     guint                          total,
                     GCancellable                  *cancellable,
                     GError                       **error)
{
  for (guint start = 0; start < postings->len; start += SCRAPER_ATS_BATCH_SIZE)
    {
      guint n = MIN (SCRAPER_ATS_BATCH_SIZE, postings->len - start);
      g_autoptr(GPtrArray) batch = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      batch = g_ptr_array_new_full (n, (GDestroyNotify) scraper_posting_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (batch, scraper_posting_ref (g_ptr_array_index (postings, start + i)));

      if (callbacks->postings != NULL &&
          !callbacks->postings (batch, callbacks->user_data, error))
        return FALSE;

      if (callbacks->progress != NULL)
        {
          g_autofree char *message = NULL;
          guint done = done_before + start + n;

          message = g_strdup_printf (ngettext ("%u posting read", "%u postings read", done), done);
          callbacks->progress (done, MAX (total, done), message, callbacks->user_data);
        }
    }

  return TRUE;
}

gboolean
scraper_ats_deliver_unseen (GPtrArray                     *postings,
                            GHashTable                    *seen,
                            const ScraperAdapterCallbacks *callbacks,
                            guint                         *delivered,
                            guint                          total,
                            ScraperAdapterStats           *stats,
                            guint                         *n_fresh,
                            GCancellable                  *cancellable,
                            GError                       **error)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);

  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      if (g_hash_table_add (seen, g_strdup (posting->external_id)))
        g_ptr_array_add (fresh, scraper_posting_ref (posting));
    }
  *n_fresh = fresh->len;
  if (!scraper_ats_deliver (fresh, callbacks, *delivered, total, cancellable, error))
    return FALSE;
  *delivered += fresh->len;
  stats->postings_found += fresh->len;
  return TRUE;
}

gboolean
scraper_ats_run_single (const ScraperAtsKind          *kind,
                        ScraperSource                 *source,
                        ScraperFetcher                *fetcher,
                        const ScraperAdapterCallbacks *callbacks,
                        ScraperAdapterStats           *stats,
                        GCancellable                  *cancellable,
                        GError                       **error)
{
  g_autofree char *board = NULL;
  g_autofree char *api_url = NULL;
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  ScraperAtsParseContext context = { 0 };
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stats->complete = FALSE;

  api_url = scraper_ats_api_url (kind->kind, source->url != NULL ? source->url : "", &board, error);
  if (api_url == NULL)
    return FALSE;

  if (callbacks->progress != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Reading the %s board “%s”"), kind->label, board);
      callbacks->progress (0, 0, message, callbacks->user_data);
    }

  response = scraper_ats_fetch (kind, board, fetcher, api_url, callbacks, TRUE, cancellable, error);
  if (response == NULL)
    return FALSE;
  stats->pages_fetched++;

  if (response->not_modified)
    {
      /* Nothing changed since the last run: deliver nothing; the caller
       * keeps what the last run stored, and nothing gets archived. */
      stats->not_modified = TRUE;
      if (callbacks->progress != NULL)
        callbacks->progress (1, 1, _("Not changed since the last run"), callbacks->user_data);
      return TRUE;
    }

  data = response->body != NULL ? g_bytes_get_data (response->body, &length) : NULL;
  context.source_id = source->id;
  context.board = board;
  context.base_url = response->url != NULL ? response->url : api_url;

  postings = kind->parse (data, length, &context, error);
  if (postings == NULL)
    return FALSE;

  if (!scraper_ats_deliver (postings, callbacks, 0, postings->len, cancellable, error))
    return FALSE;

  if (callbacks->progress != NULL && postings->len == 0)
    callbacks->progress (0, 0, _("The board has no postings"), callbacks->user_data);

  stats->postings_found += postings->len;
  stats->complete = TRUE;

  if (callbacks->set_validators != NULL && (response->etag != NULL || response->last_modified != NULL))
    callbacks->set_validators (api_url, response->etag, response->last_modified, callbacks->user_data);

  return TRUE;
}

GPtrArray *
scraper_ats_read_all (JsonArray              *items,
                      ScraperAtsReadFunc      read,
                      ScraperAtsParseContext *context,
                      gpointer                user_data)
{
  g_autoptr(ScraperAtsCollector) collector = scraper_ats_collector_new ();

  context->n_items = 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = scraper_ats_json_array_object (items, i);
      ScraperPosting *posting;

      if (object == NULL || (posting = read (object, context, user_data)) == NULL)
        continue;
      context->n_items++;
      scraper_ats_collector_add (collector, posting);
    }

  return scraper_ats_collector_finish (g_steal_pointer (&collector));
}
