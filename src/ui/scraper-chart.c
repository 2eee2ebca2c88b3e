/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scraper-chart.h"

typedef struct {
  ScraperChartKind kind;
  guint      n_series;
  GPtrArray *series;     /* char * */
  GPtrArray *labels;     /* char *, one per slot */
  GPtrArray *shorts;     /* char *, one per slot: the label under the slot */
  GArray    *values;     /* double, n_values () per slot */
  char      *format;
  gboolean   last_is_red;
  int        focused;    /* slot, -1 = none */
  int        hovered;    /* slot, -1 = none */
} Chart;

#define LEGEND_H 22.0
#define FOCUS_H  20.0
#define LABEL_H  18.0

static void
chart_free (gpointer data)
{
  Chart *chart = data;

  g_ptr_array_unref (chart->series);
  g_ptr_array_unref (chart->labels);
  g_ptr_array_unref (chart->shorts);
  g_array_unref (chart->values);
  g_free (chart->format);
  g_free (chart);
}

static Chart *
chart_get (GtkWidget *widget)
{
  Chart *chart = g_object_get_data (G_OBJECT (widget), "scraper-chart");

  g_return_val_if_fail (chart != NULL, NULL);
  return chart;
}

static guint
n_values (const Chart *chart)
{
  return chart->kind == SCRAPER_CHART_RANGES ? 5 : chart->n_series;
}

static double
value_at (const Chart *chart,
          guint        slot,
          guint        i)
{
  return g_array_index (chart->values, double, slot * n_values (chart) + i);
}

static gboolean
has_legend (const Chart *chart)
{
  return (chart->kind == SCRAPER_CHART_STACKED || chart->kind == SCRAPER_CHART_GROUPED) && chart->n_series > 0;
}

/* Adwaita's palette: shade 3 on light, the lighter shade 2 on dark. */
static void
series_color (cairo_t *cr,
              guint    i,
              gboolean dark,
              double   alpha)
{
  static const guint32 light[] = {
    0x3584e4, 0x33d17a, 0xf6d32d, 0xff7800, 0x9141ac, 0x986a44, 0xe01b24, 0x77767b,
  };
  static const guint32 darker[] = {
    0x62a0ea, 0x57e389, 0xf8e45c, 0xffa348, 0xc061cb, 0xb5835a, 0xed333b, 0x9a9996,
  };
  guint32 c = (dark ? darker : light)[i % G_N_ELEMENTS (light)];

  cairo_set_source_rgba (cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0, alpha);
}

static void
red (cairo_t  *cr,
     gboolean  dark)
{
  if (dark)
    cairo_set_source_rgb (cr, 0xff / 255.0, 0x7b / 255.0, 0x63 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0);
}

static char *
format_value (const Chart *chart,
              double       value)
{
  if (chart->format != NULL)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      return g_strdup_printf (chart->format, value);
#pragma GCC diagnostic pop
    }
  return g_strdup_printf ("%g", value);
}

static double
slot_max (const Chart *chart,
          guint        slot)
{
  double m = 0;

  for (guint i = 0; i < n_values (chart); i++)
    {
      double v = value_at (chart, slot, i);

      if (chart->kind == SCRAPER_CHART_STACKED)
        m += v;
      else
        m = MAX (m, v);
    }
  return m;
}

static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      max_width,
           int        *width,
           int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  if (x >= 0)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
