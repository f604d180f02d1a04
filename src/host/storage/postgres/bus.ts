import { sql, type CompiledQuery } from 'kysely';
import type { Client, ClientConfig } from 'pg';
import type { Delivery } from '../../../server';
import { postgresQueries } from './connection';

/** The channel every host LISTENs on. */
export const BUS_CHANNEL = 'confab_bus';

/**
 * NOTIFY payloads must stay under 8000 bytes; larger deliveries go into confab_bus_payloads and
 * the notification carries the row's id.
 */
export const MAX_INLINE_PAYLOAD_BYTES = 7000;

/** A notification as it crosses the bus: the deliveries inline (`d`) or the row holding them (`r`). */
interface Envelope {
  /** The host whose transaction published it. */
  h: string;
  /** That transaction's token, so its own host can tell when its deliveries have arrived. */
  t: number;
  d?: Delivery[];
  r?: string;
}

/**
 * Options of the bus.
 *
 * @example
 * const options: PostgresBusOptions = { connection: { connectionString: url }, Client: pg.Client, hostId: 'host-a', receive: deliver };
 */
export interface PostgresBusOptions {
  connection: ClientConfig;
  /** pg's Client class (pg is loaded when a PostgreSQL storage is first made). */
  Client: new (config: ClientConfig) => Client;
  hostId: string;
  /** Called with every committed transaction's deliveries, in commit order, each once. */
  receive: (deliveries: readonly Delivery[]) => void;
  /** Longest wait for a transaction's own deliveries before its answer goes out anyway. */
  ownDeliveryTimeoutMs?: number;
}

/**
 * Every host's events over PostgreSQL's LISTEN/NOTIFY. A transaction runs `prepare`'s statement before it
 * commits (`pg_notify` inside the transaction: sent only if it commits, and PostgreSQL delivers
 * notifications of different transactions in commit order). One dedicated connection per host
 * LISTENs, hands each transaction's deliveries to `receive` one after the other, and tells the
 * publishing transaction on this host that its own have arrived. When that connection drops it
 * reconnects with backoff; what was published meanwhile does not reach this host (its clients
 * catch up by resuming from their last sequence).
 *
 * @example
 * const bus = new PostgresBus({ connection: { connectionString: url }, Client: pg.Client, hostId, receive });
 * await bus.start();
 * const { token, statement } = bus.prepare(deliveries);
 * await connection.batch([...writes, statement], ['COMMIT']);
 * await bus.arrived(token);
 */
export class PostgresBus {
  private client: Client | undefined;
  private listening = false;
  private stopped = false;
  private nextToken = 1;
  private readonly waiting = new Map<number, () => void>();
  private readonly arrivals = new Map<number, Promise<void>>();
  /** Notifications are handled one after the other (a large one reads its row first). */
  private queue: Promise<void> = Promise.resolve();
  private reconnectDelayMs = 100;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: PostgresBusOptions) {}

  /** True while this host's listening connection is up. */
  get connected(): boolean {
    return this.listening;
  }

  /** Connects and LISTENs; rejects when PostgreSQL cannot be reached. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new this.options.Client(this.options.connection);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (notification) => {
      if (notification.channel !== BUS_CHANNEL || notification.payload === undefined) return;
      const payload = notification.payload;
      this.queue = this.queue.then(() => this.handle(client, payload)).catch(() => undefined);
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${BUS_CHANNEL}`);
    } catch (error) {
      this.client = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listening = true;
    this.reconnectDelayMs = 100;
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    client.end().catch(() => undefined);
    // Deliveries published while nobody listened will not come: let their transactions answer.
    this.releaseWaiting();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stopped) return;
      this.connect().catch(() => {
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 2000);
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref?.();
  }

  private async handle(client: Client, payload: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    let deliveries = envelope.d;
    if (envelope.r !== undefined) {
      const { rows } = await client.query<{ body: string }>('SELECT body FROM confab_bus_payloads WHERE id = $1', [envelope.r]).catch(() => ({ rows: [] }));
      deliveries = rows[0] ? (JSON.parse(rows[0].body) as Delivery[]) : undefined;
    }
    try {
      if (deliveries && deliveries.length > 0) this.options.receive(deliveries);
    } finally {
      if (envelope.h === this.options.hostId) this.waiting.get(envelope.t)?.();
    }
  }

  /**
   * The statement that queues the deliveries for every host, to run in the transaction (they go
   * out when it commits) or on its own (at once), and the token for `arrived`. A payload too large
   * for a notification goes into confab_bus_payloads by the same statement.
   */
  prepare(deliveries: readonly Delivery[]): { token: number; statement: CompiledQuery } {
    const token = this.nextToken++;
    // Waiting starts before the notification can possibly arrive.
    this.expect(token);
    const payload = JSON.stringify({ h: this.options.hostId, t: token, d: [...deliveries] } satisfies Envelope);
    if (Buffer.byteLength(payload) <= MAX_INLINE_PAYLOAD_BYTES) {
      return { token, statement: sql`SELECT pg_notify(${BUS_CHANNEL}, ${payload})`.compile(postgresQueries) };
    }
    const statement = sql`WITH stored AS (INSERT INTO confab_bus_payloads (body) VALUES (${JSON.stringify(deliveries)}) RETURNING id)
      SELECT pg_notify(${BUS_CHANNEL}, json_build_object('h', ${this.options.hostId}::text, 't', ${token}::integer, 'r', stored.id::text)::text) FROM stored`.compile(postgresQueries);
    return { token, statement };
  }

  /**
   * Resolves once the deliveries of the committed transaction with this token have reached this
   * host's `receive`: at once when nobody listens, and after a bounded wait at most.
   */
  arrived(token: number): Promise<void> {
    return this.arrivals.get(token) ?? Promise.resolve();
  }

  /** The transaction with this token did not commit: stop waiting for its deliveries. */
  forget(token: number): void {
    this.waiting.get(token)?.();
  }

  /** Starts waiting for a token's deliveries before its transaction commits, so none is missed. */
  private expect(token: number): void {
    if (!this.listening) return;
    const arrival = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(token);
        this.arrivals.delete(token);
        resolve();
      };
      const timer = setTimeout(done, this.options.ownDeliveryTimeoutMs ?? 5000);
      this.waiting.set(token, done);
    });
    this.arrivals.set(token, arrival);
  }

  private releaseWaiting(): void {
    for (const done of [...this.waiting.values()]) done();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.listening = false;
    this.releaseWaiting();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
