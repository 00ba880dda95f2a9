import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth, useUser } from '../auth/AuthProvider';
import { initials } from '../lib/format';
import { Menu } from '../ui';

/** The avatar button with Profile, Security and Sign out (a keyboard-operable menu). */
export function UserMenu() {
  const user = useUser();
  const { signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);

  return (
    <Menu
      className="user-menu"
      buttonClassName="user-menu__button"
      label="Account"
      data-testid="user-menu"
      button={
        <>
          <span className="avatar" aria-hidden="true">
            {initials(user.name, user.email)}
          </span>
          <span className="user-menu__name">{user.name || user.email}</span>
          <span className="visually-hidden">Account menu</span>
        </>
      }
    >
      {(close) => (
        <>
          <div className="user-menu__who" role="none">
            <strong>{user.name}</strong>
            <div className="muted">{user.email}</div>
          </div>
          <Link role="menuitem" className="menu__item" to="/profile" onClick={() => close()}>
            Profile
          </Link>
          <Link role="menuitem" className="menu__item" to="/security" onClick={() => close()}>
            Security
          </Link>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="sign-out"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut();
            }}
          >
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </>
      )}
    </Menu>
  );
}
