/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "scraper-store-applications.h"
#include "scraper-store-applications-private.h"

/* Stage events, reminders, contacts and the previous values of postings'
 * fields.  The sync never writes these tables: archiving, changing or
 * bringing back a posting leaves them as they are. */

/* Times */

GDateTime *
scraper_parse_user_time (const char *text)
{
  g_autoptr(GTimeZone) local = NULL;
  guint year, month, day;
  char end;

  if (text == NULL || *text == '\0')
    return NULL;

  /* A plain date: its midnight, here. */
  if (strlen (text) == 10 &&
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3 &&
      text[4] == '-' && text[7] == '-')
    {
      if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return NULL;
      return g_date_time_new_local ((int) year, (int) month, (int) day, 0, 0, 0);
    }

  local = g_time_zone_new_local ();
  return g_date_time_new_from_iso8601 (text, local);
}

char *
scraper_format_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Unix seconds and an offset east of UTC in seconds, as stored. */
static GDateTime *
time_from_columns (gint64 at,
                   int    offset)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GTimeZone) zone = NULL;

  if (utc == NULL)
    utc = g_date_time_new_from_unix_utc (0);
  if (offset < -24 * 3600 || offset > 24 * 3600)
    offset = 0;
  zone = g_time_zone_new_offset (offset);
  return g_date_time_to_timezone (utc, zone);
}

static GDateTime *
time_or_now (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : g_date_time_new_now_local ();
}

static void
set_posting_not_found (GError **error,
                       gint64   id)
{
  g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
               _("There is no job with the id %lld."), (long long) id);
}

/* Whether the posting exists; FALSE with @error when not (or on error). */
static gboolean
posting_exists (StoreConn  *conn,
                gint64      posting_id,
                int        *status,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = store_conn_prepare (conn, "SELECT status FROM postings WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, posting_id);
  if (!store_step_row (conn, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      set_posting_not_found (error, posting_id);
      return FALSE;
    }
  if (status != NULL)
    *status = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* A connection, once posting @posting_id is known to exist. */
static StoreConn *
conn_for_posting (ScraperStore  *self,
                  gint64         posting_id,
                  GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;

  if (!(conn = store_conn_get (self, error)) ||
      !posting_exists (conn, posting_id, NULL, error))
    return NULL;
  return g_steal_pointer (&conn);
}

/* The rows @sql selects for posting @posting_id (its ?1), each made by
 * @func. */
static GPtrArray *
posting_rows (StoreConn        *conn,
              const char       *sql,
              gint64            posting_id,
              StoreRowNewFunc   func,
              GDestroyNotify    free_func,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = store_conn_prepare (conn, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, posting_id);
  return store_collect_rows (conn, stmt, func, free_func, error);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Stage events */

void
scraper_stage_event_free (ScraperStageEvent *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->at, g_date_time_unref);
  g_free (event->note);
  g_free (event);
}

static ScraperPostingStatus
status_from_column (sqlite3_stmt *stmt,
                    int           column)
{
  return (ScraperPostingStatus) CLAMP (sqlite3_column_int (stmt, column), 0, SCRAPER_N_STATUSES - 1);
}

gboolean
scraper_store_change_status (ScraperStore          *self,
                             gint64                 posting_id,
                             ScraperPostingStatus   status,
                             GDateTime             *at,
                             const char            *note,
                             GError               **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(GDateTime) when = NULL;
  sqlite3_stmt *stmt;
  int old_status = 0;
  gint64 seconds;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if ((guint) status >= SCRAPER_N_STATUSES)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("%d is not a status of a job."), (int) status);
      return FALSE;
    }

  when = time_or_now (at);
  seconds = g_date_time_to_unix (when);

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return FALSE;

  if (!posting_exists (conn, posting_id, &old_status, error))
    goto fail;
  if (old_status == (int) status)
    {
      store_conn_rollback (conn);
      return TRUE;
    }

  /* The first move to "applied" records when, as before events. */
  stmt = store_conn_prepare (conn,
                             "UPDATE postings SET status = ?2, applied_at = CASE "
                             "WHEN ?2 = 2 AND applied_at = 0 THEN ?3 ELSE applied_at END "
                             "WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, posting_id);
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_int64 (stmt, 3, seconds);
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  stmt = store_conn_prepare (conn,
                             "INSERT INTO stage_events (posting_id, at, at_offset, "
                             "from_status, to_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, posting_id);
  sqlite3_bind_int64 (stmt, 2, seconds);
  sqlite3_bind_int (stmt, 3, (int) (g_date_time_get_utc_offset (when) / G_USEC_PER_SEC));
  sqlite3_bind_int (stmt, 4, old_status);
  sqlite3_bind_int (stmt, 5, status);
  store_bind_text (stmt, 6, nonempty (note));
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);

  return store_conn_commit (conn, error);

fail:
  store_conn_rollback (conn);
  return FALSE;
}

#define SQL_EVENT_COLUMNS "id, posting_id, at, at_offset, from_status, to_status, note"

static gpointer
event_from_stmt (sqlite3_stmt *stmt)
{
  ScraperStageEvent *event = g_new0 (ScraperStageEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->posting_id = sqlite3_column_int64 (stmt, 1);
  event->at = time_from_columns (sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3));
  event->from = status_from_column (stmt, 4);
  event->to = status_from_column (stmt, 5);
  event->note = store_column_dup (stmt, 6);
  return event;
}

/* The events of one posting, on @conn. */
GPtrArray *
store_list_stage_events (StoreConn  *conn,
                         gint64      posting_id,
                         GError    **error)
{
  return posting_rows (conn, "SELECT " SQL_EVENT_COLUMNS " FROM stage_events "
                       "WHERE posting_id = ?1 ORDER BY at, id", posting_id,
                       event_from_stmt, (GDestroyNotify) scraper_stage_event_free, error);
}

GPtrArray *
scraper_store_list_stage_events (ScraperStore  *self,
                                 gint64         posting_id,
                                 GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = conn_for_posting (self, posting_id, error)))
    return NULL;
  return store_list_stage_events (conn, posting_id, error);
}

