/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jobs-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/scraper-task.h"
#include "model/scraper-untrusted.h"
#include "scraper-toast.h"
#include "scraper-jobs-view-private.h"
#include "scraper-jobs-filters.h"
#include "scraper-a11y.h"
#include "scraper-job-details.h"
#include "scraper-pending-write.h"
#include "scraper-posting-object.h"
#include "scraper-posting-row.h"
#include "scraper-posting-list-focus.h"
#include "scraper-saved-searches.h"
#include "scraper-track-posting-dialog.h"


G_DEFINE_FINAL_TYPE (ScraperJobsView, scraper_jobs_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
jobs_view_show_error (ScraperJobsView *self,
                      const char      *what,
                      const GError    *error)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* A posting gone with its source: said without the database's ids, and
   * the list shows what the database holds again. */
  if (g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND))
    {
      text = g_strdup_printf ("%s: %s", what, _("the posting is no longer in the database"));
      scraper_jobs_view_reload (self);
    }
  else
    text = g_strdup_printf ("%s: %s", what, error->message);
  toast = scraper_toast_new_plain (text);
  g_warning ("%s", text);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The sort drop-down's items, in order, with their "sort-key" names. */
static const struct {
  ScraperSortKey  key;
  const char     *name;
} sorts[] = {
  { SCRAPER_SORT_POSTED, "posted" },
  { SCRAPER_SORT_SALARY, "salary" },
  { SCRAPER_SORT_RELEVANCE, "relevance" },
  { SCRAPER_SORT_COMPANY, "company" },
  { SCRAPER_SORT_TITLE, "title" },
};

static ScraperSortKey
sort_at (guint position)
{
  return position < G_N_ELEMENTS (sorts) ? sorts[position].key : SCRAPER_SORT_POSTED;
}

static gboolean
sort_name_to_position (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_str_equal (name, sorts[i].name))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
sort_position_to_name (const GValue       *value,
                       const GVariantType *type,
                       gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  return g_variant_new_string (position < G_N_ELEMENTS (sorts) ? sorts[position].name : "posted");
}

/* Fills @query from the filters shown.  *@strings receives the one
 * allocation the query's text fields (search, location) point into, for
 * the caller to free with the query. */
void
jobs_view_build_query (ScraperJobsView *self,
                       ScraperQuery    *query,
                       char           **strings)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  guint status = gtk_drop_down_get_selected (self->status_filter);
  gsize text_size, location_size;
  char *block;

  scraper_query_init (query);
  scraper_jobs_filters_to_query (self->more_filters, query);
  /* "text\0location\0": the location's string belongs to the filters
   * button, and the query may outlive a change of it on another thread. */
  text_size = strlen (text) + 1;
  location_size = query->location != NULL ? strlen (query->location) + 1 : 1;
  block = g_malloc (text_size + location_size);
  memcpy (block, text, text_size);
  memcpy (block + text_size, query->location != NULL ? query->location : "", location_size);
  *strings = block;
  query->search = *block != '\0' ? block : NULL;
  query->location = block[text_size] != '\0' ? block + text_size : NULL;
  query->favorites_only = gtk_toggle_button_get_active (self->starred_toggle);
  query->status = status == GTK_INVALID_LIST_POSITION || status == 0 ? -1 : (gint) status - 1;
  query->sort = sort_at (gtk_drop_down_get_selected (self->sort_dropdown));
  query->show_archived = self->context != NULL && scraper_context_get_settings (self->context) != NULL &&
                         g_settings_get_boolean (scraper_context_get_settings (self->context), "show-archived");
  query->limit = PAGE_LIMIT;
  /* The details read the description of the posting they show. */
  query->without_descriptions = TRUE;
}

gboolean
jobs_view_has_filters (const ScraperQuery *query)
{
  return query->search != NULL || query->remote_only || query->favorites_only || query->status >= 0 ||
         query->min_salary > 0 || query->location != NULL || query->employment_type != NULL ||
         query->posted_within_days > 0 || query->source_id > 0;
}

