/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jobs-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "model/scraper-untrusted.h"
#include "scraper-jobs-filters.h"

/* The most a yearly salary filter asks for; beyond it nothing matches. */
#define MAX_SALARY 10000000

struct _ScraperJobsFilters
{
  AdwBin          parent_instance;

  ScraperStore   *store;
  GCancellable   *sources_cancellable;
  GArray         *source_ids;     /* gint64 per item of the source drop-down */
  gint64          source_id;      /* the one wanted, even before the list is read */
  GArray         *days;           /* guint per item of the "posted" drop-down */
  char           *location;       /* stripped, NULL when blank */
  gboolean        sources_loaded;
  gboolean        updating_sources; /* the drop-down follows source_id */
  guint           freeze;         /* changes made together emit "changed" once */
  gboolean        changed_while_frozen;

  GtkMenuButton  *button;
  GtkLabel       *label;
  GtkCheckButton *remote;
  GtkSearchEntry *location_entry;
  GtkSpinButton  *salary;
  GtkDropDown    *type;
  GtkDropDown    *posted;
  GtkDropDown    *source;
};

G_DEFINE_FINAL_TYPE (ScraperJobsFilters, scraper_jobs_filters, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The employment types, as scraper_employment_type_normalize() writes them. */
static const struct {
  const char *code;
  const char *label;
} types[] = {
  { NULL, N_("Any Type") },
  { "FULL_TIME", N_("Full-Time") },
  { "PART_TIME", N_("Part-Time") },
  { "CONTRACTOR", N_("Contract") },
  { "TEMPORARY", N_("Temporary") },
  { "INTERN", N_("Internship") },
  { "VOLUNTEER", N_("Volunteer") },
};

static const struct {
  guint       days;
  const char *label;
} periods[] = {
  { 0, N_("Any Time") },
  { 1, N_("Past Day") },
  { 3, N_("Past 3 Days") },
  { 7, N_("Past Week") },
  { 14, N_("Past 2 Weeks") },
  { 30, N_("Past Month") },
  { 90, N_("Past 3 Months") },
};

static const char *
type_code (ScraperJobsFilters *self)
{
  guint i = gtk_drop_down_get_selected (self->type);

  return i < G_N_ELEMENTS (types) ? types[i].code : NULL;
}

static guint
posted_days (ScraperJobsFilters *self)
{
  guint i = gtk_drop_down_get_selected (self->posted);

  return i < self->days->len ? g_array_index (self->days, guint, i) : 0;
}

static double
min_salary (ScraperJobsFilters *self)
{
  return gtk_spin_button_get_value (self->salary);
}

guint
scraper_jobs_filters_get_n_active (ScraperJobsFilters *self)
{
  g_return_val_if_fail (SCRAPER_IS_JOBS_FILTERS (self), 0);

  return (gtk_check_button_get_active (self->remote) ? 1 : 0) +
         (self->location != NULL ? 1 : 0) +
         (min_salary (self) > 0 ? 1 : 0) +
         (type_code (self) != NULL ? 1 : 0) +
         (posted_days (self) > 0 ? 1 : 0) +
         (self->source_id > 0 ? 1 : 0);
}

static void
update_indicator (ScraperJobsFilters *self)
{
  g_autofree char *description = scraper_jobs_filters_describe (self);

  /* Set filters colour the label; which they are shows under the button
   * row, and how many in the count (a number here would not fit 360 px). */
  if (description != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "accent");
  /* The name stays "Filters"; which are set is its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No filters set"), -1);
}

static void
emit_changed (ScraperJobsFilters *self)
{
  if (self->freeze > 0)
    {
      self->changed_while_frozen = TRUE;
      return;
    }
  update_indicator (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
freeze (ScraperJobsFilters *self)
{
  self->freeze++;
}

static void
thaw (ScraperJobsFilters *self)
{
  g_assert (self->freeze > 0);
  if (--self->freeze == 0 && self->changed_while_frozen)
    {
      self->changed_while_frozen = FALSE;
      emit_changed (self);
    }
}

static void
on_location_changed (ScraperJobsFilters *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_entry))));

  if (g_strcmp0 (self->location, *text != '\0' ? text : NULL) == 0)
    return;
  g_free (self->location);
  self->location = *text != '\0' ? g_steal_pointer (&text) : NULL;
  emit_changed (self);
}

static void
on_source_selected (ScraperJobsFilters *self)
{
  guint i = gtk_drop_down_get_selected (self->source);
  gint64 id = i < self->source_ids->len ? g_array_index (self->source_ids, gint64, i) : 0;

  if (self->updating_sources || id == self->source_id)
    return;
  self->source_id = id;
  emit_changed (self);
}

/* Sources */

/* Shows source_id in the drop-down. */
static void
select_source (ScraperJobsFilters *self)
{
  guint position = 0;

  self->updating_sources = TRUE;
  for (guint i = 0; i < self->source_ids->len; i++)
    if (g_array_index (self->source_ids, gint64, i) == self->source_id)
      position = i;

  /* Asked for by a saved search but gone since: it stays the filter (it
   * matches nothing now), under a name that says so. */
  if (self->source_id > 0 && position == 0 && self->sources_loaded)
    {
      GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->source));

      gtk_string_list_append (names, _("Removed Source"));
      g_array_append_val (self->source_ids, self->source_id);
      position = self->source_ids->len - 1;
    }
  gtk_drop_down_set_selected (self->source, position);
  self->updating_sources = FALSE;
}

