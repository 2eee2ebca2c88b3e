/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-sources-view"

/* Import and export of the source list as JSON.  The sources are read and
 * added on the store's thread, the file is written by GIO: the window
 * runs no statement and never waits for a scrape's batch. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "scraper-sources-import.h"
#include "scraper-sources-view-private.h"

static JsonNode *
parse_settings (const char *settings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (settings != NULL && json_parser_load_from_data (parser, settings, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_node_copy (json_parser_get_root (parser));

  return NULL;
}

/* @sources as the JSON the import reads, without those behind an Undo
 * toast. */
static GBytes *
sources_to_json (ScraperSourcesView *self,
                 GPtrArray          *sources)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize len;

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *source = g_ptr_array_index (sources, i);
      JsonNode *settings;

      if (g_hash_table_contains (self->pending, &source->id))
        continue;

      settings = parse_settings (source->settings);
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
  return g_bytes_new_take (text, len);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ScraperSourcesView *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  sources = scraper_store_list_sources_finish (SCRAPER_STORE (object), result, &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  bytes = sources_to_json (self, sources);
  g_file_replace_contents_bytes_async (g_task_get_task_data (task), bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, g_task_get_cancellable (task),
                                       exported_cb, g_object_ref (task));
}

void
scraper_sources_view_export_file_async (ScraperSourcesView  *self,
                                        GFile               *file,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SCRAPER_IS_SOURCES_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, scraper_sources_view_export_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  /* Read after the writes asked for before, on the store's thread. */
  scraper_store_list_sources_async (scraper_context_get_store (self->context), NULL,
                                    export_listed_cb, g_object_ref (task));
}

gboolean
scraper_sources_view_export_file_finish (ScraperSourcesView  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
  if (!scraper_sources_view_is_gone (self))
    scraper_sources_view_reload (self);
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
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);
  g_autoptr(GError) error = NULL;
  gboolean done = scraper_sources_view_export_file_finish (self, result, &error);

  if (scraper_sources_view_is_gone (self))
    return;
  if (!done)
    scraper_sources_view_show_error (self, _("Could not export the sources"), error);
  else
    scraper_sources_view_show_toast (self, _("Sources exported"));
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (object);
  g_autoptr(GError) error = NULL;
  int added = scraper_sources_view_import_file_finish (self, result, &error);

  if (scraper_sources_view_is_gone (self))
    return;
  if (added < 0)
    scraper_sources_view_show_error (self, _("Could not import the sources"), error);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d source imported",
                                                            "%d sources imported", added), added);

      scraper_sources_view_show_toast (self, text);
    }
}

static void
on_file_response (GtkNativeDialog    *native,
                  int                 response,
                  ScraperSourcesView *self)
{
  gboolean export = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && !scraper_sources_view_is_gone (self))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (export)
        scraper_sources_view_export_file_async (self, file, on_exported, NULL);
      else
        scraper_sources_view_import_file_async (self, file, on_imported, NULL);
    }

  g_object_unref (native);
  g_object_unref (self);
}

void
scraper_sources_file_action (GtkWidget  *widget,
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

  g_signal_connect (native, "response", G_CALLBACK (on_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
