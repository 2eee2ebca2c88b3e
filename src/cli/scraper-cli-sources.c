/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "model/scraper-posting-json.h"
#include "scrape/scraper-adapter.h"
#include "scrape/scraper-handoff.h"
#include "tasks/scraper-handoff-add.h"
#include "scraper-cli-private.h"

/* Accepts only absolute http(s) URLs with a host. */
static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid URL: %s"), url, local_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address: only http and https URLs can be scraped"), url);
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no host name"), url);
      return FALSE;
    }

  return TRUE;
}

/* The source's settings from the command line, as the JSON object that
 * ScraperSource keeps; NULL when none was given. */
static char *
build_settings (int          max_pages,
                int          max_depth,
                gboolean     ignore_robots,
                gboolean     follow_links,
                char       **selectors,
                GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (max_pages == 0 && max_depth < 0 && !ignore_robots && !follow_links && selectors == NULL)
    return NULL;

  json_builder_begin_object (builder);
  if (max_pages > 0)
    {
      json_builder_set_member_name (builder, "max_pages");
      json_builder_add_int_value (builder, max_pages);
    }
  if (max_depth >= 0)
    {
      json_builder_set_member_name (builder, "max_depth");
      json_builder_add_int_value (builder, max_depth);
    }
  if (ignore_robots)
    {
      json_builder_set_member_name (builder, "obey_robots");
      json_builder_add_boolean_value (builder, FALSE);
    }
  if (follow_links)
    {
      json_builder_set_member_name (builder, "follow_links");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (selectors != NULL)
    {
      static const char * const names[] = { "item", "title", "link", "location", "company", "date", "next", NULL };

      json_builder_set_member_name (builder, "selectors");
      json_builder_begin_object (builder);
      for (guint i = 0; selectors[i] != NULL; i++)
        {
          const char *eq = strchr (selectors[i], '=');
          g_autofree char *name = eq ? g_strndup (selectors[i], (gsize) (eq - selectors[i])) : NULL;

          if (name == NULL || !g_strv_contains (names, name) || eq[1] == '\0')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--selector takes NAME=XPATH with NAME one of item, title, link, location, company, date, next (got “%s”)"),
                           selectors[i]);
              return NULL;
            }
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, eq + 1);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* `sources add URL` without a kind: what the URL is, found out (a board's
 * posting or page, a page of postings, a feed), or the boards a careers
 * page hands off to: each is added, one id per line on stdout. */
static int
add_detected (ScraperContext *context,
              const char     *url,
              const char     *name,
              const char     *settings)
{
  ScraperStore *store = scraper_context_get_store (context);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *page_host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url;
  g_autofree char *given = scraper_handoff_short_url (url);
  guint added = 0, known = 0;

  found = scraper_handoff_detect (scraper_context_get_fetcher (context), url, NULL, &error);
  if (found == NULL)
    return scraper_cli_error (SCRAPER_CLI_FAILED, _("%s; choose a kind with --kind"), error->message);

  if (name != NULL && found->len > 1)
    g_printerr ("%s\n", _("--name names one source: each board found is named after its company"));

  for (guint i = 0; i < found->len; i++)
    {
      ScraperHandoff *handoff = g_ptr_array_index (found, i);
      g_autofree char *short_url = scraper_handoff_short_url (handoff->url);
      g_autoptr(GError) add_error = NULL;
      gboolean existed = FALSE;
      gint64 id;

      /* The page itself has postings: today's one source.  Else say which
       * board it led to. */
      if (handoff->evidence != NULL)
        /* Translators: "www.acme.com uses Lever: jobs.lever.co/acme" */
        g_printerr (_("%s uses %s: %s\n"), page_host, scraper_handoff_get_vendor (handoff), short_url);
      else if (handoff->vendor != NULL && !g_str_equal (given, short_url))
        /* Translators: "An address on Lever: adding the whole board jobs.lever.co/acme" */
        g_printerr (_("An address on %s: adding the whole board %s\n"), handoff->vendor, short_url);

      id = scraper_handoff_add (store, handoff, found->len == 1 ? name : NULL, settings, &existed, &add_error);
      if (id <= 0)
        {
          if (g_error_matches (add_error, SCRAPER_ADAPTER_ERROR, SCRAPER_ADAPTER_ERROR_UNKNOWN_KIND))
            g_printerr ("%s\n", add_error->message);
          else
            g_printerr (_("Could not add the source: %s\n"), add_error->message);
          continue;
        }

      g_print ("%" G_GINT64_FORMAT "\n", id);
      if (existed)
        {
          /* Translators: %s is an address, %lld a source id */
          g_printerr (_("%s is already a source (id %lld): not added again.\n"), short_url, (long long) id);
          known++;
        }
      else
        {
          g_autoptr(GPtrArray) sources = NULL;
          const char *added_name = NULL;

          sources = scraper_store_list_sources (store, NULL);
          for (guint j = 0; sources != NULL && j < sources->len; j++)
            if (((ScraperSource *) g_ptr_array_index (sources, j))->id == id)
              added_name = ((ScraperSource *) g_ptr_array_index (sources, j))->name;
          /* Translators: the first %s is the kind of source found ("greenhouse",
           * "feed", …), the second its name */
          g_printerr (_("Added the %s source “%s”.\n"), handoff->kind, added_name != NULL ? added_name : short_url);
          added++;
        }
    }

  if (added + known == 0)
    return scraper_cli_error (SCRAPER_CLI_FAILED, _("No source was added"));
  return SCRAPER_CLI_OK;
}

static int
sources_add (const ScraperCliGlobal *global,
             int                     argc,
             char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kinds = g_strjoinv (", ", (char **) scraper_source_get_kinds ());
  g_autofree char *settings = NULL;
  g_auto(GStrv) selectors = NULL;
  gboolean ignore_robots = FALSE, follow_links = FALSE;
  int max_pages = 0, max_depth = -1;
  int code = SCRAPER_CLI_OK;
  gint64 id;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("The kind of source (auto, jsonld, greenhouse, lever, ashby, workable, smartrecruiters, recruitee, personio, workday, bamboohr, pinpoint, gem, jobvite, join, paylocity, phenom, feed, html)"), N_("KIND") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("A name for the source (default: the board or host name, until a scrape finds the company of its postings)"), N_("NAME") },
    { "max-pages", 0, 0, G_OPTION_ARG_INT, &max_pages, N_("Fetch at most N pages of the site (default 5000)"), N_("N") },
    { "max-depth", 0, 0, G_OPTION_ARG_INT, &max_depth, N_("Follow links at most N steps from the start page (default 3)"), N_("N") },
    { "ignore-robots", 0, 0, G_OPTION_ARG_NONE, &ignore_robots, N_("Do not obey the site’s robots.txt"), NULL },
    { "selector", 0, 0, G_OPTION_ARG_STRING_ARRAY, &selectors, N_("For kind html: an XPath selector NAME=XPATH, NAME one of item, title, link, location, company, date, next (repeatable)"), N_("NAME=XPATH") },
    { "follow-links", 0, 0, G_OPTION_ARG_NONE, &follow_links, N_("For kind html: follow each item’s link to its page"), NULL },
    { NULL }
  };

  options = scraper_cli_option_context_new (_("URL"), _("Add a source and print its id."),
                                            _("With --kind auto (the default) the kind is told from the URL, or by\n"
                                              "fetching it. A posting on a known job board adds the whole board; a\n"
                                              "careers page that hands off to job boards adds each board it names,\n"
                                              "one id per line."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!scraper_cli_parse (options, "sources add", &argc, &argv))
    return SCRAPER_CLI_USAGE;

  if (argc != 2)
    return scraper_cli_error (SCRAPER_CLI_USAGE, argc < 2 ? _("sources add needs a URL")
                                                          : _("sources add takes one URL"));

  if (!check_url (argv[1], &error))
    return scraper_cli_error (SCRAPER_CLI_USAGE, "%s", error->message);

  if (kind != NULL && g_strcmp0 (kind, "auto") != 0 && !scraper_source_kind_is_valid (kind))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown kind “%s”; the kinds are auto, %s"), kind, kinds);

  if (max_pages < 0)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--max-pages takes a positive number"));
  settings = build_settings (max_pages, max_depth, ignore_robots, follow_links, selectors, &error);
  if (error != NULL)
    return scraper_cli_error (SCRAPER_CLI_USAGE, "%s", error->message);
  if (selectors != NULL && g_strcmp0 (kind, "html") != 0)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("--selector is for --kind html"));

  if (!(context = scraper_cli_open (global, &code)))
    return code;

  if (kind == NULL || g_strcmp0 (kind, "auto") == 0)
    return add_detected (context, argv[1], name, settings);

  source = scraper_source_new ();
  source->url = g_strdup (argv[1]);
  source->kind = g_strdup (kind);
  source->name = name != NULL && *name != '\0' ? g_strdup (name)
                                               : scraper_adapter_default_name (argv[1], source->kind);
  source->enabled = TRUE;
  source->settings = g_steal_pointer (&settings);
  /* Selectors that cannot work are said now, not at the first scrape. */
  if (selectors != NULL && !scraper_adapter_check_settings (source, &error))
    return scraper_cli_error (SCRAPER_CLI_USAGE, "%s", error->message);

  id = scraper_store_add_source (scraper_context_get_store (context), source, &error);
  if (id <= 0)
    return scraper_cli_error (SCRAPER_CLI_FAILED, _("Could not add the source: %s"), error->message);

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return SCRAPER_CLI_OK;
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return g_strdup (_("never"));
  dt = g_date_time_new_from_unix_local (unix_seconds);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static int
