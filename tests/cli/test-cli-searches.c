/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saved searches from the command line: the real binary on a real
 * database, seeded through the store as a scrape would leave it. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "cli-test-util.h"
#include "store/scraper-store.h"

static ScraperPosting *
posting (const char        *id,
         const char        *title,
         ScraperRemoteKind  remote)
{
  ScraperPosting *p = scraper_posting_new ();

  p->external_id = g_strdup (id);
  p->url = g_strdup_printf ("https://jobs.example.com/acme/%s", id);
  p->title = g_strdup (title);
  p->company = g_strdup ("Acme");
  p->description_text = g_strdup ("Builds things.");
  p->remote = remote;
  return p;
}

/* A scrape of the source, as the scrape task would store it. */
static void
seed (Fixture           *f,
      gint64            *source_id,
      const char * const *titles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (f->db, &error);
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  ScraperSync *sync;

  g_assert_no_error (error);
  if (*source_id == 0)
    {
      g_autoptr(ScraperSource) source = scraper_source_new ();

      source->url = g_strdup ("https://boards.greenhouse.io/acme");
      source->kind = g_strdup ("greenhouse");
      *source_id = scraper_store_add_source (store, source, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", g_str_hash (titles[i]));

      /* "(onsite)" in a title makes an onsite posting. */
      g_ptr_array_add (postings, posting (id, titles[i], strstr (titles[i], "onsite") ? SCRAPER_REMOTE_ONSITE
                                                                               : SCRAPER_REMOTE_REMOTE));
    }
  sync = scraper_store_begin_sync (store, *source_id, &error);
  g_assert_no_error (error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static JsonObject *
find_search (JsonNode   *list,
             const char *name)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "name"), name))
        return o;
    }
  g_assert_not_reached ();
}

static GStrv
titles_of (const char *json)
{
  g_autoptr(JsonNode) root = parse_json (json);
  JsonArray *array = json_node_get_array (root);
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (titles, json_object_get_string_member (json_array_get_object_element (array, i), "title"));
  return g_strv_builder_end (titles);
}

