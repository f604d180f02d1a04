import type { Message } from '../../src/protocol';
import { setup } from './helpers';

async function world() {
  const made = await setup();
  const ana = await made.person('ana');
  const bo = await made.person('bo');
  const cy = await made.person('cy');
  await ana.ok({ type: 'room.create', name: 'Team', kind: 'private', memberIds: ['bo', 'cy'] });
  const roomId = (await ana.ok({ type: 'room.create', name: 'Lunch', kind: 'private', memberIds: ['bo', 'cy'] })).id;
  return { ...made, ana, bo, cy, roomId };
}

const lunch = { question: 'Lunch?', options: ['Pizza', 'Sushi', 'Salad'] };

describe('poll.create', () => {
  it('stores a poll message with its question as text, empty counts, and tells the room', async () => {
    const { ana, bo, roomId } = await world();
    bo.clear();
    const message = await ana.ok({ type: 'poll.create', roomId, clientId: 'p1', ...lunch });
    expect(message.text).toBe('Lunch?');
    expect(message.poll).toEqual({
      question: 'Lunch?',
      options: [
        { id: 'o1', text: 'Pizza' },
        { id: 'o2', text: 'Sushi' },
        { id: 'o3', text: 'Salad' },
      ],
      multiple: false,
      anonymous: false,
      counts: [
        { optionId: 'o1', votes: 0, voterIds: [] },
        { optionId: 'o2', votes: 0, voterIds: [] },
        { optionId: 'o3', votes: 0, voterIds: [] },
      ],
      voterCount: 0,
    });
    expect(bo.received('message.created').map((event) => event.message)).toEqual([message]);
    // A retry with the same client id is the same poll.
    expect(await ana.ok({ type: 'poll.create', roomId, clientId: 'p1', ...lunch })).toEqual(message);
  });

  it('refuses fewer than 2 or more than 10 options, duplicates, blank and over-long text, with a sentence', async () => {
    const { ana, roomId } = await world();
    const tryPoll = (question: string, options: string[]) => ana.fail({ type: 'poll.create', roomId, clientId: `c${Math.random()}`.replace('.', ''), question, options });
    expect(await tryPoll('Q?', ['only'])).toMatchObject({ code: 'invalid', message: expect.stringMatching(/at least 2/) });
    expect(await tryPoll('Q?', Array.from({ length: 11 }, (_, i) => `o${i}`))).toMatchObject({ code: 'too_large', message: expect.stringMatching(/at most 10/) });
    expect(await tryPoll('Q?', ['Yes', ' yes '])).toMatchObject({ code: 'invalid', message: expect.stringMatching(/appears twice/) });
    expect(await tryPoll('  ', ['a', 'b'])).toMatchObject({ code: 'invalid' });
    expect(await tryPoll('Q?', ['a', ' '])).toMatchObject({ code: 'invalid', message: expect.stringMatching(/Option 2/) });
    expect(await tryPoll('Q'.repeat(301), ['a', 'b'])).toMatchObject({ code: 'too_large' });
    expect(await tryPoll('Q?', ['a', 'b'.repeat(101)])).toMatchObject({ code: 'too_large' });
    expect((await ana.ok({ type: 'message.history', roomId })).messages).toEqual([]);
  });

  it('takes 10 options, and only members of the room may create one', async () => {
    const { ana, person, roomId } = await world();
    const ten = await ana.ok({ type: 'poll.create', roomId, clientId: 'ten', question: 'Pick', options: Array.from({ length: 10 }, (_, i) => `Option ${i}`) });
    expect(ten.poll?.options).toHaveLength(10);
    const dan = await person('dan');
    expect((await dan.fail({ type: 'poll.create', roomId, clientId: 'x', ...lunch })).code).toBe('not_found');
  });
});

