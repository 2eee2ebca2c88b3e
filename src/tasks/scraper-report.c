/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "scraper-report.h"

ScraperReportPaper
scraper_report_default_paper (void)
{
#ifdef _NL_PAPER_WIDTH
  /* glibc: the width in millimetres of the locale's paper. */
  union { char *string; unsigned int word; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return SCRAPER_REPORT_PAPER_LETTER;
#endif
  return SCRAPER_REPORT_PAPER_A4;
}

gboolean
scraper_report_paper_from_string (const char         *str,
                                  ScraperReportPaper *paper)
{
  if (g_ascii_strcasecmp (str, "a4") == 0)
    *paper = SCRAPER_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (str, "letter") == 0)
    *paper = SCRAPER_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

static const char *
posting_link (const ScraperPosting *p)
{
  return p->url != NULL ? p->url : p->apply_url;
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

/* CSV */

static void
csv_field (GString    *line,
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
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

char *
scraper_report_to_csv (GPtrArray *applications)
{
  static const char * const header[] = {
    "company", "title", "source", "link", "date", "from", "to", "note", "contacts",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_field (out, header[i], i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < applications->len; i++)
    {
      const ScraperApplicationRecord *a = g_ptr_array_index (applications, i);
      g_autofree char *contacts = contacts_text (a->contacts);

      for (guint j = 0; j < a->events->len; j++)
        {
          const ScraperStageEvent *e = g_ptr_array_index (a->events, j);
          g_autofree char *at = scraper_format_time (e->at);
          const char *fields[] = {
            a->posting->company, a->posting->title, a->posting->source_name,
            posting_link (a->posting), at, scraper_posting_status_to_string (e->from),
            scraper_posting_status_to_string (e->to), e->note, contacts,
          };

          G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (header));
          for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
            csv_field (out, fields[k], k == 0);
          g_string_append (out, "\r\n");
        }
    }

  return g_string_free (out, FALSE);
}

/* Written to a temporary file in the same folder and renamed over @file. */
static gboolean
write_atomically (GFile         *file,
                  const char    *data,
                  gsize          len,
                  GError       **error)
{
  return g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

gboolean
scraper_report_write_csv (GPtrArray  *applications,
                          GFile      *file,
                          GError    **error)
{
  g_autofree char *csv = scraper_report_to_csv (applications);

  return write_atomically (file, csv, strlen (csv), error);
}

/* PDF: points on paper, 2 cm margins, text by Pango. */

#define MARGIN 56.7
#define FOOTER 24.0

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       width;
  double       height;
  double       y;
  int          page;    /* 1-based, the page being laid out */
  int          only;    /* the page to draw (0-based), or -1 for all */
} Pdf;

/* Whether the page being laid out is drawn. */
static gboolean
pdf_drawing (const Pdf *pdf)
{
  return pdf->only < 0 || pdf->only == pdf->page - 1;
}

static void
pdf_footer (Pdf *pdf)
{
  g_autofree char *text = g_strdup_printf (_("Page %d"), pdf->page);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans 8");
  int w, h;

  pango_layout_set_font_description (pdf->layout, desc);
  pango_layout_set_width (pdf->layout, -1);
  pango_layout_set_text (pdf->layout, text, -1);
  pango_layout_get_pixel_size (pdf->layout, &w, &h);
  if (pdf_drawing (pdf))
    {
      cairo_move_to (pdf->cr, (pdf->width - w) / 2, pdf->height - MARGIN + FOOTER - h);
      pango_cairo_show_layout (pdf->cr, pdf->layout);
    }
  pango_font_description_free (desc);
}

static void
pdf_new_page (Pdf *pdf)
{
  pdf_footer (pdf);
  /* A print operation starts each page itself. */
  if (pdf->only < 0)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

/* One paragraph at the current line, on a new page when it does not fit. */
static void
pdf_paragraph (Pdf        *pdf,
               const char *text,
               double      size,
               gboolean    bold,
               double      indent,
               double      space_after)
{
  PangoFontDescription *desc = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (desc, "Sans");
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pdf->layout, desc);
  pango_font_description_free (desc);

  pango_layout_set_width (pdf->layout, (int) ((pdf->width - 2 * MARGIN - indent) * PANGO_SCALE));
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (pdf->layout, text != NULL ? text : "", -1);
  pango_layout_get_pixel_size (pdf->layout, &w, &h);

  if (pdf->y + h > pdf->height - MARGIN && pdf->y > MARGIN)
    pdf_new_page (pdf);

  if (pdf_drawing (pdf))
    {
      cairo_move_to (pdf->cr, MARGIN + indent, pdf->y);
      pango_cairo_show_layout (pdf->cr, pdf->layout);
    }
  pdf->y += h + space_after;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
format_day (GDateTime *time)
{
  /* Translators: a date in the report, see strftime(3); e.g. "%d.%m.%Y" */
  return g_date_time_format (time, _("%Y-%m-%d"));
}

static void
pdf_application (Pdf                      *pdf,
                 const ScraperApplicationRecord *a)
{
  g_autofree char *heading = NULL;
  g_autofree char *contacts = contacts_text (a->contacts);
  const ScraperPosting *p = a->posting;

  heading = p->company != NULL
    /* Translators: a job's title and company, as a heading */
    ? g_strdup_printf (_("%s — %s"), p->title != NULL ? p->title : _("Untitled job"), p->company)
    : g_strdup (p->title != NULL ? p->title : _("Untitled job"));
  pdf_paragraph (pdf, heading, 12, TRUE, 0, 2);

  if (p->source_name != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Found on: %s"), p->source_name);
      pdf_paragraph (pdf, text, 9, FALSE, 12, 1);
    }
  if (posting_link (p) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Link: %s"), posting_link (p));
      pdf_paragraph (pdf, text, 9, FALSE, 12, 1);
    }
  if (*contacts != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Contacts: %s"), contacts);
      pdf_paragraph (pdf, text, 9, FALSE, 12, 1);
    }

  for (guint i = 0; i < a->events->len; i++)
    {
      const ScraperStageEvent *e = g_ptr_array_index (a->events, i);
      g_autofree char *day = format_day (e->at);
      g_autofree char *line = NULL;

      /* Translators: a stage event in the report: date, old status, new status */
      line = g_strdup_printf (_("%s: %s → %s"), day, scraper_posting_status_get_label (e->from),
                              scraper_posting_status_get_label (e->to));
      if (e->note != NULL)
        {
          g_autofree char *with_note = g_strdup_printf ("%s (%s)", line, e->note);
          g_free (line);
          line = g_steal_pointer (&with_note);
        }
      pdf_paragraph (pdf, line, 10, FALSE, 12, 1);
    }
  pdf->y += 10;
}

int
scraper_report_draw (GPtrArray  *applications,
                     GDateTime  *from,
                     GDateTime  *to,
                     cairo_t    *cr,
                     double      width,
                     double      height,
                     int         page)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from_day = format_day (from);
  g_autofree char *to_day = format_day (to);
  g_autofree char *today = format_day (now);
  g_autofree char *period = NULL;
  g_autofree char *made = NULL;
  g_autofree char *count = NULL;
  Pdf pdf = { NULL, };

  g_return_val_if_fail (applications != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  pdf.cr = cr;
  pdf.width = width;
  pdf.height = height;
  pdf.y = MARGIN;
  pdf.page = 1;
  pdf.only = page;
  pdf.layout = pango_cairo_create_layout (cr);
  /* Layout sizes in points, the unit of the PDF and of the print. */
  pango_cairo_context_set_resolution (pango_layout_get_context (pdf.layout), 72);
  pango_layout_context_changed (pdf.layout);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  period = g_strdup_printf (_("From %s to %s"), from_day, to_day);
  made = g_strdup_printf (_("Made on %s with Job Scraper"), today);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u application", "%u applications",
                                        applications->len), applications->len);

  pdf_paragraph (&pdf, _("Applications"), 20, TRUE, 0, 4);
  pdf_paragraph (&pdf, period, 11, FALSE, 0, 2);
  pdf_paragraph (&pdf, count, 11, FALSE, 0, 2);
  pdf_paragraph (&pdf, made, 9, FALSE, 0, 16);

  if (applications->len == 0)
    pdf_paragraph (&pdf, _("No application in this period."), 11, FALSE, 0, 0);
  for (guint i = 0; i < applications->len; i++)
    pdf_application (&pdf, g_ptr_array_index (applications, i));

  pdf_footer (&pdf);
  cairo_restore (cr);
  g_object_unref (pdf.layout);
  return pdf.page;
}

void
scraper_report_paper_size (ScraperReportPaper  paper,
                           double             *width,
                           double             *height)
{
  *width = paper == SCRAPER_REPORT_PAPER_LETTER ? 612.0 : 595.276;
  *height = paper == SCRAPER_REPORT_PAPER_LETTER ? 792.0 : 841.89;
}

GBytes *
scraper_report_to_pdf (GPtrArray           *applications,
                       GDateTime           *from,
                       GDateTime           *to,
                       ScraperReportPaper   paper,
                       GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  scraper_report_paper_size (paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Applications"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Job Scraper");
  cr = cairo_create (surface);
  scraper_report_draw (applications, from, to, cr, width, height, -1);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
scraper_report_write_pdf (GPtrArray           *applications,
                          GDateTime           *from,
                          GDateTime           *to,
                          ScraperReportPaper   paper,
                          GFile               *file,
                          GError             **error)
{
  g_autoptr(GBytes) pdf = scraper_report_to_pdf (applications, from, to, paper, error);

  if (pdf == NULL)
    return FALSE;
  return write_atomically (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}
