/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-posting-json"

#include "config.h"

#include <math.h>

#include "scraper-posting-json.h"

char *
scraper_format_timestamp (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return NULL;
  if (!(dt = g_date_time_new_from_unix_utc (unix_seconds)))
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_timestamp (JsonBuilder *builder,
               const char  *name,
               gint64       value)
{
  g_autofree char *text = scraper_format_timestamp (value);

  add_string_or_null (builder, name, text);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

JsonNode *
scraper_posting_to_json (const ScraperPosting *p)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (p != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, p->id);
  json_builder_set_member_name (builder, "source_id");
  if (p->source_id > 0)
    json_builder_add_int_value (builder, p->source_id);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "source_name", p->source_name);
  add_string_or_null (builder, "external_id", p->external_id);
  add_string_or_null (builder, "url", p->url);
  add_string_or_null (builder, "apply_url", p->apply_url);
  add_string_or_null (builder, "title", p->title);
  add_string_or_null (builder, "company", p->company);
  add_strv (builder, "locations", (const char * const *) p->locations);
  add_string_or_null (builder, "country", p->country);
  add_string_or_null (builder, "remote", scraper_remote_kind_to_string (p->remote));
  add_strv (builder, "employment_type", (const char * const *) p->employment_type);

  json_builder_set_member_name (builder, "salary");
  if (scraper_posting_has_salary (p))
    {
      json_builder_begin_object (builder);
      add_number_or_null (builder, "min", p->salary_min);
      add_number_or_null (builder, "max", p->salary_max);
      add_string_or_null (builder, "currency", p->salary_currency);
      add_string_or_null (builder, "period", scraper_salary_period_to_string (p->salary_period));
      add_number_or_null (builder, "annual_min", p->annual_min);
      add_number_or_null (builder, "annual_max", p->annual_max);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_string_or_null (builder, "date_posted", p->date_posted);
  add_string_or_null (builder, "valid_through", p->valid_through);
  add_string_or_null (builder, "status", scraper_posting_status_to_string (p->status));
  json_builder_set_member_name (builder, "favorite");
  json_builder_add_boolean_value (builder, p->favorite);
  add_string_or_null (builder, "notes", p->notes);
  add_timestamp (builder, "applied_at", p->applied_at);
  add_timestamp (builder, "first_seen", p->first_seen);
  add_timestamp (builder, "last_seen", p->last_seen);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, p->archived);
  add_string_or_null (builder, "seniority", p->seniority);
  add_strv (builder, "skills", (const char * const *) p->skills);
  add_number_or_null (builder, "relevance", p->relevance);
  json_builder_set_member_name (builder, "duplicate_of");
  if (p->duplicate_of > 0)
    json_builder_add_int_value (builder, p->duplicate_of);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "description", p->description_text);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
scraper_source_to_json (const ScraperSource *s)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (s != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, s->id);
  add_string_or_null (builder, "name", s->name);
  add_string_or_null (builder, "url", s->url);
  add_string_or_null (builder, "kind", s->kind);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, s->enabled);
  add_timestamp (builder, "last_run", s->last_run);
  add_string_or_null (builder, "last_outcome", s->last_outcome);
  add_string_or_null (builder, "last_error", s->last_error);
  json_builder_set_member_name (builder, "last_count");
  json_builder_add_int_value (builder, s->last_count);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
