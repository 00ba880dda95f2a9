import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Member, Page, Team, TeamCreate } from '../../api/types';
import { useMembers, useTeams, wsKeys, wsPaths } from '../../api/workspaces';
import { errorMessage } from '../../lib/errors';
import { useForm } from '../../lib/forms';
import { can } from '../../lib/roles';
import { checkWorkspaceName } from '../../lib/slug';
import { Banner, Button, Card, Checkbox, ConfirmDialog, Dialog, DialogActions, Spinner, TextField } from '../../ui';
import { useCurrentWorkspace } from './context';
import { planMembership } from './teamMembership';

type Editing = { mode: 'create' } | { mode: 'edit'; team: Team };

function memberName(m: Member): string {
  return m.user.name || m.user.email;
}

/** Create or edit a team: its name and who is in it. Nothing typed is lost when saving fails. */
function TeamForm({
  workspaceId,
  editing,
  members,
  onDone,
  onCancel,
}: {
  workspaceId: string;
  editing: Editing;
  members: Member[];
  onDone: (team: Team, message: string) => void;
  onCancel: () => void;
}) {
  const initialIds = editing.mode === 'edit' ? editing.team.member_ids : [];
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initialIds));
  // After a partial failure the team exists and some changes are in: continue from there.
  const [team, setTeam] = useState<Team | null>(editing.mode === 'edit' ? editing.team : null);
  const form = useForm({ name: editing.mode === 'edit' ? editing.team.name : '' }, (v) => ({
    name: checkWorkspaceName(v.name),
  }));

  const submit = form.handleSubmit(async (v) => {
    const name = v.name.trim();
    let current = team;
    if (!current) {
      const body: TeamCreate = { name, member_ids: [...selected] };
      current = await api.post<Team>(wsPaths.teams(workspaceId), body);
      setTeam(current);
      onDone(current, `Team “${current.name}” created.`);
      return;
    }
    if (current.name !== name) {
      current = await api.patch<Team>(wsPaths.team(current.id), { name });
      setTeam(current);
    }
    const plan = planMembership(current.member_ids, selected);
    for (const userId of plan.add) {
      current = await api.request<Team>(wsPaths.teamMember(current.id, userId), { method: 'PUT' });
      setTeam(current);
    }
    for (const userId of plan.remove) {
      await api.delete(wsPaths.teamMember(current.id, userId));
      current = { ...current, member_ids: current.member_ids.filter((id) => id !== userId) };
      setTeam(current);
    }
    onDone(current, `Team “${current.name}” saved.`);
  });

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <form onSubmit={submit} noValidate className="stack">
      {form.formError && (
        <Banner tone="danger" data-testid="team-error">
          {form.formError}
        </Banner>
      )}
      <TextField label="Team name" required autoFocus maxLength={100} data-testid="team-name" {...form.field('name')} />
      <fieldset className="checklist">
        <legend>Members</legend>
        {members.length === 0 && <p className="muted">No workspace members to add.</p>}
        {members.map((m) => (
          <Checkbox
            key={m.user.id}
            label={memberName(m)}
            hint={m.user.name ? m.user.email : undefined}
            checked={selected.has(m.user.id)}
            onChange={(e) => toggle(m.user.id, e.target.checked)}
            data-testid="team-member-option"
            data-email={m.user.email}
          />
        ))}
      </fieldset>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={form.submitting} data-testid="team-save">
          {editing.mode === 'create' ? 'Create team' : 'Save team'}
        </Button>
      </DialogActions>
    </form>
  );
}

export default function TeamsPage() {
  const workspace = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const teams = useTeams(workspace.id);
  const members = useMembers(workspace.id);
  const manage = can(workspace.my_role, 'manage');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const names = useMemo(() => new Map(members.items.map((m) => [m.user.id, memberName(m)])), [members.items]);
  const key = wsKeys.teams(workspace.id);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: wsKeys.activity(workspace.id) });
  };

  const remove = useMutation({
    mutationFn: (team: Team) => api.delete(wsPaths.team(team.id)),
    onSuccess: (_, team) => {
      setDeleting(null);
      setNotice(`Team “${team.name}” deleted.`);
      queryClient.setQueryData<Page<Team>>(key, (page) => (page ? { ...page, items: page.items.filter((t) => t.id !== team.id) } : page));
      refresh();
    },
  });

  return (
    <div className="stack">
      {notice && (
        <Banner tone="success" onDismiss={() => setNotice(null)} data-testid="teams-notice">
          {notice}
        </Banner>
      )}
      <Card
        title="Teams"
        description="Groups of members, for assigning and mentioning several people at once."
        actions={
          manage && (
            <Button variant="primary" onClick={() => setEditing({ mode: 'create' })} data-testid="team-create">
              New team
            </Button>
          )
        }
      >
        {teams.isPending && <Spinner label="Loading teams…" showLabel />}
        {teams.isError && <Banner tone="danger">{errorMessage(teams.error)}</Banner>}
        {teams.data && teams.data.items.length === 0 && (
          <p className="muted">{manage ? 'No teams yet. Create one to group people.' : 'No teams yet.'}</p>
        )}
        {teams.data && teams.data.items.length > 0 && (
          <ul className="team-list" data-testid="team-list">
            {teams.data.items.map((team) => (
              <li key={team.id} className="team-list__item" data-testid="team-row" data-team-name={team.name}>
                <div className="team-list__main">
                  <strong>{team.name}</strong>
                  <span className="muted">
                    {team.member_ids.length === 0
                      ? 'No members'
                      : team.member_ids.map((id) => names.get(id) ?? 'A former member').join(', ')}
                  </span>
                </div>
                {manage && (
                  <span className="row">
                    <Button size="sm" onClick={() => setEditing({ mode: 'edit', team })} data-testid="team-edit" aria-label={`Edit team ${team.name}`}>
                      Edit
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        remove.reset();
                        setDeleting(team);
                      }}
                      data-testid="team-delete"
                      aria-label={`Delete team ${team.name}`}
                    >
                      Delete
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Dialog
        open={editing !== null}
        onClose={() => {
          setEditing(null);
          refresh();
        }}
        title={editing?.mode === 'edit' ? `Edit ${editing.team.name}` : 'New team'}
        data-testid="team-dialog"
      >
        {editing && (
          <TeamForm
            workspaceId={workspace.id}
            editing={editing}
            members={members.items}
            onCancel={() => {
              setEditing(null);
              refresh();
            }}
            onDone={(_, message) => {
              setEditing(null);
              setNotice(message);
              refresh();
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the team ${deleting?.name ?? ''}?`}
        description="Its members stay in the workspace; only the group goes."
        confirmLabel="Delete team"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        data-testid="team-delete-dialog"
      />
    </div>
  );
}
