import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { AuthAnswer } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useForm } from '../../lib/forms';
import { checkEmail, checkRequired, checkSecondFactor } from '../../lib/validate';
import { Banner, Button, TextField } from '../../ui';
import { AuthLayout } from './AuthLayout';

type Step = 'credentials' | 'second-factor';

/**
 * Email + password; when the account has 2FA the server answers 401
 * `totp_required` and a second step asks for the code, re-posting all three.
 */
export default function SignIn() {
  const { signIn, meta, signOutReason } = useAuth();
  const [step, setStep] = useState<Step>('credentials');
  const form = useForm({ email: '', password: '', totp_code: '' }, (v) =>
    step === 'credentials'
      ? { email: checkEmail(v.email), password: checkRequired(v.password, 'Enter your password.') }
      : { totp_code: checkSecondFactor(v.totp_code) },
  );

  const submit = form.handleSubmit(async (v) => {
    const body: Record<string, string> = { email: v.email.trim(), password: v.password };
    if (step === 'second-factor') body.totp_code = v.totp_code.replace(/\s/g, '');
    try {
      signIn(await api.post<AuthAnswer>('/auth/login', body, { auth: false }));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      if (step === 'credentials' && err.code === 'totp_required') {
        setStep('second-factor');
        return;
      }
      throw new ApiError({
        status: 401,
        code: err.code,
        message:
          step === 'second-factor'
            ? 'That code did not work. Check your authenticator app and try again.'
            : 'The email address or password is not right.',
        fields: step === 'second-factor' ? { totp_code: 'That code did not work. Try again.' } : {},
        requestId: err.requestId,
      });
    }
  });

  if (step === 'second-factor') {
    return (
      <AuthLayout title="Two-step verification" subtitle={<>Signing in as <strong>{form.values.email}</strong></>}>
        <form onSubmit={submit} noValidate>
          {form.formError && <Banner tone="danger">{form.formError}</Banner>}
          <TextField
            label="Authentication code"
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            autoComplete="one-time-code"
            autoFocus
            required
            data-testid="login-totp"
            {...form.field('totp_code')}
          />
          <Button type="submit" variant="primary" block loading={form.submitting} data-testid="login-totp-submit">
            Verify and sign in
          </Button>
        </form>
        <div className="auth-links">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              form.setValue('totp_code', '');
              form.setFormError(null);
              setStep('credentials');
            }}
          >
            ← Back
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Sign in" subtitle="Welcome back to your workspace.">
      {signOutReason === 'expired' && <Banner tone="info">Your session ended. Sign in again to continue.</Banner>}
      <form onSubmit={submit} noValidate>
        {form.formError && <Banner tone="danger" data-testid="login-error">{form.formError}</Banner>}
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          data-testid="login-email"
          {...form.field('email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          data-testid="login-password"
          {...form.field('password')}
        />
        <Button type="submit" variant="primary" block loading={form.submitting} data-testid="login-submit">
          Sign in
        </Button>
      </form>
      <div className="auth-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        {meta?.registration === 'open' && <Link to="/register">Create an account</Link>}
      </div>
    </AuthLayout>
  );
}
