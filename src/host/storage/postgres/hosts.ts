import { sql, type Kysely } from 'kysely';
import type { PostgresDatabase } from './tables';

/**
 * Options of a host's heartbeat.
 *
 * @example
 * const options: HostHeartbeatOptions = { hostId: 'host-a', liveWithinMs: 5000 };
 */
export interface HostHeartbeatOptions {
  hostId: string;
  /** A host whose heartbeat is older than this counts no sessions; it beats four times as often. */
  liveWithinMs: number;
}

/** Payloads of the bus older than this are gone: every host has read them long before. */
const BUS_PAYLOAD_LIFETIME = '1 minute';
/** Rows of hosts silent this long are removed (they stopped counting long before). */
const DEAD_HOST_LIFETIME = '10 minutes';

/**
 * This host's row in confab_hosts, kept fresh so its sessions count on every host. At start it
 * removes what an earlier run under the same id left behind; at stop it removes its rows, so
 * its sessions stop counting at once. A host that dies stops counting when its heartbeat lapses.
 * The heartbeat also sweeps old bus payloads and long-dead hosts.
 *
 * @example
 * const heartbeat = new HostHeartbeat(db, { hostId, liveWithinMs: 5000 });
 * await heartbeat.start();
 * await heartbeat.stop();
 */
export class HostHeartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private beats = 0;

  constructor(
    private readonly db: Kysely<PostgresDatabase>,
    private readonly options: HostHeartbeatOptions,
  ) {}

  async start(): Promise<void> {
    await this.db.deleteFrom('confab_host_sessions').where('host_id', '=', this.options.hostId).execute();
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => undefined), Math.max(50, Math.floor(this.options.liveWithinMs / 4)));
    this.timer.unref?.();
  }

  private async beat(): Promise<void> {
    await this.db
      .insertInto('confab_hosts')
      .values({ host_id: this.options.hostId, heartbeat_at: sql<Date>`clock_timestamp()` })
      .onConflict((conflict) => conflict.column('host_id').doUpdateSet({ heartbeat_at: sql<Date>`clock_timestamp()` }))
      .execute();
    if (this.beats++ % 20 === 0) await this.sweep();
  }

  private async sweep(): Promise<void> {
    await this.db.deleteFrom('confab_bus_payloads').where('created_at', '<', sql<Date>`now() - ${BUS_PAYLOAD_LIFETIME}::interval`).execute();
    const dead = this.db.selectFrom('confab_hosts').select('host_id').where('heartbeat_at', '<', sql<Date>`now() - ${DEAD_HOST_LIFETIME}::interval`);
    await this.db.deleteFrom('confab_host_sessions').where('host_id', 'in', dead).execute();
    await this.db.deleteFrom('confab_hosts').where('heartbeat_at', '<', sql<Date>`now() - ${DEAD_HOST_LIFETIME}::interval`).execute();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.db.deleteFrom('confab_host_sessions').where('host_id', '=', this.options.hostId).execute();
    await this.db.deleteFrom('confab_hosts').where('host_id', '=', this.options.hostId).execute();
  }
}
