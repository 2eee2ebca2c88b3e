/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The schemas of the app's earlier versions, exactly as they wrote them:
 * frozen here so that the migrations are tested against the real old
 * layouts (test-store.c, test-store-applications.c). */

/* Version 1. */
static const char schema_v1[] =
  "CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1, settings TEXT,"
  "  last_run INTEGER NOT NULL DEFAULT 0, last_outcome TEXT, last_error TEXT,"
  "  last_count INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
  "  updated INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE TABLE postings (id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL, sync_key TEXT NOT NULL,"
  "  external_id TEXT, canonical_url TEXT, url TEXT, apply_url TEXT, title TEXT, company TEXT,"
  "  locations TEXT, country TEXT, remote INTEGER NOT NULL DEFAULT 0, employment_type TEXT,"
  "  salary_min REAL, salary_max REAL, salary_currency TEXT,"
  "  salary_period INTEGER NOT NULL DEFAULT 0, annual_min REAL, annual_max REAL,"
  "  date_posted TEXT, valid_through TEXT, direct_apply INTEGER NOT NULL DEFAULT 0,"
  "  seniority TEXT, skills TEXT, relevance REAL, favorite INTEGER NOT NULL DEFAULT 0,"
  "  status INTEGER NOT NULL DEFAULT 0, applied_at INTEGER NOT NULL DEFAULT 0, notes TEXT,"
  "  content_hash TEXT, first_seen INTEGER NOT NULL DEFAULT 0,"
  "  last_seen INTEGER NOT NULL DEFAULT 0, seen_run INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0, description_text TEXT, description_markup TEXT);"
  "CREATE UNIQUE INDEX postings_key ON postings(source_id, sync_key);"
  "CREATE TABLE runs (id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,"
  "  started INTEGER NOT NULL DEFAULT 0, finished INTEGER NOT NULL DEFAULT 0, outcome TEXT,"
  "  found INTEGER NOT NULL DEFAULT 0, inserted INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0, unarchived INTEGER NOT NULL DEFAULT 0, error TEXT);"
  "CREATE INDEX runs_source ON runs(source_id, id);"
  "CREATE TABLE tasks (id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT, state TEXT NOT NULL,"
  "  created INTEGER NOT NULL DEFAULT 0, started INTEGER NOT NULL DEFAULT 0,"
  "  finished INTEGER NOT NULL DEFAULT 0, result TEXT, error TEXT);"
  "PRAGMA user_version = 1;";

/* What version 2 of the app added to version 1. */
static const char schema_v2_delta[] =
  "ALTER TABLE postings ADD COLUMN dup_key TEXT;"
  "ALTER TABLE postings ADD COLUMN duplicate_of INTEGER REFERENCES postings(id) ON DELETE SET NULL;"
  "CREATE INDEX postings_dup_key ON postings(dup_key, source_id) WHERE dup_key IS NOT NULL;"
  "CREATE INDEX postings_duplicate_of ON postings(duplicate_of) WHERE duplicate_of IS NOT NULL;"
  "CREATE INDEX postings_status ON postings(status) WHERE status <> 0;"
  "CREATE VIRTUAL TABLE postings_fts USING fts5(title, company, locations, description_text,"
  "  content='postings', content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  VALUES (new.id, new.title, new.company, new.locations, new.description_text);"
  "END;"
  "CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  VALUES ('delete', old.id, old.title, old.company, old.locations, old.description_text);"
  "END;"
  "CREATE TRIGGER postings_fts_update"
  "  AFTER UPDATE OF title, company, locations, description_text ON postings BEGIN"
  "  INSERT INTO postings_fts(postings_fts, rowid, title, company, locations, description_text)"
  "  VALUES ('delete', old.id, old.title, old.company, old.locations, old.description_text);"
  "  INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
  "  VALUES (new.id, new.title, new.company, new.locations, new.description_text);"
  "END;"
  "PRAGMA user_version = 2;";
