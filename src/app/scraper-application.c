/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-application"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "scraper-application.h"
#include "scraper-background.h"
#include "scraper-reminder-notifier.h"

struct _ScraperApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_path;
  ScraperContext *context;
  GError         *open_error;
  gboolean        held;
  guint           reenrich_id;   /* a short wait after the profile changed */
  gboolean        reenrich_after_scrapes; /* ... or after scrapes, when they are over */
  ScraperTask    *reenrich_task; /* the last one: the next one replaces it */
  ScraperReminderNotifier *reminders;
  gboolean        start_in_background; /* --background: no window at start */
  gboolean        background_held;     /* "run-in-background" holds the app */
  GCancellable   *background_request;
  gboolean        opening;             /* migrating the database: no context yet */
};

enum {
  SIGNAL_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static void (*open_hook) (gpointer data);
static gpointer open_hook_data;

G_DEFINE_FINAL_TYPE (ScraperApplication, scraper_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the job database FILE"), N_("FILE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, for reminders and automatic scrapes (as at login)"), NULL },
  { NULL }
};

ScraperApplication *
scraper_application_new (void)
{
  return g_object_new (SCRAPER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/com/example/JobScraper",
                       NULL);
}

GSettings *
scraper_application_get_settings (ScraperApplication *self)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), NULL);
  return self->settings;
}

const char *
scraper_application_get_db_path (ScraperApplication *self)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), NULL);
  return self->db_path;
}

ScraperContext *
scraper_application_get_context (ScraperApplication *self)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), NULL);
  return self->context;
}

const GError *
scraper_application_get_open_error (ScraperApplication *self)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), NULL);
  return self->open_error;
}

static void
update_actions (ScraperApplication *self)
{
  ScraperTaskManager *tasks = self->context ? scraper_context_get_task_manager (self->context) : NULL;
  gboolean busy = tasks != NULL && scraper_task_manager_get_busy (tasks);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "scrape");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->context != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-all");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), busy);

  /* Keep running while tasks run, even with no window open. */
  if (busy && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!busy && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = busy;
}

static void
scrape_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ScraperApplication *self = user_data;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  tasks = scraper_context_scrape (self->context, NULL, 0, SCRAPER_TASK_PRIORITY_USER, &error);
  if (tasks == NULL)
    g_warning ("Could not start the scrape: %s", error->message);
}

static void
cancel_all_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  ScraperApplication *self = user_data;

  if (self->context != NULL)
    scraper_task_manager_cancel_all (scraper_context_get_task_manager (self->context));
}

static int
scraper_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  ScraperApplication *self = SCRAPER_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db);
    }
  else if (g_getenv ("JOB_SCRAPER_DB") != NULL && *g_getenv ("JOB_SCRAPER_DB") != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_strdup (g_getenv ("JOB_SCRAPER_DB"));
    }

  self->start_in_background = g_variant_dict_contains (options, "background");

  /* On the default database the application is unique on the session
   * bus: the desktop's launcher and a notification's buttons reach the
   * instance already running (say, in the background) instead of starting
   * a second one.  A database named with --db or JOB_SCRAPER_DB keeps its
   * own instance, as before. */
  if (self->db_path == NULL)
    {
      g_autoptr(GError) error = NULL;

      g_application_set_flags (app, G_APPLICATION_DEFAULT_FLAGS);
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* Started at login while the window already runs: nothing to do. */
      if (self->start_in_background && g_application_get_is_remote (app))
        return 0;
    }

  return -1;
}

gboolean
scraper_application_take_background_start (ScraperApplication *self)
{
  gboolean background;

  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), FALSE);

  background = self->start_in_background;
  self->start_in_background = FALSE;
  return background;
}

gboolean
scraper_application_get_runs_in_background (ScraperApplication *self)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), FALSE);
  return self->background_held;
}

/* "run-in-background" on: the application stays when its last window
 * closes, so that reminders and the automatic scrape keep their timers. */
static void
update_background_hold (ScraperApplication *self)
{
  gboolean wanted = self->context != NULL &&
                    g_settings_get_boolean (self->settings, "run-in-background");

  if (wanted && !self->background_held)
    g_application_hold (G_APPLICATION (self));
  else if (!wanted && self->background_held)
    g_application_release (G_APPLICATION (self));
  self->background_held = wanted;
}

static void
on_background_answer (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ScraperApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (scraper_background_request_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The user said no to the portal, or the entry could not be written:
   * the switch goes back off rather than promising what will not happen. */
  g_message ("Could not arrange running in the background: %s", error->message);
  if (g_settings_get_boolean (self->settings, "run-in-background"))
    g_settings_set_boolean (self->settings, "run-in-background", FALSE);
}

static void
on_run_in_background_changed (ScraperApplication *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "run-in-background");

  update_background_hold (self);

  /* The newest answer of the user wins over a request still pending. */
  if (self->background_request != NULL)
    g_cancellable_cancel (self->background_request);
  g_clear_object (&self->background_request);
  self->background_request = g_cancellable_new ();
  scraper_background_request_async (enabled, self->background_request,
                                    on_background_answer, g_object_ref (self));
}

