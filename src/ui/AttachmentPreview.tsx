/* eslint-disable react-hooks/static-components -- parts come from useSlot: the default or the replacement given in `components`, the same component on every render, not one created here. */
import { memo, useContext, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { Attachment } from '../react';
import { cx, useLocale, useSlot, useStrings } from './config';
import { useAttachmentUrl } from './useAttachmentUrl';
import { formatBytes } from './format/dates';
import { MediaLoadContext } from './messageParts';
import { keepTabInside } from './dom';
import { Icon } from './icons';
import { safeFileName } from '../protocol';

/**
 * A file's name as shown, through the same rule the host and the uploads apply (a transport of
 * one's own may not): no path, control or bidi characters, so "report\u202Efdp.exe" cannot pose as a PDF.
 */
const fileLabel = (attachment: { name: string }): string => safeFileName(attachment.name);

/**
 * How an attachment is shown: inline image, native player, or a file chip.
 *
 * @example
 * attachmentKind({ type: 'image/svg+xml', name: 'logo.svg' }); // 'file': SVG is never inlined
 */
export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

/** Image types browsers decode as pictures, with no scripts or external loads. SVG is not one. */
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/**
 * Decides how to show an attachment from its declared type. SVG (which can carry scripts and
 * external loads, and whose type is easily mislabelled) is always a file chip, whatever its type
 * claims, as is anything whose name says SVG.
 *
 * @example
 * attachmentKind({ type: 'video/mp4', name: 'clip.mp4' }); // 'video'
 */
export function attachmentKind(attachment: Pick<Attachment, 'type' | 'name'>): AttachmentKind {
  const type = attachment.type.toLowerCase().split(';')[0]?.trim() ?? '';
  if (/\.svgz?$/i.test(fileLabel(attachment)) || type.includes('svg')) return 'file';
  if (INLINE_IMAGE_TYPES.has(type)) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

/**
 * Props of {@link AttachmentPreview}.
 *
 * @example
 * <AttachmentPreview attachment={message.attachments[0]} />
 */
export interface AttachmentPreviewProps {
  attachment: Attachment;
  className?: string;
}

/**
 * One attachment of a message: an image (opening a lightbox), a native video or audio player, or
 * a file chip with name, size, type and a download link. Only http(s) and blob URLs are used;
 * anything else shows as a chip without a link. SVG is never rendered inline.
 *
 * @example
 * {message.attachments.map((attachment) => <AttachmentPreview key={attachment.id} attachment={attachment} />)}
 */
export const AttachmentPreview = memo(function AttachmentPreview({ attachment, className }: AttachmentPreviewProps): ReactNode {
  const strings = useStrings();
  const LightboxPart = useSlot('Lightbox', Lightbox);
  const onMediaLoad = useContext(MediaLoadContext);
  const [open, setOpen] = useState(false);
  const [broken, setBroken] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // While a signed link is on its way the image keeps its box (width and height), so nothing below moves.
  const { url, failed } = useAttachmentUrl(attachment.url);
  const kind = failed || broken ? 'file' : attachmentKind(attachment);
  const size = attachment.width && attachment.height ? { width: attachment.width, height: attachment.height, aspectRatio: `${attachment.width} / ${attachment.height}` } : undefined;

  if (kind === 'image') {
    return (
      <div className={cx('confab-attachment', className)} data-kind="image">
        <button ref={opener} type="button" className="confab-attachment-image-button" aria-label={strings.openImage(fileLabel(attachment))} onClick={() => setOpen(true)}>
          <img
            className="confab-attachment-image"
            src={url}
            alt={fileLabel(attachment)}
            width={size?.width}
            height={size?.height}
            style={size ? { aspectRatio: size.aspectRatio } : undefined}
            loading="lazy"
            decoding="async"
            referrerPolicy="no-referrer"
            onLoad={() => onMediaLoad?.()}
            onError={() => setBroken(true)}
          />
        </button>
        {open && (
          <LightboxPart
            attachment={attachment}
            onClose={() => {
              setOpen(false);
              opener.current?.focus();
            }}
          />
        )}
      </div>
    );
  }
  if (kind === 'video' || kind === 'audio') {
    return (
      <div className={cx('confab-attachment', className)} data-kind={kind}>
        {kind === 'video' ? (
          <video
            className="confab-attachment-video"
            src={url}
            controls
            preload="metadata"
            aria-label={fileLabel(attachment)}
            width={size?.width}
            height={size?.height}
            onLoadedMetadata={() => onMediaLoad?.()}
            onError={() => setBroken(true)}
          />
        ) : (
          <audio className="confab-attachment-audio" src={url} controls preload="metadata" aria-label={fileLabel(attachment)} onError={() => setBroken(true)} />
        )}
      </div>
    );
  }
  return <FileChip attachment={attachment} url={url} className={className} />;
});

function FileChip({ attachment, url, className }: { attachment: Attachment; url: string | undefined; className: string | undefined }): ReactNode {
  const strings = useStrings();
  const locale = useLocale();
  const type = attachment.type || strings.attachment;
  return (
    <div className={cx('confab-attachment', className)} data-kind="file">
      <span className="confab-attachment-file-icon" aria-hidden="true">
        <Icon name="file" />
      </span>
      <span className="confab-attachment-details">
        <bdi className="confab-attachment-name">{fileLabel(attachment)}</bdi>
        <span className="confab-attachment-meta">
          <span className="confab-attachment-size">{formatBytes(attachment.size, locale)}</span>
          <bdi className="confab-attachment-type">{type}</bdi>
        </span>
      </span>
      {url !== undefined && (
        <a className="confab-attachment-download" href={url} download={fileLabel(attachment)} target="_blank" rel="noopener noreferrer" aria-label={strings.download(fileLabel(attachment))} title={strings.download(fileLabel(attachment))}>
          <Icon name="download" />
        </a>
      )}
    </div>
  );
}

/**
 * Props of {@link Lightbox}.
 *
 * @example
 * <Lightbox attachment={photo} onClose={() => setOpen(false)} />
 */
export interface LightboxProps {
  attachment: Attachment;
  /** Called on Escape, on the close button and on a click on the backdrop; return focus to the opener there. */
  onClose(): void;
  className?: string;
}

/**
 * An image at full size over the page: a modal dialog whose close button takes focus; Escape, the
 * button or a click on the backdrop close it, and Tab stays inside. Rendered into the nearest
 * `.confab-root` so the theme's variables still apply.
 *
 * @example
 * {open && <Lightbox attachment={attachment} onClose={close} />}
 */
export function Lightbox({ attachment, onClose, className }: LightboxProps): ReactNode {
  const strings = useStrings();
  const [host, setHost] = useState<HTMLElement | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const { url } = useAttachmentUrl(attachment.url);

  useEffect(() => {
    // The root is found from where the lightbox sits, once it is in the page.
    setHost(anchor.current?.closest<HTMLElement>('.confab-root') ?? document.body);
  }, []);
  useEffect(() => {
    if (host) closeButton.current?.focus();
  }, [host]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    keepTabInside(event, dialog.current, 'button, a[href]');
  };

  const content = (
    <div
      ref={dialog}
      className={cx('confab-lightbox', className)}
      role="dialog"
      aria-modal="true"
      aria-label={fileLabel(attachment)}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <figure className="confab-lightbox-figure">
        {url !== undefined && <img className="confab-lightbox-image" src={url} alt={fileLabel(attachment)} referrerPolicy="no-referrer" />}
        <figcaption className="confab-lightbox-caption">
          <bdi className="confab-lightbox-name">{fileLabel(attachment)}</bdi>
          {url !== undefined && (
            <a className="confab-lightbox-download" href={url} download={fileLabel(attachment)} target="_blank" rel="noopener noreferrer">
              <Icon name="download" />
              {strings.download(fileLabel(attachment))}
            </a>
          )}
        </figcaption>
      </figure>
      <button ref={closeButton} type="button" className="confab-lightbox-close" aria-label={strings.closeImage} title={strings.closeImage} onClick={onClose}>
        <Icon name="close" />
      </button>
    </div>
  );
  return (
    <span ref={anchor} className="confab-lightbox-anchor" hidden>
      {host && createPortal(content, host)}
    </span>
  );
}
