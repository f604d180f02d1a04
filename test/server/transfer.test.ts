import { ChatError, type Message } from '../../src/protocol';
import { createMemoryStorage, createReferenceServer, type ReferenceServer } from '../../src/server';
import { setup } from './memoryHelpers';
import { populate } from './transferFixture';

async function collect(records: AsyncIterable<unknown>): Promise<string[]> {
  const lines: string[] = [];
  for await (const record of records) lines.push(JSON.stringify(record));
  return lines;
}

function fresh(): ReferenceServer {
  return createReferenceServer({ floodLimit: false });
}

async function importFails(server: ReferenceServer, lines: string[]): Promise<ChatError> {
  try {
    await server.importData(lines);
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected the import to fail');
}

describe('export and import', () => {
  it('round-trips everything: the second export is the first, line for line, but for the meta line', async () => {
    const { server, connect } = setup();
    await populate(server, connect as never);
    const exported = await collect(server.exportData({ all: true }));
    const meta = JSON.parse(exported[0]!) as { kind: string; version: number; epoch: string; scope: unknown };
    expect(meta).toMatchObject({ kind: 'meta', version: 1, epoch: server.epoch, scope: { all: true } });
    const kinds = exported.map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds.filter((kind, index) => kind !== kinds[index - 1])).toEqual(['meta', 'user', 'room', 'message', 'room', 'message', 'room', 'message', 'blocks', 'direct']);

    const target = fresh();
    expect(await target.importData(exported)).toEqual({ users: 3, rooms: 3, messages: 9, blocks: 1, directPairs: 1, records: 0 });
    const again = await collect(target.exportData({ all: true }));
    expect(again.slice(1)).toEqual(exported.slice(1));
    expect(JSON.parse(again[0]!)).toMatchObject({ epoch: target.epoch });

    // The imported server works on: same rooms, sequences and messages, and the next send follows.
    expect(target.getRoom('general')).toEqual(server.getRoom('general'));
    const bo = target.connect('bo', () => {});
    const history = bo.handle({ type: 'message.history', roomId: 'general' });
    expect(history.ok && history.value.messages.map((message) => [message.sequence, message.authorId, message.system === true])).toEqual([
      [1, 'ana', false],
      [3, 'bo', false],
      [4, 'deleted', false],
      [5, 'system', true],
    ]);
    const sent = bo.handle({ type: 'message.send', roomId: 'general', clientId: 'new', text: 'after the move' });
    expect(sent.ok && sent.value.sequence).toBe(6);
  });

  it("keeps the fields features add to people, rooms and messages, and features' records", async () => {
    const storage = createMemoryStorage();
    const server = createReferenceServer({ floodLimit: false, storage });
    server.upsertUser({ id: 'ana', name: 'Ana' });
    const ana = server.connect('ana', () => {});
    const created = ana.handle({ type: 'room.create', name: 'general', kind: 'public' });
    if (!created.ok) throw created.error;
    const room = created.value as { id: string };
    const outcome = ana.handle({ type: 'message.send', roomId: room.id, clientId: 'c1', text: 'Lunch?' });
    if (!outcome.ok) throw outcome.error;
    const sent = { value: outcome.value as Message };
    storage.transaction((tx) => {
      tx.putUser({ ...tx.getUser('ana')!.user, siteRole: 'moderator' } as never);
      tx.updateRoom(room.id, { topic: 'Plans' } as never);
      tx.updateMessage({ ...sent.value, reminder: { at: 5, note: 'Lunch?' } } as never);
      tx.putRecord('contractNote' as never, room.id, 'bo', { text: 'banned', tags: [] } as never);
    });
    const exported = await collect(server.exportData({ all: true }));
    expect(exported.at(-1)).toBe(JSON.stringify({ kind: 'record', record: { kind: 'contractNote', scope: room.id, key: 'bo', value: { text: 'banned', tags: [] } } }));

    const targetStorage = createMemoryStorage();
    const target = createReferenceServer({ floodLimit: false, storage: targetStorage });
    expect(await target.importData(exported)).toMatchObject({ users: 1, rooms: 1, messages: 1, records: 1 });
    expect((await collect(target.exportData({ all: true }))).slice(1)).toEqual(exported.slice(1));
    const stored = targetStorage.transaction((tx) => ({
      user: tx.getUser('ana')?.user,
      room: tx.getRoom(room.id),
      message: tx.getMessage(room.id, sent.value.id),
      record: tx.getRecord('contractNote' as never, room.id, 'bo'),
    }));
    expect(stored.user).toMatchObject({ siteRole: 'moderator' });
    expect(stored.room).toMatchObject({ topic: 'Plans' });
    expect(stored.message).toMatchObject({ reminder: { at: 5, note: 'Lunch?' } });
    expect(stored.record).toEqual({ text: 'banned', tags: [] });
  });

  it('exports one room with the people it names, and imports it into an empty server', async () => {
    const { server, connect } = setup();
    await populate(server, connect as never);
    const lines = await collect(server.exportData({ roomId: 'team' }));
    const records = lines.map((line) => JSON.parse(line) as { kind: string; user?: { id: string } });
    expect(records.filter((record) => record.kind === 'user').map((record) => record.user!.id)).toEqual(['ana', 'bo']);
    const target = fresh();
    expect(await target.importData(lines)).toMatchObject({ users: 2, rooms: 1, messages: 3 });
    expect((await collect(target.exportData({ roomId: 'team' }))).slice(1)).toEqual(lines.slice(1));
  });

  it("exports one person's data, which an import refuses: it is not a server", async () => {
    const { server, connect } = setup();
    await populate(server, connect as never);
    const lines = await collect(server.exportData({ userId: 'ana' }));
    const records = lines.map((line) => JSON.parse(line) as { kind: string; message?: { authorId: string } });
    expect(records[1]).toMatchObject({ kind: 'user', user: { id: 'ana', name: 'Ana' } });
    expect(records.filter((record) => record.kind === 'message').every((record) => record.message!.authorId === 'ana')).toBe(true);
    // She blocked only dee, who is deleted: nobody left to list.
    expect(records.some((record) => record.kind === 'blocks')).toBe(false);
    expect((await importFails(fresh(), lines)).message).toMatch(/^Line 1: this is one person's data export/);
    await expect(collect(server.exportData({ userId: 'nobody' }))).rejects.toMatchObject({ code: 'not_found' });
    await expect(collect(server.exportData({ roomId: 'nowhere' }))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a malformed line by its number and leaves nothing of what came before it', async () => {
    const { server, connect } = setup();
    await populate(server, connect as never);
    const lines = await collect(server.exportData({ all: true }));
    const target = fresh();
    const broken = [...lines];
    broken[7] = '{"kind":"message","message":{"id":"x"';
    const error = await importFails(target, broken);
    expect(error.code).toBe('invalid');
    expect(error.message).toBe('Line 8: not JSON.');
    expect(target.listUsers()).toEqual([]);
    expect(target.getRoom('general')).toBeUndefined();

    const holes = lines.filter((line) => !line.includes('"sequence":2,'));
    expect((await importFails(target, holes)).message).toMatch(/sequence 3; room "general" needs 2 here/);
    const unknownField = [...lines];
    unknownField[1] = unknownField[1]!.replace('{"kind":"user",', '{"kind":"user","admin":true,');
    expect((await importFails(target, unknownField)).message).toMatch(/^Line 2: not a record of the export format/);
    expect((await importFails(target, lines.slice(1))).message).toBe('Line 1: the first line must be the meta line of a confab export.');
    expect((await importFails(target, [])).message).toMatch(/the file is empty/);
    expect(target.listUsers()).toEqual([]);

    // Then the whole file goes in.
    expect(await target.importData(lines)).toMatchObject({ rooms: 3 });
  });

  it('refuses to import into a server that has people or rooms, with a sentence', async () => {
    const { server, connect } = setup();
    await populate(server, connect as never);
    const lines = await collect(server.exportData({ all: true }));
    const error = await importFails(server, lines);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Import needs an empty server/);
  });
});
