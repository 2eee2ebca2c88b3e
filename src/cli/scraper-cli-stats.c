/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scraper-cli-private.h"
#include "tasks/scraper-report.h"
#include "store/scraper-store-applications.h"

/* stats and report (ARCHITECTURE.md, "Tracking applications"). */

static const ScraperPostingStatus application_statuses[] = {
  SCRAPER_STATUS_SAVED, SCRAPER_STATUS_APPLIED, SCRAPER_STATUS_INTERVIEWING,
  SCRAPER_STATUS_OFFER, SCRAPER_STATUS_REJECTED,
};

static gboolean
is_plain_date (const char *text)
{
  return text != NULL && strlen (text) == 10 && strchr (text, 'T') == NULL;
}

static JsonNode *
stats_to_json (const ScraperStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "postings_total");
  json_builder_add_int_value (builder, stats->postings_total);

  json_builder_set_member_name (builder, "postings_new_by_week");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stats->new_by_week->len; i++)
    {
      const ScraperWeekCount *week = g_ptr_array_index (stats->new_by_week, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "week");
      json_builder_add_string_value (builder, week->week);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, week->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "by_source");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stats->by_source->len; i++)
    {
      const ScraperSourceStats *source = g_ptr_array_index (stats->by_source, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source_id");
      json_builder_add_int_value (builder, source->source_id);
      json_builder_set_member_name (builder, "name");
      if (source->name != NULL)
        json_builder_add_string_value (builder, source->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "postings");
      json_builder_add_int_value (builder, source->postings);
      json_builder_set_member_name (builder, "applied");
      json_builder_add_int_value (builder, source->applied);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "applications");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (application_statuses); i++)
    {
      json_builder_set_member_name (builder, scraper_posting_status_to_string (application_statuses[i]));
      json_builder_add_int_value (builder, stats->applications[application_statuses[i]]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "response_rate");
  json_builder_add_double_value (builder, stats->response_rate);
  json_builder_set_member_name (builder, "median_days_to_response");
  if (isnan (stats->median_days_to_response))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, stats->median_days_to_response);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_stats (const ScraperStats *stats)
{
  g_print (_("Postings: %u\n"), stats->postings_total);

  if (stats->new_by_week->len > 0)
    g_print ("\n%s\n", _("New postings by week:"));
  for (guint i = 0; i < stats->new_by_week->len; i++)
    {
      const ScraperWeekCount *week = g_ptr_array_index (stats->new_by_week, i);
      g_print ("  %s  %6u\n", week->week, week->count);
    }

  if (stats->by_source->len > 0)
    g_print ("\n%s\n", _("By source (postings, applied):"));
  for (guint i = 0; i < stats->by_source->len; i++)
    {
      const ScraperSourceStats *source = g_ptr_array_index (stats->by_source, i);
      g_autofree char *name = scraper_cli_fit (source->name, 30);

      g_print ("  %-5" G_GINT64_FORMAT " %s %6u %6u\n", source->source_id, name, source->postings, source->applied);
    }

  g_print ("\n%s\n", _("Applications:"));
  for (guint i = 0; i < G_N_ELEMENTS (application_statuses); i++)
    {
      g_autofree char *label = scraper_cli_fit (scraper_posting_status_get_label (application_statuses[i]), 14);
      g_print ("  %s %6u\n", label, stats->applications[application_statuses[i]]);
    }

  g_print ("\n");
  g_print (_("Response rate: %.0f %% (%u of %u applications)\n"),
           stats->response_rate * 100, stats->n_responded, stats->n_applied);
  if (!isnan (stats->median_days_to_response))
    g_print (_("Median days to a response: %.1f\n"), stats->median_days_to_response);
}

int
scraper_cli_stats (const ScraperCliGlobal *global,
                   int                     argc,
                   char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperStats) stats = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since_text = NULL;
  gboolean json = FALSE;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_("Only postings first seen, and stage events, from DATE on"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, _("Show statistics of the search and of the applications."),
                                            _("Blocked postings are left out.  The response rate is the share of jobs\n"
                                              "applied to that later moved to interviewing, offer or rejected; the days\n"
                                              "to a response run from the first “applied” to the first such change."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "stats", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc > 1)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (since_text != NULL && !(since = scraper_parse_user_time (since_text)))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--since takes a date like 2026-03-01, not “%s”"), since_text);

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!(stats = scraper_store_compute_stats (scraper_context_get_store (context), since, &error)))
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) root = stats_to_json (stats);
      scraper_cli_print_json (root);
    }
  else
    print_stats (stats);

  return SCRAPER_CLI_OK;
}

int
scraper_cli_report (const ScraperCliGlobal *global,
                    int                     argc,
                    char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_text = NULL;
  ScraperReportPaper paper;
  gboolean pdf;
  int code = SCRAPER_CLI_OK;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period"), N_("DATE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("a4 or letter (default: from the locale)"), N_("SIZE") },
    { NULL }
  };

  options = scraper_cli_option_context_new (NULL, _("Write a report of the applications of a period (a proof of job search)."),
                                            _("An application is a job moved to applied or later; it is in the period\n"
                                              "when one of its stage events is.  The report has one row per stage event,\n"
                                              "with the company, title, where it was found, link and contacts."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "report", &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc > 1)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unexpected argument “%s”"), argv[1]);
  if (from_text == NULL || to_text == NULL || format == NULL || output == NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("report needs --from DATE --to DATE --format csv|pdf --output FILE"));
  if (g_str_equal (format, "pdf"))
    pdf = TRUE;
  else if (g_str_equal (format, "csv"))
    pdf = FALSE;
  else
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown format “%s”; use csv or pdf"), format);
  if (!(from = scraper_parse_user_time (from_text)))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--from takes a date like 2026-03-01, not “%s”"), from_text);
  if (!(to = scraper_parse_user_time (to_text)))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--to takes a date like 2026-03-31, not “%s”"), to_text);
  paper = scraper_report_default_paper ();
  if (paper_text != NULL && !scraper_report_paper_from_string (paper_text, &paper))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown paper size “%s”; use a4 or letter"), paper_text);

  /* A plain last day is included whole. */
  end = is_plain_date (to_text) ? g_date_time_add_days (to, 1) : g_date_time_add_seconds (to, 1);
  if (g_date_time_compare (from, end) >= 0)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("The period ends before it begins"));

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  if (!(applications = scraper_store_list_applications (scraper_context_get_store (context), from, end, &error)))
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  file = g_file_new_for_commandline_arg (output);
  if (!(pdf ? scraper_report_write_pdf (applications, from, to, paper, file, &error)
            : scraper_report_write_csv (applications, file, &error)))
    return scraper_cli_error (SCRAPER_CLI_FAILED, _("Could not write the report to “%s”: %s"),
                              output, error->message);

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %u application to %s\n", "Wrote %u applications to %s\n",
                           applications->len),
              applications->len, output);
  return SCRAPER_CLI_OK;
}
