import type { Attachment } from '../protocol';

/**
 * A file to upload: any Blob (a browser `File` is one), with the name it should carry.
 *
 * @example
 * const file: UploadFile = new File(['hello'], 'notes.txt', { type: 'text/plain' });
 */
export type UploadFile = Blob & { readonly name?: string };

/**
 * Progress and cancellation of one upload.
 *
 * @example
 * const controller = new AbortController();
 * const options: UploadOptions = { onProgress: (loaded, total) => bar.set(loaded / total), signal: controller.signal };
 */
export interface UploadOptions {
  /** Bytes sent so far out of `total` (the file's size). Called zero or more times, last with `loaded === total` on success. */
  onProgress?: (loaded: number, total: number) => void;
  /** Aborts the upload; the promise then rejects with a ChatError `unavailable` saying it was cancelled. */
  signal?: AbortSignal;
}

/**
 * How a composer turns a file into an {@link Attachment} for `sendMessage`, whatever the backend.
 * Each transport ships one (`createMemoryUploadAdapter`, the websocket transport's `uploadFile`);
 * write your own to put files on your storage. Rejects with a `ChatError` (`too_large`,
 * `invalid`, `unauthorized`, `forbidden`, `unavailable`).
 *
 * @example
 * const attachment = await adapter.upload('general', file, { onProgress: (loaded, total) => setProgress(loaded / total) });
 * await client.sendMessage('general', { text: '', attachments: [attachment] });
 */
export interface UploadAdapter {
  upload(roomId: string, file: UploadFile, options?: UploadOptions): Promise<Attachment>;
  /**
   * Optional: the address to show or download a stored attachment at, when its URL needs
   * credentials that `<img src>` and download links cannot send. The Node host's adapter asks the
   * host for short-lived signed links. Without it, attachments are shown at their own URL.
   */
  resolveUrl?(url: string): Promise<string>;
}
