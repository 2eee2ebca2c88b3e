/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-track-posting"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-track-posting-dialog.h"
#include "scraper-window.h"
#include "tasks/scraper-track-task.h"

struct _ScraperTrackPostingDialog
{
  AdwWindow        parent_instance;

  ScraperContext  *context;
  ScraperTask     *task;
  GtkStringList   *statuses;

  AdwEntryRow     *url_row;
  AdwComboRow     *status_row;
  GtkButton       *track_button;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
};

G_DEFINE_FINAL_TYPE (ScraperTrackPostingDialog, scraper_track_posting_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  TRACKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
scraper_track_url_from_text (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  /* One address, nothing around it. */
  if (*trimmed == '\0' || strpbrk (trimmed, " \t\r\n") != NULL)
    return NULL;
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  return g_steal_pointer (&trimmed);
}

static gboolean
is_running (ScraperTrackPostingDialog *self)
{
  return self->task != NULL && !scraper_task_is_finished (self->task);
}

static void
update_actions (ScraperTrackPostingDialog *self)
{
  g_autofree char *url = scraper_track_url_from_text (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "track.track",
                                 self->context != NULL && url != NULL && !is_running (self));
}

static void
on_task_state (ScraperTrackPostingDialog *self,
               GParamSpec                *pspec,
               ScraperTask               *task)
{
  gint64 posting_id = 0;

  if (task != self->task || !scraper_task_is_finished (task))
    return;

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_actions (self);

  if (scraper_task_get_state (task) != SCRAPER_TASK_COMPLETED)
    {
      gtk_label_set_text (self->status_label, scraper_task_get_state (task) == SCRAPER_TASK_CANCELLED
                                              ? _("Stopped: nothing was tracked.")
                                              : scraper_task_get_error (task));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }

  g_variant_lookup (scraper_task_get_result (task), "posting-id", "x", &posting_id);
  g_signal_emit (self, signals[TRACKED], 0, posting_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
track_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ScraperTrackPostingDialog *self = SCRAPER_TRACK_POSTING_DIALOG (widget);
  g_autofree char *url = scraper_track_url_from_text (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (url == NULL || self->context == NULL || is_running (self))
    return;

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
  g_clear_object (&self->task);
  self->task = scraper_track_task_new (scraper_context_get_store (self->context),
                                       scraper_context_get_fetcher (self->context),
                                       scraper_context_get_enricher (self->context), url,
                                       selected < SCRAPER_N_STATUSES ? (gint) selected : -1);
  g_signal_connect_object (self->task, "notify::state", G_CALLBACK (on_task_state), self, G_CONNECT_SWAPPED);

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_label_set_text (self->status_label, _("Reading the posting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  scraper_task_manager_submit (scraper_context_get_task_manager (self->context), self->task,
                               SCRAPER_TASK_PRIORITY_USER);
  update_actions (self);
}

static void
on_url_changed (ScraperTrackPostingDialog *self)
{
  update_actions (self);
}

static void
on_url_activated (ScraperTrackPostingDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "track.track", NULL);
}

ScraperTrackPostingDialog *
scraper_track_posting_dialog_new (GtkWindow      *parent,
                                  ScraperContext *context,
                                  const char     *url)
{
  ScraperTrackPostingDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (context), NULL);

  self = g_object_new (SCRAPER_TYPE_TRACK_POSTING_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  update_actions (self);
  return self;
}

ScraperTask *
scraper_track_posting_dialog_get_task (ScraperTrackPostingDialog *self)
{
  g_return_val_if_fail (SCRAPER_IS_TRACK_POSTING_DIALOG (self), NULL);
  return self->task;
}

/* ------------------------------------------------------------------ */
/* Paste and drop                                                      */

static void
on_tracked (GtkWidget *widget,
            gint64     posting_id)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (SCRAPER_IS_WINDOW (root))
    scraper_window_add_toast (SCRAPER_WINDOW (root), adw_toast_new (_("The posting is tracked")));
}

static void
offer_to_track (GtkWidget  *widget,
                const char *url)
{
  ScraperContext *context = g_object_get_data (G_OBJECT (widget), "scraper-track-context");
  GtkRoot *root = gtk_widget_get_root (widget);
  ScraperTrackPostingDialog *dialog;

  if (context == NULL)
    return;
  dialog = scraper_track_posting_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, context, url);
  g_signal_connect_object (dialog, "tracked", G_CALLBACK (on_tracked), widget, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *widget)
{
  g_autofree char *url = NULL;

  if (!G_VALUE_HOLDS_STRING (value) || (url = scraper_track_url_from_text (g_value_get_string (value))) == NULL)
    return FALSE;
  offer_to_track (widget, url);
  return TRUE;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  g_autofree char *url = scraper_track_url_from_text (text);

  if (url != NULL && gtk_widget_get_root (widget) != NULL)
    offer_to_track (widget, url);
}

static void
on_paste_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkWidget *widget = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* A text field with the focus takes its own paste. */
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 g_object_ref (widget));
}

