/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-add-source-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "scrape/scraper-handoff.h"
#include "tasks/scraper-handoff-add.h"
#include "scraper-add-source-boards.h"
#include "scraper-board-row.h"

GVariant *
scraper_add_source_boards_mark_existing (ScraperStore *store,
                                         GVariant     *boards)
{
  GVariantBuilder list;
  GVariantIter iter;
  GVariant *board;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (boards != NULL, NULL);

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_iter_init (&iter, boards);
  while ((board = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *kind = NULL, *url = NULL;
      GVariantBuilder entry;
      GVariantIter members;
      const char *key;
      GVariant *value;
      gint64 id = 0;

      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      g_variant_iter_init (&members, board);
      while (g_variant_iter_next (&members, "{&sv}", &key, &value))
        {
          g_variant_builder_add (&entry, "{sv}", key, value);
          g_variant_unref (value);
        }
      if (g_variant_lookup (board, "kind", "&s", &kind) && g_variant_lookup (board, "url", "&s", &url))
        id = scraper_handoff_find_source (store, kind, url, NULL);
      if (id > 0)
        g_variant_builder_add (&entry, "{sv}", "existing", g_variant_new_int64 (id));
      g_variant_builder_add_value (&list, g_variant_builder_end (&entry));
      g_variant_unref (board);
    }
  return g_variant_builder_end (&list);
}

char *
scraper_add_source_boards_describe (GVariant  *boards,
                                    guint     *n_readable,
                                    guint     *n_existing,
                                    char     **first_name)
{
  gsize n = g_variant_n_children (boards);
  gboolean handed_off = FALSE;
  const char *vendor = "";
  g_autofree char *text = NULL;

  *n_readable = 0;
  *n_existing = 0;
  if (first_name != NULL)
    *first_name = NULL;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) board = g_variant_get_child_value (boards, i);
      gboolean readable = FALSE;

      g_variant_lookup (board, "readable", "b", &readable);
      if (g_variant_lookup (board, "existing", "x", NULL))
        {
          readable = FALSE;
          (*n_existing)++;
        }
      if (g_variant_lookup (board, "evidence", "&s", NULL))
        handed_off = TRUE;
      g_variant_lookup (board, "vendor", "&s", &vendor);
      if (readable)
        {
          (*n_readable)++;
          if (*n_readable == 1 && first_name != NULL)
            *first_name = scraper_board_display_name (board);
        }
    }

  if (handed_off)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This page hands off to %u job board",
                                         "This page hands off to %u job boards", (gulong) n), (guint) n);
  else
    /* Translators: %s is a job board product, e.g. Lever */
    text = g_strdup_printf (_("This address is on a %s board: the whole board can be added"), vendor);
  return g_steal_pointer (&text);
}

void
scraper_add_source_boards_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  gtk_widget_set_visible (GTK_WIDGET (list), FALSE);
}

void
scraper_add_source_boards_show (GtkListBox *list,
                                GVariant   *boards)
{
  gsize n = g_variant_n_children (boards);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) board = g_variant_get_child_value (boards, i);

      gtk_list_box_append (list, scraper_board_row_new (board));
    }
  gtk_widget_set_visible (GTK_WIDGET (list), n > 0);
}

GArray *
scraper_add_source_boards_add (ScraperStore  *store,
                               GVariant      *boards,
                               const char    *single_name,
                               const char    *settings,
                               GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize n = g_variant_n_children (boards);
  guint n_readable = 0;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) board = g_variant_get_child_value (boards, i);
      gboolean readable = FALSE;

      g_variant_lookup (board, "readable", "b", &readable);
      if (readable && !g_variant_lookup (board, "existing", "x", NULL))
        n_readable++;
    }

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) board = g_variant_get_child_value (boards, i);
      g_autofree char *board_name = NULL;
      ScraperHandoff handoff = { 0 };
      gboolean readable = FALSE;
      gint64 id;

      g_variant_lookup (board, "readable", "b", &readable);
      if (!readable || g_variant_lookup (board, "existing", "x", NULL))
        continue;
      g_variant_lookup (board, "kind", "&s", &handoff.kind);
      g_variant_lookup (board, "vendor", "&s", &handoff.vendor);
      g_variant_lookup (board, "url", "&s", &handoff.url);
      board_name = n_readable == 1 ? g_strdup (single_name) : scraper_board_display_name (board);

      id = scraper_handoff_add (store, &handoff, board_name, settings, NULL, error);
      if (id <= 0)
        break;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* The same, asked of the store's thread from the main one. */

