/* itogi-narrative.c: the annual report written out: Russian sentences made from the data
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SENTENCE TEMPLATES
 *
 * Each indicator's sentence is a template (ItogiIndicator.sentence): Russian text with parts in
 * braces, filled from the figure of the year, the figure of the comparison year and the indicator.
 *
 *   {число}           the figure as the report writes it: «22 808», «более 8 тысяч», «порядка 340»,
 *                     «779 тыс. руб. (779 054,51 руб.)» (see format_figure)
 *   {сравнение}       «(2022 г. – 23 142)»; nothing when the comparison year has no figure
 *   {изменение}       «меньше, чем в 2022 году, на 1,7 %», «в 2,4 раза меньше, чем в 2022 году»;
 *                     nothing when no honest change can be stated (see format_change)
 *   {сущ}             the indicator's own noun (its forms one;few;many) in the form the figure needs
 *   {год}             «2023 года», the genitive: «в течение {год}», «по итогам {год}»
 *   {году}            «2023 году», the prepositional: «в {году}»
 *   {отчётный год}    «2023», and {год сравнения} «2022», for any other case: «за {отчётный год} год»
 *   {название}        the indicator's title, as typed
 *   {a|b|c}           word forms chosen by the figure, for the verbs and adjectives around it:
 *   {a|b|c|d}           a after 1, 21, 101 (one); b after 2–4, 22 (few); c after 0, 5–20, 11–14,
 *                       25 (many). d, which may be left out, is the genitive singular: it follows a
 *                       qualified figure ending in 1 («более 21 письменного обращения») and a
 *                       fraction («1,5 проверки»); without d these take b. Any other qualified
 *                       figure, and a figure in words («более 8 тысяч»), takes c.
 *                       «{поступил|поступило|поступило}», «{проведена|проведены|проведено|проведено}»,
 *                       «{письменное|письменных|письменных|письменного}». A form may be empty.
 *   {?…}              an optional part, left out whole when a placeholder in it has nothing to say:
 *                     «{? Это {изменение}.}»
 *   {:}               a shared lead: «Было зарегистрировано{:} исходящих документов – {число}
 *                     {сравнение}.» Alone it reads «Было зарегистрировано: исходящих документов –
 *                     3 997 (2022 г. – 4 829).»; indicators in a row whose leads are the same are
 *                     written as one list, as the report writes them:
 *                       «Было зарегистрировано:
 *                        – индивидуальных поручений … – 1 079 (2022 г. – 1 064);
 *                        – исходящих документов – 3 997 (2022 г. – 4 829).»
 *   {и}               a shared subject: «Юристы Городской Управы{и} подали {число} …». Alone it is
 *                     nothing; indicators in a row whose text before it is the same make one
 *                     sentence: «Юристы Городской Управы подали … и приняли участие в …»
 *                   Only the first {:} or {и} of a template counts.
 *
 * Braces are the syntax only; the text cannot contain them. A placeholder (or optional part)
 * that comes out empty takes the space before it along when a space or punctuation follows, so
 * «поступило {число} {сравнение} обращений» reads right with or without a comparison.
 *
 * The default sentence, for an indicator without a template, is
 *   «{название}: {число} {сравнение}{?; это {изменение}}.»
 * which states the figures and nothing more.
 *
 * The generated text is Russian data (the office's report), not user-interface text: its words
 * are UTF-8 literals here and are not translated. The error messages about templates are UI text
 * and are.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-narrative.h"
#include "itogi-table.h"
#include "itogi-validate.h"
#include "itogi-yoy.h"

G_DEFINE_QUARK (itogi - narrative - error - quark, itogi_narrative_error)

/* Report text (Russian data, not UI). The en dash of «(2022 г. – 23 142)» has a no-break space
 * on either side: it never starts a line, and the figure never starts one without it. */
#define DEFAULT_TEMPLATE "{название}: {число} {сравнение}{?; это {изменение}}."
#define COMPARISON_DASH ITOGI_NBSP "\u2013" ITOGI_NBSP
#define PARTIAL_NOTE "по неполным данным"

/* ---- agreement ---- */

/* What a figure asks of the words after it. */
typedef enum
{
  AGREE_ONE, /* «1 письменное обращение поступило» */
  AGREE_FEW, /* «2 письменных обращения» */
  AGREE_MANY, /* «5 письменных обращений», «более 8 тысяч обращений» */
  AGREE_GENITIVE_ONE, /* «более 21 письменного обращения», «1,5 проверки» */
} Agreement;

static Agreement
agreement_of_number (guint64 whole, gboolean fraction, gboolean qualified)
{
  guint category;

  /* A fraction governs the genitive singular, with or without a qualifier. */
  if (fraction)
    return AGREE_GENITIVE_ONE;
  category = itogi_plural_category (whole);
  /* «более», «свыше», «порядка», «около», «менее» govern the genitive: singular after a figure
   * ending in 1, plural otherwise («более 21 обращения», «более 22 обращений»). */
  if (qualified)
    return category == 0 ? AGREE_GENITIVE_ONE : AGREE_MANY;
  return category == 0 ? AGREE_ONE : category == 1 ? AGREE_FEW : AGREE_MANY;
}

/* The index of the form for @agreement among @n_forms (3 or 4). */
static guint
form_index (Agreement agreement, guint n_forms)
{
  switch (agreement)
    {
    case AGREE_ONE:
      return 0;
    case AGREE_FEW:
      return 1;
    case AGREE_GENITIVE_ONE:
      /* Nouns have the genitive singular among the three forms already (the few form); only
       * adjectives and participles need a fourth. */
      return n_forms >= 4 ? 3 : 1;
    case AGREE_MANY:
    default:
      return 2;
    }
}

/* ---- numbers ---- */

static guint64
pow10u (guint n)
{
  guint64 r = 1;

  while (n-- > 0)
    r *= 10;
  return r;
}

/* @n / @d rounded: half away from zero (@direction 0), down (−1) or up (+1); all positive. */
static guint64
divide_rounded (guint64 n, guint64 d, int direction)
{
  guint64 q = n / d, r = n % d;

  if (r == 0)
    return q;
  if (direction < 0)
    return q;
  if (direction > 0)
    return q + 1;
  return r * 2 >= d ? q + 1 : q;
}

/* How a qualified figure may be rounded and stay true: a lower bound («более 779 654») only
 * down («более 779 тыс.»), an upper bound only up, an approximate or exact one to the nearest. */
static int
rounding_for (ItogiQualifier qualifier)
{
  if (itogi_qualifier_is_lower_bound (qualifier))
    return -1;
  if (itogi_qualifier_is_upper_bound (qualifier))
    return 1;
  return 0;
}

/* «119,6», «8», «1 000,5»: @tenths tenths, without «,0». */
static char *
format_tenths (guint64 tenths)
{
  if (tenths % 10 == 0)
    return itogi_format_integer ((gint64)(tenths / 10));
  return itogi_format_fixed ((gint64)tenths, 1);
}

typedef struct
{
  guint64 unit;     /* the figure in this unit, to one decimal */
  const char *gen1; /* the genitive singular, after a qualifier and a figure ending in 1, or a fraction */
  const char *gen2; /* the genitive plural */
} WordScale;

/* A qualified figure is always followed by the genitive, so only these two forms occur. */
static const WordScale word_scales[] = {
  { G_GUINT64_CONSTANT (1000000000), "миллиарда", "миллиардов" },
  { 1000000, "миллиона", "миллионов" },
  { 1000, "тысячи", "тысяч" },
};

