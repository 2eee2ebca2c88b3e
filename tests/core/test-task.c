/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-task"

#include "config.h"

#include "scraper-core-util.h"
#include "scraper-demo-task.h"
#include "scraper-task-manager.h"

#define SPIN_TIMEOUT_MS 10000

static gboolean
wakeup_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @cond holds, failing after a bound. A
 * 5 ms wake-up keeps conditions set by workers (atomics) seen in time. */
#define SPIN_UNTIL(cond) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + SPIN_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND; \
    guint _wake = g_timeout_add (5, wakeup_cb, NULL); \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > _end) \
          g_error ("Timed out waiting for: %s", #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_remove (_wake); \
  } G_STMT_END

static void
test_demo_completes (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(ScraperTask) task = scraper_demo_task_new (3, 1);
  guint32 steps = 0;

  g_assert_true (scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER) == task);
  SPIN_UNTIL (scraper_task_is_finished (task));

  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_assert_cmpstr (scraper_task_get_kind (task), ==, "demo");
  g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 1.0);
  g_assert_cmpstr (scraper_task_get_message (task), ==, "Step 3 of 3");
  g_assert_nonnull (scraper_task_get_started (task));
  g_assert_nonnull (scraper_task_get_finished (task));
  g_assert_true (g_variant_lookup (scraper_task_get_result (task), "steps", "u", &steps));
  g_assert_cmpuint (steps, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/demo-completes", test_demo_completes);

  return g_test_run ();
}
