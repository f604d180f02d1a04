import { ChatError } from '../../protocol';
import { ConformanceError } from './harness';

/** How long an expected event may take to arrive. */
export const EVENT_TIMEOUT_MS = 3000;

export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Whether `actual` has every property of `expected`, recursively (arrays: the same length and items). */
export function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => matches(actual[index], item));
  return Object.entries(expected).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value));
}

/** Deep equality of plain data (what crosses the wire). */
export function equal(actual: unknown, expected: unknown): boolean {
  return matches(actual, expected) && matches(expected, actual);
}

export function check(condition: boolean, what: string, actual?: unknown): void {
  if (!condition) throw new ConformanceError(arguments.length > 2 ? `${what} (got ${show(actual)})` : what);
}

export const checkEqual = (actual: unknown, expected: unknown, what: string) => check(equal(actual, expected), `${what}: expected ${show(expected)}`, actual);
export const checkMatch = (actual: unknown, expected: unknown, what: string) => check(matches(actual, expected), `${what}: expected at least ${show(expected)}`, actual);

/** Awaits a request that must fail, and checks it failed with a ChatError of `code` and a sentence. */
export async function checkRefused(request: Promise<unknown>, code: string, what: string): Promise<ChatError> {
  const outcome = await request.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new ConformanceError(`${what}: expected a ChatError "${code}", but it succeeded with ${show(outcome.value)}`);
  const { error } = outcome;
  check(error instanceof ChatError, `${what}: expected a ChatError "${code}"`, error);
  const chatError = error as ChatError;
  check(chatError.code === code, `${what}: expected the code "${code}"`, chatError.code);
  return chatError;
}


/** Sequences `from`, `from + 1`, … (`count` of them). */
export const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);
