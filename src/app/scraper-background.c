/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-background"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#if HAVE_LIBPORTAL
#include <libportal/portal.h>
#endif

#include "scraper-background.h"

char *
scraper_background_autostart_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/* Desktop Entry spec, "The Exec key": an argument with reserved characters
 * is double-quoted, with " ` $ and \ escaped by a backslash. */
static char *
quote_exec_arg (const char *arg)
{
  GString *quoted;

  if (strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") == NULL)
    return g_strdup (arg);

  quoted = g_string_new ("\"");
  for (const char *c = arg; *c != '\0'; c++)
    {
      if (strchr ("\"`$\\", *c) != NULL)
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *c);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

char *
scraper_background_exec_line (void)
{
  g_autofree char *binary = g_build_filename (BINDIR, "job-scraper", NULL);
  g_autofree char *quoted = quote_exec_arg (binary);

  return g_strconcat (quoted, " " SCRAPER_BACKGROUND_OPTION, NULL);
}

gboolean
scraper_background_set_autostart (gboolean   enabled,
                                  GError   **error)
{
  g_autofree char *path = scraper_background_autostart_path ();
  g_autofree char *dir = NULL;
  g_autofree char *exec = NULL;
  g_autoptr(GKeyFile) entry = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not remove “%s”: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  exec = scraper_background_exec_line ();
  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME,
                         _("Job Scraper"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Reminders and automatic scrapes while the window is closed"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", "true");
  data = g_key_file_to_data (entry, &length, NULL);

  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
scraper_background_in_sandbox (void)
{
  /* JOB_SCRAPER_PORTAL=1 is a testing aid: the portal is asked as in a
   * sandbox (the tests' fake portal on their own session bus). */
  if (g_strcmp0 (g_getenv ("JOB_SCRAPER_PORTAL"), "1") == 0)
    return TRUE;
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

#if !HAVE_LIBPORTAL
/* Without libportal, the same request spoken directly: RequestBackground
 * on org.freedesktop.portal.Background, whose answer comes as the
 * Response signal of a Request object. */
typedef struct {
  GDBusConnection *bus;
  char            *handle;
  guint            subscription;
  gboolean         enabled;
} PortalCall;

static void
portal_call_free (gpointer data)
{
  PortalCall *call = data;

  if (call->subscription != 0)
    g_dbus_connection_signal_unsubscribe (call->bus, call->subscription);
  g_clear_object (&call->bus);
  g_free (call->handle);
  g_free (call);
}

static void
on_portal_response (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  GTask *task = user_data;
  PortalCall *call = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  guint32 response;

  g_dbus_connection_signal_unsubscribe (call->bus, call->subscription);
  call->subscription = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  if (response == 0 && (background || !call->enabled))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Running in the background was not allowed"));
  g_object_unref (task);
}

static void
on_portal_called (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  PortalCall *call = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (call->subscription != 0)
        g_dbus_connection_signal_unsubscribe (call->bus, call->subscription);
      call->subscription = 0;
      g_task_return_error (task, error);
      g_object_unref (task);  /* the reference the Response would have dropped */
    }
  g_object_unref (task);
}

static void
request_with_gdbus (GTask    *task,
                    gboolean  enabled)
{
  PortalCall *call = g_new0 (PortalCall, 1);
  g_autofree char *token = g_strdup_printf ("job_scraper_%u", g_random_int ());
  g_autofree char *sender = NULL;
  const char *commandline[] = { "job-scraper", SCRAPER_BACKGROUND_OPTION, NULL };
  GVariantBuilder options;
  GError *error = NULL;

  call->enabled = enabled;
  g_task_set_task_data (task, call, portal_call_free);
  call->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, g_task_get_cancellable (task), &error);
  if (call->bus == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The Request object's path is known before the call, so the answer
   * cannot come before we listen. */
  sender = g_strdup (g_dbus_connection_get_unique_name (call->bus) + 1);
  g_strdelimit (sender, ".", '_');
  call->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  /* The task's own reference stays until the answer (or the failed call). */
  call->subscription = g_dbus_connection_signal_subscribe (call->bus, "org.freedesktop.portal.Desktop",
                                                           "org.freedesktop.portal.Request", "Response",
                                                           call->handle, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_portal_response, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Reminders and automatic scrapes while the window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (call->bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          on_portal_called, g_object_ref (task));
}
#endif

#if HAVE_LIBPORTAL
static void
on_portal_answer (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}
#endif

void
scraper_background_request_async (gboolean             enabled,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, scraper_background_request_async);

  if (!scraper_background_in_sandbox ())
    {
      /* A small file in the user's config folder: no thread needed. */
      if (scraper_background_set_autostart (enabled, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

#if HAVE_LIBPORTAL
  {
    g_autoptr(XdpPortal) portal = xdp_portal_new ();
    g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (command, g_strdup ("job-scraper"));
    g_ptr_array_add (command, g_strdup (SCRAPER_BACKGROUND_OPTION));
    xdp_portal_request_background (portal, NULL,
                                   (char *) _("Reminders and automatic scrapes while the window is closed"),
                                   command,
                                   enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                   cancellable, on_portal_answer, g_steal_pointer (&task));
  }
#else
  request_with_gdbus (g_steal_pointer (&task), enabled);
#endif
}

gboolean
scraper_background_request_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
