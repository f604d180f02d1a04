import pg from 'pg';
import { createTestDatabase, testPostgresServer } from './postgres';

describe('the test PostgreSQL', () => {
  it('gives each file a database of its own on a server listening on 127.0.0.1', async () => {
    const server = await testPostgresServer();
    try {
      const first = await createTestDatabase(server.url);
      const second = await createTestDatabase(server.url);
      expect(first).not.toBe(second);
      expect(new URL(first).hostname).toBe('127.0.0.1');
      const client = new pg.Client({ connectionString: first });
      await client.connect();
      const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
      await client.end();
      expect(`/${rows[0]?.name}`).toBe(new URL(first).pathname);
    } finally {
      await server.release();
    }
  });
});
