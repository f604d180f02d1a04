const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Which browser origins may reach the host, over HTTP and the socket alike: the listed ones, any
 * with '*', or (null, dev mode) any localhost origin. A request without an Origin is a Node
 * client or curl, allowed when `allowMissingOrigin` is.
 *
 * @example
 * const originAllowed = createOriginCheck(['https://app.example.com'], true);
 * originAllowed('https://evil.example'); // false
 */
export function createOriginCheck(allowedOrigins: readonly string[] | '*' | null, allowMissingOrigin: boolean): (origin: string | undefined) => boolean {
  return (origin) => {
    if (origin === undefined || origin === '') return allowMissingOrigin;
    if (allowedOrigins === '*') return true;
    if (allowedOrigins === null) return LOCAL_ORIGIN.test(origin);
    return allowedOrigins.includes(origin);
  };
}
