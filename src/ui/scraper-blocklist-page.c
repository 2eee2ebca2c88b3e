/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-blocklist"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-blocklist-page.h"
#include "store/scraper-store-applications.h"

struct _ScraperBlocklistPage
{
  AdwPreferencesPage    parent_instance;

  ScraperStore         *store;
  GCancellable         *cancellable;   /* the read in flight; cancelled in dispose */
  AdwEntryRow          *company_row;
  AdwEntryRow          *keyword_row;
  AdwPreferencesGroup  *list_group;
  GPtrArray            *rows;          /* the rows in list_group */
  guint                 n_blocks;
};

G_DEFINE_FINAL_TYPE (ScraperBlocklistPage, scraper_blocklist_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ScraperBlocklistPage *self,
            const char           *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

/* Reading */

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *blocks = scraper_store_list_blocks (task_data, &error);

  if (blocks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, blocks, (GDestroyNotify) g_ptr_array_unref);
}

static void on_unblock_clicked (GtkButton *button, ScraperBlocklistPage *self);

static GtkWidget *
make_row (ScraperBlocklistPage *self,
          const ScraperBlock   *block)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Unblock"));
  g_autofree char *name = NULL;

  /* Values come from the user and may hold markup characters: plain
   * text, set before the title is. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), block->value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               block->kind == SCRAPER_BLOCK_COMPANY ? _("Company") : _("Keyword in the title"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the button that removes a block */
  name = g_strdup_printf (_("Unblock %s"), block->value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "block-id", g_memdup2 (&block->id, sizeof block->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_unblock_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rebuild (ScraperBlocklistPage *self,
         GPtrArray            *blocks)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  self->n_blocks = blocks->len;
  if (blocks->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing is blocked"));
      gtk_widget_add_css_class (row, "dim-label");
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->list_group, row);
      return;
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (blocks, i));

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->list_group, row);
    }
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;

  blocks = g_task_propagate_pointer (G_TASK (result), &error);
  if (blocks == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (SCRAPER_BLOCKLIST_PAGE (object), error->message);
      return;
    }
  rebuild (SCRAPER_BLOCKLIST_PAGE (object), blocks);
}

void
scraper_blocklist_page_reload (ScraperBlocklistPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SCRAPER_IS_BLOCKLIST_PAGE (self));

  /* The newest read wins. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, listed_cb, NULL);
  g_task_set_source_tag (task, scraper_blocklist_page_reload);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  scraper_store_run_in_thread (task, list_in_thread);
}

guint
scraper_blocklist_page_get_n_blocks (ScraperBlocklistPage *self)
{
  g_return_val_if_fail (SCRAPER_IS_BLOCKLIST_PAGE (self), 0);
  return self->n_blocks;
}

/* Writing */

typedef struct {
  gboolean          add;
  ScraperBlockKind  kind;
  char             *value;
  gint64            id;
} BlockWrite;

static void
block_write_free (gpointer data)
{
  BlockWrite *write = data;

  g_free (write->value);
  g_free (write);
}

static gboolean
write_block (ScraperStore  *store,
             gpointer       data,
             GError       **error)
{
  BlockWrite *write = data;

  if (write->add)
    return scraper_store_add_block (store, write->kind, write->value, error) > 0;
  return scraper_store_remove_block (store, write->id, error);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ScraperBlocklistPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    show_error (self, error->message);
  else
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (self->store != NULL)
    scraper_blocklist_page_reload (self);
}

static void
write_async (ScraperBlocklistPage *self,
             BlockWrite           *op)
{
  scraper_store_write_async (self->store, write_block, op, block_write_free,
                             NULL, written_cb, g_object_ref (self));
}

static void
on_unblock_clicked (GtkButton            *button,
                    ScraperBlocklistPage *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (button), "block-id");
  BlockWrite *op = g_new0 (BlockWrite, 1);

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  op->add = FALSE;
  op->id = *id;
  write_async (self, op);
}

static void
on_apply (AdwEntryRow          *row,
          ScraperBlocklistPage *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  BlockWrite *op;

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  if (*value == '\0')
    return;
  op = g_new0 (BlockWrite, 1);
  op->add = TRUE;
  op->kind = row == self->company_row ? SCRAPER_BLOCK_COMPANY : SCRAPER_BLOCK_KEYWORD;
  op->value = g_steal_pointer (&value);
  write_async (self, op);
}

static AdwEntryRow *
make_entry_row (ScraperBlocklistPage *self,
                const char           *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (on_apply), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_apply), self);
  return ADW_ENTRY_ROW (row);
}

static void
scraper_blocklist_page_dispose (GObject *object)
{
  ScraperBlocklistPage *self = SCRAPER_BLOCKLIST_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (scraper_blocklist_page_parent_class)->dispose (object);
}

static void
scraper_blocklist_page_finalize (GObject *object)
{
  ScraperBlocklistPage *self = SCRAPER_BLOCKLIST_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (scraper_blocklist_page_parent_class)->finalize (object);
}

static void
scraper_blocklist_page_class_init (ScraperBlocklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scraper_blocklist_page_dispose;
  object_class->finalize = scraper_blocklist_page_finalize;

  /* A block was added or removed: the lists showing postings follow. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
scraper_blocklist_page_init (ScraperBlocklistPage *self)
{
  AdwPreferencesGroup *add_group;

  self->rows = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Blocked"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "action-unavailable-symbolic");

  add_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (add_group, _("Block"));
  adw_preferences_group_set_description (add_group,
                                         _("Postings of a blocked company, or with a blocked word in their title, "
                                           "are hidden everywhere. Nothing is deleted: unblock to bring them back."));
  self->company_row = make_entry_row (self, _("Block a _Company"));
  self->keyword_row = make_entry_row (self, _("Block a _Keyword in Titles"));
  adw_preferences_group_add (add_group, GTK_WIDGET (self->company_row));
  adw_preferences_group_add (add_group, GTK_WIDGET (self->keyword_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), add_group);

  self->list_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->list_group, _("Blocked Companies and Keywords"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->list_group);
}

GtkWidget *
scraper_blocklist_page_new (ScraperStore *store)
{
  ScraperBlocklistPage *self;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);

  self = g_object_new (SCRAPER_TYPE_BLOCKLIST_PAGE, NULL);
  self->store = g_object_ref (store);
  scraper_blocklist_page_reload (self);
  return GTK_WIDGET (self);
}
