import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createLabel, deleteLabel, patchLabel, projectKeys, type Label } from '../../api/projects';
import { useLabels } from '../../api/tasks';
import type { Workspace } from '../../api/types';
import { errorMessage } from '../../lib/errors';
import { useForm } from '../../lib/forms';
import { Banner, Button, Card, ConfirmDialog, Spinner, TextField } from '../../ui';

export const LABEL_NAME_MAX = 50;
export const DEFAULT_LABEL_COLOR = '#6b7280';

export function checkLabelName(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a name.';
  if ([...n].length > LABEL_NAME_MAX) return `Use at most ${LABEL_NAME_MAX} characters.`;
  return undefined;
}

export function checkColor(color: string): string | undefined {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? undefined : 'Pick a colour like #1f6feb.';
}

export function LabelSwatch({ color }: { color: string }) {
  return <span className="label-swatch" style={{ backgroundColor: checkColor(color) ? DEFAULT_LABEL_COLOR : color }} aria-hidden="true" />;
}

function LabelForm({
  label,
  submitLabel,
  onSave,
  onCancel,
  testPrefix,
}: {
  label?: Label;
  submitLabel: string;
  onSave: (values: { name: string; color: string }) => Promise<void>;
  onCancel?: () => void;
  testPrefix: string;
}) {
  const form = useForm({ name: label?.name ?? '', color: label?.color.toLowerCase() ?? DEFAULT_LABEL_COLOR }, (v) => ({
    name: checkLabelName(v.name),
    color: checkColor(v.color),
  }));
  const submit = form.handleSubmit(async (v) => {
    await onSave({ name: v.name.trim(), color: v.color.toLowerCase() });
    if (!label) form.reset();
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      className="inline-form inline-form--add"
      aria-label={label ? `Edit the label ${label.name}` : 'Add a label'}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <TextField
        label={label ? `New name for ${label.name}` : 'New label'}
        className="inline-form__field"
        maxLength={LABEL_NAME_MAX}
        autoFocus={Boolean(label)}
        data-testid={`${testPrefix}-name`}
        {...form.field('name')}
      />
      <TextField label="Colour" type="color" className="field--color" data-testid={`${testPrefix}-color`} {...form.field('color')} />
      <Button type="submit" size={label ? 'sm' : 'md'} variant="primary" loading={form.submitting} data-testid={`${testPrefix}-save`}>
        {submitLabel}
      </Button>
      {onCancel && (
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
      )}
      {form.formError && (
        <Banner tone="danger" className="inline-form__banner" data-testid={`${testPrefix}-error`}>
          {form.formError}
        </Banner>
      )}
    </form>
  );
}

/** The workspace's labels: members add, rename and recolour them; managers and up delete them. */
export function LabelsCard({ workspace, mayEdit, mayDelete }: { workspace: Workspace; mayEdit: boolean; mayDelete: boolean }) {
  const queryClient = useQueryClient();
  const labels = useLabels(workspace.id);
  const key = projectKeys.labels(workspace.id);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Label | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [deletePending, setDeletePending] = useState(false);
  const list = [...(labels.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const replace = (label: Label) =>
    queryClient.setQueryData<Label[]>(key, (old) => (old ? [...old.filter((l) => l.id !== label.id), label] : old));

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeletePending(true);
    setDeleteError(null);
    try {
      await deleteLabel(deleting.id);
      queryClient.setQueryData<Label[]>(key, (old) => old?.filter((l) => l.id !== deleting.id));
      setDeleting(null);
      refresh();
      // Tasks lose the label: the lists of this workspace show it no more.
      void queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'project'] });
    } catch (err) {
      setDeleteError(err);
    } finally {
      setDeletePending(false);
    }
  };

  return (
    <Card title="Labels" description="Labels are shared by every project of the workspace." data-testid="labels-card">
      {labels.isPending && <Spinner label="Loading labels…" showLabel />}
      {labels.isError && <Banner tone="danger">{errorMessage(labels.error)}</Banner>}
      {labels.data && list.length === 0 && <p className="muted">No labels yet.</p>}
      <ul className="label-list">
        {list.map((label) => (
          <li key={label.id} className="label-list__item" data-testid="label-row" data-label-name={label.name} data-color={label.color}>
            {editing === label.id ? (
              <LabelForm
                label={label}
                submitLabel="Save"
                testPrefix="label-edit"
                onCancel={() => setEditing(null)}
                onSave={async (v) => {
                  const body: { name?: string; color?: string } = {};
                  if (v.name !== label.name) body.name = v.name;
                  if (v.color !== label.color.toLowerCase()) body.color = v.color;
                  if (Object.keys(body).length > 0) replace(await patchLabel(label.id, body));
                  setEditing(null);
                  refresh();
                }}
              />
            ) : (
              <>
                <span className="label-chip">
                  <LabelSwatch color={label.color} />
                  {label.name}
                </span>
                <span className="row row--tight">
                  {mayEdit && (
                    <Button size="sm" onClick={() => setEditing(label.id)} aria-label={`Edit the label ${label.name}`} data-testid="label-edit">
                      Edit
                    </Button>
                  )}
                  {mayDelete && (
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(label);
                      }}
                      aria-label={`Delete the label ${label.name}`}
                      data-testid="label-delete"
                    >
                      Delete
                    </Button>
                  )}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      {mayEdit && (
        <LabelForm
          submitLabel="Add label"
          testPrefix="label-new"
          onSave={async (v) => {
            const created = await createLabel(workspace.id, v);
            queryClient.setQueryData<Label[]>(key, (old) => (old ? [...old.filter((l) => l.id !== created.id), created] : old));
            refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the label ${deleting?.name ?? ''}?`}
        description="It is taken off every task in every project of the workspace."
        confirmLabel="Delete label"
        pending={deletePending}
        error={deleteError ?? undefined}
        onConfirm={() => void confirmDelete()}
        data-testid="label-delete-dialog"
      />
    </Card>
  );
}