/* A qualified round figure in words, as the report writes one: «более 8 тысяч», «свыше 6 тысяч»,
 * «более 5,6 тысячи». The rule: a figure with a qualifier, of at least a thousand, that is a whole
 * number of tenths of a thousand (of a million, a milliard) is written with that word, since an
 * approximate or bounding figure was rounded that way by whoever wrote it; exact figures, and
 * qualified ones that are not round («порядка 340», «более 1 234»), keep their digits. The noun
 * after the word is then in the genitive plural («более 8 тысяч обращений»). */
static char *
format_in_words (const char *qualifier_word, guint64 whole)
{
  for (gsize i = 0; i < G_N_ELEMENTS (word_scales); i++)
    {
      const WordScale *s = &word_scales[i];
      g_autofree char *number = NULL;
      guint64 tenths;

      if (whole < s->unit || whole % (s->unit / 10) != 0)
        continue;
      tenths = whole / (s->unit / 10);
      number = format_tenths (tenths);
      return g_strconcat (qualifier_word, ITOGI_NBSP, number, ITOGI_NBSP,
                          tenths % 10 != 0 || itogi_plural_category (tenths / 10) == 0 ? s->gen1 : s->gen2,
                          NULL);
    }
  return NULL;
}

/* «779 054,51», «779 054»: rubles with kopecks only where there are some. */
static char *
format_rubles_exact (guint64 kopecks)
{
  if (kopecks % 100 == 0)
    return itogi_format_integer ((gint64)(kopecks / 100));
  return itogi_format_fixed ((gint64)kopecks, 2);
}

/* Money as the report writes it. The rule: under ten thousand rubles the exact sum («1 500,50
 * руб.»: rounding it to «2 тыс.» would lose a quarter of it); under a million, whole thousands
 * («779 тыс. руб.»); under a milliard, millions to one decimal («119,6 млн руб.»); above,
 * milliards to one decimal. A sum is put in the unit its ROUNDED value reaches, so that
 * 999 999,99 is «1 млн», never «1 000 тыс.». The exact sum follows in brackets
 * («779 тыс. руб. (779 054,51 руб.)») whenever the short form is not the whole of it: the report
 * gives the kopecks, and a rounded sum alone would lose what was typed. A qualified sum is
 * rounded only the way its qualifier allows and has no exact figure to add. «тыс.» takes a dot,
 * «млн» and «млрд» do not. */
static char *
format_money (const ItogiValue *value, gboolean short_form, Agreement *agreement)
{
  static const struct
  {
    guint64 rubles;  /* the unit */
    guint64 minimum; /* the smallest sum, in rubles, written in it */
    const char *abbreviation;
    gboolean tenths;
  } scales[] = {
    { G_GUINT64_CONSTANT (1000000000), G_GUINT64_CONSTANT (1000000000), "млрд", TRUE },
    { 1000000, 1000000, "млн", TRUE },
    { 1000, 10000, "тыс.", FALSE },
  };
  const char *word = itogi_qualifier_word (value->qualifier);
  const char *prefix_sep = word != NULL ? ITOGI_NBSP : "";
  guint64 kopecks;
  g_autofree char *exact = NULL;

  /* A negative sum of money is refused on entry; show one plainly all the same. */
  if (value->amount < 0)
    {
      g_autofree char *number = itogi_format_fixed (value->amount, 2);
      *agreement = AGREE_GENITIVE_ONE;
      return g_strconcat (word != NULL ? word : "", prefix_sep, number, ITOGI_NBSP "руб.", NULL);
    }
  kopecks = (guint64)value->amount;
  exact = format_rubles_exact (kopecks);

  for (gsize i = 0; short_form && i < G_N_ELEMENTS (scales); i++)
    {
      guint64 unit = scales[i].rubles * 100 / (scales[i].tenths ? 10 : 1);
      g_autofree char *number = NULL;
      guint64 rounded;

      rounded = divide_rounded (kopecks, unit, rounding_for (value->qualifier));
      if (rounded * unit < scales[i].minimum * 100)
        continue;
      number = scales[i].tenths ? format_tenths (rounded) : itogi_format_integer ((gint64)rounded);
      *agreement = AGREE_MANY; /* «779 тыс. рублей» */
      if (value->qualifier == ITOGI_QUALIFIER_EXACT && rounded * unit != kopecks)
        return g_strconcat (number, ITOGI_NBSP, scales[i].abbreviation, ITOGI_NBSP "руб. (", exact,
                            ITOGI_NBSP "руб.)", NULL);
      return g_strconcat (word != NULL ? word : "", prefix_sep, number, ITOGI_NBSP, scales[i].abbreviation,
                          ITOGI_NBSP "руб.", NULL);
    }

  *agreement = agreement_of_number (kopecks / 100, kopecks % 100 != 0, word != NULL);
  return g_strconcat (word != NULL ? word : "", prefix_sep, exact, ITOGI_NBSP "руб.", NULL);
}

/* The figure of @value as a sentence states it, and the agreement it asks of the words after
 * it. @short_money: money in thousands or millions (the main figure) rather than exact (the
 * comparison, which stays short without a second pair of brackets). */
static char *
format_figure (const ItogiValue *value, ItogiKind kind, guint scale, gboolean short_money,
               Agreement *agreement)
{
  guint eff_scale = itogi_kind_effective_scale (kind, scale);
  guint64 unit = pow10u (eff_scale);
  gboolean qualified = value->qualifier != ITOGI_QUALIFIER_EXACT;
  guint64 magnitude;

  if (kind == ITOGI_KIND_MONEY)
    return format_money (value, short_money, agreement);

  magnitude = value->amount < 0 ? (guint64)(-(value->amount + 1)) + 1 : (guint64)value->amount;
  if (qualified && kind != ITOGI_KIND_PERCENT && value->amount > 0 && magnitude % unit == 0)
    {
      char *words = format_in_words (itogi_qualifier_word (value->qualifier), magnitude / unit);
      if (words != NULL)
        {
          *agreement = AGREE_MANY;
          return words;
        }
    }
  /* A figure written with a decimal comma is a fraction to the grammar, «2,0» included. */
  *agreement = agreement_of_number (magnitude / unit, eff_scale > 0, qualified);
  return itogi_format_value (value, kind, scale);
}

char *
itogi_narrative_format_figure (const ItogiValue *value, ItogiKind kind, guint scale)
{
  Agreement agreement;

  if (value == NULL || !value->present)
    return g_strdup ("");
  return format_figure (value, kind, scale, TRUE, &agreement);
}

/* «(2022 г. – 23 142)», with «по неполным данным» for a year whose months are not all in. */
static char *
format_comparison (const ItogiValue *previous, ItogiKind kind, guint scale, int compare_year)
{
  g_autofree char *year = NULL;
  g_autofree char *figure = NULL;
  Agreement agreement;

  if (previous == NULL || !previous->present)
    return g_strdup ("");
  year = itogi_format_year (compare_year);
  figure = format_figure (previous, kind, scale, FALSE, &agreement);
  return g_strconcat ("(", year, COMPARISON_DASH, figure, previous->partial ? ", " PARTIAL_NOTE : "", ")",
                      NULL);
}

/* ---- change ---- */

/* «в 2,4 раза», «в 2 раза», «в 5 раз», «в 21 раз». */
static char *
format_times (guint64 tenths)
{
  g_autofree char *number = format_tenths (tenths);
  const char *word;

  if (tenths % 10 != 0)
    word = "раза";
  else
    word = itogi_plural_category (tenths / 10) == 1 ? "раза" : "раз";
  return g_strconcat ("в ", number, ITOGI_NBSP, word, NULL);
}

