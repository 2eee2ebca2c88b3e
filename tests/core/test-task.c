/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-task"

#include "config.h"

#include <math.h>
#include <string.h>

#include "model/scraper-wait.h"
#include "demo-task.h"
#include "scraper-task-manager.h"
#include "scraper-task-private.h"

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

/* ---------------------------------------------------------------------- */
/* An instrumented worker                                                  */

typedef enum {
  MODE_RESULT,          /* waits on the gate (honouring cancel), returns a result, or
                         * G_IO_ERROR_CANCELLED when the cancel woke it (as real tasks do) */
  MODE_RESULT_ANYWAY,   /* enters its final phase, waits on the gate (honouring
                         * cancel), returns a result anyway */
  MODE_ERROR,           /* returns @error_code in G_IO_ERROR */
  MODE_NOTHING,         /* returns neither */
  MODE_IGNORE_CANCEL,   /* waits on the gate, deaf to cancel, returns a result */
  MODE_CANCELLED_ERROR, /* waits; on cancel returns G_IO_ERROR_CANCELLED */
  MODE_FAIL_THEN_OK,    /* fails with @error_code @fail_times times, then succeeds */
} WorkMode;

typedef struct
{
  GMutex     lock;
  GCond      cond;
  gboolean   open;
  gint       running;      /* atomic */
  gint       max_running;  /* atomic */
  gint       started;      /* atomic */
  GPtrArray *order;        /* under lock: indexes in start order */
} Gate;

typedef struct
{
  Gate     *gate;
  guint     index;
  WorkMode  mode;
  int       error_code;
  guint     fail_times;
  gint      calls;         /* atomic */
  double    report_fraction;
} Work;

static Gate *
gate_new (void)
{
  Gate *gate = g_new0 (Gate, 1);

  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  gate->order = g_ptr_array_new ();
  return gate;
}

static void
gate_free (Gate *gate)
{
  g_ptr_array_unref (gate->order);
  g_cond_clear (&gate->cond);
  g_mutex_clear (&gate->lock);
  g_free (gate);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Gate, gate_free)

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

static void
gate_wake_cb (GCancellable *cancellable,
              Gate         *gate)
{
  g_mutex_lock (&gate->lock);
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

/* Blocks until the gate opens or (if @cancellable) it is cancelled; never
 * longer than 30 s so that a broken test cannot hang forever. */
static void
gate_wait (Gate         *gate,
           GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  gulong handler = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (gate_wake_cb), gate, NULL);

  g_mutex_lock (&gate->lock);
  while (!gate->open && !(cancellable && g_cancellable_is_cancelled (cancellable)))
    {
      if (!g_cond_wait_until (&gate->cond, &gate->lock, end))
        break;
    }
  g_mutex_unlock (&gate->lock);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
}

static void
work_func (ScraperTask  *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Work *work = task_data;
  Gate *gate = work->gate;
  int now;
  int max;
  guint calls = (guint) g_atomic_int_add (&work->calls, 1) + 1;

  now = g_atomic_int_add (&gate->running, 1) + 1;
  do
    max = g_atomic_int_get (&gate->max_running);
  while (now > max && !g_atomic_int_compare_and_exchange (&gate->max_running, max, now));
  g_atomic_int_inc (&gate->started);

  g_mutex_lock (&gate->lock);
  g_ptr_array_add (gate->order, GUINT_TO_POINTER (work->index));
  g_mutex_unlock (&gate->lock);

  if (work->report_fraction > 0)
    scraper_task_report (task, work->report_fraction, "working");

  switch (work->mode)
    {
    case MODE_RESULT_ANYWAY:
      /* Past its point of no return: its result is kept, cancel or not. */
      g_assert_true (scraper_task_begin_final (task));
      gate_wait (gate, cancellable);
      break;
    case MODE_RESULT:
      gate_wait (gate, cancellable);
      break;
    case MODE_IGNORE_CANCEL:
    case MODE_CANCELLED_ERROR:
      gate_wait (gate, work->mode == MODE_CANCELLED_ERROR ? cancellable : NULL);
      break;
    case MODE_ERROR:
    case MODE_NOTHING:
    case MODE_FAIL_THEN_OK:
    default:
      break;
    }

  g_atomic_int_add (&gate->running, -1);

  switch (work->mode)
    {
    case MODE_ERROR:
      scraper_task_return_error (task, g_error_new (G_IO_ERROR, work->error_code,
                                                    "Work %u failed", work->index));
      break;
    case MODE_NOTHING:
      break;
    case MODE_RESULT:
    case MODE_CANCELLED_ERROR:
      if (g_cancellable_is_cancelled (cancellable))
        {
          scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                "Cancelled"));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case MODE_FAIL_THEN_OK:
      if (work->mode == MODE_FAIL_THEN_OK && calls <= work->fail_times)
        {
          scraper_task_return_error (task, g_error_new (G_IO_ERROR, work->error_code,
                                                        "Attempt %u failed", calls));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case MODE_RESULT_ANYWAY:
    case MODE_IGNORE_CANCEL:
    default:
      scraper_task_return_result (task, g_variant_new_parsed ("{'index': <%u>}", work->index));
      break;
    }
}

static ScraperTask *
work_task_new (Gate     *gate,
               guint     index,
               WorkMode  mode)
{
  Work *work = g_new0 (Work, 1);
  g_autofree char *title = g_strdup_printf ("Work %u", index);

  work->gate = gate;
  work->index = index;
  work->mode = mode;
  work->error_code = G_IO_ERROR_NOT_FOUND;
  return scraper_task_new ("test", title, work_func, work, g_free);
}

static Work *
task_work (ScraperTask *task)
{
  return scraper_task_get_task_data (task);
}

static guint
gate_order_at (Gate  *gate,
               guint  i)
{
  guint index;

  g_mutex_lock (&gate->lock);
  g_assert_cmpuint (i, <, gate->order->len);
  index = GPOINTER_TO_UINT (g_ptr_array_index (gate->order, i));
  g_mutex_unlock (&gate->lock);
  return index;
}

/* Counts task-finished and checks it comes once per task, on the main thread. */
typedef struct
{
  guint       count;
  GHashTable *seen;
} Finished;

static GThread *main_thread;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  g_assert_true (g_thread_self () == main_thread);
  (*count)++;
}

static void
task_finished_cb (ScraperTaskManager *manager,
                  ScraperTask        *task,
                  Finished           *finished)
{
  g_assert_true (g_thread_self () == main_thread);
  g_assert_true (scraper_task_is_finished (task));
  g_assert_false (g_hash_table_contains (finished->seen, task));
  g_hash_table_add (finished->seen, task);
  finished->count++;
}

static void
finished_watch (Finished           *finished,
                ScraperTaskManager *manager)
{
  finished->count = 0;
  finished->seen = g_hash_table_new (NULL, NULL);
  g_signal_connect (manager, "task-finished", G_CALLBACK (task_finished_cb), finished);
}

static void
finished_clear (Finished *finished)
{
  g_clear_pointer (&finished->seen, g_hash_table_unref);
}

