import { createStore, type StoreApi } from 'zustand/vanilla';
import { searchTerms, toChatError, type ChatErrorPayload, type MessageSearchHit, type User } from '../protocol';

/**
 * Where a search stands. `hits` are every page loaded so far for `query`, in the server's order.
 *
 * @example
 * const state: SearchState<MessageSearchHit> = { query: 'lunch', status: 'ready', hits, hasMore: true, loadingMore: false, error: null };
 */
export interface SearchState<Hit> {
  query: string;
  /** `idle`: nothing to search for yet; `loading`: the first page is on its way. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  hits: readonly Hit[];
  hasMore: boolean;
  loadingMore: boolean;
  error: ChatErrorPayload | null;
}

/**
 * One page of results, as a search's `fetch` answers it.
 *
 * @example
 * const page: SearchPage<User> = { hits: users, next: 'bo' };
 */
export interface SearchPage<Hit> {
  hits: readonly Hit[];
  /** Where the next page starts; null: this was the last. */
  next: string | null;
}

/**
 * What a {@link createSearch} controller does: the small adapter each kind of search (messages,
 * people, rooms) provides.
 *
 * @example
 * const source: SearchSource<User> = { fetch: async (query, after) => ..., searchable: (query) => query.trim() !== '' };
 */
export interface SearchSource<Hit> {
  fetch(query: string, cursor: string | undefined): Promise<SearchPage<Hit>>;
  /** Whether a query is worth sending (else the search is idle). */
  searchable(query: string): boolean;
}

/**
 * A live search: set the query as the person types (the request waits `debounceMs` for typing to
 * pause), load more pages, retry after a failure. Answers that arrive for an older query are
 * dropped. Framework-free: its state is a zustand/vanilla store.
 *
 * @example
 * const search = createSearch(messageSearchSource(client, {}), { debounceMs: 200 });
 * search.store.subscribe((state) => render(state));
 * search.setQuery('lunch');
 */
export interface Search<Hit> {
  readonly store: StoreApi<SearchState<Hit>>;
  setQuery(query: string): void;
  loadMore(): Promise<void>;
  /** Runs the current query again at once (after a failure). */
  retry(): void;
  /** Stops any pending request timer. */
  dispose(): void;
}

export const initialSearchState: SearchState<never> = { query: '', status: 'idle', hits: [], hasMore: false, loadingMore: false, error: null };

/**
 * The state after a page arrived: the first page replaces the hits, a later one adds to them.
 *
 * @example
 * withPage(state, { hits, next: null }, false); // { ...state, status: 'ready', hits, hasMore: false }
 */
export function withPage<Hit>(state: SearchState<Hit>, page: SearchPage<Hit>, more: boolean): SearchState<Hit> {
  return { ...state, status: 'ready', hits: more ? [...state.hits, ...page.hits] : page.hits, hasMore: page.next !== null, loadingMore: false, error: null };
}

/**
 * Makes a live search over a source (see {@link Search}).
 *
 * @example
 * const search = createSearch(source, { debounceMs: 200 });
 */
export function createSearch<Hit>(source: SearchSource<Hit>, options: { debounceMs?: number } = {}): Search<Hit> {
  const debounceMs = options.debounceMs ?? 200;
  const store = createStore<SearchState<Hit>>()(() => initialSearchState);
  let generation = 0;
  let next: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run(query: string, more: boolean): Promise<void> {
    const mine = ++generation;
    try {
      const page = await source.fetch(query, more ? next : undefined);
      if (mine !== generation) return;
      next = page.next ?? undefined;
      store.setState((state) => withPage(state, page, more));
    } catch (error) {
      if (mine !== generation) return;
      const payload = toChatError(error).toPayload();
      store.setState(more ? { loadingMore: false, error: payload } : { status: 'failed', error: payload, hits: [], hasMore: false });
    }
  }

  function start(query: string): void {
    clearTimeout(timer);
    timer = undefined;
    generation += 1;
    next = undefined;
    if (!source.searchable(query)) {
      store.setState({ ...initialSearchState, query });
      return;
    }
    store.setState({ query, status: 'loading', loadingMore: false, error: null });
    timer = setTimeout(() => void run(query, false), debounceMs);
  }

  return {
    store,
    setQuery(query) {
      if (query === store.getState().query) return;
      start(query);
    },
    async loadMore() {
      const state = store.getState();
      if (state.status !== 'ready' || !state.hasMore || state.loadingMore) return;
      store.setState({ loadingMore: true, error: null });
      await run(state.query, true);
    },
    retry() {
      const { query } = store.getState();
      start(query);
      clearTimeout(timer);
      if (source.searchable(query)) void run(query, false);
    },
    dispose() {
      clearTimeout(timer);
      generation += 1;
    },
  };
}

/**
 * Whether a message query has a word to search for (letters or digits): the server's own rule.
 *
 * @example
 * hasSearchWords('*'); // false
 */
export function hasSearchWords(query: string): boolean {
  return searchTerms(query).length > 0;
}

/** The requests a search needs from a client. */
export interface SearchRequester {
  searchMessages(query: string, options?: { roomId?: string; before?: string; limit?: number }): Promise<{ hits: MessageSearchHit[]; next: string | null }>;
  searchPeople(query: string, options?: { after?: string; limit?: number }): Promise<{ users: User[]; next: string | null }>;
}

/**
 * Messages by their words, in one room or all of the person's.
 *
 * @example
 * const search = createSearch(messageSearchSource(client, { roomId: 'general' }));
 */
export function messageSearchSource(client: SearchRequester, scope: { roomId?: string }): SearchSource<MessageSearchHit> {
  return {
    searchable: hasSearchWords,
    fetch: async (query, cursor) => {
      const page = await client.searchMessages(query, { ...scope, ...(cursor !== undefined ? { before: cursor } : {}) });
      return { hits: page.hits, next: page.next };
    },
  };
}

/**
 * People by part of their name or id.
 *
 * @example
 * const search = createSearch(peopleSearchSource(client));
 */
export function peopleSearchSource(client: SearchRequester, options: { limit?: number } = {}): SearchSource<User> {
  return {
    searchable: (query) => query.trim() !== '',
    fetch: async (query, cursor) => {
      const page = await client.searchPeople(query, { ...options, ...(cursor !== undefined ? { after: cursor } : {}) });
      return { hits: page.users, next: page.next };
    },
  };
}
