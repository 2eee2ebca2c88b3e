/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running in the background, the part below the window: the autostart
 * entry in $XDG_CONFIG_HOME/autostart (a temporary folder here), and the
 * reminders' timer, which sleeps until the next reminder is due. */
#include "config.h"

#include <glib/gstdio.h>

#include "app/scraper-background.h"
#include "app/scraper-reminder-notifier.h"
#include "store/scraper-store-applications.h"

static char *config_dir;

static void
test_autostart_written_and_removed (void)
{
  g_autofree char *path = scraper_background_autostart_path ();
  g_autofree char *expected_path = g_build_filename (config_dir, "autostart",
                                                     "com.example.JobScraper.desktop", NULL);
  g_autofree char *expected_exec = g_strconcat (BINDIR, "/job-scraper --background", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *type = NULL;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected_path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* on: the folder is created, the entry starts the binary without a window */
  g_assert_true (scraper_background_set_autostart (TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_cmpstr (exec, ==, expected_exec);
  type = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, &error);
  g_assert_cmpstr (type, ==, "Application");
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP,
                                         G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* on twice: still one entry, same line */
  g_assert_true (scraper_background_set_autostart (TRUE, &error));
  g_assert_no_error (error);

  /* off: gone; off again is no error */
  g_assert_true (scraper_background_set_autostart (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (scraper_background_set_autostart (FALSE, &error));
  g_assert_no_error (error);
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

/* Outside a sandbox the request is the autostart entry. */
static void
test_request_outside_sandbox (void)
{
  g_autofree char *path = scraper_background_autostart_path ();

  for (int enabled = 1; enabled >= 0; enabled--)
    {
      Answer answer = { FALSE, FALSE, NULL };

      scraper_background_request_async (enabled, NULL, on_requested, &answer);
      while (!answer.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (answer.error);
      g_assert_true (answer.ok);
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, enabled);
    }
}

/* Hostile folder: $XDG_CONFIG_HOME/autostart is a file, not a folder. */
static void
test_autostart_folder_is_a_file (void)
{
  g_autofree char *folder = g_build_filename (config_dir, "autostart", NULL);
  g_autoptr(GError) error = NULL;

  g_rmdir (folder);  /* left empty by the tests before */
  g_assert_true (g_file_set_contents (folder, "not a folder", -1, NULL));
  g_assert_false (scraper_background_set_autostart (TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_unlink (folder);
}

static gint64
add_posting (ScraperStore *store)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperPosting *p = scraper_posting_new ();
  ScraperSync *sync;
  gint64 source_id;

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
  return p->id;
}

/* The notifier's timer is set for the next reminder, not a fixed tick;
 * with none it sleeps the longest (a quarter of an hour). */
static void
test_reminder_timer_sleeps_until_due (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-background-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "jobs.db", NULL);
  g_autoptr(ScraperStore) store = scraper_store_open (db, &error);
  g_autoptr(GApplication) app = g_application_new ("com.example.JobScraper.Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(ScraperReminderNotifier) notifier = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 120);
  g_autoptr(GDateTime) far = g_date_time_add_days (now, 3);
  gint64 posting;
  guint sleep_s;

  g_assert_no_error (error);
  posting = add_posting (store);

  notifier = scraper_reminder_notifier_new (app, store);
  g_assert_cmpuint (scraper_reminder_notifier_get_sleep (notifier), ==, 15 * 60);

  scraper_store_add_reminder (store, posting, far, NULL, &error);
  g_assert_no_error (error);
  scraper_reminder_notifier_reschedule (notifier);
  g_assert_cmpuint (scraper_reminder_notifier_get_sleep (notifier), ==, 15 * 60);

  scraper_store_add_reminder (store, posting, soon, "Call back", &error);
  g_assert_no_error (error);
  scraper_reminder_notifier_reschedule (notifier);
  sleep_s = scraper_reminder_notifier_get_sleep (notifier);
  g_assert_cmpuint (sleep_s, >=, 1);
  g_assert_cmpuint (sleep_s, <=, 121);

  g_clear_object (&notifier);
  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db, suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("test-background-home-XXXXXX", &error);
  int ret;

  g_assert_no_error (error);
  config_dir = g_build_filename (home, "config", NULL);
  /* Before anything asks GLib for the user's folders. */
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/background/autostart-written-and-removed", test_autostart_written_and_removed);
  g_test_add_func ("/background/request-outside-sandbox-is-the-autostart-entry", test_request_outside_sandbox);
  g_test_add_func ("/background/hostile-autostart-folder-is-a-file", test_autostart_folder_is_a_file);
  g_test_add_func ("/background/reminder-timer-sleeps-until-due", test_reminder_timer_sleeps_until_due);
  ret = g_test_run ();

  {
    g_autofree char *autostart = g_build_filename (config_dir, "autostart", NULL);

    g_rmdir (autostart);
    g_rmdir (config_dir);
    g_rmdir (home);
  }
  g_free (config_dir);
  return ret;
}