draw_legend (GtkWidget *widget,
             Chart     *chart,
             cairo_t   *cr,
             GdkRGBA   *fg,
             gboolean   dark,
             int        width)
{
  double x = 0;

  for (guint i = 0; i < chart->n_series; i++)
    {
      const char *name = g_ptr_array_index (chart->series, i);
      int w;

      show_text (widget, cr, name, -1, 0, 160, &w, NULL);
      if (x > 0 && x + 16 + w > width)
        break;
      series_color (cr, i, dark, 1);
      cairo_rectangle (cr, x, 5, 10, 10);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, fg);
      show_text (widget, cr, name, x + 14, 1, 160, &w, NULL);
      x += 14 + w + 16;
    }
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  Chart *chart = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  guint n = chart->labels->len;
  double max = 0, base = 0, top, bottom, slot, plot_h;
  guint label_step = 1;
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  top = (has_legend (chart) ? LEGEND_H : 0) + FOCUS_H;
  bottom = height - LABEL_H;
  plot_h = bottom - top - 14;
  if (has_legend (chart))
    draw_legend (widget, chart, cr, &fg, dark, width);
  if (n == 0 || plot_h <= 4)
    return;
  for (guint s = 0; s < n; s++)
    max = MAX (max, slot_max (chart, s));
  if (chart->kind == SCRAPER_CHART_RANGES)
    {
      /* Salaries sit far from zero: the axis spans the values, padded. */
      double lo = G_MAXDOUBLE, pad;

      for (guint s = 0; s < n; s++)
        lo = MIN (lo, value_at (chart, s, 0));
      pad = MAX ((max - lo) * 0.15, max * 0.02);
      base = MAX (0, lo - pad);
      max += pad;
    }
  max -= base;
  if (max <= 0)
    max = 1;
  slot = (double) width / n;

  /* Labels that do not fit their slot: every label_step-th one. */
  if (n > 8)
    {
      int widest = 0;

      for (guint s = 0; s < n; s++)
        {
          int tw;

          show_text (widget, cr, g_ptr_array_index (chart->shorts, s), -1, 0, 0, &tw, NULL);
          widest = MAX (widest, tw);
        }
      label_step = (guint) ceil ((widest + 8) / slot);
      label_step = MAX (label_step, 1);
    }

  if (chart->kind == SCRAPER_CHART_RANGES)
    {
      /* faint lines at round values, with their values */
      double raw = max / 3, mag = pow (10, floor (log10 (raw))), norm = raw / mag;
      double step = (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;

      for (double v = ceil (base / step) * step; v < base + max; v += step)
        {
          double y = floor (bottom - plot_h * (v - base) / max) + 0.5;
          g_autofree char *text = format_value (chart, v);
          int th;

          if (y < top + 8)
            break;
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
          cairo_rectangle (cr, 0, y, width, 1);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
          show_text (widget, cr, text, -1, 0, 0, NULL, &th);
          show_text (widget, cr, text, 2, y - th, 0, NULL, NULL);
        }
    }

  /* the base line */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_rectangle (cr, 0, bottom - 1, width, 1);
  cairo_fill (cr);

  for (guint s = 0; s < n; s++)
    {
      double x0 = s * slot + slot * 0.15, w = slot * 0.7;
      gboolean lit = (int) s == chart->hovered || ((int) s == chart->focused && gtk_widget_has_focus (widget));
      double alpha = chart->hovered >= 0 && !lit ? 0.7 : 1;

      switch (chart->kind)
        {
        case SCRAPER_CHART_BARS:
          {
            double h = plot_h * (value_at (chart, s, 0) - base) / max;

            if (chart->last_is_red && s == n - 1)
              red (cr, dark);
            else
              series_color (cr, 0, dark, alpha);
            cairo_rectangle (cr, x0, bottom - h, w, h);
            cairo_fill (cr);
            if (slot >= 20)
              {
                g_autofree char *text = format_value (chart, value_at (chart, s, 0));
                int tw, th;

                gdk_cairo_set_source_rgba (cr, &fg);
                show_text (widget, cr, text, -1, 0, 0, &tw, &th);
                show_text (widget, cr, text, s * slot + (slot - tw) / 2, bottom - h - th, 0, NULL, NULL);
              }
          }
          break;
        case SCRAPER_CHART_STACKED:
          {
            double y = bottom;

            for (guint i = 0; i < chart->n_series; i++)
              {
                double h = plot_h * value_at (chart, s, i) / max;

                series_color (cr, i, dark, alpha);
                cairo_rectangle (cr, x0, y - h, w, h);
                cairo_fill (cr);
                y -= h;
              }
          }
          break;
        case SCRAPER_CHART_GROUPED:
          {
            double bw = w / MAX (chart->n_series, 1);

            for (guint i = 0; i < chart->n_series; i++)
              {
                double h = plot_h * value_at (chart, s, i) / max;

                series_color (cr, i, dark, alpha);
                cairo_rectangle (cr, x0 + i * bw, bottom - h, bw * 0.9, h);
                cairo_fill (cr);
              }
          }
          break;
        case SCRAPER_CHART_RANGES:
          {
            double y_min = bottom - plot_h * (value_at (chart, s, 0) - base) / max;
            double y_q1 = bottom - plot_h * (value_at (chart, s, 1) - base) / max;
            double y_med = bottom - plot_h * (value_at (chart, s, 2) - base) / max;
            double y_q3 = bottom - plot_h * (value_at (chart, s, 3) - base) / max;
            double y_max = bottom - plot_h * (value_at (chart, s, 4) - base) / max;
            double cx = s * slot + slot / 2, bw = MIN (w, 48);

            series_color (cr, 0, dark, alpha);
            cairo_set_line_width (cr, 2);
            cairo_move_to (cr, cx, y_min);
            cairo_line_to (cr, cx, y_max);
            cairo_move_to (cr, cx - bw / 4, y_min);
            cairo_line_to (cr, cx + bw / 4, y_min);
            cairo_move_to (cr, cx - bw / 4, y_max);
            cairo_line_to (cr, cx + bw / 4, y_max);
            cairo_stroke (cr);
            cairo_rectangle (cr, cx - bw / 2, y_q3, bw, MAX (y_q1 - y_q3, 2));
            cairo_fill (cr);
            gdk_cairo_set_source_rgba (cr, &fg);
            cairo_rectangle (cr, cx - bw / 2, y_med - 1, bw, 2);
            cairo_fill (cr);
            if (slot >= 48)
              {
                g_autofree char *text = format_value (chart, value_at (chart, s, 2));
                int tw, th;

                show_text (widget, cr, text, -1, 0, 0, &tw, &th);
                show_text (widget, cr, text, cx - tw / 2.0, y_max - th - 2, 0, NULL, NULL);
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }

      /* the label under the slot, when there is room for it */
      gdk_cairo_set_source_rgba (cr, &fg);
      if ((n - 1 - s) % label_step == 0)
        {
          const char *label = g_ptr_array_index (chart->shorts, s);
          double room = label_step > 1 ? 0 : slot - 4;
          int tw;

          show_text (widget, cr, label, -1, 0, room, &tw, NULL);
          show_text (widget, cr, label, CLAMP (s * slot + (slot - tw) / 2, 0, width - tw), bottom + 1,
                     room, NULL, NULL);
        }
    }

  /* The focused slot's values, in words, above the plot. */
  if (gtk_widget_has_focus (widget) && chart->focused >= 0 && (guint) chart->focused < n)
    {
      g_autofree char *text = scraper_chart_describe_slot (widget, chart->focused);
      double cx = chart->focused * slot + slot / 2;

      gdk_cairo_set_source_rgba (cr, &fg);
      show_text (widget, cr, text, 0, top - FOCUS_H + 1, width, NULL, NULL);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, floor (cx - slot / 2) + 0.5, top + 0.5, floor (slot) - 1, bottom - top - 1);
      cairo_stroke (cr);
    }
}

static int
slot_at (GtkWidget *widget,
         Chart     *chart,
         double     x)
{
  guint n = chart->labels->len;
  int w = MAX (gtk_widget_get_width (widget), 1);

  if (n == 0 || x < 0)
    return -1;
  return (int) MIN ((guint) (x * n / w), n - 1);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  Chart *chart = user_data;
  g_autofree char *text = NULL;
  int s;

  if (chart->labels->len == 0)
    return FALSE;
  s = keyboard ? MAX (chart->focused, 0) : slot_at (widget, chart, x);
  if (s < 0)
    return FALSE;
  text = scraper_chart_describe_slot (widget, s);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  Chart *chart = user_data;
  int s = slot_at (widget, chart, x);

  if (s != chart->hovered)
    {
      chart->hovered = s;
      gtk_widget_queue_draw (widget);
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          gpointer                  user_data)
{
  Chart *chart = user_data;

  chart->hovered = -1;
  gtk_widget_queue_draw (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)));
}

