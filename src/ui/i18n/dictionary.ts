import type { ChatStrings } from '../strings';
import type { LocaleFormat } from './format';

/**
 * One language's texts for every {@link ChatStrings} key. `strings` receives the helpers for the
 * locale in effect, so counts are formatted and pluralized by that locale's rules rather than
 * English ones.
 *
 * Confab ships English (built in) and, loaded on demand, Spanish (`es`), German (`de`), French
 * (`fr`), Portuguese as spoken in Brazil (`pt-BR`), Japanese (`ja`) and Arabic (`ar`).
 *
 * @example
 * const pirate: ChatDictionary = {
 *   language: 'en',
 *   direction: 'ltr',
 *   strings: (format) => ({ ...defaultStrings, send: 'Heave ho', members: (count) => format.plural(count, { one: '# hand', other: '# hands' }) }),
 * };
 */
export interface ChatDictionary {
  /** The BCP 47 language the texts are written in; its plural rules pick the forms. */
  readonly language: string;
  /** The language's writing direction; `<Chat>` takes it unless given `dir`. */
  readonly direction: 'ltr' | 'rtl';
  /** The texts, formatted for a locale. */
  strings(format: LocaleFormat): ChatStrings;
}