static void
test_demo_completes (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(ScraperTask) task = demo_task_new (3, 1);
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


static void
test_state_enum (void)
{
  GEnumClass *klass = g_type_class_ref (SCRAPER_TYPE_TASK_STATE);
  ScraperTaskState state = SCRAPER_TASK_PENDING;

  g_assert_cmpuint (klass->n_values, ==, 7);
  g_assert_cmpstr (g_enum_get_value (klass, SCRAPER_TASK_CANCELLING)->value_nick, ==, "cancelling");
  g_type_class_unref (klass);

  for (int s = SCRAPER_TASK_PENDING; s <= SCRAPER_TASK_INTERRUPTED; s++)
    {
      g_assert_true (scraper_task_state_from_string (scraper_task_state_to_string (s), &state));
      g_assert_cmpint (state, ==, s);
    }
  g_assert_cmpstr (scraper_task_state_to_string (SCRAPER_TASK_INTERRUPTED), ==, "interrupted");
  g_assert_false (scraper_task_state_from_string ("bogus", &state));
  g_assert_false (scraper_task_state_from_string (NULL, &state));
  g_assert_cmpint (state, ==, SCRAPER_TASK_INTERRUPTED);
}

static void
test_new_task_properties (void)
{
  g_autoptr(ScraperTask) task = demo_task_new (1, 0);
  g_autoptr(ScraperTask) other = demo_task_new (1, 0);
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *id = NULL;
  ScraperTaskState state;

  g_assert_true (g_uuid_string_is_valid (scraper_task_get_id (task)));
  g_assert_cmpstr (scraper_task_get_id (task), !=, scraper_task_get_id (other));
  g_object_get (task, "id", &id, "state", &state, "created", &created, NULL);
  g_assert_cmpstr (id, ==, scraper_task_get_id (task));
  g_assert_cmpint (state, ==, SCRAPER_TASK_PENDING);
  g_assert_nonnull (created);
  g_assert_null (scraper_task_get_started (task));
  g_assert_null (scraper_task_get_result (task));
  g_assert_null (scraper_task_get_error (task));
  g_assert_true (G_IS_CANCELLABLE (scraper_task_get_cancellable (task)));
  g_assert_false (scraper_task_is_finished (task));
  g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 0.0);
}

static void
test_history_task_interrupted (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 5, 1, 10, 0, 0);
  g_autoptr(ScraperTask) running = NULL;
  g_autoptr(ScraperTask) done = NULL;
  guint32 count = 0;

  running = scraper_task_new_from_history ("6f1c2a48-0f0b-4a5e-9d53-0d9f6f1e2a11", "scrape", "Acme",
                                           SCRAPER_TASK_RUNNING, created, created, NULL, NULL, NULL);
  g_assert_cmpstr (scraper_task_get_id (running), ==, "6f1c2a48-0f0b-4a5e-9d53-0d9f6f1e2a11");
  g_assert_cmpint (scraper_task_get_state (running), ==, SCRAPER_TASK_INTERRUPTED);
  g_assert_true (scraper_task_is_finished (running));
  g_assert_true (g_date_time_equal (scraper_task_get_created (running), created));

  done = scraper_task_new_from_history (NULL, "scrape", "Acme", SCRAPER_TASK_COMPLETED,
                                        created, created, created,
                                        g_variant_new_parsed ("{'new': <@u 4>}"), NULL);
  g_assert_true (g_uuid_string_is_valid (scraper_task_get_id (done)));
  g_assert_cmpint (scraper_task_get_state (done), ==, SCRAPER_TASK_COMPLETED);
  g_assert_true (g_variant_lookup (scraper_task_get_result (done), "new", "u", &count));
  g_assert_cmpuint (count, ==, 4);
}

static void
test_report_bad_input (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) task = work_task_new (gate, 0, MODE_RESULT);

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (task) == SCRAPER_TASK_RUNNING);

  scraper_task_report (task, 0.25, "first");
  SPIN_UNTIL (scraper_task_get_fraction (task) == 0.25);
  g_assert_cmpstr (scraper_task_get_message (task), ==, "first");

  /* NULL message keeps the previous one */
  scraper_task_report (task, 0.5, NULL);
  SPIN_UNTIL (scraper_task_get_fraction (task) == 0.5);
  g_assert_cmpstr (scraper_task_get_message (task), ==, "first");

  /* NaN and negative mean indeterminate; above one is clamped */
  scraper_task_report (task, NAN, NULL);
  SPIN_UNTIL (scraper_task_get_fraction (task) == SCRAPER_TASK_FRACTION_INDETERMINATE);
  scraper_task_report (task, 7.0, NULL);
  SPIN_UNTIL (scraper_task_get_fraction (task) == 1.0);
  scraper_task_report (task, -0.5, "");
  SPIN_UNTIL (scraper_task_get_fraction (task) == SCRAPER_TASK_FRACTION_INDETERMINATE);
  g_assert_cmpstr (scraper_task_get_message (task), ==, "");

  gate_open (gate);
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);

  /* A report after the end changes nothing */
  scraper_task_report (task, 0.1, "late");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 1.0);
  g_assert_cmpstr (scraper_task_get_message (task), ==, "");
}

/* ---------------------------------------------------------------------- */
/* Concurrency bound                                                       */

static void
test_bound_never_exceeded (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (tasks, work_task_new (gate, i, MODE_RESULT));
  for (guint i = 0; i < tasks->len; i++)
    scraper_task_manager_submit (manager, tasks->pdata[i], SCRAPER_TASK_PRIORITY_USER);

  SPIN_UNTIL (g_atomic_int_get (&gate->running) == 2 &&
              scraper_task_manager_get_n_running (manager) == 2);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 6);
  g_assert_true (scraper_task_manager_get_busy (manager));

  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));

  g_assert_cmpint (g_atomic_int_get (&gate->started), ==, 8);
  g_assert_cmpint (g_atomic_int_get (&gate->max_running), ==, 2);
  for (guint i = 0; i < tasks->len; i++)
    g_assert_cmpint (scraper_task_get_state (tasks->pdata[i]), ==, SCRAPER_TASK_COMPLETED);
}

static void
test_bound_resizes_live (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  guint notified = 0;

  g_signal_connect (manager, "notify::max-concurrent", G_CALLBACK (count_notify_cb), &notified);

  for (guint i = 0; i < 8; i++)
    {
      g_ptr_array_add (tasks, work_task_new (gate, i, MODE_RESULT));
      scraper_task_manager_submit (manager, tasks->pdata[i], SCRAPER_TASK_PRIORITY_USER);
    }

  SPIN_UNTIL (g_atomic_int_get (&gate->running) == 1);

  /* Growing starts queued work at once */
  g_object_set (manager, "max-concurrent", 4, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (scraper_task_manager_get_max_concurrent (manager), ==, 4);
  SPIN_UNTIL (g_atomic_int_get (&gate->running) == 4 &&
              scraper_task_manager_get_n_running (manager) == 4);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 4);
  g_assert_cmpint (g_atomic_int_get (&gate->max_running), ==, 4);

  /* Shrinking: the four finish, the rest then run one at a time */
  scraper_task_manager_set_max_concurrent (manager, 1);
  g_atomic_int_set (&gate->max_running, 0);
  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  g_assert_cmpint (g_atomic_int_get (&gate->started), ==, 8);
  g_assert_cmpint (g_atomic_int_get (&gate->max_running), <=, 1);

  /* Out-of-range values are clamped to 1..8 */
  scraper_task_manager_set_max_concurrent (manager, 0);
  g_assert_cmpuint (scraper_task_manager_get_max_concurrent (manager), ==, 1);
  scraper_task_manager_set_max_concurrent (manager, 99);
  g_assert_cmpuint (scraper_task_manager_get_max_concurrent (manager), ==, 8);
}

