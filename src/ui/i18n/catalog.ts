import type { ChatStrings } from '../strings';
import type { ChatDictionary } from './dictionary';
import { english } from './english';
import { createLocaleFormat } from './format';

/**
 * The dictionaries Confab ships besides English, each its own module imported on demand, so an
 * English app ships none of them and a German one fetches only German. Keys are BCP 47 tags.
 * (The widget build turns each `import('./dictionaries/…')` into a chunk beside the script.)
 */
const LOADERS: Readonly<Record<string, () => Promise<{ default: ChatDictionary }>>> = {
  ar: () => import('./dictionaries/ar'),
  de: () => import('./dictionaries/de'),
  es: () => import('./dictionaries/es'),
  fr: () => import('./dictionaries/fr'),
  ja: () => import('./dictionaries/ja'),
  'pt-BR': () => import('./dictionaries/pt-BR'),
};

/**
 * The languages Confab has texts for, as BCP 47 tags: `en` (built in) and those loaded on demand.
 *
 * @example
 * CHAT_LANGUAGES; // ['en', 'ar', 'de', 'es', 'fr', 'ja', 'pt-BR']
 */
export const CHAT_LANGUAGES: readonly string[] = ['en', ...Object.keys(LOADERS)];

/**
 * The shipped language that fits a locale best: the same tag (`pt-BR`), else the same language
 * (`de-AT` → `de`, `pt-PT` → `pt-BR`), else English. A malformed tag is English too.
 *
 * @example
 * matchChatLanguage('es-MX'); // 'es'
 * matchChatLanguage('it'); // 'en'
 */
export function matchChatLanguage(locale: string | undefined): string {
  const tag = canonicalTag(locale);
  if (tag === undefined) return 'en';
  const exact = CHAT_LANGUAGES.find((language) => language.toLowerCase() === tag.toLowerCase());
  if (exact !== undefined) return exact;
  const primary = (value: string) => value.split('-')[0]?.toLowerCase();
  return CHAT_LANGUAGES.find((language) => primary(language) === primary(tag)) ?? 'en';
}

function canonicalTag(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

const loaded = new Map<string, ChatDictionary>([['en', english]]);
const failed = new Set<string>();
const pending = new Map<string, Promise<ChatDictionary>>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever a dictionary finishes loading (or fails to). Returns the unsubscribe. */
export function subscribeToDictionaries(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The dictionary for a language of {@link CHAT_LANGUAGES} if it is here already: English always,
 * another once loaded, English again if loading it failed. Undefined while it loads.
 */
export function loadedDictionary(language: string): ChatDictionary | undefined {
  return loaded.get(language) ?? (failed.has(language) ? english : undefined);
}

/**
 * Loads the dictionary that fits a locale (see {@link matchChatLanguage}), once; later calls and
 * `<Chat locale>` use the copy in memory. Rejects if the module cannot be fetched (offline, a
 * missing chunk); components then show English, and a later call tries again.
 */
export function loadChatDictionary(locale: string | undefined): Promise<ChatDictionary> {
  const language = matchChatLanguage(locale);
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  const load = LOADERS[language];
  if (!load) return Promise.resolve(english);
  let promise = pending.get(language);
  if (!promise) {
    promise = load().then(
      (module) => {
        pending.delete(language);
        failed.delete(language);
        loaded.set(language, module.default);
        changed();
        return module.default;
      },
      (error: unknown) => {
        pending.delete(language);
        failed.add(language);
        changed();
        throw error;
      },
    );
    pending.set(language, promise);
  }
  return promise;
}

const built = new WeakMap<ChatDictionary, Map<string, ChatStrings>>();

/**
 * A dictionary's texts formatted for a locale, over English for any key it lacks. Memoized, so
 * every component under one locale shares one object.
 */
export function stringsOf(dictionary: ChatDictionary, locale: string | undefined): ChatStrings {
  let byLocale = built.get(dictionary);
  if (!byLocale) {
    byLocale = new Map();
    built.set(dictionary, byLocale);
  }
  const key = locale ?? '';
  let strings = byLocale.get(key);
  if (!strings) {
    const own = dictionary.strings(createLocaleFormat(dictionary.language, locale));
    strings = dictionary === english ? own : { ...stringsOf(english, locale), ...definedOnly(own) };
    byLocale.set(key, strings);
  }
  return strings;
}

/** A dictionary written by hand may leave keys undefined: those fall back to English too. */
function definedOnly(strings: Partial<ChatStrings>): Partial<ChatStrings> {
  return Object.fromEntries(Object.entries(strings).filter(([, value]) => value !== undefined)) as Partial<ChatStrings>;
}

/**
 * The texts for a locale, loading its dictionary first if it is not here yet: call it before the
 * first render (or on the server, before rendering) and `<Chat locale>` shows the language from
 * its first frame, with no wait at all. Resolves to English for a language Confab has no
 * dictionary for, and, if the dictionary cannot be fetched, rejects.
 *
 * @example
 * await loadChatStrings('de');
 * root.render(<ChatProvider client={client}><Chat locale="de" /></ChatProvider>);
 */
export async function loadChatStrings(locale: string | undefined): Promise<ChatStrings> {
  return stringsOf(await loadChatDictionary(locale), locale);
}
