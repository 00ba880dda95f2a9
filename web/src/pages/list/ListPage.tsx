import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCursorList } from '../../api/queries';
import { PRIORITY_LABELS, taskKeys, taskPaths, useLabels, useStatuses, type Project, type Task } from '../../api/tasks';
import type { Workspace } from '../../api/types';
import { useMembers } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { useDebounced, useTitle } from '../../lib/hooks';
import { Banner, Button, Card, SelectField, Spinner, Table, TextField, type Column } from '../../ui';
import { describeDue, todayIn } from '../mytasks/dates';
import { ProjectHeader } from '../projects/ProjectHeader';
import { LabelSwatch } from '../projects/LabelsCard';
import { useProjectPage } from '../projects/useProjectPage';
import { activeFilterCount, filtersFromSearch, filtersToQuery, filtersToSearch, Q_MAX, SORT_LABELS, SORTS, type ListFilters } from './filters';
import { nextRow } from './rows';
import { TaskOpener } from './TaskOpener';
import '../projects/projects.css';

const PAGE_SIZE = 50;

/** `/w/:ws/p/:projectId/list`: the project's tasks as a table, filtered and sorted from the address. */
export default function ListPage() {
  const { workspace, project, gate } = useProjectPage();
  useTitle(project ? `List · ${project.name}` : 'List');
  if (!project) return gate;
  return <ListView key={project.id} workspace={workspace} project={project} />;
}

