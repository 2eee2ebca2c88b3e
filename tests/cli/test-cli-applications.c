/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-test-util.h"
#include "scraper-store.h"
#include "scraper-store-applications.h"

/* The command-line contract of tracking applications (ARCHITECTURE.md):
 * status, history, remind, reminders, block, blocks, unblock, the blocked
 * and open_days fields of list --json, stats and report. */

static gint64 ids[4];

/* Three postings of one source, through the store as a scrape stores
 * them: Backend Engineer (Acme), Java Developer (Globex), Data Engineer
 * (Initech).  The first was open 10 days and some hours. */
static void
seed (Fixture *f)
{
  static const char * const rows[][2] = {
    { "Backend Engineer", "Acme" }, { "Java Developer", "Globex" }, { "Data Engineer", "Initech" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (f->db, &error);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  ScraperSync *sync;
  sqlite3 *db = NULL;
  gint64 source_id;

  g_assert_no_error (error);
  source->name = g_strdup ("Acme board");
  source->url = g_strdup ("https://boards.example/acme");
  source->kind = g_strdup ("greenhouse");
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i + 1);
      p->url = g_strdup_printf ("https://boards.example/acme/%u", i + 1);
      p->title = g_strdup (rows[i][0]);
      p->company = g_strdup (rows[i][1]);
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < postings->len; i++)
    ids[i + 1] = ((ScraperPosting *) postings->pdata[i])->id;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  /* 2026-01-05T08:00Z .. 2026-01-15T11:00Z */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE postings SET first_seen = 1767600000, last_seen = 1768474800",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  fixture_set_up (f, data);
  seed (f);
}

/* Exit @code with exactly one line on stderr. */
static void
assert_fails (Run *run,
              int  code)
{
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run->status, ==, code);
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  lines = g_strsplit (run->err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "job-scraper: "));
}

