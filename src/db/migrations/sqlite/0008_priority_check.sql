-- tasks.priority's CHECK as comparisons instead of an IN list (docs/
-- architecture.md, "Group commit").
--
-- SQLite evaluates `x IN (five constants)` in a CHECK by building a
-- temporary b-tree of the constants on every INSERT or UPDATE that writes
-- the column: opening, filling and closing it was a quarter of a task
-- insert's cost. Comparisons joined by OR accept exactly the same values.
--
-- Rewriting a CHECK into an equivalent one leaves the stored rows as they
-- are, so this is SQLite's documented in-place schema edit (lang_altertable
-- "Making Other Kinds Of Table Schema Changes") rather than a copy of every
-- task: edit the table's text in sqlite_schema, change the schema cookie
-- (the CREATE and DROP below) so every connection parses it again, and
-- reload it on this one (RESET).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (priority IN (''none'', ''low'', ''medium'', ''high'', ''urgent''))',
                  'CHECK (priority = ''none'' OR priority = ''low'' OR priority = ''medium'' OR '
                  || 'priority = ''high'' OR priority = ''urgent'')')
WHERE type = 'table' AND name = 'tasks';
CREATE TABLE schema_cookie_0008 (x);
DROP TABLE schema_cookie_0008;
PRAGMA writable_schema = RESET;
