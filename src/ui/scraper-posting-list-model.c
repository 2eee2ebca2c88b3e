/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-posting-list-model"

#include "config.h"

#include <math.h>

#include "scraper-posting-list-model.h"

/* A million postings scrolled through must not stay in memory: the model
 * is a run of pages, each the rows of one read of the query (where it was
 * read, how many rows came, which of them were left out as shown before).
 * Only the pages the list asked for last keep their items; the others keep
 * where they were read, and are read there again (OFFSET on the same query,
 * in the same order) when the list asks for one of their rows. */

#define DEFAULT_MAX_PAGES 6

typedef struct {
  guint         serial;
  guint         start;        /* model position of its first row */
  guint         n;            /* rows in the model */
  guint         query_offset; /* where it was read in the query */
  guint         n_read;       /* rows read there */
  GArray       *skipped;      /* guint: indexes of the read left out, or NULL */
  GPtrArray    *items;        /* ScraperPostingObject (or NULL, not asked yet) per row; NULL when dropped */
  guint64       last_used;
  gboolean      reading;
} Page;

struct _ScraperPostingListModel
{
  GObject        parent_instance;

  GPtrArray     *pages;        /* Page, in order */
  guint          n_items;
  guint          next_offset;  /* where a next page starts in the query */
  guint          n_loaded;     /* pages with items */
  guint          max_pages;
  guint64        clock;
  guint          next_serial;
  guint          n_reads;      /* in flight */

  ScraperStore  *store;
  ScraperQuery   query;
  char          *search;
  char          *location;
  char          *employment_type;
  gboolean       query_valid;
  GCancellable  *cancellable;  /* the reads of this query */
  ScraperPosting *blank;       /* what a placeholder shows */
};

static void scraper_posting_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScraperPostingListModel, scraper_posting_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      scraper_posting_list_model_list_model_init))

/* A page's rows not asked for yet are NULL. */
static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->skipped, g_array_unref);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static Page *
page_new (ScraperPostingListModel *self)
{
  Page *page = g_new0 (Page, 1);

  page->serial = ++self->next_serial;
  return page;
}

/* The page that holds @position, by bisection. */
static Page *
find_page (ScraperPostingListModel *self,
           guint                    position)
{
  guint lo = 0, hi = self->pages->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Page *page = g_ptr_array_index (self->pages, mid);

      if (position < page->start)
        hi = mid;
      else if (position >= page->start + page->n)
        lo = mid + 1;
      else
        return page;
    }
  return NULL;
}

static Page *
find_page_by_serial (ScraperPostingListModel *self,
                     guint                    serial,
                     guint                   *index)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      if (page->serial == serial)
        {
          *index = i;
          return page;
        }
    }
  return NULL;
}

/* Only this model holds the page's items: no row, no details pane shows
 * one of them, so dropping them changes nothing anyone sees. */
static gboolean
page_unused (Page *page)
{
  for (guint i = 0; i < page->items->len; i++)
    {
      GObject *item = g_ptr_array_index (page->items, i);

      if (item != NULL && g_atomic_int_get ((gint *) &item->ref_count) > 1)
        return FALSE;
    }
  return TRUE;
}

/* Drops the least recently asked pages beyond the budget, but never one
 * whose items are held elsewhere (the rows shown, the details). */
static void
drop_far_pages (ScraperPostingListModel *self,
                Page                    *keep)
{
  while (self->n_loaded > self->max_pages)
    {
      Page *oldest = NULL;

      for (guint i = 0; i < self->pages->len; i++)
        {
          Page *page = g_ptr_array_index (self->pages, i);

          if (page == keep || page->items == NULL || page->reading)
            continue;
          if ((oldest == NULL || page->last_used < oldest->last_used) && page_unused (page))
            oldest = page;
        }
      if (oldest == NULL)
        return;
      g_clear_pointer (&oldest->items, g_ptr_array_unref);
      self->n_loaded--;
    }
}

