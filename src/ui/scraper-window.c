/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tasks/scraper-scrape-task.h"

#include "scraper-applications-view.h"
#include "scraper-insights-view.h"
#include "scraper-report-dialog.h"
#include "scraper-toast.h"
#include "scraper-export-jobs.h"
#include "scraper-jobs-view.h"
#include "scraper-saved-searches.h"
#include "scraper-sources-view.h"
#include "scraper-tasks-view.h"
#include "scraper-track-posting-dialog.h"
#include "scraper-window.h"
#include "scraper-a11y.h"
#include "scraper-button.h"
#include "scraper-tooltip.h"


struct _ScraperWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  ScraperContext       *context;
  ScraperTaskManager   *tasks;
  guint                 indicator_n_active;  /* what its accessible label says */
  guint                 batch_idle_id;

  /* The scrape tasks that ended since the task manager was last idle:
   * one toast (and notification) sums them up. */
  guint                 batch_tasks;
  guint                 batch_new;
  guint                 batch_failed;
  guint                 batch_cancelled;
  guint                 batch_limited;    /* stopped at their page limit */

  /* Closing was confirmed (Stop Tasks) or needs no confirmation. */
  gboolean              close_confirmed;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *scrape_button;
  gboolean              compact_header;  /* Scrape as an icon */
  GtkButton            *cancel_all_button;
  GtkButton            *indicator_button;
  GtkProgressBar       *indicator_bar;
  GtkLabel             *indicator_label;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *content_stack;
  GtkSpinner           *updating_spinner;
  AdwStatusPage        *error_page;
  AdwViewStack         *stack;
  AdwBin               *jobs_bin;
  AdwStatusPage        *jobs_empty;
  AdwBin               *sources_bin;
  AdwBin               *applications_bin;
  AdwBin               *insights_bin;
  ScraperTasksView     *tasks_view;
};

G_DEFINE_FINAL_TYPE (ScraperWindow, scraper_window, ADW_TYPE_APPLICATION_WINDOW)

static void scraper_window_load_state (ScraperWindow      *self,
                                       ScraperApplication *application);
static void scraper_window_take_context (ScraperWindow      *self,
                                         ScraperApplication *application);
static void on_application_opened (ScraperWindow      *self,
                                   ScraperApplication *application);

ScraperWindow *
scraper_window_new (ScraperApplication *application)
{
  ScraperWindow *self;

  g_return_val_if_fail (SCRAPER_IS_APPLICATION (application), NULL);

  self = g_object_new (SCRAPER_TYPE_WINDOW,
                       "application", application,
                       NULL);
  scraper_window_load_state (self, application);

  return self;
}

