/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-task-row"

#include "config.h"

#include "model/scraper-untrusted.h"

#include <glib/gi18n.h>

#include "app/scraper-application.h"
#include "tasks/scraper-scrape-task.h"

#include "scraper-button.h"
#include "scraper-task-row.h"
#include "scraper-tasks-view.h"
#include "scraper-tooltip.h"

#define NO_PERCENT        -1     /* indeterminate, or nothing shown yet */
/* How often a row shows its task's progress and message at most.  The
 * core dispatches a task's reports every 75 ms; a label that changes its
 * text lays the window out again, and on X11 GTK 4.8 asks the server where
 * the window's monitor is and how big its work area is for each layout
 * (round trips on the main thread).  Rows refresh together, on the same
 * 250 ms boundaries, so that their changes share one frame. */
#define REFRESH_MS        250

struct _ScraperTaskRow
{
  GtkWidget       parent_instance;

  ScraperTask    *task;
  GBinding       *title_binding;
  gulong          message_handler;
  gulong          state_handler;
  gulong          fraction_handler;
  gulong          error_handler;
  gulong          result_handler;
  guint           refresh_id;
  guint           clock_id;
  int             shown_percent;  /* what the bar shows: 0-100, or NO_PERCENT */

  /* Template widgets */
  GtkWidget      *box;
  GtkImage       *state_icon;
  GtkLabel       *title_label;
  GtkLabel       *message_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *detail_label;
  GtkLabel       *error_label;
  GtkButton      *cancel_button;
  GtkButton      *retry_button;
};

G_DEFINE_FINAL_TYPE (ScraperTaskRow, scraper_task_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TASK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
scraper_task_row_new (void)
{
  return g_object_new (SCRAPER_TYPE_TASK_ROW, NULL);
}

ScraperTask *
scraper_task_row_get_task (ScraperTaskRow *self)
{
  g_return_val_if_fail (SCRAPER_IS_TASK_ROW (self), NULL);
  return self->task;
}

char *
scraper_task_row_format_duration (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static gboolean
task_is_active (ScraperTask *task)
{
  ScraperTaskState state = scraper_task_get_state (task);

  return state == SCRAPER_TASK_PENDING || state == SCRAPER_TASK_RUNNING;
}

/* Seconds between @from and @to (or now when @to is NULL). */
static gint64
seconds_between (GDateTime *from,
                 GDateTime *to)
{
  g_autoptr(GDateTime) now = NULL;

  if (from == NULL)
    return 0;
  if (to == NULL)
    to = now = g_date_time_new_now_utc ();
  return g_date_time_difference (to, from) / G_USEC_PER_SEC;
}

static char *
describe_running (ScraperTask *task)
{
  gint64 elapsed = seconds_between (scraper_task_get_started (task), NULL);
  double fraction = scraper_task_get_fraction (task);
  g_autofree char *elapsed_text = scraper_task_row_format_duration (elapsed);

  /* An estimate from the rate so far; too early it only jumps around. */
  if (fraction >= 0.05 && fraction < 1.0 && elapsed >= 2)
    {
      gint64 left = (gint64) (elapsed * (1.0 - fraction) / fraction + 0.5);
      g_autofree char *left_text = scraper_task_row_format_duration (left);

      /* Translators: elapsed time and an estimate of the time left, e.g. "Running for 0:12 · about 0:30 left" */
      return g_strdup_printf (_("Running for %s · about %s left"), elapsed_text, left_text);
    }

  /* Translators: %s is an elapsed time such as "0:12" */
  return g_strdup_printf (_("Running for %s"), elapsed_text);
}

static char *
describe_finished (ScraperTask *task)
{
  ScraperTaskState state = scraper_task_get_state (task);
  g_autofree char *took = scraper_task_row_format_duration (seconds_between (scraper_task_get_started (task),
                                                                             scraper_task_get_finished (task)));
  g_autofree char *counts = NULL;

  switch (state)
    {
    case SCRAPER_TASK_COMPLETED:
      if (g_strcmp0 (scraper_task_get_kind (task), "scrape") == 0)
        counts = scraper_scrape_result_describe (scraper_task_get_result (task));
      if (counts != NULL)
        /* Translators: result counts and a duration, e.g. "12 new, 3 updated · took 0:12" */
        return g_strdup_printf (_("%s · took %s"), counts, took);
      /* Translators: %s is a duration such as "0:12" */
      return g_strdup_printf (_("Completed in %s"), took);
    case SCRAPER_TASK_FAILED:
      /* Translators: %s is a duration such as "0:12" */
      return g_strdup_printf (_("Failed after %s"), took);
    case SCRAPER_TASK_CANCELLED:
      /* Translators: %s is a duration such as "0:12" */
      return g_strdup_printf (_("Cancelled after %s"), took);
    case SCRAPER_TASK_INTERRUPTED:
      return g_strdup (_("Interrupted when the application ended"));
    case SCRAPER_TASK_PENDING:
    case SCRAPER_TASK_RUNNING:
    case SCRAPER_TASK_CANCELLING:
    default:
      return NULL;
    }
}

/* The bar moves in the steps its text shows (whole percents): a report
 * that does not change the percentage changes nothing, neither the drawing
 * nor the accessible value a screen reader is told about. */
static void
update_progress (ScraperTaskRow *self)
{
  ScraperTask *task = self->task;
  double fraction;
  int percent;
  g_autofree char *text = NULL;

  if (task == NULL)
    return;

  fraction = scraper_task_get_fraction (task);
  if (scraper_task_get_state (task) == SCRAPER_TASK_COMPLETED)
    fraction = 1.0;

  percent = fraction >= 0 ? (int) (CLAMP (fraction, 0.0, 1.0) * 100 + 0.5) : NO_PERCENT;
  /* No bar while nothing is known of the progress: GTK 4.8's pulsing bar
   * lays itself out again on every frame for as long as it is shown.  The
   * message and the elapsed time say the task is alive. */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          percent != NO_PERCENT &&
                          (task_is_active (task) || scraper_task_get_state (task) == SCRAPER_TASK_CANCELLING));
  if (percent == self->shown_percent)
    return;
  self->shown_percent = percent;

  if (percent != NO_PERCENT)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, percent / 100.0);
      /* Translators: a percentage of progress, e.g. "24 %" */
      text = g_strdup_printf (_("%d %%"), percent);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    gtk_progress_bar_set_text (self->progress_bar, "");
}

