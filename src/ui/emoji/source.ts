/**
 * What the emoji picker and `:shortcode` completion need from emoji-mart, as an adapter.
 *
 * emoji-mart and its data (`@emoji-mart/data`, 27 MB installed) are optional peer dependencies, so
 * `confab-chat/ui` never imports them: a bundler resolves every `import('…')` it sees at build time,
 * and would fail a build without them. An app that wants emoji installs both and passes the
 * adapter from `confab-chat/emoji-mart`; without one the picker says emoji are unavailable, shortcode
 * completion stays off, and everything else works.
 *
 * @example
 * import { emojiMart } from 'confab-chat/emoji-mart';
 *
 * <Chat emoji={emojiMart} />
 * // or, around your own parts: <ChatUIProvider emoji={emojiMart}>…</ChatUIProvider>
 */
export interface EmojiSource {
  /** emoji-mart's `Picker` custom element and its data; called the first time a picker opens. */
  loadPicker(): Promise<{ Picker: EmojiPickerElement; data: unknown }>;
  /** The emoji data (`@emoji-mart/data`), for shortcode completion. */
  loadData(): Promise<unknown>;
  /** emoji-mart's translation for a language (`'de'`), or undefined when it has none (English then). */
  loadTranslations(language: string): Promise<unknown> | undefined;
}

/**
 * The options of emoji-mart's `Picker` constructor that Confab passes.
 *
 * @example
 * const options: EmojiPickerOptions = { data, locale: 'en', theme: 'auto', onEmojiSelect, autoFocus: true, previewPosition: 'none', skinTonePosition: 'search', set: 'native' };
 */
export interface EmojiPickerOptions {
  data: unknown;
  i18n?: unknown;
  locale: string;
  theme: 'auto' | 'light' | 'dark';
  onEmojiSelect: (emoji: { native?: string }) => void;
  /** Not passed by Confab, which watches clicks outside itself (emoji-mart's watcher starts too early). */
  onClickOutside?: (event: MouseEvent) => void;
  autoFocus: boolean;
  previewPosition: 'none';
  skinTonePosition: 'search';
  set: 'native';
}

/**
 * emoji-mart's `Picker` class: a custom element made with the options above.
 *
 * @example
 * const element = new Picker(options); // an HTMLElement to append
 */
export type EmojiPickerElement = new (options: EmojiPickerOptions) => HTMLElement;