/* The change phrase. The rules:
 *  - Both figures exact: a ratio of 1,5 or more either way is said in times, to one decimal
 *    («в 2,4 раза меньше, чем в 2022 году»), since «меньше на 58,3 %» reads worse for such
 *    falls and «больше на 150 %» is easily misread; a smaller change in percent to one decimal
 *    («меньше, чем в 2022 году, на 1,7 %»), a percentage in percentage points («на 2,5 п. п.»).
 *    One decimal is kept where the source rounded to whole percent («на 2%»): 1,7 % is what the
 *    figures give. No percent against a zero: then only the direction.
 *  - A side approximate («порядка», «около»), partial or uncertain: nothing. A «порядка 340»
 *    against 300 is not a change anyone measured.
 *  - A bound that fixes the direction (itogi_yoy_compute: «более 6 000» against 5 648): only the
 *    direction, «больше, чем в 2022 году», never a number. A bound that does not: nothing. */
char *
itogi_narrative_format_change (const ItogiValue *current, const ItogiValue *previous, ItogiKind kind,
                               guint scale, int compare_year)
{
  g_autofree char *than = g_strdup_printf ("чем в %d" ITOGI_NBSP "году", compare_year);
  const char *direction;
  ItogiYoy yoy;

  itogi_yoy_compute (current, previous, &yoy);
  switch (yoy.kind)
    {
    case ITOGI_CHANGE_AT_LEAST:
      return g_strconcat ("больше, ", than, NULL);
    case ITOGI_CHANGE_AT_MOST:
      return g_strconcat ("меньше, ", than, NULL);
    case ITOGI_CHANGE_EXACT:
      break;
    case ITOGI_CHANGE_APPROX:
    case ITOGI_CHANGE_NONE:
    default:
      return g_strdup ("");
    }

  if (yoy.direction == 0)
    return g_strdup_printf ("столько же, сколько в %d" ITOGI_NBSP "году", compare_year);
  direction = yoy.direction > 0 ? "больше" : "меньше";

  if (kind == ITOGI_KIND_PERCENT)
    {
      guint eff_scale = itogi_kind_effective_scale (kind, scale);
      guint64 points = yoy.delta < 0 ? (guint64)(-yoy.delta) : (guint64)yoy.delta;
      g_autofree char *number = itogi_format_fixed ((gint64)points, eff_scale);
      return g_strconcat (direction, ", ", than, ", на ", number, ITOGI_NBSP "п." ITOGI_NBSP "п.", NULL);
    }

  if (current->amount > 0 && previous->amount > 0)
    {
      guint64 big = (guint64)MAX (current->amount, previous->amount);
      guint64 small = (guint64)MIN (current->amount, previous->amount);

      /* Amounts stay below 10^15, so these products fit. */
      if (big * 2 >= small * 3)
        {
          g_autofree char *times = format_times (divide_rounded (big * 10, small, 0));
          return g_strconcat (times, " ", direction, ", ", than, NULL);
        }
    }

  if (!yoy.has_percent)
    return g_strconcat (direction, ", ", than, NULL);
  if (yoy.percent_x10 == 0)
    return g_strconcat ("незначительно ", direction, ", ", than, NULL);
  {
    g_autofree char *percent
        = format_tenths (yoy.percent_x10 < 0 ? (guint64)(-yoy.percent_x10) : (guint64)yoy.percent_x10);
    return g_strconcat (direction, ", ", than, ", на ", percent, ITOGI_NBSP "%", NULL);
  }
}

/* ---- templates ---- */

typedef enum
{
  NODE_TEXT,
  NODE_PLACEHOLDER,
  NODE_FORMS,
  NODE_OPTIONAL,
} NodeType;

typedef enum
{
  PH_NUMBER,
  PH_COMPARISON,
  PH_CHANGE,
  PH_NOUN,
  PH_YEAR_GENITIVE,
  PH_YEAR_PREPOSITIONAL,
  PH_YEAR,
  PH_COMPARE_YEAR,
  PH_TITLE,
  PH_LIST_LEAD,
  PH_JOIN,
} Placeholder;

static const struct
{
  const char *name;
  Placeholder placeholder;
} placeholders[] = {
  { "число", PH_NUMBER },
  { "сравнение", PH_COMPARISON },
  { "изменение", PH_CHANGE },
  { "сущ", PH_NOUN },
  { "год", PH_YEAR_GENITIVE },
  { "году", PH_YEAR_PREPOSITIONAL },
  { "отчётный год", PH_YEAR },
  { "отчетный год", PH_YEAR }, /* as the source spells it, without «ё» */
  { "год сравнения", PH_COMPARE_YEAR },
  { "название", PH_TITLE },
  { ":", PH_LIST_LEAD },
  { "и", PH_JOIN },
};

/* Where {:} and {и} stood in a rendered sentence, until the section groups the sentences. */
#define MARK_LIST "\x1e"
#define MARK_JOIN "\x1f"

typedef struct
{
  NodeType type;
  char *text;
  Placeholder placeholder;
  GStrv forms;
  GPtrArray *children;
} Node;

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_strfreev (node->forms);
  if (node->children != NULL)
    g_ptr_array_unref (node->children);
  g_free (node);
}

static GPtrArray *
node_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);
}

static void
flush_text (GString *text, GPtrArray *nodes)
{
  Node *node;

  if (text->len == 0)
    return;
  node = g_new0 (Node, 1);
  node->type = NODE_TEXT;
  node->text = g_strndup (text->str, text->len);
  g_ptr_array_add (nodes, node);
  g_string_truncate (text, 0);
}

static gboolean
parse_braces (const char **p, Node **out, GError **error)
{
  const char *open = *p - 1; /* the «{» */
  const char *start = *p;
  const char *end = start;
  g_autofree char *content = NULL;
  Node *node;

  while (*end != '\0' && *end != '}' && *end != '{')
    end++;
  if (*end != '}')
    {
      g_autofree char *excerpt = itogi_text_excerpt (open, 30);
      if (*end == '{')
        g_set_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_UNBALANCED,
                     /* Translators: %s is the part of the template, such as «{число {сущ}» */
                     _ ("The sentence template opens a brace inside another at “%s”: close each "
                        "placeholder before the next one starts."),
                     excerpt);
      else
        g_set_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_UNBALANCED,
                     /* Translators: %s is the part of the template, such as «{число» */
                     _ ("The sentence template has a “{” that is never closed: “%s”."), excerpt);
      return FALSE;
    }
  content = g_strndup (start, (gsize)(end - start));
  *p = end + 1;

  node = g_new0 (Node, 1);
  if (strchr (content, '|') != NULL)
    {
      guint n;

      node->type = NODE_FORMS;
      node->forms = g_strsplit (content, "|", -1);
      n = g_strv_length (node->forms);
      if (n != 3 && n != 4)
        {
          g_autofree char *excerpt = itogi_text_excerpt (content, 40);
          g_set_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_FORMS,
                       /* Translators: the first %s is the word forms as typed, %u how many there are */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“{%s}” gives %u word form: give three, for one, few and many "
                                    "(such as {поступил|поступило|поступило}), and a fourth if a "
                                    "qualified figure ending in 1 needs another.",
                                    "“{%s}” gives %u word forms: give three, for one, few and many "
                                    "(such as {поступил|поступило|поступило}), and a fourth if a "
                                    "qualified figure ending in 1 needs another.",
                                    n),
                       excerpt, n);
          node_free (node);
          return FALSE;
        }
      *out = node;
      return TRUE;
    }

  node->type = NODE_PLACEHOLDER;
  g_strstrip (content);
  for (gsize i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strcmp (content, placeholders[i].name) == 0)
      {
        node->placeholder = placeholders[i].placeholder;
        *out = node;
        return TRUE;
      }
  node_free (node);
  if (*content == '\0')
    g_set_error_literal (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_PLACEHOLDER,
                         _ ("The sentence template has empty braces “{}”: put a placeholder such as "
                            "{число} in them, or remove them."));
  else
    {
      g_autofree char *excerpt = itogi_text_excerpt (content, 40);
      g_set_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_PLACEHOLDER,
                   /* Translators: %s is what was typed in braces. The names in braces are the
                    * template's own words and stay as they are. */
                   _ ("The sentence template has an unknown placeholder “{%s}”. Use {число}, "
                      "{сравнение}, {изменение}, {сущ}, {год}, {году}, {отчётный год}, "
                      "{год сравнения}, {название}, {:} or {и}, or word forms such as "
                      "{поступил|поступило|поступило}."),
                   excerpt);
    }
  return FALSE;
}