void
scraper_window_add_toast (ScraperWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (SCRAPER_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
scraper_window_show_view (ScraperWindow *self,
                          const char    *name)
{
  g_return_if_fail (SCRAPER_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
scraper_window_get_visible_view (ScraperWindow *self)
{
  g_return_val_if_fail (SCRAPER_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  scraper_window_show_view (SCRAPER_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* The Sources view removed a source: its postings leave the job list. */
static void
reload_jobs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GtkWidget *jobs = adw_bin_get_child (SCRAPER_WINDOW (widget)->jobs_bin);

  if (SCRAPER_IS_JOBS_VIEW (jobs))
    scraper_jobs_view_reload (SCRAPER_JOBS_VIEW (jobs));
}

/* Ctrl+F from anywhere: the Jobs view's search entry. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ScraperWindow *self = SCRAPER_WINDOW (widget);
  GtkWidget *jobs = adw_bin_get_child (self->jobs_bin);

  if (jobs == NULL)
    return;
  scraper_window_show_view (self, "jobs");
  gtk_widget_activate_action (jobs, "jobs.focus-search", NULL);
}

/* The Jobs view's empty state offers what the Sources view does. */
static void
sources_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ScraperWindow *self = SCRAPER_WINDOW (widget);
  GtkWidget *sources = adw_bin_get_child (self->sources_bin);

  if (sources == NULL)
    return;

  if (g_str_equal (action_name, "win.add-source"))
    {
      scraper_window_show_view (self, "sources");
      gtk_widget_activate_action (sources, "sources.add", NULL);
    }
  else
    gtk_widget_activate_action (sources, "sources.try-sample", NULL);
}

/* The one function that makes the header bar follow the task manager. */
static void
update_header (ScraperWindow *self)
{
  gboolean busy = self->tasks != NULL && scraper_task_manager_get_busy (self->tasks);
  guint n_running = self->tasks != NULL ? scraper_task_manager_get_n_running (self->tasks) : 0;
  guint n_pending = self->tasks != NULL ? scraper_task_manager_get_n_pending (self->tasks) : 0;
  double fraction = self->tasks != NULL ? scraper_task_manager_get_fraction (self->tasks) : -1;
  guint n_active = n_running + n_pending;
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;
  AdwViewStackPage *page;

  gtk_widget_set_visible (GTK_WIDGET (self->scrape_button), self->context != NULL && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_all_button), self->context != NULL && busy);
  gtk_widget_set_visible (GTK_WIDGET (self->indicator_button), busy);

  page = adw_view_stack_get_page (self->stack, GTK_WIDGET (self->tasks_view));
  adw_view_stack_page_set_badge_number (page, n_active);
  adw_view_stack_page_set_needs_attention (page, busy);

  if (!busy)
    return;

  count = g_strdup_printf ("%u", n_active);
  gtk_label_set_label (self->indicator_label, count);

  if (fraction >= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->indicator_bar), TRUE);
      /* In the steps the tooltip says: each change is a redraw and an
       * accessibility event. */
      if ((int) (gtk_progress_bar_get_fraction (self->indicator_bar) * 100 + 0.5) != (int) (fraction * 100 + 0.5))
        gtk_progress_bar_set_fraction (self->indicator_bar, (int) (fraction * 100 + 0.5) / 100.0);
      /* Translators: tooltip of the task indicator, e.g. "2 running, 3 waiting, 40 % done — Show Tasks (Alt+5)" */
      tooltip = g_strdup_printf (_("%u running, %u waiting, %d %% done — Show Tasks (Alt+5)"),
                                 n_running, n_pending, (int) (fraction * 100 + 0.5));
    }
  else
    {
      /* No pulsing bar: GTK 4.8's lays itself out again on every frame
       * while it shows (on X11, round trips to the server each time). */
      gtk_widget_set_visible (GTK_WIDGET (self->indicator_bar), FALSE);
      /* Translators: tooltip of the task indicator, e.g. "2 running, 3 waiting — Show Tasks (Alt+5)" */
      tooltip = g_strdup_printf (_("%u running, %u waiting — Show Tasks (Alt+5)"), n_running, n_pending);
    }
  scraper_tooltip_set (GTK_WIDGET (self->indicator_button), tooltip);

  if (n_active == self->indicator_n_active)
    return;
  self->indicator_n_active = n_active;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task active, show tasks", "%u tasks active, show tasks", n_active),
                           n_active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->indicator_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static char *
describe_batch (ScraperWindow *self)
{
  g_autofree char *news = NULL;

  if (self->batch_cancelled == self->batch_tasks)
    return g_strdup (_("Scrape cancelled"));

  if (self->batch_new == 0)
    news = g_strdup (_("No new jobs"));
  else
    news = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new job", "%u new jobs", self->batch_new),
                            self->batch_new);

  if (self->batch_limited > 0)
    {
      char *limited;

      /* Translators: e.g. "42 new jobs, 1 source stopped at its page limit" */
      limited = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u source stopped at its page limit",
                                              "%s, %u sources stopped at their page limit", self->batch_limited),
                                 news, self->batch_limited);
      g_free (news);
      news = limited;
    }

  if (self->batch_failed > 0)
    /* Translators: e.g. "42 new jobs, 1 source failed" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u source failed", "%s, %u sources failed",
                                         self->batch_failed),
                            news, self->batch_failed);
  return g_steal_pointer (&news);
}

static gboolean
batch_done_cb (gpointer user_data)
{
  ScraperWindow *self = user_data;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *text = NULL;
  AdwToast *toast;

  self->batch_idle_id = 0;
  if (self->batch_tasks == 0 || (self->tasks != NULL && scraper_task_manager_get_busy (self->tasks)))
    return G_SOURCE_REMOVE;

  text = describe_batch (self);
  toast = scraper_toast_new_plain (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (self->batch_limited > 0 && self->batch_failed == 0)
    {
      /* Where the limit can be raised. */
      if (g_strcmp0 (scraper_window_get_visible_view (self), "sources") != 0)
        {
          adw_toast_set_button_label (toast, _("Show Sources"));
          adw_toast_set_action_name (toast, "win.show-view");
          adw_toast_set_action_target (toast, "s", "sources");
        }
    }
  else if (self->batch_new > 0 || self->batch_failed > 0)
    {
      const char *view = self->batch_failed > 0 ? "tasks" : "jobs";

      /* No button that leads where the user already is. */
      if (g_strcmp0 (scraper_window_get_visible_view (self), view) != 0)
        {
          adw_toast_set_button_label (toast, self->batch_failed > 0 ? _("Show Tasks") : _("Show Jobs"));
          adw_toast_set_action_name (toast, "win.show-view");
          adw_toast_set_action_target (toast, "s", view);
        }
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* Only when the user looks elsewhere: the toast is enough otherwise. */
  if (app != NULL && !gtk_window_is_active (GTK_WINDOW (self)) &&
      self->batch_cancelled < self->batch_tasks &&
      g_settings_get_boolean (self->settings, "notifications"))
    {
      /* New postings may be new in saved searches: say which. */
      scraper_saved_searches_notify (app, self->batch_new > 0 && self->context != NULL
                                          ? scraper_context_get_store (self->context) : NULL,
                                     "scrape-finished", _("Scrape Finished"), text);
    }

  self->batch_tasks = self->batch_new = self->batch_failed = self->batch_cancelled = 0;
  self->batch_limited = 0;

  /* Kept running in the background after the window was closed: now that
   * the work is done, the window goes and the application may quit. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
on_busy_changed (ScraperWindow *self)
{
  update_header (self);

  /* After the last "task-finished" of the batch has been handled. */
  if (!scraper_task_manager_get_busy (self->tasks) && self->batch_tasks > 0 && self->batch_idle_id == 0)
    self->batch_idle_id = g_idle_add (batch_done_cb, self);
}

