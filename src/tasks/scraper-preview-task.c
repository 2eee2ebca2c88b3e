/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-preview-task"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "scrape/scraper-adapter.h"
#include "scrape/scraper-handoff.h"
#include "scraper-preview-task.h"

/* The Add Source dialog's preview, on a worker thread. */

#define PREVIEW_MAX_PAGES   25  /* a crawl counts each posting page */
#define PREVIEW_LIMIT       500

typedef struct {
  ScraperFetcher *fetcher;
  char           *url;
  char           *kind;       /* NULL = detect */
  char           *settings;
} PreviewData;

static void
preview_data_free (gpointer data)
{
  PreviewData *d = data;

  g_clear_object (&d->fetcher);
  g_free (d->url);
  g_free (d->kind);
  g_free (d->settings);
  g_free (d);
}

typedef struct {
  guint                found;
  GPtrArray           *titles;
  ScraperCompanyTally *companies;
  char                *source_title;   /* what the source calls itself */
} PreviewState;

static void
preview_source_title (const char *title,
                      gpointer    user_data)
{
  PreviewState *state = user_data;

  g_free (state->source_title);
  state->source_title = g_strdup (title);
}

static gboolean
preview_postings (GPtrArray  *postings,
                  gpointer    user_data,
                  GError    **error)
{
  PreviewState *state = user_data;

  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      if (state->titles->len < SCRAPER_PREVIEW_TITLES && posting->title != NULL)
        g_ptr_array_add (state->titles, g_strdup (posting->title));
      scraper_company_tally_add (state->companies, posting);
    }
  state->found += postings->len;

  /* A preview needs no more than this; stop the crawl. */
  if (state->found >= PREVIEW_LIMIT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "enough");
      return FALSE;
    }

  return TRUE;
}

static char *
preview_settings (const char *settings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (settings != NULL && json_parser_load_from_data (parser, settings, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_copy (json_parser_get_root (parser));
  else
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
    }

  object = json_node_get_object (root);
  if (!json_object_has_member (object, "max_pages") ||
      json_object_get_int_member (object, "max_pages") > PREVIEW_MAX_PAGES)
    json_object_set_int_member (object, "max_pages", PREVIEW_MAX_PAGES);
  /* Boards read each posting's detail (Workday, BambooHR): not for a preview. */
  json_object_set_boolean_member (object, "details", FALSE);

  return json_to_string (root, FALSE);
}

/* Reads the first postings of @url as @kind into @builder (an a{sv}
 * being built).  FALSE when cancelled (with @error). */
static gboolean
preview_one (PreviewData     *d,
             const char      *url,
             const char      *kind,
             GVariantBuilder *builder,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ScraperCompanyTally) companies = scraper_company_tally_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *company = NULL;
  ScraperAdapterCallbacks callbacks = { 0, };
  ScraperAdapterStats stats = { 0, };
  PreviewState state = { 0, titles, companies, NULL };
  gboolean more = FALSE;
  gboolean at_least = FALSE;

  source->name = g_strdup (url);
  source->url = g_strdup (url);
  source->kind = g_strdup (kind);
  source->settings = preview_settings (d->settings);
  source->enabled = TRUE;

  callbacks.postings = preview_postings;
  callbacks.source_title = preview_source_title;
  callbacks.user_data = &state;

  if (!scraper_adapter_run (source, d->fetcher, &callbacks, &stats, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        more = at_least = TRUE;
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_free (state.source_title);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        g_variant_builder_add (builder, "{sv}", "preview-error", g_variant_new_string (local_error->message));
    }
  else
    more = !stats.complete;

  g_ptr_array_add (titles, NULL);
  if ((company = scraper_company_tally_majority (companies)) == NULL)
    company = g_steal_pointer (&state.source_title);
  g_clear_pointer (&state.source_title, g_free);
  if (company != NULL)
    g_variant_builder_add (builder, "{sv}", "company", g_variant_new_string (company));
  g_variant_builder_add (builder, "{sv}", "found", g_variant_new_uint32 (state.found));
  g_variant_builder_add (builder, "{sv}", "more", g_variant_new_boolean (more));
  /* What is known when there are more: a lower bound (the preview stopped
   * reading), or how many pages it read and what the source says it has. */
  if (at_least)
    g_variant_builder_add (builder, "{sv}", "at-least", g_variant_new_boolean (TRUE));
  else if (more)
    {
      g_variant_builder_add (builder, "{sv}", "pages", g_variant_new_uint32 (stats.pages_fetched));
      if (stats.total_estimate > state.found)
        g_variant_builder_add (builder, "{sv}", "total-estimate", g_variant_new_uint32 (stats.total_estimate));
    }
  g_variant_builder_add (builder, "{sv}", "titles",
                         g_variant_new_strv ((const char * const *) titles->pdata, -1));
  return TRUE;
}

/* The boards @url leads to, each with its first postings. */
static GVariant *
preview_boards (PreviewData  *d,
                ScraperTask  *task,
                GPtrArray    *boards,
                GCancellable *cancellable,
                GError      **error)
{
  GVariantBuilder list;
  GVariantBuilder result;

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < boards->len; i++)
    {
      ScraperHandoff *h = g_ptr_array_index (boards, i);
      gboolean readable = scraper_source_kind_is_valid (h->kind);
      GVariantBuilder board;

      g_variant_builder_init (&board, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&board, "{sv}", "kind", g_variant_new_string (h->kind));
      g_variant_builder_add (&board, "{sv}", "vendor", g_variant_new_string (h->vendor != NULL ? h->vendor : h->kind));
      g_variant_builder_add (&board, "{sv}", "url", g_variant_new_string (h->url));
      g_variant_builder_add (&board, "{sv}", "board", g_variant_new_string (h->board != NULL ? h->board : ""));
      if (h->evidence != NULL)
        g_variant_builder_add (&board, "{sv}", "evidence", g_variant_new_string (h->evidence));
      g_variant_builder_add (&board, "{sv}", "readable", g_variant_new_boolean (readable));

      if (readable)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is a job board product, e.g. Lever */
          message = g_strdup_printf (_("Looking for postings on %s"), h->vendor != NULL ? h->vendor : h->kind);
          scraper_task_report (task, (double) i / boards->len, message);
          if (!preview_one (d, h->url, h->kind, &board, cancellable, error))
            {
              g_variant_builder_clear (&board);
              g_variant_builder_clear (&list);
              return NULL;
            }
        }
      g_variant_builder_add_value (&list, g_variant_builder_end (&board));
    }

  g_variant_builder_init (&result, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&result, "{sv}", "boards", g_variant_builder_end (&list));
  return g_variant_builder_end (&result);
}

