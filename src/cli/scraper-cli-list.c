/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <math.h>
#include <unistd.h>

#include "model/scraper-posting-json.h"
#include "scraper-cli-private.h"
#include "store/scraper-store-applications.h"
#include "enrich/scraper-llm.h"
#include "tasks/scraper-enrich-task.h"
#include "tasks/scraper-export-task.h"

static char *
format_salary (const ScraperPosting *p)
{
  double lo = !isnan (p->annual_min) ? p->annual_min : p->salary_min;
  double hi = !isnan (p->annual_max) ? p->annual_max : p->salary_max;
  const char *cur = p->salary_currency != NULL ? p->salary_currency : "";

  if (!scraper_posting_has_salary (p))
    return g_strdup ("");
  if (!isnan (lo) && !isnan (hi) && lo != hi)
    return g_strdup_printf ("%.0fk-%.0fk %s", lo / 1000, hi / 1000, cur);
  return g_strdup_printf ("%.0fk %s", (!isnan (hi) ? hi : lo) / 1000, cur);
}

/* The contract's posting, with whether a block hides it and how many
 * whole days it has been open (between first and last seen). */
static void
print_postings_json (GPtrArray  *postings,
                     GHashTable *blocked)
{
  g_autoptr(JsonArray) array = json_array_sized_new (postings->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < postings->len; i++)
    {
      const ScraperPosting *p = g_ptr_array_index (postings, i);
      JsonNode *node = scraper_posting_to_json (p);
      JsonObject *object = json_node_get_object (node);
      gint64 open = p->first_seen > 0 && p->last_seen > p->first_seen
                    ? (p->last_seen - p->first_seen) / 86400 : 0;

      json_object_set_boolean_member (object, "blocked", g_hash_table_contains (blocked, &p->id));
      json_object_set_int_member (object, "open_days", open);
      json_array_add_element (array, node);
    }
  json_node_set_array (root, array);
  scraper_cli_print_json (root);
}

