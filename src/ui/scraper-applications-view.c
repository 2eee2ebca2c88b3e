/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-applications-view.h"
#include "scraper-a11y.h"
#include "store/scraper-store-applications.h"

/* The board is small (the postings a user moved beyond "new"), read in one
 * query of a partial index, and rebuilt whole on each change. */

static const ScraperPostingStatus active_statuses[] = {
  SCRAPER_STATUS_SAVED, SCRAPER_STATUS_APPLIED, SCRAPER_STATUS_INTERVIEWING, SCRAPER_STATUS_OFFER,
};
#define N_ACTIVE G_N_ELEMENTS (active_statuses)

struct _ScraperApplicationsView
{
  AdwBin          parent_instance;

  ScraperContext *context;
  GtkStack       *stack;
  GtkListBox     *columns[SCRAPER_N_STATUSES];   /* NULL for "new" */
  GtkLabel       *titles[SCRAPER_N_STATUSES];
  GtkExpander    *folded;
  AdwToastOverlay *toasts;
  GCancellable   *reload_cancellable;
};

G_DEFINE_FINAL_TYPE (ScraperApplicationsView, scraper_applications_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ScraperStore *
get_store (ScraperApplicationsView *self)
{
  return self->context != NULL ? scraper_context_get_store (self->context) : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GMenuModel *
move_menu (const ScraperBoardCard *card)
{
  GMenu *menu = g_menu_new ();

  for (guint s = SCRAPER_STATUS_NEW; s < SCRAPER_N_STATUSES; s++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (s == card->status)
        continue;
      item = g_menu_item_new (scraper_posting_status_get_label (s), NULL);
      g_menu_item_set_action_and_target_value (item, "applications.move",
                                               g_variant_new ("(xi)", card->posting_id, (gint32) s));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (card), "posting-id"));

  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static GtkWidget *
make_card (const ScraperBoardCard *card,
           gint64                  now)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (card->title != NULL ? card->title : _("Untitled job"));
  GtkWidget *company = gtk_label_new (card->company != NULL ? card->company : "");
  GtkWidget *button;
  g_autoptr(GMenuModel) menu = move_menu (card);
  g_autofree char *days_text = NULL;
  g_autofree char *a11y = NULL;
  GtkDragSource *drag;
  gint64 days = card->since > 0 && now > card->since ? (now - card->since) / 86400 : 0;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  g_object_set (box, "margin-start", 3, "margin-end", 3, NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 8);
  g_object_set (title, "margin-start", 10, "margin-end", 10, NULL);
  gtk_box_append (GTK_BOX (box), title);

  gtk_label_set_xalign (GTK_LABEL (company), 0);
  gtk_label_set_ellipsize (GTK_LABEL (company), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (company, "dim-label");
  g_object_set (company, "margin-start", 10, "margin-end", 10, NULL);
  gtk_box_append (GTK_BOX (box), company);

  days_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day in this stage", "%d days in this stage",
                                            (gulong) days), (int) days);
  {
    GtkWidget *label = gtk_label_new (days_text);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "caption");
    g_object_set (label, "margin-start", 10, "margin-end", 10, NULL);
    gtk_box_append (GTK_BOX (box), label);
  }

  if (card->next_reminder > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (card->next_reminder);
      g_autofree char *when = g_date_time_format (at, "%x %H:%M");
      g_autofree char *text = g_strdup_printf (_("Reminder: %s"), when);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      g_object_set (label, "margin-start", 10, "margin-end", 10, NULL);
      gtk_box_append (GTK_BOX (box), label);
    }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Move to"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (button, 8);
  gtk_widget_set_margin_end (button, 8);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move to"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  card->title != NULL ? card->title : "", -1);
  gtk_box_append (GTK_BOX (box), button);

  /* Screen readers hear the card as its title and company. */
  a11y = card->company != NULL
    /* Translators: a card of the Applications view: job title, company, days */
    ? g_strdup_printf (_("%s, %s, %s"), card->title != NULL ? card->title : "", card->company, days_text)
    : g_strdup_printf ("%s, %s", card->title != NULL ? card->title : "", days_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  g_object_set_data (G_OBJECT (box), "posting-id", GSIZE_TO_POINTER ((gsize) card->posting_id));
  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), NULL);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drag));

  return box;
}

