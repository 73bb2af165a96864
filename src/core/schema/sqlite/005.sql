-- SPDX-License-Identifier: GPL-3.0-or-later
-- Itogi's data format 5 on SQLite, from format 4: the year's sign-off. Each area's year is a draft, submitted (by whoever edits the area) or approved (by the head of administration); no row is a draft. The figures, notes and tasks of an approved year are locked by the triggers below until it is unlocked, and every change of status is recorded in the history like any edit.
-- Run in one transaction by the store; the schema a file of this format must have exactly.
CREATE TABLE area_status (
  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (area_id, year)) STRICT;
CREATE TRIGGER area_status_insert AFTER INSERT ON area_status WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'area_status', 'insert',
  NULL,
  json_object('area_id', NEW.area_id, 'year', NEW.year, 'status', NEW.status, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER area_status_update AFTER UPDATE ON area_status WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'area_status', 'update',
  json_object('area_id', OLD.area_id, 'year', OLD.year, 'status', OLD.status, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  json_object('area_id', NEW.area_id, 'year', NEW.year, 'status', NEW.status, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at));
END;
CREATE TRIGGER area_status_delete AFTER DELETE ON area_status WHEN EXISTS (SELECT 1 FROM edit_session)
 BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'area_status', 'delete',
  json_object('area_id', OLD.area_id, 'year', OLD.year, 'status', OLD.status, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),
  NULL);
END;
CREATE TRIGGER indicator_values_approved_insert BEFORE INSERT ON indicator_values
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM indicators WHERE id = NEW.indicator_id) AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER indicator_values_approved_update BEFORE UPDATE ON indicator_values
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM indicators WHERE id = OLD.indicator_id) AND s.year = OLD.year AND s.status = 'approved') OR EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM indicators WHERE id = NEW.indicator_id) AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER indicator_values_approved_delete BEFORE DELETE ON indicator_values
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM indicators WHERE id = OLD.indicator_id) AND s.year = OLD.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER area_notes_approved_insert BEFORE INSERT ON area_notes
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = NEW.area_id AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER area_notes_approved_update BEFORE UPDATE ON area_notes
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = OLD.area_id AND s.year = OLD.year AND s.status = 'approved') OR EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = NEW.area_id AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER area_notes_approved_delete BEFORE DELETE ON area_notes
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = OLD.area_id AND s.year = OLD.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER tasks_approved_insert BEFORE INSERT ON tasks
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = NEW.area_id AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER tasks_approved_update BEFORE UPDATE ON tasks
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = OLD.area_id AND s.year = OLD.year AND s.status = 'approved') OR EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = NEW.area_id AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER tasks_approved_delete BEFORE DELETE ON tasks
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = OLD.area_id AND s.year = OLD.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER institution_notes_approved_insert BEFORE INSERT ON institution_notes
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM institutions WHERE id = NEW.institution_id) AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER institution_notes_approved_update BEFORE UPDATE ON institution_notes
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM institutions WHERE id = OLD.institution_id) AND s.year = OLD.year AND s.status = 'approved') OR EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM institutions WHERE id = NEW.institution_id) AND s.year = NEW.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
CREATE TRIGGER institution_notes_approved_delete BEFORE DELETE ON institution_notes
 WHEN EXISTS (SELECT 1 FROM area_status s WHERE s.area_id = (SELECT area_id FROM institutions WHERE id = OLD.institution_id) AND s.year = OLD.year AND s.status = 'approved')
 BEGIN SELECT RAISE (ABORT, 'itogi: the area''s year is approved'); END;
