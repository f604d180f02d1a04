/// <reference types="node" />
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ChatError } from '../../protocol';
import type { ChatServer } from '../../server';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from '../../admin';
import { offlineNotifications, webhookEventsOf, type NotificationCandidate, type WebhookEventDraft } from './events';
import type { QueuedWebhook, WebhookAttempt, WebhookEndpoint, WebhookStore } from './store';

/**
 * Options of {@link createWebhookDispatcher}. Every duration is in ms.
 *
 * @example
 * createWebhookDispatcher({ server, store, configured: ['https://app.example.com/hooks'], configuredSecret: process.env.CONFAB_WEBHOOK_SECRET });
 */
export interface WebhookDispatcherOptions {
  server: ChatServer;
  store: WebhookStore;
  /** Endpoints from configuration (`--webhook`, `CONFAB_WEBHOOKS`), all signed with `configuredSecret`. */
  configured?: readonly string[];
  /** The signing secret of the configured endpoints (`--webhook-secret`); required with them. */
  configuredSecret?: string;
  /** The clock. Default `Date.now`. */
  now?: () => number;
  fetch?: typeof globalThis.fetch;
  /** How long one endpoint may take to answer before the attempt counts as failed. Default 10 000. */
  timeoutMs?: number;
  /** Deliveries in flight to one endpoint at once (a slow endpoint holds up only these). Default 4. */
  concurrency?: number;
  /** The first retry waits this long; each next one twice as long, at most `maxRetryDelayMs`. Default 10 000. */
  retryBaseMs?: number;
  /** Default one hour. */
  maxRetryDelayMs?: number;
  /** A delivery not accepted this long after it was queued fails for good. Default a day. */
  retryForMs?: number;
  /** How often due retries and endpoints made on other hosts are looked for. Default 1000. */
  pollIntervalMs?: number;
  /** Delivered and failed deliveries, and attempts, are forgotten after this long. Default 7 days. */
  keepLogMs?: number;
  /** Failures of the dispatcher itself (storage errors). Default `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * An endpoint as the admin API shows it: never its secret, but the secret's first characters.
 *
 * @example
 * const shown: WebhookEndpointView = { id: 'wh_1', url: 'https://app.example.com/hooks', createdAt: 0, source: 'api', secretHint: 'whsec_3f2a' };
 */
export interface WebhookEndpointView {
  id: string;
  url: string;
  createdAt: number;
  source: 'api' | 'config';
  secretHint: string;
}

/**
 * The webhooks of one host: turns every committed change the server reports into signed webhook
 * events, queues them durably in a {@link WebhookStore}, and delivers them. The chat never waits
 * on it: events are queued after the change is committed and answered. Each endpoint has its own
 * few deliveries in flight, so a slow one holds up nobody else; a failed delivery is retried with
 * exponential backoff for a day; every attempt is logged.
 *
 * @example
 * const webhooks = createWebhookDispatcher({ server, store: createMemoryWebhookStore() });
 * webhooks.start();
 * const { secret } = await webhooks.createEndpoint('https://app.example.com/hooks');
 * await webhooks.stop();
 */
export interface WebhookDispatcher {
  start(): void;
  /** Stops queuing and polling, and waits for the deliveries in flight. */
  stop(): Promise<void>;
  /** Makes an endpoint with its own secret (answered here once, never again). */
  createEndpoint(url: string): Promise<WebhookEndpointView & { secret: string }>;
  listEndpoints(): Promise<WebhookEndpointView[]>;
  deleteEndpoint(id: string): Promise<void>;
  listAttempts(filter: { endpointId?: string; limit: number }): Promise<WebhookAttempt[]>;
  /** Pending deliveries of the current endpoints. */
  depth(): Promise<number>;
  /** Resolves once every change reported so far is queued (for tests and graceful shutdown). */
  idle(): Promise<void>;
}

/** A configured endpoint's id: the same across restarts, so its queued deliveries stay its own. */
function configuredId(url: string): string {
  return `whcfg_${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

/**
 * Checks an endpoint address: absolute http or https, no credentials in it.
 *
 * @example
 * checkWebhookUrl('https://app.example.com/hooks'); // 'https://app.example.com/hooks'
 */
export function checkWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChatError('invalid', `The webhook address "${url.slice(0, 200)}" is not an absolute URL.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ChatError('invalid', 'A webhook address must start with https:// (or http://).');
  if (parsed.username || parsed.password) throw new ChatError('invalid', 'A webhook address may not carry a user name or password; each endpoint has its own signing secret instead.');
  return parsed.href;
}

function viewOf(endpoint: WebhookEndpoint): WebhookEndpointView {
  return { id: endpoint.id, url: endpoint.url, createdAt: endpoint.createdAt, source: endpoint.source, secretHint: endpoint.secret.slice(0, 10) };
}

/**
 * The delay before retry number `attempts` (1 after the first failure): exponential from
 * `baseMs`, capped at `maxMs`.
 *
 * @example
 * retryDelay(3, 10_000, 3_600_000); // 40 000
 */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

/** Makes the {@link WebhookDispatcher} of one host. */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { server, store } = options;
  const now = options.now ?? Date.now;
  const fetcher = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const retryBaseMs = options.retryBaseMs ?? 10_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 3_600_000;
  const retryForMs = options.retryForMs ?? 86_400_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const keepLogMs = options.keepLogMs ?? 7 * 86_400_000;
  const leaseMs = timeoutMs + 30_000;
  const onError = options.onError ?? ((error: unknown) => console.error('[confab webhooks]', error));

