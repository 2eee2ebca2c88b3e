/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-report-task.h"

typedef struct {
  ScraperStore        *store;
  GDateTime           *from;   /* the first day, 00:00 local */
  GDateTime           *to;     /* the last day, 00:00 local */
  ScraperReportFormat  format;
  ScraperReportPaper   paper;
  GFile               *file;
} ReportData;

static void
report_data_free (gpointer p)
{
  ReportData *data = p;

  g_clear_object (&data->store);
  g_clear_pointer (&data->from, g_date_time_unref);
  g_clear_pointer (&data->to, g_date_time_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static void
report_task_run (ScraperTask  *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ReportData *data = task_data;
  g_autoptr(GDateTime) end = g_date_time_add_days (data->to, 1);
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);
  g_autofree char *uri = g_file_get_uri (data->file);
  g_autofree char *name = g_file_get_parse_name (data->file);
  GVariantDict dict;

  scraper_task_report (task, 0, _("Reading the applications"));
  if (!(applications = scraper_store_list_applications (data->store, data->from, end, &error)))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  scraper_task_report (task, 0.5, _("Writing the report"));
  if (data->format == SCRAPER_REPORT_PDF)
    bytes = scraper_report_to_pdf (applications, data->from, data->to, data->paper, &error);
  else
    {
      char *csv = scraper_report_to_csv (applications);

      bytes = g_bytes_new_take (csv, strlen (csv));
    }
  if (bytes == NULL)
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Writing the file into place is the point of no return (refused once
   * cancelled); it is written whole to a temporary file, then renamed. */
  if (!scraper_task_begin_final (task) && g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_file_replace_contents (data->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      scraper_task_return_error (task, g_error_new (error->domain, error->code,
                                                    _("Could not write the report to “%s”: %s"),
                                                    name, error->message));
      return;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "applications", "u", applications->len);
  g_variant_dict_insert (&dict, "path", "s", path != NULL ? path : name);
  g_variant_dict_insert (&dict, "uri", "s", uri);
  scraper_task_return_result (task, g_variant_dict_end (&dict));
}

static GDateTime *
local_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local), 0, 0, 0);
}

ScraperTask *
scraper_report_task_new (ScraperStore        *store,
                         GDateTime           *from,
                         GDateTime           *to,
                         ScraperReportFormat  format,
                         ScraperReportPaper   paper,
                         GFile               *file)
{
  ReportData *data;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  data = g_new0 (ReportData, 1);
  data->store = g_object_ref (store);
  data->from = local_day (from);
  data->to = local_day (to);
  data->format = format;
  data->paper = paper;
  data->file = g_object_ref (file);

  basename = g_file_get_basename (file);
  /* Translators: task title, %s is a file name */
  title = g_strdup_printf (_("Applications Report to %s"), basename);

  return scraper_task_new ("report", title, report_task_run, data, report_data_free);
}