/* Threads left idle by a larger bound must not run more than the new one. */
static void
test_bound_shrink_with_idle_threads (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (4);
  g_autoptr(Gate) warm = gate_new ();
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  /* Four threads run, then wait idle in the pool */
  for (guint i = 0; i < 4; i++)
    {
      g_ptr_array_add (tasks, work_task_new (warm, i, MODE_RESULT));
      scraper_task_manager_submit (manager, tasks->pdata[i], SCRAPER_TASK_PRIORITY_USER);
    }
  SPIN_UNTIL (g_atomic_int_get (&warm->running) == 4);
  gate_open (warm);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));

  scraper_task_manager_set_max_concurrent (manager, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_ptr_array_add (tasks, work_task_new (gate, i, MODE_RESULT));
      scraper_task_manager_submit (manager, tasks->pdata[4 + i], SCRAPER_TASK_PRIORITY_USER);
    }
  SPIN_UNTIL (scraper_task_manager_get_n_running (manager) == 1);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 3);

  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  g_assert_cmpint (g_atomic_int_get (&gate->started), ==, 4);
  g_assert_cmpint (g_atomic_int_get (&gate->max_running), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* Ordering                                                                */

static void
test_priority_and_fifo (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  /* index: priority */
  const ScraperTaskPriority prio[] = {
    SCRAPER_TASK_PRIORITY_USER,      /* 0: blocks the only worker */
    SCRAPER_TASK_PRIORITY_SCHEDULED, /* 1 */
    SCRAPER_TASK_PRIORITY_SCHEDULED, /* 2 */
    SCRAPER_TASK_PRIORITY_USER,      /* 3 */
    SCRAPER_TASK_PRIORITY_SCHEDULED, /* 4 */
    SCRAPER_TASK_PRIORITY_USER,      /* 5 */
  };
  const guint expected[] = { 0, 3, 5, 1, 2, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (prio); i++)
    {
      g_ptr_array_add (tasks, work_task_new (gate, i, MODE_RESULT));
      scraper_task_manager_submit (manager, tasks->pdata[i], prio[i]);
      if (i == 0)
        SPIN_UNTIL (g_atomic_int_get (&gate->running) == 1);
    }

  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (gate_order_at (gate, i), ==, expected[i]);
}

/* ---------------------------------------------------------------------- */
/* Cancellation                                                            */

static void
test_cancel_pending (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) blocker = work_task_new (gate, 0, MODE_RESULT);
  g_autoptr(ScraperTask) pending = work_task_new (gate, 1, MODE_RESULT);
  Finished finished;

  finished_watch (&finished, manager);
  scraper_task_manager_submit (manager, blocker, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_submit (manager, pending, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (blocker) == SCRAPER_TASK_RUNNING);
  g_assert_cmpint (scraper_task_get_state (pending), ==, SCRAPER_TASK_PENDING);

  /* At once, without a main loop iteration */
  scraper_task_manager_cancel (manager, pending);
  g_assert_cmpint (scraper_task_get_state (pending), ==, SCRAPER_TASK_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (scraper_task_get_cancellable (pending)));
  g_assert_nonnull (scraper_task_get_finished (pending));
  g_assert_null (scraper_task_get_started (pending));
  g_assert_error (scraper_task_get_gerror (pending), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 0);
  g_assert_cmpuint (finished.count, ==, 1);

  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  g_assert_cmpint (scraper_task_get_state (blocker), ==, SCRAPER_TASK_COMPLETED);
  /* It never started */
  g_assert_cmpint (g_atomic_int_get (&task_work (pending)->calls), ==, 0);
  g_assert_cmpint (scraper_task_get_state (pending), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpuint (finished.count, ==, 2);
  finished_clear (&finished);
}

static void
test_cancel_running (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) task = work_task_new (gate, 0, MODE_CANCELLED_ERROR);
  Finished finished;

  finished_watch (&finished, manager);
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (task) == SCRAPER_TASK_RUNNING);

  scraper_task_manager_cancel (manager, task);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLING);
  g_assert_cmpuint (scraper_task_manager_get_n_running (manager), ==, 1);

  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_null (scraper_task_get_error (task));
  g_assert_nonnull (scraper_task_get_started (task));
  g_assert_cmpuint (scraper_task_manager_get_n_running (manager), ==, 0);
  g_assert_cmpuint (finished.count, ==, 1);
  finished_clear (&finished);
}

static void
test_cancel_running_returns_result (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  /* Wakes up on cancel but returns a result anyway */
  g_autoptr(ScraperTask) task = work_task_new (gate, 0, MODE_RESULT_ANYWAY);

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (task) == SCRAPER_TASK_RUNNING);
  scraper_task_manager_cancel (manager, task);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLING);
  SPIN_UNTIL (scraper_task_is_finished (task));
  /* The worker's word is the truth: it finished its work and said so. */
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_assert_nonnull (scraper_task_get_result (task));
}

/* Cancel racing completion: the result came first, the cancel after it
 * but before the main thread saw the end.  The result is kept. */
typedef struct
{
  Gate *returned;   /* opened by the worker once it returned its result */
  Gate *leave;      /* opened by the test: the worker may end */
} Race;

static void
race_func (ScraperTask  *task,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Race *race = task_data;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "inserted", "u", 42);
  scraper_task_return_result (task, g_variant_dict_end (&dict));
  gate_open (race->returned);
  gate_wait (race->leave, NULL);
}

static void
test_cancel_racing_completion_keeps_result (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) returned = gate_new ();
  g_autoptr(Gate) leave = gate_new ();
  Race race = { returned, leave };
  g_autoptr(ScraperTask) task = scraper_task_new ("test", "race", race_func, &race, NULL);
  guint inserted = 0;

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  gate_wait (returned, NULL);

  scraper_task_manager_cancel (manager, task);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLING);
  gate_open (leave);

  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_assert_null (scraper_task_get_gerror (task));
  g_assert_true (g_variant_lookup (scraper_task_get_result (task), "inserted", "u", &inserted));
  g_assert_cmpuint (inserted, ==, 42);
}

/* The point of no return is refused once the task is cancelled. */
static void
late_final_func (ScraperTask  *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Race *race = task_data;

  gate_open (race->returned);
  gate_wait (race->leave, NULL);
  if (scraper_task_begin_final (task))
    scraper_task_return_result (task, NULL);
  else
    scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
}

static void
test_cancel_before_point_of_no_return (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) started = gate_new ();
  g_autoptr(Gate) leave = gate_new ();
  Race race = { started, leave };
  g_autoptr(ScraperTask) task = scraper_task_new ("test", "late", late_final_func, &race, NULL);

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  gate_wait (started, NULL);
  scraper_task_manager_cancel (manager, task);
  gate_open (leave);
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_null (scraper_task_get_result (task));
}

/* A task is finalized, with its task data, on the main thread, whichever
 * thread held the last reference. */
static GThread *destroyed_on;

static void
record_destroy_thread (gpointer data)
{
  destroyed_on = g_thread_self ();
}

static void
quick_func (ScraperTask  *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  scraper_task_return_result (task, NULL);
}

