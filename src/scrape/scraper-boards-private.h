/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The boards added after the first ATS kinds (workday, bamboohr, pinpoint,
 * ...): their addresses, and the network-free parsers their tests use.
 * Internal to src/scrape. */

#include "scraper-adapter-ats.h"
#include "scraper-handoff.h"

G_BEGIN_DECLS

/* Whether @kind is one of these boards, whose API address
 * scraper_board_api_url() tells (scraper_ats_api_url() hands it on). */
gboolean   scraper_board_handles_kind (const char  *kind);
/* The API address of the board a user pasted, and the board's token
 * (@board, nullable out: the company's slug, naming the source).  A URL on
 * another host is taken as the API document itself when its path is the
 * API's (a mirror, a stand-in).  SCRAPER_ADAPTER_ERROR_SETTINGS when the
 * URL names no board of @kind. */
char      *scraper_board_api_url      (const char  *kind,
                                       const char  *source_url,
                                       char       **board,
                                       GError     **error);

/* BambooHR (scraper-adapter-bamboohr.c).  context->base_url is the list's
 * address (https://COMPANY.bamboohr.com/careers/list): postings are at
 * .../careers/ID, details at .../careers/ID/detail. */
GPtrArray *scraper_bamboohr_parse        (const char *, gsize, ScraperAtsParseContext *, GError **);
/* Completes @posting from {"result": {"jobOpening": {...}}}.  FALSE with
 * SCRAPER_ADAPTER_ERROR_PARSE (and @posting untouched) when it is not one. */
gboolean   scraper_bamboohr_apply_detail (ScraperPosting *posting,
                                          const char     *data,
                                          gsize           length,
                                          const char     *board,
                                          GError        **error);

/* Pinpoint (scraper-adapter-pinpoint.c) and Gem (scraper-adapter-gem.c):
 * one document each; context->base_url resolves relative links. */
GPtrArray *scraper_pinpoint_parse        (const char *, gsize, ScraperAtsParseContext *, GError **);
GPtrArray *scraper_gem_parse             (const char *, gsize, ScraperAtsParseContext *, GError **);

/* Jobvite (scraper-adapter-jobvite.c): the XML feed <result><job>...,
 * the company id a site's page names for it (NULL when none), and the
 * feed's month-first dates. */
GPtrArray *scraper_jobvite_parse            (const char *, gsize, ScraperAtsParseContext *, GError **);
char      *scraper_jobvite_find_company_id  (const char *page,
                                             gsize       length);
char      *scraper_jobvite_date             (const char *str);

/* Paylocity (scraper-adapter-paylocity.c): the board's page, whose
 * postings are in "window.pageData = {...}" (scraper_js_assigned_json());
 * whether a string is a company's number there. */
GPtrArray *scraper_paylocity_parse          (const char *, gsize, ScraperAtsParseContext *, GError **);
gboolean   scraper_paylocity_guid_is_valid  (const char *guid);

/* Phenom (scraper-adapter-phenom.c): whether a page is a Phenom site's
 * search (its "phApp.ddo" script lists postings); one page of it, and
 * in *hits how many the site puts on a page (as many as it lists when it
 * does not say); the site's address
 * up to its locale, from a page's address or a posting's locale. */
gboolean   scraper_phenom_page_is_search    (const char *data,
                                             gsize       length);
GPtrArray *scraper_phenom_parse_page        (const char             *data,
                                             gsize                   length,
                                             ScraperAtsParseContext *context,
                                             guint                  *hits,
                                             GError                **error);
char      *scraper_phenom_site              (const char *page_url,
                                             const char *locale);
/* A page of a Phenom site that is not its search (its home, a category:
 * @data has "phApp.ddo"): the site's search page SITE/search-results, as
 * a board the page hands off to, when it is one.  NULL otherwise, with
 * @error set only when @cancellable was cancelled. */
ScraperHandoff *scraper_phenom_find_search  (ScraperFetcher  *fetcher,
                                             const char      *page_url,
                                             const char      *data,
                                             gsize            length,
                                             GCancellable    *cancellable,
                                             GError         **error);

/* JOIN (scraper-adapter-join.c): the company's number (and name, nullable
 * out) in a company page's Next.js state, NULL when none; one page of the
 * paged list, its page count in *page_count (0 when not said). */
char      *scraper_join_find_company        (const char  *page,
                                             gsize        length,
                                             char       **name);
GPtrArray *scraper_join_parse_page          (const char             *data,
                                             gsize                   length,
                                             const char             *company,
                                             ScraperAtsParseContext *context,
                                             guint                  *page_count,
                                             GError                **error);

G_END_DECLS
