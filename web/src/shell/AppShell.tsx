import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useUser } from '../auth/AuthProvider';
import { Banner, PageSpinner } from '../ui';
import { Logo } from './Logo';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The frame of every signed-in page: top bar, navigation, and the page. */
export default function AppShell() {
  const user = useUser();
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
          <ThemeToggle />
          <UserMenu />
        </div>
      </header>
      <div className="shell__body">
        <nav className="sidenav" aria-label="Main">
          <NavLink to="/" end>
            Home
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
    </>
  );
}
