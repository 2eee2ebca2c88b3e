/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-task.h"

G_BEGIN_DECLS

#define SCRAPER_DEMO_TASK_KIND "demo"

/* A demonstration task (kind "demo") for tests and benchmarks: @steps
 * steps of @step_ms milliseconds each (a cancellable wait), reporting
 * progress after each, then a result {"steps": <uint32>}.  Zero steps
 * completes at once.  It does no real work and is never what the app's
 * Scrape action runs. */
ScraperTask *scraper_demo_task_new (guint steps,
                                    guint step_ms);

G_END_DECLS
