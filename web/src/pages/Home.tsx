import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { readLastWorkspace, useWorkspaces } from '../api/workspaces';
import { useUser } from '../auth/AuthProvider';
import { errorMessage } from '../lib/errors';
import { useTitle } from '../lib/hooks';
import { ROLE_LABELS } from '../lib/roles';
import { Badge, Banner, Button, Card, Spinner } from '../ui';

export default function Home() {
  const user = useUser();
  useTitle('Home');
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(() => {
    const state = location.state as { notice?: unknown } | null;
    return typeof state?.notice === 'string' ? state.notice : null;
  });
  const navigate = useNavigate();
  // Shown once: a reload must not bring the notice back.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const workspaces = useWorkspaces();
  const last = readLastWorkspace();
  const list = [...(workspaces.data ?? [])].sort((a, b) => (a.slug === last ? -1 : b.slug === last ? 1 : 0));
  const first = user.name.trim().split(/\s+/)[0] || user.email;

  return (
    <>
      <div className="page-header">
        <div className="hero">
          <h1>Welcome, {first}</h1>
          <p>Pick a workspace, or start a new one for your team.</p>
        </div>
      </div>
      {notice && (
        <Banner tone="success" onDismiss={() => setNotice(null)} data-testid="home-notice">
          {notice}
        </Banner>
      )}
      <Card
        title="Your workspaces"
        actions={
          <Link className="btn btn--primary btn--md" to="/workspaces/new" data-testid="home-create-workspace">
            <span className="btn__label">Create workspace</span>
          </Link>
        }
        data-testid="home-workspaces"
      >
        {workspaces.isPending && <Spinner label="Loading your workspaces…" showLabel />}
        {workspaces.isError && (
          <Banner tone="danger" title="Could not load your workspaces">
            {errorMessage(workspaces.error)} <Button size="sm" onClick={() => void workspaces.refetch()}>Try again</Button>
          </Banner>
        )}
        {workspaces.isSuccess && list.length === 0 && (
          <p className="muted" data-testid="home-no-workspaces">
            You are not in a workspace yet. Create one, or ask a colleague to invite you.
          </p>
        )}
        {list.length > 0 && (
          <ul className="ws-grid">
            {list.map((w) => (
              <li key={w.id}>
                <Link className="ws-tile" to={`/w/${w.slug}`} data-testid="home-workspace" data-slug={w.slug}>
                  <span className="ws-tile__mark" aria-hidden="true">
                    {w.name.trim().charAt(0).toUpperCase() || 'W'}
                  </span>
                  <span className="ws-tile__text">
                    <strong>{w.name}</strong>
                    <small className="muted mono">/w/{w.slug}</small>
                  </span>
                  <Badge tone={w.my_role === 'owner' ? 'accent' : 'neutral'}>{ROLE_LABELS[w.my_role]}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid-2">
        <Card title="Your profile" description="Name, time zone, language and password.">
          <Link to="/profile">Open profile →</Link>
        </Card>
        <Card title="Security" description="Devices, two-step verification and API tokens.">
          <Link to="/security">Open security →</Link>
        </Card>
      </div>
    </>
  );
}
