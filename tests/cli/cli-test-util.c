/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the command-line tests share: running the real binary on a database
 * of the test's own, and the fixture with its HTTP server. */
#include "config.h"

#include <glib/gstdio.h>

#include "cli-test-util.h"

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

char *system_data_dirs;

const char *
binary (void)
{
  const char *bin = g_getenv ("JOB_SCRAPER_BIN");

  g_assert_nonnull (bin);
  return bin;
}

GSubprocess *
spawn_v (Fixture     *f,
         const char  *stdin_text,
         const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, (char *) binary ());
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display and no session bus: the commands must not need them. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* Nor a language model key of whoever runs the tests. */
  g_subprocess_launcher_unsetenv (launcher, "JOB_SCRAPER_LLM_API_KEY");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  if (system_data_dirs != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_DIRS");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return proc;
}

void
finish (GSubprocess *proc,
        Run         *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (proc))
    run->status = g_subprocess_get_exit_status (proc);
  else
    run->status = 128 + g_subprocess_get_term_sig (proc);
}

void
cli (Fixture *f,
     Run     *run,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_clear (run);
  proc = spawn_v (f, NULL, (const char **) args->pdata);
  finish (proc, run);
  if (g_test_verbose ())
    g_printerr ("exit %d\nstdout: %s\nstderr: %s\n", run->status, run->out, run->err);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *site = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "cli-site", NULL);
  g_autoptr(GError) error = NULL;

  f->server = scraper_test_server_new (site);
  f->dir = g_dir_make_tmp ("job-scraper-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "jobs.db", NULL);
}

void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  scraper_test_server_free (f->server);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

char *
site_url (Fixture    *f,
          const char *path)
{
  return g_strconcat (scraper_test_server_get_url (f->server), path, NULL);
}

gint64
add_source (Fixture    *f,
            const char *path,
            const char *kind,
            const char *name)
{
  g_auto(Run) run = { 0 };
  g_autofree char *url = site_url (f, path);
  guint64 id;

  cli (f, &run, "sources", "add", url, "--kind", kind, "--name", name, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_strchomp (run.out);
  g_assert_true (g_ascii_string_to_unsigned (run.out, 10, 1, G_MAXINT64, &id, NULL));

  return (gint64) id;
}
