/* itogi-validate.c: the rules every stored text obeys, whichever way it arrives
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store calls this before every write of a text, and the CSV import calls it for each row,
 * so that the window, the import and itogi-cli refuse the same texts with the same words.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-store.h"
#include "itogi-validate.h"

typedef struct
{
  const char *label; /* translated with the context "field" */
  guint max_chars;
  gboolean multiline;
  gboolean required;
} FieldRule;

static const FieldRule rules[ITOGI_TEXT_N_FIELDS] = {
  /* Translators: the fields are the subjects of messages such as “%s can be at most 500
   * characters”; a translation may read «Поле „Название“» if the sentence needs it. */
  [ITOGI_TEXT_TITLE] = { NC_ ("field", "The title"), ITOGI_TITLE_MAX_CHARS, FALSE, TRUE },
  [ITOGI_TEXT_TAB_LABEL] = { NC_ ("field", "The tab label"), ITOGI_TAB_LABEL_MAX_CHARS, FALSE, TRUE },
  [ITOGI_TEXT_NAME] = { NC_ ("field", "The name"), ITOGI_TITLE_MAX_CHARS, FALSE, TRUE },
  [ITOGI_TEXT_SLUG] = { NC_ ("field", "The short name"), ITOGI_SLUG_MAX_CHARS, FALSE, TRUE },
  [ITOGI_TEXT_ICON] = { NC_ ("field", "The icon name"), ITOGI_UNIT_MAX_CHARS, FALSE, FALSE },
  [ITOGI_TEXT_UNIT] = { NC_ ("field", "The unit"), ITOGI_UNIT_MAX_CHARS, FALSE, FALSE },
  [ITOGI_TEXT_WORD_FORM] = { NC_ ("field", "The word form"), ITOGI_UNIT_MAX_CHARS, FALSE, FALSE },
  [ITOGI_TEXT_TASK] = { NC_ ("field", "The task"), ITOGI_TASK_MAX_CHARS, FALSE, TRUE },
  [ITOGI_TEXT_DESCRIPTION] = { NC_ ("field", "The description"), ITOGI_NOTE_MAX_CHARS, TRUE, FALSE },
  [ITOGI_TEXT_NOTE] = { NC_ ("field", "The note"), ITOGI_NOTE_MAX_CHARS, TRUE, FALSE },
};

guint
itogi_text_max_chars (ItogiTextField field)
{
  g_return_val_if_fail (field < ITOGI_TEXT_N_FIELDS, 0);
  return rules[field].max_chars;
}

gboolean
itogi_text_is_multiline (ItogiTextField field)
{
  g_return_val_if_fail (field < ITOGI_TEXT_N_FIELDS, FALSE);
  return rules[field].multiline;
}

/* Characters no stored text may hold: C0 and C1 controls and DEL (g_unichar_iscntrl), and the
 * two code points XML 1.0 excludes, which would make an exported workbook unreadable. */
static gboolean
is_forbidden (gunichar c)
{
  return g_unichar_iscntrl (c) || c == 0xFFFE || c == 0xFFFF;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

char *
itogi_text_validate (ItogiTextField field, const char *text, GError **error)
{
  const FieldRule *rule;
  const char *label;
  g_autoptr (GString) out = NULL;
  glong n_chars, position = 0;

  g_return_val_if_fail (field < ITOGI_TEXT_N_FIELDS, NULL);
  rule = &rules[field];
  label = g_dpgettext2 (GETTEXT_PACKAGE, "field", rule->label);
  if (text == NULL)
    text = "";

  /* Invalid bytes (lone surrogates and overlong forms included) never reach the database. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                   /* Translators: %s is a field, such as “The title” */
                   _ ("%s is not valid text (it is not UTF-8)."), label);
      return NULL;
    }

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > (glong)rule->max_chars)
    {
      g_autofree char *limit = itogi_format_integer (rule->max_chars);
      g_autofree char *actual = itogi_format_integer (n_chars);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                   /* Translators: «Название может быть не длиннее 500 символов (в этом 100 000).»
                    * The first %s is a field, such as “The title”; the others are numbers. */
                   g_dngettext (GETTEXT_PACKAGE, "%s can be at most %s character (this one has %s).",
                                "%s can be at most %s characters (this one has %s).", rule->max_chars),
                   label, limit, actual);
      return NULL;
    }

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      position++;
      if (rule->multiline && c == '\r')
        {
          /* Windows and old Mac line ends become one "\n": CRLF is one break, not two. */
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
          continue;
        }
      if (!rule->multiline && is_line_break (c))
        {
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                       /* Translators: %s is a field, such as “The title” */
                       _ ("%s must be a single line: remove the line break."), label);
          return NULL;
        }
      if (is_forbidden (c) && !(rule->multiline && (c == '\n' || c == '\t')))
        {
          g_autofree char *at = itogi_format_integer (position);
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                       /* Translators: the first %s is a field, such as “The title”; U+%04X is
                        * the character's code; the last %s is its position in the text */
                       _ ("%s contains a character that cannot be saved (U+%04X, character %s): remove it."),
                       label, (guint)c, at);
          return NULL;
        }
      g_string_append_unichar (out, c);
    }

  if (rule->required)
    {
      gboolean blank = TRUE;
      for (const char *p = out->str; *p != '\0' && blank; p = g_utf8_next_char (p))
        blank = g_unichar_isspace (g_utf8_get_char (p));
      if (blank)
        {
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                       /* Translators: %s is a field, such as “The title” */
                       _ ("%s cannot be empty."), label);
          return NULL;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
itogi_text_untab (const char *text)
{
  char *out = g_strdup (text != NULL ? text : "");

  for (char *p = out; *p != '\0'; p++)
    if (*p == '\t')
      *p = ' ';
  return out;
}

char *
itogi_text_excerpt (const char *text, guint max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr (GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (++n > max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, is_forbidden (c) ? 0xFFFD : c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
