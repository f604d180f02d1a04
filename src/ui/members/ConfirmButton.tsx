import { useState, type ReactNode } from 'react';
import { cx } from '../config';

/** Props of {@link ConfirmButton}. Internal. */
export interface ConfirmButtonProps {
  label: ReactNode;
  /** What the button says once armed: the question the second press answers. */
  confirmLabel: ReactNode;
  onConfirm(): void;
  disabled?: boolean;
  className?: string;
  /** `data-action`, for styles and tests. */
  action: string;
}

/**
 * A button for something that cannot be undone (remove, leave, delete): the first press arms it and
 * it asks its question; the second press does it. Leaving it (blur) disarms it, so a slip of the
 * hand does nothing.
 */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled = false, className, action }: ConfirmButtonProps): ReactNode {
  const [armed, setArmed] = useState(false);
  return (
    <button
      type="button"
      className={cx('confab-button', className)}
      data-variant={armed ? 'danger' : 'secondary'}
      data-action={action}
      data-confirming={armed ? '' : undefined}
      disabled={disabled}
      onBlur={() => setArmed(false)}
      onClick={() => {
        if (!armed) {
          setArmed(true);
          return;
        }
        setArmed(false);
        onConfirm();
      }}
    >
      {armed ? confirmLabel : label}
    </button>
  );
}
