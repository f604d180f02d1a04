/* eslint-disable react-hooks/static-components -- the avatar comes from useSlot: the default or the replacement given in `components`, the same component on every render. */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { commandQuery, matchCommands, type SlashCommandSpec, type UserProfile } from '../../react';
import { Avatar } from '../Avatar';
import { useEmojiSource, useSlot, useStrings } from '../config';
import type { ChatStrings } from '../strings';
import { findShortcode, loadShortcodes, searchShortcodes, type ShortcodeIndex } from '../emoji/shortcodes';
import { findCompleteShortcode, findTrigger, type AutocompleteTrigger } from './triggers';

/** Suggestions shown at most. */
export const MAX_SUGGESTIONS = 8;

/**
 * One suggestion: a person to mention or an emoji, and the text that replaces the trigger.
 *
 * @example
 * const bo: Suggestion = { kind: 'mention', key: 'bo', userId: 'bo', name: 'Bo Svensson', insert: '@Bo Svensson ' };
 */
export type Suggestion =
  | { kind: 'mention'; key: string; userId: string; name: string; insert: string }
  | { kind: 'emoji'; key: string; native: string; code: string; insert: string }
  | { kind: 'command'; key: string; command: SlashCommandSpec; insert: string };

/** Lower case without diacritics, for matching names as people type them. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether a name, or any word of it, starts with the query (case and accents aside).
 *
 * @example
 * nameMatches('Zoë Ångström', 'ang'); // true
 */
export function nameMatches(name: string, query: string): boolean {
  if (query === '') return true;
  const folded = foldName(name);
  const q = foldName(query);
  return folded.startsWith(q) || folded.split(/\s+/).some((word) => word.startsWith(q));
}

/**
 * The room's members (not oneself) whose name matches, as mention suggestions.
 *
 * @example
 * mentionSuggestions(users, new Set(['ana', 'bo']), 'ana', 'b'); // [{ kind: 'mention', userId: 'bo', … }]
 */
export function mentionSuggestions(users: readonly UserProfile[], memberIds: ReadonlySet<string>, meId: string | null, query: string, limit = MAX_SUGGESTIONS): Suggestion[] {
  return users
    .filter((user) => memberIds.has(user.id) && user.id !== meId && nameMatches(user.name, query))
    .slice(0, limit)
    .map((user) => ({ kind: 'mention', key: user.id, userId: user.id, name: user.name, insert: `@${user.name} ` }));
}

/** Emoji whose shortcode matches, as suggestions. */
export function emojiSuggestions(index: ShortcodeIndex, query: string, limit = MAX_SUGGESTIONS): Suggestion[] {
  return searchShortcodes(index, query, limit).map((emoji) => ({ kind: 'emoji', key: emoji.id, native: emoji.native, code: emoji.code, insert: emoji.native }));
}

/**
 * The slash commands whose name starts with the query, as suggestions that put `/name ` in the draft.
 *
 * @example
 * commandSuggestions(commands, 'sh'); // [{ kind: 'command', key: 'shrug', insert: '/shrug ', … }]
 */
export function commandSuggestions(commands: readonly SlashCommandSpec[], query: string): Suggestion[] {
  return matchCommands(commands, query).map((command) => ({ kind: 'command', key: command.name, command, insert: `/${command.name} ` }));
}

const BUILT_IN_HELP: Readonly<Record<string, keyof ChatStrings>> = {
  me: 'commandMe',
  shrug: 'commandShrug',
  poll: 'commandPoll',
  topic: 'commandTopic',
  invite: 'commandInvite',
  leave: 'commandLeave',
  mute: 'commandMute',
  unmute: 'commandUnmute',
};

/**
 * What a command does, in the UI's language: built-ins from the strings, bots' as they wrote it.
 *
 * @example
 * commandHelp(strings, { name: 'leave', description: 'Leave this room', runs: 'client' }); // strings.commandLeave
 */
