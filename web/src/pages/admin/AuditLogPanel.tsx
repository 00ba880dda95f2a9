import { useMemo, useState } from 'react';
import { useCursorList } from '../../api/queries';
import type { AuditEntry } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useForm } from '../../lib/forms';
import { Badge, Banner, Button, Card, Spinner, Table, TextField, type Column } from '../../ui';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Filters = { type: string; user_id: string };

function compactJson(data: unknown): string {
  if (data === null || data === undefined) return '';
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}

export default function AuditLogPanel() {
  const me = useUser();
  const [filters, setFilters] = useState<Filters>({ type: '', user_id: '' });
  const form = useForm({ type: '', user_id: '' }, (v) => ({
    user_id: v.user_id.trim() && !UUID_RE.test(v.user_id.trim()) ? 'Enter a user ID (a UUID), or leave it empty.' : undefined,
  }));
  const log = useCursorList<AuditEntry>(['admin', 'audit', filters], '/admin/audit-log', filters);
  // Suggest the event types seen so far; the list of types lives on the server.
  const seenTypes = useMemo(() => [...new Set(log.items.map((e) => e.type))].sort(), [log.items]);

  const apply = (next: Filters) => {
    form.reset(next as typeof form.values);
    setFilters(next);
  };
  const submit = form.handleSubmit((v) => setFilters({ type: v.type.trim(), user_id: v.user_id.trim() }));

  const columns: Array<Column<AuditEntry>> = [
    { key: 'when', header: 'When', render: (e) => formatDateTime(e.created_at, me.timezone) },
    {
      key: 'type',
      header: 'Event',
      render: (e) => (
        <button type="button" className="btn btn--ghost btn--sm" title="Show only this event type" onClick={() => apply({ ...filters, type: e.type })}>
          <Badge tone="accent">{e.type}</Badge>
        </button>
      ),
    },
    {
      key: 'user',
      header: 'User',
      render: (e) =>
        e.user_id ? (
          <button
            type="button"
            className="btn btn--ghost btn--sm mono"
            title={`Show only ${e.user_id}`}
            onClick={() => apply({ ...filters, user_id: e.user_id ?? '' })}
          >
            {e.user_id === me.id ? 'You' : `${e.user_id.slice(0, 8)}…`}
          </button>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { key: 'ip', header: 'IP address', render: (e) => <span className="mono">{e.ip ?? '—'}</span> },
    {
      key: 'data',
      header: 'Details',
      render: (e) => {
        const json = compactJson(e.data);
        return (
          <div className="data-cell" title={json}>
            {json || '—'}
          </div>
        );
      },
    },
  ];

  const filtered = filters.type !== '' || filters.user_id !== '';
  return (
    <Card title="Audit log" description="Sign-ins, failures, password and two-step changes, tokens and admin actions, newest first.">
      <div className="stack">
        <form onSubmit={submit} noValidate className="filters" role="search" aria-label="Filter the audit log">
          <TextField label="Event type" list="audit-types" data-testid="audit-filter-type" {...form.field('type')} />
          <datalist id="audit-types">
            {seenTypes.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <TextField label="User ID" data-testid="audit-filter-user" {...form.field('user_id')} />
          <div className="row">
            <Button type="submit" variant="primary" data-testid="audit-apply">
              Apply
            </Button>
            {filtered && <Button onClick={() => apply({ type: '', user_id: '' })}>Clear</Button>}
          </div>
        </form>
        {log.isPending && <Spinner label="Loading the audit log…" showLabel />}
        {log.isError && <Banner tone="danger">{errorMessage(log.error)}</Banner>}
        {log.data && (
          <Table
            caption="Audit log"
            columns={columns}
            rows={log.items}
            rowKey={(e) => e.id}
            rowProps={(e) => ({ 'data-testid': 'audit-row', 'data-type': e.type })}
            empty={filtered ? 'No events match these filters.' : 'No events yet.'}
            data-testid="audit-table"
          />
        )}
        {log.hasNextPage && (
          <div className="row">
            <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-load-more">
              Load more
            </Button>
          </div>
        )}
        {log.isFetchNextPageError && <Banner tone="danger">{errorMessage(log.error)}</Banner>}
      </div>
    </Card>
  );
}
