import { Suspense, useEffect } from 'react';
import { Link, Navigate, NavLink, Outlet, useMatch, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { rememberLastWorkspace, useWorkspace } from '../../api/workspaces';
import { errorMessage } from '../../lib/errors';
import { useTitle } from '../../lib/hooks';
import { can, ROLE_LABELS } from '../../lib/roles';
import { Badge, Banner, Button, PageSpinner } from '../../ui';
import { useCurrentWorkspace, type WorkspaceOutlet } from './context';

/** `/w/:ws/*`: loads the workspace (by slug or id), shows its header and tabs, and the tab below. */
export default function WorkspaceLayout() {
  const { ws = '' } = useParams();
  const workspace = useWorkspace(ws);
  const data = workspace.data;
  useTitle(data?.name ?? 'Workspace');
  const inProject = useMatch('/w/:ws/p/*') !== null;

  useEffect(() => {
    if (data) rememberLastWorkspace(data.slug);
  }, [data]);

  if (workspace.isPending) return <PageSpinner label="Loading the workspace…" />;
  if (!data) {
    const missing = workspace.error instanceof ApiError && workspace.error.status === 404;
    return (
      <div className="stack" data-testid="workspace-missing">
        <Banner tone={missing ? 'warning' : 'danger'} title={missing ? 'Workspace not found' : 'Could not load the workspace'}>
          {missing
            ? 'It does not exist, or you are not a member of it.'
            : errorMessage(workspace.error)}
        </Banner>
        <div className="row">
          {!missing && <Button onClick={() => void workspace.refetch()}>Try again</Button>}
          <Link to="/">Back to your workspaces</Link>
        </div>
      </div>
    );
  }

  const context: WorkspaceOutlet = { workspace: data };
  return (
    <>
      <div className="page-header">
        <div>
          <h1 data-testid="workspace-title">{data.name}</h1>
          <p>
            <span className="mono">/w/{data.slug}</span> · You are <Badge tone="accent">{ROLE_LABELS[data.my_role]}</Badge>
          </p>
        </div>
      </div>
      <nav className="tabs" aria-label="Workspace">
        <NavLink to="projects" className={({ isActive }) => (isActive || inProject ? 'active' : undefined)} data-testid="ws-tab-projects">
          Projects
        </NavLink>
        {can(data.my_role, 'readTeams') && (
          <NavLink to="activity" data-testid="ws-tab-activity">
            Activity
          </NavLink>
        )}
        <NavLink to="members" data-testid="ws-tab-members">
          Members
        </NavLink>
        {can(data.my_role, 'readTeams') && (
          <NavLink to="teams" data-testid="ws-tab-teams">
            Teams
          </NavLink>
        )}
        <NavLink to="settings" data-testid="ws-tab-settings">
          Settings
        </NavLink>
      </nav>
      <Suspense fallback={<PageSpinner />}>
        <Outlet context={context} />
      </Suspense>
    </>
  );
}

/** `/w/:ws`: the activity feed for members, the member list for guests (they cannot read the feed). */
export function WorkspaceIndex() {
  const workspace = useCurrentWorkspace();
  return <Navigate to={can(workspace.my_role, 'readTeams') ? 'activity' : 'members'} replace />;
}
