/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ScraperButton and ScraperToggleButton: activated (the keyboard's
 * binding, a mnemonic, an assistive technology's "click" action), they
 * emit "clicked" once, before the activation returns to the main loop;
 * GtkButton would emit it only when its 250 ms timeout ends. */
#include "config.h"

#include "ui/scraper-button.h"
#include "ui-test-util.h"

typedef struct {
  GtkWindow *window;
  GtkWidget *button;
  guint      clicked;
  guint      toggled;
} Fixture;

static void
on_clicked (GtkButton *button,
            Fixture   *f)
{
  f->clicked++;
}

static void
on_toggled (GtkToggleButton *button,
            Fixture         *f)
{
  f->toggled++;
}

static void
show (Fixture   *f,
      GtkWidget *button)
{
  f->button = button;
  gtk_button_set_label (GTK_BUTTON (button), "Star");
  g_signal_connect (button, "clicked", G_CALLBACK (on_clicked), f);
  if (GTK_IS_TOGGLE_BUTTON (button))
    g_signal_connect (button, "toggled", G_CALLBACK (on_toggled), f);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, button);
  gtk_window_present (f->window);
  g_assert_true (ui_test_spin_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, button, 10000));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  ui_test_spin (20);
}

static gboolean
looks_released (gpointer data)
{
  return !(gtk_widget_get_state_flags (data) & GTK_STATE_FLAG_ACTIVE);
}

/* After the pressed look is gone, no second "clicked" came. */
static void
assert_clicked_once_for_good (Fixture *f)
{
  g_assert_true (ui_test_spin_until (looks_released, f->button, 10000));
  /* GtkButton's own activate timeout (250 ms) would have fired by now. */
  ui_test_spin (400);
  g_assert_cmpuint (f->clicked, ==, 1);
}

static void
test_activate_clicks_at_once (Fixture       *f,
                              gconstpointer  data)
{
  show (f, scraper_button_new ());

  g_assert_true (gtk_widget_activate (f->button));
  /* No main loop iteration in between. */
  g_assert_cmpuint (f->clicked, ==, 1);
  g_assert_true (gtk_widget_get_state_flags (f->button) & GTK_STATE_FLAG_ACTIVE);
  assert_clicked_once_for_good (f);
}

static void
test_toggle_activate_toggles_at_once (Fixture       *f,
                                      gconstpointer  data)
{
  show (f, scraper_toggle_button_new ());

  g_assert_true (gtk_widget_activate (f->button));
  g_assert_cmpuint (f->clicked, ==, 1);
  g_assert_cmpuint (f->toggled, ==, 1);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->button)));
  assert_clicked_once_for_good (f);
  g_assert_cmpuint (f->toggled, ==, 1);
}

/* The key binding the button's class installs for @keyval. */
static GtkShortcut *
find_key_shortcut (GtkWidget *widget,
                   guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

static void
test_space_key_clicks_at_once (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GtkShortcut) space = NULL;

  show (f, scraper_toggle_button_new ());
  space = find_key_shortcut (f->button, GDK_KEY_space);
  g_assert_nonnull (space);

  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (space), 0, f->button,
                                               gtk_shortcut_get_arguments (space)));
  g_assert_cmpuint (f->clicked, ==, 1);
  g_assert_cmpuint (f->toggled, ==, 1);
  assert_clicked_once_for_good (f);
}

/* Insensitive: nothing happens, as with GtkButton. */
static void
test_insensitive_does_not_click (Fixture       *f,
                                 gconstpointer  data)
{
  show (f, scraper_button_new ());
  gtk_widget_set_sensitive (f->button, FALSE);

  gtk_widget_activate (f->button);
  ui_test_spin (400);
  g_assert_cmpuint (f->clicked, ==, 0);
}

/* Destroyed while it still looks pressed: its timeout goes with it. */
static void
test_destroyed_while_pressed (Fixture       *f,
                              gconstpointer  data)
{
  show (f, scraper_button_new ());
  g_assert_true (gtk_widget_activate (f->button));
  gtk_window_set_child (f->window, NULL);
  ui_test_spin (300);
  g_assert_cmpuint (f->clicked, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_isolate_home ();
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/buttons/activate-clicks-at-once", Fixture, NULL,
              NULL, test_activate_clicks_at_once, fixture_teardown);
  g_test_add ("/buttons/toggle-activate-toggles-at-once", Fixture, NULL,
              NULL, test_toggle_activate_toggles_at_once, fixture_teardown);
  g_test_add ("/buttons/space-key-clicks-at-once", Fixture, NULL,
              NULL, test_space_key_clicks_at_once, fixture_teardown);
  g_test_add ("/buttons/insensitive-does-not-click", Fixture, NULL,
              NULL, test_insensitive_does_not_click, fixture_teardown);
  g_test_add ("/buttons/destroyed-while-pressed", Fixture, NULL,
              NULL, test_destroyed_while_pressed, fixture_teardown);

  return g_test_run ();
}
