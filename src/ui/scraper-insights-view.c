/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "scraper-insights-view.h"
#include "scraper-a11y.h"
#include "scraper-chart.h"
#include "store/scraper-store-applications.h"
#include "store/scraper-store-insights.h"

#define N_WEEKS 26

/* The charts, in the order of the page. */
enum {
  CHART_WEEKS,
  CHART_FUNNEL,
  CHART_SALARIES,
  CHART_SOURCES,
  N_CHARTS
};

static const char * const chart_ids[N_CHARTS] = { "weeks", "funnel", "salaries", "sources" };

struct _ScraperInsightsView
{
  AdwBin           parent_instance;

  ScraperContext  *context;
  GCancellable    *cancellable;
  gboolean         loading;

  GtkStack        *stack;
  GtkWidget       *charts[N_CHARTS];
  char            *descriptions[N_CHARTS];
  AdwPreferencesGroup *tables[N_CHARTS];
  GtkLabel        *salaries_title;
  GPtrArray       *rows;     /* rows added to the tables, removed on reload */
  GtkLabel        *summary;
  char            *search;   /* the Jobs view's search text, or NULL */
};

G_DEFINE_FINAL_TYPE (ScraperInsightsView, scraper_insights_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* What the computation hands the main thread. */
typedef struct {
  ScraperStats    *stats;
  ScraperInsights *insights;
} Numbers;

static void
numbers_free (Numbers *numbers)
{
  g_clear_pointer (&numbers->stats, scraper_stats_free);
  g_clear_pointer (&numbers->insights, scraper_insights_free);
  g_free (numbers);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Numbers, numbers_free)

static const char *
source_name (const ScraperInsightsSource *source)
{
  if (source->source_id == 0)
    return _("Removed sources");
  return source->name != NULL ? source->name : "";
}

static char *
seniority_label (const char *seniority)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "intern", N_("Intern") }, { "junior", N_("Junior") }, { "mid", N_("Mid-level") },
    { "senior", N_("Senior") }, { "lead", N_("Lead") }, { "principal", N_("Principal") },
    { "manager", N_("Manager") }, { "director", N_("Director") },
  };

  if (seniority == NULL)
    return g_strdup (_("Not stated"));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (seniority, labels[i].key) == 0)
      return g_strdup (_(labels[i].label));
  return g_strdup (seniority);
}

/* The value of a chart's slot without its label, for the table. */
static char *
slot_value (GtkWidget *chart,
            guint      slot)
{
  g_autofree char *text = scraper_chart_describe_slot (chart, slot);
  const char *colon = strstr (text, ": ");

  return g_strdup (colon != NULL ? colon + 2 : text);
}

static void
show_weeks (ScraperInsightsView   *self,
            const ScraperInsights *insights)
{
  GtkWidget *chart = self->charts[CHART_WEEKS];
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_sources = insights->sources->len;

  /* Only the sources with postings in these weeks make the legend. */
  for (guint s = 0; s < n_sources; s++)
    {
      guint total = 0;

      for (guint w = 0; w < insights->n_weeks; w++)
        total += insights->week_counts[w * n_sources + s];
      if (total == 0)
        continue;
      g_array_append_val (shown, s);
      g_ptr_array_add (names, (gpointer) source_name (g_ptr_array_index (insights->sources, s)));
    }

  scraper_chart_clear (chart);
  scraper_chart_set_series (chart, (const char * const *) names->pdata, names->len);
  for (guint w = 0; w < insights->n_weeks; w++)
    {
      g_autofree double *values = g_new0 (double, MAX (shown->len, 1));
      g_autofree char *value = NULL;

      for (guint i = 0; i < shown->len; i++)
        values[i] = insights->week_counts[w * n_sources + g_array_index (shown, guint, i)];
      /* "W07" under the bar, "2026-W07" in words */
      scraper_chart_add_full (chart, insights->weeks[w], strchr (insights->weeks[w], 'W'), values);
      value = slot_value (chart, w);
      add_row (self, self->tables[CHART_WEEKS], insights->weeks[w], shown->len > 0 ? value : "0");
    }
}

static void
show_funnel (ScraperInsightsView *self,
             const ScraperStats  *stats)
{
  static const ScraperPostingStatus funnel[] = {
    SCRAPER_STATUS_SAVED, SCRAPER_STATUS_APPLIED, SCRAPER_STATUS_INTERVIEWING,
    SCRAPER_STATUS_OFFER, SCRAPER_STATUS_REJECTED,
  };
  GtkWidget *chart = self->charts[CHART_FUNNEL];
  g_autofree char *rate = g_strdup_printf ("%.0f %%", stats->response_rate * 100);
  g_autofree char *median = isnan (stats->median_days_to_response)
                            ? g_strdup ("—") : g_strdup_printf ("%.1f", stats->median_days_to_response);

  scraper_chart_clear (chart);
  for (guint i = 0; i < G_N_ELEMENTS (funnel); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", stats->applications[funnel[i]]);
      double v = stats->applications[funnel[i]];

      scraper_chart_add (chart, scraper_posting_status_get_label (funnel[i]), &v);
      add_row (self, self->tables[CHART_FUNNEL], scraper_posting_status_get_label (funnel[i]), value);
    }
  add_row (self, self->tables[CHART_FUNNEL], _("Response rate"), rate);
  add_row (self, self->tables[CHART_FUNNEL], _("Median days to a response"), median);
}

