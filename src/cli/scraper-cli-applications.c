/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-cli-private.h"
#include "store/scraper-store-applications.h"

/* Tracking applications: status, history, remind, reminders, block, blocks
 * and unblock (ARCHITECTURE.md).  Usage errors (a malformed id, status or
 * date) are found before the database is opened, so they change nothing;
 * an unknown posting, reminder or block is a failure (exit 1). */

static int
store_failure (GError *error)
{
  return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);
}

/* The options of @command (@entries, may be NULL) and its help, parsed;
 * then exactly @n_args words after them. */
static gboolean
parse_command (const char          *command,
               const char          *parameter,
               const char          *summary,
               const char          *description,
               const GOptionEntry  *entries,
               guint                n_args,
               int                 *argc,
               char              ***argv,
               int                 *code)
{
  g_autoptr(GOptionContext) options = scraper_cli_option_context_new (parameter, summary, description);

  if (entries != NULL)
    g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, command, argc, argv))
    {
      *code = SCRAPER_CLI_USAGE;
      return FALSE;
    }
  if ((guint) *argc - 1 < n_args)
    {
      *code = scraper_cli_error (SCRAPER_CLI_USAGE, _("Missing arguments (see “job-scraper %s --help”)"), command);
      return FALSE;
    }
  if ((guint) *argc - 1 > n_args)
    {
      *code = scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), (*argv)[n_args + 1]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_posting_id (const char *text,
                  gint64     *id,
                  int        *code)
{
  if (scraper_cli_parse_id (text, id))
    return TRUE;
  *code = scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a job id (a positive number)"), text);
  return FALSE;
}

static gboolean
parse_time (const char  *option,
            const char  *text,
            GDateTime  **time,
            int         *code)
{
  *time = scraper_parse_user_time (text);
  if (*time != NULL)
    return TRUE;
  *code = scraper_cli_error (SCRAPER_CLI_USAGE,
                             _("%s takes a date and time in ISO 8601, like 2026-03-01T09:30:00+01:00 or 2026-03-01, not “%s”"),
                             option, text);
  return FALSE;
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *name,
                  GDateTime   *time)
{
  g_autofree char *text = time != NULL ? scraper_format_time (time) : NULL;

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* status */

int
scraper_cli_status (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *at_text = NULL;
  ScraperPostingStatus status;
  int code = SCRAPER_CLI_OK;
  gint64 id;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note kept with the change"), N_("TEXT") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_("When it happened (ISO 8601; default: now)"), N_("TIME") },
    { NULL }
  };

  if (!parse_command ("status", _("POSTING_ID STATUS"),
                      _("Set the application status of a job and record when."),
                      _("Statuses: new, saved, applied, interviewing, offer, rejected, closed."),
                      entries, 2, &argc, &argv, &code) ||
      !parse_posting_id (argv[1], &id, &code))
    return code;
  if (!scraper_posting_status_from_string (argv[2], &status))
    return scraper_cli_error (SCRAPER_CLI_USAGE,
                              _("Unknown status “%s”; use new, saved, applied, interviewing, offer, rejected or closed"),
                              argv[2]);
  if (at_text != NULL && !parse_time ("--at", at_text, &at, &code))
    return code;

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!scraper_store_change_status (scraper_context_get_store (context), id, status, at, note, &error))
    return store_failure (error);

  return SCRAPER_CLI_OK;
}

/* history */

static JsonNode *
event_to_json (gconstpointer item)
{
  const ScraperStageEvent *event = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_time_or_null (builder, "at", event->at);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, scraper_posting_status_to_string (event->from));
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, scraper_posting_status_to_string (event->to));
  add_string_or_null (builder, "note", event->note);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
scraper_cli_history (const ScraperCliGlobal *global,
                     int                     argc,
                     char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int code = SCRAPER_CLI_OK;
  gint64 id;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command ("history", _("POSTING_ID"), _("Show the stage events of a job, oldest first."), NULL,
                      entries, 1, &argc, &argv, &code) ||
      !parse_posting_id (argv[1], &id, &code))
    return code;

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!(events = scraper_store_list_stage_events (scraper_context_get_store (context), id, &error)))
    return store_failure (error);

  if (json)
    {
      scraper_cli_print_json_array (events, event_to_json);
      return SCRAPER_CLI_OK;
    }

  if (events->len == 0)
    g_printerr ("%s\n", _("No stage events yet."));
  for (guint i = 0; i < events->len; i++)
    {
      const ScraperStageEvent *event = g_ptr_array_index (events, i);
      g_autofree char *at = scraper_format_time (event->at);

      g_print ("%s  %s → %s%s%s\n", at,
               scraper_posting_status_get_label (event->from),
               scraper_posting_status_get_label (event->to),
               event->note != NULL ? "  " : "", event->note != NULL ? event->note : "");
    }
  return SCRAPER_CLI_OK;
}

/* remind, reminders */

int
scraper_cli_remind (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *at_text = NULL;
  int code = SCRAPER_CLI_OK;
  gint64 id, reminder;
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_("When to remind (ISO 8601)"), N_("TIME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What to remember"), N_("TEXT") },
    { NULL }
  };

  if (!parse_command ("remind", _("POSTING_ID"), _("Set a reminder about a job; prints its id."), NULL,
                      entries, 1, &argc, &argv, &code) ||
      !parse_posting_id (argv[1], &id, &code))
    return code;
  if (at_text == NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("remind needs --at TIME"));
  if (!parse_time ("--at", at_text, &at, &code))
    return code;

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  reminder = scraper_store_add_reminder (scraper_context_get_store (context), id, at, note, &error);
  if (reminder == 0)
    return store_failure (error);

  g_print ("%" G_GINT64_FORMAT "\n", reminder);
  return SCRAPER_CLI_OK;
}

