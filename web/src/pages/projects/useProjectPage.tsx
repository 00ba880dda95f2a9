import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useProject, type Project } from '../../api/tasks';
import type { Workspace } from '../../api/types';
import { errorMessage } from '../../lib/errors';
import { Banner, Button, PageSpinner } from '../../ui';
import { useCurrentWorkspace } from '../workspaces/context';
import { projectLinks } from './ProjectHeader';

/**
 * The workspace and project of a `/w/:ws/p/:projectId/*` page. `gate` is what
 * to show instead of the page while the project loads or when it failed
 * (404: it does not exist or the caller does not see it).
 */
export function useProjectPage(): { workspace: Workspace; project: Project | undefined; gate: ReactElement | null } {
  const workspace = useCurrentWorkspace();
  const { projectId = '' } = useParams();
  const query = useProject(workspace.id, projectId);
  const project = query.data;
  // A project of another workspace in this workspace's address is "not found" too.
  const wrongWorkspace = project !== undefined && project.workspace_id !== workspace.id;
  if (project && !wrongWorkspace) return { workspace, project, gate: null };
  if (query.isPending) return { workspace, project: undefined, gate: <PageSpinner label="Loading the project…" /> };
  const missing = wrongWorkspace || (query.error instanceof ApiError && query.error.status === 404);
  return {
    workspace,
    project: undefined,
    gate: (
      <div className="stack" data-testid="project-missing">
        <Banner tone={missing ? 'warning' : 'danger'} title={missing ? 'Project not found' : 'Could not load the project'}>
          {missing ? 'It does not exist, or you cannot see it.' : errorMessage(query.error)}
        </Banner>
        <div className="row">
          {!missing && <Button onClick={() => void query.refetch()}>Try again</Button>}
          <Link to={projectLinks.list(workspace.slug)}>Back to the projects</Link>
        </div>
      </div>
    ),
  };
}