static void
emit_items_changed (ScraperPostingListModel *self,
                    guint                    position,
                    guint                    removed,
                    guint                    added)
{
  if (removed == 0 && added == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Reading a page back */

typedef struct {
  ScraperStore *store;
  ScraperQuery  query;
  char         *search;
  char         *location;
  char         *employment_type;
  guint         serial;
  GPtrArray    *postings;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_clear_object (&read->store);
  g_free (read->search);
  g_free (read->location);
  g_free (read->employment_type);
  g_clear_pointer (&read->postings, g_ptr_array_unref);
  g_free (read);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Read *read = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  read->postings = scraper_store_query_postings_cancellable (read->store, &read->query, cancellable, &error);
  if (read->postings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The rows of a read again, without those left out the first time. */
static GPtrArray *
kept_rows (Page      *page,
           GPtrArray *postings)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < postings->len && kept->len < page->n; i++)
    {
      gboolean skip = FALSE;

      for (guint j = 0; page->skipped != NULL && j < page->skipped->len; j++)
        skip |= g_array_index (page->skipped, guint, j) == i;
      if (!skip)
        g_ptr_array_add (kept, g_ptr_array_index (postings, i));
    }
  return kept;
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScraperPostingListModel *self = SCRAPER_POSTING_LIST_MODEL (object);
  Read *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  Page *page;
  guint index;
  guint n_old;

  self->n_reads--;
  page = find_page_by_serial (self, read->serial, &index);
  if (page != NULL)
    page->reading = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: a newer query replaced the pages. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read postings again: %s", error->message);
      return;
    }
  if (page == NULL || page->items == NULL)
    return;

  /* Postings deleted since the page was first read: it comes back shorter
   * and the rows after it move up. */
  kept = kept_rows (page, read->postings);
  n_old = page->n;
  g_ptr_array_set_size (page->items, 0);
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (page->items, scraper_posting_object_new (g_ptr_array_index (kept, i)));
  page->n = kept->len;
  if (page->n < n_old)
    {
      for (guint i = index + 1; i < self->pages->len; i++)
        ((Page *) g_ptr_array_index (self->pages, i))->start -= n_old - page->n;
      self->n_items -= n_old - page->n;
    }
  if (page->n == 0)
    {
      guint start = page->start;

      self->n_loaded--;
      g_ptr_array_remove_index (self->pages, index);
      emit_items_changed (self, start, n_old, 0);
      return;
    }
  emit_items_changed (self, page->start, n_old, page->n);
}

static void
read_again (ScraperPostingListModel *self,
            Page                    *page)
{
  g_autoptr(GTask) task = NULL;
  Read *read;

  if (!self->query_valid || self->store == NULL)
    return;

  read = g_new0 (Read, 1);
  read->store = g_object_ref (self->store);
  read->query = self->query;
  read->search = g_strdup (self->search);
  read->location = g_strdup (self->location);
  read->employment_type = g_strdup (self->employment_type);
  read->query.search = read->search;
  read->query.location = read->location;
  read->query.employment_type = read->employment_type;
  read->query.offset = page->query_offset;
  read->query.limit = page->n_read;
  read->serial = page->serial;

  page->reading = TRUE;
  self->n_reads++;
  task = g_task_new (self, self->cancellable, read_done, NULL);
  g_task_set_source_tag (task, read_again);
  g_task_set_task_data (task, read, read_free);
  g_task_set_check_cancellable (task, TRUE);
  scraper_store_run_in_thread (task, read_in_thread);
}

/* GListModel */

static GType
scraper_posting_list_model_get_item_type (GListModel *list)
{
  return SCRAPER_TYPE_POSTING_OBJECT;
}

static guint
scraper_posting_list_model_get_n_items (GListModel *list)
{
  return SCRAPER_POSTING_LIST_MODEL (list)->n_items;
}

static gpointer
scraper_posting_list_model_get_item (GListModel *list,
                                     guint       position)
{
  ScraperPostingListModel *self = SCRAPER_POSTING_LIST_MODEL (list);
  Page *page = find_page (self, position);
  gpointer item;

  if (page == NULL)
    return NULL;

  page->last_used = ++self->clock;
  if (page->items == NULL)
    {
      page->items = g_ptr_array_new_full (page->n, item_unref);
      g_ptr_array_set_size (page->items, page->n);
      self->n_loaded++;
      read_again (self, page);
    }
  item = g_ptr_array_index (page->items, position - page->start);
  if (item == NULL)
    {
      /* Its own object, so that rows tell one placeholder from another. */
      item = scraper_posting_object_new (self->blank);
      page->items->pdata[position - page->start] = item;
    }
  drop_far_pages (self, page);
  return g_object_ref (item);
}

static void
scraper_posting_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = scraper_posting_list_model_get_item_type;
  iface->get_n_items = scraper_posting_list_model_get_n_items;
  iface->get_item = scraper_posting_list_model_get_item;
}

