/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scraper-store.h"

G_BEGIN_DECLS

/* Tracking applications: stage events, reminders, contacts, the blocklist,
 * the previous values of postings' fields, and the statistics and report
 * computed from them. */

/* Parses a time the user gave: ISO 8601 with or without an offset (local
 * time without), or a plain YYYY-MM-DD (midnight, local time).  NULL when
 * @text is none of these. */
GDateTime      *scraper_parse_user_time          (const char    *text);
/* ISO 8601 with its offset, e.g. "2026-01-05T09:30:00+01:00". */
char           *scraper_format_time              (GDateTime     *time);

/* Stage events */
typedef struct {
  gint64                id;
  gint64                posting_id;
  GDateTime            *at;        /* in the offset it was given in */
  ScraperPostingStatus  from;
  ScraperPostingStatus  to;
  char                 *note;      /* NULL when never given */
} ScraperStageEvent;

void            scraper_stage_event_free         (ScraperStageEvent *event);

/* Sets the status of a posting and records the stage event, in one
 * transaction: a crash leaves the old status without the event or the new
 * one with it.  @at (nullable) defaults to now, @note may be NULL.
 * Setting the status a posting already has changes nothing and records
 * nothing.  SCRAPER_STORE_ERROR_NOT_FOUND for an unknown posting. */
gboolean        scraper_store_change_status      (ScraperStore          *self,
                                                  gint64                 posting_id,
                                                  ScraperPostingStatus   status,
                                                  GDateTime             *at,
                                                  const char            *note,
                                                  GError               **error);
/* Oldest first; element type ScraperStageEvent (free func set).
 * SCRAPER_STORE_ERROR_NOT_FOUND for an unknown posting. */
GPtrArray      *scraper_store_list_stage_events  (ScraperStore  *self,
                                                  gint64         posting_id,
                                                  GError       **error);

/* Reminders */
typedef struct {
  gint64     id;
  gint64     posting_id;
  GDateTime *at;
  char      *note;
  gboolean   done;
  char      *title;      /* of the posting, for display */
  char      *company;
} ScraperReminder;

void            scraper_reminder_free            (ScraperReminder *reminder);
gint64          scraper_store_add_reminder       (ScraperStore  *self,
                                                  gint64         posting_id,
                                                  GDateTime     *at,
                                                  const char    *note,
                                                  GError       **error);
/* By time, then id.  With @due_only, those not done whose time is at or
 * before @now (nullable: now). */
GPtrArray      *scraper_store_list_reminders     (ScraperStore  *self,
                                                  gboolean       due_only,
                                                  GDateTime     *now,
                                                  GError       **error);
gboolean        scraper_store_set_reminder_done  (ScraperStore  *self,
                                                  gint64         reminder_id,
                                                  gboolean       done,
                                                  GError       **error);

/* Contacts: people met about a posting. */
typedef struct {
  gint64  id;
  gint64  posting_id;
  char   *name;
  char   *role;
  char   *email;
  char   *link;
  char   *notes;
} ScraperContact;

ScraperContact *scraper_contact_new              (void);
void            scraper_contact_free             (ScraperContact *contact);
/* One line: "Name (Role) <email> link". */
char           *scraper_contact_to_string        (const ScraperContact *contact);
/* Sets contact->id. */
gint64          scraper_store_add_contact        (ScraperStore   *self,
                                                  ScraperContact *contact,
                                                  GError        **error);
gboolean        scraper_store_remove_contact     (ScraperStore   *self,
                                                  gint64          contact_id,
                                                  GError        **error);
/* Writes @contact's fields over the stored contact of the same id. */
gboolean        scraper_store_update_contact     (ScraperStore          *self,
                                                  const ScraperContact  *contact,
                                                  GError               **error);
ScraperContact *scraper_contact_copy             (const ScraperContact *contact);
GPtrArray      *scraper_store_list_contacts      (ScraperStore   *self,
                                                  gint64          posting_id,
                                                  GError        **error);

/* The previous values of a posting's title and salary, newest first (the
 * last ten of each are kept). */
typedef struct {
  char   *field;       /* "title" or "salary" */
  char   *old_value;   /* the title, or a JSON object {min, max, currency, period} */
  gint64  changed;     /* Unix seconds */
} ScraperFieldChange;

void            scraper_field_change_free        (ScraperFieldChange *change);
GPtrArray      *scraper_store_list_field_changes (ScraperStore  *self,
                                                  gint64         posting_id,
                                                  GError       **error);

