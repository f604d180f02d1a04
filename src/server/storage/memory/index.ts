import { ChatError } from '../../../protocol';
import { randomEpoch } from '../epoch';
import type { Delivery, StorageTx, SyncStorage, TransactionOptions } from '../types';
import { memoryMessages } from './messages';
import { memoryPeople } from './people';
import { memoryRecords } from './recordStore';
import { memoryRooms } from './rooms';
import { memorySearch } from './search';
import { memorySessions } from './sessions';
import { createMemoryState } from './state';

/**
 * Options of {@link createMemoryStorage}.
 *
 * @example
 * const storage = createMemoryStorage({ epoch: 'test-epoch' });
 */
export interface MemoryStorageOptions {
  /** The name of this history. Default: random. */
  epoch?: string;
}

/**
 * The in-memory storage engine: everything in Maps, nothing kept past the page or process. The
 * browser's in-page server, the stories, the playground and most tests run on it. Transactions
 * keep an undo log, so a work that throws leaves nothing behind; deliveries go to subscribers
 * synchronously after the work returns.
 *
 * @example
 * const storage = createMemoryStorage();
 * const server = createReferenceServer({ storage });
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): SyncStorage {
  const state = createMemoryState();
  const listeners = new Set<(deliveries: readonly Delivery[]) => void>();
  let pending: Delivery[] = [];
  let closed = false;

  const tx: StorageTx = {
    ...memoryPeople(state),
    ...memoryRooms(state),
    ...memoryMessages(state),
    ...memorySearch(state),
    ...memoryRecords(state),
    ...memorySessions(state),
    publish(deliveries) {
      for (const delivery of deliveries) pending.push(delivery);
    },
  };

  return {
    mode: 'sync',
    epoch: options.epoch ?? randomEpoch(),
    transaction<T>(work: (tx: StorageTx) => T, _options?: TransactionOptions): T {
      if (closed) throw new ChatError('unavailable', 'This storage is closed.');
      if (state.undo) throw new ChatError('internal', 'A storage transaction cannot start inside another.');
      state.undo = [];
      pending = [];
      let result: T;
      try {
        result = work(tx);
      } catch (error) {
        for (let index = state.undo.length - 1; index >= 0; index--) state.undo[index]?.();
        state.undo = null;
        pending = [];
        throw error;
      }
      state.undo = null;
      const deliveries = pending;
      pending = [];
      if (deliveries.length > 0) for (const listener of [...listeners]) listener(deliveries);
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
