/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tasks/scraper-export-task.h"
#include "scraper-toast.h"
#include "scraper-export-jobs.h"

static GtkFileFilter *
filter_new (const char *name,
            const char *mime_type,
            const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static void
on_response (GtkNativeDialog *native,
             int              response,
             ScraperContext  *context)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
      g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;
      GtkFileFilter *chosen = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      gboolean json = (lower != NULL && g_str_has_suffix (lower, ".json")) ||
                      (chosen != NULL && g_object_get_data (G_OBJECT (chosen), "json") != NULL &&
                       (lower == NULL || !g_str_has_suffix (lower, ".csv")));

      if (file != NULL)
        {
          g_autoptr(ScraperTask) task = scraper_export_task_new (scraper_context_get_store (context),
                                                                 json ? SCRAPER_EXPORT_JSON : SCRAPER_EXPORT_CSV,
                                                                 file);

          scraper_task_manager_submit (scraper_context_get_task_manager (context), task,
                                       SCRAPER_TASK_PRIORITY_USER);
        }
    }

  g_object_unref (native);
  g_object_unref (context);
}

void
scraper_export_jobs_run (GtkWindow      *parent,
                         ScraperContext *context)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) csv = filter_new (_("CSV Spreadsheets"), "text/csv", "*.csv");
  g_autoptr(GtkFileFilter) json = filter_new (_("JSON Files"), "application/json", "*.json");

  g_return_if_fail (SCRAPER_IS_CONTEXT (context));

  g_object_set_data (G_OBJECT (json), "json", GINT_TO_POINTER (TRUE));
  native = gtk_file_chooser_native_new (_("Export Jobs"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), json);
  /* Translators: the file name an export of the jobs is offered under */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("jobs.csv"));
  g_signal_connect (native, "response", G_CALLBACK (on_response), g_object_ref (context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

AdwToast *
scraper_export_jobs_toast (ScraperTask *task)
{
  GVariant *result;
  const char *path = NULL;
  guint n = 0;

  g_return_val_if_fail (SCRAPER_IS_TASK (task), NULL);

  if (g_strcmp0 (scraper_task_get_kind (task), "export") != 0)
    return NULL;

  switch (scraper_task_get_state (task))
    {
    case SCRAPER_TASK_COMPLETED:
      {
        g_autofree char *name = NULL;
        g_autofree char *title = NULL;

        result = scraper_task_get_result (task);
        if (result != NULL)
          {
            g_variant_lookup (result, "postings", "u", &n);
            g_variant_lookup (result, "path", "&s", &path);
          }
        name = path != NULL ? g_path_get_basename (path) : g_strdup ("");
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u job exported to “%s”",
                                              "%u jobs exported to “%s”", n), n, name);
        return scraper_toast_new_plain (title);
      }
    case SCRAPER_TASK_FAILED:
      {
        g_autofree char *title = g_strdup_printf (_("Could not export the jobs: %s"),
                                                  scraper_task_get_error (task));

        return scraper_toast_new_plain (title);
      }
    case SCRAPER_TASK_CANCELLED:
    case SCRAPER_TASK_INTERRUPTED:
    case SCRAPER_TASK_PENDING:
    case SCRAPER_TASK_RUNNING:
    case SCRAPER_TASK_CANCELLING:
    default:
      return NULL;
    }
}