static void
set_sources (ScraperJobsFilters *self,
             GPtrArray          *sources)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 any = 0;

  g_array_set_size (self->source_ids, 0);
  gtk_string_list_append (names, _("Any Source"));
  g_array_append_val (self->source_ids, any);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const ScraperSource *source = g_ptr_array_index (sources, i);
      g_autofree char *name = scraper_text_printable (source->name != NULL && *source->name != '\0'
                                                      ? source->name : source->url, FALSE);

      gtk_string_list_append (names, name != NULL ? name : "");
      g_array_append_val (self->source_ids, source->id);
    }

  self->sources_loaded = TRUE;
  self->updating_sources = TRUE;
  gtk_drop_down_set_model (self->source, G_LIST_MODEL (names));
  self->updating_sources = FALSE;
  select_source (self);
  update_indicator (self);
}

static void
sources_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ScraperJobsFilters) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = scraper_store_list_sources_finish (SCRAPER_STORE (object), result, &error);

  if (sources == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the sources: %s", error->message);
      return;
    }
  set_sources (self, sources);
}

void
scraper_jobs_filters_refresh_sources (ScraperJobsFilters *self)
{
  g_return_if_fail (SCRAPER_IS_JOBS_FILTERS (self));

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->sources_cancellable);
  self->sources_cancellable = g_cancellable_new ();
  scraper_store_list_sources_async (self->store, self->sources_cancellable, sources_done, g_object_ref (self));
}

void
scraper_jobs_filters_set_store (ScraperJobsFilters *self,
                                ScraperStore       *store)
{
  g_return_if_fail (SCRAPER_IS_JOBS_FILTERS (self));
  g_return_if_fail (store == NULL || SCRAPER_IS_STORE (store));

  if (g_set_object (&self->store, store))
    scraper_jobs_filters_refresh_sources (self);
}

/* The sources may have changed since the list was read. */
static void
on_popover_visible (ScraperJobsFilters *self,
                    GParamSpec         *pspec,
                    GtkWidget          *popover)
{
  if (gtk_widget_get_visible (popover))
    scraper_jobs_filters_refresh_sources (self);
}

/* Reading and setting */

