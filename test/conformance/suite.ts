import { ChatError, type Limits, type ServerEvent, type SessionSnapshot } from '../../src/protocol';
import type { Transport } from '../../src/core';
import type { ReferenceServer } from '../../src/server';

/**
 * What a transport under test provides: the reference server behind it (for seeding, as the host
 * app's backend would) and a way to make a transport for a person.
 */
export interface ConformanceHarness {
  server: ReferenceServer;
  transport(userId: string): Transport | Promise<Transport>;
  close(): Promise<void> | void;
}

export type HarnessFactory = (options: { limits?: Partial<Limits> }) => Promise<ConformanceHarness>;

interface OpenClient {
  transport: Transport;
  snapshot: SessionSnapshot;
  events: ServerEvent[];
  waitForEvent<T extends ServerEvent['type']>(type: T, match?: (event: Extract<ServerEvent, { type: T }>) => boolean): Promise<Extract<ServerEvent, { type: T }>>;
}

async function open(harness: ConformanceHarness, userId: string): Promise<OpenClient> {
  const transport = await harness.transport(userId);
  const events: ServerEvent[] = [];
  const snapshot = await new Promise<SessionSnapshot>((resolve, reject) => {
    transport.open({
      onSession: resolve,
      onEvent: (event) => events.push(event),
      onStatus: (status) => {
        if (status.state === 'closed') reject(new Error(status.reason ?? 'closed'));
      },
    });
  });
  return {
    transport,
    snapshot,
    events,
    async waitForEvent(type, match) {
      let found: ServerEvent | undefined;
      await vi.waitFor(
        () => {
          found = events.find((event) => event.type === type && (!match || match(event as never)));
          if (!found) throw new Error(`no ${type} event yet`);
        },
        { timeout: 3000, interval: 5 },
      );
      return found as never;
    },
  };
}

/**
 * The contract every transport keeps, run against one transport. Written against the Transport
 * interface only, so the memory and WebSocket transports (and any a user writes) are held to the
 * same behaviour.
 *
 * @example
 * runConformanceSuite('memory', async () => { const server = createReferenceServer(); ... });
 */
