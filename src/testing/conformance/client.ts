import type { ServerEvent, SessionSnapshot } from '../../protocol';
import type { Transport } from '../../core';
import { EVENT_TIMEOUT_MS } from './checks';
import { ConformanceError, type ConformanceHarness } from './harness';

/** A person's open transport, with their snapshot and every event they received. */
export interface OpenClient {
  transport: Transport;
  snapshot: SessionSnapshot;
  events: ServerEvent[];
  waitForEvent<T extends ServerEvent['type']>(type: T, match?: (event: Extract<ServerEvent, { type: T }>) => boolean): Promise<Extract<ServerEvent, { type: T }>>;
}

/** Opens a transport for a person and waits for its session. */
export async function open(harness: ConformanceHarness, userId: string): Promise<OpenClient> {
  const transport = await harness.transport(userId);
  const events: ServerEvent[] = [];
  const waiters = new Set<() => void>();
  const snapshot = await new Promise<SessionSnapshot>((resolve, reject) => {
    transport.open({
      onSession: resolve,
      onEvent: (event) => {
        events.push(event);
        for (const waiter of [...waiters]) waiter();
      },
      onStatus: (status) => {
        if (status.state === 'closed') reject(new ConformanceError(`${userId}'s transport closed before its session opened: ${status.reason ?? 'no reason given'}`));
      },
    });
  });
  return {
    transport,
    snapshot,
    events,
    waitForEvent(type, match) {
      const find = () => events.find((event) => event.type === type && (!match || match(event as never))) as never;
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new ConformanceError(`${userId} never received the ${type} event expected (within ${EVENT_TIMEOUT_MS} ms); got ${events.map((event) => event.type).join(', ') || 'no events'}`));
        }, EVENT_TIMEOUT_MS);
        const look = () => {
          const event = find();
          if (!event) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(event);
        };
        waiters.add(look);
      });
    },
  };
}

