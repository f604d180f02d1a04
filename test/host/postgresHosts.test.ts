import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawClient } from '../transports/wsHelpers';
import { connectDevClient, startConfabServer, stopAllConfabServers, type RunningConfabServer } from '../support/confabServer';
import { createTestDatabase, testPostgresServer } from '../support/postgres';

// Three confab-server processes on one PostgreSQL database, as several hosts behind one address:
// clients spread over them see the same messages, and a host killed with SIGKILL loses nothing.

const SECRET = 'one-secret-shared-by-every-host';
let postgres: Awaited<ReturnType<typeof testPostgresServer>>;
let url: string;
let uploads: string;
type Running = RunningConfabServer;

beforeAll(async () => {
  postgres = await testPostgresServer();
  url = await createTestDatabase(postgres.url);
  uploads = await mkdtemp(join(tmpdir(), 'confab-hosts-'));
});

afterAll(async () => {
  await stopAllConfabServers();
  await rm(uploads, { recursive: true, force: true });
  await postgres?.release();
});

const start = (): Promise<Running> =>
  startConfabServer(['--dev', '--secret', SECRET, '--postgres', url, '--data', uploads, '--flood-limit', 'off', '--presence-sweep', '500'], 25_000);
const connect = (host: Running, userId: string): Promise<RawClient> => connectDevClient(host, userId);

type Sent = { id: string; clientId: string; sequence: number; text: string };

/** The messages of `general` a client was told about by events, in arrival order. */
function createdIn(client: RawClient): Sent[] {
  return client.frames.flatMap((frame) => {
    const event = frame.kind === 'event' ? (frame.event as { type: string; message?: Sent & { roomId: string } }) : undefined;
    return event?.type === 'message.created' && event.message?.roomId === 'general' ? [event.message] : [];
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('three confab-server hosts on one PostgreSQL', () => {
  it('gives clients on different hosts the same messages in sequence order, and loses nothing when a host is killed', async () => {
    // The first host seeds the demo; the others start on what it stored.
    const hosts = [await start()];
    hosts.push(...(await Promise.all([start(), start()])));
    const people = ['ana', 'bo', 'chen'] as const;
    const clients = await Promise.all(people.map((person, index) => connect(hosts[index]!, person)));

    // Everyone sends at once, each to the host they are connected to.
    const perPerson = 8;
    await Promise.all(
      clients.map(async (client, index) => {
        for (let n = 0; n < perPerson; n++) {
          const result = await client.request(`${people[index]}-${n}`, { type: 'message.send', roomId: 'general', clientId: `${people[index]}-${n}`, text: `${people[index]} ${n}` });
          expect(result.ok).toBe(true);
        }
      }),
    );
    const total = perPerson * people.length;
    await until(() => clients.every((client) => createdIn(client).length >= total), 'every client to hear every message');
    const seen = clients.map((client) => createdIn(client));
    const first = seen[0]!;
    // Same messages everywhere, each once, in sequence order with no holes.
    for (const messages of seen) expect(messages.map((message) => message.id)).toEqual(first.map((message) => message.id));
    expect(new Set(first.map((message) => message.clientId)).size).toBe(total);
    expect(first.map((message) => message.sequence)).toEqual(first.map((_, index) => first[0]!.sequence + index));

    // Bo's host dies. Bo reconnects to another host and finds everything; what he sends there reaches the others.
    hosts[1]!.child.kill('SIGKILL');
    await new Promise((resolve) => hosts[1]!.child.once('exit', resolve));
    const boAgain = await connect(hosts[2]!, 'bo');
    const page = await boAgain.request('history', { type: 'message.history', roomId: 'general', limit: 100 });
    const history = (page.value as { messages: Sent[] }).messages;
    expect(history.slice(-total).map((message) => message.id)).toEqual(first.map((message) => message.id));
    const resent = await boAgain.request('resend', { type: 'message.send', roomId: 'general', clientId: 'bo-7', text: 'bo 7' });
    expect((resent.value as Sent).id).toBe(first.find((message) => message.clientId === 'bo-7')!.id);
    const after = await boAgain.request('after', { type: 'message.send', roomId: 'general', clientId: 'bo-after', text: 'back on another host' });
    expect((after.value as Sent).sequence).toBe(first.at(-1)!.sequence + 1);
    await until(() => createdIn(clients[0]!).some((message) => message.clientId === 'bo-after'), 'ana to hear bo from his new host');

    // The host Bo and Chen are on now dies too: once its heartbeat lapses, Ana's host marks them offline.
    hosts[2]!.child.kill('SIGKILL');
    await new Promise((resolve) => hosts[2]!.child.once('exit', resolve));
    const presenceOf = (client: RawClient, userId: string) =>
      client.frames.flatMap((frame) => {
        const event = frame.kind === 'event' ? (frame.event as { type: string; userId?: string; presence?: { state: string } }) : undefined;
        return event?.type === 'presence.changed' && event.userId === userId ? [event.presence!.state] : [];
      });
    await until(() => presenceOf(clients[0]!, 'chen').at(-1) === 'offline' && presenceOf(clients[0]!, 'bo').at(-1) === 'offline', 'ana to see bo and chen offline', 30_000);
    for (const client of [...clients, boAgain]) client.socket.close();
  }, 120_000);
});