/* Reminders */

void
scraper_reminder_free (ScraperReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_clear_pointer (&reminder->at, g_date_time_unref);
  g_free (reminder->note);
  g_free (reminder->title);
  g_free (reminder->company);
  g_free (reminder);
}

gint64
scraper_store_add_reminder (ScraperStore  *self,
                            gint64         posting_id,
                            GDateTime     *at,
                            const char    *note,
                            GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(GDateTime) when = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);

  when = time_or_now (at);

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return 0;
  if (!posting_exists (conn, posting_id, NULL, error))
    goto fail;

  stmt = store_conn_prepare (conn,
                             "INSERT INTO reminders (posting_id, at, at_offset, note, created) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, posting_id);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (when));
  sqlite3_bind_int (stmt, 3, (int) (g_date_time_get_utc_offset (when) / G_USEC_PER_SEC));
  store_bind_text (stmt, 4, nonempty (note));
  sqlite3_bind_int64 (stmt, 5, store_now_seconds ());
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);
  id = sqlite3_last_insert_rowid (conn->db);

  if (!store_conn_commit (conn, error))
    return 0;
  return id;

fail:
  store_conn_rollback (conn);
  return 0;
}

static gpointer
reminder_from_stmt (sqlite3_stmt *stmt)
{
  ScraperReminder *reminder = g_new0 (ScraperReminder, 1);

  reminder->id = sqlite3_column_int64 (stmt, 0);
  reminder->posting_id = sqlite3_column_int64 (stmt, 1);
  reminder->at = time_from_columns (sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3));
  reminder->note = store_column_dup (stmt, 4);
  reminder->done = sqlite3_column_int (stmt, 5) != 0;
  reminder->title = store_column_dup (stmt, 6);
  reminder->company = store_column_dup (stmt, 7);
  return reminder;
}

GPtrArray *
scraper_store_list_reminders (ScraperStore  *self,
                              gboolean       due_only,
                              GDateTime     *now,
                              GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "SELECT r.id, r.posting_id, r.at, r.at_offset, r.note, r.done, "
                                   "p.title, p.company FROM reminders r "
                                   "JOIN postings p ON p.id = r.posting_id "
                                   "WHERE ?1 IS NULL OR (r.done = 0 AND r.at <= ?1) "
                                   "ORDER BY r.at, r.id", error)))
    return NULL;

  if (due_only)
    sqlite3_bind_int64 (stmt, 1, now != NULL ? g_date_time_to_unix (now) : store_now_seconds ());

  return store_collect_rows (conn, stmt, reminder_from_stmt,
                             (GDestroyNotify) scraper_reminder_free, error);
}

