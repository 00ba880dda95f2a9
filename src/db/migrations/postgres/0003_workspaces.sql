-- Workspaces, memberships, invitations and teams (docs/workspaces.md).
-- Every tenant row carries workspace_id; indexes lead with it. Deleting a
-- workspace cascades to its rows here; its events are deleted by the service.
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL DEFAULT 'free',
  created_by TEXT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE memberships (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'member', 'guest')),
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id, workspace_id);

-- Single-use invitation links; the token only as SHA-256. At most one
-- pending (not accepted, not revoked) invitation per email and workspace.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'member', 'guest')),
  token_hash TEXT NOT NULL UNIQUE,
  invited_by TEXT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  accepted_at BIGINT,
  accepted_by TEXT REFERENCES users (id),
  revoked_at BIGINT
);
CREATE INDEX invitations_by_workspace ON invitations (workspace_id, id);
CREATE UNIQUE INDEX invitations_pending_email ON invitations (workspace_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (workspace_id, name)
);
CREATE INDEX teams_by_workspace ON teams (workspace_id, id);

-- Only members of the workspace can be in its teams: the foreign key to
-- memberships enforces it and removes them when they leave.
CREATE TABLE team_members (
  workspace_id TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (team_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES memberships (workspace_id, user_id)
    ON DELETE CASCADE
);
CREATE INDEX team_members_by_user ON team_members (workspace_id, user_id);
