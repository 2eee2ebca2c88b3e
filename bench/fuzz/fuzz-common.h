/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the libFuzzer harnesses (see bench/fuzz/README.md). */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/scraper-posting.h"
#include "model/scraper-untrusted.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* A finding: printed, then abort() so that libFuzzer saves the input. */
#define FUZZ_CHECK(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "fuzz check failed: %s: ", #cond); \
        fprintf (stderr, __VA_ARGS__); \
        fputc ('\n', stderr); \
        abort (); \
      } \
  } G_STMT_END

/* Warnings and messages about hostile input are expected and would only
 * slow the run down; a critical (a g_return_if_fail) is a bug. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  xmlInitParser ();
}

/* The input as a NUL-terminated string. */
static inline char *
fuzz_strndup (const guint8 *data,
              size_t        size)
{
  return g_strndup ((const char *) data, size);
}

/* Every URL a posting keeps is http(s), and the text is valid UTF-8. */
static inline void
fuzz_check_posting (const ScraperPosting *p)
{
  FUZZ_CHECK (p->url == NULL || scraper_url_is_web (p->url), "url %s", p->url);
  FUZZ_CHECK (p->apply_url == NULL || scraper_url_is_web (p->apply_url), "apply_url %s", p->apply_url);
  FUZZ_CHECK (p->title == NULL || g_utf8_validate (p->title, -1, NULL), "title not UTF-8");
  FUZZ_CHECK (p->company == NULL || g_utf8_validate (p->company, -1, NULL), "company not UTF-8");
  FUZZ_CHECK (p->description_markup == NULL || g_utf8_validate (p->description_markup, -1, NULL),
              "markup not UTF-8");
}

/* @normalize: scraper_posting_normalize, or NULL when the adapter did. */
static inline void
fuzz_check_postings (GPtrArray *postings,
                     void     (*normalize) (ScraperPosting *))
{
  for (guint i = 0; postings != NULL && i < postings->len; i++)
    {
      ScraperPosting *p = g_ptr_array_index (postings, i);

      if (normalize != NULL)
        normalize (p);
      fuzz_check_posting (p);
    }
}
