import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './config';
import { activeElementOf, keepTabInside } from './dom';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** Props of the dialog frame the room list's dialogs share. Internal. */
export interface DialogFrameProps {
  title: string;
  onClose(): void;
  className?: string;
  children?: ReactNode;
}

/**
 * A modal dialog with a light focus trap: focuses its first field on open, keeps Tab inside,
 * closes on Escape or a click on the backdrop, and gives focus back to whatever had it before
 * (the button that opened it) when it closes.
 */
export function DialogFrame({ title, onClose, className, children }: DialogFrameProps): ReactNode {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const focused = activeElementOf(dialog);
    const opener = focused instanceof HTMLElement ? focused : null;
    const first = dialog?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog)?.focus();
    return () => {
      const active = activeElementOf(dialog);
      const focusLost = active === null || active === document.body || (dialog?.contains(active) ?? true);
      if (opener?.isConnected && focusLost) opener.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    keepTabInside(event, ref.current, FOCUSABLE);
  }

  return (
    <div className="confab-dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={ref} className={cx('confab-dialog', className)} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="confab-dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/**
 * A dialog's error sentence, announced at once; its `id` (when a field is about it) is what that
 * field names in `aria-describedby`. Internal.
 *
 * @example
 * {error !== null && <DialogError id={`${ids}-error`}>{error}</DialogError>}
 */
export function DialogError({ id, children }: { id?: string; children: ReactNode }): ReactNode {
  return (
    <p id={id} className="confab-dialog-error" role="alert">
      {children}
    </p>
  );
}

/**
 * Props of {@link DialogButtons}. Internal.
 *
 * @example
 * const props: DialogButtonsProps = { closeLabel: 'Cancel', onClose: close };
 */
export interface DialogButtonsProps {
  /** "Cancel" beside a submit button, or "Done" where closing is all there is to do. */
  closeLabel: string;
  onClose(): void;
  /** `primary` when closing is the dialog's main action ("Done"). Default `secondary`. */
  closeVariant?: 'primary' | 'secondary';
  /** The form's own buttons (its submit), after the close button. */
  children?: ReactNode;
}

/**
 * A dialog's button row: the button that closes it (Cancel or Done), then the form's own submit
 * button, if any. Internal.
 *
 * @example
 * <DialogButtons closeLabel={strings.cancel} onClose={onClose}><button type="submit">Save</button></DialogButtons>
 */
export function DialogButtons({ closeLabel, onClose, closeVariant = 'secondary', children }: DialogButtonsProps): ReactNode {
  return (
    <div className="confab-dialog-buttons">
      <button type="button" className="confab-button" data-variant={closeVariant} onClick={onClose}>
        {closeLabel}
      </button>
      {children}
    </div>
  );
}
