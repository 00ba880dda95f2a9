import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { AcceptInvitation as AcceptBody, AuthAnswer, InvitationPreview, Page, Workspace } from '../../api/types';
import { wsKeys, wsPaths } from '../../api/workspaces';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useForm } from '../../lib/forms';
import { ROLE_LABELS } from '../../lib/roles';
import { checkConfirmation, checkPassword, checkRequired } from '../../lib/validate';
import { Badge, Banner, Button, PageSpinner, TextField } from '../../ui';
import { AuthLayout } from '../auth/AuthLayout';

/** Not signed in: create the account with the invitation's email, which joins at once. */
function RegisterThroughInvitation({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const here = `/invite/${encodeURIComponent(token)}`;
  const form = useForm({ name: '', password: '', confirm: '' }, (v) => ({
    name: checkRequired(v.name, 'Enter your name.'),
    password: checkPassword(v.password),
    confirm: checkConfirmation(v.password, v.confirm),
  }));

  const submit = form.handleSubmit(async (v) => {
    const body: AcceptBody = { name: v.name.trim(), password: v.password };
    let answer: AuthAnswer;
    try {
      answer = await api.post<AuthAnswer>(`${wsPaths.invitation(token)}/accept`, body, { auth: false });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        throw new ApiError({
          status: 409,
          code: err.code,
          message: `An account with ${preview.email} already exists. Sign in with it to accept the invitation.`,
          requestId: err.requestId,
        });
      }
      throw err;
    }
    // The answer is the new account; find the workspace just joined to open it
    // (with the new token, before signing in, so this page does not re-render half-way).
    let target = '/';
    try {
      const page = await api.request<Page<Workspace>>(wsPaths.list, {
        query: { limit: 200 },
        auth: false,
        headers: { Authorization: `Bearer ${answer.access_token}` },
      });
      const joined = page.items.find((w) => w.name === preview.workspace.name);
      if (joined) target = `/w/${joined.slug}`;
    } catch {
      // The account exists and has joined; the home page lists the workspace.
    }
    signIn(answer);
    navigate(target, { replace: true });
  });

  return (
    <>
      <form onSubmit={submit} noValidate>
        {form.formError && (
          <Banner tone="danger" data-testid="accept-error">
            {form.formError}
            {form.formError.includes('already exists') && (
              <>
                {' '}
                <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link>
              </>
            )}
          </Banner>
        )}
        <TextField label="Email" type="email" value={preview.email} readOnly hint="The invitation was sent to this address." data-testid="accept-email" />
        <TextField label="Your name" autoComplete="name" required autoFocus data-testid="accept-name" {...form.field('name')} />
        <TextField
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters. Common passwords are refused."
          required
          data-testid="accept-password"
          {...form.field('password')}
        />
        <TextField label="Repeat the password" type="password" autoComplete="new-password" required data-testid="accept-confirm" {...form.field('confirm')} />
        <Button type="submit" variant="primary" block loading={form.submitting} data-testid="accept-register">
          Create account and join
        </Button>
      </form>
      <div className="auth-links">
        <span className="muted">
          Already have an account with {preview.email}? <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in to accept</Link>
        </span>
      </div>
    </>
  );
}

/** Signed in: join with one click when the invitation is for this account's email. */
function JoinAsUser({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () => api.post<Workspace>(`${wsPaths.invitation(token)}/accept`),
    onSuccess: (workspace) => {
      queryClient.setQueryData(wsKeys.one(workspace.slug), workspace);
      void queryClient.invalidateQueries({ queryKey: wsKeys.list });
      navigate(`/w/${workspace.slug}`, { replace: true });
    },
  });
  if (!user) return null;
  const sameEmail = user.email.toLowerCase() === preview.email.toLowerCase();
  if (!sameEmail) {
    return (
      <>
        <Banner tone="warning" title="This invitation is for another address" data-testid="accept-wrong-account">
          It was sent to <strong>{preview.email}</strong>, and you are signed in as <strong>{user.email}</strong>. Sign out, then open the link
          again to join with the invited address.
        </Banner>
        <div className="row">
          <Button onClick={() => void signOut()}>Sign out</Button>
          <Link to="/">Go to your workspaces</Link>
        </div>
      </>
    );
  }
  return (
    <>
      {join.isError && (
        <Banner tone="danger" data-testid="accept-error">
          {join.error instanceof ApiError && join.error.status === 409
            ? `You are already a member of ${preview.workspace.name}.`
            : errorMessage(join.error)}
        </Banner>
      )}
      <Button variant="primary" block loading={join.isPending} onClick={() => join.mutate()} data-testid="accept-join">
        Join {preview.workspace.name}
      </Button>
      <div className="auth-links">
        <Link to="/">Not now</Link>
      </div>
    </>
  );
}

/** `/invite/:token`, the link in the invitation email. */
export default function AcceptInvitation() {
  const { token = '' } = useParams();
  const { user } = useAuth();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => api.request<InvitationPreview>(wsPaths.invitation(token), { auth: false, signal }),
    retry: false,
    staleTime: Infinity,
  });

  if (preview.isPending) return <PageSpinner label="Opening the invitation…" />;
  if (!preview.data) {
    const gone = preview.error instanceof ApiError && preview.error.status === 404;
    return (
      <AuthLayout title="Invitation">
        <Banner tone="warning" title={gone ? 'This invitation link does not work' : 'Could not open the invitation'} data-testid="accept-invalid">
          {gone
            ? 'It may have expired, been used already, or been revoked. Ask the person who invited you to send a new one.'
            : errorMessage(preview.error)}
        </Banner>
        <div className="auth-links">
          <Link to="/">Go to Workstead</Link>
        </div>
      </AuthLayout>
    );
  }
  const p = preview.data;
  return (
    <AuthLayout
      title={`Join ${p.workspace.name}`}
      subtitle={
        <>
          You are invited as <Badge tone="accent">{ROLE_LABELS[p.role]}</Badge>. The link works until {formatDateTime(p.expires_at, user?.timezone)}.
        </>
      }
    >
      {user ? <JoinAsUser token={token} preview={p} /> : <RegisterThroughInvitation token={token} preview={p} />}
    </AuthLayout>
  );
}
