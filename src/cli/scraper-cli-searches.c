/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/scraper-posting-json.h"
#include "scraper-cli-private.h"

/* "job-scraper searches": saved searches, the same the window keeps. */

gboolean
scraper_cli_parse_filters (const char          *status,
                           double               min_salary,
                           ScraperQuery        *query)
{
  if (min_salary < 0 || isnan (min_salary))
    {
      scraper_cli_error (SCRAPER_CLI_USAGE, _("--min-salary takes a number of zero or more"));
      return FALSE;
    }
  query->min_salary = min_salary;

  if (status != NULL)
    {
      ScraperPostingStatus s;

      if (!scraper_posting_status_from_string (status, &s))
        {
          scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown status “%s”; use new, saved, applied, interviewing, offer, rejected or closed"), status);
          return FALSE;
        }
      query->status = (gint) s;
    }
  return TRUE;
}

static JsonNode *
search_to_json (const ScraperSavedSearch *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, s->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "search");
  if (s->search != NULL)
    json_builder_add_string_value (b, s->search);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "remote");
  json_builder_add_boolean_value (b, s->remote_only);
  json_builder_set_member_name (b, "starred");
  json_builder_add_boolean_value (b, s->favorites_only);
  json_builder_set_member_name (b, "status");
  if (s->status >= 0)
    json_builder_add_string_value (b, scraper_posting_status_to_string (s->status));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "min_salary");
  json_builder_add_double_value (b, s->min_salary);
  json_builder_set_member_name (b, "location");
  if (s->location != NULL)
    json_builder_add_string_value (b, s->location);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "employment_type");
  if (s->employment_type != NULL)
    json_builder_add_string_value (b, s->employment_type);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "days");
  json_builder_add_int_value (b, s->posted_within_days);
  json_builder_set_member_name (b, "source_id");
  if (s->source_id > 0)
    json_builder_add_int_value (b, s->source_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "last_viewed");
  {
    g_autofree char *when = scraper_format_timestamp (s->last_viewed);

    if (when != NULL)
      json_builder_add_string_value (b, when);
    else
      json_builder_add_null_value (b);
  }
  json_builder_set_member_name (b, "matching");
  json_builder_add_int_value (b, s->n_matching);
  json_builder_set_member_name (b, "new");
  json_builder_add_int_value (b, s->n_new);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* What a saved search filters by, in a few words. */
static char *
describe_filters (const ScraperSavedSearch *s)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (s->search != NULL)
    g_string_append_printf (text, "“%s” ", s->search);
  if (s->remote_only)
    g_string_append_printf (text, "%s ", _("remote"));
  if (s->favorites_only)
    g_string_append_printf (text, "%s ", _("starred"));
  if (s->status >= 0)
    g_string_append_printf (text, "%s ", scraper_posting_status_to_string (s->status));
  if (s->min_salary > 0)
    g_string_append_printf (text, "≥ %.0f ", s->min_salary);
  if (s->location != NULL)
    g_string_append_printf (text, "@%s ", s->location);
  if (s->employment_type != NULL)
    g_string_append_printf (text, "%s ", s->employment_type);
  if (s->posted_within_days > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "≤ %u day ", "≤ %u days ", s->posted_within_days),
                            s->posted_within_days);
  if (s->source_id > 0)
    g_string_append_printf (text, "%s %" G_GINT64_FORMAT " ", _("source"), s->source_id);
  if (text->len == 0)
    g_string_append (text, _("everything"));

  return g_strchomp (g_string_free (g_steal_pointer (&text), FALSE));
}

static int
searches_add (const ScraperCliGlobal *global,
              int                     argc,
              char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperSavedSearch) saved = scraper_saved_search_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  g_autofree char *status = NULL;
  g_autofree char *location = NULL;
  g_autofree char *type = NULL;
  g_autofree char *source = NULL;
  gboolean remote = FALSE, starred = FALSE;
  double min_salary = 0;
  int days = 0;
  int code = SCRAPER_CLI_OK;
  ScraperQuery query;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Postings matching TEXT"), N_("TEXT") },
    { "remote", 0, 0, G_OPTION_ARG_NONE, &remote, N_("Only remote postings"), NULL },
    { "min-salary", 0, 0, G_OPTION_ARG_DOUBLE, &min_salary, N_("Only postings paying at least N a year"), N_("N") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only postings with status S"), N_("S") },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred postings"), NULL },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Only postings with PLACE in a location or the country"), N_("PLACE") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Only postings of employment type TYPE (full_time, part_time, contractor, temporary, intern, …)"), N_("TYPE") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Only postings posted within N days"), N_("N") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only postings of the source ID"), N_("ID") },
    { NULL }
  };

  options = scraper_cli_option_context_new (_("NAME"), _("Save a search under NAME; prints its id."), NULL);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "searches add", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc != 2)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("searches add needs one name"));

  scraper_query_init (&query);
  if (!scraper_cli_parse_filters (status, min_salary, &query))
    return SCRAPER_CLI_USAGE;
  if (days < 0)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--days takes a number of zero or more"));
  if (source != NULL && !scraper_cli_parse_id (source, &query.source_id))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a source id (a positive number)"), source);

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  saved->name = g_strdup (argv[1]);
  saved->search = g_steal_pointer (&search);
  saved->remote_only = remote;
  saved->favorites_only = starred;
  saved->status = query.status;
  saved->min_salary = query.min_salary;
  saved->location = g_steal_pointer (&location);
  if (type != NULL)
    {
      g_strdelimit (g_strstrip (type), " -", '_');
      saved->employment_type = g_ascii_strup (type, -1);
    }
  saved->posted_within_days = (guint) days;
  saved->source_id = query.source_id;
  if (!scraper_store_add_saved_search (scraper_context_get_store (context), saved, &error))
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  g_print ("%" G_GINT64_FORMAT "\n", saved->id);
  return SCRAPER_CLI_OK;
}

