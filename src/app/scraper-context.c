/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-context"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-context.h"
#include "tasks/scraper-enrich-task.h"
#include "tasks/scraper-scrape-task.h"

#define HISTORY_LIMIT 200
/* A cancelled task shows "cancelled" before its worker is done (it finishes
 * the batch it writes in the background): at quit, give the workers the
 * time to record their runs. */
#define SHUTDOWN_WAIT_MS 5000

struct _ScraperContext
{
  GObject             parent_instance;

  ScraperStore       *store;
  ScraperTaskManager *tasks;
  GSettings          *settings;      /* nullable */
  ScraperFetcher     *fetcher;       /* lazily made from the settings */
  ScraperEnricher    *enricher;      /* lazily made from the profile */
  guint               n_interrupted;
};

G_DEFINE_FINAL_TYPE (ScraperContext, scraper_context, G_TYPE_OBJECT)

char *
scraper_context_resolve_db_path (const char *db_path)
{
  const char *env = g_getenv ("JOB_SCRAPER_DB");

  if (db_path != NULL && *db_path != '\0')
    return g_strdup (db_path);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return scraper_store_get_default_path ();
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; using defaults", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static int
setting_int (ScraperContext *self,
             const char     *key,
             int             fallback)
{
  return self->settings != NULL ? g_settings_get_int (self->settings, key) : fallback;
}

static void
drop_fetcher (ScraperContext *self)
{
  g_clear_object (&self->fetcher);
}

static void
drop_enricher (ScraperContext *self)
{
  g_clear_pointer (&self->enricher, scraper_enricher_unref);
}

ScraperFetcher *
scraper_context_get_fetcher (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);

  if (self->fetcher == NULL)
    {
      ScraperFetchOptions options;
      g_autofree char *user_agent = NULL;

      scraper_fetch_options_init (&options);
      if (self->settings != NULL)
        {
          user_agent = g_settings_get_string (self->settings, "user-agent");
          if (*user_agent != '\0')
            {
              g_free (options.user_agent);
              options.user_agent = g_steal_pointer (&user_agent);
            }
          options.obey_robots = g_settings_get_boolean (self->settings, "obey-robots");
        }
      options.timeout_s = (guint) setting_int (self, "request-timeout", (int) options.timeout_s);
      options.per_host_delay_ms = (guint) setting_int (self, "per-host-delay", (int) options.per_host_delay_ms);
      options.max_per_host = (guint) setting_int (self, "connections-per-host", (int) options.max_per_host);
      options.max_body_bytes = (gsize) setting_int (self, "max-body-size", 10) * 1024 * 1024;

      self->fetcher = scraper_fetcher_new (&options);
      scraper_fetch_options_clear (&options);
    }

  return self->fetcher;
}

ScraperEnricher *
scraper_context_get_enricher (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);

  if (self->enricher == NULL)
    {
      g_auto(GStrv) keywords = NULL;

      if (self->settings != NULL)
        keywords = g_settings_get_strv (self->settings, "profile-keywords");
      self->enricher = scraper_enricher_new ((const char * const *) keywords);
    }

  return self->enricher;
}

ScraperLlm *
scraper_context_dup_llm (ScraperContext  *self,
                         GError         **error)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *model = NULL;
  ScraperLlmOptions options = { 0, };

  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "llm-enabled"))
    return NULL;

  endpoint = g_settings_get_string (self->settings, "llm-endpoint");
  model = g_settings_get_string (self->settings, "llm-model");
  options.endpoint = endpoint;
  options.model = model;
  /* Never in the settings: they are plain files anyone may read or back up. */
  options.api_key = g_getenv (SCRAPER_LLM_API_KEY_ENV);
  /* A model may think for minutes on a computer without a GPU; a web
   * page's timeout would give up on every answer. */
  options.timeout_s = (guint) MAX (setting_int (self, "request-timeout", 30), 120);

  return scraper_llm_new (&options, error);
}

guint
scraper_context_get_llm_max (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), 100);
  return (guint) setting_int (self, "llm-max-postings", 100);
}

ScraperTask *
scraper_context_enrich (ScraperContext      *self,
                        ScraperLlm          *llm,
                        guint                llm_max,
                        ScraperTaskPriority  priority)
{
  ScraperTask *task;

  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);

  task = scraper_enrich_task_new_with_llm (self->store, scraper_context_get_enricher (self),
                                           llm, llm_max);
  scraper_task_manager_submit (self->tasks, task, priority);
  return task;
}

