/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-sample-site"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "scraper-sample-site.h"
#include "scraper-sample-site-resources.h"

#define RESOURCE_PREFIX "/com/example/JobScraper/sample-site"

struct _ScraperSampleSite
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GResource    *resource;
  char         *url;

  /* Start-up handshake */
  GMutex        mutex;
  GCond         cond;
  gboolean      started;
  GError       *start_error;
};

static const char *
content_type_for (const char *path)
{
  if (g_str_has_suffix (path, ".html"))
    return "text/html; charset=utf-8";
  if (g_str_has_suffix (path, ".txt"))
    return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

/* Runs in the server thread.  The resource is immutable, so reading it
 * from here needs no lock. */
static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  ScraperSampleSite *self = user_data;
  g_autofree char *resource_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_strcmp0 (path, "/") == 0)
    path = "/careers/index.html";

  /* GResource paths never contain "..", but a request path might. */
  if (strstr (path, "..") == NULL)
    {
      resource_path = g_strconcat (RESOURCE_PREFIX, path, NULL);
      bytes = g_resource_lookup_data (self->resource, resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }

  if (bytes == NULL)
    {
      static const char not_found[] = "Not Found";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, not_found, strlen (not_found));
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type_for (path), SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gpointer
server_thread (gpointer user_data)
{
  ScraperSampleSite *self = user_data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);

  server = soup_server_new ("server-header", "JobScraperSampleSite ", NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);
  if (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      GSList *uris = soup_server_get_uris (server);

      if (uris != NULL)
        self->url = g_strdup_printf ("http://127.0.0.1:%d/careers/index.html",
                                     g_uri_get_port (uris->data));
      else
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The sample job board has no address to listen on"));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }
  else
    g_prefix_error (&error, _("Could not start the sample job board: "));

  g_mutex_lock (&self->mutex);
  self->start_error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->url != NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_object (&server);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
sample_site_free (ScraperSampleSite *self)
{
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_clear_error (&self->start_error);
  g_free (self->url);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

ScraperSampleSite *
scraper_sample_site_start (GError **error)
{
  ScraperSampleSite *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (ScraperSampleSite, 1);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  /* The generated getter also keeps the resource object file linked in
   * from the static library. */
  self->resource = scraper_sample_site_get_resource ();
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("sample-job-board", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    {
      g_thread_join (self->thread);
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      sample_site_free (self);
      return NULL;
    }

  g_debug ("Sample job board at %s", self->url);
  return self;
}

const char *
scraper_sample_site_get_url (ScraperSampleSite *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

static gboolean
quit_cb (gpointer user_data)
{
  ScraperSampleSite *self = user_data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

void
scraper_sample_site_stop (ScraperSampleSite *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self);
  g_thread_join (self->thread);
  sample_site_free (self);
}

static ScraperSampleSite *default_site;

static void
stop_default_site (void)
{
  g_clear_pointer (&default_site, scraper_sample_site_stop);
}

ScraperSampleSite *
scraper_sample_site_get_default (GError **error)
{
  if (default_site == NULL)
    {
      default_site = scraper_sample_site_start (error);
      if (default_site != NULL)
        atexit (stop_default_site);
    }

  return default_site;
}
