/* test-narrative.c: the report written out in Russian, agreement and all
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected phrases are written out by hand, not computed: they are what a Russian reader
 * expects, and the code has to meet them.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-narrative.h"
#include "itogi-seed-resources.h"
#include "itogi-seed.h"
#include "itogi-store.h"
#include "test-util.h"

#define G "\u202f"  /* between digit groups */
#define NB "\u00a0" /* no-break space */
#define ND "\u2013" /* en dash */
/* «(2022 г. – 23 142)» as the sentences write it. */
#define CMP(year, figure) "(" year NB "г." NB ND NB figure ")"

#define MORE ITOGI_QUALIFIER_MORE
#define OVER ITOGI_QUALIFIER_OVER
#define ORDER ITOGI_QUALIFIER_ORDER
#define ABOUT ITOGI_QUALIFIER_ABOUT
#define LESS ITOGI_QUALIFIER_LESS

static ItogiIndicator *
indicator_new (const char *title, const char *one, const char *few, const char *many, ItogiKind kind,
               guint scale, const char *sentence)
{
  ItogiIndicator *ind = itogi_indicator_new ();

  ind->title = g_strdup (title);
  ind->forms[0] = g_strdup (one);
  ind->forms[1] = g_strdup (few);
  ind->forms[2] = g_strdup (many);
  ind->kind = kind;
  ind->scale = scale;
  ind->sentence = g_strdup (sentence);
  return ind;
}

static char *
sentence_of (const ItogiIndicator *ind, gint64 amount, ItogiQualifier q)
{
  ItogiValue current = { .present = TRUE, .amount = amount, .qualifier = q };
  g_autoptr (GError) error = NULL;
  char *sentence = itogi_narrative_sentence (ind, &current, NULL, 2023, 2022, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sentence);
  return sentence;
}

/* ---- grammar ---- */

typedef struct
{
  const char *slug;
  const char *forms[3];
  const char *template;
} Noun;

/* Each noun with the verb and adjective that must agree with the figure around it. */
static const Noun nouns[] = {
  { "обращение",
    { "обращение", "обращения", "обращений" },
    "поступило {число} {письменное|письменных|письменных|письменного} {сущ}" },
  { "проверка",
    { "проверка", "проверки", "проверок" },
    "{проведена|проведены|проведено|проведено} {число} {сущ}" },
  { "запрос", { "запрос", "запроса", "запросов" }, "{поступил|поступили|поступило|поступило} {число} {сущ}" },
  { "заявление", { "заявление", "заявления", "заявлений" }, "принято {число} {сущ}" },
  /* Three forms only: after «более 21» the few form («гражданина») is the genitive singular. */
  { "гражданин",
    { "гражданин", "гражданина", "граждан" },
    "{консультацию получил|консультации получили|консультации получили} {число} {сущ}" },
  { "услуга",
    { "услуга", "услуги", "услуг" },
    "{оказывается|оказываются|оказывается|оказывается} {число} "
    "{электронная|электронные|электронных|электронной} {сущ}" },
};

typedef struct
{
  const char *noun;
  gint64 amount; /* in tenths when decimal */
  ItogiQualifier q;
  gboolean decimal;
  const char *expected;
} GrammarCase;

static const GrammarCase grammar_cases[] = {
  /* обращение: neuter noun, an adjective before it. */
  { "обращение", 0, 0, FALSE, "поступило 0 письменных обращений" },
  { "обращение", 1, 0, FALSE, "поступило 1 письменное обращение" },
  { "обращение", 2, 0, FALSE, "поступило 2 письменных обращения" },
  { "обращение", 4, 0, FALSE, "поступило 4 письменных обращения" },
  { "обращение", 5, 0, FALSE, "поступило 5 письменных обращений" },
  { "обращение", 11, 0, FALSE, "поступило 11 письменных обращений" },
  { "обращение", 12, 0, FALSE, "поступило 12 письменных обращений" },
  { "обращение", 14, 0, FALSE, "поступило 14 письменных обращений" },
  { "обращение", 21, 0, FALSE, "поступило 21 письменное обращение" },
  { "обращение", 22, 0, FALSE, "поступило 22 письменных обращения" },
  { "обращение", 25, 0, FALSE, "поступило 25 письменных обращений" },
  { "обращение", 101, 0, FALSE, "поступило 101 письменное обращение" },
  { "обращение", 111, 0, FALSE, "поступило 111 письменных обращений" },
  { "обращение", 1001, 0, FALSE, "поступило 1" G "001 письменное обращение" },
  { "обращение", 6553, 0, FALSE, "поступило 6" G "553 письменных обращения" },
  { "обращение", 22808, 0, FALSE, "поступило 22" G "808 письменных обращений" },
  { "обращение", 15, 0, TRUE, "поступило 1,5 письменного обращения" },
  { "обращение", 21, MORE, FALSE, "поступило более" NB "21 письменного обращения" },
  { "обращение", 22, OVER, FALSE, "поступило свыше" NB "22 письменных обращений" },
  { "обращение", 1, ABOUT, FALSE, "поступило около" NB "1 письменного обращения" },
  { "обращение", 101, ABOUT, FALSE, "поступило около" NB "101 письменного обращения" },
  { "обращение", 111, ORDER, FALSE, "поступило порядка" NB "111 письменных обращений" },
  { "обращение", 340, ORDER, FALSE, "поступило порядка" NB "340 письменных обращений" },
  { "обращение", 1234, ORDER, FALSE, "поступило порядка" NB "1" G "234 письменных обращений" },
  /* Round qualified figures in words, the noun in the genitive plural after «тысяч(и)». */
  { "обращение", 8000, MORE, FALSE, "поступило более" NB "8" NB "тысяч письменных обращений" },
  { "обращение", 6000, OVER, FALSE, "поступило свыше" NB "6" NB "тысяч письменных обращений" },
  { "обращение", 5600, MORE, FALSE, "поступило более" NB "5,6" NB "тысячи письменных обращений" },
  { "обращение", 1000, MORE, FALSE, "поступило более" NB "1" NB "тысячи письменных обращений" },
  { "обращение", 2000, ABOUT, FALSE, "поступило около" NB "2" NB "тысяч письменных обращений" },
  { "обращение", 21000, ORDER, FALSE, "поступило порядка" NB "21" NB "тысячи письменных обращений" },
  { "обращение", 1500000, MORE, FALSE, "поступило более" NB "1,5" NB "миллиона письменных обращений" },
  /* An exact round figure keeps its digits. */
  { "обращение", 8000, 0, FALSE, "поступило 8" G "000 письменных обращений" },

  /* проверка: feminine; the verb agrees in number and gender. */
  { "проверка", 0, 0, FALSE, "проведено 0 проверок" },
  { "проверка", 1, 0, FALSE, "проведена 1 проверка" },
  { "проверка", 2, 0, FALSE, "проведены 2 проверки" },
  { "проверка", 4, 0, FALSE, "проведены 4 проверки" },
  { "проверка", 5, 0, FALSE, "проведено 5 проверок" },
  { "проверка", 11, 0, FALSE, "проведено 11 проверок" },
  { "проверка", 12, 0, FALSE, "проведено 12 проверок" },
  { "проверка", 14, 0, FALSE, "проведено 14 проверок" },
  { "проверка", 21, 0, FALSE, "проведена 21 проверка" },
  { "проверка", 22, 0, FALSE, "проведены 22 проверки" },
  { "проверка", 23, 0, FALSE, "проведены 23 проверки" },
  { "проверка", 25, 0, FALSE, "проведено 25 проверок" },
  { "проверка", 101, 0, FALSE, "проведена 101 проверка" },
  { "проверка", 111, 0, FALSE, "проведено 111 проверок" },
  { "проверка", 1001, 0, FALSE, "проведена 1" G "001 проверка" },
  { "проверка", 6553, 0, FALSE, "проведены 6" G "553 проверки" },
  { "проверка", 22808, 0, FALSE, "проведено 22" G "808 проверок" },
  { "проверка", 15, 0, TRUE, "проведено 1,5 проверки" },
  { "проверка", 21, MORE, FALSE, "проведено более" NB "21 проверки" },
  { "проверка", 4, ABOUT, FALSE, "проведено около" NB "4 проверок" },
  { "проверка", 25, ORDER, FALSE, "проведено порядка" NB "25 проверок" },

  /* запрос: masculine. */
  { "запрос", 1, 0, FALSE, "поступил 1 запрос" },
  { "запрос", 2, 0, FALSE, "поступили 2 запроса" },
  { "запрос", 5, 0, FALSE, "поступило 5 запросов" },
  { "запрос", 11, 0, FALSE, "поступило 11 запросов" },
  { "запрос", 12, 0, FALSE, "поступило 12 запросов" },
  { "запрос", 21, 0, FALSE, "поступил 21 запрос" },
  { "запрос", 22, 0, FALSE, "поступили 22 запроса" },
  { "запрос", 111, 0, FALSE, "поступило 111 запросов" },
  { "запрос", 15, 0, TRUE, "поступило 1,5 запроса" },
  { "запрос", 21, OVER, FALSE, "поступило свыше" NB "21 запроса" },
  { "запрос", 340, ORDER, FALSE, "поступило порядка" NB "340 запросов" },

  /* заявление */
  { "заявление", 1, 0, FALSE, "принято 1 заявление" },
  { "заявление", 2, 0, FALSE, "принято 2 заявления" },
  { "заявление", 14, 0, FALSE, "принято 14 заявлений" },
  { "заявление", 3493, 0, FALSE, "принято 3" G "493 заявления" },
  { "заявление", 8374, 0, FALSE, "принято 8" G "374 заявления" },
  { "заявление", 101, MORE, FALSE, "принято более" NB "101 заявления" },

  /* гражданин: «65 граждан». */
  { "гражданин", 1, 0, FALSE, "консультацию получил 1 гражданин" },
  { "гражданин", 2, 0, FALSE, "консультации получили 2 гражданина" },
  { "гражданин", 11, 0, FALSE, "консультации получили 11 граждан" },
  { "гражданин", 21, 0, FALSE, "консультацию получил 21 гражданин" },
  { "гражданин", 65, 0, FALSE, "консультации получили 65 граждан" },
  { "гражданин", 21, MORE, FALSE, "консультации получили более" NB "21 гражданина" },
  { "гражданин", 65, ABOUT, FALSE, "консультации получили около" NB "65 граждан" },

  /* услуга: a feminine adjective takes the nominative plural after 2–4. */
  { "услуга", 1, 0, FALSE, "оказывается 1 электронная услуга" },
  { "услуга", 4, 0, FALSE, "оказываются 4 электронные услуги" },
  { "услуга", 12, 0, FALSE, "оказывается 12 электронных услуг" },
  { "услуга", 50, 0, FALSE, "оказывается 50 электронных услуг" },
  { "услуга", 71, 0, FALSE, "оказывается 71 электронная услуга" },
  { "услуга", 74, 0, FALSE, "оказываются 74 электронные услуги" },
  { "услуга", 21, MORE, FALSE, "оказывается более" NB "21 электронной услуги" },
};

