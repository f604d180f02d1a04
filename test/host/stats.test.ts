import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminClient } from '../../src/admin';
import { createHost, type Host } from '../../src/host';
import { createSqliteStorage } from '../../src/host/storage/sqlite';
import type { StorageEngine } from '../../src/server';

const SECRET = 'test-secret-for-stats';
const ADMIN_KEY = 'admin-key-for-stats-tests';
const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 11, 3, 10, 0);

/** Three people over three days: two days ago ana twice and bo once, yesterday nothing, today chen and ana. */
async function seed(host: Host, clock: { now: number }) {
  const { server } = host;
  for (const id of ['ana', 'bo', 'chen']) await server.upsertUser({ id, name: id });
  clock.now = TODAY - 2 * DAY;
  await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'chen'] });
  await server.createRoom({ id: 'team', name: 'team', kind: 'private', createdBy: 'ana', memberIds: ['bo'] });
  const send = async (userId: string, roomId: string, text: string) => {
    const outcome = await server.actAs(userId, { type: 'message.send', roomId, clientId: `${userId}-${text}`, text });
    expect(outcome.ok).toBe(true);
  };
  await send('ana', 'general', 'one');
  await send('ana', 'team', 'two');
  await send('bo', 'general', 'three');
  const direct = await server.actAs('ana', { type: 'direct.open', userId: 'bo' });
  expect(direct.ok).toBe(true);
  clock.now = TODAY;
  await send('chen', 'general', 'four');
  await send('ana', 'general', 'five');
  // Before the window asked for: not counted.
  clock.now = TODAY - 9 * DAY;
  await send('bo', 'team', 'old');
  clock.now = TODAY;
}

describe('GET /admin/v1/stats', () => {
  const engines: [string, (directory: string) => Promise<StorageEngine | undefined>][] = [
    ['memory', async () => undefined],
    ['SQLite (SQL aggregates)', (directory) => createSqliteStorage({ directory, durable: false })],
  ];
  for (const [name, open] of engines) {
    it(`counts messages and active people per day, and rooms, on ${name}`, async () => {
      const directory = mkdtempSync(join(tmpdir(), 'confab-stats-'));
      const storage = await open(directory);
      const clock = { now: TODAY };
      const host = createHost({ port: 0, secret: SECRET, adminKey: ADMIN_KEY, floodLimit: false, now: () => clock.now, ...(storage ? { storage } : {}) });
      try {
        const { port } = await host.listen();
        await seed(host, clock);
        const admin = createAdminClient({ url: `http://127.0.0.1:${port}`, adminKey: ADMIN_KEY });
        expect(await admin.getStats({ days: 3 })).toEqual({
          days: [
            { date: '2026-12-01', messages: 3, activeUsers: 2 },
            { date: '2026-12-02', messages: 0, activeUsers: 0 },
            { date: '2026-12-03', messages: 2, activeUsers: 2 },
          ],
          users: 3,
          rooms: { total: 3, public: 1, private: 1, direct: 1 },
        });
        const month = await admin.getStats();
        expect(month.days).toHaveLength(30);
        expect(month.days.reduce((sum, day) => sum + day.messages, 0)).toBe(6);
        await expect(admin.getStats({ days: 0 })).rejects.toMatchObject({ code: 'invalid' });
        await expect(admin.getStats({ days: 366 })).rejects.toMatchObject({ code: 'invalid' });
      } finally {
        await host.close();
        await storage?.close();
        rmSync(directory, { recursive: true, force: true });
      }
    });
  }
});
