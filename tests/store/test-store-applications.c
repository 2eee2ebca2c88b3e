/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scraper-store-applications.h"
#include "store-test-schema.h"
#include "store-test-sql.h"

typedef struct {
  char         *dir;
  char         *path;
  ScraperStore *store;
  gint64        source;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = store_test_open_tmp (&f->dir, &f->path);
  f->source = add_test_source (f->store, "Acme board", "https://boards.example/acme");
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* Syncs postings titled @titles of company @company (ids "1", "2", ...);
 * returns their store ids. */
static GArray *
sync_titles (Fixture            *f,
             const char         *company,
             const char * const *titles)
{
  g_autoptr(GPtrArray) postings = posting_array ();
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i + 1);
      g_ptr_array_add (postings, make_posting (ext, titles[i], company, "Berlin", "text"));
    }
  test_sync (f->store, f->source, postings, SCRAPER_SYNC_COMPLETE);
  for (guint i = 0; i < postings->len; i++)
    g_array_append_val (ids, ((ScraperPosting *) postings->pdata[i])->id);
  return ids;
}

static gint64
one_posting (Fixture *f)
{
  static const char * const titles[] = { "Backend Engineer", NULL };
  g_autoptr(GArray) ids = sync_titles (f, "Acme", titles);

  return g_array_index (ids, gint64, 0);
}

static GPtrArray *
events_of (ScraperStore *store,
           gint64        id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = scraper_store_list_stage_events (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (events);
  return events;
}

static ScraperStageEvent *
event_at (GPtrArray *events,
          guint      i)
{
  g_assert_cmpuint (i, <, events->len);
  return g_ptr_array_index (events, i);
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *text = scraper_format_time (time);

  g_assert_cmpstr (text, ==, expected);
}

/* Stage events */

static void
test_status_records_events (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) applied = test_time ("2026-01-05T10:00:00+01:00");
  g_autoptr(GDateTime) interview = test_time ("2026-01-12T14:30:00-05:00");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(ScraperPosting) p = NULL;
  gint64 id = one_posting (f);

  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_APPLIED, applied,
                                              "Sent CV", &error));
  g_assert_no_error (error);
  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_INTERVIEWING, interview,
                                              "", &error));
  /* the same status again: nothing to record */
  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_INTERVIEWING, NULL,
                                              "again", &error));
  g_assert_no_error (error);

  events = events_of (f->store, id);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (event_at (events, 0)->from, ==, SCRAPER_STATUS_NEW);
  g_assert_cmpint (event_at (events, 0)->to, ==, SCRAPER_STATUS_APPLIED);
  assert_time (event_at (events, 0)->at, "2026-01-05T10:00:00+01:00");
  g_assert_cmpstr (event_at (events, 0)->note, ==, "Sent CV");
  g_assert_cmpint (event_at (events, 1)->from, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpint (event_at (events, 1)->to, ==, SCRAPER_STATUS_INTERVIEWING);
  assert_time (event_at (events, 1)->at, "2026-01-12T14:30:00-05:00");
  /* an empty note is no note */
  g_assert_null (event_at (events, 1)->note);

  p = scraper_store_get_posting (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->status, ==, SCRAPER_STATUS_INTERVIEWING);
  /* the first applied time, as before events */
  g_assert_cmpint (p->applied_at, ==, g_date_time_to_unix (applied));

  /* the window's call is the same operation */
  g_assert_true (scraper_store_set_status (f->store, id, SCRAPER_STATUS_OFFER, &error));
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = events_of (f->store, id);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (event_at (events, 2)->from, ==, SCRAPER_STATUS_INTERVIEWING);
  g_assert_cmpint (event_at (events, 2)->to, ==, SCRAPER_STATUS_OFFER);
}

/* A backdated event sorts by its time, not by when it was entered. */
static void
test_status_backdated_sorts_by_time (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = test_time ("2026-02-01T09:00:00Z");
  g_autoptr(GDateTime) earlier = test_time ("2026-01-01T09:00:00Z");
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = one_posting (f);

  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_SAVED, later, NULL, &error));
  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_APPLIED, earlier, NULL, &error));
  g_assert_no_error (error);
  events = events_of (f->store, id);
  g_assert_cmpuint (events->len, ==, 2);
  assert_time (event_at (events, 0)->at, "2026-01-01T09:00:00+00:00");
  assert_time (event_at (events, 1)->at, "2026-02-01T09:00:00+00:00");
}

