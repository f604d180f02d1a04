import pg from 'pg';
import { createSqlStatements } from '../../../../src/host/storage/sql';
import { createPostgresStorage } from '../../../../src/host/storage/postgres';
import { createTestDatabase, testPostgresServer } from '../../../support/postgres';

// Migration 0006_search_newest: a page of a common word is read newest first from an index, not
// by ranking every match; the faster fold gives the same words as before.
let postgres: Awaited<ReturnType<typeof testPostgresServer>>;
let client: pg.Client;
const ROOMS = ['r0', 'r1', 'r2', 'r3'];

beforeAll(async () => {
  postgres = await testPostgresServer();
  const url = await createTestDatabase(postgres.url);
  await (await createPostgresStorage({ url })).close();
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const statements = createSqlStatements('postgres');
  const run = (query: { sql: string; parameters: readonly unknown[] }) => client.query(query.sql, [...query.parameters]);
  for (const id of ROOMS) {
    await run(statements.insertRoom({ id, name: id, kind: 'public', created_by: 'ana', created_at: 0, custom_data: null, last_activity_at: 0, last_sequence: 0 }));
  }
  // 20,000 messages: "hello" in every other one, "zebra" in ten.
  const count = 20_000;
  const rows = Array.from({ length: count }, (_, index) => ({
    room: ROOMS[index % ROOMS.length]!,
    sequence: Math.floor(index / ROOMS.length) + 1,
    text: `${index % 2 === 0 ? 'hello' : 'bye'} word${index % 500} ${index % 2000 === 0 ? 'zebra' : 'x'}`,
  }));
  await client.query(
    `INSERT INTO messages (room_id, sequence, id, client_id, author_id, text, attachments, mentions, reactions, reply_count, created_at)
     SELECT room_id, sequence, 'm' || room_id || '-' || sequence, 'c' || room_id || '-' || sequence, 'ana', text, '[]', '[]', '[]', 0, 0
     FROM unnest($1::text[], $2::bigint[], $3::text[]) AS t(room_id, sequence, text)`,
    [rows.map((row) => row.room), rows.map((row) => row.sequence), rows.map((row) => row.text)],
  );
  await client.query('ANALYZE messages');
});

afterAll(async () => {
  await client?.end();
  await postgres?.release();
});

async function plan(terms: string[], roomIds: string[]): Promise<string> {
  const query = createSqlStatements('postgres').searchMessages({ roomIds, terms, excludeAuthorIds: [], limit: 21 });
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, [...query.parameters]);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

describe('PostgreSQL search, newest first', () => {
  it('walks a common word newest first on the search-position indexes, and finds a rare word through the GIN index', async () => {
    expect(await plan(['hello'], ['r0', 'r1', 'r2'])).toMatch(/Index Scan Backward using messages_search_position/);
    expect(await plan(['hello'], ['r1'])).toMatch(/Index Scan Backward using messages_room_search_position/);
    expect(await plan(['zebra'], ['r0', 'r1', 'r2'])).toMatch(/Bitmap Index Scan on messages_search\b/);
  });

  it('pages a common word newest first, as before', async () => {
    const query = createSqlStatements('postgres').searchMessages({ roomIds: ['r0', 'r2'], terms: ['hello'], excludeAuthorIds: [], limit: 3 });
    const { rows } = await client.query<{ room_id: string; sequence: string }>(query.sql, [...query.parameters]);
    expect(rows.map((row) => `${row.room_id}/${row.sequence}`)).toEqual(['r2/5000', 'r0/5000', 'r2/4999']);
  });

  it('folds text as foldText does, skipping the translation for ASCII', async () => {
    const { rows } = await client.query<{ folded: string }>(
      "SELECT confab_search_fold(value) AS folded FROM unnest(ARRAY['Hello World', 'Ça Été Ñandú 👋', '', 'MIXED café']) AS value",
    );
    expect(rows.map((row) => row.folded)).toEqual(['hello world', 'ca ete nandu 👋', '', 'mixed cafe']);
  });
});
