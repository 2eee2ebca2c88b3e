/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "app/scraper-context.h"
#include "scraper-sources-view.h"

G_BEGIN_DECLS

/* Shared by scraper-sources-view.c (the list, add, edit, scrape and the
 * sample board), scraper-sources-remove.c (Remove with Undo) and
 * scraper-sources-transfer.c (import and export).  Everything here runs
 * on the main thread; the store is only reached through its thread. */

struct _ScraperSourcesView
{
  AdwBin           parent_instance;

  ScraperContext  *context;
  /* id -> PendingRemoval, sources hidden behind an Undo toast */
  GHashTable      *pending;
  gboolean         sample_revived;
  gboolean         rows_built;      /* the list was read once for its rows */
  guint            reload_serial;   /* the newest reload; older ones are dropped */
  guint            loaded_serial;   /* the newest reload that came back */
  guint            edit_serial;     /* the newest Edit; older ones open nothing */
  guint            n_sources;       /* listed (not behind an Undo toast) */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkLabel        *count_label;
  GtkListBox      *list_box;
};

/* scraper-sources-view.c */
void              scraper_sources_view_show_toast     (ScraperSourcesView *self,
                                                       const char         *title);
void              scraper_sources_view_show_error     (ScraperSourcesView *self,
                                                       const char         *what,
                                                       const GError       *error);
/* Shows or hides the rows by what is pending removal, and says how many
 * are left, without asking the store. */
void              scraper_sources_view_update_shown   (ScraperSourcesView *self);
GtkWidget        *scraper_sources_view_find_row       (ScraperSourcesView *self,
                                                       gint64              id);
/* TRUE once the view is gone or going: a late answer changes nothing. */
gboolean          scraper_sources_view_is_gone        (ScraperSourcesView *self);

/* scraper-sources-remove.c */
GHashTable       *scraper_sources_removals_new        (void);
void              scraper_sources_remove_action       (GtkWidget          *widget,
                                                       const char         *action_name,
                                                       GVariant           *param);

/* scraper-sources-transfer.c */
void              scraper_sources_file_action         (GtkWidget          *widget,
                                                       const char         *action_name,
                                                       GVariant           *param);

G_END_DECLS
