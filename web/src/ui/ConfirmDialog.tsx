import type { ReactNode } from 'react';
import { errorMessage } from '../lib/errors';
import { Banner } from './Banner';
import { Button } from './Button';
import { Dialog, DialogActions } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  pending?: boolean;
  /** Keeps the confirm button off (e.g. until a name is typed). */
  confirmDisabled?: boolean;
  /** The failed attempt, shown in the dialog (it stays open to retry). */
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
  'data-testid'?: string;
}

/** "Are you sure?" for destructive actions: Cancel is first and the dialog stays open on failure. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  tone = 'danger',
  pending = false,
  confirmDisabled = false,
  error,
  onConfirm,
  onClose,
  children,
  ...rest
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} data-testid={rest['data-testid']}>
      {error ? <Banner tone="danger">{errorMessage(error)}</Banner> : null}
      {children}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant={tone}
          loading={pending}
          disabled={confirmDisabled}
          onClick={onConfirm}
          data-testid={rest['data-testid'] ? `${rest['data-testid']}-confirm` : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
