/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-finder"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/scraper-json-guard.h"
#include "scraper-adapter-ats.h"
#include "scraper-finder.h"

/* The boards asked, in the order asked.  @board is the address a user adds
 * (a printf format taking the slug); @probe, when set, the address asked
 * instead of the kind's API address (from scraper_ats_api_url()). */
static const struct {
  const char *kind;
  const char *label;
  const char *board;
  const char *probe;
  gboolean    host_slug;   /* the slug is a host name label */
  gboolean    guessed;     /* a guess: asked for the first slug only, and
                            * any answer but the board's is "not there" */
} boards[] = {
  { "greenhouse",      "Greenhouse",      "https://boards.greenhouse.io/%s",         NULL, FALSE, FALSE },
  { "lever",           "Lever",           "https://jobs.lever.co/%s",                NULL, FALSE, FALSE },
  { "ashby",           "Ashby",           "https://jobs.ashbyhq.com/%s",             NULL, FALSE, FALSE },
  { "workable",        "Workable",        "https://apply.workable.com/%s/",          NULL, FALSE, FALSE },
  { "smartrecruiters", "SmartRecruiters", "https://careers.smartrecruiters.com/%s",  NULL, FALSE, FALSE },
  { "recruitee",       "Recruitee",       "https://%s.recruitee.com/",               NULL, TRUE, FALSE },
  { "personio",        "Personio",        "https://%s.jobs.personio.de/",            NULL, TRUE, FALSE },
  { "personio",        "Personio",        "https://%s.jobs.personio.com/",           NULL, TRUE, FALSE },
  /* Asked only in a build that has the kind. */
  { "bamboohr",        "BambooHR",        "https://%s.bamboohr.com/careers",
    "https://%s.bamboohr.com/careers/list", TRUE, FALSE },
  /* Workday: the tenant is the slug, but its data centre (wdN) and its
   * site's name are the employer's choice.  The most common ones are
   * guessed for the first slug only: three requests (a POST each, with
   * {"limit": 1}), "External" being the default site name. */
  { "workday",         "Workday",         "https://%1$s.wd1.myworkdayjobs.com/External",
    "https://%1$s.wd1.myworkdayjobs.com/wday/cxs/%1$s/External/jobs", TRUE, TRUE },
  { "workday",         "Workday",         "https://%1$s.wd5.myworkdayjobs.com/External",
    "https://%1$s.wd5.myworkdayjobs.com/wday/cxs/%1$s/External/jobs", TRUE, TRUE },
  { "workday",         "Workday",         "https://%1$s.wd3.myworkdayjobs.com/External",
    "https://%1$s.wd3.myworkdayjobs.com/wday/cxs/%1$s/External/jobs", TRUE, TRUE },
};

#define WORKDAY_QUERY "{\"appliedFacets\":{},\"limit\":1,\"offset\":0,\"searchText\":\"\"}"

/* Legal forms left off a name for its first slugs; lower case, ASCII. */
static const char * const legal_forms[] = {
  "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited",
  "llc", "llp", "lp", "plc", "gmbh", "mbh", "ag", "se", "kg", "kgaa", "ug", "ev", "sa", "sas",
  "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps", "pty", "pte",
  "kk", "group", "holding", "holdings", NULL,
};

ScraperFoundBoard *
scraper_found_board_new (const char *kind,
                         const char *url,
                         const char *name,
                         guint       postings)
{
  ScraperFoundBoard *board = g_new0 (ScraperFoundBoard, 1);

  board->kind = g_strdup (kind);
  board->url = g_strdup (url);
  board->name = g_strdup (name);
  board->postings = postings;
  return board;
}

void
scraper_found_board_free (ScraperFoundBoard *board)
{
  if (board == NULL)
    return;
  g_free (board->kind);
  g_free (board->url);
  g_free (board->name);
  g_free (board);
}

ScraperSource *
scraper_found_board_to_source (const ScraperFoundBoard *board)
{
  ScraperSource *source;

  g_return_val_if_fail (board != NULL, NULL);

  source = scraper_source_new ();
  source->kind = g_strdup (board->kind);
  source->url = g_strdup (board->url);
  source->name = g_strdup (board->name);
  source->enabled = TRUE;
  return source;
}

void
scraper_board_probe_free (ScraperBoardProbe *probe)
{
  if (probe == NULL)
    return;
  g_free (probe->slug);
  g_free (probe->board_url);
  g_free (probe->probe_url);
  g_free (probe->host);
  g_free (probe);
}

/* ------------------------------------------------------------------ */
/* Slugs                                                               */

