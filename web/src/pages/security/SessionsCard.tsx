import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Session } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { describeUserAgent, formatDateTime, formatRelative } from '../../lib/format';
import { Badge, Banner, Button, Card, Spinner, Table, type Column } from '../../ui';

const KEY = ['sessions'];

function byRecentUse(a: Session, b: Session): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return (b.last_used_at ?? b.created_at).localeCompare(a.last_used_at ?? a.created_at);
}

export function SessionsCard() {
  const { user, signOut } = useAuth();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<Page<Session>>('/auth/sessions', undefined, signal),
    select: (page) => [...page.items].sort(byRecentUse),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      queryClient.setQueryData<Page<Session>>(KEY, (page) =>
        page ? { ...page, items: page.items.filter((s) => s.id !== id) } : page,
      );
    },
  });

  const columns: Array<Column<Session>> = [
    {
      key: 'device',
      header: 'Device',
      render: (s) => (
        <span className="person">
          <span>
            {describeUserAgent(s.user_agent)}{' '}
            {s.current && (
              <span data-testid="session-current">
                <Badge tone="accent">This device</Badge>
              </span>
            )}
          </span>
          <small title={s.user_agent ?? undefined}>{s.ip ?? 'Unknown address'}</small>
        </span>
      ),
    },
    {
      key: 'last',
      header: 'Last active',
      render: (s) => <span title={formatDateTime(s.last_used_at, user?.timezone)}>{formatRelative(s.last_used_at)}</span>,
    },
    { key: 'created', header: 'Signed in', render: (s) => formatDateTime(s.created_at, user?.timezone) },
    {
      key: 'actions',
      header: 'Actions',
      className: 'cell-actions',
      render: (s) =>
        s.current ? (
          <Button size="sm" onClick={() => void signOut()} data-testid="session-sign-out">
            Sign out
          </Button>
        ) : (
          <Button
            size="sm"
            variant="danger"
            loading={revoke.isPending && revoke.variables === s.id}
            onClick={() => revoke.mutate(s.id)}
            data-testid="session-revoke"
            aria-label={`Revoke ${describeUserAgent(s.user_agent)}, ${s.ip ?? 'unknown address'}`}
          >
            Revoke
          </Button>
        ),
    },
  ];

  return (
    <Card title="Where you are signed in" description="Revoke a device you do not recognise; it is signed out at once.">
      {revoke.isError && (
        <Banner tone="danger" onDismiss={() => revoke.reset()}>
          {errorMessage(revoke.error)}
        </Banner>
      )}
      {sessions.isPending && <Spinner label="Loading sessions…" showLabel />}
      {sessions.isError && <Banner tone="danger">{errorMessage(sessions.error)}</Banner>}
      {sessions.data && (
        <Table
          caption="Sessions"
          columns={columns}
          rows={sessions.data}
          rowKey={(s) => s.id}
          rowProps={(s) => ({ 'data-testid': 'session-row', 'data-session-id': s.id, 'data-current': s.current })}
          empty="No active sessions."
        />
      )}
    </Card>
  );
}