static void
update_message (ScraperTaskRow *self)
{
  g_autofree char *printable = NULL;

  if (self->task == NULL)
    return;
  printable = scraper_text_printable (scraper_task_get_message (self->task), TRUE);
  if (g_strcmp0 (gtk_label_get_label (self->message_label), printable != NULL ? printable : "") != 0)
    gtk_label_set_label (self->message_label, printable != NULL ? printable : "");
}

static void
update_detail (ScraperTaskRow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *printable = NULL;

  if (self->task == NULL)
    return;

  switch (scraper_task_get_state (self->task))
    {
    case SCRAPER_TASK_PENDING:
      text = g_strdup (_("Waiting for a free slot"));
      break;
    case SCRAPER_TASK_RUNNING:
      text = describe_running (self->task);
      break;
    case SCRAPER_TASK_CANCELLING:
      text = g_strdup (_("Cancelling…"));
      break;
    case SCRAPER_TASK_COMPLETED:
    case SCRAPER_TASK_FAILED:
    case SCRAPER_TASK_CANCELLED:
    case SCRAPER_TASK_INTERRUPTED:
    default:
      text = describe_finished (self->task);
      break;
    }

  printable = scraper_text_printable (text, TRUE);
  if (g_strcmp0 (gtk_label_get_label (self->detail_label), printable != NULL ? printable : "") != 0)
    gtk_label_set_label (self->detail_label, printable != NULL ? printable : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), text != NULL);
}

static gboolean
clock_cb (gpointer user_data)
{
  update_detail (user_data);
  return G_SOURCE_CONTINUE;
}

/* The elapsed time: a timeout in whole seconds, which GLib fires together
 * with every other row's (one frame for all). */
