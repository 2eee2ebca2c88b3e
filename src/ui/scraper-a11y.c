/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-a11y"

#include "config.h"

#include "scraper-a11y.h"

/* What a screen reader hears, on GTK before 4.10.
 *
 * GTK 4.8 names a button after its label property and, when the label has
 * a mnemonic, after the label widget that points at it as well: Orca read
 * "_Add Source… Add Source…" and "Open in Browser Open in Browser".  A drop-
 * down's inner button has no name at all and was read "GtkToggleButton".
 * Newer GTK computes both names well, so this is done on older GTK only. */

#if !GTK_CHECK_VERSION (4, 10, 0)
static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
fix_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *name = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button))
    return;
  name = strip_mnemonic (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
fix_drop_down (GtkDropDown *drop_down)
{
  const char *name = gtk_widget_get_tooltip_text (GTK_WIDGET (drop_down));

  if (name == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
#endif

#if !GTK_CHECK_VERSION (4, 10, 0)
static void
on_expander_label (GtkExpander *expander)
{
  const char *label = gtk_expander_get_label (expander);
  g_autofree char *name = label != NULL ? strip_mnemonic (label) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : "", -1);
}
#endif

/**
 * scraper_a11y_name_expander:
 * @expander: an expander with a text label
 *
 * GTK 4.8 reads an expander by its class name ("GtkExpander"): it is named
 * after its label here, now and whenever the label changes.
 */
void
scraper_a11y_name_expander (GtkExpander *expander)
{
  g_return_if_fail (GTK_IS_EXPANDER (expander));

#if !GTK_CHECK_VERSION (4, 10, 0)
  on_expander_label (expander);
  g_signal_connect (expander, "notify::label", G_CALLBACK (on_expander_label), NULL);
#endif
}

/**
 * scraper_a11y_fix_names:
 * @root: a widget whose template was just built
 *
 * Gives each mnemonic button below @root (included) one name, its label
 * without the underline, and each drop-down's inner button the drop-down's
 * tooltip as a name.  Call once a widget's template is built.
 */
void
scraper_a11y_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

#if !GTK_CHECK_VERSION (4, 10, 0)
  if (GTK_IS_BUTTON (root))
    fix_button (GTK_BUTTON (root));
  else if (GTK_IS_DROP_DOWN (root))
    {
      fix_drop_down (GTK_DROP_DOWN (root));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scraper_a11y_fix_names (child);
#endif
}