void
scraper_track_posting_attach (GtkWidget      *widget,
                              ScraperContext *context)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) paste = g_simple_action_new ("paste", NULL);
  GtkDropTarget *drop;
  GtkEventController *shortcuts;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SCRAPER_IS_CONTEXT (context));

  g_object_set_data_full (G_OBJECT (widget), "scraper-track-context", g_object_ref (context), g_object_unref);

  /* "track-url.paste": what Ctrl+V does here, for tests and menus alike. */
  g_signal_connect_object (paste, "activate", G_CALLBACK (on_paste_action), widget, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (paste));
  gtk_widget_insert_action_group (widget, "track-url", G_ACTION_GROUP (group));

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY | GDK_ACTION_LINK);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), widget, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("track-url.paste")));
  gtk_widget_add_controller (widget, shortcuts);
}

/* ------------------------------------------------------------------ */

static gboolean
scraper_track_posting_dialog_close_request (GtkWindow *window)
{
  ScraperTrackPostingDialog *self = SCRAPER_TRACK_POSTING_DIALOG (window);

  if (is_running (self))
    scraper_task_manager_cancel (scraper_context_get_task_manager (self->context), self->task);
  return GTK_WINDOW_CLASS (scraper_track_posting_dialog_parent_class)->close_request (window);
}

static void
scraper_track_posting_dialog_dispose (GObject *object)
{
  ScraperTrackPostingDialog *self = SCRAPER_TRACK_POSTING_DIALOG (object);

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_TRACK_POSTING_DIALOG);
  g_clear_object (&self->task);
  g_clear_object (&self->context);
  g_clear_object (&self->statuses);

  G_OBJECT_CLASS (scraper_track_posting_dialog_parent_class)->dispose (object);
}

static void
scraper_track_posting_dialog_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ScraperTrackPostingDialog *self = SCRAPER_TRACK_POSTING_DIALOG (object);

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
scraper_track_posting_dialog_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ScraperTrackPostingDialog *self = SCRAPER_TRACK_POSTING_DIALOG (object);

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
scraper_track_posting_dialog_class_init (ScraperTrackPostingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = scraper_track_posting_dialog_dispose;
  object_class->get_property = scraper_track_posting_dialog_get_property;
  object_class->set_property = scraper_track_posting_dialog_set_property;
  window_class->close_request = scraper_track_posting_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScraperTrackPostingDialog::tracked:
   * @posting_id: the id of the posting stored
   */
  signals[TRACKED] = g_signal_new ("tracked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-track-posting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperTrackPostingDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperTrackPostingDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperTrackPostingDialog, track_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperTrackPostingDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ScraperTrackPostingDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_url_activated);

  gtk_widget_class_install_action (widget_class, "track.track", NULL, track_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
scraper_track_posting_dialog_init (ScraperTrackPostingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tracking a posting says one is interested: "Saved" unless told. */
  self->statuses = gtk_string_list_new (NULL);
  for (guint i = 0; i < SCRAPER_N_STATUSES; i++)
    gtk_string_list_append (self->statuses, scraper_posting_status_get_label ((ScraperPostingStatus) i));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (self->statuses));
  adw_combo_row_set_selected (self->status_row, SCRAPER_STATUS_SAVED);
  update_actions (self);
}
