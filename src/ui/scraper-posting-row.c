/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-posting-row"

#include "config.h"

#include "model/scraper-untrusted.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "scraper-button.h"
#include "scraper-posting-row.h"
#include "scraper-source-row.h"
#include "scraper-tooltip.h"

struct _ScraperPostingRow
{
  GtkBox                parent_instance;

  ScraperPostingObject *item;
  GBinding             *favorite_binding;
  gulong                status_handler;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *company_label;
  GtkLabel             *location_label;
  GtkLabel             *remote_badge;
  GtkLabel             *archived_badge;
  GtkLabel             *status_pill;
  GtkLabel             *salary_label;
  GtkLabel             *posted_label;
  GtkToggleButton      *star_button;
};

G_DEFINE_FINAL_TYPE (ScraperPostingRow, scraper_posting_row, GTK_TYPE_BOX)

static const char *
currency_symbol (const char *code)
{
  if (g_strcmp0 (code, "EUR") == 0)
    return "€";
  if (g_strcmp0 (code, "USD") == 0)
    return "$";
  if (g_strcmp0 (code, "GBP") == 0)
    return "£";
  if (g_strcmp0 (code, "JPY") == 0)
    return "¥";
  if (g_strcmp0 (code, "INR") == 0)
    return "₹";
  return NULL;
}

static char *
format_amount (double value)
{
  if (fabs (value) >= 1000)
    {
      double k = value / 1000;

      if (fabs (k - round (k)) < 0.05)
        return g_strdup_printf ("%.0fk", k);
      return g_strdup_printf ("%.1fk", k);
    }
  if (fabs (value - round (value)) < 0.005)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

static const char *
period_label (ScraperSalaryPeriod period)
{
  switch (period)
    {
    case SCRAPER_SALARY_PERIOD_YEAR: return _("year");
    case SCRAPER_SALARY_PERIOD_MONTH: return _("month");
    case SCRAPER_SALARY_PERIOD_WEEK: return _("week");
    case SCRAPER_SALARY_PERIOD_DAY: return _("day");
    case SCRAPER_SALARY_PERIOD_HOUR: return _("hour");
    case SCRAPER_SALARY_PERIOD_UNKNOWN:
    default:
      return NULL;
    }
}

char *
scraper_format_salary (const ScraperPosting *posting)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *range = NULL;
  const char *symbol;
  const char *period;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (posting != NULL, NULL);

  if (isnan (posting->salary_min) && isnan (posting->salary_max))
    return NULL;

  symbol = currency_symbol (posting->salary_currency);
  prefix = symbol != NULL ? g_strdup (symbol)
                          : posting->salary_currency != NULL ? g_strdup_printf ("%s ", posting->salary_currency)
                                                             : g_strdup ("");
  if (!isnan (posting->salary_min))
    low = format_amount (posting->salary_min);
  if (!isnan (posting->salary_max))
    high = format_amount (posting->salary_max);

  if (low != NULL && high != NULL && g_strcmp0 (low, high) != 0)
    range = g_strdup_printf ("%s%s–%s", prefix, low, high);
  else if (low != NULL && high != NULL)
    range = g_strdup_printf ("%s%s", prefix, low);
  else if (low != NULL)
    /* Translators: a salary with only a lower bound, e.g. "from €50k" */
    range = g_strdup_printf (_("from %s%s"), prefix, low);
  else
    /* Translators: a salary with only an upper bound, e.g. "up to €70k" */
    range = g_strdup_printf (_("up to %s%s"), prefix, high);

  period = period_label (posting->salary_period);
  if (period == NULL)
    return g_steal_pointer (&range);

  /* Translators: a salary and its period, e.g. "€60k–75k / year" */
  return g_strdup_printf (_("%s / %s"), range, period);
}

char *
scraper_format_locations (const ScraperPosting *posting)
{
  guint n;

  g_return_val_if_fail (posting != NULL, NULL);

  n = posting->locations != NULL ? g_strv_length (posting->locations) : 0;
  if (n == 0)
    return NULL;
  if (n == 1)
    return g_strdup (posting->locations[0]);
  if (n == 2)
    return g_strdup_printf ("%s, %s", posting->locations[0], posting->locations[1]);

  /* Translators: two locations and how many more, e.g. "Berlin, Paris +3" */
  return g_strdup_printf (_("%s, %s +%u"), posting->locations[0], posting->locations[1], n - 2);
}

char *
scraper_format_posted (const ScraperPosting *posting)
{
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (posting != NULL, NULL);

  if (posting->date_posted == NULL ||
      sscanf (posting->date_posted, "%d-%d-%d", &y, &m, &d) != 3 ||
      !(date = g_date_time_new_local (y, m, d, 12, 0, 0)))
    return NULL;

  if (g_date_time_to_unix (date) > g_get_real_time () / G_USEC_PER_SEC)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Posted %s"), posting->date_posted);

  when = scraper_format_relative_time (g_date_time_to_unix (date), 0);
  /* Translators: %s is "3 days ago" or a date */
  return g_strdup_printf (_("Posted %s"), when);
}

/* Titles, companies and places come from elsewhere: shown without the
 * control characters and terminal escapes they may carry. */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  g_autofree char *printable = scraper_text_printable (text, FALSE);

  gtk_label_set_label (label, printable != NULL ? printable : "");
  gtk_widget_set_visible (GTK_WIDGET (label), printable != NULL && *printable != '\0');
}

/* "Applied · 3 days ago", "Interviewing": where the application stands;
 * NULL for a posting nobody acted on. */
