import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Banner, Button } from '../ui';

interface State {
  error: Error | null;
}

/** Catches render errors and failed chunk loads (an old tab after an upgrade). */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Workstead UI error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Importing a module script failed|Loading chunk/i.test(
      this.state.error.message,
    );
    return (
      <main className="auth-page">
        <div className="auth-card">
          <Banner tone="danger" title={chunk ? 'Workstead was updated' : 'Something went wrong'}>
            {chunk ? 'Reload the page to get the new version.' : 'Reload the page and try again.'}
          </Banner>
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </div>
      </main>
    );
  }
}
