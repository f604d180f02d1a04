import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { OutboxStorage, PendingMessage } from '../../core';

/**
 * Options of {@link createIndexedDbOutbox}.
 *
 * @example
 * createIndexedDbOutbox({ name: `confab-outbox`, userId: session.userId });
 */
export interface IndexedDbOutboxOptions {
  /** The IndexedDB database name. Default `confab-outbox`. */
  name?: string;
  /**
   * Who is signed in. When given, `load` returns only this person's unsent messages, so that one
   * person's outbox is never sent by the next person to sign in on the same browser. Others'
   * entries stay stored until their author signs in again.
   */
  userId?: string;
  /** Told when IndexedDB cannot be read (private mode, blocked storage); `load` then returns nothing. */
  onError?: (error: unknown) => void;
}

/** One stored entry: the pending message and its place in send order. */
interface Stored {
  seq: number;
  entry: PendingMessage;
}

const STORE_NAME = 'outbox';
/** The send-order counter lives in the same store under a number key; client ids are strings, so it never collides. */
const COUNTER_KEY = 0;

/**
 * An outbox in IndexedDB (via idb-keyval): messages sent while offline survive a reload and go out
 * once each, in the order they were sent, with their original client ids (so the server's
 * idempotency turns a repeat into the same message).
 *
 * Order is a counter stored with the entries and bumped in the same transaction as each new
 * entry, so it holds across reloads and tabs without trusting the clock. Updating an entry (a
 * retry) keeps its place.
 *
 * @example
 * const client = createChatClient({ transport, outbox: createIndexedDbOutbox({ userId: me }) });
 */
export function createIndexedDbOutbox(options: IndexedDbOutboxOptions = {}): OutboxStorage {
  let store: UseStore | null = null;
  // Opened lazily: creating an outbox touches no storage (SSR, tests, private mode).
  const useStore = (): UseStore => (store ??= createStore(options.name ?? 'confab-outbox', STORE_NAME));

  return {
    async load() {
      let rows: Stored[];
      try {
        rows = await useStore()('readonly', async (objects) => {
          const [keys, values] = await Promise.all([promisifyRequest(objects.getAllKeys()), promisifyRequest(objects.getAll())]);
          return values.filter((_, index) => typeof keys[index] === 'string') as Stored[];
        });
      } catch (error) {
        options.onError?.(error);
        return [];
      }
      return rows
        .filter((row) => options.userId === undefined || row.entry.authorId === options.userId)
        .sort((a, b) => a.seq - b.seq || a.entry.createdAt - b.entry.createdAt)
        .map((row) => row.entry);
    },

    put(entry) {
      return useStore()(
        'readwrite',
        (objects) =>
          new Promise<void>((resolve, reject) => {
            const existing = objects.get(entry.clientId);
            const counter = objects.get(COUNTER_KEY);
            // Both reads answer in order inside this transaction; the writes follow the second.
            counter.onsuccess = () => {
              const previous = existing.result as Stored | undefined;
              let seq = previous?.seq;
              if (seq === undefined) {
                seq = (typeof counter.result === 'number' ? counter.result : 0) + 1;
                objects.put(seq, COUNTER_KEY);
              }
              objects.put({ seq, entry } satisfies Stored, entry.clientId);
              promisifyRequest(objects.transaction).then(() => resolve(), reject);
            };
            counter.onerror = () => reject(counter.error);
          }),
      );
    },

    async remove(clientId) {
      await useStore()('readwrite', (objects) => {
        objects.delete(clientId);
        return promisifyRequest(objects.transaction);
      });
    },
  };
}
