import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { addProjectMember, projectKeys, removeProjectMember, type Project, type ProjectMember } from '../../api/projects';
import { useProjectMembers } from '../../api/tasks';
import type { Member, Workspace } from '../../api/types';
import { useMembers } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { Banner, Button, Card, ConfirmDialog, SelectField, Spinner } from '../../ui';
import { projectLinks } from './ProjectHeader';

function who(m: { user: { name: string; email: string } }): string {
  return m.user.name || m.user.email;
}

/**
 * The project's explicit members. For a private project they are the people
 * who see it (besides workspace owners and admins); guests see a project only
 * when they are added, whatever its visibility.
 */
export function MembersCard({ workspace, project, editable }: { workspace: Workspace; project: Project; editable: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useUser();
  const members = useProjectMembers(workspace.id, project.id);
  const everyone = useMembers(workspace.id);
  const key = projectKeys.members(workspace.id, project.id);
  const [choice, setChoice] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ProjectMember | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removePending, setRemovePending] = useState(false);

  const list = members.data ?? [];
  const inProject = new Set(list.map((m) => m.user.id));
  const candidates: Member[] = editable ? everyone.items.filter((m) => !inProject.has(m.user.id)) : [];

  const add = async () => {
    if (!choice) {
      setError('Choose a workspace member to add.');
      return;
    }
    setAdding(true);
    setError(null);
    try {
      const added = await addProjectMember(project.id, choice);
      queryClient.setQueryData<ProjectMember[]>(key, (old) => (old ? [...old.filter((m) => m.user.id !== added.user.id), added] : old));
      setChoice('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setAdding(false);
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };

  const confirmRemove = async () => {
    if (!removing) return;
    setRemovePending(true);
    setRemoveError(null);
    try {
      await removeProjectMember(project.id, removing.user.id);
      const self = removing.user.id === me.id;
      setRemoving(null);
      queryClient.setQueryData<ProjectMember[]>(key, (old) => old?.filter((m) => m.user.id !== removing.user.id));
      void queryClient.invalidateQueries({ queryKey: key });
      // Leaving a private project one does not otherwise see: it is gone.
      if (self && project.visibility === 'private' && !['owner', 'admin'].includes(workspace.my_role)) {
        void queryClient.invalidateQueries({ queryKey: projectKeys.projects(workspace.id) });
        navigate(projectLinks.list(workspace.slug), { replace: true });
      }
    } catch (err) {
      setRemoveError(err);
    } finally {
      setRemovePending(false);
    }
  };

  return (
    <Card
      title="Project members"
      description={
        project.visibility === 'private'
          ? 'Only these people (and workspace owners and admins) see this private project.'
          : 'Everyone in the workspace sees this project; guests only when they are added here.'
      }
      data-testid="project-members-card"
    >
      {error && (
        <Banner tone="danger" onDismiss={() => setError(null)} data-testid="project-member-error">
          {error}
        </Banner>
      )}
      {members.isPending && <Spinner label="Loading members…" showLabel />}
      {members.isError && <Banner tone="danger">{errorMessage(members.error)}</Banner>}
      {members.data && list.length === 0 && <p className="muted">Nobody is added explicitly.</p>}
      <ul className="label-list">
        {list.map((m) => (
          <li key={m.user.id} className="label-list__item" data-testid="project-member-row" data-email={m.user.email}>
            <span className="person">
              <strong>{who(m)}</strong>
              <small className="muted">
                {m.user.email} · added {formatDateTime(m.added_at, me.timezone)}
              </small>
            </span>
            {(editable || m.user.id === me.id) && (
              <Button
                size="sm"
                variant="danger"
                onClick={() => {
                  setRemoveError(null);
                  setRemoving(m);
                }}
                aria-label={m.user.id === me.id ? 'Leave the project' : `Remove ${who(m)} from the project`}
                data-testid="project-member-remove"
              >
                {m.user.id === me.id ? 'Leave' : 'Remove'}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <div className="inline-form inline-form--add">
          <SelectField
            label="Add a workspace member"
            className="inline-form__field"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            data-testid="project-member-choice"
          >
            <option value="">{candidates.length ? 'Choose…' : 'Everyone is already added'}</option>
            {candidates.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {who(m)} ({m.user.email})
              </option>
            ))}
          </SelectField>
          <Button variant="primary" loading={adding} disabled={!candidates.length} onClick={() => void add()} data-testid="project-member-add">
            Add member
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing?.user.id === me.id ? 'Leave the project?' : `Remove ${removing ? who(removing) : ''}?`}
        description={
          project.visibility === 'private' ? 'They lose access to this private project unless they are a workspace owner or admin.' : undefined
        }
        confirmLabel={removing?.user.id === me.id ? 'Leave' : 'Remove'}
        pending={removePending}
        error={removeError ?? undefined}
        onConfirm={() => void confirmRemove()}
        data-testid="project-member-remove-dialog"
      />
    </Card>
  );
}