static void
test_status_unknown_posting_changes_nothing (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = one_posting (f);

  g_assert_false (scraper_store_change_status (f->store, id + 100, SCRAPER_STATUS_APPLIED, NULL, NULL, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (scraper_store_list_stage_events (f->store, id + 100, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (scraper_store_change_status (f->store, id, (ScraperPostingStatus) 42, NULL, NULL, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM stage_events"), ==, 0);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM postings WHERE status <> 0"), ==, 0);
}

/* Archiving, a change of content and the return of a posting add no
 * event and change no status. */
static void
test_events_survive_archive_change_return (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) empty = posting_array ();
  g_autoptr(GPtrArray) changed = posting_array ();
  g_autoptr(GPtrArray) back = posting_array ();
  g_autoptr(GPtrArray) other = posting_array ();
  g_autoptr(ScraperPosting) p = NULL;
  gint64 id = one_posting (f);

  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_APPLIED, NULL, "Applied online", &error));
  g_assert_no_error (error);

  /* vanished: a complete run without it archives it */
  g_ptr_array_add (other, make_posting ("99", "Other job", "Acme", "Berlin", "other"));
  test_sync (f->store, f->source, other, SCRAPER_SYNC_COMPLETE);
  p = scraper_store_get_posting (f->store, id, &error);
  g_assert_true (p->archived);
  g_assert_cmpint (p->status, ==, SCRAPER_STATUS_APPLIED);
  g_clear_pointer (&p, scraper_posting_unref);

  /* back, and changed */
  g_ptr_array_add (changed, make_posting ("1", "Senior Backend Engineer", "Acme", "Hamburg", "new text"));
  test_sync (f->store, f->source, changed, SCRAPER_SYNC_COMPLETE);
  p = scraper_store_get_posting (f->store, id, &error);
  g_assert_false (p->archived);
  g_assert_cmpstr (p->title, ==, "Senior Backend Engineer");
  g_assert_cmpint (p->status, ==, SCRAPER_STATUS_APPLIED);
  g_clear_pointer (&p, scraper_posting_unref);

  /* archived again, and back unchanged */
  test_sync (f->store, f->source, empty, SCRAPER_SYNC_COMPLETE);
  g_ptr_array_add (back, make_posting ("1", "Senior Backend Engineer", "Acme", "Hamburg", "new text"));
  test_sync (f->store, f->source, back, SCRAPER_SYNC_COMPLETE);

  events = events_of (f->store, id);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (event_at (events, 0)->to, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpstr (event_at (events, 0)->note, ==, "Applied online");
}

/* A posting with events (even back at "new") outlives its source. */
static void
test_remove_source_keeps_events (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = one_posting (f);

  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_SAVED, NULL, NULL, &error));
  g_assert_true (scraper_store_change_status (f->store, id, SCRAPER_STATUS_NEW, NULL, NULL, &error));
  g_assert_true (scraper_store_remove_source (f->store, f->source, &error));
  g_assert_no_error (error);
  events = events_of (f->store, id);
  g_assert_cmpuint (events->len, ==, 2);
}

/* A child sets statuses in a loop and is killed: every posting has the
 * status of its last event, and the events chain. */
