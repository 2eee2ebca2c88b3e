/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the applicant-tracking-system adapters (greenhouse,
 * lever, ashby, workable, smartrecruiters, recruitee, personio).  Internal
 * to src/scrape. */

#include <json-glib/json-glib.h>

#include "scraper-adapter-private.h"

G_BEGIN_DECLS

/* Postings per callbacks->postings call: a board comes in one response (or
 * a few pages), so its postings are stored in chunks of this size, each a
 * transaction and a step of the progress bar (about 25 ms at the store's
 * pace: see SCRAPER_BATCH_MAX for why a batch should not be small). */
#define SCRAPER_ATS_BATCH_SIZE 500

/* One kind of board: how it is named in messages and how a document of it
 * becomes postings. */
typedef struct {
  const char         *kind;   /* "greenhouse" */
  const char         *label;  /* "Greenhouse", for messages */
  ScraperAtsParseFunc parse;
} ScraperAtsKind;

/* Fetches source->url's API document (one request; conditional when the
 * callbacks keep validators), parses it and hands the postings on in
 * batches.  Used by every kind but smartrecruiters (paged). */
gboolean    scraper_ats_run_single       (const ScraperAtsKind          *kind,
                                          ScraperSource                 *source,
                                          ScraperFetcher                *fetcher,
                                          const ScraperAdapterCallbacks *callbacks,
                                          ScraperAdapterStats           *stats,
                                          GCancellable                  *cancellable,
                                          GError                       **error);

/* Fetches @url; the error names the board.  Returns NULL with @error set,
 * or a response (maybe not_modified). */
ScraperResponse *scraper_ats_fetch       (const ScraperAtsKind          *kind,
                                          const char                    *board,
                                          ScraperFetcher                *fetcher,
                                          const char                    *url,
                                          const ScraperAdapterCallbacks *callbacks,
                                          gboolean                       conditional,
                                          GCancellable                  *cancellable,
                                          GError                       **error);

/* Hands @postings to callbacks->postings in batches and reports progress
 * (@done_before + n of @total).  FALSE with @error when the consumer
 * refused a batch or @cancellable fired. */
gboolean    scraper_ats_deliver          (GPtrArray                     *postings,
                                          const ScraperAdapterCallbacks *callbacks,
                                          guint                          done_before,
                                          guint                          total,
                                          GCancellable                  *cancellable,
                                          GError                       **error);

/* scraper_ats_deliver() of the @postings whose external_id is not yet in
 * @seen (a page of a paged board may repeat one that moved across a page
 * boundary), adding them to it; *@delivered and stats->postings_found
 * grow by their number, *@n_fresh. */
gboolean    scraper_ats_deliver_unseen   (GPtrArray                     *postings,
                                          GHashTable                    *seen,
                                          const ScraperAdapterCallbacks *callbacks,
                                          guint                         *delivered,
                                          guint                          total,
                                          ScraperAdapterStats           *stats,
                                          guint                         *n_fresh,
                                          GCancellable                  *cancellable,
                                          GError                       **error);

/* Parses @data as JSON; on failure a SCRAPER_ADAPTER_ERROR_PARSE that names
 * the board.  The root must be of @root_type (JSON_NODE_OBJECT/ARRAY). */
JsonNode   *scraper_ats_parse_json       (const char                    *data,
                                          gsize                          length,
                                          const char                    *label,
                                          const char                    *board,
                                          JsonNodeType                   root_type,
                                          GError                       **error);

