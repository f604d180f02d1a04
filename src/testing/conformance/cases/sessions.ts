import { check, checkEqual, checkMatch } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * Sessions: the snapshot a session opens with, presence while connected and after, typing notices.
 *
 * @example
 * sessionsCases({ it, start, client });
 */
export function sessionsCases({ it, start, client }: ConformanceContext): void {
  it('opens a session with a snapshot of the person, their rooms and the limits', async () => {
    await start();
    const ana = await client('ana');
    checkMatch(ana.snapshot.me, { id: 'ana', name: 'Ana', presence: { state: 'online' } }, 'snapshot.me');
    checkEqual(
      ana.snapshot.rooms.map((room) => room.id),
      ['general'],
      'the rooms in the snapshot',
    );
    checkEqual(ana.snapshot.limits.maxTextBytes, 5120, 'snapshot.limits.maxTextBytes');
  });

  it('shows presence: online while connected, offline with a last-seen time after', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    checkEqual(ana.snapshot.users.find((user) => user.id === 'bo')?.presence.state, 'offline', "Bo's presence before he connects");
    await ana.waitForEvent('presence.changed', (event) => event.userId === 'bo' && event.presence.state === 'online');
    checkEqual(bo.snapshot.users.find((user) => user.id === 'ana')?.presence.state, 'online', "Ana's presence in Bo's snapshot");
    bo.transport.close();
    const offline = await ana.waitForEvent('presence.changed', (event) => event.userId === 'bo' && event.presence.state === 'offline');
    check(typeof offline.presence.lastSeenAt === 'number', 'an offline presence carries lastSeenAt', offline.presence);
  });

  it('passes typing notices to the other members', async () => {
    await start();
    const ana = await client('ana');
    const bo = await client('bo');
    await ana.transport.request({ type: 'typing.start', roomId: 'general' });
    const started = await bo.waitForEvent('typing.started');
    checkMatch(started, { roomId: 'general', userId: 'ana', ttlMs: 5000 }, 'the typing.started event');
    await ana.transport.request({ type: 'typing.stop', roomId: 'general' });
    await bo.waitForEvent('typing.stopped', (event) => event.userId === 'ana');
  });
}
