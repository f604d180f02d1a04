import { createContext, useContext, type Provider } from 'react';

/**
 * Thrown when a part is rendered outside the root it needs, e.g. a hook outside `<ChatProvider>`.
 * A mistake in the page's code, not a chat failure, so it is not a {@link ChatError}: it says
 * which part and which root, and how to fix it.
 *
 * @example
 * try { renderOutsideProvider(); } catch (error) {
 *   if (error instanceof ConfabContextError) console.error(error.part, 'needs', error.root);
 * }
 */
export class ConfabContextError extends Error {
  /** What was used in the wrong place, as written in the message: `useMessages`, `<MyThreadButton>`. */
  readonly part: string;
  /** The root it must be inside, without brackets: `ChatProvider`. */
  readonly root: string;

  constructor(part: string, root: string, hint?: string) {
    super(`${part} must be used inside <${root}>${hint === undefined ? '.' : `: ${hint}`}`);
    this.name = 'ConfabContextError';
    this.part = part;
    this.root = root;
  }
}

/**
 * A context owned by one root, from {@link createRequiredContext}.
 *
 * @example
 * const Theme = createRequiredContext<Theme>('ThemeRoot');
 * <Theme.Provider value={theme}>…</Theme.Provider>;
 * const theme = Theme.use('<ThemedButton>'); // throws ConfabContextError outside <ThemeRoot>
 */
export interface RequiredContext<T> {
  /** What the root renders around its parts. */
  Provider: Provider<T | undefined>;
  /**
   * The root's value. Outside the root: with `part`, throws a {@link ConfabContextError} naming
   * the part and the root; without, returns `undefined` (for parts documented to work alone too).
   */
  use(part: string): T;
  use(part?: string): T | undefined;
}

/**
 * Creates a context for a root and its parts, in the manner of Radix's `createContextScope`: a
 * part outside its root fails at once with an error that names both, instead of rendering
 * nothing. Parts that are meant to work alone as well read it without a part name.
 *
 * @example
 * const ClientContext = createRequiredContext<ChatClient>('ChatProvider', 'wrap your components in <ChatProvider client={client}>.');
 * const client = ClientContext.use('useChatClient');
 */
export function createRequiredContext<T>(root: string, hint?: string): RequiredContext<T> {
  // `undefined` means "no root above": a root may still provide null or any other value.
  const context = createContext<T | undefined>(undefined);
  context.displayName = root;
  function use(part: string): T;
  function use(part?: string): T | undefined;
  function use(part?: string): T | undefined {
    const value = useContext(context);
    if (value === undefined && part !== undefined) throw new ConfabContextError(part, root, hint);
    return value;
  }
  return { Provider: context.Provider, use };
}
