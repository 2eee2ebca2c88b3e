/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-cli-private.h"
#include "tasks/scraper-track-task.h"

/* `track URL [--status STATUS]`: stores the one posting at URL with a
 * source of its own (kind "manual") and prints the posting's id. */

static gboolean
web_address (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0);
}

int
scraper_cli_track (const ScraperCliGlobal *global,
                   int                     argc,
                   char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperTask) task = NULL;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new ();
  g_autofree char *status_arg = NULL;
  ScraperPostingStatus status = SCRAPER_STATUS_NEW;
  gboolean interrupted = FALSE, added = FALSE;
  gint64 posting_id = 0;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "status", 's', 0, G_OPTION_ARG_STRING, &status_arg, N_("Set the application status (new, saved, applied, interviewing, offer, rejected, closed)"), N_("STATUS") },
    { NULL }
  };

  options = scraper_cli_option_context_new (_("URL"), _("Track one posting and print its id."),
                                            _("URL is a page with JobPosting data, or a posting on a known\n"
                                              "board (Greenhouse, Lever, Ashby, Workable, SmartRecruiters,\n"
                                              "Recruitee, Personio). The posting gets a source of its own that\n"
                                              "each scrape refreshes; it is kept when its page goes away."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "track", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc != 2)
    return scraper_cli_error (SCRAPER_CLI_USAGE, argc < 2 ? _("track needs the URL of a posting")
                                                          : _("track takes one URL"));
  if (!web_address (argv[1]))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a web address (http or https)"), argv[1]);
  if (status_arg != NULL && !scraper_posting_status_from_string (status_arg, &status))
    return scraper_cli_error (SCRAPER_CLI_USAGE,
                              _("Unknown status “%s”; use new, saved, applied, interviewing, offer, rejected or closed"),
                              status_arg);

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  task = scraper_track_task_new (scraper_context_get_store (context), scraper_context_get_fetcher (context),
                                 scraper_context_get_enricher (context), argv[1],
                                 status_arg != NULL ? (gint) status : -1);
  scraper_task_manager_submit (scraper_context_get_task_manager (context), task, SCRAPER_TASK_PRIORITY_USER);
  g_ptr_array_add (tasks, task);
  scraper_cli_wait_tasks (scraper_context_get_task_manager (context), tasks, NULL, NULL, &interrupted);

  if (interrupted || scraper_task_get_state (task) == SCRAPER_TASK_CANCELLED)
    {
      g_printerr ("%s\n", _("Interrupted: nothing was tracked."));
      return SCRAPER_CLI_INTERRUPTED;
    }
  if (scraper_task_get_state (task) != SCRAPER_TASK_COMPLETED)
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", scraper_task_get_error (task));

  g_variant_lookup (scraper_task_get_result (task), "posting-id", "x", &posting_id);
  g_variant_lookup (scraper_task_get_result (task), "added", "b", &added);
  g_print ("%" G_GINT64_FORMAT "\n", posting_id);
  {
    const char *title = NULL;

    g_variant_lookup (scraper_task_get_result (task), "title", "&s", &title);
    g_printerr (added ? _("Tracking “%s”.\n") : _("Already tracked: “%s”, refreshed.\n"), title != NULL ? title : "");
  }
  return SCRAPER_CLI_OK;
}
