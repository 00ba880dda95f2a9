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
  archived BOOLEAN NOT NULL DEFAULT FALSE,
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
  position TEXT COLLATE "C" NOT NULL,
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
  position TEXT COLLATE "C" NOT NULL,
  completed_at BIGINT,
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  search TSVECTOR,
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

-- Full-text search: `tasks.search` weighs the title (A), the description (B)
-- and every comment (C); the triggers keep it current in the writing
-- transaction, and a GIN index serves @@.
CREATE INDEX tasks_by_search ON tasks USING GIN (search);

-- The document of one task ($1 id, $2 title, $3 description): title,
-- description and comments.
CREATE FUNCTION task_search_document(TEXT, TEXT, TEXT)
  RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', $2), 'A') ||
         setweight(to_tsvector('simple', $3), 'B') ||
         setweight(to_tsvector('simple', COALESCE(
           (SELECT string_agg(c.body, ' ') FROM comments c WHERE c.task_id = $1), '')), 'C')
$$;

CREATE FUNCTION tasks_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := task_search_document(NEW.id, NEW.title, NEW.description);
  RETURN NEW;
END $$;

CREATE TRIGGER tasks_search_insert BEFORE INSERT ON tasks
  FOR EACH ROW EXECUTE FUNCTION tasks_search_vector();
CREATE TRIGGER tasks_search_update BEFORE UPDATE OF title, description ON tasks
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR
                     OLD.description IS DISTINCT FROM NEW.description)
  EXECUTE FUNCTION tasks_search_vector();

-- A comment change recomputes its task's document.
CREATE FUNCTION comments_search_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END;
BEGIN
  UPDATE tasks SET search = task_search_document(id, title, description) WHERE id = target;
  RETURN NULL;
END $$;

CREATE TRIGGER comments_search AFTER INSERT OR UPDATE OF body OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION comments_search_touch();
