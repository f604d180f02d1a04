/// <reference types="node" />
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What the host's metrics read when they are scraped.
 *
 * @example
 * createHostMetrics({ connections: () => host.connectionCount, webhookQueueDepth: () => webhooks.depth() });
 */
export interface HostMetricsOptions {
  /** Open sockets with a session. */
  connections: () => number;
  /** Pending webhook deliveries; absent without webhooks. */
  webhookQueueDepth?: () => Promise<number>;
}

/**
 * The host's Prometheus metrics (prom-client, a registry of its own):
 *
 * - `confab_connections` (gauge): open sockets with a session;
 * - `confab_commands_total{type, outcome}` (counter): commands from sockets by type, `outcome`
 *   `ok` or the error code;
 * - `confab_send_duration_seconds` (histogram): from a `message.send` arriving to its answer
 *   (stored and its events delivered);
 * - `confab_webhook_queue_depth` (gauge): webhook deliveries waiting to be sent or retried;
 * - and prom-client's process metrics (`confab_process_…`, `confab_nodejs_…`).
 *
 * Served at `GET /metrics` with the admin key as a bearer token (see README, "Metrics").
 *
 * @example
 * const metrics = createHostMetrics({ connections: () => 3 });
 * metrics.commandDone('message.send', 'ok', 0.004);
 * const text = await metrics.render();
 */
export interface HostMetrics {
  commandDone(type: string, outcome: string, seconds: number): void;
  render(): Promise<string>;
  readonly contentType: string;
}

/** Command types a client may send; anything else is counted as `unknown` so labels stay few. */
const KNOWN_TYPE = /^[a-z]+\.[a-zA-Z]+$/;

/** Makes the {@link HostMetrics} of one host. */
export function createHostMetrics(options: HostMetricsOptions): HostMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'confab_' });
  new Gauge({
    name: 'confab_connections',
    help: 'Open WebSocket connections with a session.',
    registers: [registry],
    collect() {
      this.set(options.connections());
    },
  });
  const commands = new Counter({ name: 'confab_commands_total', help: 'Commands received over WebSocket, by type and outcome (ok or the error code).', labelNames: ['type', 'outcome'], registers: [registry] });
  const sendLatency = new Histogram({
    name: 'confab_send_duration_seconds',
    help: 'Time from a message.send arriving to its answer (stored, events delivered).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const depth = options.webhookQueueDepth;
  if (depth) {
    new Gauge({
      name: 'confab_webhook_queue_depth',
      help: 'Webhook deliveries waiting to be sent or retried.',
      registers: [registry],
      async collect() {
        this.set(await depth());
      },
    });
  }
  return {
    commandDone(type, outcome, seconds) {
      const label = KNOWN_TYPE.test(type) && type.length <= 40 ? type : 'unknown';
      commands.inc({ type: label, outcome });
      if (label === 'message.send') sendLatency.observe(seconds);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
