/* fuzz-number.c: libFuzzer target for the number and qualifier parser
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -fsanitize=fuzzer when meson's 'fuzzing' option is on; otherwise fuzz-replay.c
 * feeds it the checked-in corpus as an ordinary test.
 */
#include "config.h"

#include <stdint.h>

#include "itogi-format.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const struct
  {
    ItogiKind kind;
    guint scale;
  } kinds[] = {
    { ITOGI_KIND_COUNT, 0 }, { ITOGI_KIND_MONEY, 2 }, { ITOGI_KIND_DECIMAL, 1 }, { ITOGI_KIND_PERCENT, 1 },
  };
  g_autofree char *text = g_strndup ((const char *)data, size);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GError) error = NULL;
      gint64 amount = 0;
      ItogiQualifier qualifier = ITOGI_QUALIFIER_EXACT;
      gboolean ok = itogi_parse_value (text, kinds[k].kind, kinds[k].scale, &amount, &qualifier, &error);

      /* Either a figure or a reason, never both, never neither. */
      g_assert_true (ok == (error == NULL));
      if (!ok)
        {
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          continue;
        }
      g_assert_cmpint (amount, <=, ITOGI_AMOUNT_MAX);
      g_assert_cmpint (amount, >=, -ITOGI_AMOUNT_MAX);
      /* What is shown reads back as the same figure. */
      {
        ItogiValue v = { .present = TRUE, .amount = amount, .qualifier = qualifier };
        g_autofree char *shown = itogi_format_value (&v, kinds[k].kind, kinds[k].scale);
        gint64 again = 0;
        ItogiQualifier q2 = ITOGI_QUALIFIER_EXACT;

        g_assert_true (itogi_parse_value (shown, kinds[k].kind, kinds[k].scale, &again, &q2, NULL));
        g_assert_cmpint (again, ==, amount);
        g_assert_cmpint (q2, ==, qualifier);
      }
    }
  return 0;
}
