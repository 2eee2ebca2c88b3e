/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-export-task"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "model/scraper-posting-json.h"
#include "model/scraper-untrusted.h"
#include "scraper-export-task.h"
#include "store/scraper-store-insights.h"

#define PAGE_SIZE 1000

gboolean
scraper_export_format_from_string (const char          *str,
                                   ScraperExportFormat *format)
{
  if (g_strcmp0 (str, "csv") == 0)
    *format = SCRAPER_EXPORT_CSV;
  else if (g_strcmp0 (str, "json") == 0)
    *format = SCRAPER_EXPORT_JSON;
  else
    return FALSE;
  return TRUE;
}

static const char * const csv_columns[] = {
  "id", "source_id", "source", "external_id", "title", "company", "locations", "country",
  "remote", "employment_type", "salary_min", "salary_max", "currency", "period",
  "annual_min", "annual_max", "date_posted", "valid_through", "url", "apply_url",
  "status", "favorite", "notes", "first_seen", "last_seen", "archived", "seniority",
  "skills", "relevance",
  /* After the columns of the first exports, so that readers by position
   * keep working: the people met about the posting, "; " between them. */
  "contacts",
};

/* RFC 4180: a field with a comma, quote or line break is quoted, and quotes
 * inside are doubled. */
static void
csv_append_field (GString    *line,
                  const char *value,
                  gboolean    first)
{
  if (!first)
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static char *
format_number (double value)
{
  if (isnan (value))
    return NULL;
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup_printf ("%.4g", value);
}

static char *
contacts_text (GPtrArray *contacts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      g_autofree char *one = scraper_contact_to_string (g_ptr_array_index (contacts, i));

      if (*one == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, one);
    }
  return g_string_free (out, FALSE);
}

static void
csv_append_posting (GString              *line,
                    const ScraperPosting *p,
                    GPtrArray            *contacts)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
  g_autofree char *source_id = p->source_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, p->source_id) : NULL;
  g_autofree char *locations = p->locations ? g_strjoinv ("; ", p->locations) : NULL;
  g_autofree char *types = p->employment_type ? g_strjoinv ("; ", p->employment_type) : NULL;
  g_autofree char *smin = format_number (p->salary_min);
  g_autofree char *smax = format_number (p->salary_max);
  g_autofree char *amin = format_number (p->annual_min);
  g_autofree char *amax = format_number (p->annual_max);
  g_autofree char *first_seen = scraper_format_timestamp (p->first_seen);
  g_autofree char *last_seen = scraper_format_timestamp (p->last_seen);
  g_autofree char *skills = p->skills ? g_strjoinv ("; ", p->skills) : NULL;
  g_autofree char *relevance = format_number (p->relevance);
  g_autofree char *people = contacts_text (contacts);
  const char *fields[] = {
    id, source_id, p->source_name, p->external_id, p->title, p->company, locations, p->country,
    scraper_remote_kind_to_string (p->remote), types, smin, smax, p->salary_currency,
    scraper_salary_period_to_string (p->salary_period), amin, amax, p->date_posted,
    p->valid_through, p->url, p->apply_url, scraper_posting_status_to_string (p->status),
    p->favorite ? "true" : "false", p->notes, first_seen, last_seen,
    p->archived ? "true" : "false", p->seniority, skills, relevance, people,
  };

  /* The numbers are ours; every other cell may come from a source, and a
   * spreadsheet runs a cell that starts like a formula. */
  static const gboolean ours[] = {
    TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE,
    TRUE, FALSE, TRUE, TRUE, FALSE, TRUE,
    TRUE, TRUE, FALSE, FALSE, FALSE, FALSE,
    TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, FALSE,
    FALSE, TRUE, FALSE,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (csv_columns));
  G_STATIC_ASSERT (G_N_ELEMENTS (ours) == G_N_ELEMENTS (csv_columns));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *neutral = ours[i] ? NULL : scraper_csv_cell_neutralize (fields[i]);

      csv_append_field (line, ours[i] ? fields[i] : neutral, i == 0);
    }
  g_string_append (line, "\r\n");
}

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* "contacts": [{name, role, email, link, notes}], beside the fields of
 * `list --json`. */
static void
add_contacts_json (JsonObject *object,
                   GPtrArray  *contacts)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      const ScraperContact *c = g_ptr_array_index (contacts, i);
      JsonObject *one = json_object_new ();

      set_string_or_null (one, "name", c->name);
      set_string_or_null (one, "role", c->role);
      set_string_or_null (one, "email", c->email);
      set_string_or_null (one, "link", c->link);
      set_string_or_null (one, "notes", c->notes);
      json_array_add_object_element (array, one);
    }
  json_object_set_array_member (object, "contacts", array);
}

