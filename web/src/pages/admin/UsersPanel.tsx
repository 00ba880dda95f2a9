import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCursorList } from '../../api/queries';
import type { User } from '../../api/types';
import { useAuth, useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { Badge, Banner, Button, Card, Dialog, DialogActions, Spinner, Table, TextField, type Column } from '../../ui';
import { CreateUserForm } from './CreateUserForm';

type UserChange = { id: string; is_active?: boolean; is_instance_admin?: boolean };

export default function UsersPanel() {
  const me = useUser();
  const { setUser } = useAuth();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const users = useCursorList<User>(['admin', 'users', q], '/admin/users', { q });

  const change = useMutation({
    mutationFn: ({ id, ...patch }: UserChange) => api.patch<User>(`/admin/users/${encodeURIComponent(id)}`, patch),
    onSuccess: (updated) => {
      setDeactivating(null);
      if (updated.id === me.id) setUser(updated);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const busy = (id: string) => change.isPending && change.variables.id === id;

  const columns: Array<Column<User>> = [
    {
      key: 'person',
      header: 'User',
      render: (u) => (
        <span className="person">
          <strong>
            {u.name} {u.id === me.id && <Badge>You</Badge>}
          </strong>
          <small>{u.email}</small>
        </span>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (u) => (
        <span className="row">
          {u.is_active ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}
          {!u.email_verified && <Badge tone="warning">Unverified</Badge>}
          {u.totp_enabled && <Badge>2FA</Badge>}
        </span>
      ),
    },
    { key: 'role', header: 'Role', render: (u) => (u.is_instance_admin ? <Badge tone="accent">Admin</Badge> : 'Member') },
    { key: 'created', header: 'Joined', render: (u) => formatDateTime(u.created_at, me.timezone) },
    {
      key: 'actions',
      header: 'Actions',
      className: 'cell-actions',
      render: (u) => {
        const self = u.id === me.id;
        return (
          <span className="row">
            <Button
              size="sm"
              disabled={self || busy(u.id)}
              title={self ? 'You cannot change your own admin role' : undefined}
              onClick={() => change.mutate({ id: u.id, is_instance_admin: !u.is_instance_admin })}
              data-testid="user-toggle-admin"
            >
              {u.is_instance_admin ? 'Remove admin' : 'Make admin'}
            </Button>
            {u.is_active ? (
              <Button
                size="sm"
                variant="danger"
                disabled={self || busy(u.id)}
                title={self ? 'You cannot deactivate yourself' : undefined}
                onClick={() => setDeactivating(u)}
                data-testid="user-deactivate"
              >
                Deactivate
              </Button>
            ) : (
              <Button
                size="sm"
                loading={busy(u.id)}
                onClick={() => change.mutate({ id: u.id, is_active: true })}
                data-testid="user-activate"
              >
                Activate
              </Button>
            )}
          </span>
        );
      },
    },
  ];

  return (
    <Card
      title="Users"
      actions={
        <Button variant="primary" onClick={() => setCreating(true)} data-testid="user-create">
          Create user
        </Button>
      }
    >
      <div className="stack">
        {notice && (
          <Banner tone="success" onDismiss={() => setNotice(null)} data-testid="user-created">
            {notice}
          </Banner>
        )}
        {change.isError && !deactivating && (
          <Banner tone="danger" onDismiss={() => change.reset()}>
            {errorMessage(change.error)}
          </Banner>
        )}
        <div className="filters">
          <TextField
            label="Search"
            type="search"
            placeholder="Name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="admin-user-search"
          />
        </div>
        {users.isPending && <Spinner label="Loading users…" showLabel />}
        {users.isError && <Banner tone="danger">{errorMessage(users.error)}</Banner>}
        {users.data && (
          <Table
            caption="Users"
            columns={columns}
            rows={users.items}
            rowKey={(u) => u.id}
            rowProps={(u) => ({ 'data-testid': 'user-row', 'data-user-email': u.email })}
            empty={q ? `Nobody matches "${q}".` : 'No users yet.'}
          />
        )}
        {users.hasNextPage && (
          <div className="row">
            <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage} data-testid="users-load-more">
              Load more
            </Button>
          </div>
        )}
      </div>

      <Dialog open={creating} onClose={() => setCreating(false)} title="Create a user" data-testid="user-create-dialog">
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user, invited) => {
            setCreating(false);
            setNotice(invited ? `${user.email} was created and invited by email.` : `${user.email} was created.`);
            void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
          }}
        />
      </Dialog>

      <Dialog
        open={deactivating !== null}
        onClose={() => {
          setDeactivating(null);
          change.reset();
        }}
        title={`Deactivate ${deactivating?.name ?? ''}?`}
        description="They are signed out everywhere, their API tokens stop working, and they cannot sign in until you activate them again."
      >
        {change.isError && <Banner tone="danger">{errorMessage(change.error)}</Banner>}
        <DialogActions>
          <Button onClick={() => setDeactivating(null)}>Cancel</Button>
          <Button
            variant="danger"
            loading={change.isPending}
            onClick={() => deactivating && change.mutate({ id: deactivating.id, is_active: false })}
            data-testid="user-deactivate-confirm"
          >
            Deactivate
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
