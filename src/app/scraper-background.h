/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Running in the background: the app starts at login without a window
 * (`job-scraper --background`) so that reminders and the automatic scrape
 * fire with the window closed.  Under Flatpak the Background portal asks
 * the user's consent and writes the autostart entry; elsewhere an entry in
 * $XDG_CONFIG_HOME/autostart does the same. */

/* The command line the session starts at login. */
#define SCRAPER_BACKGROUND_OPTION "--background"

/* $XDG_CONFIG_HOME/autostart/APP_ID.desktop */
char     *scraper_background_autostart_path   (void);
/* The Exec line of the autostart entry: the installed binary with
 * --background, quoted as the Desktop Entry spec wants. */
char     *scraper_background_exec_line        (void);
/* Writes (@enabled) or removes the autostart entry, atomically; removing
 * an entry that is not there succeeds. */
gboolean  scraper_background_set_autostart    (gboolean             enabled,
                                               GError             **error);
/* TRUE inside a Flatpak sandbox, where only the portal may start us. */
gboolean  scraper_background_in_sandbox       (void);

/* Asks for running in the background (and being started at login) or for
 * no longer doing so: through the portal in a sandbox (the user may say
 * no: G_IO_ERROR_PERMISSION_DENIED), through the autostart entry
 * elsewhere.  The callback runs in the caller's main context. */
void      scraper_background_request_async    (gboolean             enabled,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  scraper_background_request_finish   (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
