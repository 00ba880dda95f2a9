import { useQueries } from '@tanstack/react-query';
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchProjects, projectKeys, projectPaths, type MyTasksFilter, type Project, type Task } from '../../api/projects';
import { useCursorList } from '../../api/queries';
import { PRIORITY_LABELS } from '../../api/tasks';
import { useWorkspaces } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { useTitle } from '../../lib/hooks';
import { Badge, Banner, Button, Card, Spinner } from '../../ui';
import { projectLinks } from '../projects/ProjectHeader';
import { describeDue, todayIn } from './dates';
import { groupTasks } from './group';
import '../projects/projects.css';

const TABS: Array<{ filter: MyTasksFilter; label: string; empty: string }> = [
  { filter: 'today', label: 'Today', empty: 'Nothing due today.' },
  { filter: 'overdue', label: 'Overdue', empty: 'Nothing overdue. Well done.' },
  { filter: 'week', label: 'This week', empty: 'Nothing due this week.' },
  { filter: 'all', label: 'All', empty: 'No tasks are assigned to you.' },
];

function readFilter(value: string | null): MyTasksFilter {
  return TABS.some((t) => t.filter === value) ? (value as MyTasksFilter) : 'today';
}

/** Where a task opens: its project's board with the task panel. */
export function taskLink(workspaceSlug: string, task: Pick<Task, 'project_id' | 'id'>): string {
  return `${projectLinks.board(workspaceSlug, task.project_id)}?task=${encodeURIComponent(task.id)}`;
}

/** `/my-tasks`: tasks assigned to me across workspaces, by due date, grouped by workspace and project. */
export default function MyTasksPage() {
  useTitle('My tasks');
  const me = useUser();
  const [search, setSearch] = useSearchParams();
  const filter = readFilter(search.get('filter'));
  const tab = TABS.find((t) => t.filter === filter) ?? TABS[0]!;
  const tasks = useCursorList<Task>(projectKeys.myTasks(filter), projectPaths.myTasks, { filter, limit: 100 });
  const workspaces = useWorkspaces();
  const wsById = useMemo(() => new Map((workspaces.data ?? []).map((w) => [w.id, w])), [workspaces.data]);
  const groups = useMemo(() => groupTasks(tasks.items), [tasks.items]);
  const wsIds = groups.map((g) => g.workspaceId);
  const projectLists = useQueries({
    queries: wsIds.map((id) => ({ queryKey: projectKeys.projects(id), queryFn: ({ signal }: { signal: AbortSignal }) => fetchProjects(id, signal) })),
  });
  const projectById = new Map<string, Project>();
  for (const q of projectLists) for (const p of q.data ?? []) projectById.set(p.id, p);
  const today = todayIn(me.timezone);
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  const choose = (f: MyTasksFilter) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (f === 'today') next.delete('filter');
        else next.set('filter', f);
        return next;
      },
      { replace: true },
    );

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    const target = TABS[next];
    if (!target) return;
    choose(target.filter);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>My tasks</h1>
          <p>
            Tasks assigned to you in every workspace. Dates follow your time zone ({me.timezone || 'UTC'}); today is{' '}
            <span data-testid="mytasks-today">{today}</span>.
          </p>
        </div>
      </div>
      <div className="segmented" role="tablist" aria-label="Which tasks">
        {TABS.map((t, i) => (
          <button
            key={t.filter}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`mytasks-tab-${t.filter}`}
            aria-selected={t.filter === filter}
            aria-controls="mytasks-panel"
            tabIndex={t.filter === filter ? 0 : -1}
            onClick={() => choose(t.filter)}
            onKeyDown={(e) => onTabKey(e, i)}
            data-testid={`mytasks-tab-${t.filter}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="mytasks-panel" aria-labelledby={`mytasks-tab-${filter}`} className="stack" data-testid="mytasks-panel">
        {tasks.isPending && <Spinner label="Loading your tasks…" showLabel />}
        {tasks.isError && (
          <Banner tone="danger" title="Could not load your tasks">
            {errorMessage(tasks.error)}{' '}
            <Button size="sm" onClick={() => void tasks.refetch()}>
              Try again
            </Button>
          </Banner>
        )}
        {!tasks.isPending && !tasks.isError && groups.length === 0 && (
          <Card>
            <p className="muted" data-testid="mytasks-empty">
              {tab.empty}
            </p>
          </Card>
        )}
        {groups.map((group) => {
          const ws = wsById.get(group.workspaceId);
          return (
            <Card key={group.workspaceId} className="mytasks-group" data-testid="mytasks-workspace">
              <h2>{ws?.name ?? 'A workspace'}</h2>
              {group.projects.map(({ projectId, tasks: list }) => {
                const project = projectById.get(projectId);
                return (
                  <section key={projectId} aria-label={project?.name ?? 'Project'}>
                    <h3>
                      {project ? (
                        <>
                          <span className="project-key mono">{project.key}</span> {project.name}
                        </>
                      ) : (
                        'Project'
                      )}
                    </h3>
                    <ul className="mytasks-list">
                      {list.map((task) => {
                        const due = describeDue(task.due_date, today, task.status_category === 'done');
                        const body = (
                          <>
                            <span className="mono muted">{task.key}</span>
                            <span className="mytasks-item__title">{task.title}</span>
                            {task.priority !== 'none' && <Badge tone={task.priority === 'urgent' || task.priority === 'high' ? 'danger' : 'neutral'}>{PRIORITY_LABELS[task.priority]}</Badge>}
                            {task.status_category === 'done' && <Badge tone="success">Done</Badge>}
                            <span className={`due--${due.tone}`}>{due.text}</span>
                          </>
                        );
                        return (
                          <li key={task.id} data-testid="mytasks-item" data-task-key={task.key} data-due={task.due_date ?? ''}>
                            {ws ? (
                              <Link className="mytasks-item" to={taskLink(ws.slug, task)}>
                                {body}
                              </Link>
                            ) : (
                              <span className="mytasks-item">{body}</span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </section>
                );
              })}
            </Card>
          );
        })}
        {tasks.hasNextPage && (
          <div className="row row--end">
            <Button loading={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()} data-testid="mytasks-load-more">
              Load more
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
