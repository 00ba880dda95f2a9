// The task detail side panel (`?task=<id>` over the board or the list). Each
// field saves on its own with `If-Match: "<version>"`; a 412 reloads the task
// and says so while the text being edited stays; a failed save keeps what was
// typed. Shared with the list view and My tasks (web-views): `{taskId, onClose}`.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import {
  fetchTask,
  patchTask,
  PRIORITIES,
  PRIORITY_LABELS,
  taskKeys,
  useLabels,
  useProject,
  useProjectMembers,
  useStatuses,
  useTask,
  type Priority,
  type Task,
  type TaskPatch,
} from '../../api/tasks';
import { useMembers } from '../../api/workspaces';
import { errorMessage } from '../../lib/errors';
import { upsertTask } from '../../live/cache';
import { Banner, Button, Spinner } from '../../ui';
import { useCurrentWorkspace } from '../workspaces/context';
import { Comments } from './Comments';
import { Markdown } from './markdown';
import { RecurrencePicker } from './RecurrencePicker';
import { Subtasks } from './Subtasks';
import './tasks.css';

export interface TaskPanelProps {
  taskId: string;
  onClose: () => void;
}

/** Outcome of a save: the updated task, or the problem (already shown). */
export type SaveResult = { ok: true; task: Task } | { ok: false; error: ApiError | null };

/** Puts a task everywhere it is shown: its own cache, the board, and marks filtered lists stale. */
export function storeTask(queryClient: ReturnType<typeof useQueryClient>, wsId: string, task: Task): void {
  queryClient.setQueryData<Task>(taskKeys.task(wsId, task.id), task);
  queryClient.setQueryData<Task[]>(taskKeys.board(wsId, task.project_id), (list) => upsertTask(list, task));
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey;
      return k[0] === 'ws' && k[1] === wsId && k[2] === 'project' && k[3] === task.project_id && k[4] === 'tasks' && k.length > 5;
    },
  });
  void queryClient.invalidateQueries({ queryKey: ['me', 'tasks'] });
}

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="task-panel__section" aria-labelledby={id}>
      <h3 className="task-panel__section-title" id={id}>
        {title}
      </h3>
      {children}
    </section>
  );
}

export function TaskPanel({ taskId, onClose }: TaskPanelProps) {
  const workspace = useCurrentWorkspace();
  const wsId = workspace.id;
  const queryClient = useQueryClient();
  const task = useTask(wsId, taskId, queryClient);
  const panelRef = useRef<HTMLElement>(null);
  const titleId = useId();

  useEffect(() => {
    panelRef.current?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement)) {
      e.stopPropagation();
      onClose();
    }
  };

  let body: ReactNode;
  if (task.data) {
    body = <TaskDetail key={task.data.id} task={task.data} wsId={wsId} titleId={titleId} />;
  } else if (task.isPending) {
    body = <Spinner label="Loading the task…" showLabel />;
  } else {
    const missing = task.error instanceof ApiError && task.error.status === 404;
    body = (
      <Banner tone={missing ? 'warning' : 'danger'} title={missing ? 'Task not found' : 'Could not load the task'} data-testid="task-missing">
        {missing ? 'It was deleted, or you cannot see it.' : errorMessage(task.error)}
      </Banner>
    );
  }

  return (
    <>
      <div className="task-panel__backdrop" onClick={onClose} aria-hidden="true" />
      <aside
        ref={panelRef}
        className="task-panel"
        role="dialog"
        aria-modal="false"
        aria-labelledby={task.data ? titleId : undefined}
        aria-label={task.data ? undefined : 'Task'}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="task-panel"
      >
        <div className="task-panel__bar">
          <span className="mono task-panel__key" data-testid="task-key">
            {task.data?.key ?? ''}
          </span>
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the task" data-testid="task-close">
            ×
          </Button>
        </div>
        {body}
      </aside>
    </>
  );
}

interface DetailProps {
  task: Task;
  wsId: string;
  titleId: string;
}