static void
update_color_scheme (ScraperApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");
  AdwStyleManager *style = adw_application_get_style_manager (ADW_APPLICATION (self));

  adw_style_manager_set_color_scheme (style, schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

static void
scraper_application_quit_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  ScraperApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Quit means quit, also when running in the background. */
  if (self->background_held)
    {
      g_application_release (G_APPLICATION (self));
      self->background_held = FALSE;
    }

  /* Closing, not destroying, lets each window save its state and ask about
   * running tasks. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

/* The buttons of a reminder's notification: "Open" shows the window on
 * the Applications view, "Done" marks the reminder done. */
static void
show_posting_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  ScraperApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "applications");
}

static void
reminder_done_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  ScraperApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->reminders != NULL &&
      !scraper_reminder_notifier_done (self->reminders, g_variant_get_int64 (param), &error))
    g_warning ("Could not mark the reminder done: %s", error->message);
}

static const GActionEntry app_actions[] = {
  { "quit", scraper_application_quit_action },
  { "scrape", scrape_action },
  { "cancel-all", cancel_all_action },
  { "show-posting", show_posting_action, "x" },
  { "reminder-done", reminder_done_action, "x" },
};

/* The relevance of every stored posting follows the user's skills: once
 * they stop typing in Preferences, the postings are scored again, in a task
 * of their own ("Best Match" then reloads).  The same happens once a
 * language model is set up, which is then asked about the postings the
 * rules left incomplete. */
#define REENRICH_DELAY_S 2

static gboolean
reenrich_now (gpointer user_data)
{
  ScraperApplication *self = user_data;
  g_autoptr(ScraperLlm) llm = NULL;
  g_autoptr(GError) error = NULL;

  self->reenrich_id = 0;
  if (self->context == NULL)
    return G_SOURCE_REMOVE;

  /* After scrapes: once none runs any more. */
  if (self->reenrich_after_scrapes &&
      scraper_task_manager_get_busy (scraper_context_get_task_manager (self->context)))
    {
      self->reenrich_id = g_timeout_add_seconds (REENRICH_DELAY_S, reenrich_now, self);
      return G_SOURCE_REMOVE;
    }
  self->reenrich_after_scrapes = FALSE;

  /* A run still asking with the settings of a moment ago gives way. */
  if (self->reenrich_task != NULL && !scraper_task_is_finished (self->reenrich_task))
    g_cancellable_cancel (scraper_task_get_cancellable (self->reenrich_task));
  g_clear_object (&self->reenrich_task);

  /* An address still being typed: the rules alone this time. */
  llm = scraper_context_dup_llm (self->context, &error);
  if (error != NULL)
    g_debug ("Not asking the language model: %s", error->message);

  self->reenrich_task = scraper_context_enrich (self->context, llm,
                                                scraper_context_get_llm_max (self->context),
                                                SCRAPER_TASK_PRIORITY_USER);
  return G_SOURCE_REMOVE;
}

static void
on_profile_changed (ScraperApplication *self)
{
  g_clear_handle_id (&self->reenrich_id, g_source_remove);
  self->reenrich_id = g_timeout_add_seconds (REENRICH_DELAY_S, reenrich_now, self);
}

static void
on_llm_changed (ScraperApplication *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "llm-endpoint");
  g_autofree char *model = g_settings_get_string (self->settings, "llm-model");

  if (g_settings_get_boolean (self->settings, "llm-enabled") && *endpoint != '\0' && *model != '\0')
    on_profile_changed (self);
}

/* With a language model set up, what a scrape brought in or changed is
 * sent to it too, once the scrapes of the moment are over. */
static void
on_task_finished (ScraperApplication *self,
                  ScraperTask        *task)
{
  GVariant *result = scraper_task_get_result (task);
  guint inserted = 0, updated = 0;

  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") != 0 ||
      scraper_task_get_state (task) != SCRAPER_TASK_COMPLETED || result == NULL)
    return;
  g_variant_lookup (result, "inserted", "u", &inserted);
  g_variant_lookup (result, "updated", "u", &updated);
  if (inserted + updated > 0)
    {
      self->reenrich_after_scrapes = TRUE;
      on_llm_changed (self);
    }
}

