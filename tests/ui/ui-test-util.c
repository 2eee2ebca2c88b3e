/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-test-util.h"

GtkWidget *
ui_test_find_widget (GtkWidget  *root,
                     GType       type,
                     gboolean  (*match) (GtkWidget *widget, gpointer data),
                     gpointer    data)
{
  if (root == NULL)
    return NULL;

  if (g_type_is_a (G_OBJECT_TYPE (root), type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
button_has_label (GtkWidget *widget,
                  gpointer   data)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (widget));

  return g_strcmp0 (label, data) == 0;
}

GtkWidget *
ui_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return ui_test_find_widget (root, GTK_TYPE_BUTTON, button_has_label, (gpointer) label);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ui_test_spin_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  gboolean result;

  while (!(result = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return result;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
ui_test_spin (guint ms)
{
  ui_test_spin_until (never, NULL, ms);
}

GtkWindow *
ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return window;
    }

  return NULL;
}

void
ui_test_isolate_home (void)
{
  static const char * const vars[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
    { "XDG_RUNTIME_DIR", "runtime" }, { "HOME", "home" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("job-scraper-ui-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *path = g_build_filename (tmp, vars[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (vars[i][0], path, TRUE);
    }
}