function TaskDetail({ task, wsId, titleId }: DetailProps) {
  const queryClient = useQueryClient();
  const project = useProject(wsId, task.project_id);
  const statuses = useStatuses(wsId, task.project_id);
  const labels = useLabels(wsId);
  const members = useMembers(wsId);
  const workspace = useCurrentWorkspace();
  const needProjectMembers = project.data?.visibility === 'private' || members.items.some((m) => m.role === 'guest');
  const projectMembers = useProjectMembers(wsId, task.project_id, needProjectMembers);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [savingField, setSavingField] = useState<string | null>(null);
  const readOnly = project.data?.archived ?? false;

  // Who may be assigned: workspace members who see the project.
  const assignable = useMemo(() => {
    const inProject = new Set((projectMembers.data ?? []).map((m) => m.user.id));
    return members.items.filter((m) => {
      if (inProject.has(m.user.id)) return true;
      if (project.data?.visibility === 'private') return m.role === 'owner' || m.role === 'admin';
      return m.role !== 'guest';
    });
  }, [members.items, projectMembers.data, project.data?.visibility]);

  // Saves run one after the other, each with the version the previous one left:
  // a label click while the due date is being saved must not refuse itself with 412.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const save = (field: string, patch: TaskPatch): Promise<SaveResult> => {
    const run = queue.current.then(() => saveNow(field, patch));
    queue.current = run.catch(() => undefined);
    return run;
  };

  /** PATCHes the task with its version; 412 reloads it and says so; other errors are shown. */
  const saveNow = async (field: string, patch: TaskPatch): Promise<SaveResult> => {
    setSavingField(field);
    setError(null);
    setNotice(null);
    try {
      const current = queryClient.getQueryData<Task>(taskKeys.task(wsId, task.id)) ?? task;
      const updated = await patchTask(task.id, patch, current.version);
      storeTask(queryClient, wsId, updated);
      return { ok: true, task: updated };
    } catch (err) {
      const apiError = err instanceof ApiError ? err : null;
      if (apiError?.status === 412) {
        try {
          const fresh = await fetchTask(task.id);
          storeTask(queryClient, wsId, fresh);
        } catch {
          // The reload failing is shown by the next save.
        }
        setNotice('Someone else changed this task meanwhile. It has been reloaded; what you typed is still here — save again to apply it.');
      } else if (apiError?.status === 422 && Object.keys(apiError.fields).length > 0) {
        // Shown next to the field by the caller.
      } else {
        setError(errorMessage(err));
      }
      return { ok: false, error: apiError };
    } finally {
      setSavingField(null);
    }
  };

  const fieldId = useId();
  const statusList = statuses.data ?? [];

  return (
    <div className="task-panel__body" data-testid="task-detail" data-version={task.version}>
      {notice && (
        <Banner tone="warning" onDismiss={() => setNotice(null)} data-testid="task-conflict">
          {notice}
        </Banner>
      )}
      {error && (
        <Banner tone="danger" onDismiss={() => setError(null)} data-testid="task-error">
          {error}
        </Banner>
      )}
      {readOnly && <Banner tone="info">This project is archived: the task is read-only.</Banner>}
      <TitleEditor task={task} titleId={titleId} readOnly={readOnly} save={save} />

      <div className="task-panel__fields">
        <label className="task-field" htmlFor={`${fieldId}-status`}>
          <span className="task-field__label">Status</span>
          <select
            id={`${fieldId}-status`}
            className="field__input field__select"
            value={task.status_id}
            disabled={readOnly || savingField === 'status'}
            onChange={(e) => void save('status', { status_id: e.target.value })}
            data-testid="task-status"
          >
            {statusList.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {!statusList.some((s) => s.id === task.status_id) && <option value={task.status_id}>…</option>}
          </select>
        </label>
        <label className="task-field" htmlFor={`${fieldId}-assignee`}>
          <span className="task-field__label">Assignee</span>
          <select
            id={`${fieldId}-assignee`}
            className="field__input field__select"
            value={task.assignee_id ?? ''}
            disabled={readOnly || savingField === 'assignee'}
            onChange={(e) => void save('assignee', { assignee_id: e.target.value || null })}
            data-testid="task-assignee"
          >
            <option value="">Nobody</option>
            {assignable.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.name || m.user.email}
              </option>
            ))}
            {task.assignee_id && !assignable.some((m) => m.user.id === task.assignee_id) && (
              <option value={task.assignee_id}>{members.items.find((m) => m.user.id === task.assignee_id)?.user.name ?? 'Someone else'}</option>
            )}
          </select>
        </label>
        <label className="task-field" htmlFor={`${fieldId}-priority`}>
          <span className="task-field__label">Priority</span>
          <select
            id={`${fieldId}-priority`}
            className="field__input field__select"
            value={task.priority}
            disabled={readOnly || savingField === 'priority'}
            onChange={(e) => void save('priority', { priority: e.target.value as Priority })}
            data-testid="task-priority"
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <DueDateField task={task} readOnly={readOnly} save={save} />
      </div>

      <Section title="Labels" id={`${fieldId}-labels`}>
        <div className="task-labels" role="group" aria-labelledby={`${fieldId}-labels`} data-testid="task-labels">
          {(labels.data ?? []).length === 0 && <p className="muted">No labels in this workspace yet.</p>}
          {(labels.data ?? []).map((l) => {
            const on = task.labels.includes(l.id);
            return (
              <button
                key={l.id}
                type="button"
                className={['label-toggle', on && 'label-toggle--on'].filter(Boolean).join(' ')}
                aria-pressed={on}
                disabled={readOnly || savingField === 'labels'}
                onClick={() => void save('labels', { labels: on ? task.labels.filter((x) => x !== l.id) : [...task.labels, l.id] })}
                data-testid="task-label"
                data-label-name={l.name}
              >
                <span className="label-chip__dot" style={{ backgroundColor: l.color }} aria-hidden="true" />
                {l.name}
              </button>
            );
          })}
        </div>
      </Section>

      <DescriptionEditor task={task} readOnly={readOnly} save={save} />

      <Section title="Repeats" id={`${fieldId}-repeat`}>
        <RecurrencePicker task={task} readOnly={readOnly} save={save} />
      </Section>

      {task.parent_id === null && (
        <Section title="Subtasks" id={`${fieldId}-subtasks`}>
          <Subtasks task={task} wsId={wsId} readOnly={readOnly} workspaceSlug={workspace.slug} />
        </Section>
      )}

      <Section title="Comments" id={`${fieldId}-comments`}>
        <Comments wsId={wsId} taskId={task.id} readOnly={readOnly} />
      </Section>
    </div>
  );
}

