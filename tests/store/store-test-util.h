/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>
#include <math.h>

#include "scraper-store.h"

G_BEGIN_DECLS

/* Takes a database of the current schema version back to version 4 (what
 * versions 5, 9 and 10 added, undone), for the tests of migrations from
 * earlier versions. */
#define STORE_TEST_UNDO_V5 \
  STORE_TEST_UNDO_V9 \
  "ALTER TABLE saved_searches DROP COLUMN location;" \
  "ALTER TABLE saved_searches DROP COLUMN employment_type;" \
  "ALTER TABLE saved_searches DROP COLUMN posted_within_days;" \
  "ALTER TABLE saved_searches DROP COLUMN source_id;" \
  "DROP TRIGGER posting_changes_title; DROP TRIGGER posting_changes_salary;" \
  "DROP TABLE posting_changes; DROP TABLE blocked_postings; DROP TABLE blocks;" \
  "DROP TABLE contacts; DROP TABLE reminders; DROP TABLE stage_events;" \
  "PRAGMA user_version = 4;"

/* Takes a database of the current schema version back to version 9 (the
 * index of sort keys by id, undone); the caller sets the version. */
#define STORE_TEST_UNDO_V10 \
  "DROP INDEX postings_by_id_keys;"

/* Takes a database of the current schema version back to version 8 (what
 * version 10 added, and the search index of unarchived postings and its
 * triggers, undone); the caller sets the version. */
#define STORE_TEST_UNDO_V9 \
  STORE_TEST_UNDO_V10 \
  "DROP TRIGGER posting_texts_fts_live_insert;" \
  "DROP TRIGGER posting_texts_fts_live_update;" \
  "DROP TRIGGER postings_fts_live_update;" \
  "DROP TRIGGER postings_fts_live_delete;" \
  "DROP TABLE postings_fts_live;"

/* A posting as an adapter would produce it. */
static inline ScraperPosting *
make_posting (const char *external_id,
              const char *title,
              const char *company,
              const char *location,
              const char *description)
{
  ScraperPosting *p = scraper_posting_new ();

  p->external_id = g_strdup (external_id);
  p->url = external_id ? g_strdup_printf ("https://jobs.example.com/%s/%s", company, external_id) : NULL;
  p->apply_url = p->url ? g_strconcat (p->url, "/apply", NULL) : NULL;
  p->title = g_strdup (title);
  p->company = g_strdup (company);
  if (location != NULL)
    {
      p->locations = g_new0 (char *, 2);
      p->locations[0] = g_strdup (location);
    }
  p->description_text = g_strdup (description);
  p->description_markup = description ? g_markup_printf_escaped ("<p>%s</p>", description) : NULL;
  return p;
}

static inline GPtrArray *
posting_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) scraper_posting_unref);
}

static inline gint64
add_test_source (ScraperStore *store,
                 const char   *name,
                 const char   *url)
{
  g_autoptr(ScraperSource) source = scraper_source_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  source->name = g_strdup (name);
  source->url = g_strdup (url);
  source->kind = g_strdup ("greenhouse");
  id = scraper_store_add_source (store, source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A store on a fresh database in a temporary folder of its own. */
static inline ScraperStore *
store_test_open_tmp (char **dir,
                     char **path)
{
  g_autoptr(GError) error = NULL;
  ScraperStore *store;

  *dir = g_dir_make_tmp ("job-scraper-store-test-XXXXXX", &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "jobs.db", NULL);
  store = scraper_store_open (*path, &error);
  g_assert_no_error (error);
  return store;
}

/* Closes @store and removes what store_test_open_tmp() made; frees the
 * names. */
static inline void
store_test_remove_tmp (ScraperStore **store,
                       char         **dir,
                       char         **path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (*path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

G_END_DECLS
