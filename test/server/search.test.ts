import { MAX_SEARCH_PAGE_SIZE, type MessageSearchHit } from '../../src/protocol';
import { setup } from './helpers';

/** Ana, Bo and Cy; a public room all three share, a private one of Ana and Bo, a public one Cy is not in. */
async function world() {
  const context = await setup();
  const { server, person } = context;
  const ana = await person('ana');
  const bo = await person('bo');
  const cy = await person('cy');
  await server.createRoom({ id: 'general', name: 'General', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy'] });
  await server.createRoom({ id: 'secret', name: 'Secret plans', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
  await server.createRoom({ id: 'design', name: 'Design reviews', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  let sent = 0;
  const send = async (who: typeof ana, roomId: string, text: string, fields: { parentId?: string } = {}) => {
    context.clock.now += 1000;
    return who.ok({ type: 'message.send', roomId, clientId: `c${++sent}`, text, ...fields });
  };
  return { ...context, ana, bo, cy, send };
}

const texts = (hits: MessageSearchHit[]) => hits.map((hit) => hit.message.text);

describe('message.search', () => {
  it('finds messages of every room the person is in, newest first, with the matches as ranges of the text', async () => {
    const { ana, cy, send } = await world();
    await send(ana, 'general', 'Lunch at noon?');
    await send(ana, 'secret', 'The surprise lunch is Friday');
    await send(ana, 'design', 'Lunchtime review');
    await send(ana, 'general', 'Dinner instead');

    const page = await ana.ok({ type: 'message.search', query: 'lunch' });
    expect(texts(page.hits)).toEqual(['Lunchtime review', 'The surprise lunch is Friday', 'Lunch at noon?']);
    expect(page.next).toBeNull();
    expect(page.hits[1]!.ranges).toEqual([{ start: 13, end: 18 }]);
    expect(page.hits[0]!.ranges).toEqual([{ start: 0, end: 9 }]);
    expect(page.hits[0]!.message.roomId).toBe('design');

    // Cy is in general only: the private room and the public room she never joined stay hidden.
    expect(texts((await cy.ok({ type: 'message.search', query: 'lunch' })).hits)).toEqual(['Lunch at noon?']);
  });

  it('searches one room when asked, checking membership on the server', async () => {
    const { ana, cy, send } = await world();
    await send(ana, 'general', 'plans for today');
    await send(ana, 'secret', 'secret plans');
    expect(texts((await ana.ok({ type: 'message.search', query: 'plans', roomId: 'secret' })).hits)).toEqual(['secret plans']);
    // A private room she is not in answers like a missing one; a public one asks her to join.
    expect((await cy.fail({ type: 'message.search', query: 'plans', roomId: 'secret' })).code).toBe('not_found');
    expect((await cy.fail({ type: 'message.search', query: 'plans', roomId: 'design' })).code).toBe('forbidden');
  });

  it('needs every word, matches word starts, and folds case and accents', async () => {
    const { ana, send } = await world();
    await send(ana, 'general', 'Crème brûlée at the Café');
    await send(ana, 'general', 'cafe noir');
    await send(ana, 'general', 'decaf please');
    expect(texts((await ana.ok({ type: 'message.search', query: 'CAFE' })).hits)).toEqual(['cafe noir', 'Crème brûlée at the Café']);
    expect(texts((await ana.ok({ type: 'message.search', query: 'creme caf' })).hits)).toEqual(['Crème brûlée at the Café']);
    const [hit] = (await ana.ok({ type: 'message.search', query: 'brulee' })).hits;
    expect(hit!.ranges).toEqual([{ start: 6, end: 12 }]);
    expect(hit!.message.text.slice(6, 12)).toBe('brûlée');
  });

  it('pages with a cursor until every hit was seen once', async () => {
    const { ana, send } = await world();
    for (let index = 1; index <= 7; index++) await send(ana, index % 2 ? 'general' : 'secret', `report ${index}`);
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await ana.ok({ type: 'message.search', query: 'report', limit: 3, ...(before !== undefined ? { before } : {}) });
      seen.push(...texts(page.hits));
      if (page.next === null) break;
      before = page.next;
    }
    expect(seen).toEqual(['report 7', 'report 6', 'report 5', 'report 4', 'report 3', 'report 2', 'report 1']);
    // Too large a page is clamped, not refused.
    expect((await ana.ok({ type: 'message.search', query: 'report', limit: 10_000 })).hits).toHaveLength(7);
    expect(MAX_SEARCH_PAGE_SIZE).toBeGreaterThanOrEqual(7);
  });

  it('never finds deleted messages, finds edits by their new words, and finds thread replies', async () => {
    const { ana, bo, send } = await world();
    const gone = await send(ana, 'general', 'meeting moved');
    const edited = await send(ana, 'general', 'old text');
    const parent = await send(ana, 'general', 'thread start');
    await send(bo, 'general', 'meeting notes in the thread', { parentId: parent.id });
    await ana.ok({ type: 'message.delete', roomId: 'general', messageId: gone.id });
    await ana.ok({ type: 'message.edit', roomId: 'general', messageId: edited.id, text: 'new meeting time' });
    const hits = (await ana.ok({ type: 'message.search', query: 'meeting' })).hits;
    expect(texts(hits)).toEqual(['meeting notes in the thread', 'new meeting time']);
    expect(hits[0]!.message.parentId).toBe(parent.id);
    expect(texts((await ana.ok({ type: 'message.search', query: 'old' })).hits)).toEqual([]);
  });

  it('hides the messages of people the searcher blocks, as history does', async () => {
    const { ana, bo, send } = await world();
    await send(bo, 'general', 'budget draft');
    await send(ana, 'general', 'budget final');
    await ana.ok({ type: 'user.block', userId: 'bo' });
    const page = await ana.ok({ type: 'message.search', query: 'budget', limit: 1 });
    expect(texts(page.hits)).toEqual(['budget final']);
    expect(page.next).toBeNull();
    expect(texts((await bo.ok({ type: 'message.search', query: 'budget' })).hits)).toEqual(['budget final', 'budget draft']);
  });

  it('reads hostile queries as plain words and refuses what is not a search, with typed errors', async () => {
    const { ana, send } = await world();
    await send(ana, 'general', 'or 1 is 1');
    await send(ana, 'general', 'near the star');
    for (const query of ['" OR 1=1 --', 'NEAR(', '*', "'; DROP TABLE messages; --", 'a" OR "b', 'lun* NOT noon', '\\']) {
      const outcome = await ana.session.handle({ type: 'message.search', query });
      if (outcome.ok) expect(Array.isArray(outcome.value.hits)).toBe(true);
      else expect(outcome.error.code).toBe('invalid');
    }
    expect(texts((await ana.ok({ type: 'message.search', query: '" OR 1=1 --' })).hits)).toEqual(['or 1 is 1']);
    expect(texts((await ana.ok({ type: 'message.search', query: 'NEAR(' })).hits)).toEqual(['near the star']);
    expect((await ana.fail({ type: 'message.search', query: '*' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.search', query: '   ' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.search', query: 'x'.repeat(201) })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.search', query: 'plans', before: 'abc' })).code).toBe('invalid');
    expect((await ana.fail({ type: 'message.search', query: 42 })).code).toBe('invalid');
    // Nothing stored was touched.
    expect((await ana.ok({ type: 'message.history', roomId: 'general' })).messages).toHaveLength(2);
  });
});

describe('message.get', () => {
  it('answers a message of a room the person is in, and hides others', async () => {
    const { ana, bo, cy, send } = await world();
    const hello = await send(bo, 'secret', 'hello');
    expect(await ana.ok({ type: 'message.get', roomId: 'secret', messageId: hello.id })).toEqual(hello);
    expect((await cy.fail({ type: 'message.get', roomId: 'secret', messageId: hello.id })).code).toBe('not_found');
    expect((await ana.fail({ type: 'message.get', roomId: 'secret', messageId: 'nope' })).code).toBe('not_found');
    await ana.ok({ type: 'user.block', userId: 'bo' });
    expect((await ana.fail({ type: 'message.get', roomId: 'secret', messageId: hello.id })).code).toBe('not_found');
  });
});

describe('user.search and room.searchPublic', () => {
  it('finds people by part of their name or id, folded, paged by id', async () => {
    const { server, ana } = await world();
    await server.upsertUser({ id: 'zoe', name: 'Zoë Martín' });
    await server.upsertUser({ id: 'mart', name: 'Someone' });
    const page = await ana.ok({ type: 'user.search', query: 'MART' });
    expect(page.users.map((user) => user.id)).toEqual(['mart', 'zoe']);
    expect(page.next).toBeNull();
    const first = await ana.ok({ type: 'user.search', query: 'mart', limit: 1 });
    expect(first.users.map((user) => user.id)).toEqual(['mart']);
    const second = await ana.ok({ type: 'user.search', query: 'mart', limit: 1, after: first.next! });
    expect(second.users.map((user) => user.id)).toEqual(['zoe']);
    expect((await ana.ok({ type: 'user.search', query: 'zoe' })).users.map((user) => user.name)).toEqual(['Zoë Martín']);
    expect((await ana.fail({ type: 'user.search', query: ' ' })).code).toBe('invalid');
  });

  it('finds public rooms by name, never private ones', async () => {
    const { ana, cy } = await world();
    expect((await cy.ok({ type: 'room.searchPublic', query: 'design' })).rooms.map((room) => room.id)).toEqual(['design']);
    expect((await ana.ok({ type: 'room.searchPublic', query: 'plans' })).rooms).toEqual([]);
    expect((await ana.ok({ type: 'room.searchPublic', query: 'e' })).rooms.map((room) => room.id)).toEqual(['design', 'general']);
  });
});