type Save = (field: string, patch: TaskPatch) => Promise<SaveResult>;

function TitleEditor({ task, titleId, readOnly, save }: { task: Task; titleId: string; readOnly: boolean; save: Save }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (draft !== null) inputRef.current?.focus();
  }, [draft !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  const commit = async () => {
    if (draft === null) return;
    const text = draft.trim();
    if (!text) {
      setFieldError('A task needs a title.');
      return;
    }
    if (text.length > 500) {
      setFieldError('A title is at most 500 characters.');
      return;
    }
    if (text === task.title) {
      setDraft(null);
      return;
    }
    setSaving(true);
    const result = await save('title', { title: text });
    setSaving(false);
    if (result.ok) {
      setDraft(null);
      setFieldError(null);
    } else if (result.error?.fields.title) {
      setFieldError(result.error.fields.title);
    }
  };

  if (draft === null) {
    return (
      <h2 className="task-panel__title" id={titleId}>
        <button
          type="button"
          className="task-panel__title-button"
          onClick={() => !readOnly && setDraft(task.title)}
          disabled={readOnly}
          title={readOnly ? undefined : 'Edit the title'}
          data-testid="task-title"
        >
          {task.title}
        </button>
      </h2>
    );
  }
  return (
    <form
      className="task-panel__title-form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void commit();
      }}
    >
      <label className="visually-hidden" htmlFor={`${titleId}-input`}>
        Title
      </label>
      <input
        ref={inputRef}
        id={`${titleId}-input`}
        className="field__input task-panel__title-input"
        value={draft}
        maxLength={500}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDraft(null);
            setFieldError(null);
          }
        }}
        aria-invalid={fieldError ? true : undefined}
        data-testid="task-title-input"
      />
      <div className="row">
        <Button type="submit" size="sm" variant="primary" loading={saving} data-testid="task-title-save">
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </div>
      {fieldError && (
        <p className="field__error" role="alert">
          {fieldError}
        </p>
      )}
    </form>
  );
}