static void
test_status_sigkill (Fixture       *f,
                     gconstpointer  data)
{
  static const guint kill_after[] = { 1, 9, 40 };
  static const char * const titles[] = { "One", "Two", "Three", NULL };
  g_autoptr(GArray) ids = sync_titles (f, "Acme", titles);

  g_clear_object (&f->store);

  for (guint k = 0; k < G_N_ELEMENTS (kill_after); k++)
    {
      g_autoptr(ScraperStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *check = NULL;
      int fds[2], status = 0;
      guint got = 0;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autoptr(ScraperStore) child = scraper_store_open (f->path, NULL);

          close (fds[0]);
          if (child == NULL)
            _exit (2);
          for (guint i = 0; ; i++)
            {
              gint64 id = g_array_index (ids, gint64, i % ids->len);
              ScraperPostingStatus to = (i / ids->len) % 2 == 0 ? SCRAPER_STATUS_APPLIED : SCRAPER_STATUS_SAVED;

              if (!scraper_store_change_status (child, id, to, NULL, "loop", NULL))
                _exit (3);
              if (write (fds[1], "x", 1) != 1)
                _exit (4);
            }
        }

      close (fds[1]);
      while (got < kill_after[k])
        {
          char buf[1];

          g_assert_cmpint (read (fds[0], buf, 1), ==, 1);
          got++;
        }
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      close (fds[0]);

      check = test_query_text (f->path, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");

      store = scraper_store_open (f->path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(ScraperPosting) p = scraper_store_get_posting (store, g_array_index (ids, gint64, i), &error);
          g_autoptr(GPtrArray) events = events_of (store, p->id);
          ScraperPostingStatus last = SCRAPER_STATUS_NEW;

          for (guint j = 0; j < events->len; j++)
            {
              /* the events chain: each starts where the one before ended */
              g_assert_cmpint (event_at (events, j)->from, ==, last);
              last = event_at (events, j)->to;
            }
          g_assert_cmpint (p->status, ==, last);
        }
    }
}

/* Migrations: every earlier schema (store-test-schema.h) keeps its user
 * data and gains events for what it knew. */

/* User data of every kind the old versions kept: applied (with its time),
 * interviewing after applying, saved (no applied time), new, a note. */
static const char data_old[] =
  "INSERT INTO sources (id, name, url, kind, created) VALUES"
  "  (1, 'Acme board', 'https://boards.example/acme', 'greenhouse', 1700000000);"
  "INSERT INTO postings (id, source_id, sync_key, external_id, url, title, company,"
  "  status, applied_at, notes, first_seen, last_seen) VALUES"
  "  (1, 1, 'id:1', '1', 'https://boards.example/acme/1', 'Backend Engineer', 'Acme',"
  "   2, 1700000500, 'Called them on Monday', 1700000000, 1700000000),"
  "  (2, 1, 'id:2', '2', 'https://boards.example/acme/2', 'Frontend Engineer', 'Acme',"
  "   3, 1700000600, NULL, 1700000000, 1700000000),"
  "  (3, 1, 'id:3', '3', 'https://boards.example/acme/3', 'Data Engineer', 'Acme',"
  "   1, 0, NULL, 1700000100, 1700000100),"
  "  (4, 1, 'id:4', '4', 'https://boards.example/acme/4', 'Designer', 'Acme',"
  "   0, 0, NULL, 1700000200, 1700000200);";

static void
assert_migrated (ScraperStore *store,
                 const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) e1 = NULL;
  g_autoptr(GPtrArray) e2 = NULL;
  g_autoptr(GPtrArray) e3 = NULL;
  g_autoptr(GPtrArray) e4 = NULL;
  g_autoptr(ScraperPosting) p1 = NULL;
  g_autoptr(ScraperStats) stats = NULL;

  g_assert_cmpint (test_query_int (path, "PRAGMA user_version"), ==, scraper_store_get_schema_version ());

  p1 = scraper_store_get_posting (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p1->notes, ==, "Called them on Monday");
  g_assert_cmpint (p1->status, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpint (p1->applied_at, ==, 1700000500);

  /* applied: one event at the applied time */
  e1 = events_of (store, 1);
  g_assert_cmpuint (e1->len, ==, 1);
  g_assert_cmpint (event_at (e1, 0)->from, ==, SCRAPER_STATUS_NEW);
  g_assert_cmpint (event_at (e1, 0)->to, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpint (g_date_time_to_unix (event_at (e1, 0)->at), ==, 1700000500);
  g_assert_null (event_at (e1, 0)->note);

  /* interviewing after applying: applied, then interviewing */
  e2 = events_of (store, 2);
  g_assert_cmpuint (e2->len, ==, 2);
  g_assert_cmpint (event_at (e2, 0)->to, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpint (g_date_time_to_unix (event_at (e2, 0)->at), ==, 1700000600);
  g_assert_cmpint (event_at (e2, 1)->from, ==, SCRAPER_STATUS_APPLIED);
  g_assert_cmpint (event_at (e2, 1)->to, ==, SCRAPER_STATUS_INTERVIEWING);

  /* saved: at the time it was first seen */
  e3 = events_of (store, 3);
  g_assert_cmpuint (e3->len, ==, 1);
  g_assert_cmpint (event_at (e3, 0)->to, ==, SCRAPER_STATUS_SAVED);
  g_assert_cmpint (g_date_time_to_unix (event_at (e3, 0)->at), ==, 1700000100);

  e4 = events_of (store, 4);
  g_assert_cmpuint (e4->len, ==, 0);

  stats = scraper_store_compute_stats (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->postings_total, ==, 4);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_APPLIED], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_INTERVIEWING], ==, 1);
  g_assert_cmpuint (stats->applications[SCRAPER_STATUS_SAVED], ==, 1);
  g_assert_cmpuint (stats->n_applied, ==, 2);
  g_assert_cmpuint (stats->n_responded, ==, 1);
}

