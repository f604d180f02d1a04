import { ChatError, safeFileName, type Attachment } from '../../protocol';
import type { UploadAdapter, UploadFile, UploadOptions } from '../../core';
import type { ReferenceServer } from '../../server';

/**
 * Options of {@link createMemoryUploadAdapter}.
 *
 * @example
 * createMemoryUploadAdapter({ server, userId: 'ana', maxBytes: 5 * 1024 * 1024, stepMs: 100 });
 */
export interface MemoryUploadOptions {
  /** With `userId`: only members of the room may upload (`forbidden` otherwise), as on the host. */
  server?: ReferenceServer;
  userId?: string;
  /** Largest file accepted, in bytes (`too_large` beyond). Default 25 MiB, the host's default. */
  maxBytes?: number;
  /** Progress is reported in this many steps. Default 4. */
  steps?: number;
  /** Simulated time between steps, in ms. Default 0 (next macrotask). */
  stepMs?: number;
}

/**
 * An {@link UploadAdapter} that keeps files in the page: nothing leaves it.
 *
 * @example
 * const uploads = createMemoryUploadAdapter({ server, userId: 'ana' });
 * const attachment = await uploads.upload('general', file, { onProgress: console.log });
 * await client.sendMessage('general', { text: '', attachments: [attachment] });
 * uploads.dispose(); // revokes the blob: URLs it made
 */
export interface MemoryUploadAdapter extends UploadAdapter {
  /** Revokes every `blob:` URL this adapter made. */
  dispose(): void;
}

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

function randomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `f_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function cancelled(): ChatError {
  return new ChatError('unavailable', 'The upload was cancelled.');
}

/**
 * Creates an upload adapter for the memory transport. The attachment's URL is a `blob:` URL of
 * the file where `URL.createObjectURL` exists, else a `memory:<id>` placeholder that carries no
 * data (clients render only http(s) and blob URLs, so it shows as a file without a link).
 *
 * @example
 * const uploads = createMemoryUploadAdapter({ server, userId: 'ana', stepMs: 150 });
 */
export function createMemoryUploadAdapter(options: MemoryUploadOptions = {}): MemoryUploadAdapter {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const steps = Math.max(1, Math.floor(options.steps ?? 4));
  const stepMs = Math.max(0, options.stepMs ?? 0);
  const made = new Set<string>();

  function wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const onAbort = () => {
        clearTimeout(timer);
        reject(cancelled());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, stepMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    async upload(roomId: string, file: UploadFile, uploadOptions: UploadOptions = {}): Promise<Attachment> {
      const { onProgress, signal } = uploadOptions;
      if (signal?.aborted) throw cancelled();
      if (options.server && options.userId !== undefined) {
        const room = options.server.getRoom(roomId);
        if (!room) throw new ChatError('not_found', `There is no room "${roomId}".`);
        if (!room.members.some((member) => member.userId === options.userId)) {
          throw new ChatError('forbidden', 'Only members of this room may upload files to it.');
        }
      }
      const total = file.size;
      if (total > maxBytes) {
        throw new ChatError('too_large', `The file is ${total} bytes; the limit is ${maxBytes} bytes.`);
      }
      for (let step = 1; step <= steps; step++) {
        await wait(signal);
        onProgress?.(Math.round((total * step) / steps), total);
      }
      const id = randomId();
      let url = `memory:${id}`;
      if (typeof URL.createObjectURL === 'function') {
        url = URL.createObjectURL(file);
        made.add(url);
      }
      return { id, name: safeFileName(file.name), type: (file.type || 'application/octet-stream').slice(0, 255), size: total, url };
    },
    dispose() {
      for (const url of made) URL.revokeObjectURL(url);
      made.clear();
    },
  };
}
