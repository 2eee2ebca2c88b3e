/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-window.h"

struct _ScraperWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *scrape_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *stack;
  AdwStatusPage        *jobs_empty;
};

G_DEFINE_FINAL_TYPE (ScraperWindow, scraper_window, ADW_TYPE_APPLICATION_WINDOW)

static void scraper_window_load_state (ScraperWindow      *self,
                                       ScraperApplication *application);

ScraperWindow *
scraper_window_new (ScraperApplication *application)
{
  ScraperWindow *self;

  g_return_val_if_fail (SCRAPER_IS_APPLICATION (application), NULL);

  self = g_object_new (SCRAPER_TYPE_WINDOW,
                       "application", application,
                       NULL);
  scraper_window_load_state (self, application);

  return self;
}

void
scraper_window_add_toast (ScraperWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (SCRAPER_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
scraper_window_show_view (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  ScraperWindow *self = SCRAPER_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

static void
scraper_window_save_size (ScraperWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
scraper_window_close_request (GtkWindow *window)
{
  scraper_window_save_size (SCRAPER_WINDOW (window));

  return GTK_WINDOW_CLASS (scraper_window_parent_class)->close_request (window);
}

/* "application" is not a construct property of GtkWindow, so the state
 * that depends on it is loaded once the window has it. */
static void
scraper_window_load_state (ScraperWindow      *self,
                           ScraperApplication *application)
{
  self->settings = g_object_ref (scraper_application_get_settings (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
scraper_window_dispose (GObject *object)
{
  ScraperWindow *self = SCRAPER_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (scraper_window_parent_class)->dispose (object);
}

static void
scraper_window_class_init (ScraperWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = scraper_window_dispose;
  window_class->close_request = scraper_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, scrape_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ScraperWindow, jobs_empty);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", scraper_window_show_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "jobs");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "sources");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "tasks");
}

static void
scraper_window_init (ScraperWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
