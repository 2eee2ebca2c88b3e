/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The remote/hybrid/on-site classifier on real job descriptions (copied
 * from the shared corpus into tests/data/enrich), and on the phrases by
 * which postings say how often one is in the office. */
#define G_LOG_DOMAIN "test-classify-real"

#include "config.h"

#include <json-glib/json-glib.h>

#include "scraper-enrich.h"

static ScraperRemoteKind
kind_from_string (const char *str)
{
  return scraper_remote_kind_from_string (str);
}

static void
test_real_descriptions (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JOB_SCRAPER_TEST_DATA"), "enrich",
                                            "workplace_real_descriptions.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;
  guint failures = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), >=, 7);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonArray *places = json_object_get_array_member (c, "locations");
      g_autoptr(GPtrArray) locations = g_ptr_array_new ();
      ScraperRemoteKind want = kind_from_string (json_object_get_string_member (c, "expected"));
      ScraperRemoteKind got;

      for (guint k = 0; k < json_array_get_length (places); k++)
        g_ptr_array_add (locations, (char *) json_array_get_string_element (places, k));
      g_ptr_array_add (locations, NULL);

      got = scraper_remote_classify (json_object_get_string_member (c, "title"),
                                     (const char * const *) locations->pdata,
                                     json_object_get_string_member (c, "description"));
      if (got != want)
        {
          g_test_message ("%s (%s): got %s, want %s", json_object_get_string_member (c, "title"),
                          json_object_get_string_member (c, "source"), scraper_remote_kind_to_string (got),
                          scraper_remote_kind_to_string (want));
          failures++;
        }
    }
  g_assert_cmpuint (failures, ==, 0);
}

typedef struct {
  const char        *description;
  ScraperRemoteKind  kind;
} PhraseCase;

static void
test_office_attendance_phrases (void)
{
  static const PhraseCase cases[] = {
    /* Remote in name, but in the office part of each week: hybrid. */
    { "Remote-friendly, about half the week in the office.", SCRAPER_REMOTE_HYBRID },
    { "Remote-first, Berlin office minimum once a week.", SCRAPER_REMOTE_HYBRID },
    { "We work remotely most of the time and meet in our Paris office twice a week.", SCRAPER_REMOTE_HYBRID },
    { "Able to come into the office 2 days per week, or 3 when needed.", SCRAPER_REMOTE_HYBRID },
    { "You'll be on-site three days each week and work from home otherwise.", SCRAPER_REMOTE_HYBRID },
    { "Part of the week on campus, the rest from home.", SCRAPER_REMOTE_HYBRID },
    /* The office, but not each week: these stay what they were. */
    { "We are fully remote and meet in the office twice a year.", SCRAPER_REMOTE_REMOTE },
    { "Fully remote, with a week-long in-person offsite every quarter.", SCRAPER_REMOTE_REMOTE },
    { "Enjoy a free lunch every day you are in the office, with a weekly changing menu.", SCRAPER_REMOTE_UNKNOWN },
    { "Quarterly, the whole team spends a week in the Lisbon office.", SCRAPER_REMOTE_UNKNOWN },
    { "This is a fully remote role.", SCRAPER_REMOTE_REMOTE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ScraperRemoteKind got = scraper_remote_classify ("Engineer", NULL, cases[i].description);

      g_test_message ("%s", cases[i].description);
      g_assert_cmpstr (scraper_remote_kind_to_string (got), ==, scraper_remote_kind_to_string (cases[i].kind));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classify/real-descriptions", test_real_descriptions);
  g_test_add_func ("/classify/office-attendance-phrases", test_office_attendance_phrases);

  return g_test_run ();
}