static void
on_settings_changed (ScraperContext *self,
                     const char     *key,
                     GSettings      *settings)
{
  if (g_str_equal (key, "profile-keywords"))
    drop_enricher (self);
  else if (g_str_equal (key, "user-agent") || g_str_equal (key, "obey-robots") ||
           g_str_equal (key, "request-timeout") || g_str_equal (key, "per-host-delay") ||
           g_str_equal (key, "connections-per-host") ||
           g_str_equal (key, "max-body-size"))
    drop_fetcher (self);
}

static void
save_task_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = user_data;

  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error))
    g_warning ("Could not record the task “%s”: %s", title, error->message);
}

/* Off the main thread, in order: the store's writer applies the states of
 * a task one after the other. */
static void
save_task (ScraperContext *self,
           ScraperTask    *task)
{
  GVariant *result = scraper_task_get_result (task);
  g_autofree char *result_text = result != NULL ? g_variant_print (result, TRUE) : NULL;
  GDateTime *created = scraper_task_get_created (task);
  GDateTime *started = scraper_task_get_started (task);
  GDateTime *finished = scraper_task_get_finished (task);
  ScraperTaskRecord record = {
    .id = (char *) scraper_task_get_id (task),
    .kind = (char *) scraper_task_get_kind (task),
    .title = (char *) scraper_task_get_title (task),
    .state = (char *) scraper_task_state_to_string (scraper_task_get_state (task)),
    .created = created ? g_date_time_to_unix (created) * G_USEC_PER_SEC + g_date_time_get_microsecond (created) : 0,
    .started = started ? g_date_time_to_unix (started) * G_USEC_PER_SEC + g_date_time_get_microsecond (started) : 0,
    .finished = finished ? g_date_time_to_unix (finished) * G_USEC_PER_SEC + g_date_time_get_microsecond (finished) : 0,
    .result = result_text,
    .error = (char *) scraper_task_get_error (task),
  };

  scraper_store_save_task_async (self->store, &record, save_task_cb, g_strdup (record.title));
}

static void
on_task_state_changed (ScraperTask    *task,
                       GParamSpec     *pspec,
                       ScraperContext *self)
{
  /* Running and finished states are persisted, so a crash leaves a trace
   * that the next start marks as interrupted. */
  save_task (self, task);
}

static void
on_tasks_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  ScraperContext *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(ScraperTask) task = g_list_model_get_item (model, i);

      /* Previews (the Add Source dialog's detection) are not history. */
      if (scraper_task_is_finished (task) || g_object_get_data (G_OBJECT (task), "scraper-context-watched") ||
          g_strcmp0 (scraper_task_get_kind (task), "preview") == 0)
        continue;
      g_object_set_data (G_OBJECT (task), "scraper-context-watched", GINT_TO_POINTER (1));
      save_task (self, task);
      g_signal_connect_object (task, "notify::state", G_CALLBACK (on_task_state_changed), self, 0);
    }
}

static GDateTime *
datetime_from_usec (gint64 usec)
{
  return usec > 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC) : NULL;
}

void
scraper_context_load_history (ScraperContext *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int n;

  g_return_if_fail (SCRAPER_IS_CONTEXT (self));

  n = scraper_store_mark_interrupted (self->store, &error);
  if (n < 0)
    {
      g_warning ("Could not mark interrupted tasks: %s", error->message);
      g_clear_error (&error);
    }
  else
    self->n_interrupted = (guint) n;

  records = scraper_store_list_tasks (self->store, HISTORY_LIMIT, &error);
  if (records == NULL)
    {
      g_warning ("Could not read the task history: %s", error->message);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const ScraperTaskRecord *r = g_ptr_array_index (records, i);
      g_autoptr(GDateTime) created = datetime_from_usec (r->created);
      g_autoptr(GDateTime) started = datetime_from_usec (r->started);
      g_autoptr(GDateTime) finished = datetime_from_usec (r->finished);
      g_autoptr(GVariant) result = NULL;
      g_autoptr(ScraperTask) task = NULL;
      ScraperTaskState state = SCRAPER_TASK_INTERRUPTED;

      if (r->result != NULL)
        result = g_variant_parse (G_VARIANT_TYPE_VARDICT, r->result, NULL, NULL, NULL);
      scraper_task_state_from_string (r->state, &state);

      task = scraper_task_new_from_history (r->id, r->kind, r->title, state,
                                            created, started, finished, result, r->error);
      scraper_task_manager_add_finished (self->tasks, task);
    }
}