void
scraper_jobs_filters_to_query (ScraperJobsFilters *self,
                               ScraperQuery       *query)
{
  g_return_if_fail (SCRAPER_IS_JOBS_FILTERS (self));
  g_return_if_fail (query != NULL);

  query->remote_only = gtk_check_button_get_active (self->remote);
  query->location = self->location;
  query->min_salary = min_salary (self);
  query->employment_type = type_code (self);
  query->posted_within_days = posted_days (self);
  query->source_id = self->source_id;
}

static void
select_days (ScraperJobsFilters *self,
             guint               days)
{
  for (guint i = 0; i < self->days->len; i++)
    if (g_array_index (self->days, guint, i) == days)
      {
        gtk_drop_down_set_selected (self->posted, i);
        return;
      }

  /* Another number of days, from the command line. */
  {
    g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Past %u Day", "Past %u Days", days), days);

    gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (self->posted)), label);
    g_array_append_val (self->days, days);
    gtk_drop_down_set_selected (self->posted, self->days->len - 1);
  }
}

void
scraper_jobs_filters_set (ScraperJobsFilters       *self,
                          const ScraperSavedSearch *search)
{
  guint type = 0;

  g_return_if_fail (SCRAPER_IS_JOBS_FILTERS (self));
  g_return_if_fail (search != NULL);

  for (guint i = 1; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].code, search->employment_type) == 0)
      type = i;

  freeze (self);
  gtk_check_button_set_active (self->remote, search->remote_only);
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), search->location != NULL ? search->location : "");
  /* Now, not after the entry's delay: the query that follows has it. */
  on_location_changed (self);
  gtk_spin_button_set_value (self->salary, CLAMP (search->min_salary, 0, MAX_SALARY));
  gtk_drop_down_set_selected (self->type, type);
  select_days (self, search->posted_within_days);
  if (self->source_id != search->source_id)
    {
      self->source_id = search->source_id;
      self->changed_while_frozen = TRUE;
    }
  select_source (self);
  thaw (self);
}

void
scraper_jobs_filters_reset (ScraperJobsFilters *self)
{
  g_autoptr(ScraperSavedSearch) none = scraper_saved_search_new ();

  g_return_if_fail (SCRAPER_IS_JOBS_FILTERS (self));

  scraper_jobs_filters_set (self, none);
}

char *
scraper_jobs_filters_describe (ScraperJobsFilters *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint days = posted_days (self);

  g_return_val_if_fail (SCRAPER_IS_JOBS_FILTERS (self), NULL);

  if (gtk_check_button_get_active (self->remote))
    g_ptr_array_add (parts, g_strdup (_("Remote")));
  if (self->location != NULL)
    /* Translators: a location filter, e.g. “in Berlin” */
    g_ptr_array_add (parts, g_strdup_printf (_("in %s"), self->location));
  if (min_salary (self) > 0)
    /* Translators: a minimum yearly salary filter, e.g. “from 60000 a year” */
    g_ptr_array_add (parts, g_strdup_printf (_("from %.0f a year"), min_salary (self)));
  for (guint i = 1; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].code, type_code (self)) == 0)
      g_ptr_array_add (parts, g_strdup (_(types[i].label)));
  if (days > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "posted in the past %u day",
                                                          "posted in the past %u days", days), days));
  if (self->source_id > 0)
    {
      guint i = gtk_drop_down_get_selected (self->source);
      GObject *item = gtk_drop_down_get_selected_item (self->source);
      gboolean shown = i < self->source_ids->len && g_array_index (self->source_ids, gint64, i) == self->source_id;

      /* Translators: a source filter, e.g. “from Acme Careers” */
      g_ptr_array_add (parts, g_strdup_printf (_("from %s"),
                                               shown && GTK_IS_STRING_OBJECT (item)
                                               ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                               : _("one source")));
    }

  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Building */

static GtkWidget *
field (GtkWidget  *box,
       const char *mnemonic,
       GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), control);
