import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { Banner, Spinner } from '../../ui';
import { AuthLayout } from './AuthLayout';

type State = { status: 'pending' } | { status: 'done' } | { status: 'failed'; message: string };

/** `/verify-email?token=…` from the email → `POST /auth/email/verify`, once. */
export default function VerifyEmail() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const { user, setUser } = useAuth();
  const [state, setState] = useState<State>(
    token ? { status: 'pending' } : { status: 'failed', message: 'This link is incomplete. Copy the whole link from the email.' },
  );
  // A token works once: never post it twice (React's strict mode runs effects twice in development).
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    api.post<void>('/auth/email/verify', { token }, { auth: false }).then(
      () => setState({ status: 'done' }),
      (err: unknown) => setState({ status: 'failed', message: errorMessage(err) }),
    );
  }, [token]);

  useEffect(() => {
    if (state.status === 'done' && user && !user.email_verified) setUser({ ...user, email_verified: true });
  }, [state.status, user, setUser]);

  const next = user ? '/' : '/sign-in';
  return (
    <AuthLayout title="Confirm your email">
      {state.status === 'pending' && <Spinner label="Confirming your email address…" showLabel />}
      {state.status === 'done' && (
        <Banner tone="success" data-testid="verify-done">
          Thank you, your email address is confirmed.
        </Banner>
      )}
      {state.status === 'failed' && (
        <Banner tone="danger" title="We could not confirm your email" data-testid="verify-failed">
          {state.message}
        </Banner>
      )}
      {state.status !== 'pending' && (
        <Link className="btn btn--primary btn--md btn--block" to={next}>
          {user ? 'Continue to Workstead' : 'Go to sign in'}
        </Link>
      )}
    </AuthLayout>
  );
}
