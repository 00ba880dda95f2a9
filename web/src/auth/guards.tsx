import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { Banner, Button, PageSpinner } from '../ui';
import { errorMessage } from '../lib/errors';
import { useAuth } from './AuthProvider';

/** Only same-site paths are followed after sign-in (no `//evil.example`). */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

function StartupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Banner tone="danger" title="Workstead is not reachable">
          {errorMessage(error)}
        </Banner>
        <Button variant="primary" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </main>
  );
}

/**
 * Waits for start-up (refresh + meta), then sends everything to the first-run
 * screen while no account exists, and keeps people away from it afterwards.
 */
export function SetupGate() {
  const { ready, meta, startupError, retryStartup } = useAuth();
  const { pathname } = useLocation();
  if (!ready) return <PageSpinner label="Starting Workstead…" />;
  if (!meta) return <StartupError error={startupError} onRetry={retryStartup} />;
  const onSetup = pathname === '/setup';
  if (meta.setup_required && !onSetup) return <Navigate to="/setup" replace />;
  if (!meta.setup_required && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Signed-in area; anyone else goes to sign-in and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, signOutReason } = useAuth();
  const location = useLocation();
  if (!user) {
    const here = location.pathname + location.search;
    const to = signOutReason === 'explicit' || here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

/** Sign-in, register and forgot-password make no sense when signed in. */
export function GuestOnly() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <Outlet />;
}

export function RequireAdmin() {
  const { user } = useAuth();
  if (!user?.is_instance_admin) {
    return (
      <Banner tone="warning" title="Admins only">
        This area is for instance administrators.
      </Banner>
    );
  }
  return <Outlet />;
}