static const Noun *
find_noun (const char *slug)
{
  for (gsize i = 0; i < G_N_ELEMENTS (nouns); i++)
    if (strcmp (nouns[i].slug, slug) == 0)
      return &nouns[i];
  g_assert_not_reached ();
}

static void
test_grammar (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (grammar_cases); i++)
    {
      const GrammarCase *c = &grammar_cases[i];
      const Noun *noun = find_noun (c->noun);
      g_autoptr (ItogiIndicator) ind = indicator_new (
          "Заголовок", noun->forms[0], noun->forms[1], noun->forms[2],
          c->decimal ? ITOGI_KIND_DECIMAL : ITOGI_KIND_COUNT, c->decimal ? 1 : 0, noun->template);
      g_autofree char *sentence = sentence_of (ind, c->amount, c->q);

      if (g_strcmp0 (sentence, c->expected) != 0)
        g_error ("%s %" G_GINT64_FORMAT " (%s): «%s», expected «%s»", c->noun, c->amount,
                 itogi_qualifier_to_string (c->q), sentence, c->expected);
    }
  g_test_message ("%" G_GSIZE_FORMAT " phrases", G_N_ELEMENTS (grammar_cases));
}

/* ---- the report's own sentences ---- */

typedef struct
{
  const char *slug;     /* AREA/INDICATOR in data/report-2023.ini */
  const char *seed[3];  /* as the source report writes it: checked against the report's text */
  const char *ours[5];  /* what the generated sentence must state */
  const char *never[2]; /* what it must not */
} SeedCase;

static const SeedCase seed_cases[] = {
  { "documents/incoming-legal",
    { "В течение 2023 года", "поступило 22808 (2022 г. - 23142) обращений от юридических лиц" },
    { "В течение 2023" NB "года",
      "поступило 22" G "808 " CMP ("2022", "23" G "142") " обращений от юридических лиц." } },
  { "documents/head-instructions",
    { "индивидуальных поручений Городского Головы города Калуги – 1079 (2022 г. - 1064)" },
    /* Alone, the list's lead and its item: «Было зарегистрировано: …». */
    { "Было зарегистрировано: индивидуальных поручений Городского Головы города Калуги" NB "– 1" G
      "079 " CMP ("2022", "1" G "064") "." } },
  { "documents/outgoing",
    { "Было зарегистрировано:", "исходящих – 3997 (2022 г. - 4829)" },
    { "Было зарегистрировано: исходящих документов" NB "– 3" G "997 " CMP ("2022", "4" G "829") "." } },
  { "documents/other-documents",
    { "прочих – 1543 (2022 г. - 1674) – это договоры, доверенности и внутренние документы" },
    { "прочих документов" NB "– 1" G "543 " CMP ("2022", "1" G "674") NB
      "– это договоры, доверенности и внутренние документы." } },
  { "documents/control-documents",
    { "Обработано более 8 тысяч контрольных документов, поступивших в адрес Городского Головы города Калуги "
      "от "
      "организаций" },
    { "Обработано более" NB "8" NB
      "тысяч контрольных документов, поступивших в адрес Городского Головы города "
      "Калуги от организаций." },
    /* The report gives no 2022 figure: no comparison is made up. */
    { "2022" } },
  { "documents/meeting-instructions",
    { "было поставлено на контроль 1959 поручений" },
    { "было поставлено на контроль 1" G "959 поручений." },
    { "2022" } },
  { "documents/broadcast-instructions",
    { "на контроле находятся 4 поручения" },
    { "на контроле находятся 4 поручения." } },
  { "appeals/written-appeals",
    { "получено и зарегистрировано 6553 письменных, в том числе и коллективных, обращения граждан",
      "Это меньше, чем в 2022 году на 2% (2022 г.  – 6667)" },
    { "По итогам 2023" NB "года получено и зарегистрировано 6" G "553 " CMP ("2022", "6" G "667"),
      "письменных, в том числе и коллективных, обращения граждан.",
      /* The source rounds −1,71 % to «2%»; one decimal is kept here. */
      "Это меньше, чем в 2022" NB "году, на 1,7" NB "%." } },
  { "financial-control/inspections",
    { "в 2023 году проведены 23 (16 в 2022 г.) выездные и камеральные проверки" },
    { "в 2023" NB "году проведены 23 " CMP ("2022", "16") " выездные и камеральные проверки." } },
  { "financial-control/budget-savings",
    { "Экономия бюджетных средств в 2023 году составила 779 тыс. руб.", "(779 054,51)" },
    { "Экономия бюджетных средств в 2023" NB "году составила 779" NB "тыс." NB "руб. (779" G "054,51" NB
      "руб.)." } },
  { "legal/legal-clinic",
    { "даны консультации 65 гражданам" },
    /* The source's dative («гражданам») becomes a subject, which agrees with any figure. */
    { "консультации получили 65 граждан." } },
  { "legal/lawsuits",
    { "подали свыше 6 тысяч (2022 г. - 6624) исков и заявлений" },
    { "подали свыше" NB "6" NB "тысяч " CMP ("2022", "6" G "624") " исков и заявлений." },
    /* «свыше 6 000» against 6 624 says nothing about the change. */
    { "больше", "меньше" } },
  { "legal/court-sessions",
    { "в более чем 5,6 тысяч (2022 г. - 5648) заседаний" },
    /* «5,6 тысячи»: a fraction governs the genitive singular (the source has «тысяч»). */
    { "более" NB "5,6" NB "тысячи " CMP ("2022", "5" G "648") " заседаний." },
    { "больше", "меньше" } },
  { "legal/recovered",
    { "в бюджет города взыскано 119 млн руб. (119 585 521, 99)" },
    /* One decimal of millions, where the source cuts to «119 млн». */
    { "в бюджет города взыскано 119,6" NB "млн" NB "руб. (119" G "585" G "521,99" NB "руб.)." } },
  { "admin-barriers/e-services",
    { "оказывается 71 электронная услуга органов Городской Управы города Калуги",
      "в конце 2022 года в электронном виде оказывалось 74 услуги" },
    { "оказывается 71 " CMP ("2022", "74") " электронная услуга органов Городской Управы города Калуги." } },
  { "admin-barriers/mfc-services",
    { "получения заявителями 50 государственных и муниципальных услуг через Многофункциональный центр «Мои "
      "документы»" },
    { "получения заявителями 50 государственных и муниципальных услуг через Многофункциональный центр «Мои "
      "документы»." } },
  { "admin-barriers/mfc-applications",
    { "за 2023 год составило 3493 заявления (в 2022 году количество заявлений 8374" },
    { "за 2023 год составило 3" G "493 " CMP ("2022", "8" G "374") " заявления.",
      "Это в 2,4" NB "раза меньше, чем в 2022" NB "году." } },
  { "personnel/staff-trained",
    { "по профессиональному развитию порядка 340 (2022 г. - 300) сотрудников" },
    { "в 2023" NB "году были организованы мероприятия по профессиональному развитию порядка" NB
      "340 " CMP ("2022", "300") " сотрудников." },
    /* «порядка 340» against 300: no change is stated. */
    { "%", "больше" } },
};

