/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "store/scraper-store.h"
#include "scraper-report.h"

G_BEGIN_DECLS

typedef enum {
  SCRAPER_REPORT_CSV,
  SCRAPER_REPORT_PDF,
} ScraperReportFormat;

/* Kind "report": the applications with an event from the day of @from to
 * the day of @to (both whole local days) written to @file as CSV or PDF
 * (@paper), atomically: a failed or cancelled task leaves nothing new.
 * The result is an a{sv} with "applications" (u), "path" (s) and "uri" (s). */
ScraperTask *scraper_report_task_new (ScraperStore        *store,
                                      GDateTime           *from,
                                      GDateTime           *to,
                                      ScraperReportFormat  format,
                                      ScraperReportPaper   paper,
                                      GFile               *file);

G_END_DECLS
