/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-add-source-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "scrape/scraper-adapter.h"
#include "tasks/scraper-preview-task.h"
#include "scraper-add-source-dialog-private.h"
#include "scraper-add-source-boards.h"
#include "scraper-board-row.h"
#include "scraper-a11y.h"
#include "scraper-find-company-dialog.h"
#include "scraper-source-row.h"

#define DETECT_DEBOUNCE_MS  500
#define DEFAULT_MAX_PAGES   5000  /* as the command line and the adapters */

G_DEFINE_FINAL_TYPE (ScraperAddSourceDialog, scraper_add_source_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SOURCE,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const selector_names[] = { "item", "title", "link", "location", "next", NULL };
#define N_SELECTORS (G_N_ELEMENTS (selector_names) - 1)

static AdwEntryRow *
selector_row (ScraperAddSourceDialog *self,
              guint                   i)
{
  AdwEntryRow *rows[] = { self->item_row, self->title_row, self->link_row, self->location_row, self->next_row };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == N_SELECTORS);
  g_assert (i < G_N_ELEMENTS (rows));
  return rows[i];
}


StoreCall *
scraper_add_source_store_call_new (ScraperAddSourceDialog *self)
{
  StoreCall *call = g_new0 (StoreCall, 1);

  call->self = g_object_ref (self);
  return call;
}

void
scraper_add_source_store_call_free (StoreCall *call)
{
  g_object_unref (call->self);
  g_free (call->url);
  g_clear_pointer (&call->source, scraper_source_unref);
  g_free (call);
}

/* Main thread */

const char *
scraper_add_source_dialog_selected_kind (ScraperAddSourceDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->kind_ids->len)
    return "auto";
  return g_ptr_array_index (self->kind_ids, selected);
}

static const char *
effective_kind (ScraperAddSourceDialog *self)
{
  const char *kind = scraper_add_source_dialog_selected_kind (self);

  if (!g_str_equal (kind, "auto"))
    return kind;
  if (self->detected_kind != NULL &&
      g_strcmp0 (self->detected_url, gtk_editable_get_text (GTK_EDITABLE (self->url_row))) == 0)
    return self->detected_kind;
  return NULL;
}

/* The URL typed leads to job boards (a careers page that hands off to
 * them, a posting on one): adding adds them. */
static gboolean
has_boards (ScraperAddSourceDialog *self)
{
  return self->detected_boards != NULL && self->source == NULL &&
         g_str_equal (scraper_add_source_dialog_selected_kind (self), "auto") &&
         g_strcmp0 (self->detected_url, gtk_editable_get_text (GTK_EDITABLE (self->url_row))) == 0;
}

static gboolean
is_busy (ScraperAddSourceDialog *self)
{
  return self->debounce_id != 0 || self->detect_cancellable != NULL || self->saving;
}

