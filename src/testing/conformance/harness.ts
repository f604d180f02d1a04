import type { Limits } from '../../protocol';
import type { Transport, UploadAdapter } from '../../core';
import type { ChatServer, ReferenceServer } from '../../server';
import type { OpenClient } from './client';

/**
 * The seeding side of the backend a transport under test reaches: what the suite needs to set up
 * people, rooms and history, as an app's own backend would. A reference server is one, and so is
 * a {@link ChatServer} over any storage (the suite waits for each answer).
 *
 * @example
 * const backend: ConformanceBackend = createReferenceServer();
 */
export type ConformanceBackend = Pick<ReferenceServer, 'upsertUser' | 'createRoom' | 'actAs'> | Pick<ChatServer, 'upsertUser' | 'createRoom' | 'actAs'>;

/**
 * What a transport under test provides: the backend behind it (for seeding), a way to make a
 * transport for a person, and a way to stop it all after each test.
 *
 * @example
 * const harness: ConformanceHarness = {
 *   server,
 *   transport: (userId) => createMemoryTransport(server, { userId }),
 *   close: () => {},
 * };
 */
export interface ConformanceHarness {
  server: ConformanceBackend;
  transport(userId: string): Transport | Promise<Transport>;
  /**
   * Optional capability: an upload adapter acting as this person (the backend's own files). With
   * it, the suite also checks that an uploaded file can be sent and reaches the room; without it,
   * the uploads case is skipped with a note.
   */
  uploads?(userId: string): UploadAdapter | Promise<UploadAdapter>;
  close(): Promise<void> | void;
}

/**
 * What each group of cases gets from the suite: the runner's `it`, a way to start a fresh backend
 * seeded with ana, bo and chen and the public room `general` (ana admin, bo member), and a way to
 * open a person's transport.
 *
 * @example
 * const registerCases = ({ it, start, client }: ConformanceContext) => it('…', async () => { await start(); const ana = await client('ana'); });
 */
export interface ConformanceContext {
  it: ConformanceTestApi['it'];
  start(limits?: Partial<Limits>): Promise<ConformanceHarness>;
  client(userId: string): Promise<OpenClient>;
}

/**
 * Makes a fresh harness for one test, with the reference server's limits overridden where given
 * (tests of the limits pass small ones).
 *
 * @example
 * const factory: ConformanceHarnessFactory = async ({ limits }) => {
 *   const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
 *   return { server, transport: (userId) => createMemoryTransport(server, { userId }), close: () => {} };
 * };
 */
export type ConformanceHarnessFactory = (options: { limits?: Partial<Limits> }) => Promise<ConformanceHarness>;

/**
 * The test runner's functions the suite registers its tests with: Vitest's, Jest's, Mocha's (or
 * `node:test`'s) `describe`, `it` and `afterEach` all fit.
 *
 * @example
 * import { afterEach, describe, it } from 'vitest';
 * const api: ConformanceTestApi = { describe, it, afterEach };
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
  afterEach(body: () => Promise<void>): unknown;
}

/**
 * A contract the transport broke: what was checked, what was expected and what came.
 *
 * @example
 * try { await test(); } catch (error) { if (error instanceof ConformanceError) console.log(error.message); }
 */
export class ConformanceError extends Error {
  override name = 'ConformanceError';
}

