import { ChatError } from '../../src/protocol';
import { selectFocus, selectHoldsAround, selectTimeline } from '../../src/core';
import { createTestChat, type TestChat } from '../../src/testing';

let chat: TestChat | undefined;
afterEach(() => chat?.close());

async function setup(count: number) {
  chat = createTestChat();
  const seeded = chat.seedMessages('general', count, { authorIds: ['bo', 'chen'] });
  const ana = await chat.connect('ana', { pageSize: 50 });
  return { ana, seeded, chat };
}

describe('jumpToMessage', () => {
  it('loads the pages around a message it does not hold, then asks the list to focus it', async () => {
    const { ana, seeded } = await setup(500);
    const target = seeded[99]!;
    expect(selectHoldsAround(ana.store.getState(), 'general', 100)).toBe(false);
    await ana.jumpToMessage('general', target.id, target.sequence);
    const state = ana.store.getState();
    expect(selectHoldsAround(state, 'general', 100)).toBe(true);
    expect(selectTimeline(state, 'general').covered).toEqual([{ from: 50, to: 149 }]);
    expect(selectFocus(state, 'general')).toMatchObject({ roomId: 'general', messageId: target.id, sequence: 100 });
    expect(selectFocus(state, 'random')).toBeNull();
  });

  it('finds the sequence of a message named by id alone (a quote), through the server', async () => {
    const { ana, seeded } = await setup(300);
    const target = seeded[9]!;
    await ana.jumpToMessage('general', target.id);
    expect(ana.store.getState().focus).toMatchObject({ messageId: target.id, sequence: 10 });
    expect(selectHoldsAround(ana.store.getState(), 'general', 10)).toBe(true);
  });

  it('does not load again what it holds, and a second jump to the same message is a new request', async () => {
    const { ana, seeded } = await setup(30);
    await ana.loadOlder('general');
    const covered = selectTimeline(ana.store.getState(), 'general').covered;
    await ana.jumpToMessage('general', seeded[4]!.id, 5);
    const first = ana.store.getState().focus!;
    expect(selectTimeline(ana.store.getState(), 'general').covered).toBe(covered);
    ana.clearFocus(first.token);
    expect(ana.store.getState().focus).toBeNull();
    await ana.jumpToMessage('general', seeded[4]!.id, 5);
    expect(ana.store.getState().focus!.token).toBeGreaterThan(first.token);
  });

  it('lands on the parent of a thread reply, naming the reply so its thread opens', async () => {
    const { ana, seeded, chat } = await setup(200);
    const parent = seeded[19]!;
    const reply = chat.server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: 'r1', text: 'In the thread', parentId: parent.id });
    if (!reply.ok) throw reply.error;
    await ana.jumpToMessage('general', reply.value.id, reply.value.sequence);
    expect(ana.store.getState().focus).toMatchObject({ messageId: parent.id, sequence: parent.sequence, replyId: reply.value.id });
  });

  it('refuses a message that is not the reader’s to see, with a typed error and no focus', async () => {
    const { ana } = await setup(5);
    await expect(ana.jumpToMessage('general', 'nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(ana.jumpToMessage('secret-room', 'm1', 1)).rejects.toBeInstanceOf(ChatError);
    expect(ana.store.getState().focus).toBeNull();
  });

  it('forgets a pending jump into a room the reader leaves', async () => {
    const { ana, seeded } = await setup(5);
    await ana.jumpToMessage('general', seeded[0]!.id, 1);
    await ana.leaveRoom('general');
    expect(ana.store.getState().focus).toBeNull();
  });
});
