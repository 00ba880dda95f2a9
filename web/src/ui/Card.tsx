import { useId, type ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons shown at the right of the header. */
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  'data-testid'?: string;
}

export function Card({ title, description, actions, children, className, ...rest }: CardProps) {
  const titleId = useId();
  return (
    <section
      className={['card', className].filter(Boolean).join(' ')}
      aria-labelledby={title ? titleId : undefined}
      data-testid={rest['data-testid']}
    >
      {(title || actions) && (
        <header className="card__header">
          <div>
            {title && (
              <h2 className="card__title" id={titleId}>
                {title}
              </h2>
            )}
            {description && <p className="card__description">{description}</p>}
          </div>
          {actions && <div className="card__actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