static gboolean
on_key (GtkEventControllerKey *key,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        gpointer               user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (key));
  Chart *chart = user_data;
  int n = (int) chart->labels->len, s = chart->focused;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      s = s < 0 ? n - 1 : MAX (s - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      s = s < 0 ? 0 : MIN (s + 1, n - 1);
      break;
    case GDK_KEY_Home:
      s = 0;
      break;
    case GDK_KEY_End:
      s = n - 1;
      break;
    default:
      return FALSE;
    }
  scraper_chart_set_focused (widget, s);
  return TRUE;
}

static void
on_focus_changed (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  Chart *chart = user_data;

  if (gtk_widget_has_focus (widget) && chart->focused < 0 && chart->labels->len > 0)
    chart->focused = (int) chart->labels->len - 1;
  gtk_widget_queue_draw (widget);
}

static void
on_dark_changed (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
}

GtkWidget *
scraper_chart_new (ScraperChartKind  kind,
                   const char       *name)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  Chart *chart = g_new0 (Chart, 1);

  chart->kind = kind;
  chart->n_series = kind == SCRAPER_CHART_BARS || kind == SCRAPER_CHART_RANGES ? 1 : 0;
  chart->series = g_ptr_array_new_with_free_func (g_free);
  chart->labels = g_ptr_array_new_with_free_func (g_free);
  chart->shorts = g_ptr_array_new_with_free_func (g_free);
  chart->values = g_array_new (FALSE, TRUE, sizeof (double));
  chart->focused = -1;
  chart->hovered = -1;
  g_ptr_array_add (chart->series, g_strdup (name));
  g_object_set_data_full (G_OBJECT (area), "scraper-chart", chart, chart_free);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, chart, NULL);
  gtk_widget_set_has_tooltip (area, TRUE);
  gtk_widget_set_focusable (area, TRUE);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_name (area, name);
  g_signal_connect (area, "query-tooltip", G_CALLBACK (on_query_tooltip), chart);
  g_signal_connect (area, "notify::has-focus", G_CALLBACK (on_focus_changed), chart);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), chart);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), chart);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key), chart);
  gtk_widget_add_controller (area, motion);
  gtk_widget_add_controller (area, key);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), area, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return area;
}

