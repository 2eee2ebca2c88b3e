/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "scraper-cli-private.h"
#include "tasks/scraper-scrape-task.h"

/* The live view on a terminal: one line per running task and a total,
 * redrawn in place every 100 ms.  Elsewhere (a pipe, a log file, cron),
 * plain lines when a task starts, every few seconds of progress, and when
 * it ends. */
typedef struct {
  ScraperTaskManager *manager;
  GPtrArray          *tasks;
  gboolean            tty;
  guint               columns;
  guint               drawn_lines;
  GHashTable         *last_line;   /* task -> last plain line printed */
  GHashTable         *last_time;   /* task -> time of that line (µs) */
  gint64              started;
} Progress;

static guint
terminal_columns (void)
{
  const char *env = g_getenv ("COLUMNS");
  guint64 cols;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 20, 1000, &cols, NULL))
    return (guint) cols;
  return 80;
}

static const char *
state_label (ScraperTaskState state)
{
  switch (state)
    {
    case SCRAPER_TASK_PENDING:     return _("waiting");
    case SCRAPER_TASK_RUNNING:     return _("running");
    case SCRAPER_TASK_COMPLETED:   return _("done");
    case SCRAPER_TASK_FAILED:      return _("failed");
    case SCRAPER_TASK_CANCELLING:  return _("stopping");
    case SCRAPER_TASK_CANCELLED:   return _("cancelled");
    case SCRAPER_TASK_INTERRUPTED: return _("interrupted");
    default:                       return "";
    }
}

static char *
bar (double fraction,
     guint  width,
     gint64 now)
{
  GString *s = g_string_new ("[");

  if (fraction < 0)
    {
      /* Indeterminate: a block bouncing along the bar. */
      guint pos = (guint) ((now / 100000) % (width * 2 - 2));

      if (pos >= width)
        pos = width * 2 - 2 - pos;
      for (guint i = 0; i < width; i++)
        g_string_append (s, i == pos ? "=" : " ");
    }
  else
    {
      guint filled = (guint) (fraction * width + 0.5);

      for (guint i = 0; i < width; i++)
        g_string_append (s, i < filled ? "=" : (i == filled ? ">" : " "));
    }

  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
draw_tty (Progress *p)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GString) out = g_string_new (NULL);
  guint finished = 0, lines = 0;
  double total = 0;
  guint name_width = MIN (28, p->columns / 4);
  guint msg_width;
  g_autofree char *total_bar = NULL;

  /* Move back to the first line drawn last time, and clear below. */
  if (p->drawn_lines > 0)
    g_string_append_printf (out, "\r\033[%uA", p->drawn_lines);
  g_string_append (out, "\r\033[J");

  msg_width = p->columns > name_width + 36 ? p->columns - name_width - 36 : 10;

  for (guint i = 0; i < p->tasks->len; i++)
    {
      ScraperTask *task = g_ptr_array_index (p->tasks, i);
      ScraperTaskState state = scraper_task_get_state (task);
      double fraction = scraper_task_get_fraction (task);

      if (scraper_task_is_finished (task))
        {
          finished++;
          total += 1;
          continue;
        }
      total += fraction > 0 ? fraction : 0;

      if (state == SCRAPER_TASK_RUNNING || state == SCRAPER_TASK_CANCELLING)
        {
          g_autofree char *name = scraper_cli_fit (scraper_task_get_title (task), name_width);
          g_autofree char *b = bar (fraction, 20, now);
          g_autofree char *msg = scraper_cli_fit (scraper_task_get_message (task), msg_width);
          g_autofree char *pct = fraction >= 0 ? g_strdup_printf ("%3.0f%%", fraction * 100) : g_strdup ("    ");

          g_string_append_printf (out, "%s %s %s  %s\n", name, b, pct, msg);
          lines++;
        }
    }

  total_bar = bar (p->tasks->len > 0 ? total / p->tasks->len : 1, 20, now);
  g_string_append_printf (out, _("Total %s %u of %u sources finished, %.0f s"),
                          total_bar, finished, p->tasks->len,
                          (now - p->started) / (double) G_USEC_PER_SEC);
  g_string_append_c (out, '\n');
  lines++;

  p->drawn_lines = lines;
  fputs (out->str, stderr);
  fflush (stderr);
}

