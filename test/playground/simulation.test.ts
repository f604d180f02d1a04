// The playground's simulated people, on a fake scheduler: deterministic, no real time passes.
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from 'confab-chat/protocol';
import { createSimulation, type Scheduler, type SimulationOptions } from '../../playground/simulation';
import { createWorld } from '../../playground/world';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

interface FakeScheduler extends Scheduler {
  advance(ms: number): void;
  pending(): number;
}

/** Timers in virtual time: `advance` runs them in order of due time, then of creation. */
function fakeScheduler(start = T0): FakeScheduler {
  let now = start;
  let nextId = 0;
  const queue = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      queue.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let due: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of queue) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        queue.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = end;
    },
    pending: () => queue.size,
  };
}

interface Seen {
  at: number;
  event: ServerEvent;
}

/** A small world, a simulation on a fake scheduler, and Ana (the human) watching from a session. */
function setup(options: Partial<SimulationOptions> = {}) {
  const scheduler = fakeScheduler();
  const world = createWorld({ scale: 0.02, avatars: false, now: scheduler.now });
  const seen: Seen[] = [];
  const ana = world.server.connect('ana', (event) => seen.push({ at: scheduler.now(), event }));
  const simulation = createSimulation({ server: world.server, people: world.people, scheduler, humans: ['ana'], seed: 11, ...options });
  return { scheduler, world, seen, ana, simulation };
}

const ofType = <T extends ServerEvent['type']>(seen: readonly Seen[], type: T) =>
  seen.filter((item): item is Seen & { event: Extract<ServerEvent, { type: T }> } => item.event.type === type);

