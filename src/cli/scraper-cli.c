/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "scraper-cli.h"

static const char * const commands[] = {
  "sources", "scrape", "list", "export", "enrich", "help", NULL
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
      if (g_str_equal (arg, "--version") || g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        return TRUE;
      if (arg[0] == '-')
        continue;
      return g_strv_contains (commands, arg);
    }

  return FALSE;
}

int
scraper_cli_main (int    argc,
                  char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--version"))
      {
        g_print ("job-scraper %s\n", PACKAGE_VERSION);
        return 0;
      }

  g_printerr ("%s\n", _("Commands are not available yet."));
  return 2;
}
