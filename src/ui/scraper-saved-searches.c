/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-saved-searches"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-toast.h"
#include "scraper-tooltip.h"
#include "scraper-saved-searches.h"

struct _ScraperSavedSearchesButton
{
  AdwBin              parent_instance;

  ScraperStore       *store;
  ScraperSavedSearch *current;    /* what "Save Current Search…" saves */
  GPtrArray          *searches;   /* ScraperSavedSearch, as the rows show them */
  GCancellable       *cancellable; /* the count in flight */
  guint               n_new;

  GtkMenuButton      *button;
  GtkLabel           *badge;
  GtkListBox         *list;
  GtkWidget          *empty_label;
};

G_DEFINE_FINAL_TYPE (ScraperSavedSearchesButton, scraper_saved_searches_button, ADW_TYPE_BIN)

enum {
  SIGNAL_APPLY,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One call into the store, on a worker thread. */
typedef enum {
  OP_LIST,
  OP_ADD,
  OP_REMOVE,
  OP_VIEWED,
} OpKind;

typedef struct {
  OpKind              kind;
  ScraperStore       *store;
  ScraperSavedSearch *search;
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->store);
  g_clear_pointer (&op->search, scraper_saved_search_free);
  g_free (op);
}

static void
op_in_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  GPtrArray *list;

  switch (op->kind)
    {
    case OP_LIST:
      list = scraper_store_list_saved_searches (op->store, TRUE, &error);
      if (list != NULL)
        g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, error);
      return;
    case OP_ADD:
      scraper_store_add_saved_search (op->store, op->search, &error);
      break;
    case OP_REMOVE:
      scraper_store_remove_saved_search (op->store, op->search->id, &error);
      break;
    case OP_VIEWED:
      scraper_store_mark_saved_search_viewed (op->store, op->search->id, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_op (ScraperSavedSearchesButton *self,
        OpKind                      kind,
        const ScraperSavedSearch   *search,
        GCancellable               *cancellable,
        GAsyncReadyCallback         callback)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  if (self->store == NULL)
    return;

  op = g_new0 (Op, 1);
  op->kind = kind;
  op->store = g_object_ref (self->store);
  op->search = search != NULL ? scraper_saved_search_copy (search) : NULL;

  task = g_task_new (self, cancellable, callback, NULL);
  g_task_set_source_tag (task, run_op);
  g_task_set_task_data (task, op, op_free);
  g_task_set_check_cancellable (task, TRUE);
  scraper_store_run_in_thread (task, op_in_thread);
}

static const ScraperSavedSearch *
op_search (GAsyncResult *result)
{
  return ((Op *) g_task_get_task_data (G_TASK (result)))->search;
}

/* Takes @toast; a handler that shows it takes a reference of its own. */
static void
toast (ScraperSavedSearchesButton *self,
       AdwToast                   *toast)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
toast_error (ScraperSavedSearchesButton *self,
             const GError               *error)
{
  g_debug ("Saved searches: %s", error->message);
  toast (self, scraper_toast_new_plain (error->message));
}

/* Rows */

static GtkWidget *
make_row (const ScraperSavedSearch *search,
          guint                     index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (search->name);
  GtkWidget *count, *remove;
  g_autofree char *count_text = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *row_label = NULL;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (search->n_new > 0)
    {
      /* Translators: postings of a saved search that are new since it was
       * last looked at */
      count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", search->n_new), search->n_new);
      count = gtk_label_new (count_text);
      gtk_widget_add_css_class (count, "accent");
      gtk_widget_add_css_class (count, "heading");
    }
  else
    {
      count_text = g_strdup_printf ("%u", search->n_matching);
      count = gtk_label_new (count_text);
      gtk_widget_add_css_class (count, "dim-label");
    }
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), count);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Saved Search"));
  remove_label = g_strdup_printf (_("Remove “%s”"), search->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "saved-searches.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", index);
  gtk_box_append (GTK_BOX (box), remove);

  /* Translators: a saved search in a list: its name, how many postings it
   * matches and how many of them are new */
  row_label = g_strdup_printf (_("%s: %u postings, %u new"), search->name, search->n_matching, search->n_new);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_label, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
