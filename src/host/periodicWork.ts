import type { ChatServer } from '../server';

/** What the host does on a timer while it listens. */
export interface PeriodicWorkOptions {
  server: ChatServer;
  /** One heartbeat over the host's sockets. */
  beat(): void;
  heartbeatIntervalMs: number;
  /** How often the server's typing notices are expired. */
  tickIntervalMs: number;
  /** How often people stored as online with no session on any live host are marked offline. */
  presenceSweepMs: number;
  reportError(error: unknown): void;
}

/** The host's timers; see {@link createPeriodicWork}. */
export interface PeriodicWork {
  /** Starts the timers; resolves after the first presence sweep, which runs before the host takes sockets. */
  start(): Promise<void>;
  /** Stops every timer started. */
  stop(): void;
}

/**
 * The host's periodic work while it listens: heartbeats, the server's tick (typing notices
 * expire), and the sweeps every `presenceSweepMs`: presence, abandoned streamed messages, crowds'
 * member counts. Every timer is unref'd: none keeps a process alive.
 *
 * @example
 * const work = createPeriodicWork({ server, beat, heartbeatIntervalMs: 25_000, tickIntervalMs: 1000, presenceSweepMs: 15_000, reportError: console.error });
 * await work.start();
 * work.stop();
 */
export function createPeriodicWork(options: PeriodicWorkOptions): PeriodicWork {
  const { server, reportError } = options;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let presenceSweeper: ReturnType<typeof setInterval> | null = null;
  return {
    async start() {
      heartbeat = setInterval(options.beat, options.heartbeatIntervalMs);
      heartbeat.unref?.();
      ticker = setInterval(() => {
        server.tick().catch(reportError);
      }, options.tickIntervalMs);
      ticker.unref?.();
      // Before the first socket: nobody should see someone online whom a crash left that way.
      await server.sweepPresence().catch(reportError);
      // Abandoned streamed messages (a bot that crashed, before or after a restart) end with the same sweep.
      const sweepStreams = (): Promise<unknown> => server.sweepStreams().catch(reportError);
      await sweepStreams();
      // Crowds' member counts, told to every member once a sweep instead of at every join.
      const sweepCrowdCounts = (): Promise<unknown> => server.sweepCrowdCounts().catch(reportError);
      presenceSweeper = setInterval(() => void server.sweepPresence().catch(reportError).then(sweepStreams).then(sweepCrowdCounts), options.presenceSweepMs);
      presenceSweeper.unref?.();
    },
    stop() {
      if (heartbeat) clearInterval(heartbeat);
      if (ticker) clearInterval(ticker);
      if (presenceSweeper) clearInterval(presenceSweeper);
      heartbeat = null;
      ticker = null;
    },
  };
}
