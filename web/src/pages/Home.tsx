import { Link } from 'react-router-dom';
import { useUser } from '../auth/AuthProvider';
import { useTitle } from '../lib/hooks';
import { Card } from '../ui';

export default function Home() {
  const user = useUser();
  useTitle('Home');
  const first = user.name.trim().split(/\s+/)[0] || user.email;
  return (
    <>
      <div className="page-header">
        <div className="hero">
          <h1>Welcome, {first}</h1>
          <p>Your account is ready.</p>
        </div>
      </div>
      <Card title="Workspaces arrive soon" data-testid="home-placeholder">
        <p className="muted">
          Projects, tasks, chat, routines and time tracking will live in workspaces. They are on their way; until
          then you can set up your account.
        </p>
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
