/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/scraper-posting.h"
#include "model/scraper-source.h"
#include "scraper-fetcher.h"

G_BEGIN_DECLS

#define SCRAPER_ADAPTER_ERROR (scraper_adapter_error_quark ())

typedef enum {
  SCRAPER_ADAPTER_ERROR_FAILED,
  SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND,
  SCRAPER_ADAPTER_ERROR_PARSE,        /* the document could not be read at all */
  SCRAPER_ADAPTER_ERROR_NO_POSTINGS,  /* nothing recognisable where postings were expected */
  SCRAPER_ADAPTER_ERROR_SETTINGS,     /* e.g. html kind without selectors, bad XPath */
} ScraperAdapterError;

GQuark scraper_adapter_error_quark (void);

/* Callbacks an adapter calls on its worker thread. */
typedef struct {
  /* A batch of ScraperPosting (source_id set).  Return FALSE (with @error)
   * to stop the scrape, e.g. when the store fails. */
  gboolean (*postings) (GPtrArray  *postings,
                        gpointer    user_data,
                        GError    **error);
  /* done/total in pages or postings; total 0 = unknown. */
  void     (*progress) (guint       done,
                        guint       total,
                        const char *message,
                        gpointer    user_data);
  /* Conditional GET validators of a URL (may be NULL). */
  void     (*get_validators) (const char *url,
                              char      **etag,
                              char      **last_modified,
                              gpointer    user_data);
  void     (*set_validators) (const char *url,
                              const char *etag,
                              const char *last_modified,
                              gpointer    user_data);
  /* A non-fatal problem (a broken JSON-LD block, a 404 posting page). */
  void     (*warning)  (const char *message,
                        gpointer    user_data);
  /* A posting page answered "not modified" to a conditional GET: the
   * postings stored from @url last time are seen again, unchanged.  Returns
   * how many there are; 0 (none known) makes the adapter read the page in
   * full.  Called one at a time with ->postings.  May be NULL: then posting
   * pages are always read in full. */
  guint    (*keep_page) (const char *url,
                         gpointer    user_data);
  /* What the source calls itself (a feed's title), to name a source the
   * user did not name.  May be NULL. */
  void     (*source_title) (const char *title,
                            gpointer    user_data);
  gpointer user_data;
} ScraperAdapterCallbacks;

typedef struct {
  guint    pages_fetched;
  guint    postings_found;
  guint    warnings;
  gboolean complete;   /* every posting of the source was seen (no limit hit) */
  gboolean not_modified; /* the source answered 304: nothing changed since the last run */
  guint    stopped_at_limit; /* the page limit that cut the run short, 0 when none did */
  guint    total_estimate;   /* with it: about how many postings the source has (0: unknown) */
} ScraperAdapterStats;

/* Runs the adapter for source->kind on the calling (worker) thread. */
gboolean     scraper_adapter_run         (ScraperSource                 *source,
                                          ScraperFetcher                *fetcher,
                                          const ScraperAdapterCallbacks *callbacks,
                                          ScraperAdapterStats           *stats,
                                          GCancellable                  *cancellable,
                                          GError                       **error);

/* Guesses the kind of a URL from its shape (boards.greenhouse.io,
 * jobs.lever.co, .rss, ...), without network.  NULL when it can't tell. */
const char  *scraper_adapter_guess_kind  (const char *url);

/* Whether @source's settings can be used by its kind: for "html", the
 * selectors item, title and link are there and every selector is valid
 * XPath.  SCRAPER_ADAPTER_ERROR_SETTINGS saying what is wrong otherwise. */
gboolean     scraper_adapter_check_settings (ScraperSource  *source,
                                             GError        **error);

/* A name for a source the user did not name, without network: the board's
 * name for a job board ("acme-corp" on Greenhouse gives "Acme Corp"), else
 * the host without "www.".  @kind may be NULL (guessed from the URL). */
char        *scraper_adapter_default_name (const char *url,
                                           const char *kind);

/* Counts the companies of postings, to name a source the user did not name
 * after the company most of its postings belong to.  Not thread-safe. */
typedef struct _ScraperCompanyTally ScraperCompanyTally;
ScraperCompanyTally *scraper_company_tally_new      (void);
void                 scraper_company_tally_add      (ScraperCompanyTally  *tally,
                                                     const ScraperPosting *posting);
/* The company of more than half the postings counted, or NULL. */
char                *scraper_company_tally_majority (ScraperCompanyTally  *tally);
void                 scraper_company_tally_free     (ScraperCompanyTally  *tally);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperCompanyTally, scraper_company_tally_free)

/* Detects the kind by fetching the URL (for "auto"). */
char        *scraper_adapter_detect_kind (ScraperFetcher *fetcher,
                                          const char     *url,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* The same; and when the page has no postings of its own but hands off to
 * job boards (links, frames, embed scripts: see scraper-handoff.h), or
 * redirects to one, returns NULL with no error and the boards (element
 * type ScraperHandoff) in *@boards. */
char        *scraper_adapter_detect_kind_full (ScraperFetcher  *fetcher,
                                               const char      *url,
                                               GPtrArray      **boards,
                                               GCancellable    *cancellable,
                                               GError         **error);

G_END_DECLS
