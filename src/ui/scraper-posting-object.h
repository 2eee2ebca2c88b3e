/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "model/scraper-posting.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_POSTING_OBJECT (scraper_posting_object_get_type ())
G_DECLARE_FINAL_TYPE (ScraperPostingObject, scraper_posting_object, SCRAPER, POSTING_OBJECT, GObject)

/* A posting as an item of a GListModel.  The record is read-only; the user
 * fields that the list shows live ("favorite", "status") are properties
 * that notify, so rows bind to them. */
ScraperPostingObject *scraper_posting_object_new          (ScraperPosting       *posting);
ScraperPosting       *scraper_posting_object_get_posting  (ScraperPostingObject *self);
gint64                scraper_posting_object_get_id       (ScraperPostingObject *self);
gboolean              scraper_posting_object_get_favorite (ScraperPostingObject *self);
void                  scraper_posting_object_set_favorite (ScraperPostingObject *self,
                                                           gboolean              favorite);
ScraperPostingStatus  scraper_posting_object_get_status   (ScraperPostingObject *self);
void                  scraper_posting_object_set_status   (ScraperPostingObject *self,
                                                           ScraperPostingStatus  status);

G_END_DECLS