static void
set_column_title (ScraperApplicationsView *self,
                  ScraperPostingStatus     status,
                  guint                    n)
{
  g_autofree char *text = g_strdup_printf ("%s (%u)", scraper_posting_status_get_label (status), n);

  if (self->titles[status] != NULL)
    gtk_label_set_label (self->titles[status], text);
}

static void
rebuild (ScraperApplicationsView *self,
         GPtrArray               *cards)
{
  guint counts[SCRAPER_N_STATUSES] = { 0, };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint folded = 0;

  for (guint s = 0; s < SCRAPER_N_STATUSES; s++)
    if (self->columns[s] != NULL)
      clear_list (self->columns[s]);

  for (guint i = 0; i < cards->len; i++)
    {
      const ScraperBoardCard *card = g_ptr_array_index (cards, i);

      if (self->columns[card->status] == NULL)
        continue;
      gtk_list_box_append (self->columns[card->status], make_card (card, now));
      counts[card->status]++;
    }

  for (guint s = SCRAPER_STATUS_SAVED; s < SCRAPER_N_STATUSES; s++)
    set_column_title (self, s, counts[s]);
  folded = counts[SCRAPER_STATUS_REJECTED] + counts[SCRAPER_STATUS_CLOSED];
  {
    g_autofree char *label = g_strdup_printf (_("Rejected and Closed (%u)"), folded);
    gtk_expander_set_label (self->folded, label);
  }

  gtk_stack_set_visible_child_name (self->stack, cards->len > 0 ? "board" : "empty");
}

/* The board is read on the store's thread: the main thread never waits
 * for SQLite, not even while scrapes write. */
static void
list_board_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *cards = scraper_store_list_board (task_data, &error);

  if (cards == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cards, (GDestroyNotify) g_ptr_array_unref);
}

static void
board_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ScraperApplicationsView *self = SCRAPER_APPLICATIONS_VIEW (object);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;

  cards = g_task_propagate_pointer (G_TASK (result), &error);
  if (cards == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the applications: %s", error->message);
      return;
    }
  rebuild (self, cards);
}

void
scraper_applications_view_reload (ScraperApplicationsView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SCRAPER_IS_APPLICATIONS_VIEW (self));

  if (get_store (self) == NULL)
    return;

  /* The newest reload wins. */
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->reload_cancellable, board_listed_cb, NULL);
  g_task_set_source_tag (task, scraper_applications_view_reload);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_object_ref (get_store (self)), g_object_unref);
  scraper_store_run_in_thread (task, list_board_thread);
}

static void
status_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ScraperApplicationsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  scraper_applications_view_reload (self);
}

gboolean
scraper_applications_view_drop (ScraperApplicationsView *self,
                                gint64                   posting_id,
                                ScraperPostingStatus     status)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATIONS_VIEW (self), FALSE);

  if (get_store (self) == NULL)
    return FALSE;
  /* The same operation as the Jobs view's and the command line's: the
   * status and its stage event, written by the store's writer. */
  scraper_store_set_status_async (get_store (self), posting_id, status,
                                  status_written_cb, g_object_ref (self));
  return TRUE;
}

GtkWidget *
scraper_applications_view_get_column (ScraperApplicationsView *self,
                                      ScraperPostingStatus     status)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATIONS_VIEW (self), NULL);
  g_return_val_if_fail ((guint) status < SCRAPER_N_STATUSES, NULL);
  return GTK_WIDGET (self->columns[status]);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 id;
  gint32 status;

  g_variant_get (parameter, "(xi)", &id, &status);
  if (status < 0 || status >= SCRAPER_N_STATUSES)
    return;
  scraper_applications_view_drop (SCRAPER_APPLICATIONS_VIEW (widget), id, (ScraperPostingStatus) status);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  scraper_applications_view_reload (SCRAPER_APPLICATIONS_VIEW (widget));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  GtkWidget *column = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkWidget *view = gtk_widget_get_ancestor (column, SCRAPER_TYPE_APPLICATIONS_VIEW);
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "status"));

  if (view == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  return scraper_applications_view_drop (SCRAPER_APPLICATIONS_VIEW (view), g_value_get_int64 (value),
                                         (ScraperPostingStatus) status);
}

