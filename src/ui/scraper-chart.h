/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A chart of ours, drawn with cairo in the Adwaita palette (light and
 * dark): one slot per label, each with the values of one or more series.
 * Hovering a slot shows its exact values as a tooltip; with keyboard
 * focus, Left/Right/Home/End move between slots and the focused slot's
 * values show above the chart.  The chart is a GtkDrawingArea named and
 * accessibly labelled @name; its accessible description is the caller's. */

typedef enum {
  SCRAPER_CHART_BARS,     /* one series; the last slot in red when asked */
  SCRAPER_CHART_STACKED,  /* the series stacked, with a legend */
  SCRAPER_CHART_GROUPED,  /* the series side by side, with a legend */
  SCRAPER_CHART_RANGES,   /* five values per slot: min, q1, median, q3, max (a box plot) */
} ScraperChartKind;

GtkWidget  *scraper_chart_new             (ScraperChartKind   kind,
                                           const char        *name);
/* The names of the series (legend, tooltips); BARS and RANGES have one. */
void        scraper_chart_set_series      (GtkWidget          *chart,
                                           const char * const *names,
                                           guint               n_names);
void        scraper_chart_set_last_is_red (GtkWidget          *chart,
                                           gboolean            red);
/* How a value is written: "%g" when NULL, or e.g. "%.0f". */
void        scraper_chart_set_format      (GtkWidget          *chart,
                                           const char         *format);
void        scraper_chart_clear           (GtkWidget          *chart);
/* @values: one per series (five for RANGES). */
void        scraper_chart_add             (GtkWidget          *chart,
                                           const char         *label,
                                           const double       *values);
/* @short_label (nullable) goes under the slot, @label in descriptions. */
void        scraper_chart_add_full        (GtkWidget          *chart,
                                           const char         *label,
                                           const char         *short_label,
                                           const double       *values);
guint       scraper_chart_get_n_slots     (GtkWidget          *chart);
/* "Label: series value, series value" of one slot (as its tooltip). */
char       *scraper_chart_describe_slot   (GtkWidget          *chart,
                                           guint               slot);
/* "@title. " then every slot described, "; " between them. */
char       *scraper_chart_describe        (GtkWidget          *chart,
                                           const char         *title);
/* The slot under focus (-1 before any). */
int         scraper_chart_get_focused     (GtkWidget          *chart);
void        scraper_chart_set_focused     (GtkWidget          *chart,
                                           int                 slot);

G_END_DECLS