static JsonArray *
json_array_of (Run *run)
{
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpint (run->status, ==, 0);
  node = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((GStrv) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static char *
id_arg (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static void
test_status_and_history (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const event_fields[] = { "at", "from", "to", "note", NULL };
  g_auto(Run) run = { 0 };
  g_autofree char *id = id_arg (ids[1]);
  g_autofree char *unknown = id_arg (ids[3] + 100);
  g_autoptr(JsonArray) events = NULL;
  JsonObject *e;

  cli (f, &run, "status", id, "applied", "--note", "Sent CV, cover letter", "--at", "2026-01-05T10:00:00+01:00", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "status", id, "interviewing", "--at", "2026-01-12", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "history", id, "--json", NULL);
  events = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  e = json_array_get_object_element (events, 0);
  assert_members (e, event_fields);
  g_assert_cmpstr (json_object_get_string_member (e, "at"), ==, "2026-01-05T10:00:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (e, "from"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (e, "to"), ==, "applied");
  g_assert_cmpstr (json_object_get_string_member (e, "note"), ==, "Sent CV, cover letter");
  e = json_array_get_object_element (events, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "at"), ==, "2026-01-12T00:00:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (e, "from"), ==, "applied");
  g_assert_true (json_object_get_null_member (e, "note"));

  /* errors: one line, and nothing changed */
  cli (f, &run, "status", unknown, "offer", NULL);
  assert_fails (&run, 1);
  cli (f, &run, "history", unknown, NULL);
  assert_fails (&run, 1);
  cli (f, &run, "status", id, "hired", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "status", id, "offer", "--at", "2026-13-45", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "status", id, "offer", "--at", "next tuesday", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "status", "1; DROP TABLE postings", "offer", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "status", id, NULL);
  assert_fails (&run, 2);

  cli (f, &run, "history", id, "--json", NULL);
  g_clear_pointer (&events, json_array_unref);
  events = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);

  cli (f, &run, "list", "--json", "--status", "interviewing", NULL);
  g_clear_pointer (&events, json_array_unref);
  events = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
}

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  static const char * const fields[] = { "id", "posting_id", "at", "note", "done", NULL };
  g_auto(Run) run = { 0 };
  g_autofree char *id = id_arg (ids[1]);
  g_autofree char *unknown = id_arg (ids[3] + 100);
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) due = NULL;
  g_autofree char *past_id = NULL;
  JsonObject *r;

  cli (f, &run, "remind", id, "--at", "2026-01-20T09:00:00+01:00", "--note", "Follow up", NULL);
  g_assert_cmpint (run.status, ==, 0);
  past_id = g_strstrip (g_strdup (run.out));
  cli (f, &run, "remind", id, "--at", "2999-01-01", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "remind", id, NULL);
  assert_fails (&run, 2);
  cli (f, &run, "remind", id, "--at", "soon", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "remind", unknown, "--at", "2026-01-01", NULL);
  assert_fails (&run, 1);

  cli (f, &run, "reminders", "--json", NULL);
  all = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  r = json_array_get_object_element (all, 0);
  assert_members (r, fields);
  g_assert_cmpint (json_object_get_int_member (r, "id"), ==, g_ascii_strtoll (past_id, NULL, 10));
  g_assert_cmpint (json_object_get_int_member (r, "posting_id"), ==, ids[1]);
  g_assert_cmpstr (json_object_get_string_member (r, "at"), ==, "2026-01-20T09:00:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (r, "note"), ==, "Follow up");
  g_assert_false (json_object_get_boolean_member (r, "done"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (all, 1), "note"));

  cli (f, &run, "reminders", "--due", "--json", NULL);
  due = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (due), ==, 1);

  cli (f, &run, "reminders", "done", past_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "reminders", "done", "999", NULL);
  assert_fails (&run, 1);
  cli (f, &run, "reminders", "done", "x", NULL);
  assert_fails (&run, 2);

  cli (f, &run, "reminders", "--due", "--json", NULL);
  g_clear_pointer (&due, json_array_unref);
  due = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (due), ==, 0);
  cli (f, &run, "reminders", "--json", NULL);
  g_clear_pointer (&all, json_array_unref);
  all = json_array_of (&run);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (all, 0), "done"));
}

static JsonObject *
find_posting (JsonArray *postings,
              gint64     id)
{
  for (guint i = 0; i < json_array_get_length (postings); i++)
    {
      JsonObject *p = json_array_get_object_element (postings, i);

      if (json_object_get_int_member (p, "id") == id)
        return p;
    }
  return NULL;
}

