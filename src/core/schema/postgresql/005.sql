-- SPDX-License-Identifier: GPL-3.0-or-later
-- Itogi's data format 5 on PostgreSQL, from format 4: the year's sign-off. Each area's year is a
-- draft, submitted (by whoever may edit the area) or approved (by the head of administration: a
-- role with every area, or the tables' owner); no row is a draft. The figures, notes and tasks of
-- an approved year are refused by the server, whoever writes them, until the head unlocks it; each
-- change of status is a recorded change like any edit.

CREATE TABLE area_status (
  area_id bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
  changed_by text NOT NULL,
  changed_at text NOT NULL,
  PRIMARY KEY (area_id, year)
);

CREATE TRIGGER area_status_history AFTER INSERT OR UPDATE OR DELETE ON area_status
  FOR EACH ROW EXECUTE FUNCTION itogi_record_change ();

-- The head of administration: a role given every area, the tables' owner, or a superuser.
CREATE FUNCTION itogi_is_head () RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce ((SELECT r.rolsuper OR pg_has_role (session_user, c.relowner, 'MEMBER')
                      FROM pg_catalog.pg_class c, pg_catalog.pg_roles r
                     WHERE c.oid = 'public.areas'::regclass AND r.rolname = session_user), false)
         OR EXISTS (SELECT 1 FROM public.access a WHERE a.role = session_user AND a.level = 'all')
$$;

ALTER TABLE area_status ENABLE ROW LEVEL SECURITY;
CREATE POLICY area_read ON area_status FOR SELECT USING (itogi_may_read (area_id));
CREATE POLICY area_edit ON area_status FOR ALL USING (itogi_may_edit (area_id)) WITH CHECK (itogi_may_edit (area_id));

-- Only the head approves, and only the head takes an approval back.
CREATE FUNCTION itogi_check_status () RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF ((TG_OP <> 'INSERT' AND OLD.status = 'approved') OR (TG_OP <> 'DELETE' AND NEW.status = 'approved'))
     AND NOT public.itogi_is_head () THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = 'only the head of administration approves an area''s year or unlocks it';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER area_status_rights BEFORE INSERT OR UPDATE OR DELETE ON area_status
  FOR EACH ROW EXECUTE FUNCTION itogi_check_status ();

-- A row of an approved year is neither written nor removed, as it was or as it would become.
CREATE FUNCTION itogi_refuse_approved () RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  r jsonb;
  area bigint;
BEGIN
  FOREACH r IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb (OLD) END,
                           CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb (NEW) END] LOOP
    CONTINUE WHEN r IS NULL;
    area := CASE TG_TABLE_NAME
              WHEN 'indicator_values' THEN public.itogi_indicator_area ((r ->> 'indicator_id')::bigint)
              WHEN 'institution_notes' THEN public.itogi_institution_area ((r ->> 'institution_id')::bigint)
              ELSE (r ->> 'area_id')::bigint END;
    IF EXISTS (SELECT 1 FROM public.area_status s
                WHERE s.area_id = area AND s.year = (r ->> 'year')::integer AND s.status = 'approved') THEN
      RAISE EXCEPTION USING ERRCODE = 'IT001', MESSAGE = 'itogi: the area''s year is approved';
    END IF;
  END LOOP;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER indicator_values_approved BEFORE INSERT OR UPDATE OR DELETE ON indicator_values
  FOR EACH ROW EXECUTE FUNCTION itogi_refuse_approved ();
CREATE TRIGGER area_notes_approved BEFORE INSERT OR UPDATE OR DELETE ON area_notes
  FOR EACH ROW EXECUTE FUNCTION itogi_refuse_approved ();
CREATE TRIGGER tasks_approved BEFORE INSERT OR UPDATE OR DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION itogi_refuse_approved ();
CREATE TRIGGER institution_notes_approved BEFORE INSERT OR UPDATE OR DELETE ON institution_notes
  FOR EACH ROW EXECUTE FUNCTION itogi_refuse_approved ();

