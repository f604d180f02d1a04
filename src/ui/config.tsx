import { createContext, useContext, useMemo, type ComponentType, type ReactNode } from 'react';
import type { UploadAdapter } from '../core';
import type { EmojiSource } from './emoji/source';
import { stringsOf } from './i18n/catalog';
import { useDictionary } from './i18n/useDictionary';
import { defaultStrings, type ChatStrings } from './strings';

/**
 * Names of the replaceable parts. Every default part reads its sub-parts through `useSlot`, so a
 * replacement passed in `components` is used everywhere that part appears.
 *
 * @example
 * const name: SlotName = 'Avatar';
 */
export type SlotName =
  | 'Chat'
  | 'RoomList'
  | 'RoomListItem'
  | 'RoomHeader'
  | 'MessageList'
  | 'Message'
  | 'MessageActions'
  | 'Reactions'
  | 'QuotedMessage'
  | 'DateSeparator'
  | 'UnreadSeparator'
  | 'GapMarker'
  | 'NewMessagesPill'
  | 'TypingIndicator'
  | 'ReadReceipts'
  | 'AttachmentPreview'
  | 'Lightbox'
  | 'ThreadPanel'
  | 'Composer'
  | 'EmojiPicker'
  | 'Avatar'
  | 'PresenceBadge'
  | 'CreateRoomDialog'
  | 'DirectMessageDialog'
  | 'ConnectionBanner'
  | 'MembersPanel'
  | 'StreamingStatus'
  // Rooms and people
  | 'ProfileCard'
  | 'RoomDirectory';

/**
 * Look-and-language options shared by every component under a `ChatUIProvider` (which `<Chat>`
 * renders for you).
 *
 * @example
 * <ChatUIProvider locale="pt-BR" strings={{ send: 'Enviar' }} components={{ Avatar: MyAvatar }}>…</ChatUIProvider>
 */
export interface ChatUIOptions {
  /**
   * BCP 47 locale: the language of every text (English, `es`, `de`, `fr`, `pt-BR`, `ja`, `ar`;
   * any other language shows English) and how dates and numbers are written. Its dictionary is
   * loaded on demand (see `loadChatStrings` to have it before the first render); `ar` also makes
   * `<Chat>` right-to-left. Default: English texts, the browser's dates and numbers.
   */
  locale?: string;
  /** Overrides of any of the texts, over the locale's dictionary. */
  strings?: Partial<ChatStrings>;
  /**
   * What to render while the locale's texts load the first time (there is no wait for English,
   * or for a language loaded before). Default: nothing, rather than a flash of English.
   */
  localeFallback?: ReactNode;
  /** Replacements for default parts, by name (see `ChatComponents`). */
  components?: Partial<Record<SlotName, ComponentType<never>>>;
  /** The clock for "today"/"yesterday" and relative times. Default `Date.now`. */
  now?: () => number;
  /** Turns picked, dropped or pasted files into attachments. Without one, the composer offers no attachments. */
  uploads?: UploadAdapter;
  /**
   * Where the emoji picker and `:shortcode` completion get emoji-mart: `emojiMart` from
   * `confab-chat/emoji-mart` (after `npm install emoji-mart @emoji-mart/data`). Without one the picker
   * says emoji are unavailable and shortcode completion is off.
   */
  emoji?: EmojiSource;
}

interface ResolvedUI {
  locale: string | undefined;
  /** The writing direction of the texts' language. */
  direction: 'ltr' | 'rtl';
  /** The `strings` given to this provider and those above it. */
  overrides: Partial<ChatStrings>;
  strings: ChatStrings;
  components: Partial<Record<SlotName, ComponentType<never>>>;
  now: () => number;
  uploads: UploadAdapter | undefined;
  emoji: EmojiSource | undefined;
}

const DEFAULT_UI: ResolvedUI = { locale: undefined, direction: 'ltr', overrides: {}, strings: defaultStrings, components: {}, now: Date.now, uploads: undefined, emoji: undefined };

const ChatUIContext = createContext<ResolvedUI>(DEFAULT_UI);

/**
 * Provides locale, strings and part replacements to the components below it. Optional: without it
 * components use English, the browser's locale and their default parts. A provider without
 * `locale` takes its parent's; `strings` add to the parent's overrides.
 *
 * @example
 * <ChatUIProvider locale="de"><RoomList /></ChatUIProvider>
 */
export function ChatUIProvider({ children, locale, strings, localeFallback = null, components, now, uploads, emoji }: ChatUIOptions & { children?: ReactNode }): ReactNode {
  const parent = useContext(ChatUIContext);
  const effectiveLocale = locale ?? parent.locale;
  const dictionary = useDictionary(effectiveLocale);
  const value = useMemo<ResolvedUI | null>(() => {
    if (dictionary === undefined) return null;
    const overrides = strings ? { ...parent.overrides, ...strings } : parent.overrides;
    const base = stringsOf(dictionary, effectiveLocale);
    return {
      locale: effectiveLocale,
      direction: dictionary.direction,
      overrides,
      strings: Object.keys(overrides).length === 0 ? base : { ...base, ...overrides },
      components: components ? { ...parent.components, ...components } : parent.components,
      now: now ?? parent.now,
      uploads: uploads ?? parent.uploads,
      emoji: emoji ?? parent.emoji,
    };
  }, [parent, dictionary, effectiveLocale, strings, components, now, uploads, emoji]);
  if (value === null) return localeFallback;
  return <ChatUIContext.Provider value={value}>{children}</ChatUIContext.Provider>;
}

/** The strings in effect. */
export function useStrings(): ChatStrings {
  return useContext(ChatUIContext).strings;
}

/** The locale in effect (undefined: the browser's). */
export function useLocale(): string | undefined {
  return useContext(ChatUIContext).locale;
}

/** The writing direction of the language in effect: `rtl` for Arabic, else `ltr`. */
export function useTextDirection(): 'ltr' | 'rtl' {
  return useContext(ChatUIContext).direction;
}

/** The upload adapter in effect, if any. */
export function useUploadAdapter(): UploadAdapter | undefined {
  return useContext(ChatUIContext).uploads;
}

/**
 * The emoji source of the nearest `ChatUIProvider` (its `emoji` option), or undefined.
 *
 * @example
 * const emoji = useEmojiSource();
 * if (emoji) void emoji.loadData();
 */
export function useEmojiSource(): EmojiSource | undefined {
  return useContext(ChatUIContext).emoji;
}

/** The clock in effect. */
export function useNow(): () => number {
  return useContext(ChatUIContext).now;
}

/**
 * The component to render for a part: the replacement passed in `components`, or the default.
 *
 * @example
 * const AvatarPart = useSlot('Avatar', Avatar);
 * return <AvatarPart userId={authorId} />;
 */
export function useSlot<P>(name: SlotName, fallback: ComponentType<P>): ComponentType<P> {
  const replacement = useContext(ChatUIContext).components[name];
  return (replacement as ComponentType<P> | undefined) ?? fallback;
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
