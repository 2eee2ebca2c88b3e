/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "scraper-insights-view.h"
#include "scraper-a11y.h"
#include "store/scraper-store-applications.h"

#define N_WEEKS 26

/* One bar chart: labels and values, drawn with cairo in the Adwaita
 * palette; the exact value of a bar is its tooltip. */
typedef struct {
  GPtrArray *labels;   /* char * */
  GArray    *values;   /* double */
} Chart;

static void
chart_free (Chart *chart)
{
  g_ptr_array_unref (chart->labels);
  g_array_unref (chart->values);
  g_free (chart);
}

static Chart *
chart_new (void)
{
  Chart *chart = g_new0 (Chart, 1);

  chart->labels = g_ptr_array_new_with_free_func (g_free);
  chart->values = g_array_new (FALSE, TRUE, sizeof (double));
  return chart;
}

static void
chart_clear (Chart *chart)
{
  g_ptr_array_set_size (chart->labels, 0);
  g_array_set_size (chart->values, 0);
}

static void
chart_add (Chart      *chart,
           const char *label,
           double      value)
{
  g_ptr_array_add (chart->labels, g_strdup (label));
  g_array_append_val (chart->values, value);
}

struct _ScraperInsightsView
{
  AdwBin           parent_instance;

  ScraperContext  *context;
  GCancellable    *cancellable;
  gboolean         loading;

  GtkStack        *stack;
  GtkWidget       *weeks_area;
  GtkWidget       *funnel_area;
  Chart           *weeks;
  Chart           *funnel;
  AdwPreferencesGroup *weeks_table;
  AdwPreferencesGroup *funnel_table;
  AdwPreferencesGroup *sources_table;
  GPtrArray       *rows;     /* rows added to the tables, removed on reload */
  GtkLabel        *summary;
  char            *descriptions[2];   /* of the weeks and the funnel */
};

G_DEFINE_FINAL_TYPE (ScraperInsightsView, scraper_insights_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bar_color (GtkWidget *widget,
           cairo_t   *cr,
           guint      i,
           guint      n)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  /* Adwaita's blue 3 (light) or its lighter tint (dark); the last bar of
   * the funnel, the rejections, in red. */
  if (n > 0 && i == n - 1 && g_object_get_data (G_OBJECT (widget), "last-is-red") != NULL)
    cairo_set_source_rgb (cr, dark ? 0xff / 255.0 : 0xe0 / 255.0, dark ? 0x7b / 255.0 : 0x1b / 255.0,
                          dark ? 0x63 / 255.0 : 0x24 / 255.0);
  else if (dark)
    cairo_set_source_rgb (cr, 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0);
  else
    cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
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
  guint n = chart->values->len;
  double max = 0, slot, label_h = 18, top = 16;
  GdkRGBA fg;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    max = MAX (max, g_array_index (chart->values, double, i));
  if (max <= 0)
    max = 1;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  slot = (double) width / n;
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (chart->values, double, i);
      double bar_h = (height - label_h - top) * v / max;
      double x = i * slot + slot * 0.15;
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *value = g_strdup_printf ("%g", v);
      int lw, lh;

      bar_color (widget, cr, i, n);
      cairo_rectangle (cr, x, height - label_h - bar_h, slot * 0.7, bar_h);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &fg);
      /* the label under the bar, when there is room for it */
      if (slot >= 28 || i % 4 == 0)
        {
          layout = gtk_widget_create_pango_layout (widget, g_ptr_array_index (chart->labels, i));
          pango_layout_get_pixel_size (layout, &lw, &lh);
          cairo_move_to (cr, i * slot + (slot - lw) / 2, height - lh);
          pango_cairo_show_layout (cr, layout);
          g_clear_object (&layout);
        }
      if (slot >= 20)
        {
          layout = gtk_widget_create_pango_layout (widget, value);
          pango_layout_get_pixel_size (layout, &lw, &lh);
          cairo_move_to (cr, i * slot + (slot - lw) / 2, height - label_h - bar_h - lh);
          pango_cairo_show_layout (cr, layout);
        }
    }
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
  guint n = chart->values->len, i;
  g_autofree char *text = NULL;

  if (n == 0)
    return FALSE;
  i = keyboard ? n - 1 : MIN ((guint) (x * n / MAX (gtk_widget_get_width (widget), 1)), n - 1);
  text = g_strdup_printf ("%s: %g", (const char *) g_ptr_array_index (chart->labels, i),
                          g_array_index (chart->values, double, i));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* "label: value, label: value, …" for screen readers. */
static char *
chart_describe (const char *title,
                Chart      *chart)
{
  GString *out = g_string_new (title);

  g_string_append (out, ". ");
  for (guint i = 0; i < chart->values->len; i++)
    g_string_append_printf (out, "%s%s: %g", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (chart->labels, i),
                            g_array_index (chart->values, double, i));
  if (chart->values->len == 0)
    g_string_append (out, _("No data yet."));
  return g_string_free (out, FALSE);
}

