/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-tooltip"

#include "config.h"

#include "scraper-tooltip.h"

static GQuark
tooltip_text_quark (void)
{
  return g_quark_from_static_string ("scraper-tooltip-text");
}

static GQuark
tooltip_connected_quark (void)
{
  return g_quark_from_static_string ("scraper-tooltip-connected");
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = scraper_tooltip_get (widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
scraper_tooltip_set (GtkWidget  *widget,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (scraper_tooltip_get (widget), text) == 0)
    return;

  if (g_object_get_qdata (G_OBJECT (widget), tooltip_connected_quark ()) == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_qdata (G_OBJECT (widget), tooltip_connected_quark (), GINT_TO_POINTER (TRUE));
    }
  g_object_set_qdata_full (G_OBJECT (widget), tooltip_text_quark (), g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
scraper_tooltip_get (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_qdata (G_OBJECT (widget), tooltip_text_quark ());
}