/* What "Save Current Search…" would save: the filters shown. */
void
jobs_view_offer_to_save (ScraperJobsView    *self,
                         const ScraperQuery *query)
{
  ScraperSavedSearch current = { 0, };

  if (!jobs_view_has_filters (query))
    {
      scraper_saved_searches_button_set_current (self->saved_searches, NULL);
      return;
    }
  current.search = (char *) query->search;
  current.remote_only = query->remote_only;
  current.favorites_only = query->favorites_only;
  current.status = query->status;
  current.min_salary = query->min_salary;
  current.location = (char *) query->location;
  current.employment_type = (char *) query->employment_type;
  current.posted_within_days = query->posted_within_days;
  current.source_id = query->source_id;
  scraper_saved_searches_button_set_current (self->saved_searches, &current);
}

static void
on_list_edge_reached (ScraperJobsView   *self,
                      GtkPositionType    position,
                      GtkScrolledWindow *scrolled)
{
  if (position == GTK_POS_BOTTOM)
    scraper_jobs_view_load_more (self);
}


GListModel *
scraper_jobs_view_get_model (ScraperJobsView *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOBS_VIEW (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
scraper_jobs_view_get_n_total (ScraperJobsView *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOBS_VIEW (self), 0);
  return self->n_total;
}

GtkSearchEntry *
scraper_jobs_view_get_search_entry (ScraperJobsView *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOBS_VIEW (self), NULL);
  return self->search_entry;
}

/* Best Match with no skills set orders by nothing the user chose: say
 * how to give it some. */
static void
update_skills_hint (ScraperJobsView *self)
{
  GSettings *settings = self->context != NULL ? scraper_context_get_settings (self->context) : NULL;
  g_auto(GStrv) skills = settings != NULL ? g_settings_get_strv (settings, "profile-keywords") : NULL;
  gboolean relevance = sort_at (gtk_drop_down_get_selected (self->sort_dropdown)) == SCRAPER_SORT_RELEVANCE;

  gtk_revealer_set_reveal_child (self->skills_hint, relevance && (skills == NULL || skills[0] == NULL));
}

static void
on_filters_changed (ScraperJobsView *self)
{
  g_autofree char *summary = scraper_jobs_filters_describe (self->more_filters);

  gtk_label_set_label (self->filters_summary_label, summary != NULL ? summary : "");
  gtk_revealer_set_reveal_child (self->filters_summary, summary != NULL);
  update_skills_hint (self);
  scraper_jobs_view_reload (self);
}

/* Every filter back to showing everything; the order stays. */
static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->starred_toggle, FALSE);
  gtk_drop_down_set_selected (self->status_filter, 0);
  scraper_jobs_filters_reset (self->more_filters);
  on_filters_changed (self);
}

/* Postings that landed are shown once for the tasks that finish close
 * together (boards of a "Scrape" end within moments of each other), and
 * not while the view is hidden: each reload rebuilds the rows of the
 * postings that came above the ones shown. */
#define LANDED_RELOAD_MS 750

/* What landed postings change: the list and the saved searches' counts. */
static void
reload_landed (ScraperJobsView *self)
{
  scraper_jobs_view_reload (self);
  scraper_saved_searches_button_refresh (self->saved_searches);
}

static gboolean
landed_cb (gpointer user_data)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (user_data);

  self->landed_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return G_SOURCE_REMOVE;
    }
  reload_landed (self);
  return G_SOURCE_REMOVE;
}

static void
on_task_finished (ScraperJobsView    *self,
                  ScraperTask        *task,
                  ScraperTaskManager *manager)
{
  const char *kind = scraper_task_get_kind (task);

  if ((g_strcmp0 (kind, "scrape") == 0 || g_strcmp0 (kind, "enrich") == 0 || g_strcmp0 (kind, "track") == 0) &&
      self->landed_id == 0)
    self->landed_id = g_timeout_add (LANDED_RELOAD_MS, landed_cb, self);
}