void
scraper_chart_set_series (GtkWidget          *widget,
                          const char * const *names,
                          guint               n_names)
{
  Chart *chart = chart_get (widget);

  g_return_if_fail (chart->labels->len == 0);
  if (chart->kind == SCRAPER_CHART_BARS || chart->kind == SCRAPER_CHART_RANGES)
    n_names = MIN (n_names, 1);
  g_ptr_array_set_size (chart->series, 0);
  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (chart->series, g_strdup (names[i]));
  if (chart->kind == SCRAPER_CHART_STACKED || chart->kind == SCRAPER_CHART_GROUPED)
    chart->n_series = n_names;
  gtk_widget_queue_draw (widget);
}

void
scraper_chart_set_last_is_red (GtkWidget *widget,
                               gboolean   is_red)
{
  chart_get (widget)->last_is_red = is_red;
  gtk_widget_queue_draw (widget);
}

void
scraper_chart_set_format (GtkWidget  *widget,
                          const char *format)
{
  Chart *chart = chart_get (widget);

  g_free (chart->format);
  chart->format = g_strdup (format);
}

void
scraper_chart_clear (GtkWidget *widget)
{
  Chart *chart = chart_get (widget);

  g_ptr_array_set_size (chart->labels, 0);
  g_ptr_array_set_size (chart->shorts, 0);
  g_array_set_size (chart->values, 0);
  chart->focused = -1;
  chart->hovered = -1;
  gtk_widget_queue_draw (widget);
}

