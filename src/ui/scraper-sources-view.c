/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-sources-view"

#include "config.h"

#include <glib/gi18n.h>

#include "app/scraper-sample-site.h"
#include "core/scraper-task.h"
#include "scrape/scraper-adapter.h"
#include "scraper-toast.h"
#include "scraper-add-source-dialog.h"
#include "scraper-source-row.h"
#include "scraper-sources-view-private.h"
#include "scraper-sources-import.h"
#include "scraper-a11y.h"

G_DEFINE_FINAL_TYPE (ScraperSourcesView, scraper_sources_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_SOURCES,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
scraper_sources_view_show_toast (ScraperSourcesView *self,
                                 const char         *title)
{
  AdwToast *toast = scraper_toast_new_plain (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
scraper_sources_view_show_error (ScraperSourcesView *self,
                                 const char         *what,
                                 const GError       *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", text);
  scraper_sources_view_show_toast (self, text);
}

gboolean
scraper_sources_view_is_gone (ScraperSourcesView *self)
{
  return self->context == NULL || gtk_widget_in_destruction (GTK_WIDGET (self));
}

GtkWidget *
scraper_sources_view_find_row (ScraperSourcesView *self,
                               gint64              id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SCRAPER_IS_SOURCE_ROW (child) && scraper_source_row_get_id (SCRAPER_SOURCE_ROW (child)) == id)
      return child;

  return NULL;
}

static void
set_n_sources (ScraperSourcesView *self,
               guint               n_sources)
{
  if (self->n_sources != n_sources)
    {
      self->n_sources = n_sources;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SOURCES]);
    }
}

void
scraper_sources_view_update_shown (ScraperSourcesView *self)
{
  guint visible = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gint64 id;

      if (!SCRAPER_IS_SOURCE_ROW (child))
        continue;
      id = scraper_source_row_get_id (SCRAPER_SOURCE_ROW (child));
      gtk_widget_set_visible (child, !g_hash_table_contains (self->pending, &id));
      if (gtk_widget_get_visible (child))
        visible++;
    }

  if (visible > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Source", "%u Sources", visible),
                                                visible);

      gtk_label_set_label (self->count_label, count);
    }
  gtk_stack_set_visible_child_name (self->stack, visible > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.export", visible > 0);

  set_n_sources (self, visible);
}

/* The one place that brings the list in step with the store. */
static void
sync_rows (ScraperSourcesView *self,
           GPtrArray          *sources)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GtkWidget *child;
  int position = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);
      GtkWidget *row = scraper_sources_view_find_row (self, source->id);

      g_hash_table_add (wanted, &source->id);
      if (row == NULL)
        {
          row = scraper_source_row_new (source);
          gtk_list_box_insert (self->list_box, row, position);
        }
      else
        scraper_source_row_set_source (SCRAPER_SOURCE_ROW (row), source);
      position++;
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      gint64 id = SCRAPER_IS_SOURCE_ROW (child) ? scraper_source_row_get_id (SCRAPER_SOURCE_ROW (child)) : 0;

      if (!g_hash_table_contains (wanted, &id))
        gtk_list_box_remove (self->list_box, child);
      child = next;
    }

  self->rows_built = TRUE;
  scraper_sources_view_update_shown (self);
}

guint
scraper_sources_view_get_n_sources (ScraperSourcesView *self)
{
  g_return_val_if_fail (SCRAPER_IS_SOURCES_VIEW (self), 0);
  return self->n_sources;
}

gboolean
scraper_sources_view_get_loading (ScraperSourcesView *self)
{
  g_return_val_if_fail (SCRAPER_IS_SOURCES_VIEW (self), FALSE);
  return self->loaded_serial != self->reload_serial;
}