/* GTK 4.8's list view makes a row widget for up to 200 items at once: a
 * first page in the window's first frame made it ~300 ms later, on 2 000
 * postings as on 1 000 000 (bench/scale).  Until the list has been drawn
 * with rows, it sees only the first FIRST_ROWS postings (more than a
 * screen holds); then ROWS_PER_FRAME more each frame, until it sees them
 * all.  Positions are the same in both models: only the end is cut. */
#define FIRST_ROWS        40
#define ROWS_PER_FRAME    40
#define LIST_VIEW_MAX_ROWS 200

static void
stop_growing (ScraperJobsView *self)
{
  if (self->grow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick);
  self->grow_tick = 0;
  g_clear_signal_handler (&self->grow_handler, self->items);
}

/* Done for good: the list view sees every posting, later pages too. */
static void
show_all_rows (ScraperJobsView *self)
{
  stop_growing (self);
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
}

static gboolean
grow_shown (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);
  guint size = gtk_slice_list_model_get_size (self->shown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  /* The first tick comes before the frame that draws the first rows. */
  if (!self->grow_painted)
    {
      self->grow_painted = TRUE;
      return G_SOURCE_CONTINUE;
    }
  size += ROWS_PER_FRAME;
  if (size < n && size < LIST_VIEW_MAX_ROWS)
    {
      gtk_slice_list_model_set_size (self->shown, size);
      return G_SOURCE_CONTINUE;
    }
  self->grow_tick = 0;   /* removed by returning G_SOURCE_REMOVE */
  show_all_rows (self);
  return G_SOURCE_REMOVE;
}

static void
maybe_grow_shown (ScraperJobsView *self)
{
  if (self->grow_handler == 0 || self->grow_tick != 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->items)) <= gtk_slice_list_model_get_size (self->shown))
    return;
  self->grow_painted = FALSE;
  self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_shown, NULL, NULL);
}

static void
scraper_jobs_view_unmap (GtkWidget *widget)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);

  /* Hidden before it was drawn: it is drawn whole when shown. */
  if (self->grow_handler != 0)
    show_all_rows (self);
  GTK_WIDGET_CLASS (scraper_jobs_view_parent_class)->unmap (widget);
}

static void
scraper_jobs_view_map (GtkWidget *widget)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);

  GTK_WIDGET_CLASS (scraper_jobs_view_parent_class)->map (widget);

  maybe_grow_shown (self);
  if (self->stale)
    {
      self->stale = FALSE;
      reload_landed (self);
    }
}

static void
on_saved_search_apply (ScraperJobsView            *self,
                       const ScraperSavedSearch   *search,
                       ScraperSavedSearchesButton *button)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search->search != NULL ? search->search : "");
  scraper_jobs_filters_set (self->more_filters, search);
  gtk_toggle_button_set_active (self->starred_toggle, search->favorites_only);
  gtk_drop_down_set_selected (self->status_filter, search->status >= 0 ? (guint) search->status + 1 : 0);
  scraper_jobs_view_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_saved_search_toast (ScraperJobsView            *self,
                       AdwToast                   *toast,
                       ScraperSavedSearchesButton *button)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* Among the rows in memory: the others are read again when shown. */
static ScraperPostingObject *
find_item (ScraperJobsView *self,
           gint64           id)
{
  return scraper_posting_list_model_find_loaded (self->items, id);
}

static void
apply_favorite (ScraperJobsView *self,
                gint64           id,
                gboolean         favorite)
{
  ScraperPostingObject *item;

  if ((item = find_item (self, id)) != NULL)
    scraper_posting_object_set_favorite (item, favorite);
  item = scraper_job_details_get_item (self->details);
  if (item != NULL && scraper_posting_object_get_id (item) == id)
    scraper_posting_object_set_favorite (item, favorite);
}

/* The view shows the star at once and takes it back, with a toast, when
 * the store refuses it. */
