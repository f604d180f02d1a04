/**
 * A value now (synchronous storage: memory, SQLite) or later (asynchronous storage: PostgreSQL).
 * The server's rules run once for both; only the few places that wait on storage pass through
 * these helpers, so an in-page server stays synchronous end to end.
 *
 * @example
 * const name: MaybePromise<string> = andThen(storage.transaction(read), (user) => user.name);
 */
export type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Applies `next` to a value now, or when it arrives.
 *
 * @example
 * andThen(getUser('ana'), (user) => user?.name);
 */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

/**
 * Runs `work` and turns its result or its failure (thrown now, or rejected later) into one value.
 *
 * @example
 * attempt(() => run(work), (value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
 */
export function attempt<T, U>(work: () => MaybePromise<T>, onValue: (value: T) => U, onError: (error: unknown) => U): MaybePromise<U> {
  let value: MaybePromise<T>;
  try {
    value = work();
  } catch (error) {
    return onError(error);
  }
  return isPromise(value) ? value.then(onValue, onError) : onValue(value);
}

/**
 * The value of a synchronous server call; an asynchronous storage here is a programming error.
 *
 * @example
 * const user = now(core.getUser('ana'));
 */
export function now<T>(value: MaybePromise<T>): T {
  if (isPromise(value)) {
    throw new TypeError('This storage engine is asynchronous: use createChatServer (whose methods return promises) instead of createReferenceServer.');
  }
  return value;
}
