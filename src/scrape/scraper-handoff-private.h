/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-handoff.h"

G_BEGIN_DECLS

/* Bounds on the work one page may cause. */
#define SCRAPER_HANDOFF_MAX_SCAN   (8 * 1024 * 1024) /* bytes of script text and attributes scanned */
#define SCRAPER_HANDOFF_MAX_TRIES  2000              /* candidate URLs looked at */
#define SCRAPER_HANDOFF_MAX_BOARDS 32                /* boards returned */

G_END_DECLS
