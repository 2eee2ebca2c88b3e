/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pending-write"

#include "config.h"

#include <glib/gstdio.h>

#include "store/scraper-store.h"
#include "ui/scraper-pending-write.h"

/* ScraperPendingWrite, the optimistic write of the star, the status and
 * the notes: a refused write is taken back and reported, once, with the
 * old value; a write the store takes is neither; either way the owner is
 * let go.  No display: the helper touches no widget. */

typedef struct
{
  char         *dir;
  ScraperStore *store;
  GObject      *owner;
  guint         reverted;
  gint          reverted_to;
  char         *reverted_text;
  guint         reported;
  char         *reported_what;
  GError       *reported_error;
  guint         written;
} Fixture;

static Fixture *current;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("pending-write-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "jobs.db", NULL);
  f->store = scraper_store_open (path, &error);
  g_assert_no_error (error);
  f->owner = g_object_new (G_TYPE_OBJECT, NULL);
  current = f;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  scraper_store_wait_writes (f->store);
  g_clear_object (&f->owner);
  g_clear_object (&f->store);
  g_free (f->reverted_text);
  g_free (f->reported_what);
  g_clear_error (&f->reported_error);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (f->dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (f->dir);
  g_free (f->dir);
  current = NULL;
}

static void
revert (ScraperPendingWrite *pw)
{
  g_assert_true (pw->owner == (gpointer) current->owner);
  current->reverted++;
  current->reverted_to = pw->old_value;
  current->reverted_text = g_steal_pointer (&pw->old_text);
}

static void
report (gpointer      owner,
        const char   *what,
        const GError *error)
{
  g_assert_true (owner == (gpointer) current->owner);
  /* Reported after the change was taken back, never before. */
  g_assert_cmpuint (current->reverted, ==, current->reported + 1);
  current->reported++;
  current->reported_what = g_strdup (what);
  current->reported_error = g_error_copy (error);
}

static void
written (ScraperPendingWrite *pw)
{
  current->written++;
}

static const ScraperPendingWriteFuncs funcs = { revert, report, written };
static const ScraperPendingWriteFuncs funcs_no_written = { revert, report, NULL };

static gboolean
refuse (ScraperStore  *store,
        gpointer       data,
        GError       **error)
{
  g_set_error_literal (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND, "gone");
  return FALSE;
}

static gboolean
take (ScraperStore  *store,
      gpointer       data,
      GError       **error)
{
  return TRUE;
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Writes with @func and waits (at most 10 s) until the pending write is
 * done: the owner, referenced only by it, is finalized then. */
static void
write_and_wait (Fixture                  *f,
                ScraperStoreWriteFunc     func,
                ScraperPendingWrite      *pw)
{
  GObject *owner = f->owner;
  gboolean expired = FALSE;
  guint timeout;

  f->owner = NULL;
  g_object_add_weak_pointer (owner, (gpointer *) &owner);
  g_object_unref (owner);
  g_assert_nonnull (owner);   /* the pending write holds it */
  f->owner = owner;           /* unowned from here: compared only */

  scraper_store_write_async (f->store, func, NULL, NULL, NULL, scraper_pending_write_done, pw);
  timeout = g_timeout_add_seconds (10, timed_out, &expired);
  while (owner != NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timeout);
  g_assert_null (owner);
  f->owner = NULL;
}

static void
test_refused_reverts_and_reports (Fixture       *f,
                                  gconstpointer  data)
{
  ScraperPendingWrite *pw = scraper_pending_write_new (f->owner, &funcs, "Could not star the posting", 7, 0, 1);

  write_and_wait (f, refuse, pw);
  g_assert_cmpuint (f->reverted, ==, 1);
  g_assert_cmpint (f->reverted_to, ==, 0);
  g_assert_cmpuint (f->reported, ==, 1);
  g_assert_cmpstr (f->reported_what, ==, "Could not star the posting");
  g_assert_error (f->reported_error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (f->written, ==, 0);
}

static void
test_refused_text_handed_back (Fixture       *f,
                               gconstpointer  data)
{
  ScraperPendingWrite *pw = scraper_pending_write_new (f->owner, &funcs_no_written, "Could not save the notes", 7, 0, 0);

  pw->old_text = g_strdup ("the notes as stored");
  write_and_wait (f, refuse, pw);
  g_assert_cmpuint (f->reverted, ==, 1);
  g_assert_cmpstr (f->reverted_text, ==, "the notes as stored");
  g_assert_cmpuint (f->reported, ==, 1);
}

static void
test_taken_is_kept (Fixture       *f,
                    gconstpointer  data)
{
  ScraperPendingWrite *pw = scraper_pending_write_new (f->owner, &funcs, "Could not change the status", 7, 1, 2);

  write_and_wait (f, take, pw);
  g_assert_cmpuint (f->written, ==, 1);
  g_assert_cmpuint (f->reverted, ==, 0);
  g_assert_cmpuint (f->reported, ==, 0);
}

static void
test_taken_without_written (Fixture       *f,
                            gconstpointer  data)
{
  ScraperPendingWrite *pw = scraper_pending_write_new (f->owner, &funcs_no_written, "Could not star the posting", 7, 1, 0);

  /* The old text of a write the store took is freed with it. */
  pw->old_text = g_strdup ("freed");
  write_and_wait (f, take, pw);
  g_assert_cmpuint (f->reverted, ==, 0);
  g_assert_cmpuint (f->reported, ==, 0);
  g_assert_cmpuint (f->written, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pending-write/refused-reverts-then-reports", test_refused_reverts_and_reports);
  ADD ("/pending-write/refused-hands-back-the-old-text", test_refused_text_handed_back);
  ADD ("/pending-write/taken-is-kept", test_taken_is_kept);
  ADD ("/pending-write/taken-without-written-callback", test_taken_without_written);
#undef ADD

  return g_test_run ();
}
