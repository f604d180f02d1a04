// Core, the memory transport and the reference server must run without React: loading it fails here.
import { createChatClient, selectMessages } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';

vi.mock('react', () => {
  throw new Error('React must not be loaded by core');
});

describe('core without React', () => {
  it('the mock is in force: importing React fails', async () => {
    const error: unknown = await import('react').then(
      () => null,
      (reason: unknown) => reason,
    );
    // Vitest wraps a throwing factory's error; ours is its cause.
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).cause ?? error)).toMatch(/React must not be loaded by core/);
  });

  it('two clients connect through the memory transport and exchange a message', async () => {
    const server = createReferenceServer({ floodLimit: false });
    server.upsertUser({ id: 'ana', name: 'Ana' });
    server.upsertUser({ id: 'bo', name: 'Bo' });
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['ana', 'bo'] });
    const ana = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
    const bo = createChatClient({ transport: createMemoryTransport(server, { userId: 'bo' }) });
    await Promise.all([ana.connect(), bo.connect()]);

    const sent = await ana.sendMessage('general', { text: 'Hello Bo' });
    await vi.waitFor(() => expect(selectMessages(bo.store.getState(), 'general').map((m) => m.text)).toEqual(['Hello Bo']));
    expect(selectMessages(bo.store.getState(), 'general')[0]).toMatchObject({ id: sent.id, authorId: 'ana', sequence: 1 });
    expect(selectMessages(ana.store.getState(), 'general')).toHaveLength(1);
    ana.close();
    bo.close();
  });
});
