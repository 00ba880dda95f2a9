-- The same index changes as SQLite's 0007 (docs/architecture.md, "Group
-- commit"): a status belongs to one project, so (status_id, position) is as
-- unique as (project_id, status_id, position) and also serves the status's
-- foreign-key checks, which needed tasks_by_status; nothing reads events by
-- time. The search trigger stays: PostgreSQL does not journal for it.
DROP INDEX tasks_by_status;
DROP INDEX tasks_by_position;
CREATE UNIQUE INDEX tasks_by_position ON tasks (status_id, position);
DROP INDEX events_by_created;