static void
on_task_finished (ScraperWindow *self,
                  ScraperTask   *task)
{
  GVariant *result;
  guint inserted = 0;
  AdwToast *exported;

  if ((exported = scraper_export_jobs_toast (task)) != NULL ||
      (exported = scraper_report_task_toast (task)) != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, exported);
      return;
    }
  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") != 0)
    return;

  self->batch_tasks++;
  switch (scraper_task_get_state (task))
    {
    case SCRAPER_TASK_COMPLETED:
      result = scraper_task_get_result (task);
      if (result != NULL && g_variant_lookup (result, "inserted", "u", &inserted))
        self->batch_new += inserted;
      if (result != NULL && g_variant_lookup (result, "page-limit", "u", NULL))
        self->batch_limited++;
      break;
    case SCRAPER_TASK_CANCELLED:
      self->batch_cancelled++;
      break;
    case SCRAPER_TASK_FAILED:
    case SCRAPER_TASK_INTERRUPTED:
      self->batch_failed++;
      break;
    case SCRAPER_TASK_PENDING:
    case SCRAPER_TASK_RUNNING:
    case SCRAPER_TASK_CANCELLING:
    default:
      break;
    }

  if (!scraper_task_manager_get_busy (self->tasks) && self->batch_idle_id == 0)
    self->batch_idle_id = g_idle_add (batch_done_cb, self);
}

