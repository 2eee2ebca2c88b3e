/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "job-scraper"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <locale.h>

#include "app/scraper-application.h"
#include "cli/scraper-cli.h"
#include "ui/scraper-ui.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScraperApplication) app = NULL;
  int ret;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  xmlInitParser ();

  /* Commands run headless: no display, no session bus. */
  if (scraper_cli_handles (argc, (const char * const *) argv))
    ret = scraper_cli_main (argc, argv);
  else
    {
      app = scraper_application_new ();
      scraper_ui_setup (app);
      ret = g_application_run (G_APPLICATION (app), argc, argv);
    }

  xmlCleanupParser ();

  return ret;
}
