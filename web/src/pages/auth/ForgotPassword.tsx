import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useForm } from '../../lib/forms';
import { checkEmail } from '../../lib/validate';
import { Banner, Button, TextField } from '../../ui';
import { AuthLayout } from './AuthLayout';

export default function ForgotPassword() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ email: '' }, (v) => ({ email: checkEmail(v.email) }));

  const submit = form.handleSubmit(async (v) => {
    const email = v.email.trim();
    await api.post<void>('/auth/password-reset', { email }, { auth: false });
    setSentTo(email);
  });

  if (sentTo) {
    return (
      <AuthLayout title="Check your email">
        <Banner tone="success" data-testid="reset-sent">
          If an account exists for <strong>{sentTo}</strong>, we have sent it a link to choose a new password.
          The link works once.
        </Banner>
        <p className="muted">No email after a few minutes? Check the spam folder, or try again.</p>
        <div className="auth-links">
          <Link to="/sign-in">Back to sign in</Link>
          <Button variant="ghost" size="sm" onClick={() => setSentTo(null)}>
            Send again
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Reset your password" subtitle="Enter your account's email and we will send you a link.">
      <form onSubmit={submit} noValidate>
        {form.formError && <Banner tone="danger">{form.formError}</Banner>}
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          data-testid="forgot-email"
          {...form.field('email')}
        />
        <Button type="submit" variant="primary" block loading={form.submitting} data-testid="forgot-submit">
          Send reset link
        </Button>
      </form>
      <div className="auth-links">
        <Link to="/sign-in">Back to sign in</Link>
      </div>
    </AuthLayout>
  );
}