static void
add_slug (GPtrArray  *slugs,
          const char *slug)
{
  if (slug == NULL || *slug == '\0' || slugs->len >= SCRAPER_FINDER_MAX_SLUGS)
    return;
  for (guint i = 0; i < slugs->len; i++)
    if (g_str_equal (slugs->pdata[i], slug))
      return;
  g_ptr_array_add (slugs, g_strdup (slug));
}

static char *
join_words (GPtrArray  *words,
            guint       n,
            const char *separator)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n && i < words->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, words->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GStrv
scraper_finder_slugs (const char *name)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) slugs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ascii = NULL;
  g_autoptr(GString) word = g_string_new (NULL);
  guint n_base;

  g_return_val_if_fail (name != NULL, NULL);

  /* "Müller & Söhne GmbH" -> "Muller & Sohne GmbH"; a name that is no
   * UTF-8 is read byte by byte, its non-ASCII bytes as separators. */
  ascii = g_utf8_validate (name, -1, NULL) ? g_str_to_ascii (name, "C") : g_strdup (name);

  for (const char *p = ascii;; p++)
    {
      if (*p != '\0' && g_ascii_isalnum (*p))
        {
          g_string_append_c (word, g_ascii_tolower (*p));
          continue;
        }
      /* "McDonald's" -> mcdonalds; any other sign separates words. */
      if (*p == '\'')
        continue;
      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (*p == '\0')
        break;
    }

  /* A few words at most: a slug is a name, not a sentence. */
  if (words->len > 6)
    g_ptr_array_set_size (words, 6);

  n_base = words->len;
  while (n_base > 1 && g_strv_contains (legal_forms, words->pdata[n_base - 1]))
    n_base--;

  if (words->len > 0)
    {
      g_autofree char *base_joined = join_words (words, n_base, "");
      g_autofree char *base_hyphen = join_words (words, n_base, "-");
      g_autofree char *full_joined = join_words (words, words->len, "");
      g_autofree char *full_hyphen = join_words (words, words->len, "-");
      g_autofree char *full_underscore = join_words (words, words->len, "_");
      g_autofree char *base_underscore = join_words (words, n_base, "_");
      g_autofree char *first = g_strdup (words->pdata[0]);

      add_slug (slugs, base_joined);
      add_slug (slugs, base_hyphen);
      add_slug (slugs, full_joined);
      add_slug (slugs, full_hyphen);
      add_slug (slugs, full_underscore);
      add_slug (slugs, base_underscore);
      add_slug (slugs, first);
    }

  g_ptr_array_add (slugs, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&slugs), FALSE);
}

/* ------------------------------------------------------------------ */
/* Boards                                                              */

static gboolean
board_asked (guint i)
{
  return scraper_source_kind_is_valid (boards[i].kind);
}

const char * const *
scraper_finder_kinds (void)
{
  static const char *kinds[G_N_ELEMENTS (boards) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < n; j++)
            seen = seen || g_str_equal (kinds[j], boards[i].kind);
          if (!seen && board_asked (i))
            kinds[n++] = boards[i].kind;
        }
      kinds[n] = NULL;
      g_once_init_leave (&initialized, 1);
    }
  return kinds;
}

const char *
scraper_finder_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    if (g_strcmp0 (boards[i].kind, kind) == 0)
      return boards[i].label;
  return kind;
}

