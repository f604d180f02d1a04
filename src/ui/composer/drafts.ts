/**
 * Drafts: what someone had typed in a room (or a thread) and not sent, kept per person, room and
 * thread, across room switches and reloads. Pure decisions (keys, parsing) and a small store over
 * `localStorage` that never throws: where storage is unavailable (private modes, sandboxed
 * frames, blocked cookies) or full, drafts live in memory for the page's life instead.
 */

/**
 * A saved draft.
 *
 * @example
 * const draft: Draft = { text: 'See you at 4, @Bo Svensson', mentions: ['bo'], savedAt: 1764755000000 };
 */
export interface Draft {
  text: string;
  /** Ids of the people the draft mentions (picked from the @-suggestions). */
  mentions: readonly string[];
  /** When it was saved (ms since the epoch). */
  savedAt: number;
}

/**
 * Whose draft, where: one per person, room and thread.
 *
 * @example
 * const scope: DraftScope = { userId: 'ana', roomId: 'general', parentId: 'msg_42' };
 */
export interface DraftScope {
  userId: string;
  roomId: string;
  /** The thread's parent message: a thread's draft is apart from its room's. */
  parentId?: string | undefined;
}

/**
 * The part of `Storage` drafts use; tests pass their own.
 *
 * @example
 * const storage: DraftStorage = window.sessionStorage;
 */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Reads and writes drafts.
 *
 * @example
 * const drafts = createDraftStore(browserStorage());
 * drafts.save(scope, { text: 'hi', mentions: [], savedAt: Date.now() });
 * drafts.load(scope)?.text; // 'hi'
 */
export interface DraftStore {
  load(scope: DraftScope): Draft | null;
  /** Saves a draft; a blank one is cleared instead. */
  save(scope: DraftScope, draft: Draft): void;
  clear(scope: DraftScope): void;
}

const KEY_PREFIX = 'confab:draft:v1:';

/**
 * The storage key of a scope: each part encoded, so ids with colons cannot collide.
 *
 * @example
 * draftKey({ userId: 'ana', roomId: 'general' }); // 'confab:draft:v1:ana:general'
 * draftKey({ userId: 'ana', roomId: 'general', parentId: 'm1' }); // 'confab:draft:v1:ana:general:m1'
 */
export function draftKey(scope: DraftScope): string {
  const parts = [scope.userId, scope.roomId, ...(scope.parentId !== undefined ? [scope.parentId] : [])];
  return KEY_PREFIX + parts.map(encodeURIComponent).join(':');
}

/** Whether a draft has nothing worth keeping. */
export function isBlankDraft(draft: Pick<Draft, 'text'>): boolean {
  return draft.text.trim() === '';
}

/**
 * A stored value back into a draft; anything else (missing, not JSON, wrong shape, written by
 * someone else) is no draft, never an error.
 *
 * @example
 * parseDraft('{"text":"hi","mentions":[],"savedAt":1}'); // { text: 'hi', mentions: [], savedAt: 1 }
 * parseDraft('{oops'); // null
 */
export function parseDraft(raw: string | null): Draft | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { text, mentions, savedAt } = value as Record<string, unknown>;
  if (typeof text !== 'string' || isBlankDraft({ text })) return null;
  return {
    text,
    mentions: Array.isArray(mentions) ? mentions.filter((id): id is string => typeof id === 'string') : [],
    savedAt: typeof savedAt === 'number' && Number.isFinite(savedAt) ? savedAt : 0,
  };
}

/** A draft as stored. */
export function serializeDraft(draft: Draft): string {
  return JSON.stringify({ text: draft.text, mentions: [...draft.mentions], savedAt: draft.savedAt });
}

/**
 * What a composer shows when a scope's draft comes in: on opening, the draft unless something
 * was typed already (before anyone was signed in); on switching rooms or threads, the new
 * scope's draft or nothing (the old scope's text is saved). Null: leave the text as it is.
 *
 * @example
 * textToRestore({ switching: true, draft: null, currentText: 'for the old room' }); // ''
 * textToRestore({ switching: false, draft, currentText: '' }); // draft.text
 */
export function textToRestore({ switching, draft, currentText }: { switching: boolean; draft: Draft | null; currentText: string }): string | null {
  if (switching) return draft?.text ?? '';
  return draft !== null && currentText === '' ? draft.text : null;
}

/**
 * The page's `localStorage`, or null where reading it throws (sandboxed frames, blocked storage)
 * or there is none (Node).
 */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * A draft store over `storage` (none: memory only). A draft the storage refuses (full, gone,
 * never there) is kept in memory instead, so it still survives a room switch.
 *
 * @example
 * const drafts = createDraftStore(browserStorage());
 */
export function createDraftStore(storage: DraftStorage | null): DraftStore {
  /** Drafts the storage did not take; `null` marks one cleared while storage was failing. */
  const memory = new Map<string, Draft | null>();
  /** Runs `work` on the storage; false when there is none or it threw. */
  const stored = (work: (storage: DraftStorage) => void): boolean => {
    if (!storage) return false;
    try {
      work(storage);
      return true;
    } catch {
      return false;
    }
  };
  function clear(scope: DraftScope): void {
    const key = draftKey(scope);
    if (stored((store) => store.removeItem(key))) memory.delete(key);
    else memory.set(key, null);
  }
  return {
    load(scope) {
      const key = draftKey(scope);
      if (memory.has(key)) return memory.get(key) ?? null;
      let raw: string | null = null;
      stored((store) => {
        raw = store.getItem(key);
      });
      return parseDraft(raw);
    },
    save(scope, draft) {
      if (isBlankDraft(draft)) {
        clear(scope);
        return;
      }
      const key = draftKey(scope);
      if (stored((store) => store.setItem(key, serializeDraft(draft)))) memory.delete(key);
      else memory.set(key, draft);
    },
    clear,
  };
}

let pageDrafts: DraftStore | null = null;

/** The page's draft store (over `localStorage`), made on first use. */
export function pageDraftStore(): DraftStore {
  pageDrafts ??= createDraftStore(browserStorage());
  return pageDrafts;
}
