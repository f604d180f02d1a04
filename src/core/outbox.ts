import type { PendingMessage } from './store';

/**
 * Where unsent messages wait, so that a reload still sends them, once each (their client ids are
 * kept). The default keeps them in memory; `confab-chat/transports/websocket` ships an IndexedDB one.
 *
 * @example
 * const client = createChatClient({ transport, outbox: createMemoryOutbox() });
 */
export interface OutboxStorage {
  /** Everything waiting, in the order it was sent. */
  load(): Promise<PendingMessage[]>;
  /** Adds or updates one entry (keyed by client id). */
  put(entry: PendingMessage): Promise<void>;
  /** Forgets one entry: confirmed, failed for good, or discarded. */
  remove(clientId: string): Promise<void>;
}

/**
 * The default outbox: in memory, gone with the page.
 *
 * @example
 * const outbox = createMemoryOutbox();
 * await outbox.put(pending);
 */
export function createMemoryOutbox(): OutboxStorage {
  const entries = new Map<string, PendingMessage>();
  return {
    async load() {
      return [...entries.values()];
    },
    async put(entry) {
      entries.set(entry.clientId, entry);
    },
    async remove(clientId) {
      entries.delete(clientId);
    },
  };
}