set_n_new (ScraperSavedSearchesButton *self,
           guint                       n_new)
{
  g_autofree char *text = g_strdup_printf ("%u", n_new);
  g_autofree char *description = NULL;

  self->n_new = n_new;
  gtk_label_set_label (self->badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->badge), n_new > 0);
  description = n_new > 0
    /* A sum over the searches: a posting two of them match counts twice. */
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new match in saved searches",
                                    "%u new matches in saved searches", n_new), n_new)
    : g_strdup ("");
  scraper_tooltip_set (GTK_WIDGET (self->button), n_new > 0 ? description : _("Saved Searches"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
show_searches (ScraperSavedSearchesButton *self,
               GPtrArray                  *searches)
{
  GtkWidget *child;
  guint n_new = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_pointer (&self->searches, g_ptr_array_unref);
  self->searches = g_ptr_array_ref (searches);
  for (guint i = 0; i < searches->len; i++)
    {
      const ScraperSavedSearch *search = g_ptr_array_index (searches, i);

      gtk_list_box_append (self->list, make_row (search, i));
      n_new += search->n_new;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), searches->len > 0);
  gtk_widget_set_visible (self->empty_label, searches->len == 0);
  set_n_new (self, n_new);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (object);
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GError) error = NULL;

  searches = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (searches == NULL)
    {
      g_warning ("Could not count the saved searches: %s", error->message);
      return;
    }
  show_searches (self, searches);
}

void
scraper_saved_searches_button_refresh (ScraperSavedSearchesButton *self)
{
  g_return_if_fail (SCRAPER_IS_SAVED_SEARCHES_BUTTON (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  run_op (self, OP_LIST, NULL, self->cancellable, list_done);
}

/* Apply, remove, undo */

static void
changed_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast_error (self, error);
  scraper_saved_searches_button_refresh (self);
}

static void
on_row_activated (ScraperSavedSearchesButton *self,
                  GtkListBoxRow              *row)
{
  int index = gtk_list_box_row_get_index (row);
  g_autoptr(ScraperSavedSearch) search = NULL;

  if (self->searches == NULL || index < 0 || (guint) index >= self->searches->len)
    return;

  search = scraper_saved_search_copy (g_ptr_array_index (self->searches, index));
  gtk_menu_button_popdown (self->button);
  g_signal_emit (self, signals[SIGNAL_APPLY], 0, search);
  run_op (self, OP_VIEWED, search, NULL, changed_done);
}

static void
on_undo_remove (AdwToast           *toast,
                ScraperSavedSearch *search)
{
  ScraperSavedSearchesButton *self = g_object_get_data (G_OBJECT (toast), "button");

  if (self != NULL)
    run_op (self, OP_ADD, search, NULL, changed_done);
}

static void
removed_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (object);
  const ScraperSavedSearch *search = op_search (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *removed;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_error (self, error);
      scraper_saved_searches_button_refresh (self);
      return;
    }

  title = g_strdup_printf (_("“%s” removed"), search->name);
  removed = scraper_toast_new_plain (title);
  adw_toast_set_button_label (removed, _("_Undo"));
  g_object_set_data_full (G_OBJECT (removed), "button", g_object_ref (self), g_object_unref);
  g_signal_connect_data (removed, "button-clicked", G_CALLBACK (on_undo_remove),
                         scraper_saved_search_copy (search), (GClosureNotify) scraper_saved_search_free, 0);
  toast (self, removed);
  scraper_saved_searches_button_refresh (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->searches == NULL || index >= self->searches->len)
    return;
  run_op (self, OP_REMOVE, g_ptr_array_index (self->searches, index), NULL, removed_done);
}

/* Save */