export function commandHelp(strings: ChatStrings, command: SlashCommandSpec): string {
  const key = command.runs === 'client' ? BUILT_IN_HELP[command.name] : undefined;
  const text = key !== undefined ? strings[key] : undefined;
  return typeof text === 'string' ? text : command.description;
}

/**
 * Text just typed, with a `:shortcode:` completed by its closing colon turned into the emoji
 * (`expanded`), and where the caret goes. Deleting never expands; neither does an unknown code.
 *
 * @example
 * expandShortcode('ok :thumbsup:', 13, 12, index); // { text: 'ok 👍', caret: 5, expanded: true }
 */
export function expandShortcode(text: string, caret: number, previousLength: number, index: ShortcodeIndex | null): { text: string; caret: number; expanded: boolean } {
  const unchanged = { text, caret, expanded: false };
  if (!index || text.length <= previousLength || text[caret - 1] !== ':') return unchanged;
  const complete = findCompleteShortcode(text, caret);
  const found = complete ? findShortcode(index, complete.code) : undefined;
  if (!complete || !found) return unchanged;
  return { text: text.slice(0, complete.start) + found.native + text.slice(caret), caret: complete.start + found.native.length, expanded: true };
}

/**
 * The mentions whose `@Name` is no longer in the text (deleted or edited away): they are no
 * longer mentions. People the client does not know are kept.
 *
 * @example
 * droppedMentions('hi all', ['bo'], new Map([['bo', { id: 'bo', name: 'Bo' }]])); // ['bo']
 */
export function droppedMentions(text: string, mentions: readonly string[], usersById: ReadonlyMap<string, Pick<UserProfile, 'name'>>): string[] {
  return mentions.filter((userId) => {
    const name = usersById.get(userId)?.name;
    return name !== undefined && !text.includes(`@${name}`);
  });
}

/**
 * What a key does while suggestions show.
 *
 * @example
 * const action: SuggestionKeyAction = 'next';
 */
export type SuggestionKeyAction = 'next' | 'previous' | 'pick' | 'dismiss';

/**
 * The keys the suggestion list takes from the text area: arrows move, Enter and Tab pick,
 * Escape dismisses; Shift+Enter and Shift+Tab stay the text area's.
 *
 * @example
 * suggestionKeyAction({ key: 'ArrowDown', shiftKey: false }); // 'next'
 */
export function suggestionKeyAction(event: { key: string; shiftKey: boolean }): SuggestionKeyAction | null {
  if (event.key === 'ArrowDown') return 'next';
  if (event.key === 'ArrowUp') return 'previous';
  if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) return 'pick';
  if (event.key === 'Escape') return 'dismiss';
  return null;
}

/**
 * Options of {@link useSuggestions}.
 *
 * @example
 * useSuggestions({ text, caret, users, memberIds, meId });
 */
export interface UseSuggestionsOptions {
  text: string;
  caret: number;
  users: readonly UserProfile[];
  memberIds: ReadonlySet<string>;
  meId: string | null;
  /** The slash commands to suggest after a `/` at the start of the draft; none when absent. */
  commands?: readonly SlashCommandSpec[];
}

/**
 * What {@link useSuggestions} returns.
 *
 * @example
 * const { open, suggestions, activeIndex, move, dismiss } = useSuggestions(options);
 */
export interface Suggestions {
  trigger: AutocompleteTrigger | null;
  suggestions: readonly Suggestion[];
  /** Whether the list shows (there is something to suggest and it was not dismissed). */
  open: boolean;
  activeIndex: number;
  /** Moves the active suggestion by `step`, wrapping around. */
  move(step: 1 | -1): void;
  activate(index: number): void;
  /** Hides the list until the caret enters another trigger. */
  dismiss(): void;
  /** The shortcode index, once loaded (see {@link loadEmoji}). */
  emojiIndex: ShortcodeIndex | null;
  /** Loads the shortcodes from the UI's emoji source, if it has one (once; a failure may be retried). */
  loadEmoji(): void;
}