static void
test_blocks_and_list (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const fields[] = { "id", "kind", "value", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonArray) listed = NULL;
  g_autoptr(JsonArray) blocks = NULL;
  g_autofree char *java = NULL;
  g_autofree char *acme = NULL;
  JsonObject *p;

  cli (f, &run, "list", "--json", NULL);
  listed = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (listed), ==, 3);
  p = find_posting (listed, ids[1]);
  g_assert_false (json_object_get_boolean_member (p, "blocked"));
  g_assert_cmpint (json_object_get_int_member (p, "open_days"), ==, 10);

  cli (f, &run, "block", "keyword", "JAVA", NULL);
  g_assert_cmpint (run.status, ==, 0);
  java = g_strstrip (g_strdup (run.out));
  cli (f, &run, "block", "company", "acme", NULL);
  g_assert_cmpint (run.status, ==, 0);
  acme = g_strstrip (g_strdup (run.out));
  cli (f, &run, "block", "title", "x", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "block", "company", NULL);
  assert_fails (&run, 2);

  cli (f, &run, "blocks", "--json", NULL);
  blocks = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (blocks), ==, 2);
  assert_members (json_array_get_object_element (blocks, 0), fields);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 0), "kind"), ==, "keyword");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 0), "value"), ==, "JAVA");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 1), "kind"), ==, "company");

  cli (f, &run, "list", "--json", NULL);
  g_clear_pointer (&listed, json_array_unref);
  listed = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  g_assert_nonnull (find_posting (listed, ids[3]));

  cli (f, &run, "list", "--json", "--include-blocked", NULL);
  g_clear_pointer (&listed, json_array_unref);
  listed = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (listed), ==, 3);
  g_assert_true (json_object_get_boolean_member (find_posting (listed, ids[1]), "blocked"));
  g_assert_true (json_object_get_boolean_member (find_posting (listed, ids[2]), "blocked"));
  g_assert_false (json_object_get_boolean_member (find_posting (listed, ids[3]), "blocked"));

  cli (f, &run, "unblock", java, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "unblock", java, NULL);
  assert_fails (&run, 1);
  cli (f, &run, "unblock", "-3", NULL);
  g_assert_cmpint (run.status, ==, 2);

  cli (f, &run, "list", "--json", NULL);
  g_clear_pointer (&listed, json_array_unref);
  listed = json_array_of (&run);
  g_assert_cmpuint (json_array_get_length (listed), ==, 2);
  g_assert_nonnull (find_posting (listed, ids[2]));
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  static const char * const fields[] = {
    "postings_total", "postings_new_by_week", "by_source", "applications", "response_rate",
    "median_days_to_response", NULL,
  };
  static const char * const apps_fields[] = { "saved", "applied", "interviewing", "offer", "rejected", NULL };
  static const char * const source_fields[] = { "source_id", "name", "postings", "applied", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *p1 = id_arg (ids[1]);
  g_autofree char *p2 = id_arg (ids[2]);
  JsonObject *stats, *apps, *source, *week;

  cli (f, &run, "stats", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  stats = json_node_get_object (root);
  assert_members (stats, fields);
  g_assert_cmpint (json_object_get_int_member (stats, "postings_total"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (stats, "response_rate"), ==, 0);
  g_assert_true (json_object_get_null_member (stats, "median_days_to_response"));
  g_clear_pointer (&root, json_node_unref);

  /* p1 applied on the 5th, answered on the 9th (4 days); p2 applied on the
   * 6th, no answer: rate 1/2, median 4 */
  cli (f, &run, "status", p1, "applied", "--at", "2026-01-05T09:00:00Z", NULL);
  cli (f, &run, "status", p1, "rejected", "--at", "2026-01-09T09:00:00Z", NULL);
  cli (f, &run, "status", p2, "applied", "--at", "2026-01-06T09:00:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "stats", "--json", NULL);
  root = parse_json (run.out);
  stats = json_node_get_object (root);
  assert_members (stats, fields);
  /* 2026-01-05 is a Monday of ISO week 2 */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stats, "postings_new_by_week")), ==, 1);
  week = json_array_get_object_element (json_object_get_array_member (stats, "postings_new_by_week"), 0);
  g_assert_cmpstr (json_object_get_string_member (week, "week"), ==, "2026-W02");
  g_assert_cmpint (json_object_get_int_member (week, "count"), ==, 3);
  source = json_array_get_object_element (json_object_get_array_member (stats, "by_source"), 0);
  assert_members (source, source_fields);
  g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, "Acme board");
  g_assert_cmpint (json_object_get_int_member (source, "postings"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (source, "applied"), ==, 2);
  apps = json_object_get_object_member (stats, "applications");
  assert_members (apps, apps_fields);
  g_assert_cmpint (json_object_get_int_member (apps, "applied"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (apps, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (apps, "saved"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (stats, "response_rate"), ==, 0.5);
  g_assert_cmpfloat (json_object_get_double_member (stats, "median_days_to_response"), ==, 4);

  cli (f, &run, "stats", "--since", "last week", NULL);
  assert_fails (&run, 2);
  cli (f, &run, "stats", "--since", "2026-02-01", "--json", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "postings_total"), ==, 0);
}

/* RFC 4180, enough to read back what the report wrote. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);

  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  static const char * const header[] = {
    "company", "title", "source", "link", "date", "from", "to", "note", "contacts",
  };
  g_auto(Run) run = { 0 };
  g_autofree char *p1 = id_arg (ids[1]);
  g_autofree char *p3 = id_arg (ids[3]);
  g_autofree char *csv_path = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  cli (f, &run, "status", p1, "saved", "--at", "2026-01-02T09:00:00Z", NULL);
  cli (f, &run, "status", p1, "applied", "--at", "2026-01-05T10:00:00+01:00", "--note", "Sent CV, \"the long one\"", NULL);
  cli (f, &run, "status", p3, "saved", "--at", "2026-01-06T09:00:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = parse_csv (csv);
  /* the header, then both events of the one application (p3 was only saved) */
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_assert_cmpstr (cell (rows, 0, i), ==, header[i]);
  g_assert_cmpstr (cell (rows, 1, 0), ==, "Acme");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "Backend Engineer");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "Acme board");
  g_assert_cmpstr (cell (rows, 1, 3), ==, "https://boards.example/acme/1");
  g_assert_cmpstr (cell (rows, 1, 4), ==, "2026-01-02T09:00:00+00:00");
  g_assert_cmpstr (cell (rows, 1, 5), ==, "new");
  g_assert_cmpstr (cell (rows, 1, 6), ==, "saved");
  g_assert_cmpstr (cell (rows, 2, 6), ==, "applied");
  g_assert_cmpstr (cell (rows, 2, 7), ==, "Sent CV, \"the long one\"");

  /* a period without events */
  cli (f, &run, "report", "--from", "2026-02-01", "--to", "2026-02-28", "--format", "csv", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&csv, g_free);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_cmpstr (csv, ==, "company,title,source,link,date,from,to,note,contacts\r\n");

  /* usage errors and an unwritable path change nothing */
  cli (f, &run, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "odt", "--output", pdf_path, NULL);
  assert_fails (&run, 2);
  cli (f, &run, "report", "--from", "January", "--to", "2026-01-31", "--format", "pdf", "--output", pdf_path, NULL);
  assert_fails (&run, 2);
  cli (f, &run, "report", "--from", "2026-02-01", "--to", "2026-01-31", "--format", "pdf", "--output", pdf_path, NULL);
  assert_fails (&run, 2);
  cli (f, &run, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "pdf", "--output", missing, NULL);
  assert_fails (&run, 1);
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  cli (f, &run, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "pdf",
       "--output", pdf_path, "--paper", "letter", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));

  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *text = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *flat = NULL;
    const char *argv[] = { "pdftotext", "-layout", pdf_path, "-", NULL };
    int status = 0;

    if (pdftotext == NULL)
      {
        g_test_skip ("pdftotext (poppler-utils) is not installed");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    flat = g_strdup (text);
    g_assert_nonnull (strstr (flat, "Applications"));
    g_assert_nonnull (strstr (flat, "Backend Engineer"));
    g_assert_nonnull (strstr (flat, "Acme board"));
    g_assert_nonnull (strstr (flat, "https://boards.example/acme/1"));
    g_assert_nonnull (strstr (flat, "2026-01-05"));
    g_assert_nonnull (strstr (flat, "Sent CV"));
    g_assert_null (strstr (flat, "Data Engineer"));
  }
}