static GtkWidget *
make_chart_area (Chart      *chart,
                 const char *name)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 180);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, chart, NULL);
  gtk_widget_set_has_tooltip (area, TRUE);
  gtk_widget_set_focusable (area, TRUE);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_name (area, name);
  g_signal_connect (area, "query-tooltip", G_CALLBACK (on_query_tooltip), chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return area;
}

static void
add_row (ScraperInsightsView *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (ScraperInsightsView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_stats (ScraperInsightsView *self,
            const ScraperStats  *stats)
{
  static const ScraperPostingStatus funnel[] = {
    SCRAPER_STATUS_SAVED, SCRAPER_STATUS_APPLIED, SCRAPER_STATUS_INTERVIEWING,
    SCRAPER_STATUS_OFFER, SCRAPER_STATUS_REJECTED,
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) cutoff = g_date_time_add_weeks (now, -(N_WEEKS - 1));
  g_autofree char *first_week = g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (cutoff),
                                                 g_date_time_get_week_of_year (cutoff));
  g_autofree char *weeks_text = NULL;
  g_autofree char *funnel_text = NULL;
  g_autofree char *summary = NULL;

  clear_rows (self);
  chart_clear (self->weeks);
  chart_clear (self->funnel);

  for (guint i = 0; i < stats->new_by_week->len; i++)
    {
      const ScraperWeekCount *w = g_ptr_array_index (stats->new_by_week, i);

      g_autofree char *value = NULL;

      if (g_strcmp0 (w->week, first_week) < 0)
        continue;
      value = g_strdup_printf ("%u", w->count);
      chart_add (self->weeks, w->week, w->count);
      add_row (self, self->weeks_table, w->week, value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (funnel); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", stats->applications[funnel[i]]);

      chart_add (self->funnel, scraper_posting_status_get_label (funnel[i]), stats->applications[funnel[i]]);
      add_row (self, self->funnel_table, scraper_posting_status_get_label (funnel[i]), value);
    }
  {
    g_autofree char *rate = g_strdup_printf ("%.0f %%", stats->response_rate * 100);
    g_autofree char *median = isnan (stats->median_days_to_response)
                              ? g_strdup ("—") : g_strdup_printf ("%.1f", stats->median_days_to_response);

    add_row (self, self->funnel_table, _("Response rate"), rate);
    add_row (self, self->funnel_table, _("Median days to a response"), median);
  }

  for (guint i = 0; i < stats->by_source->len; i++)
    {
      const ScraperSourceStats *s = g_ptr_array_index (stats->by_source, i);
      /* Translators: postings and applications of one source */
      g_autofree char *value = g_strdup_printf (_("%u postings, %u applied"), s->postings, s->applied);

      add_row (self, self->sources_table, s->name != NULL ? s->name : "", value);
    }

  weeks_text = chart_describe (_("New postings per week"), self->weeks);
  funnel_text = chart_describe (_("Applications by status"), self->funnel);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weeks_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, weeks_text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->funnel_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, funnel_text, -1);
  g_free (self->descriptions[0]);
  self->descriptions[0] = g_steal_pointer (&weeks_text);
  g_free (self->descriptions[1]);
  self->descriptions[1] = g_steal_pointer (&funnel_text);
  gtk_widget_queue_draw (self->weeks_area);
  gtk_widget_queue_draw (self->funnel_area);

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting", "%u postings", stats->postings_total),
                             stats->postings_total);
  gtk_label_set_label (self->summary, summary);
  gtk_stack_set_visible_child_name (self->stack, stats->postings_total > 0 ? "insights" : "empty");
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  ScraperStats *stats = scraper_store_compute_stats (task_data, NULL, &error);

  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) scraper_stats_free);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScraperStats) stats = g_task_propagate_pointer (G_TASK (result), &error);
  ScraperInsightsView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SCRAPER_INSIGHTS_VIEW (source);
  self->loading = FALSE;
  if (stats == NULL)
    {
      g_warning ("Could not compute the statistics: %s", error->message);
      return;
    }
  show_stats (self, stats);
}

void
scraper_insights_view_reload (ScraperInsightsView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self));

  if (self->context == NULL)
    return;

  /* A reload replaces the one running. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  task = g_task_new (self, self->cancellable, on_computed, NULL);
  g_task_set_source_tag (task, scraper_insights_view_reload);
  g_task_set_task_data (task, g_object_ref (scraper_context_get_store (self->context)), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  /* On the store's thread, like every read of the window (one bound on threads). */
  scraper_store_run_in_thread (task, compute_in_thread);
}

gboolean
scraper_insights_view_is_loading (ScraperInsightsView *self)
{
  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), FALSE);
  return self->loading;
}

