// The playground's seeded world: people with generated avatars, rooms, history over past days.
import { describe, expect, it } from 'vitest';
import { avatarSvg } from '../../playground/avatars';
import { createWorld, PEOPLE } from '../../playground/world';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('playground world', () => {
  it('seeds people, public, private and direct rooms, with thousands of messages spread over days', () => {
    const world = createWorld({ now: () => NOW, avatars: false });
    expect(world.server.listUsers()).toHaveLength(12);
    expect(world.stats.messages).toBeGreaterThan(5000);
    const kinds = world.rooms.map((room) => room.kind);
    // Three Ana is in, and two to find with "Browse rooms".
    expect(kinds.filter((kind) => kind === 'public')).toHaveLength(5);
    expect(kinds).toContain('private');
    expect(kinds.filter((kind) => kind === 'direct').length).toBeGreaterThanOrEqual(5);
    expect(world.server.getRoom('general')!.lastSequence).toBeGreaterThan(3000);
    expect(world.server.getRoom('general')!.members).toHaveLength(12);
    expect(world.server.getRoom('launch-plans')!.kind).toBe('private');

    const ana = world.server.connect('ana', () => {});
    const oldest = ana.handle({ type: 'message.history', roomId: 'general', after: 0, limit: 1 });
    const newest = ana.handle({ type: 'message.history', roomId: 'general', limit: 100 });
    if (!oldest.ok || !newest.ok) throw new Error('history refused');
    const first = oldest.value.messages[0]!;
    const last = newest.value.messages[newest.value.messages.length - 1]!;
    expect(NOW - first.createdAt).toBeGreaterThan(3 * 24 * 3600_000);
    expect(NOW - last.createdAt).toBeLessThan(10 * 60_000);
    expect(last.createdAt).toBeLessThanOrEqual(NOW);
    // Varied text: links, code blocks, mentions with ids.
    const texts = newest.value.messages.map((message) => message.text);
    expect(new Set(texts).size).toBeGreaterThan(20);
    expect(newest.value.messages.some((message) => message.mentions.length > 0)).toBe(true);
    // After seeding the clock follows the real one again.
    expect(world.clock.now()).toBe(NOW);
    // A few unread messages for some, none for others.
    const cursors = ana.snapshot().cursors.filter((cursor) => cursor.roomId === 'general');
    expect(cursors.length).toBe(12);
    ana.close();
  });

  it('is the same world for the same seed', () => {
    const a = createWorld({ now: () => NOW, avatars: false, scale: 0.05, seed: 4 });
    const b = createWorld({ now: () => NOW, avatars: false, scale: 0.05, seed: 4 });
    const page = (world: typeof a) => {
      const outcome = world.server.actAs('ana', { type: 'message.history', roomId: 'general', limit: 50 });
      if (!outcome.ok) throw outcome.error;
      return outcome.value.messages.map((message) => [message.authorId, message.text, message.createdAt]);
    };
    expect(page(b)).toEqual(page(a));
  });

  it('a burst writes more messages than a resume replays, by people other than the humans', () => {
    const world = createWorld({ now: () => NOW, avatars: false, scale: 0.02 });
    const before = world.server.getRoom('general')!.lastSequence;
    expect(world.burst('general', 150, ['ana', 'bo'])).toBe(150);
    expect(world.server.getRoom('general')!.lastSequence).toBe(before + 150);
    const outcome = world.server.actAs('ana', { type: 'message.history', roomId: 'general', limit: 100 });
    if (!outcome.ok) throw outcome.error;
    expect(outcome.value.messages.some((message) => message.authorId === 'ana' || message.authorId === 'bo')).toBe(false);
  });

  it('avatars are SVG drawn from our constants only', () => {
    for (const person of PEOPLE) {
      const svg = avatarSvg(person.avatar);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain(`>${person.avatar.initials}</text>`);
      expect(svg).not.toMatch(/<script|on\w+=|href=/i);
    }
    expect(() => avatarSvg({ initials: '<script>', color: 0, pattern: 'plain' })).toThrow();
    expect(() => avatarSvg({ initials: 'a"b', color: 0, pattern: 'plain' })).toThrow();
  });

  it('avatars become blob: URLs where the platform has them', () => {
    const world = createWorld({ now: () => NOW, scale: 0.01, avatars: true });
    for (const user of world.server.listUsers()) expect(user.avatarUrl).toMatch(/^blob:/);
    world.dispose();
  });

  it('with invitations "accept", Ana finds Dara’s invitation to #launch-retro in her snapshot', () => {
    const world = createWorld({ now: () => NOW, avatars: false, scale: 0.05, invitations: 'accept' });
    const ana = world.server.connect('ana', () => {});
    expect(ana.snapshot().invitations?.map((invitation) => [invitation.roomName, invitation.invitedBy])).toEqual([['launch-retro', 'dara']]);
    // Bo's profile card has fields to show.
    expect(world.server.getUser('bo')?.customData).toMatchObject({ title: 'Product designer' });
    ana.close();
  });
});
