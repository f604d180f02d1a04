import { createChatStore, selectMessageById, withMessages, type ChatState } from '../../src/core';
import type { Message } from '../../src/protocol';

function message(roomId: string, sequence: number): Message {
  return { id: `${roomId}-${sequence}`, clientId: `c-${roomId}-${sequence}`, roomId, authorId: 'bo', text: `#${sequence}`, sequence, createdAt: sequence, attachments: [], mentions: [], reactions: [], replyCount: 0 } as Message;
}

function storeHolding(roomId: string, count: number) {
  const store = createChatStore({ me: 'ana' });
  const messages = Array.from({ length: count }, (_, index) => message(roomId, index + 1));
  store.setState((state: ChatState) => {
    const next = withMessages(state, roomId, messages, { me: 'ana', range: { from: 1, to: count } });
    return { timelines: next.timelines, threads: next.threads };
  });
  return store;
}

describe('where messages sit (selectMessageById)', () => {
  it('remembers places per store: one store finding a message teaches another nothing', () => {
    const one = storeHolding('general', 5);
    const two = storeHolding('general', 5);
    expect(selectMessageById(one.getState(), 'general', 'general-3')?.sequence).toBe(3);
    expect(one.getState().messagePlaces.get('general-3', 'general')).toEqual({ roomId: 'general', parentId: undefined, sequence: 3 });
    expect(two.getState().messagePlaces.size).toBe(0);
  });

  it('lets go of a room once the store no longer holds its timeline', () => {
    const store = storeHolding('general', 5);
    selectMessageById(store.getState(), 'general', 'general-2');
    expect(store.getState().messagePlaces.size).toBe(1);
    store.setState({ timelines: {} });
    expect(store.getState().messagePlaces.size).toBe(0);
  });

  it('checks a remembered place against the store, so a replaced message is not returned', () => {
    const store = storeHolding('general', 5);
    selectMessageById(store.getState(), 'general', 'general-4');
    const replaced = { ...message('general', 4), id: 'other-4' };
    store.setState((state: ChatState) => {
      const next = withMessages(state, 'general', [replaced], { me: 'ana', replace: true });
      return { timelines: next.timelines, threads: next.threads };
    });
    expect(selectMessageById(store.getState(), 'general', 'general-4')).toBeUndefined();
    expect(selectMessageById(store.getState(), 'general', 'other-4')?.text).toBe('#4');
  });
});