#if !GTK_CHECK_VERSION (4, 10, 0)
  /* GTK 4.8 would read the heading's text and the control's name both. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
#endif
  return control;
}

static GtkDropDown *
drop_down (GtkStringList *model,
           const char    *name)
{
  GtkWidget *drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* What scraper_a11y_fix_names() names the inner button after on GTK 4.8. */
  gtk_widget_set_tooltip_text (drop_down, name);
  return GTK_DROP_DOWN (drop_down);
}

static void
scraper_jobs_filters_dispose (GObject *object)
{
  ScraperJobsFilters *self = SCRAPER_JOBS_FILTERS (object);

  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->sources_cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (scraper_jobs_filters_parent_class)->dispose (object);
}

static void
scraper_jobs_filters_finalize (GObject *object)
{
  ScraperJobsFilters *self = SCRAPER_JOBS_FILTERS (object);

  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_free (self->location);

  G_OBJECT_CLASS (scraper_jobs_filters_parent_class)->finalize (object);
}

static void
scraper_jobs_filters_class_init (ScraperJobsFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = scraper_jobs_filters_dispose;
  object_class->finalize = scraper_jobs_filters_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
scraper_jobs_filters_init (ScraperJobsFilters *self)
{
  g_autoptr(GtkStringList) type_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) period_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) source_names = gtk_string_list_new (NULL);
  GtkWidget *label_box, *popover, *box, *reset;
  gint64 any = 0;

  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (self->source_ids, any);
  self->days = g_array_new (FALSE, FALSE, sizeof (guint));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Location, Salary, Type, Date and Source"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filters"), -1);
  label_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: the button with the location, salary, type, date and
   * source filters; keep it short */
  self->label = GTK_LABEL (gtk_label_new (C_("filters button", "Filters")));
  gtk_box_append (GTK_BOX (label_box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (label_box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->button, label_box);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  self->remote = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Remote Only")));
  g_signal_connect_object (self->remote, "toggled", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->remote));

  self->location_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->location_entry, "placeholder-text", _("City, region or country"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->location_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Location"), -1);
  g_signal_connect_object (self->location_entry, "search-changed", G_CALLBACK (on_location_changed),
                           self, G_CONNECT_SWAPPED);
  field (box, _("_Location"), GTK_WIDGET (self->location_entry));

  self->salary = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX_SALARY, 5000));
  gtk_spin_button_set_digits (self->salary, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->salary), _("0 for any salary; compared with the top of a posting’s range, per year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->salary), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minimum Salary per Year"), -1);
  g_signal_connect_object (self->salary, "value-changed", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  field (box, _("Minimum _Salary per Year"), GTK_WIDGET (self->salary));

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_string_list_append (type_names, _(types[i].label));
  self->type = drop_down (type_names, _("Employment Type"));
  g_signal_connect_object (self->type, "notify::selected", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  field (box, _("Employment _Type"), GTK_WIDGET (self->type));

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      gtk_string_list_append (period_names, _(periods[i].label));
      g_array_append_val (self->days, periods[i].days);
    }
  self->posted = drop_down (period_names, _("Posted Within"));
  g_signal_connect_object (self->posted, "notify::selected", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  field (box, _("_Posted Within"), GTK_WIDGET (self->posted));

  gtk_string_list_append (source_names, _("Any Source"));
  self->source = drop_down (source_names, _("Source"));
  g_signal_connect_object (self->source, "notify::selected", G_CALLBACK (on_source_selected), self, G_CONNECT_SWAPPED);
  field (box, _("S_ource"), GTK_WIDGET (self->source));

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  reset = gtk_button_new_with_mnemonic (_("R_eset All Filters"));
  gtk_widget_add_css_class (reset, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "jobs.reset-filters");
  gtk_box_append (GTK_BOX (box), reset);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "notify::visible", G_CALLBACK (on_popover_visible), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->button, popover);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));
  update_indicator (self);
}