static gboolean
parse_sequence (const char **p, gboolean optional, GPtrArray *nodes, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *group_start = *p;

  for (;;)
    {
      char c = **p;

      if (c == '\0')
        {
          flush_text (text, nodes);
          if (optional)
            {
              g_autofree char *excerpt = itogi_text_excerpt (group_start - 2, 30);
              g_set_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_UNBALANCED,
                           /* Translators: %s is the part of the template, such as «{? Это {изменение}.» */
                           _ ("The sentence template has an optional part “{?” that is never closed: “%s”."),
                           excerpt);
              return FALSE;
            }
          return TRUE;
        }
      if (c == '}')
        {
          flush_text (text, nodes);
          (*p)++;
          if (optional)
            return TRUE;
          {
            g_autofree char *excerpt = itogi_text_excerpt (*p - 1, 30);
            g_set_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_UNBALANCED,
                         /* Translators: %s is the part of the template from the brace on */
                         _ ("The sentence template has a “}” without a “{” before it: “%s”."), excerpt);
          }
          return FALSE;
        }
      if (c != '{')
        {
          g_string_append_c (text, c);
          (*p)++;
          continue;
        }

      flush_text (text, nodes);
      (*p)++;
      if (**p == '?')
        {
          Node *node = g_new0 (Node, 1);

          (*p)++;
          node->type = NODE_OPTIONAL;
          node->children = node_list_new ();
          g_ptr_array_add (nodes, node);
          if (!parse_sequence (p, TRUE, node->children, error))
            return FALSE;
        }
      else
        {
          Node *node = NULL;

          if (!parse_braces (p, &node, error))
            return FALSE;
          g_ptr_array_add (nodes, node);
        }
    }
}

static GPtrArray *
parse_template (const char *template, GError **error)
{
  g_autoptr (GPtrArray) nodes = node_list_new ();
  const char *p = template;

  if (!g_utf8_validate (template, -1, NULL))
    {
      g_set_error_literal (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_INVALID,
                           _ ("The sentence template is not valid UTF-8."));
      return NULL;
    }
  if (!parse_sequence (&p, FALSE, nodes, error))
    return NULL;
  return g_steal_pointer (&nodes);
}

gboolean
itogi_narrative_check_template (const char *template, GError **error)
{
  g_autoptr (GPtrArray) nodes = NULL;

  if (template == NULL || *template == '\0')
    return TRUE;
  nodes = parse_template (template, error);
  return nodes != NULL;
}

typedef struct
{
  const ItogiIndicator *indicator;
  Agreement agreement;
  char *title;
  char *number;
  char *comparison;
  char *change;
  int year;
  int compare_year;
} RenderContext;

static void
render_context_clear (RenderContext *ctx)
{
  g_free (ctx->title);
  g_free (ctx->number);
  g_free (ctx->comparison);
  g_free (ctx->change);
}

/* The text of a placeholder; "" when it has nothing to say. */
static char *
expand_placeholder (Placeholder placeholder, const RenderContext *ctx, GError **error)
{
  const ItogiIndicator *ind = ctx->indicator;

  switch (placeholder)
    {
    case PH_NUMBER:
      return g_strdup (ctx->number);
    case PH_COMPARISON:
      return g_strdup (ctx->comparison);
    case PH_CHANGE:
      return g_strdup (ctx->change);
    case PH_YEAR_GENITIVE:
      return g_strdup_printf ("%d" ITOGI_NBSP "года", ctx->year);
    case PH_YEAR_PREPOSITIONAL:
      return g_strdup_printf ("%d" ITOGI_NBSP "году", ctx->year);
    case PH_YEAR:
      return g_strdup_printf ("%d", ctx->year);
    case PH_COMPARE_YEAR:
      return g_strdup_printf ("%d", ctx->compare_year);
    case PH_TITLE:
      return g_strdup (ctx->title);
    case PH_LIST_LEAD:
      return g_strdup (MARK_LIST);
    case PH_JOIN:
      return g_strdup (MARK_JOIN);
    case PH_NOUN:
    default:
      break;
    }

  for (guint i = 0; i < 3; i++)
    if (ind->forms[i] == NULL || *ind->forms[i] == '\0')
      {
        g_set_error_literal (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_NO_NOUN,
                             _ ("The sentence uses {сущ}, but the indicator has no word forms: give "
                                "them (one, few, many, such as обращение, обращения, обращений) or "
                                "write the words in the template."));
        return NULL;
      }
  /* The noun's three forms are nominative singular, genitive singular, genitive plural. */
  return g_strdup (ind->forms[form_index (ctx->agreement, 3)]);
}

/* An empty part takes the space before it along when what follows would leave it doubled or
 * before punctuation: «22 808 {сравнение} обращений» → «22 808 обращений». */
static void
drop_space_before_empty (GString *out, GPtrArray *nodes, guint i)
{
  const Node *next = i + 1 < nodes->len ? g_ptr_array_index (nodes, i + 1) : NULL;

  if (out->len == 0 || out->str[out->len - 1] != ' ')
    return;
  if (next == NULL || (next->type == NODE_TEXT && strchr (" .,;:)!?", next->text[0]) != NULL))
    g_string_truncate (out, out->len - 1);
}

static gboolean
render_sequence (GPtrArray *nodes, const RenderContext *ctx, GString *out, gboolean *had_empty,
                 GError **error)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      const Node *node = g_ptr_array_index (nodes, i);
      g_autofree char *piece = NULL;

      switch (node->type)
        {
        case NODE_TEXT:
          g_string_append (out, node->text);
          continue;
        case NODE_FORMS:
          g_string_append (out, node->forms[form_index (ctx->agreement, g_strv_length (node->forms))]);
          continue;
        case NODE_PLACEHOLDER:
          piece = expand_placeholder (node->placeholder, ctx, error);
          if (piece == NULL)
            return FALSE;
          break;
        case NODE_OPTIONAL:
          {
            g_autoptr (GString) part = g_string_new (NULL);
            gboolean part_empty = FALSE;

            if (!render_sequence (node->children, ctx, part, &part_empty, error))
              return FALSE;
            piece = part_empty ? g_strdup ("") : g_strndup (part->str, part->len);
          }
          break;
        default:
          g_assert_not_reached ();
        }

      if (*piece != '\0')
        g_string_append (out, piece);
      else
        {
          *had_empty = TRUE;
          drop_space_before_empty (out, nodes, i);
        }
    }
  return TRUE;
}

