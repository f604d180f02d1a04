import { useEffect, useState } from 'react';
import { safeImageUrl } from './Avatar';
import { useUploadAdapter } from './config';

/**
 * Where an attachment can be shown or downloaded: its own URL (checked to be http, https or blob),
 * or, when the upload adapter can resolve URLs (the Node host signs short-lived links),
 * the resolved one once it arrives. `undefined` while waiting; `failed` when it cannot be had.
 *
 * @example
 * const { url, failed } = useAttachmentUrl(attachment.url);
 * return url ? <img src={url} /> : failed ? <FileCard /> : <Placeholder />;
 */
export function useAttachmentUrl(stored: string): { url: string | undefined; failed: boolean } {
  const resolve = useUploadAdapter()?.resolveUrl;
  const [resolved, setResolved] = useState<{ from: string; url?: string; failed: boolean } | null>(null);
  useEffect(() => {
    if (!resolve) return;
    let live = true;
    resolve(stored).then(
      (url) => live && setResolved({ from: stored, url, failed: false }),
      () => live && setResolved({ from: stored, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [resolve, stored]);
  if (!resolve) {
    const url = safeImageUrl(stored);
    return { url, failed: url === undefined };
  }
  if (resolved?.from !== stored) return { url: undefined, failed: false };
  const url = resolved.url === undefined ? undefined : safeImageUrl(resolved.url);
  return { url, failed: resolved.failed || (resolved.url !== undefined && url === undefined) };
}
