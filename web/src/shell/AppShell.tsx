import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { readLastWorkspace } from '../api/workspaces';
import { useUser } from '../auth/AuthProvider';
import { LiveConnector } from '../live/LiveConnector';
import { isPaletteShortcut } from '../search/keyboard';
import { Banner, PageSpinner } from '../ui';
import { Logo } from './Logo';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

// The search palette loads on first use (Ctrl/Cmd-K or the search button).
const SearchPalette = lazy(() => import('../search/SearchPalette'));

function SearchIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-4-4" />
    </svg>
  );
}

/** The frame of every signed-in page: top bar, navigation, and the page. */
export default function AppShell() {
  const user = useUser();
  const location = useLocation();
  const [searchOpen, setSearchOpen] = useState(false);
  const [searchLoaded, setSearchLoaded] = useState(false);
  // The workspace in the address, else the one opened last.
  const searchWorkspace = /^\/w\/([^/]+)/.exec(location.pathname)?.[1] ?? readLastWorkspace();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      setSearchLoaded(true);
      setSearchOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__start">
          <Link to="/" className="brand" aria-label="Workstead home">
            <Logo />
            <span className="brand__name">Workstead</span>
          </Link>
          <WorkspaceSwitcher />
        </div>
        <div className="topbar__end">
          <LiveConnector />
          <button
            type="button"
            className="icon-btn"
            aria-label="Search tasks (Ctrl+K)"
            title="Search tasks (Ctrl+K)"
            aria-keyshortcuts="Control+K Meta+K"
            onClick={() => {
              setSearchLoaded(true);
              setSearchOpen(true);
            }}
            data-testid="search-open"
          >
            <SearchIcon />
          </button>
          <ThemeToggle />
          <UserMenu />
        </div>
      </header>
      <div className="shell__body">
        <nav className="sidenav" aria-label="Main">
          <NavLink to="/" end>
            Home
          </NavLink>
          <NavLink to="/my-tasks" data-testid="nav-my-tasks">
            My tasks
          </NavLink>
          <NavLink to="/profile">Profile</NavLink>
          <NavLink to="/security" data-testid="nav-security">
            Security
          </NavLink>
          {user.is_instance_admin && (
            <NavLink to="/admin" data-testid="nav-admin">
              Admin
            </NavLink>
          )}
        </nav>
        <main className="shell__main" id="main" tabIndex={-1}>
          {!user.email_verified && (
            <Banner tone="warning" data-testid="verify-email-banner">
              Please confirm your email address: open the link we sent to <strong>{user.email}</strong>.
            </Banner>
          )}
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      {searchLoaded && (
        <Suspense fallback={null}>
          <SearchPalette
            open={searchOpen}
            onClose={() => setSearchOpen(false)}
            workspaceRef={searchWorkspace}
          />
        </Suspense>
      )}
    </>
  );
}
