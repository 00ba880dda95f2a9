import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { Banner } from '../../ui';
import { AccountForm } from './AccountForm';
import { AuthLayout } from './AuthLayout';

export default function Register() {
  const { meta, signIn } = useAuth();
  if (meta?.registration !== 'open') {
    return (
      <AuthLayout title="Create an account">
        <Banner tone="info" title="Sign-up is not open">
          {meta?.registration === 'invite_only'
            ? 'Accounts on this Workstead are by invitation. Ask an admin of your team to invite you.'
            : 'This Workstead does not accept new accounts. Ask its administrator for one.'}
        </Banner>
        <div className="auth-links">
          <Link to="/sign-in">Back to sign in</Link>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Create an account" subtitle="It takes less than a minute.">
      <AccountForm submitLabel="Create account" onCreated={signIn} />
      <div className="auth-links">
        <span className="muted">
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </span>
      </div>
    </AuthLayout>
  );
}
