/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real application started as at login (--background) on a real
 * database with a due reminder: it shows no window and raises the
 * reminder's notification; the notification's "Open" brings up the
 * window.  The desktop's notification server is a fake one owning
 * org.freedesktop.Notifications on the test's session bus (the test runs
 * under dbus-run-session), on a connection of its own. */
#include "config.h"

#include <glib/gstdio.h>

#include "app/scraper-application.h"
#include "store/scraper-store-applications.h"
#include "ui/scraper-ui.h"
#include "ui/scraper-window.h"
#include "ui-test-util.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "      <arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u'/>"
  "      <arg type='s'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct {
  GDBusConnection *bus;
  guint            n_notified;
  char            *summary;
  char            *body;
  GStrv            actions;    /* key, label, key, label, ... */
  gboolean         owned;
} FakeServer;

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  FakeServer *server = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary, *body;

      g_clear_pointer (&server->summary, g_free);
      g_clear_pointer (&server->body, g_free);
      g_clear_pointer (&server->actions, g_strfreev);
      g_variant_get (parameters, "(&su&s&s&s^as@a{sv}i)", NULL, NULL, NULL,
                     &summary, &body, &server->actions, NULL, NULL);
      server->summary = g_strdup (summary);
      server->body = g_strdup (body);
      server->n_notified++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", server->n_notified));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "fake", "test", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((FakeServer *) user_data)->owned = TRUE;
}

static gboolean
server_owned (gpointer data)
{
  return ((FakeServer *) data)->owned;
}