static JsonNode *
reminder_to_json (gconstpointer item)
{
  const ScraperReminder *reminder = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, reminder->id);
  json_builder_set_member_name (builder, "posting_id");
  json_builder_add_int_value (builder, reminder->posting_id);
  add_time_or_null (builder, "at", reminder->at);
  add_string_or_null (builder, "note", reminder->note);
  json_builder_set_member_name (builder, "done");
  json_builder_add_boolean_value (builder, reminder->done);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
reminders_done (const ScraperCliGlobal *global,
                int                     argc,
                char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int code = SCRAPER_CLI_OK;
  gint64 id;

  if (argc != 3)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Use “job-scraper reminders done ID”"));
  if (!scraper_cli_parse_id (argv[2], &id))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a reminder id (a positive number)"), argv[2]);

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!scraper_store_set_reminder_done (scraper_context_get_store (context), id, TRUE, &error))
    return store_failure (error);
  return SCRAPER_CLI_OK;
}

int
scraper_cli_reminders (const ScraperCliGlobal *global,
                       int                     argc,
                       char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE, due = FALSE;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "due", 0, 0, G_OPTION_ARG_NONE, &due, N_("Only reminders not done whose time has come"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (argc >= 2 && g_str_equal (argv[1], "done"))
    return reminders_done (global, argc, argv);

  if (!parse_command ("reminders", NULL, _("List reminders (“reminders done ID” marks one done)."), NULL,
                      entries, 0, &argc, &argv, &code))
    return code;

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!(reminders = scraper_store_list_reminders (scraper_context_get_store (context), due, NULL, &error)))
    return store_failure (error);

  if (json)
    {
      scraper_cli_print_json_array (reminders, reminder_to_json);
      return SCRAPER_CLI_OK;
    }

  if (reminders->len == 0)
    g_printerr ("%s\n", due ? _("No reminder is due.") : _("No reminders."));
  for (guint i = 0; i < reminders->len; i++)
    {
      const ScraperReminder *r = g_ptr_array_index (reminders, i);
      g_autofree char *at = scraper_format_time (r->at);

      g_print ("%-5" G_GINT64_FORMAT " %s %s %-6" G_GINT64_FORMAT " %s%s%s%s%s\n", r->id, at,
               r->done ? _("done") : "    ", r->posting_id,
               r->title != NULL ? r->title : "", r->company != NULL ? " — " : "",
               r->company != NULL ? r->company : "",
               r->note != NULL ? ": " : "", r->note != NULL ? r->note : "");
    }
  return SCRAPER_CLI_OK;
}

/* block, blocks, unblock */

int
scraper_cli_block (const ScraperCliGlobal *global,
                   int                     argc,
                   char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ScraperBlockKind kind;
  int code = SCRAPER_CLI_OK;
  gint64 id;

  if (!parse_command ("block", _("company NAME | keyword WORD"),
                      _("Hide the postings of a company, or those with a word in their title; prints the block's id."),
                      _("A company block matches the company's whole name, a keyword block a whole\n"
                        "word of the title, both ignoring case.  Nothing is deleted: “unblock ID”\n"
                        "brings the postings back."),
                      NULL, 2, &argc, &argv, &code))
    return code;
  if (!scraper_block_kind_from_string (argv[1], &kind))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Block a “company” or a “keyword”, not “%s”"), argv[1]);

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  id = scraper_store_add_block (scraper_context_get_store (context), kind, argv[2], &error);
  if (id == 0)
    return scraper_cli_error (g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID)
                              ? SCRAPER_CLI_USAGE : SCRAPER_CLI_FAILED, "%s", error->message);

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return SCRAPER_CLI_OK;
}

static JsonNode *
block_to_json (gconstpointer item)
{
  const ScraperBlock *block = item;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, block->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, scraper_block_kind_to_string (block->kind));
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, block->value);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
scraper_cli_blocks (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int code = SCRAPER_CLI_OK;

  if (!(context = scraper_cli_open_listing (global, "blocks", _("List the blocked companies and keywords."),
                                            argc, argv, &json, &code)))
    return code;
  if (!(blocks = scraper_store_list_blocks (scraper_context_get_store (context), &error)))
    return store_failure (error);

  if (json)
    {
      scraper_cli_print_json_array (blocks, block_to_json);
      return SCRAPER_CLI_OK;
    }

  if (blocks->len == 0)
    g_printerr ("%s\n", _("Nothing is blocked."));
  for (guint i = 0; i < blocks->len; i++)
    {
      const ScraperBlock *block = g_ptr_array_index (blocks, i);

      g_print ("%-5" G_GINT64_FORMAT " %-8s %s\n", block->id,
               scraper_block_kind_to_string (block->kind), block->value);
    }
  return SCRAPER_CLI_OK;
}

int
scraper_cli_unblock (const ScraperCliGlobal *global,
                     int                     argc,
                     char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int code = SCRAPER_CLI_OK;
  gint64 id;

  if (!parse_command ("unblock", _("ID"), _("Remove a block; its postings come back."), NULL,
                      NULL, 1, &argc, &argv, &code))
    return code;
  if (!scraper_cli_parse_id (argv[1], &id))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a block id (a positive number)"), argv[1]);

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!scraper_store_remove_block (scraper_context_get_store (context), id, &error))
    return store_failure (error);
  return SCRAPER_CLI_OK;
}