gboolean
scraper_store_set_reminder_done (ScraperStore  *self,
                                 gint64         reminder_id,
                                 gboolean       done,
                                 GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "UPDATE reminders SET done = ?2 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reminder_id);
  sqlite3_bind_int (stmt, 2, done ? 1 : 0);
  if (!store_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no reminder with the id %lld."), (long long) reminder_id);
      return FALSE;
    }
  return TRUE;
}

/* Contacts */

ScraperContact *
scraper_contact_new (void)
{
  return g_new0 (ScraperContact, 1);
}

void
scraper_contact_free (ScraperContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->name);
  g_free (contact->role);
  g_free (contact->email);
  g_free (contact->link);
  g_free (contact->notes);
  g_free (contact);
}

char *
scraper_contact_to_string (const ScraperContact *contact)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (contact != NULL, NULL);

  if (nonempty (contact->name))
    g_string_append (out, contact->name);
  if (nonempty (contact->role))
    g_string_append_printf (out, "%s(%s)", out->len > 0 ? " " : "", contact->role);
  if (nonempty (contact->email))
    g_string_append_printf (out, "%s<%s>", out->len > 0 ? " " : "", contact->email);
  if (nonempty (contact->link))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", contact->link);

  return g_string_free (out, FALSE);
}

gint64
scraper_store_add_contact (ScraperStore    *self,
                           ScraperContact  *contact,
                           GError         **error)
{
  g_autoptr(StoreConn) conn = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), 0);
  g_return_val_if_fail (contact != NULL, 0);

  if (!nonempty (contact->name) && !nonempty (contact->email) && !nonempty (contact->link))
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("A contact needs a name, an email address or a link."));
      return 0;
    }

  if (!(conn = store_conn_get (self, error)) || !store_conn_begin (conn, error))
    return 0;
  if (!posting_exists (conn, contact->posting_id, NULL, error))
    goto fail;

  stmt = store_conn_prepare (conn,
                             "INSERT INTO contacts (posting_id, name, role, email, link, notes, created) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contact->posting_id);
  store_bind_text (stmt, 2, nonempty (contact->name));
  store_bind_text (stmt, 3, nonempty (contact->role));
  store_bind_text (stmt, 4, nonempty (contact->email));
  store_bind_text (stmt, 5, nonempty (contact->link));
  store_bind_text (stmt, 6, nonempty (contact->notes));
  sqlite3_bind_int64 (stmt, 7, store_now_seconds ());
  if (!store_step_done (conn, stmt, error))
    goto fail;
  store_stmt_reset (stmt);
  contact->id = sqlite3_last_insert_rowid (conn->db);

  if (!store_conn_commit (conn, error))
    return 0;
  return contact->id;

fail:
  store_conn_rollback (conn);
  return 0;
}

gboolean
scraper_store_remove_contact (ScraperStore  *self,
                              gint64         contact_id,
                              GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);

  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn, "DELETE FROM contacts WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!store_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no contact with the id %lld."), (long long) contact_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
scraper_store_update_contact (ScraperStore          *self,
                              const ScraperContact  *contact,
                              GError               **error)
{
  g_autoptr(StoreConn) conn = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!nonempty (contact->name) && !nonempty (contact->email) && !nonempty (contact->link))
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_INVALID,
                   _("A contact needs a name, an email address or a link."));
      return FALSE;
    }
  if (!(conn = store_conn_get (self, error)) ||
      !(stmt = store_conn_prepare (conn,
                                   "UPDATE contacts SET name = ?2, role = ?3, email = ?4, link = ?5, notes = ?6 "
                                   "WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact->id);
  store_bind_text (stmt, 2, nonempty (contact->name));
  store_bind_text (stmt, 3, nonempty (contact->role));
  store_bind_text (stmt, 4, nonempty (contact->email));
  store_bind_text (stmt, 5, nonempty (contact->link));
  store_bind_text (stmt, 6, nonempty (contact->notes));
  if (!store_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, SCRAPER_STORE_ERROR, SCRAPER_STORE_ERROR_NOT_FOUND,
                   _("There is no contact with the id %lld."), (long long) contact->id);
      return FALSE;
    }
  return TRUE;
}

ScraperContact *
scraper_contact_copy (const ScraperContact *contact)
{
  ScraperContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = scraper_contact_new ();
  copy->id = contact->id;
  copy->posting_id = contact->posting_id;
  copy->name = g_strdup (contact->name);
  copy->role = g_strdup (contact->role);
  copy->email = g_strdup (contact->email);
  copy->link = g_strdup (contact->link);
  copy->notes = g_strdup (contact->notes);
  return copy;
}

gpointer
store_contact_from_stmt (sqlite3_stmt *stmt)
{
  ScraperContact *contact = scraper_contact_new ();

  contact->id = sqlite3_column_int64 (stmt, 0);
  contact->posting_id = sqlite3_column_int64 (stmt, 1);
  contact->name = store_column_dup (stmt, 2);
  contact->role = store_column_dup (stmt, 3);
  contact->email = store_column_dup (stmt, 4);
  contact->link = store_column_dup (stmt, 5);
  contact->notes = store_column_dup (stmt, 6);
  return contact;
}

GPtrArray *
store_list_contacts (StoreConn  *conn,
                     gint64      posting_id,
                     GError    **error)
{
  return posting_rows (conn, "SELECT " STORE_CONTACT_COLUMNS " "
                       "FROM contacts WHERE posting_id = ?1 ORDER BY id", posting_id,
                       store_contact_from_stmt, (GDestroyNotify) scraper_contact_free, error);
}

GPtrArray *
scraper_store_list_contacts (ScraperStore  *self,
                             gint64         posting_id,
                             GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = conn_for_posting (self, posting_id, error)))
    return NULL;
  return store_list_contacts (conn, posting_id, error);
}

