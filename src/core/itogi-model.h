/* itogi-model.h: plain records read from the store
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *slug;
  char *title;       /* shown on the page */
  char *short_title; /* the tab label */
  char *description; /* the report's fuller wording */
  char *icon;        /* a symbolic icon name, or "" */
  int position;
  gboolean archived;
} ItogiArea;

typedef struct
{
  gint64 id;
  gint64 area_id;
  char *slug;
  char *title;
  char *unit;
  char *forms[4]; /* one, few, many, NULL: «обращение», «обращения», «обращений» */
  ItogiKind kind;
  guint scale;
  ItogiAggregation aggregation;
  ItogiPolarity polarity;
  int position;
  char *description;
  gboolean archived;
  /* The report sentence's template (see itogi-narrative.c), or NULL for the default one. */
  char *sentence;
} ItogiIndicator;

typedef struct
{
  gint64 id;
  gint64 area_id;
  char *name;
  char *note; /* what the report says of it for the year, or NULL */
  int position;
} ItogiInstitution;

/* A task for the coming year («предстоящие задачи на 2024 год»). */
typedef struct
{
  gint64 id;
  gint64 area_id;
  int year;
  int position;
  char *text;
  gboolean done;
} ItogiTask;

typedef struct
{
  gint64 id;
  char *at;  /* ISO 8601, UTC */
  char *who; /* the system user */
  char *label;
  gint64 undoes; /* the step this one undid, or 0 */
  guint changes;
} ItogiStep;

typedef struct
{
  gint64 step;
  char *table;
  char *op;      /* insert, update, delete */
  char *old_row; /* JSON of the row before, or NULL */
  char *new_row; /* JSON of the row after, or NULL */
} ItogiChange;

/* One change of one figure, as the history of an indicator lists it. */
typedef struct
{
  char *at; /* of its step: ISO 8601, UTC */
  char *who;
  char *label;
  int year;
  ItogiPeriodType period;
  int period_index;
  ItogiValue before; /* not present: the figure was added */
  ItogiValue after;  /* not present: the figure was removed */
} ItogiValueChange;

void itogi_step_free (ItogiStep *step);
void itogi_value_change_free (ItogiValueChange *change);
void itogi_change_free (ItogiChange *change);

ItogiArea *itogi_area_new (void);
void itogi_area_free (ItogiArea *area);
ItogiArea *itogi_area_copy (const ItogiArea *area);
ItogiIndicator *itogi_indicator_new (void);
void itogi_indicator_free (ItogiIndicator *indicator);
ItogiIndicator *itogi_indicator_copy (const ItogiIndicator *indicator);
void itogi_institution_free (ItogiInstitution *institution);
void itogi_task_free (ItogiTask *task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiArea, itogi_area_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiIndicator, itogi_indicator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiInstitution, itogi_institution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiTask, itogi_task_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItogiValue, itogi_value_clear)

G_END_DECLS
