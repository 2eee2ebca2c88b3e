/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/scraper-source.h"
#include "scraper-fetcher.h"

G_BEGIN_DECLS

/* The company finder: which job boards answer for a company's name.  It
 * asks each board's public API for a few slugs made from the name
 * ("Acme Corp" -> acme, acmecorp, acme-corp, acme_corp) and keeps what
 * answered with postings.  No GTK, no store: the task in src/tasks/ runs it. */

/* At most this many slugs per name, and requests per host and in all. */
#define SCRAPER_FINDER_MAX_SLUGS         5
#define SCRAPER_FINDER_MAX_PER_HOST      SCRAPER_FINDER_MAX_SLUGS
#define SCRAPER_FINDER_MAX_PROBES        48

/* A board that answered. */
typedef struct {
  char  *kind;      /* "greenhouse" */
  char  *url;       /* the board's address as a user adds it as a source */
  char  *name;      /* the company, as the board names it, or from the slug */
  guint  postings;  /* postings the board lists now */
} ScraperFoundBoard;

ScraperFoundBoard *scraper_found_board_new    (const char *kind,
                                               const char *url,
                                               const char *name,
                                               guint       postings);
void               scraper_found_board_free   (ScraperFoundBoard *board);
/* A new source (enabled) of @board's kind, address and name. */
ScraperSource     *scraper_found_board_to_source (const ScraperFoundBoard *board);

/* One request the finder makes: @kind's board for @slug. */
typedef struct {
  const char *kind;       /* static */
  const char *label;      /* static, "Greenhouse" */
  char       *slug;
  char       *board_url;  /* what becomes the source's address */
  char       *probe_url;  /* the API address asked */
  char       *host;       /* of @probe_url, lower case */
  gboolean    post;       /* a search POSTed to @probe_url (Workday) */
  gboolean    guessed;    /* a guess (Workday's data centre and site): any
                           * failure means "not there" */
} ScraperBoardProbe;

void               scraper_board_probe_free   (ScraperBoardProbe *probe);

/* Slug variants of a company's name, most likely first, without
 * duplicates, at most SCRAPER_FINDER_MAX_SLUGS: lower case, accents folded
 * to ASCII, the legal form (Inc, GmbH, Ltd, LLC, AG, SE, Corp, ...) left
 * off and kept.  An empty array when the name has no letter or digit. */
GStrv              scraper_finder_slugs       (const char *name);

/* The kinds the finder asks, in order, and their labels.  Kinds this
 * build does not know (scraper_source_kind_is_valid()) are left out. */
const char * const *scraper_finder_kinds      (void);
const char        *scraper_finder_kind_label  (const char *kind);

/* The requests for @name: slug by slug, each board in turn (so that two
 * requests in a row seldom go to one host), within the politeness budget.
 * Guesses (Workday) are made for the first slug only.  Element type
 * ScraperBoardProbe. */
GPtrArray         *scraper_finder_plan        (const char *name);

/* Asks one board.  Returns what it found; NULL without an error when the
 * board does not know the slug (404, an answer that is not the board's,
 * an empty SmartRecruiters list); NULL with an error when the board could
 * not be asked (network, 5xx) or G_IO_ERROR_CANCELLED. */
ScraperFoundBoard *scraper_finder_probe       (ScraperFetcher          *fetcher,
                                               const ScraperBoardProbe *probe,
                                               GCancellable            *cancellable,
                                               GError                 **error);

/* Called on the running thread after each request: @done of @total (the
 * total shrinks when a board is found, as its other slugs are skipped). */
typedef void (*ScraperFinderProgress) (guint                    done,
                                       guint                    total,
                                       const ScraperBoardProbe *probe,
                                       const ScraperFoundBoard *found,
                                       gpointer                 user_data);

/* Runs the whole plan for @name on the calling thread, one request at a
 * time; a board found stops the other slugs of its kind.  Returns the
 * boards found (element type ScraperFoundBoard, maybe empty), the number
 * of requests made in *n_probes and the labels of boards that could not be
 * asked in *unreachable (nullable outs).  NULL with G_IO_ERROR_CANCELLED
 * when cancelled, or an error when @name has nothing to look up. */
GPtrArray         *scraper_finder_run         (ScraperFetcher         *fetcher,
                                               const char             *name,
                                               ScraperFinderProgress   progress,
                                               gpointer                user_data,
                                               guint                  *n_probes,
                                               GStrv                  *unreachable,
                                               GCancellable           *cancellable,
                                               GError                **error);

/* "Greenhouse, Lever, Ashby, … or Personio": the boards the finder asks,
 * for "not found" messages. */
char              *scraper_finder_describe_boards (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperFoundBoard, scraper_found_board_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperBoardProbe, scraper_board_probe_free)

G_END_DECLS
