import type { ReactNode } from 'react';
import { useTitle } from '../../lib/hooks';
import { Logo } from '../../shell/Logo';
import { ThemeToggle } from '../../shell/ThemeToggle';

export interface AuthLayoutProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}

/** The centred card used by sign-in, registration and the email-link pages. */
export function AuthLayout({ title, subtitle, children }: AuthLayoutProps) {
  useTitle(title);
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <span className="brand">
          <Logo />
          <span>Workstead</span>
        </span>
        <div className="stack stack--tight">
          <h1>{title}</h1>
          {subtitle && <p className="muted">{subtitle}</p>}
        </div>
        {children}
      </div>
      <footer className="auth-footer">
        <ThemeToggle />
      </footer>
    </main>
  );
}
