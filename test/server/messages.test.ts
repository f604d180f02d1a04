import { utf8ByteLength, type Attachment } from '../../src/protocol';
import { setup, textOfBytes } from './helpers';

async function room(options: Parameters<typeof setup>[0] = {}) {
  const env = await setup(options);
  const ana = await env.person('ana');
  const bo = await env.person('bo');
  await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  ana.clear();
  bo.clear();
  return { ...env, ana, bo };
}

const file = (id: string): Attachment => ({ id, name: `${id}.png`, type: 'image/png', size: 10, url: `https://cdn.example/${id}` });

describe('message.send', () => {
  it('assigns sequences from 1 rising by one with no holes, thread replies included', async () => {
    const { ana, bo, clock, server } = await room();
    const first = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c1', text: 'one' });
    clock.now += 5;
    const second = await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c1', text: 'two' });
    const reply = await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c2', text: 'reply', parentId: first.id });
    const third = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c3', text: 'three' });
    expect([first, second, reply, third].map((m) => m.sequence)).toEqual([1, 2, 3, 4]);
    expect(second).toMatchObject({ authorId: 'bo', roomId: 'r', clientId: 'c1', createdAt: clock.now, attachments: [], mentions: [], reactions: [], replyCount: 0 });
    expect(new Set([first.id, second.id, reply.id, third.id]).size).toBe(4);
    expect(await server.getRoom('r')).toMatchObject({ lastSequence: 4, lastActivityAt: clock.now });
    const many = [];
    for (let i = 0; i < 50; i++) many.push((await ana.ok({ type: 'message.send', roomId: 'r', clientId: `m${i}`, text: `${i}` })).sequence);
    expect(many).toEqual(Array.from({ length: 50 }, (_, i) => i + 5));
  });

  it('is idempotent on clientId per author: same message back, no new events', async () => {
    const { ana, bo } = await room();
    const first = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'same', text: 'hello' });
    ana.clear();
    bo.clear();
    const again = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'same', text: 'hello' });
    expect(again).toEqual(first);
    expect(ana.events).toEqual([]);
    expect(bo.events).toEqual([]);
    // Another author may use the same clientId.
    expect((await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'same', text: 'hello' })).sequence).toBe(2);
  });

  it('echoes message.created to every session of every member, and not to non-members', async () => {
    const { ana, bo, connect, person } = await room();
    const ana2 = await connect('ana');
    const outsider = await person('outsider');
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'hi' });
    for (const who of [ana, ana2, bo]) expect(who.received('message.created').map((e) => e.message)).toEqual([sent]);
    expect(outsider.received('message.created')).toEqual([]);
    // No room.updated per message: clients derive lastSequence from message.created.
    expect(bo.received('room.updated')).toEqual([]);
  });

  it('accepts text of exactly 5,120 UTF-8 bytes and refuses 5,121 with too_large naming the limit', async () => {
    const { ana, server } = await room();
    const ascii = 'a'.repeat(5120);
    const multi = textOfBytes(5120);
    expect(utf8ByteLength(multi)).toBe(5120);
    expect(multi.length).toBe(2560);
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: ascii })).text).toBe(ascii);
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'b', text: multi })).text).toBe(multi);
    const emoji = '😀'.repeat(1280);
    expect(utf8ByteLength(emoji)).toBe(5120);
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'e', text: emoji })).sequence).toBe(3);
    for (const [clientId, text] of [
      ['c', 'a'.repeat(5121)],
      ['d', textOfBytes(5121)],
      ['f', `${'é'.repeat(2560)}a`],
    ] as const) {
      const error = await ana.fail({ type: 'message.send', roomId: 'r', clientId, text });
      expect(error.code).toBe('too_large');
      expect(error.message).toMatch(/5120/);
    }
    expect((await server.getRoom('r'))?.lastSequence).toBe(3);
  });

  it('refuses empty text without attachments, but accepts attachments alone', async () => {
    const { ana } = await room();
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'a', text: '' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'b', text: '  \n ' })).code).toBe('invalid');
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: '', attachments: [file('f1')] })).attachments).toEqual([file('f1')]);
  });

  it('limits attachments, mentions and custom data at their exact boundaries', async () => {
    const { ana } = await room({ limits: { maxMentions: 2 } });
    const ten = Array.from({ length: 10 }, (_, i) => file(`f${i}`));
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'x', attachments: ten })).attachments).toHaveLength(10);
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'x', attachments: [...ten, file('f10')] })).code).toBe('too_large');

    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x', mentions: ['ana', 'bo', 'bo'] })).mentions).toEqual(['ana', 'bo']);
    const cy = 'cy';
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'd', text: 'x', mentions: [cy] })).code).toBe('invalid');

    // {"p":"…"} is 8 bytes of JSON around the string.
    const exact = { p: 'x'.repeat(5120 - 8) };
    expect(JSON.stringify(exact)).toHaveLength(5120);
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'e', text: 'x', customData: exact })).customData).toEqual(exact);
    const error = await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'f', text: 'x', customData: { p: 'x'.repeat(5120 - 7) } });
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/5120/);
  });

  it('refuses mentions beyond maxMentions', async () => {
    const env = await setup({ limits: { maxMentions: 2 } });
    const ana = await env.person('ana');
    await env.person('bo');
    await env.person('cy');
    await env.server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'x', mentions: ['bo', 'cy'] })).mentions).toEqual(['bo', 'cy']);
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'x', mentions: ['ana', 'bo', 'cy'] })).code).toBe('too_large');
  });

  it('moves the sender’s read cursor to the new message and stops their typing, said by the one message.created', async () => {
    const { ana, bo } = await room();
    await ana.ok({ type: 'typing.start', roomId: 'r' });
    bo.clear();
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    // One frame per recipient: the event itself means "stopped typing, read up to here".
    expect(bo.events.map((e) => e.type)).toEqual(['message.created']);
    expect(await ana.ok({ type: 'cursor.list', roomId: 'r' })).toContainEqual(expect.objectContaining({ userId: 'ana', sequence: sent.sequence }));
    expect((await bo.session.snapshot()).typing).toEqual([]);
  });
});