int
scraper_cli_list (const ScraperCliGlobal *global,
                  int                     argc,
                  char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) postings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  g_autofree char *status = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *source = NULL;
  g_autofree char *saved_name = NULL;
  g_autofree char *location = NULL;
  g_autofree char *type = NULL;
  g_autoptr(ScraperSavedSearch) saved = NULL;
  gboolean json = FALSE, remote = FALSE, starred = FALSE, archived = FALSE, only_new = FALSE;
  gboolean include_blocked = FALSE;
  double min_salary = 0;
  int limit = 0, days = 0;
  int code = SCRAPER_CLI_OK;
  ScraperQuery query;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only postings matching TEXT (title, company, location, description)"), N_("TEXT") },
    { "remote", 0, 0, G_OPTION_ARG_NONE, &remote, N_("Only remote postings"), NULL },
    { "min-salary", 0, 0, G_OPTION_ARG_DOUBLE, &min_salary, N_("Only postings paying at least N a year"), N_("N") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only postings with status S (new, saved, applied, interviewing, offer, rejected, closed)"), N_("S") },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred postings"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only postings of the source ID"), N_("ID") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Only postings posted within N days"), N_("N") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Only postings with PLACE in a location or the country"), N_("PLACE") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Only postings of employment type TYPE (full_time, part_time, contractor, temporary, intern, …)"), N_("TYPE") },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived postings"), NULL },
    { "include-blocked", 0, 0, G_OPTION_ARG_NONE, &include_blocked, N_("Include postings hidden by a block"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Sort by posted, salary, relevance, company or title"), N_("KEY") },
    { "saved", 0, 0, G_OPTION_ARG_STRING, &saved_name, N_("With the filters of the saved search ID or NAME (and marks its postings seen)"), N_("ID|NAME") },
    { "new", 0, 0, G_OPTION_ARG_NONE, &only_new, N_("With --saved: only postings new since it was last listed"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Print at most N postings"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, _("List postings, newest first."), NULL);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "list", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc > 1)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);

  scraper_query_init (&query);
  query.search = search;
  query.remote_only = remote;
  query.favorites_only = starred;
  query.show_archived = archived;
  query.include_blocked = include_blocked;
  if (location != NULL && *g_strstrip (location) != '\0')
    query.location = location;
  /* As the store keeps them: FULL_TIME, PART_TIME, CONTRACTOR, ... */
  if (type != NULL)
    {
      g_strdelimit (g_strstrip (type), " -", '_');
      if (*type == '\0' || !g_utf8_validate (type, -1, NULL))
        return scraper_cli_error (SCRAPER_CLI_USAGE, _("--type takes an employment type such as full_time"));
      query.employment_type = g_ascii_strup (type, -1);
      g_free (type);
      type = (char *) query.employment_type;
    }
  if (!scraper_cli_parse_filters (status, min_salary, &query))
    return SCRAPER_CLI_USAGE;
  if (only_new && saved_name == NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--new needs --saved ID|NAME"));

  if (limit < 0)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--limit takes a number of zero or more"));
  query.limit = (guint) limit;

  if (days < 0)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--days takes a number of zero or more"));
  query.posted_within_days = (guint) days;

  if (sort != NULL && !scraper_sort_key_from_string (sort, &query.sort))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown sort key “%s”; use posted, salary, relevance, company or title"), sort);

  if (source != NULL && !scraper_cli_parse_id (source, &query.source_id))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a source id (a positive number)"), source);

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  /* The saved search's filters, narrowed by those given here. */
  if (saved_name != NULL)
    {
      if (!(saved = scraper_store_find_saved_search (scraper_context_get_store (context), saved_name, &error)))
        return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);
      if (query.search == NULL)
        query.search = saved->search;
      query.remote_only |= saved->remote_only;
      query.favorites_only |= saved->favorites_only;
      if (query.status < 0)
        query.status = saved->status;
      query.min_salary = MAX (query.min_salary, saved->min_salary);
      if (query.location == NULL)
        query.location = saved->location;
      if (query.employment_type == NULL)
        query.employment_type = saved->employment_type;
      if (query.posted_within_days == 0)
        query.posted_within_days = saved->posted_within_days;
      if (query.source_id <= 0)
        query.source_id = saved->source_id;
      if (only_new)
        query.first_seen_after = MAX (saved->last_viewed, 1);
    }

  postings = scraper_store_query_postings (scraper_context_get_store (context), &query, &error);
  if (postings == NULL)
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  /* Listed means looked at: what it showed is no longer new. */
  if (saved != NULL &&
      !scraper_store_mark_saved_search_viewed (scraper_context_get_store (context), saved->id, &error))
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  if (json)
    {
      g_autoptr(GHashTable) blocked = scraper_store_dup_blocked_ids (scraper_context_get_store (context), &error);

      if (blocked == NULL)
        return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);
      print_postings_json (postings, blocked);
      return SCRAPER_CLI_OK;
    }

  if (postings->len == 0)
    {
      g_printerr ("%s\n", _("No postings match."));
      return SCRAPER_CLI_OK;
    }

  {
    g_autofree char *h_title = scraper_cli_fit (_("TITLE"), 36);
    g_autofree char *h_company = scraper_cli_fit (_("COMPANY"), 18);
    g_autofree char *h_location = scraper_cli_fit (_("LOCATION"), 18);
    g_autofree char *h_remote = scraper_cli_fit (_("REMOTE"), 7);
    g_autofree char *h_salary = scraper_cli_fit (_("SALARY/YEAR"), 16);

    g_print ("%-6s %s %s %s %s %s %s\n", _("ID"), h_title, h_company, h_location, h_remote, h_salary, _("POSTED"));
  }

  for (guint i = 0; i < postings->len; i++)
    {
      const ScraperPosting *p = g_ptr_array_index (postings, i);
      g_autofree char *star_title = g_strdup_printf ("%s%s", p->favorite ? "★ " : "", p->title ? p->title : "");
      g_autofree char *title = scraper_cli_fit (star_title, 36);
      g_autofree char *company = scraper_cli_fit (p->company, 18);
      g_autofree char *location = scraper_cli_fit (p->locations && p->locations[0] ? p->locations[0] : "", 18);
      g_autofree char *remote_kind = scraper_cli_fit (p->remote == SCRAPER_REMOTE_UNKNOWN ? "" : scraper_remote_kind_to_string (p->remote), 7);
      g_autofree char *salary_text = format_salary (p);
      g_autofree char *salary = scraper_cli_fit (salary_text, 16);

      g_print ("%-6" G_GINT64_FORMAT " %s %s %s %s %s %s\n", p->id, title, company, location, remote_kind,
               salary, p->date_posted ? p->date_posted : "");
    }

  return SCRAPER_CLI_OK;
}

static ScraperTask *
run_task (ScraperContext *context,
          ScraperTask    *task,
          gboolean       *interrupted)
{
  ScraperTaskManager *manager = scraper_context_get_task_manager (context);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new ();

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  g_ptr_array_add (tasks, task);
  scraper_cli_wait_tasks (manager, tasks, NULL, NULL, interrupted);

  return task;
}

int
scraper_cli_export (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  ScraperExportFormat format;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("csv (RFC 4180) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, _("Export every posting, archived ones included."), NULL);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "export", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc > 1)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (format_name == NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("export needs --format csv or --format json"));
  if (!scraper_export_format_from_string (format_name, &format))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown format “%s”; use csv or json"), format_name);

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  if (output == NULL || g_str_equal (output, "-"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!scraper_export_write (scraper_context_get_store (context), format, out, NULL, NULL, NULL, &error))
        return scraper_cli_error (SCRAPER_CLI_FAILED, _("Export failed: %s"), error->message);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
      g_autoptr(ScraperTask) task = scraper_export_task_new (scraper_context_get_store (context), format, file);
      gboolean interrupted = FALSE;
      guint n = 0;

      run_task (context, task, &interrupted);
      if (interrupted)
        return SCRAPER_CLI_INTERRUPTED;
      if (scraper_task_get_state (task) != SCRAPER_TASK_COMPLETED)
        return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", scraper_task_get_error (task));

      g_variant_lookup (scraper_task_get_result (task), "postings", "u", &n);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u posting to %s\n", "Exported %u postings to %s\n", n),
                  n, output);
    }

  return SCRAPER_CLI_OK;
}

/* The language model of this run: the one named by --llm-endpoint and
 * --llm-model, else the one enabled in the settings (where a single flag
 * overrides its half), else none.  FALSE with *code set on an error. */
static gboolean
enrich_llm (ScraperContext  *context,
            const char      *endpoint,
            const char      *model,
            ScraperLlm     **llm,
            int             *code)
{
  GSettings *settings = scraper_context_get_settings (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *set_endpoint = NULL;
  g_autofree char *set_model = NULL;
  ScraperLlmOptions options = { 0, };

  *llm = NULL;
  if (endpoint == NULL && model == NULL)
    {
      *llm = scraper_context_dup_llm (context, &error);
      if (error != NULL)
        {
          *code = scraper_cli_error (SCRAPER_CLI_FAILED, _("The language model in the settings cannot be used: %s"),
                                     error->message);
          return FALSE;
        }
      return TRUE;
    }

  if (endpoint == NULL || model == NULL)
    {
      if (settings == NULL || !g_settings_get_boolean (settings, "llm-enabled"))
        {
          *code = scraper_cli_error (SCRAPER_CLI_USAGE,
                                     _("Give both --llm-endpoint and --llm-model, or turn on the language model in Preferences"));
          return FALSE;
        }
      set_endpoint = g_settings_get_string (settings, "llm-endpoint");
      set_model = g_settings_get_string (settings, "llm-model");
    }

  options.endpoint = endpoint ? endpoint : set_endpoint;
  options.model = model ? model : set_model;
  options.api_key = g_getenv (SCRAPER_LLM_API_KEY_ENV);
  options.timeout_s = 120;
  *llm = scraper_llm_new (&options, &error);
  if (*llm == NULL)
    {
      *code = scraper_cli_error (SCRAPER_CLI_USAGE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  ScraperTask *task;
  char        *last;
} EnrichProgress;

/* Asking a model takes seconds per posting: say where it is, on stderr, a
 * line per step (the rules alone stay as quiet as they always were). */
static void
on_enrich_tick (gpointer user_data)
{
  EnrichProgress *progress = user_data;
  const char *message = scraper_task_get_message (progress->task);

  if (message == NULL || g_strcmp0 (message, progress->last) == 0 ||
      scraper_task_get_state (progress->task) != SCRAPER_TASK_RUNNING)
    return;
  g_free (progress->last);
  progress->last = g_strdup (message);
  g_printerr ("%s\n", message);
}

int
scraper_cli_enrich (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperTask) task = NULL;
  g_autoptr(ScraperLlm) llm = NULL;
  g_autofree char *llm_endpoint = NULL;
  g_autofree char *llm_model = NULL;
  gboolean json = FALSE, interrupted = FALSE;
  int code = SCRAPER_CLI_OK;
  int llm_max = 0;
  guint n = 0, changed = 0, llm_asked = 0, llm_changed = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { "llm-endpoint", 0, 0, G_OPTION_ARG_STRING, &llm_endpoint,
      N_("Ask the OpenAI-compatible language model server at URL (with --llm-model)"), N_("URL") },
    { "llm-model", 0, 0, G_OPTION_ARG_STRING, &llm_model, N_("The model the server should use"), N_("NAME") },
    { "llm-max", 0, 0, G_OPTION_ARG_INT, &llm_max,
      N_("Ask the language model about at most N postings (default: the setting, 100)"), N_("N") },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, _("Derive salary, remote work, seniority, skills and relevance for every posting."),
                                            _("Salaries and remote work stated by a source are kept; only missing ones\n"
                                              "are derived from the text.  Relevance uses the profile keywords set in\n"
                                              "Preferences.\n"
                                              "\n"
                                              "With a language model (turned on in Preferences, or named by both\n"
                                              "--llm-endpoint and --llm-model), the postings the rules left incomplete\n"
                                              "are then sent to it: their title, company, locations and description.\n"
                                              "A key the server needs is read from $JOB_SCRAPER_LLM_API_KEY."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "enrich", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc > 1)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (llm_max < 0 || llm_max > 10000)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--llm-max must be between 1 and 10000"));

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!enrich_llm (context, llm_endpoint, llm_model, &llm, &code))
    return code;

  task = scraper_context_enrich (context, llm,
                                 llm_max > 0 ? (guint) llm_max : scraper_context_get_llm_max (context),
                                 SCRAPER_TASK_PRIORITY_USER);
  {
    g_autoptr(GPtrArray) tasks = g_ptr_array_new ();
    EnrichProgress progress = { task, NULL };

    g_ptr_array_add (tasks, task);
    scraper_cli_wait_tasks (scraper_context_get_task_manager (context), tasks,
                            llm != NULL ? on_enrich_tick : NULL, &progress, &interrupted);
    g_free (progress.last);
  }
  if (interrupted)
    return SCRAPER_CLI_INTERRUPTED;
  /* The rules' results and the answers before the error are stored. */
  if (scraper_task_get_state (task) != SCRAPER_TASK_COMPLETED)
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", scraper_task_get_error (task));

  g_variant_lookup (scraper_task_get_result (task), "postings", "u", &n);
  g_variant_lookup (scraper_task_get_result (task), "changed", "u", &changed);
  g_variant_lookup (scraper_task_get_result (task), "llm_asked", "u", &llm_asked);
  g_variant_lookup (scraper_task_get_result (task), "llm_changed", "u", &llm_changed);

  /* Without a language model the output stays what scripts know. */
  if (json && llm != NULL)
    g_print ("{\n  \"postings\" : %u,\n  \"changed\" : %u,\n  \"llm_asked\" : %u,\n  \"llm_changed\" : %u\n}\n",
             n, changed, llm_asked, llm_changed);
  else if (json)
    g_print ("{\n  \"postings\" : %u,\n  \"changed\" : %u\n}\n", n, changed);
  else
    {
      g_print (_("Enriched %u postings, %u changed\n"), n, changed);
      if (llm != NULL)
        g_print (_("Asked the language model about %u postings, %u changed\n"), llm_asked, llm_changed);
    }

  return SCRAPER_CLI_OK;
}
