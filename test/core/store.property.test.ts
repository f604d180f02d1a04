import fc from 'fast-check';
import { createChatClient, selectGaps, selectTimeline, type ChatClient } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { ScriptedTransport } from '../helpers/scriptedTransport';

type Action =
  | { kind: 'send' }
  | { kind: 'otherSends' }
  | { kind: 'answer'; pick: number }
  | { kind: 'event'; pick: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'reconnect' }
  | { kind: 'older' }
  | { kind: 'fillGap' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'send' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'otherSends' as const }) },
  { weight: 5, arbitrary: fc.nat(20).map((pick) => ({ kind: 'answer' as const, pick })) },
  { weight: 5, arbitrary: fc.nat(20).map((pick) => ({ kind: 'event' as const, pick })) },
  { weight: 2, arbitrary: fc.nat(40).map((pick) => ({ kind: 'duplicate' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconnect' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'older' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fillGap' as const }) },
);

const settle = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The flood limit is on, and tight: a burst of 2 writes, then one every 10 ms, so a run's sends are
 * refused with `rate_limited` often and retried on timers (the default's 200 ms per token would
 * make each run slow without exercising anything more).
 */
const FLOOD_LIMIT = { capacity: 2, refillPerSecond: 100 };

/** What must hold after every step: no message twice, sequence order, pending never beside its confirmed copy. */
function checkInvariants(client: ChatClient) {
  const timeline = selectTimeline(client.store.getState(), 'general');
  const messages = timeline.messages.toArray();
  const sequences = messages.map((message) => message.sequence);
  expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  expect(new Set(sequences).size).toBe(sequences.length);
  const ids = messages.map((message) => message.id);
  expect(new Set(ids).size).toBe(ids.length);
  const confirmedClientIds = new Set(messages.filter((message) => message.authorId === 'ana').map((message) => message.clientId));
  expect(confirmedClientIds.size).toBe(messages.filter((message) => message.authorId === 'ana').length);
  const pendingIds = timeline.pending.map((pending) => pending.clientId);
  expect(new Set(pendingIds).size).toBe(pendingIds.length);
  for (const id of pendingIds) expect(confirmedClientIds.has(id)).toBe(false);
}

describe('store under any interleaving of the network (property)', () => {
  it('never shows a message twice, keeps sequence order, stores one person\'s sends in the order made, and ends with exactly what the server holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 60 }), async (actions) => {
        const server = createReferenceServer({ floodLimit: FLOOD_LIMIT });
        server.upsertUser({ id: 'ana', name: 'Ana' });
        server.upsertUser({ id: 'bo', name: 'Bo' });
        server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'bo', memberIds: ['ana'] });
        // Some history before Ana connects, so pagination has something to do.
        for (let index = 0; index < 30; index++) {
          const outcome = server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `seed_${index}`, text: `seed ${index}` });
          expect(outcome.ok).toBe(true);
        }
        const transport = new ScriptedTransport(server, 'ana');
        const client = createChatClient({ transport, pageSize: 10 });
        const connected = client.connect();
        await connected;
        const sent: Promise<unknown>[] = [];
        let otherCount = 0;
        for (const step of actions) {
          switch (step.kind) {
            case 'send':
              sent.push(client.sendMessage('general', { text: `from ana ${sent.length}` }).catch(() => undefined));
              break;
            case 'otherSends':
              server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `bo_${otherCount}`, text: `from bo ${otherCount++}` });
              break;
            case 'answer':
              transport.deliverAnswer(step.pick);
              break;
            case 'event':
              transport.deliverEvent(step.pick);
              break;
            case 'duplicate':
              transport.duplicateEvent(step.pick);
              break;
            case 'reconnect':
              transport.reconnect();
              break;
            case 'older':
              void client.loadOlder('general').catch(() => undefined);
              break;
            case 'fillGap':
              void client.fillGap('general').catch(() => undefined);
              break;
          }
          await settle();
          checkInvariants(client);
        }
        // Let the network finish (rate-limited sends wait on their timers), then catch up on whatever the session missed.
        for (let round = 0; round < 500; round++) {
          transport.deliverEverything();
          await settle(1);
          const state = client.store.getState();
          const gaps = selectGaps(state, 'general');
          const timeline = selectTimeline(state, 'general');
          const first = timeline.covered[0];
          const last = timeline.covered[timeline.covered.length - 1];
          const room = state.rooms.general;
          if (gaps.length > 0) void client.fillGap('general');
          else if (!first || first.from > 1) void client.loadOlder('general');
          else if (!last || (room && last.to < room.lastSequence)) void client.loadNewer('general');
          else if (transport.answers.length === 0 && transport.events.length === 0 && timeline.pending.length === 0) break;
          await settle();
        }
        checkInvariants(client);
        await Promise.all(sent);
        const expected = server.actAs('ana', { type: 'message.history', roomId: 'general', after: 0, limit: 100 });
        expect(expected.ok).toBe(true);
        const held = selectTimeline(client.store.getState(), 'general');
        if (expected.ok && !expected.value.hasMore) {
          expect(held.messages.toArray().map((message) => message.id)).toEqual(expected.value.messages.map((message) => message.id));
        }
        // Ana's messages are stored once each, in the order she sent them, whatever was refused and retried.
        const stored = expected.ok ? expected.value.messages.filter((message) => message.authorId === 'ana').map((message) => Number(message.text.split(' ').pop())) : [];
        expect(stored).toEqual(Array.from({ length: sent.length }, (_, index) => index));
        expect(held.pending).toEqual([]);
        client.close();
      }),
      { numRuns: 150 },
    );
  });
});
