import { checkEqual, checkMatch, checkRefused } from '../checks';
import type { ConformanceContext } from '../harness';

/**
 * A person's own room settings (issue #13): set, told to their other sessions, in the next snapshot.
 *
 * @example
 * roomSettingsCases({ it, start, client });
 */
export function roomSettingsCases({ it, start, client }: ConformanceContext): void {
  it("sets a person's own room settings, tells their other sessions, and carries them in the next snapshot", async () => {
    await start();
    const laptop = await client('ana');
    const phone = await client('ana');
    const bo = await client('bo');
    const settings = await laptop.transport.request({ type: 'room.settings.set', roomId: 'general', muted: true, level: 'all' });
    checkMatch(settings, { roomId: 'general', muted: true, level: 'all' }, 'the settings answered');
    const told = await phone.waitForEvent('room.settings.updated', (event) => event.settings.roomId === 'general');
    checkEqual(told.settings, settings, 'the settings told to the other session');
    checkEqual(
      bo.events.filter((event) => event.type === 'room.settings.updated'),
      [],
      "another person's sessions hear nothing",
    );
    const reloaded = await client('ana');
    checkEqual(reloaded.snapshot.roomSettings, [settings], 'the settings in a new session’s snapshot');
    await checkRefused(laptop.transport.request({ type: 'room.settings.set', roomId: 'general', level: 'loud' as never }), 'invalid', 'an unknown level');
    const chen = await client('chen');
    await checkRefused(chen.transport.request({ type: 'room.settings.set', roomId: 'general', muted: true }), 'forbidden', 'settings of a room one is not in');
  });
}