static void
scraper_window_save_size (ScraperWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ScraperWindow    *self)
{
  if (g_str_equal (response, "stop"))
    {
      if (self->tasks != NULL)
        scraper_task_manager_cancel_all (self->tasks);
      self->close_confirmed = TRUE;
      /* Not from inside the response: the dialog still points at us. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "keep"))
    {
      /* The application holds itself while tasks run; the window comes
       * back on the next activation and goes when the tasks end. */
      scraper_window_save_size (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
}

static void
on_background_explained (AdwMessageDialog *dialog,
                         const char       *response,
                         ScraperWindow    *self)
{
  if (!g_str_equal (response, "close"))
    return;
  g_settings_set_boolean (self->settings, "background-explained", TRUE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* The first time the window closes while the application runs in the
 * background, it says so: the process the user sees go on is not a
 * surprise. */
static gboolean
explain_background (ScraperWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  AdwMessageDialog *dialog;

  if (!SCRAPER_IS_APPLICATION (app) ||
      !scraper_application_get_runs_in_background (SCRAPER_APPLICATION (app)) ||
      g_settings_get_boolean (self->settings, "background-explained"))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Job Scraper Keeps Running"),
                                                       _("Reminders and automatic scrapes still work while the window is closed. "
                                                         "To stop this, turn off “Run in Background” in Preferences, or choose Quit.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Window"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_background_explained), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
scraper_window_close_request (GtkWindow *window)
{
  ScraperWindow *self = SCRAPER_WINDOW (window);

  if (!self->close_confirmed && self->tasks != NULL && scraper_task_manager_get_busy (self->tasks))
    {
      guint n = scraper_task_manager_get_n_running (self->tasks) + scraper_task_manager_get_n_pending (self->tasks);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Stop Running Tasks?"), NULL));
      adw_message_dialog_format_body (dialog,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%u task is still running. Stop it, or keep it running in the background and quit when it is done?",
                                                   "%u tasks are still running. Stop them, or keep them running in the background and quit when they are done?",
                                                   n),
                                      n);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "keep", _("_Keep Running"),
                                        "stop", _("_Stop Tasks"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (explain_background (self))
    return TRUE;

  scraper_window_save_size (self);
  if (SCRAPER_IS_SOURCES_VIEW (adw_bin_get_child (self->sources_bin)))
    scraper_sources_view_flush_removals (SCRAPER_SOURCES_VIEW (adw_bin_get_child (self->sources_bin)));

  return GTK_WINDOW_CLASS (scraper_window_parent_class)->close_request (window);
}

/* A narrow window has no room for the view switcher, nor for "Job
 * Scraper" between Scrape and the menu: the title names the view shown,
 * which the bar at the bottom switches. */
static void
update_narrow_title (ScraperWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);
  const char *title = NULL;

  /* While the database updates at start, or could not be opened, no view
   * shows: the title is the application's, not that of the Jobs view. */
  if (child != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "views") == 0)
    title = adw_view_stack_page_get_title (adw_view_stack_get_page (self->stack, child));
  adw_view_switcher_title_set_title (self->switcher_title, title != NULL ? title : _("Job Scraper"));
}

/* Below 420 px the switcher is at the bottom and the title names the
 * view: Scrape shows as an icon (its name stays its tooltip's start and
 * its accessible name), so that the longest title, "Applications", fits
 * between it and the window's buttons.  Decided by the window's width,
 * not by whether the title shows, so that the two never chase each other. */
static void
update_compact_header (ScraperWindow *self)
{
  int width = 0, height = 0;
  gboolean compact;

  /* GTK 4.8 wants both. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  compact = width > 0 && width < 420;
  if (compact == self->compact_header)
    return;

  self->compact_header = compact;
  if (compact)
    gtk_button_set_icon_name (self->scrape_button, "view-refresh-symbolic");
  else
    gtk_button_set_label (self->scrape_button, _("Scrape"));
}

/* The views, or a page in their place (an error, the update at start). */
static void
show_views (ScraperWindow *self,
            const char    *page)
{
  gboolean views = g_strcmp0 (page, "views") == 0;

  gtk_stack_set_visible_child_name (self->content_stack, page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, views);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), views);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", views);
  gtk_spinner_set_spinning (self->updating_spinner, g_strcmp0 (page, "updating") == 0);
  update_narrow_title (self);
}

static void
show_open_error (ScraperWindow *self,
                 const GError  *error)
{
  /* The store's message names the file and what to do about it. */
  /* A status page's description is markup; the message names a file. */
  g_autofree char *description = scraper_text_markup_escape (error->message);

  adw_status_page_set_description (self->error_page, description);
  show_views (self, "error");
}

/* One suggested action at a time: with no source, "Add Source…" (in the
 * empty Jobs and Sources views) is the next step, and Scrape would do
 * nothing; once there are sources, Scrape is. */
static void
update_scrape_suggested (ScraperWindow *self)
{
  GtkWidget *sources = adw_bin_get_child (self->sources_bin);
  gboolean has_sources = SCRAPER_IS_SOURCES_VIEW (sources) &&
                         scraper_sources_view_get_n_sources (SCRAPER_SOURCES_VIEW (sources)) > 0;

  if (has_sources)
    gtk_widget_add_css_class (GTK_WIDGET (self->scrape_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->scrape_button), "suggested-action");
}

static void
on_jobs_search_changed (GtkSearchEntry      *entry,
                        ScraperInsightsView *insights)
{
  scraper_insights_view_set_search (insights, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* The Jobs and Sources views need the context: they replace their
 * placeholder pages once the window has it. */
static void
scraper_window_integrate_views (ScraperWindow *self)
{
  GtkWidget *jobs = scraper_jobs_view_new (self->context);
  GtkWidget *sources = scraper_sources_view_new (self->context);
  GtkWidget *insights = scraper_insights_view_new (self->context);
  GtkSearchEntry *entry = scraper_jobs_view_get_search_entry (SCRAPER_JOBS_VIEW (jobs));

  adw_bin_set_child (self->jobs_bin, jobs);
  adw_bin_set_child (self->sources_bin, sources);
  g_signal_connect_object (sources, "notify::n-sources", G_CALLBACK (update_scrape_suggested),
                           self, G_CONNECT_SWAPPED);
  update_scrape_suggested (self);
  adw_bin_set_child (self->applications_bin, scraper_applications_view_new (self->context));
  adw_bin_set_child (self->insights_bin, insights);
  /* Insights follow the Jobs view's search text (its one search entry). */
  g_signal_connect_object (entry, "search-changed", G_CALLBACK (on_jobs_search_changed),
                           insights, 0);
  scraper_insights_view_set_search (SCRAPER_INSIGHTS_VIEW (insights),
                                    gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* "application" is not a construct property of GtkWindow, so the state
 * that depends on it is loaded once the window has it. */
static void
scraper_window_load_state (ScraperWindow      *self,
                           ScraperApplication *application)
{
  self->settings = g_object_ref (scraper_application_get_settings (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (scraper_application_get_opening (application))
    {
      show_views (self, "updating");
      g_signal_connect_object (application, "opened", G_CALLBACK (on_application_opened),
                               self, G_CONNECT_SWAPPED);
      update_header (self);
      return;
    }
  scraper_window_take_context (self, application);
  update_header (self);
}

/* The database was migrated at start: the views come, or the error. */
static void
on_application_opened (ScraperWindow      *self,
                       ScraperApplication *application)
{
  g_signal_handlers_disconnect_by_func (application, on_application_opened, self);
  if (scraper_application_get_context (application) != NULL)
    show_views (self, "views");
  scraper_window_take_context (self, application);
  update_header (self);
}

static void
scraper_window_take_context (ScraperWindow      *self,
                             ScraperApplication *application)
{
  const GError *open_error = scraper_application_get_open_error (application);

  self->context = scraper_application_get_context (application);
  if (self->context != NULL)
    {
      g_object_ref (self->context);
      self->tasks = g_object_ref (scraper_context_get_task_manager (self->context));
      scraper_tasks_view_set_context (self->tasks_view, self->context);
      scraper_window_integrate_views (self);

      g_signal_connect_object (self->tasks, "notify::busy", G_CALLBACK (on_busy_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->tasks, "notify::n-running", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->tasks, "notify::n-pending", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->tasks, "notify::fraction", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->tasks, "task-finished", G_CALLBACK (on_task_finished), self, G_CONNECT_SWAPPED);
    }
  else if (open_error != NULL)
    show_open_error (self, open_error);
}

static void
export_jobs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ScraperWindow *self = SCRAPER_WINDOW (widget);

  if (self->context != NULL)
    scraper_export_jobs_run (GTK_WINDOW (self), self->context);
}

static void
on_posting_tracked (ScraperWindow *self,
                    gint64         posting_id)
{
  scraper_window_add_toast (self, adw_toast_new (_("The posting is tracked")));
}

static void
track_posting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ScraperWindow *self = SCRAPER_WINDOW (widget);
  ScraperTrackPostingDialog *dialog;

  if (self->context == NULL)
    return;
  dialog = scraper_track_posting_dialog_new (GTK_WINDOW (self), self->context, NULL);
  g_signal_connect_object (dialog, "tracked", G_CALLBACK (on_posting_tracked), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ScraperWindow *self = SCRAPER_WINDOW (widget);

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (scraper_report_dialog_new (GTK_WINDOW (self), self->context)));
}

/* The toast's "Open": a written file in the program the desktop picks. */
static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  const char *uri = g_variant_get_string (param, NULL);

  if (g_str_has_prefix (uri, "file:"))
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
scraper_window_dispose (GObject *object)
{
  ScraperWindow *self = SCRAPER_WINDOW (object);

  g_clear_handle_id (&self->batch_idle_id, g_source_remove);
  if (self->tasks != NULL)
    g_signal_handlers_disconnect_by_data (self->tasks, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_WINDOW);
  g_clear_object (&self->tasks);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (scraper_window_parent_class)->dispose (object);
}

static void
scraper_window_class_init (ScraperWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = scraper_window_dispose;
  window_class->close_request = scraper_window_close_request;

  g_type_ensure (SCRAPER_TYPE_TASKS_VIEW);

  g_type_ensure (SCRAPER_TYPE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, scrape_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, cancel_all_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, indicator_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, indicator_bar);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, indicator_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, updating_spinner);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, jobs_bin);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, jobs_empty);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, sources_bin);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, applications_bin);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, insights_bin);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, tasks_view);

  gtk_widget_class_install_action (widget_class, "win.export-jobs", NULL, export_jobs_action);
  gtk_widget_class_install_action (widget_class, "win.track-posting", NULL, track_posting_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.add-source", NULL, sources_view_action);
  gtk_widget_class_install_action (widget_class, "win.try-sample", NULL, sources_view_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.reload-jobs", NULL, reload_jobs_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-source", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  /* Alt+N shows the N-th view in the switcher's order. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "jobs");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "applications");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "insights");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "sources");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-view", "s", "tasks");
}

static void
scraper_window_init (ScraperWindow *self)
{
  self->indicator_n_active = G_MAXUINT;
  gtk_widget_init_template (GTK_WIDGET (self));
  scraper_a11y_fix_names (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (update_narrow_title), self, G_CONNECT_SWAPPED);
  update_narrow_title (self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_compact_header), NULL);
  update_compact_header (self);
}
