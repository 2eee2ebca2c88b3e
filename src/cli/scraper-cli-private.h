/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "app/scraper-context.h"
#include "scraper-cli.h"

G_BEGIN_DECLS

/* Exit codes of the command line. */
enum {
  SCRAPER_CLI_OK          = 0,
  SCRAPER_CLI_FAILED      = 1,
  SCRAPER_CLI_USAGE       = 2,
  SCRAPER_CLI_INTERRUPTED = 130,
};

typedef struct {
  const char *db_path;   /* --db, or NULL */
  const char *command;   /* "sources", "scrape", ... */
} ScraperCliGlobal;

typedef int (*ScraperCliCommand) (const ScraperCliGlobal *global,
                                  int                     argc,
                                  char                  **argv);

int             scraper_cli_sources (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_scrape  (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_list    (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_export  (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_enrich  (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_searches (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_track   (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_sources_find (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_status  (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_history (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_remind  (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_reminders (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_block   (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_blocks  (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_unblock (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_stats   (const ScraperCliGlobal *global, int argc, char **argv);
int             scraper_cli_report  (const ScraperCliGlobal *global, int argc, char **argv);

/* One clear line on stderr: "job-scraper: MESSAGE". Returns @code. */
int             scraper_cli_error   (int         code,
                                     const char *format,
                                     ...) G_GNUC_PRINTF (2, 3);
/* Parses the options of one command; on error prints it with a hint to
 * --help and returns FALSE. */
gboolean        scraper_cli_parse   (GOptionContext *context,
                                     const char     *command,
                                     int            *argc,
                                     char         ***argv);
GOptionContext *scraper_cli_option_context_new (const char *parameter_string,
                                                const char *summary,
                                                const char *description);
/* Opens the database named by --db, $JOB_SCRAPER_DB or the default. */
ScraperContext *scraper_cli_open    (const ScraperCliGlobal *global,
                                     int                    *exit_code);
/* --status and --min-salary into @query; on error prints it and returns
 * FALSE (a usage error). */
gboolean        scraper_cli_parse_filters (const char   *status,
                                           double        min_salary,
                                           ScraperQuery *query);
gboolean        scraper_cli_parse_id (const char *str,
                                      gint64     *id);
/* A listing command that takes only --json: parses it (usage errors are
 * printed, *exit_code set) and opens the database. */
ScraperContext *scraper_cli_open_listing (const ScraperCliGlobal  *global,
                                          const char              *command,
                                          const char              *summary,
                                          int                      argc,
                                          char                   **argv,
                                          gboolean                *json,
                                          int                     *exit_code);
/* Prints @node as pretty JSON and a newline on stdout. */
void            scraper_cli_print_json (JsonNode *node);
typedef JsonNode *(*ScraperCliToJson) (gconstpointer item);
/* Prints @items as a pretty JSON array, each turned by @to_json. */
void            scraper_cli_print_json_array (GPtrArray        *items,
                                              ScraperCliToJson  to_json);
/* Runs the main loop until every task in @tasks has finished, or until
 * SIGINT/SIGTERM, which cancels them all (then *interrupted is TRUE).
 * @on_tick (nullable) runs every 100 ms while waiting. */
void            scraper_cli_wait_tasks (ScraperTaskManager *manager,
                                        GPtrArray          *tasks,
                                        void              (*on_tick) (gpointer user_data),
                                        gpointer            user_data,
                                        gboolean           *interrupted);
/* Display width of a UTF-8 string, and a copy cut to @width columns with an
 * ellipsis and padded with spaces. */
char           *scraper_cli_fit     (const char *str,
                                     guint       width);

G_END_DECLS
