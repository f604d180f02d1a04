/**
 * A random name for a fresh history: 16 bytes of the platform's CSPRNG as hex (browsers and Node).
 *
 * @example
 * const storage = { epoch: randomEpoch() };
 */
export function randomEpoch(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
