-- SPDX-License-Identifier: GPL-3.0-or-later
-- Itogi's data format 2 on SQLite, from format 1: every change made in an edit step recorded with its old and new row, by triggers, so that nothing edited is ever untraceable and any step can be undone.
-- Run in one transaction by the store; the schema a file of this format must have exactly.
CREATE TABLE steps (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  label TEXT NOT NULL,
  undoes INTEGER REFERENCES steps (id)) STRICT;
CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  step INTEGER NOT NULL REFERENCES steps (id),
  tbl TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  old TEXT,
  new TEXT) STRICT;
CREATE INDEX history_by_step ON history (step);
CREATE TABLE edit_session (step INTEGER NOT NULL REFERENCES steps (id)) STRICT;
CREATE TRIGGER indicator_values_insert AFTER INSERT ON indicator_values WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicator_values', 'insert',
  NULL,
  json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'period', NEW.period, 'period_index', NEW.period_index, 'amount', NEW.amount, 'qualifier', NEW.qualifier, 'note', NEW.note, 'as_of', NEW.as_of, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER indicator_values_update AFTER UPDATE ON indicator_values WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicator_values', 'update',
  json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'period', OLD.period, 'period_index', OLD.period_index, 'amount', OLD.amount, 'qualifier', OLD.qualifier, 'note', OLD.note, 'as_of', OLD.as_of, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'period', NEW.period, 'period_index', NEW.period_index, 'amount', NEW.amount, 'qualifier', NEW.qualifier, 'note', NEW.note, 'as_of', NEW.as_of, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER indicator_values_delete AFTER DELETE ON indicator_values WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicator_values', 'delete',
  json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'period', OLD.period, 'period_index', OLD.period_index, 'amount', OLD.amount, 'qualifier', OLD.qualifier, 'note', OLD.note, 'as_of', OLD.as_of, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  NULL);
END;
CREATE TRIGGER area_notes_insert AFTER INSERT ON area_notes WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'area_notes', 'insert',
  NULL,
  json_object('area_id', NEW.area_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER area_notes_update AFTER UPDATE ON area_notes WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'area_notes', 'update',
  json_object('area_id', OLD.area_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  json_object('area_id', NEW.area_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER area_notes_delete AFTER DELETE ON area_notes WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'area_notes', 'delete',
  json_object('area_id', OLD.area_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  NULL);
END;
CREATE TRIGGER institution_notes_insert AFTER INSERT ON institution_notes WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'institution_notes', 'insert',
  NULL,
  json_object('institution_id', NEW.institution_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER institution_notes_update AFTER UPDATE ON institution_notes WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'institution_notes', 'update',
  json_object('institution_id', OLD.institution_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  json_object('institution_id', NEW.institution_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER institution_notes_delete AFTER DELETE ON institution_notes WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'institution_notes', 'delete',
  json_object('institution_id', OLD.institution_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  NULL);
END;
CREATE TRIGGER tasks_insert AFTER INSERT ON tasks WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'tasks', 'insert',
  NULL,
  json_object('id', NEW.id, 'area_id', NEW.area_id, 'year', NEW.year, 'position', NEW.position, 'text', NEW.text, 'done', NEW.done, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER tasks_update AFTER UPDATE ON tasks WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'tasks', 'update',
  json_object('id', OLD.id, 'area_id', OLD.area_id, 'year', OLD.year, 'position', OLD.position, 'text', OLD.text, 'done', OLD.done, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  json_object('id', NEW.id, 'area_id', NEW.area_id, 'year', NEW.year, 'position', NEW.position, 'text', NEW.text, 'done', NEW.done, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER tasks_delete AFTER DELETE ON tasks WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'tasks', 'delete',
  json_object('id', OLD.id, 'area_id', OLD.area_id, 'year', OLD.year, 'position', OLD.position, 'text', OLD.text, 'done', OLD.done, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  NULL);
END;
CREATE TRIGGER areas_insert AFTER INSERT ON areas WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'areas', 'insert',
  NULL,
  json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'short_title', NEW.short_title, 'description', NEW.description, 'icon', NEW.icon, 'position', NEW.position, 'archived', NEW.archived));
END;
CREATE TRIGGER areas_update AFTER UPDATE ON areas WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'areas', 'update',
  json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'short_title', OLD.short_title, 'description', OLD.description, 'icon', OLD.icon, 'position', OLD.position, 'archived', OLD.archived),
  json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'short_title', NEW.short_title, 'description', NEW.description, 'icon', NEW.icon, 'position', NEW.position, 'archived', NEW.archived));
END;
CREATE TRIGGER areas_delete AFTER DELETE ON areas WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'areas', 'delete',
  json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'short_title', OLD.short_title, 'description', OLD.description, 'icon', OLD.icon, 'position', OLD.position, 'archived', OLD.archived),
  NULL);
END;
CREATE TRIGGER indicators_insert AFTER INSERT ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'insert',
  NULL,
  json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', NEW.position, 'description', NEW.description, 'archived', NEW.archived));
END;
CREATE TRIGGER indicators_update AFTER UPDATE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'update',
  json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', OLD.position, 'description', OLD.description, 'archived', OLD.archived),
  json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', NEW.position, 'description', NEW.description, 'archived', NEW.archived));
END;
CREATE TRIGGER indicators_delete AFTER DELETE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'delete',
  json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', OLD.position, 'description', OLD.description, 'archived', OLD.archived),
  NULL);
END;
CREATE TRIGGER institutions_insert AFTER INSERT ON institutions WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'institutions', 'insert',
  NULL,
  json_object('id', NEW.id, 'area_id', NEW.area_id, 'name', NEW.name, 'position', NEW.position, 'archived', NEW.archived));
END;
CREATE TRIGGER institutions_update AFTER UPDATE ON institutions WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'institutions', 'update',
  json_object('id', OLD.id, 'area_id', OLD.area_id, 'name', OLD.name, 'position', OLD.position, 'archived', OLD.archived),
  json_object('id', NEW.id, 'area_id', NEW.area_id, 'name', NEW.name, 'position', NEW.position, 'archived', NEW.archived));
END;
CREATE TRIGGER institutions_delete AFTER DELETE ON institutions WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'institutions', 'delete',
  json_object('id', OLD.id, 'area_id', OLD.area_id, 'name', OLD.name, 'position', OLD.position, 'archived', OLD.archived),
  NULL);
END;
