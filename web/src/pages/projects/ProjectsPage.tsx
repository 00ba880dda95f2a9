import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { createProject, storeProject, useProjects, type Project } from '../../api/projects';
import type { Workspace } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useForm } from '../../lib/forms';
import { useTitle } from '../../lib/hooks';
import { Badge, Banner, Button, Card, Checkbox, Dialog, DialogActions, SelectField, Spinner, Table, TextArea, TextField, type Column } from '../../ui';
import { useCurrentWorkspace } from '../workspaces/context';
import { canProject } from './permissions';
import { projectLinks } from './ProjectHeader';
import {
  checkProjectDescription,
  checkProjectKey,
  checkProjectName,
  KEY_MAX,
  normalizeKeyInput,
  PROJECT_NAME_MAX,
  suggestKey,
} from './projectKey';
import { VISIBILITY_LABELS } from './wording';
import './projects.css';

/** Name, key (suggested from the name until edited), visibility, description. */
function CreateProjectForm({ workspace, onCreated, onCancel }: { workspace: Workspace; onCreated: (p: Project) => void; onCancel: () => void }) {
  const [keyEdited, setKeyEdited] = useState(false);
  const form = useForm({ name: '', key: '', visibility: 'workspace', description: '' }, (v) => ({
    name: checkProjectName(v.name),
    key: checkProjectKey(v.key),
    description: checkProjectDescription(v.description),
  }));

  const submit = form.handleSubmit(async (v) => {
    const project = await createProject(workspace.id, {
      name: v.name.trim(),
      key: v.key,
      visibility: v.visibility === 'private' ? 'private' : 'workspace',
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
    });
    onCreated(project);
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      {form.formError && (
        <Banner tone="danger" data-testid="project-create-error">
          {form.formError}
        </Banner>
      )}
      <TextField
        label="Name"
        required
        autoFocus
        maxLength={PROJECT_NAME_MAX}
        data-testid="project-name"
        {...form.field('name')}
        onChange={(e) => {
          form.setValue('name', e.target.value);
          if (!keyEdited) form.setValue('key', suggestKey(e.target.value));
        }}
      />
      <TextField
        label="Key"
        required
        className="field--short"
        maxLength={KEY_MAX}
        hint="2 to 10 letters A–Z; task keys start with it, like WEB-12."
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        data-testid="project-key"
        {...form.field('key')}
        onChange={(e) => {
          setKeyEdited(true);
          form.setValue('key', normalizeKeyInput(e.target.value));
        }}
      />
      <SelectField label="Who can see it" data-testid="project-visibility" {...form.field('visibility')}>
        <option value="workspace">{VISIBILITY_LABELS.workspace}</option>
        <option value="private">{VISIBILITY_LABELS.private}</option>
      </SelectField>
      <TextArea label="Description" rows={3} data-testid="project-description" {...form.field('description')} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={form.submitting} data-testid="project-create-submit">
          Create project
        </Button>
      </DialogActions>
    </form>
  );
}

/** `/w/:ws/projects`: the workspace's projects (archived ones behind a toggle) and "New project". */
export default function ProjectsPage() {
  const workspace = useCurrentWorkspace();
  const me = useUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const projects = useProjects(workspace.id);
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  useTitle(`Projects · ${workspace.name}`);

  const all = projects.data ?? [];
  const archivedCount = all.filter((p) => p.archived).length;
  const rows = useMemo(
    () => (projects.data ?? []).filter((p) => showArchived || !p.archived).sort((a, b) => a.name.localeCompare(b.name)),
    [projects.data, showArchived],
  );
  const mayCreate = canProject(workspace.my_role, 'create');

  const columns: Array<Column<Project>> = [
    { key: 'key', header: 'Key', render: (p) => <span className="project-key mono">{p.key}</span> },
    {
      key: 'name',
      header: 'Project',
      render: (p) => (
        <div className="project-cell">
          <Link to={projectLinks.board(workspace.slug, p.id)} data-testid="project-link">
            {p.name}
          </Link>
          {p.description && <span className="muted project-cell__description">{p.description}</span>}
        </div>
      ),
    },
    {
      key: 'visibility',
      header: 'Visibility',
      render: (p) => (
        <span className="row row--tight">
          {p.visibility === 'private' ? <Badge tone="warning">Private</Badge> : <Badge>Workspace</Badge>}
          {p.archived && <Badge tone="neutral">Archived</Badge>}
        </span>
      ),
    },
    { key: 'created', header: 'Created', render: (p) => formatDateTime(p.created_at, me.timezone) },
    {
      key: 'open',
      header: 'Views',
      render: (p) => (
        <span className="row row--tight">
          <Link to={projectLinks.listView(workspace.slug, p.id)} aria-label={`List of ${p.name}`}>
            List
          </Link>
          <Link to={projectLinks.settings(workspace.slug, p.id)} aria-label={`Settings of ${p.name}`}>
            Settings
          </Link>
        </span>
      ),
    },
  ];

  return (
    <div className="stack">
      <Card
        title="Projects"
        description={mayCreate ? 'Boards of tasks. Private projects are seen only by their members and workspace admins.' : 'The projects you can see.'}
        actions={
          mayCreate && (
            <Button variant="primary" onClick={() => setCreating(true)} data-testid="project-create">
              New project
            </Button>
          )
        }
      >
        {projects.isPending && <Spinner label="Loading projects…" showLabel />}
        {projects.isError && (
          <Banner tone="danger" title="Could not load the projects">
            {errorMessage(projects.error)}{' '}
            <Button size="sm" onClick={() => void projects.refetch()}>
              Try again
            </Button>
          </Banner>
        )}
        {projects.data && (
          <>
            {archivedCount > 0 && (
              <Checkbox
                label={`Show archived projects (${archivedCount})`}
                checked={showArchived}
                onChange={(e) => setShowArchived(e.target.checked)}
                data-testid="projects-show-archived"
              />
            )}
            <Table
              caption="Projects"
              columns={columns}
              rows={rows}
              rowKey={(p) => p.id}
              rowProps={(p) => ({ 'data-testid': 'project-row', 'data-key': p.key, 'data-archived': p.archived ? 'true' : 'false' })}
              empty={
                <p className="muted" data-testid="projects-empty">
                  {all.length > 0 ? 'Every project is archived.' : mayCreate ? 'No projects yet. Create the first one.' : 'No projects you can see yet.'}
                </p>
              }
              data-testid="projects-table"
            />
          </>
        )}
      </Card>
      <Dialog open={creating} onClose={() => setCreating(false)} title="New project" data-testid="project-create-dialog">
        {creating && (
          <CreateProjectForm
            workspace={workspace}
            onCancel={() => setCreating(false)}
            onCreated={(project) => {
              storeProject(queryClient, project);
              setCreating(false);
              navigate(projectLinks.board(workspace.slug, project.id));
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