/* API */

/* What a row shows of a posting is the same in @a and @b: the source's
 * content (its hash) and the fields the user and the enrichers set. */
static gboolean
posting_shows_same (const ScraperPosting *a,
                    const ScraperPosting *b)
{
  return a->id == b->id &&
         g_strcmp0 (a->content_hash, b->content_hash) == 0 &&
         a->favorite == b->favorite &&
         a->status == b->status &&
         a->archived == b->archived &&
         a->duplicate_of == b->duplicate_of &&
         a->first_seen == b->first_seen &&
         a->last_seen == b->last_seen &&
         (a->relevance == b->relevance || (isnan (a->relevance) && isnan (b->relevance))) &&
         g_strcmp0 (a->seniority, b->seniority) == 0 &&
         (a->skills == b->skills ||
          (a->skills != NULL && b->skills != NULL &&
           g_strv_equal ((const char * const *) a->skills, (const char * const *) b->skills))) &&
         g_strcmp0 (a->notes, b->notes) == 0 &&
         g_strcmp0 (a->source_name, b->source_name) == 0;
}

/**
 * scraper_posting_list_model_peek_item:
 * @self: the model
 * @position: a position in it
 *
 * Returns: (transfer none) (nullable): the item at @position if its page is
 * in memory (a placeholder included), without reading anything.
 */
ScraperPostingObject *
scraper_posting_list_model_peek_item (ScraperPostingListModel *self,
                                      guint                    position)
{
  Page *page;

  g_return_val_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self), NULL);

  page = find_page (self, position);
  if (page == NULL || page->items == NULL)
    return NULL;
  return g_ptr_array_index (page->items, position - page->start);
}

/**
 * scraper_posting_list_model_cancel_reads:
 * @self: the model
 *
 * Stops the pages read for the query shown: a newer one is coming. Until
 * scraper_posting_list_model_reset(), nothing more is read.
 */
void
scraper_posting_list_model_cancel_reads (ScraperPostingListModel *self)
{
  g_return_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->query_valid = FALSE;
}

/* One change of a reset in steps: at @position, @removed rows go and the
 * @added items of the new first page from @from come. */
typedef struct {
  guint position;
  guint removed;
  guint added;
  guint from;
} Step;

#define MAX_STEPS 16

static void
add_step (GArray *steps,
          guint   position,
          guint   removed,
          guint   added,
          guint   from)
{
  Step *last = steps->len > 0 ? &g_array_index (steps, Step, steps->len - 1) : NULL;

  /* Contiguous with the one before: one change. */
  if (last != NULL && position == last->position + last->added && from == last->from + last->added)
    {
      last->removed += removed;
      last->added += added;
      return;
    }
  g_array_append_val (steps, ((Step) { position, removed, added, from }));
}

/* The steps that turn @old into @new: the items of @old that keep their
 * relative order in @new stay (a greedy increasing run, enough for pages
 * that differ by postings inserted, removed or changed), the others go,
 * and what is new comes in their place.  FALSE when there would be more
 * than MAX_STEPS: then one change is cheaper. */