static void
test_task_finalized_on_main_context (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (4);

  for (guint i = 0; i < 50; i++)
    {
      ScraperTask *task = scraper_task_new ("test", "quick", quick_func, GINT_TO_POINTER (1),
                                            record_destroy_thread);
      GWeakRef weak;

      g_weak_ref_init (&weak, task);
      destroyed_on = NULL;
      scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
      g_object_unref (task);
      /* The model drops its reference as soon as the task is done: the
       * worker's may be the last. */
      for (;;)
        {
          g_autoptr(ScraperTask) t = g_list_model_get_item (G_LIST_MODEL (manager), 0);

          if (t == NULL || scraper_task_is_finished (t))
            break;
          g_main_context_iteration (NULL, TRUE);
        }
      scraper_task_manager_clear_finished (manager);
      SPIN_UNTIL (destroyed_on != NULL);
      g_assert_true (destroyed_on == main_thread);
      g_assert_null (g_weak_ref_get (&weak));
      g_weak_ref_clear (&weak);
    }
}

static void
test_cancel_worker_ignoring_cancel (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) task = work_task_new (gate, 0, MODE_IGNORE_CANCEL);

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (task) == SCRAPER_TASK_RUNNING);
  scraper_task_manager_cancel (manager, task);

  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLING);

  /* Deaf worker: the task ends "cancelled" while the worker still runs
   * (it finishes in the background)... */
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  /* (the gate is still closed: the worker is in it or on its way) */
  SPIN_UNTIL (g_atomic_int_get (&gate->running) == 1);
  g_assert_cmpuint (scraper_task_manager_get_n_running (manager), ==, 0);

  /* ...and what it returns later changes nothing. */
  gate_open (gate);
  SPIN_UNTIL (g_atomic_int_get (&gate->running) == 0);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_null (scraper_task_get_result (task));
}

static void
test_cancel_all (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  Finished finished;

  finished_watch (&finished, manager);
  for (guint i = 0; i < 5; i++)
    {
      g_ptr_array_add (tasks, work_task_new (gate, i, MODE_RESULT));
      scraper_task_manager_submit (manager, tasks->pdata[i], SCRAPER_TASK_PRIORITY_SCHEDULED);
    }
  SPIN_UNTIL (scraper_task_manager_get_n_running (manager) == 2);

  scraper_task_manager_cancel_all (manager);
  /* Pending ones at once, running ones cancelling */
  g_assert_cmpuint (finished.count, ==, 3);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 0);
  for (guint i = 2; i < 5; i++)
    g_assert_cmpint (scraper_task_get_state (tasks->pdata[i]), ==, SCRAPER_TASK_CANCELLED);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (scraper_task_get_state (tasks->pdata[i]), ==, SCRAPER_TASK_CANCELLING);

  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (scraper_task_get_state (tasks->pdata[i]), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpuint (finished.count, ==, 5);
  g_assert_cmpint (g_atomic_int_get (&gate->started), ==, 2);
  finished_clear (&finished);
}

static void
test_cancel_twice (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) running = work_task_new (gate, 0, MODE_RESULT);
  g_autoptr(ScraperTask) pending = work_task_new (gate, 1, MODE_RESULT);
  Finished finished;

  finished_watch (&finished, manager);
  scraper_task_manager_submit (manager, running, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_submit (manager, pending, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (running) == SCRAPER_TASK_RUNNING);

  scraper_task_manager_cancel (manager, pending);
  scraper_task_manager_cancel (manager, pending);
  scraper_task_manager_cancel (manager, running);
  scraper_task_manager_cancel (manager, running);
  g_assert_cmpint (scraper_task_get_state (pending), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpint (scraper_task_get_state (running), ==, SCRAPER_TASK_CANCELLING);

  SPIN_UNTIL (scraper_task_is_finished (running));
  scraper_task_manager_cancel (manager, running);
  g_assert_cmpint (scraper_task_get_state (running), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpuint (finished.count, ==, 2);
  finished_clear (&finished);
}

static void
test_cancel_after_completion (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(ScraperTask) task = demo_task_new (1, 0);
  Finished finished;

  finished_watch (&finished, manager);
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);

  scraper_task_manager_cancel (manager, task);
  scraper_task_manager_cancel_all (manager);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
  g_assert_false (g_cancellable_is_cancelled (scraper_task_get_cancellable (task)));
  g_assert_nonnull (scraper_task_get_result (task));
  g_assert_cmpuint (finished.count, ==, 1);
  finished_clear (&finished);
}

static void
test_cancel_via_cancellable (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) running = work_task_new (gate, 0, MODE_RESULT);
  g_autoptr(ScraperTask) pending = work_task_new (gate, 1, MODE_RESULT);

  scraper_task_manager_submit (manager, running, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_submit (manager, pending, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (running) == SCRAPER_TASK_RUNNING);

  /* What a Cancel button bound to the cancellable would do */
  g_cancellable_cancel (scraper_task_get_cancellable (pending));
  g_cancellable_cancel (scraper_task_get_cancellable (running));
  SPIN_UNTIL (scraper_task_get_state (pending) == SCRAPER_TASK_CANCELLED);
  SPIN_UNTIL (scraper_task_get_state (running) == SCRAPER_TASK_CANCELLED);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  g_assert_cmpint (g_atomic_int_get (&task_work (pending)->calls), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Failures                                                                */

static void
test_failure_message (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) task = work_task_new (gate, 7, MODE_ERROR);

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_FAILED);
  g_assert_cmpstr (scraper_task_get_error (task), ==, "Work 7 failed");
  g_assert_error (scraper_task_get_gerror (task), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (scraper_task_get_result (task));
}

static void
test_worker_returns_nothing (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) task = work_task_new (gate, 0, MODE_NOTHING);

  g_test_expect_message ("scraper-task", G_LOG_LEVEL_CRITICAL, "*without calling scraper_task_return_result*");
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_test_assert_expected_messages ();

  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_FAILED);
  g_assert_cmpstr (scraper_task_get_error (task), ==,
                   "The task ended without a result (programming error)");
}

/* ---------------------------------------------------------------------- */
/* Progress coalescing and the main-thread rule                            */

#define N_REPORTERS 4
#define N_REPORTS_EACH 250000

typedef struct
{
  gint done;  /* atomic */
} ReportData;

static void
report_func (ScraperTask  *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReportData *data = task_data;

  for (guint i = 1; i <= N_REPORTS_EACH; i++)
    scraper_task_report (task, (double) i / (N_REPORTS_EACH + 1), i % 1000 == 0 ? "busy" : NULL);
  scraper_task_report (task, 0.75, "final report");
  g_atomic_int_inc (&data->done);
  scraper_task_return_result (task, NULL);
}

static void
test_report_million (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (N_REPORTERS);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  ReportData data = { 0 };
  guint counts[N_REPORTERS] = { 0 };
  guint total = 0;

  for (guint i = 0; i < N_REPORTERS; i++)
    {
      ScraperTask *task = scraper_task_new ("test", "reporter", report_func, &data, NULL);

      g_ptr_array_add (tasks, task);
      g_signal_connect (task, "notify::fraction", G_CALLBACK (count_notify_cb), &counts[i]);
      scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
    }

  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  g_assert_cmpint (g_atomic_int_get (&data.done), ==, N_REPORTERS);

  for (guint i = 0; i < N_REPORTERS; i++)
    {
      ScraperTask *task = tasks->pdata[i];

      /* The last report is applied exactly, then completion sets 1.0 */
      g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
      g_assert_cmpstr (scraper_task_get_message (task), ==, "final report");
      g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 1.0);
      total += counts[i];
    }

  g_test_message ("%u fraction notifications for %u reports", total, N_REPORTERS * (N_REPORTS_EACH + 1));
  /* Bounded by main-loop iterations, not by reports */
  g_assert_cmpuint (total, >=, N_REPORTERS);
  g_assert_cmpuint (total, <, N_REPORTERS * (N_REPORTS_EACH + 1) / 20);
}