void
scraper_chart_add (GtkWidget    *widget,
                   const char   *label,
                   const double *values)
{
  scraper_chart_add_full (widget, label, NULL, values);
}

void
scraper_chart_add_full (GtkWidget    *widget,
                        const char   *label,
                        const char   *short_label,
                        const double *values)
{
  Chart *chart = chart_get (widget);

  g_ptr_array_add (chart->labels, g_strdup (label));
  g_ptr_array_add (chart->shorts, g_strdup (short_label != NULL ? short_label : label));
  g_array_append_vals (chart->values, values, n_values (chart));
  gtk_widget_queue_draw (widget);
}

guint
scraper_chart_get_n_slots (GtkWidget *widget)
{
  return chart_get (widget)->labels->len;
}

char *
scraper_chart_describe_slot (GtkWidget *widget,
                             guint      slot)
{
  Chart *chart = chart_get (widget);
  GString *out;

  g_return_val_if_fail (slot < chart->labels->len, NULL);
  out = g_string_new (g_ptr_array_index (chart->labels, slot));
  g_string_append (out, ": ");
  switch (chart->kind)
    {
    case SCRAPER_CHART_BARS:
      {
        g_autofree char *v = format_value (chart, value_at (chart, slot, 0));
        g_string_append (out, v);
      }
      break;
    case SCRAPER_CHART_RANGES:
      {
        g_autofree char *lo = format_value (chart, value_at (chart, slot, 0));
        g_autofree char *q1 = format_value (chart, value_at (chart, slot, 1));
        g_autofree char *med = format_value (chart, value_at (chart, slot, 2));
        g_autofree char *q3 = format_value (chart, value_at (chart, slot, 3));
        g_autofree char *hi = format_value (chart, value_at (chart, slot, 4));

        /* Translators: a salary range: lowest, quartiles, median, highest */
        g_string_append_printf (out, _("median %s, middle half %s to %s, all %s to %s"), med, q1, q3, lo, hi);
      }
      break;
    case SCRAPER_CHART_STACKED:
    case SCRAPER_CHART_GROUPED:
      {
        double total = 0;

        for (guint i = 0; i < chart->n_series; i++)
          {
            g_autofree char *v = format_value (chart, value_at (chart, slot, i));

            total += value_at (chart, slot, i);
            g_string_append_printf (out, "%s%s %s", i > 0 ? ", " : "",
                                    (const char *) g_ptr_array_index (chart->series, i), v);
          }
        if (chart->kind == SCRAPER_CHART_STACKED)
          {
            g_autofree char *v = format_value (chart, total);

            /* Translators: the sum of a stacked bar, after its parts */
            g_string_append_printf (out, _(" (total %s)"), v);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}

char *
scraper_chart_describe (GtkWidget  *widget,
                        const char *title)
{
  Chart *chart = chart_get (widget);
  GString *out = g_string_new (title);

  g_string_append (out, ". ");
  for (guint i = 0; i < chart->labels->len; i++)
    {
      g_autofree char *one = scraper_chart_describe_slot (widget, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "; " : "", one);
    }
  if (chart->labels->len == 0)
    g_string_append (out, _("No data yet."));
  return g_string_free (out, FALSE);
}

int
scraper_chart_get_focused (GtkWidget *widget)
{
  return chart_get (widget)->focused;
}

void
scraper_chart_set_focused (GtkWidget *widget,
                           int        slot)
{
  Chart *chart = chart_get (widget);

  g_return_if_fail (slot >= -1 && slot < (int) chart->labels->len);
  chart->focused = slot;
  gtk_widget_queue_draw (widget);
  gtk_widget_trigger_tooltip_query (widget);
}
