import { Fragment, type ReactNode } from 'react';

/** Private-use markers that no translation changes: they stand in for the values while the template runs. */
const marker = (index: number) => `\uE000${index}\uE001`;
const MARKERS = /\uE000(\d+)\uE001/;

/**
 * Renders a UI string that embeds names (or other text people typed), with each value isolated in
 * a `<bdi>` so a right-to-left name cannot reorder the sentence around it. The template is called
 * with placeholders, so translations may move the values anywhere. Values stay text: nothing is
 * parsed as markup.
 *
 * @example
 * withNames(strings.lastSeen, relativeTime);          // Last seen <bdi>5 minutes ago</bdi>
 * withNames(strings.beginningOfRoom, room.name);      // This is the beginning of <bdi>general</bdi>.
 */
export function withNames(template: (...values: string[]) => string, ...values: string[]): ReactNode {
  const text = template(...values.map((_, index) => marker(index)));
  if (!MARKERS.test(text)) return template(...values);
  const parts = text.split(MARKERS);
  // split with a capture group alternates text, index, text, index, …
  return parts.map((part, index) => {
    if (index % 2 === 0) return part === '' ? null : <Fragment key={index}>{part}</Fragment>;
    return <bdi key={index}>{values[Number(part)] ?? ''}</bdi>;
  });
}

/**
 * Folds case and strips diacritics, for filters that should find "Émile" when you type "emile".
 *
 * @example
 * foldForSearch('Émile Zola', 'fr'); // "emile zola"
 */
export function foldForSearch(text: string, locale?: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(locale);
}