-- Whoever may edit an area may write its status; rights given before this format get it too.
CREATE OR REPLACE FUNCTION itogi_grant (who name, area bigint, what text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = who) THEN
    RAISE EXCEPTION USING ERRCODE = '42704', MESSAGE = format ('role %s does not exist', who);
  END IF;
  INSERT INTO access (role, area_id, level) VALUES (who, area, what) ON CONFLICT DO NOTHING;
  EXECUTE format ('GRANT USAGE ON SCHEMA %I TO %I', current_schema (), who);
  EXECUTE format ('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', current_schema (), who);
  IF what <> 'read' THEN
    EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON indicator_values, area_notes, tasks, report_texts,'
                    ' institution_notes, area_status, steps TO %I', who);
    EXECUTE format ('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema (), who);
  END IF;
  IF what = 'manage' THEN
    EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON areas, indicators, institutions, meta TO %I', who);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION itogi_revoke (who name, area bigint, what text) RETURNS bigint
  LANGUAGE plpgsql AS $$
DECLARE
  gone bigint;
BEGIN
  DELETE FROM access WHERE role = who AND area_id IS NOT DISTINCT FROM area AND (what IS NULL OR level = what);
  GET DIAGNOSTICS gone = ROW_COUNT;
  -- Table rights follow what is left: none at all, none to write, none to manage.
  IF NOT EXISTS (SELECT 1 FROM access WHERE role = who AND level = 'manage') THEN
    EXECUTE format ('REVOKE INSERT, UPDATE, DELETE ON areas, indicators, institutions, meta FROM %I', who);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM access WHERE role = who AND level <> 'read') THEN
    EXECUTE format ('REVOKE INSERT, UPDATE, DELETE ON indicator_values, area_notes, tasks, report_texts,'
                    ' institution_notes, area_status, steps FROM %I', who);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM access WHERE role = who) THEN
    EXECUTE format ('REVOKE SELECT ON ALL TABLES IN SCHEMA %I FROM %I', current_schema (), who);
  END IF;
  RETURN gone;
END
$$;

-- The history of an area is read by whoever may see the area (its figures' old and new values are
-- the area's); the office's structure (areas, the office's settings) by everyone with a right.
CREATE FUNCTION itogi_history_area (tbl text, old jsonb, new jsonb) RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT CASE tbl
           WHEN 'indicator_values' THEN public.itogi_indicator_area ((coalesce (new, old) ->> 'indicator_id')::bigint)
           WHEN 'institution_notes' THEN public.itogi_institution_area ((coalesce (new, old) ->> 'institution_id')::bigint)
           WHEN 'areas' THEN NULL
           ELSE (coalesce (new, old) ->> 'area_id')::bigint
         END
$$;
ALTER TABLE history ENABLE ROW LEVEL SECURITY;
CREATE POLICY area_history ON history FOR SELECT
  USING (itogi_history_area (tbl, old, new) IS NULL OR itogi_may_see (itogi_history_area (tbl, old, new)));

-- Every desktop listens (LISTEN itogi_changes) and shows a change committed elsewhere at once. The
-- notice names the table; the server sends it on commit, once per table and transaction.
CREATE FUNCTION itogi_notify_change () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify ('itogi_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
CREATE TRIGGER indicator_values_notify AFTER INSERT OR UPDATE OR DELETE ON indicator_values
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER area_notes_notify AFTER INSERT OR UPDATE OR DELETE ON area_notes
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER institution_notes_notify AFTER INSERT OR UPDATE OR DELETE ON institution_notes
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER tasks_notify AFTER INSERT OR UPDATE OR DELETE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER areas_notify AFTER INSERT OR UPDATE OR DELETE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER indicators_notify AFTER INSERT OR UPDATE OR DELETE ON indicators
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER report_texts_notify AFTER INSERT OR UPDATE OR DELETE ON report_texts
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER institutions_notify AFTER INSERT OR UPDATE OR DELETE ON institutions
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER area_status_notify AFTER INSERT OR UPDATE OR DELETE ON area_status
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();
CREATE TRIGGER meta_notify AFTER INSERT OR UPDATE OR DELETE ON meta
  FOR EACH STATEMENT EXECUTE FUNCTION itogi_notify_change ();

DO $$
DECLARE
  who name;
BEGIN
  FOR who IN SELECT DISTINCT role FROM access LOOP
    EXECUTE format ('GRANT SELECT ON area_status TO %I', who);
  END LOOP;
  FOR who IN SELECT DISTINCT role FROM access WHERE level <> 'read' LOOP
    EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON area_status TO %I', who);
  END LOOP;
END
$$;

UPDATE itogi_format SET version = 5;
