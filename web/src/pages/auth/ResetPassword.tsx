import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { useForm } from '../../lib/forms';
import { checkConfirmation, checkPassword } from '../../lib/validate';
import { Banner, Button, TextField } from '../../ui';
import { AuthLayout } from './AuthLayout';

/** `/reset-password?token=…` from the email → `POST /auth/password-reset/confirm`. */
export default function ResetPassword() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const { user } = useAuth();
  const [done, setDone] = useState(false);
  const form = useForm({ password: '', confirm: '' }, (v) => ({
    password: checkPassword(v.password),
    confirm: checkConfirmation(v.password, v.confirm),
  }));

  const submit = form.handleSubmit(async (v) => {
    await api.post<void>('/auth/password-reset/confirm', { token, password: v.password }, { auth: false });
    setDone(true);
    // The server revoked every session of the account, this one included.
    if (user) api.signOut();
  });

  if (!token) {
    return (
      <AuthLayout title="Reset your password">
        <Banner tone="danger">This link is incomplete. Copy the whole link from the email, or ask for a new one.</Banner>
        <div className="auth-links">
          <Link to="/forgot-password">Ask for a new link</Link>
        </div>
      </AuthLayout>
    );
  }

  if (done) {
    return (
      <AuthLayout title="Password changed">
        <Banner tone="success" data-testid="reset-done">
          Your new password is set. For safety, every device was signed out.
        </Banner>
        <Link className="btn btn--primary btn--md btn--block" to="/sign-in">
          Sign in
        </Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      <form onSubmit={submit} noValidate>
        {form.formError && (
          <Banner tone="danger">
            {form.formError} <Link to="/forgot-password">Ask for a new link</Link>
          </Banner>
        )}
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters. Common passwords are refused."
          required
          autoFocus
          data-testid="reset-password"
          {...form.field('password')}
        />
        <TextField
          label="Repeat new password"
          type="password"
          autoComplete="new-password"
          required
          data-testid="reset-confirm"
          {...form.field('confirm')}
        />
        <Button type="submit" variant="primary" block loading={form.submitting} data-testid="reset-submit">
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
