/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>

#include "model/scraper-untrusted.h"
#include "scraper-cli-private.h"

static const struct {
  const char        *name;
  ScraperCliCommand  run;
} commands[] = {
  { "sources", scraper_cli_sources },
  { "scrape", scraper_cli_scrape },
  { "list", scraper_cli_list },
  { "export", scraper_cli_export },
  { "enrich", scraper_cli_enrich },
  { "searches", scraper_cli_searches },
  { "track", scraper_cli_track },
  { "status", scraper_cli_status },
  { "history", scraper_cli_history },
  { "remind", scraper_cli_remind },
  { "reminders", scraper_cli_reminders },
  { "block", scraper_cli_block },
  { "blocks", scraper_cli_blocks },
  { "unblock", scraper_cli_unblock },
  { "stats", scraper_cli_stats },
  { "report", scraper_cli_report },
};

gboolean
scraper_cli_handles (int                argc,
                     const char * const *argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--db"))
        {
          i++;
          continue;
        }
      if (g_str_has_prefix (arg, "--db="))
        continue;
      if (g_str_equal (arg, "--version") || g_str_equal (arg, "--help") ||
          g_str_equal (arg, "-h") || g_str_equal (arg, "-?"))
        return TRUE;
      if (arg[0] == '-')
        continue;
      /* The window takes no words: any first word is a command, and an
       * unknown one is reported by the command line. */
      return TRUE;
    }

  return FALSE;
}

int
scraper_cli_error (int         code,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  g_printerr ("job-scraper: %s\n", message);

  return code;
}

GOptionContext *
scraper_cli_option_context_new (const char *parameter_string,
                                const char *summary,
                                const char *description)
{
  GOptionContext *context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_set_strict_posix (context, FALSE);

  return context;
}

gboolean
scraper_cli_parse (GOptionContext *context,
                   const char     *command,
                   int            *argc,
                   char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      scraper_cli_error (SCRAPER_CLI_USAGE, "%s", error->message);
      g_printerr (_("Try “job-scraper %s --help” for more information.\n"), command);
      return FALSE;
    }

  return TRUE;
}

ScraperContext *
scraper_cli_open (const ScraperCliGlobal *global,
                  int                    *exit_code)
{
  g_autoptr(GError) error = NULL;
  ScraperContext *context;

  context = scraper_context_new (global->db_path, &error);
  if (context == NULL)
    *exit_code = scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  return context;
}

gboolean
scraper_cli_parse_id (const char *str,
                      gint64     *id)
{
  guint64 value;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

void
scraper_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

ScraperContext *
scraper_cli_open_listing (const ScraperCliGlobal  *global,
                          const char              *command,
                          const char              *summary,
                          int                      argc,
                          char                   **argv,
                          gboolean                *json,
                          int                     *exit_code)
{
  g_autoptr(GOptionContext) options = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Print JSON"), NULL },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, summary, NULL);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, command, &argc, &argv))
    {
      *exit_code = SCRAPER_CLI_USAGE;
      return NULL;
    }
  if (argc > 1)
    {
      *exit_code = scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);
      return NULL;
    }
  return scraper_cli_open (global, exit_code);
}

void
scraper_cli_print_json_array (GPtrArray        *items,
                              ScraperCliToJson  to_json)
{
  g_autoptr(JsonArray) array = json_array_sized_new (items->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, to_json (g_ptr_array_index (items, i)));
  json_node_set_array (root, array);
  scraper_cli_print_json (root);
}

char *
scraper_cli_fit (const char *str,
                 guint       width)
{
  GString *out = g_string_new (NULL);
  g_autofree char *clean = scraper_text_printable (str != NULL ? str : "", FALSE);
  guint used = 0;

  /* Also for the progress display, which writes to the terminal itself. */
  str = clean;

  for (const char *p = str; *p != '\0' && used < width; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iswide (c) ? 2 : (g_unichar_iszerowidth (c) ? 0 : 1);

      if (c == '\n' || c == '\t' || c == '\r')
        c = ' ';

      /* Keep one column for the ellipsis when the text is longer. */
      if (used + w > width || (used + w == width && *g_utf8_next_char (p) != '\0'))
        {
          g_string_append (out, "…");
          used++;
          break;
        }

      g_string_append_unichar (out, c);
      used += w;
    }

  for (; used < width; used++)
    g_string_append_c (out, ' ');

  return g_string_free (out, FALSE);
}

