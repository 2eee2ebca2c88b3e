/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-find-company"

#include "config.h"

#include <glib/gi18n.h>

#include "scrape/scraper-finder.h"
#include "scraper-find-company-dialog.h"
#include "scraper-source-row.h"
#include "tasks/scraper-find-task.h"

struct _ScraperFindCompanyDialog
{
  AdwWindow             parent_instance;

  ScraperContext       *context;
  ScraperTask          *task;          /* the search that runs or ran last */
  GBinding             *fraction_binding;
  GBinding             *message_binding;
  GPtrArray            *boards;        /* ScraperFoundBoard of the last search */
  GArray               *added;         /* gint64 source id per board, 0 = not added,
                                        * -1 = being added */
  guint                 results_serial; /* the results shown; older adds change nothing */
  GPtrArray            *add_buttons;   /* GtkButton per board (borrowed) */

  AdwPreferencesGroup  *name_group;
  AdwEntryRow          *name_row;
  GtkButton            *find_button;
  GtkButton            *cancel_button;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *results_group;
  GtkListBox           *results_list;
  GtkButton            *add_all_button;
};

G_DEFINE_FINAL_TYPE (ScraperFindCompanyDialog, scraper_find_company_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_running (ScraperFindCompanyDialog *self)
{
  return self->task != NULL && !scraper_task_is_finished (self->task);
}

static gboolean
name_is_searchable (ScraperFindCompanyDialog *self)
{
  g_auto(GStrv) slugs = scraper_finder_slugs (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  return slugs[0] != NULL;
}

static void
update_actions (ScraperFindCompanyDialog *self)
{
  gboolean running = is_running (self);
  gboolean any_left = FALSE;

  for (guint i = 0; self->added != NULL && i < self->added->len; i++)
    any_left = any_left || g_array_index (self->added, gint64, i) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.search",
                                 self->context != NULL && !running && name_is_searchable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.add-all", !running && any_left);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
}

static void
unbind_task (ScraperFindCompanyDialog *self)
{
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
}

static void
clear_results (ScraperFindCompanyDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_clear_pointer (&self->boards, g_ptr_array_unref);
  g_clear_pointer (&self->added, g_array_unref);
  g_ptr_array_set_size (self->add_buttons, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), FALSE);
  self->results_serial++;
}

static void
mark_added (ScraperFindCompanyDialog *self,
            guint                     index)
{
  GtkButton *button = g_ptr_array_index (self->add_buttons, index);

  gtk_button_set_label (button, _("Added"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static GtkWidget *
board_row (ScraperFindCompanyDialog *self,
           ScraperFoundBoard        *board,
           guint                     index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting", "%u postings",
                                                         board->postings), board->postings);
  /* Translators: a job board found for a company: the board, how many
   * postings, its address, "Greenhouse · 12 postings · https://…" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), scraper_source_kind_get_label (board->kind),
                                               count, board->url);
  /* Translators: the accessible name of the button that adds a board,
   * "Add Acme Corp on Greenhouse" */
  g_autofree char *button_name = g_strdup_printf (_("Add %s on %s"), board->name,
                                                  scraper_source_kind_get_label (board->kind));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), board->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "find.add");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_ptr_array_add (self->add_buttons, button);
  return row;
}

static void
show_results (ScraperFindCompanyDialog *self)
{
  GVariant *result = scraper_task_get_result (self->task);
  g_autofree char *summary = scraper_find_result_describe (result);

  clear_results (self);
  self->boards = scraper_find_result_get_boards (result);
  self->added = g_array_sized_new (FALSE, TRUE, sizeof (gint64), self->boards->len);
  g_array_set_size (self->added, self->boards->len);

  for (guint i = 0; i < self->boards->len; i++)
    gtk_list_box_append (self->results_list, board_row (self, g_ptr_array_index (self->boards, i), i));

  gtk_widget_set_visible (GTK_WIDGET (self->results_group), self->boards->len > 0);
  gtk_label_set_text (self->status_label, summary);
}

