-- Most tasks have no parent and many no assignee: those rows stay out of
-- the two indexes below, so creating such a task writes two b-trees fewer
-- (docs/architecture.md, "Group commit"). Every lookup through them asks
-- for one parent or one assignee (`parent_id = ?`, `assignee_id = ?`, the
-- foreign keys' checks and cascades), which implies IS NOT NULL, so SQLite
-- still uses them.
DROP INDEX tasks_by_assignee;
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, due_date, id) WHERE assignee_id IS NOT NULL;
DROP INDEX tasks_by_parent;
CREATE INDEX tasks_by_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