/* With the main loop not running, a burst of reports costs one dispatch. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean done;
} Burst;

static void
burst_func (ScraperTask  *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Burst *burst = task_data;

  for (guint i = 1; i <= 100000; i++)
    scraper_task_report (task, i / 200000.0, "burst");

  g_mutex_lock (&burst->lock);
  burst->done = TRUE;
  g_cond_signal (&burst->cond);
  g_mutex_unlock (&burst->lock);

  scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "burst over"));
}

static void
test_report_coalesced_while_loop_blocked (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(ScraperTask) task = NULL;
  Burst burst = { 0 };
  guint fraction_notifies = 0;
  guint message_notifies = 0;
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_mutex_init (&burst.lock);
  g_cond_init (&burst.cond);
  task = scraper_task_new ("test", "burst", burst_func, &burst, NULL);
  g_signal_connect (task, "notify::fraction", G_CALLBACK (count_notify_cb), &fraction_notifies);
  g_signal_connect (task, "notify::message", G_CALLBACK (count_notify_cb), &message_notifies);
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);

  /* The main thread waits on a condition (bounded) without iterating */
  g_mutex_lock (&burst.lock);
  while (!burst.done)
    g_assert_true (g_cond_wait_until (&burst.cond, &burst.lock, end));
  g_mutex_unlock (&burst.lock);

  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_FAILED);
  g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 0.5);
  g_assert_cmpstr (scraper_task_get_message (task), ==, "burst");
  g_assert_cmpuint (fraction_notifies, ==, 1);
  g_assert_cmpuint (message_notifies, ==, 1);

  g_cond_clear (&burst.cond);
  g_mutex_clear (&burst.lock);
}

/* Reports spread over time reach the main thread at most once per interval
 * (however fast the loop turns), and the last one always does, exactly. */
#define N_PACED 1500

typedef struct
{
  Gate  *gate;
  gint64 elapsed;     /* from the first report to the last, in µs */
  gint   reported;    /* atomic */
} Paced;

static void
paced_func (ScraperTask  *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Paced *paced = task_data;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 1; i <= N_PACED; i++)
    {
      g_autofree char *message = g_strdup_printf ("report %u", i);

      scraper_task_report (task, 0.9 * i / N_PACED, message);
      g_usleep (100);
    }
  paced->elapsed = g_get_monotonic_time () - start;
  g_atomic_int_set (&paced->reported, TRUE);

  /* Not returning: the last value must show without the final state. */
  gate_wait (paced->gate, cancellable);
  scraper_task_return_result (task, NULL);
}

static void
test_report_coalesced_per_interval_last_exact (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  Paced paced = { gate, 0, 0 };
  g_autoptr(ScraperTask) task = scraper_task_new ("test", "paced", paced_func, &paced, NULL);
  g_autofree char *last = g_strdup_printf ("report %u", N_PACED);
  guint notifies = 0;
  guint bound;

  g_signal_connect (task, "notify::fraction", G_CALLBACK (count_notify_cb), &notifies);
  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);

  /* The trailing dispatch brings the last report while the task runs on. */
  SPIN_UNTIL (g_atomic_int_get (&paced.reported) &&
              scraper_task_get_fraction (task) == 0.9 &&
              g_strcmp0 (scraper_task_get_message (task), last) == 0);
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_RUNNING);

  /* However busy the machine, the worker's own clock bounds the count: one
   * per interval it spent reporting, plus the first and the trailing one. */
  bound = (guint) (paced.elapsed / (SCRAPER_TASK_COALESCE_MS * G_TIME_SPAN_MILLISECOND)) + 3;
  g_test_message ("%u reports over %.0f ms: %u applied (bound %u), %u dispatches in all",
                  N_PACED, paced.elapsed / 1000.0, notifies, bound,
                  _scraper_task_get_n_dispatches (task));
  g_assert_cmpuint (notifies, >=, 1);
  g_assert_cmpuint (notifies, <=, bound);

  gate_open (gate);
  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_COMPLETED);
}

/* Progress waits below redraw; what changes the state does not wait. */
static void
test_dispatch_priorities (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) task = work_task_new (gate, 0, MODE_CANCELLED_ERROR);
  int priority;

  scraper_task_manager_submit (manager, task, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (task) == SCRAPER_TASK_RUNNING);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  scraper_task_report (task, 0.5, "halfway");
  g_mutex_lock (&task->lock);
  g_assert_nonnull (task->dispatch_source);
  priority = g_source_get_priority (task->dispatch_source);
  g_mutex_unlock (&task->lock);
  /* GTK draws at G_PRIORITY_HIGH_IDLE + 20 */
  g_assert_cmpint (priority, >, G_PRIORITY_HIGH_IDLE + 20);

  /* Starved (the loop did not turn) past its time: the next report lifts
   * it above redraw. */
  g_usleep ((SCRAPER_TASK_COALESCE_MS + SCRAPER_TASK_STARVED_MS + 10) * G_TIME_SPAN_MILLISECOND);
  scraper_task_report (task, 0.5, "halfway");
  g_mutex_lock (&task->lock);
  priority = g_source_get_priority (task->dispatch_source);
  g_mutex_unlock (&task->lock);
  g_assert_cmpint (priority, ==, G_PRIORITY_DEFAULT);

  /* A cancel from any thread turns the pending dispatch urgent. */
  g_cancellable_cancel (scraper_task_get_cancellable (task));
  g_mutex_lock (&task->lock);
  g_assert_nonnull (task->dispatch_source);
  priority = g_source_get_priority (task->dispatch_source);
  g_assert_cmpint (g_source_get_ready_time (task->dispatch_source), ==, 0);
  g_mutex_unlock (&task->lock);
  g_assert_cmpint (priority, ==, G_PRIORITY_DEFAULT);

  SPIN_UNTIL (scraper_task_is_finished (task));
  g_assert_cmpint (scraper_task_get_state (task), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpfloat (scraper_task_get_fraction (task), ==, 0.5);
}

static void
any_notify_cb (GObject    *object,
               GParamSpec *pspec,
               guint      *count)
{
  if (g_thread_self () != main_thread)
    g_error ("%s::%s notified off the main thread", G_OBJECT_TYPE_NAME (object), pspec->name);
  (*count)++;
}

static gpointer
cancel_waiting_thread (gpointer data)
{
  GPtrArray *tasks = data;

  for (guint i = 2; i < tasks->len; i += 4)
    g_cancellable_cancel (scraper_task_get_cancellable (tasks->pdata[i]));
  return NULL;
}

