/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv names a command (or --help/--version): it then runs
 * headless through scraper_cli_main() instead of opening the window. */
gboolean scraper_cli_handles (int                argc,
                              const char * const *argv);
int      scraper_cli_main    (int                argc,
                              char             **argv);

G_END_DECLS