void
scraper_add_source_dialog_update_actions (ScraperAddSourceDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  gboolean can_save;

  if (has_boards (self))
    {
      can_save = self->url_valid && self->n_readable > 0 && (self->n_readable > 1 || *stripped != '\0');
      if (self->n_readable > 1)
        {
          /* Translators: the button that adds every job board found */
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Source", "_Add %u Sources",
                                                                 self->n_readable), self->n_readable);

          gtk_button_set_label (self->save_button, label);
        }
      else
        gtk_button_set_label (self->save_button, _("_Add"));
      /* Several boards are named after their companies. */
      gtk_widget_set_visible (GTK_WIDGET (self->name_row), self->n_readable <= 1);
    }
  else
    {
      can_save = self->url_valid && effective_kind (self) != NULL && *stripped != '\0';
      gtk_button_set_label (self->save_button, self->source != NULL ? _("_Save") : _("_Add"));
      gtk_widget_set_visible (GTK_WIDGET (self->name_row), TRUE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", can_save && !self->saving);
}

void
scraper_add_source_dialog_set_busy (ScraperAddSourceDialog *self,
          gboolean                busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_detection (ScraperAddSourceDialog *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->detect_cancellable != NULL)
    {
      g_cancellable_cancel (self->detect_cancellable);
      g_clear_object (&self->detect_cancellable);
    }
  self->detect_serial++;
}

static char *
build_settings (ScraperAddSourceDialog *self,
                gboolean                for_save);

static gboolean
start_detection (gpointer user_data)
{
  ScraperAddSourceDialog *self = user_data;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *kind = scraper_add_source_dialog_selected_kind (self);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(ScraperTask) task = NULL;
  g_autofree char *title = NULL;
  DetectCall *call;

  self->debounce_id = 0;
  if (!self->url_valid || self->context == NULL)
    {
      scraper_add_source_dialog_set_busy (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  {
    g_autofree char *settings = build_settings (self, FALSE);

    /* Translators: %s is a host name */
    title = g_strdup_printf (_("Preview “%s”"), uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url);
    task = scraper_preview_task_new (scraper_context_get_fetcher (self->context), url,
                                     g_str_equal (kind, "auto") ? NULL : kind, settings, title);
  }

  self->detect_cancellable = g_cancellable_new ();
  call = g_new0 (DetectCall, 1);
  call->self = g_object_ref (self);
  call->task = g_object_ref (task);
  call->serial = self->detect_serial;
  call->url = g_strdup (url);

  scraper_add_source_dialog_set_preview (self, _("Looking for postings…"), NULL, FALSE);
  scraper_add_source_dialog_set_busy (self, TRUE);
  scraper_task_manager_submit_async (scraper_context_get_task_manager (self->context), task,
                                     SCRAPER_TASK_PRIORITY_USER, self->detect_cancellable,
                                     scraper_add_source_preview_done, call);

  return G_SOURCE_REMOVE;
}

static void
schedule_detection (ScraperAddSourceDialog *self)
{
  cancel_detection (self);
  if (!self->url_valid)
    {
      scraper_add_source_dialog_set_busy (self, FALSE);
      return;
    }
  self->debounce_id = g_timeout_add (DETECT_DEBOUNCE_MS, start_detection, self);
  scraper_add_source_dialog_set_busy (self, TRUE);
}

/* Returns NULL for a URL that can be scraped, else why not. */
static char *
check_url (const char  *text,
           char       **host)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  *host = NULL;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  /* GUri takes "exa mple.com" for a host. */
  if (uri == NULL || strpbrk (text, " \t\r\n") != NULL)
    {
      if (strstr (text, "://") == NULL)
        return g_strdup (_("Enter a web address that starts with http:// or https://"));
      return g_strdup (_("This is not a valid web address"));
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return g_strdup_printf (_("Only http:// and https:// addresses can be scraped, not %s:"), scheme);

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (_("The web address has no host name"));

  *host = g_strdup (g_uri_get_host (uri));
  return NULL;
}

static void
on_url_changed (ScraperAddSourceDialog *self,
                GtkEditable            *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *host = NULL;
  g_autofree char *problem = NULL;

  if (*stripped != '\0')
    problem = check_url (stripped, &host);

  self->url_valid = *stripped != '\0' && problem == NULL && g_str_equal (stripped, text);
  if (*stripped != '\0' && problem == NULL && !self->url_valid)
    problem = g_strdup (_("Remove the spaces around the web address"));

  gtk_label_set_label (self->url_error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->url_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem != NULL ? problem : "",
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);

  /* The name follows the address (the board's name, or the host) until
   * the user types one; the preview may find a better one. */
  if (!self->name_edited && host != NULL)
    {
      g_autofree char *name = scraper_adapter_default_name (stripped, NULL);

      self->setting_name = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      self->setting_name = FALSE;
    }

  scraper_add_source_dialog_set_preview (self, NULL, NULL, FALSE);
  schedule_detection (self);
  scraper_add_source_dialog_update_actions (self);
}

static void
on_name_changed (ScraperAddSourceDialog *self,
                 GtkEditable            *editable)
{
  if (!self->setting_name)
    self->name_edited = *gtk_editable_get_text (editable) != '\0';
  scraper_add_source_dialog_update_actions (self);
}

static void
on_kind_selected (ScraperAddSourceDialog *self,
                  GParamSpec             *pspec,
                  AdwComboRow            *row)
{
  gboolean is_html = g_str_equal (scraper_add_source_dialog_selected_kind (self), "html");

  for (guint i = 0; i < N_SELECTORS; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (selector_row (self, i)), is_html);

  if (self->kind_ids == NULL)
    return;

  /* A new kind deserves a new preview. */
  if (self->url_valid)
    schedule_detection (self);
  scraper_add_source_dialog_update_actions (self);
}

static void
on_entry_activated (ScraperAddSourceDialog *self,
                    AdwEntryRow            *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.save", NULL);
}

/* The source's settings JSON, keeping keys this dialog does not know. */
static char *
build_settings (ScraperAddSourceDialog *self,
                gboolean                for_save)
{
  char *selectors[N_SELECTORS + 1] = { NULL, };
  char *settings;

  for (guint i = 0; i < N_SELECTORS; i++)
    selectors[i] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (selector_row (self, i)))));
  settings = scraper_add_source_build_settings (self->source != NULL ? self->source->settings : NULL,
                                                g_str_equal (scraper_add_source_dialog_selected_kind (self), "html"),
                                                gtk_spin_button_get_value_as_int (self->max_pages_spin),
                                                gtk_switch_get_active (self->robots_switch),
                                                selector_names, (const char * const *) selectors, for_save);
  for (guint i = 0; i < N_SELECTORS; i++)
    g_free (selectors[i]);
  return settings;
}