static void
log_plain (Progress *p)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < p->tasks->len; i++)
    {
      ScraperTask *task = g_ptr_array_index (p->tasks, i);
      ScraperTaskState state = scraper_task_get_state (task);
      const char *message = scraper_task_get_message (task);
      g_autofree char *line = NULL;
      const char *last;
      gint64 last_time;

      if (state == SCRAPER_TASK_PENDING)
        continue;

      if (scraper_task_is_finished (task))
        line = g_strdup_printf ("%s: %s", scraper_task_get_title (task), state_label (state));
      else
        line = g_strdup_printf ("%s: %s", scraper_task_get_title (task),
                                message != NULL ? message : state_label (state));

      last = g_hash_table_lookup (p->last_line, task);
      last_time = GPOINTER_TO_SIZE (g_hash_table_lookup (p->last_time, task));

      /* Progress lines at most every 2 s per task; state changes always. */
      if (g_strcmp0 (last, line) == 0)
        continue;
      if (last != NULL && !scraper_task_is_finished (task) && now - last_time < 2 * G_USEC_PER_SEC)
        continue;

      g_printerr ("%s\n", line);
      g_hash_table_insert (p->last_line, task, g_steal_pointer (&line));
      g_hash_table_insert (p->last_time, task, GSIZE_TO_POINTER ((gsize) now));
    }
}

static void
on_tick (gpointer user_data)
{
  Progress *p = user_data;

  if (p->tty)
    draw_tty (p);
  else
    log_plain (p);
}

static guint
result_count (ScraperTask *task,
              const char  *key)
{
  GVariant *result = scraper_task_get_result (task);
  guint value = 0;

  if (result != NULL)
    g_variant_lookup (result, key, "u", &value);
  return value;
}

static const char * const count_keys[] = { "found", "inserted", "updated", "unchanged", "archived" };

static void
print_summary_json (GPtrArray *tasks)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < tasks->len; i++)
    {
      ScraperTask *task = g_ptr_array_index (tasks, i);
      ScraperSource *source = scraper_scrape_task_get_source (task);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source_id");
      json_builder_add_int_value (b, source != NULL ? source->id : 0);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, scraper_task_get_title (task));
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, scraper_task_state_to_string (scraper_task_get_state (task)));
      for (guint k = 0; k < G_N_ELEMENTS (count_keys); k++)
        {
          json_builder_set_member_name (b, count_keys[k]);
          json_builder_add_int_value (b, result_count (task, count_keys[k]));
        }
      json_builder_set_member_name (b, "unarchived");
      json_builder_add_int_value (b, result_count (task, "unarchived"));
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, result_count (task, "pages"));
      json_builder_set_member_name (b, "error");
      if (scraper_task_get_error (task) != NULL)
        json_builder_add_string_value (b, scraper_task_get_error (task));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  scraper_cli_print_json (root);
}

