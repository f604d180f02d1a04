// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import type { UserProfile } from '../../../src/react';
import { buildShortcodeIndex } from '../../../src/ui/emoji/shortcodes';
import { droppedMentions, emojiSuggestions, expandShortcode, foldName, mentionSuggestions, nameMatches, suggestionKeyAction, useSuggestions } from '../../../src/ui/composer/suggestions';
import { findCompleteShortcode, findTrigger } from '../../../src/ui/composer/triggers';

const users: UserProfile[] = [
  { id: 'ana', name: 'Ana Lima' },
  { id: 'bo', name: 'Bo Svensson' },
  { id: 'zoe', name: 'Zoë Ångström' },
  { id: 'ben', name: 'Ben Okafor' },
  { id: 'out', name: 'Bea Outsider' },
];
const members = new Set(['ana', 'bo', 'zoe', 'ben']);

describe('mention suggestions', () => {
  it('match a name or any word of it, ignoring case and accents', () => {
    expect(foldName('Zoë Ångström')).toBe('zoe angstrom');
    expect(nameMatches('Zoë Ångström', 'ANG')).toBe(true);
    expect(nameMatches('Bo Svensson', 'sv')).toBe(true);
    expect(nameMatches('Bo Svensson', 'vens')).toBe(false);
    expect(nameMatches('anyone', '')).toBe(true);
  });

  it('offer the room’s members only, never oneself, up to the limit', () => {
    expect(mentionSuggestions(users, members, 'ana', 'b').map((s) => s.key)).toEqual(['bo', 'ben']);
    expect(mentionSuggestions(users, members, 'ana', '').map((s) => s.key)).toEqual(['bo', 'zoe', 'ben']);
    expect(mentionSuggestions(users, members, 'ana', '', 1)).toEqual([{ kind: 'mention', key: 'bo', userId: 'bo', name: 'Bo Svensson', insert: '@Bo Svensson ' }]);
  });
});

describe('emoji suggestions', () => {
  it('insert the emoji itself', () => {
    const index = buildShortcodeIndex({ emojis: { smile: { id: 'smile', name: 'Smile', skins: [{ native: '😄' }] } }, aliases: {} });
    expect(emojiSuggestions(index, 'smi')).toEqual([{ kind: 'emoji', key: 'smile', native: '😄', code: 'smile', insert: '😄' }]);
  });
});

describe('typing', () => {
  const index = buildShortcodeIndex({ emojis: { '+1': { id: '+1', name: 'Thumbs Up', skins: [{ native: '👍' }] } }, aliases: { thumbsup: '+1' } });

  it('turns a :shortcode: closed by its colon into the emoji, keeping the rest of the text', () => {
    expect(expandShortcode('ok :thumbsup: then', 13, 17, index)).toEqual({ text: 'ok 👍 then', caret: 5, expanded: true });
    // Not while deleting, not for unknown codes, not before the index has loaded.
    expect(expandShortcode('ok :thumbsup:', 13, 14, index).expanded).toBe(false);
    expect(expandShortcode('ok :nope:', 9, 8, index).expanded).toBe(false);
    expect(expandShortcode('ok :thumbsup:', 13, 12, null)).toEqual({ text: 'ok :thumbsup:', caret: 13, expanded: false });
  });

  it('drops mentions whose @Name left the text, and keeps people it cannot name', () => {
    const byId = new Map([
      ['bo', { name: 'Bo Svensson' }],
      ['chen', { name: 'Chen Wei' }],
    ]);
    expect(droppedMentions('thanks @Bo Svensson', ['bo', 'chen', 'ghost'], byId)).toEqual(['chen']);
  });
});

describe('triggers', () => {
  it('find a complete :shortcode: just before the caret', () => {
    expect(findCompleteShortcode('ok :thumbsup:', 13)).toEqual({ start: 3, code: 'thumbsup' });
    expect(findCompleteShortcode('at 10:30:', 9)).toBeNull();
    expect(findTrigger('(@bo', 4)).toEqual({ kind: 'mention', start: 1, query: 'bo' });
  });
});

describe('suggestionKeyAction', () => {
  it('takes arrows, Enter, Tab and Escape; leaves Shift+Enter and Shift+Tab to the text area', () => {
    expect(suggestionKeyAction({ key: 'ArrowDown', shiftKey: false })).toBe('next');
    expect(suggestionKeyAction({ key: 'ArrowUp', shiftKey: false })).toBe('previous');
    expect(suggestionKeyAction({ key: 'Enter', shiftKey: false })).toBe('pick');
    expect(suggestionKeyAction({ key: 'Tab', shiftKey: false })).toBe('pick');
    expect(suggestionKeyAction({ key: 'Escape', shiftKey: false })).toBe('dismiss');
    expect(suggestionKeyAction({ key: 'Enter', shiftKey: true })).toBeNull();
    expect(suggestionKeyAction({ key: 'Tab', shiftKey: true })).toBeNull();
    expect(suggestionKeyAction({ key: 'a', shiftKey: false })).toBeNull();
  });
});

describe('useSuggestions', () => {
  const render = (text: string, caret = text.length) => renderHook((props: { text: string; caret: number }) => useSuggestions({ ...props, users, memberIds: members, meId: 'ana' }), { initialProps: { text, caret } });

  it('opens at a trigger, moves the active option around the list, and starts again at the first when the query changes', () => {
    const { result, rerender } = render('hi @');
    expect(result.current.open).toBe(true);
    expect(result.current.suggestions.map((s) => s.key)).toEqual(['bo', 'zoe', 'ben']);
    expect(result.current.activeIndex).toBe(0);
    act(() => result.current.move(-1));
    expect(result.current.activeIndex).toBe(2);
    act(() => result.current.move(1));
    expect(result.current.activeIndex).toBe(0);
    act(() => result.current.activate(1));
    expect(result.current.activeIndex).toBe(1);
    rerender({ text: 'hi @b', caret: 5 });
    expect(result.current.suggestions.map((s) => s.key)).toEqual(['bo', 'ben']);
    expect(result.current.activeIndex).toBe(0);
  });

  it('stays dismissed for that trigger only, and is closed away from a trigger', () => {
    const { result, rerender } = render('hi @b');
    act(() => result.current.dismiss());
    expect(result.current.open).toBe(false);
    rerender({ text: 'hi @bo', caret: 6 });
    expect(result.current.open).toBe(false);
    rerender({ text: 'hi @bo and @', caret: 12 });
    expect(result.current.open).toBe(true);
    rerender({ text: 'hi @bo and @', caret: 2 });
    expect(result.current.trigger).toBeNull();
    expect(result.current.open).toBe(false);
  });
});