static void
on_task_state (ScraperFindCompanyDialog *self,
               GParamSpec               *pspec,
               ScraperTask              *task)
{
  if (task != self->task || !scraper_task_is_finished (task))
    return;

  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);

  switch (scraper_task_get_state (task))
    {
    case SCRAPER_TASK_COMPLETED:
      show_results (self);
      break;
    case SCRAPER_TASK_CANCELLED:
      gtk_label_set_text (self->status_label, _("The search was stopped."));
      break;
    default:
      gtk_label_set_text (self->status_label, scraper_task_get_error (task));
      break;
    }
  update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (self->context == NULL || is_running (self) || !name_is_searchable (self))
    return;

  unbind_task (self);
  g_clear_object (&self->task);
  clear_results (self);

  self->task = scraper_find_task_new (scraper_context_get_fetcher (self->context), name);
  g_signal_connect_object (self->task, "notify::state", G_CALLBACK (on_task_state), self, G_CONNECT_SWAPPED);
  self->fraction_binding = g_object_bind_property (self->task, "fraction", self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  self->message_binding = g_object_bind_property (self->task, "message", self->status_label, "label",
                                                  G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  gtk_label_set_text (self->status_label, _("Waiting for a free worker…"));

  scraper_task_manager_submit (scraper_context_get_task_manager (self->context), self->task,
                               SCRAPER_TASK_PRIORITY_USER);
  update_actions (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (widget);

  if (is_running (self))
    scraper_task_manager_cancel (scraper_context_get_task_manager (self->context), self->task);
}

typedef struct {
  ScraperFindCompanyDialog *self;     /* strong; released on the main thread */
  ScraperSource            *source;   /* the board as a source */
  guint                     index;
  guint                     serial;
  gint64                    id;       /* out */
  gboolean                  added;    /* out: new, not found */
} AddCall;

static void
add_call_free (AddCall *call)
{
  g_clear_object (&call->self);
  g_clear_pointer (&call->source, scraper_source_unref);
  g_free (call);
}

/* On the store's thread: the source the board already is, or a new one. */
static gboolean
add_board_in_store (ScraperStore  *store,
                    gpointer       data,
                    GError       **error)
{
  AddCall *call = data;
  g_autoptr(GPtrArray) sources = scraper_store_list_sources (store, error);

  if (sources == NULL)
    return FALSE;
  for (guint i = 0; i < sources->len && call->id == 0; i++)
    {
      ScraperSource *known = g_ptr_array_index (sources, i);

      if (g_strcmp0 (known->kind, call->source->kind) == 0 && g_strcmp0 (known->url, call->source->url) == 0)
        call->id = known->id;
    }
  if (call->id != 0)
    return TRUE;

  call->id = scraper_store_add_source (store, call->source, error);
  call->added = call->id > 0;
  return call->added;
}

static void
board_added_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AddCall *call = user_data;
  ScraperFindCompanyDialog *self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean done = scraper_store_write_finish (SCRAPER_STORE (object), result, &error);
  gboolean current = call->serial == self->results_serial && self->added != NULL &&
                     call->index < self->added->len && !gtk_widget_in_destruction (GTK_WIDGET (self));

  if (done && call->added)
    g_signal_emit (self, signals[SAVED], 0, call->id);

  if (current && done)
    {
      g_array_index (self->added, gint64, call->index) = call->id;
      mark_added (self, call->index);
    }
  else if (current)
    {
      g_autofree char *message = g_strdup_printf (_("Could not add the source: %s"), error->message);
      GtkWidget *button = g_ptr_array_index (self->add_buttons, call->index);

      g_array_index (self->added, gint64, call->index) = 0;
      gtk_widget_set_sensitive (button, TRUE);
      gtk_label_set_text (self->status_label, message);
    }
  if (current)
    update_actions (self);
  add_call_free (call);
}

/* Adds board @index as a source, or finds the source it already is, on
 * the store's thread: the button waits, the window does not. */
static void
add_board (ScraperFindCompanyDialog *self,
           guint                     index)
{
  AddCall *call;

  if (self->boards == NULL || index >= self->boards->len || g_array_index (self->added, gint64, index) != 0)
    return;

  g_array_index (self->added, gint64, index) = -1;
  gtk_widget_set_sensitive (g_ptr_array_index (self->add_buttons, index), FALSE);

  call = g_new0 (AddCall, 1);
  call->self = g_object_ref (self);
  call->source = scraper_found_board_to_source (g_ptr_array_index (self->boards, index));
  call->index = index;
  call->serial = self->results_serial;
  scraper_store_write_async (scraper_context_get_store (self->context), add_board_in_store, call, NULL,
                             NULL, board_added_cb, call);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (widget);

  add_board (self, g_variant_get_uint32 (param));
  update_actions (self);
}

static void
add_all_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (widget);

  for (guint i = 0; self->boards != NULL && i < self->boards->len; i++)
    add_board (self, i);
  update_actions (self);
}

