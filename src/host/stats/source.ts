import { sql } from 'kysely';
import type { StorageEngine, StorageTx, StoredRoom } from '../../server';
import type { SqlAccess } from '../storage/sql';

/** Milliseconds in a UTC day: day numbers are `floor(ms / DAY_MS)`. */
export const DAY_MS = 86_400_000;

/**
 * One day's activity: messages sent (tombstones included: they were sent) and the distinct people
 * who sent them. `day` is the UTC day number, `floor(ms / 86 400 000)`.
 *
 * @example
 * const row: DayActivity = { day: 20454, messages: 120, activeUsers: 7 };
 */
export interface DayActivity {
  day: number;
  messages: number;
  activeUsers: number;
}

/**
 * Counts of what the storage holds now.
 *
 * @example
 * const totals: StatsTotals = { users: 3, rooms: { public: 2, private: 1, direct: 1 } };
 */
export interface StatsTotals {
  users: number;
  rooms: { public: number; private: number; direct: number };
}

/**
 * Where the statistics of `GET /admin/v1/stats` come from: SQL aggregates on SQLite and
 * PostgreSQL (`createSqlStatsSource`), a walk through the storage on memory
 * (`createStorageStatsSource`).
 *
 * @example
 * const days = await source.dailyActivity(20450, 20456);
 */
export interface StatsSource {
  /** Days from `fromDay` to `toDay` (inclusive) that had messages, ascending. */
  dailyActivity(fromDay: number, toDay: number): Promise<DayActivity[]>;
  totals(): Promise<StatsTotals>;
}

/**
 * Statistics by SQL aggregates over the storage's own database (`GROUP BY` the day number,
 * `COUNT(DISTINCT author_id)`), one statement each, the same text for SQLite and PostgreSQL.
 *
 * @example
 * const source = createSqlStatsSource(sqlAccessOf(storage)!);
 */
export function createSqlStatsSource(access: SqlAccess): StatsSource {
  const db = access.sql;
  return {
    async dailyActivity(fromDay, toDay) {
      const day = sql<number | string>`created_at / ${sql.lit(DAY_MS)}`;
      const rows = await db
        .selectFrom('messages')
        .select([day.as('day'), sql<number | string>`count(*)`.as('messages'), sql<number | string>`count(distinct author_id)`.as('active_users')])
        .where('created_at', '>=', fromDay * DAY_MS)
        .where('created_at', '<', (toDay + 1) * DAY_MS)
        .groupBy(day)
        .orderBy(day)
        .execute();
      return rows.map((row) => ({ day: Number(row.day), messages: Number(row.messages), activeUsers: Number(row.active_users) }));
    },
    async totals() {
      const rooms = await db.selectFrom('rooms').select(['kind', sql<number | string>`count(*)`.as('count')]).groupBy('kind').execute();
      const users = await db.selectFrom('users').select(sql<number | string>`count(*)`.as('count')).executeTakeFirst();
      const byKind = { public: 0, private: 0, direct: 0 };
      for (const row of rooms) byKind[row.kind] = Number(row.count);
      return { users: Number(users?.count ?? 0), rooms: byKind };
    },
  };
}

/** Every room the storage holds that anyone can reach: each person's rooms, and the public ones. */
function everyRoom(tx: StorageTx): Map<string, StoredRoom> {
  const rooms = new Map<string, StoredRoom>();
  for (let afterId: string | undefined; ; ) {
    const users = tx.listUsers({ ...(afterId !== undefined ? { afterId } : {}), limit: 500 });
    for (const user of users) {
      for (const roomId of tx.roomIdsOf(user.id)) {
        if (rooms.has(roomId)) continue;
        const room = tx.getRoom(roomId);
        if (room) rooms.set(roomId, room);
      }
    }
    if (users.length < 500) break;
    afterId = users[users.length - 1]?.id;
  }
  for (let afterId: string | undefined; ; ) {
    const page = tx.listPublicRooms({ ...(afterId !== undefined ? { afterId } : {}), limit: 500 });
    for (const room of page) rooms.set(room.id, room);
    if (page.length < 500) break;
    afterId = page[page.length - 1]?.id;
  }
  return rooms;
}

/**
 * Statistics by walking the storage through its transactions: every person, every room they are
 * in and every public room, every message. For the memory storage (whose data is in this process
 * anyway); a private room that everyone has left is not counted, as nobody can reach it.
 *
 * @example
 * const source = createStorageStatsSource(createMemoryStorage());
 */
export function createStorageStatsSource(storage: StorageEngine): StatsSource {
  const read = async <T>(work: (tx: StorageTx) => T): Promise<T> => storage.transaction(work, { readOnly: true }) as T | Promise<T>;
  return {
    dailyActivity: (fromDay, toDay) =>
      read((tx) => {
        const days = new Map<number, { messages: number; authors: Set<string> }>();
        for (const room of everyRoom(tx).values()) {
          for (const message of tx.messagesBetween(room.id, 1, room.lastSequence)) {
            const day = Math.floor(message.createdAt / DAY_MS);
            if (day < fromDay || day > toDay) continue;
            let entry = days.get(day);
            if (!entry) days.set(day, (entry = { messages: 0, authors: new Set() }));
            entry.messages++;
            entry.authors.add(message.authorId);
          }
        }
        return [...days.entries()].sort(([a], [b]) => a - b).map(([day, entry]) => ({ day, messages: entry.messages, activeUsers: entry.authors.size }));
      }),
    totals: () =>
      read((tx) => {
        const rooms = { public: 0, private: 0, direct: 0 };
        for (const room of everyRoom(tx).values()) rooms[room.kind]++;
        let users = 0;
        for (let afterId: string | undefined; ; ) {
          const page = tx.listUsers({ ...(afterId !== undefined ? { afterId } : {}), limit: 500 });
          users += page.length;
          if (page.length < 500) break;
          afterId = page[page.length - 1]?.id;
        }
        return { users, rooms };
      }),
  };
}

/**
 * What `GET /admin/v1/stats` answers: the last `days` UTC days (today included, oldest first,
 * days without messages as zeros), and the totals.
 *
 * @example
 * const stats: ChatStats = { days: [{ date: '2026-12-03', messages: 12, activeUsers: 3 }], users: 3, rooms: { total: 4, public: 2, private: 1, direct: 1 } };
 */
export interface ChatStats {
  days: { date: string; messages: number; activeUsers: number }[];
  users: number;
  rooms: { total: number; public: number; private: number; direct: number };
}

/**
 * Gathers {@link ChatStats} from a source.
 *
 * @example
 * const stats = await collectStats(source, { days: 7, now: Date.now() });
 */
export async function collectStats(source: StatsSource, options: { days: number; now: number }): Promise<ChatStats> {
  const today = Math.floor(options.now / DAY_MS);
  const fromDay = today - options.days + 1;
  const found = new Map((await source.dailyActivity(fromDay, today)).map((row) => [row.day, row]));
  const days: ChatStats['days'] = [];
  for (let day = fromDay; day <= today; day++) {
    const row = found.get(day);
    days.push({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), messages: row?.messages ?? 0, activeUsers: row?.activeUsers ?? 0 });
  }
  const totals = await source.totals();
  const { rooms } = totals;
  return { days, users: totals.users, rooms: { total: rooms.public + rooms.private + rooms.direct, ...rooms } };
}
