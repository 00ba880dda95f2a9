import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Member, Role, Workspace } from '../../api/types';
import { forgetWorkspace, storeWorkspace, useMembers, wsKeys, wsPaths } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { assignableRoles, can, removalBlock, ROLE_LABELS, roleChangeBlock } from '../../lib/roles';
import { Badge, Banner, Button, Card, ConfirmDialog, Spinner, Table, type Column } from '../../ui';
import { useCurrentWorkspace } from './context';
import { usePresence } from '../../live/live';
import { InvitationsCard } from './InvitationsCard';

interface RoleChange {
  member: Member;
  role: Role;
}

function RoleCell({
  member,
  workspace,
  ownerCount,
  pending,
  onChange,
}: {
  member: Member;
  workspace: Workspace;
  ownerCount: number;
  pending: boolean;
  onChange: (role: Role) => void;
}) {
  const blocked = roleChangeBlock(workspace.my_role, member, ownerCount);
  if (!can(workspace.my_role, 'manage')) return <Badge tone={member.role === 'owner' ? 'accent' : 'neutral'}>{ROLE_LABELS[member.role]}</Badge>;
  const options = assignableRoles(workspace.my_role);
  // An admin looking at an owner: the option must exist to show the value.
  if (!options.includes(member.role)) options.unshift(member.role);
  const label = `Role of ${member.user.name || member.user.email}`;
  return (
    <select
      className="field__input field__select field__select--compact"
      aria-label={label}
      title={blocked ?? undefined}
      value={member.role}
      disabled={blocked !== null || pending}
      aria-busy={pending || undefined}
      onChange={(e) => onChange(e.target.value as Role)}
      data-testid="member-role"
    >
      {options.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

export default function MembersPage() {
  const workspace = useCurrentWorkspace();
  const me = useUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const members = useMembers(workspace.id);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ownerCount = members.items.filter((m) => m.role === 'owner').length;
  const presence = usePresence(workspace.id);

  const refreshMine = async () => {
    // My own role changed: the workspace's my_role (tabs, permissions) follows.
    const fresh = await api.get<Workspace>(wsPaths.one(workspace.id));
    storeWorkspace(queryClient, fresh);
  };

  const changeRole = useMutation({
    mutationFn: ({ member, role }: RoleChange) =>
      api.patch<Member>(wsPaths.member(workspace.id, member.user.id), { role }),
    onSuccess: async (updated) => {
      setNotice(`${updated.user.name || updated.user.email} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`);
      await queryClient.invalidateQueries({ queryKey: wsKeys.members(workspace.id) });
      void queryClient.invalidateQueries({ queryKey: wsKeys.activity(workspace.id) });
      if (updated.user.id === me.id) await refreshMine();
    },
  });

  const remove = useMutation({
    mutationFn: (member: Member) => api.delete(wsPaths.member(workspace.id, member.user.id)),
    onSuccess: async (_, member) => {
      setRemoving(null);
      if (member.user.id === me.id) {
        forgetWorkspace(queryClient, workspace);
        navigate('/', { replace: true, state: { notice: `You left ${workspace.name}.` } });
        return;
      }
      setNotice(`${member.user.name || member.user.email} was removed from the workspace.`);
      await queryClient.invalidateQueries({ queryKey: wsKeys.members(workspace.id) });
      void queryClient.invalidateQueries({ queryKey: wsKeys.teams(workspace.id) });
      void queryClient.invalidateQueries({ queryKey: wsKeys.activity(workspace.id) });
    },
  });

  const columns: Array<Column<Member>> = [
    {
      key: 'person',
      header: 'Member',
      render: (m) => (
        <span className="person">
          <strong>
            <span
              className={`presence-dot presence-dot--${presence.get(m.user.id) ?? 'offline'}`}
              role="img"
              aria-label={presence.get(m.user.id) ?? 'offline'}
              title={presence.get(m.user.id) ?? 'offline'}
              data-testid="presence-dot"
              data-presence={presence.get(m.user.id) ?? 'offline'}
            />
            {m.user.name || m.user.email} {m.user.id === me.id && <Badge>You</Badge>}
          </strong>
          <small>{m.user.email}</small>
        </span>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      render: (m) => (
        <RoleCell
          member={m}
          workspace={workspace}
          ownerCount={ownerCount}
          pending={changeRole.isPending && changeRole.variables.member.user.id === m.user.id}
          onChange={(role) => {
            setNotice(null);
            changeRole.mutate({ member: m, role });
          }}
        />
      ),
    },
    { key: 'joined', header: 'Joined', render: (m) => formatDateTime(m.joined_at, me.timezone) },
    {
      key: 'actions',
      header: 'Actions',
      className: 'cell-actions',
      render: (m) => {
        const self = m.user.id === me.id;
        const blocked = removalBlock(workspace.my_role, me.id, m, ownerCount);
        if (blocked && !self && !can(workspace.my_role, 'manage')) return null;
        return (
          <Button
            size="sm"
            variant={self ? 'secondary' : 'danger'}
            disabled={blocked !== null}
            title={blocked ?? undefined}
            onClick={() => {
              remove.reset();
              setRemoving(m);
            }}
            data-testid={self ? 'member-leave' : 'member-remove'}
            aria-label={self ? 'Leave the workspace' : `Remove ${m.user.name || m.user.email}`}
          >
            {self ? 'Leave' : 'Remove'}
          </Button>
        );
      },
    },
  ];

  const leaving = removing?.user.id === me.id;
  return (
    <div className="stack">
      {notice && (
        <Banner tone="success" onDismiss={() => setNotice(null)} data-testid="members-notice">
          {notice}
        </Banner>
      )}
      <Card title="Members" description={
          members.isSuccess
            ? `${members.items.length}${members.hasNextPage ? '+' : ''} ${members.items.length === 1 && !members.hasNextPage ? 'person' : 'people'} in ${workspace.name}.`
            : undefined
        }>
        {changeRole.isError && (
          <Banner tone="danger" onDismiss={() => changeRole.reset()} data-testid="member-role-error">
            {errorMessage(changeRole.error)}
          </Banner>
        )}
        {members.isPending && <Spinner label="Loading members…" showLabel />}
        {members.isError && <Banner tone="danger">{errorMessage(members.error)}</Banner>}
        {members.isSuccess && (
          <Table
            caption={`Members of ${workspace.name}`}
            columns={columns}
            rows={members.items}
            rowKey={(m) => m.user.id}
            rowProps={(m) => ({ 'data-testid': 'member-row', 'data-user-email': m.user.email, 'data-role': m.role })}
            empty="No members to show."
          />
        )}
        {members.hasNextPage && (
          <div className="row">
            <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>
              Load more
            </Button>
          </div>
        )}
      </Card>

      {can(workspace.my_role, 'manage') && <InvitationsCard workspace={workspace} />}

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={leaving ? `Leave ${workspace.name}?` : `Remove ${removing?.user.name || removing?.user.email || ''}?`}
        description={
          leaving
            ? 'You lose access at once. An admin can invite you again.'
            : 'They lose access to this workspace at once and leave its teams. You can invite them again later.'
        }
        confirmLabel={leaving ? 'Leave workspace' : 'Remove member'}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        data-testid="member-remove-dialog"
      />
    </div>
  );
}
