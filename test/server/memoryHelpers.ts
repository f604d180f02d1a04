// The synchronous helper of the in-page reference server, for the tests that have not moved to the
// awaited helper in ./helpers yet: they run on the memory engine only (see vite.config.ts).
import { ChatError, type CommandOf, type CommandType, type ResultOf, type ServerEvent, type ServerEventOf, type ServerEventType } from '../../src/protocol';
import { createReferenceServer, type ReferenceServerOptions, type ServerSession } from '../../src/server';

/** A connected person with their event inbox and assertion helpers. */
export interface Person {
  id: string;
  session: ServerSession;
  events: ServerEvent[];
  /** Runs a command that must succeed and returns its value. */
  ok<T extends CommandType>(command: CommandOf<T>): ResultOf<T>;
  /** Runs input that must fail and returns the error. */
  fail(command: unknown): ChatError;
  /** Events of one type received since the last `clear`. */
  received<T extends ServerEventType>(type: T): ServerEventOf<T>[];
  clear(): void;
}

/** A server on a fake clock (flood limit off unless given), with a helper to connect people. */
export function setup(options: ReferenceServerOptions = {}) {
  const clock = { now: 1_700_000_000_000 };
  const server = createReferenceServer({ now: () => clock.now, floodLimit: false, ...options });

  function connect(id: string): Person {
    const events: ServerEvent[] = [];
    const session = server.connect(id, (event) => events.push(event));
    return {
      id,
      session,
      events,
      ok(command) {
        const outcome = session.handle(command);
        if (!outcome.ok) throw new Error(`${command.type} failed: ${outcome.error.code}: ${outcome.error.message}`);
        return outcome.value as never;
      },
      fail(command) {
        const outcome = session.handle(command);
        if (outcome.ok) throw new Error(`expected failure, got ${JSON.stringify(outcome.value).slice(0, 200)}`);
        expect(outcome.error).toBeInstanceOf(ChatError);
        return outcome.error;
      },
      received(type) {
        return events.filter((event) => event.type === type) as never;
      },
      clear() {
        events.length = 0;
      },
    };
  }

  /** Creates a person and opens a session for them. */
  function person(id: string): Person {
    server.upsertUser({ id, name: id.toUpperCase() });
    return connect(id);
  }

  return { server, clock, person, connect };
}

/** A string of exactly `bytes` UTF-8 bytes made of two-byte 'é' (plus one 'a' when odd). */
export function textOfBytes(bytes: number): string {
  return 'é'.repeat(Math.floor(bytes / 2)) + (bytes % 2 ? 'a' : '');
}
