import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Invitation, InvitationCreate, Page, Role, Workspace } from '../../api/types';
import { useInvitations, wsKeys, wsPaths } from '../../api/workspaces';
import { useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useForm } from '../../lib/forms';
import { assignableRoles, isRole, ROLE_HINTS, ROLE_LABELS } from '../../lib/roles';
import { checkEmail } from '../../lib/validate';
import { Badge, Banner, Button, Card, ConfirmDialog, SelectField, Spinner, Table, TextField, type Column } from '../../ui';

function InviteForm({ workspace, onInvited }: { workspace: Workspace; onInvited: (invitation: Invitation) => void }) {
  const roles = assignableRoles(workspace.my_role);
  const form = useForm({ email: '', role: 'member' }, (v) => ({
    email: checkEmail(v.email),
    role: isRole(v.role) ? undefined : 'Choose a role.',
  }));

  const submit = form.handleSubmit(async (v) => {
    const body: InvitationCreate = { email: v.email.trim(), role: v.role as Role };
    const invitation = await api.post<Invitation>(wsPaths.invitations(workspace.id), body);
    form.reset({ email: '', role: v.role });
    onInvited(invitation);
  });

  return (
    <form onSubmit={submit} noValidate className="invite-form" aria-label="Invite someone">
      {form.formError && (
        <Banner tone="danger" data-testid="invite-error">
          {form.formError}
        </Banner>
      )}
      <div className="invite-form__fields">
        <TextField label="Email address" type="email" autoComplete="off" required data-testid="invite-email" {...form.field('email')} />
        <SelectField label="Role" hint={isRole(form.values.role) ? ROLE_HINTS[form.values.role] : undefined} data-testid="invite-role" {...form.field('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="row">
        <Button type="submit" variant="primary" loading={form.submitting} data-testid="invite-submit">
          Send invitation
        </Button>
      </div>
    </form>
  );
}

/** Invite by email, and the pending invitations with resend and revoke (admins and owners). */
export function InvitationsCard({ workspace }: { workspace: Workspace }) {
  const me = useUser();
  const queryClient = useQueryClient();
  const invitations = useInvitations(workspace.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const key = wsKeys.invitations(workspace.id);

  const afterChange = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: wsKeys.activity(workspace.id) });
  };

  const resend = useMutation({
    mutationFn: (invitation: Invitation) => api.post<Invitation>(`${wsPaths.invitation(invitation.id)}/resend`),
    onSuccess: (renewed) => {
      setNotice(`The invitation to ${renewed.email} was sent again with a new link; the previous link no longer works.`);
      queryClient.setQueryData<Page<Invitation>>(key, (page) =>
        page ? { ...page, items: page.items.map((i) => (i.id === renewed.id ? renewed : i)) } : page,
      );
      afterChange();
    },
  });

  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => api.delete(wsPaths.invitation(invitation.id)),
    onSuccess: (_, invitation) => {
      setRevoking(null);
      setNotice(`The invitation to ${invitation.email} was revoked.`);
      queryClient.setQueryData<Page<Invitation>>(key, (page) =>
        page ? { ...page, items: page.items.filter((i) => i.id !== invitation.id) } : page,
      );
      afterChange();
    },
  });

  const columns: Array<Column<Invitation>> = [
    { key: 'email', header: 'Email', render: (i) => <span className="person"><strong>{i.email}</strong></span> },
    { key: 'role', header: 'Role', render: (i) => <Badge>{ROLE_LABELS[i.role]}</Badge> },
    {
      key: 'expires',
      header: 'Expires',
      render: (i) => <span title={formatDateTime(i.expires_at, me.timezone)}>{formatRelative(i.expires_at)}</span>,
    },
    {
      key: 'actions',
      header: 'Actions',
      className: 'cell-actions',
      render: (i) => (
        <span className="row">
          <Button
            size="sm"
            loading={resend.isPending && resend.variables.id === i.id}
            onClick={() => {
              setNotice(null);
              resend.mutate(i);
            }}
            data-testid="invitation-resend"
            aria-label={`Send the invitation to ${i.email} again`}
          >
            Resend
          </Button>
          <Button
            size="sm"
            variant="danger"
            onClick={() => {
              revoke.reset();
              setRevoking(i);
            }}
            data-testid="invitation-revoke"
            aria-label={`Revoke the invitation to ${i.email}`}
          >
            Revoke
          </Button>
        </span>
      ),
    },
  ];

  return (
    <Card title="Invitations" description="Invite people by email. The link in the email works once and for 7 days." data-testid="invitations-card">
      <div className="stack">
        {notice && (
          <Banner tone="success" onDismiss={() => setNotice(null)} data-testid="invitation-notice">
            {notice}
          </Banner>
        )}
        {resend.isError && (
          <Banner tone="danger" onDismiss={() => resend.reset()}>
            {errorMessage(resend.error)}
          </Banner>
        )}
        <InviteForm
          workspace={workspace}
          onInvited={(invitation) => {
            setNotice(`Invitation sent to ${invitation.email}.`);
            queryClient.setQueryData<Page<Invitation>>(key, (page) =>
              page ? { ...page, items: [...page.items.filter((i) => i.id !== invitation.id), invitation] } : page,
            );
            afterChange();
          }}
        />
        <h3 className="section-title">Pending</h3>
        {invitations.isPending && <Spinner label="Loading invitations…" showLabel />}
        {invitations.isError && <Banner tone="danger">{errorMessage(invitations.error)}</Banner>}
        {invitations.data && (
          <Table
            caption="Pending invitations"
            columns={columns}
            rows={invitations.data.items}
            rowKey={(i) => i.id}
            rowProps={(i) => ({ 'data-testid': 'invitation-row', 'data-email': i.email })}
            empty="No pending invitations."
          />
        )}
      </div>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke the invitation to ${revoking?.email ?? ''}?`}
        description="The link in their email stops working. You can invite them again later."
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        data-testid="invitation-revoke-dialog"
      />
    </Card>
  );
}