char *
scraper_format_status_pill (const ScraperPosting *posting)
{
  const char *label;

  g_return_val_if_fail (posting != NULL, NULL);

  if (posting->status == SCRAPER_STATUS_NEW)
    return NULL;
  label = scraper_posting_status_get_label (posting->status);
  if (posting->status == SCRAPER_STATUS_APPLIED && posting->applied_at > 0)
    {
      g_autofree char *when = scraper_format_relative_time (posting->applied_at, 0);

      /* Translators: a status and when it was reached, e.g. "Applied · 3 days ago" */
      return g_strdup_printf (_("%s · %s"), label, when);
    }
  return g_strdup (label);
}

static void
update_status (ScraperPostingRow *self)
{
  g_autofree char *pill = NULL;

  if (self->item != NULL)
    pill = scraper_format_status_pill (scraper_posting_object_get_posting (self->item));
  set_label (self->status_pill, pill);
}

static void
on_status_changed (ScraperPostingRow *self)
{
  update_status (self);
}

static void
update_star (ScraperPostingRow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->star_button);
  const char *label = active ? _("Unstar") : _("Star");

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button), active ? "starred-symbolic" : "non-starred-symbolic");
  scraper_tooltip_set (GTK_WIDGET (self->star_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
on_star_toggled (ScraperPostingRow *self,
                 GtkToggleButton   *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  update_star (self);

  /* Changes that come from the item through the binding stop here. */
  if (self->item == NULL || active == scraper_posting_object_get_favorite (self->item))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "jobs.star", "(xb)",
                              scraper_posting_object_get_id (self->item), active);

  /* When the store refused, show the stored state again. */
  if (self->item != NULL && gtk_toggle_button_get_active (button) != scraper_posting_object_get_favorite (self->item))
    gtk_toggle_button_set_active (button, scraper_posting_object_get_favorite (self->item));
}

/* Whether @location says @word already ("Remote", "Remote, EU", "London
 * (Remote)"): the row then needs no badge that repeats it. */
static gboolean
place_says (const char *location,
            const char *word)
{
  gsize len = strlen (word);

  for (const char *p = location; p != NULL && *p != '\0'; p++)
    if ((p == location || !g_ascii_isalnum (p[-1])) &&
        g_ascii_strncasecmp (p, word, len) == 0 && !g_ascii_isalnum (p[len]))
      return TRUE;
  return FALSE;
}

void
scraper_posting_row_set_item (ScraperPostingRow    *self,
                              ScraperPostingObject *item)
{
  ScraperPosting *posting;
  g_autofree char *location = NULL;
  g_autofree char *salary = NULL;
  g_autofree char *posted = NULL;
  const char *remote = NULL;

  g_return_if_fail (SCRAPER_IS_POSTING_ROW (self));
  g_return_if_fail (item == NULL || SCRAPER_IS_POSTING_OBJECT (item));

  if (self->item == item)
    return;

  g_clear_pointer (&self->favorite_binding, g_binding_unbind);
  if (self->item != NULL)
    g_clear_signal_handler (&self->status_handler, self->item);
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  posting = scraper_posting_object_get_posting (item);
  location = scraper_format_locations (posting);
  salary = scraper_format_salary (posting);
  posted = scraper_format_posted (posting);

  if (posting->remote == SCRAPER_REMOTE_REMOTE && !place_says (location, "remote"))
    remote = _("Remote");
  else if (posting->remote == SCRAPER_REMOTE_HYBRID && !place_says (location, "hybrid"))
    remote = _("Hybrid");

  set_label (self->title_label, posting->title);
  set_label (self->company_label, posting->company != NULL ? posting->company : posting->source_name);
  set_label (self->location_label, location);
  set_label (self->remote_badge, remote);
  set_label (self->salary_label, salary);
  set_label (self->posted_label, posted);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_badge), posting->archived);

  self->favorite_binding = g_object_bind_property (item, "favorite", self->star_button, "active",
                                                   G_BINDING_SYNC_CREATE);
  self->status_handler = g_signal_connect_swapped (item, "notify::status",
                                                   G_CALLBACK (on_status_changed), self);
  update_star (self);
  update_status (self);
}

ScraperPostingObject *
scraper_posting_row_get_item (ScraperPostingRow *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_ROW (self), NULL);
  return self->item;
}

GtkWidget *
scraper_posting_row_new (void)
{
  return g_object_new (SCRAPER_TYPE_POSTING_ROW, NULL);
}

static void
scraper_posting_row_dispose (GObject *object)
{
  ScraperPostingRow *self = SCRAPER_POSTING_ROW (object);

  g_clear_pointer (&self->favorite_binding, g_binding_unbind);
  if (self->item != NULL)
    g_clear_signal_handler (&self->status_handler, self->item);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_POSTING_ROW);

  G_OBJECT_CLASS (scraper_posting_row_parent_class)->dispose (object);
}

static void
scraper_posting_row_class_init (ScraperPostingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_posting_row_dispose;

  g_type_ensure (SCRAPER_TYPE_TOGGLE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-posting-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, company_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, location_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, remote_badge);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, archived_badge);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, status_pill);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, salary_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, posted_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperPostingRow, star_button);
  gtk_widget_class_bind_template_callback (widget_class, on_star_toggled);
}

static void
scraper_posting_row_init (ScraperPostingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not in the template: see scraper_tooltip_set(). */
  scraper_tooltip_set (GTK_WIDGET (self->archived_badge), _("The source no longer lists this posting"));
}
