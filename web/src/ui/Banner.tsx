import type { ReactNode } from 'react';

export interface BannerProps {
  tone?: 'info' | 'success' | 'warning' | 'danger';
  title?: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
  className?: string;
  'data-testid'?: string;
}

/** A message block; danger banners are announced at once (role=alert), others politely. */
export function Banner({ tone = 'info', title, children, onDismiss, className, ...rest }: BannerProps) {
  return (
    <div
      className={['banner', `banner--${tone}`, className].filter(Boolean).join(' ')}
      role={tone === 'danger' ? 'alert' : 'status'}
      data-testid={rest['data-testid']}
    >
      <div className="banner__body">
        {title && <p className="banner__title">{title}</p>}
        {children && <div className="banner__text">{children}</div>}
      </div>
      {onDismiss && (
        <button type="button" className="banner__dismiss" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