static void
revert_star (ScraperPendingWrite *pw)
{
  apply_favorite (pw->owner, pw->id, pw->old_value);
}

static void
report_star (gpointer      self,
             const char   *what,
             const GError *error)
{
  jobs_view_show_error (self, what, error);
}

static const ScraperPendingWriteFuncs star_write = { revert_star, report_star, NULL };

static void
star_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);
  gint64 id;
  gboolean favorite;

  g_variant_get (param, "(xb)", &id, &favorite);
  /* A row whose page is being read again has no posting yet. */
  if (id <= 0)
    return;
  apply_favorite (self, id, favorite);
  scraper_store_set_favorite_async (scraper_context_get_store (self->context), id, favorite,
                                    scraper_pending_write_done,
                                    scraper_pending_write_new (self, &star_write, _("Could not star the posting"),
                                                               id, !favorite, favorite));
}

/* Details */

static void
on_details_error (ScraperJobsView   *self,
                  const char        *what,
                  const GError      *error,
                  ScraperJobDetails *details)
{
  jobs_view_show_error (self, what, error);
}

static void
on_details_status_changed (ScraperJobsView   *self,
                           gint64             id,
                           gint               status,
                           ScraperJobDetails *details)
{
  ScraperPostingObject *item;

  if ((item = find_item (self, id)) != NULL)
    scraper_posting_object_set_status (item, status);
}

static void
on_details_toast (ScraperJobsView   *self,
                  AdwToast          *toast,
                  ScraperJobDetails *details)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* A block was added or taken back: the list shows what is not blocked. */
static void
on_details_postings_changed (ScraperJobsView   *self,
                             ScraperJobDetails *details)
{
  scraper_jobs_view_reload (self);
}

static void
show_details (ScraperJobsView      *self,
              ScraperPostingObject *item)
{
  scraper_job_details_show (self->details, item);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

/* Arrow keys move the focus in the list: open details follow it, and the
 * focus stays in the list. */
static void
on_row_focused (ScraperPostingObject *item,
                gpointer              user_data)
{
  ScraperJobsView *self = user_data;

  /* A row still being read back shows nothing to detail yet. */
  if (adw_flap_get_reveal_flap (self->flap) && item != scraper_job_details_get_item (self->details) &&
      !scraper_posting_list_model_is_placeholder (item))
    scraper_job_details_show (self->details, item);
}

static void
on_list_activate (ScraperJobsView *self,
                  guint            position,
                  GtkListView     *list_view)
{
  g_autoptr(ScraperPostingObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL && !scraper_posting_list_model_is_placeholder (item))
    show_details (self, item);
}

static void
show_posting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);
  ScraperPostingObject *item = find_item (self, g_variant_get_int64 (param));

  if (item != NULL)
    show_details (self, item);
}

static void
close_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (widget);

  scraper_job_details_save_notes (self->details);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (SCRAPER_JOBS_VIEW (widget)->search_entry));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (widget));
}

/* List factory */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, scraper_posting_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  scraper_posting_row_set_item (SCRAPER_POSTING_ROW (gtk_list_item_get_child (list_item)),
                                gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  scraper_posting_row_set_item (SCRAPER_POSTING_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* GObject */

GtkWidget *
scraper_jobs_view_new (ScraperContext *context)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (context), NULL);

  return g_object_new (SCRAPER_TYPE_JOBS_VIEW, "context", context, NULL);
}

static void
on_show_archived_changed (GSettings  *settings,
                          const char *key,
                          gpointer    user_data)
{
  scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (user_data));
}