typedef struct
{
  ScraperSourcesView *self;
  guint               serial;
  gboolean            count_only;  /* before the rows are first built */
} Reload;

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Reload *reload = user_data;
  g_autoptr(ScraperSourcesView) self = reload->self;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current = reload->serial == self->reload_serial;
  gboolean count_only = reload->count_only;

  g_free (reload);
  sources = scraper_store_list_sources_finish (SCRAPER_STORE (object), result, &error);
  /* A newer reload is under way: its answer is the one shown. */
  if (!current || scraper_sources_view_is_gone (self))
    return;

  if (sources == NULL)
    scraper_sources_view_show_error (self, _("Could not read the sources"), error);
  else if (count_only)
    set_n_sources (self, sources->len);
  else
    sync_rows (self, sources);

  self->loaded_serial = self->reload_serial;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reload_full (ScraperSourcesView *self,
             gboolean            count_only)
{
  gboolean was_loading = scraper_sources_view_get_loading (self);
  Reload *reload;

  reload = g_new0 (Reload, 1);
  reload->self = g_object_ref (self);
  reload->serial = ++self->reload_serial;
  reload->count_only = count_only;
  scraper_store_list_sources_async (scraper_context_get_store (self->context), NULL,
                                    reloaded_cb, reload);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The list is read on the store's thread, after the writes asked for
 * before: while scrapes write, the window never runs a statement.  The
 * newest reload wins. */
void
scraper_sources_view_reload (ScraperSourcesView *self)
{
  g_return_if_fail (SCRAPER_IS_SOURCES_VIEW (self));

  if (!scraper_sources_view_is_gone (self))
    reload_full (self, FALSE);
}

/* Only how many sources there are, before the view is first shown: the
 * rows come with the first map or the first reload. */
static void
count_async (ScraperSourcesView *self)
{
  reload_full (self, TRUE);
}

static void
on_task_finished (ScraperSourcesView *self,
                  ScraperTask        *task,
                  ScraperTaskManager *manager)
{
  /* A tracked posting comes with a source of its own. */
  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") == 0 || g_strcmp0 (scraper_task_get_kind (task), "track") == 0)
    scraper_sources_view_reload (self);
}

/* Add and edit */

static void
on_dialog_saved (ScraperSourcesView *self,
                 gint64              id,
                 ScraperAddSourceDialog *dialog)
{
  scraper_sources_view_reload (self);
}

typedef struct {
  ScraperSourcesView *self;      /* strong; released on the main thread */
  gint64              id;
  GPtrArray          *sources;   /* out */
  const char         *failed;    /* what a failure is called */
  const char         *started;   /* the toast once started, or NULL */
} ScrapeCall;

static gboolean
get_source_in_store (ScraperStore  *store,
                     gpointer       data,
                     GError       **error)
{
  ScrapeCall *call = data;
  ScraperSource *source = scraper_store_get_source (store, call->id, error);

  if (source == NULL)
    return FALSE;
  call->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_source_unref);
  g_ptr_array_add (call->sources, source);
  return TRUE;
}

static void
source_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScrapeCall *call = user_data;
  g_autoptr(ScraperSourcesView) self = call->self;
  g_autoptr(GPtrArray) sources = call->sources;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  const char *failed = call->failed, *started = call->started;

  g_free (call);
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error) && self->context != NULL)
    {
      scraper_sources_view_show_error (self, failed, error);
      return;
    }
  if (error != NULL || self->context == NULL)
    return;
  tasks = scraper_context_scrape_sources (self->context, sources, SCRAPER_TASK_PRIORITY_USER);
  if (started != NULL)
    scraper_sources_view_show_toast (self, started);
}

/* The source is read on the store's thread, then scraped. */
static void
scrape_source_full (ScraperSourcesView *self,
                    gint64              id,
                    const char         *failed,
                    const char         *started)
{
  ScrapeCall *call = g_new0 (ScrapeCall, 1);

  call->self = g_object_ref (self);
  call->id = id;
  call->failed = failed;
  call->started = started;
  scraper_store_write_async (scraper_context_get_store (self->context), get_source_in_store, call, NULL,
                             NULL, source_read_cb, call);
}

static void
scrape_source (ScraperSourcesView *self,
               gint64              id)
{
  scrape_source_full (self, id, _("Could not scrape the source"), NULL);
}

/* A new source shows its postings at once, without scraping every other. */
static void
on_dialog_added (ScraperSourcesView     *self,
                 gint64                  id,
                 ScraperAddSourceDialog *dialog)
{
  scraper_sources_view_reload (self);
  scrape_source (self, id);
}

static void
scrape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  scrape_source (SCRAPER_SOURCES_VIEW (widget), g_variant_get_int64 (param));
}

static void
open_dialog (ScraperSourcesView *self,
             ScraperSource      *source)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ScraperAddSourceDialog *dialog;

  dialog = scraper_add_source_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->context, source);
  g_signal_connect_object (dialog, "saved", source == NULL ? G_CALLBACK (on_dialog_added) : G_CALLBACK (on_dialog_saved),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_dialog (SCRAPER_SOURCES_VIEW (widget), NULL);
}

typedef struct {
  ScraperSourcesView *self;     /* strong; released on the main thread */
  gint64              id;
  guint               serial;
  ScraperSource      *source;   /* out */
} EditCall;

static gboolean
read_edited_in_store (ScraperStore  *store,
                      gpointer       data,
                      GError       **error)
{
  EditCall *call = data;

  call->source = scraper_store_get_source (store, call->id, error);
  return call->source != NULL;
}

