/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running in the background under Flatpak: the request goes to the
 * Background portal (libportal, or GDBus in a build without it).  A fake
 * org.freedesktop.portal.Desktop on a private session bus (GTestDBus)
 * answers; JOB_SCRAPER_PORTAL=1 makes the app ask it as in a sandbox.  It
 * checks what is asked (autostart, the command line) and both answers:
 * allowed, and refused by the user. */
#include "config.h"

#include "app/scraper-background.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "      <arg type='o' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct {
  GDBusConnection *bus;
  guint            answer;       /* 0 allowed, 1 refused by the user */
  guint            n_requests;
  gboolean         autostart;
  char           **commandline;
  char            *reason;
  gboolean         owned;
} FakePortal;

typedef struct {
  FakePortal *portal;
  char       *handle;
  char       *caller;   /* the unique name the answer goes to, as the real portal does */
} Pending;

static gboolean
send_response (gpointer data)
{
  Pending *pending = data;
  GVariantBuilder results;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (pending->portal->answer == 0));
  g_variant_builder_add (&results, "{sv}", "autostart",
                         g_variant_new_boolean (pending->portal->answer == 0 && pending->portal->autostart));
  g_dbus_connection_emit_signal (pending->portal->bus, pending->caller, pending->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", pending->portal->answer, &results), NULL);
  g_free (pending->handle);
  g_free (pending->caller);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

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
  FakePortal *portal = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *caller = g_strdup (sender + 1);
  const char *token = "t";
  Pending *pending;

  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  portal->n_requests++;
  portal->autostart = FALSE;
  g_variant_lookup (options, "autostart", "b", &portal->autostart);
  g_clear_pointer (&portal->commandline, g_strfreev);
  g_variant_lookup (options, "commandline", "^as", &portal->commandline);
  g_clear_pointer (&portal->reason, g_free);
  g_variant_lookup (options, "reason", "s", &portal->reason);
  g_variant_lookup (options, "handle_token", "&s", &token);

  g_strdelimit (caller, ".", '_');
  pending = g_new0 (Pending, 1);
  pending->portal = portal;
  pending->caller = g_strdup (sender);
  pending->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", caller, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", pending->handle));
  /* The user answers a moment later. */
  g_timeout_add (50, send_response, pending);
}

static GVariant *
on_get_property (GDBusConnection *connection,
                 const char      *sender,
                 const char      *object_path,
                 const char      *interface_name,
                 const char      *property_name,
                 GError         **error,
                 gpointer         user_data)
{
  return g_variant_new_uint32 (1);
}

static const GDBusInterfaceVTable vtable = { on_method_call, on_get_property, NULL, { 0 } };

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((FakePortal *) user_data)->owned = TRUE;
}

static void
fake_portal_start (FakePortal *portal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_assert_no_error (error);
  portal->bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (portal->bus, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (portal->bus, "org.freedesktop.portal.Desktop",
                                G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired, NULL, portal, NULL);
  while (!portal->owned)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Answer;

static void
on_requested (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Answer *answer = user_data;

  answer->ok = scraper_background_request_finish (result, &answer->error);
  answer->done = TRUE;
}

static gboolean
timed_out (gpointer data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static void
request (gboolean  enabled,
         Answer   *answer)
{
  guint timeout = g_timeout_add_seconds (30, timed_out, NULL);

  scraper_background_request_async (enabled, NULL, on_requested, answer);
  while (!answer->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
test_portal_allows_and_refuses (void)
{
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autofree char *autostart = NULL;
  FakePortal portal = { 0 };

  g_test_dbus_up (dbus);
  fake_portal_start (&portal);
  g_assert_true (scraper_background_in_sandbox ());

  /* allowed: asked for autostart with the command line without a window */
  {
    Answer answer = { FALSE, FALSE, NULL };

    portal.answer = 0;
    request (TRUE, &answer);
    g_assert_no_error (answer.error);
    g_assert_true (answer.ok);
    g_assert_cmpuint (portal.n_requests, ==, 1);
    g_assert_true (portal.autostart);
    g_assert_nonnull (portal.commandline);
    g_assert_cmpstr (portal.commandline[0], ==, "job-scraper");
    g_assert_cmpstr (portal.commandline[1], ==, "--background");
    g_assert_null (portal.commandline[2]);
    g_assert_nonnull (portal.reason);
  }

  /* refused by the user: an error, which turns the switch back off */
  {
    Answer answer = { FALSE, FALSE, NULL };

    portal.answer = 1;
    request (TRUE, &answer);
    g_assert_false (answer.ok);
    g_assert_nonnull (answer.error);
    g_clear_error (&answer.error);
    g_assert_cmpuint (portal.n_requests, ==, 2);
  }

  /* turning it off asks for no autostart */
  {
    Answer answer = { FALSE, FALSE, NULL };

    portal.answer = 0;
    request (FALSE, &answer);
    g_assert_no_error (answer.error);
    g_assert_true (answer.ok);
    g_assert_false (portal.autostart);
  }

  /* In a sandbox no autostart file of our own is written. */
  autostart = scraper_background_autostart_path ();
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  g_dbus_connection_close_sync (portal.bus, NULL, NULL);
  g_clear_object (&portal.bus);
  g_strfreev (portal.commandline);
  g_free (portal.reason);
  g_test_dbus_down (dbus);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("JOB_SCRAPER_PORTAL", "1", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/background/portal-allows-and-refuses", test_portal_allows_and_refuses);
  return g_test_run ();
}