static GKeyFile *
load_seed_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = g_resource_lookup_data (itogi_seed_get_resource (), "/ru/kaluga/Itogi/seed/report-2023.ini",
                                G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  GKeyFile *file = g_key_file_new ();
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_key_file_load_from_data (file, data, size, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  return file;
}

/* The indicator and its two years as the data file gives them, without a store. */
static ItogiIndicator *
seed_indicator (GKeyFile *file, const char *slug, ItogiValue *current, ItogiValue *previous)
{
  g_autofree char *group = g_strconcat ("indicator ", slug, NULL);
  g_autofree char *kind = g_key_file_get_string (file, group, "kind", NULL);
  g_auto (GStrv) forms = g_key_file_get_string_list (file, group, "forms", NULL, NULL);
  ItogiIndicator *ind = itogi_indicator_new ();
  ItogiValue *values[] = { current, previous };
  const char *keys[] = { "value.2023", "value.2022" };

  g_assert_true (g_key_file_has_group (file, group));
  ind->title = g_key_file_get_string (file, group, "title", NULL);
  ind->sentence = g_key_file_get_string (file, group, "sentence", NULL);
  g_assert_nonnull (ind->sentence);
  g_assert_cmpuint (g_strv_length (forms), ==, 3);
  for (guint i = 0; i < 3; i++)
    ind->forms[i] = g_strdup (forms[i]);
  g_assert_true (itogi_kind_from_string (kind, &ind->kind));
  ind->scale = (guint)g_key_file_get_integer (file, group, "scale", NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = g_key_file_get_string (file, group, keys[i], NULL);
      g_autoptr (GError) error = NULL;

      *values[i] = (ItogiValue){ 0 };
      if (text == NULL)
        continue;
      values[i]->present = itogi_parse_value (text, ind->kind, ind->scale, &values[i]->amount,
                                              &values[i]->qualifier, &error);
      g_assert_no_error (error);
    }
  return ind;
}

static void
test_seed_sentences (void)
{
  g_autoptr (GKeyFile) file = load_seed_file ();
  const char *report_path = g_getenv ("ITOGI_SEED_REPORT");
  g_autofree char *report = NULL;
  g_auto (GStrv) areas = g_key_file_get_string_list (file, "Itogi", "areas", NULL, NULL);
  guint indicators = 0;

  /* The expected seed fragments are the source's own words: check them against it too. The
   * source is a verbatim copy kept with the tests (tests/data), so this check always runs. */
  g_assert_nonnull (report_path);
  if (!g_file_get_contents (report_path, &report, NULL, NULL))
    g_error ("the source report %s cannot be read", report_path);

  /* Every indicator of the data file has a case. */
  for (guint a = 0; areas[a] != NULL; a++)
    {
      g_autofree char *group = g_strconcat ("area ", areas[a], NULL);
      g_auto (GStrv) slugs = g_key_file_get_string_list (file, group, "indicators", NULL, NULL);

      for (guint i = 0; slugs != NULL && slugs[i] != NULL; i++)
        {
          g_autofree char *slug = g_strconcat (areas[a], "/", slugs[i], NULL);
          gboolean found = FALSE;

          for (gsize c = 0; c < G_N_ELEMENTS (seed_cases); c++)
            found |= strcmp (seed_cases[c].slug, slug) == 0;
          if (!found)
            g_error ("%s has no case here", slug);
          indicators++;
        }
    }
  g_assert_cmpuint (indicators, ==, G_N_ELEMENTS (seed_cases));

  for (gsize c = 0; c < G_N_ELEMENTS (seed_cases); c++)
    {
      const SeedCase *sc = &seed_cases[c];
      g_auto (ItogiValue) current = { 0 };
      g_auto (ItogiValue) previous = { 0 };
      g_autoptr (ItogiIndicator) ind = seed_indicator (file, sc->slug, &current, &previous);
      g_autoptr (GError) error = NULL;
      g_autofree char *sentence = itogi_narrative_sentence (ind, &current, &previous, 2023, 2022, &error);

      g_assert_no_error (error);
      g_assert_nonnull (sentence);
      g_test_message ("%s: %s", sc->slug, sentence);
      for (guint i = 0; i < G_N_ELEMENTS (sc->seed) && sc->seed[i] != NULL; i++)
        if (strstr (report, sc->seed[i]) == NULL)
          g_error ("%s: «%s» is not in the source report", sc->slug, sc->seed[i]);
      for (guint i = 0; i < G_N_ELEMENTS (sc->ours) && sc->ours[i] != NULL; i++)
        if (strstr (sentence, sc->ours[i]) == NULL)
          g_error ("%s: «%s» lacks «%s»", sc->slug, sentence, sc->ours[i]);
      for (guint i = 0; i < G_N_ELEMENTS (sc->never) && sc->never[i] != NULL; i++)
        if (strstr (sentence, sc->never[i]) != NULL)
          g_error ("%s: «%s» states «%s»", sc->slug, sentence, sc->never[i]);
      /* One sentence, or two where the change has one of its own; never a brace left over. */
      g_assert_null (strchr (sentence, '{'));
      g_assert_null (strchr (sentence, '}'));
      g_assert_true (g_str_has_suffix (sentence, "."));
    }
}

/* ---- money, changes, approximate figures ---- */

typedef struct
{
  gint64 kopecks;
  ItogiQualifier q;
  const char *expected;
} MoneyCase;

static const MoneyCase money_cases[] = {
  { 77905451, 0, "779" NB "тыс." NB "руб. (779" G "054,51" NB "руб.)" },
  { 11958552199, 0, "119,6" NB "млн" NB "руб. (119" G "585" G "521,99" NB "руб.)" },
  { 95050, 0, "950,50" NB "руб." },
  { 50000, 0, "500" NB "руб." },
  { 77900000, 0, "779" NB "тыс." NB "руб." },
  { 77905400, 0, "779" NB "тыс." NB "руб. (779" G "054" NB "руб.)" },
  { 12000000000, 0, "120" NB "млн" NB "руб." },
  /* Under ten thousand rubles the sum is exact: «2 тыс.» would lose a quarter of 1 500. */
  { 150050, 0, "1" G "500,50" NB "руб." },
  { 940000, 0, "9" G "400" NB "руб." },
  { 999999, 0, "10" NB "тыс." NB "руб. (9" G "999,99" NB "руб.)" },
  /* The unit is the one the rounded sum reaches: never «1 000 тыс.» or «1 000 млн». */
  { 99999999, 0, "1" NB "млн" NB "руб. (999" G "999,99" NB "руб.)" },
  { 99999999999, 0, "1" NB "млрд" NB "руб. (999" G "999" G "999,99" NB "руб.)" },
  { 99999999, MORE, "более" NB "999" NB "тыс." NB "руб." },
  { 234567890100, 0, "2,3" NB "млрд" NB "руб. (2" G "345" G "678" G "901" NB "руб.)" },
  /* A bound is rounded only the way that keeps it true; no exact figure for a qualified sum. */
  { 77965400, MORE, "более" NB "779" NB "тыс." NB "руб." },
  { 77905400, LESS, "менее" NB "780" NB "тыс." NB "руб." },
  { 77965400, ABOUT, "около" NB "780" NB "тыс." NB "руб." },
  { 11958552199, OVER, "свыше" NB "119,5" NB "млн" NB "руб." },
};

static void
test_money (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (money_cases); i++)
    {
      ItogiValue value = { .present = TRUE, .amount = money_cases[i].kopecks, .qualifier = money_cases[i].q };
      g_autofree char *text = itogi_narrative_format_figure (&value, ITOGI_KIND_MONEY, 2);

      g_assert_cmpstr (text, ==, money_cases[i].expected);
    }

  /* In a sentence the comparison gives the exact sum, without a second pair of brackets. */
  {
    g_autoptr (ItogiIndicator) ind = indicator_new ("Экономия", "рубль", "рубля", "рублей", ITOGI_KIND_MONEY,
                                                    2, "Экономия составила {число} {сравнение}.");
    ItogiValue current = { .present = TRUE, .amount = 77905451 };
    ItogiValue previous = { .present = TRUE, .amount = 50000000 };
    g_autofree char *sentence = itogi_narrative_sentence (ind, &current, &previous, 2023, 2022, NULL);

    /* One bracket holds the exact sum and the year before. */
    g_assert_cmpstr (sentence, ==,
                     "Экономия составила 779" NB "тыс." NB "руб. (779" G "054,51" NB "руб.; 2022" NB "г." NB
                     "–" NB "500" G "000" NB "руб.).");
  }
}

