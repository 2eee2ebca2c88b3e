/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-board-row"

#include "config.h"

#include <glib/gi18n.h>

#include "scrape/scraper-adapter.h"
#include "scrape/scraper-handoff.h"
#include "scraper-board-row.h"
#include "scraper-source-row.h"

/* "Acme" for a board: the company its postings name, else its name on
 * its host. */
char *
scraper_board_display_name (GVariant *board)
{
  const char *company = NULL, *url = NULL, *kind = NULL;

  if (g_variant_lookup (board, "company", "&s", &company) && *company != '\0')
    return g_strdup (company);
  g_variant_lookup (board, "url", "&s", &url);
  g_variant_lookup (board, "kind", "&s", &kind);
  return scraper_adapter_default_name (url != NULL ? url : "", kind);
}

/* One row per board found: its name, where it is, and its first postings
 * (or why it cannot be added). */
char *
scraper_board_describe_found (GVariant *preview)
{
  guint32 found = 0, pages = 0, total = 0;
  gboolean more = FALSE, at_least = FALSE;

  g_variant_lookup (preview, "found", "u", &found);
  g_variant_lookup (preview, "more", "b", &more);
  g_variant_lookup (preview, "at-least", "b", &at_least);
  g_variant_lookup (preview, "pages", "u", &pages);
  g_variant_lookup (preview, "total-estimate", "u", &total);

  if (!more)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting", "%u postings", found), found);
  if (total > found)
    /* Translators: the postings a preview read of how many a site lists: "23 of about 50 postings" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of about %u posting", "%u of about %u postings", total),
                            found, total);
  if (!at_least && pages == 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u posting on the first page",
                                         "%u postings on the first page", found), found);
  if (!at_least && pages > 1)
    /* Translators: "23 postings in the first 25 pages" (%u postings, %u pages) */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u postings in the first %u page",
                                         "%u postings in the first %u pages", pages), found, pages);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at least %u posting", "at least %u postings", found), found);
}

char *
scraper_board_describe_preview (GVariant *summary)
{
  const char *kind = NULL;
  const char *label;
  guint32 found = 0;
  gboolean more = FALSE;

  g_variant_lookup (summary, "kind", "&s", &kind);
  g_variant_lookup (summary, "found", "u", &found);
  g_variant_lookup (summary, "more", "b", &more);
  label = scraper_source_kind_get_label (kind);

  /* Only what is known: how many were read, of how many when the source
   * says, and "at least" only when it is a lower bound. */
  if (more)
    {
      g_autofree char *count = scraper_board_describe_found (summary);

      /* Translators: %s is a number of postings ("23 postings on the first page"), then a kind of source */
      return g_strdup_printf (_("Found %s (%s)"), count, label);
    }
  if (g_strcmp0 (kind, "feed") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Found %u posting in this feed",
                                         "Found %u postings in this feed", found), found);
  if (g_strcmp0 (kind, "jsonld") == 0 || g_strcmp0 (kind, "html") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Found %u posting on this career site",
                                         "Found %u postings on this career site", found), found);
  /* Translators: the last %s is the name of an applicant tracking system, e.g. Greenhouse */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Found %u posting on this %s board",
                                       "Found %u postings on this %s board", found), found, label);
}

GtkWidget *
scraper_board_row_new (GVariant *board)
{
  g_autofree char *name = scraper_board_display_name (board);
  g_autofree char *name_markup = g_markup_escape_text (name, -1);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *subtitle_markup = NULL;
  g_autofree char *short_url = NULL;
  g_autofree const char **titles = NULL;
  const char *vendor = "", *url = "", *error = NULL;
  gboolean readable = FALSE;
  GtkWidget *row = adw_action_row_new ();

  g_variant_lookup (board, "vendor", "&s", &vendor);
  g_variant_lookup (board, "url", "&s", &url);
  g_variant_lookup (board, "readable", "b", &readable);
  g_variant_lookup (board, "preview-error", "&s", &error);
  g_variant_lookup (board, "titles", "^a&s", &titles);
  short_url = scraper_handoff_short_url (url);

  /* Translators: a job board product and its address: "Lever · jobs.lever.co/acme" */
  g_string_append_printf (subtitle, _("%s · %s"), vendor, short_url);
  g_string_append_c (subtitle, '\n');
  if (!readable)
    g_string_append (subtitle, _("This version cannot read this board yet: it will not be added"));
  else if (g_variant_lookup (board, "existing", "x", NULL))
    g_string_append (subtitle, _("Already one of your sources: it will not be added again"));
  else if (error != NULL)
    /* Translators: %s says why reading a job board failed */
    g_string_append_printf (subtitle, _("Reading it failed: %s"), error);
  else
    {
      g_autofree char *count = scraper_board_describe_found (board);

      g_string_append (subtitle, count);
    }
  for (guint i = 0; readable && !g_variant_lookup (board, "existing", "x", NULL) && titles != NULL && titles[i] != NULL; i++)
    g_string_append_printf (subtitle, "\n• %s", titles[i]);

  subtitle_markup = g_markup_escape_text (subtitle->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str,
                                  -1);
  if (!readable || error != NULL || g_variant_lookup (board, "existing", "x", NULL))
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}
