/**
 * The locale-aware helpers a dictionary writes its texts with: numbers, percentages, lists and
 * plurals, all through Intl. Plurals follow the rules of the language the texts are written in
 * (Arabic has six forms, Japanese one); numbers and lists follow the full locale in effect
 * (`de-CH` groups thousands differently from `de-DE`).
 */

/** A plural category of `Intl.PluralRules`: `zero`, `one`, `two`, `few`, `many`, `other`. */
export type PluralCategory = Intl.LDMLPluralRule;

/**
 * The forms of one plural text, by category, with `#` where the count goes (formatted for the
 * locale). `other` is required; a language gives every category its plural rules use (English
 * `one` and `other`; Arabic all six; Japanese `other` alone).
 *
 * @example
 * const members: PluralForms = { one: '# member', other: '# members' };
 */
export type PluralForms = { readonly [category in PluralCategory]?: string } & { readonly other: string };

/**
 * Formatting for one dictionary in one locale, handed to {@link ChatDictionary.strings}.
 *
 * @example
 * const strings = (format: LocaleFormat) => ({ members: (count: number) => format.plural(count, { one: '# Mitglied', other: '# Mitglieder' }) });
 */
export interface LocaleFormat {
  /** The BCP 47 locale numbers and lists are formatted for (undefined: the runtime's). */
  readonly locale: string | undefined;
  /** A number as the locale writes it (`1,234`, `1.234`, `١٬٢٣٤`). */
  number(value: number): string;
  /** A percentage from 0 to 100 as the locale writes it (`45%`, `45 %`, `٪٤٥`). */
  percent(value: number): string;
  /** The form of `forms` the language's plural rules pick for `count`, with `#` replaced by the count. */
  plural(count: number, forms: PluralForms): string;
  /** Names joined as the locale joins them (`Ana, Bo and Chen`, `Ana, Bo und Chen`, `Ana、Bo、Chen`). */
  list(items: readonly string[]): string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const listFormats = new Map<string, Intl.ListFormat | null>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined && !cache.has(key)) {
    value = make();
    cache.set(key, value);
  }
  return value as T;
}

/** `Intl` throws a RangeError on a malformed tag: fall back to the runtime's locale instead. */
function safeLocale(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/**
 * The helpers for texts written in `language`, formatted for `locale`.
 *
 * @example
 * const format = createLocaleFormat('ar', 'ar-EG');
 * format.plural(3, { zero: 'لا رسائل', one: 'رسالة واحدة', two: 'رسالتان', few: '# رسائل', many: '# رسالة', other: '# رسالة' }); // "٣ رسائل"
 */
export function createLocaleFormat(language: string, locale: string | undefined): LocaleFormat {
  const tag = safeLocale(locale);
  const key = tag ?? '';
  const numbers = cached(numberFormats, key, () => new Intl.NumberFormat(tag));
  const percents = cached(numberFormats, `${key}|%`, () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }));
  const rules = cached(pluralRules, language, () => new Intl.PluralRules(safeLocale(language)));
  const lists = cached(listFormats, key, () => (typeof Intl.ListFormat === 'function' ? new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }) : null));
  const number = (value: number) => numbers.format(value);
  return {
    locale: tag,
    number,
    percent: (value) => percents.format(value / 100),
    plural: (count, forms) => (forms[rules.select(count)] ?? forms.other).replaceAll('#', number(count)),
    list: (items) => (items.length <= 1 ? (items[0] ?? '') : lists ? lists.format(items) : items.join(', ')),
  };
}
