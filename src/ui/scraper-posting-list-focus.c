/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-jobs-view"

#include "config.h"

#include "scraper-posting-list-focus.h"
#include "scraper-posting-row.h"

typedef struct {
  GtkListView           *list;      /* weak */
  ScraperRowFocusedFunc  func;
  GObject               *user_data; /* weak */
  GtkRoot               *root;      /* weak; the window followed */
  gulong                 handler;
} Follow;

/* The posting of the row that holds @focus, if any. */
static ScraperPostingObject *
focused_item (GtkWidget *list,
              GtkWidget *focus)
{
  for (GtkWidget *w = focus; w != NULL && w != list; w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (SCRAPER_IS_POSTING_ROW (w))
        return scraper_posting_row_get_item (SCRAPER_POSTING_ROW (w));
      /* The list's own item widget holds the focus, our row is its child. */
      if (gtk_widget_get_parent (w) == list && child != NULL && SCRAPER_IS_POSTING_ROW (child))
        return scraper_posting_row_get_item (SCRAPER_POSTING_ROW (child));
    }
  return NULL;
}

static void
on_focus_widget (GtkWindow  *window,
                 GParamSpec *pspec,
                 Follow     *follow)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  ScraperPostingObject *item;

  if (follow->list == NULL || follow->user_data == NULL || focus == NULL ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (follow->list)))
    return;
  if ((item = focused_item (GTK_WIDGET (follow->list), focus)) != NULL)
    follow->func (item, follow->user_data);
}

static void
unfollow_root (Follow *follow)
{
  if (follow->root != NULL)
    {
      g_clear_signal_handler (&follow->handler, follow->root);
      g_object_remove_weak_pointer (G_OBJECT (follow->root), (gpointer *) &follow->root);
      follow->root = NULL;
    }
}

static void
on_root (GtkWidget  *list,
         GParamSpec *pspec,
         Follow     *follow)
{
  GtkRoot *root = gtk_widget_get_root (list);

  unfollow_root (follow);
  if (GTK_IS_WINDOW (root))
    {
      follow->root = root;
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *) &follow->root);
      follow->handler = g_signal_connect (root, "notify::focus-widget", G_CALLBACK (on_focus_widget), follow);
    }
}

static void
follow_free (gpointer data)
{
  Follow *follow = data;

  unfollow_root (follow);
  if (follow->list != NULL)
    g_object_remove_weak_pointer (G_OBJECT (follow->list), (gpointer *) &follow->list);
  if (follow->user_data != NULL)
    g_object_remove_weak_pointer (follow->user_data, (gpointer *) &follow->user_data);
  g_free (follow);
}

void
scraper_posting_list_follow_focus (GtkListView           *list,
                                   ScraperRowFocusedFunc  func,
                                   gpointer               user_data)
{
  Follow *follow;

  g_return_if_fail (GTK_IS_LIST_VIEW (list));
  g_return_if_fail (G_IS_OBJECT (user_data));

  follow = g_new0 (Follow, 1);
  follow->list = list;
  follow->func = func;
  follow->user_data = user_data;
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &follow->list);
  g_object_add_weak_pointer (user_data, (gpointer *) &follow->user_data);
  /* The window changes when the list moves to another (or first gets one). */
  g_signal_connect_data (list, "notify::root", G_CALLBACK (on_root), follow,
                         (GClosureNotify) (void (*) (void)) follow_free, 0);
  on_root (GTK_WIDGET (list), NULL, follow);
}