  const configured: WebhookEndpoint[] = (options.configured ?? []).map((url) => {
    if (!options.configuredSecret) throw new ChatError('invalid', 'Configured webhooks need a signing secret (--webhook-secret or CONFAB_WEBHOOK_SECRET).');
    const href = checkWebhookUrl(url);
    return { id: configuredId(href), url: href, secret: options.configuredSecret, createdAt: 0, source: 'config' };
  });
  let endpoints: WebhookEndpoint[] = [...configured];
  let stopped = true;
  let poller: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let queued: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  const inFlight = new Map<string, number>();
  const claiming = new Set<string>();
  const sends = new Set<Promise<void>>();

  async function refreshEndpoints(): Promise<void> {
    endpoints = [...configured, ...(await store.listEndpoints())];
  }

  async function enqueue(events: WebhookEventDraft[], candidates: NotificationCandidate[], at: number): Promise<void> {
    const targets = endpoints;
    if (targets.length === 0) return;
    const all = [...events];
    for (const candidate of candidates) {
      const mayNotify = candidate.readerIds.length === 1 || candidate.message.mentions.some((id) => candidate.readerIds.includes(id));
      if (!mayNotify) continue;
      const room = await server.getRoom(candidate.message.roomId);
      // Presence is kept with the person and counts their sessions on every host.
      all.push(
        ...(await offlineNotifications(
          candidate,
          room?.kind,
          async (userId) => (await server.getUser(userId))?.presence.state !== 'online',
          // Their own settings of the room: a muted room pushes nothing.
          (userId) => server.getRoomSettings(userId, candidate.message.roomId),
        )),
      );
    }
    if (all.length === 0) return;
    const items: QueuedWebhook[] = [];
    for (const event of all) {
      const body = JSON.stringify({ id: event.id, type: event.type, createdAt: at, data: event.data });
      for (const endpoint of targets) {
        items.push({ id: `whd_${randomUUID()}`, endpointId: endpoint.id, eventId: event.id, eventType: event.type, body, attempts: 0, nextAttemptAt: at, createdAt: at, state: 'pending' });
      }
    }
    await store.enqueue(items);
    kick();
  }