function ListView({ workspace, project }: { workspace: Workspace; project: Project }) {
  const me = useUser();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const query = useMemo(() => filtersToQuery(filters), [filters]);
  const projectId = project.id;
  const statuses = useStatuses(workspace.id, projectId);
  const labels = useLabels(workspace.id);
  const members = useMembers(workspace.id);
  const tasks = useCursorList<Task>(taskKeys.tasks(workspace.id, projectId, query), taskPaths.tasks(projectId), {
    ...query,
    limit: PAGE_SIZE,
  });
  const openTaskId = search.get('task');

  // The text filter is typed here and reaches the address (and the server) once typing pauses.
  const [text, setText] = useState(filters.q ?? '');
  const debounced = useDebounced(text, 300);
  const lastPushed = useRef(filters.q ?? '');
  useEffect(() => {
    const q = debounced.trim();
    if (q === (filters.q ?? '').trim()) return;
    lastPushed.current = q;
    update({ ...filters, q: q || undefined });
    // Only typing pushes; `filters` changing must not re-push an old text.
  }, [debounced]);
  useEffect(() => {
    // The address changed from elsewhere (back button, "Clear filters"): show its text.
    if ((filters.q ?? '') !== lastPushed.current) {
      lastPushed.current = filters.q ?? '';
      setText(filters.q ?? '');
    }
  }, [filters.q]);

  const update = (next: ListFilters) => setSearch((current) => filtersToSearch(next, current), { replace: true });
  const set = (key: keyof ListFilters, value: string) => update({ ...filters, [key]: value || undefined });

  const statusById = useMemo(() => new Map((statuses.data ?? []).map((s) => [s.id, s])), [statuses.data]);
  const labelById = useMemo(() => new Map((labels.data ?? []).map((l) => [l.id, l])), [labels.data]);
  const memberById = useMemo(() => new Map(members.items.map((m) => [m.user.id, m.user])), [members.items]);
  const today = todayIn(me.timezone);
  const rows = tasks.items;

  // Keyboard: one row is in the tab order; arrows move it, Enter opens the task.
  const [active, setActive] = useState(0);
  const tableRef = useRef<HTMLDivElement>(null);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const focusRow = (i: number) => {
    setActive(i);
    tableRef.current?.querySelectorAll<HTMLTableRowElement>('tbody tr')[i]?.focus();
  };
  const open = (task: Task) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('task', task.id);
        return next;
      },
      { replace: false },
    );
  const close = () => {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('task');
        return next;
      },
      { replace: false },
    );
    // Back on the row that was opened.
    setTimeout(() => tableRef.current?.querySelectorAll<HTMLTableRowElement>('tbody tr')[activeIndex]?.focus(), 0);
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, task: Task) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(task);
      return;
    }
    const next = nextRow(index, e.key, rows.length);
    if (next !== null) {
      e.preventDefault();
      focusRow(next);
    }
  };

  const parent = filters.parent_id ? rows.find((t) => t.id === filters.parent_id) : undefined;
  const columns: Array<Column<Task>> = [
    { key: 'key', header: 'Key', render: (t) => <span className="mono">{t.key}</span> },
    {
      key: 'title',
      header: 'Title',
      render: (t) => (
        <div className="project-cell">
          <span className="task-title">{t.title}</span>
          {t.parent_id && (
            <button
              type="button"
              className="link-button muted"
              tabIndex={-1}
              onClick={(e) => {
                e.stopPropagation();
                if (t.parent_id) set('parent_id', t.parent_id);
              }}
              data-testid="task-parent-filter"
            >
              ↳ subtask of {rows.find((p) => p.id === t.parent_id)?.key ?? 'another task'}
            </button>
          )}
          {t.labels.length > 0 && (
            <span className="label-chips">
              {t.labels.map((id) => {
                const label = labelById.get(id);
                return label ? (
                  <span key={id} className="label-chip">
                    <LabelSwatch color={label.color} />
                    {label.name}
                  </span>
                ) : null;
              })}
            </span>
          )}
        </div>
      ),
    },
    { key: 'status', header: 'Status', render: (t) => statusById.get(t.status_id)?.name ?? '—' },
    {
      key: 'assignee',
      header: 'Assignee',
      render: (t) => (t.assignee_id ? (memberById.get(t.assignee_id)?.name ?? 'Someone') : <span className="muted">Nobody</span>),
    },
    { key: 'priority', header: 'Priority', render: (t) => (t.priority === 'none' ? <span className="muted">—</span> : PRIORITY_LABELS[t.priority]) },
    {
      key: 'due',
      header: 'Due',
      render: (t) => {
        const due = describeDue(t.due_date, today, t.status_category === 'done');
        return <span className={`due--${due.tone}`}>{t.due_date ? due.text : '—'}</span>;
      },
    },
    { key: 'updated', header: 'Updated', render: (t) => formatRelative(t.updated_at) },
  ];

  const count = activeFilterCount(filters);
  return (
    <div className="stack">
      <ProjectHeader workspace={workspace} project={project} />
      <Card>
        <form className="list-filters" aria-label="Filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <TextField
            label="Text"
            type="search"
            placeholder="Words in the title or description"
            maxLength={Q_MAX}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="list-filter-q"
          />
          <SelectField label="Status" value={filters.status_id ?? ''} onChange={(e) => set('status_id', e.target.value)} data-testid="list-filter-status">
            <option value="">Any status</option>
            {(statuses.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Assignee" value={filters.assignee_id ?? ''} onChange={(e) => set('assignee_id', e.target.value)} data-testid="list-filter-assignee">
            <option value="">Anyone</option>
            <option value={me.id}>Me</option>
            {members.items
              .filter((m) => m.user.id !== me.id)
              .map((m) => (
                <option key={m.user.id} value={m.user.id}>
                  {m.user.name || m.user.email}
                </option>
              ))}
          </SelectField>
          <SelectField label="Label" value={filters.label_id ?? ''} onChange={(e) => set('label_id', e.target.value)} data-testid="list-filter-label">
            <option value="">Any label</option>
            {(labels.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Due before"
            type="date"
            value={filters.due_before ?? ''}
            onChange={(e) => set('due_before', e.target.value)}
            data-testid="list-filter-due"
          />
          <SelectField label="Sort" value={filters.sort} onChange={(e) => set('sort', e.target.value)} data-testid="list-sort">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </form>
        <div className="list-toolbar">
          <span className="muted" aria-live="polite" data-testid="list-count">
            {tasks.isPending
              ? 'Loading…'
              : `${rows.length}${tasks.hasNextPage ? '+' : ''} task${rows.length === 1 ? '' : 's'}${count ? ` matching ${count} filter${count === 1 ? '' : 's'}` : ''}`}
          </span>
          <span className="row row--tight">
            {filters.parent_id && (
              <span className="chip-filter" data-testid="list-filter-parent">
                Subtasks of {parent ? parent.key : 'a task'}
                <Button size="sm" variant="ghost" aria-label="Show all tasks, not only subtasks" onClick={() => set('parent_id', '')}>
                  ×
                </Button>
              </span>
            )}
            {(count > 0 || filters.sort !== 'position') && (
              <Button
                size="sm"
                onClick={() => {
                  setText('');
                  update({ sort: 'position' });
                }}
                data-testid="list-clear"
              >
                Clear filters
              </Button>
            )}
          </span>
        </div>
      </Card>
      <Card>
        {tasks.isError && (
          <Banner tone="danger" title="Could not load the tasks">
            {errorMessage(tasks.error)}{' '}
            <Button size="sm" onClick={() => void tasks.refetch()}>
              Try again
            </Button>
          </Banner>
        )}
        {tasks.isPending && <Spinner label="Loading tasks…" showLabel />}
        {!tasks.isPending && !tasks.isError && (
          <div ref={tableRef} className="task-table">
            <Table
              caption={`Tasks of ${project.name}. Arrow keys move between rows, Enter opens a task.`}
              columns={columns}
              rows={rows}
              rowKey={(t) => t.id}
              rowProps={(t) => {
                const index = rows.indexOf(t);
                return {
                  tabIndex: index === activeIndex ? 0 : -1,
                  onClick: () => {
                    setActive(index);
                    open(t);
                  },
                  onFocus: () => setActive(index),
                  onKeyDown: (e) => onRowKey(e, index, t),
                  className: t.status_category === 'done' ? 'task-done' : undefined,
                  'aria-current': t.id === openTaskId ? 'true' : undefined,
                  'data-testid': 'task-row',
                  'data-task-key': t.key,
                  'data-task-id': t.id,
                };
              }}
              empty={
                <p data-testid="list-empty">{count > 0 ? 'No task matches these filters.' : 'No tasks in this project yet.'}</p>
              }
              data-testid="task-table"
            />
            {tasks.hasNextPage && (
              <div className="row row--end">
                <Button loading={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()} data-testid="list-load-more">
                  Load more
                </Button>
              </div>
            )}
          </div>
        )}
      </Card>
      {openTaskId && <TaskOpener taskId={openTaskId} onClose={close} />}
    </div>
  );
}
