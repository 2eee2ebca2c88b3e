/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "scraper-test-server.h"

G_BEGIN_DECLS

typedef struct {
  ScraperTestServer *server;
  char              *dir;
  char              *db;
} Fixture;

typedef struct {
  int    status;   /* exit code, or 128 + signal */
  char  *out;
  char  *err;
} Run;

/* XDG_DATA_DIRS before the test isolated it: the child needs the system's
 * schemas (GIO's proxy settings) like any program. */
extern char *system_data_dirs;

void         run_clear         (Run           *run);
const char  *binary            (void);
/* Spawns job-scraper --db DB ARGS… without a display or a session bus. */
GSubprocess *spawn_v           (Fixture       *f,
                                const char    *stdin_text,
                                const char   **args);
/* Waits for @proc; fills @run with its exit status and output. */
void         finish            (GSubprocess   *proc,
                                Run           *run);
/* Runs job-scraper --db DB ARGS... (NULL-terminated) and waits for it. */
void         cli               (Fixture       *f,
                                Run           *run,
                                ...) G_GNUC_NULL_TERMINATED;
JsonNode    *parse_json        (const char    *text);
void         fixture_set_up    (Fixture       *f,
                                gconstpointer  data);
void         fixture_tear_down (Fixture       *f,
                                gconstpointer  data);
void         rm_rf             (const char    *path);
char        *site_url          (Fixture       *f,
                                const char    *path);
/* "sources add" with the test server's @path; returns the new id. */
gint64       add_source        (Fixture       *f,
                                const char    *path,
                                const char    *kind,
                                const char    *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

G_END_DECLS
