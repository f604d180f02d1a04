import { memo, type ReactNode } from 'react';
import { cx, useLocale, useStrings } from '../config';
import { formatBytes } from '../format/dates';
import { Icon } from '../icons';
import type { ComposerUpload } from './uploads';

/**
 * Props of {@link ComposerAttachments}.
 *
 * @example
 * <ComposerAttachments uploads={uploads.uploads} onRemove={uploads.remove} />
 */
export interface ComposerAttachmentsProps {
  uploads: readonly ComposerUpload[];
  onRemove(key: string): void;
  className?: string;
}

/**
 * The files of a draft before sending: image thumbnails (raster only) or file chips with name,
 * size and type, an upload progress bar, a failure notice, and a remove button each.
 *
 * @example
 * <ComposerAttachments uploads={uploads} onRemove={remove} />
 */
export function ComposerAttachments({ uploads, onRemove, className }: ComposerAttachmentsProps): ReactNode {
  if (uploads.length === 0) return null;
  return (
    <ul className={cx('confab-composer-attachments', className)}>
      {uploads.map((upload) => (
        <ComposerAttachment key={upload.key} upload={upload} onRemove={onRemove} />
      ))}
    </ul>
  );
}

/**
 * Props of {@link ComposerAttachment}.
 *
 * @example
 * <ComposerAttachment upload={upload} onRemove={remove} />
 */
export interface ComposerAttachmentProps {
  upload: ComposerUpload;
  onRemove(key: string): void;
  className?: string;
}

/**
 * One file of a draft: thumbnail or chip, progress, failure and remove.
 *
 * @example
 * <ComposerAttachment upload={{ key: 'u1', name: 'notes.txt', type: 'text/plain', size: 120, progress: 1, status: 'done' }} onRemove={remove} />
 */
export const ComposerAttachment = memo(function ComposerAttachment({ upload, onRemove, className }: ComposerAttachmentProps): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const percent = Math.round(upload.progress * 100);
  return (
    <li className={cx('confab-composer-attachment', className)} data-status={upload.status} data-kind={upload.previewUrl ? 'image' : 'file'}>
      {upload.previewUrl ? (
        <img className="confab-composer-attachment-thumbnail" src={upload.previewUrl} alt="" />
      ) : (
        <span className="confab-composer-attachment-icon" aria-hidden="true" />
      )}
      <span className="confab-composer-attachment-details">
        <span className="confab-composer-attachment-name">{upload.name}</span>
        <span className="confab-composer-attachment-meta">
          {formatBytes(upload.size, locale)}
          {upload.type ? ` · ${upload.type}` : ''}
        </span>
      </span>
      {upload.status === 'uploading' && (
        <progress
          className="confab-composer-attachment-progress"
          max={100}
          value={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={strings.uploading(upload.name, percent)}
        />
      )}
      {upload.status === 'failed' && (
        <span className="confab-composer-attachment-error" role="alert" title={upload.error}>
          {strings.uploadFailed(upload.name)}
        </span>
      )}
      <button type="button" className="confab-composer-attachment-remove" aria-label={strings.removeAttachment(upload.name)} onClick={() => onRemove(upload.key)}>
        <Icon name="close" />
      </button>
    </li>
  );
});
