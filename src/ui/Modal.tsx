import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { wrapFocus } from './focusTrap';

export interface ModalProps {
  open: boolean;
  title: string;
  /**
   * Escape, the close button, or the owner deciding so: the owner sets `open` to false. Without it there is no
   * harmless way out: Escape does nothing (a question that must be answered).
   */
  onClose?: (() => void) | undefined;
  /** The element to focus when the dialog opens; without one (or null) the platform focuses the first control. */
  initialFocus?: () => HTMLElement | null;
  /** Focused when the dialog closes and the element that opened it is gone (e.g. an empty state). */
  fallbackFocusId?: string | undefined;
  className?: string;
  /** `alertdialog` for a question that interrupts (with `describedBy` naming the question's text). */
  role?: 'dialog' | 'alertdialog';
  /** id of the element that describes the dialog (`aria-describedby`). */
  describedBy?: string | undefined;
  /** The × button in the header (with `onClose`); off for questions answered by their own buttons. */
  closeButton?: boolean;
  children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focus back where it came from, or to the fallback when that element is gone. */
function restoreFocus(opener: Element | null, fallbackFocusId: string | undefined): void {
  if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  else if (fallbackFocusId) document.getElementById(fallbackFocusId)?.focus();
}

/**
 * Every dialog of the app, on the native `<dialog>` element: `showModal()` makes the rest of the page inert and
 * gives it the dialog role; this adds what the platform leaves out: `open` driven by state, the title as its
 * name, Escape through the owner's state, Tab wrapping inside the dialog, and focus going back to where it came
 * from (also when the dialog is unmounted while open, as a question is once answered).
 */
export function Modal({
  open,
  title,
  onClose,
  initialFocus,
  fallbackFocusId,
  className,
  role,
  describedBy,
  closeButton = true,
  children,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      initialFocus?.()?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      const back = opener.current;
      opener.current = null;
      restoreFocus(back, fallbackFocusId);
    }
  }, [open, initialFocus, fallbackFocusId]);

  // Unmounted while open: close it ourselves so focus does not fall to the page's body.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (!dialog?.open) return;
      dialog.close();
      const back = opener.current;
      opener.current = null;
      restoreFocus(back, undefined);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (el) => el.offsetParent !== null,
    );
    const target = wrapFocus(focusable, document.activeElement, event.shiftKey);
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  return (
    <dialog
      ref={ref}
      className={['modal', className].filter(Boolean).join(' ')}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      aria-modal="true"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Escape: let state close it, so React stays the source of truth.
        event.preventDefault();
        onClose?.();
      }}
      onClose={() => {
        // Closed by the browser itself (e.g. a repeated Escape): bring state in line.
        if (open) onClose?.();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        {closeButton && onClose && (
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        )}
      </header>
      {children}
    </dialog>
  );
}