describe('playground simulation', () => {
  it('does nothing while paused: no typing, messages, reads or presence changes', () => {
    const { scheduler, seen, simulation } = setup({ paused: true });
    simulation.start();
    seen.length = 0;
    scheduler.advance(10 * 60_000);
    expect(seen).toEqual([]);
    expect(simulation.getState()).toMatchObject({ started: true, paused: true });
    simulation.stop();
  });

  it('a running simulation shows a person typing, then their message', () => {
    const { scheduler, seen, simulation } = setup();
    simulation.start();
    scheduler.advance(2 * 60_000);
    const created = ofType(seen, 'message.created').filter((item) => item.event.message.authorId !== 'ana');
    expect(created.length).toBeGreaterThan(0);
    const first = created[0]!.event.message;
    const typing = ofType(seen, 'typing.started').find((item) => item.event.userId === first.authorId && item.event.roomId === first.roomId);
    expect(typing).toBeDefined();
    expect(typing!.at).toBeLessThan(created[0]!.at);
    // Sending ends the typing notice: the message itself says so (the protocol), no separate typing.stopped.
    expect(ofType(seen, 'typing.stopped').some((item) => item.event.userId === first.authorId && item.at === created[0]!.at)).toBe(false);
    simulation.stop();
  });

  it('never acts as a human, and answers a direct message from them', () => {
    const { scheduler, seen, world, ana, simulation } = setup({ initiallyOnline: 11 });
    simulation.start();
    const roomId = world.directRoomId('ana', 'bo')!;
    ana.handle({ type: 'message.send', roomId, clientId: 'hello-bo', text: 'Hi Bo, got a minute?' });
    scheduler.advance(60_000);
    const fromBo = ofType(seen, 'message.created').filter((item) => item.event.message.roomId === roomId && item.event.message.authorId === 'bo');
    expect(fromBo.length).toBeGreaterThan(0);
    expect(ofType(seen, 'cursor.updated').some((item) => item.event.cursor.userId === 'bo' && item.event.cursor.roomId === roomId)).toBe(true);
    const byAna = ofType(seen, 'message.created').filter((item) => item.event.message.authorId === 'ana');
    expect(byAna.map((item) => item.event.message.clientId)).toEqual(['hello-bo']);
    simulation.stop();
  });

  it('simulated people vote on a poll the human creates, and the counts move', () => {
    const { scheduler, seen, ana, simulation } = setup({ initiallyOnline: 11 });
    simulation.start();
    const created = ana.handle({ type: 'poll.create', roomId: 'general', clientId: 'ana-poll', question: 'Lunch?', options: ['Pizza', 'Sushi'] });
    if (!created.ok) throw created.error;
    scheduler.advance(60_000);
    const updates = ofType(seen, 'message.updated').filter((item) => item.event.message.id === created.value.id);
    expect(updates.length).toBeGreaterThan(2);
    const last = updates.at(-1)!.event.message.poll!;
    expect(last.voterCount).toBeGreaterThan(2);
    expect(last.counts.flatMap((count) => count.voterIds ?? [])).not.toContain('ana');
    simulation.stop();
  });

  it('people come online and go offline', () => {
    const { scheduler, seen, simulation } = setup();
    simulation.start();
    const online = simulation.getState().online.length;
    expect(online).toBe(6);
    scheduler.advance(10 * 60_000);
    const changes = ofType(seen, 'presence.changed');
    const wentOnline = new Set(changes.filter((item) => item.event.presence.state === 'online').map((item) => item.event.userId));
    const wentOffline = new Set(changes.filter((item) => item.event.presence.state === 'offline').map((item) => item.event.userId));
    expect(wentOnline.size).toBeGreaterThan(0);
    expect(wentOffline.size).toBeGreaterThan(0);
    expect(wentOnline.has('ana') || wentOffline.has('ana')).toBe(false);
    simulation.stop();
  });

  it('mentions the human and reacts and replies in threads over time', () => {
    const { scheduler, seen, simulation } = setup({ pace: 4 });
    simulation.start();
    scheduler.advance(10 * 60_000);
    const messages = ofType(seen, 'message.created').map((item) => item.event.message);
    expect(messages.some((message) => message.mentions.includes('ana'))).toBe(true);
    expect(messages.some((message) => message.parentId !== undefined)).toBe(true);
    const updates = ofType(seen, 'message.updated').map((item) => item.event.message);
    expect(updates.some((message) => message.reactions.length > 0)).toBe(true);
    simulation.stop();
  });

  it('the pace scales the timing: twice the pace, the first message comes in half the time', () => {
    const firstMessageAfter = (pace: number) => {
      const { scheduler, seen, simulation } = setup({ pace });
      simulation.start();
      scheduler.advance(5 * 60_000);
      simulation.stop();
      const first = ofType(seen, 'message.created')[0];
      expect(first).toBeDefined();
      return first!.at - T0;
    };
    const slow = firstMessageAfter(1);
    const fast = firstMessageAfter(2);
    expect(fast).toBeCloseTo(slow / 2, 0);
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const { scheduler, seen, simulation } = setup();
      simulation.start();
      scheduler.advance(3 * 60_000);
      simulation.stop();
      return ofType(seen, 'message.created').map((item) => [item.at, item.event.message.authorId, item.event.message.text]);
    };
    const first = run();
    expect(first.length).toBeGreaterThan(0);
    expect(run()).toEqual(first);
  });

  it('pausing stops typing at once and cancels pending sends; resuming carries on', () => {
    const { scheduler, seen, simulation } = setup({ pace: 2 });
    simulation.start();
    // Run until someone is typing.
    for (let i = 0; i < 600 && !ofType(seen, 'typing.started').length; i++) scheduler.advance(100);
    const typist = ofType(seen, 'typing.started')[0]!.event.userId;
    simulation.pause();
    const at = seen.length;
    expect(ofType(seen.slice(at - 1), 'typing.stopped').some((item) => item.event.userId === typist)).toBe(true);
    scheduler.advance(5 * 60_000);
    expect(seen.length).toBe(at);
    simulation.resume();
    scheduler.advance(5 * 60_000);
    expect(ofType(seen.slice(at), 'message.created').length).toBeGreaterThan(0);
    simulation.stop();
  });

  it('stops cleanly: no timers left, every simulated person offline', () => {
    const { scheduler, world, simulation } = setup({ pace: 3 });
    simulation.start();
    scheduler.advance(2 * 60_000);
    expect(scheduler.pending()).toBeGreaterThan(0);
    simulation.stop();
    expect(scheduler.pending()).toBe(0);
    for (const person of world.people) {
      if (person.id !== 'ana') expect(world.server.getUser(person.id)?.presence.state).toBe('offline');
    }
    expect(simulation.getState()).toMatchObject({ stopped: true, online: [] });
    // Stopped is final.
    simulation.resume();
    simulation.start();
    expect(scheduler.pending()).toBe(0);
  });

  it('a person who becomes human goes offline as a simulated person and is never simulated', () => {
    const { scheduler, seen, simulation } = setup({ initiallyOnline: 11 });
    simulation.start();
    expect(simulation.getState().online).toContain('bo');
    simulation.setHumans(['ana', 'bo']);
    expect(simulation.getState().online).not.toContain('bo');
    const at = seen.length;
    scheduler.advance(10 * 60_000);
    expect(ofType(seen.slice(at), 'message.created').some((item) => item.event.message.authorId === 'bo')).toBe(false);
    expect(ofType(seen.slice(at), 'presence.changed').some((item) => item.event.userId === 'bo' && item.event.presence.state === 'online')).toBe(false);
    simulation.stop();
  });
});
