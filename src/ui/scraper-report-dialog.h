/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "app/scraper-context.h"
#include "tasks/scraper-report-task.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_REPORT_DIALOG (scraper_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ScraperReportDialog, scraper_report_dialog, SCRAPER, REPORT_DIALOG, AdwWindow)

/* "Export Applications Report…": the period (from and to, whole days,
 * default the last 30 days), the format (PDF or CSV) and "Export…" (a file
 * chooser, then a "report" task: shown in Tasks, cancellable), or
 * "Print…" (GtkPrintOperation drawing the pages of the PDF). */
ScraperReportDialog *scraper_report_dialog_new        (GtkWindow           *parent,
                                                       ScraperContext      *context);
/* Dates as "YYYY-MM-DD" in the period's fields. */
void                 scraper_report_dialog_set_period (ScraperReportDialog *self,
                                                       const char          *from,
                                                       const char          *to);
void                 scraper_report_dialog_set_format (ScraperReportDialog *self,
                                                       ScraperReportFormat  format);
/* What the file chooser does once a file is chosen: submits the task and
 * closes the dialog.  Returns the task (transfer none), or NULL when the
 * period is not valid (the dialog stays, its fields marked). */
ScraperTask         *scraper_report_dialog_export_to  (ScraperReportDialog *self,
                                                       GFile               *file);
/* "Print…": reads the applications on the store's thread, then runs
 * @action (PRINT_DIALOG from the button; EXPORT to @export_file in tests). */
void                 scraper_report_dialog_print      (ScraperReportDialog     *self,
                                                       GtkPrintOperationAction  action,
                                                       const char              *export_file);
/* Whether a print is being prepared or runs (for tests). */
gboolean             scraper_report_dialog_is_printing (ScraperReportDialog *self);

/* The toast of a finished "report" task (NULL for other tasks): "Open"
 * on success (action win.open-uri with the file's URI), the one error
 * line on failure. */
AdwToast            *scraper_report_task_toast        (ScraperTask         *task);

G_END_DECLS
