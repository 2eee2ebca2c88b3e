/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SKILL_SOFT = 1 << 0,  /* not a technology */
} ScraperSkillFlags;

typedef struct {
  const char *name;     /* canonical name, as shown */
  const char *aliases;  /* '|'-separated; "=X" as written, "?X" in tech lists only */
  guint       flags;
} ScraperSkillDef;

extern const ScraperSkillDef scraper_skill_defs[];
extern const guint           scraper_n_skill_defs;

G_END_DECLS
