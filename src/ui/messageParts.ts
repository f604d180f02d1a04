/**
 * Small helpers shared by the message list's parts.
 */
import { createContext } from 'react';

/**
 * Wraps text someone typed (a name) in Unicode directional isolates, for places where a `<bdi>`
 * cannot go: attribute values such as `title` and `aria-label`. A right-to-left name then cannot
 * reorder the sentence around it.
 *
 * @example
 * strings.seenBy(names.map(isolate));
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/**
 * Messages by one author closer together than this are grouped under one avatar and name.
 *
 * @example
 * const grouped = next.authorId === previous.authorId && next.createdAt - previous.createdAt < GROUP_WINDOW_MS;
 */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/**
 * The quick reactions offered on every message, in order.
 *
 * @example
 * QUICK_REACTIONS.map((emoji) => <button key={emoji}>{emoji}</button>);
 */
export const QUICK_REACTIONS: readonly string[] = Object.freeze(['👍', '❤️', '😂', '🎉', '😮', '😢']);

/**
 * Called by media in a message once it has loaded and taken its height, so a list following its
 * newest message can scroll down by what the picture added. Null outside a message list.
 *
 * @example
 * const onMediaLoad = useContext(MediaLoadContext);
 * <img onLoad={() => onMediaLoad?.()} />
 */
export const MediaLoadContext = createContext<(() => void) | null>(null);