typedef struct
{
  gint64 current;
  ItogiQualifier current_q;
  gint64 previous;
  ItogiQualifier previous_q;
  ItogiKind kind;
  const char *expected;
} ChangeCase;

#define THAN "чем в 2022" NB "году"

static const ChangeCase change_cases[] = {
  /* The report's own pairs. */
  { 6553, 0, 6667, 0, ITOGI_KIND_COUNT, "меньше, " THAN ", на 1,7" NB "%" },
  { 22808, 0, 23142, 0, ITOGI_KIND_COUNT, "меньше, " THAN ", на 1,4" NB "%" },
  { 23, 0, 16, 0, ITOGI_KIND_COUNT, "больше, " THAN ", на 43,8" NB "%" },
  { 3493, 0, 8374, 0, ITOGI_KIND_COUNT, "в 2,4" NB "раза меньше, " THAN },
  { 71, 0, 74, 0, ITOGI_KIND_COUNT, "меньше, " THAN ", на 4,1" NB "%" },
  /* A ratio of 1,5 or more is said in times, with «раз» agreeing. */
  { 24, 0, 16, 0, ITOGI_KIND_COUNT, "в 1,5" NB "раза больше, " THAN },
  { 32, 0, 16, 0, ITOGI_KIND_COUNT, "в 2" NB "раза больше, " THAN },
  { 80, 0, 16, 0, ITOGI_KIND_COUNT, "в 5" NB "раз больше, " THAN },
  { 336, 0, 16, 0, ITOGI_KIND_COUNT, "в 21" NB "раз больше, " THAN },
  { 16, 0, 64, 0, ITOGI_KIND_COUNT, "в 4" NB "раза меньше, " THAN },
  { 110, 0, 100, 0, ITOGI_KIND_COUNT, "больше, " THAN ", на 10" NB "%" },
  { 5, 0, 5, 0, ITOGI_KIND_COUNT, "столько же, сколько в 2022" NB "году" },
  { 100001, 0, 100000, 0, ITOGI_KIND_COUNT, "незначительно больше, " THAN },
  /* From nothing: the direction, no percent of zero. */
  { 5, 0, 0, 0, ITOGI_KIND_COUNT, "больше, " THAN },
  { 0, 0, 5, 0, ITOGI_KIND_COUNT, "меньше, " THAN ", на 100" NB "%" },
  { 77905451, 0, 50000000, 0, ITOGI_KIND_MONEY, "в 1,6" NB "раза больше, " THAN },
  /* Percentages change in percentage points (scale 1: 12,5 % against 10,0 %). */
  { 125, 0, 100, 0, ITOGI_KIND_PERCENT, "больше, " THAN ", на 2,5" NB "п." NB "п." },
  /* Approximate figures: never a number; a bound that fixes the direction gives only that. */
  { 340, ORDER, 300, 0, ITOGI_KIND_COUNT, "" },
  { 340, 0, 300, ABOUT, ITOGI_KIND_COUNT, "" },
  { 6000, OVER, 6624, 0, ITOGI_KIND_COUNT, "" },
  { 5600, MORE, 5648, 0, ITOGI_KIND_COUNT, "" },
  { 6000, MORE, 5648, 0, ITOGI_KIND_COUNT, "больше, " THAN },
  { 10, LESS, 16, 0, ITOGI_KIND_COUNT, "меньше, " THAN },
  { 5000, 0, 6000, OVER, ITOGI_KIND_COUNT, "меньше, " THAN },
  { 7000, MORE, 6000, MORE, ITOGI_KIND_COUNT, "" },
  { 7000, MORE, 6000, ABOUT, ITOGI_KIND_COUNT, "" },
};

static void
test_changes (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (change_cases); i++)
    {
      const ChangeCase *c = &change_cases[i];
      ItogiValue current = { .present = TRUE, .amount = c->current, .qualifier = c->current_q };
      ItogiValue previous = { .present = TRUE, .amount = c->previous, .qualifier = c->previous_q };
      g_autofree char *text = itogi_narrative_format_change (&current, &previous, c->kind,
                                                             c->kind == ITOGI_KIND_PERCENT ? 1 : 0, 2022);

      if (g_strcmp0 (text, c->expected) != 0)
        g_error ("%" G_GINT64_FORMAT " against %" G_GINT64_FORMAT ": «%s», expected «%s»", c->current,
                 c->previous, text, c->expected);
    }

  /* A side missing, or a year whose months are not all in: nothing. */
  {
    ItogiValue current = { .present = TRUE, .amount = 23 };
    ItogiValue missing = { 0 };
    ItogiValue partial = { .present = TRUE, .amount = 10, .derived = TRUE, .partial = TRUE };
    g_autofree char *none = itogi_narrative_format_change (&current, &missing, ITOGI_KIND_COUNT, 0, 2022);
    g_autofree char *part = itogi_narrative_format_change (&partial, &current, ITOGI_KIND_COUNT, 0, 2022);

    g_assert_cmpstr (none, ==, "");
    g_assert_cmpstr (part, ==, "");
  }
}

/* The approximate-figure rule in whole sentences: the optional part with the change goes. */
static void
test_approximate_sentences (void)
{
  g_autoptr (ItogiIndicator) ind
      = indicator_new ("Обучено сотрудников", "сотрудник", "сотрудника", "сотрудников", ITOGI_KIND_COUNT, 0,
                       "Обучено {число} {сравнение} {сущ}.{? Это {изменение}.}");
  ItogiValue previous = { .present = TRUE, .amount = 300 };
  struct
  {
    gint64 amount;
    ItogiQualifier q;
    const char *expected;
  } cases[] = {
    { 340, ORDER, "Обучено порядка" NB "340 " CMP ("2022", "300") " сотрудников." },
    { 340, 0, "Обучено 340 " CMP ("2022", "300") " сотрудников. Это больше, " THAN ", на 13,3" NB "%." },
    { 340, MORE, "Обучено более" NB "340 " CMP ("2022", "300") " сотрудников. Это больше, " THAN "." },
    { 250, LESS, "Обучено менее" NB "250 " CMP ("2022", "300") " сотрудников. Это меньше, " THAN "." },
    { 350, LESS, "Обучено менее" NB "350 " CMP ("2022", "300") " сотрудников." },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ItogiValue current = { .present = TRUE, .amount = cases[i].amount, .qualifier = cases[i].q };
      g_autofree char *sentence = itogi_narrative_sentence (ind, &current, &previous, 2023, 2022, NULL);

      g_assert_cmpstr (sentence, ==, cases[i].expected);
    }
}

