/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/scraper-store.h"
#include "scraper-posting-object.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_POSTING_LIST_MODEL (scraper_posting_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ScraperPostingListModel, scraper_posting_list_model, SCRAPER, POSTING_LIST_MODEL, GObject)

/* The Jobs list's postings (a GListModel of ScraperPostingObject) that
 * keeps only the pages near what the list asked for last: a page far from
 * them is dropped, and read back by its position in the query, on the
 * store's thread, when the list asks for one of its rows again. Until it
 * is back, such a row is a placeholder (a posting with id 0). */
ScraperPostingListModel *scraper_posting_list_model_new            (void);
void                  scraper_posting_list_model_reset             (ScraperPostingListModel *self,
                                                                    ScraperStore            *store,
                                                                    const ScraperQuery      *query,
                                                                    GPtrArray               *first_page);
void                  scraper_posting_list_model_cancel_reads      (ScraperPostingListModel *self);
guint                 scraper_posting_list_model_append_page       (ScraperPostingListModel *self,
                                                                    GPtrArray               *postings,
                                                                    guint                    query_offset);
guint                 scraper_posting_list_model_get_next_offset   (ScraperPostingListModel *self);
ScraperPostingObject *scraper_posting_list_model_find_loaded       (ScraperPostingListModel *self,
                                                                    gint64                   id);
ScraperPostingObject *scraper_posting_list_model_peek_item         (ScraperPostingListModel *self,
                                                                    guint                    position);
gboolean              scraper_posting_list_model_is_placeholder    (ScraperPostingObject    *item);
void                  scraper_posting_list_model_set_max_pages     (ScraperPostingListModel *self,
                                                                    guint                    max_pages);
guint                 scraper_posting_list_model_get_n_loaded_pages (ScraperPostingListModel *self);
guint                 scraper_posting_list_model_get_n_reads       (ScraperPostingListModel *self);

G_END_DECLS
