import { createSearch, messageSearchSource, withPage, type SearchSource } from '../../src/core';
import { ChatError } from '../../src/protocol';
import { createTestChat, type TestChat } from '../../src/testing';

let chat: TestChat | undefined;
afterEach(() => {
  chat?.close();
  vi.useRealTimers();
});

/** A source answering from a function, counting its calls. */
function fakeSource(answer: (query: string, cursor: string | undefined) => Promise<{ hits: string[]; next: string | null }>): SearchSource<string> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    searchable: (query) => query.trim() !== '',
    fetch: (query, cursor) => {
      calls.push(`${query}@${cursor ?? ''}`);
      return answer(query, cursor);
    },
  };
}

describe('createSearch', () => {
  it('waits for typing to pause, then asks once for the last query', async () => {
    vi.useFakeTimers();
    const source = fakeSource(async (query) => ({ hits: [`${query}!`], next: null }));
    const search = createSearch(source, { debounceMs: 200 });
    search.setQuery('l');
    search.setQuery('lu');
    search.setQuery('lunch');
    expect(search.store.getState()).toMatchObject({ query: 'lunch', status: 'loading' });
    await vi.advanceTimersByTimeAsync(250);
    expect(source.calls).toEqual(['lunch@']);
    expect(search.store.getState()).toMatchObject({ status: 'ready', hits: ['lunch!'], hasMore: false });
    search.setQuery('  ');
    expect(search.store.getState()).toMatchObject({ status: 'idle', hits: [] });
  });

  it('drops an answer that arrives for an older query', async () => {
    vi.useFakeTimers();
    let release: (() => void) | undefined;
    const source = fakeSource((query) =>
      query === 'slow' ? new Promise((resolve) => (release = () => resolve({ hits: ['old'], next: null }))) : Promise.resolve({ hits: ['new'], next: null }),
    );
    const search = createSearch(source, { debounceMs: 10 });
    search.setQuery('slow');
    await vi.advanceTimersByTimeAsync(20);
    search.setQuery('fast');
    await vi.advanceTimersByTimeAsync(20);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(search.store.getState()).toMatchObject({ query: 'fast', hits: ['new'] });
  });

  it('loads more pages after the cursor, and reports failures with a retry', async () => {
    vi.useFakeTimers();
    let fail = false;
    const source = fakeSource(async (_query, cursor) => {
      if (fail) throw new ChatError('unavailable', 'The server is away.');
      return cursor === undefined ? { hits: ['a', 'b'], next: 'b' } : { hits: ['c'], next: null };
    });
    const search = createSearch(source, { debounceMs: 0 });
    search.setQuery('x');
    await vi.advanceTimersByTimeAsync(1);
    expect(search.store.getState()).toMatchObject({ hits: ['a', 'b'], hasMore: true });
    await search.loadMore();
    expect(search.store.getState()).toMatchObject({ hits: ['a', 'b', 'c'], hasMore: false });
    expect(source.calls).toEqual(['x@', 'x@b']);
    fail = true;
    search.retry();
    await vi.advanceTimersByTimeAsync(1);
    expect(search.store.getState()).toMatchObject({ status: 'failed', error: { code: 'unavailable' } });
    fail = false;
    search.retry();
    await vi.advanceTimersByTimeAsync(1);
    expect(search.store.getState()).toMatchObject({ status: 'ready', hits: ['a', 'b'] });
  });

  it('withPage replaces on the first page and appends on the next', () => {
    const state = { query: 'q', status: 'loading' as const, hits: ['x'], hasMore: true, loadingMore: false, error: null };
    expect(withPage(state, { hits: ['a'], next: null }, false).hits).toEqual(['a']);
    expect(withPage(state, { hits: ['a'], next: 'a' }, true)).toMatchObject({ hits: ['x', 'a'], hasMore: true, status: 'ready' });
  });

  it('searches a real server through the client, in one room or all', async () => {
    chat = createTestChat();
    const ana = await chat.connect('ana');
    await ana.sendMessage('general', { text: 'Lunch at noon?' });
    await ana.sendMessage('random', { text: 'lunch photos' });
    await chat.settle();
    const all = await ana.searchMessages('lunch');
    expect(all.hits.map((hit) => hit.message.text)).toEqual(['lunch photos', 'Lunch at noon?']);
    const search = createSearch(messageSearchSource(ana, { roomId: 'general' }), { debounceMs: 0 });
    search.setQuery('lunch');
    await vi.waitFor(() => expect(search.store.getState().status).toBe('ready'));
    expect(search.store.getState().hits.map((hit) => hit.ranges)).toEqual([[{ start: 0, end: 5 }]]);
    expect((await ana.searchPeople('bo')).users.map((user) => user.id)).toContain('bo');
    await expect(ana.searchMessages('*')).rejects.toMatchObject({ code: 'invalid' });
  });
});
