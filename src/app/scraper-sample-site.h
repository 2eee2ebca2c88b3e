/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The offline sample job board: a small career site bundled as a GResource
 * (data/sample-site/) served by an in-process HTTP server on 127.0.0.1 with
 * an ephemeral port, in a thread of its own, so that a new user can see the
 * whole flow (add a source, scrape, browse postings) without network. */
typedef struct _ScraperSampleSite ScraperSampleSite;

/* The name and kind the sample source is stored with. */
#define SCRAPER_SAMPLE_SITE_SOURCE_KIND "jsonld"

/* Starts a server.  Returns NULL with an error when it cannot listen. */
ScraperSampleSite *scraper_sample_site_start   (GError            **error);
/* The listing page: "http://127.0.0.1:PORT/careers/index.html". */
const char        *scraper_sample_site_get_url (ScraperSampleSite  *self);
/* Stops the server and joins its thread. */
void               scraper_sample_site_stop    (ScraperSampleSite  *self);

/* The one server of this process, started on first use and stopped at
 * exit; NULL with an error when it cannot listen.  Main thread. */
ScraperSampleSite *scraper_sample_site_get_default (GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperSampleSite, scraper_sample_site_stop)

G_END_DECLS
