/* itogi-model.c
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-model.h"

ItogiArea *
itogi_area_new (void)
{
  return g_new0 (ItogiArea, 1);
}

void
itogi_area_free (ItogiArea *area)
{
  if (area == NULL)
    return;
  g_free (area->slug);
  g_free (area->title);
  g_free (area->short_title);
  g_free (area->description);
  g_free (area->icon);
  g_free (area);
}

ItogiArea *
itogi_area_copy (const ItogiArea *src)
{
  ItogiArea *area = itogi_area_new ();

  *area = *src;
  area->slug = g_strdup (src->slug);
  area->title = g_strdup (src->title);
  area->short_title = g_strdup (src->short_title);
  area->description = g_strdup (src->description);
  area->icon = g_strdup (src->icon);
  return area;
}

ItogiIndicator *
itogi_indicator_new (void)
{
  return g_new0 (ItogiIndicator, 1);
}

void
itogi_indicator_free (ItogiIndicator *indicator)
{
  if (indicator == NULL)
    return;
  g_free (indicator->slug);
  g_free (indicator->title);
  g_free (indicator->unit);
  for (guint i = 0; i < 3; i++)
    g_free (indicator->forms[i]);
  g_free (indicator->description);
  g_free (indicator->sentence);
  g_free (indicator);
}

ItogiIndicator *
itogi_indicator_copy (const ItogiIndicator *src)
{
  ItogiIndicator *copy = g_new0 (ItogiIndicator, 1);

  *copy = *src;
  copy->slug = g_strdup (src->slug);
  copy->title = g_strdup (src->title);
  copy->unit = g_strdup (src->unit);
  for (guint i = 0; i < 3; i++)
    copy->forms[i] = g_strdup (src->forms[i]);
  copy->forms[3] = NULL;
  copy->description = g_strdup (src->description);
  copy->sentence = g_strdup (src->sentence);
  return copy;
}

void
itogi_institution_free (ItogiInstitution *institution)
{
  if (institution == NULL)
    return;
  g_free (institution->name);
  g_free (institution->note);
  g_free (institution);
}

void
itogi_task_free (ItogiTask *task)
{
  if (task == NULL)
    return;
  g_free (task->text);
  g_free (task);
}

void
itogi_step_free (ItogiStep *step)
{
  if (step == NULL)
    return;
  g_free (step->at);
  g_free (step->who);
  g_free (step->label);
  g_free (step);
}

void
itogi_value_change_free (ItogiValueChange *change)
{
  if (change == NULL)
    return;
  g_free (change->at);
  g_free (change->who);
  g_free (change->label);
  itogi_value_clear (&change->before);
  itogi_value_clear (&change->after);
  g_free (change);
}

void
itogi_change_free (ItogiChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->op);
  g_free (change->old_row);
  g_free (change->new_row);
  g_free (change);
}
