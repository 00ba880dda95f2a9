-- Only the `due_before` filter reads tasks_by_due (`due_date < ?`, which
-- implies IS NOT NULL, so SQLite still uses the partial index); the
-- `due_date` sort orders by COALESCE(due_date, …) and never could. Tasks
-- without a due date now stay out of it: creating one writes a b-tree fewer
-- (docs/architecture.md, "Group commit").
DROP INDEX tasks_by_due;
CREATE INDEX tasks_by_due ON tasks (project_id, due_date, id) WHERE due_date IS NOT NULL;
