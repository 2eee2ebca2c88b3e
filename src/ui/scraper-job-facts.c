/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-job-details"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "model/scraper-untrusted.h"
#include "scraper-job-facts.h"
#include "scraper-posting-row.h"

/* Facts, as chips */

static const char *
employment_type_label (const char *type)
{
  static const struct { const char *key; const char *label; } types[] = {
    { "FULL_TIME", N_("Full-time") },
    { "PART_TIME", N_("Part-time") },
    { "CONTRACTOR", N_("Contract") },
    { "CONTRACT", N_("Contract") },
    { "TEMPORARY", N_("Temporary") },
    { "INTERN", N_("Internship") },
    { "INTERNSHIP", N_("Internship") },
    { "VOLUNTEER", N_("Volunteer") },
    { "PER_DIEM", N_("Per diem") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (type, types[i].key) == 0)
      return _(types[i].label);
  return NULL;
}

static const char *
seniority_label (const char *seniority)
{
  static const struct { const char *key; const char *label; } levels[] = {
    { "intern", N_("Intern") },
    { "junior", N_("Junior") },
    { "mid", N_("Mid-level") },
    { "senior", N_("Senior") },
    { "lead", N_("Lead") },
    { "principal", N_("Principal") },
    { "manager", N_("Manager") },
    { "director", N_("Director") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (seniority, levels[i].key) == 0)
      return _(levels[i].label);
  return NULL;
}

/* "YYYY-MM-DD" as the user's locale writes a day; the text itself when it
 * is no such day. */
static char *
format_date (const char *date)
{
  int y, m, d;
  g_autoptr(GDateTime) time = NULL;

  if (date != NULL && sscanf (date, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      (time = g_date_time_new_local (y, m, d, 0, 0, 0)) != NULL)
    /* Translators: a date, see g_date_time_format() */
    return g_date_time_format (time, _("%-d %B %Y"));
  return scraper_text_printable (date, FALSE);
}

/* The chips wrap like words in a line (GtkFlowBox lays its children out
 * in columns, and GTK 4.8 has no wrap box): each line holds as many as fit
 * at their natural width. */
#define CHIP_SPACING 6

struct _ScraperChipBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (ScraperChipBox, scraper_chip_box, GTK_TYPE_WIDGET)

/* Lays the children out in @width; returns the height.  With @allocate,
 * allocates them too. */
static int
chip_box_layout (GtkWidget *widget,
                 int        width,
                 gboolean   allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, w, min_h, nat_h;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = width > 0 ? CLAMP (nat_w, min_w, MAX (min_w, width)) : nat_w;
      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line_height + CHIP_SPACING;
          line_height = 0;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, nat_h }, -1);
      x += w + CHIP_SPACING;
      line_height = MAX (line_height, nat_h);
    }
  return y + line_height;
}

static GtkSizeRequestMode
scraper_chip_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
scraper_chip_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (nat > 0 ? CHIP_SPACING : 0);
        }
      *minimum = min;
      *natural = nat;
    }
  else
    {
      int height;

      if (for_size < 0)
        {
          int min_width, nat_width;

          scraper_chip_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
          for_size = nat_width;
        }
      height = chip_box_layout (widget, for_size, FALSE);
      *minimum = *natural = height;
    }
}

static void
scraper_chip_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  chip_box_layout (widget, width, TRUE);
}

static void
scraper_chip_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (scraper_chip_box_parent_class)->dispose (object);
}