static int
searches_list (const ScraperCliGlobal *global,
               int                     argc,
               char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int code = SCRAPER_CLI_OK;

  if (!(context = scraper_cli_open_listing (global, "searches list",
                                            _("List the saved searches with how many postings match and how many are new."),
                                            argc, argv, &json, &code)))
    return code;

  searches = scraper_store_list_saved_searches (scraper_context_get_store (context), TRUE, &error);
  if (searches == NULL)
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  if (json)
    {
      scraper_cli_print_json_array (searches, (ScraperCliToJson) search_to_json);
      return SCRAPER_CLI_OK;
    }

  if (searches->len == 0)
    {
      g_printerr ("%s\n", _("No saved searches yet. Save one with “job-scraper searches add NAME --search TEXT”."));
      return SCRAPER_CLI_OK;
    }

  {
    g_autofree char *h_name = scraper_cli_fit (_("NAME"), 24);
    g_autofree char *h_matching = scraper_cli_fit (_("MATCHING"), 9);
    g_autofree char *h_new = scraper_cli_fit (_("NEW"), 6);

    g_print ("%-5s %s %s %s %s\n", _("ID"), h_name, h_matching, h_new, _("FILTERS"));
  }

  for (guint i = 0; i < searches->len; i++)
    {
      ScraperSavedSearch *s = g_ptr_array_index (searches, i);
      g_autofree char *name = scraper_cli_fit (s->name, 24);
      g_autofree char *filters = describe_filters (s);

      g_print ("%-5" G_GINT64_FORMAT " %s %-9u %-6u %s\n", s->id, name, s->n_matching, s->n_new, filters);
    }

  return SCRAPER_CLI_OK;
}

static int
searches_remove (const ScraperCliGlobal *global,
                 int                     argc,
                 char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperSavedSearch) saved = NULL;
  g_autoptr(GError) error = NULL;
  int code = SCRAPER_CLI_OK;

  options = scraper_cli_option_context_new (_("ID|NAME"), _("Forget a saved search."), NULL);
  if (!scraper_cli_parse (options, "searches remove", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc != 2)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("searches remove needs one id or name"));

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  if (!(saved = scraper_store_find_saved_search (scraper_context_get_store (context), argv[1], &error)) ||
      !scraper_store_remove_saved_search (scraper_context_get_store (context), saved->id, &error))
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  return SCRAPER_CLI_OK;
}

int
scraper_cli_searches (const ScraperCliGlobal *global,
                      int                     argc,
                      char                  **argv)
{
  static const char usage[] =
    N_("Usage:\n"
       "  job-scraper searches add NAME [--search TEXT] [--remote] [--min-salary N]\n"
       "                                [--status S] [--starred]\n"
       "  job-scraper searches list [--json]\n"
       "  job-scraper searches remove ID|NAME\n"
       "  job-scraper list --saved ID|NAME [--new]\n");
  const char *verb = NULL;
  int i;

  for (i = 1; i < argc && verb == NULL; i++)
    if (argv[i][0] != '-')
      verb = argv[i];
    else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        g_print ("%s", _(usage));
        return SCRAPER_CLI_OK;
      }

  if (verb == NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("searches needs a sub-command: add, list or remove"));

  /* Drop the verb so that the options parser sees "searches [args]". */
  i--;
  memmove (&argv[i], &argv[i + 1], sizeof (char *) * (size_t) (argc - i));
  argc--;

  if (g_str_equal (verb, "add"))
    return searches_add (global, argc, argv);
  if (g_str_equal (verb, "list"))
    return searches_list (global, argc, argv);
  if (g_str_equal (verb, "remove"))
    return searches_remove (global, argc, argv);

  return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown sub-command “searches %s”; use add, list or remove"), verb);
}
