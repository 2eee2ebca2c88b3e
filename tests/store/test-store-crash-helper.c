/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Syncs large batches into a store forever, printing "batch N" after each
 * committed batch, so a test can kill it with SIGKILL at a chosen point.
 * Usage: test-store-crash-helper DB SOURCE_ID
 *        test-store-crash-helper DB --task TASK_ID
 * The second form records a running task, prints "ready" and waits until
 * killed (or until its standard input closes). */
#define G_LOG_DOMAIN "test-store-crash-helper"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "store-test-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gint64 source_id;
  guint batch = 0;

  if (argc == 4 && g_str_equal (argv[2], "--task"))
    {
      ScraperTaskRecord record = { 0, };
      char buf[64];

      store = scraper_store_open (argv[1], &error);
      record.id = argv[3];
      record.kind = (char *) "scrape";
      record.title = (char *) "Scrape from another process";
      record.state = (char *) "running";
      record.created = g_get_real_time ();
      if (store == NULL || !scraper_store_save_task (store, &record, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("ready\n");
      fflush (stdout);
      while (fread (buf, 1, sizeof buf, stdin) > 0)
        ;
      return 0;
    }

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s DB SOURCE_ID\n", argv[0]);
      return 2;
    }

  source_id = g_ascii_strtoll (argv[2], NULL, 10);
  store = scraper_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  description = g_strnfill (1500, 'd');

  /* Bounded, in case nobody kills us. */
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(ScraperSync) sync = scraper_store_begin_sync (store, source_id, &error);

      if (sync == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }

      for (guint b = 0; b < 10; b++)
        {
          g_autoptr(GPtrArray) postings = posting_array ();

          for (guint i = 0; i < 200; i++)
            {
              g_autofree char *id = g_strdup_printf ("p%u", b * 200 + i);
              g_autofree char *title = g_strdup_printf ("Engineer %u round %u", b * 200 + i, round);

              g_ptr_array_add (postings, make_posting (id, title, "Crashco", "Berlin", description));
            }

          if (!scraper_sync_add (sync, postings, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          printf ("batch %u\n", ++batch);
          fflush (stdout);
        }

      if (!scraper_sync_finish (g_steal_pointer (&sync), SCRAPER_SYNC_COMPLETE, NULL, NULL, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }

  return 0;
}