/* ---- templates ---- */

static void
test_template_placeholders (void)
{
  g_autoptr (ItogiIndicator) ind = indicator_new (
      "Поступило обращений от юридических лиц.", "обращение", "обращения", "обращений", ITOGI_KIND_COUNT, 0,
      "{год}|{году}|{отчётный год}|{отчетный год}|{год сравнения}|{название}|{ число }");
  ItogiValue current = { .present = TRUE, .amount = 22808 };
  g_autofree char *sentence = itogi_narrative_sentence (ind, &current, NULL, 2023, 2022, NULL);

  g_assert_cmpstr (sentence, ==,
                   "2023" NB "года|2023" NB "году|2023|2023|2022|Поступило обращений от юридических лиц|22" G
                   "808");
}

static void
test_template_spacing (void)
{
  g_autoptr (ItogiIndicator) ind
      = indicator_new ("Т", "обращение", "обращения", "обращений", ITOGI_KIND_COUNT, 0,
                       "Поступило {число} {сравнение} {сущ}{? ({изменение})}.");
  ItogiValue current = { .present = TRUE, .amount = 5 };
  ItogiValue previous = { .present = TRUE, .amount = 4 };
  g_autofree char *alone = itogi_narrative_sentence (ind, &current, NULL, 2023, 2022, NULL);
  g_autofree char *compared = itogi_narrative_sentence (ind, &current, &previous, 2023, 2022, NULL);

  /* Without a comparison no space is left doubled, and the optional part goes whole. */
  g_assert_cmpstr (alone, ==, "Поступило 5 обращений.");
  g_assert_cmpstr (compared, ==,
                   "Поступило 5 " CMP ("2022", "4") " обращений (больше, " THAN ", на 25" NB "%).");

  {
    g_autoptr (ItogiIndicator) end
        = indicator_new ("Т", "обращение", "обращения", "обращений", ITOGI_KIND_COUNT, 0,
                         "Поступило {сущ}: {число} {сравнение}");
    g_autofree char *sentence = itogi_narrative_sentence (end, &current, NULL, 2023, 2022, NULL);
    g_assert_cmpstr (sentence, ==, "Поступило обращений: 5");
  }
}

typedef struct
{
  const char *template;
  ItogiNarrativeError code;
  const char *named; /* the message names the problem with this */
} BadTemplate;

static void
test_template_errors (void)
{
  static const BadTemplate bad[] = {
    { "Поступило {число обращений.", ITOGI_NARRATIVE_ERROR_UNBALANCED, "{число обращений." },
    { "Поступило число} обращений.", ITOGI_NARRATIVE_ERROR_UNBALANCED, "}" },
    { "Поступило {число {сущ}}.", ITOGI_NARRATIVE_ERROR_UNBALANCED, "{число {сущ}}" },
    { "Поступило {число}.{? Это {изменение}.", ITOGI_NARRATIVE_ERROR_UNBALANCED, "{? Это {изменение}." },
    { "Поступило {чсило}.", ITOGI_NARRATIVE_ERROR_PLACEHOLDER, "{чсило}" },
    { "Поступило {number}.", ITOGI_NARRATIVE_ERROR_PLACEHOLDER, "{number}" },
    { "Поступило {} обращений.", ITOGI_NARRATIVE_ERROR_PLACEHOLDER, "{}" },
    { "{поступил|поступило} {число}", ITOGI_NARRATIVE_ERROR_FORMS, "{поступил|поступило}" },
    { "{а|б|в|г|д} {число}", ITOGI_NARRATIVE_ERROR_FORMS, "5" },
    { "\xff{число}", ITOGI_NARRATIVE_ERROR_INVALID, "UTF-8" },
  };
  static const char *const good[] = {
    NULL,
    "",
    "Поступило {число} {сравнение} {сущ}.",
    "{?{?{изменение}}}",
    "{поступил|поступило|поступило} {число}",
    "{|||}", /* four empty forms: legal, if of little use */
    "Без чисел вовсе.",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ItogiIndicator) ind
          = indicator_new ("Т", "обращение", "обращения", "обращений", ITOGI_KIND_COUNT, 0, bad[i].template);
      ItogiValue current = { .present = TRUE, .amount = 5 };
      g_autofree char *sentence = NULL;

      g_assert_false (itogi_narrative_check_template (bad[i].template, &error));
      g_assert_error (error, ITOGI_NARRATIVE_ERROR, (int)bad[i].code);
      if (strstr (error->message, bad[i].named) == NULL)
        g_error ("«%s»: the message «%s» does not name «%s»", bad[i].template, error->message, bad[i].named);
      g_clear_error (&error);

      /* The sentence refuses it the same way. */
      sentence = itogi_narrative_sentence (ind, &current, NULL, 2023, 2022, &error);
      g_assert_null (sentence);
      g_assert_error (error, ITOGI_NARRATIVE_ERROR, (int)bad[i].code);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_assert_true (itogi_narrative_check_template (good[i], &error));
      g_assert_no_error (error);
    }

  /* {сущ} needs the indicator's forms: found when the sentence is made. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (ItogiIndicator) ind
        = indicator_new ("Т", NULL, NULL, NULL, ITOGI_KIND_COUNT, 0, "Поступило {число} {сущ}.");
    ItogiValue current = { .present = TRUE, .amount = 5 };
    g_autofree char *sentence = itogi_narrative_sentence (ind, &current, NULL, 2023, 2022, &error);

    g_assert_null (sentence);
    g_assert_error (error, ITOGI_NARRATIVE_ERROR, ITOGI_NARRATIVE_ERROR_NO_NOUN);
  }
}

static void
test_no_figure (void)
{
  g_autoptr (ItogiIndicator) ind
      = indicator_new ("Т", "обращение", "обращения", "обращений", ITOGI_KIND_COUNT, 0,
                       "Поступило {число} {сравнение} {сущ}.");
  ItogiValue missing = { 0 };
  ItogiValue previous = { .present = TRUE, .amount = 23142 };
  g_autoptr (GError) error = NULL;

  /* Last year's figure alone makes no sentence for this year. */
  g_assert_null (itogi_narrative_sentence (ind, &missing, &previous, 2023, 2022, &error));
  g_assert_no_error (error);
  g_assert_null (itogi_narrative_sentence (ind, NULL, &previous, 2023, 2022, &error));
  g_assert_no_error (error);
}

static void
test_default_sentence (void)
{
  g_autoptr (ItogiIndicator) ind = indicator_new ("Поступило обращений от юридических лиц", "обращение",
                                                  "обращения", "обращений", ITOGI_KIND_COUNT, 0, NULL);
  g_autoptr (ItogiIndicator) approx
      = indicator_new ("Сотрудники, охваченные мероприятиями по профессиональному развитию.", "сотрудник",
                       "сотрудника", "сотрудников", ITOGI_KIND_COUNT, 0, "");
  ItogiValue current = { .present = TRUE, .amount = 22808 };
  ItogiValue previous = { .present = TRUE, .amount = 23142 };
  ItogiValue about = { .present = TRUE, .amount = 340, .qualifier = ORDER };
  ItogiValue before = { .present = TRUE, .amount = 300 };
  g_autofree char *full = itogi_narrative_sentence (ind, &current, &previous, 2023, 2022, NULL);
  g_autofree char *alone = itogi_narrative_sentence (ind, &current, NULL, 2023, 2022, NULL);
  g_autofree char *approximate = itogi_narrative_sentence (approx, &about, &before, 2023, 2022, NULL);

  g_assert_cmpstr (full, ==,
                   "Поступило обращений от юридических лиц: 22" G
                   "808 " CMP ("2022", "23" G "142") "; это меньше, " THAN ", на 1,4" NB "%.");
  g_assert_cmpstr (alone, ==, "Поступило обращений от юридических лиц: 22" G "808.");
  g_assert_cmpstr (approximate, ==,
                   "Сотрудники, охваченные мероприятиями по профессиональному развитию: порядка" NB
                   "340 " CMP ("2022", "300") ".");
}