/* The title as the default sentence opens with it: without a closing dot or colon. */
static char *
title_for_sentence (const char *title)
{
  g_autofree char *copy = g_strstrip (g_strdup (title != NULL ? title : ""));
  gsize len = strlen (copy);

  while (len > 0 && (copy[len - 1] == '.' || copy[len - 1] == ':' || copy[len - 1] == ' '))
    copy[--len] = '\0';
  return g_steal_pointer (&copy);
}

static char *
render_sentence (const ItogiIndicator *indicator, const char *template, const ItogiValue *current,
                 const ItogiValue *previous, int year, int compare_year, GError **error)
{
  g_autoptr (GPtrArray) nodes = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  RenderContext ctx = { .indicator = indicator, .year = year, .compare_year = compare_year };
  gboolean had_empty = FALSE;
  gboolean ok;

  nodes = parse_template (template, error);
  if (nodes == NULL)
    return NULL;

  ctx.title = title_for_sentence (indicator->title);
  ctx.number = format_figure (current, indicator->kind, indicator->scale, TRUE, &ctx.agreement);
  if (current->partial)
    {
      /* A year whose months are not all in is not the year's figure: say so where it stands. */
      char *with_note = g_strconcat (ctx.number, " (" PARTIAL_NOTE ")", NULL);
      g_free (ctx.number);
      ctx.number = with_note;
    }
  /* Part of a year against a whole one compares nothing. */
  ctx.comparison = current->partial
                       ? g_strdup ("")
                       : format_comparison (previous, indicator->kind, indicator->scale, compare_year);
  /* «779 тыс. руб. (779 054,51 руб.)» and «(2022 г. – …)» would stand as two brackets in a row:
   * they share one, «(779 054,51 руб.; 2022 г. – …)». */
  if (g_str_has_suffix (ctx.number, ")") && g_str_has_prefix (ctx.comparison, "("))
    {
      char *joined
          = g_strdup_printf ("%.*s; %s", (int)strlen (ctx.number) - 1, ctx.number, ctx.comparison + 1);
      g_free (ctx.number);
      ctx.number = joined;
      g_free (ctx.comparison);
      ctx.comparison = g_strdup ("");
    }
  ctx.change = previous != NULL ? itogi_narrative_format_change (current, previous, indicator->kind,
                                                                 indicator->scale, compare_year)
                                : g_strdup ("");

  ok = render_sequence (nodes, &ctx, out, &had_empty, error);
  render_context_clear (&ctx);
  if (!ok)
    return NULL;
  return g_strstrip (g_strndup (out->str, out->len));
}

/* The sentence with the marks of {:} and {и} still in it. */
static char *
marked_sentence (const ItogiIndicator *indicator, const ItogiValue *current, const ItogiValue *previous,
                 int year, int compare_year, GError **error)
{
  const char *template;

  g_return_val_if_fail (indicator != NULL, NULL);

  if (current == NULL || !current->present)
    return NULL;
  template = indicator->sentence != NULL && * indicator->sentence != '\0' ? indicator->sentence : NULL;
  if (template == NULL)
    {
      g_autofree char *title = title_for_sentence (indicator->title);
      /* Without a title the default cannot open with one: the figures alone. */
      template = *title != '\0' ? DEFAULT_TEMPLATE : "{число} {сравнение}{?; это {изменение}}.";
    }
  return render_sentence (indicator, template, current, previous, year, compare_year, error);
}

/* A sentence as the section groups it: what comes before its {:} or {и} (the shared lead or
 * subject) and what comes after. */
typedef enum
{
  SHARE_NONE,
  SHARE_LIST,
  SHARE_JOIN,
} Share;

typedef struct
{
  Share share;
  char *head; /* the whole sentence when share is SHARE_NONE */
  char *rest;
  char *note; /* the figure's note, when it adds to the sentence */
} Sentence;

static void
sentence_clear (Sentence *sentence)
{
  g_free (sentence->head);
  g_free (sentence->rest);
  g_free (sentence->note);
}

/* Splits @marked at its first mark; any other mark is dropped. Takes @marked. */
static Sentence
sentence_split (char *marked)
{
  Sentence sentence = { SHARE_NONE, NULL, NULL, NULL };
  g_autoptr (GString) rest = NULL;
  char *mark = marked + strcspn (marked, MARK_LIST MARK_JOIN);

  if (*mark != '\0')
    {
      sentence.share = *mark == MARK_LIST[0] ? SHARE_LIST : SHARE_JOIN;
      *mark = '\0';
      rest = g_string_new (mark + 1);
    }
  else
    rest = g_string_new (NULL);
  /* Later marks are nothing. */
  for (gsize i = 0; i < rest->len;)
    if (rest->str[i] == MARK_LIST[0] || rest->str[i] == MARK_JOIN[0])
      g_string_erase (rest, (gssize)i, 1);
    else
      i++;
  sentence.head = g_strstrip (marked);
  sentence.rest = g_strstrip (g_string_free (g_steal_pointer (&rest), FALSE));
  /* A lead or subject with nothing before it shares nothing. */
  if (sentence.share != SHARE_NONE && *sentence.head == '\0')
    {
      g_free (sentence.head);
      sentence.head = g_steal_pointer (&sentence.rest);
      sentence.rest = g_strdup ("");
      sentence.share = SHARE_NONE;
    }
  return sentence;
}

/* The sentence standing alone. */
static char *
sentence_alone (const Sentence *sentence)
{
  switch (sentence->share)
    {
    case SHARE_LIST:
      return *sentence->rest != '\0' ? g_strconcat (sentence->head, ": ", sentence->rest, NULL)
                                     : g_strconcat (sentence->head, ".", NULL);
    case SHARE_JOIN:
      return *sentence->rest != '\0' ? g_strconcat (sentence->head, " ", sentence->rest, NULL)
                                     : g_strdup (sentence->head);
    case SHARE_NONE:
    default:
      return g_strdup (sentence->head);
    }
}

char *
itogi_narrative_sentence (const ItogiIndicator *indicator, const ItogiValue *current,
                          const ItogiValue *previous, int year, int compare_year, GError **error)
{
  char *marked = marked_sentence (indicator, current, previous, year, compare_year, error);
  Sentence sentence;
  char *alone;

  if (marked == NULL)
    return NULL;
  sentence = sentence_split (marked);
  alone = sentence_alone (&sentence);
  sentence_clear (&sentence);
  return alone;
}

/* ---- the report ---- */

void
itogi_narrative_section_free (ItogiNarrativeSection *section)
{
  if (section == NULL)
    return;
  g_free (section->slug);
  g_free (section->heading);
  g_free (section->body);
  g_free (section->generated);
  g_free (section->chart);
  if (section->tasks != NULL)
    g_ptr_array_unref (section->tasks);
  g_free (section);
}

void
itogi_narrative_free (ItogiNarrative *narrative)
{
  if (narrative == NULL)
    return;
  g_free (narrative->office);
  g_free (narrative->title);
  g_free (narrative->introduction);
  if (narrative->sections != NULL)
    g_ptr_array_unref (narrative->sections);
  g_free (narrative);
}

/* Whether @title names the years of this report: every year in it (a standalone four-digit
 * number) is @year or the year after, and @year is among them. A title naming no year fits
 * any year. */
