import { useState } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useForm } from '../../lib/forms';
import { checkEmail, checkPassword, checkRequired } from '../../lib/validate';
import { Banner, Button, Checkbox, DialogActions, TextField } from '../../ui';

export interface CreateUserFormProps {
  onCreated: (user: User, invited: boolean) => void;
  onCancel: () => void;
}

/** `POST /admin/users`; without a password the server emails an invitation. */
export function CreateUserForm({ onCreated, onCancel }: CreateUserFormProps) {
  const [admin, setAdmin] = useState(false);
  const form = useForm({ email: '', name: '', password: '' }, (v) => ({
    email: checkEmail(v.email),
    name: checkRequired(v.name, 'Enter their name.'),
    password: v.password ? checkPassword(v.password) : undefined,
  }));

  const submit = form.handleSubmit(async (v) => {
    const body: { email: string; name: string; password?: string; is_instance_admin: boolean } = {
      email: v.email.trim(),
      name: v.name.trim(),
      is_instance_admin: admin,
    };
    if (v.password) body.password = v.password;
    onCreated(await api.post<User>('/admin/users', body), !v.password);
  });

  return (
    <form onSubmit={submit} noValidate className="stack">
      {form.formError && <Banner tone="danger">{form.formError}</Banner>}
      <TextField label="Email" type="email" required autoFocus data-testid="new-user-email" {...form.field('email')} />
      <TextField label="Name" required data-testid="new-user-name" {...form.field('name')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="Leave empty to email them an invitation to choose their own."
        data-testid="new-user-password"
        {...form.field('password')}
      />
      <Checkbox
        label="Instance administrator"
        checked={admin}
        onChange={(e) => setAdmin(e.target.checked)}
        data-testid="new-user-admin"
      />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={form.submitting} data-testid="new-user-submit">
          Create user
        </Button>
      </DialogActions>
    </form>
  );
}
