/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How every layer waits: one cancellable sleep, one backoff, one reading
 * of Retry-After (the fetcher, the language model client, the store's
 * busy retries and the task engine all use these). */

/* Blocks the calling (worker) thread for @ms milliseconds, or less when
 * @cancellable is (or becomes) cancelled: then FALSE at once, with
 * G_IO_ERROR_CANCELLED in @error.  No busy loop: it polls the
 * cancellable's file descriptor. */
gboolean scraper_sleep              (guint          ms,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* The pause before retry number @attempt (0 = the first retry): @base_ms
 * doubled per attempt, at most @max_ms, drawn between half of it and all
 * of it so that clients that failed together do not retry together. */
guint    scraper_backoff_ms         (guint          base_ms,
                                     guint          attempt,
                                     guint          max_ms);

/* An HTTP Retry-After value: delay-seconds, or an HTTP date (IMF-fixdate,
 * RFC 850 or asctime form) taken relative to @now (NULL: the current
 * time).  Seconds to wait (0 for a date in the past), or -1 when @value is
 * NULL or garbled.  Blanks around the value are allowed. */
gint64   scraper_retry_after_parse  (const char    *value,
                                     GDateTime     *now);

G_END_DECLS