describe('threads and quotes', () => {
  it('counts replies on the parent and pushes the parent as message.updated', async () => {
    const { ana, bo, clock } = await room();
    const parent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'parent' });
    bo.clear();
    clock.now += 100;
    const reply = await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'r1', text: 'reply', parentId: parent.id });
    expect(reply.parentId).toBe(parent.id);
    const updated = bo.received('message.updated')[0]?.message;
    expect(updated).toMatchObject({ id: parent.id, replyCount: 1, lastReplyAt: clock.now });
    await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'r2', text: 'again', parentId: parent.id });
    expect(bo.received('message.updated')[1]?.message.replyCount).toBe(2);
  });

  it('refuses replying to a reply, to a missing message, and quoting a missing message', async () => {
    const { ana } = await room();
    const parent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'p', text: 'parent' });
    const reply = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'r1', text: 'reply', parentId: parent.id });
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'x', text: 'x', parentId: reply.id })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'y', text: 'x', parentId: 'nope' })).code).toBe('not_found');
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'z', text: 'x', quotedId: 'nope' })).code).toBe('not_found');
    expect((await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'q', text: 'x', quotedId: reply.id })).quotedId).toBe(reply.id);
  });

  it('refuses a parent or quote from another room', async () => {
    const { ana, server } = await room();
    await server.createRoom({ id: 'other', name: 'other', kind: 'public', createdBy: 'ana' });
    const elsewhere = await ana.ok({ type: 'message.send', roomId: 'other', clientId: 'p', text: 'x' });
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'a', text: 'x', parentId: elsewhere.id })).code).toBe('not_found');
    expect((await ana.fail({ type: 'message.send', roomId: 'r', clientId: 'b', text: 'x', quotedId: elsewhere.id })).code).toBe('not_found');
  });
});

