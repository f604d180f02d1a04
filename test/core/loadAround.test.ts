import { readableUpTo, selectFirstUnread, selectHoldsAround, selectHasNewer, selectHasOlder, selectMessages, selectTimeline } from '../../src/core';
import { createTestChat, type TestChat } from '../../src/testing';

let chat: TestChat | undefined;
afterEach(() => chat?.close());

/** Ana with `count` messages by others in general, read up to `read`. */
async function setup(count: number, read: number) {
  chat = createTestChat();
  chat.seedMessages('general', count, { authorIds: ['bo', 'chen'] });
  chat.server.actAs('ana', { type: 'cursor.set', roomId: 'general', sequence: read });
  const ana = await chat.connect('ana', { pageSize: 50 });
  return { ana };
}

describe('loadAround', () => {
  it('loads the page before and the page from a sequence, as one held stretch', async () => {
    const { ana } = await setup(300, 100);
    expect(selectFirstUnread(ana.store.getState(), 'general')).toBe(101);
    expect(selectHoldsAround(ana.store.getState(), 'general', 101)).toBe(false);
    await ana.loadAround('general', 101);
    const state = ana.store.getState();
    expect(selectTimeline(state, 'general').covered).toEqual([{ from: 51, to: 150 }]);
    expect(selectMessages(state, 'general').map((message) => message.sequence)).toEqual(Array.from({ length: 100 }, (_, index) => 51 + index));
    expect(selectHoldsAround(state, 'general', 101)).toBe(true);
    expect(selectHasOlder(state, 'general')).toBe(true);
    expect(selectHasNewer(state, 'general')).toBe(true);
    expect(selectTimeline(state, 'general').loading).toBeNull();
  });

  it('near the start covers down to 1, and past the newest loads the newest page', async () => {
    const { ana } = await setup(300, 0);
    await ana.loadAround('general', 1);
    expect(selectTimeline(ana.store.getState(), 'general').covered).toEqual([{ from: 1, to: 50 }]);
    expect(selectHasOlder(ana.store.getState(), 'general')).toBe(false);
    await ana.loadAround('general', 301);
    expect(selectTimeline(ana.store.getState(), 'general').covered).toEqual([
      { from: 1, to: 50 },
      { from: 251, to: 300 },
    ]);
    expect(selectHasNewer(ana.store.getState(), 'general')).toBe(false);
  });

  it('is joined by a first-page load asked at the same time, so the newest page is not fetched too', async () => {
    const { ana } = await setup(300, 100);
    const around = ana.loadAround('general', 101);
    const older = ana.loadOlder('general');
    await Promise.all([around, older]);
    expect(selectTimeline(ana.store.getState(), 'general').covered).toEqual([{ from: 51, to: 150 }]);
  });

  it('records a failure on the timeline and rejects with a ChatError', async () => {
    const { ana } = await setup(10, 0);
    await expect(ana.loadAround('nowhere', 5)).rejects.toMatchObject({ code: expect.any(String) });
    expect(selectTimeline(ana.store.getState(), 'nowhere').error).not.toBeNull();
    expect(selectTimeline(ana.store.getState(), 'nowhere').loading).toBeNull();
  });

  it('says nothing is unread once the cursor is at the newest message', async () => {
    const { ana } = await setup(20, 20);
    expect(selectFirstUnread(ana.store.getState(), 'general')).toBeNull();
  });
});

describe('readableUpTo', () => {
  it('follows the reader through held messages and stops before a gap or unloaded history', () => {
    const covered = [
      { from: 51, to: 150 },
      { from: 300, to: 305 },
    ];
    expect(readableUpTo(covered, 100, 120)).toBe(120);
    expect(readableUpTo(covered, 100, 305)).toBe(150);
    expect(readableUpTo(covered, 100, 90)).toBe(100);
    expect(readableUpTo(covered, 150, 305)).toBe(150);
    expect(readableUpTo([{ from: 1, to: 10 }], 0, 10)).toBe(10);
    expect(readableUpTo([{ from: 200, to: 300 }], 100, 250)).toBe(100);
  });
});