static gboolean
plan_steps (GPtrArray *old,
            GPtrArray *new,
            GArray    *steps)
{
  g_autoptr(GHashTable) new_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);
  guint i = 0, j = 0, shift = 0;
  gint last = -1;

  for (guint k = new->len; k > 0; k--)
    g_hash_table_insert (new_index, new->pdata[k - 1], GUINT_TO_POINTER (k));
  for (guint k = 0; k < old->len; k++)
    {
      gint at = GPOINTER_TO_INT (g_hash_table_lookup (new_index, old->pdata[k])) - 1;

      if (at > last)
        {
          g_hash_table_add (kept, old->pdata[k]);
          last = at;
        }
    }

  /* i walks @old, j @new; old[0..i) became new[0..j) at positions
   * shifted by @shift. */
  while (i < old->len || j < new->len)
    {
      guint n = 0;

      if (i < old->len && !g_hash_table_contains (kept, old->pdata[i]))
        {
          while (i + n < old->len && !g_hash_table_contains (kept, old->pdata[i + n]))
            n++;
          add_step (steps, i + shift, n, 0, j);
          i += n;
          shift -= n;
        }
      else if (j < new->len && !g_hash_table_contains (kept, new->pdata[j]))
        {
          while (j + n < new->len && !g_hash_table_contains (kept, new->pdata[j + n]))
            n++;
          add_step (steps, i + shift, 0, n, j);
          j += n;
          shift += n;
        }
      else if (i < old->len && j < new->len && old->pdata[i] == new->pdata[j])
        {
          i++;
          j++;
        }
      else if (i < old->len && j < new->len)
        {
          /* The same item twice in @new: replaced in place. */
          add_step (steps, i + shift, 1, 1, j);
          i++;
          j++;
        }
      else if (i < old->len)
        {
          add_step (steps, i + shift, old->len - i, 0, j);
          shift -= old->len - i;
          i = old->len;
        }
      else
        {
          add_step (steps, i + shift, 0, new->len - j, j);
          shift += new->len - j;
          j = new->len;
        }

      if (steps->len > MAX_STEPS)
        return FALSE;
    }
  return TRUE;
}

/* Resets to @objects (a first page read at offset 0) in as few changes
 * as it takes when every row of the model is in memory; the model is in
 * the state each change announces while it is announced. */
static gboolean
reset_in_steps (ScraperPostingListModel *self,
                GPtrArray               *objects)
{
  g_autoptr(GPtrArray) work = g_ptr_array_new_full (self->n_items, item_unref);
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  Page *page;

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *old = g_ptr_array_index (self->pages, i);

      if (old->items == NULL || old->reading)
        return FALSE;
      for (guint k = 0; k < old->items->len; k++)
        {
          ScraperPostingObject *item = g_ptr_array_index (old->items, k);

          if (item == NULL || scraper_posting_list_model_is_placeholder (item))
            return FALSE;
          g_ptr_array_add (work, g_object_ref (item));
        }
    }
  if (work->len != self->n_items || !plan_steps (work, objects, steps))
    return FALSE;

  /* One page, which each step changes before it is announced. */
  g_ptr_array_set_size (self->pages, 0);
  page = page_new (self);
  page->n = work->len;
  page->items = g_steal_pointer (&work);
  page->last_used = ++self->clock;
  g_ptr_array_add (self->pages, page);
  self->n_loaded = 1;

  for (guint s = 0; s < steps->len; s++)
    {
      const Step *step = &g_array_index (steps, Step, s);

      g_ptr_array_remove_range (page->items, step->position, step->removed);
      for (guint k = 0; k < step->added; k++)
        g_ptr_array_insert (page->items, step->position + k, g_object_ref (objects->pdata[step->from + k]));
      page->n = page->items->len;
      self->n_items = page->n;
      emit_items_changed (self, step->position, step->removed, step->added);
    }

  page->n_read = page->n;
  self->next_offset = page->n;
  return TRUE;
}

/**
 * scraper_posting_list_model_reset:
 * @self: the model
 * @store: the store to read pages from again
 * @query: the query the pages come from (copied; its offset and limit do
 *   not matter)
 * @first_page: (nullable) (element-type ScraperPosting): its first page,
 *   read at offset 0
 *
 * Shows @first_page alone.  A posting that shows the same as before keeps
 * its item, and only the span between the unchanged head and tail of the
 * list changes: the rows of unchanged postings are not rebuilt.
 */