static void
show_salaries (ScraperInsightsView   *self,
               const ScraperInsights *insights)
{
  GtkWidget *chart = self->charts[CHART_SALARIES];
  g_autofree char *title = NULL;

  scraper_chart_clear (chart);
  for (guint i = 0; i < insights->salaries->len; i++)
    {
      const ScraperSalaryBand *band = g_ptr_array_index (insights->salaries, i);
      double values[5] = { band->min, band->q1, band->median, band->q3, band->max };
      g_autofree char *label = seniority_label (band->seniority);
      g_autofree char *value = NULL;
      g_autofree char *row = NULL;

      scraper_chart_add (chart, label, values);
      value = slot_value (chart, i);
      row = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u posting)", "%s (%u postings)", band->count),
                             label, band->count);
      add_row (self, self->tables[CHART_SALARIES], row, value);
    }
  if (insights->currency != NULL && *insights->currency != '\0')
    /* Translators: a heading; %s is a currency code such as EUR */
    title = g_strdup_printf (_("Salaries by Seniority (%s per Year)"), insights->currency);
  else
    title = g_strdup (_("Salaries by Seniority (per Year)"));
  gtk_label_set_label (self->salaries_title, title);
}

static void
show_sources (ScraperInsightsView   *self,
              const ScraperInsights *insights)
{
  GtkWidget *chart = self->charts[CHART_SOURCES];
  const char *names[] = { _("Applied"), _("Responses") };

  scraper_chart_clear (chart);
  scraper_chart_set_series (chart, names, G_N_ELEMENTS (names));
  for (guint i = 0; i < insights->sources->len; i++)
    {
      const ScraperInsightsSource *s = g_ptr_array_index (insights->sources, i);
      double values[2] = { s->applied, s->responses };
      g_autofree char *value = NULL;

      if (s->postings == 0 && s->applied == 0)
        continue;
      scraper_chart_add (chart, source_name (s), values);
      /* Translators: one source's postings, applications and responses */
      value = g_strdup_printf (_("%u postings, %u applied, %u responses"), s->postings, s->applied, s->responses);
      add_row (self, self->tables[CHART_SOURCES], source_name (s), value);
    }
}

static void
describe (ScraperInsightsView *self,
          guint                i,
          const char          *title)
{
  g_autofree char *text = scraper_chart_describe (self->charts[i], title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->charts[i]),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_free (self->descriptions[i]);
  self->descriptions[i] = g_steal_pointer (&text);
}

static void
show_numbers (ScraperInsightsView *self,
              const Numbers       *numbers)
{
  g_autofree char *summary = NULL;
  g_autofree char *salaries = NULL;
  guint matching = 0;

  clear_rows (self);
  show_weeks (self, numbers->insights);
  show_funnel (self, numbers->stats);
  show_salaries (self, numbers->insights);
  show_sources (self, numbers->insights);

  describe (self, CHART_WEEKS, _("New postings per week, by source"));
  describe (self, CHART_FUNNEL, _("Applications by status"));
  salaries = g_strdup (gtk_label_get_label (self->salaries_title));
  describe (self, CHART_SALARIES, salaries);
  describe (self, CHART_SOURCES, _("Applications and responses by source"));

  for (guint i = 0; i < numbers->insights->sources->len; i++)
    matching += ((ScraperInsightsSource *) g_ptr_array_index (numbers->insights->sources, i))->postings;
  if (self->search != NULL)
    /* Translators: the first %s is the count, the second the Jobs view's search text */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting matches “%s”",
                                            "%u postings match “%s”", matching), matching, self->search);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting", "%u postings",
                                            numbers->stats->postings_total), numbers->stats->postings_total);
  gtk_label_set_label (self->summary, summary);
  gtk_stack_set_visible_child_name (self->stack, numbers->stats->postings_total > 0 ? "insights" : "empty");
}

