import type { StorageEngine } from '../../src/server';
import { createPostgresStorage } from '../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from '../support/postgres';
import { describeStorageContract } from './suite';

// The storage contract on PostgreSQL: each `open` a fresh database on the test server, `reopen`
// the same database by a new engine (a restarted host).
let server: Awaited<ReturnType<typeof testPostgresServer>> | undefined;
afterAll(async () => {
  await server?.release();
});

describeStorageContract('postgres', () => {
  let url = '';
  return {
    async open() {
      server ??= await testPostgresServer();
      url = await createTestDatabase(server.url);
      return createPostgresStorage({ url });
    },
    async reopen(engine: StorageEngine) {
      await engine.close();
      return createPostgresStorage({ url });
    },
    dispose() {},
  };
});