export function runConformanceSuite(name: string, createHarness: HarnessFactory): void {
  describe(`conformance: ${name}`, () => {
    let harness: ConformanceHarness;
    const opened: Transport[] = [];

    async function start(limits?: Partial<Limits>) {
      harness = await createHarness(limits ? { limits } : {});
      const { server } = harness;
      for (const [id, userName] of [
        ['ana', 'Ana'],
        ['bo', 'Bo'],
        ['chen', 'Chen'],
      ] as const)
        server.upsertUser({ id, name: userName });
      server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    }

    async function client(userId: string) {
      const result = await open(harness, userId);
      opened.push(result.transport);
      return result;
    }

    afterEach(async () => {
      for (const transport of opened.splice(0)) transport.close();
      await harness?.close();
    });

    it('opens a session with a snapshot of the person, their rooms and the limits', async () => {
      await start();
      const ana = await client('ana');
      expect(ana.snapshot.me).toMatchObject({ id: 'ana', name: 'Ana', presence: { state: 'online' } });
      expect(ana.snapshot.rooms.map((room) => room.id)).toEqual(['general']);
      expect(ana.snapshot.limits.maxTextBytes).toBe(5120);
    });

    it('sends: the sender gets the message with a sequence, and the other member receives it as an event', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      const message = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'hello' });
      expect(message).toMatchObject({ roomId: 'general', authorId: 'ana', text: 'hello', sequence: 1, clientId: 'c1' });
      const received = await bo.waitForEvent('message.created');
      expect(received.message).toEqual(message);
      const echo = await ana.waitForEvent('message.created');
      expect(echo.message.id).toBe(message.id);
    });

    it('is idempotent on the client id: a retried send yields the same message and no second event', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      const first = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'same', text: 'once' });
      const again = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'same', text: 'once' });
      expect(again).toEqual(first);
      await bo.waitForEvent('message.created');
      await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'next', text: 'twice' });
      await bo.waitForEvent('message.created', (event) => event.message.clientId === 'next');
      expect(bo.events.filter((event) => event.type === 'message.created').map((event) => (event as { message: { sequence: number } }).message.sequence)).toEqual([1, 2]);
    });

    it('pages history backwards and forwards in sequence order, at most 100 a page', async () => {
      await start();
      for (let index = 1; index <= 250; index++) harness.server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `h${index}`, text: `${index}` });
      const ana = await client('ana');
      const newest = await ana.transport.request({ type: 'message.history', roomId: 'general', limit: 500 });
      expect(newest.messages).toHaveLength(100);
      expect(newest.messages[0]?.sequence).toBe(151);
      expect(newest.messages[99]?.sequence).toBe(250);
      expect(newest.hasMore).toBe(true);
      const older = await ana.transport.request({ type: 'message.history', roomId: 'general', before: 151, limit: 100 });
      expect(older.messages.map((m) => m.sequence)).toEqual(Array.from({ length: 100 }, (_, i) => 51 + i));
      const oldest = await ana.transport.request({ type: 'message.history', roomId: 'general', before: 51, limit: 100 });
      expect(oldest.messages).toHaveLength(50);
      expect(oldest.hasMore).toBe(false);
      const after = await ana.transport.request({ type: 'message.history', roomId: 'general', after: 240, limit: 5 });
      expect(after.messages.map((m) => m.sequence)).toEqual([241, 242, 243, 244, 245]);
      expect(after.hasMore).toBe(true);
    });

    it('resumes after a sequence: replays up to 100, and says the timeline is cut beyond that', async () => {
      await start();
      for (let index = 1; index <= 150; index++) harness.server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `r${index}`, text: `${index}` });
      const ana = await client('ana');
      const near = await ana.transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 50 });
      expect(near.cut).toBe(false);
      expect(near.messages.map((m) => m.sequence)).toEqual(Array.from({ length: 100 }, (_, i) => 51 + i));
      const far = await ana.transport.request({ type: 'room.resume', roomId: 'general', afterSequence: 49 });
      expect(far.cut).toBe(true);
      expect(far.messages).toHaveLength(100);
      expect(far.messages[99]?.sequence).toBe(150);
      expect(far.room.lastSequence).toBe(150);
    });

    it('passes typing notices to the other members', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      await ana.transport.request({ type: 'typing.start', roomId: 'general' });
      const started = await bo.waitForEvent('typing.started');
      expect(started).toMatchObject({ roomId: 'general', userId: 'ana', ttlMs: 5000 });
      await ana.transport.request({ type: 'typing.stop', roomId: 'general' });
      await bo.waitForEvent('typing.stopped', (event) => event.userId === 'ana');
    });

    it('moves read cursors forward only, and tells the room', async () => {
      await start();
      for (let index = 1; index <= 5; index++) harness.server.actAs('ana', { type: 'message.send', roomId: 'general', clientId: `c${index}`, text: `${index}` });
      const ana = await client('ana');
      const bo = await client('bo');
      const cursor = await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 4 });
      expect(cursor).toMatchObject({ roomId: 'general', userId: 'bo', sequence: 4 });
      const seen = await ana.waitForEvent('cursor.updated', (event) => event.cursor.userId === 'bo');
      expect(seen.cursor.sequence).toBe(4);
      const back = await bo.transport.request({ type: 'cursor.set', roomId: 'general', sequence: 2 });
      expect(back.sequence).toBe(4);
    });

    it('shows presence: online while connected, offline with a last-seen time after', async () => {
      await start();
      const ana = await client('ana');
      const bo = await client('bo');
      expect(ana.snapshot.users.find((user) => user.id === 'bo')?.presence.state).toBe('offline');
      await ana.waitForEvent('presence.changed', (event) => event.userId === 'bo' && event.presence.state === 'online');
      expect(bo.snapshot.users.find((user) => user.id === 'ana')?.presence.state).toBe('online');
      bo.transport.close();
      const offline = await ana.waitForEvent('presence.changed', (event) => event.userId === 'bo' && event.presence.state === 'offline');
      expect(offline.presence.lastSeenAt).toEqual(expect.any(Number));
    });

    it('answers bad input with a typed error and a human sentence, and keeps serving', async () => {
      await start({ maxTextBytes: 10 });
      const ana = await client('ana');
      const chen = await client('chen');
      const tooLarge = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'big', text: '12345678901' }).catch((error: unknown) => error);
      expect(tooLarge).toBeInstanceOf(ChatError);
      expect(tooLarge).toMatchObject({ code: 'too_large', message: expect.stringMatching(/\w+ .*\./) });
      await expect(ana.transport.request({ type: 'message.send', roomId: 'nowhere', clientId: 'x', text: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(chen.transport.request({ type: 'message.send', roomId: 'general', clientId: 'x', text: 'hi' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(chen.transport.request({ type: 'message.history', roomId: 'general' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'x', text: 42 } as never)).rejects.toMatchObject({ code: 'invalid' });
      await expect(ana.transport.request({ type: 'no.such.command' } as never)).rejects.toMatchObject({ code: 'invalid' });
      const fine = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'ok', text: 'still ok' });
      expect(fine.sequence).toBe(1);
    });
  });
}