typedef struct {
  ScraperStore *store;
  char         *search;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->store);
  g_free (request->search);
  g_free (request);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(Numbers) numbers = g_new0 (Numbers, 1);
  GError *error = NULL;

  if (!(numbers->stats = scraper_store_compute_stats (request->store, NULL, &error)) ||
      g_task_return_error_if_cancelled (task) ||
      !(numbers->insights = scraper_store_compute_insights (request->store, request->search, N_WEEKS,
                                                            g_get_real_time () / G_USEC_PER_SEC, &error)))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&numbers), (GDestroyNotify) numbers_free);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Numbers) numbers = g_task_propagate_pointer (G_TASK (result), &error);
  ScraperInsightsView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SCRAPER_INSIGHTS_VIEW (source);
  self->loading = FALSE;
  if (numbers == NULL)
    {
      g_warning ("Could not compute the statistics: %s", error->message);
      return;
    }
  show_numbers (self, numbers);
}

void
scraper_insights_view_reload (ScraperInsightsView *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self));

  if (self->context == NULL)
    return;

  /* A reload replaces the one running. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  request = g_new0 (Request, 1);
  request->store = g_object_ref (scraper_context_get_store (self->context));
  request->search = g_strdup (self->search);
  task = g_task_new (self, self->cancellable, on_computed, NULL);
  g_task_set_source_tag (task, scraper_insights_view_reload);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_set_return_on_cancel (task, TRUE);
  /* On the store's thread, like every read of the window (one bound on threads). */
  scraper_store_run_in_thread (task, compute_in_thread);
}

void
scraper_insights_view_set_search (ScraperInsightsView *self,
                                  const char          *search)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self));

  text = search != NULL ? g_strstrip (g_strdup (search)) : NULL;
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  if (g_strcmp0 (text, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&text);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    scraper_insights_view_reload (self);
}

const char *
scraper_insights_view_get_search (ScraperInsightsView *self)
{
  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), NULL);
  return self->search;
}

gboolean
scraper_insights_view_is_loading (ScraperInsightsView *self)
{
  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), FALSE);
  return self->loading;
}

static int
chart_index (const char *name)
{
  for (guint i = 0; i < N_CHARTS; i++)
    if (g_strcmp0 (name, chart_ids[i]) == 0)
      return (int) i;
  return -1;
}

GtkWidget *
scraper_insights_view_get_chart (ScraperInsightsView *self,
                                 const char          *name)
{
  int i = chart_index (name);

  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), NULL);
  return i >= 0 ? self->charts[i] : NULL;
}

const char *
scraper_insights_view_get_description (ScraperInsightsView *self,
                                       const char          *name)
{
  int i = chart_index (name);

  g_return_val_if_fail (SCRAPER_IS_INSIGHTS_VIEW (self), NULL);
  return i >= 0 ? self->descriptions[i] : NULL;
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

/* A long table folds under its chart. */
static GtkWidget *
folded_table (AdwPreferencesGroup *table)
{
  GtkWidget *expander = gtk_expander_new (_("Table"));

  gtk_expander_set_child (GTK_EXPANDER (expander), GTK_WIDGET (table));
  scraper_a11y_name_expander (GTK_EXPANDER (expander));
  return expander;
}

static void
build (ScraperInsightsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *section;

  self->charts[CHART_WEEKS] = scraper_chart_new (SCRAPER_CHART_STACKED, _("New postings per week, by source"));
  self->charts[CHART_FUNNEL] = scraper_chart_new (SCRAPER_CHART_BARS, _("Applications by status"));
  scraper_chart_set_last_is_red (self->charts[CHART_FUNNEL], TRUE);
  self->charts[CHART_SALARIES] = scraper_chart_new (SCRAPER_CHART_RANGES, _("Salaries by seniority"));
  scraper_chart_set_format (self->charts[CHART_SALARIES], "%.0f");
  self->charts[CHART_SOURCES] = scraper_chart_new (SCRAPER_CHART_GROUPED, _("Applications and responses by source"));
  for (guint i = 0; i < N_CHARTS; i++)
    self->tables[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");

  g_object_set (page, "margin-top", 24, "margin-bottom", 24, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->summary));

  section = make_section (_("New Postings per Week"), self->charts[CHART_WEEKS], NULL);
  gtk_box_append (GTK_BOX (section), folded_table (self->tables[CHART_WEEKS]));
  gtk_box_append (GTK_BOX (page), section);
  gtk_box_append (GTK_BOX (page), make_section (_("Applications"), self->charts[CHART_FUNNEL],
                                                self->tables[CHART_FUNNEL]));
  section = make_section (_("Salaries by Seniority (per Year)"), self->charts[CHART_SALARIES],
                          self->tables[CHART_SALARIES]);
  self->salaries_title = GTK_LABEL (gtk_widget_get_first_child (section));
  gtk_box_append (GTK_BOX (page), section);
  gtk_box_append (GTK_BOX (page), make_section (_("Sources"), self->charts[CHART_SOURCES],
                                                self->tables[CHART_SOURCES]));

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
  for (guint i = 0; i < N_CHARTS; i++)
    g_clear_pointer (&self->descriptions[i], g_free);
  g_clear_pointer (&self->search, g_free);
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
