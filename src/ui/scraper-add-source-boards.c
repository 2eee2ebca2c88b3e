/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-add-source-dialog"

#include "config.h"

#include <glib/gi18n.h>

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
