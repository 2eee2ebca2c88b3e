/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder: implemented by its owner. */
#include <glib.h>
