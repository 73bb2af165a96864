-- SPDX-License-Identifier: GPL-3.0-or-later
-- Itogi's data format 4 on SQLite, from format 3: the years with figures listed by an index (one step per year, not a pass over every figure), so that the year selectors of a database of many years open at once.
-- Run in one transaction by the store; the schema a file of this format must have exactly.
CREATE INDEX indicator_values_by_year ON indicator_values (year);