static void
add_contact (Fixture    *f,
             gint64      posting_id,
             const char *name,
             const char *role,
             const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (f->db, &error);
  g_autoptr(ScraperContact) contact = scraper_contact_new ();

  g_assert_no_error (error);
  contact->posting_id = posting_id;
  contact->name = g_strdup (name);
  contact->role = g_strdup (role);
  contact->email = g_strdup (email);
  g_assert_cmpint (scraper_store_add_contact (store, contact, &error), >, 0);
  g_assert_no_error (error);
}

static guint
column_of (GPtrArray  *rows,
           const char *name)
{
  GPtrArray *header = g_ptr_array_index (rows, 0);

  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return i;
  g_error ("no column %s", name);
  return 0;
}

/* Contacts go with the posting: in the report (CSV and PDF) and in
 * "export" (a last CSV column, a JSON member); a contact whose name looks
 * like a spreadsheet formula, with commas and quotes, stays text. */
static void
test_contacts_in_report_and_export (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *p1 = id_arg (ids[1]);
  g_autofree char *csv_path = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *postings;
  guint contacts_column, id_column, with = 0;

  add_contact (f, ids[1], "Ada Lovelace", "Recruiter", "ada@example.com");
  add_contact (f, ids[1], "=HYPERLINK(\"x\"), Bob", NULL, NULL);
  cli (f, &run, "status", p1, "applied", "--at", "2026-01-05T10:00:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli (f, &run, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_nonnull (strstr (cell (rows, 1, 8), "Ada Lovelace (Recruiter) <ada@example.com>"));
  g_assert_nonnull (strstr (cell (rows, 1, 8), "Bob"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&csv, g_free);

  /* export CSV: "contacts" is the last column, "; " between people */
  cli (f, &run, "export", "--format", "csv", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 4);
  contacts_column = column_of (rows, "contacts");
  id_column = column_of (rows, "id");
  g_assert_cmpuint (contacts_column, ==, ((GPtrArray *) rows->pdata[0])->len - 1);
  for (guint r = 1; r < rows->len; r++)
    {
      g_autofree char *id = id_arg (ids[1]);
      const char *text = cell (rows, r, contacts_column);

      if (g_strcmp0 (cell (rows, r, id_column), id) != 0)
        {
          g_assert_cmpstr (text, ==, "");
          continue;
        }
      with++;
      g_assert_true (g_str_has_prefix (text, "Ada Lovelace (Recruiter) <ada@example.com>; "));
      /* the formula is neutralized: the cell starts with Ada, not '=' */
      g_assert_nonnull (strstr (text, "=HYPERLINK(\"x\"), Bob"));
    }
  g_assert_cmpuint (with, ==, 1);

  /* export JSON: every posting has "contacts", an array */
  cli (f, &run, "export", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  postings = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (postings), ==, 3);
  for (guint i = 0; i < json_array_get_length (postings); i++)
    {
      JsonObject *p = json_array_get_object_element (postings, i);
      JsonArray *contacts = json_object_get_array_member (p, "contacts");

      g_assert_nonnull (contacts);
      if (json_object_get_int_member (p, "id") != ids[1])
        {
          g_assert_cmpuint (json_array_get_length (contacts), ==, 0);
          continue;
        }
      g_assert_cmpuint (json_array_get_length (contacts), ==, 2);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0), "name"), ==, "Ada Lovelace");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0), "role"), ==, "Recruiter");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0), "email"), ==, "ada@example.com");
      g_assert_true (json_object_get_null_member (json_array_get_object_element (contacts, 1), "email"));
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 1), "name"), ==, "=HYPERLINK(\"x\"), Bob");
    }

  cli (f, &run, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "pdf", "--output", pdf_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    const char *argv[] = { "pdftotext", pdf_path, "-", NULL };
    int status = 0;

    if (pdftotext == NULL)
      {
        g_test_skip ("pdftotext (poppler-utils) is not installed");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "Contacts: Ada Lovelace (Recruiter)"));
  }
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  /* Times are printed with their offset; days and weeks are local. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)

  ADD ("/cli/applications/status-and-history", test_status_and_history);
  ADD ("/cli/applications/reminders", test_reminders);
  ADD ("/cli/applications/blocks-and-list", test_blocks_and_list);
  ADD ("/cli/applications/stats", test_stats);
  ADD ("/cli/applications/report-csv-and-pdf", test_report);
  ADD ("/cli/applications/contacts-in-report-and-export-formula-name", test_contacts_in_report_and_export);

  return g_test_run ();
}