static gboolean
title_fits_year (const char *title, int year)
{
  gboolean any = FALSE, has_year = FALSE;

  for (const char *p = title; *p != '\0'; p++)
    {
      int value;

      if (!g_ascii_isdigit (*p) || (p > title && g_ascii_isdigit (p[-1])))
        continue;
      if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3])
          || g_ascii_isdigit (p[4]))
        continue;
      value = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
      if (value < 1900 || value > 2200)
        continue;
      any = TRUE;
      if (value == year)
        has_year = TRUE;
      else if (value != year + 1)
        return FALSE;
    }
  return !any || has_year;
}

/* The office's name in the genitive, as «Отчет о деятельности …» needs it. Only the head word
 * changes in the usual names («Управление делами Городского Головы» → «управления делами
 * Городского Головы»); a name whose head word is not one of these is not declined by guess. */
static char *
office_genitive (const char *office)
{
  static const struct
  {
    const char *nominative;
    const char *genitive;
  } heads[] = {
    { "Управление", "управления" },
    { "Комитет", "комитета" },
    { "Отдел", "отдела" },
    { "Департамент", "департамента" },
    { "Администрация", "администрации" },
    { "Министерство", "министерства" },
    { "Служба", "службы" },
    { "Аппарат", "аппарата" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      gsize len = strlen (heads[i].nominative);
      if (strncmp (office, heads[i].nominative, len) == 0 && (office[len] == ' ' || office[len] == '\0'))
        return g_strconcat (heads[i].genitive, office + len, NULL);
    }
  return NULL;
}

/* The stored title when it names this report's years; otherwise one made for them:
 * «Отчет о деятельности управления делами … за 2024 год и задачах на 2025 год»: «Отчет», as the
 * office's own report spells its title. */
static char *
report_title (const char *stored, const char *office, int year)
{
  g_autofree char *genitive = NULL;

  if (stored != NULL && *stored != '\0' && title_fits_year (stored, year))
    return g_strdup (stored);
  if (office != NULL && *office != '\0')
    {
      genitive = office_genitive (office);
      if (genitive != NULL)
        return g_strdup_printf ("Отчет о деятельности %s за %d" ITOGI_NBSP "год и задачах на %d" ITOGI_NBSP
                                "год",
                                genitive, year, year + 1);
      return g_strdup_printf ("%s: отчет о деятельности за %d" ITOGI_NBSP "год и задачах на %d" ITOGI_NBSP
                              "год",
                              office, year, year + 1);
    }
  return g_strdup_printf ("Отчет о деятельности за %d" ITOGI_NBSP "год и задачах на %d" ITOGI_NBSP "год",
                          year, year + 1);
}

/* @text with a small first letter, as a list item after a colon takes it; an abbreviation
 * («МФЦ …») keeps its capitals. */
static char *
lower_first (const char *text)
{
  const char *second = *text != '\0' ? g_utf8_next_char (text) : text;
  gunichar first = g_utf8_get_char (text);
  char buffer[8];
  int len;

  if (*text == '\0' || (*second != '\0' && g_unichar_isupper (g_utf8_get_char (second))))
    return g_strdup (text);
  len = g_unichar_to_utf8 (g_unichar_tolower (first), buffer);
  return g_strdup_printf ("%.*s%s", len, buffer, second);
}

/* Whether @area is one of the year's areas of activity: one with a description is; one without
 * is unless all it holds is institutions («Подведомственные учреждения»). */
static gboolean
is_area_of_activity (ItogiStore *store, const ItogiArea *area, int year)
{
  g_autoptr (GPtrArray) institutions = NULL;
  g_autoptr (GPtrArray) indicators = NULL;

  if (area->description != NULL && *area->description != '\0')
    return TRUE;
  institutions = itogi_store_list_institutions (store, area->id, year, NULL);
  if (institutions == NULL || institutions->len == 0)
    return TRUE;
  indicators = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  return indicators != NULL && indicators->len > 0;
}

/* The report's opening: its areas of activity in a list, each by its description (the report's
 * own wording), else by its title. */
static char *
introduction (ItogiStore *store, const char *office, int year)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *genitive = office != NULL ? office_genitive (office) : NULL;
  g_autofree char *whose = NULL;

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      const ItogiArea *area = areas->pdata[i];
      const char *name
          = area->description != NULL && *area->description != '\0' ? area->description : area->title;
      g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
      gsize len = strlen (clean);

      while (len > 0 && strchr (".;:", clean[len - 1]) != NULL)
        clean[--len] = '\0';
      if (len > 0 && is_area_of_activity (store, area, year))
        g_ptr_array_add (names, lower_first (clean));
    }
  if (names->len == 0)
    return g_strdup ("");

  /* «деятельность управления»: the office's head word, as the report says it. */
  if (genitive != NULL)
    whose = g_strndup (genitive, strcspn (genitive, " "));
  if (names->len == 1)
    {
      g_string_append (out, "Основным направлением в отчетном году");
      if (whose != NULL)
        g_string_append_printf (out, ", по которому осуществлялась деятельность %s,", whose);
      g_string_append_printf (out, " являлось %s.", (const char *)names->pdata[0]);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  g_string_append (out, "Основными направлениями в отчетном году");
  if (whose != NULL)
    g_string_append_printf (out, ", по которым осуществлялась деятельность %s,", whose);
  g_string_append (out, " являлись:");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "\n\u2013 %s%s", (const char *)names->pdata[i],
                            i + 1 < names->len ? ";" : ".");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Each non-blank line of a note as a paragraph of its own. */
static void
append_paragraphs (GPtrArray *paragraphs, const char *text)
{
  g_auto (GStrv) lines = NULL;

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      /* Notes may hold tabs (an import keeps them); the report's prose does not. */
      if (*line != '\0')
        g_ptr_array_add (paragraphs, itogi_text_untab (line));
    }
}

/* The sentence of a row, marks kept; a template that went wrong after it was saved (the dialog
 * checks it, an import might not) falls back to the default sentence rather than leave the figure
 * out. */
static char *
row_sentence (const ItogiTableRow *row, int year, int compare_year, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (ItogiIndicator) plain = NULL;
  char *sentence;

  if (!row->current.present)
    return NULL;
  sentence
      = marked_sentence (row->indicator, &row->current, &row->previous, year, compare_year, &local_error);
  if (sentence != NULL || local_error == NULL)
    return sentence;
  if (local_error->domain != ITOGI_NARRATIVE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  plain = itogi_indicator_copy (row->indicator);
  g_clear_pointer (&plain->sentence, g_free);
  return marked_sentence (plain, &row->current, &row->previous, year, compare_year, error);
}

/* @text's words, lower case, letters only, one space between them: what a note and a sentence
 * are compared by. */
static char *
words_of (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          if (gap && out->len > 0)
            g_string_append_c (out, ' ');
          gap = FALSE;
          g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else
        gap = TRUE;
    }
  return g_string_free (out, FALSE);
}

/* Whether @note only says again in words what @sentence says already («С учетом поступивших
 * обращений жителей в социальных сетях», «Это меньше, чем в 2022 году на 2%» after «Это меньше,
 * чем в 2022 году, на 1,7 %»): figures aside, its words stand in the sentence in the same order. */
static gboolean
note_repeats (const char *note, const char *sentence)
{
  g_autofree char *n = words_of (note);
  g_autofree char *t = words_of (sentence);

  return *n == '\0' || strstr (t, n) != NULL;
}

/* Abbreviations whose dot a sentence may end on: that dot is not the sentence's own. */
static gboolean
ends_with_abbreviation (const char *text, gsize len)
{
  static const char *const words[]
      = { "руб", "тыс", "млн", "млрд", "г", "гг", "чел", "ед", "шт", "п", "т", "др", "пр" };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);
      if (len >= n + 1 && strncmp (text + len - 1 - n, words[i], n) == 0
          && (len == n + 1 || !g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (text + len - 1 - n)))))
        return TRUE;
    }
  return FALSE;
}

