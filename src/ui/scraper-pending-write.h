/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A write in flight, for a widget that shows a change at once (it has
 * done so before it starts the write) while the store writes it on its
 * writer thread: when the store refuses the change, it is taken back and
 * the user is told why. */
typedef struct _ScraperPendingWrite ScraperPendingWrite;

typedef struct
{
  /* Takes the change back: the store refused it. */
  void (*revert)  (ScraperPendingWrite *pw);
  /* Then says why: @what ("Could not …") and the store's error. */
  void (*report)  (gpointer             owner,
                   const char          *what,
                   const GError        *error);
  /* Optional: the store took the change. */
  void (*written) (ScraperPendingWrite *pw);
} ScraperPendingWriteFuncs;

struct _ScraperPendingWrite
{
  gpointer                        owner;      /* a GObject, referenced */
  const ScraperPendingWriteFuncs *funcs;
  const char                     *what;       /* translated, static */
  gint64                          id;         /* the posting's */
  gint                            old_value;
  gint                            new_value;
  char                           *old_text;   /* owned; for a text field */
};

ScraperPendingWrite *scraper_pending_write_new  (gpointer                        owner,
                                                 const ScraperPendingWriteFuncs *funcs,
                                                 const char                     *what,
                                                 gint64                          id,
                                                 gint                            old_value,
                                                 gint                            new_value);
/* The callback of the store's *_async write, with the pending write as
 * its user data: finishes the write, reverts and reports a refusal, and
 * frees @pw. */
void                 scraper_pending_write_done (GObject                        *store,
                                                 GAsyncResult                   *result,
                                                 gpointer                        pw);

G_END_DECLS
