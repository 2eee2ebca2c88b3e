/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-find-task"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-find-task.h"

typedef struct {
  ScraperFetcher *fetcher;
  char           *name;
} FindData;

static void
find_data_free (gpointer p)
{
  FindData *data = p;

  g_clear_object (&data->fetcher);
  g_free (data->name);
  g_free (data);
}

typedef struct {
  ScraperTask *task;
  guint        found;
} FindRun;

static void
on_progress (guint                    done,
             guint                    total,
             const ScraperBoardProbe *probe,
             const ScraperFoundBoard *found,
             gpointer                 user_data)
{
  FindRun *run = user_data;
  g_autofree char *message = NULL;

  if (found != NULL)
    run->found++;
  /* Translators: progress of the company finder: the job board asked, the
   * name asked for, then how many requests of how many were made */
  message = g_strdup_printf (_("Asked %s for “%s” (%u of %u)"), probe->label, probe->slug, done, total);
  scraper_task_report (run->task, total > 0 ? (double) done / total : SCRAPER_TASK_FRACTION_INDETERMINATE,
                       message);
}

static void
find_task_run (ScraperTask  *task,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FindData *data = task_data;
  FindRun run = { task, 0 };
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unreachable = NULL;
  GVariantBuilder list;
  GVariantDict dict;
  guint n_probes = 0;

  scraper_task_report (task, 0.0, _("Asking the job boards…"));

  boards = scraper_finder_run (data->fetcher, data->name, on_progress, &run, &n_probes, &unreachable,
                               cancellable, &error);
  if (boards == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The search was cancelled"));
        }
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(sssu)"));
  for (guint i = 0; i < boards->len; i++)
    {
      ScraperFoundBoard *board = g_ptr_array_index (boards, i);

      g_variant_builder_add (&list, "(sssu)", board->kind, board->url,
                             board->name != NULL ? board->name : "", board->postings);
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "name", "s", data->name);
  g_variant_dict_insert (&dict, "probes", "u", n_probes);
  g_variant_dict_insert_value (&dict, "boards", g_variant_builder_end (&list));
  g_variant_dict_insert_value (&dict, "unreachable",
                               g_variant_new_strv ((const char * const *) unreachable,
                                                   unreachable != NULL ? -1 : 0));

  {
    g_autoptr(GVariant) result = g_variant_ref_sink (g_variant_dict_end (&dict));
    g_autofree char *summary = scraper_find_result_describe (result);

    scraper_task_report (task, 1.0, summary);
    scraper_task_return_result (task, result);
  }
}

ScraperTask *
scraper_find_task_new (ScraperFetcher *fetcher,
                       const char     *name)
{
  FindData *data;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = g_new0 (FindData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->name = g_strstrip (g_strdup (name));

  /* Translators: the title of the task that looks a company up on job boards */
  title = g_strdup_printf (_("Finding “%s”"), data->name);
  return scraper_task_new ("find", title, find_task_run, data, find_data_free);
}

GPtrArray *
scraper_find_result_get_boards (GVariant *result)
{
  GPtrArray *boards = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_found_board_free);
  g_autoptr(GVariant) list = NULL;
  GVariantIter iter;
  const char *kind, *url, *name;
  guint32 postings;

  if (result == NULL || !g_variant_is_of_type (result, G_VARIANT_TYPE_VARDICT))
    return boards;
  list = g_variant_lookup_value (result, "boards", G_VARIANT_TYPE ("a(sssu)"));
  if (list == NULL)
    return boards;

  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "(&s&s&su)", &kind, &url, &name, &postings))
    g_ptr_array_add (boards, scraper_found_board_new (kind, url, name, postings));
  return boards;
}

char *
scraper_find_result_describe (GVariant *result)
{
  g_autoptr(GPtrArray) boards = scraper_find_result_get_boards (result);
  g_autoptr(GString) labels = g_string_new (NULL);

  if (boards->len == 0)
    {
      g_autofree char *all = scraper_finder_describe_boards ();
      const char *name = NULL;

      if (result != NULL)
        g_variant_lookup (result, "name", "&s", &name);
      /* Translators: the first %s is a company name, the second a list of
       * job boards ("Greenhouse, Lever … or Personio") */
      return g_strdup_printf (_("“%s” was not found on %s"), name != NULL ? name : "", all);
    }

  for (guint i = 0; i < boards->len; i++)
    {
      ScraperFoundBoard *board = g_ptr_array_index (boards, i);

      if (i > 0)
        g_string_append (labels, i + 1 == boards->len ? _(" and ") : _(", "));
      g_string_append (labels, scraper_finder_kind_label (board->kind));
    }
  /* Translators: %s is a list of job boards, "Greenhouse and Lever" */
  return g_strdup_printf (_("Found on %s"), labels->str);
}
