import { ChatError, type CommandOf, type CommandType, type ResultOf, type ServerEvent } from '../../src/protocol';
import type { Transport, TransportListener } from '../../src/core';

/**
 * A tiny seeded PRNG (mulberry32): the same seed gives the same sequence of numbers in [0, 1).
 *
 * @example
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, every time
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How much chaos, as probabilities per request or event.
 *
 * A dropped request models a connection that dies: `dropBefore` drops it before it reaches the
 * server, `dropAfter` after the server acted and before the answer arrives. Either way the
 * connection is cut too (`disconnect`), as on a real socket, so the client sees a new session.
 */
export interface ChaosOptions {
  seed: number;
  /** Cuts the real connection (the websocket transport's `reconnectNow`). */
  disconnect: () => void;
  dropBefore?: number;
  dropAfter?: number;
  /** Each event is delivered twice with this probability. */
  duplicate?: number;
  /** Events are held and released in a shuffled order in batches of at most this many (1 = in order). */
  reorderWindow?: number;
  /** A held batch is released after this long at the latest, in ms. */
  reorderMs?: number;
  /** The connection is cut after an event or a request with this probability. */
  disconnectRate?: number;
}

export interface ChaosStats {
  droppedBefore: number;
  droppedAfter: number;
  duplicated: number;
  reorderedBatches: number;
  disconnects: number;
}

export interface ChaosTransport extends Transport {
  readonly stats: ChaosStats;
  /**
   * Turns the chaos on or off (held events are released in order when it goes off). Resolves when
   * every drop already decided has happened, so no cut comes after.
   */
  setEnabled(enabled: boolean): Promise<void>;
}

/**
 * Wraps a Transport with seeded failures: requests dropped before or after the server acted,
 * events duplicated and reordered within a small window, and disconnects. Events of a new session
 * still never come before its `onSession` (held ones of the old session are released first).
 *
 * @example
 * let inner: WebSocketTransport;
 * const transport = withChaos((inner = createWebSocketTransport(...)), { seed: 1, disconnect: () => inner.reconnectNow(), dropAfter: 0.1 });
 */
export function withChaos(inner: Transport, options: ChaosOptions): ChaosTransport {
  const random = mulberry32(options.seed);
  const chance = (p: number | undefined) => p !== undefined && p > 0 && random() < p;
  const window = Math.max(1, options.reorderWindow ?? 1);
  const reorderMs = options.reorderMs ?? 5;
  const stats: ChaosStats = { droppedBefore: 0, droppedAfter: 0, duplicated: 0, reorderedBatches: 0, disconnects: 0 };
  let enabled = true;
  let listener: TransportListener | null = null;
  let held: ServerEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const dropsInFlight = new Set<Promise<unknown>>();

  function cut(): void {
    stats.disconnects++;
    options.disconnect();
  }

  function release(shuffle: boolean): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = held;
    held = [];
    if (shuffle && batch.length > 1) {
      stats.reorderedBatches++;
      for (let i = batch.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [batch[i], batch[j]] = [batch[j] as ServerEvent, batch[i] as ServerEvent];
      }
    }
    for (const event of batch) listener?.onEvent(event);
  }

  function deliver(event: ServerEvent): void {
    if (!enabled) {
      listener?.onEvent(event);
      return;
    }
    const copies = chance(options.duplicate) ? 2 : 1;
    if (copies === 2) stats.duplicated++;
    for (let i = 0; i < copies; i++) held.push(structuredClone(event));
    if (held.length >= window) release(true);
    else if (!timer) timer = setTimeout(() => release(true), reorderMs);
    if (chance(options.disconnectRate)) cut();
  }

  return {
    stats,
    async setEnabled(next) {
      enabled = next;
      if (next) return;
      release(false);
      while (dropsInFlight.size > 0) await Promise.allSettled([...dropsInFlight]);
    },
    open(next) {
      listener = next;
      inner.open({
        onSession(snapshot) {
          // Whatever the old session still held goes first: nothing of the new one may precede its snapshot.
          release(false);
          listener?.onSession(snapshot);
        },
        onEvent: deliver,
        onStatus(status) {
          listener?.onStatus(status);
        },
      });
    },
    request<T extends CommandType>(command: CommandOf<T>): Promise<ResultOf<T>> {
      if (!enabled) return inner.request(command);
      if (chance(options.dropBefore)) {
        stats.droppedBefore++;
        cut();
        return Promise.reject(new ChatError('unavailable', 'Chaos: the connection dropped before the request reached the server.'));
      }
      const dropAfter = chance(options.dropAfter);
      const disconnectAfter = !dropAfter && chance(options.disconnectRate);
      const answer = inner.request(command);
      if (disconnectAfter) queueMicrotask(cut);
      if (!dropAfter) return answer;
      stats.droppedAfter++;
      const lost = () => {
        cut();
        throw new ChatError('unavailable', 'Chaos: the connection dropped before the answer arrived.');
      };
      const dropped = answer.then(lost, lost);
      const settled = dropped.catch(() => {});
      dropsInFlight.add(settled);
      void settled.then(() => dropsInFlight.delete(settled));
      return dropped;
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      held = [];
      inner.close();
      listener = null;
    },
  };
}
