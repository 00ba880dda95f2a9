-- Fewer pages written per task and per event (docs/architecture.md,
-- "Group commit").
--
-- A trigger makes SQLite open a statement journal for the INSERT that
-- fires it, copying every page the insert touches first so the statement
-- can be undone; that copying cost more than the insert itself.
-- projects::store::InsertTask now adds the task's search row and queues its
-- document itself.
DROP TRIGGER tasks_search_insert;

-- A status belongs to one project, so (status_id, position) is as unique
-- as (project_id, status_id, position) was; leading with the status, the
-- index also serves the status's foreign-key checks and task counts, which
-- needed tasks_by_status.
DROP INDEX tasks_by_status;
DROP INDEX tasks_by_position;
CREATE UNIQUE INDEX tasks_by_position ON tasks (status_id, position);

-- Nothing reads events by time (the feeds and long-polls read by seq).
DROP INDEX events_by_created;
