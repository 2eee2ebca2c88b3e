/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-source-row"

#include "config.h"

#include "model/scraper-untrusted.h"

#include <glib/gi18n.h>

#include "scraper-button.h"
#include "scraper-source-row.h"
#include "scraper-tooltip.h"

struct _ScraperSourceRow
{
  GtkListBoxRow  parent_instance;

  ScraperSource *source;

  /* Template widgets */
  GtkLabel      *name_label;
  GtkLabel      *url_label;
  GtkLabel      *status_label;
  GtkLabel      *error_label;
  GtkSwitch     *enabled_switch;
  GtkButton     *scrape_button;
  GtkButton     *edit_button;
  GtkButton     *remove_button;
};

G_DEFINE_FINAL_TYPE (ScraperSourceRow, scraper_source_row, GTK_TYPE_LIST_BOX_ROW)

const char *
scraper_source_kind_get_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "auto", N_("Automatic") },
    { "jsonld", N_("Career Site (JSON-LD)") },
    { "greenhouse", N_("Greenhouse") },
    { "lever", N_("Lever") },
    { "ashby", N_("Ashby") },
    { "workable", N_("Workable") },
    { "smartrecruiters", N_("SmartRecruiters") },
    { "recruitee", N_("Recruitee") },
    { "personio", N_("Personio") },
    { "workday", N_("Workday") },
    { "bamboohr", N_("BambooHR") },
    { "pinpoint", N_("Pinpoint") },
    { "gem", N_("Gem") },
    { "jobvite", N_("Jobvite") },
    { "join", N_("JOIN") },
    { "paylocity", N_("Paylocity") },
    { "phenom", N_("Phenom") },
    { "feed", N_("Job Feed") },
    { "html", N_("Web Page (Selectors)") },
    { "manual", N_("Tracked Posting") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);

  return kind != NULL ? kind : "";
}

char *
scraper_format_relative_time (gint64 unix_seconds,
                              gint64 now_unix)
{
  gint64 delta;

  if (now_unix == 0)
    now_unix = g_get_real_time () / G_USEC_PER_SEC;
  delta = now_unix - unix_seconds;

  if (delta < 60)
    return g_strdup (_("Just now"));
  if (delta < 60 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", delta / 60),
                            (int) (delta / 60));
  if (delta < 24 * 60 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", delta / 3600),
                            (int) (delta / 3600));
  if (delta < 7 * 24 * 60 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", delta / 86400),
                            (int) (delta / 86400));
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

      /* Translators: a date, see g_date_time_format() */
      return dt != NULL ? g_date_time_format (dt, _("%-d %B %Y")) : g_strdup ("");
    }
}

static char *
describe_status (const ScraperSource *source)
{
  g_autoptr(GString) text = g_string_new (scraper_source_kind_get_label (source->kind));
  g_autofree char *when = NULL;

  g_string_append (text, " · ");
  if (source->last_run <= 0)
    {
      g_string_append (text, _("Never scraped"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  when = scraper_format_relative_time (source->last_run, 0);
  g_string_append (text, when);
  g_string_append (text, " · ");

  if (g_strcmp0 (source->last_outcome, "failed") == 0)
    g_string_append (text, _("Failed"));
  else if (g_strcmp0 (source->last_outcome, "cancelled") == 0)
    g_string_append (text, _("Cancelled"));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d posting", "%d postings",
                                               MAX (source->last_count, 0)),
                            MAX (source->last_count, 0));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
on_switch_state_set (ScraperSourceRow *self,
                     gboolean          state,
                     GtkSwitch        *widget)
{
  if (self->source != NULL && state != self->source->enabled)
    gtk_widget_activate_action (GTK_WIDGET (self), "sources.set-enabled", "(xb)",
                                self->source->id, state);

  /* The view shows the stored state again through set_source(). */
  return FALSE;
}

void
scraper_source_row_set_source (ScraperSourceRow *self,
                               ScraperSource    *source)
{
  g_autofree char *status = NULL;
  g_autofree char *a11y = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *last_error = NULL;
  gboolean has_error;

  g_return_if_fail (SCRAPER_IS_SOURCE_ROW (self));
  g_return_if_fail (source != NULL);

  scraper_source_ref (source);
  g_clear_pointer (&self->source, scraper_source_unref);
  self->source = source;

  /* A name (a feed's title), an address and an error (a server's words)
   * come from elsewhere: shown without control characters and escapes. */
  name = scraper_text_printable (source->name, FALSE);
  url = scraper_text_printable (source->url, FALSE);
  last_error = scraper_text_printable (source->last_error, TRUE);
  gtk_label_set_label (self->name_label, name != NULL ? name : "");
  gtk_label_set_label (self->url_label, url != NULL ? url : "");
  scraper_tooltip_set (GTK_WIDGET (self->url_label), url);

  status = describe_status (source);
  gtk_label_set_label (self->status_label, status);

  /* A failure is an error; a completed run's note (the page limit that
   * stopped it) is not; a cancel the user asked for is neither. */
  has_error = last_error != NULL && *last_error != '\0' &&
              g_strcmp0 (source->last_outcome, "cancelled") != 0;
  gtk_label_set_label (self->error_label, has_error ? last_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), has_error);
  if (g_strcmp0 (source->last_outcome, "failed") == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "warning");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
    }

  g_signal_handlers_block_by_func (self->enabled_switch, on_switch_state_set, self);
  gtk_switch_set_active (self->enabled_switch, source->enabled);
  gtk_switch_set_state (self->enabled_switch, source->enabled);
  g_signal_handlers_unblock_by_func (self->enabled_switch, on_switch_state_set, self);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->scrape_button), "x", source->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x", source->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "x", source->id);

  a11y = g_strdup_printf ("%s, %s", name != NULL ? name : "", status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

ScraperSource *
scraper_source_row_get_source (ScraperSourceRow *self)
{
  g_return_val_if_fail (SCRAPER_IS_SOURCE_ROW (self), NULL);
  return self->source;
}

gint64
scraper_source_row_get_id (ScraperSourceRow *self)
{
  g_return_val_if_fail (SCRAPER_IS_SOURCE_ROW (self), 0);
  return self->source != NULL ? self->source->id : 0;
}

GtkWidget *
scraper_source_row_new (ScraperSource *source)
{
  ScraperSourceRow *self;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_object_new (SCRAPER_TYPE_SOURCE_ROW, NULL);
  scraper_source_row_set_source (self, source);

  return GTK_WIDGET (self);
}

static void
scraper_source_row_dispose (GObject *object)
{
  ScraperSourceRow *self = SCRAPER_SOURCE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_SOURCE_ROW);
  g_clear_pointer (&self->source, scraper_source_unref);

  G_OBJECT_CLASS (scraper_source_row_parent_class)->dispose (object);
}

static void
scraper_source_row_class_init (ScraperSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = scraper_source_row_dispose;

  g_type_ensure (SCRAPER_TYPE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, url_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, scrape_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperSourceRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_state_set);
}

static void
scraper_source_row_init (ScraperSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not in the template: see scraper_tooltip_set(). */
  scraper_tooltip_set (GTK_WIDGET (self->enabled_switch), _("Scrape this source with the others"));
  scraper_tooltip_set (GTK_WIDGET (self->scrape_button), _("Scrape Now"));
  scraper_tooltip_set (GTK_WIDGET (self->edit_button), _("Edit"));
  scraper_tooltip_set (GTK_WIDGET (self->remove_button), _("Remove"));
}