function DueDateField({ task, readOnly, save }: { task: Task; readOnly: boolean; save: Save }) {
  const id = useId();
  const [value, setValue] = useState(task.due_date ?? '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  // The value last sent (Enter then blur must not save twice).
  const sent = useRef(task.due_date ?? '');
  useEffect(() => {
    setValue(task.due_date ?? '');
    sent.current = task.due_date ?? '';
  }, [task.due_date]);
  const commit = async (next: string) => {
    if (next === sent.current) return;
    if (next && !/^\d{4}-\d{2}-\d{2}$/.test(next)) {
      setFieldError('Use a date like 2026-12-31.');
      return;
    }
    const before = sent.current;
    sent.current = next;
    const result = await save('due', { due_date: next || null });
    if (!result.ok) sent.current = before;
    if (result.ok) setFieldError(null);
    else if (result.error?.fields.due_date) setFieldError(result.error.fields.due_date);
  };
  return (
    <label className="task-field" htmlFor={id}>
      <span className="task-field__label">Due date</span>
      <input
        id={id}
        type="date"
        className="field__input"
        value={value}
        disabled={readOnly}
        onChange={(e) => setValue(e.target.value)}
        onBlur={(e) => void commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit((e.target as HTMLInputElement).value);
        }}
        aria-invalid={fieldError ? true : undefined}
        data-testid="task-due"
      />
      {fieldError && <span className="field__error">{fieldError}</span>}
    </label>
  );
}

function DescriptionEditor({ task, readOnly, save }: { task: Task; readOnly: boolean; save: Save }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const commit = async () => {
    if (draft === null) return;
    if (new TextEncoder().encode(draft).length > 100 * 1024) {
      setFieldError('A description is at most 100 KiB.');
      return;
    }
    setSaving(true);
    const result = await save('description', { description: draft });
    setSaving(false);
    if (result.ok) {
      setDraft(null);
      setFieldError(null);
    } else if (result.error?.fields.description) {
      setFieldError(result.error.fields.description);
    }
  };

  return (
    <section className="task-panel__section" aria-labelledby={`${id}-title`}>
      <div className="task-panel__section-head">
        <h3 className="task-panel__section-title" id={`${id}-title`}>
          Description
        </h3>
        {draft === null && !readOnly && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setDraft(task.description);
              setTab('write');
            }}
            data-testid="task-description-edit"
          >
            Edit
          </Button>
        )}
      </div>
      {draft === null ? (
        task.description ? (
          <Markdown source={task.description} className="task-panel__description" />
        ) : (
          <p className="muted">No description.</p>
        )
      ) : (
        <div className="md-editor">
          <div className="md-editor__tabs" role="tablist" aria-label="Description editor">
            <button type="button" role="tab" aria-selected={tab === 'write'} className="md-editor__tab" onClick={() => setTab('write')} data-testid="task-description-write">
              Write
            </button>
            <button type="button" role="tab" aria-selected={tab === 'preview'} className="md-editor__tab" onClick={() => setTab('preview')} data-testid="task-description-preview">
              Preview
            </button>
          </div>
          {tab === 'write' ? (
            <textarea
              className="field__input md-editor__text"
              aria-label="Description (Markdown)"
              value={draft}
              rows={8}
              onChange={(e) => setDraft(e.target.value)}
              aria-invalid={fieldError ? true : undefined}
              data-testid="task-description-input"
            />
          ) : (
            <div className="md-editor__preview" data-testid="task-description-rendered">
              {draft.trim() ? <Markdown source={draft} /> : <p className="muted">Nothing to preview.</p>}
            </div>
          )}
          {fieldError && (
            <p className="field__error" role="alert">
              {fieldError}
            </p>
          )}
          <div className="row">
            <Button size="sm" variant="primary" loading={saving} onClick={() => void commit()} data-testid="task-description-save">
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
              Cancel
            </Button>
            <span className="muted md-editor__hint">Markdown: **bold**, *italic*, `code`, lists, [links](https://…)</span>
          </div>
        </div>
      )}
    </section>
  );
}

export default TaskPanel;
