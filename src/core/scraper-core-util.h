/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Blocks the calling (worker) thread for @ms milliseconds, or less when
 * @cancellable is cancelled.  No busy loop: a condition variable woken by
 * the cancellable.  Returns TRUE when the full time elapsed, FALSE at once
 * when @cancellable is (or becomes) cancelled. */
gboolean scraper_cancellable_sleep (GCancellable *cancellable,
                                    guint         ms);

G_END_DECLS
