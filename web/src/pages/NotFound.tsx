import { Link } from 'react-router-dom';
import { useTitle } from '../lib/hooks';

export default function NotFound() {
  useTitle('Not found');
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Page not found</h1>
        <p className="muted">The address may be mistyped, or the page has moved.</p>
        <Link className="btn btn--primary btn--md btn--block" to="/">
          Go to Workstead
        </Link>
      </div>
    </main>
  );
}
