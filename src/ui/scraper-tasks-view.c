/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-tasks-view"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-task-row.h"
#include "scraper-tasks-view.h"
#include "scraper-a11y.h"

struct _ScraperTasksView
{
  GtkWidget       parent_instance;

  ScraperContext *context;
  GtkFilterListModel *shown;     /* the manager's tasks but internal ones */
  GtkNoSelection *selection;
  gboolean        at_top;        /* the list was scrolled to its top */
  guint           keep_top_id;
  gulong          items_handler;
  gulong          running_handler;
  gulong          pending_handler;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *summary_label;
  GtkListView    *list_view;
};

G_DEFINE_FINAL_TYPE (ScraperTasksView, scraper_tasks_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
scraper_tasks_view_new (void)
{
  return g_object_new (SCRAPER_TYPE_TASKS_VIEW, NULL);
}

ScraperContext *
scraper_tasks_view_get_context (ScraperTasksView *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASKS_VIEW (self), NULL);
  return self->context;
}

static ScraperTaskManager *
get_manager (ScraperTasksView *self)
{
  return self->context != NULL ? scraper_context_get_task_manager (self->context) : NULL;
}

/* Work the user did not start as a task of its own is not listed: the
 * Add Source dialog's preview shows its progress, and its failure, in the
 * dialog. */
static gboolean
is_listed (gpointer item,
           gpointer user_data)
{
  return g_strcmp0 (scraper_task_get_kind (item), "preview") != 0;
}

/* The one place that decides what the view shows and what it allows. */
static void
update (ScraperTasksView *self)
{
  GListModel *shown = G_LIST_MODEL (self->shown);
  guint n_items = g_list_model_get_n_items (shown);
  guint n_running = 0, n_pending = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ScraperTask) task = g_list_model_get_item (shown, i);

      if (scraper_task_get_state (task) == SCRAPER_TASK_RUNNING)
        n_running++;
      else if (scraper_task_get_state (task) == SCRAPER_TASK_PENDING)
        n_pending++;
    }

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.clear-finished",
                                 n_items > n_running + n_pending);

  if (n_running + n_pending == 0)
    summary = g_strdup (_("No tasks running"));
  else if (n_pending == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task running", "%u tasks running", n_running),
                               n_running);
  else
    /* Translators: e.g. "4 running, 3 waiting" */
    summary = g_strdup_printf (_("%u running, %u waiting"), n_running, n_pending);
  gtk_label_set_label (self->summary_label, summary);
}

static void
history_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The rows are gone already; the history comes back at the next start. */
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_warning ("Could not clear the task history: %s", error->message);
}

static void
clear_finished_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ScraperTasksView *self = SCRAPER_TASKS_VIEW (widget);

  if (self->context == NULL)
    return;

  scraper_task_manager_clear_finished (get_manager (self));
  scraper_store_clear_finished_tasks_async (scraper_context_get_store (self->context),
                                            history_cleared_cb, NULL);
  update (self);
}

static void
disconnect_context (ScraperTasksView *self)
{
  ScraperTaskManager *tasks = get_manager (self);

  if (tasks == NULL)
    return;

  g_clear_signal_handler (&self->items_handler, tasks);
  g_clear_signal_handler (&self->running_handler, tasks);
  g_clear_signal_handler (&self->pending_handler, tasks);
}

void
scraper_tasks_view_set_context (ScraperTasksView *self,
                                ScraperContext   *context)
{
  ScraperTaskManager *tasks;

  g_return_if_fail (SCRAPER_IS_TASKS_VIEW (self));
  g_return_if_fail (context == NULL || SCRAPER_IS_CONTEXT (context));

  if (self->context == context)
    return;

  disconnect_context (self);
  g_set_object (&self->context, context);

  tasks = get_manager (self);
  gtk_filter_list_model_set_model (self->shown, G_LIST_MODEL (tasks));
  if (tasks != NULL)
    {
      self->items_handler = g_signal_connect_swapped (tasks, "items-changed", G_CALLBACK (update), self);
      self->running_handler = g_signal_connect_swapped (tasks, "notify::n-running", G_CALLBACK (update), self);
      self->pending_handler = g_signal_connect_swapped (tasks, "notify::n-pending", G_CALLBACK (update), self);
    }
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* New tasks come first.  Scrolled down, the user keeps what they look at
 * (the list view keeps its rows in place when items arrive above them);
 * at the top, the list stays at the top so the new task is seen. */
static void
on_scrolled (GtkAdjustment    *adjustment,
             ScraperTasksView *self)
{
  self->at_top = gtk_adjustment_get_value (adjustment) <= 0.5;
}

static gboolean
keep_top_cb (gpointer user_data)
{
  ScraperTasksView *self = user_data;

  self->keep_top_id = 0;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

static void
on_shown_changed (ScraperTasksView *self,
                  guint             position,
                  guint             removed,
                  guint             added)
{
  if (added > 0 && position == 0 && self->at_top && self->keep_top_id == 0)
    self->keep_top_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, keep_top_cb, self, NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, scraper_task_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  scraper_task_row_set_task (SCRAPER_TASK_ROW (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  scraper_task_row_set_task (SCRAPER_TASK_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
scraper_tasks_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ScraperTasksView *self = SCRAPER_TASKS_VIEW (object);

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
scraper_tasks_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ScraperTasksView *self = SCRAPER_TASKS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      scraper_tasks_view_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_tasks_view_dispose (GObject *object)
{
  ScraperTasksView *self = SCRAPER_TASKS_VIEW (object);

  disconnect_context (self);
  g_clear_handle_id (&self->keep_top_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_TASKS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (scraper_tasks_view_parent_class)->dispose (object);
}

static void
scraper_tasks_view_class_init (ScraperTasksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_tasks_view_dispose;
  object_class->get_property = scraper_tasks_view_get_property;
  object_class->set_property = scraper_tasks_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-tasks-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperTasksView, stack);
  gtk_widget_class_bind_template_child (widget_class, ScraperTasksView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperTasksView, list_view);

  gtk_widget_class_install_action (widget_class, "tasks.clear-finished", NULL, clear_finished_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
scraper_tasks_view_init (ScraperTasksView *self)
{
  GtkListItemFactory *factory;

  g_type_ensure (SCRAPER_TYPE_TASK_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  scraper_a11y_fix_names (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (is_listed, NULL, NULL)));
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (on_shown_changed), self, G_CONNECT_SWAPPED);
  /* The selection owns the filter model. */
  self->selection = gtk_no_selection_new (G_LIST_MODEL (self->shown));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->at_top = TRUE;
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "value-changed",
                           G_CALLBACK (on_scrolled), self, 0);
  update (self);
}