static void
on_name_changed (ScraperFindCompanyDialog *self)
{
  update_actions (self);
}

static void
on_name_activated (ScraperFindCompanyDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "find.search", NULL);
}

static gboolean
scraper_find_company_dialog_close_request (GtkWindow *window)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (window);

  /* Closing the window stops the search it started. */
  if (is_running (self))
    scraper_task_manager_cancel (scraper_context_get_task_manager (self->context), self->task);
  return GTK_WINDOW_CLASS (scraper_find_company_dialog_parent_class)->close_request (window);
}

ScraperFindCompanyDialog *
scraper_find_company_dialog_new (GtkWindow      *parent,
                                 ScraperContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (context), NULL);

  return g_object_new (SCRAPER_TYPE_FIND_COMPANY_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

static void
on_saved_forward (GtkWindow *parent,
                  gint64     id)
{
  g_signal_emit_by_name (parent, "saved", id);
}

void
scraper_find_company_dialog_open (GtkWindow      *parent,
                                  ScraperContext *context)
{
  ScraperFindCompanyDialog *dialog = scraper_find_company_dialog_new (parent, context);

  if (parent != NULL && g_signal_lookup ("saved", G_OBJECT_TYPE (parent)) != 0)
    g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved_forward), parent, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

ScraperTask *
scraper_find_company_dialog_get_task (ScraperFindCompanyDialog *self)
{
  g_return_val_if_fail (SCRAPER_IS_FIND_COMPANY_DIALOG (self), NULL);
  return self->task;
}

guint
scraper_find_company_dialog_get_n_found (ScraperFindCompanyDialog *self)
{
  g_return_val_if_fail (SCRAPER_IS_FIND_COMPANY_DIALOG (self), 0);
  return self->boards != NULL ? self->boards->len : 0;
}

static void
scraper_find_company_dialog_constructed (GObject *object)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (object);
  g_autofree char *boards = scraper_finder_describe_boards ();
  /* Translators: %s lists job boards, "Greenhouse, Lever … or Personio" */
  g_autofree char *description = g_strdup_printf (_("Looks the company up on %s."), boards);

  G_OBJECT_CLASS (scraper_find_company_dialog_parent_class)->constructed (object);
  adw_preferences_group_set_description (self->name_group, description);
  update_actions (self);
}

static void
scraper_find_company_dialog_dispose (GObject *object)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (object);

  unbind_task (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_FIND_COMPANY_DIALOG);
  g_clear_object (&self->task);
  g_clear_object (&self->context);
  g_clear_pointer (&self->boards, g_ptr_array_unref);
  g_clear_pointer (&self->added, g_array_unref);
  g_clear_pointer (&self->add_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (scraper_find_company_dialog_parent_class)->dispose (object);
}

static void
scraper_find_company_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (object);

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
scraper_find_company_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  ScraperFindCompanyDialog *self = SCRAPER_FIND_COMPANY_DIALOG (object);

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
scraper_find_company_dialog_class_init (ScraperFindCompanyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = scraper_find_company_dialog_constructed;
  object_class->dispose = scraper_find_company_dialog_dispose;
  object_class->get_property = scraper_find_company_dialog_get_property;
  object_class->set_property = scraper_find_company_dialog_set_property;
  window_class->close_request = scraper_find_company_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScraperFindCompanyDialog::saved:
   * @id: the id of the source added
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-find-company-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, name_group);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, find_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, results_group);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, ScraperFindCompanyDialog, add_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated);

  gtk_widget_class_install_action (widget_class, "find.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "find.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "find.add", "u", add_action);
  gtk_widget_class_install_action (widget_class, "find.add-all", NULL, add_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
scraper_find_company_dialog_init (ScraperFindCompanyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->add_buttons = g_ptr_array_new ();
}