static void
edited_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EditCall *call = user_data;
  g_autoptr(ScraperSourcesView) self = call->self;
  g_autoptr(ScraperSource) source = call->source;
  g_autoptr(GError) error = NULL;
  gboolean current = call->serial == self->edit_serial;

  g_free (call);
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_clear_pointer (&source, scraper_source_unref);
  /* Gone, or another Edit asked for since: nothing to open. */
  if (scraper_sources_view_is_gone (self) || !current)
    return;

  if (source == NULL)
    {
      scraper_sources_view_show_error (self, _("Could not open the source"), error);
      scraper_sources_view_reload (self);
      return;
    }

  open_dialog (self, source);
}

/* The source is read again on the store's thread (the row's copy may be
 * older than the last scrape), then edited. */
static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  EditCall *call = g_new0 (EditCall, 1);

  call->self = g_object_ref (self);
  call->id = g_variant_get_int64 (param);
  call->serial = ++self->edit_serial;
  scraper_store_write_async (scraper_context_get_store (self->context), read_edited_in_store, call, NULL,
                             NULL, edited_read_cb, call);
}

static void
source_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ScraperSourcesView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    scraper_sources_view_show_error (self, _("Could not change the source"), error);

  /* Shows what the store holds: the switch flips back after a failure. */
  if (self->context != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    scraper_sources_view_reload (self);
}

static void
set_enabled_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  GtkWidget *row;
  gint64 id;
  gboolean enabled;

  g_variant_get (param, "(xb)", &id, &enabled);
  /* Shown at once; the reload after the write says what the store kept. */
  if ((row = scraper_sources_view_find_row (self, id)) != NULL &&
      scraper_source_row_get_source (SCRAPER_SOURCE_ROW (row)) != NULL)
    scraper_source_row_get_source (SCRAPER_SOURCE_ROW (row))->enabled = enabled;
  scraper_store_set_source_enabled_async (scraper_context_get_store (self->context), id, enabled,
                                          source_written_cb, g_object_ref (self));
}

/* The sample job board */

/* At start: a sample source from an earlier run needs this run's server
 * (started only when there is one).  Found, then pointed at the server,
 * on the store's thread. */

typedef struct {
  ScraperSourcesView *self;     /* strong; released on the main thread */
  ScraperSource      *source;   /* the sample source found, or NULL */
  char               *url;      /* the server to point it at */
} ReviveCall;

static void
revive_call_free (ReviveCall *call)
{
  g_clear_object (&call->self);
  g_clear_pointer (&call->source, scraper_source_unref);
  g_free (call->url);
  g_free (call);
}

static gboolean
find_sample_in_store (ScraperStore  *store,
                      gpointer       data,
                      GError       **error)
{
  ReviveCall *call = data;
  g_autoptr(GError) local_error = NULL;

  call->source = scraper_sources_find_sample (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
point_sample_in_store (ScraperStore  *store,
                       gpointer       data,
                       GError       **error)
{
  ReviveCall *call = data;

  return scraper_sources_point_sample (store, call->source, call->url, FALSE, error) != 0;
}

static void
sample_pointed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReviveCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_warning ("Could not restart the sample job board: %s", error->message);
  /* The rows, if shown already, say where the sample is now. */
  else if (!scraper_sources_view_is_gone (call->self) && call->self->rows_built)
    scraper_sources_view_reload (call->self);
  revive_call_free (call);
}

static void
sample_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReviveCall *call = user_data;
  g_autoptr(GError) error = NULL;
  ScraperSampleSite *site;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_warning ("Could not restart the sample job board: %s", error->message);
  if (call->source == NULL || scraper_sources_view_is_gone (call->self))
    {
      revive_call_free (call);
      return;
    }

  site = scraper_sample_site_get_default (&error);
  if (site == NULL)
    {
      g_warning ("Could not restart the sample job board: %s", error->message);
      revive_call_free (call);
      return;
    }
  call->url = g_strdup (scraper_sample_site_get_url (site));
  scraper_store_write_async (SCRAPER_STORE (object), point_sample_in_store, call, NULL,
                             NULL, sample_pointed_cb, call);
}

static void
revive_sample_source (ScraperSourcesView *self)
{
  ReviveCall *call = g_new0 (ReviveCall, 1);

  call->self = g_object_ref (self);
  scraper_store_write_async (scraper_context_get_store (self->context), find_sample_in_store, call, NULL,
                             NULL, sample_found_cb, call);
}

typedef struct {
  ScraperSourcesView *self;   /* strong; released on the main thread */
  char               *url;
  gint64              id;
} SampleCall;

static gboolean
add_sample_in_store (ScraperStore  *store,
                     gpointer       data,
                     GError       **error)
{
  SampleCall *call = data;
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) local_error = NULL;

  source = scraper_sources_find_sample (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  call->id = scraper_sources_point_sample (store, source, call->url, TRUE, error);
  return call->id > 0;
}

