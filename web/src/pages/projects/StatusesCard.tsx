import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../../api/client';
import { createStatus, deleteStatus, patchStatus, projectKeys, type Project, type Status, type StatusCategory } from '../../api/projects';
import { taskKeys, useStatuses } from '../../api/tasks';
import type { Workspace } from '../../api/types';
import { errorMessage } from '../../lib/errors';
import { useForm } from '../../lib/forms';
import { Banner, Button, Card, ConfirmDialog, SelectField, Spinner, TextField } from '../../ui';
import { moveStatus, planStatusMove } from './statusOrder';
import { CATEGORIES, CATEGORY_LABELS } from './wording';

export const STATUS_NAME_MAX = 60;

function checkStatusName(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a name.';
  if ([...n].length > STATUS_NAME_MAX) return `Use at most ${STATUS_NAME_MAX} characters.`;
  return undefined;
}

function isCategory(value: string): value is StatusCategory {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Why a status cannot be deleted, in words; the server's 409 says it briefly. */
function deleteProblem(err: unknown, status: Status | null): string {
  if (err instanceof ApiError && err.status === 409) {
    if (/tasks/i.test(err.message)) return `“${status?.name ?? 'This status'}” still has tasks. Move them to another status first, then delete it.`;
    if (/at least one/i.test(err.message)) return 'A project keeps at least one status; this is the last one.';
  }
  return errorMessage(err);
}

function RenameForm({ status, onDone, onCancel }: { status: Status; onDone: (s: Status) => void; onCancel: () => void }) {
  const form = useForm({ name: status.name }, (v) => ({ name: checkStatusName(v.name) }));
  const submit = form.handleSubmit(async (v) => {
    if (v.name.trim() === status.name) return onCancel();
    onDone(await patchStatus(status.id, { name: v.name.trim() }));
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      className="inline-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <TextField
        label={`New name for ${status.name}`}
        className="inline-form__field"
        required
        autoFocus
        maxLength={STATUS_NAME_MAX}
        data-testid="status-rename-input"
        {...form.field('name')}
      />
      <Button type="submit" size="sm" variant="primary" loading={form.submitting} data-testid="status-rename-save">
        Save
      </Button>
      <Button size="sm" onClick={onCancel}>
        Cancel
      </Button>
      {form.formError && <p className="field__error">{form.formError}</p>}
    </form>
  );
}

function AddStatusForm({ project, onAdded }: { project: Project; onAdded: (s: Status) => void }) {
  const form = useForm({ name: '', category: 'todo' }, (v) => ({ name: checkStatusName(v.name) }));
  const submit = form.handleSubmit(async (v) => {
    const status = await createStatus(project.id, { name: v.name.trim(), category: isCategory(v.category) ? v.category : 'todo' });
    form.reset();
    onAdded(status);
  });
  return (
    <form onSubmit={submit} noValidate className="inline-form inline-form--add" aria-label="Add a status">
      <TextField label="New status" className="inline-form__field" maxLength={STATUS_NAME_MAX} data-testid="status-new-name" {...form.field('name')} />
      <SelectField label="Category" data-testid="status-new-category" {...form.field('category')}>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" loading={form.submitting} data-testid="status-add">
        Add status
      </Button>
      {form.formError && (
        <Banner tone="danger" className="inline-form__banner" data-testid="status-add-error">
          {form.formError}
        </Banner>
      )}
    </form>
  );
}

/** The project's statuses: add, rename, change category, re-order (buttons or Alt+↑/↓), delete. */
export function StatusesCard({ workspace, project, editable }: { workspace: Workspace; project: Project; editable: boolean }) {
  const queryClient = useQueryClient();
  const statuses = useStatuses(workspace.id, project.id);
  const key = projectKeys.statuses(workspace.id, project.id);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Status | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [deletePending, setDeletePending] = useState(false);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const list = statuses.data ?? [];

  const refresh = (tasksToo = false) => {
    void queryClient.invalidateQueries({ queryKey: key });
    if (tasksToo) void queryClient.invalidateQueries({ queryKey: taskKeys.tasks(workspace.id, project.id) });
  };
  const replace = (status: Status) =>
    queryClient.setQueryData<Status[]>(key, (old) => old?.map((s) => (s.id === status.id ? status : s)));

  const focusRow = (id: string, direction: 'up' | 'down') => {
    setTimeout(() => {
      const row = rows.current.get(id);
      const button = row?.querySelector<HTMLButtonElement>(`[data-move="${direction}"]`);
      if (button && !button.disabled) button.focus();
      else row?.focus();
    }, 0);
  };

  // Moves show at once and their PATCHes go out one after the other, each
  // planned on the order the previous ones left; the list is re-read from the
  // server once none is pending (also after a failure, which restores it).
  const pendingMoves = useRef(0);
  const moveQueue = useRef<Promise<void>>(Promise.resolve());
  const move = (statusId: string, delta: number) => {
    const current = queryClient.getQueryData<Status[]>(key) ?? [];
    const index = current.findIndex((s) => s.id === statusId);
    const status = current[index];
    const plan = planStatusMove(current, index, delta);
    if (!status || !plan) return;
    setError(null);
    void queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<Status[]>(key, moveStatus(current, index, delta));
    focusRow(status.id, delta < 0 ? 'up' : 'down');
    pendingMoves.current += 1;
    moveQueue.current = moveQueue.current.then(async () => {
      try {
        await patchStatus(status.id, plan);
      } catch (err) {
        setError(`Could not move “${status.name}”: ${errorMessage(err)}`);
      } finally {
        pendingMoves.current -= 1;
        if (pendingMoves.current === 0) refresh();
      }
    });
  };

  const changeCategory = async (status: Status, category: string) => {
    if (!isCategory(category) || category === status.category) return;
    setError(null);
    try {
      replace(await patchStatus(status.id, { category }));
    } catch (err) {
      setError(`Could not change “${status.name}”: ${errorMessage(err)}`);
    } finally {
      refresh(true);
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeletePending(true);
    setDeleteError(null);
    try {
      await deleteStatus(deleting.id);
      queryClient.setQueryData<Status[]>(key, (old) => old?.filter((s) => s.id !== deleting.id));
      setDeleting(null);
      refresh();
    } catch (err) {
      setDeleteError(err);
    } finally {
      setDeletePending(false);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (!editable || !e.altKey || renaming) return;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const status = list[index];
      if (status) move(status.id, e.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <Card
      title="Statuses"
      description={
        editable
          ? 'The board’s columns, left to right. Alt+↑ / Alt+↓ moves the focused status. A status with tasks cannot be deleted.'
          : 'The board’s columns, left to right.'
      }
      data-testid="statuses-card"
    >
      {error && (
        <Banner tone="danger" onDismiss={() => setError(null)} data-testid="status-error">
          {error}
        </Banner>
      )}
      {statuses.isPending && <Spinner label="Loading statuses…" showLabel />}
      {statuses.isError && <Banner tone="danger">{errorMessage(statuses.error)}</Banner>}
      <ol className="status-list" data-testid="status-list">
        {list.map((status, index) => (
          <li
            key={status.id}
            className="status-list__item"
            tabIndex={-1}
            ref={(el) => {
              if (el) rows.current.set(status.id, el);
              else rows.current.delete(status.id);
            }}
            onKeyDown={(e) => onRowKey(e, index)}
            data-testid="status-row"
            data-status-name={status.name}
            data-category={status.category}
          >
            {renaming === status.id ? (
              <RenameForm
                status={status}
                onCancel={() => {
                  setRenaming(null);
                  focusRow(status.id, 'up');
                }}
                onDone={(s) => {
                  replace(s);
                  setRenaming(null);
                  refresh();
                }}
              />
            ) : (
              <>
                <span className="status-list__name">
                  <span className={`status-dot status-dot--${status.category}`} aria-hidden="true" />
                  {status.name}
                </span>
                {editable ? (
                  <span className="status-list__actions">
                    <SelectField
                      label={`Category of ${status.name}`}
                      className="field--inline"
                      value={status.category}
                      onChange={(e) => void changeCategory(status, e.target.value)}
                      data-testid="status-category"
                    >
                      {CATEGORIES.map((c) => (
                        <option key={c} value={c}>
                          {CATEGORY_LABELS[c]}
                        </option>
                      ))}
                    </SelectField>
                    <Button
                      size="sm"
                      variant="ghost"
                      data-move="up"
                      disabled={index === 0}
                      aria-label={`Move ${status.name} up`}
                      onClick={() => move(status.id, -1)}
                      data-testid="status-up"
                    >
                      ↑
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      data-move="down"
                      disabled={index === list.length - 1}
                      aria-label={`Move ${status.name} down`}
                      onClick={() => move(status.id, 1)}
                      data-testid="status-down"
                    >
                      ↓
                    </Button>
                    <Button size="sm" onClick={() => setRenaming(status.id)} aria-label={`Rename ${status.name}`} data-testid="status-rename">
                      Rename
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(status);
                      }}
                      aria-label={`Delete ${status.name}`}
                      data-testid="status-delete"
                    >
                      Delete
                    </Button>
                  </span>
                ) : (
                  <span className="muted">{CATEGORY_LABELS[status.category]}</span>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      {editable && (
        <AddStatusForm
          project={project}
          onAdded={(s) => {
            queryClient.setQueryData<Status[]>(key, (old) => (old ? [...old.filter((x) => x.id !== s.id), s] : old));
            refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the status ${deleting?.name ?? ''}?`}
        description="Only a status without tasks can be deleted."
        confirmLabel="Delete status"
        pending={deletePending}
        onConfirm={() => void confirmDelete()}
        data-testid="status-delete-dialog"
      >
        {deleteError ? (
          <Banner tone="danger" title="Not deleted" data-testid="status-delete-error">
            {deleteProblem(deleteError, deleting)}
          </Banner>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}
