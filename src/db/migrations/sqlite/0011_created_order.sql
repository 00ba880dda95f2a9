-- Listing tasks by creation (`sort=created_at`) walks the project's task
-- numbers, which are handed out in creation order and are unique per
-- project (projects::store::ListTasks): the (project_id, number) key serves
-- the order and seeks straight to a cursor. This index only cost a b-tree
-- write per new task (docs/architecture.md, "Group commit").
DROP INDEX tasks_by_created;