/* Type-checked members: NULL / FALSE when absent, null or of another type. */
const char *scraper_ats_json_string      (JsonObject *object, const char *member);
JsonObject *scraper_ats_json_object      (JsonObject *object, const char *member);
JsonArray  *scraper_ats_json_array       (JsonObject *object, const char *member);
gboolean    scraper_ats_json_boolean     (JsonObject *object, const char *member, gboolean *out);
/* A number, or a string holding one ("75000"). */
gboolean    scraper_ats_json_number      (JsonObject *object, const char *member, double *out);
gboolean    scraper_ats_json_int         (JsonObject *object, const char *member, gint64 *out);
/* An id given as a string or an integer, as a new string. */
char       *scraper_ats_json_dup_id      (JsonObject *object, const char *member);
/* The object at @index of @array, or NULL when it is something else. */
JsonObject *scraper_ats_json_array_object (JsonArray *array, guint index);

/* "2026-08-05 10:10:39 UTC", ISO 8601, RFC 822 ... -> "YYYY-MM-DD". */
char       *scraper_ats_date             (const char *str);

/* "US", "us", "USA", "United States", "Deutschland", "UK" -> "US"/"DE"/"GB";
 * NULL when unknown. */
char       *scraper_ats_country_code     (const char *name_or_code);
/* The country named by the last comma-separated part of @location. */
char       *scraper_ats_country_from_location (const char *location);

/* "FullTime", "Full-time", "fulltime_permanent", "Contract", "Intern" ->
 * FULL_TIME, CONTRACTOR, INTERN ...; unknown words become upper-case tokens. */
char       *scraper_ats_employment_type  (const char *str);
/* Adds the type of @str to @types (a GPtrArray of char*) unless present. */
void        scraper_ats_add_employment_type (GPtrArray *types, const char *str);
GStrv       scraper_ats_strv_steal       (GPtrArray *strings);

/* "1 YEAR", "per-year-salary", "yearly", "hour" -> period. */
ScraperSalaryPeriod scraper_ats_salary_period (const char *str);

/* "workplaceType" words: remote, hybrid, onsite/on-site/OnSite. */
ScraperRemoteKind scraper_ats_workplace_kind (const char *str);

/* Adds the locations in @str (split) to @locations unless present. */
void        scraper_ats_add_location     (GPtrArray *locations, const char *str);
/* Remote kind from the location strings; UNKNOWN when they don't say. */
ScraperRemoteKind scraper_ats_remote_from_locations (GPtrArray *locations);

/* "acme-corp" -> "Acme Corp". */
char       *scraper_ats_company_from_board (const char *board);

/* Sanitizes @html into posting->description_markup/text. */
void        scraper_ats_set_description  (ScraperPosting *posting, const char *html);

/* Cleans a title or name (white space, controls). */
char       *scraper_ats_clean            (const char *str);

/* Whether @str (nullable) may stand as one segment of an address a board
 * builds: not empty, and only digits, or with @digits_only FALSE ASCII
 * letters, digits, '-' and '_'. */
gboolean    scraper_ats_is_url_token     (const char *str,
                                          gboolean    digits_only);

/* Collects postings, merging one that repeats an external id into the first
 * (union of locations), as boards list a posting once per country. */
typedef struct _ScraperAtsCollector ScraperAtsCollector;
ScraperAtsCollector *scraper_ats_collector_new   (void);
void        scraper_ats_collector_add    (ScraperAtsCollector *self, ScraperPosting *posting);
/* Normalizes every posting and returns them in order; frees @self. */
GPtrArray  *scraper_ats_collector_finish (ScraperAtsCollector *self);
void        scraper_ats_collector_free   (ScraperAtsCollector *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperAtsCollector, scraper_ats_collector_free)

/* Reads one board entry into a posting, or NULL to skip it. */
typedef ScraperPosting *(*ScraperAtsReadFunc) (JsonObject             *object,
                                               ScraperAtsParseContext *context,
                                               gpointer                user_data);

/* Reads every object of @items with @read through a collector; sets
 * context->n_items to the number of postings read. */
GPtrArray  *scraper_ats_read_all         (JsonArray              *items,
                                          ScraperAtsReadFunc      read,
                                          ScraperAtsParseContext *context,
                                          gpointer                user_data);

G_END_DECLS
