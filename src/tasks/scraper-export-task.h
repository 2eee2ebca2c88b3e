/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "store/scraper-store.h"

G_BEGIN_DECLS

typedef enum {
  SCRAPER_EXPORT_CSV,
  SCRAPER_EXPORT_JSON,
} ScraperExportFormat;

gboolean     scraper_export_format_from_string (const char          *str,
                                                ScraperExportFormat *format);

/* Writes every posting (archived ones included) to @out: RFC 4180 CSV with a
 * header row, or a JSON array of the `list --json` shape; both add the
 * posting's contacts (a last CSV column "contacts", a JSON member
 * "contacts": [{name, role, email, link, notes}]).  Reads the store
 * in pages, so memory stays flat however many postings there are.  @task
 * (nullable) gets progress reports. */
gboolean     scraper_export_write              (ScraperStore         *store,
                                                ScraperExportFormat   format,
                                                GOutputStream        *out,
                                                ScraperTask          *task,
                                                GCancellable         *cancellable,
                                                guint                *n_written,
                                                GError              **error);

/* Kind "export": writes to @file, replacing it only once the export is
 * complete (a failed export leaves the old file as it was).  The result is
 * an a{sv} with "postings" (u) and "path" (s). */
ScraperTask *scraper_export_task_new           (ScraperStore        *store,
                                                ScraperExportFormat  format,
                                                GFile               *file);

G_END_DECLS