static void
test_notify_on_main_thread_only (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (3);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  guint notifies = 0;

  g_signal_connect (manager, "notify", G_CALLBACK (any_notify_cb), &notifies);
  for (guint i = 0; i < 12; i++)
    {
      ScraperTask *task;

      switch (i % 4)
        {
        case 0:
          task = demo_task_new (5, 1);
          break;
        case 1:
          task = work_task_new (gate, i, MODE_ERROR);
          break;
        case 2:
          task = work_task_new (gate, i, MODE_CANCELLED_ERROR);
          break;
        default:
          task = work_task_new (gate, i, MODE_RESULT);
          task_work (task)->report_fraction = 0.5;
          break;
        }
      g_ptr_array_add (tasks, task);
      g_signal_connect (task, "notify", G_CALLBACK (any_notify_cb), &notifies);
      scraper_task_manager_submit (manager, task, i % 2 ? SCRAPER_TASK_PRIORITY_USER : SCRAPER_TASK_PRIORITY_SCHEDULED);
    }

  scraper_task_manager_cancel (manager, tasks->pdata[11]);
  /* The ones that wait for a cancel get it from another thread (whether
   * they started or not). */
  g_thread_join (g_thread_new ("canceller", cancel_waiting_thread, tasks));
  /* The five of the user's priority that run their work function. */
  SPIN_UNTIL (g_atomic_int_get (&gate->started) >= 5);
  scraper_task_manager_cancel (manager, tasks->pdata[3]);
  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));

  for (guint i = 0; i < tasks->len; i++)
    g_assert_true (scraper_task_is_finished (tasks->pdata[i]));
  g_assert_cmpuint (notifies, >, 12 * 3);
}

/* ---------------------------------------------------------------------- */
/* The model and its counters                                              */

typedef struct
{
  guint position, removed, added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   i,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (i, <, changes->len);
  change = &g_array_index (changes, Change, i);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static ScraperTask *
model_task (ScraperTaskManager *manager,
            guint               position)
{
  ScraperTask *task = g_list_model_get_item (G_LIST_MODEL (manager), position);

  /* The model holds a reference of its own */
  g_object_unref (task);
  return task;
}

static void
test_model_items_changed (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ScraperTask) a = work_task_new (gate, 0, MODE_RESULT);
  g_autoptr(ScraperTask) b = work_task_new (gate, 1, MODE_RESULT);
  g_autoptr(ScraperTask) c = work_task_new (gate, 2, MODE_RESULT);
  g_autoptr(ScraperTask) old1 = scraper_task_new_from_history (NULL, "scrape", "old 1", SCRAPER_TASK_COMPLETED,
                                                               NULL, NULL, NULL, NULL, NULL);
  g_autoptr(ScraperTask) old2 = scraper_task_new_from_history (NULL, "scrape", "old 2", SCRAPER_TASK_FAILED,
                                                               NULL, NULL, NULL, NULL, "Boom");

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (manager)) == SCRAPER_TYPE_TASK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (manager), 0));
  g_signal_connect (manager, "items-changed", G_CALLBACK (items_changed_cb), changes);

  scraper_task_manager_add_finished (manager, old1);
  assert_change (changes, 0, 0, 0, 1);
  scraper_task_manager_submit (manager, a, SCRAPER_TASK_PRIORITY_USER);
  assert_change (changes, 1, 0, 0, 1);
  scraper_task_manager_submit (manager, b, SCRAPER_TASK_PRIORITY_USER);
  assert_change (changes, 2, 0, 0, 1);
  scraper_task_manager_add_finished (manager, old2);
  assert_change (changes, 3, 3, 0, 1);
  scraper_task_manager_submit (manager, c, SCRAPER_TASK_PRIORITY_USER);
  assert_change (changes, 4, 0, 0, 1);
  g_assert_cmpuint (changes->len, ==, 5);

  /* Newest first, history after */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 5);
  g_assert_true (model_task (manager, 0) == c);
  g_assert_true (model_task (manager, 1) == b);
  g_assert_true (model_task (manager, 2) == a);
  g_assert_true (model_task (manager, 3) == old1);
  g_assert_true (model_task (manager, 4) == old2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (manager), 5));

  /* Finish a (running) and c; b is cancelled while pending */
  SPIN_UNTIL (scraper_task_get_state (a) == SCRAPER_TASK_RUNNING);
  scraper_task_manager_cancel (manager, b);
  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  /* State changes do not touch the model */
  g_assert_cmpuint (changes->len, ==, 5);

  /* Everything is finished now: one run from 0 to 5 */
  scraper_task_manager_clear_finished (manager);
  assert_change (changes, 5, 0, 5, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);
}

static void
test_model_clear_finished_keeps_active (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (1);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ScraperTask) done1 = demo_task_new (0, 0);
  g_autoptr(ScraperTask) active = work_task_new (gate, 0, MODE_RESULT);
  g_autoptr(ScraperTask) done2 = demo_task_new (0, 0);
  g_autoptr(ScraperTask) old = scraper_task_new_from_history (NULL, "scrape", "old", SCRAPER_TASK_CANCELLED,
                                                              NULL, NULL, NULL, NULL, NULL);

  scraper_task_manager_submit (manager, done1, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_is_finished (done1));
  scraper_task_manager_submit (manager, active, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (active) == SCRAPER_TASK_RUNNING);
  scraper_task_manager_submit (manager, done2, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_cancel (manager, done2);
  scraper_task_manager_add_finished (manager, old);
  /* model: done2, active, done1, old */

  g_signal_connect (manager, "items-changed", G_CALLBACK (items_changed_cb), changes);
  scraper_task_manager_clear_finished (manager);
  assert_change (changes, 0, 2, 2, 0);
  assert_change (changes, 1, 0, 1, 0);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  g_assert_true (model_task (manager, 0) == active);

  gate_open (gate);
  SPIN_UNTIL (scraper_task_is_finished (active));
}

static void
test_counters_and_fraction (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  guint busy_notifies = 0;

  g_assert_false (scraper_task_manager_get_busy (manager));
  g_assert_cmpfloat (scraper_task_manager_get_fraction (manager), ==, SCRAPER_TASK_FRACTION_INDETERMINATE);
  g_signal_connect (manager, "notify::busy", G_CALLBACK (count_notify_cb), &busy_notifies);

  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (tasks, work_task_new (gate, i, MODE_RESULT));
      task_work (tasks->pdata[i])->report_fraction = 0.5;
      scraper_task_manager_submit (manager, tasks->pdata[i], SCRAPER_TASK_PRIORITY_USER);
    }
  g_assert_true (scraper_task_manager_get_busy (manager));
  g_assert_cmpuint (busy_notifies, ==, 1);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 3);
  g_assert_cmpfloat (scraper_task_manager_get_fraction (manager), ==, 0.0);

  /* Two running at 0.5, one pending at 0 */
  SPIN_UNTIL (scraper_task_get_fraction (tasks->pdata[0]) == 0.5 &&
              scraper_task_get_fraction (tasks->pdata[1]) == 0.5);
  g_assert_cmpuint (scraper_task_manager_get_n_running (manager), ==, 2);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 1);
  g_assert_cmpfloat_with_epsilon (scraper_task_manager_get_fraction (manager), 1.0 / 3, 1e-9);

  /* An indeterminate task does not count */
  scraper_task_report (tasks->pdata[1], SCRAPER_TASK_FRACTION_INDETERMINATE, NULL);
  SPIN_UNTIL (scraper_task_get_fraction (tasks->pdata[1]) < 0);
  g_assert_cmpfloat_with_epsilon (scraper_task_manager_get_fraction (manager), 0.25, 1e-9);

  /* A finished task counts as done until the batch is over */
  scraper_task_manager_cancel (manager, tasks->pdata[2]);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 0);
  g_assert_cmpfloat_with_epsilon (scraper_task_manager_get_fraction (manager), 0.75, 1e-9);

  gate_open (gate);
  SPIN_UNTIL (!scraper_task_manager_get_busy (manager));
  g_assert_cmpuint (scraper_task_manager_get_n_running (manager), ==, 0);
  g_assert_cmpuint (scraper_task_manager_get_n_pending (manager), ==, 0);
  g_assert_cmpfloat (scraper_task_manager_get_fraction (manager), ==, SCRAPER_TASK_FRACTION_INDETERMINATE);
  g_assert_cmpuint (busy_notifies, ==, 2);
}