static void
migrate_and_check (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (path, &error);

  g_assert_no_error (error);
  assert_migrated (store, path);

  /* opening again adds nothing */
  g_clear_object (&store);
  store = scraper_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (path, "SELECT count(*) FROM stage_events"), ==, 4);
}

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "v1.db", NULL);

  test_exec_sql (path, schema_v1);
  test_exec_sql (path, data_old);
  migrate_and_check (path);
}

static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "v2.db", NULL);

  test_exec_sql (path, schema_v1);
  test_exec_sql (path, schema_v2_delta);
  test_exec_sql (path, data_old);
  migrate_and_check (path);
}

/* Versions 3 and 4: the current layout with what came later undone. */
static void
migrate_from_current (Fixture    *f,
                      const char *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) postings = posting_array ();
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(ScraperStore) store = scraper_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (scraper_store_get_schema_version (), ==, 10);
  add_test_source (store, "Acme board", "https://boards.example/acme");
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", i);
      g_ptr_array_add (postings, make_posting (ext, "Engineer", "Acme", "Berlin", "text"));
    }
  test_sync (store, 1, postings, SCRAPER_SYNC_COMPLETE);
  g_clear_object (&store);

  test_exec_sql (path, STORE_TEST_UNDO_V5);
  if (undo != NULL)
    test_exec_sql (path, undo);
  test_exec_sql (path,
                 "UPDATE postings SET status = 2, applied_at = 1700000500, "
                 "  notes = 'Called them on Monday' WHERE id = 1;"
                 "UPDATE postings SET status = 3, applied_at = 1700000600 WHERE id = 2;"
                 "UPDATE postings SET status = 1, first_seen = 1700000100 WHERE id = 3;");
  migrate_and_check (path);
}

static void
test_migrate_from_v3 (Fixture       *f,
                      gconstpointer  data)
{
  migrate_from_current (f, "DROP TABLE saved_searches; DROP TABLE posting_llm; PRAGMA user_version = 3;");
}

static void
test_migrate_from_v4 (Fixture       *f,
                      gconstpointer  data)
{
  migrate_from_current (f, NULL);
}