/* Blocklist: a company block matches a company name whole, a keyword
 * block a whole word (or words) of a title, both ignoring case.  Blocked
 * postings are hidden from queries and counts unless asked for; nothing is
 * deleted. */
typedef enum {
  SCRAPER_BLOCK_COMPANY,
  SCRAPER_BLOCK_KEYWORD,
} ScraperBlockKind;

typedef struct {
  gint64            id;
  ScraperBlockKind  kind;
  char             *value;
} ScraperBlock;

const char     *scraper_block_kind_to_string     (ScraperBlockKind  kind);
gboolean        scraper_block_kind_from_string   (const char       *str,
                                                  ScraperBlockKind *kind);
void            scraper_block_free               (ScraperBlock *block);
/* Whether @block hides a posting of @company titled @title. */
gboolean        scraper_block_matches            (ScraperBlockKind  kind,
                                                  const char       *value,
                                                  const char       *company,
                                                  const char       *title);
/* Returns the id of the new block, or of the same block added before. */
gint64          scraper_store_add_block          (ScraperStore     *self,
                                                  ScraperBlockKind  kind,
                                                  const char       *value,
                                                  GError          **error);
gboolean        scraper_store_remove_block       (ScraperStore     *self,
                                                  gint64            block_id,
                                                  GError          **error);
/* By id; element type ScraperBlock (free func set). */
GPtrArray      *scraper_store_list_blocks        (ScraperStore     *self,
                                                  GError          **error);
/* The ids of blocked postings, as a set of gint64. */
GHashTable     *scraper_store_dup_blocked_ids    (ScraperStore     *self,
                                                  GError          **error);

/* The board of the Applications view: postings with a status other than
 * "new", not blocked, archived ones included. */
typedef struct {
  gint64                posting_id;
  char                 *title;
  char                 *company;
  ScraperPostingStatus  status;
  gint64                since;          /* Unix seconds of the last stage event (or first seen) */
  gint64                next_reminder;  /* Unix seconds of the next reminder not done, 0 = none */
} ScraperBoardCard;

void            scraper_board_card_free          (ScraperBoardCard *card);
/* By status, then the newest change first. */
GPtrArray      *scraper_store_list_board         (ScraperStore     *self,
                                                  GError          **error);

/* Statistics (scraper-store-stats.c) */
typedef struct {
  char  *week;      /* ISO "YYYY-Www" */
  guint  count;
} ScraperWeekCount;

typedef struct {
  gint64  source_id;
  char   *name;
  guint   postings;
  guint   applied;
} ScraperSourceStats;

typedef struct {
  guint      postings_total;
  GPtrArray *new_by_week;       /* ScraperWeekCount, oldest first, weeks with postings only */
  GPtrArray *by_source;         /* ScraperSourceStats, by source id */
  guint      applications[SCRAPER_N_STATUSES];  /* current statuses */
  guint      n_applied;         /* postings with an event to "applied" */
  guint      n_responded;       /* ... that later had a response */
  double     response_rate;     /* n_responded / n_applied, 0 when none applied */
  double     median_days_to_response;  /* NAN when no response */
} ScraperStats;

void            scraper_stats_free               (ScraperStats *stats);
/* @since (nullable): only postings first seen, and events, on or after it. */
ScraperStats   *scraper_store_compute_stats      (ScraperStore  *self,
                                                  GDateTime     *since,
                                                  GError       **error);

/* The report of applications: every posting with a stage event to
 * "applied" or later that has an event in [@from, @to), with all its
 * events and contacts. */
typedef struct {
  ScraperPosting *posting;
  GPtrArray      *events;      /* ScraperStageEvent, oldest first */
  GPtrArray      *contacts;    /* ScraperContact */
} ScraperApplicationRecord;

void            scraper_application_record_free         (ScraperApplicationRecord *application);
/* Ordered by the time of their first event; element type
 * ScraperApplicationRecord (free func set). */
GPtrArray      *scraper_store_list_applications  (ScraperStore  *self,
                                                  GDateTime     *from,
                                                  GDateTime     *to,
                                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperStageEvent, scraper_stage_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperReminder, scraper_reminder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperContact, scraper_contact_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperBlock, scraper_block_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperStats, scraper_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperApplicationRecord, scraper_application_record_free)

G_END_DECLS
