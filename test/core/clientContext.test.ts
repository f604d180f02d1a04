import { changesState, updateState } from '../../src/core/clientContext';
import { createChatStore } from '../../src/core';

describe('updateState', () => {
  it('tells a change that keeps every slice from one that replaces a slice', () => {
    const state = createChatStore().getState();
    expect(changesState(state, {})).toBe(false);
    expect(changesState(state, { cursors: state.cursors, rooms: state.rooms })).toBe(false);
    expect(changesState(state, { me: 'ana' })).toBe(true);
  });

  it('notifies subscribers only of changes that change something', () => {
    const store = createChatStore();
    let notified = 0;
    store.subscribe(() => notified++);
    updateState(store, () => ({}));
    updateState(store, (state) => ({ timelines: state.timelines }));
    expect(notified).toBe(0);
    updateState(store, () => ({ me: 'ana' }));
    expect(notified).toBe(1);
  });
});
