import { act, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

describe('Dialog', () => {
  it('calls onClose when the browser closes it (Escape, form method="dialog")', () => {
    const onClose = vi.fn();
    const { getByTestId } = render(<Dialog open onClose={onClose} title="T" data-testid="d" />);
    const el = getByTestId('d') as HTMLDialogElement;
    act(() => {
      el.removeAttribute('open');
      el.dispatchEvent(new Event('close'));
    });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('ignores a close event that arrives after it was opened again', () => {
    const onClose = vi.fn();
    const { getByTestId, rerender } = render(<Dialog open onClose={onClose} title="T" data-testid="d" />);
    const el = getByTestId('d') as HTMLDialogElement;
    rerender(<Dialog open={false} onClose={onClose} title="T" data-testid="d" />);
    rerender(<Dialog open onClose={onClose} title="T" data-testid="d" />);
    expect(el.hasAttribute('open')).toBe(true);
    // The event queued by the first close is delivered only now.
    act(() => {
      el.dispatchEvent(new Event('close'));
    });
    expect(onClose).not.toHaveBeenCalled();
    expect(el.hasAttribute('open')).toBe(true);
  });
});
