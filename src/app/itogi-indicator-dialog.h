/* itogi-indicator-dialog.h: an indicator's title, unit, words, kind and sentence
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-dialog.h"
#include "itogi-model.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_INDICATOR_DIALOG (itogi_indicator_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiIndicatorDialog, itogi_indicator_dialog, ITOGI, INDICATOR_DIALOG, ItogiDialog)

/* Stores @indicator as the dialog made it; FALSE with @error when the store refuses. */
typedef gboolean (*ItogiIndicatorSave) (const ItogiIndicator *indicator, gpointer data, GError **error);

/* The dialog's fields, for itogi_indicator_dialog_get_entry. */
typedef enum
{
  ITOGI_INDICATOR_FIELD_TITLE,
  ITOGI_INDICATOR_FIELD_UNIT,
  ITOGI_INDICATOR_FIELD_ONE,  /* the word after 1 */
  ITOGI_INDICATOR_FIELD_FEW,  /* after 2–4 */
  ITOGI_INDICATOR_FIELD_MANY, /* after 5–20 */
  ITOGI_INDICATOR_FIELD_SENTENCE,
  ITOGI_INDICATOR_N_FIELDS
} ItogiIndicatorField;

/* A new indicator (id 0) or an existing one. Saved through @save; then "saved" and closed. @data
 * is released with @destroy when the dialog goes. */
ItogiIndicatorDialog *itogi_indicator_dialog_new (GtkWindow *parent, const ItogiIndicator *indicator,
                                                  ItogiIndicatorSave save, gpointer data,
                                                  GDestroyNotify destroy);
GtkWidget *itogi_indicator_dialog_get_entry (ItogiIndicatorDialog *self, ItogiIndicatorField field);
/* Choose as the user would in the kind, year and growth lists. */
void itogi_indicator_dialog_set_kind (ItogiIndicatorDialog *self, ItogiKind kind);
void itogi_indicator_dialog_set_polarity (ItogiIndicatorDialog *self, ItogiPolarity polarity);

G_END_DECLS