/* @text without the full stop it ends on, when it is one sentence ending in one; NULL when it
 * holds more than one sentence or ends otherwise («?», an abbreviation): such a text is not run
 * on into the next. */
static char *
without_full_stop (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || text[len - 1] != '.' || ends_with_abbreviation (text, len))
    return NULL;
  for (gsize i = 0; i + 1 < len - 1; i++)
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ')
      return NULL;
  return g_strndup (text, len - 1);
}

/* «sentence Note.», the note left out when it repeats the sentence. */
static char *
with_notes (char *text, Sentence *sentences, guint from, guint to)
{
  g_autoptr (GString) out = g_string_new (text);

  g_free (text);
  for (guint k = from; k <= to; k++)
    if (sentences[k].note != NULL && !note_repeats (sentences[k].note, out->str))
      {
        g_string_append_c (out, ' ');
        g_string_append (out, sentences[k].note);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* How many sentences from @i on share @sentences[i]'s lead or subject (1: only itself). A joined
 * sentence runs on only from one that is a single sentence ending in a full stop. */
static guint
shared_run (Sentence *sentences, guint n, guint i)
{
  guint j = i + 1;

  if (sentences[i].share == SHARE_NONE)
    return 1;
  while (j < n && sentences[j].share == sentences[i].share
         && strcmp (sentences[j].head, sentences[i].head) == 0)
    {
      if (sentences[i].share == SHARE_JOIN)
        {
          g_autofree char *before = without_full_stop (sentences[j - 1].rest);
          if (before == NULL)
            break;
        }
      j++;
    }
  return j - i;
}

/* The indicators' sentences as paragraphs: a run of shared leads as one list («Было
 * зарегистрировано:», then «– …;» a line each, the last ending in «.»), a run of shared subjects
 * as one sentence («Юристы … подали … и приняли …»), each figure's note after its own sentence
 * (or after the list). */
static void
append_sentences (GPtrArray *paragraphs, Sentence *sentences, guint n)
{
  for (guint i = 0; i < n;)
    {
      guint run = shared_run (sentences, n, i);
      guint last = i + run - 1;

      if (run == 1)
        g_ptr_array_add (paragraphs, with_notes (sentence_alone (&sentences[i]), sentences, i, i));
      else if (sentences[i].share == SHARE_LIST)
        {
          g_ptr_array_add (paragraphs, g_strconcat (sentences[i].head, ":", NULL));
          for (guint k = i; k <= last; k++)
            {
              const char *item = sentences[k].rest;
              gsize len = strlen (item);
              gboolean stop
                  = len > 0 && strchr (".;,", item[len - 1]) != NULL && !ends_with_abbreviation (item, len);

              if (stop)
                len--;
              g_ptr_array_add (paragraphs,
                               g_strdup_printf ("\u2013 %.*s%s", (int)len, item, k < last ? ";" : "."));
            }
          for (guint k = i; k <= last; k++)
            if (sentences[k].note != NULL && !note_repeats (sentences[k].note, sentences[k].rest))
              g_ptr_array_add (paragraphs, g_strdup (sentences[k].note));
        }
      else
        {
          g_autoptr (GString) joined = g_string_new (sentences[i].head);

          for (guint k = i; k <= last; k++)
            {
              g_autofree char *part
                  = k < last ? without_full_stop (sentences[k].rest) : g_strdup (sentences[k].rest);

              g_string_append (joined, k == i ? " " : k < last ? ", " : " и ");
              g_string_append (joined, part);
            }
          g_ptr_array_add (paragraphs,
                           with_notes (g_string_free (g_steal_pointer (&joined), FALSE), sentences, i, last));
        }
      i += run;
    }
}

static ItogiNarrativeSection *
build_section (ItogiStore *store, const ItogiArea *area, GPtrArray *rows, int year, int compare_year,
               GError **error)
{
  g_autoptr (GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) institutions = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autofree char *note = NULL;
  g_autoptr (GError) note_error = NULL;
  ItogiNarrativeSection *section;
  guint indicators = 0;
  gboolean has_current = FALSE, has_previous = FALSE;

  g_autoptr (GArray) sentences = g_array_new (FALSE, TRUE, sizeof (Sentence));

  g_array_set_clear_func (sentences, (GDestroyNotify)sentence_clear);
  for (guint i = 0; i < rows->len; i++)
    {
      const ItogiTableRow *row = g_ptr_array_index (rows, i);
      g_autoptr (GError) sentence_error = NULL;
      char *marked;

      if (row->area->id != area->id)
        continue;
      indicators++;
      has_current |= row->current.present;
      has_previous |= row->previous.present;
      marked = row_sentence (row, year, compare_year, &sentence_error);
      if (sentence_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&sentence_error));
          return NULL;
        }
      if (marked != NULL)
        {
          Sentence sentence = sentence_split (marked);
          /* The figure's note follows its sentence: its explanation stands by it. */
          if (row->current.note != NULL)
            {
              sentence.note = g_strstrip (itogi_text_untab (row->current.note));
              if (*sentence.note == '\0')
                g_clear_pointer (&sentence.note, g_free);
            }
          g_array_append_val (sentences, sentence);
        }
    }
  append_sentences (paragraphs, (Sentence *)(void *)sentences->data, sentences->len);

  note = itogi_store_get_area_note (store, area->id, year, &note_error);
  if (note_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&note_error));
      return NULL;
    }
  append_paragraphs (paragraphs, note);

  /* What the report says of the area's institutions is part of the area's text for the year. */
  institutions = itogi_store_list_institutions (store, area->id, year, error);
  if (institutions == NULL)
    return NULL;
  for (guint i = 0; i < institutions->len; i++)
    append_paragraphs (paragraphs, ((const ItogiInstitution *)g_ptr_array_index (institutions, i))->note);

  tasks = itogi_store_list_tasks (store, area->id, year + 1, error);
  if (tasks == NULL)
    return NULL;

  section = g_new0 (ItogiNarrativeSection, 1);
  section->area_id = area->id;
  section->slug = g_strdup (area->slug);
  section->heading = g_strdup (area->title);
  section->indicators = indicators;
  section->has_current = has_current;
  section->has_previous = has_previous;
  g_ptr_array_add (paragraphs, NULL);
  section->body = g_strjoinv ("\n", (char **)paragraphs->pdata);
  {
    g_autofree char *key = g_strdup_printf ("report-chart.%s", area->slug);
    section->chart = itogi_store_get_meta (store, key);
    /* "" is how the Report view says «automatic» again. */
    if (section->chart != NULL && *section->chart == '\0')
      g_clear_pointer (&section->chart, g_free);
  }
  section->tasks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tasks->len; i++)
    {
      const ItogiTask *task = g_ptr_array_index (tasks, i);
      g_ptr_array_add (section->tasks, g_strdup (task->text));
    }
  return section;
}

ItogiNarrative *
itogi_narrative_build (ItogiStore *store, int year, int compare_year, GError **error)
{
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  narrative = itogi_narrative_begin (store, year, compare_year);

  areas = itogi_store_list_areas (store, FALSE, error);
  if (areas == NULL)
    return NULL;
  /* The table's rows: a year made of months or quarters counts as the table shows it. */
  rows = itogi_table_build (store, NULL, year, compare_year, error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < areas->len; i++)
    {
      ItogiNarrativeSection *section
          = build_section (store, g_ptr_array_index (areas, i), rows, year, compare_year, error);
      if (section == NULL)
        return NULL;
      g_ptr_array_add (narrative->sections, section);
    }
  return g_steal_pointer (&narrative);
}