/**
 * The `@mention`, `:shortcode` and `/command` suggestions for the text at the caret: which trigger the caret
 * is in, what matches it, which one is active, and whether the list was dismissed. Emoji
 * shortcodes load on demand ({@link Suggestions.loadEmoji}, on the first `:`).
 *
 * @example
 * const suggest = useSuggestions({ text, caret, users, memberIds, meId });
 * if (suggest.open) suggest.move(1);
 */
export function useSuggestions({ text, caret, users, memberIds, meId, commands }: UseSuggestionsOptions): Suggestions {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState({ key: '', index: 0 });
  const [emojiIndex, setEmojiIndex] = useState<ShortcodeIndex | null>(null);
  const emojiSource = useEmojiSource();
  const emojiLoad = useRef<Promise<unknown> | null>(null);

  const commandTyped = commands ? commandQuery(text, caret) : null;
  const trigger: AutocompleteTrigger | null = commandTyped !== null ? { kind: 'command', start: 0, query: commandTyped } : findTrigger(text, caret);
  const triggerKey = trigger ? `${trigger.kind}:${trigger.start}` : '';
  const query = trigger?.query ?? '';
  const kind = trigger?.kind;
  const suggestions = useMemo<Suggestion[]>(() => {
    if (kind === undefined || triggerKey === dismissed) return [];
    if (kind === 'mention') return mentionSuggestions(users, memberIds, meId, query);
    if (kind === 'command') return commandSuggestions(commands ?? [], query);
    return emojiIndex ? emojiSuggestions(emojiIndex, query) : [];
  }, [kind, triggerKey, query, dismissed, users, memberIds, meId, emojiIndex, commands]);

  // The active option belongs to one trigger and query: typing on starts again at the first.
  const listKey = `${triggerKey}:${query}`;
  const count = suggestions.length;
  const activeIndex = active.key === listKey ? Math.min(active.index, count - 1) : 0;

  return {
    trigger,
    suggestions,
    open: count > 0,
    activeIndex,
    move: (step) => setActive({ key: listKey, index: (activeIndex + step + count) % count }),
    activate: (index) => setActive({ key: listKey, index }),
    dismiss: () => setDismissed(triggerKey),
    emojiIndex,
    loadEmoji: () => {
      if (!emojiSource) return;
      emojiLoad.current ??= loadShortcodes(emojiSource).then(setEmojiIndex, () => {
        emojiLoad.current = null;
      });
    },
  };
}

/**
 * How one suggestion reads in the list: the person's avatar and name, the emoji and its
 * `:shortcode:`, or the command with its argument help and what it does.
 *
 * @example
 * <SuggestionContent suggestion={suggestion} />
 */
export function SuggestionContent({ suggestion }: { suggestion: Suggestion }): ReactNode {
  const AvatarPart = useSlot('Avatar', Avatar);
  const strings = useStrings();
  if (suggestion.kind === 'command') {
    const { command } = suggestion;
    return (
      <>
        <span className="confab-autocomplete-label">
          <span className="confab-autocomplete-command">/{command.name}</span>
          {command.args !== undefined && <span className="confab-autocomplete-args"> {command.args}</span>}
        </span>
        <span className="confab-autocomplete-help">{commandHelp(strings, command)}</span>
      </>
    );
  }
  if (suggestion.kind === 'mention') {
    return (
      <>
        <AvatarPart userId={suggestion.userId} size="xs" />
        <span className="confab-autocomplete-label">{suggestion.name}</span>
      </>
    );
  }
  return (
    <>
      <span className="confab-autocomplete-emoji" aria-hidden="true">
        {suggestion.native}
      </span>
      <span className="confab-autocomplete-label">:{suggestion.code}:</span>
    </>
  );
}
