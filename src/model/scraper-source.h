/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The kinds of source an adapter exists for.  "auto" is only accepted when
 * adding a source: it is resolved to one of the others by detection. */
#define SCRAPER_SOURCE_KINDS "jsonld", "greenhouse", "lever", "ashby", "workable", \
                             "smartrecruiters", "recruitee", "personio", "workday", "bamboohr", \
                             "pinpoint", "gem", "jobvite", "join", "paylocity", "phenom", "feed", "html", \
                             "manual"

/* Where postings come from: a URL plus a kind.  A plain reference-counted
 * record, like ScraperPosting. */
typedef struct _ScraperSource ScraperSource;

struct _ScraperSource
{
  gint64    id;
  char     *name;
  char     *url;
  char     *kind;
  gboolean  enabled;

  /* Per-source settings, a JSON object as text: e.g.
   * {"max_pages":50,"max_depth":2,"obey_robots":true,
   *  "selectors":{"item":"//li","title":".//a","link":".//a/@href",
   *               "location":".//span","next":"//a[@rel='next']/@href"}} */
  char     *settings;

  /* Last run, kept by the store */
  gint64    last_run;       /* Unix seconds, 0 = never */
  char     *last_outcome;   /* "completed", "failed", "cancelled" or NULL */
  char     *last_error;
  gint      last_count;     /* postings found by the last run */
  gint64    created;
};

GType          scraper_source_get_type     (void) G_GNUC_CONST;
#define SCRAPER_TYPE_SOURCE (scraper_source_get_type ())

ScraperSource *scraper_source_new          (void);
ScraperSource *scraper_source_ref          (ScraperSource *self);
void           scraper_source_unref        (ScraperSource *self);
ScraperSource *scraper_source_copy         (const ScraperSource *self);
gboolean       scraper_source_kind_is_valid (const char *kind);
const char * const *scraper_source_get_kinds (void);

/* Typed access to the settings JSON; defaults when absent or malformed. */
gint           scraper_source_get_setting_int     (const ScraperSource *self,
                                                   const char          *key,
                                                   gint                 default_value);
gboolean       scraper_source_get_setting_boolean (const ScraperSource *self,
                                                   const char          *key,
                                                   gboolean             default_value);
/* A string in the "selectors" object, or NULL; free with g_free(). */
char          *scraper_source_dup_selector        (const ScraperSource *self,
                                                   const char          *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperSource, scraper_source_unref)

G_END_DECLS