static void
print_summary_table (GPtrArray *tasks)
{
  g_autofree char *h_source = scraper_cli_fit (_("SOURCE"), 24);
  g_autofree char *h_state = scraper_cli_fit (_("STATE"), 11);

  g_print ("%s %s %7s %7s %7s %9s %8s  %s\n", h_source, h_state,
           _("FOUND"), _("NEW"), _("UPDATED"), _("UNCHANGED"), _("ARCHIVED"), _("ERROR"));

  for (guint i = 0; i < tasks->len; i++)
    {
      ScraperTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *name = scraper_cli_fit (scraper_task_get_title (task), 24);
      g_autofree char *state = scraper_cli_fit (state_label (scraper_task_get_state (task)), 11);
      const char *error = scraper_task_get_error (task);
      g_autofree char *limited = NULL;

      /* A run the page limit cut short says so in the last column. */
      if (scraper_task_get_state (task) == SCRAPER_TASK_COMPLETED && result_count (task, "page-limit") > 0)
        error = limited = scraper_scrape_result_describe (scraper_task_get_result (task));
      else if (scraper_task_get_state (task) != SCRAPER_TASK_FAILED)
        error = NULL;

      g_print ("%s %s %7u %7u %7u %9u %8u  %s\n", name, state,
               result_count (task, "found"), result_count (task, "inserted"),
               result_count (task, "updated"), result_count (task, "unchanged"),
               result_count (task, "archived"),
               error != NULL ? error : "");
    }
}

int
scraper_cli_scrape (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) source_args = NULL;
  ScraperTaskManager *manager;
  Progress progress = { 0 };
  gboolean json = FALSE, interrupted = FALSE, any_failed = FALSE;
  int concurrency = 0;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING_ARRAY, &source_args, N_("Scrape only the source ID (repeatable)"), N_("ID") },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &concurrency, N_("Scrape N sources at the same time (1-8)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, _("Scrape the enabled sources, or the given ones."),
                                            _("Progress goes to standard error, the summary to standard output.\n"
                                              "Exit status: 0 when every source succeeded, 1 when any failed,\n"
                                              "130 when interrupted (Ctrl+C cancels the tasks; what was stored stays)."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "scrape", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc > 1)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);

  if (concurrency != 0 && (concurrency < 1 || concurrency > 8))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--concurrency takes a number from 1 to 8"));

  for (guint i = 0; source_args != NULL && source_args[i] != NULL; i++)
    {
      gint64 id;

      if (!scraper_cli_parse_id (source_args[i], &id))
        return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a source id (a positive number)"), source_args[i]);
      g_array_append_val (ids, id);
    }

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  manager = scraper_context_get_task_manager (context);
  if (concurrency > 0)
    scraper_task_manager_set_max_concurrent (manager, (guint) concurrency);

  tasks = scraper_context_scrape (context, (const gint64 *) (gpointer) ids->data, ids->len,
                                  SCRAPER_TASK_PRIORITY_USER, &error);
  if (tasks == NULL)
    {
      if (g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND))
        return scraper_cli_error (SCRAPER_CLI_FAILED, _("%s (see “job-scraper sources list”)"), error->message);
      return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);
    }

  if (tasks->len == 0)
    {
      g_printerr ("%s\n", _("No enabled sources to scrape. Add one with “job-scraper sources add URL”."));
      if (json)
        g_print ("[]\n");
      return SCRAPER_CLI_OK;
    }

  progress.manager = manager;
  progress.tasks = tasks;
  progress.tty = isatty (STDERR_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
  progress.columns = terminal_columns ();
  progress.last_line = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  progress.last_time = g_hash_table_new (NULL, NULL);
  progress.started = g_get_monotonic_time ();

  scraper_cli_wait_tasks (manager, tasks, on_tick, &progress, &interrupted);
  on_tick (&progress);

  g_hash_table_unref (progress.last_line);
  g_hash_table_unref (progress.last_time);

  for (guint i = 0; i < tasks->len; i++)
    if (scraper_task_get_state (g_ptr_array_index (tasks, i)) == SCRAPER_TASK_FAILED)
      any_failed = TRUE;

  if (json)
    print_summary_json (tasks);
  else
    print_summary_table (tasks);

  if (interrupted)
    {
      g_printerr ("%s\n", _("Interrupted: the scrape was cancelled; postings already stored are kept."));
      return SCRAPER_CLI_INTERRUPTED;
    }

  return any_failed ? SCRAPER_CLI_FAILED : SCRAPER_CLI_OK;
}