static void
on_boards_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoreCall *call = user_data;
  ScraperAddSourceDialog *self = call->self;
  g_autoptr(GError) error = NULL;

  g_autoptr(GArray) ids = scraper_add_source_boards_add_finish (SCRAPER_STORE (object), result, &error);

  self->saving = FALSE;
  /* Those added are said, whether the dialog is still open or not. */
  for (guint i = 0; i < ids->len; i++)
    g_signal_emit (self, signals[SAVED], 0, g_array_index (ids, gint64, i));
  if (self->context == NULL)
    {
      if (error != NULL)
        g_warning ("Could not save the source: %s", error->message);
      scraper_add_source_store_call_free (call);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the source: %s"), error->message);

      scraper_add_source_dialog_set_preview (self, text, NULL, TRUE);
    }
  if (error == NULL)
    {
      cancel_detection (self);
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    scraper_add_source_dialog_update_actions (self);
  scraper_add_source_store_call_free (call);
}

/* Adds every board found that this build reads, in one click. */
static void
save_boards (ScraperAddSourceDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *settings = build_settings (self, TRUE);

  self->saving = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  scraper_add_source_dialog_update_actions (self);
  scraper_add_source_boards_add_async (scraper_context_get_store (self->context), self->detected_boards,
                                       name, settings, on_boards_added, scraper_add_source_store_call_new (self));
}

static gboolean
save_in_store (ScraperStore  *store,
               gpointer       data,
               GError       **error)
{
  StoreCall *call = data;

  if (call->source->id > 0)
    {
      call->id = call->source->id;
      return scraper_store_update_source (store, call->source, error);
    }
  call->id = scraper_store_add_source (store, call->source, error);
  return call->id > 0;
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  StoreCall *call = user_data;
  ScraperAddSourceDialog *self = call->self;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!scraper_store_write_finish (SCRAPER_STORE (object), result, &error) && self->context == NULL)
    {
      /* Closed meanwhile: nobody to tell. */
      g_warning ("Could not save the source: %s", error->message);
      scraper_add_source_store_call_free (call);
      return;
    }
  if (self->context == NULL)
    {
      /* Closed meanwhile: the source was written all the same. */
      g_signal_emit (self, signals[SAVED], 0, call->id);
      scraper_add_source_store_call_free (call);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the source: %s"), error->message);

      scraper_add_source_dialog_set_preview (self, text, NULL, TRUE);
      scraper_add_source_dialog_update_actions (self);
    }
  else
    {
      cancel_detection (self);
      g_signal_emit (self, signals[SAVED], 0, call->id);
      gtk_window_close (GTK_WINDOW (self));
    }
  scraper_add_source_store_call_free (call);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ScraperAddSourceDialog *self = SCRAPER_ADD_SOURCE_DIALOG (widget);
  g_autoptr(ScraperSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *kind = effective_kind (self);

  if (self->saving)
    return;
  if (self->url_valid && has_boards (self) && self->n_readable > 0)
    {
      save_boards (self);
      return;
    }
  if (!self->url_valid || kind == NULL || *name == '\0')
    return;

  source = self->source != NULL ? scraper_source_copy (self->source) : scraper_source_new ();
  g_free (source->name);
  source->name = g_steal_pointer (&name);
  g_free (source->url);
  source->url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_free (source->kind);
  source->kind = g_strdup (kind);
  g_free (source->settings);
  source->settings = build_settings (self, TRUE);

  /* Selectors that cannot work are said now, not at the first scrape. */
  if (!scraper_adapter_check_settings (source, &error))
    {
      scraper_add_source_dialog_set_preview (self, error->message, NULL, TRUE);
      return;
    }

  /* Written on the store's thread; the dialog closes when it is done,
   * and says why if it could not be. */
  if (self->source == NULL)
    {
      source->id = 0;
      source->enabled = TRUE;
    }
  {
    StoreCall *call = scraper_add_source_store_call_new (self);

    call->source = g_steal_pointer (&source);
    self->saving = TRUE;
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    scraper_add_source_dialog_update_actions (self);
    scraper_store_write_async (scraper_context_get_store (self->context), save_in_store, call, NULL,
                               NULL, on_saved, call);
  }
}

static void
load_source (ScraperAddSourceDialog *self)
{
  ScraperSource *source = self->source;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Source"));
  gtk_button_set_label (self->save_button, _("_Save"));

  for (guint i = 0; i < self->kind_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->kind_ids, i), source->kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);

  for (guint i = 0; i < N_SELECTORS; i++)
    {
      g_autofree char *value = scraper_source_dup_selector (source, selector_names[i]);

      gtk_editable_set_text (GTK_EDITABLE (selector_row (self, i)), value != NULL ? value : "");
    }
  gtk_spin_button_set_value (self->max_pages_spin,
                             scraper_source_get_setting_int (source, "max_pages", DEFAULT_MAX_PAGES));
  gtk_switch_set_active (self->robots_switch,
                         scraper_source_get_setting_boolean (source, "obey_robots", TRUE));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), source->name);
  self->name_edited = TRUE;
  /* Last: this validates and starts the preview. */
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), source->url);
}

