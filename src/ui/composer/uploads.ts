import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadAdapter, UploadFile } from '../../core';
import type { Attachment } from '../../react';
import { safeFileName } from '../../protocol';

/** Raster image types the browser can thumbnail safely. SVG is never shown as an image here. */
const THUMBNAIL_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** Whether a file gets an image thumbnail (raster types only; never SVG, whatever its name says). */
export function canThumbnail(file: { type: string; name?: string }): boolean {
  return THUMBNAIL_TYPES.has(file.type.toLowerCase()) && !/\.svgz?$/i.test(file.name ?? '');
}

/**
 * One file in the composer, from the moment it is picked until the message is sent.
 *
 * @example
 * const upload: ComposerUpload = { key: 'u1', name: 'cat.png', type: 'image/png', size: 20480, progress: 0.5, status: 'uploading' };
 */
export interface ComposerUpload {
  key: string;
  /** Display name (the protocol's {@link safeFileName}). */
  name: string;
  type: string;
  size: number;
  /** A `blob:` URL for an image thumbnail, made in the browser, revoked on removal. */
  previewUrl?: string;
  /** 0 to 1. */
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  /** The uploaded attachment's id, once done. */
  attachmentId?: string;
  /** Why it failed, when it did. */
  error?: string;
}

/**
 * What {@link useComposerUploads} returns.
 *
 * @example
 * const { uploads, add, remove, clear, busy } = useComposerUploads({ roomId, adapter, onUploaded, onRemoved });
 */
export interface ComposerUploads {
  uploads: readonly ComposerUpload[];
  /** Starts uploading these files. */
  add(files: readonly UploadFile[]): void;
  /** Removes one: aborts it if in flight, takes its attachment out of the draft if done. */
  remove(key: string): void;
  /** Forgets every file (after a send), revoking their previews. */
  clear(): void;
  /** Whether any file is still uploading or failed (the draft is not ready to send). */
  busy: boolean;
}

/**
 * Options of {@link useComposerUploads}.
 *
 * @example
 * useComposerUploads({ roomId: 'general', adapter, onUploaded: composer.addAttachment, onRemoved: composer.removeAttachment });
 */
export interface ComposerUploadsOptions {
  roomId: string;
  adapter: UploadAdapter | undefined;
  /** Called with each finished upload's attachment (put it in the draft). */
  onUploaded(attachment: Attachment): void;
  /** Called with the attachment id of a finished upload that was removed. */
  onRemoved(attachmentId: string): void;
}

let uploadKeys = 0;

/**
 * Uploads picked, dropped or pasted files through the UI's {@link UploadAdapter}, with progress,
 * abort on removal, and thumbnails made in the browser (revoked on removal and unmount).
 *
 * @example
 * const uploads = useComposerUploads({ roomId, adapter: useUploadAdapter(), onUploaded: composer.addAttachment, onRemoved: composer.removeAttachment });
 */
export function useComposerUploads({ roomId, adapter, onUploaded, onRemoved }: ComposerUploadsOptions): ComposerUploads {
  const [uploads, setUploads] = useState<readonly ComposerUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());
  /** Key → attachment id of finished uploads, so a removal right after completion still finds it. */
  const uploaded = useRef(new Map<string, string>());
  const callbacks = useRef({ onUploaded, onRemoved });
  useEffect(() => {
    callbacks.current = { onUploaded, onRemoved };
  });

  const update = useCallback((key: string, patch: Partial<ComposerUpload>) => {
    setUploads((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const forget = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    const url = previews.current.get(key);
    if (url !== undefined) {
      URL.revokeObjectURL(url);
      previews.current.delete(key);
    }
  }, []);

  const add = useCallback(
    (files: readonly UploadFile[]) => {
      if (!adapter || files.length === 0) return;
      const added: ComposerUpload[] = [];
      for (const file of files) {
        const key = `upload-${++uploadKeys}`;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        let previewUrl: string | undefined;
        if (canThumbnail(file) && typeof URL.createObjectURL === 'function') {
          previewUrl = URL.createObjectURL(file);
          previews.current.set(key, previewUrl);
        }
        added.push({
          key,
          name: safeFileName(file.name),
          type: file.type,
          size: file.size,
          progress: 0,
          status: 'uploading',
          ...(previewUrl !== undefined ? { previewUrl } : {}),
        });
        adapter
          .upload(roomId, file, {
            signal: controller.signal,
            onProgress: (loaded, total) => {
              if (!controller.signal.aborted) update(key, { progress: total > 0 ? loaded / total : 1 });
            },
          })
          .then(
            (attachment) => {
              if (controller.signal.aborted || controllers.current.get(key) !== controller) return;
              controllers.current.delete(key);
              uploaded.current.set(key, attachment.id);
              update(key, { status: 'done', progress: 1, attachmentId: attachment.id });
              callbacks.current.onUploaded(attachment);
            },
            (reason: unknown) => {
              if (controller.signal.aborted || controllers.current.get(key) !== controller) return;
              controllers.current.delete(key);
              update(key, { status: 'failed', error: reason instanceof Error ? reason.message : String(reason) });
            },
          );
      }
      setUploads((list) => [...list, ...added]);
    },
    [adapter, roomId, update],
  );

  const remove = useCallback(
    (key: string) => {
      forget(key);
      const attachmentId = uploaded.current.get(key);
      uploaded.current.delete(key);
      if (attachmentId !== undefined) callbacks.current.onRemoved(attachmentId);
      setUploads((list) => list.filter((entry) => entry.key !== key));
    },
    [forget],
  );

  const clear = useCallback(() => {
    for (const key of [...controllers.current.keys(), ...previews.current.keys()]) forget(key);
    uploaded.current.clear();
    setUploads([]);
  }, [forget]);

  // Unmounting aborts what is in flight and revokes every preview.
  useEffect(() => {
    const inFlight = controllers.current;
    const made = previews.current;
    return () => {
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      for (const url of made.values()) URL.revokeObjectURL(url);
      made.clear();
    };
  }, []);

  const busy = uploads.some((item) => item.status !== 'done');
  return { uploads, add, remove, clear, busy };
}