static void
saved_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_error (self, error);
      return;
    }
  title = g_strdup_printf (_("Search saved as “%s”"), op_search (result)->name);
  toast (self, scraper_toast_new_plain (title));
  scraper_saved_searches_button_refresh (self);
}

static void
on_save_response (AdwMessageDialog           *dialog,
                  const char                 *response,
                  ScraperSavedSearchesButton *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(ScraperSavedSearch) search = NULL;

  if (!g_str_equal (response, "save") || self->current == NULL)
    return;

  search = scraper_saved_search_copy (self->current);
  g_free (search->name);
  search->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  run_op (self, OP_ADD, search, NULL, saved_done);
}

static void
on_name_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

/* A first name for the current filters: the search text, else what the
 * filters say. */
static char *
suggest_name (const ScraperSavedSearch *search)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (search->search != NULL)
    return g_strdup (search->search);
  if (search->remote_only)
    g_ptr_array_add (words, (char *) _("Remote"));
  if (search->location != NULL)
    g_ptr_array_add (words, search->location);
  if (search->favorites_only)
    g_ptr_array_add (words, (char *) _("Starred"));
  if (search->status >= 0)
    g_ptr_array_add (words, (char *) scraper_posting_status_get_label (search->status));
  g_ptr_array_add (words, NULL);
  return g_strjoinv (", ", (char **) words->pdata);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (widget);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->current == NULL)
    return;

  gtk_menu_button_popdown (self->button);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Save Search"),
                                                       _("Name the search to find it again and to see what is new after each scrape.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  name = suggest_name (self->current);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed), dialog);
  on_name_changed (GTK_EDITABLE (entry), dialog);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
scraper_saved_searches_button_set_current (ScraperSavedSearchesButton *self,
                                           const ScraperSavedSearch   *current)
{
  g_return_if_fail (SCRAPER_IS_SAVED_SEARCHES_BUTTON (self));

  g_clear_pointer (&self->current, scraper_saved_search_free);
  self->current = current != NULL ? scraper_saved_search_copy (current) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "saved-searches.save", current != NULL);
}

void
scraper_saved_searches_button_set_store (ScraperSavedSearchesButton *self,
                                         ScraperStore               *store)
{
  g_return_if_fail (SCRAPER_IS_SAVED_SEARCHES_BUTTON (self));

  g_set_object (&self->store, store);
  scraper_saved_searches_button_refresh (self);
}

guint
scraper_saved_searches_button_get_n_new (ScraperSavedSearchesButton *self)
{
  g_return_val_if_fail (SCRAPER_IS_SAVED_SEARCHES_BUTTON (self), 0);
  return self->n_new;
}

static void
on_popover_visible (ScraperSavedSearchesButton *self,
                    GParamSpec                 *pspec,
                    GtkWidget                  *popover)
{
  if (gtk_widget_get_visible (popover))
    scraper_saved_searches_button_refresh (self);
}

static void
scraper_saved_searches_button_dispose (GObject *object)
{
  ScraperSavedSearchesButton *self = SCRAPER_SAVED_SEARCHES_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->current, scraper_saved_search_free);
  g_clear_pointer (&self->searches, g_ptr_array_unref);

  G_OBJECT_CLASS (scraper_saved_searches_button_parent_class)->dispose (object);
}

