/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "scraper-cli-private.h"
#include "tasks/scraper-find-task.h"

/* `sources find NAME [--add] [--json]`: the company finder as a task, its
 * progress on standard error, what it found on standard output. */

typedef struct {
  ScraperTask *task;
  gboolean     tty;
  char        *last;
  gint64       last_time;
} Progress;

static void
on_tick (gpointer user_data)
{
  Progress *p = user_data;
  const char *message = scraper_task_get_message (p->task);
  gint64 now = g_get_monotonic_time ();

  if (message == NULL || g_strcmp0 (message, p->last) == 0)
    return;
  if (p->tty)
    g_printerr ("\r\033[K%s", message);
  else if (p->last == NULL || now - p->last_time >= G_USEC_PER_SEC)
    g_printerr ("%s\n", message);
  else
    return;
  g_free (p->last);
  p->last = g_strdup (message);
  p->last_time = now;
}

static JsonNode *
board_to_json (gconstpointer item)
{
  const ScraperFoundBoard *board = item;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, board->kind);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, board->url);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, board->name);
  json_builder_set_member_name (b, "postings");
  json_builder_add_int_value (b, board->postings);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_table (GPtrArray *boards)
{
  g_autofree char *h_kind = scraper_cli_fit (_("BOARD"), 16);
  g_autofree char *h_name = scraper_cli_fit (_("NAME"), 24);

  g_print ("%s %8s %s %s\n", h_kind, _("POSTINGS"), h_name, _("URL"));
  for (guint i = 0; i < boards->len; i++)
    {
      ScraperFoundBoard *board = g_ptr_array_index (boards, i);
      g_autofree char *kind = scraper_cli_fit (board->kind, 16);
      g_autofree char *name = scraper_cli_fit (board->name, 24);

      g_print ("%s %8u %s %s\n", kind, board->postings, name, board->url);
    }
}

/* Adds each board as a source, or finds the source it already is; prints
 * the ids on stdout unless @json (then on stderr). */
static gboolean
add_boards (ScraperStore *store,
            GPtrArray    *boards,
            gboolean      json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (store, &error);

  if (sources == NULL)
    {
      scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);
      return FALSE;
    }

  for (guint i = 0; i < boards->len; i++)
    {
      ScraperFoundBoard *board = g_ptr_array_index (boards, i);
      g_autoptr(ScraperSource) source = NULL;
      gint64 id = 0;

      for (guint j = 0; j < sources->len && id == 0; j++)
        {
          ScraperSource *known = g_ptr_array_index (sources, j);

          if (g_strcmp0 (known->kind, board->kind) == 0 && g_strcmp0 (known->url, board->url) == 0)
            id = known->id;
        }

      if (id > 0)
        /* Translators: %s is a job board's name and address */
        g_printerr (_("Already a source: %s (%s)\n"), board->name, board->url);
      else
        {
          source = scraper_found_board_to_source (board);
          id = scraper_store_add_source (store, source, &error);
          if (id <= 0)
            {
              scraper_cli_error (SCRAPER_CLI_FAILED, _("Could not add the source: %s"), error->message);
              return FALSE;
            }
          /* Translators: the first %s is a job board ("Lever"), then the
           * company's name and the board's address */
          g_printerr (_("Added %s: %s (%s)\n"), scraper_finder_kind_label (board->kind), board->name, board->url);
        }

      if (json)
        g_printerr ("%" G_GINT64_FORMAT "\n", id);
      else
        g_print ("%" G_GINT64_FORMAT "\n", id);
    }
  return TRUE;
}

int
scraper_cli_sources_find (const ScraperCliGlobal *global,
                          int                     argc,
                          char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperTask) task = NULL;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new ();
  g_autoptr(GPtrArray) boards = NULL;
  g_autofree char *name = NULL;
  g_autofree char *all = scraper_finder_describe_boards ();
  g_autofree char *description = NULL;
  g_auto(GStrv) slugs = NULL;
  Progress progress = { 0 };
  gboolean add = FALSE, json = FALSE, interrupted = FALSE;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "add", 'a', 0, G_OPTION_ARG_NONE, &add, N_("Add each board found as a source (prints the ids)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was found as JSON: [{kind, url, name, postings}]"), NULL },
    { NULL }
  };

  /* Translators: %s lists the job boards asked */
  description = g_strdup_printf (_("Asks %s for slugs of NAME (“Acme Corp”: acme, acmecorp,\n"
                                   "acme-corp, …), one request at a time. Progress goes to standard\n"
                                   "error. Exit status: 0 when a board was found, 1 when none was,\n"
                                   "130 when interrupted."), all);
  options = scraper_cli_option_context_new (_("NAME"), _("Find the job boards of a company."), description);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "sources find", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc < 2)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("sources find needs the name of a company"));

  /* `sources find Acme Corp` means the same as `sources find "Acme Corp"`. */
  name = g_strjoinv (" ", argv + 1);
  g_strstrip (name);
  slugs = scraper_finder_slugs (name);
  if (slugs[0] == NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” has no letters or digits to look up"), name);

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  task = scraper_find_task_new (scraper_context_get_fetcher (context), name);
  scraper_task_manager_submit (scraper_context_get_task_manager (context), task, SCRAPER_TASK_PRIORITY_USER);
  g_ptr_array_add (tasks, task);

  progress.task = task;
  progress.tty = isatty (STDERR_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
  scraper_cli_wait_tasks (scraper_context_get_task_manager (context), tasks, on_tick, &progress, &interrupted);
  if (progress.tty && progress.last != NULL)
    g_printerr ("\r\033[K");
  g_free (progress.last);

  if (interrupted || scraper_task_get_state (task) == SCRAPER_TASK_CANCELLED)
    {
      g_printerr ("%s\n", _("Interrupted: the search was cancelled."));
      return SCRAPER_CLI_INTERRUPTED;
    }
  if (scraper_task_get_state (task) != SCRAPER_TASK_COMPLETED)
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", scraper_task_get_error (task));

  boards = scraper_find_result_get_boards (scraper_task_get_result (task));
  {
    g_autoptr(GVariant) unreachable = g_variant_lookup_value (scraper_task_get_result (task), "unreachable",
                                                              G_VARIANT_TYPE_STRING_ARRAY);
    g_autofree const char **labels = unreachable != NULL ? g_variant_get_strv (unreachable, NULL) : NULL;

    if (labels != NULL && labels[0] != NULL)
      {
        g_autofree char *list = g_strjoinv (", ", (char **) labels);

        /* Translators: %s lists job boards ("Lever, Ashby") */
        g_printerr (_("Could not ask %s; try again later.\n"), list);
      }
  }

  if (json)
    scraper_cli_print_json_array (boards, board_to_json);

  if (boards->len == 0)
    {
      g_autofree char *summary = scraper_find_result_describe (scraper_task_get_result (task));

      g_printerr ("%s\n", summary);
      return SCRAPER_CLI_FAILED;
    }

  if (add)
    return add_boards (scraper_context_get_store (context), boards, json) ? SCRAPER_CLI_OK : SCRAPER_CLI_FAILED;
  if (!json)
    print_table (boards);
  return SCRAPER_CLI_OK;
}
