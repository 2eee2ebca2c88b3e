/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "app/scraper-context.h"
#include "core/scraper-task.h"
#include "scraper-add-source-dialog.h"

G_BEGIN_DECLS

/* Shared by scraper-add-source-dialog.c (the form, detection and saving)
 * and scraper-add-source-preview.c (what the preview found, shown). */

struct _ScraperAddSourceDialog
{
  AdwWindow       parent_instance;

  ScraperContext *context;
  ScraperSource  *source;          /* edit mode when set */

  GtkStringList  *kinds_model;
  GPtrArray      *kind_ids;        /* index 0 = "auto" */

  guint           debounce_id;
  GCancellable   *detect_cancellable;
  guint           detect_serial;
  char           *detected_kind;   /* for detected_url */
  char           *detected_url;
  GVariant       *detected_boards; /* aa{sv}: the boards detected_url leads to */
  guint           n_readable;      /* of detected_boards, those this build reads
                                    * and that are no source yet */
  gboolean        url_valid;
  gboolean        name_edited;
  gboolean        setting_name;
  gboolean        saving;          /* a write of the store's is under way */

  /* Template widgets */
  GtkButton       *save_button;
  AdwEntryRow     *url_row;
  AdwEntryRow     *name_row;
  GtkLabel        *url_error_label;
  GtkSpinner      *spinner;
  GtkLabel        *preview_label;
  GtkLabel        *preview_titles_label;
  GtkListBox      *boards_list;
  AdwExpanderRow  *advanced_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *item_row;
  AdwEntryRow     *title_row;
  AdwEntryRow     *link_row;
  AdwEntryRow     *location_row;
  AdwEntryRow     *next_row;
  GtkSpinButton   *max_pages_spin;
  GtkSwitch       *robots_switch;
};

/* What the dialog asks of the store runs on the store's thread (a scrape
 * may hold the write lock for a whole batch); the answer comes back here. */
typedef struct {
  ScraperAddSourceDialog *self;       /* strong; released on the main thread */
  guint                   serial;
  char                   *url;
  ScraperSource          *source;     /* to save */
  gint64                  id;         /* out */
} StoreCall;

typedef struct {
  ScraperAddSourceDialog *self;   /* strong */
  ScraperTask            *task;
  guint                   serial;
  char                   *url;
} DetectCall;

/* scraper-add-source-dialog.c */
const char *scraper_add_source_dialog_selected_kind  (ScraperAddSourceDialog *self);
void        scraper_add_source_dialog_update_actions (ScraperAddSourceDialog *self);
void        scraper_add_source_dialog_set_busy       (ScraperAddSourceDialog *self,
                                                      gboolean                busy);
StoreCall  *scraper_add_source_store_call_new        (ScraperAddSourceDialog *self);
void        scraper_add_source_store_call_free       (StoreCall              *call);

/* scraper-add-source-preview.c */
/* Also clears the boards shown. */
void        scraper_add_source_dialog_set_preview    (ScraperAddSourceDialog *self,
                                                      const char             *text,
                                                      const char             *titles,
                                                      gboolean                is_error);
/* The preview task's end (@user_data: a DetectCall, freed). */
void        scraper_add_source_preview_done          (GObject                *source_object,
                                                      GAsyncResult           *result,
                                                      gpointer                user_data);

G_END_DECLS
