import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

/**
 * jsdom has no showModal() and focuses anything. This one behaves like a
 * browser: an element inside a closed <dialog> is not rendered, so focus()
 * does nothing; showModal() opens the dialog and focuses its first control.
 */
function browserLikeDialogs() {
  const proto = HTMLDialogElement.prototype as { showModal?: () => void };
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
    this.querySelector<HTMLElement>('button, input, select, textarea, [tabindex]')?.focus();
  };
  const focus = HTMLElement.prototype.focus;
  vi.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement, options?: FocusOptions) {
    const dialog = this.closest('dialog');
    if (dialog && !dialog.hasAttribute('open')) return;
    focus.call(this, options);
  });
}

afterEach(() => {
  delete (HTMLDialogElement.prototype as { showModal?: () => void }).showModal;
});

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

  it('gives the focus to an autoFocus field inside (showModal focuses the close button first)', () => {
    browserLikeDialogs();
    const { getByTestId, getByLabelText, rerender } = render(
      <Dialog open={false} onClose={() => {}} title="T" data-testid="d">
        <input aria-label="Name" autoFocus />
      </Dialog>,
    );
    rerender(
      <Dialog open onClose={() => {}} title="T" data-testid="d">
        <input aria-label="Name" autoFocus />
      </Dialog>,
    );
    expect(getByTestId('d').hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(getByLabelText('Name'));
  });

  it('without autoFocus inside, the close button keeps the focus showModal gave it', () => {
    browserLikeDialogs();
    const { getByLabelText } = render(
      <Dialog open onClose={() => {}} title="T">
        <input aria-label="Name" />
      </Dialog>,
    );
    expect(document.activeElement).toBe(getByLabelText('Close'));
  });

  it('focuses an autoFocus field where there is no showModal (the open attribute is set)', () => {
    expect(typeof (HTMLDialogElement.prototype as { showModal?: unknown }).showModal).toBe('undefined');
    const { getByTestId, getByLabelText } = render(
      <Dialog open onClose={() => {}} title="T" data-testid="d">
        <p>Some text</p>
        <input aria-label="Name" autoFocus />
      </Dialog>,
    );
    expect(getByTestId('d').hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(getByLabelText('Name'));
  });
});