static void
scraper_chip_box_class_init (ScraperChipBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = scraper_chip_box_dispose;
  widget_class->get_request_mode = scraper_chip_box_get_request_mode;
  widget_class->measure = scraper_chip_box_measure;
  widget_class->size_allocate = scraper_chip_box_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
scraper_chip_box_init (ScraperChipBox *self)
{
}

/* One chip: an icon and the fact; screen readers hear "@name: @value".
 * @value comes from elsewhere: it is cleaned, and shown as plain text. */
static void
add_fact (ScraperChipBox    *facts,
          const char        *icon_name,
          const char        *name,
          const char        *value)
{
  g_autofree char *text = scraper_text_printable (value, FALSE);
  g_autofree char *spoken = NULL;
  GtkWidget *chip, *icon, *label;

  if (text == NULL || *g_strstrip (text) == '\0')
    return;

  /* Translators: what a screen reader says of a fact chip: "Company: Acme" */
  spoken = g_strdup_printf (_("%s: %s"), name, text);
  chip = g_object_new (GTK_TYPE_BOX, "spacing", 6, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM, NULL);
  gtk_widget_add_css_class (chip, "fact-chip");
  icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (chip), icon);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_widget_set_tooltip_text (chip, name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_object_set_data_full (G_OBJECT (chip), "scraper-fact", g_steal_pointer (&spoken), g_free);
  gtk_widget_set_parent (chip, GTK_WIDGET (facts));
}

void
scraper_job_facts_fill (ScraperChipBox       *facts,
                        const ScraperPosting *posting)
{
  GtkWidget *child;
  g_autofree char *location = scraper_format_locations (posting);
  g_autofree char *salary = scraper_format_salary (posting);
  g_autofree char *posted = format_date (posting->date_posted);
  g_autofree char *closing = format_date (posting->valid_through);
  g_autoptr(GString) types = g_string_new (NULL);
  g_autoptr(GString) skills = g_string_new (NULL);
  const char *seniority = seniority_label (posting->seniority);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (facts))) != NULL)
    gtk_widget_unparent (child);

  add_fact (facts, "system-users-symbolic", _("Company"), posting->company);
  /* "Remote" as a place says the same as the remote chip. */
  if (!(posting->remote == SCRAPER_REMOTE_REMOTE && g_strcmp0 (location, _("Remote")) == 0) &&
      !(posting->remote == SCRAPER_REMOTE_REMOTE && g_strcmp0 (location, "Remote") == 0))
    add_fact (facts, "mark-location-symbolic", _("Place"), location);
  switch (posting->remote)
    {
    case SCRAPER_REMOTE_REMOTE:
      add_fact (facts, "go-home-symbolic", _("Workplace"), _("Remote"));
      break;
    case SCRAPER_REMOTE_HYBRID:
      add_fact (facts, "computer-symbolic", _("Workplace"), _("Hybrid"));
      break;
    case SCRAPER_REMOTE_ONSITE:
      add_fact (facts, "find-location-symbolic", _("Workplace"), _("On-site"));
      break;
    case SCRAPER_REMOTE_UNKNOWN:
    default:
      break;
    }
  add_fact (facts, "accessories-calculator-symbolic", _("Salary"), salary);
  for (guint i = 0; posting->employment_type != NULL && posting->employment_type[i] != NULL; i++)
    {
      const char *type = employment_type_label (posting->employment_type[i]);

      g_string_append_printf (types, "%s%s", types->len > 0 ? ", " : "",
                              type != NULL ? type : posting->employment_type[i]);
    }
  add_fact (facts, "document-open-recent-symbolic", _("Employment Type"), types->str);
  add_fact (facts, "x-office-calendar-symbolic", _("Posted"), posted);
  add_fact (facts, "alarm-symbolic", _("Closes"), closing);
  add_fact (facts, "web-browser-symbolic", _("Source"), posting->source_name);
  add_fact (facts, "avatar-default-symbolic", _("Seniority"), seniority != NULL ? seniority : posting->seniority);
  for (guint i = 0; posting->skills != NULL && posting->skills[i] != NULL; i++)
    g_string_append_printf (skills, "%s%s", skills->len > 0 ? ", " : "", posting->skills[i]);
  add_fact (facts, "applications-engineering-symbolic", _("Skills"), skills->str);

  gtk_widget_set_visible (GTK_WIDGET (facts), gtk_widget_get_first_child (GTK_WIDGET (facts)) != NULL);
}

GStrv
scraper_job_facts_dup (ScraperChipBox *facts)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (facts)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *fact = g_object_get_data (G_OBJECT (child), "scraper-fact");

      if (fact != NULL)
        g_strv_builder_add (builder, fact);
    }
  return g_strv_builder_end (builder);
}