static void
open_context (ScraperApplication *self)
{
  /* A database that cannot be opened (newer version, not a database) is
   * reported by the window; nothing is written to it. */
  self->context = scraper_context_new (self->db_path, &self->open_error);
  if (self->context != NULL)
    {
      ScraperTaskManager *tasks = scraper_context_get_task_manager (self->context);

      scraper_context_load_history (self->context);
      g_signal_connect_object (tasks, "notify::busy", G_CALLBACK (update_actions),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tasks, "task-finished", G_CALLBACK (on_task_finished),
                               self, G_CONNECT_SWAPPED);
      self->reminders = scraper_reminder_notifier_new (G_APPLICATION (self),
                                                       scraper_context_get_store (self->context));
      scraper_reminder_notifier_check (self->reminders, NULL);
      scraper_reminder_notifier_reschedule (self->reminders);
    }
  else
    g_message ("Could not open the job database: %s", self->open_error->message);
  update_actions (self);

  update_background_hold (self);
  /* Started by hand with --background: stays for this run, whatever the
   * switch says. */
  if (self->start_in_background && self->context != NULL && !self->background_held)
    {
      g_application_hold (G_APPLICATION (self));
      self->background_held = TRUE;
    }
}

void
scraper_application_set_open_hook_for_testing (void     (*hook) (gpointer data),
                                               gpointer   data)
{
  open_hook = hook;
  open_hook_data = data;
}

/* The migration alone; the context is made on the main thread after it. */
static void
upgrade_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(ScraperStore) store = NULL;
  GError *error = NULL;

  if (open_hook != NULL)
    open_hook (open_hook_data);
  store = scraper_store_open (task_data, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
upgraded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ScraperApplication *self = SCRAPER_APPLICATION (object);
  GError *error = NULL;

  self->opening = FALSE;
#ifdef __GLIBC__
  /* The migration's buffers (an index of every posting) were freed on its
   * thread; give their pages back rather than keep them for the session. */
  malloc_trim (0);
#endif
  /* A migration that failed (a full disk, a damaged file) is shown as is,
   * not tried again on the main thread; its transaction left the file as
   * it was. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->open_error = error;
      g_message ("Could not open the job database: %s", error->message);
      update_actions (self);
    }
  else
    open_context (self);
  g_signal_emit (self, signals[SIGNAL_OPENED], 0);
  g_application_release (G_APPLICATION (self));
}

gboolean
scraper_application_get_opening (ScraperApplication *self)
{
  g_return_val_if_fail (SCRAPER_IS_APPLICATION (self), FALSE);
  return self->opening;
}

static void
scraper_application_startup (GApplication *app)
{
  ScraperApplication *self = SCRAPER_APPLICATION (app);
  g_autofree char *path = scraper_context_resolve_db_path (self->db_path);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *scrape_accels[] = { "<Control>r", NULL };

  G_APPLICATION_CLASS (scraper_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.scrape", scrape_accels);

  /* A database of an older version is migrated first, off the main
   * thread: on a big file that takes seconds (a million postings: ~12 s),
   * and the window shows meanwhile that it is updating. */
  if (scraper_store_needs_upgrade (path))
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, upgraded_cb, NULL);

      self->opening = TRUE;
      update_actions (self);   /* no Scrape until the database is open */
      g_application_hold (G_APPLICATION (self));
      g_task_set_task_data (task, g_steal_pointer (&path), g_free);
      g_task_run_in_thread (task, upgrade_in_thread);
    }
  else
    open_context (self);

  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::profile-keywords",
                           G_CALLBACK (on_profile_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::llm-enabled",
                           G_CALLBACK (on_llm_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::llm-endpoint",
                           G_CALLBACK (on_llm_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::llm-model",
                           G_CALLBACK (on_llm_changed), self, G_CONNECT_SWAPPED);
  update_color_scheme (self);
}

static void
scraper_application_shutdown (GApplication *app)
{
  ScraperApplication *self = SCRAPER_APPLICATION (app);

  g_clear_handle_id (&self->reenrich_id, g_source_remove);
  g_clear_object (&self->reminders);
  if (self->background_request != NULL)
    g_cancellable_cancel (self->background_request);
  g_clear_object (&self->background_request);

  /* Quitting cancels running tasks; what they committed stays. */
  if (self->context != NULL)
    scraper_context_shutdown (self->context);

  G_APPLICATION_CLASS (scraper_application_parent_class)->shutdown (app);
}

static void
scraper_application_finalize (GObject *object)
{
  ScraperApplication *self = SCRAPER_APPLICATION (object);

  g_clear_object (&self->reenrich_task);
  g_clear_object (&self->context);
  g_clear_error (&self->open_error);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (scraper_application_parent_class)->finalize (object);
}

static void
scraper_application_class_init (ScraperApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = scraper_application_finalize;

  app_class->startup = scraper_application_startup;
  app_class->shutdown = scraper_application_shutdown;
  app_class->handle_local_options = scraper_application_handle_local_options;

  /* The database of an older version was migrated and opened (or could
   * not be: scraper_application_get_open_error()). */
  signals[SIGNAL_OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
scraper_application_init (ScraperApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}