gboolean
itogi_narrative_has_tasks (const ItogiNarrative *narrative)
{
  for (guint i = 0; narrative->sections != NULL && i < narrative->sections->len; i++)
    {
      const ItogiNarrativeSection *section = narrative->sections->pdata[i];
      if (section->tasks != NULL && section->tasks->len > 0)
        return TRUE;
    }
  return FALSE;
}

char *
itogi_narrative_to_text (const ItogiNarrative *narrative)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (narrative != NULL, NULL);

  g_string_append_printf (out, "%s\n", narrative->title != NULL ? narrative->title : "");
  if (narrative->introduction != NULL && *narrative->introduction != '\0')
    g_string_append_printf (out, "\n%s\n", narrative->introduction);
  for (guint i = 0; narrative->sections != NULL && i < narrative->sections->len; i++)
    {
      const ItogiNarrativeSection *section = g_ptr_array_index (narrative->sections, i);

      g_string_append_printf (out, "\n%s\n", section->heading);
      if (section->body == NULL || *section->body == '\0')
        g_string_append_printf (out, "Сведений за %d" ITOGI_NBSP "год нет.\n", narrative->year);
      else
        g_string_append_printf (out, "%s\n", section->body);
    }
  /* The title promises next year's tasks: they close the report, area by area. None entered,
   * none are written. */
  if (itogi_narrative_has_tasks (narrative))
    {
      g_string_append_printf (out, "\nЗадачи на %d" ITOGI_NBSP "год\n", narrative->year + 1);
      for (guint i = 0; i < narrative->sections->len; i++)
        {
          const ItogiNarrativeSection *section = g_ptr_array_index (narrative->sections, i);

          if (section->tasks == NULL || section->tasks->len == 0)
            continue;
          g_string_append_printf (out, "\n%s\n", section->heading);
          for (guint t = 0; t < section->tasks->len; t++)
            g_string_append_printf (out, "\u2013 %s\n", (const char *)g_ptr_array_index (section->tasks, t));
        }
    }
  return g_string_free (out, FALSE);
}

/* The Report view's stored edit of @section, when there is one, in place of the generated text. */
static gboolean
apply_edit (ItogiStore *store, ItogiNarrativeSection *section, int year, int compare_year, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *edit = itogi_store_get_report_text (store, section->area_id, year, compare_year, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (edit != NULL)
    {
      section->generated = section->body;
      /* A text saved before tabs were kept out of it is shown and exported without them. */
      section->body = itogi_text_untab (edit);
      section->edited = TRUE;
      g_free (edit);
    }
  return TRUE;
}

ItogiNarrative *
itogi_narrative_build_edited (ItogiStore *store, int year, int compare_year, GError **error)
{
  g_autoptr (ItogiNarrative) narrative = itogi_narrative_build (store, year, compare_year, error);

  if (narrative == NULL)
    return NULL;
  for (guint i = 0; i < narrative->sections->len; i++)
    if (!apply_edit (store, narrative->sections->pdata[i], year, compare_year, error))
      return NULL;
  return g_steal_pointer (&narrative);
}

ItogiNarrative *
itogi_narrative_begin (ItogiStore *store, int year, int compare_year)
{
  ItogiNarrative *narrative = g_new0 (ItogiNarrative, 1);
  g_autofree char *stored_title = NULL;

  narrative->year = year;
  narrative->compare_year = compare_year;
  narrative->office = itogi_store_get_meta (store, "office");
  if (narrative->office == NULL)
    narrative->office = g_strdup ("");
  stored_title = itogi_store_get_meta (store, "report-title");
  narrative->title = report_title (stored_title, narrative->office, year);
  narrative->introduction = introduction (store, narrative->office, year);
  narrative->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_narrative_section_free);
  return narrative;
}

gboolean
itogi_narrative_add_section (ItogiNarrative *narrative, ItogiStore *store, const ItogiArea *area,
                             GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  ItogiNarrativeSection *section;

  g_return_val_if_fail (narrative != NULL && area != NULL, FALSE);
  /* The area's own rows, as the whole table has them for it. */
  rows = itogi_table_build (store, area->slug, narrative->year, narrative->compare_year, error);
  if (rows == NULL)
    return FALSE;
  section = build_section (store, area, rows, narrative->year, narrative->compare_year, error);
  if (section == NULL)
    return FALSE;
  if (!apply_edit (store, section, narrative->year, narrative->compare_year, error))
    {
      itogi_narrative_section_free (section);
      return FALSE;
    }
  g_ptr_array_add (narrative->sections, section);
  return TRUE;
}

gboolean
itogi_narrative_keep_approved (ItogiNarrative *narrative, ItogiStore *store, GError **error)
{
  for (guint i = narrative->sections->len; i > 0; i--)
    {
      const ItogiNarrativeSection *s = narrative->sections->pdata[i - 1];
      ItogiAreaStatus status;

      if (!itogi_store_get_area_status (store, s->area_id, narrative->year, &status, NULL, NULL, error))
        return FALSE;
      if (status != ITOGI_AREA_APPROVED)
        g_ptr_array_remove_index (narrative->sections, i - 1);
    }
  return TRUE;
}

char *
itogi_narrative_not_approved (ItogiStore *store, int year, gboolean always, GError **error)
{
  g_autoptr (GPtrArray) progress = itogi_store_year_progress (store, year, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *when = itogi_format_year (year);
  g_autofree char *list = NULL;
  gboolean begun = always;

  if (progress == NULL)
    return NULL;
  for (guint i = 0; i < progress->len; i++)
    {
      const ItogiAreaProgress *p = progress->pdata[i];
      if (p->status != ITOGI_AREA_APPROVED)
        g_ptr_array_add (names, p->area->short_title);
      begun |= p->changed_by != NULL;
    }
  if (names->len == 0 || !begun)
    return NULL;
  g_ptr_array_add (names, NULL);
  list = g_strjoinv ("; ", (char **)names->pdata);
  /* Translators: «Не утверждены итоги за 2024 г.: Кадры; Учреждения.» */
  return g_strdup_printf (_ ("Not yet approved for %s: %s."), when, list);
}

char *
itogi_narrative_missing_figures (const ItogiNarrative *narrative)
{
  g_autoptr (GString) message = g_string_new (NULL);
  const int years[2] = { narrative->year, narrative->compare_year };

  for (int y = 0; y < 2; y++)
    {
      g_autoptr (GPtrArray) without = g_ptr_array_new ();

      for (guint i = 0; i < narrative->sections->len; i++)
        {
          const ItogiNarrativeSection *s = narrative->sections->pdata[i];
          if (s->indicators > 0 && !(y == 0 ? s->has_current : s->has_previous))
            g_ptr_array_add (without, s->heading);
        }
      if (without->len > 0)
        {
          g_autofree char *when = itogi_format_year (years[y]);
          g_autofree char *list = NULL;

          g_ptr_array_add (without, NULL);
          list = g_strjoinv ("; ", (char **)without->pdata);
          if (message->len > 0)
            g_string_append_c (message, ' ');
          /* Translators: «За 2024 г. нет ни одного показателя по направлениям: Кадры; Обращения
           * граждан.» */
          g_string_append_printf (message, _ ("There is no figure for %s in: %s."), when, list);
        }
    }
  return message->len > 0 ? g_string_free (g_steal_pointer (&message), FALSE) : NULL;
}
