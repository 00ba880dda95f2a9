-- Projects, statuses, labels, tasks, comments and task search
-- (docs/projects.md). Every tenant row carries workspace_id and goes with
-- its workspace (ON DELETE CASCADE); indexes lead with workspace or project.
CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL CHECK (visibility IN ('workspace', 'private')),
  archived INTEGER NOT NULL DEFAULT 0,
  task_counter BIGINT NOT NULL DEFAULT 0,  -- the last task number handed out
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, key)
);
CREATE INDEX projects_by_workspace ON projects (workspace_id, id);

-- Explicit members: who sees a private project, and which projects a guest
-- works in. Only workspace members can be project members.
CREATE TABLE project_members (
  workspace_id TEXT NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id)
    ON DELETE CASCADE
);
CREATE INDEX project_members_by_user ON project_members (workspace_id, user_id, project_id);

CREATE TABLE statuses (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('todo', 'in_progress', 'done')),
  position TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, position)
);

CREATE TABLE labels (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  color TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (workspace_id, name)
);

-- `position` is an order key (core/order_key.hpp), compared bytewise;
-- unique per column so concurrent moves can never share one. `due_date` is
-- days since the epoch; `series_start` (same unit) anchors a recurrence.
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  number BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status_id TEXT NOT NULL REFERENCES statuses (id),
  assignee_id TEXT REFERENCES users (id),
  priority TEXT NOT NULL DEFAULT 'none'
    CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  due_date BIGINT,
  parent_id TEXT REFERENCES tasks (id) ON DELETE CASCADE,
  recurrence TEXT,
  series_start BIGINT,
  position TEXT NOT NULL,
  completed_at BIGINT,
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (project_id, number)
);
CREATE UNIQUE INDEX tasks_by_position ON tasks (project_id, status_id, position);
CREATE INDEX tasks_by_created ON tasks (project_id, created_at, id);
CREATE INDEX tasks_by_updated ON tasks (project_id, updated_at, id);
CREATE INDEX tasks_by_due ON tasks (project_id, due_date, id);
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, due_date, id);
CREATE INDEX tasks_by_parent ON tasks (parent_id);
CREATE INDEX tasks_by_status ON tasks (status_id);

CREATE TABLE task_labels (
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  label_id TEXT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, label_id)
);
CREATE INDEX task_labels_by_label ON task_labels (label_id, task_id);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  author_id TEXT REFERENCES users (id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX comments_by_task ON comments (task_id, id);

-- Full-text search: one FTS5 document per task (title; description and
-- every comment as the body), kept in sync by the triggers below in the
-- writing transaction. `task_search` gives each task a stable integer rowid
-- (a table's implicit rowid may change on VACUUM).
CREATE TABLE task_search (
  doc INTEGER PRIMARY KEY,
  task_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE task_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
-- `ORDER BY rank` (FTS5's fast path) ranks by bm25 with the title weighted 5x.
INSERT INTO task_fts (task_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');

CREATE TRIGGER tasks_search_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_search (task_id) VALUES (NEW.id);
  INSERT INTO task_fts (rowid, title, body)
    VALUES ((SELECT doc FROM task_search WHERE task_id = NEW.id), NEW.title, NEW.description);
END;

CREATE TRIGGER tasks_search_update AFTER UPDATE OF title, description ON tasks
  WHEN OLD.title IS NOT NEW.title OR OLD.description IS NOT NEW.description BEGIN
  UPDATE task_fts SET title = NEW.title,
    body = NEW.description || ' ' ||
           COALESCE((SELECT group_concat(body, ' ') FROM comments WHERE task_id = NEW.id), '')
    WHERE rowid = (SELECT doc FROM task_search WHERE task_id = NEW.id);
END;

CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
  DELETE FROM task_fts WHERE rowid = (SELECT doc FROM task_search WHERE task_id = OLD.id);
  DELETE FROM task_search WHERE task_id = OLD.id;
END;

CREATE TRIGGER comments_search_insert AFTER INSERT ON comments BEGIN
  UPDATE task_fts SET body =
    (SELECT description FROM tasks WHERE id = NEW.task_id) || ' ' ||
    COALESCE((SELECT group_concat(body, ' ') FROM comments WHERE task_id = NEW.task_id), '')
    WHERE rowid = (SELECT doc FROM task_search WHERE task_id = NEW.task_id);
END;

CREATE TRIGGER comments_search_update AFTER UPDATE OF body ON comments BEGIN
  UPDATE task_fts SET body =
    (SELECT description FROM tasks WHERE id = NEW.task_id) || ' ' ||
    COALESCE((SELECT group_concat(body, ' ') FROM comments WHERE task_id = NEW.task_id), '')
    WHERE rowid = (SELECT doc FROM task_search WHERE task_id = NEW.task_id);
END;

CREATE TRIGGER comments_search_delete AFTER DELETE ON comments BEGIN
  UPDATE task_fts SET body =
    COALESCE((SELECT description FROM tasks WHERE id = OLD.task_id), '') || ' ' ||
    COALESCE((SELECT group_concat(body, ' ') FROM comments WHERE task_id = OLD.task_id), '')
    WHERE rowid = (SELECT doc FROM task_search WHERE task_id = OLD.task_id);
END;
