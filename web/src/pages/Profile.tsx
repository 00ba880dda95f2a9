import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import type { User } from '../api/types';
import { useAuth, useUser } from '../auth/AuthProvider';
import { useForm } from '../lib/forms';
import { useTitle } from '../lib/hooks';
import { listLocales, listTimeZones } from '../lib/timezones';
import { checkConfirmation, checkPassword, checkRequired } from '../lib/validate';
import { Badge, Banner, Button, Card, SelectField, TextField } from '../ui';

function ProfileForm({ user }: { user: User }) {
  const { setUser } = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const zones = useMemo(() => listTimeZones(user.timezone), [user.timezone]);
  const locales = useMemo(() => listLocales(user.locale), [user.locale]);
  const form = useForm({ name: user.name, timezone: user.timezone, locale: user.locale }, (v) => ({
    name: checkRequired(v.name, 'Enter your name.'),
  }));

  const submit = form.handleSubmit(async (v) => {
    setSaved(null);
    const changes: Partial<Pick<User, 'name' | 'timezone' | 'locale'>> = {};
    if (v.name.trim() !== user.name) changes.name = v.name.trim();
    if (v.timezone !== user.timezone) changes.timezone = v.timezone;
    if (v.locale !== user.locale) changes.locale = v.locale;
    if (Object.keys(changes).length === 0) {
      setSaved('Nothing changed.');
      return;
    }
    setUser(await api.patch<User>('/me', changes));
    setSaved('Profile saved.');
  });

  return (
    <Card title="Profile" description="How you appear to your team, and how dates and times are shown to you." className="form-card">
      <form onSubmit={submit} noValidate>
        {form.formError && <Banner tone="danger">{form.formError}</Banner>}
        {saved && (
          <Banner tone="success" data-testid="profile-saved" onDismiss={() => setSaved(null)}>
            {saved}
          </Banner>
        )}
        <TextField
          label="Email"
          value={user.email}
          readOnly
          hint={user.email_verified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Not verified yet</Badge>}
          data-testid="profile-email"
        />
        <TextField label="Name" autoComplete="name" required data-testid="profile-name" {...form.field('name')} />
        <SelectField label="Time zone" data-testid="profile-timezone" {...form.field('timezone')}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <SelectField label="Language and region" data-testid="profile-locale" {...form.field('locale')}>
          {locales.map(([tag, label]) => (
            <option key={tag} value={tag}>
              {label}
            </option>
          ))}
        </SelectField>
        <div className="row">
          <Button type="submit" variant="primary" loading={form.submitting} data-testid="profile-save">
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}

function PasswordForm() {
  const [done, setDone] = useState(false);
  const form = useForm({ current_password: '', new_password: '', confirm: '' }, (v) => ({
    current_password: checkRequired(v.current_password, 'Enter your current password.'),
    new_password: checkPassword(v.new_password),
    confirm: checkConfirmation(v.new_password, v.confirm),
  }));

  const submit = form.handleSubmit(async (v) => {
    setDone(false);
    await api.post<void>('/me/password', { current_password: v.current_password, new_password: v.new_password });
    form.reset();
    setDone(true);
  });

  return (
    <Card title="Password" description="Changing it signs out your other devices." className="form-card">
      <form onSubmit={submit} noValidate>
        {form.formError && <Banner tone="danger">{form.formError}</Banner>}
        {done && (
          <Banner tone="success" data-testid="password-changed" onDismiss={() => setDone(false)}>
            Password changed. Your other devices were signed out.
          </Banner>
        )}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          data-testid="password-current"
          {...form.field('current_password')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters. Common passwords are refused."
          required
          data-testid="password-new"
          {...form.field('new_password')}
        />
        <TextField
          label="Repeat new password"
          type="password"
          autoComplete="new-password"
          required
          data-testid="password-confirm"
          {...form.field('confirm')}
        />
        <div className="row">
          <Button type="submit" variant="primary" loading={form.submitting} data-testid="password-submit">
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}

export default function Profile() {
  useTitle('Profile');
  const user = useUser();
  const { setUser } = useAuth();
  // The context has the user from sign-in; fetch a fresh copy when the page opens.
  const me = useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => api.get<User>('/me', undefined, signal),
    initialData: user,
    initialDataUpdatedAt: 0,
  });

  useEffect(() => {
    if (me.data !== user) setUser(me.data);
  }, [me.data, user, setUser]);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Profile</h1>
          <p>Your name, time zone, language and password.</p>
        </div>
      </div>
      <ProfileForm key={user.id} user={user} />
      <PasswordForm />
    </>
  );
}
