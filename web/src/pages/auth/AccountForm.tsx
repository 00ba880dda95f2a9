import { api } from '../../api/client';
import type { AuthAnswer } from '../../api/types';
import { useForm } from '../../lib/forms';
import { checkConfirmation, checkEmail, checkPassword, checkRequired } from '../../lib/validate';
import { Banner, Button, TextField } from '../../ui';

export interface AccountFormProps {
  submitLabel: string;
  onCreated: (answer: AuthAnswer) => void;
}

/** Name, email, password and its repetition → `POST /auth/register`. */
export function AccountForm({ submitLabel, onCreated }: AccountFormProps) {
  const form = useForm({ name: '', email: '', password: '', confirm: '' }, (v) => ({
    name: checkRequired(v.name, 'Enter your name.'),
    email: checkEmail(v.email),
    password: checkPassword(v.password),
    confirm: checkConfirmation(v.password, v.confirm),
  }));

  const submit = form.handleSubmit(async (v) => {
    const answer = await api.post<AuthAnswer>(
      '/auth/register',
      { email: v.email.trim(), password: v.password, name: v.name.trim() },
      { auth: false },
    );
    onCreated(answer);
  });

  return (
    <form onSubmit={submit} noValidate>
      {form.formError && <Banner tone="danger" data-testid="register-error">{form.formError}</Banner>}
      <TextField label="Name" autoComplete="name" required autoFocus data-testid="register-name" {...form.field('name')} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        required
        data-testid="register-email"
        {...form.field('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters. Common passwords are refused."
        required
        data-testid="register-password"
        {...form.field('password')}
      />
      <TextField
        label="Repeat password"
        type="password"
        autoComplete="new-password"
        required
        data-testid="register-confirm"
        {...form.field('confirm')}
      />
      <Button type="submit" variant="primary" block loading={form.submitting} data-testid="register-submit">
        {submitLabel}
      </Button>
    </form>
  );
}