typedef struct {
  GVariant *boards;
  GVariant *marked;
  char     *name;
  char     *settings;
  GArray   *ids;
} BoardsCall;

static void
boards_call_free (gpointer data)
{
  BoardsCall *call = data;

  g_clear_pointer (&call->boards, g_variant_unref);
  g_clear_pointer (&call->marked, g_variant_unref);
  g_free (call->name);
  g_free (call->settings);
  g_clear_pointer (&call->ids, g_array_unref);
  g_free (call);
}

static gboolean
mark_in_store (ScraperStore  *store,
               gpointer       data,
               GError       **error)
{
  BoardsCall *call = data;

  call->marked = g_variant_ref_sink (scraper_add_source_boards_mark_existing (store, call->boards));
  return TRUE;
}

static gboolean
add_in_store (ScraperStore  *store,
              gpointer       data,
              GError       **error)
{
  BoardsCall *call = data;
  g_autoptr(GError) local_error = NULL;

  call->ids = scraper_add_source_boards_add (store, call->boards, call->name, call->settings, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The main-thread task is only ever touched on the main thread. */
static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_in_store (ScraperStore          *store,
              ScraperStoreWriteFunc  func,
              BoardsCall            *call,
              gpointer               source_tag,
              GAsyncReadyCallback    callback,
              gpointer               user_data)
{
  GTask *task = g_task_new (store, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, boards_call_free);
  scraper_store_write_async (store, func, call, NULL, NULL, written_cb, task);
}

void
scraper_add_source_boards_mark_existing_async (ScraperStore        *store,
                                               GVariant            *boards,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  BoardsCall *call = g_new0 (BoardsCall, 1);

  call->boards = g_variant_ref_sink (boards);
  run_in_store (store, mark_in_store, call, scraper_add_source_boards_mark_existing_async, callback, user_data);
}

GVariant *
scraper_add_source_boards_mark_existing_finish (ScraperStore  *store,
                                                GAsyncResult  *result,
                                                GError       **error)
{
  BoardsCall *call = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_variant_ref (call->marked);
}

void
scraper_add_source_boards_add_async (ScraperStore        *store,
                                     GVariant            *boards,
                                     const char          *single_name,
                                     const char          *settings,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  BoardsCall *call = g_new0 (BoardsCall, 1);

  call->boards = g_variant_ref_sink (boards);
  call->name = g_strdup (single_name);
  call->settings = g_strdup (settings);
  run_in_store (store, add_in_store, call, scraper_add_source_boards_add_async, callback, user_data);
}

GArray *
scraper_add_source_boards_add_finish (ScraperStore  *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  BoardsCall *call = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), error);
  return call->ids != NULL ? g_array_ref (call->ids) : g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* The settings of a source added or edited */

char *
scraper_add_source_build_settings (const char         *old_settings,
                                   gboolean            is_html,
                                   int                 max_pages,
                                   gboolean            obey_robots,
                                   const char * const *selector_names,
                                   const char * const *selector_values,
                                   gboolean            for_save)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *selectors;

  if (old_settings != NULL &&
      json_parser_load_from_data (parser, old_settings, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_copy (json_parser_get_root (parser));
  else
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
    }
  object = json_node_get_object (root);

  json_object_set_int_member (object, "max_pages", max_pages);
  json_object_set_boolean_member (object, "obey_robots", obey_robots);

  selectors = json_object_new ();
  for (guint i = 0; is_html && selector_names[i] != NULL; i++)
    if (selector_values[i] != NULL && *selector_values[i] != '\0')
      json_object_set_string_member (selectors, selector_names[i], selector_values[i]);
  if (json_object_get_size (selectors) > 0)
    json_object_set_object_member (object, "selectors", selectors);
  else
    {
      json_object_unref (selectors);
      if (is_html || !for_save)
        json_object_remove_member (object, "selectors");
    }

  return json_to_string (root, FALSE);
}
