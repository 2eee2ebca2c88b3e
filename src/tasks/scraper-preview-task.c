/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-preview-task"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "scrape/scraper-adapter.h"
#include "scraper-preview-task.h"

/* The Add Source dialog's preview: detects the kind of a source (unless
 * given) and reads a first few pages of it, without storing anything. */

#define PREVIEW_MAX_PAGES   25  /* a crawl counts each posting page */
#define PREVIEW_LIMIT       500
#define PREVIEW_TITLES      3

/* On a worker thread */

typedef struct {
  ScraperFetcher *fetcher;
  char           *url;
  char           *kind;       /* NULL = detect */
  char           *settings;
} DetectData;

static void
detect_data_free (gpointer data)
{
  DetectData *d = data;

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

      if (state->titles->len < PREVIEW_TITLES && posting->title != NULL)
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

  return json_to_string (root, FALSE);
}

static void
detect_func (ScraperTask  *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DetectData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kind = NULL;
  GVariantBuilder builder;
  ScraperAdapterCallbacks callbacks = { 0, };
  ScraperAdapterStats stats = { 0, };
  g_autoptr(ScraperCompanyTally) companies = scraper_company_tally_new ();
  g_autofree char *company = NULL;
  PreviewState state = { 0, titles, companies };
  gboolean more = FALSE;

  scraper_task_report (task, SCRAPER_TASK_FRACTION_INDETERMINATE, _("Detecting the kind of source"));

  if (d->kind != NULL)
    kind = g_strdup (d->kind);
  else if (scraper_adapter_guess_kind (d->url) != NULL)
    kind = g_strdup (scraper_adapter_guess_kind (d->url));
  else if (!(kind = scraper_adapter_detect_kind (d->fetcher, d->url, cancellable, &error)))
    {
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  scraper_task_report (task, SCRAPER_TASK_FRACTION_INDETERMINATE, _("Looking for postings"));

  source = scraper_source_new ();
  source->name = g_strdup (d->url);
  source->url = g_strdup (d->url);
  source->kind = g_strdup (kind);
  source->settings = preview_settings (d->settings);
  source->enabled = TRUE;

  callbacks.postings = preview_postings;
  callbacks.source_title = preview_source_title;
  callbacks.user_data = &state;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "kind", g_variant_new_string (kind));

  if (!scraper_adapter_run (source, d->fetcher, &callbacks, &stats, cancellable, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        more = TRUE;
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_variant_builder_clear (&builder);
          g_free (state.source_title);
          scraper_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else
        g_variant_builder_add (&builder, "{sv}", "preview-error", g_variant_new_string (error->message));
    }
  else
    more = !stats.complete;

  g_ptr_array_add (titles, NULL);
  if ((company = scraper_company_tally_majority (companies)) == NULL)
    company = g_steal_pointer (&state.source_title);
  g_clear_pointer (&state.source_title, g_free);
  if (company != NULL)
    g_variant_builder_add (&builder, "{sv}", "company", g_variant_new_string (company));
  g_variant_builder_add (&builder, "{sv}", "found", g_variant_new_uint32 (state.found));
  g_variant_builder_add (&builder, "{sv}", "more", g_variant_new_boolean (more));
  g_variant_builder_add (&builder, "{sv}", "titles",
                         g_variant_new_strv ((const char * const *) titles->pdata, -1));
  scraper_task_return_result (task, g_variant_builder_end (&builder));
}

ScraperTask *
scraper_preview_task_new (ScraperFetcher *fetcher,
                          const char     *url,
                          const char     *kind,
                          const char     *settings,
                          const char     *title)
{
  DetectData *d;

  g_return_val_if_fail (SCRAPER_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  d = g_new0 (DetectData, 1);
  d->fetcher = g_object_ref (fetcher);
  d->url = g_strdup (url);
  d->kind = g_strdup (kind);
  d->settings = g_strdup (settings);

  return scraper_task_new ("preview", title, detect_func, d, detect_data_free);
}
