/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the user types in the search box: the FTS5 expression built from
 * it is never an error.  FTS5 itself is the oracle, on an in-memory table
 * made as the store makes its index. */
#include "config.h"

#include <sqlite3.h>

#include "fuzz-common.h"
#include "store/scraper-store-private.h"

static sqlite3 *db;
static sqlite3_stmt *stmt;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE VIRTUAL TABLE postings_fts USING fts5("
                    "  title, company, locations, description_text, content='',"
                    "  tokenize='unicode61 remove_diacritics 2');"
                    "INSERT INTO postings_fts(rowid, title, company, locations, description_text)"
                    "  VALUES (1, 'Senior Engineer', 'Acme', 'Berlin', 'Rust and C, AT&T, Ünïcödé');",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rank",
                          -1, &stmt, NULL) != SQLITE_OK)
    abort ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *match = store_build_match_expression (text);
  int rc;

  if (match == NULL)
    return 0;
  FUZZ_CHECK (g_utf8_validate (match, -1, NULL), "expression not UTF-8");
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  FUZZ_CHECK (rc == SQLITE_DONE, "FTS5 refuses “%s” (from “%s”): %s", match, text, sqlite3_errmsg (db));
  return 0;
}
