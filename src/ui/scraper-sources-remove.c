/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-sources-view"

/* Remove with Undo: the row hides at once, without asking the store; the
 * store forgets the source, on its own thread, when the toast goes away
 * without Undo. */

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-toast.h"
#include "scraper-source-row.h"
#include "scraper-sources-view-private.h"

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

GHashTable *
scraper_sources_removals_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pending_removal_free);
}

static void
removal_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ScraperSourcesView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error) &&
      !g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND) &&
      !scraper_sources_view_is_gone (self))
    scraper_sources_view_show_error (self, _("Could not remove the source"), error);

  /* Shows what the store holds: the source comes back after a failure,
   * and the job list loses the postings that went with it. */
  if (!scraper_sources_view_is_gone (self))
    {
      scraper_sources_view_reload (self);
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

  /* The removal reloads once written; Undo shows the row it hid. */
  if (!undone)
    commit_removal (self, id);
  else
    scraper_sources_view_update_shown (self);
}

void
scraper_sources_remove_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  ScraperSourcesView *self = SCRAPER_SOURCES_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  GtkWidget *row = scraper_sources_view_find_row (self, id);
  ScraperSource *source = row != NULL ? scraper_source_row_get_source (SCRAPER_SOURCE_ROW (row)) : NULL;
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

  scraper_sources_view_update_shown (self);
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
    scraper_sources_view_update_shown (self);
}
