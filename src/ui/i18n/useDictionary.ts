import { useEffect, useState, useSyncExternalStore } from 'react';
import { loadChatDictionary, loadedDictionary, matchChatLanguage, subscribeToDictionaries } from './catalog';
import type { ChatDictionary } from './dictionary';

/**
 * The dictionary for a locale, loading it if needed. While a language loads it returns the one
 * shown before (switching `de` → `fr` keeps German until French is here, never a flash of
 * English), and undefined only at first, when nothing was shown yet. English, and any language
 * loaded earlier (see `loadChatStrings`), is there on the first render.
 */
export function useDictionary(locale: string | undefined): ChatDictionary | undefined {
  const language = matchChatLanguage(locale);
  const current = useSyncExternalStore(
    subscribeToDictionaries,
    () => loadedDictionary(language),
    () => loadedDictionary(language),
  );
  const [shown, setShown] = useState(current);
  // Remember the last dictionary shown, to keep showing it while the next one loads.
  if (current !== undefined && current !== shown) setShown(current);

  useEffect(() => {
    if (current !== undefined) return;
    loadChatDictionary(language).catch((error: unknown) => {
      // The components fall back to English (loadedDictionary); say why, once.
      console.warn(`Confab: could not load the "${language}" texts; showing English.`, error);
    });
  }, [language, current]);

  return current ?? shown;
}
