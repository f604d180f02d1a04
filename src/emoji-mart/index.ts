/**
 * `confab-chat/emoji-mart`: the emoji picker and `:shortcode` completion of `confab-chat/ui`, backed by
 * emoji-mart. Install both of its packages beside confab and pass the adapter:
 *
 * ```sh
 * npm install emoji-mart @emoji-mart/data
 * ```
 *
 * The code and data are imported on first use only (a picker opening, a `:` typed), so bundlers
 * put them in chunks of their own; translations come from `@emoji-mart/data/i18n`, never a CDN.
 *
 * @example
 * import { emojiMart } from 'confab-chat/emoji-mart';
 * import { Chat } from 'confab-chat/ui';
 *
 * <Chat emoji={emojiMart} />
 */
import type { EmojiPickerElement, EmojiSource } from '../ui';

/** emoji-mart's translations, each imported on demand (bundlers make each its own small chunk). */
const TRANSLATIONS: Record<string, () => Promise<unknown>> = {
  ar: () => import('@emoji-mart/data/i18n/ar.json'),
  be: () => import('@emoji-mart/data/i18n/be.json'),
  cs: () => import('@emoji-mart/data/i18n/cs.json'),
  de: () => import('@emoji-mart/data/i18n/de.json'),
  es: () => import('@emoji-mart/data/i18n/es.json'),
  fa: () => import('@emoji-mart/data/i18n/fa.json'),
  fi: () => import('@emoji-mart/data/i18n/fi.json'),
  fr: () => import('@emoji-mart/data/i18n/fr.json'),
  hi: () => import('@emoji-mart/data/i18n/hi.json'),
  it: () => import('@emoji-mart/data/i18n/it.json'),
  ja: () => import('@emoji-mart/data/i18n/ja.json'),
  ko: () => import('@emoji-mart/data/i18n/ko.json'),
  nl: () => import('@emoji-mart/data/i18n/nl.json'),
  pl: () => import('@emoji-mart/data/i18n/pl.json'),
  pt: () => import('@emoji-mart/data/i18n/pt.json'),
  ru: () => import('@emoji-mart/data/i18n/ru.json'),
  sa: () => import('@emoji-mart/data/i18n/sa.json'),
  tr: () => import('@emoji-mart/data/i18n/tr.json'),
  uk: () => import('@emoji-mart/data/i18n/uk.json'),
  vi: () => import('@emoji-mart/data/i18n/vi.json'),
  zh: () => import('@emoji-mart/data/i18n/zh.json'),
};

/** A JSON or CommonJS module's value: its default export when it has one. */
const valueOf = (module: unknown): unknown => (module as { default?: unknown }).default ?? module;

/**
 * The emoji-mart adapter for `<Chat emoji>` / `<ChatUIProvider emoji>`.
 *
 * @example
 * <ChatUIProvider emoji={emojiMart}>
 *   <Composer roomId="general" />
 * </ChatUIProvider>
 */
export const emojiMart: EmojiSource = {
  loadPicker: () =>
    Promise.all([import('emoji-mart'), import('@emoji-mart/data')]).then(([mart, data]: [unknown, unknown]) => ({
      Picker: (mart as { Picker: EmojiPickerElement }).Picker,
      data: valueOf(data),
    })),
  loadData: () => import('@emoji-mart/data').then(valueOf),
  loadTranslations: (language) => TRANSLATIONS[language]?.().then(valueOf),
};
