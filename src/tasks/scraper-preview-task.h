/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/scraper-task.h"
#include "scrape/scraper-fetcher.h"

G_BEGIN_DECLS

/* Kind "preview": what the Add Source dialog shows before saving.  Detects
 * the kind of the source at @url (unless @kind is given), then reads a few
 * of its pages with @settings (a JSON object, nullable; its max_pages is
 * capped), storing nothing.  The result is an a{sv} with "kind" (s),
 * "found" (u), "more" (b), "titles" (as), and "company" (s) and
 * "preview-error" (s) when known. */
ScraperTask *scraper_preview_task_new (ScraperFetcher *fetcher,
                                       const char     *url,
                                       const char     *kind,
                                       const char     *settings,
                                       const char     *title);

G_END_DECLS
