import { memo, useState, type ReactNode } from 'react';
import { useChatClient, useCurrentUserId, useMyRole, type Message } from '../react';
import { safeHref } from './format/richText';
import { cx, useStrings } from './config';
import { useAttachmentUrl } from './useAttachmentUrl';

/**
 * Props of {@link LinkPreviewCard}.
 *
 * @example
 * <LinkPreviewCard roomId="general" message={message} />
 */
export interface LinkPreviewCardProps {
  roomId: string;
  /** A stored message; the card shows its `preview`, and nothing when it has none. */
  message: Message;
  className?: string;
}

/** The preview's link when it is http or https (the host only previews those; a hostile value is not a link). */
function previewHref(url: string): string | null {
  const href = safeHref(url);
  return href !== null && (href.startsWith('https:') || href.startsWith('http:')) ? href : null;
}

/**
 * The preview of a message's first link, under its text: the site's name, the title as a link,
 * the description, and the picture the host fetched (served by the host, with its width and
 * height so the list does not jump when it loads). Everything is text: no markup from the linked
 * page reaches the DOM, and a title that is no http(s) link is shown but not linked. The sender
 * (and a room admin) gets a × that removes the preview for everyone.
 *
 * @example
 * {message.preview && <LinkPreviewCard roomId={roomId} message={message} />}
 */
export const LinkPreviewCard = memo(function LinkPreviewCard({ roomId, message, className }: LinkPreviewCardProps): ReactNode {
  const strings = useStrings();
  const client = useChatClient();
  const me = useCurrentUserId();
  const role = useMyRole(roomId);
  const preview = message.preview;
  const image = useAttachmentUrl(preview?.image?.url ?? '');
  const [brokenImage, setBrokenImage] = useState<string | null>(null);
  if (!preview) return null;

  const href = previewHref(preview.url);
  const canRemove = me !== null && (message.authorId === me || role === 'admin');
  const title = preview.title || preview.url;
  const showImage = preview.image !== undefined && image.url !== undefined && brokenImage !== image.url;
  const remove = () => void client.request({ type: 'message.removePreview', roomId, messageId: message.id }).catch(() => {});

  return (
    <section className={cx('confab-link-preview', className)} aria-label={strings.linkPreview}>
      {preview.siteName !== '' && <bdi className="confab-link-preview-site">{preview.siteName}</bdi>}
      {href !== null ? (
        <a className="confab-link-preview-title" href={href} target="_blank" rel="noopener noreferrer ugc nofollow">
          {title}
        </a>
      ) : (
        <span className="confab-link-preview-title">{title}</span>
      )}
      {preview.description !== '' && <p className="confab-link-preview-description">{preview.description}</p>}
      {showImage && (
        <img
          className="confab-link-preview-image"
          src={image.url}
          width={preview.image!.width}
          height={preview.image!.height}
          alt=""
          loading="lazy"
          decoding="async"
          referrerPolicy="no-referrer"
          onError={() => setBrokenImage(image.url ?? null)}
        />
      )}
      {canRemove && (
        <button type="button" className="confab-link-preview-remove" aria-label={strings.removeLinkPreview} title={strings.removeLinkPreview} onClick={remove}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </section>
  );
});