typedef struct {
  GMainLoop   *loop;
  GPtrArray   *tasks;
  gboolean     interrupted;
  ScraperTaskManager *manager;
  void       (*on_tick) (gpointer user_data);
  gpointer     user_data;
} WaitData;

static gboolean
all_finished (GPtrArray *tasks)
{
  for (guint i = 0; i < tasks->len; i++)
    if (!scraper_task_is_finished (g_ptr_array_index (tasks, i)))
      return FALSE;
  return TRUE;
}

static void
on_state (ScraperTask *task,
          GParamSpec  *pspec,
          WaitData    *data)
{
  if (all_finished (data->tasks))
    g_main_loop_quit (data->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  WaitData *data = user_data;

  if (data->interrupted)
    {
      /* A second interrupt: the user does not want to wait for workers. */
      g_printerr ("\n");
      _exit (SCRAPER_CLI_INTERRUPTED);
    }

  data->interrupted = TRUE;
  scraper_task_manager_cancel_all (data->manager);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (gpointer user_data)
{
  WaitData *data = user_data;

  data->on_tick (data->user_data);
  return G_SOURCE_CONTINUE;
}

void
scraper_cli_wait_tasks (ScraperTaskManager *manager,
                        GPtrArray          *tasks,
                        void              (*tick) (gpointer user_data),
                        gpointer            user_data,
                        gboolean           *interrupted)
{
  WaitData data = { NULL, tasks, FALSE, manager, tick, user_data };
  guint sigint, sigterm, tick_id = 0;

  data.loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, on_signal, &data);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &data);
  if (tick != NULL)
    tick_id = g_timeout_add (100, on_tick, &data);

  for (guint i = 0; i < tasks->len; i++)
    g_signal_connect (g_ptr_array_index (tasks, i), "notify::state", G_CALLBACK (on_state), &data);

  if (!all_finished (tasks))
    g_main_loop_run (data.loop);

  for (guint i = 0; i < tasks->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (tasks, i), on_state, &data);
  if (tick_id != 0)
    g_source_remove (tick_id);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_main_loop_unref (data.loop);

  if (interrupted != NULL)
    *interrupted = data.interrupted;
}

static void
print_help (void)
{
  /* Translators: keep the command names, options and examples as they are */
  g_print (_("Usage:\n"
             "  job-scraper [--db FILE]                 Open the window\n"
             "  job-scraper [--db FILE] COMMAND [OPTION…]\n"
             "\n"
             "Collect job postings from career sites, job boards and feeds.\n"
             "\n"
             "Commands:\n"
             "  sources add URL [--kind KIND] [--name NAME]   Add a source; prints its id\n"
             "  sources list [--json]                         List the sources\n"
             "  sources remove|enable|disable ID              Change a source\n"
             "  sources find NAME [--add] [--json]            Find a company’s job boards\n"
             "  scrape [--source ID]… [--concurrency N] [--json]\n"
             "                                                Scrape the enabled (or given) sources\n"
             "  list [--search TEXT] [--remote] [--min-salary N] [--status S] [--starred]\n"
             "       [--saved ID|NAME [--new]] [--sort KEY] [--limit N] [--json]\n"
             "                                                List postings\n"
             "  export --format csv|json [--output FILE]      Export every posting\n"
             "  enrich [--json]                               Derive salary, remote, seniority, skills\n"
             "         [--llm-endpoint URL --llm-model NAME] [--llm-max N]\n"
             "                                                … also asking a language model\n"
             "  searches add NAME [--search TEXT] [--remote] …  Save a search; prints its id\n"
             "  searches list [--json]                        Saved searches, with new postings\n"
             "  searches remove ID|NAME                       Forget a saved search\n"
             "  track URL [--status STATUS]                   Track one posting; prints its id\n"
             "\n"
             "Tracking applications:\n"
             "  status POSTING_ID STATUS [--note TEXT] [--at TIME]\n"
             "                                                Set the status (new, saved, applied,\n"
             "                                                interviewing, offer, rejected, closed)\n"
             "  history POSTING_ID [--json]                   The stage events of a job\n"
             "  remind POSTING_ID --at TIME [--note TEXT]     Set a reminder; prints its id\n"
             "  reminders [--due] [--json]                    List reminders\n"
             "  reminders done ID                             Mark a reminder done\n"
             "  block company NAME | block keyword WORD       Hide postings; prints the block's id\n"
             "  blocks [--json]                               List blocks\n"
             "  unblock ID                                    Remove a block\n"
             "  stats [--since DATE] [--json]                 Statistics of the search\n"
             "  report --from DATE --to DATE --format csv|pdf --output FILE [--paper a4|letter]\n"
             "                                                A report of the applications\n"
             "\n"
             "Options:\n"
             "  --db FILE        Use the job database FILE (default: $JOB_SCRAPER_DB, else\n"
             "                   %s)\n"
             "  -h, --help       Show help; “job-scraper COMMAND --help” for a command\n"
             "  --version        Show the version\n"
             "\n"
             "Examples:\n"
             "  job-scraper sources add https://boards.greenhouse.io/acme\n"
             "  job-scraper sources add https://example.com/careers/ --kind jsonld --name Example\n"
             "  job-scraper scrape --concurrency 2\n"
             "  job-scraper list --search \"rust engineer\" --remote --min-salary 80000\n"
             "  job-scraper export --format csv --output jobs.csv\n"
             "  job-scraper enrich --llm-endpoint http://localhost:11434/v1 --llm-model llama3.1\n"
             "\n"
             "Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.\n"),
           "~/.local/share/job-scraper/jobs.db");
}