static void
preview_func (ScraperTask  *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PreviewData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *kind = NULL;
  GVariantBuilder builder;

  scraper_task_report (task, SCRAPER_TASK_FRACTION_INDETERMINATE, _("Detecting the kind of source"));

  if (d->kind != NULL)
    kind = g_strdup (d->kind);
  else
    {
      ScraperHandoff *first;

      if (!(found = scraper_handoff_detect (d->fetcher, d->url, cancellable, &error)))
        {
          scraper_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      first = g_ptr_array_index (found, 0);
      /* Boards (a careers page's, a posting's), or the page itself. */
      if (found->len > 1 || first->evidence != NULL || g_strcmp0 (first->url, d->url) != 0)
        {
          GVariant *result = preview_boards (d, task, found, cancellable, &error);

          if (result == NULL)
            scraper_task_return_error (task, g_steal_pointer (&error));
          else
            scraper_task_return_result (task, result);
          return;
        }
      kind = g_strdup (first->kind);
    }

  scraper_task_report (task, SCRAPER_TASK_FRACTION_INDETERMINATE, _("Looking for postings"));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "kind", g_variant_new_string (kind));
  if (!preview_one (d, d->url, kind, &builder, cancellable, &error))
    {
      g_variant_builder_clear (&builder);
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  scraper_task_return_result (task, g_variant_builder_end (&builder));
}

ScraperTask *
scraper_preview_task_new (ScraperFetcher *fetcher,
                          const char     *url,
                          const char     *kind,
                          const char     *settings,
                          const char     *title)
{
  PreviewData *d;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  d = g_new0 (PreviewData, 1);
  d->fetcher = g_object_ref (fetcher);
  d->url = g_strdup (url);
  d->kind = g_strdup (kind);
  d->settings = g_strdup (settings);
  return scraper_task_new ("preview", title, preview_func, d, preview_data_free);
}
