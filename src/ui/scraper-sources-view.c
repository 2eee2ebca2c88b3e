/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-sources-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/scraper-json-guard.h"
#include "app/scraper-sample-site.h"
#include "core/scraper-task.h"
#include "scrape/scraper-adapter.h"
#include "scraper-toast.h"
#include "scraper-add-source-dialog.h"
#include "scraper-source-row.h"
#include "scraper-sources-view.h"
#include "scraper-sources-import.h"
#include "scraper-a11y.h"

struct _ScraperSourcesView
{
  AdwBin           parent_instance;

  ScraperContext  *context;
  /* id -> PendingRemoval, sources hidden behind an Undo toast */
  GHashTable      *pending;
  gboolean         sample_revived;
  guint            reload_serial;   /* the newest reload; older ones are dropped */
  guint            n_sources;       /* listed (not behind an Undo toast) */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkLabel        *count_label;
  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (ScraperSourcesView, scraper_sources_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_SOURCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  ScraperSourcesView *view;   /* unowned: the view outlives it */
  AdwToast           *toast;  /* strong */
  gint64              id;
  gboolean            undone;
} PendingRemoval;

static void
pending_removal_free (gpointer data)
{
  PendingRemoval *pending = data;

  g_signal_handlers_disconnect_by_data (pending->toast, pending);
  g_object_unref (pending->toast);
  g_free (pending);
}

static void
show_toast (ScraperSourcesView *self,
            const char         *title)
{
  AdwToast *toast = scraper_toast_new_plain (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (ScraperSourcesView *self,
            const char         *what,
            const GError       *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", text);
  show_toast (self, text);
}

static ScraperSourceRow *
find_row (ScraperSourcesView *self,
          gint64              id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SCRAPER_IS_SOURCE_ROW (child) && scraper_source_row_get_id (SCRAPER_SOURCE_ROW (child)) == id)
      return SCRAPER_SOURCE_ROW (child);

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

/* The one place that brings the list in step with the store. */
static void
sync_rows (ScraperSourcesView *self,
           GPtrArray          *sources)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GtkWidget *child;
  guint visible = 0;
  int position = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);
      ScraperSourceRow *row = find_row (self, source->id);

      g_hash_table_add (wanted, &source->id);
      if (row == NULL)
        {
          row = SCRAPER_SOURCE_ROW (scraper_source_row_new (source));
          gtk_list_box_insert (self->list_box, GTK_WIDGET (row), position);
        }
      else
        scraper_source_row_set_source (row, source);

      gtk_widget_set_visible (GTK_WIDGET (row), !g_hash_table_contains (self->pending, &source->id));
      if (gtk_widget_get_visible (GTK_WIDGET (row)))
        visible++;
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

guint
scraper_sources_view_get_n_sources (ScraperSourcesView *self)
{
  g_return_val_if_fail (SCRAPER_IS_SOURCES_VIEW (self), 0);
  return self->n_sources;
}

void
scraper_sources_view_reload (ScraperSourcesView *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SCRAPER_IS_SOURCES_VIEW (self));

  if (self->context == NULL)
    return;

  /* An older reload still under way is outdated by this one. */
  self->reload_serial++;
  sources = scraper_store_list_sources (scraper_context_get_store (self->context), &error);
  if (sources == NULL)
    {
      show_error (self, _("Could not read the sources"), error);
      return;
    }

  sync_rows (self, sources);
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
  if (!current || self->context == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (sources == NULL)
    {
      show_error (self, _("Could not read the sources"), error);
      return;
    }

  if (count_only)
    set_n_sources (self, sources->len);
  else
    sync_rows (self, sources);
}

/* The same, read off the main thread: while scrapes write, the window
 * never runs a statement. */
static void
reload_async (ScraperSourcesView *self)
{
  Reload *reload;

  if (self->context == NULL)
    return;

  reload = g_new0 (Reload, 1);
  reload->self = g_object_ref (self);
  reload->serial = ++self->reload_serial;
  scraper_store_list_sources_async (scraper_context_get_store (self->context), NULL,
                                    reloaded_cb, reload);
}

/* Only how many sources there are, before the view is first shown: the
 * rows come with the first map or the first reload. */
static void
count_async (ScraperSourcesView *self)
{
  Reload *reload = g_new0 (Reload, 1);

  reload->self = g_object_ref (self);
  reload->serial = ++self->reload_serial;
  reload->count_only = TRUE;
  scraper_store_list_sources_async (scraper_context_get_store (self->context), NULL,
                                    reloaded_cb, reload);
}

static void
on_task_finished (ScraperSourcesView *self,
                  ScraperTask        *task,
                  ScraperTaskManager *manager)
{
  /* A tracked posting comes with a source of its own. */
  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") == 0 || g_strcmp0 (scraper_task_get_kind (task), "track") == 0)
    reload_async (self);
}

/* Add and edit */

static void
on_dialog_saved (ScraperSourcesView *self,
                 gint64              id,
                 ScraperAddSourceDialog *dialog)
{
  reload_async (self);
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
      show_error (self, failed, error);
      return;
    }
  if (error != NULL || self->context == NULL)
    return;
  tasks = scraper_context_scrape_sources (self->context, sources, SCRAPER_TASK_PRIORITY_USER);
  if (started != NULL)
    show_toast (self, started);
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
  reload_async (self);
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

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = scraper_store_get_source (scraper_context_get_store (self->context),
                                     g_variant_get_int64 (param), &error);
  if (source == NULL)
    {
      show_error (self, _("Could not open the source"), error);
      scraper_sources_view_reload (self);
      return;
    }

  open_dialog (self, source);
}

static void
source_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ScraperSourcesView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    show_error (self, _("Could not change the source"), error);