sources_list (const ScraperCliGlobal *global,
              int                     argc,
              char                  **argv)
{
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int code = SCRAPER_CLI_OK;

  if (!(context = scraper_cli_open_listing (global, "sources list", _("List the sources."), argc, argv, &json, &code)))
    return code;

  sources = scraper_store_list_sources (scraper_context_get_store (context), &error);
  if (sources == NULL)
    return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);

  if (json)
    {
      scraper_cli_print_json_array (sources, (ScraperCliToJson) scraper_source_to_json);
      return SCRAPER_CLI_OK;
    }

  if (sources->len == 0)
    {
      g_printerr ("%s\n", _("No sources yet. Add one with “job-scraper sources add URL”."));
      return SCRAPER_CLI_OK;
    }

  {
    g_autofree char *h_name = scraper_cli_fit (_("NAME"), 24);
    g_autofree char *h_kind = scraper_cli_fit (_("KIND"), 15);
    g_autofree char *h_on = scraper_cli_fit (_("ENABLED"), 8);
    g_autofree char *h_run = scraper_cli_fit (_("LAST RUN"), 17);
    g_autofree char *h_out = scraper_cli_fit (_("OUTCOME"), 10);

    g_print ("%-5s %s %s %s %s %s %s\n", _("ID"), h_name, h_kind, h_on, h_run, h_out, _("URL"));
  }

  for (guint i = 0; i < sources->len; i++)
    {
      ScraperSource *s = g_ptr_array_index (sources, i);
      g_autofree char *name = scraper_cli_fit (s->name, 24);
      g_autofree char *kind = scraper_cli_fit (s->kind, 15);
      g_autofree char *enabled = scraper_cli_fit (s->enabled ? _("yes") : _("no"), 8);
      g_autofree char *when = format_time (s->last_run);
      g_autofree char *when_fit = scraper_cli_fit (when, 17);
      g_autofree char *outcome = scraper_cli_fit (s->last_outcome ? s->last_outcome : "-", 10);

      g_print ("%-5" G_GINT64_FORMAT " %s %s %s %s %s %s\n", s->id, name, kind, enabled, when_fit, outcome, s->url);
      if (s->last_error != NULL && *s->last_error != '\0')
        g_print ("      %s %s\n", _("error:"), s->last_error);
    }

  return SCRAPER_CLI_OK;
}