void
scraper_posting_list_model_reset (ScraperPostingListModel *self,
                                  ScraperStore            *store,
                                  const ScraperQuery      *query,
                                  GPtrArray               *first_page)
{
  g_autoptr(GHashTable) old_by_id = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  guint n_old, n_new, head = 0, tail = 0;
  Page *page;

  g_return_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self));
  g_return_if_fail (store == NULL || SCRAPER_IS_STORE (store));
  g_return_if_fail (query != NULL);

  scraper_posting_list_model_cancel_reads (self);
  g_set_object (&self->store, store);
  g_free (self->search);
  g_free (self->location);
  g_free (self->employment_type);
  self->query = *query;
  self->search = g_strdup (query->search);
  self->location = g_strdup (query->location);
  self->employment_type = g_strdup (query->employment_type);
  self->query.search = self->search;
  self->query.location = self->location;
  self->query.employment_type = self->employment_type;
  self->query_valid = TRUE;

  n_old = self->n_items;
  n_new = first_page != NULL ? first_page->len : 0;

  /* Only what is in memory can be kept: the rest was not shown lately. */
  old_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *old = g_ptr_array_index (self->pages, i);

      for (guint j = 0; old->items != NULL && j < old->items->len; j++)
        {
          ScraperPostingObject *item = g_ptr_array_index (old->items, j);

          if (item != NULL && !scraper_posting_list_model_is_placeholder (item))
            g_hash_table_replace (old_by_id, &scraper_posting_object_get_posting (item)->id, item);
        }
    }

  objects = g_ptr_array_new_full (n_new, item_unref);
  for (guint i = 0; i < n_new; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (first_page, i);
      ScraperPostingObject *old = g_hash_table_lookup (old_by_id, &posting->id);

      if (old != NULL && posting_shows_same (scraper_posting_object_get_posting (old), posting))
        g_ptr_array_add (objects, g_object_ref (old));
      else
        g_ptr_array_add (objects, scraper_posting_object_new (posting));
    }

  /* Every row in memory: the list changes only where postings came,
   * went or changed (a scrape's batch landing above the rows shown moves
   * them down without rebuilding them). */
  if (n_new > 0 && n_old > 0 && reset_in_steps (self, objects))
    return;

  while (head < n_old && head < n_new &&
         scraper_posting_list_model_peek_item (self, head) == objects->pdata[head])
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         scraper_posting_list_model_peek_item (self, n_old - 1 - tail) == objects->pdata[n_new - 1 - tail])
    tail++;

  g_ptr_array_set_size (self->pages, 0);
  self->n_loaded = 0;
  self->n_items = n_new;
  self->next_offset = n_new;
  if (n_new > 0)
    {
      page = page_new (self);
      page->n = page->n_read = n_new;
      page->items = g_steal_pointer (&objects);
      page->last_used = ++self->clock;
      g_ptr_array_add (self->pages, page);
      self->n_loaded = 1;
    }

  emit_items_changed (self, head, n_old - head - tail, n_new - head - tail);
}

/**
 * scraper_posting_list_model_append_page:
 * @self: the model
 * @postings: (element-type ScraperPosting): the rows read
 * @query_offset: where they were read in the query
 *
 * Appends the rows of a next page.  A posting stored between two reads
 * shifts the pages: a posting still in memory is not shown twice.
 *
 * Returns: how many rows were appended
 */
guint
scraper_posting_list_model_append_page (ScraperPostingListModel *self,
                                        GPtrArray               *postings,
                                        guint                    query_offset)
{
  g_autoptr(GHashTable) shown = NULL;
  Page *page;
  guint position;

  g_return_val_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self), 0);
  g_return_val_if_fail (postings != NULL, 0);

  self->next_offset = MAX (self->next_offset, query_offset + postings->len);
  shown = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *old = g_ptr_array_index (self->pages, i);

      for (guint j = 0; old->items != NULL && j < old->items->len; j++)
        {
          ScraperPostingObject *item = g_ptr_array_index (old->items, j);

          if (item != NULL && !scraper_posting_list_model_is_placeholder (item))
            g_hash_table_add (shown, &scraper_posting_object_get_posting (item)->id);
        }
    }

  page = page_new (self);
  page->start = self->n_items;
  page->query_offset = query_offset;
  page->n_read = postings->len;
  page->items = g_ptr_array_new_with_free_func (item_unref);
  for (guint i = 0; i < postings->len; i++)
    {
      ScraperPosting *posting = g_ptr_array_index (postings, i);

      if (g_hash_table_contains (shown, &posting->id))
        {
          if (page->skipped == NULL)
            page->skipped = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (page->skipped, i);
          continue;
        }
      g_ptr_array_add (page->items, scraper_posting_object_new (posting));
    }
  page->n = page->items->len;
  if (page->n == 0)
    {
      page_free (page);
      return 0;
    }

  position = self->n_items;
  page->last_used = ++self->clock;
  g_ptr_array_add (self->pages, page);
  self->n_items += page->n;
  self->n_loaded++;
  drop_far_pages (self, page);
  emit_items_changed (self, position, 0, page->n);
  return page->n;
}

