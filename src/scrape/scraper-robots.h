/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rules of one robots.txt (RFC 9309) that apply to one product token:
 * the groups naming the token (case-insensitively), or else the "*"
 * groups.  Allow/Disallow with '*' and '$', longest match wins, Allow wins
 * a tie; Crawl-delay (seconds, fractions allowed) is kept too. */
typedef struct _ScraperRobots ScraperRobots;

/* @text need not be NUL-terminated; @product_token e.g. "JobScraper". */
ScraperRobots *scraper_robots_parse              (const char    *text,
                                                  gsize          len,
                                                  const char    *product_token);
/* A robots.txt that allows everything (missing file, server error). */
ScraperRobots *scraper_robots_new_allow_all      (void);
void           scraper_robots_free               (ScraperRobots *self);

/* @path: the URL path with its query ("/jobs?page=2"); "" means "/". */
gboolean       scraper_robots_is_allowed         (ScraperRobots *self,
                                                  const char    *path);
/* 0 when the file sets none. */
guint          scraper_robots_get_crawl_delay_ms (ScraperRobots *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperRobots, scraper_robots_free)

G_END_DECLS
