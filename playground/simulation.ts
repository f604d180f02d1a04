// Simulated people: they come online and go offline (a server session each), type and then send,
// react, reply in threads, mention you, answer you, and read what was written, so typing
// indicators, receipts, unread badges and presence change on their own.
//
// Framework-free and deterministic: time comes from an injected scheduler (tests pass a fake one),
// randomness from a seeded PRNG. The pace multiplies every delay's speed; pausing cancels every
// pending action (people stop typing at once) and nobody acts until resumed.
import type { Message, Room } from 'confab-chat';
import type { Command, ServerEvent } from 'confab-chat/protocol';
import type { ReferenceServer, ServerSession } from 'confab-chat/server';
import { between, chance, createRandom, pick, weighted, type Random } from './random';
import { composeDirectReply, composeMessage, composeReply, mentioning, REACTIONS, type Said } from './text';

/** Where time comes from: the real timers in the page, a fake in tests. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's own timers. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Something a simulated person did, for a log. */
export interface SimActivity {
  kind: 'online' | 'offline' | 'typing' | 'message' | 'reply' | 'reaction' | 'read' | 'vote';
  userId: string;
  roomId?: string;
  at: number;
}

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  server: ReferenceServer;
  /** Everyone who may be simulated (humans among them are skipped). */
  people: readonly { id: string; name: string }[];
  scheduler?: Scheduler;
  /** Seed of the PRNG. Default 7. */
  seed?: number;
  /** Speed multiplier: 2 is twice as lively. Default 1. */
  pace?: number;
  /** People played by a human (the viewers): never simulated; they are the "you" others mention and answer. */
  humans?: readonly string[];
  /** Start paused. Default false. */
  paused?: boolean;
  /** How often the server's typing notices are expired (`server.tick()`), in ms. Default 1000. */
  tickMs?: number;
  /** How many simulated people are online when it starts. Default half of them. */
  initiallyOnline?: number;
  /** Told about everything simulated people do. */
  onActivity?: (activity: SimActivity) => void;
}

/** What {@link Simulation.getState} returns; a new object after every change (for useSyncExternalStore). */
export interface SimulationState {
  started: boolean;
  stopped: boolean;
  paused: boolean;
  pace: number;
  /** Simulated people online now. */
  online: readonly string[];
}

export interface Simulation {
  /** Brings the first people online and starts acting (unless paused). Idempotent. */
  start(): void;
  /** Closes every session and cancels every timer. The simulation cannot be started again. */
  stop(): void;
  pause(): void;
  resume(): void;
  setPace(pace: number): void;
  /** Changes who is played by a human: they go offline as simulated people and are never simulated. */
  setHumans(ids: readonly string[]): void;
  getState(): SimulationState;
  subscribe(listener: () => void): () => void;
}

export const MIN_PACE = 0.1;
export const MAX_PACE = 20;
/** Typing notices last 5 s on the server; renew them before that while still typing. */
const TYPING_RENEW_MS = 3000;
/** How long a simulated person's device takes to tell the server a message reached it. */
const DELIVERY_DELAY_MS = 400;

interface Actor {
  id: string;
  name: string;
  session: ServerSession | null;
  rooms: Map<string, Room['kind']>;
  /** The room this person is typing in now, if any. */
  typingIn: string | null;
}

interface Timer {
  handle: unknown;
  /** Actions are cancelled by pause; the tick keeps the server's typing notices honest until stop. */
  kind: 'action' | 'tick';
}

/**
 * Creates the simulation (not started).
 *
 * @example
 * const simulation = createSimulation({ server: world.server, people: world.people, humans: ['ana'] });
 * simulation.start();
 * simulation.setPace(3);
 * simulation.pause();
 */
