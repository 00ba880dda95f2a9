import { useQueryClient } from '@tanstack/react-query';
import type { Meta } from '../../api/types';
import { META_KEY, useAuth } from '../../auth/AuthProvider';
import { AccountForm } from './AccountForm';
import { AuthLayout } from './AuthLayout';

/** First run: no account exists yet, the first one becomes the instance admin. */
export default function Setup() {
  const { signIn } = useAuth();
  const queryClient = useQueryClient();
  return (
    <AuthLayout
      title="Create the admin account"
      subtitle="Welcome to Workstead. This first account administers the whole instance: users, sign-up rules and the audit log."
    >
      <AccountForm
        submitLabel="Create admin account"
        onCreated={(answer) => {
          signIn(answer);
          queryClient.setQueryData<Meta>(META_KEY, (m) => (m ? { ...m, setup_required: false } : m));
          void queryClient.invalidateQueries({ queryKey: META_KEY });
        }}
      />
    </AuthLayout>
  );
}