gboolean
scraper_add_source_dialog_get_busy (ScraperAddSourceDialog *self)
{
  g_return_val_if_fail (SCRAPER_IS_ADD_SOURCE_DIALOG (self), FALSE);
  return is_busy (self);
}

ScraperAddSourceDialog *
scraper_add_source_dialog_new (GtkWindow      *parent,
                               ScraperContext *context,
                               ScraperSource  *source)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SCRAPER_IS_CONTEXT (context), NULL);

  return g_object_new (SCRAPER_TYPE_ADD_SOURCE_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "source", source,
                       NULL);
}

static void
scraper_add_source_dialog_constructed (GObject *object)
{
  ScraperAddSourceDialog *self = SCRAPER_ADD_SOURCE_DIALOG (object);

  G_OBJECT_CLASS (scraper_add_source_dialog_parent_class)->constructed (object);

  if (self->source != NULL)
    load_source (self);
  scraper_add_source_dialog_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static gboolean
scraper_add_source_dialog_close_request (GtkWindow *window)
{
  /* A closed dialog must not leave its preview running. */
  cancel_detection (SCRAPER_ADD_SOURCE_DIALOG (window));

  return GTK_WINDOW_CLASS (scraper_add_source_dialog_parent_class)->close_request (window);
}

static void
scraper_add_source_dialog_dispose (GObject *object)
{
  ScraperAddSourceDialog *self = SCRAPER_ADD_SOURCE_DIALOG (object);

  cancel_detection (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCRAPER_TYPE_ADD_SOURCE_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->source, scraper_source_unref);
  g_clear_object (&self->kinds_model);

  G_OBJECT_CLASS (scraper_add_source_dialog_parent_class)->dispose (object);
}

static void
scraper_add_source_dialog_finalize (GObject *object)
{
  ScraperAddSourceDialog *self = SCRAPER_ADD_SOURCE_DIALOG (object);

  g_clear_pointer (&self->kind_ids, g_ptr_array_unref);
  g_free (self->detected_kind);
  g_free (self->detected_url);
  g_clear_pointer (&self->detected_boards, g_variant_unref);

  G_OBJECT_CLASS (scraper_add_source_dialog_parent_class)->finalize (object);
}

static void
scraper_add_source_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ScraperAddSourceDialog *self = SCRAPER_ADD_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SOURCE:
      g_value_set_boxed (value, self->source);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_add_source_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ScraperAddSourceDialog *self = SCRAPER_ADD_SOURCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
find_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  scraper_find_company_dialog_open (GTK_WINDOW (widget), SCRAPER_ADD_SOURCE_DIALOG (widget)->context);
}

static void
scraper_add_source_dialog_class_init (ScraperAddSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = scraper_add_source_dialog_constructed;
  object_class->dispose = scraper_add_source_dialog_dispose;
  object_class->finalize = scraper_add_source_dialog_finalize;
  object_class->get_property = scraper_add_source_dialog_get_property;
  object_class->set_property = scraper_add_source_dialog_set_property;
  window_class->close_request = scraper_add_source_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SCRAPER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_boxed ("source", NULL, NULL, SCRAPER_TYPE_SOURCE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScraperAddSourceDialog::saved:
   * @id: the id of the source added or updated
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/JobScraper/ui/scraper-add-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, preview_titles_label);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, boards_list);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, item_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, next_row);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, max_pages_spin);
  gtk_widget_class_bind_template_child (widget_class, ScraperAddSourceDialog, robots_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.find-company", NULL, find_company_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
scraper_add_source_dialog_init (ScraperAddSourceDialog *self)
{
  const char * const *kinds = scraper_source_get_kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));
  scraper_a11y_fix_names (GTK_WIDGET (self));

  self->kinds_model = gtk_string_list_new (NULL);
  self->kind_ids = g_ptr_array_new ();
  gtk_string_list_append (self->kinds_model, scraper_source_kind_get_label ("auto"));
  g_ptr_array_add (self->kind_ids, (gpointer) "auto");
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (self->kinds_model, scraper_source_kind_get_label (kinds[i]));
      g_ptr_array_add (self->kind_ids, (gpointer) kinds[i]);
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->kinds_model));
  adw_combo_row_set_selected (self->kind_row, 0);
  on_kind_selected (self, NULL, self->kind_row);
}
