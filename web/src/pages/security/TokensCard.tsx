import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiToken, CreatedApiToken, Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useForm } from '../../lib/forms';
import { checkRequired } from '../../lib/validate';
import { Banner, Button, Card, CopyButton, Dialog, DialogActions, SelectField, Spinner, Table, TextField, type Column } from '../../ui';

const KEY = ['tokens'];
const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY_CHOICES: Array<[string, string]> = [
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', '1 year'],
  ['never', 'Never'],
];

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const form = useForm({ name: '', expires: '90' }, (v) => ({ name: checkRequired(v.name, 'Name the token, e.g. "backup script".') }));
  const submit = form.handleSubmit(async (v) => {
    const body: { name: string; expires_at?: string } = { name: v.name.trim() };
    if (v.expires !== 'never') body.expires_at = new Date(Date.now() + Number(v.expires) * DAY_MS).toISOString();
    onCreated(await api.post<CreatedApiToken>('/me/tokens', body));
    form.reset();
  });
  return (
    <form onSubmit={submit} noValidate className="stack">
      {form.formError && <Banner tone="danger">{form.formError}</Banner>}
      <div className="filters">
        <TextField label="Token name" required data-testid="token-name" {...form.field('name')} />
        <SelectField label="Expires after" data-testid="token-expiry" {...form.field('expires')}>
          {EXPIRY_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" loading={form.submitting} data-testid="token-create">
          Create token
        </Button>
      </div>
    </form>
  );
}

export function TokensCard() {
  const user = useUser();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [deleting, setDeleting] = useState<ApiToken | null>(null);
  const tokens = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<Page<ApiToken>>('/me/tokens', undefined, signal),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      setDeleting(null);
      queryClient.setQueryData<Page<ApiToken>>(KEY, (page) =>
        page ? { ...page, items: page.items.filter((t) => t.id !== id) } : page,
      );
    },
  });

  const columns: Array<Column<ApiToken>> = [
    { key: 'name', header: 'Name', render: (t) => <strong>{t.name}</strong> },
    { key: 'created', header: 'Created', render: (t) => formatDateTime(t.created_at, user.timezone) },
    { key: 'used', header: 'Last used', render: (t) => formatRelative(t.last_used_at) },
    { key: 'expires', header: 'Expires', render: (t) => (t.expires_at ? formatDateTime(t.expires_at, user.timezone) : 'Never') },
    {
      key: 'actions',
      header: 'Actions',
      className: 'cell-actions',
      render: (t) => (
        <Button size="sm" variant="danger" onClick={() => setDeleting(t)} data-testid="token-delete" aria-label={`Delete token ${t.name}`}>
          Delete
        </Button>
      ),
    },
  ];

  return (
    <Card title="Personal API tokens" description="Let scripts and tools use the API as you. Treat a token like a password.">
      <div className="stack">
        {created && (
          <Banner tone="success" title={`Token "${created.name}" created`} onDismiss={() => setCreated(null)} data-testid="token-created">
            <div className="stack stack--tight">
              <span>Copy it now: it is shown only this once.</span>
              <div className="row">
                <code className="secret" data-testid="token-value">
                  {created.token}
                </code>
                <CopyButton value={created.token} data-testid="token-copy" />
              </div>
            </div>
          </Banner>
        )}
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            void queryClient.invalidateQueries({ queryKey: KEY });
          }}
        />
        {tokens.isPending && <Spinner label="Loading tokens…" showLabel />}
        {tokens.isError && <Banner tone="danger">{errorMessage(tokens.error)}</Banner>}
        {tokens.data && (
          <Table
            caption="Personal API tokens"
            columns={columns}
            rows={tokens.data.items}
            rowKey={(t) => t.id}
            rowProps={() => ({ 'data-testid': 'token-row' })}
            empty="No tokens yet."
          />
        )}
      </div>
      <Dialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title="Delete this token?"
        description={deleting ? `Anything using "${deleting.name}" stops working at once.` : undefined}
      >
        {remove.isError && <Banner tone="danger">{errorMessage(remove.error)}</Banner>}
        <DialogActions>
          <Button onClick={() => setDeleting(null)}>Cancel</Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => deleting && remove.mutate(deleting.id)}
            data-testid="token-delete-confirm"
          >
            Delete token
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