/* Reminders */

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) past = test_time ("2026-01-20T09:00:00+01:00");
  g_autoptr(GDateTime) future = test_time ("2026-03-01T09:00:00Z");
  g_autoptr(GDateTime) now = test_time ("2026-02-01T00:00:00Z");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) due = NULL;
  ScraperReminder *r;
  gint64 id = one_posting (f);
  gint64 r1, r2;

  r1 = scraper_store_add_reminder (f->store, id, past, "Follow up", &error);
  g_assert_no_error (error);
  r2 = scraper_store_add_reminder (f->store, id, future, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r1, >, 0);
  g_assert_cmpint (r2, >, r1);

  g_assert_cmpint (scraper_store_add_reminder (f->store, id + 50, past, NULL, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  all = scraper_store_list_reminders (f->store, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  r = all->pdata[0];
  g_assert_cmpint (r->id, ==, r1);
  g_assert_cmpint (r->posting_id, ==, id);
  assert_time (r->at, "2026-01-20T09:00:00+01:00");
  g_assert_cmpstr (r->note, ==, "Follow up");
  g_assert_false (r->done);
  g_assert_cmpstr (r->title, ==, "Backend Engineer");
  g_assert_null (((ScraperReminder *) all->pdata[1])->note);

  due = scraper_store_list_reminders (f->store, TRUE, now, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (((ScraperReminder *) due->pdata[0])->id, ==, r1);
  g_clear_pointer (&due, g_ptr_array_unref);

  g_assert_true (scraper_store_set_reminder_done (f->store, r1, TRUE, &error));
  g_assert_no_error (error);
  due = scraper_store_list_reminders (f->store, TRUE, now, &error);
  g_assert_cmpuint (due->len, ==, 0);

  g_assert_false (scraper_store_set_reminder_done (f->store, r2 + 10, TRUE, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
}

/* Contacts */

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperContact) c = scraper_contact_new ();
  g_autoptr(ScraperContact) empty = scraper_contact_new ();
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *line = NULL;
  gint64 id = one_posting (f);

  c->posting_id = id;
  c->name = g_strdup ("Ada Lovelace");
  c->role = g_strdup ("Recruiter");
  c->email = g_strdup ("ada@acme.example");
  c->notes = g_strdup ("Met at the fair");
  g_assert_cmpint (scraper_store_add_contact (f->store, c, &error), >, 0);
  g_assert_no_error (error);

  empty->posting_id = id;
  empty->role = g_strdup ("Nobody");
  g_assert_cmpint (scraper_store_add_contact (f->store, empty, &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  contacts = scraper_store_list_contacts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  line = scraper_contact_to_string (contacts->pdata[0]);
  g_assert_cmpstr (line, ==, "Ada Lovelace (Recruiter) <ada@acme.example>");
  g_assert_cmpstr (((ScraperContact *) contacts->pdata[0])->notes, ==, "Met at the fair");

  g_assert_true (scraper_store_remove_contact (f->store, c->id, &error));
  g_assert_false (scraper_store_remove_contact (f->store, c->id, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
}

/* Blocks */

static guint
count_visible (ScraperStore *store,
               gboolean      include_blocked)
{
  g_autoptr(GError) error = NULL;
  ScraperQuery query;
  guint n;

  scraper_query_init (&query);
  query.include_blocked = include_blocked;
  query.show_archived = TRUE;
  n = scraper_store_count_postings (store, &query, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_blocks_hide_and_unblock (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const titles[] = { "Java Developer", "JavaScript Developer", "Senior C++ Engineer",
                                         "C Developer", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sync_titles (f, "Acme", titles);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GHashTable) blocked = NULL;
  g_autoptr(ScraperSavedSearch) search = scraper_saved_search_new ();
  guint by_status[SCRAPER_N_STATUSES];
  ScraperQuery query;
  gint64 java, cpp, again;

  search->name = g_strdup ("Everything");
  g_assert_cmpint (scraper_store_add_saved_search (f->store, search, &error), >, 0);
  g_assert_no_error (error);

  java = scraper_store_add_block (f->store, SCRAPER_BLOCK_KEYWORD, "JAVA", &error);
  g_assert_no_error (error);
  cpp = scraper_store_add_block (f->store, SCRAPER_BLOCK_KEYWORD, "c++", &error);
  g_assert_no_error (error);
  /* the same block twice is one block */
  again = scraper_store_add_block (f->store, SCRAPER_BLOCK_KEYWORD, "  Java ", &error);
  g_assert_cmpint (again, ==, java);

  /* whole words, ignoring case: JavaScript and plain C stay */
  blocked = scraper_store_dup_blocked_ids (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (blocked), ==, 2);
  g_assert_true (g_hash_table_contains (blocked, &g_array_index (ids, gint64, 0)));
  g_assert_true (g_hash_table_contains (blocked, &g_array_index (ids, gint64, 2)));

  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 2);
  g_assert_cmpuint (count_visible (f->store, TRUE), ==, 4);
  g_assert_true (scraper_store_count_by_status (f->store, by_status, &error));
  g_assert_cmpuint (by_status[SCRAPER_STATUS_NEW], ==, 2);
  g_assert_true (scraper_store_count_saved_search (f->store, search, &error));
  g_assert_cmpuint (search->n_matching, ==, 2);

  scraper_query_init (&query);
  listed = scraper_store_query_postings (f->store, &query, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  for (guint i = 0; i < listed->len; i++)
    g_assert_false (g_str_equal (((ScraperPosting *) listed->pdata[i])->title, "Java Developer"));

  blocks = scraper_store_list_blocks (f->store, &error);
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpint (((ScraperBlock *) blocks->pdata[0])->kind, ==, SCRAPER_BLOCK_KEYWORD);
  g_assert_cmpstr (((ScraperBlock *) blocks->pdata[0])->value, ==, "JAVA");

  /* nothing was deleted: unblock brings them back */
  g_assert_true (scraper_store_remove_block (f->store, java, &error));
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 3);
  g_assert_true (scraper_store_remove_block (f->store, cpp, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 4);
  g_assert_false (scraper_store_remove_block (f->store, cpp, &error));
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
}

static void
test_blocks_company_whole_name_hostile (Fixture       *f,
                                        gconstpointer  data)
{
  static const char * const titles[] = { "Engineer", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GPtrArray) postings = posting_array ();

  g_assert_true (scraper_block_matches (SCRAPER_BLOCK_COMPANY, "Ärzte ohne Grenzen", "ÄRZTE  OHNE GRENZEN", NULL));
  g_assert_false (scraper_block_matches (SCRAPER_BLOCK_COMPANY, "Acme", "Acme Corp", NULL));
  g_assert_false (scraper_block_matches (SCRAPER_BLOCK_COMPANY, "Acme", NULL, "Acme"));
  g_assert_true (scraper_block_matches (SCRAPER_BLOCK_KEYWORD, "machine learning", NULL,
                                        "Engineer, Machine-Learning Platform"));
  g_assert_false (scraper_block_matches (SCRAPER_BLOCK_KEYWORD, "learning machine", NULL,
                                         "Machine Learning Engineer"));
  g_assert_true (scraper_block_matches (SCRAPER_BLOCK_KEYWORD, "c#", NULL, "Senior C#/.NET Developer"));
  g_assert_false (scraper_block_matches (SCRAPER_BLOCK_KEYWORD, "c#", NULL, "C Developer"));
  /* SQL and invalid UTF-8 are only text */
  g_assert_false (scraper_block_matches (SCRAPER_BLOCK_KEYWORD, "' OR 1=1 --", NULL, "Engineer"));
  g_assert_false (scraper_block_matches (SCRAPER_BLOCK_KEYWORD, "\xff\xfe", NULL, "Engineer"));

  /* nothing to match is refused */
  g_assert_cmpint (scraper_store_add_block (f->store, SCRAPER_BLOCK_KEYWORD, "--%%", &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (scraper_store_add_block (f->store, SCRAPER_BLOCK_COMPANY, "   ", &error), ==, 0);
  g_assert_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID);
  g_clear_error (&error);

  a = sync_titles (f, "ACME", titles);
  g_assert_cmpint (scraper_store_add_block (f->store, SCRAPER_BLOCK_COMPANY, "acme", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 0);

  /* a posting a sync brings later is blocked as it arrives */
  g_ptr_array_add (postings, make_posting ("1", "Engineer", "ACME", "Berlin", "text"));
  g_ptr_array_add (postings, make_posting ("2", "Engineer", "Acme Corp", "Berlin", "text"));
  g_ptr_array_add (postings, make_posting ("3", "Engineer", "acme", "Berlin", "text"));
  test_sync (f->store, f->source, postings, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 1);
  g_assert_cmpuint (count_visible (f->store, TRUE), ==, 3);
}

/* A sync that changes a title decides again. */
static void
test_blocks_follow_sync (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const titles[] = { "Summer Intern", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sync_titles (f, "Acme", titles);

  g_assert_cmpuint (ids->len, ==, 1);
  g_autoptr(GPtrArray) renamed = posting_array ();
  g_autoptr(GPtrArray) back = posting_array ();

  g_assert_cmpint (scraper_store_add_block (f->store, SCRAPER_BLOCK_KEYWORD, "intern", &error), >, 0);
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 0);

  g_ptr_array_add (renamed, make_posting ("1", "Summer Engineer", "Acme", "Berlin", "text"));
  test_sync (f->store, f->source, renamed, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 1);

  g_ptr_array_add (back, make_posting ("1", "Intern (m/f/d)", "Acme", "Berlin", "text"));
  test_sync (f->store, f->source, back, SCRAPER_SYNC_COMPLETE);
  g_assert_cmpuint (count_visible (f->store, FALSE), ==, 0);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM postings"), ==, 1);
}

/* Previous values */

static ScraperPosting *
salaried (const char *title,
          double      min,
          double      max)
{
  ScraperPosting *p = make_posting ("1", title, "Acme", "Berlin", "text");

  p->salary_min = min;
  p->salary_max = max;
  p->salary_currency = g_strdup ("EUR");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  return p;
}

static void
test_field_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  ScraperFieldChange *c;
  JsonObject *old;
  gint64 id;

  {
    g_autoptr(GPtrArray) v1 = posting_array ();
    g_ptr_array_add (v1, salaried ("Engineer", 50000, 60000));
    test_sync (f->store, f->source, v1, SCRAPER_SYNC_COMPLETE);
    id = ((ScraperPosting *) v1->pdata[0])->id;
  }
  {
    g_autoptr(GPtrArray) v2 = posting_array ();
    g_ptr_array_add (v2, salaried ("Senior Engineer", 55000, 65000));
    test_sync (f->store, f->source, v2, SCRAPER_SYNC_COMPLETE);
  }

  changes = scraper_store_list_field_changes (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  c = NULL;
  for (guint i = 0; i < changes->len; i++)
    if (g_str_equal (((ScraperFieldChange *) changes->pdata[i])->field, "title"))
      c = changes->pdata[i];
  g_assert_nonnull (c);
  g_assert_cmpstr (c->old_value, ==, "Engineer");
  g_assert_cmpint (c->changed, >, 0);
  for (guint i = 0; i < changes->len; i++)
    if (g_str_equal (((ScraperFieldChange *) changes->pdata[i])->field, "salary"))
      c = changes->pdata[i];
  g_assert_cmpstr (c->field, ==, "salary");
  g_assert_true (json_parser_load_from_data (parser, c->old_value, -1, &error));
  old = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (old, "min"), ==, 50000);
  g_assert_cmpfloat (json_object_get_double_member (old, "max"), ==, 60000);
  g_assert_cmpstr (json_object_get_string_member (old, "currency"), ==, "EUR");

  /* pruned: the last ten titles */
  for (guint i = 0; i < 15; i++)
    {
      g_autoptr(GPtrArray) vn = posting_array ();
      g_autofree char *title = g_strdup_printf ("Engineer %u", i);

      g_ptr_array_add (vn, salaried (title, 55000, 65000));
      test_sync (f->store, f->source, vn, SCRAPER_SYNC_COMPLETE);
    }
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM posting_changes WHERE field = 'title'"), ==, 10);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM posting_changes WHERE field = 'salary'"), ==, 1);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = scraper_store_list_field_changes (f->store, id, &error);
  g_assert_cmpstr (((ScraperFieldChange *) changes->pdata[0])->old_value, ==, "Engineer 13");
}

/* A salary derived where the source stated none is no change. */
static void
test_field_history_ignores_enrichment (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperPosting) p = NULL;
  gint64 id = one_posting (f);

  p = scraper_store_get_posting (f->store, id, &error);
  g_assert_false (scraper_posting_has_salary (p));
  p->salary_min = 40000;
  p->salary_max = 45000;
  p->salary_currency = g_strdup ("EUR");
  p->salary_period = SCRAPER_SALARY_PERIOD_YEAR;
  g_assert_true (scraper_store_update_enrichment (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM posting_changes"), ==, 0);
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM postings WHERE salary_min = 40000"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/store/applications/status-records-events", test_status_records_events);
  ADD ("/store/applications/status-backdated-sorts-by-time", test_status_backdated_sorts_by_time);
  ADD ("/store/applications/status-unknown-posting-changes-nothing", test_status_unknown_posting_changes_nothing);
  ADD ("/store/applications/events-survive-archive-change-return", test_events_survive_archive_change_return);
  ADD ("/store/applications/remove-source-keeps-events", test_remove_source_keeps_events);
  ADD ("/store/applications/sigkill-during-status-changes", test_status_sigkill);
  ADD ("/store/applications/migrate/from-v1", test_migrate_from_v1);
  ADD ("/store/applications/migrate/from-v2", test_migrate_from_v2);
  ADD ("/store/applications/migrate/from-v3", test_migrate_from_v3);
  ADD ("/store/applications/migrate/from-v4", test_migrate_from_v4);
  ADD ("/store/applications/reminders", test_reminders);
  ADD ("/store/applications/contacts", test_contacts);
  ADD ("/store/applications/blocks/hide-and-unblock", test_blocks_hide_and_unblock);
  ADD ("/store/applications/blocks/company-whole-name-hostile-values", test_blocks_company_whole_name_hostile);
  ADD ("/store/applications/blocks/follow-sync", test_blocks_follow_sync);
  ADD ("/store/applications/field-history", test_field_history);
  ADD ("/store/applications/field-history-ignores-enrichment", test_field_history_ignores_enrichment);

  return g_test_run ();
}