  /* Shows what the store holds: the switch flips back after a failure. */
  if (self->context != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    reload_async (self);
}

static void
set_enabled_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  ScraperSourceRow *row;
  gint64 id;
  gboolean enabled;

  g_variant_get (param, "(xb)", &id, &enabled);
  /* Shown at once; the reload after the write says what the store kept. */
  if ((row = find_row (self, id)) != NULL && scraper_source_row_get_source (row) != NULL)
    scraper_source_row_get_source (row)->enabled = enabled;
  scraper_store_set_source_enabled_async (scraper_context_get_store (self->context), id, enabled,
                                          source_written_cb, g_object_ref (self));
}

/* Remove with Undo: the row hides at once; the store forgets the source
 * when the toast goes away without Undo. */

static void
removal_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ScraperSourcesView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error) &&
      !g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND))
    show_error (self, _("Could not remove the source"), error);

  /* Shows what the store holds: the source comes back after a failure,
   * and the job list loses the postings that went with it. */
  if (self->context != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      reload_async (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-jobs", NULL);
    }
}

static void
commit_removal (ScraperSourcesView *self,
                gint64              id)
{
  scraper_store_remove_source_async (scraper_context_get_store (self->context), id,
                                     removal_written_cb, g_object_ref (self));
}

static void
on_undo_clicked (AdwToast       *toast,
                 PendingRemoval *pending)
{
  pending->undone = TRUE;
}

static void
on_removal_toast_dismissed (AdwToast       *toast,
                            PendingRemoval *pending)
{
  ScraperSourcesView *self = pending->view;
  gint64 id = pending->id;
  gboolean undone = pending->undone;

  /* Frees @pending. */
  g_hash_table_remove (self->pending, &id);

  /* The removal reloads once written. */
  if (!undone)
    commit_removal (self, id);
  else
    scraper_sources_view_reload (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  ScraperSourceRow *row = find_row (self, id);
  ScraperSource *source = row != NULL ? scraper_source_row_get_source (row) : NULL;
  PendingRemoval *pending;
  AdwToast *toast;

  if (source == NULL || g_hash_table_contains (self->pending, &id))
    return;

  {
    /* Translators: %s is the name of a source */
    g_autofree char *title = g_strdup_printf (_("“%s” removed"), source->name);

    toast = scraper_toast_new_plain (title);
  }
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  pending = g_new0 (PendingRemoval, 1);
  pending->view = self;
  pending->toast = g_object_ref (toast);
  pending->id = id;
  g_hash_table_insert (self->pending, &pending->id, pending);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked), pending);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_removal_toast_dismissed), pending);

  scraper_sources_view_reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
