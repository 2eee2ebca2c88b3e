/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "app/scraper-context.h"
#include "scraper-jobs-view.h"
#include "scraper-jobs-filters.h"
#include "scraper-job-details.h"
#include "scraper-saved-searches.h"
#include "scraper-posting-list-model.h"

G_BEGIN_DECLS

/* Shared by scraper-jobs-view.c (the view, its filters and details) and
 * scraper-jobs-view-load.c (the list's queries and model). */

#define PAGE_LIMIT        500

struct _ScraperJobsView
{
  AdwBin                parent_instance;

  ScraperContext       *context;
  ScraperPostingListModel *items;    /* pages of ScraperPostingObject */
  guint                 n_total;
  GCancellable         *load_cancellable; /* the query in flight, if any */
  gboolean              loading_more;     /* a next page is in flight */
  guint                 landed_id;        /* reload after tasks finished */
  gboolean              stale;            /* reload when shown again */
  GtkSliceListModel    *shown;            /* what the list view sees of items */
  guint                 grow_tick;        /* tick callback growing shown */
  gboolean              grow_painted;     /* a frame drew the first rows */
  gulong                grow_handler;     /* items-changed while shown is cut */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkSearchEntry       *search_entry;
  ScraperSavedSearchesButton *saved_searches;
  ScraperJobsFilters   *more_filters; /* location, salary, type, date, source */
  GtkRevealer          *filters_summary;
  GtkLabel             *filters_summary_label;
  GtkToggleButton      *starred_toggle;
  GtkDropDown          *status_filter;
  GtkLabel             *count_label;
  GtkDropDown          *sort_dropdown;
  GtkRevealer          *skills_hint;
  GtkStack             *content_stack;
  GtkListView          *list_view;
  ScraperJobDetails    *details;
};

void     jobs_view_show_error         (ScraperJobsView    *self,
                                       const char         *what,
                                       const GError       *error);
void     jobs_view_build_query        (ScraperJobsView    *self,
                                       ScraperQuery       *query,
                                       char              **strings);
gboolean jobs_view_has_filters        (const ScraperQuery *query);
void     jobs_view_offer_to_save      (ScraperJobsView    *self,
                                       const ScraperQuery *query);
void     jobs_view_update_count_label (ScraperJobsView    *self);

G_END_DECLS
