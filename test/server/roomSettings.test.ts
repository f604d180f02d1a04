import { setup } from './helpers';

/** Ana and Bo in a public room and a direct room; Chen outside both. */
async function world() {
  const env = await setup();
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  const chen = await env.person('chen');
  await env.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  await env.server.createRoom({ id: 'secret', name: 'secret', kind: 'private', createdBy: 'ana' });
  const direct = await ana.ok({ type: 'direct.open', userId: 'bo' });
  for (const who of [ana, bo, chen]) who.clear();
  /** Ana's stored record for a room, read straight from the storage engine. */
  const stored = (roomId: string, userId = 'ana') => env.storage.transaction((tx) => tx.getRecord('roomSettings', userId, roomId) ?? null, { readOnly: true });
  return { ...env, ana, bo, chen, direct, stored };
}

describe('room settings (a person’s own mute and notification level)', () => {
  it('room.settings.set stores the change, answers it and tells the person’s other sessions at once, and nobody else', async () => {
    const { ana, bo, connect, clock, stored } = await world();
    const phone = await connect('ana');
    clock.now += 1000;
    const muted = await ana.ok({ type: 'room.settings.set', roomId: 'general', muted: true });
    expect(muted).toEqual({ roomId: 'general', muted: true, updatedAt: clock.now });
    expect(await stored('general')).toEqual({ muted: true, updatedAt: clock.now });
    expect(phone.received('room.settings.updated')).toEqual([{ type: 'room.settings.updated', settings: muted }]);
    expect(ana.received('room.settings.updated')).toEqual([{ type: 'room.settings.updated', settings: muted }]);
    expect(bo.received('room.settings.updated')).toEqual([]);

    // Fields left out stay as they are.
    clock.now += 1000;
    const level = await phone.ok({ type: 'room.settings.set', roomId: 'general', level: 'all' });
    expect(level).toEqual({ roomId: 'general', muted: true, level: 'all', updatedAt: clock.now });
    const unmuted = await ana.ok({ type: 'room.settings.set', roomId: 'general', muted: false });
    expect(unmuted).toMatchObject({ muted: false, level: 'all' });
    expect(ana.received('room.settings.updated').map((event) => event.settings)).toEqual([muted, level, unmuted]);
  });

  it('the snapshot carries them, so a reload and another device see them; rooms without settings are absent', async () => {
    const { ana, bo, connect, direct } = await world();
    await ana.ok({ type: 'room.settings.set', roomId: 'general', muted: true, level: 'none' });
    await ana.ok({ type: 'room.settings.set', roomId: direct.id, level: 'mentions' });
    const reloaded = await (await connect('ana')).session.snapshot();
    expect(reloaded.roomSettings?.map((settings) => [settings.roomId, settings.muted, settings.level]).sort()).toEqual(
      [
        ['general', true, 'none'],
        [direct.id, false, 'mentions'],
      ].sort(),
    );
    // Bo's settings are his own.
    expect((await bo.session.snapshot()).roomSettings).toEqual([]);
  });

  it('refuses what is not one’s own room or not a setting, with a typed error, and changes nothing', async () => {
    const { ana, chen, stored } = await world();
    expect((await chen.fail({ type: 'room.settings.set', roomId: 'general', muted: true })).code).toBe('forbidden');
    // A private room one is not in answers like a missing one.
    expect((await chen.fail({ type: 'room.settings.set', roomId: 'secret', muted: true })).code).toBe('not_found');
    expect((await chen.fail({ type: 'room.settings.set', roomId: 'nowhere', muted: true })).code).toBe('not_found');
    const badLevel = await ana.fail({ type: 'room.settings.set', roomId: 'general', level: 'loud' });
    expect(badLevel.code).toBe('invalid');
    expect(badLevel.message).toContain('all, mentions or none');
    expect((await ana.fail({ type: 'room.settings.set', roomId: 'general', muted: 'yes' })).code).toBe('invalid');
    expect(await stored('general')).toBeNull();
    expect(await stored('general', 'chen')).toBeNull();
  });

  it('go with the membership: leaving, being removed, the room deleted or the person deleted forgets them', async () => {
    const { server, ana, bo, stored, direct } = await world();
    await bo.ok({ type: 'room.settings.set', roomId: 'general', muted: true });
    await bo.ok({ type: 'room.leave', roomId: 'general' });
    expect(await stored('general', 'bo')).toBeNull();
    // Coming back starts from the defaults.
    await bo.ok({ type: 'room.join', roomId: 'general' });
    expect((await bo.session.snapshot()).roomSettings).toEqual([]);

    await bo.ok({ type: 'room.settings.set', roomId: 'general', level: 'all' });
    await ana.ok({ type: 'room.removeMembers', roomId: 'general', userIds: ['bo'] });
    expect(await stored('general', 'bo')).toBeNull();

    await ana.ok({ type: 'room.settings.set', roomId: 'general', muted: true });
    await ana.ok({ type: 'room.delete', roomId: 'general' });
    expect(await stored('general')).toBeNull();

    await bo.ok({ type: 'room.settings.set', roomId: direct.id, muted: true });
    await server.deleteUser('bo');
    expect(await stored(direct.id, 'bo')).toBeNull();
  });
});