scraper_sources_view_flush_removals (ScraperSourcesView *self)
{
  g_autoptr(GList) values = NULL;

  g_return_if_fail (SCRAPER_IS_SOURCES_VIEW (self));

  values = g_hash_table_get_values (self->pending);
  for (GList *l = values; l != NULL; l = l->next)
    {
      PendingRemoval *pending = l->data;
      g_autoptr(AdwToast) toast = g_object_ref (pending->toast);
      gint64 id = pending->id;
      gboolean undone = pending->undone;

      g_hash_table_remove (self->pending, &id);
      if (!undone && self->context != NULL)
        commit_removal (self, id);
      adw_toast_dismiss (toast);
    }

  if (values != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    scraper_sources_view_reload (self);
}

/* Import and export */

static JsonNode *
parse_settings (const char *settings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (settings != NULL && json_parser_load_from_data (parser, settings, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_node_copy (json_parser_get_root (parser));

  return NULL;
}

gboolean
scraper_sources_view_export_file (ScraperSourcesView *self,
                                  GFile              *file,
                                  GError            **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_return_val_if_fail (SCRAPER_IS_SOURCES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  sources = scraper_store_list_sources (scraper_context_get_store (self->context), error);
  if (sources == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);
      JsonNode *settings = parse_settings (source->settings);

      if (g_hash_table_contains (self->pending, &source->id))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, source->name);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, source->url);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, source->kind);
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, source->enabled);
      if (settings != NULL)
        {
          json_builder_set_member_name (builder, "settings");
          json_builder_add_value (builder, settings);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);

  return g_file_replace_contents (file, text, len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

typedef struct {
  GFile *file;
  int    added;
} ImportCall;

static void
import_call_free (gpointer data)
{
  ImportCall *call = data;

  g_object_unref (call->file);
  g_free (call);
}

static gboolean
import_in_store (ScraperStore  *store,
                 gpointer       data,
                 GError       **error)
{
  ImportCall *call = data;

  call->added = scraper_sources_import_file (store, call->file, error);
  return call->added >= 0;
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ScraperSourcesView *self = g_task_get_source_object (task);
  ImportCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Even a failed import may have added some before it failed. */
  reload_async (self);
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, call->added);
}

void
scraper_sources_view_import_file_async (ScraperSourcesView  *self,
                                        GFile               *file,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportCall *call;

  g_return_if_fail (SCRAPER_IS_SOURCES_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, scraper_sources_view_import_file_async);
  call = g_new0 (ImportCall, 1);
  call->file = g_object_ref (file);
  g_task_set_task_data (task, call, import_call_free);
  /* Read and written on the store's thread: the import may wait for a
   * scrape's batch, the window does not. */
  scraper_store_write_async (scraper_context_get_store (self->context), import_in_store, call, NULL,
                             NULL, imported_cb, g_object_ref (task));
}

int
scraper_sources_view_import_file_finish (ScraperSourcesView  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JSON Files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

static void
on_export_response (GtkNativeDialog    *native,
                    int                 response,
                    ScraperSourcesView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;

      if (!scraper_sources_view_export_file (self, file, &error))
        show_error (self, _("Could not export the sources"), error);
      else
        show_toast (self, _("Sources exported"));
    }

  g_object_unref (native);
  g_object_unref (self);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);
  g_autoptr(GError) error = NULL;
  int added = scraper_sources_view_import_file_finish (self, result, &error);

  if (self->context == NULL)
    return;
  if (added < 0)
    show_error (self, _("Could not import the sources"), error);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d source imported",
                                                            "%d sources imported", added), added);

      show_toast (self, text);
    }
}

static void
on_import_response (GtkNativeDialog    *native,
                    int                 response,
                    ScraperSourcesView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      scraper_sources_view_import_file_async (self, file, on_imported, NULL);
    }

  g_object_unref (native);
  g_object_unref (self);
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean export = g_str_equal (action_name, "sources.export");
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (export ? _("Export Sources") : _("Import Sources"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        export ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        export ? _("_Export") : _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (export)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("job-sources.json"));

  g_signal_connect (native, "response",
                    export ? G_CALLBACK (on_export_response) : G_CALLBACK (on_import_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The sample job board */

/* At start: a sample source from an earlier run needs this run's server
 * (started only when there is one). */
static void
revive_sample_source (ScraperSourcesView *self)
{
  ScraperStore *store = scraper_context_get_store (self->context);
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  ScraperSampleSite *site;

  source = scraper_sources_find_sample (store, &error);
  if (source == NULL)
    {
      if (error != NULL)
        g_warning ("Could not restart the sample job board: %s", error->message);
      return;
    }
  site = scraper_sample_site_get_default (&error);
  if (site == NULL || scraper_sources_point_sample (store, source, scraper_sample_site_get_url (site), FALSE, &error) == 0)
    g_warning ("Could not restart the sample job board: %s", error->message);
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
      show_error (self, _("Could not add the sample job board"), error);
      return;
    }
  if (error != NULL || self->context == NULL)
    return;

  reload_async (self);
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
      show_error (self, _("Could not add the sample job board"), error);
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
  scraper_sources_view_reload (self);
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
    scraper_sources_view_reload (self);
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
  gtk_widget_class_install_action (widget_class, "sources.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "sources.set-enabled", "(xb)", set_enabled_action);
  gtk_widget_class_install_action (widget_class, "sources.import", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "sources.export", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "sources.try-sample", NULL, try_sample_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sources.add", NULL);
}

static void
scraper_sources_view_init (ScraperSourcesView *self)
{
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pending_removal_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  scraper_a11y_fix_names (GTK_WIDGET (self));
}
