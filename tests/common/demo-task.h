/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-task.h"

G_BEGIN_DECLS

/* A demonstration task for tests and benchmarks (kind "demo"): @steps
 * steps of @step_ms each, reporting progress after each; cancellable
 * during the waits.  Returns {"steps": u}.  Not part of the app. */

#define DEMO_TASK_KIND "demo"

typedef struct
{
  guint steps;
  guint step_ms;
} DemoData;

static inline void
demo_task_func (ScraperTask  *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DemoData *data = task_data;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  for (guint i = 0; i < data->steps; i++)
    {
      g_autofree char *message = NULL;

      if (!scraper_task_sleep (task, data->step_ms))
        {
          scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                "The demo task was cancelled"));
          return;
        }

      message = g_strdup_printf ("Step %u of %u", i + 1, data->steps);
      scraper_task_report (task, (double) (i + 1) / data->steps, message);
    }

  g_variant_dict_insert (&dict, "steps", "u", data->steps);
  scraper_task_return_result (task, g_variant_dict_end (&dict));
}

static inline ScraperTask *
demo_task_new (guint steps,
               guint step_ms)
{
  g_autofree char *title = g_strdup_printf ("Demo task (%u steps)", steps);
  DemoData *data = g_new0 (DemoData, 1);

  data->steps = steps;
  data->step_ms = step_ms;
  return scraper_task_new (DEMO_TASK_KIND, title, demo_task_func, data, g_free);
}

G_END_DECLS