/**
 * scraper_posting_list_model_get_next_offset:
 * @self: the model
 *
 * Returns: where the page after the last one starts in the query
 */
guint
scraper_posting_list_model_get_next_offset (ScraperPostingListModel *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self), 0);
  return self->next_offset;
}

/**
 * scraper_posting_list_model_find_loaded:
 * @self: the model
 * @id: a posting's id
 *
 * Returns: (transfer none) (nullable): the item of posting @id among the
 * pages in memory; a row not in memory is read again when shown.
 */
ScraperPostingObject *
scraper_posting_list_model_find_loaded (ScraperPostingListModel *self,
                                        gint64                   id)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self), NULL);

  if (id <= 0)
    return NULL;
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      for (guint j = 0; page->items != NULL && j < page->items->len; j++)
        {
          ScraperPostingObject *item = g_ptr_array_index (page->items, j);

          if (item != NULL && scraper_posting_object_get_id (item) == id)
            return item;
        }
    }
  return NULL;
}

/**
 * scraper_posting_list_model_is_placeholder:
 * @item: an item of the model
 *
 * Returns: whether @item stands for a row whose page is being read again
 */
gboolean
scraper_posting_list_model_is_placeholder (ScraperPostingObject *item)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_OBJECT (item), FALSE);
  return scraper_posting_object_get_id (item) == 0;
}

/**
 * scraper_posting_list_model_set_max_pages:
 * @self: the model
 * @max_pages: how many pages keep their items (at least 2)
 */
void
scraper_posting_list_model_set_max_pages (ScraperPostingListModel *self,
                                          guint                    max_pages)
{
  g_return_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self));

  self->max_pages = MAX (max_pages, 2);
  drop_far_pages (self, NULL);
}

/**
 * scraper_posting_list_model_get_n_loaded_pages:
 * @self: the model
 *
 * Returns: how many pages have their items in memory
 */
guint
scraper_posting_list_model_get_n_loaded_pages (ScraperPostingListModel *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self), 0);
  return self->n_loaded;
}

/**
 * scraper_posting_list_model_get_n_reads:
 * @self: the model
 *
 * Returns: how many pages are being read again
 */
guint
scraper_posting_list_model_get_n_reads (ScraperPostingListModel *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_LIST_MODEL (self), 0);
  return self->n_reads;
}

ScraperPostingListModel *
scraper_posting_list_model_new (void)
{
  return g_object_new (SCRAPER_TYPE_POSTING_LIST_MODEL, NULL);
}

static void
scraper_posting_list_model_dispose (GObject *object)
{
  ScraperPostingListModel *self = SCRAPER_POSTING_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scraper_posting_list_model_parent_class)->dispose (object);
}

static void
scraper_posting_list_model_finalize (GObject *object)
{
  ScraperPostingListModel *self = SCRAPER_POSTING_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->search);
  g_free (self->location);
  g_free (self->employment_type);
  g_clear_pointer (&self->blank, scraper_posting_unref);

  G_OBJECT_CLASS (scraper_posting_list_model_parent_class)->finalize (object);
}

static void
scraper_posting_list_model_class_init (ScraperPostingListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scraper_posting_list_model_dispose;
  object_class->finalize = scraper_posting_list_model_finalize;
}

static void
scraper_posting_list_model_init (ScraperPostingListModel *self)
{
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->max_pages = DEFAULT_MAX_PAGES;
  self->cancellable = g_cancellable_new ();
  self->blank = scraper_posting_new ();
  scraper_query_init (&self->query);
}
