/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-pending-write"

#include "config.h"

#include "store/scraper-store.h"
#include "scraper-pending-write.h"

/* One helper for the optimistic writes of the jobs view and the details
 * pane (star, status, notes): each says only how to take its change back
 * and where to report a refusal. */

ScraperPendingWrite *
scraper_pending_write_new (gpointer                        owner,
                           const ScraperPendingWriteFuncs *funcs,
                           const char                     *what,
                           gint64                          id,
                           gint                            old_value,
                           gint                            new_value)
{
  ScraperPendingWrite *pw;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (funcs != NULL && funcs->revert != NULL && funcs->report != NULL, NULL);

  pw = g_new0 (ScraperPendingWrite, 1);
  pw->owner = g_object_ref (owner);
  pw->funcs = funcs;
  pw->what = what;
  pw->id = id;
  pw->old_value = old_value;
  pw->new_value = new_value;
  return pw;
}

static void
pending_write_free (ScraperPendingWrite *pw)
{
  g_object_unref (pw->owner);
  g_free (pw->old_text);
  g_free (pw);
}

void
scraper_pending_write_done (GObject      *store,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  ScraperPendingWrite *pw = user_data;
  g_autoptr(GError) error = NULL;

  if (!scraper_store_write_finish (SCRAPER_STORE (store), result, &error))
    {
      pw->funcs->revert (pw);
      pw->funcs->report (pw->owner, pw->what, error);
    }
  else if (pw->funcs->written != NULL)
    pw->funcs->written (pw);
  pending_write_free (pw);
}