  async function deliver(endpoint: WebhookEndpoint, item: QueuedWebhook): Promise<void> {
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetcher(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'confab-webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: signWebhookBody({ body: item.body, secret: endpoint.secret, timestamp: Math.floor(now() / 1000) }),
          'confab-event-id': item.eventId,
          'confab-event-type': item.eventType,
        },
        body: item.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
    } catch (failure) {
      const name = (failure as { name?: string } | null)?.name;
      error =
        name === 'TimeoutError' || name === 'AbortError'
          ? `No answer within ${timeoutMs} ms.`
          : `${failure instanceof Error ? failure.message : String(failure)}${(failure as { cause?: { code?: string } }).cause?.code ? ` (${(failure as { cause: { code: string } }).cause.code})` : ''}`;
    }
    const at = now();
    const attempts = item.attempts + 1;
    const delivered = status !== undefined && status >= 200 && status < 300;
    if (status !== undefined && !delivered) error = `The endpoint answered ${status}.`;
    const nextAttemptAt = at + retryDelay(attempts, retryBaseMs, maxRetryDelayMs);
    const outcome: WebhookAttempt['outcome'] = delivered ? 'delivered' : nextAttemptAt - item.createdAt > retryForMs ? 'failed' : 'retrying';
    await store.settle(item.id, { state: outcome === 'retrying' ? 'pending' : outcome, attempts, nextAttemptAt: outcome === 'retrying' ? nextAttemptAt : at });
    const attempt: WebhookAttempt = {
      id: `wha_${randomUUID()}`,
      deliveryId: item.id,
      endpointId: endpoint.id,
      eventId: item.eventId,
      eventType: item.eventType,
      attempt: attempts,
      at,
      durationMs: Math.round(performance.now() - started),
      outcome,
    };
    if (status !== undefined) attempt.status = status;
    if (error !== undefined) attempt.error = error;
    await store.recordAttempt(attempt);
  }

  async function pump(endpoint: WebhookEndpoint): Promise<void> {
    if (stopped || claiming.has(endpoint.id)) return;
    const free = concurrency - (inFlight.get(endpoint.id) ?? 0);
    if (free <= 0) return;
    claiming.add(endpoint.id);
    let due: QueuedWebhook[];
    try {
      due = await store.claim(endpoint.id, { now: now(), limit: free, leaseMs });
    } finally {
      claiming.delete(endpoint.id);
    }
    for (const item of due) {
      inFlight.set(endpoint.id, (inFlight.get(endpoint.id) ?? 0) + 1);
      const send = deliver(endpoint, item)
        .catch(onError)
        .finally(() => {
          inFlight.set(endpoint.id, (inFlight.get(endpoint.id) ?? 1) - 1);
          sends.delete(send);
          // The next due delivery of this endpoint goes as soon as a place is free.
          pump(endpoint).catch(onError);
        });
      sends.add(send);
    }
  }

  function kick(): void {
    for (const endpoint of endpoints) pump(endpoint).catch(onError);
  }

  async function poll(): Promise<void> {
    await refreshEndpoints();
    kick();
    if (now() - lastPrune > 3_600_000) {
      lastPrune = now();
      await store.prune(now() - keepLogMs);
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = server.subscribe((deliveries) => {
        if (stopped) return;
        const { events, candidates } = webhookEventsOf(deliveries);
        if (events.length === 0 && candidates.length === 0) return;
        const at = now();
        // One change after another, in commit order: the chat does not wait for this.
        queued = queued.then(() => enqueue(events, candidates, at)).catch(onError);
      });
      queued = queued.then(poll).catch(onError);
      poller = setInterval(() => {
        poll().catch(onError);
      }, pollIntervalMs);
      poller.unref?.();
    },
    async stop() {
      if (stopped) return;
      unsubscribe?.();
      unsubscribe = null;
      if (poller) clearInterval(poller);
      poller = null;
      await queued;
      stopped = true;
      await Promise.allSettled([...sends]);
    },
    async createEndpoint(url) {
      const endpoint: WebhookEndpoint = { id: `wh_${randomUUID().replace(/-/g, '').slice(0, 20)}`, url: checkWebhookUrl(url), secret: `whsec_${randomBytes(24).toString('base64url')}`, createdAt: now(), source: 'api' };
      await store.putEndpoint(endpoint);
      await refreshEndpoints();
      return { ...viewOf(endpoint), secret: endpoint.secret };
    },
    async listEndpoints() {
      await refreshEndpoints();
      return endpoints.map(viewOf);
    },
    async deleteEndpoint(id) {
      if (configured.some((endpoint) => endpoint.id === id)) throw new ChatError('forbidden', `The endpoint "${id}" comes from --webhook; remove it from the configuration and restart.`);
      if (!(await store.deleteEndpoint(id))) throw new ChatError('not_found', `There is no webhook endpoint with id "${id}".`);
      await refreshEndpoints();
    },
    listAttempts: (filter) => store.listAttempts(filter),
    depth: () => store.depth(endpoints.map((endpoint) => endpoint.id)),
    idle: () => queued,
  };
}