/* ---------------------------------------------------------------------- */
/* Shutdown                                                                */

static void
sleeper_func (ScraperTask  *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  if (!scraper_task_sleep (task, 60000))
    {
      scraper_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Stopped"));
      return;
    }
  scraper_task_return_result (task, NULL);
}

static void
test_shutdown_running (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (4);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);
  Finished finished;
  gint64 start;

  finished_watch (&finished, manager);
  for (guint i = 0; i < 6; i++)
    {
      g_ptr_array_add (tasks, scraper_task_new ("test", "sleeper", sleeper_func, NULL, NULL));
      scraper_task_manager_submit (manager, tasks->pdata[i], SCRAPER_TASK_PRIORITY_USER);
    }
  SPIN_UNTIL (scraper_task_manager_get_n_running (manager) == 4);

  start = g_get_monotonic_time ();
  scraper_task_manager_shutdown (manager, 1000);
  /* The workers heard the cancel: no "ignored cancellation" warning (fatal
   * in tests), however long the machine took. */
  g_test_message ("shutdown took %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* Final at once: the pool is joined and its results applied */
  for (guint i = 0; i < tasks->len; i++)
    g_assert_cmpint (scraper_task_get_state (tasks->pdata[i]), ==, SCRAPER_TASK_CANCELLED);
  g_assert_false (scraper_task_manager_get_busy (manager));
  g_assert_cmpuint (finished.count, ==, 6);

  /* Twice is harmless; submitting afterwards cancels at once */
  scraper_task_manager_shutdown (manager, 1000);
  {
    g_autoptr(ScraperTask) late = demo_task_new (1, 0);

    scraper_task_manager_submit (manager, late, SCRAPER_TASK_PRIORITY_USER);
    g_assert_cmpint (scraper_task_get_state (late), ==, SCRAPER_TASK_CANCELLED);
  }
  g_assert_cmpuint (finished.count, ==, 7);
  finished_clear (&finished);
}

static void
test_shutdown_worker_ignoring_cancel (void)
{
  ScraperTaskManager *manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) deaf = work_task_new (gate, 0, MODE_IGNORE_CANCEL);
  gint64 start;
  gint64 elapsed;

  scraper_task_manager_submit (manager, deaf, SCRAPER_TASK_PRIORITY_USER);
  SPIN_UNTIL (scraper_task_get_state (deaf) == SCRAPER_TASK_RUNNING);

  g_test_expect_message ("scraper-task-manager", G_LOG_LEVEL_WARNING, "*ignored cancellation*");
  start = g_get_monotonic_time ();
  scraper_task_manager_shutdown (manager, 100);
  elapsed = g_get_monotonic_time () - start;
  g_test_assert_expected_messages ();
  /* It waited as long as it was told (how much longer is the machine's
   * business). */
  g_assert_cmpint (elapsed, >=, 100 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (scraper_task_get_state (deaf), ==, SCRAPER_TASK_CANCELLING);

  /* The manager may go; the straggler's task still ends "cancelled" while
   * it runs, and its late result changes nothing */
  g_object_unref (manager);
  SPIN_UNTIL (scraper_task_is_finished (deaf));
  g_assert_cmpint (scraper_task_get_state (deaf), ==, SCRAPER_TASK_CANCELLED);
  gate_open (gate);
  SPIN_UNTIL (g_atomic_int_get (&gate->running) == 0);
}

static void
test_dispose_cancels (void)
{
  ScraperTaskManager *manager = scraper_task_manager_new (2);
  g_autoptr(ScraperTask) running = scraper_task_new ("test", "sleeper", sleeper_func, NULL, NULL);
  g_autoptr(ScraperTask) pending = scraper_task_new ("test", "sleeper", sleeper_func, NULL, NULL);
  g_autoptr(ScraperTask) pending2 = scraper_task_new ("test", "sleeper", sleeper_func, NULL, NULL);
  gint64 start;

  scraper_task_manager_set_max_concurrent (manager, 1);
  scraper_task_manager_submit (manager, running, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_submit (manager, pending, SCRAPER_TASK_PRIORITY_USER);
  scraper_task_manager_submit (manager, pending2, SCRAPER_TASK_PRIORITY_SCHEDULED);
  SPIN_UNTIL (scraper_task_get_state (running) == SCRAPER_TASK_RUNNING);

  start = g_get_monotonic_time ();
  g_object_unref (manager);
  g_test_message ("dispose took %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (scraper_task_get_state (running), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpint (scraper_task_get_state (pending), ==, SCRAPER_TASK_CANCELLED);
  g_assert_cmpint (scraper_task_get_state (pending2), ==, SCRAPER_TASK_CANCELLED);
}

/* ---------------------------------------------------------------------- */
/* submit_async                                                            */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  GThread  *thread;
} AsyncResult;

static void
submit_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *res = user_data;

  res->thread = g_thread_self ();
  res->ok = scraper_task_manager_submit_finish (SCRAPER_TASK_MANAGER (object), result, &res->error);
  res->done = TRUE;
}

