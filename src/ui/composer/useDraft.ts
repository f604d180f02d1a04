import { useEffect, useRef } from 'react';
import type { Composer as ComposerState } from '../../react';
import { draftKey, pageDraftStore, textToRestore, type DraftScope, type DraftStore } from './drafts';

/**
 * Options of {@link useDraft}.
 *
 * @example
 * useDraft({ composer, scope: me ? { userId: me, roomId, parentId } : null });
 */
export interface UseDraftOptions {
  /** The composer whose draft is kept (from `useComposer`). */
  composer: Pick<ComposerState, 'text' | 'setText' | 'mentions' | 'addMention' | 'removeMention' | 'editing' | 'cancelEdit' | 'quoting' | 'cancelQuote'>;
  /** Whose draft and where; null (nobody signed in yet): nothing is kept. */
  scope: DraftScope | null;
  /** Where drafts are kept. Default the page's `localStorage` (see {@link pageDraftStore}). */
  store?: DraftStore;
}

/**
 * Keeps a composer's draft for its person, room and thread: brings it back when the composer
 * opens (after a room switch, after a reload), switches drafts when the room or thread changes,
 * saves every change of the text and its mentions, and forgets it once sent (the text is then
 * empty). An edit in progress is not a draft: while editing, the draft put aside stays saved.
 * Restoring does not tell the room you are typing.
 *
 * @example
 * const composer = useComposer(roomId, { parentId });
 * useDraft({ composer, scope: me === null ? null : { userId: me, roomId, parentId } });
 */
export function useDraft({ composer, scope, store = pageDraftStore() }: UseDraftOptions): void {
  const key = scope === null ? null : draftKey(scope);
  const latest = useRef({ composer, scope, store });
  useEffect(() => {
    latest.current = { composer, scope, store };
  });
  /** The scope whose draft the composer holds. */
  const loadedKey = useRef<string | null>(null);
  /** Text just restored and not yet rendered: until it is, the text seen is the old one. */
  const restoring = useRef<string | null>(null);

  // Restore: on the first scope, and whenever it changes.
  useEffect(() => {
    if (key === null || loadedKey.current === key) return;
    const { composer: current, scope: where, store: drafts } = latest.current;
    const switching = loadedKey.current !== null;
    loadedKey.current = key;
    if (!where) return;
    const draft = drafts.load(where);
    const text = textToRestore({ switching, draft, currentText: current.text });
    if (text === null) return;
    if (switching) {
      if (current.editing) current.cancelEdit();
      if (current.quoting) current.cancelQuote();
      for (const userId of current.mentions) current.removeMention(userId);
    }
    restoring.current = text;
    current.setText(text, { typing: false });
    for (const userId of draft?.mentions ?? []) current.addMention(userId);
  }, [key]);

  // Save: every change of the text or its mentions, once the scope's draft is in.
  const { text, mentions, editing } = composer;
  useEffect(() => {
    if (key === null || loadedKey.current !== key || editing) return;
    if (restoring.current !== null) {
      if (text !== restoring.current) return;
      restoring.current = null;
    }
    const { scope: where, store: drafts } = latest.current;
    if (where) drafts.save(where, { text, mentions, savedAt: Date.now() });
  }, [key, text, mentions, editing]);
}
