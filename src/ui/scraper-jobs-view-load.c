/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jobs-view"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-jobs-view-private.h"
#include "scraper-posting-object.h"

/* The Jobs list's postings: the queries on the store's thread, the pages,
 * the count.  The list model (scraper-posting-list-model.c) keeps only the
 * pages near the rows shown, and reads the others again when shown. */

/* The list's queries run on a thread of their own, so that typing in the
 * search entry never waits for SQLite; a newer query cancels the older. */
typedef struct {
  ScraperStore *store;
  ScraperQuery  query;
  char         *search;
  GPtrArray    *postings;
  guint         total;
  guint         n_all;
  gint64        started;
  gboolean      next_page;   /* appends to the list; counts nothing */
  gboolean      count_only;  /* counts what the first page showed part of */
  gboolean      count_later; /* the first page is full: a count follows it */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_object (&load->store);
  g_free (load->search);
  g_clear_pointer (&load->postings, g_ptr_array_unref);
  g_free (load);
}

/* On the store's thread, after the writes asked for before (a star shows
 * in a list loaded after it). */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Counting every match of a frequent word costs more than the page: it
   * follows the page shown, as a load of its own (count_done()). */
  if (load->count_only)
    {
      load->total = scraper_store_count_postings_cancellable (load->store, &load->query, cancellable, &error);
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  /* Typing cancels the query it makes obsolete, in SQLite itself. */
  load->postings = scraper_store_query_postings_cancellable (load->store, &load->query, cancellable, &error);
  if (load->postings == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (load->next_page)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  load->total = load->postings->len;
  load->count_later = load->postings->len == load->query.limit;

  if (load->postings->len == 0 && jobs_view_has_filters (&load->query))
    {
      ScraperQuery all;

      scraper_query_init (&all);
      all.limit = 1;
      load->n_all = scraper_store_count_postings (load->store, &all, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

/* How many filters narrow the list (the sort order is none). */
static guint
count_filters (ScraperJobsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint n = scraper_jobs_filters_get_n_active (self->more_filters);

  while (g_ascii_isspace (*text))
    text++;
  return n + (*text != '\0' ? 1 : 0) + (gtk_toggle_button_get_active (self->starred_toggle) ? 1 : 0) +
         (status != GTK_INVALID_LIST_POSITION && status > 0 ? 1 : 0);
}

void
jobs_view_update_count_label (ScraperJobsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_filters = count_filters (self);
  g_autofree char *count = NULL;

  if (shown < self->n_total)
    /* Translators: "Showing 500 of 12345" */
    count = g_strdup_printf (_("Showing %u of %u"), shown, self->n_total);
  else if (shown > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting", "%u postings", shown), shown);
  if (count != NULL && n_filters > 0)
    {
      g_autofree char *filters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u filter", "%u filters", n_filters),
                                                  n_filters);
      char *both = g_strdup_printf ("%s · %s", count, filters);

      g_free (count);
      count = both;
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
}

static void
next_page_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled by a reload, which resets the list anyway. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading_more = FALSE;
          jobs_view_show_error (self, _("Could not load more postings"), error);
        }
      return;
    }

  self->loading_more = FALSE;

  /* A scrape storing postings between two pages shifts the pages: a
   * posting already shown is not shown twice (the model sees to it). */
  scraper_posting_list_model_append_page (self->items, load->postings, load->query.offset);
  /* Postings stored since the first page may push the end further. */
  self->n_total = MAX (self->n_total, g_list_model_get_n_items (G_LIST_MODEL (self->items)));
  if (load->postings->len < load->query.limit)
    self->n_total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  jobs_view_update_count_label (self);
}

/* The list shows a page of PAGE_LIMIT postings; scrolling to its end reads
 * the next, on the same thread as every query. */
void
scraper_jobs_view_load_more (ScraperJobsView *self)
{
  g_autoptr(GTask) task = NULL;
  guint shown;
  Load *load;

  g_return_if_fail (SCRAPER_IS_JOBS_VIEW (self));

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  if (self->context == NULL || self->loading_more || self->load_cancellable == NULL ||
      shown == 0 || shown >= self->n_total)
    return;

  self->loading_more = TRUE;
  load = g_new0 (Load, 1);
  load->store = g_object_ref (scraper_context_get_store (self->context));
  load->started = g_get_monotonic_time ();
  load->next_page = TRUE;
  jobs_view_build_query (self, &load->query, &load->search);
  load->query.offset = scraper_posting_list_model_get_next_offset (self->items);

  task = g_task_new (self, self->load_cancellable, next_page_done, NULL);
  g_task_set_source_tag (task, scraper_jobs_view_load_more);
  g_task_set_task_data (task, load, load_free);
  g_task_set_check_cancellable (task, TRUE);
  scraper_store_run_in_thread (task, load_in_thread);
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Cancelled by a newer load, which counts for itself. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the postings: %s", error->message);
      return;
    }

  self->n_total = MAX (self->n_total, MAX (load->total, g_list_model_get_n_items (G_LIST_MODEL (self->items))));
  jobs_view_update_count_label (self);
  g_debug ("Counted %u postings in %.1f ms", load->total,
           (g_get_monotonic_time () - load->started) / 1000.0);
}

static void
count_in_thread (ScraperJobsView    *self,
                 const ScraperQuery *query)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  load = g_new0 (Load, 1);
  load->store = g_object_ref (scraper_context_get_store (self->context));
  load->started = g_get_monotonic_time ();
  load->count_only = TRUE;
  load->query = *query;
  load->search = g_strdup (query->search);
  load->query.search = load->search;

  task = g_task_new (self, self->load_cancellable, count_done, NULL);
  g_task_set_source_tag (task, count_in_thread);
  g_task_set_task_data (task, load, load_free);
  g_task_set_check_cancellable (task, TRUE);
  scraper_store_run_in_thread (task, load_in_thread);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScraperJobsView *self = SCRAPER_JOBS_VIEW (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint shown;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A half-typed search may not parse yet; say so where the count is. */
      gtk_label_set_label (self->count_label, error->message);
      scraper_posting_list_model_reset (self->items, load->store, &load->query, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "no-results");
      return;
    }

  shown = load->postings->len;
  self->n_total = load->total;
  scraper_posting_list_model_reset (self->items, load->store, &load->query, load->postings);
  if (load->count_later)
    {
      /* Said once counted; until then no more pages are asked for. */
      gtk_label_set_label (self->count_label, "");
      count_in_thread (self, &load->query);
    }
  else
    jobs_view_update_count_label (self);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->content_stack, load->n_all > 0 ? "no-results" : "empty");

  g_debug ("Loaded %u of %u postings in %.1f ms", shown, self->n_total,
           (g_get_monotonic_time () - load->started) / 1000.0);
}

void
scraper_jobs_view_reload (ScraperJobsView *self)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (SCRAPER_IS_JOBS_VIEW (self));

  if (self->context == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->loading_more = FALSE;
  /* The pages read again for the query shown are obsolete too. */
  scraper_posting_list_model_cancel_reads (self->items);

  load = g_new0 (Load, 1);
  load->store = g_object_ref (scraper_context_get_store (self->context));
  load->started = g_get_monotonic_time ();
  jobs_view_build_query (self, &load->query, &load->search);
  jobs_view_offer_to_save (self, &load->query);

  task = g_task_new (self, self->load_cancellable, load_done, NULL);
  g_task_set_source_tag (task, scraper_jobs_view_reload);
  g_task_set_task_data (task, load, load_free);
  /* A cancelled query reports nothing: the newer one will. */
  g_task_set_check_cancellable (task, TRUE);
  scraper_store_run_in_thread (task, load_in_thread);
}