static void
test_submit_async (void)
{
  g_autoptr(ScraperTaskManager) manager = scraper_task_manager_new (2);
  g_autoptr(Gate) gate = gate_new ();
  g_autoptr(ScraperTask) good = demo_task_new (2, 1);
  g_autoptr(ScraperTask) bad = work_task_new (gate, 3, MODE_ERROR);
  g_autoptr(ScraperTask) stopped = work_task_new (gate, 4, MODE_RESULT);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r1 = { 0 }, r2 = { 0 }, r3 = { 0 };

  scraper_task_manager_submit_async (manager, good, SCRAPER_TASK_PRIORITY_USER, NULL, submit_done_cb, &r1);
  scraper_task_manager_submit_async (manager, bad, SCRAPER_TASK_PRIORITY_USER, NULL, submit_done_cb, &r2);
  scraper_task_manager_submit_async (manager, stopped, SCRAPER_TASK_PRIORITY_USER, cancellable, submit_done_cb, &r3);
  g_assert_true (model_task (manager, 0) == stopped);
  g_assert_false (r1.done || r2.done || r3.done);

  SPIN_UNTIL (r1.done && r2.done);
  g_assert_true (r1.ok);
  g_assert_no_error (r1.error);
  g_assert_true (r1.thread == main_thread);
  g_assert_false (r2.ok);
  g_assert_error (r2.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (r2.error->message, ==, "Work 3 failed");

  /* The call's cancellable cancels the task */
  SPIN_UNTIL (scraper_task_get_state (stopped) == SCRAPER_TASK_RUNNING);
  g_cancellable_cancel (cancellable);
  SPIN_UNTIL (r3.done);
  g_assert_false (r3.ok);
  g_assert_error (r3.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (scraper_task_get_state (stopped), ==, SCRAPER_TASK_CANCELLED);

  g_clear_error (&r2.error);
  g_clear_error (&r3.error);
}

/* ---------------------------------------------------------------------- */
/* scraper_sleep, scraper_backoff_ms, scraper_retry_after_parse (model)    */

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancellable_sleep (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  GThread *thread;
  gint64 start;

  start = g_get_monotonic_time ();
  g_assert_true (scraper_sleep (20, cancellable, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 20 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (scraper_sleep (1, NULL, NULL));
  g_assert_true (scraper_sleep (0, cancellable, NULL));

  /* Already cancelled: at once */
  g_cancellable_cancel (cancelled);
  start = g_get_monotonic_time ();
  g_assert_false (scraper_sleep (60000, cancelled, NULL));
  /* Not the minute asked for: how much less is the machine's business. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_TIME_SPAN_SECOND);

  /* Cancelled from another thread while asleep */
  start = g_get_monotonic_time ();
  thread = g_thread_new ("canceller", cancel_later_thread, cancellable);
  g_assert_false (scraper_sleep (60000, cancellable, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_TIME_SPAN_SECOND);
  g_thread_join (thread);
}

/* One reading of Retry-After for the fetcher and the language model client
 * (they disagreed on blanks before the number). */
static void
test_retry_after_hostile_values (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (1994, 11, 6, 8, 49, 0);

  g_assert_cmpint (scraper_retry_after_parse ("120", now), ==, 120);
  g_assert_cmpint (scraper_retry_after_parse ("  7 ", now), ==, 7);
  g_assert_cmpint (scraper_retry_after_parse ("0", now), ==, 0);
  /* The three date forms, 37 s after now */
  g_assert_cmpint (scraper_retry_after_parse ("Sun, 06 Nov 1994 08:49:37 GMT", now), ==, 37);
  g_assert_cmpint (scraper_retry_after_parse ("Sunday, 06-Nov-94 08:49:37 GMT", now), ==, 37);
  g_assert_cmpint (scraper_retry_after_parse ("Sun Nov  6 08:49:37 1994", now), ==, 37);
  /* In the past: at once */
  g_assert_cmpint (scraper_retry_after_parse ("Sat, 05 Nov 1994 08:49:37 GMT", now), ==, 0);
  /* Garbled, negative, huge, empty, another zone, a month that is none */
  g_assert_cmpint (scraper_retry_after_parse (NULL, now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("   ", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("-5", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("+5", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("12abc", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("99999999999999999999", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("soon", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("Sun, 06 Nov 1994 08:49:37 CET", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("Sun, 06 Foo 1994 08:49:37 GMT", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("Sun, 06 Nov 1994 08:49:37 GMT trailing", now), ==, -1);
  g_assert_cmpint (scraper_retry_after_parse ("Sun, 31 Feb 1994 08:49:37 GMT", now), ==, -1);
}

static void
test_backoff_bounds (void)
{
  for (guint attempt = 0; attempt < 40; attempt++)
    {
      guint step = MIN (100u << MIN (attempt, 16u), 5000u);
      guint ms = scraper_backoff_ms (100, attempt, 5000);

      g_assert_cmpuint (ms, >=, step / 2);
      g_assert_cmpuint (ms, <=, step);
    }
  g_assert_cmpuint (scraper_backoff_ms (0, 3, 1000), ==, 0);
  g_assert_cmpuint (scraper_backoff_ms (G_MAXUINT, 16, G_MAXUINT), <=, G_MAXUINT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/core/task/state-enum", test_state_enum);
  g_test_add_func ("/core/task/new-task-properties", test_new_task_properties);
  g_test_add_func ("/core/task/history-running-becomes-interrupted", test_history_task_interrupted);
  g_test_add_func ("/core/task/demo-completes", test_demo_completes);
  g_test_add_func ("/core/task/report-bad-input-nan-negative-above-one-null-message", test_report_bad_input);
  g_test_add_func ("/core/task/report-million-from-four-workers", test_report_million);
  g_test_add_func ("/core/task/report-coalesced-while-loop-blocked", test_report_coalesced_while_loop_blocked);
  g_test_add_func ("/core/task/report-coalesced-per-interval-last-exact", test_report_coalesced_per_interval_last_exact);
  g_test_add_func ("/core/task/dispatch-priorities", test_dispatch_priorities);
  g_test_add_func ("/core/manager/bound-never-exceeded", test_bound_never_exceeded);
  g_test_add_func ("/core/manager/bound-resizes-live", test_bound_resizes_live);
  g_test_add_func ("/core/manager/bound-shrink-with-idle-threads", test_bound_shrink_with_idle_threads);
  g_test_add_func ("/core/manager/priority-and-fifo", test_priority_and_fifo);
  g_test_add_func ("/core/manager/cancel-pending", test_cancel_pending);
  g_test_add_func ("/core/manager/cancel-running", test_cancel_running);
  g_test_add_func ("/core/manager/cancel-running-worker-result-is-kept", test_cancel_running_returns_result);
  g_test_add_func ("/core/manager/cancel-racing-completion-keeps-result", test_cancel_racing_completion_keeps_result);
  g_test_add_func ("/core/task/finalized-on-main-context", test_task_finalized_on_main_context);
  g_test_add_func ("/core/manager/cancel-before-point-of-no-return", test_cancel_before_point_of_no_return);
  g_test_add_func ("/core/manager/cancel-running-worker-ignores-cancel", test_cancel_worker_ignoring_cancel);
  g_test_add_func ("/core/manager/cancel-all", test_cancel_all);
  g_test_add_func ("/core/manager/cancel-twice", test_cancel_twice);
  g_test_add_func ("/core/manager/cancel-after-completion", test_cancel_after_completion);
  g_test_add_func ("/core/manager/cancel-via-task-cancellable", test_cancel_via_cancellable);
  g_test_add_func ("/core/manager/failure-message", test_failure_message);
  g_test_add_func ("/core/manager/worker-returns-nothing", test_worker_returns_nothing);
  g_test_add_func ("/core/manager/notify-on-main-thread-only", test_notify_on_main_thread_only);
  g_test_add_func ("/core/manager/model-items-changed", test_model_items_changed);
  g_test_add_func ("/core/manager/model-clear-finished-keeps-active", test_model_clear_finished_keeps_active);
  g_test_add_func ("/core/manager/counters-and-fraction", test_counters_and_fraction);
  g_test_add_func ("/core/manager/shutdown-running-within-1s", test_shutdown_running);
  g_test_add_func ("/core/manager/shutdown-worker-ignoring-cancel", test_shutdown_worker_ignoring_cancel);
  g_test_add_func ("/core/manager/dispose-cancels", test_dispose_cancels);
  g_test_add_func ("/core/manager/submit-async", test_submit_async);
  g_test_add_func ("/wait/cancellable-sleep", test_cancellable_sleep);
  g_test_add_func ("/wait/retry-after-hostile-values", test_retry_after_hostile_values);
  g_test_add_func ("/wait/backoff-bounds", test_backoff_bounds);

  return g_test_run ();
}
