/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/scraper-untrusted.h"

G_BEGIN_DECLS

/* A toast whose title is plain text.  AdwToast reads its title as Pango
 * markup (libadwaita 1.2 has no switch for it), and toasts show names and
 * messages from elsewhere: a source named "AT&T" or "<b>x</b>". */
static inline AdwToast *
scraper_toast_new_plain (const char *text)
{
  g_autofree char *markup = scraper_text_markup_escape (text);

  return adw_toast_new (markup);
}

G_END_DECLS
