import { useState } from 'react';
import { api } from '../../api/client';
import type { TotpEnabled, TotpSetup, User } from '../../api/types';
import { useAuth, useUser } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { useForm } from '../../lib/forms';
import { checkRequired, checkTotpCode } from '../../lib/validate';
import { Badge, Banner, Button, Card, CopyButton, Dialog, DialogActions, TextField } from '../../ui';
import { QrCode } from './QrCode';

type Flow = { step: 'idle' } | { step: 'setup'; setup: TotpSetup } | { step: 'codes'; codes: string[] };

function EnableForm({ setup, onEnabled, onCancel }: { setup: TotpSetup; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const form = useForm({ code: '' }, (v) => ({ code: checkTotpCode(v.code) }));
  const submit = form.handleSubmit(async (v) => {
    const answer = await api.post<TotpEnabled>('/auth/totp/enable', { code: v.code.replace(/\s/g, '') });
    onEnabled(answer.recovery_codes);
  });
  return (
    <div className="stack">
      <ol className="stack stack--tight">
        <li>Scan this QR code with an authenticator app (Aegis, Google Authenticator, 1Password, …).</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="qr">
        <QrCode value={setup.otpauth_uri} label="QR code to add Workstead to your authenticator app" />
        <div className="stack stack--tight">
          <span className="muted">Can't scan? Enter this key by hand:</span>
          <code className="secret" data-testid="totp-secret">
            {setup.secret}
          </code>
          <details>
            <summary>Show the setup link</summary>
            <code className="mono" data-testid="totp-uri">
              {setup.otpauth_uri}
            </code>
          </details>
        </div>
      </div>
      <form onSubmit={submit} noValidate className="stack">
        {form.formError && <Banner tone="danger">{form.formError}</Banner>}
        <TextField
          label="Code from the app"
          className="field--short"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          data-testid="totp-code"
          {...form.field('code')}
        />
        <div className="row">
          <Button type="submit" variant="primary" loading={form.submitting} data-testid="totp-enable">
            Turn on
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="stack">
      <Banner tone="warning" title="Save your recovery codes now">
        Each code signs you in once if you lose your phone. This is the only time they are shown.
      </Banner>
      <ol className="codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="row">
        <CopyButton value={codes.join('\n')} label="Copy codes" data-testid="recovery-codes-copy" />
        <Button variant="primary" onClick={onDone} data-testid="recovery-codes-done">
          I have saved them
        </Button>
      </div>
    </div>
  );
}

function DisableForm({ onCancel, onDisabled }: { onCancel: () => void; onDisabled: () => void }) {
  const form = useForm({ password: '' }, (v) => ({ password: checkRequired(v.password, 'Enter your password.') }));
  const submit = form.handleSubmit(async (v) => {
    await api.post<void>('/auth/totp/disable', { password: v.password });
    onDisabled();
  });
  return (
    <form onSubmit={submit} noValidate className="stack">
      {form.formError && <Banner tone="danger">{form.formError}</Banner>}
      <TextField
        label="Your password"
        type="password"
        autoComplete="current-password"
        autoFocus
        required
        data-testid="totp-disable-password"
        {...form.field('password')}
      />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="danger" loading={form.submitting} data-testid="totp-disable-confirm">
          Turn off
        </Button>
      </DialogActions>
    </form>
  );
}

export function TwoFactorCard() {
  const user = useUser();
  const { setUser } = useAuth();
  const [flow, setFlow] = useState<Flow>({ step: 'idle' });
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [disabling, setDisabling] = useState(false);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      setFlow({ step: 'setup', setup: await api.post<TotpSetup>('/auth/totp/setup') });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setStarting(false);
    }
  };

  const reloadUser = async (fallback: User) => {
    try {
      setUser(await api.get<User>('/me'));
    } catch {
      setUser(fallback);
    }
  };

  return (
    <Card
      title="Two-step verification"
      description="Ask for a code from your phone in addition to your password."
      actions={user.totp_enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
      data-testid="totp-card"
    >
      {error && <Banner tone="danger">{error}</Banner>}
      {flow.step === 'setup' && (
        <EnableForm
          setup={flow.setup}
          onCancel={() => setFlow({ step: 'idle' })}
          onEnabled={(codes) => {
            setFlow({ step: 'codes', codes });
            void reloadUser({ ...user, totp_enabled: true });
          }}
        />
      )}
      {flow.step === 'codes' && <RecoveryCodes codes={flow.codes} onDone={() => setFlow({ step: 'idle' })} />}
      {flow.step === 'idle' &&
        (user.totp_enabled ? (
          <div className="row row--between">
            <p className="muted">Signing in asks for a code from your authenticator app.</p>
            <Button variant="danger" onClick={() => setDisabling(true)} data-testid="totp-disable">
              Turn off
            </Button>
          </div>
        ) : (
          <div className="row row--between">
            <p className="muted">Protect your account even if your password leaks.</p>
            <Button variant="primary" loading={starting} onClick={() => void start()} data-testid="totp-setup">
              Set up
            </Button>
          </div>
        ))}
      <Dialog
        open={disabling}
        onClose={() => setDisabling(false)}
        title="Turn off two-step verification?"
        description="Your recovery codes stop working too. Confirm with your password."
        data-testid="totp-disable-dialog"
      >
        <DisableForm
          onCancel={() => setDisabling(false)}
          onDisabled={() => {
            setDisabling(false);
            void reloadUser({ ...user, totp_enabled: false });
          }}
        />
      </Dialog>
    </Card>
  );
}
