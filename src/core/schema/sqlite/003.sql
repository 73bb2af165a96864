-- SPDX-License-Identifier: GPL-3.0-or-later
-- Itogi's data format 3 on SQLite, from format 2: an indicator's report sentence template (NULL: the default sentence), and the report text as edited in the Report view, per area and pair of years; both recorded in the history.
-- Run in one transaction by the store; the schema a file of this format must have exactly.
ALTER TABLE indicators ADD COLUMN sentence TEXT;
CREATE TABLE report_texts ( area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE, year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200), compare_year INTEGER NOT NULL CHECK (compare_year BETWEEN 1900 AND 2200), text TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (area_id, year, compare_year)) STRICT;
DROP TRIGGER indicators_insert;
DROP TRIGGER indicators_update;
DROP TRIGGER indicators_delete;
CREATE TRIGGER indicators_insert AFTER INSERT ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'insert', NULL, json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', NEW.position, 'description', NEW.description, 'archived', NEW.archived, 'sentence', NEW.sentence));
END;
CREATE TRIGGER indicators_update AFTER UPDATE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'update', json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', OLD.position, 'description', OLD.description, 'archived', OLD.archived, 'sentence', OLD.sentence), json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', NEW.position, 'description', NEW.description, 'archived', NEW.archived, 'sentence', NEW.sentence));
END;
CREATE TRIGGER indicators_delete AFTER DELETE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'delete', json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', OLD.position, 'description', OLD.description, 'archived', OLD.archived, 'sentence', OLD.sentence), NULL);
END;
CREATE TRIGGER report_texts_insert AFTER INSERT ON report_texts WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'report_texts', 'insert', NULL, json_object('area_id', NEW.area_id, 'year', NEW.year, 'compare_year', NEW.compare_year, 'text', NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER report_texts_update AFTER UPDATE ON report_texts WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'report_texts', 'update', json_object('area_id', OLD.area_id, 'year', OLD.year, 'compare_year', OLD.compare_year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at), json_object('area_id', NEW.area_id, 'year', NEW.year, 'compare_year', NEW.compare_year, 'text', NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER report_texts_delete AFTER DELETE ON report_texts WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'report_texts', 'delete', json_object('area_id', OLD.area_id, 'year', OLD.year, 'compare_year', OLD.compare_year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at), NULL);
END;
