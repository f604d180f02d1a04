import type { ReactNode } from 'react';
import { useUser, type Message } from '../../react';
import { cx, useStrings } from '../config';
import { withNames } from '../format/bidi';
import { Icon } from '../icons';

/**
 * Props of {@link EditBar}.
 *
 * @example
 * <EditBar onCancel={cancelEdit} />
 */
export interface EditBarProps {
  onCancel(): void;
  className?: string;
}

/**
 * "Editing message" with a cancel button: shown above the composer while it edits a message.
 *
 * @example
 * {editing && <EditBar onCancel={cancelEdit} />}
 */
export function EditBar({ onCancel, className }: EditBarProps): ReactNode {
  const strings = useStrings();
  return (
    <div className={cx('confab-composer-bar', className)} data-kind="edit">
      <span className="confab-composer-bar-title">{strings.editingMessage}</span>
      <button type="button" className="confab-composer-bar-cancel" aria-label={strings.cancelEditing} onClick={onCancel}>
        <Icon name="close" />
      </button>
    </div>
  );
}

/**
 * Props of {@link QuoteBar}.
 *
 * @example
 * <QuoteBar message={quoting} onCancel={cancelQuote} />
 */
export interface QuoteBarProps {
  message: Message;
  onCancel(): void;
  className?: string;
}

/**
 * "Quoting Ana" and the first line of the quoted message, with a cancel button: shown above the
 * composer while the next message quotes one.
 *
 * @example
 * {quoting && <QuoteBar message={quoting} onCancel={cancelQuote} />}
 */
export function QuoteBar({ message, onCancel, className }: QuoteBarProps): ReactNode {
  const strings = useStrings();
  const author = useUser(message.authorId);
  const firstLine = message.text.split('\n', 1)[0] ?? '';
  const excerpt = firstLine.trim() !== '' ? firstLine : message.attachments[0] ? (message.attachments[0].name ?? strings.attachment) : '';
  return (
    <div className={cx('confab-composer-bar', className)} data-kind="quote">
      <span className="confab-composer-bar-title">{withNames(strings.quotingMessage, author?.name ?? strings.someone)}</span>
      <span className="confab-composer-bar-excerpt">{excerpt}</span>
      <button type="button" className="confab-composer-bar-cancel" aria-label={strings.cancelQuote} onClick={onCancel}>
        <Icon name="close" />
      </button>
    </div>
  );
}