static void
test_partial_year (void)
{
  g_autoptr (ItogiIndicator) ind
      = indicator_new ("Т", "обращение", "обращения", "обращений", ITOGI_KIND_COUNT, 0,
                       "Поступило {число} {сравнение} {сущ}.{? Это {изменение}.}");
  ItogiValue current = { .present = TRUE, .amount = 120, .derived = TRUE, .partial = TRUE };
  ItogiValue previous = { .present = TRUE, .amount = 300 };
  g_autofree char *sentence = itogi_narrative_sentence (ind, &current, &previous, 2023, 2022, NULL);

  /* Three months are not a year: said so, and neither a change nor the whole year before set
   * beside them. */
  g_assert_cmpstr (sentence, ==, "Поступило 120 (по неполным данным) обращений.");
}

/* ---- the report from a store ---- */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("itogi-narrative-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = itogi_test_database (f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static const ItogiNarrativeSection *
find_section (const ItogiNarrative *narrative, const char *slug)
{
  for (guint i = 0; i < narrative->sections->len; i++)
    {
      const ItogiNarrativeSection *section = g_ptr_array_index (narrative->sections, i);
      if (strcmp (section->slug, slug) == 0)
        return section;
    }
  g_error ("no section %s", slug);
}

static void
assert_contains (const char *text, const char *part, const char *where)
{
  if (strstr (text, part) == NULL)
    g_error ("%s: «%s» lacks «%s»", where, text, part);
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (GKeyFile) file = load_seed_file ();
  g_auto (GStrv) slugs = g_key_file_get_string_list (file, "Itogi", "areas", NULL, NULL);
  g_autoptr (ItogiArea) appeals = NULL;
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autofree char *stored_title = NULL;
  g_autofree char *text = NULL;
  const ItogiNarrativeSection *section;
  const char *at;

  g_assert_no_error (error);
  appeals = itogi_store_find_area (store, "appeals", &error);
  g_assert_no_error (error);
  g_assert_cmpint (
      itogi_store_add_task (store, appeals->id, 2024, "Сократить сроки ответа на обращения.", &error), >, 0);
  g_assert_cmpint (itogi_store_add_task (store, appeals->id, 2024, "Перейти на электронный журнал.", &error),
                   >, 0);
  /* A task for another year is not this report's. */
  g_assert_cmpint (itogi_store_add_task (store, appeals->id, 2023, "Прошлогодняя задача.", &error), >, 0);
  g_assert_no_error (error);

  narrative = itogi_narrative_build (store, 2023, 2022, &error);
  g_assert_no_error (error);
  g_assert_nonnull (narrative);
  stored_title = itogi_store_get_meta (store, "report-title");
  g_assert_cmpstr (narrative->title, ==, stored_title);
  g_assert_cmpstr (narrative->office, ==, "Управление делами Городского Головы города Калуги");
  g_assert_cmpint (narrative->year, ==, 2023);
  g_assert_cmpint (narrative->compare_year, ==, 2022);

  /* Every area, in tab order, under its own title. */
  g_assert_cmpuint (narrative->sections->len, ==, g_strv_length (slugs));
  for (guint i = 0; slugs[i] != NULL; i++)
    {
      g_autofree char *group = g_strconcat ("area ", slugs[i], NULL);
      g_autofree char *title = g_key_file_get_string (file, group, "title", NULL);

      section = g_ptr_array_index (narrative->sections, i);
      g_assert_cmpstr (section->slug, ==, slugs[i]);
      g_assert_cmpstr (section->heading, ==, title);
      g_assert_false (section->edited);
    }

  /* Figures, then the area's notes, each a paragraph. */
  section = find_section (narrative, "documents");
  assert_contains (section->body, "22" G "808 " CMP ("2022", "23" G "142"), "documents");
  assert_contains (section->body, "более" NB "8" NB "тысяч", "documents");
  assert_contains (section->body, "\nИспользование различных форм контроля", "documents");
  g_assert_cmpuint (section->tasks->len, ==, 0);
  section = find_section (narrative, "legal");
  assert_contains (section->body, "119,6" NB "млн" NB "руб. (119" G "585" G "521,99" NB "руб.)", "legal");
  assert_contains (section->body, "свыше" NB "6" NB "тысяч " CMP ("2022", "6" G "624"), "legal");
  section = find_section (narrative, "institutions");
  assert_contains (section->body, "МКУ \"Служба информационного обеспечения\" продолжает", "institutions");
  section = find_section (narrative, "public-relations");
  g_assert_cmpstr (section->body, ==, "");
  section = find_section (narrative, "appeals");
  g_assert_cmpuint (section->tasks->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (section->tasks, 0), ==, "Сократить сроки ответа на обращения.");
  g_assert_cmpstr (g_ptr_array_index (section->tasks, 1), ==, "Перейти на электронный журнал.");

  text = itogi_narrative_to_text (narrative);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, stored_title));
  at = text;
  for (guint i = 0; i < narrative->sections->len; i++)
    {
      g_autofree char *heading = NULL;
      section = g_ptr_array_index (narrative->sections, i);
      heading = g_strconcat ("\n\n", section->heading, "\n", NULL);
      /* The headings come in order. */
      at = strstr (at, heading);
      if (at == NULL)
        g_error ("heading «%s» missing or out of order", section->heading);
    }
  assert_contains (
      text,
      "\n\nРабота с общественными организациями и правоохранительными органами\nСведений за 2023" NB
      "год нет.\n",
      "to_text");
  /* The tasks close the report, under their area's heading; only the area with tasks is named
   * there. */
  g_assert_true (g_str_has_suffix (text, "\n\nЗадачи на 2024" NB "год\n\nОбращения граждан\n" ND
                                         " Сократить сроки ответа на обращения.\n" ND
                                         " Перейти на электронный журнал.\n"));
  g_assert_null (strstr (strstr (text, "Задачи на 2024" NB "год\n") + 1, "Задачи на 2024" NB "год\n"));
  g_assert_null (strstr (text, "Прошлогодняя"));
  g_assert_true (itogi_narrative_has_tasks (narrative));
}

/* The report written in the source's manner: it opens with the year's areas; indicators that
 * share a lead are one list, those that share a subject one sentence; an explanation follows the
 * figure it explains; a note that only repeats its sentence is not said twice. */