static void
sample_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SampleCall *call = user_data;
  g_autoptr(ScraperSourcesView) self = call->self;
  g_autoptr(GError) error = NULL;
  gint64 id = call->id;

  g_free (call->url);
  g_free (call);
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error) && self->context != NULL)
    {
      scraper_sources_view_show_error (self, _("Could not add the sample job board"), error);
      return;
    }
  if (error != NULL || self->context == NULL)
    return;

  scraper_sources_view_reload (self);
  scrape_source_full (self, id, _("Could not scrape the sample job board"), _("Scraping the sample job board…"));
}

static void
try_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  ScraperSampleSite *site;
  SampleCall *call;

  site = scraper_sample_site_get_default (&error);
  if (site == NULL)
    {
      scraper_sources_view_show_error (self, _("Could not add the sample job board"), error);
      return;
    }

  /* Found or added on the store's thread, then scraped. */
  call = g_new0 (SampleCall, 1);
  call->self = g_object_ref (self);
  call->url = g_strdup (scraper_sample_site_get_url (site));
  scraper_store_write_async (scraper_context_get_store (self->context), add_sample_in_store, call, NULL,
                             NULL, sample_added_cb, call);
}

/* GObject */

static void
on_first_map (ScraperSourcesView *self)
{
  g_signal_handlers_disconnect_by_func (self, on_first_map, NULL);
  if (!scraper_sources_view_is_gone (self))
    reload_full (self, FALSE);
}

static void
scraper_sources_view_constructed (GObject *object)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);

  G_OBJECT_CLASS (scraper_sources_view_parent_class)->constructed (object);

  g_return_if_fail (SCRAPER_IS_CONTEXT (self->context));

  g_signal_connect_object (scraper_context_get_task_manager (self->context), "task-finished",
                           G_CALLBACK (on_task_finished), self, G_CONNECT_SWAPPED);

  /* A sample source from an earlier run needs this run's server. */
  if (!self->sample_revived)
    {
      self->sample_revived = TRUE;
      revive_sample_source (self);
    }

  /* The rows are built when the view is first shown: a row costs its
   * template (on X11, GTK 4.8 asks the server where the pointer is for each
   * tooltip), and two hundred of them held back the window's first frame by
   * seconds while the Jobs view is what shows (bench/scale). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_full (self, FALSE);
  else
    {
      g_signal_connect (self, "map", G_CALLBACK (on_first_map), NULL);
      /* Only the count until then, for the window's suggested action;
       * read off the main thread. */
      count_async (self);
    }
}

GtkWidget *
scraper_sources_view_new (ScraperContext *context)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (context), NULL);

  return g_object_new (SCRAPER_TYPE_SOURCES_VIEW, "context", context, NULL);
}

static void
scraper_sources_view_dispose (GObject *object)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);

  if (self->pending != NULL)
    scraper_sources_view_flush_removals (self);
  /* AdwBin keeps its own pointer to the child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_SOURCES_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (scraper_sources_view_parent_class)->dispose (object);
}

static void
scraper_sources_view_finalize (GObject *object)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (scraper_sources_view_parent_class)->finalize (object);
}

static void
scraper_sources_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_SOURCES:
      g_value_set_uint (value, self->n_sources);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, scraper_sources_view_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_sources_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);

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
scraper_sources_view_class_init (ScraperSourcesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scraper_sources_view_constructed;
  object_class->dispose = scraper_sources_view_dispose;
  object_class->finalize = scraper_sources_view_finalize;
  object_class->get_property = scraper_sources_view_get_property;
  object_class->set_property = scraper_sources_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* How many sources the list shows; the window's Scrape follows it. */
  properties[PROP_N_SOURCES] =
    g_param_spec_uint ("n-sources", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while the list is read again; what it shows is the store's once
   * it turns FALSE. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-sources-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperSourcesView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourcesView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourcesView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourcesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourcesView, list_box);

  gtk_widget_class_install_action (widget_class, "sources.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "sources.scrape", "x", scrape_action);
  gtk_widget_class_install_action (widget_class, "sources.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "sources.remove", "x", scraper_sources_remove_action);
  gtk_widget_class_install_action (widget_class, "sources.set-enabled", "(xb)", set_enabled_action);
  gtk_widget_class_install_action (widget_class, "sources.import", NULL, scraper_sources_file_action);
  gtk_widget_class_install_action (widget_class, "sources.export", NULL, scraper_sources_file_action);
  gtk_widget_class_install_action (widget_class, "sources.try-sample", NULL, try_sample_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sources.add", NULL);
}

static void
scraper_sources_view_init (ScraperSourcesView *self)
{
  self->pending = scraper_sources_removals_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  scraper_a11y_fix_names (GTK_WIDGET (self));
}
