import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { InstanceSettings, Registration } from '../../api/types';
import { META_KEY } from '../../auth/AuthProvider';
import { errorMessage } from '../../lib/errors';
import { Banner, Button, Card, Spinner } from '../../ui';

const KEY = ['admin', 'settings'];

const CHOICES: Array<{ value: Registration; label: string; detail: string }> = [
  { value: 'open', label: 'Open', detail: 'Anyone who can reach this server can create an account.' },
  { value: 'invite_only', label: 'Invitation only', detail: 'People join through a workspace invitation or an admin.' },
  { value: 'closed', label: 'Closed', detail: 'Only admins create accounts.' },
];

function RegistrationForm({ settings }: { settings: InstanceSettings }) {
  const queryClient = useQueryClient();
  const [registration, setRegistration] = useState<Registration>(settings.registration);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setResult(null);
    try {
      const updated = await api.patch<InstanceSettings>('/admin/settings', { registration });
      queryClient.setQueryData(KEY, updated);
      void queryClient.invalidateQueries({ queryKey: META_KEY });
      setResult({ ok: true, text: 'Settings saved.' });
    } catch (err) {
      setResult({ ok: false, text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={save} className="stack">
      {result && (
        <Banner tone={result.ok ? 'success' : 'danger'} onDismiss={() => setResult(null)} data-testid="settings-result">
          {result.text}
        </Banner>
      )}
      <fieldset className="radio-group">
        <legend>Who can create an account?</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="radio">
            <input
              type="radio"
              name="registration"
              value={c.value}
              checked={registration === c.value}
              onChange={() => setRegistration(c.value)}
              data-testid={`settings-registration-${c.value}`}
            />
            <span>{c.label}</span>
            <small>{c.detail}</small>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Button type="submit" variant="primary" loading={saving} disabled={registration === settings.registration} data-testid="settings-save">
          Save
        </Button>
      </div>
    </form>
  );
}

export default function SettingsPanel() {
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<InstanceSettings>('/admin/settings', undefined, signal),
  });
  return (
    <Card title="Sign-up" description="The first account is always created through the setup screen." className="form-card">
      {settings.isPending && <Spinner label="Loading settings…" showLabel />}
      {settings.isError && <Banner tone="danger">{errorMessage(settings.error)}</Banner>}
      {settings.data && <RegistrationForm settings={settings.data} />}
    </Card>
  );
}
