/* eslint-disable react-hooks/static-components -- the picker comes from useSlot: the default or the replacement given in `components`, the same component on every render. */
import { useState, type ReactNode } from 'react';
import { cx, useSlot, useStrings } from '../config';
import { EmojiPicker } from '../EmojiPicker';
import { Icon } from '../icons';
import { Popover } from '../popover';

/**
 * Props of {@link EmojiButton}.
 *
 * @example
 * <EmojiButton onPick={(emoji) => insertAtCaret(emoji)} />
 */
export interface EmojiButtonProps {
  /** Called with the emoji picked; the picker has closed (put focus back where typing goes). */
  onPick(emoji: string): void;
  className?: string;
}

/**
 * The composer's emoji button and its picker, in a popover above it (flipped below, shifted and
 * shrunk as the viewport needs). Escape closes it and returns focus to the button; a click
 * elsewhere closes it and leaves focus there.
 *
 * @example
 * <EmojiButton onPick={insert} />
 */
export function EmojiButton({ onPick, className }: EmojiButtonProps): ReactNode {
  const strings = useStrings();
  const PickerPart = useSlot('EmojiPicker', EmojiPicker);
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        ref={setButton}
        type="button"
        className={cx('confab-composer-emoji', className)}
        aria-label={strings.emoji}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-state={open ? 'open' : 'closed'}
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="smile" />
      </button>
      <Popover anchor={button} open={open} placement="top-end" className="confab-composer-emoji-popover">
        <PickerPart
          onSelect={(emoji: string) => {
            setOpen(false);
            onPick(emoji);
          }}
          onClose={(reason?: 'escape' | 'outside') => {
            setOpen(false);
            if (reason !== 'outside') button?.focus();
          }}
        />
      </Popover>
    </>
  );
}