/* Previous values */

void
scraper_field_change_free (ScraperFieldChange *change)
{
  if (change == NULL)
    return;
  g_free (change->field);
  g_free (change->old_value);
  g_free (change);
}

static gpointer
field_change_from_stmt (sqlite3_stmt *stmt)
{
  ScraperFieldChange *change = g_new0 (ScraperFieldChange, 1);

  change->field = store_column_dup (stmt, 0);
  change->old_value = store_column_dup (stmt, 1);
  change->changed = sqlite3_column_int64 (stmt, 2);
  return change;
}

GPtrArray *
scraper_store_list_field_changes (ScraperStore  *self,
                                  gint64         posting_id,
                                  GError       **error)
{
  g_autoptr(StoreConn) conn = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  if (!(conn = conn_for_posting (self, posting_id, error)))
    return NULL;
  return posting_rows (conn, "SELECT field, old_value, changed FROM posting_changes "
                       "WHERE posting_id = ?1 ORDER BY id DESC", posting_id,
                       field_change_from_stmt, (GDestroyNotify) scraper_field_change_free, error);
}

/* The board */

void
scraper_board_card_free (ScraperBoardCard *card)
{
  if (card == NULL)
    return;
  g_free (card->title);
  g_free (card->company);
  g_free (card);
}

static gpointer
board_card_from_stmt (sqlite3_stmt *stmt)
{
  ScraperBoardCard *card = g_new0 (ScraperBoardCard, 1);

  card->posting_id = sqlite3_column_int64 (stmt, 0);
  card->title = store_column_dup (stmt, 1);
  card->company = store_column_dup (stmt, 2);
  card->status = status_from_column (stmt, 3);
  card->since = sqlite3_column_int64 (stmt, 4);
  card->next_reminder = sqlite3_column_int64 (stmt, 5);
  return card;
}

GPtrArray *
scraper_store_list_board (ScraperStore  *self,
                          GError       **error)
{
  g_return_val_if_fail (SCRAPER_IS_STORE (self), NULL);

  return store_collect_query (self,
                              "SELECT b.id, b.title, b.company, b.status, coalesce(b.since, b.first_seen), "
                              "b.reminder FROM (SELECT p.id, p.title, p.company, p.status, p.first_seen, "
                              "(SELECT max(e.at) FROM stage_events e WHERE e.posting_id = p.id) AS since, "
                              "(SELECT min(r.at) FROM reminders r WHERE r.posting_id = p.id AND r.done = 0) "
                              "AS reminder FROM postings p WHERE p.status BETWEEN 1 AND 6 "
                              /* Spelled so that postings_status (archived,
                               * status) WHERE status <> 0 serves it: a
                               * scan of every posting took 2.5 s at a
                               * million (bench/scale).  The store writes
                               * archived as 0 or 1 only. */
                              "AND p.status <> 0 AND p.archived IN (0, 1) "
                              "AND p.id NOT IN (SELECT id FROM blocked_postings)) b "
                              "ORDER BY b.status, 5 DESC, b.id DESC",
                              board_card_from_stmt, (GDestroyNotify) scraper_board_card_free, error);
}
