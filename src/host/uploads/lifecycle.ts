/// <reference types="node" />
import type { Delivery } from '../../server';
import type { FileStore } from './store';

/** How long an upload nobody sent is kept. */
export const UNSENT_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

const FILE_ID = /^[0-9a-f]{32}$/;

/**
 * Options of {@link watchFileLifecycle}.
 *
 * @example
 * watchFileLifecycle({ subscribe: server.subscribe, store, onError: console.error });
 */
export interface FileLifecycleOptions {
  /** Every committed change's events (a server's `subscribe`). */
  subscribe(listener: (deliveries: readonly Delivery[]) => void): () => void;
  store: FileStore;
  /** The id of a file of this host behind an attachment URL, or undefined for someone else's. */
  fileIdOf(url: string, attachmentId: string): string | undefined;
  now?: () => number;
  /** How often unsent uploads are swept, in ms. Default one hour. */
  sweepIntervalMs?: number;
  onError(error: unknown): void;
}

/**
 * Keeps files in step with messages: a file sent with a message is marked as sent (and stops
 * expiring); it is deleted when the message is deleted or its room is; an upload nobody sent is
 * deleted after a day. Returns a function that stops watching.
 *
 * @example
 * const stop = watchFileLifecycle({ subscribe: (l) => server.subscribe(l), store, fileIdOf, onError });
 */
export function watchFileLifecycle(options: FileLifecycleOptions): () => void {
  const { store, onError } = options;
  const now = options.now ?? Date.now;
  // One change at a time, in commit order: an attach must not race the delete of the same message.
  let chain: Promise<void> = Promise.resolve();
  const later = (work: () => Promise<void>) => {
    chain = chain.then(work).catch(onError);
  };
  const removeAll = async (ids: readonly string[]) => {
    for (const id of ids) await store.remove(id);
  };

  const unsubscribe = options.subscribe((deliveries) => {
    for (const { event } of deliveries) {
      if (event.type === 'message.created') {
        const { message } = event;
        for (const attachment of message.attachments) {
          const id = options.fileIdOf(attachment.url, attachment.id);
          if (id !== undefined && FILE_ID.test(id)) later(() => store.attach(id, message.id));
        }
      } else if (event.type === 'message.updated' && event.message.deletedAt !== undefined) {
        const { roomId, id } = event.message;
        later(async () => removeAll(await store.filesOfMessage(roomId, id)));
      } else if (event.type === 'room.left' && event.reason === 'deleted') {
        const { roomId } = event;
        later(async () => removeAll(await store.filesOfRoom(roomId)));
      }
    }
  });

  const sweep = setInterval(() => later(async () => removeAll(await store.unsentBefore(now() - UNSENT_UPLOAD_TTL_MS))), options.sweepIntervalMs ?? 60 * 60 * 1000);
  sweep.unref?.();
  return () => {
    unsubscribe();
    clearInterval(sweep);
  };
}