static gboolean
write_string (GOutputStream  *out,
              GString        *str,
              GCancellable   *cancellable,
              GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, str->str, str->len, NULL, cancellable, error);

  g_string_truncate (str, 0);
  return ok;
}

gboolean
scraper_export_write (ScraperStore         *store,
                      ScraperExportFormat   format,
                      GOutputStream        *out,
                      ScraperTask          *task,
                      GCancellable         *cancellable,
                      guint                *n_written,
                      GError              **error)
{
  g_autoptr(GString) buf = g_string_sized_new (64 * 1024);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GHashTable) contacts = NULL;
  ScraperQuery query;
  guint total, written = 0;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  scraper_query_init (&query);
  query.show_archived = TRUE;
  query.include_blocked = TRUE;
  query.sort = SCRAPER_SORT_FIRST_SEEN;
  total = scraper_store_count_postings (store, &query, NULL);
  /* The user's own entries, a few: all at once. */
  if (!(contacts = scraper_store_dup_all_contacts (store, error)))
    return FALSE;

  if (format == SCRAPER_EXPORT_CSV)
    {
      for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
        csv_append_field (buf, csv_columns[i], i == 0);
      g_string_append (buf, "\r\n");
    }
  else
    g_string_append (buf, "[");

  query.limit = PAGE_SIZE;
  for (query.offset = 0; ; query.offset += PAGE_SIZE)
    {
      g_autoptr(GPtrArray) page = scraper_store_query_postings (store, &query, error);

      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          const ScraperPosting *p = g_ptr_array_index (page, i);

          if (format == SCRAPER_EXPORT_CSV)
            csv_append_posting (buf, p, g_hash_table_lookup (contacts, &p->id));
          else
            {
              g_autoptr(JsonNode) node = scraper_posting_to_json (p);
              g_autofree char *text = NULL;

              add_contacts_json (json_node_get_object (node), g_hash_table_lookup (contacts, &p->id));
              json_generator_set_root (generator, node);
              text = json_generator_to_data (generator, NULL);
              g_string_append (buf, written == 0 ? "\n  " : ",\n  ");
              g_string_append (buf, text);
            }
          written++;
        }

      if (!write_string (out, buf, cancellable, error))
        return FALSE;

      if (task != NULL && total > 0)
        {
          g_autofree char *msg = g_strdup_printf (_("Exported %u of %u postings"), written, total);
          scraper_task_report (task, MIN (1.0, (double) written / total), msg);
        }

      if (page->len < PAGE_SIZE)
        break;
    }

  if (format == SCRAPER_EXPORT_JSON)
    g_string_append (buf, written == 0 ? "]\n" : "\n]\n");

  if (!write_string (out, buf, cancellable, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = written;

  return TRUE;
}

typedef struct {
  ScraperStore        *store;
  ScraperExportFormat  format;
  GFile               *file;
} ExportData;

static void
export_data_free (gpointer p)
{
  ExportData *data = p;

  g_clear_object (&data->store);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_task_run (ScraperTask  *task,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);
  GVariantDict dict;
  guint n = 0;

  /* g_file_replace writes a temporary file and renames it over the target
   * on a successful close only. */
  out = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (out == NULL)
    {
      scraper_task_return_error (task, g_error_new (error->domain, error->code,
                                                    _("Could not write %s: %s"), path, error->message));
      return;
    }

  if (!scraper_export_write (data->store, data->format, G_OUTPUT_STREAM (out), task, cancellable, &n, &error) ||
      /* Renaming the file into place is the point of no return (refused
       * once cancelled). */
      (!scraper_task_begin_final (task) && g_cancellable_set_error_if_cancelled (cancellable, &error)) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error))
    {
      /* Closing with a cancelled cancellable drops the temporary file. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      scraper_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "postings", "u", n);
  g_variant_dict_insert (&dict, "path", "s", path != NULL ? path : "");
  scraper_task_return_result (task, g_variant_dict_end (&dict));
}

ScraperTask *
scraper_export_task_new (ScraperStore        *store,
                         ScraperExportFormat  format,
                         GFile               *file)
{
  ExportData *data;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SCRAPER_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (store);
  data->format = format;
  data->file = g_object_ref (file);

  basename = g_file_get_basename (file);
  /* Translators: task title, %s is a file name */
  title = g_strdup_printf (_("Export to %s"), basename);

  return scraper_task_new ("export", title, export_task_run, data, export_data_free);
}