describe('message.edit and message.delete', () => {
  it('edits own messages only, setting editedAt and pushing message.updated', async () => {
    const { ana, bo, clock } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'helo', customData: { v: 1 } });
    clock.now += 10;
    bo.clear();
    const edited = await ana.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'hello', mentions: ['bo'] });
    expect(edited).toMatchObject({ id: sent.id, sequence: sent.sequence, text: 'hello', mentions: ['bo'], editedAt: clock.now, customData: { v: 1 } });
    expect(bo.received('message.updated')[0]?.message).toEqual(edited);
    expect((await bo.fail({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'mine now' })).code).toBe('forbidden');
    expect((await ana.fail({ type: 'message.edit', roomId: 'r', messageId: 'nope', text: 'x' })).code).toBe('not_found');
    expect((await ana.fail({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: '' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'a'.repeat(5121) })).code).toBe('too_large');
    expect((await ana.ok({ type: 'message.edit', roomId: 'r', messageId: sent.id, text: 'a'.repeat(5120) })).text).toHaveLength(5120);
  });

  it('deletes own messages, or any as an admin, leaving a tombstone', async () => {
    const { ana, bo, clock } = await room();
    const parent = await bo.ok({
      type: 'message.send',
      roomId: 'r',
      clientId: 'c',
      text: 'secret',
      attachments: [file('f')],
      mentions: ['ana'],
      customData: { x: 1 },
    });
    await ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: parent.id, emoji: '👍' });
    await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'r1', text: 'reply', parentId: parent.id });
    const other = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'o', text: 'mine' });
    expect((await bo.fail({ type: 'message.delete', roomId: 'r', messageId: other.id })).code).toBe('forbidden');
    clock.now += 7;
    bo.clear();
    const tombstone = await ana.ok({ type: 'message.delete', roomId: 'r', messageId: parent.id });
    expect(tombstone).toEqual({
      id: parent.id,
      clientId: 'c',
      roomId: 'r',
      sequence: parent.sequence,
      authorId: 'bo',
      text: '',
      attachments: [],
      mentions: [],
      reactions: [],
      replyCount: 1,
      lastReplyAt: expect.any(Number),
      createdAt: parent.createdAt,
      deletedAt: clock.now,
    });
    expect(bo.received('message.updated')[0]?.message).toEqual(tombstone);
    expect((await bo.fail({ type: 'message.edit', roomId: 'r', messageId: parent.id, text: 'back' })).code).toBe('conflict');
    expect((await ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: parent.id, emoji: '👍' })).code).toBe('conflict');
    bo.clear();
    expect(await bo.ok({ type: 'message.delete', roomId: 'r', messageId: parent.id })).toEqual(tombstone);
    expect(bo.events).toEqual([]);
    const page = await bo.ok({ type: 'message.history', roomId: 'r' });
    expect(page.messages.map((m) => m.id)).toEqual([parent.id, other.id]);
    expect(page.messages[0]).toEqual(tombstone);
    // Idempotent resend of a deleted message returns the tombstone, not a new message.
    expect(await bo.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'secret' })).toEqual(tombstone);
  });
});

describe('reaction.toggle', () => {
  it('adds and removes people per emoji, first-used emoji first, empty entries removed', async () => {
    const { ana, bo } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    const toggle = async (who: typeof ana, emoji: string) => (await who.ok({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji })).reactions;
    expect(await toggle(ana, '👍')).toEqual([{ emoji: '👍', userIds: ['ana'] }]);
    expect(await toggle(bo, '🎉')).toEqual([
      { emoji: '👍', userIds: ['ana'] },
      { emoji: '🎉', userIds: ['bo'] },
    ]);
    expect(await toggle(bo, '👍')).toEqual([
      { emoji: '👍', userIds: ['ana', 'bo'] },
      { emoji: '🎉', userIds: ['bo'] },
    ]);
    expect(await toggle(ana, '👍')).toEqual([
      { emoji: '👍', userIds: ['bo'] },
      { emoji: '🎉', userIds: ['bo'] },
    ]);
    expect(await toggle(bo, '👍')).toEqual([{ emoji: '🎉', userIds: ['bo'] }]);
    const updates = ana.received('message.updated');
    expect(updates).toHaveLength(5);
    expect(updates[4]?.message.reactions).toEqual([{ emoji: '🎉', userIds: ['bo'] }]);
    expect((await ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: 'nope', emoji: '👍' })).code).toBe('not_found');
    expect((await ana.fail({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: '' })).code).toBe('invalid');
  });

  it('treats emoji named like prototype keys as plain strings', async () => {
    const { ana } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x' });
    expect((await ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: '__proto__' })).reactions).toEqual([{ emoji: '__proto__', userIds: ['ana'] }]);
    expect((await ana.ok({ type: 'reaction.toggle', roomId: 'r', messageId: sent.id, emoji: 'constructor' })).reactions).toHaveLength(2);
    expect(({} as Record<string, unknown>).ana).toBeUndefined();
  });
});