char *
scraper_finder_describe_boards (void)
{
  const char * const *kinds = scraper_finder_kinds ();
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = g_strv_length ((GStrv) kinds);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        /* Translators: between the names of job boards in a list,
         * "Greenhouse, Lever, Ashby or Personio"; the last one follows " or " */
        g_string_append (out, i + 1 == n ? _(" or ") : _(", "));
      g_string_append (out, scraper_finder_kind_label (kinds[i]));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
slug_is_host_label (const char *slug)
{
  gsize len = strlen (slug);

  if (len == 0 || len > 63 || slug[0] == '-' || slug[len - 1] == '-')
    return FALSE;
  for (const char *p = slug; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
}

static ScraperBoardProbe *
probe_new (guint       i,
           const char *slug)
{
  g_autoptr(ScraperBoardProbe) probe = g_new0 (ScraperBoardProbe, 1);

  if (boards[i].host_slug && !slug_is_host_label (slug))
    return NULL;

  probe->kind = boards[i].kind;
  probe->label = boards[i].label;
  probe->guessed = boards[i].guessed;
  probe->post = g_str_equal (boards[i].kind, "workday");
  probe->slug = g_strdup (slug);
  probe->board_url = g_strdup_printf (boards[i].board, slug);

  if (boards[i].probe != NULL)
    probe->probe_url = g_strdup_printf (boards[i].probe, slug);
  else
    {
      g_autofree char *api = scraper_ats_api_url (boards[i].kind, probe->board_url, NULL, NULL);

      if (api == NULL)
        return NULL;
      if (g_str_equal (boards[i].kind, "greenhouse"))
        {
          /* Counting needs no descriptions: the list without content is a
           * tenth of the size. */
          char *query = strchr (api, '?');

          if (query != NULL)
            *query = '\0';
        }
      else if (g_str_equal (boards[i].kind, "smartrecruiters"))
        {
          /* "totalFound" counts them all: one posting is enough to read. */
          char *with_limit = g_strconcat (api, "?limit=1", NULL);

          g_free (api);
          api = with_limit;
        }
      probe->probe_url = g_steal_pointer (&api);
    }

  probe->host = host_of (probe->probe_url);
  if (probe->host == NULL)
    return NULL;
  return g_steal_pointer (&probe);
}

GPtrArray *
scraper_finder_plan (const char *name)
{
  g_auto(GStrv) slugs = NULL;
  g_autoptr(GHashTable) per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_board_probe_free);

  g_return_val_if_fail (name != NULL, plan);

  slugs = scraper_finder_slugs (name);
  for (guint s = 0; slugs[s] != NULL; s++)
    for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
      {
        ScraperBoardProbe *probe;
        guint n;

        if (!board_asked (i) || plan->len >= SCRAPER_FINDER_MAX_PROBES ||
            (boards[i].guessed && s > 0))
          continue;
        if ((probe = probe_new (i, slugs[s])) == NULL)
          continue;

        n = GPOINTER_TO_UINT (g_hash_table_lookup (per_host, probe->host));
        if (n >= SCRAPER_FINDER_MAX_PER_HOST)
          {
            scraper_board_probe_free (probe);
            continue;
          }
        g_hash_table_replace (per_host, g_strdup (probe->host), GUINT_TO_POINTER (n + 1));
        g_ptr_array_add (plan, probe);
      }

  return plan;
}

/* ------------------------------------------------------------------ */
/* Asking one board                                                    */

static ScraperAtsParseFunc
parse_func (const char *kind)
{
  static const struct { const char *kind; ScraperAtsParseFunc parse; } parsers[] = {
    { "greenhouse", scraper_greenhouse_parse },
    { "lever", scraper_lever_parse },
    { "ashby", scraper_ashby_parse },
    { "workable", scraper_workable_parse },
    { "smartrecruiters", scraper_smartrecruiters_parse },
    { "recruitee", scraper_recruitee_parse },
    { "personio", scraper_personio_parse },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    if (g_str_equal (parsers[i].kind, kind))
      return parsers[i].parse;
  return NULL;
}

/* BambooHR's /careers/list: {"meta": {...}, "result": [{id, jobOpeningName, ...}]}.
 * Counted here, so that the finder needs no more of the kind than its
 * address; -1 when it is not that. */
static gint
count_json_list (const char *data,
                 gsize       length,
                 const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root, *list;

  if (!scraper_json_parser_load (parser, data, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  list = json_object_get_member (json_node_get_object (root), member);
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return -1;
  return (gint) MIN (json_array_get_length (json_node_get_array (list)), G_MAXINT);
}

/* Workday's job search: {"total": 47, "jobPostings": [...]}; -1 when not. */
static gint
count_json_total (const char *data,
                  gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;
  gint64 total;

  if (!scraper_json_parser_load (parser, data, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  object = json_node_get_object (root);
  if (scraper_ats_json_array (object, "jobPostings") == NULL || !scraper_ats_json_int (object, "total", &total))
    return -1;
  return (gint) CLAMP (total, 0, G_MAXINT);
}

ScraperFoundBoard *
scraper_finder_probe (ScraperFetcher          *fetcher,
                      const ScraperBoardProbe *probe,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(ScraperResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  ScraperAtsParseFunc parse;
  const char *data;
  gsize length = 0;
  guint status = 0;
  guint count = 0;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (probe != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (probe->post)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (WORKDAY_QUERY, strlen (WORKDAY_QUERY));

      response = scraper_fetcher_post (fetcher, probe->probe_url, "application/json", body,
                                       SCRAPER_FETCH_FLAGS_NONE, cancellable, &local_error);
      if (response != NULL && response->status >= 400)
        g_clear_pointer (&response, scraper_response_free);
    }
  else
    response = scraper_adapter_fetch (fetcher, probe->probe_url, &status, cancellable, &local_error);
  if (response == NULL)
    {
      /* A guess that missed: no such tenant or site, whatever it answers. */
      if (probe->guessed && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return NULL;
      /* "No such board" is what most boards answer for a slug they do not
       * know; anything else means the board could not be asked. */
      if (status >= 400 && status < 500 && status != 429)
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_get_data (response->body, &length);
  if (data == NULL || length == 0)
    return NULL;

  parse = parse_func (probe->kind);
  if (parse != NULL)
    {
      ScraperAtsParseContext context = { 0 };
      g_autoptr(GPtrArray) postings = NULL;
      g_autoptr(ScraperCompanyTally) companies = scraper_company_tally_new ();

      context.board = probe->slug;
      context.base_url = response->url != NULL ? response->url : probe->probe_url;
      postings = parse (data, length, &context, NULL);
      if (postings == NULL)
        return NULL;
      count = MAX (postings->len, context.total);
      /* SmartRecruiters answers any company name with an empty list. */
      if (count == 0 && g_str_equal (probe->kind, "smartrecruiters"))
        return NULL;
      for (guint i = 0; i < postings->len; i++)
        scraper_company_tally_add (companies, g_ptr_array_index (postings, i));
      name = scraper_company_tally_majority (companies);
    }
  else if (probe->post)
    {
      /* Workday: {"total": N, "jobPostings": [...]}; an empty site is as
       * likely a wrong guess as a real one. */
      gint n = count_json_total (data, length);

      if (n <= 0)
        return NULL;
      count = (guint) n;
      name = scraper_ats_company_from_board (probe->slug);
    }
  else
    {
      gint n = count_json_list (data, length, "result");

      if (n < 0)
        return NULL;
      count = (guint) n;
      name = scraper_ats_company_from_board (probe->slug);
    }

  if (name == NULL)
    name = scraper_adapter_default_name (probe->board_url, probe->kind);

  return scraper_found_board_new (probe->kind, probe->board_url, name, count);
}

/* ------------------------------------------------------------------ */
/* The whole search                                                    */

GPtrArray *
scraper_finder_run (ScraperFetcher         *fetcher,
                    const char             *name,
                    ScraperFinderProgress   progress,
                    gpointer                user_data,
                    guint                  *n_probes,
                    GStrv                  *unreachable,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) done_kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) failed_hosts = g_hash_table_new (g_str_hash, g_str_equal);
  guint done = 0, skipped = 0;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_probes != NULL)
    *n_probes = 0;
  if (unreachable != NULL)
    *unreachable = NULL;

  plan = scraper_finder_plan (name);
  if (plan->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no letters or digits to look up"), name);
      return NULL;
    }

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_found_board_free);

  for (guint i = 0; i < plan->len; i++)
    {
      ScraperBoardProbe *probe = g_ptr_array_index (plan, i);
      g_autoptr(GError) probe_error = NULL;
      ScraperFoundBoard *board;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* Found already (with another slug, or on Personio's other domain). */
      if (g_hash_table_contains (done_kinds, probe->kind))
        continue;
      /* A host that could not be reached is not asked again. */
      if (g_hash_table_contains (failed_hosts, probe->host))
        {
          skipped++;
          continue;
        }

      board = scraper_finder_probe (fetcher, probe, cancellable, &probe_error);
      done++;
      if (n_probes != NULL)
        *n_probes = done;

      if (g_error_matches (probe_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (cancellable))
        {
          scraper_found_board_free (board);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          if (error != NULL && *error == NULL)
            g_propagate_error (error, g_steal_pointer (&probe_error));
          return NULL;
        }

      if (probe_error != NULL)
        {
          g_debug ("Could not ask %s: %s", probe->probe_url, probe_error->message);
          g_hash_table_add (failed_hosts, probe->host);
          if (!g_ptr_array_find_with_equal_func (failed, probe->label, g_str_equal, NULL))
            g_ptr_array_add (failed, g_strdup (probe->label));
        }

      if (board != NULL)
        {
          g_ptr_array_add (found, board);
          g_hash_table_add (done_kinds, (gpointer) probe->kind);
          /* What is left of this kind will not be asked. */
          for (guint j = i + 1; j < plan->len; j++)
            if (g_str_equal (((ScraperBoardProbe *) g_ptr_array_index (plan, j))->kind, probe->kind))
              skipped++;
        }

      if (progress != NULL)
        progress (done, plan->len - skipped, probe, board, user_data);
    }

  if (unreachable != NULL && failed->len > 0)
    {
      g_ptr_array_add (failed, NULL);
      *unreachable = (GStrv) g_ptr_array_free (g_steal_pointer (&failed), FALSE);
    }

  return g_steal_pointer (&found);
}
