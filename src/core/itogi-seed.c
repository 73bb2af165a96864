/* itogi-seed.c: fill a new database from the built-in data file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-narrative.h"
#include "itogi-seed.h"
#include "itogi-seed-resources.h"
#include "itogi-store.h"

#define SEED_RESOURCE "/ru/kaluga/Itogi/seed/report-2023.ini"

G_DEFINE_QUARK (itogi - seed - error - quark, itogi_seed_error)

static gboolean
seed_error (GError **error, const char *group, const char *key, const char *what)
{
  g_set_error (error, ITOGI_SEED_ERROR, 0, _ ("The data file is wrong in [%s] %s: %s"), group,
               key != NULL ? key : "", what);
  return FALSE;
}

/* Keys like "value.2023" carry the year after the dot. */
static gboolean
year_of_key (const char *key, const char *prefix, int *year)
{
  gsize len = strlen (prefix);
  char *end = NULL;
  long y;

  if (strncmp (key, prefix, len) != 0 || key[len] != '.')
    return FALSE;
  y = strtol (key + len + 1, &end, 10);
  if (end == key + len + 1 || *end != '\0' || y < 1900 || y > 2200)
    return FALSE;
  *year = (int)y;
  return TRUE;
}

static gboolean
load_year_notes (GKeyFile *file, const char *group, gint64 owner_id, ItogiStore *store,
                 gboolean (*setter) (ItogiStore *, gint64, int, const char *, GError **), GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      int year;

      if (!year_of_key (keys[i], "note", &year))
        continue;
      text = g_key_file_get_string (file, group, keys[i], error);
      if (text == NULL || !setter (store, owner_id, year, text, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_indicator (GKeyFile *file, ItogiStore *store, gint64 area_id, const char *area_slug, const char *slug,
                int position, GError **error)
{
  g_autofree char *group = g_strdup_printf ("indicator %s/%s", area_slug, slug);
  g_autoptr (ItogiIndicator) ind = itogi_indicator_new ();
  g_autofree char *kind = NULL, *aggregation = NULL, *polarity = NULL;
  g_auto (GStrv) forms = NULL;
  g_auto (GStrv) keys = NULL;
  g_autoptr (GError) template_error = NULL;

  if (!g_key_file_has_group (file, group))
    return seed_error (error, group, NULL, _ ("the group is missing"));

  ind->area_id = area_id;
  ind->slug = g_strdup (slug);
  ind->position = position;
  ind->title = g_key_file_get_string (file, group, "title", error);
  if (ind->title == NULL)
    return FALSE;
  ind->unit = g_key_file_get_string (file, group, "unit", NULL);
  ind->description = g_key_file_get_string (file, group, "description", NULL);
  forms = g_key_file_get_string_list (file, group, "forms", NULL, NULL);
  if (forms != NULL && g_strv_length (forms) != 3)
    return seed_error (error, group, "forms", _ ("give three forms: one;few;many"));
  for (guint i = 0; forms != NULL && i < 3; i++)
    ind->forms[i] = g_strdup (forms[i]);

  kind = g_key_file_get_string (file, group, "kind", NULL);
  aggregation = g_key_file_get_string (file, group, "aggregation", NULL);
  polarity = g_key_file_get_string (file, group, "polarity", NULL);
  if (!itogi_kind_from_string (kind, &ind->kind))
    return seed_error (error, group, "kind", kind != NULL ? kind : "");
  if (!itogi_aggregation_from_string (aggregation, &ind->aggregation))
    return seed_error (error, group, "aggregation", aggregation != NULL ? aggregation : "");
  if (!itogi_polarity_from_string (polarity, &ind->polarity))
    return seed_error (error, group, "polarity", polarity != NULL ? polarity : "");
  ind->scale = (guint)g_key_file_get_integer (file, group, "scale", NULL);
  /* The report's own sentence for the indicator; a broken one is the data file's error, found
   * here rather than when the report is written. */
  ind->sentence = g_key_file_get_string (file, group, "sentence", NULL);
  if (!itogi_narrative_check_template (ind->sentence, &template_error))
    return seed_error (error, group, "sentence", template_error->message);

  ind->id = itogi_store_add_indicator (store, ind, error);
  if (ind->id == 0)
    return FALSE;

  keys = g_key_file_get_keys (file, group, NULL, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_auto (ItogiValue) value = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *note_key = NULL, *as_of_key = NULL;
      g_autoptr (GError) parse_error = NULL;
      int year;

      if (!year_of_key (keys[i], "value", &year))
        continue;
      text = g_key_file_get_string (file, group, keys[i], error);
      if (text == NULL)
        return FALSE;
      value.present = TRUE;
      if (!itogi_parse_value (text, ind->kind, ind->scale, &value.amount, &value.qualifier, &parse_error))
        return seed_error (error, group, keys[i], parse_error->message);
      note_key = g_strdup_printf ("value-note.%d", year);
      as_of_key = g_strdup_printf ("as-of.%d", year);
      value.note = g_key_file_get_string (file, group, note_key, NULL);
      value.as_of = g_key_file_get_string (file, group, as_of_key, NULL);
      if (!itogi_store_set_value (store, ind->id, year, ITOGI_PERIOD_YEAR, 0, &value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_area (GKeyFile *file, ItogiStore *store, const char *slug, int position, GError **error)
{
  g_autofree char *group = g_strdup_printf ("area %s", slug);
  g_autoptr (ItogiArea) area = itogi_area_new ();
  g_auto (GStrv) indicators = NULL;
  g_auto (GStrv) institutions = NULL;

  if (!g_key_file_has_group (file, group))
    return seed_error (error, group, NULL, _ ("the group is missing"));
  area->slug = g_strdup (slug);
  area->position = position;
  area->title = g_key_file_get_string (file, group, "title", error);
  if (area->title == NULL)
    return FALSE;
  area->short_title = g_key_file_get_string (file, group, "short-title", NULL);
  if (area->short_title == NULL)
    area->short_title = g_strdup (area->title);
  area->description = g_key_file_get_string (file, group, "description", NULL);
  area->icon = g_key_file_get_string (file, group, "icon", NULL);
  area->id = itogi_store_add_area (store, area, error);
  if (area->id == 0)
    return FALSE;

  if (!load_year_notes (file, group, area->id, store, itogi_store_set_area_note, error))
    return FALSE;

  indicators = g_key_file_get_string_list (file, group, "indicators", NULL, NULL);
  for (guint i = 0; indicators != NULL && indicators[i] != NULL; i++)
    if (!load_indicator (file, store, area->id, slug, indicators[i], (int)i + 1, error))
      return FALSE;

  institutions = g_key_file_get_string_list (file, group, "institutions", NULL, NULL);
  for (guint i = 0; institutions != NULL && institutions[i] != NULL; i++)
    {
      g_autofree char *inst_group = g_strdup_printf ("institution %s/%s", slug, institutions[i]);
      g_autofree char *name = g_key_file_get_string (file, inst_group, "name", error);
      gint64 id;

      if (name == NULL)
        return FALSE;
      id = itogi_store_add_institution (store, area->id, name, (int)i + 1, error);
      if (id == 0 || !load_year_notes (file, inst_group, id, store, itogi_store_set_institution_note, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
itogi_seed_load_keyfile (ItogiStore *store, GKeyFile *file, GError **error)
{
  g_auto (GStrv) areas = NULL;
  static const char *const meta_keys[] = { "office", "report-title", "city" };

  if (g_key_file_get_integer (file, "Itogi", "format", NULL) != 1)
    return seed_error (error, "Itogi", "format", _ ("unknown format"));

  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      g_autofree char *value = g_key_file_get_string (file, "Itogi", meta_keys[i], NULL);
      if (value != NULL && !itogi_store_set_meta (store, meta_keys[i], value, error))
        return FALSE;
    }

  areas = g_key_file_get_string_list (file, "Itogi", "areas", NULL, error);
  if (areas == NULL)
    return FALSE;
  for (guint i = 0; areas[i] != NULL; i++)
    if (!load_area (file, store, areas[i], (int)i + 1, error))
      return FALSE;
  return TRUE;
}

gboolean
itogi_seed_load (ItogiStore *store, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GKeyFile) file = g_key_file_new ();
  gsize size;
  const char *data;

  bytes = g_resource_lookup_data (itogi_seed_get_resource (), SEED_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!g_key_file_load_from_data (file, data, size, G_KEY_FILE_NONE, error))
    return FALSE;
  return itogi_seed_load_keyfile (store, file, error);
}

static gboolean
fill_with_seed (ItogiStore *store, gpointer data, GError **error)
{
  return itogi_seed_load (store, error);
}

ItogiStore *
itogi_seed_create (const char *path, GError **error)
{
  return itogi_store_create (path, fill_with_seed, NULL, error);
}

ItogiStore *
itogi_seed_open_default (GError **error)
{
  return itogi_store_open_default (fill_with_seed, NULL, error);
}