static int
sources_change (const ScraperCliGlobal *global,
                const char             *verb,
                int                     argc,
                char                  **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(ScraperContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("sources %s", verb);
  ScraperStore *store;
  int code = SCRAPER_CLI_OK;
  gboolean ok;
  gint64 id;

  options = scraper_cli_option_context_new (_("ID"), NULL, NULL);
  if (!scraper_cli_parse (options, command, &argc, &argv))
    return SCRAPER_CLI_USAGE;
  if (argc != 2)
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("%s needs one source id"), command);
  if (!scraper_cli_parse_id (argv[1], &id))
    return scraper_cli_error (SCRAPER_CLI_USAGE, _("“%s” is not a source id (a positive number)"), argv[1]);

  if (!(context = scraper_cli_open (global, &code)))
    return code;
  store = scraper_context_get_store (context);

  if (g_str_equal (verb, "remove"))
    ok = scraper_store_remove_source (store, id, &error);
  else
    ok = scraper_store_set_source_enabled (store, id, g_str_equal (verb, "enable"), &error);

  if (!ok)
    {
      if (g_error_matches (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND))
        return scraper_cli_error (SCRAPER_CLI_FAILED, _("There is no source with id %lld"), (long long) id);
      return scraper_cli_error (SCRAPER_CLI_FAILED, "%s", error->message);
    }

  return SCRAPER_CLI_OK;
}

int
scraper_cli_sources (const ScraperCliGlobal *global,
                     int                     argc,
                     char                  **argv)
{
  const char *verb = NULL;
  int i;

  /* The sub-command is the first word after "sources". */
  for (i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      {
        verb = argv[i];
        break;
      }

  if (verb == NULL)
    {
      for (int j = 1; j < argc; j++)
        if (g_str_equal (argv[j], "--help") || g_str_equal (argv[j], "-h"))
          {
            g_print ("%s", _("Usage:\n"
                             "  job-scraper sources add URL [--kind KIND] [--name NAME]\n"
                             "  job-scraper sources list [--json]\n"
                             "  job-scraper sources find NAME [--add] [--json]\n"
                             "  job-scraper sources remove ID\n"
                             "  job-scraper sources enable ID\n"
                             "  job-scraper sources disable ID\n"));
            return SCRAPER_CLI_OK;
          }
      return scraper_cli_error (SCRAPER_CLI_USAGE, _("sources needs a sub-command: add, list, remove, enable or disable"));
    }

  /* Drop the verb so that the options parser sees "sources VERB [args]". */
  memmove (&argv[i], &argv[i + 1], sizeof (char *) * (size_t) (argc - i));
  argc--;

  if (g_str_equal (verb, "add"))
    return sources_add (global, argc, argv);
  if (g_str_equal (verb, "list"))
    return sources_list (global, argc, argv);
  if (g_str_equal (verb, "find"))
    return scraper_cli_sources_find (global, argc, argv);
  if (g_str_equal (verb, "remove") || g_str_equal (verb, "enable") || g_str_equal (verb, "disable"))
    return sources_change (global, verb, argc, argv);

  return scraper_cli_error (SCRAPER_CLI_USAGE, _("Unknown sub-command “sources %s”; use add, list, remove, enable or disable"), verb);
}