/* Everything the commands print goes through here: names, titles, URLs,
 * error messages and server reason phrases come from elsewhere, and an
 * escape sequence in one of them would reach the terminal (retitle it,
 * rewrite what was printed before, ...).  JSON output passes too: its
 * generator escapes C0 controls already, so only DEL and C1 go. */
static void
print_printable (FILE       *stream,
                 const char *string)
{
  g_autofree char *clean = scraper_text_printable (string, TRUE);
  const char *charset;

  if (!g_get_charset (&charset))
    {
      g_autofree char *converted = g_convert_with_fallback (clean, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);

      if (converted != NULL)
        {
          fputs (converted, stream);
          fflush (stream);
          return;
        }
    }
  fputs (clean, stream);
  fflush (stream);
}

static void
print_stdout (const char *string)
{
  print_printable (stdout, string);
}

static void
print_stderr (const char *string)
{
  print_printable (stderr, string);
}

int
scraper_cli_main (int    argc,
                  char **argv)
{
  ScraperCliGlobal global = { NULL, NULL };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *argv0 = NULL;
  gboolean want_help = FALSE;

  g_set_print_handler (print_stdout);
  g_set_printerr_handler (print_stderr);

  /* Global options may come before or after the command word. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--db"))
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return scraper_cli_error (SCRAPER_CLI_USAGE, _("Missing value for --db"));
          global.db_path = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          global.db_path = arg + strlen ("--db=");
          if (*global.db_path == '\0')
            return scraper_cli_error (SCRAPER_CLI_USAGE, _("Missing value for --db"));
        }
      else if (global.command == NULL && g_str_equal (arg, "--version"))
        {
          g_print ("job-scraper %s\n", PACKAGE_VERSION);
          return SCRAPER_CLI_OK;
        }
      else if (global.command == NULL && (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") ||
                                          g_str_equal (arg, "-?")))
        want_help = TRUE;
      else if (global.command == NULL && arg[0] != '-')
        global.command = arg;
      else if (global.command == NULL)
        return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown option %s (see “job-scraper --help”)"), arg);
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (global.command == NULL || g_str_equal (global.command, "help"))
    {
      print_help ();
      return SCRAPER_CLI_OK;
    }

  if (want_help)
    g_ptr_array_add (rest, (char *) "--help");

  argv0 = g_strdup_printf ("job-scraper %s", global.command);
  g_ptr_array_insert (rest, 0, argv0);
  g_ptr_array_add (rest, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (global.command, commands[i].name))
      return commands[i].run (&global, (int) rest->len - 1, (char **) rest->pdata);

  return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown command “%s” (see “job-scraper --help”)"),
                            global.command);
}
