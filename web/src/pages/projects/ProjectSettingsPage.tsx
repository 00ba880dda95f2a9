import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { deleteProject, forgetProject, patchProject, storeProject, type Project, type ProjectPatch } from '../../api/projects';
import type { Workspace } from '../../api/types';
import { errorMessage } from '../../lib/errors';
import { useTitle } from '../../lib/hooks';
import { useForm } from '../../lib/forms';
import { Banner, Button, Card, DeleteCard, SelectField, TextArea, TextField } from '../../ui';
import { LabelsCard } from './LabelsCard';
import { MembersCard } from './MembersCard';
import { canProject } from './permissions';
import { ProjectHeader, projectLinks } from './ProjectHeader';
import {
  checkProjectDescription,
  checkProjectKey,
  checkProjectName,
  KEY_MAX,
  normalizeKeyInput,
  PROJECT_NAME_MAX,
} from './projectKey';
import { StatusesCard } from './StatusesCard';
import { useProjectPage } from './useProjectPage';
import { VISIBILITY_LABELS } from './wording';
import './projects.css';

function staleMessage(err: unknown): string | null {
  return err instanceof ApiError && err.code === 'precondition_failed'
    ? 'Someone else changed this project meanwhile; the page now shows their version. Save again to overwrite it.'
    : null;
}

function GeneralCard({ project, editable }: { project: Project; editable: boolean }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(
    { name: project.name, key: project.key, description: project.description, visibility: project.visibility as string },
    (v) => ({ name: checkProjectName(v.name), key: checkProjectKey(v.key), description: checkProjectDescription(v.description) }),
  );

  const submit = form.handleSubmit(async (v) => {
    setSaved(null);
    const patch: ProjectPatch = {};
    if (v.name.trim() !== project.name) patch.name = v.name.trim();
    if (v.key !== project.key) patch.key = v.key;
    if (v.description.trim() !== project.description) patch.description = v.description.trim();
    if (v.visibility !== project.visibility) patch.visibility = v.visibility === 'private' ? 'private' : 'workspace';
    if (Object.keys(patch).length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    try {
      const updated = await patchProject(project.id, patch, project.version);
      storeProject(queryClient, updated);
      setSaved('Project saved.');
    } catch (err) {
      const stale = staleMessage(err);
      if (!stale) throw err;
      void queryClient.invalidateQueries({ queryKey: ['ws', project.workspace_id, 'project', project.id], exact: true });
      form.setFormError(stale);
    }
  });

  return (
    <Card
      title="General"
      description={editable ? 'Name, key and who can see the project.' : 'Only managers, admins and owners change these.'}
      className="form-card"
    >
      <form onSubmit={submit} noValidate>
        {form.formError && (
          <Banner tone="danger" data-testid="project-settings-error">
            {form.formError}
          </Banner>
        )}
        {saved && (
          <Banner tone="success" onDismiss={() => setSaved(null)} data-testid="project-saved">
            {saved}
          </Banner>
        )}
        <TextField label="Name" required maxLength={PROJECT_NAME_MAX} readOnly={!editable} data-testid="project-settings-name" {...form.field('name')} />
        <TextField
          label="Key"
          required
          className="field--short"
          maxLength={KEY_MAX}
          readOnly={!editable}
          hint="Changing it changes the key of every task (WEB-12 becomes NEW-12)."
          autoCapitalize="characters"
          spellCheck={false}
          data-testid="project-settings-key"
          {...form.field('key')}
          onChange={(e) => form.setValue('key', normalizeKeyInput(e.target.value))}
        />
        <TextArea label="Description" rows={3} readOnly={!editable} data-testid="project-settings-description" {...form.field('description')} />
        <SelectField label="Who can see it" disabled={!editable} data-testid="project-settings-visibility" {...form.field('visibility')}>
          <option value="workspace">{VISIBILITY_LABELS.workspace}</option>
          <option value="private">{VISIBILITY_LABELS.private}</option>
        </SelectField>
        {editable && (
          <div className="row">
            <Button type="submit" variant="primary" loading={form.submitting} data-testid="project-settings-save">
              Save changes
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

function ArchiveCard({ project }: { project: Project }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => patchProject(project.id, { archived: !project.archived }),
    onSuccess: (updated) => storeProject(queryClient, updated),
  });
  return (
    <Card
      title={project.archived ? 'Archived' : 'Archive'}
      description={
        project.archived
          ? 'The project is read-only: tasks, statuses, members and comments cannot change until it is unarchived.'
          : 'Archiving makes the project read-only and hides it from the project list (behind “Show archived”).'
      }
    >
      {toggle.error ? <Banner tone="danger">{errorMessage(toggle.error)}</Banner> : null}
      <div className="row">
        <Button loading={toggle.isPending} onClick={() => toggle.mutate()} data-testid={project.archived ? 'project-unarchive' : 'project-archive'}>
          {project.archived ? 'Unarchive project' : 'Archive project'}
        </Button>
      </div>
    </Card>
  );
}

function DeleteProject({ workspace, project }: { workspace: Workspace; project: Project }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <DeleteCard
      title="Delete project"
      description="Deletes the project with its statuses, tasks and comments. This cannot be undone."
      button="Delete this project"
      dialogTitle={`Delete ${project.name}?`}
      dialogDescription="Every task and comment in it is deleted for everyone."
      confirmLabel="Delete project"
      prompt={
        <>
          Type the key <strong className="mono">{project.key}</strong> to confirm
        </>
      }
      matches={(typed) => typed.trim().toUpperCase() === project.key}
      mismatch="The key does not match yet."
      onDelete={() => deleteProject(project.id)}
      onDeleted={() => {
        forgetProject(queryClient, project);
        navigate(projectLinks.list(workspace.slug), { replace: true });
      }}
      testId="project-delete"
    />
  );
}

/** `/w/:ws/p/:projectId/settings`. */
export default function ProjectSettingsPage() {
  const { workspace, project, gate } = useProjectPage();
  useTitle(project ? `Settings · ${project.name}` : 'Project settings');
  if (!project) return gate;
  const role = workspace.my_role;
  const manage = canProject(role, 'manage');
  return (
    <div className="stack">
      <ProjectHeader workspace={workspace} project={project} />
      <GeneralCard key={project.id} project={project} editable={manage && !project.archived} />
      <StatusesCard workspace={workspace} project={project} editable={manage && !project.archived} />
      <LabelsCard workspace={workspace} mayEdit={canProject(role, 'editLabels')} mayDelete={manage} />
      <MembersCard workspace={workspace} project={project} editable={manage && !project.archived} />
      {manage && <ArchiveCard project={project} />}
      {canProject(role, 'delete') && <DeleteProject workspace={workspace} project={project} />}
    </div>
  );
}