static void
update_timers (ScraperTaskRow *self)
{
  gboolean running = self->task != NULL && scraper_task_get_state (self->task) == SCRAPER_TASK_RUNNING;

  if (running && self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
  else if (!running)
    g_clear_handle_id (&self->clock_id, g_source_remove);
}

static gint64
retry_source_id (ScraperTask *task)
{
  ScraperSource *source;
  GVariant *result;
  gint64 id = 0;

  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") != 0)
    return 0;

  source = scraper_scrape_task_get_source (task);
  if (source != NULL)
    return source->id;

  /* A task from the history has no source object; its result may name it. */
  result = scraper_task_get_result (task);
  if (result != NULL && g_variant_lookup (result, "source-id", "x", &id))
    return id;
  return 0;
}

static void
update_state (ScraperTaskRow *self)
{
  static const struct {
    const char *icon;
    const char *style;
  } looks[] = {
    [SCRAPER_TASK_PENDING] = { "document-open-recent-symbolic", NULL },
    [SCRAPER_TASK_RUNNING] = { "emblem-synchronizing-symbolic", "accent" },
    [SCRAPER_TASK_COMPLETED] = { "object-select-symbolic", "success" },
    [SCRAPER_TASK_FAILED] = { "dialog-error-symbolic", "error" },
    [SCRAPER_TASK_CANCELLING] = { "process-stop-symbolic", "warning" },
    [SCRAPER_TASK_CANCELLED] = { "process-stop-symbolic", NULL },
    [SCRAPER_TASK_INTERRUPTED] = { "dialog-warning-symbolic", "warning" },
  };
  const char *state_names[] = {
    [SCRAPER_TASK_PENDING] = _("Pending"),
    [SCRAPER_TASK_RUNNING] = _("Running"),
    [SCRAPER_TASK_COMPLETED] = _("Completed"),
    [SCRAPER_TASK_FAILED] = _("Failed"),
    [SCRAPER_TASK_CANCELLING] = _("Cancelling"),
    [SCRAPER_TASK_CANCELLED] = _("Cancelled"),
    [SCRAPER_TASK_INTERRUPTED] = _("Interrupted"),
  };
  ScraperTaskState state;
  const char *error;
  gboolean active, can_retry;

  if (self->task == NULL)
    return;

  state = scraper_task_get_state (self->task);
  g_assert ((guint) state < G_N_ELEMENTS (looks));

  gtk_image_set_from_icon_name (self->state_icon, looks[state].icon);
  gtk_widget_set_css_classes (GTK_WIDGET (self->state_icon), NULL);
  if (looks[state].style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), looks[state].style);
  scraper_tooltip_set (GTK_WIDGET (self->state_icon), state_names[state]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state_names[state],
                                  -1);

  active = task_is_active (self->task);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.cancel", active);

  can_retry = (state == SCRAPER_TASK_FAILED || state == SCRAPER_TASK_INTERRUPTED ||
               state == SCRAPER_TASK_CANCELLED) && retry_source_id (self->task) > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.retry", can_retry);

  error = scraper_task_get_error (self->task);
  if (state == SCRAPER_TASK_FAILED && error != NULL && *error != '\0')
    {
      g_autofree char *printable = scraper_text_printable (error, TRUE);

      gtk_label_set_label (self->error_label, printable);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  /* The message of a finished task says what it was doing, not how it ended. */
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), active);

  /* A change of state shows at once, with whatever progress was pending. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_message (self);
  update_progress (self);
  update_detail (self);
  update_timers (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  ScraperTaskRow *self = user_data;

  self->refresh_id = 0;
  update_message (self);
  update_progress (self);
  return G_SOURCE_REMOVE;
}

/* Progress and message reports wait for the next REFRESH_MS boundary of
 * the monotonic clock, the same for every row; the last one is shown. */
static void
schedule_refresh (ScraperTaskRow *self)
{
  gint64 now_ms;

  if (self->refresh_id != 0)
    return;
  now_ms = g_get_monotonic_time () / 1000;
  self->refresh_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_MS - now_ms % REFRESH_MS,
                                         refresh_cb, self, NULL);
}