static void
test_report_manner (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autofree char *text = NULL;
  const ItogiNarrativeSection *section;
  const char *at;

  g_assert_no_error (error);
  narrative = itogi_narrative_build (store, 2023, 2022, &error);
  g_assert_no_error (error);

  /* The opening, as the source has it, word for word: the areas of activity, not the
   * institutions. */
  g_assert_cmpstr (
      narrative->introduction, ==,
      "Основными направлениями в отчетном году, по которым осуществлялась деятельность "
      "управления, являлись:\n" ND
      " контроль за исполнением документов, поступивших в адрес Городского Головы города Калуги;\n" ND
      " обращения граждан и организаций по вопросам местного значения;\n" ND
      " работа с общественными организациями и правоохранительными органами;\n" ND
      " внутренний муниципальный финансовый контроль;\n" ND
      " правовое обеспечение деятельности всех структурных подразделений Городской Управы города "
      "Калуги;\n" ND " снижение административных барьеров при предоставлении услуг;\n" ND
      " развитие кадрового потенциала.");
  g_assert_null (strstr (narrative->introduction, "учреждения"));
  text = itogi_narrative_to_text (narrative);
  assert_contains (text, "год\n\nОсновными направлениями", "to_text");

  /* «Было зарегистрировано:» and its three items, one list, as the source writes it. */
  section = find_section (narrative, "documents");
  assert_contains (
      section->body,
      "лиц.\nБыло зарегистрировано:\n" ND " индивидуальных поручений Городского Головы города Калуги" NB
      "– 1" G "079 " CMP ("2022", "1" G "064") ";\n" ND " исходящих документов" NB "– 3" G "997 " CMP (
          "2022", "4" G "829") ";\n" ND " прочих документов" NB "– 1" G "543 " CMP ("2022", "1" G "674") NB
      "– это договоры, доверенности и внутренние документы.\nОбработано",
      "documents");
  g_assert_null (strstr (section->body, "Зарегистрировано"));
  /* A note that only repeats its sentence is left out: «с учетом … в социальных сетях» once. */
  at = strstr (section->body, "социальных сетях");
  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, "социальных сетях"));

  /* «Юристы …» once: «подали … и приняли участие …». */
  section = find_section (narrative, "legal");
  assert_contains (section->body,
                   "\nЮристы Городской Управы города Калуги подали свыше" NB "6" NB
                   "тысяч " CMP ("2022", "6" G "624") " исков и заявлений и приняли участие в заседаниях "
                                                      "судов общей юрисдикции и арбитражных судов: "
                                                      "всего более" NB "5,6" NB
                                                      "тысячи " CMP ("2022", "5" G "648") " заседаний.\n",
                   "legal");
  g_assert_null (strstr (strstr (section->body, "Юристы") + 1, "Юристы"));

  /* 71 against 74: the explanation stands right after its figure; the rounded «на 2%» of the
   * source is not said beside the computed change. */
  section = find_section (narrative, "admin-barriers");
  assert_contains (
      section->body,
      "71 " CMP (
          "2022",
          "74") " электронная услуга органов Городской Управы города Калуги. В конце "
                "2022 года в электронном виде оказывалось 74 услуги, однако ряд услуг социального блока был "
                "передан для предоставления в Социальный фонд России.\n",
      "admin-barriers");
  assert_contains (section->body,
                   "Это в 2,4" NB "раза меньше, чем в 2022" NB
                   "году. Уменьшение количества заявлений вызвано",
                   "admin-barriers");
  section = find_section (narrative, "appeals");
  g_assert_null (strstr (section->body, "2%"));
  assert_contains (section->body, "на 1,7" NB "%.", "appeals");

  /* No tasks entered: the report writes none, not even the heading. */
  g_assert_false (itogi_narrative_has_tasks (narrative));
  g_assert_null (strstr (text, "Задачи на 2024" NB "год\n"));
}

static ItogiIndicator *
shared_indicator (const char *title, const char *sentence)
{
  ItogiIndicator *ind = g_new0 (ItogiIndicator, 1);

  ind->title = g_strdup (title);
  ind->sentence = g_strdup (sentence);
  ind->kind = ITOGI_KIND_COUNT;
  return ind;
}

/* {:} and {и} in templates: alone a sentence reads whole; a run shares; a different lead, a
 * sentence of two, or an indicator between breaks the run. Built through the store, as the
 * report is. */
static void
test_shared_templates (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiIndicator) alone = shared_indicator ("Проверки", "Проведено{:} проверок" NB "– {число}.");
  g_autoptr (ItogiIndicator) joined = shared_indicator ("Иски", "Юристы{и} подали {число} исков.");
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autoptr (ItogiArea) area = NULL;
  g_autofree char *one = NULL, *two = NULL;
  ItogiValue value = { .present = TRUE, .amount = 5 };
  const ItogiNarrativeSection *section;
  static const struct
  {
    const char *slug;
    const char *sentence;
    gint64 amount;
  } indicators[] = {
    { "a", "Проведено{:} выездных проверок" NB "– {число}.", 3 },
    { "b", "Проведено{:} камеральных проверок" NB "– {число}.", 4 },
    { "c", "Принято{:} решений" NB "– {число}.", 6 },
    { "d", "Юристы{и} подали {число} исков.{? Это {изменение}.}", 10 },
    { "e", "Юристы{и} выиграли {число} дел.", 7 },
    { "f", "Юристы{и} провели {число} консультаций.", 8 },
    { "g", "Юристы{и} составили {число} договоров.", 9 },
  };

  g_assert_no_error (error);
  /* Alone: the lead with a colon; the subject with nothing between. */
  one = itogi_narrative_sentence (alone, &value, NULL, 2023, 2022, &error);
  g_assert_cmpstr (one, ==, "Проведено: проверок" NB "– 5.");
  two = itogi_narrative_sentence (joined, &value, NULL, 2023, 2022, &error);
  g_assert_cmpstr (two, ==, "Юристы подали 5 исков.");
  g_assert_true (itogi_narrative_check_template ("Было{:} {число}", &error));
  g_assert_true (itogi_narrative_check_template ("Юристы{и} подали {число}", &error));

  area = itogi_area_new ();
  area->slug = g_strdup ("shared");
  area->title = g_strdup ("Проверка шаблонов");
  area->short_title = g_strdup ("Шаблоны");
  area->description = g_strdup ("");
  area->icon = g_strdup ("");
  area->position = 100;
  area->id = itogi_store_add_area (store, area, &error);
  g_assert_no_error (error);
  g_assert_cmpint (area->id, >, 0);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      g_autoptr (ItogiIndicator) ind = shared_indicator (indicators[i].slug, indicators[i].sentence);
      g_auto (ItogiValue) v = { .present = TRUE, .amount = indicators[i].amount };
      g_auto (ItogiValue) before = { .present = TRUE, .amount = indicators[i].amount * 2 };

      ind->area_id = area->id;
      ind->slug = g_strdup (indicators[i].slug);
      ind->unit = g_strdup ("ед.");
      ind->id = itogi_store_add_indicator (store, ind, &error);
      g_assert_no_error (error);
      g_assert_true (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
      /* Only «d» has a comparison: its change makes it two sentences. */
      if (strcmp (indicators[i].slug, "d") == 0)
        g_assert_true (itogi_store_set_value (store, ind->id, 2022, ITOGI_PERIOD_YEAR, 0, &before, &error));
      g_assert_no_error (error);
    }

  narrative = itogi_narrative_build (store, 2023, 2022, &error);
  g_assert_no_error (error);
  section = find_section (narrative, "shared");
  g_test_message ("%s", section->body);
  g_assert_true (g_str_has_prefix (section->body, "Проведено:\n" ND " выездных проверок" NB "– 3;\n" ND
                                                  " камеральных проверок" NB "– 4.\n"
                                                  "Принято: решений" NB "– 6.\n"));
  /* «d» says two sentences: the run starts after it; three share the subject: commas, then «и». */
  assert_contains (section->body, "Это в 2" NB "раза меньше, чем в 2022" NB "году.\n", "shared");
  assert_contains (section->body, "\nЮристы выиграли 7 дел, провели 8 консультаций и составили 9 договоров.",
                   "shared");
  g_assert_null (strstr (section->body, "\x1e"));
  g_assert_null (strstr (section->body, "\x1f"));
}

/* The seed's templates reach the report through the store, which keeps each indicator's
 * sentence (schema v3). */
/* Made a section at a time (as the Report view makes them after its first frame), the report is
 * the one made whole: every section's heading, text, edit, tasks and chart, in order. */
