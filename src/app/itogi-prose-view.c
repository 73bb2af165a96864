/* itogi-prose-view.c: a text view for prose, where Tab moves on as in every other field
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-prose-view.h"
#include "itogi-validate.h"

/* Runs before the buffer's own handler: text with a tab is inserted again without it, in its
 * place, and the original insertion is stopped. The iter ends after the text, as the buffer's
 * own handler would leave it. */
static void
on_insert_text (GtkTextBuffer *buffer, GtkTextIter *location, const char *text, int length, gpointer data)
{
  g_autofree char *untabbed = NULL;
  gsize n = length < 0 ? strlen (text) : (gsize)length;

  if (memchr (text, '\t', n) == NULL)
    return;
  {
    g_autofree char *copy = g_strndup (text, n);
    untabbed = itogi_text_untab (copy);
  }
  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_text_buffer_insert (buffer, location, untabbed, -1);
}

void
itogi_prose_view_setup (GtkTextView *view)
{
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  /* Staff go through the window with Tab: in prose a tab character would only be a stray gap,
   * saved and printed. */
  gtk_text_view_set_accepts_tab (view, FALSE);
  g_signal_connect (gtk_text_view_get_buffer (view), "insert-text", G_CALLBACK (on_insert_text), NULL);
}

GtkWidget *
itogi_prose_view_new (void)
{
  GtkWidget *view = gtk_text_view_new ();

  itogi_prose_view_setup (GTK_TEXT_VIEW (view));
  return view;
}
