/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-add-source-dialog"

/* The Add Source dialog's preview: what the preview task found at the URL
 * typed (a kind, postings, a company, or the job boards the page hands
 * off to), shown under the URL and kept for saving. */

#include "config.h"

#include <glib/gi18n.h>

#include "scrape/scraper-adapter.h"
#include "scraper-add-source-boards.h"
#include "scraper-add-source-dialog-private.h"
#include "scraper-board-row.h"
#include "scraper-source-row.h"

/* Also clears the boards shown. */
void
scraper_add_source_dialog_set_preview (ScraperAddSourceDialog *self,
             const char             *text,
             const char             *titles,
             gboolean                is_error)
{
  scraper_add_source_boards_clear (self->boards_list);
  gtk_label_set_label (self->preview_label, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "error");
  gtk_label_set_label (self->preview_titles_label, titles != NULL ? titles : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_titles_label), titles != NULL && *titles != '\0');
}


/* The boards the URL leads to (marked), shown and kept for saving. */
static void
show_boards (ScraperAddSourceDialog *self,
             GVariant               *boards,
             const char             *url)
{
  g_autofree char *text = NULL;
  g_autofree char *first_name = NULL;
  guint n_existing = 0;

  g_clear_pointer (&self->detected_boards, g_variant_unref);
  g_clear_pointer (&self->detected_kind, g_free);
  self->detected_boards = g_variant_ref_sink (boards);
  g_free (self->detected_url);
  self->detected_url = g_strdup (url);

  text = scraper_add_source_boards_describe (self->detected_boards, &self->n_readable, &n_existing, &first_name);
  /* One board is named in the Name row, until the user types one. */
  if (first_name != NULL && !self->name_edited)
    {
      self->setting_name = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), first_name);
      self->setting_name = FALSE;
    }
  scraper_add_source_dialog_set_preview (self, text, NULL, self->n_readable + n_existing == 0);
  scraper_add_source_boards_show (self->boards_list, self->detected_boards);
}

static void
on_boards_marked (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StoreCall *call = user_data;
  ScraperAddSourceDialog *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) marked = scraper_add_source_boards_mark_existing_finish (SCRAPER_STORE (object), result, &error);

  if (call->serial == self->detect_serial && self->context != NULL)
    {
      g_clear_object (&self->detect_cancellable);
      scraper_add_source_dialog_set_busy (self, FALSE);
      if (marked != NULL)
        show_boards (self, marked, call->url);
      else
        scraper_add_source_dialog_set_preview (self, error->message, NULL, TRUE);
      scraper_add_source_dialog_update_actions (self);
    }
  scraper_add_source_store_call_free (call);
}


static void
detect_call_free (DetectCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->task);
  g_free (call->url);
  g_free (call);
}

void
scraper_add_source_preview_done (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DetectCall *call = user_data;
  ScraperAddSourceDialog *self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = scraper_task_manager_submit_finish (SCRAPER_TASK_MANAGER (source_object), result, &error);
  GVariant *summary;
  const char *kind = NULL;
  const char *company = NULL;
  const char *preview_error = NULL;
  guint32 found = 0;
  g_autofree const char **titles = NULL;

  if (call->serial != self->detect_serial || self->context == NULL)
    {
      detect_call_free (call);
      return;
    }

  summary = ok ? scraper_task_get_result (call->task) : NULL;
  {
    g_autoptr(GVariant) boards = summary != NULL ? g_variant_lookup_value (summary, "boards", G_VARIANT_TYPE ("aa{sv}")) : NULL;

    /* Which of them are sources already is asked of the store's thread;
     * the preview stays busy until it answers. */
    if (boards != NULL)
      {
        StoreCall *mark = scraper_add_source_store_call_new (self);

        mark->serial = call->serial;
        mark->url = g_strdup (call->url);
        scraper_add_source_boards_mark_existing_async (scraper_context_get_store (self->context), boards,
                                                       on_boards_marked, mark);
        detect_call_free (call);
        return;
      }
  }

  g_clear_object (&self->detect_cancellable);
  scraper_add_source_dialog_set_busy (self, FALSE);

  if (!ok)
    {
      g_autofree char *text = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (g_error_matches (error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_NO_POSTINGS))
            text = g_strdup (_("Could not tell what kind of source this is. Choose a kind under Advanced."));
          else
            text = g_strdup_printf (_("Could not tell what kind of source this is: %s. Choose a kind under Advanced."),
                                    error->message);
          scraper_add_source_dialog_set_preview (self, text, NULL, TRUE);
        }
      scraper_add_source_dialog_update_actions (self);
      detect_call_free (call);
      return;
    }

  if (summary != NULL)
    {
      g_variant_lookup (summary, "kind", "&s", &kind);
      g_variant_lookup (summary, "found", "u", &found);
      g_variant_lookup (summary, "preview-error", "&s", &preview_error);
      g_variant_lookup (summary, "titles", "^a&s", &titles);
      g_variant_lookup (summary, "company", "&s", &company);
    }

  /* Named after the company its postings belong to, until the user types
   * a name. */
  if (company != NULL && !self->name_edited)
    {
      self->setting_name = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), company);
      self->setting_name = FALSE;
    }

  if (kind != NULL && g_str_equal (scraper_add_source_dialog_selected_kind (self), "auto"))
    {
      g_clear_pointer (&self->detected_boards, g_variant_unref);
      g_free (self->detected_kind);
      self->detected_kind = g_strdup (kind);
      g_free (self->detected_url);
      self->detected_url = g_strdup (call->url);
    }

  if (preview_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("This looks like a source of kind “%s”, but reading it failed: %s"),
                                               scraper_source_kind_get_label (kind), preview_error);
      scraper_add_source_dialog_set_preview (self, text, NULL, TRUE);
    }
  else
    {
      g_autofree char *text = scraper_board_describe_preview (summary);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
        g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", titles[i]);
      scraper_add_source_dialog_set_preview (self, text, list->str, found == 0);
    }

  scraper_add_source_dialog_update_actions (self);
  detect_call_free (call);
}
