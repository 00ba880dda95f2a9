import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useBoardTasks, useLabels, useProject, useStatuses } from '../../api/tasks';
import { useMembers } from '../../api/workspaces';
import { errorMessage } from '../../lib/errors';
import { initials } from '../../lib/format';
import { useTitle } from '../../lib/hooks';
import { Banner, Button, PageSpinner, Spinner } from '../../ui';
import { ProjectHeader } from '../projects/ProjectHeader';
import { useCurrentWorkspace } from '../workspaces/context';
import { Board } from './Board';
import type { PersonRef } from './Card';
import './board.css';

// The panel is its own chunk: the board shows first.
const TaskPanel = lazy(() => import('../tasks/TaskPanel').then((m) => ({ default: m.TaskPanel })));

/** `/w/:ws/p/:projectId`: the project's board; `?task=<id>` opens the task panel over it. */
export default function BoardPage() {
  const workspace = useCurrentWorkspace();
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const openTask = params.get('task');
  const project = useProject(workspace.id, projectId);
  const statuses = useStatuses(workspace.id, projectId);
  const tasks = useBoardTasks(workspace.id, projectId);
  const labels = useLabels(workspace.id);
  const members = useMembers(workspace.id);
  useTitle(project.data ? `${project.data.key} board` : 'Board');

  const labelMap = useMemo(() => new Map((labels.data ?? []).map((l) => [l.id, l])), [labels.data]);
  const memberItems = members.items;
  const people = useMemo(
    () =>
      new Map<string, PersonRef>(
        memberItems.map((m) => [m.user.id, { name: m.user.name || m.user.email, initials: initials(m.user.name, m.user.email) }]),
      ),
    [memberItems],
  );

  const onOpen = useCallback(
    (taskId: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('task', taskId);
        return next;
      }),
    [setParams],
  );
  const onClose = useCallback(
    () =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.delete('task');
        return next;
      }),
    [setParams],
  );

  const failed = project.error ?? statuses.error ?? tasks.error;
  if (failed) {
    const missing = failed instanceof ApiError && failed.status === 404;
    return (
      <div className="stack" data-testid="board-missing">
        <Banner tone={missing ? 'warning' : 'danger'} title={missing ? 'Project not found' : 'Could not load the board'}>
          {missing ? 'It does not exist, or you cannot see it.' : errorMessage(failed)}
        </Banner>
        <div className="row">
          {!missing && (
            <Button
              onClick={() => {
                void project.refetch();
                void statuses.refetch();
                void tasks.refetch();
              }}
            >
              Try again
            </Button>
          )}
          <Link to={`/w/${workspace.slug}/projects`}>Back to the projects</Link>
        </div>
      </div>
    );
  }
  if (!project.data || !statuses.data || !tasks.data) return <PageSpinner label="Loading the board…" />;

  return (
    <div className="board-page" data-testid="board-page">
      <ProjectHeader workspace={workspace} project={project.data} />
      {tasks.isFetching && !tasks.isPending && (
        <span className="board-page__refreshing">
          <Spinner size="sm" label="Refreshing the board…" />
        </span>
      )}
      <Board
        wsId={workspace.id}
        projectId={projectId}
        statuses={statuses.data}
        tasks={tasks.data}
        labels={labelMap}
        people={people}
        readOnly={project.data.archived}
        onOpen={onOpen}
      />
      {openTask && (
        <Suspense fallback={null}>
          <TaskPanel key={openTask} taskId={openTask} onClose={onClose} />
        </Suspense>
      )}
    </div>
  );
}
