/* itogi-validate.h: the rules every stored text obeys, whichever way it arrives
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of text the store keeps. Each has a limit in characters (code points) and is either
 * one line (no control characters at all) or several (line breaks and tabs allowed). */
typedef enum
{
  ITOGI_TEXT_TITLE,     /* an area's or an indicator's title: one line */
  ITOGI_TEXT_TAB_LABEL, /* an area's short title (its tab and sheet): one line */
  ITOGI_TEXT_NAME,      /* an institution's name: one line */
  ITOGI_TEXT_SLUG,      /* an area's or indicator's short name in files: one line */
  ITOGI_TEXT_ICON,      /* an icon name: one line, may be empty */
  ITOGI_TEXT_UNIT,      /* an indicator's unit: one line, may be empty */
  ITOGI_TEXT_WORD_FORM, /* one of an indicator's word forms («обращения»): one line, may be empty */
  ITOGI_TEXT_TASK,      /* a task for the coming year: one line */
  ITOGI_TEXT_DESCRIPTION, /* an area's or indicator's description: several lines, may be empty */
  ITOGI_TEXT_NOTE,        /* notes of an area, an institution or a figure: several lines, may be empty */
  ITOGI_TEXT_N_FIELDS
} ItogiTextField;

/* The limits, in characters. A note must fit in one Excel cell (32 767 UTF-16 units) even when
 * the notes of both years of a figure share one cell and every character needs two units. */
#define ITOGI_TITLE_MAX_CHARS 500
#define ITOGI_TAB_LABEL_MAX_CHARS 100
#define ITOGI_SLUG_MAX_CHARS 64
#define ITOGI_UNIT_MAX_CHARS 100
#define ITOGI_TASK_MAX_CHARS 2000
#define ITOGI_NOTE_MAX_CHARS 8000

guint itogi_text_max_chars (ItogiTextField field);
gboolean itogi_text_is_multiline (ItogiTextField field);

/* Check @text (NULL is "") against the rules of @field and return it as it is to be stored:
 * valid UTF-8; in one-line fields no control character at all (nor U+2028/U+2029); in
 * multi-line fields only line breaks and tabs, with "\r\n" and a lone "\r" made "\n"; never
 * U+FFFE or U+FFFF (XML, and so Excel, cannot hold them); not empty where a text is required;
 * within the limit. NULL with ITOGI_STORE_ERROR_INVALID and a plain message naming the field
 * otherwise. */
char *itogi_text_validate (ItogiTextField field, const char *text, GError **error);

/* @text (NULL is "") with each tab made one space: the report's prose never holds a tab, which
 * would only be a stray gap where the user pressed Tab or pasted from a table. */
char *itogi_text_untab (const char *text);

/* @text made fit to quote in a message: valid UTF-8, control characters shown as «�», at most
 * @max_chars characters (then «…»). A 100 000-character field must not become the message. */
char *itogi_text_excerpt (const char *text, guint max_chars);

G_END_DECLS
