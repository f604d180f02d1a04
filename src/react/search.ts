import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createSearch, messageSearchSource, peopleSearchSource, type Search, type SearchSource, type SearchState } from '../core';
import type { MessageSearchHit, User } from '../protocol';
import { useClientFor } from './provider';

/**
 * A live search as a component sees it: where it stands, and what it can do next.
 *
 * @example
 * const { status, hits, hasMore, loadMore } = useMessageSearch(query);
 */
export interface SearchView<Hit> extends SearchState<Hit> {
  loadMore(): void;
  retry(): void;
}

/** Follows `query` with a search over `source` (a new search when the source changes), for the component's lifetime. */
function useSearch<Hit>(query: string, source: SearchSource<Hit>, debounceMs: number | undefined): SearchView<Hit> {
  const search: Search<Hit> = useMemo(() => createSearch(source, debounceMs === undefined ? {} : { debounceMs }), [source, debounceMs]);
  useEffect(() => () => search.dispose(), [search]);
  useEffect(() => search.setQuery(query), [search, query]);
  const state = useStore(search.store);
  return useMemo(() => ({ ...state, loadMore: () => void search.loadMore(), retry: () => search.retry() }), [state, search]);
}

/**
 * Messages that hold the words of `query`, newest first, in one room (`roomId`) or every room of
 * the user; the request waits for typing to pause (`debounceMs`, default 200). Each hit carries
 * the message and where its text matched (`ranges`), to mark as text.
 *
 * @example
 * const [query, setQuery] = useState('');
 * const search = useMessageSearch(query, { roomId });
 * search.hits.map((hit) => <Hit key={hit.message.id} hit={hit} />);
 */
export function useMessageSearch(query: string, options: { roomId?: string; debounceMs?: number } = {}): SearchView<MessageSearchHit> {
  const client = useClientFor('useMessageSearch');
  const { roomId, debounceMs } = options;
  const source = useMemo(() => messageSearchSource(client, roomId === undefined ? {} : { roomId }), [client, roomId]);
  return useSearch(query, source, debounceMs);
}

/**
 * People whose name or id holds `query` (case and accents ignored), by id, a page at a time.
 *
 * @example
 * const people = usePeopleSearch(query, { limit: 5 });
 */
export function usePeopleSearch(query: string, options: { limit?: number; debounceMs?: number } = {}): SearchView<User> {
  const client = useClientFor('usePeopleSearch');
  const { limit, debounceMs } = options;
  const source = useMemo(() => peopleSearchSource(client, limit === undefined ? {} : { limit }), [client, limit]);
  return useSearch(query, source, debounceMs);
}
