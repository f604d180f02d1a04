import { ChatError, type Limits } from '../../protocol';
import type { Transport } from '../../core';
import { cursorsCases } from './cases/cursors';
import { errorsCases } from './cases/errors';
import { historyCases } from './cases/history';
import { messagesCases } from './cases/messages';
import { peopleCases } from './cases/people';
import { roomsCases } from './cases/rooms';
import { sessionsCases } from './cases/sessions';
import { streamingCases } from './cases/streaming';
import { uploadsCases } from './cases/uploads';
import { open, type OpenClient } from './client';
import { ConformanceError, type ConformanceContext, type ConformanceHarness, type ConformanceHarnessFactory, type ConformanceTestApi } from './harness';

export { ConformanceError, type ConformanceBackend, type ConformanceContext, type ConformanceHarness, type ConformanceHarnessFactory, type ConformanceTestApi } from './harness';

/**
 * Optional capabilities a transport is held to besides the core contract.
 *
 * @example
 * runConformanceSuite('websocket', factory, { describe, it, afterEach }, { uploads: true });
 */
export interface ConformanceFeatures {
  /** Check uploads through the harness's `uploads` adapter. */
  uploads?: boolean;
}

/** The runner's functions as globals (Vitest with `globals`, Jest, Mocha), or an error that says what to pass. */
function globalTestApi(): ConformanceTestApi {
  const scope = globalThis as Partial<ConformanceTestApi>;
  if (typeof scope.describe !== 'function' || typeof scope.it !== 'function' || typeof scope.afterEach !== 'function') {
    throw new ChatError('invalid', 'runConformanceSuite found no global describe, it and afterEach: pass them as its third argument, e.g. { describe, it, afterEach } from vitest.');
  }
  return { describe: scope.describe, it: scope.it, afterEach: scope.afterEach };
}


/**
 * The contract every transport keeps, as tests registered with your test runner: sessions and
 * snapshots, sends with sequences and idempotent retries, history pages, resume (and cut
 * timelines), edits and deletes, reactions, threads, rooms and members, roles, direct rooms,
 * profiles and blocks, typing, read cursors, presence, streamed messages, uploads (optional), and typed errors for
 * bad input. Written against the
 * `Transport` interface only, so Confab's memory and WebSocket transports and any you write are held
 * to the same behaviour. Each test gets a fresh harness with people `ana`, `bo` and `chen` and a
 * public room `general` (ana and bo in it).
 *
 * @param name - Names the group of tests (`conformance: <name>`).
 * @param createHarness - Makes a fresh backend and transports for each test.
 * @param api - The runner's `describe`, `it` and `afterEach`; default: the global ones.
 * @param features - Optional capabilities to hold the transport to: `uploads` (the harness then
 *   gives an upload adapter per person).
 *
 * @example
 * // my-transport.test.ts
 * import { afterEach, describe, it } from 'vitest';
 * import { createReferenceServer } from 'confab-chat/server';
 * import { runConformanceSuite } from 'confab-chat/testing';
 * import { createMyTransport } from './my-transport';
 *
 * runConformanceSuite('my transport', async ({ limits }) => {
 *   const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
 *   return { server, transport: (userId) => createMyTransport(server, userId), close: () => {} };
 * }, { describe, it, afterEach });
 */
export function runConformanceSuite(name: string, createHarness: ConformanceHarnessFactory, api: ConformanceTestApi = globalTestApi(), features: ConformanceFeatures = {}): void {
  const { describe, it, afterEach } = api;
  describe(`conformance: ${name}`, () => {
    let harness: ConformanceHarness | undefined;
    const opened: Transport[] = [];

    async function start(limits?: Partial<Limits>): Promise<ConformanceHarness> {
      const started = await createHarness(limits ? { limits } : {});
      harness = started;
      for (const [id, userName] of [
        ['ana', 'Ana'],
        ['bo', 'Bo'],
        ['chen', 'Chen'],
      ] as const)
        await started.server.upsertUser({ id, name: userName });
      await started.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
      return started;
    }

    async function client(userId: string): Promise<OpenClient> {
      if (!harness) throw new ConformanceError('start() first');
      const result = await open(harness, userId);
      opened.push(result.transport);
      return result;
    }

    afterEach(async () => {
      for (const transport of opened.splice(0)) transport.close();
      await harness?.close();
      harness = undefined;
    });

    const context: ConformanceContext = { it, start, client };
    sessionsCases(context);
    messagesCases(context);
    historyCases(context);
    cursorsCases(context);
    roomsCases(context);
    peopleCases(context);
    streamingCases(context);
    if (features.uploads) uploadsCases(context);
    errorsCases(context);
  });
}
