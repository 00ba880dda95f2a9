import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  /** Called on Escape, the close button, a click on the backdrop, or `form method="dialog"`. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  'data-testid'?: string;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, makes the page
 * behind inert, closes on Escape and returns focus to the opener. The children
 * mount only while open, so forms inside start fresh each time, and only once
 * the dialog is open, so `autoFocus` inside them works (see below).
 */
export function Dialog({ open, onClose, title, description, children, ...rest }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // Whether showModal() has run for this opening. React focuses an `autoFocus`
  // field when it mounts, but a <dialog> that is not open yet is not rendered,
  // so that focus() did nothing, and showModal() then focused the first control
  // (the close button). So the header renders with the dialog (showModal
  // focuses its close button, as before, for dialogs without autoFocus) and
  // the children only in the render that follows showModal(): their autoFocus
  // then lands in an open dialog. It is a layout effect, so both renders happen
  // before the browser paints: no flash of an empty dialog.
  const [shown, setShown] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
    } else if (!open && el.open) {
      if (typeof el.close === 'function') el.close();
      else el.removeAttribute('open');
    }
    setShown(open);
  }, [open]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The browser fires `close` a task after the dialog closed; by then it may
    // have been opened again (Escape, then Ctrl-K at once), and a stale event
    // must not close the new one.
    const handleClose = () => {
      if (!el.open) onCloseRef.current();
    };
    el.addEventListener('close', handleClose);
    return () => el.removeEventListener('close', handleClose);
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      data-testid={rest['data-testid']}
      onMouseDown={(e) => {
        // The dialog box fills the element, so a press on the element itself is on the backdrop.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="dialog__content">
          <header className="dialog__header">
            <h2 className="dialog__title" id={titleId}>
              {title}
            </h2>
            <button type="button" className="dialog__close" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          {description && (
            <p className="dialog__description" id={descId}>
              {description}
            </p>
          )}
          {shown && children}
        </div>
      )}
    </dialog>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog__actions">{children}</div>;
}