describe('poll.vote', () => {
  it('counts a single-choice vote on the server, replaces it on a second vote, and publishes message.updated', async () => {
    const { ana, bo, cy, roomId } = await world();
    const { id: messageId } = await ana.ok({ type: 'poll.create', roomId, clientId: 'p', ...lunch });
    cy.clear();
    const first = await bo.ok({ type: 'poll.vote', roomId, messageId, optionIds: ['o1'] });
    expect(first.optionIds).toEqual(['o1']);
    expect(first.message.poll.counts.map((count) => count.votes)).toEqual([1, 0, 0]);
    expect(first.message.poll.counts[0]?.voterIds).toEqual(['bo']);
    const second = await bo.ok({ type: 'poll.vote', roomId, messageId, optionIds: ['o2'] });
    expect(second.message.poll.counts.map((count) => count.votes)).toEqual([0, 1, 0]);
    expect(second.message.poll.voterCount).toBe(1);
    await cy.ok({ type: 'poll.vote', roomId, messageId, optionIds: ['o2'] });
    const updates = cy.received('message.updated').map((event) => event.message.poll?.counts.map((count) => count.votes));
    expect(updates).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 2, 0],
    ]);
    // Stored: a fresh read of history has the counts.
    const [stored] = (await ana.ok({ type: 'message.history', roomId })).messages;
    expect(stored?.poll?.counts[1]).toEqual({ optionId: 'o2', votes: 2, voterIds: ['bo', 'cy'] });
    expect(stored?.poll?.voterCount).toBe(2);
    // Taking a vote back.
    const back = await bo.ok({ type: 'poll.vote', roomId, messageId, optionIds: [] });
    expect(back.message.poll.counts[1]).toEqual({ optionId: 'o2', votes: 1, voterIds: ['cy'] });
    expect(back.message.poll.voterCount).toBe(1);
  });

  it('sets several options in a multiple-choice poll and refuses several in a single-choice one', async () => {
    const { ana, bo, roomId } = await world();
    const single = await ana.ok({ type: 'poll.create', roomId, clientId: 's', ...lunch });
    expect(await bo.fail({ type: 'poll.vote', roomId, messageId: single.id, optionIds: ['o1', 'o2'] })).toMatchObject({ code: 'invalid', message: expect.stringMatching(/one choice/) });
    expect((await bo.fail({ type: 'poll.vote', roomId, messageId: single.id, optionIds: ['o9'] })).code).toBe('invalid');
    const multi = await ana.ok({ type: 'poll.create', roomId, clientId: 'm', ...lunch, multiple: true });
    const voted = await bo.ok({ type: 'poll.vote', roomId, messageId: multi.id, optionIds: ['o3', 'o1', 'o1'] });
    expect(voted.optionIds).toEqual(['o1', 'o3']);
    expect(voted.message.poll.counts.map((count) => count.votes)).toEqual([1, 0, 1]);
    const changed = await bo.ok({ type: 'poll.vote', roomId, messageId: multi.id, optionIds: ['o3'] });
    expect(changed.message.poll.counts.map((count) => count.votes)).toEqual([0, 0, 1]);
    expect(changed.message.poll.voterCount).toBe(1);
  });

  it('checks membership, refuses a message that is not a poll, and closed polls with conflict', async () => {
    const { ana, bo, person, roomId } = await world();
    const poll = await ana.ok({ type: 'poll.create', roomId, clientId: 'p', ...lunch });
    const dan = await person('dan');
    expect((await dan.fail({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o1'] })).code).toBe('not_found');
    const plain = await ana.ok({ type: 'message.send', roomId, clientId: 't', text: 'hi' });
    expect((await bo.fail({ type: 'poll.vote', roomId, messageId: plain.id, optionIds: ['o1'] })).code).toBe('invalid');
    await bo.ok({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o1'] });
    expect((await bo.fail({ type: 'poll.close', roomId, messageId: poll.id })).code).toBe('forbidden');
    const closed = await ana.ok({ type: 'poll.close', roomId, messageId: poll.id });
    expect(closed.poll?.closedAt).toBeGreaterThan(0);
    const refused = await bo.fail({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o2'] });
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringMatching(/closed/) });
    // The votes cast before closing stay.
    expect((await ana.ok({ type: 'message.history', roomId })).messages[0]?.poll?.counts[0]?.votes).toBe(1);
  });

  it('lets a room admin close someone else’s poll', async () => {
    const { ana, bo, roomId } = await world();
    const poll = await bo.ok({ type: 'poll.create', roomId, clientId: 'b', ...lunch });
    expect((await ana.ok({ type: 'poll.close', roomId, messageId: poll.id })).poll?.closedAt).toBeDefined();
  });

  it('never reveals who voted in an anonymous poll, in answers, events, history or snapshots; the voter alone sees their choice', async () => {
    const { ana, bo, cy, connect, roomId } = await world();
    const poll = await ana.ok({ type: 'poll.create', roomId, clientId: 'a', ...lunch, anonymous: true });
    ana.clear();
    bo.clear();
    const voted = await bo.ok({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o2'] });
    await cy.ok({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o1'] });
    const seen = [
      JSON.stringify(voted.message),
      JSON.stringify(ana.events),
      JSON.stringify(await ana.ok({ type: 'message.history', roomId })),
      JSON.stringify((await (await connect('ana')).session.snapshot()).lastMessages),
    ];
    for (const text of seen) {
      expect(text).toContain('"votes":1');
      expect(text).not.toMatch(/voterIds|"bo"|"cy"/);
    }
    expect(ana.received('message.updated').at(-1)?.message.poll?.counts.map((count) => count.votes)).toEqual([1, 1, 0]);
    // Nobody else hears of bo's choice; bo's own sessions do.
    expect(ana.received('poll.voted')).toEqual([]);
    expect(bo.received('poll.voted')).toEqual([{ type: 'poll.voted', roomId, messageId: poll.id, optionIds: ['o2'] }]);
    expect(await bo.ok({ type: 'poll.ownVote', roomId, messageId: poll.id })).toEqual({ optionIds: ['o2'] });
    expect(await ana.ok({ type: 'poll.ownVote', roomId, messageId: poll.id })).toEqual({ optionIds: [] });
  });

  it('deleting a poll empties it and its votes; deleting the room deletes the votes too', async () => {
    const { ana, bo, roomId, storage } = await world();
    const poll = await ana.ok({ type: 'poll.create', roomId, clientId: 'p', ...lunch });
    await bo.ok({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o1'] });
    const deleted: Message = await ana.ok({ type: 'message.delete', roomId, messageId: poll.id });
    expect(deleted.poll).toBeUndefined();
    expect((await bo.fail({ type: 'poll.vote', roomId, messageId: poll.id, optionIds: ['o1'] })).code).toBe('conflict');
    expect((await ana.fail({ type: 'message.edit', roomId, messageId: poll.id, text: 'x' })).code).toBe('conflict');
    const other = await ana.ok({ type: 'poll.create', roomId, clientId: 'q', ...lunch });
    expect((await ana.fail({ type: 'message.edit', roomId, messageId: other.id, text: 'x' })).message).toMatch(/poll cannot be edited/);
    await bo.ok({ type: 'poll.vote', roomId, messageId: other.id, optionIds: ['o2'] });
    await ana.ok({ type: 'room.delete', roomId });
    const left = await storage.transaction((tx) => [tx.listRecords('pollVote', `${roomId}/${other.id}`, { limit: 10 }), tx.listRecords('roomPoll', roomId, { limit: 10 })], { readOnly: true });
    expect(left).toEqual([[], []]);
  });
});
