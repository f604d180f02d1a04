// The conformance suite as a transport author meets it (confab/testing): registered through the
// runner functions it is given, it passes a correct transport and fails one that breaks the
// contract, naming what broke.
import { ConformanceError, runConformanceSuite, type ConformanceHarnessFactory, type ConformanceTestApi } from '../../src/testing';
import type { Transport } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';

/** A test runner in miniature: collects what the suite registers, then runs each test with its afterEach. */
function collect() {
  const tests: Array<{ name: string; body: () => Promise<void> }> = [];
  const cleanups: Array<() => Promise<void>> = [];
  const prefix: string[] = [];
  const api: ConformanceTestApi = {
    describe: (name, body) => {
      prefix.push(name);
      body();
      prefix.pop();
    },
    it: (name, body) => tests.push({ name: [...prefix, name].join(' > '), body }),
    afterEach: (body) => cleanups.push(body),
  };
  async function run(): Promise<Map<string, unknown>> {
    const outcomes = new Map<string, unknown>();
    for (const test of tests) {
      let outcome: unknown = null;
      try {
        await test.body();
      } catch (error) {
        outcome = error;
      }
      for (const cleanup of cleanups) await cleanup();
      outcomes.set(test.name, outcome);
    }
    return outcomes;
  }
  return { api, tests, run };
}

function harness(wrap: (transport: Transport) => Transport = (transport) => transport): ConformanceHarnessFactory {
  return async ({ limits }) => {
    const server = createReferenceServer({ floodLimit: false, ...(limits ? { limits } : {}) });
    return { server, transport: (userId) => wrap(createMemoryTransport(server, { userId })), close: () => {} };
  };
}

/** A transport that hands history pages back newest first: a contract breach. */
function reversingHistory(transport: Transport): Transport {
  return {
    open: (listener) => transport.open(listener),
    close: () => transport.close(),
    request: (async (command: Parameters<Transport['request']>[0]) => {
      const result = await transport.request(command);
      if (command.type !== 'message.history') return result;
      const page = result as { messages: unknown[] };
      return { ...page, messages: [...page.messages].reverse() };
    }) as Transport['request'],
  };
}

describe('runConformanceSuite (confab/testing)', () => {
  it('registers the contract tests with the runner it is given, and a correct transport passes them all', async () => {
    const { api, tests, run } = collect();
    runConformanceSuite('memory', harness(), api);
    expect(tests.map((test) => test.name)).toContain('conformance: memory > pages history backwards and forwards in sequence order, at most 100 a page');
    expect(tests.length).toBeGreaterThanOrEqual(9);
    const outcomes = await run();
    expect([...outcomes].filter(([, outcome]) => outcome !== null)).toEqual([]);
  });

  it('fails a transport that breaks the contract, with a ConformanceError that says what broke', async () => {
    const { api, run } = collect();
    runConformanceSuite('reversing', harness(reversingHistory), api);
    const failures = [...(await run())].filter(([, outcome]) => outcome !== null);
    expect(failures.map(([name]) => name)).toEqual(['conformance: reversing > pages history backwards and forwards in sequence order, at most 100 a page']);
    const error = failures[0]?.[1];
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toMatch(/^the newest page asked with limit 500: expected \[151,152,.*\(got \[250,249,/);
  });
});