ScraperContext *
scraper_context_new (const char  *db_path,
                     GError     **error)
{
  g_autoptr(ScraperContext) self = NULL;
  g_autofree char *path = scraper_context_resolve_db_path (db_path);

  self = g_object_new (SCRAPER_TYPE_CONTEXT, NULL);

  self->store = scraper_store_open (path, error);
  if (self->store == NULL)
    return NULL;

  self->settings = settings_new_if_installed ();
  self->tasks = scraper_task_manager_new ((guint) setting_int (self, "max-concurrent-tasks", 4));

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "max-concurrent-tasks", self->tasks, "max-concurrent",
                       G_SETTINGS_BIND_GET);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed),
                               self, G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->tasks, "items-changed", G_CALLBACK (on_tasks_changed), self, 0);

  return g_steal_pointer (&self);
}

ScraperStore *
scraper_context_get_store (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);
  return self->store;
}

ScraperTaskManager *
scraper_context_get_task_manager (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);
  return self->tasks;
}

GSettings *
scraper_context_get_settings (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);
  return self->settings;
}

guint
scraper_context_get_n_interrupted (ScraperContext *self)
{
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), 0);
  return self->n_interrupted;
}

GPtrArray *
scraper_context_scrape (ScraperContext       *self,
                        const gint64         *source_ids,
                        guint                 n_ids,
                        ScraperTaskPriority   priority,
                        GError              **error)
{
  g_autoptr(GPtrArray) sources = NULL;

  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);

  if (n_ids > 0)
    {
      sources = g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_source_unref);
      for (guint i = 0; i < n_ids; i++)
        {
          ScraperSource *source = scraper_store_get_source (self->store, source_ids[i], error);

          if (source == NULL)
            return NULL;
          g_ptr_array_add (sources, source);
        }
    }
  else
    {
      sources = scraper_store_list_sources (self->store, error);
      if (sources == NULL)
        return NULL;
    }

  /* Named sources run even when disabled; "all" means the enabled ones. */
  if (n_ids == 0)
    for (guint i = sources->len; i > 0; i--)
      if (!((ScraperSource *) g_ptr_array_index (sources, i - 1))->enabled)
        g_ptr_array_remove_index (sources, i - 1);

  return scraper_context_scrape_sources (self, sources, priority);
}

GPtrArray *
scraper_context_scrape_sources (ScraperContext      *self,
                                GPtrArray           *sources,
                                ScraperTaskPriority  priority)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  ScraperFetcher *fetcher;
  ScraperEnricher *enricher;

  g_return_val_if_fail (SCRAPER_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (sources != NULL, NULL);

  fetcher = scraper_context_get_fetcher (self);
  enricher = scraper_context_get_enricher (self);

  for (guint i = 0; i < sources->len; i++)
    {
      ScraperTask *task = scraper_scrape_task_new (self->store, fetcher, enricher,
                                                   g_ptr_array_index (sources, i));

      scraper_task_manager_submit (self->tasks, task, priority);
      g_ptr_array_add (tasks, task);
    }

  return g_steal_pointer (&tasks);
}

void
scraper_context_shutdown (ScraperContext *self)
{
  g_return_if_fail (SCRAPER_IS_CONTEXT (self));

  if (self->tasks != NULL)
    scraper_task_manager_shutdown (self->tasks, SHUTDOWN_WAIT_MS);
  /* The final states of the tasks, saved by the writer. */
  if (self->store != NULL)
    scraper_store_wait_writes (self->store);
}

static void
scraper_context_dispose (GObject *object)
{
  ScraperContext *self = SCRAPER_CONTEXT (object);

  if (self->tasks != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tasks, self);
      scraper_task_manager_shutdown (self->tasks, SHUTDOWN_WAIT_MS);
    }
  if (self->store != NULL)
    scraper_store_wait_writes (self->store);
  g_clear_object (&self->tasks);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->enricher, scraper_enricher_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scraper_context_parent_class)->dispose (object);
}

static void
scraper_context_class_init (ScraperContextClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = scraper_context_dispose;
}

static void
scraper_context_init (ScraperContext *self)
{
}
