-- SPDX-License-Identifier: GPL-3.0-or-later
-- Itogi's data format 1 on SQLite, from format 0: the tables of areas, indicators, their figures by year, quarter and month, notes, tasks and institutions.
-- Run in one transaction by the store; the schema a file of this format must have exactly.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL) STRICT;
CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  short_title TEXT NOT NULL CHECK (length(short_title) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  icon TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))) STRICT;
CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
  slug TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  unit TEXT NOT NULL DEFAULT '',
  form_one TEXT NOT NULL DEFAULT '',
  form_few TEXT NOT NULL DEFAULT '',
  form_many TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('count', 'money', 'decimal', 'percent')),
  scale INTEGER NOT NULL DEFAULT 0 CHECK (scale BETWEEN 0 AND 6),
  aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'last')),
  polarity TEXT NOT NULL CHECK (polarity IN ('good', 'bad', 'neutral')),
  position INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  UNIQUE (area_id, slug)) STRICT;
CREATE INDEX indicators_by_area ON indicators (area_id, position);
CREATE TABLE indicator_values (
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  period TEXT NOT NULL CHECK (period IN ('year', 'quarter', 'month')),
  period_index INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount BETWEEN -999999999999999 AND 999999999999999),
  qualifier TEXT NOT NULL DEFAULT 'exact'
  
  CHECK (qualifier IN ('exact', 'more', 'over', 'order', 'about', 'less')),
  note TEXT NOT NULL DEFAULT '',
  as_of TEXT CHECK (as_of IS NULL OR as_of GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (indicator_id, year, period, period_index),
  CHECK ((period = 'year' AND period_index = 0)
  
  
  OR (period = 'quarter' AND period_index BETWEEN 1 AND 4)
  
  
  OR (period = 'month' AND period_index BETWEEN 1 AND 12))) STRICT;
CREATE TABLE area_notes (
  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  text TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (area_id, year)) STRICT;
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  position INTEGER NOT NULL,
  text TEXT NOT NULL CHECK (length(text) >= 1),
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL) STRICT;
CREATE TABLE institutions (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
  name TEXT NOT NULL CHECK (length(name) >= 1),
  position INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))) STRICT;
CREATE TABLE institution_notes (
  institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  text TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (institution_id, year)) STRICT;
