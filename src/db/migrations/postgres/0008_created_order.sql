-- Listing tasks by creation (`sort=created_at`) walks the project's task
-- numbers, which are handed out in creation order under the project row's
-- lock and are unique per project (projects::store::ListTasks): the
-- (project_id, number) key serves the order and seeks straight to a cursor.
-- This index only cost an index write per new task.
DROP INDEX tasks_by_created;