static void
scraper_jobs_view_constructed (GObject *object)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);

  G_OBJECT_CLASS (scraper_jobs_view_parent_class)->constructed (object);

  g_return_if_fail (SCRAPER_IS_CONTEXT (self->context));

  scraper_job_details_set_context (self->details, self->context);

  g_signal_connect_object (scraper_context_get_task_manager (self->context), "task-finished",
                           G_CALLBACK (on_task_finished), self, G_CONNECT_SWAPPED);
  scraper_saved_searches_button_set_store (self->saved_searches, scraper_context_get_store (self->context));
  scraper_jobs_filters_set_store (self->more_filters, scraper_context_get_store (self->context));
  /* A posting's address pasted or dropped here offers to track it. */
  scraper_track_posting_attach (GTK_WIDGET (self), self->context);

  /* The order and whether archived postings show are remembered. */
  if (scraper_context_get_settings (self->context) != NULL)
    {
      GSettings *settings = scraper_context_get_settings (self->context);

      g_settings_bind_with_mapping (settings, "sort-key", self->sort_dropdown, "selected",
                                    G_SETTINGS_BIND_DEFAULT, sort_name_to_position,
                                    sort_position_to_name, NULL, NULL);
      g_signal_connect_object (settings, "changed::show-archived",
                               G_CALLBACK (on_show_archived_changed), self, 0);
      g_signal_connect_object (settings, "changed::profile-keywords",
                               G_CALLBACK (update_skills_hint), self, G_CONNECT_SWAPPED);
    }
  update_skills_hint (self);
  scraper_jobs_view_reload (self);
}

static void
scraper_jobs_view_dispose (GObject *object)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);

  if (self->details != NULL)
    scraper_job_details_save_notes (self->details);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->landed_id, g_source_remove);
  stop_growing (self);
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_JOBS_VIEW);
  self->details = NULL;
  g_clear_object (&self->shown);
  g_clear_object (&self->items);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (scraper_jobs_view_parent_class)->dispose (object);
}

static void
scraper_jobs_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_jobs_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_jobs_view_class_init (ScraperJobsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scraper_jobs_view_constructed;
  object_class->dispose = scraper_jobs_view_dispose;
  object_class->get_property = scraper_jobs_view_get_property;
  object_class->set_property = scraper_jobs_view_set_property;
  widget_class->map = scraper_jobs_view_map;
  widget_class->unmap = scraper_jobs_view_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SCRAPER_TYPE_SAVED_SEARCHES_BUTTON);
  g_type_ensure (SCRAPER_TYPE_JOBS_FILTERS);
  g_type_ensure (SCRAPER_TYPE_JOB_DETAILS);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-jobs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, flap);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, saved_searches);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, more_filters);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, filters_summary);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, filters_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, starred_toggle);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, status_filter);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, skills_hint);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ScraperJobsView, details);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_saved_search_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_saved_search_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_details_error);
  gtk_widget_class_bind_template_callback (widget_class, on_details_status_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_details_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_details_postings_changed);

  gtk_widget_class_install_action (widget_class, "jobs.star", "(xb)", star_action);
  gtk_widget_class_install_action (widget_class, "jobs.show-posting", "x", show_posting_action);
  gtk_widget_class_install_action (widget_class, "jobs.close-details", NULL, close_details_action);
  gtk_widget_class_install_action (widget_class, "jobs.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "jobs.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "jobs.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "jobs.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "jobs.close-details", NULL);
}

static void
scraper_jobs_view_init (ScraperJobsView *self)
{
  g_autoptr(GtkStringList) filter_statuses = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->items = scraper_posting_list_model_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  scraper_a11y_fix_names (GTK_WIDGET (self));

  gtk_string_list_append (filter_statuses, _("Any Status"));
  for (int i = 0; i < SCRAPER_N_STATUSES; i++)
    gtk_string_list_append (filter_statuses, scraper_posting_status_get_label (i));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (filter_statuses));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->items)), 0, FIRST_ROWS);
  self->grow_handler = g_signal_connect_swapped (self->items, "items-changed",
                                                 G_CALLBACK (maybe_grow_shown), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  /* Narrow, the details cover the list: they go back to it with an arrow. */
  g_object_bind_property (self->flap, "folded", self->details, "folded", G_BINDING_SYNC_CREATE);
  scraper_posting_list_follow_focus (self->list_view, on_row_focused, self);
}