/* A column: its title with the count, and its cards; a drop target. */
static GtkWidget *
make_column (ScraperApplicationsView *self,
             ScraperPostingStatus     status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (scraper_posting_status_get_label (status));
  GtkWidget *list = gtk_list_box_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "background");
  gtk_widget_set_vexpand (list, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scraper_posting_status_get_label (status), -1);
  g_object_set_data (G_OBJECT (list), "status", GINT_TO_POINTER (status));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), NULL);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (drop));
  gtk_box_append (GTK_BOX (box), list);

  self->columns[status] = GTK_LIST_BOX (list);
  self->titles[status] = GTK_LABEL (title);
  return box;
}

static void
on_task_finished (ScraperApplicationsView *self,
                  ScraperTask             *task,
                  ScraperTaskManager      *manager)
{
  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") == 0)
    scraper_applications_view_reload (self);
}

static void
build (ScraperApplicationsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *folded_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *empty = adw_status_page_new ();

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = GTK_STACK (gtk_stack_new ());

  /* Wide, the columns stand side by side; narrow (360 px), one under the
   * other: a list grouped by status. */
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), N_ACTIVE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_valign (flow, GTK_ALIGN_START);
  for (guint i = 0; i < N_ACTIVE; i++)
    {
      GtkWidget *column = make_column (self, active_statuses[i]);

      gtk_widget_set_size_request (column, 200, -1);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), column);
    }

  gtk_box_set_homogeneous (GTK_BOX (folded_box), TRUE);
  gtk_box_append (GTK_BOX (folded_box), make_column (self, SCRAPER_STATUS_REJECTED));
  gtk_box_append (GTK_BOX (folded_box), make_column (self, SCRAPER_STATUS_CLOSED));
  self->folded = GTK_EXPANDER (gtk_expander_new (_("Rejected and Closed")));
  gtk_expander_set_child (self->folded, folded_box);
  scraper_a11y_name_expander (self->folded);

  g_object_set (page, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (page), flow);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->folded));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "mail-send-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Applications Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Save a job or mark it applied in the Jobs view, or with “job-scraper status”, and it shows here."));

  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, scrolled, "board");
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->toasts));
}

static void
scraper_applications_view_constructed (GObject *object)
{
  ScraperApplicationsView *self = SCRAPER_APPLICATIONS_VIEW (object);

  G_OBJECT_CLASS (scraper_applications_view_parent_class)->constructed (object);

  if (self->context != NULL)
    g_signal_connect_object (scraper_context_get_task_manager (self->context), "task-finished",
                             G_CALLBACK (on_task_finished), self, G_CONNECT_SWAPPED);
  scraper_applications_view_reload (self);
}

static void
scraper_applications_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (scraper_applications_view_parent_class)->map (widget);
  /* A status may have changed in the Jobs view or from the command line. */
  scraper_applications_view_reload (SCRAPER_APPLICATIONS_VIEW (widget));
}

static void
scraper_applications_view_dispose (GObject *object)
{
  ScraperApplicationsView *self = SCRAPER_APPLICATIONS_VIEW (object);

  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (scraper_applications_view_parent_class)->dispose (object);
}

static void
scraper_applications_view_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ScraperApplicationsView *self = SCRAPER_APPLICATIONS_VIEW (object);

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
scraper_applications_view_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ScraperApplicationsView *self = SCRAPER_APPLICATIONS_VIEW (object);

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
scraper_applications_view_class_init (ScraperApplicationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scraper_applications_view_constructed;
  object_class->dispose = scraper_applications_view_dispose;
  object_class->set_property = scraper_applications_view_set_property;
  object_class->get_property = scraper_applications_view_get_property;
  widget_class->map = scraper_applications_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "applications.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "applications.reload", NULL, reload_action);
}

static void
scraper_applications_view_init (ScraperApplicationsView *self)
{
  build (self);
}

GtkWidget *
scraper_applications_view_new (ScraperContext *context)
{
  return g_object_new (SCRAPER_TYPE_APPLICATIONS_VIEW, "context", context, NULL);
}
