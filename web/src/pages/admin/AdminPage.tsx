import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useTitle } from '../../lib/hooks';
import { PageSpinner } from '../../ui';

export default function AdminPage() {
  useTitle('Admin');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Administration</h1>
          <p>People, sign-up rules and the security log of this Workstead.</p>
        </div>
      </div>
      <nav className="tabs" aria-label="Administration">
        <NavLink to="users" data-testid="admin-tab-users">
          Users
        </NavLink>
        <NavLink to="settings" data-testid="admin-tab-settings">
          Settings
        </NavLink>
        <NavLink to="audit-log" data-testid="admin-tab-audit">
          Audit log
        </NavLink>
      </nav>
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </>
  );
}