static void
fake_server_start (FakeServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_assert_no_error (error);
  server->bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (server->bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, server, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (server->bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired, NULL, server, NULL);
  g_assert_true (ui_test_spin_until (server_owned, server, 10000));
}

/* A posting with a reminder that came due yesterday. */
static void
make_database (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (db, &error);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  ScraperPosting *p = scraper_posting_new ();
  ScraperSync *sync;
  gint64 source_id;

  g_assert_no_error (error);
  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  source->name = g_strdup ("Acme");
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  p->external_id = g_strdup ("1");
  p->url = g_strdup ("https://jobs.example.com/1");
  p->title = g_strdup ("Backend Engineer");
  p->company = g_strdup ("Acme");
  g_ptr_array_add (postings, p);
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  scraper_store_add_reminder (store, p->id, yesterday, "Call Dana back", &error);
  g_assert_no_error (error);
}

typedef struct {
  FakeServer          server;
  ScraperApplication *app;
  gboolean            window_at_notification;
  gboolean            window_after_open;
  gboolean            failed_to_notify;
  guint               auto_scrape_seconds;
} Run;

static gboolean
notified (gpointer data)
{
  return ((Run *) data)->server.n_notified > 0;
}

static gboolean
window_shown (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* Runs inside the application's main loop, once it is up. */
static gboolean
drive (gpointer data)
{
  Run *run = data;
  const char *open_key = NULL;

  if (!ui_test_spin_until (notified, run, 20000))
    {
      run->failed_to_notify = TRUE;
      g_application_quit (G_APPLICATION (run->app));
      return G_SOURCE_REMOVE;
    }
  /* Let a window that would come with the start show itself. */
  ui_test_spin (300);
  run->window_at_notification = gtk_application_get_windows (GTK_APPLICATION (run->app)) != NULL;

  /* The automatic scrape's timer is armed with no window too. */
  g_settings_set_string (scraper_application_get_settings (run->app), "auto-scrape-interval", "hourly");
  run->auto_scrape_seconds = scraper_ui_get_auto_scrape_seconds (run->app);
  g_settings_reset (scraper_application_get_settings (run->app), "auto-scrape-interval");

  /* The desktop's "Open" button. */
  for (guint i = 0; run->server.actions != NULL && run->server.actions[i] != NULL &&
                    run->server.actions[i + 1] != NULL; i += 2)
    if (g_str_equal (run->server.actions[i + 1], "Open"))
      open_key = run->server.actions[i];
  g_assert_nonnull (open_key);
  g_dbus_connection_emit_signal (run->server.bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", run->server.n_notified, open_key), NULL);
  run->window_after_open = ui_test_spin_until (window_shown, run, 20000);

  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static void
on_startup_after (GApplication *app,
                  gpointer      data)
{
  g_idle_add (drive, data);
}

static void
test_background_due_reminder_notifies_without_window (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "background.db", NULL);
  char *argv[] = { (char *) "test-background-service", (char *) "--background", NULL };
  Run run = { { 0 } };
  gboolean has_done = FALSE;
  int status;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  make_database (db);
  fake_server_start (&run.server);

  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  run.app = scraper_application_new ();
  scraper_ui_setup (run.app);
  g_signal_connect_after (run.app, "startup", G_CALLBACK (on_startup_after), &run);
  status = g_application_run (G_APPLICATION (run.app), 2, argv);
  g_assert_cmpint (status, ==, 0);

  g_assert_false (run.failed_to_notify);
  g_assert_cmpuint (run.server.n_notified, ==, 1);
  g_assert_cmpstr (run.server.summary, ==, "Backend Engineer at Acme");
  g_assert_cmpstr (run.server.body, ==, "Call Dana back");
  for (guint i = 0; run.server.actions[i] != NULL && run.server.actions[i + 1] != NULL; i += 2)
    has_done |= g_str_equal (run.server.actions[i + 1], "Done");
  g_assert_true (has_done);
  g_assert_false (run.window_at_notification);
  g_assert_cmpuint (run.auto_scrape_seconds, ==, 60 * 60);
  g_assert_true (run.window_after_open);

  g_object_unref (run.app);
  g_free (run.server.summary);
  g_free (run.server.body);
  g_strfreev (run.server.actions);
  g_dbus_connection_close_sync (run.server.bus, NULL, NULL);
  g_object_unref (run.server.bus);
}

static gboolean
no_window (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (data)) == NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

typedef struct {
  gboolean explained_first;
  gboolean stayed_after_close;
  gboolean explained_again;
} CloseRun;

/* Closing the window while running in the background says so once. */
static void
on_activate_close (GApplication *app,
                   gpointer      data)
{
  CloseRun *run = data;
  GSettings *settings = scraper_application_get_settings (SCRAPER_APPLICATION (app));
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  AdwMessageDialog *dialog;

  g_signal_handlers_disconnect_by_func (app, on_activate_close, data);
  g_assert_nonnull (window);
  ui_test_spin (100);

  gtk_window_close (window);
  run->explained_first = ui_test_spin_until (has_dialog, NULL, 5000);
  g_assert_true (run->explained_first);
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Job Scraper Keeps Running");
  adw_message_dialog_response (dialog, "close");
  g_assert_true (ui_test_spin_until (no_window, app, 5000));
  g_assert_true (g_settings_get_boolean (settings, "background-explained"));
  /* still running, held: the loop turns with no window */
  ui_test_spin (200);
  run->stayed_after_close = TRUE;

  /* the launcher again: a window; closing it asks nothing this time */
  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  ui_test_spin (100);
  gtk_window_close (window);
  ui_test_spin (200);
  run->explained_again = ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
  g_assert_true (ui_test_spin_until (no_window, app, 5000));

  g_application_quit (app);
}

static void
test_close_explains_background_once (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "close.db", NULL);
  char *argv[] = { (char *) "test-background-service", NULL };
  g_autoptr(ScraperApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("com.example.JobScraper");
  CloseRun run = { FALSE, FALSE, FALSE };
  int status;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_setenv ("JOB_SCRAPER_DB", db, TRUE);
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_settings_set_boolean (settings, "background-explained", FALSE);

  app = scraper_application_new ();
  scraper_ui_setup (app);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_close), &run);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (run.explained_first);
  g_assert_true (run.stayed_after_close);
  g_assert_false (run.explained_again);
  g_settings_reset (settings, "run-in-background");
  g_settings_reset (settings, "background-explained");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  /* GLib's backend that speaks to org.freedesktop.Notifications. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/background/due-reminder-notifies-without-window-and-open-shows-it",
                   test_background_due_reminder_notifies_without_window);
  g_test_add_func ("/background/closing-the-window-explains-once",
                   test_close_explains_background_once);

  return g_test_run ();
}
