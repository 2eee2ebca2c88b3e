/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "scraper-posting-object"

#include "config.h"

#include "scraper-posting-object.h"

struct _ScraperPostingObject
{
  GObject         parent_instance;

  ScraperPosting *posting;
};

G_DEFINE_FINAL_TYPE (ScraperPostingObject, scraper_posting_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSTING,
  PROP_FAVORITE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ScraperPostingObject *
scraper_posting_object_new (ScraperPosting *posting)
{
  g_return_val_if_fail (posting != NULL, NULL);

  return g_object_new (SCRAPER_TYPE_POSTING_OBJECT, "posting", posting, NULL);
}

ScraperPosting *
scraper_posting_object_get_posting (ScraperPostingObject *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_OBJECT (self), NULL);
  return self->posting;
}

gint64
scraper_posting_object_get_id (ScraperPostingObject *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_OBJECT (self), 0);
  return self->posting->id;
}

gboolean
scraper_posting_object_get_favorite (ScraperPostingObject *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_OBJECT (self), FALSE);
  return self->posting->favorite;
}

void
scraper_posting_object_set_favorite (ScraperPostingObject *self,
                                     gboolean              favorite)
{
  g_return_if_fail (SCRAPER_IS_POSTING_OBJECT (self));

  favorite = !!favorite;
  if (self->posting->favorite == favorite)
    return;
  self->posting->favorite = favorite;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAVORITE]);
}

ScraperPostingStatus
scraper_posting_object_get_status (ScraperPostingObject *self)
{
  g_return_val_if_fail (SCRAPER_IS_POSTING_OBJECT (self), SCRAPER_STATUS_NEW);
  return self->posting->status;
}

void
scraper_posting_object_set_status (ScraperPostingObject *self,
                                   ScraperPostingStatus  status)
{
  g_return_if_fail (SCRAPER_IS_POSTING_OBJECT (self));

  if (self->posting->status == status)
    return;
  self->posting->status = status;
  /* As the store does: the first time a posting is applied to is kept. */
  if (status == SCRAPER_STATUS_APPLIED && self->posting->applied_at == 0)
    self->posting->applied_at = g_get_real_time () / G_USEC_PER_SEC;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
scraper_posting_object_finalize (GObject *object)
{
  ScraperPostingObject *self = SCRAPER_POSTING_OBJECT (object);

  g_clear_pointer (&self->posting, scraper_posting_unref);

  G_OBJECT_CLASS (scraper_posting_object_parent_class)->finalize (object);
}

static void
scraper_posting_object_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ScraperPostingObject *self = SCRAPER_POSTING_OBJECT (object);

  switch (prop_id)
    {
    case PROP_POSTING:
      g_value_set_boxed (value, self->posting);
      break;
    case PROP_FAVORITE:
      g_value_set_boolean (value, self->posting->favorite);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->posting->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_posting_object_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ScraperPostingObject *self = SCRAPER_POSTING_OBJECT (object);

  switch (prop_id)
    {
    case PROP_POSTING:
      self->posting = g_value_dup_boxed (value);
      if (self->posting == NULL)
        self->posting = scraper_posting_new ();
      break;
    case PROP_FAVORITE:
      scraper_posting_object_set_favorite (self, g_value_get_boolean (value));
      break;
    case PROP_STATUS:
      scraper_posting_object_set_status (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scraper_posting_object_class_init (ScraperPostingObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = scraper_posting_object_finalize;
  object_class->get_property = scraper_posting_object_get_property;
  object_class->set_property = scraper_posting_object_set_property;

  properties[PROP_POSTING] =
    g_param_spec_boxed ("posting", NULL, NULL, SCRAPER_TYPE_POSTING,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAVORITE] =
    g_param_spec_boolean ("favorite", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, SCRAPER_STATUS_NEW, SCRAPER_STATUS_CLOSED, SCRAPER_STATUS_NEW,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
scraper_posting_object_init (ScraperPostingObject *self)
{
}
