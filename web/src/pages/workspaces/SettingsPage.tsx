import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Workspace, WorkspacePatch } from '../../api/types';
import { forgetWorkspace, storeWorkspace, wsPaths } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { formatDateTime } from '../../lib/format';
import { useForm } from '../../lib/forms';
import { can, ROLE_LABELS } from '../../lib/roles';
import { checkSlug, checkWorkspaceName, NAME_MAX, normalizeSlugInput } from '../../lib/slug';
import { Banner, Button, Card, DeleteCard, TextField } from '../../ui';
import { useCurrentWorkspace } from './context';

function GeneralForm({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [saved, setSaved] = useState<string | null>(null);
  const editable = can(workspace.my_role, 'manage');
  const form = useForm({ name: workspace.name, slug: workspace.slug }, (v) => ({
    name: checkWorkspaceName(v.name),
    slug: checkSlug(v.slug),
  }));

  const submit = form.handleSubmit(async (v) => {
    setSaved(null);
    const patch: WorkspacePatch = {};
    if (v.name.trim() !== workspace.name) patch.name = v.name.trim();
    if (v.slug.trim() !== workspace.slug) patch.slug = v.slug.trim();
    if (Object.keys(patch).length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    const updated = await api.patch<Workspace>(wsPaths.one(workspace.id), patch);
    storeWorkspace(queryClient, updated, workspace.slug);
    form.reset({ name: updated.name, slug: updated.slug });
    setSaved('Workspace saved.');
    if (updated.slug !== workspace.slug) navigate(`/w/${updated.slug}/settings`, { replace: true });
  });

  return (
    <Card
      title="General"
      description={editable ? 'The name people see and the address in links.' : `Only admins and owners change these; you are ${ROLE_LABELS[workspace.my_role].toLowerCase()}.`}
      className="form-card"
    >
      <form onSubmit={submit} noValidate>
        {form.formError && (
          <Banner tone="danger" data-testid="workspace-settings-error">
            {form.formError}
          </Banner>
        )}
        {saved && (
          <Banner tone="success" onDismiss={() => setSaved(null)} data-testid="workspace-saved">
            {saved}
          </Banner>
        )}
        <TextField label="Name" required maxLength={NAME_MAX} readOnly={!editable} data-testid="settings-name" {...form.field('name')} />
        <TextField
          label="Address"
          required
          readOnly={!editable}
          hint={
            <>
              Links use <span className="mono">/w/{form.values.slug.trim() || '…'}</span>. Changing it breaks old links to this workspace.
            </>
          }
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          data-testid="settings-slug"
          {...form.field('slug')}
          onChange={(e) => form.setValue('slug', normalizeSlugInput(e.target.value))}
        />
        {editable && (
          <div className="row">
            <Button type="submit" variant="primary" loading={form.submitting} data-testid="settings-save">
              Save changes
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

function DeleteWorkspace({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <DeleteCard
      title="Delete workspace"
      description="Deletes the workspace with its members, invitations, teams and history. This cannot be undone."
      button="Delete this workspace"
      dialogTitle={`Delete ${workspace.name}?`}
      dialogDescription="Everyone loses access at once and all of its data is deleted."
      confirmLabel="Delete workspace"
      prompt={
        <>
          Type <strong>{workspace.name}</strong> to confirm
        </>
      }
      matches={(typed) => typed.trim() === workspace.name.trim()}
      mismatch="The name does not match yet."
      onDelete={() => api.delete(wsPaths.one(workspace.id))}
      onDeleted={() => {
        forgetWorkspace(queryClient, workspace);
        navigate('/', { replace: true, state: { notice: `The workspace ${workspace.name} was deleted.` } });
      }}
      testId="workspace-delete"
    />
  );
}

export default function SettingsPage() {
  const workspace = useCurrentWorkspace();
  const me = useUser();
  return (
    <div className="stack">
      <GeneralForm key={workspace.id} workspace={workspace} />
      <Card title="About">
        <dl className="facts">
          <dt>Plan</dt>
          <dd>{workspace.plan === 'free' ? 'Free' : workspace.plan}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(workspace.created_at, me.timezone)}</dd>
          <dt>Your role</dt>
          <dd>{ROLE_LABELS[workspace.my_role]}</dd>
        </dl>
      </Card>
      {can(workspace.my_role, 'delete') && <DeleteWorkspace workspace={workspace} />}
    </div>
  );
}