export function createSimulation(options: SimulationOptions): Simulation {
  const { server } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const random: Random = createRandom(options.seed ?? 7);
  const tickMs = options.tickMs ?? 1000;
  const actors = new Map<string, Actor>(options.people.map((person) => [person.id, { id: person.id, name: person.name, session: null, rooms: new Map(), typingIn: null }]));
  const names = new Map(options.people.map((person) => [person.id, person.name]));
  let humans = new Set(options.humans ?? []);
  let pace = clampPace(options.pace ?? 1);
  let paused = options.paused ?? false;
  let started = false;
  let stopped = false;
  const timers = new Set<Timer>();
  let stepTimer: Timer | null = null;
  const listeners = new Set<() => void>();
  let state: SimulationState = snapshot();

  function snapshot(): SimulationState {
    return { started, stopped, paused, pace, online: [...actors.values()].filter((actor) => actor.session).map((actor) => actor.id) };
  }

  function changed(): void {
    state = snapshot();
    for (const listener of [...listeners]) listener();
  }

  function report(kind: SimActivity['kind'], userId: string, roomId?: string): void {
    options.onActivity?.({ kind, userId, ...(roomId !== undefined ? { roomId } : {}), at: scheduler.now() });
  }

  const active = () => started && !stopped && !paused;
  /** A delay at the current pace. */
  const scaled = (ms: number) => ms / pace;

  function later(ms: number, callback: () => void, kind: Timer['kind'] = 'action'): Timer {
    const timer: Timer = { handle: undefined, kind };
    timer.handle = scheduler.setTimeout(() => {
      timers.delete(timer);
      callback();
    }, Math.max(0, ms));
    timers.add(timer);
    return timer;
  }

  function cancel(timer: Timer | null): void {
    if (timer && timers.delete(timer)) scheduler.clearTimeout(timer.handle);
  }

  function cancelAll(kind?: Timer['kind']): void {
    for (const timer of [...timers]) if (kind === undefined || timer.kind === kind) cancel(timer);
    if (kind === undefined || kind === 'action') stepTimer = null;
  }

  // ---- people ------------------------------------------------------------------------------

  const simulated = () => [...actors.values()].filter((actor) => !humans.has(actor.id));

  function goOnline(actor: Actor): void {
    if (actor.session || humans.has(actor.id) || stopped) return;
    const session = server.connect(actor.id, (event) => {
      if (actor.session === session) onEvent(actor, event);
    });
    actor.session = session;
    actor.rooms = new Map(session.snapshot().rooms.map((room) => [room.id, room.kind]));
    report('online', actor.id);
    changed();
  }

  function goOffline(actor: Actor): void {
    const session = actor.session;
    if (!session) return;
    actor.session = null;
    actor.typingIn = null;
    session.close();
    report('offline', actor.id);
    changed();
  }

  /** Runs a command as an online person; false when they are offline or the server refused. */
  function act(actor: Actor, command: Command): boolean {
    if (!actor.session) return false;
    return actor.session.handle(command).ok;
  }

  function history(actor: Actor, roomId: string): Message[] {
    const outcome = actor.session?.handle<'message.history'>({ type: 'message.history', roomId, limit: 12 });
    return outcome?.ok ? outcome.value.messages.filter((message) => message.deletedAt === undefined) : [];
  }

  /** Types (renewing the notice), then sends after a time that grows with the text. */
  function typeThenSend(actor: Actor, roomId: string, said: Said, parentId?: string): void {
    if (actor.typingIn !== null || !actor.session) return;
    const session = actor.session;
    actor.typingIn = roomId;
    act(actor, { type: 'typing.start', roomId });
    report('typing', actor.id, roomId);
    const duration = scaled(Math.min(8000, Math.max(1200, said.text.length * 55)));
    let renew: Timer | null = null;
    const keepTyping = (left: number) => {
      if (left <= TYPING_RENEW_MS) return;
      renew = later(TYPING_RENEW_MS, () => {
        if (actor.session !== session || actor.typingIn !== roomId) return;
        act(actor, { type: 'typing.start', roomId });
        keepTyping(left - TYPING_RENEW_MS);
      });
    };
    keepTyping(duration);
    later(duration, () => {
      cancel(renew);
      if (actor.session !== session || actor.typingIn !== roomId) return;
      actor.typingIn = null;
      const sent = act(actor, {
        type: 'message.send',
        roomId,
        clientId: `sim_${actor.id}_${Math.floor(random() * 2 ** 48).toString(36)}`,
        text: said.text,
        ...(said.mentions.length > 0 ? { mentions: said.mentions } : {}),
        ...(parentId !== undefined ? { parentId } : {}),
      });
      if (sent) report(parentId === undefined ? 'message' : 'reply', actor.id, roomId);
    });
  }

  /** A room of this person's, rooms shared with a human weighing more (that is where you look). */
  function pickRoom(actor: Actor): string | undefined {
    const rooms = [...actor.rooms.keys()];
    if (rooms.length === 0) return undefined;
    return weighted(
      random,
      rooms.map((roomId) => [roomId, sharesWithHuman(roomId) ? 3 : 1] as const),
    );
  }

  function sharesWithHuman(roomId: string): boolean {
    const room = server.getRoom(roomId);
    return room ? room.members.some((member) => humans.has(member.userId)) : false;
  }

  function membersOf(roomId: string, except: string): { id: string; name: string }[] {
    const room = server.getRoom(roomId);
    if (!room) return [];
    // Simulated people talk about those they know (the Assistant, a bot, answers only when asked).
    return room.members.filter((member) => member.userId !== except && names.has(member.userId)).map((member) => ({ id: member.userId, name: names.get(member.userId) as string }));
  }

  // ---- what happens on its own -------------------------------------------------------------

  function step(): void {
    const people = simulated();
    if (people.length === 0) return;
    const online = people.filter((actor) => actor.session);
    const offline = people.filter((actor) => !actor.session);
    const action = weighted(random, [
      ['presence', 8],
      ['say', 42],
      ['mention', 8],
      ['react', 14],
      ['thread', 8],
      ['read', 12],
    ] as const);
    if (action === 'presence' || online.length === 0) {
      const comeOnline = offline.length > 0 && (online.length < 3 || chance(random, 0.5));
      if (comeOnline) goOnline(pick(random, offline));
      else if (online.length > 0) goOffline(pick(random, online));
      return;
    }
    const actor = pick(random, online);
    const roomId = pickRoom(actor);
    if (roomId === undefined) return;
    switch (action) {
      case 'say':
        typeThenSend(actor, roomId, composeMessage(random, membersOf(roomId, actor.id)));
        return;
      case 'mention': {
        const you = membersOf(roomId, actor.id).filter((member) => humans.has(member.id));
        if (you.length > 0) typeThenSend(actor, roomId, mentioning(random, pick(random, you)));
        else typeThenSend(actor, roomId, composeMessage(random, membersOf(roomId, actor.id)));
        return;
      }
      case 'react': {
        const candidates = history(actor, roomId).filter((message) => message.authorId !== actor.id);
        if (candidates.length === 0) return;
        const message = pick(random, candidates);
        const mine = new Set(message.reactions.filter((reaction) => reaction.userIds.includes(actor.id)).map((reaction) => reaction.emoji));
        const fresh = REACTIONS.filter((emoji) => !mine.has(emoji));
        if (fresh.length === 0) return;
        if (act(actor, { type: 'reaction.toggle', roomId, messageId: message.id, emoji: pick(random, fresh) })) report('reaction', actor.id, roomId);
        return;
      }
      case 'thread': {
        const candidates = history(actor, roomId);
        if (candidates.length === 0) return;
        typeThenSend(actor, roomId, composeReply(random), pick(random, candidates).id);
        return;
      }
      case 'read': {
        const lastSequence = server.getRoom(roomId)?.lastSequence ?? 0;
        if (lastSequence > 0 && act(actor, { type: 'cursor.set', roomId, sequence: lastSequence })) report('read', actor.id, roomId);
        return;
      }
    }
  }

  function scheduleStep(): void {
    cancel(stepTimer);
    stepTimer = null;
    if (!active()) return;
    stepTimer = later(scaled(between(random, 700, 3200)), () => {
      stepTimer = null;
      step();
      scheduleStep();
    });
  }

  /** What a simulated person does about what they see: read it, and answer people who talk to them. */
  function onEvent(actor: Actor, event: ServerEvent): void {
    if (event.type === 'room.joined') {
      actor.rooms.set(event.room.id, event.room.kind);
      return;
    }
    if (event.type === 'room.left') {
      actor.rooms.delete(event.roomId);
      return;
    }
    if (event.type !== 'message.created' || !active()) return;
    const message = event.message;
    if (message.authorId === actor.id) return;
    const session = actor.session;
    // Their device got it: a delivery report a moment later (as a client would send), so your
    // messages show two ticks before they are read.
    later(scaled(DELIVERY_DELAY_MS), () => {
      if (actor.session === session) act(actor, { type: 'cursor.delivered', roomId: message.roomId, sequence: message.sequence });
    });
    // A new poll: most people vote within a few seconds, so its bars move while you watch.
    if (message.poll && chance(random, 0.8)) {
      const poll = message.poll;
      later(scaled(between(random, 1500, 9000)), () => {
        if (actor.session !== session) return;
        const optionIds = poll.multiple ? poll.options.filter(() => chance(random, 0.4)).map((option) => option.id) : [pick(random, poll.options).id];
        if (optionIds.length === 0) optionIds.push(pick(random, poll.options).id);
        if (act(actor, { type: 'poll.vote', roomId: message.roomId, messageId: message.id, optionIds })) report('vote', actor.id, message.roomId);
      });
    }
    const direct = actor.rooms.get(message.roomId) === 'direct';
    const toMe = direct || message.mentions.includes(actor.id);
    if (toMe || chance(random, 0.6)) {
      later(scaled(between(random, 1200, 6000)), () => {
        if (actor.session === session && act(actor, { type: 'cursor.set', roomId: message.roomId, sequence: message.sequence })) report('read', actor.id, message.roomId);
      });
    }
    if (toMe && humans.has(message.authorId) && chance(random, 0.85)) {
      later(scaled(between(random, 2000, 5000)), () => {
        if (actor.session !== session) return;
        const said = message.parentId === undefined && !direct && chance(random, 0.5) ? mentioning(random, { id: message.authorId, name: names.get(message.authorId) ?? message.authorId }) : composeDirectReply(random);
        typeThenSend(actor, message.roomId, said, message.parentId);
      });
    }
  }

  function tick(): void {
    server.tick();
    later(tickMs, tick, 'tick');
  }

  /** Everyone stops typing at once (pause, stop). */
  function stopTyping(): void {
    for (const actor of actors.values()) {
      if (actor.typingIn !== null) act(actor, { type: 'typing.stop', roomId: actor.typingIn });
      actor.typingIn = null;
    }
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      const people = simulated();
      const count = Math.min(people.length, options.initiallyOnline ?? Math.ceil(people.length / 2));
      const order = people.map((actor) => ({ actor, key: random() })).sort((a, b) => a.key - b.key);
      for (const { actor } of order.slice(0, count)) goOnline(actor);
      later(tickMs, tick, 'tick');
      scheduleStep();
      changed();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      cancelAll();
      stopTyping();
      for (const actor of actors.values()) goOffline(actor);
      changed();
    },
    pause() {
      if (paused) return;
      paused = true;
      cancelAll('action');
      stopTyping();
      changed();
    },
    resume() {
      if (!paused) return;
      paused = false;
      scheduleStep();
      changed();
    },
    setPace(next) {
      const clamped = clampPace(next);
      if (clamped === pace) return;
      pace = clamped;
      // The next step comes at the new pace, not after the old delay.
      if (stepTimer) scheduleStep();
      changed();
    },
    setHumans(ids) {
      humans = new Set(ids);
      for (const id of humans) {
        const actor = actors.get(id);
        if (actor) goOffline(actor);
      }
      changed();
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function clampPace(pace: number): number {
  if (!Number.isFinite(pace)) return 1;
  return Math.min(MAX_PACE, Math.max(MIN_PACE, pace));
}
