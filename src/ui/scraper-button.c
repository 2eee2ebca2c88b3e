/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-button"

#include "config.h"

#include "scraper-button.h"

/* How long an activated button keeps looking pressed: a visual only, the
 * click has happened already. */
#define PRESSED_LOOK_MS 100

struct _ScraperButton
{
  GtkButton parent_instance;
  guint     unpress_id;
};

struct _ScraperToggleButton
{
  GtkToggleButton parent_instance;
  guint           unpress_id;
};

G_DEFINE_FINAL_TYPE (ScraperButton, scraper_button, GTK_TYPE_BUTTON)
G_DEFINE_FINAL_TYPE (ScraperToggleButton, scraper_toggle_button, GTK_TYPE_TOGGLE_BUTTON)

static guint *
unpress_id_of (GtkWidget *widget)
{
  if (SCRAPER_IS_BUTTON (widget))
    return &SCRAPER_BUTTON (widget)->unpress_id;
  return &SCRAPER_TOGGLE_BUTTON (widget)->unpress_id;
}

static gboolean
unpress_cb (gpointer user_data)
{
  GtkWidget *widget = user_data;

  *unpress_id_of (widget) = 0;
  gtk_widget_unset_state_flags (widget, GTK_STATE_FLAG_ACTIVE);
  return G_SOURCE_REMOVE;
}

/* The class handler of "activate", in place of GtkButton's: "clicked"
 * now, the pressed look for a moment (not chained up: GtkButton's would
 * click a second time when its timeout ends). */
static void
activate_now (GtkButton *button)
{
  GtkWidget *widget = GTK_WIDGET (button);
  guint *unpress_id = unpress_id_of (widget);

  if (!gtk_widget_is_sensitive (widget))
    return;

  if (gtk_widget_get_mapped (widget))
    {
      gtk_widget_set_state_flags (widget, GTK_STATE_FLAG_ACTIVE, FALSE);
      g_clear_handle_id (unpress_id, g_source_remove);
      *unpress_id = g_timeout_add (PRESSED_LOOK_MS, unpress_cb, widget);
    }
  g_signal_emit_by_name (button, "clicked");
}

static void
scraper_button_unmap (GtkWidget *widget)
{
  g_clear_handle_id (unpress_id_of (widget), g_source_remove);
  gtk_widget_unset_state_flags (widget, GTK_STATE_FLAG_ACTIVE);
  GTK_WIDGET_CLASS (scraper_button_parent_class)->unmap (widget);
}

static void
scraper_toggle_button_unmap (GtkWidget *widget)
{
  g_clear_handle_id (unpress_id_of (widget), g_source_remove);
  gtk_widget_unset_state_flags (widget, GTK_STATE_FLAG_ACTIVE);
  GTK_WIDGET_CLASS (scraper_toggle_button_parent_class)->unmap (widget);
}

static void
scraper_button_dispose (GObject *object)
{
  g_clear_handle_id (&SCRAPER_BUTTON (object)->unpress_id, g_source_remove);
  G_OBJECT_CLASS (scraper_button_parent_class)->dispose (object);
}

static void
scraper_toggle_button_dispose (GObject *object)
{
  g_clear_handle_id (&SCRAPER_TOGGLE_BUTTON (object)->unpress_id, g_source_remove);
  G_OBJECT_CLASS (scraper_toggle_button_parent_class)->dispose (object);
}

static void
scraper_button_class_init (ScraperButtonClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = scraper_button_dispose;
  GTK_WIDGET_CLASS (klass)->unmap = scraper_button_unmap;
  GTK_BUTTON_CLASS (klass)->activate = activate_now;
}

static void
scraper_button_init (ScraperButton *self)
{
}

static void
scraper_toggle_button_class_init (ScraperToggleButtonClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = scraper_toggle_button_dispose;
  GTK_WIDGET_CLASS (klass)->unmap = scraper_toggle_button_unmap;
  GTK_BUTTON_CLASS (klass)->activate = activate_now;
}

static void
scraper_toggle_button_init (ScraperToggleButton *self)
{
}

GtkWidget *
scraper_button_new (void)
{
  return g_object_new (SCRAPER_TYPE_BUTTON, NULL);
}

GtkWidget *
scraper_toggle_button_new (void)
{
  return g_object_new (SCRAPER_TYPE_TOGGLE_BUTTON, NULL);
}