static void
update_tooltips (ScraperTaskRow *self)
{
  const char *title = self->task ? scraper_task_get_title (self->task) : "";
  g_autofree char *cancel = NULL;
  g_autofree char *retry = NULL;

  /* Translators: tooltip of the Cancel button of a task, %s is its title */
  cancel = g_strdup_printf (_("Cancel “%s”"), title);
  /* Translators: tooltip of the Retry button of a failed scrape, %s is its title */
  retry = g_strdup_printf (_("Scrape “%s” again"), title);
  scraper_tooltip_set (GTK_WIDGET (self->cancel_button), cancel);
  scraper_tooltip_set (GTK_WIDGET (self->retry_button), retry);

  /* Assistive technologies name the bar after its task. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

/* Several tasks may be about the same source ("Acme Corp" scraped, then
 * scraped again, its boards looked up): the heading names the kind of
 * work too.  Kinds whose title already says it are shown as they are. */
static char *
task_heading (const char *kind,
              const char *title)
{
  if (title == NULL)
    title = "";
  if (g_strcmp0 (kind, "scrape") == 0)
    /* Translators: a task row's heading, %s is the source's name */
    return g_strdup_printf (_("Scrape · %s"), title);
  return g_strdup (title);
}

static gboolean
transform_heading (GBinding     *binding,
                   const GValue *from_value,
                   GValue       *to_value,
                   gpointer      user_data)
{
  g_autoptr(GObject) task = g_binding_dup_source (binding);
  g_autofree char *title = scraper_text_printable (g_value_get_string (from_value), TRUE);

  g_value_take_string (to_value, task_heading (task != NULL ? scraper_task_get_kind (SCRAPER_TASK (task)) : NULL,
                                               title));
  return TRUE;
}

static void
unbind_task (ScraperTaskRow *self)
{
  if (self->task == NULL)
    return;

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_signal_handler (&self->message_handler, self->task);
  g_clear_signal_handler (&self->state_handler, self->task);
  g_clear_signal_handler (&self->fraction_handler, self->task);
  g_clear_signal_handler (&self->error_handler, self->task);
  g_clear_signal_handler (&self->result_handler, self->task);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_object (&self->task);
}

void
scraper_task_row_set_task (ScraperTaskRow *self,
                           ScraperTask    *task)
{
  g_return_if_fail (SCRAPER_IS_TASK_ROW (self));
  g_return_if_fail (task == NULL || SCRAPER_IS_TASK (task));

  if (self->task == task)
    return;

  unbind_task (self);

  if (task != NULL)
    {
      self->task = g_object_ref (task);
      self->title_binding = g_object_bind_property_full (task, "title", self->title_label, "label",
                                                         G_BINDING_SYNC_CREATE, transform_heading,
                                                         NULL, NULL, NULL);
      self->message_handler = g_signal_connect_swapped (task, "notify::message",
                                                        G_CALLBACK (schedule_refresh), self);
      self->state_handler = g_signal_connect_swapped (task, "notify::state",
                                                      G_CALLBACK (update_state), self);
      self->error_handler = g_signal_connect_swapped (task, "notify::error",
                                                      G_CALLBACK (update_state), self);
      self->result_handler = g_signal_connect_swapped (task, "notify::result",
                                                       G_CALLBACK (update_state), self);
      self->fraction_handler = g_signal_connect_swapped (task, "notify::fraction",
                                                         G_CALLBACK (schedule_refresh), self);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, "");
      self->shown_percent = NO_PERCENT;
      update_tooltips (self);
      update_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK]);
}

/* The context of the Tasks view the row is in, or else the application's. */
static ScraperContext *
get_context (ScraperTaskRow *self)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), SCRAPER_TYPE_TASKS_VIEW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (view != NULL && scraper_tasks_view_get_context (SCRAPER_TASKS_VIEW (view)) != NULL)
    return scraper_tasks_view_get_context (SCRAPER_TASKS_VIEW (view));

  if (!SCRAPER_IS_APPLICATION (app))
    return NULL;
  return scraper_application_get_context (SCRAPER_APPLICATION (app));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ScraperTaskRow *self = SCRAPER_TASK_ROW (widget);
  ScraperContext *context = get_context (self);

  if (self->task != NULL && context != NULL)
    scraper_task_manager_cancel (scraper_context_get_task_manager (context), self->task);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ScraperTaskRow *self = SCRAPER_TASK_ROW (widget);
  ScraperContext *context = get_context (self);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->task == NULL || context == NULL || (id = retry_source_id (self->task)) <= 0)
    return;

  tasks = scraper_context_scrape (context, &id, 1, SCRAPER_TASK_PRIORITY_USER, &error);
  if (tasks == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not scrape again: %s"), error->message);

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
scraper_task_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ScraperTaskRow *self = SCRAPER_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_task_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ScraperTaskRow *self = SCRAPER_TASK_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      scraper_task_row_set_task (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_task_row_dispose (GObject *object)
{
  ScraperTaskRow *self = SCRAPER_TASK_ROW (object);

  unbind_task (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_TASK_ROW);

  G_OBJECT_CLASS (scraper_task_row_parent_class)->dispose (object);
}

static void
scraper_task_row_class_init (ScraperTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_task_row_dispose;
  object_class->get_property = scraper_task_row_get_property;
  object_class->set_property = scraper_task_row_set_property;

  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL, SCRAPER_TYPE_TASK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SCRAPER_TYPE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, box);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperTaskRow, retry_button);

  gtk_widget_class_install_action (widget_class, "task.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "task.retry", NULL, retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taskrow");
}

static void
scraper_task_row_init (ScraperTaskRow *self)
{
  self->shown_percent = NO_PERCENT;
  gtk_widget_init_template (GTK_WIDGET (self));
}
