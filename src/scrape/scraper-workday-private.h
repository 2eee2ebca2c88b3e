/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Workday career sites (scraper-adapter-workday.c): the network-free parts,
 * for the adapter and its tests.  Internal to src/scrape. */

#include "scraper-adapter-ats.h"

G_BEGIN_DECLS

/* A career site as the user pasted it: https://TENANT.wdN.myworkdayjobs.com
 * /[LOCALE/]SITE (or its /wday/cxs/TENANT/SITE/jobs API address, or a
 * posting's address below it), or wdN.myworkdaysite.com/[LOCALE/]recruiting
 * /TENANT/SITE. */
typedef struct {
  char *origin;   /* "https://gamma.wd5.myworkdayjobs.com" (a port when the URL has one) */
  char *tenant;   /* "gamma" */
  char *site;     /* "GammaCareers" */
  char *locale;   /* "en-US", or NULL */
  gboolean recruiting; /* myworkdaysite.com: pages live below /recruiting/TENANT/ */
} ScraperWorkdaySite;

/* SCRAPER_ADAPTER_ERROR_SETTINGS when @url names no Workday career site. */
ScraperWorkdaySite *scraper_workday_site_parse      (const char          *url,
                                                     GError             **error);
void                scraper_workday_site_free       (ScraperWorkdaySite  *site);
/* ORIGIN/wday/cxs/TENANT/SITE/jobs: the listing, a POST. */
char               *scraper_workday_site_jobs_url   (const ScraperWorkdaySite *site);
/* ORIGIN/wday/cxs/TENANT/SITE + @external_path: a posting's detail. */
char               *scraper_workday_site_detail_url (const ScraperWorkdaySite *site,
                                                     const char               *external_path);
/* ORIGIN/[LOCALE/]SITE + @external_path: the page users see. */
char               *scraper_workday_site_page_url   (const ScraperWorkdaySite *site,
                                                     const char               *external_path);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperWorkdaySite, scraper_workday_site_free)

/* For scraper_ats_api_url(): the listing's address, and the tenant as the
 * board (it names the employer: "gamma" for Gamma). */
char               *scraper_workday_api_url         (const char  *source_url,
                                                     char       **board,
                                                     GError     **error);

/* "Posted Today", "Posted Yesterday", "Posted 3 Days Ago" (and German
 * "Heute", "Gestern", "Vor 3 Tagen") -> "YYYY-MM-DD" counted back from
 * @now's date; NULL for "Posted 30+ Days Ago" (only a bound) and anything
 * else. */
char               *scraper_workday_relative_date   (const char *text,
                                                     GDateTime  *now);

/* One entry of a listing page: the posting as far as the listing tells
 * (title, place, date, id), and its path for the detail. */
typedef struct {
  char           *external_path;  /* "/job/Berlin/Engineer_JR1", checked: one path below the site */
  ScraperPosting *posting;
} ScraperWorkdayItem;

void                scraper_workday_item_free       (ScraperWorkdayItem *item);

/* A page of {"total": N, "jobPostings": [...]}: its items (element type
 * ScraperWorkdayItem; an entry without title or a usable externalPath is
 * left out), the total it states (0 when it states none) in context->total,
 * and the entries read in context->n_items.  SCRAPER_ADAPTER_ERROR_PARSE
 * when the document is not a Workday listing. */
GPtrArray          *scraper_workday_parse_jobs      (const char               *data,
                                                     gsize                     length,
                                                     const ScraperWorkdaySite *site,
                                                     ScraperAtsParseContext   *context,
                                                     GDateTime                *now,
                                                     GError                  **error);

/* Fills @posting from a detail document {"jobPostingInfo": {...},
 * "hiringOrganization": {...}}: description, places, date, kind of
 * employment and work place, company, requisition id.  FALSE with
 * SCRAPER_ADAPTER_ERROR_PARSE (and @posting untouched) when it is not one. */
gboolean            scraper_workday_apply_detail    (ScraperPosting           *posting,
                                                     const char               *data,
                                                     gsize                     length,
                                                     const char               *board,
                                                     GDateTime                *now,
                                                     GError                  **error);

G_END_DECLS
