import { createReferenceServer, type ReferenceServer } from '../../src/server';
import { PEOPLE, pendingOf, startHost, timelineOf, until, wsClient, type TestClient } from './wsHelpers';

/** A server that has lost the old one's history: the same people and room, other messages. */
function serverWith(texts: readonly string[]): ReferenceServer {
  const server = createReferenceServer({ floodLimit: false });
  for (const id of PEOPLE) server.upsertUser({ id, name: id.toUpperCase() });
  server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: [...PEOPLE] });
  texts.forEach((text, index) => server.actAs('bo', { type: 'message.send', roomId: 'general', clientId: `seed_${index}`, text }));
  return server;
}

const hosts: Array<{ close(): Promise<void> }> = [];
let ana: TestClient | undefined;
afterEach(async () => {
  ana?.client.close();
  for (const host of hosts.splice(0)) await host.close();
});

describe('WebSocket transport: a host restarted with a wiped store', () => {
  it('leaves an open client showing exactly what the new host has, with its outbox sent there once', async () => {
    const first = await startHost({ server: serverWith(['old 1', 'old 2']) });
    hosts.push(first.host);
    ana = wsClient(first.url, first.host, 'ana');
    await ana.client.connect();
    await ana.client.loadOlder('general');
    expect(timelineOf(ana.client, 'general').map((message) => message.text)).toEqual(['old 1', 'old 2']);

    await first.host.close();
    hosts.splice(0);
    await until(() => ana!.client.store.getState().connection.state !== 'online', 5000, 'the drop');
    const whileDown = ana.client.sendMessage('general', { text: 'while down' });

    // The same address, a fresh server (another epoch) with more messages than the client held.
    const second = await startHost({ server: serverWith(['new 1', 'new 2', 'new 3']), port: first.port });
    hosts.push(second.host);
    expect((await whileDown).text).toBe('while down');
    await until(() => timelineOf(ana!.client, 'general').length === 4 && pendingOf(ana!.client, 'general').length === 0, 5000, 'the reload');
    expect(timelineOf(ana.client, 'general').map((message) => message.text)).toEqual(['new 1', 'new 2', 'new 3', 'while down']);
    const stored = second.server.actAs('ana', { type: 'message.history', roomId: 'general', after: 0, limit: 100 });
    expect(stored.ok && stored.value.messages.map((message) => message.text)).toEqual(['new 1', 'new 2', 'new 3', 'while down']);
  });
});