static void
test_searches (Fixture       *f,
               gconstpointer  data)
{
  const char *first[] = { "Rust Engineer", "Rust Developer (onsite)", "Go Engineer", NULL };
  const char *second[] = { "Rust Engineer", "Rust Developer (onsite)", "Senior Rust Engineer",
                           "Office Manager", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) list = NULL;
  g_auto(GStrv) titles = NULL;
  JsonObject *rust;
  gint64 source_id = 0;

  seed (f, &source_id, first);

  cli (f, &run, "searches", "add", "Rust remote", "--search", "rust", "--remote", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strchomp (run.out), ==, "1");
  cli (f, &run, "searches", "add", "Applied", "--status", "applied", "--min-salary", "50000", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Refused: the same name in another case, no name, a wrong status. */
  cli (f, &run, "searches", "add", "RUST REMOTE", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already exists"));
  cli (f, &run, "searches", "add", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (f, &run, "searches", "add", "X", "--status", "hired", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "hired"));
  cli (f, &run, "searches", "rename", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli (f, &run, "list", "--new", NULL);
  g_assert_cmpint (run.status, ==, 2);

  cli (f, &run, "searches", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  list = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  rust = find_search (list, "Rust remote");
  g_assert_cmpstr (json_object_get_string_member (rust, "search"), ==, "rust");
  g_assert_true (json_object_get_boolean_member (rust, "remote"));
  g_assert_cmpint (json_object_get_int_member (rust, "matching"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (rust, "new"), ==, 0);
  /* Times as everywhere in the JSON: ISO 8601, UTC. */
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (rust, "last_viewed"), 0, 0));
  g_assert_cmpstr (json_object_get_string_member (find_search (list, "Applied"), "status"), ==, "applied");
  g_clear_pointer (&list, json_node_unref);

  /* Scraped two minutes ago, looked at a minute ago; a new scrape. */
  exec_sql (f, "UPDATE postings SET first_seen = first_seen - 120;"
               "UPDATE saved_searches SET last_viewed = last_viewed - 60;");
  seed (f, &source_id, second);

  cli (f, &run, "searches", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Rust remote"));
  g_assert_nonnull (strstr (run.out, "“rust” remote"));
  cli (f, &run, "searches", "list", "--json", NULL);
  list = parse_json (run.out);
  rust = find_search (list, "Rust remote");
  g_assert_cmpint (json_object_get_int_member (rust, "matching"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (rust, "new"), ==, 1);
  g_clear_pointer (&list, json_node_unref);

  /* Only what is new; listing it makes it seen. */
  cli (f, &run, "list", "--saved", "rust remote", "--new", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  titles = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (titles), ==, 1);
  g_assert_cmpstr (titles[0], ==, "Senior Rust Engineer");
  g_clear_pointer (&titles, g_strfreev);
  cli (f, &run, "list", "--saved", "1", "--new", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  titles = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (titles), ==, 0);
  g_clear_pointer (&titles, g_strfreev);

  /* Everything the search matches, narrowed further on the command line. */
  cli (f, &run, "list", "--saved", "Rust remote", "--json", NULL);
  titles = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (titles), ==, 2);
  g_clear_pointer (&titles, g_strfreev);
  cli (f, &run, "list", "--saved", "Rust remote", "--search", "senior", "--json", NULL);
  titles = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (titles), ==, 1);
  g_clear_pointer (&titles, g_strfreev);
  cli (f, &run, "list", "--saved", "Nothing like it", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nothing like it"));

  /* Removed by name, then not there to remove. */
  cli (f, &run, "searches", "remove", "Rust remote", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, "searches", "remove", "Rust remote", NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli (f, &run, "searches", "list", "--json", NULL);
  list = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
}

/* "list --location / --type", and a saved search with the filters the
 * window's Filters button sets (a place, a type) narrowing "list --saved". */
static void
test_list_location_type (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStore) store = scraper_store_open (f->db, &error);
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(ScraperSavedSearch) saved = scraper_saved_search_new ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
  const char *places[] = { "Berlin, Germany", "Hamburg", "Berlin" };
  const char *types[] = { "FULL_TIME", "FULL_TIME", "PART_TIME" };
  const char *titles[] = { "Berlin Full", "Hamburg Full", "Berlin Part" };
  g_auto(Run) run = { 0 };
  g_auto(GStrv) found = NULL;
  ScraperSync *sync;
  gint64 id;

  g_assert_no_error (error);
  source->url = g_strdup ("https://boards.greenhouse.io/acme");
  source->kind = g_strdup ("greenhouse");
  id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      ScraperPosting *p = posting (titles[i], titles[i], SCRAPER_REMOTE_ONSITE);

      p->locations = g_new0 (char *, 2);
      p->locations[0] = g_strdup (places[i]);
      p->employment_type = g_new0 (char *, 2);
      p->employment_type[0] = g_strdup (types[i]);
      g_ptr_array_add (postings, p);
    }
  sync = scraper_store_begin_sync (store, id, &error);
  g_assert_true (scraper_sync_add (sync, postings, &error));
  g_assert_true (scraper_sync_finish (sync, SCRAPER_SYNC_COMPLETE, NULL, NULL, &error));
  g_assert_no_error (error);
  saved->name = g_strdup ("Berlin");
  saved->location = g_strdup ("berlin");
  g_assert_cmpint (scraper_store_add_saved_search (store, saved, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);

  cli (f, &run, "list", "--location", "BERLIN", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  found = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (found), ==, 2);
  g_clear_pointer (&found, g_strfreev);

  cli (f, &run, "list", "--type", "full-time", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  found = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (found), ==, 2);
  g_clear_pointer (&found, g_strfreev);

  cli (f, &run, "list", "--saved", "Berlin", "--type", "part_time", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  found = titles_of (run.out);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, "Berlin Part");
  g_clear_pointer (&found, g_strfreev);

  cli (f, &run, "list", "--type", "  ", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* Saved from the command line with every later filter, and listed. */
  {
    g_autofree char *source_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autoptr(JsonNode) list = NULL;
    JsonObject *hamburg;

    cli (f, &run, "searches", "add", "Hamburg", "--location", " Hamburg ", "--type", "full-time",
         "--days", "30", "--source", source_arg, NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli (f, &run, "searches", "add", "Bad days", "--days", "-1", NULL);
    g_assert_cmpint (run.status, ==, 2);
    cli (f, &run, "searches", "list", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    list = parse_json (run.out);
    hamburg = find_search (list, "Hamburg");
    g_assert_cmpstr (json_object_get_string_member (hamburg, "location"), ==, "Hamburg");
    g_assert_cmpstr (json_object_get_string_member (hamburg, "employment_type"), ==, "FULL_TIME");
    g_assert_cmpint (json_object_get_int_member (hamburg, "days"), ==, 30);
    g_assert_cmpint (json_object_get_int_member (hamburg, "source_id"), ==, id);
    g_assert_true (json_object_get_null_member (find_search (list, "Berlin"), "employment_type"));
    cli (f, &run, "searches", "list", NULL);
    g_assert_nonnull (strstr (run.out, "@Hamburg FULL_TIME"));
  }
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/searches", Fixture, NULL, fixture_set_up, test_searches, fixture_tear_down);
  g_test_add ("/cli/list/location-and-type", Fixture, NULL, fixture_set_up, test_list_location_type,
              fixture_tear_down);

  return g_test_run ();
}
