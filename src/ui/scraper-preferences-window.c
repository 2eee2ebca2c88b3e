/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "scraper-preferences-window.h"

struct _ScraperPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSpinButton        *concurrency_spin;
  GtkSpinButton        *delay_spin;
  GtkSpinButton        *connections_spin;
  GtkSpinButton        *timeout_spin;
  AdwEntryRow          *user_agent_row;
  GtkSwitch            *robots_switch;
  AdwComboRow          *interval_row;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *background_switch;
  AdwEntryRow          *keywords_row;
  GtkSwitch            *archived_switch;
  AdwComboRow          *style_row;
  GtkSwitch            *llm_switch;
  AdwActionRow         *llm_endpoint_row;
  GtkEntry             *llm_endpoint_entry;
  AdwActionRow         *llm_model_row;
  GtkEntry             *llm_model_entry;
  AdwActionRow         *llm_max_row;
  GtkSpinButton        *llm_max_spin;
};

G_DEFINE_FINAL_TYPE (ScraperPreferencesWindow, scraper_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
scraper_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SCRAPER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

/* Enum keys are strings in GSettings; combo rows select by position.  The
 * schema lists the nicks in the same order as the rows. */
static gboolean
enum_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  GSettingsSchemaKey *key = user_data;
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) nicks = NULL;
  const char *nick = g_variant_get_string (variant, NULL);
  const char *type;

  g_variant_get (range, "(&sv)", &type, &nicks);
  for (gsize i = 0; i < g_variant_n_children (nicks); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (nicks, i);

      if (g_strcmp0 (g_variant_get_string (child, NULL), nick) == 0)
        {
          g_value_set_uint (value, (guint) i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
position_to_enum (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  GSettingsSchemaKey *key = user_data;
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) nicks = NULL;
  const char *type;
  guint pos = g_value_get_uint (value);

  g_variant_get (range, "(&sv)", &type, &nicks);
  if (pos >= g_variant_n_children (nicks))
    return NULL;

  return g_variant_get_child_value (nicks, pos);
}

/* "profile-keywords" is a list; the row shows it as "rust, gnome, berlin". */
static gboolean
keywords_to_text (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_autofree const char **keywords = g_variant_get_strv (variant, NULL);

  g_value_take_string (value, g_strjoinv (", ", (char **) keywords));
  return TRUE;
}

static void
on_keywords_apply (ScraperPreferencesWindow *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keywords = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  keywords = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "profile-keywords", (const char * const *) keywords);
}

static void
commit_entry (GtkEntry *entry)
{
  GSettings *settings = g_object_get_data (G_OBJECT (entry), "settings");
  const char *key = g_object_get_data (G_OBJECT (entry), "settings-key");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *stored = g_settings_get_string (settings, key);

  if (g_strcmp0 (text, stored) != 0)
    g_settings_set_string (settings, key, text);
}

static void
on_entry_focus_leave (GtkEventControllerFocus *controller)
{
  commit_entry (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
commit_when_done (ScraperPreferencesWindow *self,
                  GtkEntry                 *entry,
                  const char               *key)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data_full (G_OBJECT (entry), "settings", g_object_ref (self->settings), g_object_unref);
  g_object_set_data (G_OBJECT (entry), "settings-key", (gpointer) key);
  g_signal_connect (entry, "activate", G_CALLBACK (commit_entry), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_focus_leave), NULL);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
}

static void
bind_enum_to_combo (ScraperPreferencesWindow *self,
                    const char               *key_name,
                    AdwComboRow              *row)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaKey *key;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, key_name);
  g_settings_bind_with_mapping (self->settings, key_name, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_position, position_to_enum,
                                key, (GDestroyNotify) g_settings_schema_key_unref);
}

static void
scraper_preferences_window_constructed (GObject *object)
{
  ScraperPreferencesWindow *self = SCRAPER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (scraper_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "max-concurrent-tasks", self->concurrency_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "per-host-delay", self->delay_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "connections-per-host", self->connections_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-timeout", self->timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "user-agent", self->user_agent_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "obey-robots", self->robots_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-archived", self->archived_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* Written when applied (Enter or the row's button), not at each key:
   * the list read back would rewrite "rust, " while it is typed. */
  g_settings_bind_with_mapping (self->settings, "profile-keywords", self->keywords_row, "text",
                                G_SETTINGS_BIND_GET, keywords_to_text, NULL, NULL, NULL);
  g_settings_bind (self->settings, "llm-enabled", self->llm_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* Written when done (Enter, or leaving the field), not at each key: a
   * half-typed address would start a run against it. */
  g_settings_bind (self->settings, "llm-endpoint", self->llm_endpoint_entry, "text", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "llm-model", self->llm_model_entry, "text", G_SETTINGS_BIND_GET);
  commit_when_done (self, self->llm_endpoint_entry, "llm-endpoint");
  commit_when_done (self, self->llm_model_entry, "llm-model");
  g_settings_bind (self->settings, "llm-max-postings", self->llm_max_spin, "value", G_SETTINGS_BIND_DEFAULT);
  /* The details matter only while the model is asked. */
  g_settings_bind (self->settings, "llm-enabled", self->llm_endpoint_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "llm-enabled", self->llm_model_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "llm-enabled", self->llm_max_row, "sensitive", G_SETTINGS_BIND_GET);
  bind_enum_to_combo (self, "auto-scrape-interval", self->interval_row);
  bind_enum_to_combo (self, "color-scheme", self->style_row);
}

static void
scraper_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  ScraperPreferencesWindow *self = SCRAPER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_preferences_window_dispose (GObject *object)
{
  ScraperPreferencesWindow *self = SCRAPER_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (scraper_preferences_window_parent_class)->dispose (object);
}

static void
scraper_preferences_window_class_init (ScraperPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = scraper_preferences_window_constructed;
  object_class->set_property = scraper_preferences_window_set_property;
  object_class->dispose = scraper_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, delay_spin);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, connections_spin);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, user_agent_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, robots_switch);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, keywords_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, archived_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_keywords_apply);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_switch);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_endpoint_entry);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_model_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_model_entry);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_max_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperPreferencesWindow, llm_max_spin);
}

static void
scraper_preferences_window_init (ScraperPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
