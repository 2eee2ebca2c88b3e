/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "scraper-enrich.h"

G_BEGIN_DECLS

#define SCRAPER_LLM_ERROR (scraper_llm_error_quark ())

/* Everything but INVALID_ANSWER concerns the server (or its address, key or
 * model), so asking about the next posting would fail the same way.
 * Cancellation is G_IO_ERROR_CANCELLED. */
typedef enum {
  SCRAPER_LLM_ERROR_FAILED,
  SCRAPER_LLM_ERROR_INVALID_CONFIG,   /* no http(s) endpoint, no model */
  SCRAPER_LLM_ERROR_CONNECT,          /* refused, unknown host, TLS */
  SCRAPER_LLM_ERROR_UNAUTHORIZED,     /* 401 or 403: the API key */
  SCRAPER_LLM_ERROR_NOT_FOUND,        /* 404: model or endpoint */
  SCRAPER_LLM_ERROR_RATE_LIMITED,     /* 429, still after the retries */
  SCRAPER_LLM_ERROR_SERVER,           /* 5xx (after retries) or another status */
  SCRAPER_LLM_ERROR_TIMEOUT,
  SCRAPER_LLM_ERROR_TOO_LARGE,        /* the response is over 1 MiB */
  SCRAPER_LLM_ERROR_INVALID_ANSWER,   /* per posting: unusable content */
} ScraperLlmError;

GQuark   scraper_llm_error_quark           (void);

/* TRUE for an error that concerns one posting only (an invalid answer):
 * the next posting may be asked. */
gboolean scraper_llm_error_is_per_posting  (const GError *error);

/* The environment variable the API key is read from; it is never stored. */
#define SCRAPER_LLM_API_KEY_ENV "JOB_SCRAPER_LLM_API_KEY"

typedef struct {
  const char *endpoint;          /* base URL, e.g. "http://localhost:11434/v1" */
  const char *model;             /* e.g. "llama3.1" */
  const char *api_key;           /* nullable: no Authorization header */
  guint       timeout_s;         /* connect and idle timeout; 0: 120 */
  guint       max_retries;       /* after 429, 502, 503, 504; 0: 2 */
  guint       max_retry_after_s; /* longest wait between tries; 0: 10 */
} ScraperLlmOptions;

/* A client of an OpenAI-compatible chat completions server (Ollama,
 * llama.cpp's server, LM Studio, vLLM, OpenAI).  Immutable once created, so
 * it may be shared by any number of threads; reference counted atomically.
 * It holds no HTTP session: each thread asks through a ScraperLlmSession
 * of its own. */
typedef struct _ScraperLlm ScraperLlm;

GType        scraper_llm_get_type          (void) G_GNUC_CONST;
#define SCRAPER_TYPE_LLM (scraper_llm_get_type ())

/* Fails with SCRAPER_LLM_ERROR_INVALID_CONFIG when the endpoint is no
 * http(s) URL or the model is empty. */
ScraperLlm  *scraper_llm_new               (const ScraperLlmOptions *options,
                                            GError                 **error);
ScraperLlm  *scraper_llm_ref               (ScraperLlm *self);
void         scraper_llm_unref             (ScraperLlm *self);
const char  *scraper_llm_get_endpoint      (ScraperLlm *self);
const char  *scraper_llm_get_model         (ScraperLlm *self);

/* The HTTP session of one thread (libsoup 3.2: a session is created,
 * configured and used in one thread).  Create it in the worker thread that
 * asks, use it there only, free it there. */
typedef struct _ScraperLlmSession ScraperLlmSession;

ScraperLlmSession *scraper_llm_session_new  (ScraperLlm        *llm);
void               scraper_llm_session_free (ScraperLlmSession *session);

/* Blocking: asks the model about @posting and fills the fields it lacks
 * (salary with its annualized amounts, a remote kind when unknown, a
 * seniority, skills when it has none); never overwrites what it has.
 * Returns what changed (SCRAPER_ENRICH_NONE for nothing, with @error unset).
 * On failure returns SCRAPER_ENRICH_NONE with @error set and leaves
 * @posting alone.  Cancelling @cancellable aborts the request at once. */
ScraperEnrichFlags scraper_llm_session_enrich (ScraperLlmSession  *session,
                                               ScraperPosting     *posting,
                                               GCancellable       *cancellable,
                                               GError            **error);

/* The same through a session made for this one call. */
ScraperEnrichFlags scraper_llm_enrich_sync    (ScraperLlm         *self,
                                               ScraperPosting     *posting,
                                               GCancellable       *cancellable,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperLlm, scraper_llm_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScraperLlmSession, scraper_llm_session_free)

G_END_DECLS