static void
scraper_saved_searches_button_class_init (ScraperSavedSearchesButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_saved_searches_button_dispose;

  signals[SIGNAL_APPLY] =
    g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_install_action (widget_class, "saved-searches.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "saved-searches.remove", "u", remove_action);
}

static void
scraper_saved_searches_button_init (ScraperSavedSearchesButton *self)
{
  GtkWidget *label_box, *label, *popover, *box, *scrolled, *save;

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  scraper_tooltip_set (GTK_WIDGET (self->button), _("Saved Searches"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saved Searches"), -1);

  /* "Searches" and, when there is any, the number of new postings; not
   * "Saved", which is a status. */
  label_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: the button of the saved searches; keep it short, and
   * unlike the status "Saved" */
  label = gtk_label_new (C_("saved searches button", "Searches"));
  gtk_box_append (GTK_BOX (label_box), label);
  self->badge = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "new-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (self->badge), FALSE);
  gtk_box_append (GTK_BOX (label_box), GTK_WIDGET (self->badge));
  gtk_box_append (GTK_BOX (label_box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->button, label_box);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->empty_label = gtk_label_new (_("No saved searches yet. Search or filter the jobs, then save the search here to see what is new after each scrape."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->empty_label), 32);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_margin_top (self->empty_label, 6);
  gtk_widget_set_margin_start (self->empty_label, 6);
  gtk_widget_set_margin_end (self->empty_label, 6);
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saved Searches"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  save = gtk_button_new_with_mnemonic (_("_Save Current Search…"));
  gtk_widget_add_css_class (save, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "saved-searches.save");
  gtk_box_append (GTK_BOX (box), save);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "notify::visible", G_CALLBACK (on_popover_visible), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->button, popover);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "saved-searches.save", FALSE);
}

char *
scraper_saved_searches_describe_new (GPtrArray *searches)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = 0, more = 0;

  g_return_val_if_fail (searches != NULL, NULL);

  for (guint i = 0; i < searches->len; i++)
    {
      const ScraperSavedSearch *search = g_ptr_array_index (searches, i);

      if (search->n_new == 0)
        continue;
      if (shown == 3)
        {
          more++;
          continue;
        }
      if (shown > 0)
        g_string_append (text, ", ");
      /* Translators: a saved search and how many of its postings are new,
       * in a list such as "“Rust”: 3 new, “Remote”: 1 new" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "“%s”: %u new", "“%s”: %u new", search->n_new),
                              search->name, search->n_new);
      shown++;
    }
  if (more > 0)
    /* Translators: after a list of saved searches with new postings */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more search", " and %u more searches", more),
                            more);
  return shown > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The notification after scrapes: what they brought, and what of it the
 * saved searches match, counted on a worker thread. */
typedef struct {
  char         *id;
  char         *title;
  char         *body;
  ScraperStore *store;
} Notify;

static void
notify_free (gpointer data)
{
  Notify *n = data;

  g_free (n->id);
  g_free (n->title);
  g_free (n->body);
  g_clear_object (&n->store);
  g_free (n);
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Notify *n = task_data;
  g_autoptr(GPtrArray) searches = scraper_store_list_saved_searches (n->store, TRUE, NULL);

  g_task_return_pointer (task, searches != NULL ? scraper_saved_searches_describe_new (searches) : NULL, g_free);
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Notify *n = g_task_get_task_data (G_TASK (result));
  g_autofree char *news = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *body = news != NULL ? g_strdup_printf ("%s\n%s", n->body, news) : g_strdup (n->body);
  g_autoptr(GNotification) notification = g_notification_new (n->title);

  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_application_send_notification (G_APPLICATION (object), n->id, notification);
  g_application_release (G_APPLICATION (object));
}

void
scraper_saved_searches_notify (GApplication *application,
                               ScraperStore *store,
                               const char   *id,
                               const char   *title,
                               const char   *body)
{
  g_autoptr(GTask) task = NULL;
  Notify *n;

  g_return_if_fail (G_IS_APPLICATION (application));

  n = g_new0 (Notify, 1);
  n->id = g_strdup (id);
  n->title = g_strdup (title);
  n->body = g_strdup (body);
  n->store = store != NULL ? g_object_ref (store) : NULL;
  /* The last window may go meanwhile: the notification still goes out. */
  g_application_hold (application);
  task = g_task_new (application, NULL, count_done, NULL);
  g_task_set_source_tag (task, scraper_saved_searches_notify);
  g_task_set_task_data (task, n, notify_free);
  if (store != NULL)
    scraper_store_run_in_thread (task, count_in_thread);
  else
    g_task_return_pointer (task, NULL, NULL);
}
