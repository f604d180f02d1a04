import { createChatClient, createChatStore, selectMessages, withBlockedUserIds, withMessages } from '../../src/core';
import type { Message } from '../../src/protocol';
import { createTestChat } from '../../src/testing';

const message = (sequence: number, authorId: string): Message => ({
  id: `m${sequence}`,
  clientId: `c${sequence}`,
  roomId: 'general',
  sequence,
  authorId,
  text: `${authorId} ${sequence}`,
  attachments: [],
  mentions: [],
  reactions: [],
  replyCount: 0,
  createdAt: sequence,
});

describe('blocking in the store', () => {
  it('drops a newly blocked author’s held messages, keeping their sequences covered and the others’ identity', () => {
    const store = createChatStore({ me: 'ana' });
    store.setState((state) => ({ ...withMessages(state, 'general', [message(1, 'bo'), message(2, 'chen'), message(3, 'bo')], { me: 'ana', range: { from: 1, to: 3 } }) }));
    const chens = selectMessages(store.getState(), 'general')[1];
    store.setState((state) => withBlockedUserIds(state, ['bo']));
    const held = selectMessages(store.getState(), 'general');
    expect(held.map((item) => item.sequence)).toEqual([2]);
    expect(held[0]).toBe(chens);
    expect(store.getState().timelines['general']?.covered).toEqual([{ from: 1, to: 3 }]);
    expect(store.getState().blockedUserIds).toEqual(['bo']);
    // The same list again changes nothing.
    const before = store.getState();
    store.setState((state) => withBlockedUserIds(state, ['bo']));
    expect(store.getState().timelines).toBe(before.timelines);
  });

  it('the client unblocking loads the newest pages again, so the person’s messages come back', async () => {
    const chat = createTestChat();
    chat.say('bo', 'general', 'from bo');
    chat.say('chen', 'general', 'from chen');
    const ana = createChatClient({ transport: chat.transport('ana') });
    await ana.connect();
    await ana.loadOlder('general');
    await ana.blockUser('bo');
    expect(selectMessages(ana.store.getState(), 'general').map((item) => item.text)).toEqual(['from chen']);
    await ana.unblockUser('bo');
    await chat.settle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(selectMessages(ana.store.getState(), 'general').map((item) => item.text)).toEqual(['from bo', 'from chen']);
    ana.close();
    chat.close();
  });
});