GtkWidget *
scraper_insights_view_get_chart (ScraperInsightsView *self,
                                 const char          *name)
{
  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), NULL);
  if (g_strcmp0 (name, "weeks") == 0)
    return self->weeks_area;
  if (g_strcmp0 (name, "funnel") == 0)
    return self->funnel_area;
  return NULL;
}

const char *
scraper_insights_view_get_description (ScraperInsightsView *self,
                                       const char          *name)
{
  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), NULL);
  if (g_strcmp0 (name, "weeks") == 0)
    return self->descriptions[0];
  if (g_strcmp0 (name, "funnel") == 0)
    return self->descriptions[1];
  return NULL;
}

static void
on_task_finished (ScraperInsightsView *self,
                  ScraperTask         *task,
                  ScraperTaskManager  *manager)
{
  if (g_strcmp0 (scraper_task_get_kind (task), "scrape") == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    scraper_insights_view_reload (self);
}

static GtkWidget *
make_section (const char          *title,
              GtkWidget           *chart,
              AdwPreferencesGroup *table)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);
  if (chart != NULL)
    gtk_box_append (GTK_BOX (box), chart);
  /* The plain table beside every chart. */
  if (table != NULL)
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (table));
  return box;
}

static void
build (ScraperInsightsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *weeks_expander = gtk_expander_new (_("Table"));
  GtkWidget *weeks_box;

  self->weeks = chart_new ();
  self->funnel = chart_new ();
  self->weeks_area = make_chart_area (self->weeks, _("New postings per week"));
  self->funnel_area = make_chart_area (self->funnel, _("Applications by status"));
  g_object_set_data (G_OBJECT (self->funnel_area), "last-is-red", GINT_TO_POINTER (1));
  self->weeks_table = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->funnel_table = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->sources_table = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");

  g_object_set (page, "margin-top", 24, "margin-bottom", 24, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->summary));

  /* 26 weeks make a long table: folded under the chart. */
  weeks_box = make_section (_("New Postings per Week"), self->weeks_area, NULL);
  gtk_expander_set_child (GTK_EXPANDER (weeks_expander), GTK_WIDGET (self->weeks_table));
  scraper_a11y_name_expander (GTK_EXPANDER (weeks_expander));
  gtk_box_append (GTK_BOX (weeks_box), weeks_expander);
  gtk_box_append (GTK_BOX (page), weeks_box);
  gtk_box_append (GTK_BOX (page), make_section (_("Applications"), self->funnel_area, self->funnel_table));
  gtk_box_append (GTK_BOX (page), make_section (_("Sources"), NULL, self->sources_table));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "job-scraper-insights-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Insights Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Once postings are collected, how the search goes shows here."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, scrolled, "insights");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

static void
scraper_insights_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (scraper_insights_view_parent_class)->map (widget);
  scraper_insights_view_reload (SCRAPER_INSIGHTS_VIEW (widget));
}

static void
scraper_insights_view_constructed (GObject *object)
{
  ScraperInsightsView *self = SCRAPER_INSIGHTS_VIEW (object);

  G_OBJECT_CLASS (scraper_insights_view_parent_class)->constructed (object);
  if (self->context != NULL)
    g_signal_connect_object (scraper_context_get_task_manager (self->context), "task-finished",
                             G_CALLBACK (on_task_finished), self, G_CONNECT_SWAPPED);
}

static void
scraper_insights_view_dispose (GObject *object)
{
  ScraperInsightsView *self = SCRAPER_INSIGHTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (scraper_insights_view_parent_class)->dispose (object);
}

static void
scraper_insights_view_finalize (GObject *object)
{
  ScraperInsightsView *self = SCRAPER_INSIGHTS_VIEW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->descriptions[0], g_free);
  g_clear_pointer (&self->descriptions[1], g_free);
  g_clear_pointer (&self->weeks, chart_free);
  g_clear_pointer (&self->funnel, chart_free);
  G_OBJECT_CLASS (scraper_insights_view_parent_class)->finalize (object);
}

static void
scraper_insights_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ScraperInsightsView *self = SCRAPER_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_insights_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ScraperInsightsView *self = SCRAPER_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_insights_view_class_init (ScraperInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scraper_insights_view_constructed;
  object_class->dispose = scraper_insights_view_dispose;
  object_class->finalize = scraper_insights_view_finalize;
  object_class->set_property = scraper_insights_view_set_property;
  object_class->get_property = scraper_insights_view_get_property;
  widget_class->map = scraper_insights_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scraper_insights_view_init (ScraperInsightsView *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  build (self);
}

GtkWidget *
scraper_insights_view_new (ScraperContext *context)
{
  return g_object_new (SCRAPER_TYPE_INSIGHTS_VIEW, "context", context, NULL);
}