static void
test_report_by_sections (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (ItogiNarrative) whole = NULL, parts = NULL;

  g_assert_no_error (error);
  areas = itogi_store_list_areas (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, >, 2);
  /* One section edited, so that the edit is applied the same way. */
  g_assert_true (itogi_store_set_report_text (store, ((ItogiArea *)areas->pdata[1])->id, 2023, 2022,
                                              "Отредактированный текст.", &error));
  g_assert_no_error (error);

  whole = itogi_narrative_build_edited (store, 2023, 2022, &error);
  g_assert_no_error (error);
  parts = itogi_narrative_begin (store, 2023, 2022);
  g_assert_cmpuint (parts->sections->len, ==, 0);
  g_assert_cmpstr (parts->title, ==, whole->title);
  g_assert_cmpstr (parts->office, ==, whole->office);
  for (guint i = 0; i < areas->len; i++)
    {
      g_assert_true (itogi_narrative_add_section (parts, store, areas->pdata[i], &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (parts->sections->len, ==, whole->sections->len);
  for (guint i = 0; i < whole->sections->len; i++)
    {
      const ItogiNarrativeSection *a = whole->sections->pdata[i], *b = parts->sections->pdata[i];

      g_assert_cmpint (a->area_id, ==, b->area_id);
      g_assert_cmpstr (a->heading, ==, b->heading);
      g_assert_cmpstr (a->body, ==, b->body);
      g_assert_cmpstr (a->generated, ==, b->generated);
      g_assert_cmpint (a->edited, ==, b->edited);
      g_assert_cmpstr (a->chart, ==, b->chart);
      g_assert_cmpuint (a->tasks->len, ==, b->tasks->len);
      for (guint t = 0; t < a->tasks->len; t++)
        g_assert_cmpstr (a->tasks->pdata[t], ==, b->tasks->pdata[t]);
    }
  g_assert_true (((ItogiNarrativeSection *)parts->sections->pdata[1])->edited);
  {
    g_autofree char *x = itogi_narrative_to_text (whole), *y = itogi_narrative_to_text (parts);
    g_assert_cmpstr (x, ==, y);
  }
}

static void
test_report_templates (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (GPtrArray) indicators = NULL;
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autofree char *text = NULL;
  guint with_sentence = 0;

  g_assert_no_error (error);
  indicators = itogi_store_list_indicators (store, 0, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < indicators->len; i++)
    with_sentence += ((const ItogiIndicator *)g_ptr_array_index (indicators, i))->sentence != NULL;
  g_assert_cmpuint (with_sentence, ==, indicators->len);

  narrative = itogi_narrative_build (store, 2023, 2022, &error);
  g_assert_no_error (error);
  text = itogi_narrative_to_text (narrative);
  assert_contains (text,
                   "В течение 2023" NB
                   "года в управление делами Городского Головы города Калуги поступило 22" G
                   "808 " CMP ("2022", "23" G "142") " обращений от юридических лиц.",
                   "report");
  assert_contains (text,
                   "в 2023" NB "году проведены 23 " CMP ("2022", "16") " выездные и камеральные проверки.",
                   "report");
  assert_contains (text, "Это меньше, чем в 2022" NB "году, на 1,7" NB "%.", "report");
  assert_contains (text, "порядка" NB "340 " CMP ("2022", "300") " сотрудников.", "report");

  /* A template broken after it was saved (an import, an old file) gives the default sentence:
   * the figure stays in the report. */
  for (guint i = 0; i < indicators->len; i++)
    {
      ItogiIndicator *ind = g_ptr_array_index (indicators, i);
      if (strcmp (ind->slug, "incoming-legal") != 0)
        continue;
      g_free (ind->sentence);
      ind->sentence = g_strdup ("Поступило {число обращений.");
      g_assert_true (itogi_store_update_indicator (store, ind, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&narrative, itogi_narrative_free);
  narrative = itogi_narrative_build (store, 2023, 2022, &error);
  g_assert_no_error (error);
  assert_contains (find_section (narrative, "documents")->body,
                   "Поступило обращений от юридических лиц: 22" G
                   "808 " CMP ("2022", "23" G "142") "; это меньше",
                   "fallback");
}

/* A year made of months counts as the table counts it; a year short of months says so. */
static void
test_report_derived_year (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiArea) area = NULL;
  g_autoptr (ItogiIndicator) monthly
      = indicator_new ("Проведено встреч с общественными организациями", "встреча", "встречи", "встреч",
                       ITOGI_KIND_COUNT, 0, NULL);
  g_autoptr (ItogiIndicator) quarter
      = indicator_new ("Направлено запросов в правоохранительные органы", "запрос", "запроса", "запросов",
                       ITOGI_KIND_COUNT, 0, NULL);
  g_autoptr (ItogiNarrative) narrative = NULL;
  const ItogiNarrativeSection *section;
  ItogiValue value = { .present = TRUE };

  g_assert_no_error (error);
  area = itogi_store_find_area (store, "public-relations", &error);
  g_assert_no_error (error);
  monthly->area_id = quarter->area_id = area->id;
  monthly->slug = g_strdup ("meetings");
  quarter->slug = g_strdup ("requests");
  monthly->id = itogi_store_add_indicator (store, monthly, &error);
  g_assert_no_error (error);
  quarter->id = itogi_store_add_indicator (store, quarter, &error);
  g_assert_no_error (error);

  for (int m = 1; m <= 12; m++)
    {
      value.amount = m; /* 1 + 2 + … + 12 = 78 */
      g_assert_true (itogi_store_set_value (store, monthly->id, 2023, ITOGI_PERIOD_MONTH, m, &value, &error));
    }
  value.amount = 70;
  g_assert_true (itogi_store_set_value (store, monthly->id, 2022, ITOGI_PERIOD_YEAR, 0, &value, &error));
  for (int m = 1; m <= 3; m++)
    {
      value.amount = 7;
      g_assert_true (itogi_store_set_value (store, quarter->id, 2023, ITOGI_PERIOD_MONTH, m, &value, &error));
    }
  g_assert_no_error (error);

  narrative = itogi_narrative_build (store, 2023, 2022, &error);
  g_assert_no_error (error);
  section = find_section (narrative, "public-relations");
  g_assert_cmpstr (
      section->body, ==,
      "Проведено встреч с общественными организациями: 78 " CMP (
          "2022", "70") "; это больше, " THAN ", на 11,4" NB "%.\n"
                        "Направлено запросов в правоохранительные органы: 21 (по неполным данным).");
}

/* Another year: its own title, and no figure or note borrowed from the years around it. */
static void
test_report_other_year (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autofree char *text = NULL;
  guint empty = 0;
  const char *p;

  g_assert_no_error (error);
  narrative = itogi_narrative_build (store, 2024, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->title, ==,
                   "Отчет о деятельности управления делами Городского Головы города Калуги за 2024" NB
                   "год и задачах на 2025" NB "год");
  for (guint i = 0; i < narrative->sections->len; i++)
    g_assert_cmpstr (((const ItogiNarrativeSection *)g_ptr_array_index (narrative->sections, i))->body, ==,
                     "");

  text = itogi_narrative_to_text (narrative);
  for (p = text; (p = strstr (p, "Сведений за 2024" NB "год нет.")) != NULL; p++)
    empty++;
  g_assert_cmpuint (empty, ==, narrative->sections->len);

  /* An office whose name is not declined: the title still spells «отчет» as the source does. */
  g_assert_true (itogi_store_set_meta (store, "office", "Городская Дума города Калуги", &error));
  g_assert_no_error (error);
  g_clear_pointer (&narrative, itogi_narrative_free);
  narrative = itogi_narrative_build (store, 2024, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (narrative->title, ==,
                   "Городская Дума города Калуги: отчет о деятельности за 2024" NB "год и задачах на 2025" NB
                   "год");
  /* Nor does the opening guess at its head word. */
  g_assert_true (
      g_str_has_prefix (narrative->introduction, "Основными направлениями в отчетном году являлись:\n"));
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/core/narrative/grammar", test_grammar);
  g_test_add_func ("/core/narrative/seed-sentences", test_seed_sentences);
  g_test_add_func ("/core/narrative/money", test_money);
  g_test_add_func ("/core/narrative/changes", test_changes);
  g_test_add_func ("/core/narrative/approximate-sentences", test_approximate_sentences);
  g_test_add_func ("/core/narrative/template/placeholders", test_template_placeholders);
  g_test_add_func ("/core/narrative/template/spacing", test_template_spacing);
  g_test_add_func ("/core/narrative/template/errors", test_template_errors);
  g_test_add_func ("/core/narrative/no-figure", test_no_figure);
  g_test_add_func ("/core/narrative/default-sentence", test_default_sentence);
  g_test_add_func ("/core/narrative/partial-year", test_partial_year);
  g_test_add ("/core/narrative/report/seed", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add ("/core/narrative/report/manner", Fixture, NULL, fixture_set_up, test_report_manner,
              fixture_tear_down);
  g_test_add ("/core/narrative/report/shared-templates", Fixture, NULL, fixture_set_up, test_shared_templates,
              fixture_tear_down);
  g_test_add ("/core/narrative/report/by-sections", Fixture, NULL, fixture_set_up, test_report_by_sections,
              fixture_tear_down);
  g_test_add ("/core/narrative/report/templates", Fixture, NULL, fixture_set_up, test_report_templates,
              fixture_tear_down);
  g_test_add ("/core/narrative/report/derived-year", Fixture, NULL, fixture_set_up, test_report_derived_year,
              fixture_tear_down);
  g_test_add ("/core/narrative/report/other-year", Fixture, NULL, fixture_set_up, test_report_other_year,
              fixture_tear_down);
  return g_test_run ();
}
