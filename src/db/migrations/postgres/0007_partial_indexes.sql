-- As SQLite's 0009: tasks without a parent or an assignee stay out of these
-- two indexes, so creating one writes two index entries fewer. Every lookup
-- through them asks for one parent or one assignee (`parent_id = $1`,
-- `assignee_id = $1`, the foreign keys' checks and cascades), which implies
-- IS NOT NULL, so the planner still uses them.
DROP INDEX tasks_by_assignee;
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, due_date, id) WHERE assignee_id IS NOT NULL;
DROP INDEX tasks_by_parent;
CREATE INDEX tasks_by_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
