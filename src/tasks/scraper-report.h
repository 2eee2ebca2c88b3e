/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "store/scraper-store-applications.h"

G_BEGIN_DECLS

/* The report of applications (a proof of job search), as CSV or PDF.
 * Both are written atomically: a temporary file renamed over @file once
 * complete; on an error nothing is created. */

typedef enum {
  SCRAPER_REPORT_PAPER_A4,
  SCRAPER_REPORT_PAPER_LETTER,
} ScraperReportPaper;

/* Letter where the locale's paper is (LC_PAPER), else A4. */
ScraperReportPaper scraper_report_default_paper     (void);
gboolean           scraper_report_paper_from_string (const char          *str,
                                                     ScraperReportPaper  *paper);

/* One row per stage event, a header first: company, title, source, link,
 * date, from, to, note, contacts (RFC 4180). */
char              *scraper_report_to_csv            (GPtrArray           *applications);
gboolean           scraper_report_write_csv         (GPtrArray           *applications,
                                                     GFile               *file,
                                                     GError             **error);
/* The size of @paper in points. */
void               scraper_report_paper_size        (ScraperReportPaper   paper,
                                                     double              *width,
                                                     double              *height);
/* Draws the report's pages on @cr, in points, each @width × @height with
 * margins of 2 cm: all of them with cairo_show_page() between them when
 * @page is -1 (a PDF), else only page @page (0-based; a print operation's
 * page).  Returns the number of pages.  @from and @to (the last day)
 * title the report.  The PDF and the printed report are both this. */
int                scraper_report_draw              (GPtrArray           *applications,
                                                     GDateTime           *from,
                                                     GDateTime           *to,
                                                     cairo_t             *cr,
                                                     double               width,
                                                     double               height,
                                                     int                  page);
/* @from and @to (the last day) title the report. */
GBytes            *scraper_report_to_pdf            (GPtrArray           *applications,
                                                     GDateTime           *from,
                                                     GDateTime           *to,
                                                     ScraperReportPaper   paper,
                                                     GError             **error);
gboolean           scraper_report_write_pdf         (GPtrArray           *applications,
                                                     GDateTime           *from,
                                                     GDateTime           *to,
                                                     ScraperReportPaper   paper,
                                                     GFile               *file,
                                                     GError             **error);

G_END_DECLS
