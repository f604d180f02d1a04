import type { ServerEvent } from '../protocol';
import { cloneJson } from './clone';
import type { Delivery } from './storage';

/**
 * One open connection on this host. Internal to the server.
 *
 * @example
 * const record: SessionRecord = { userId: 'ana', open: true, listener: (event) => send(event) };
 */
export interface SessionRecord {
  readonly userId: string;
  open: boolean;
  readonly listener: (event: ServerEvent) => void;
}

/**
 * This host's open sessions, by person, and the fan-out of committed events to them. Internal to
 * the server.
 *
 * @example
 * const sessions = createSessionRegistry();
 * storage.subscribe(sessions.deliver);
 * const record = sessions.add('ana', (event) => console.log(event.type));
 */
export interface SessionRegistry {
  /** Registers a new open session of `userId`. */
  add(userId: string, listener: (event: ServerEvent) => void): SessionRecord;
  /** Forgets a session (closed by its owner); its listener hears nothing more. */
  remove(record: SessionRecord): void;
  /** Marks every session of `userId` on this host closed (the person was deleted). */
  closeAllOf(userId: string): void;
  /** Hands each delivery's event to every open session of its people, in order, each a private copy. */
  deliver(deliveries: readonly Delivery[]): void;
}

/**
 * Creates an empty registry; pass its `deliver` to the storage's `subscribe`.
 *
 * @example
 * const sessions = createSessionRegistry();
 */
export function createSessionRegistry(): SessionRegistry {
  const sessions = new Map<string, Set<SessionRecord>>();

  // Deliveries of committed transactions, in order; a listener that runs a command from inside
  // delivery has that command's events queued behind the ones already here.
  let queue: Delivery[] = [];
  let delivering = false;
  function deliver(deliveries: readonly Delivery[]): void {
    for (const delivery of deliveries) queue.push(delivery);
    if (delivering) return;
    delivering = true;
    try {
      for (let index = 0; index < queue.length; index++) {
        const delivery = queue[index] as Delivery;
        for (const userId of delivery.userIds) {
          for (const session of sessions.get(userId) ?? []) {
            if (!session.open) continue;
            try {
              session.listener(cloneJson(delivery.event));
            } catch {
              // A faulty listener is its transport's problem; it must not undo a command that already happened.
            }
          }
        }
      }
    } finally {
      queue = [];
      delivering = false;
    }
  }

  return {
    add(userId, listener) {
      const record: SessionRecord = { userId, open: true, listener };
      let local = sessions.get(userId);
      if (!local) sessions.set(userId, (local = new Set()));
      local.add(record);
      return record;
    },
    remove(record) {
      const local = sessions.get(record.userId);
      local?.delete(record);
      if (local?.size === 0) sessions.delete(record.userId);
    },
    closeAllOf(userId) {
      for (const record of sessions.get(userId) ?? []) record.open = false;
    },
    deliver,
  };
}
