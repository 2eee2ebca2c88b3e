/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/scraper-store.h"

G_BEGIN_DECLS

#define SCRAPER_TYPE_REMINDER_NOTIFIER (scraper_reminder_notifier_get_type ())
G_DECLARE_FINAL_TYPE (ScraperReminderNotifier, scraper_reminder_notifier, SCRAPER, REMINDER_NOTIFIER, GObject)

/* Raises a desktop notification for each due reminder: the posting's
 * title, company and the note, with the buttons "Open" (app.show-posting,
 * the posting id) and "Done" (app.reminder-done, the reminder id).  A
 * reminder is notified once per run of the application, until it is done;
 * the notification's id is "reminder-ID".  A timer wakes it when the next
 * reminder is due (and at least every 15 minutes, for reminders added by
 * another process); nothing runs in between. */
ScraperReminderNotifier *scraper_reminder_notifier_new    (GApplication            *application,
                                                           ScraperStore            *store);
/* Notifies what is due at @now (nullable: now); returns how many. */
guint                    scraper_reminder_notifier_check  (ScraperReminderNotifier *self,
                                                           GDateTime               *now);
/* Marks the reminder done and withdraws its notification. */
gboolean                 scraper_reminder_notifier_done   (ScraperReminderNotifier *self,
                                                           gint64                   reminder_id,
                                                           GError                 **error);

/* Sets the timer again after reminders were added or changed. */
void                     scraper_reminder_notifier_reschedule (ScraperReminderNotifier *self);
/* Seconds the armed timer sleeps, 0 when none is armed. */
guint                    scraper_reminder_notifier_get_sleep  (ScraperReminderNotifier *self);

typedef void (*ScraperNotifySend) (const char    *id,
                                   GNotification *notification,
                                   gpointer       user_data);
/* For tests: notifications go to @send instead of the application. */
void                     scraper_reminder_notifier_set_send_func (ScraperReminderNotifier *self,
                                                                  ScraperNotifySend        send,
                                                                  gpointer                 user_data);

G_END_DECLS
