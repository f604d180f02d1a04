import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawClient } from '../transports/wsHelpers';
import { connectDevClient, startConfabServer, stopAllConfabServers, stopConfabServer, type RunningConfabServer } from '../support/confabServer';

// confab-server as a person runs it (`npm run server` is `--dev` over ./confab-data), in a real
// child process on a data folder of its own: restarted, and killed with SIGKILL mid-burst.

type Running = RunningConfabServer;

const folders: string[] = [];

afterAll(async () => {
  await stopAllConfabServers('SIGKILL');
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** The flood limit is off so that the burst is as fast as the host can store it. */
const start = (data: string): Promise<Running> => startConfabServer(['--dev', '--data', data, '--flood-limit', 'off']);
const stop = stopConfabServer;
const connect = (running: Running, userId: string): Promise<RawClient> => connectDevClient(running, userId, 10_000);

type Sent = { clientId: string; sequence: number; text: string };

async function history(client: RawClient, tag: string): Promise<Sent[]> {
  const result = await client.request(`history-${tag}`, { type: 'message.history', roomId: 'general', limit: 100 });
  const value = result.value as { messages: Sent[] };
  return value.messages;
}

async function data(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'confab-durable-'));
  folders.push(folder);
  return folder;
}

describe('confab-server keeps its data', () => {
  it('finds every message, the same epoch and sequences after a restart', async () => {
    const folder = await data();
    const first = await start(folder);
    const ana = await connect(first, 'ana');
    const epoch = (ana.frames[0]?.snapshot as { epoch: string }).epoch;
    for (let index = 1; index <= 5; index++) {
      const result = await ana.request(`s${index}`, { type: 'message.send', roomId: 'general', clientId: `five-${index}`, text: `Message ${index}` });
      expect(result.ok).toBe(true);
    }
    const before = await history(ana, 'before');
    ana.socket.close();
    await stop(first, 'SIGTERM');

    const second = await start(folder);
    // Ana was online when the host died: the restarted host marks her offline until she is back.
    const bo = await connect(second, 'bo');
    const boSnapshot = bo.frames.find((frame) => frame.kind === 'session') as { snapshot: { users: { id: string; presence: { state: string } }[] } };
    expect(boSnapshot.snapshot.users.find((user) => user.id === 'ana')?.presence.state).toBe('offline');
    const again = await connect(second, 'ana');
    expect((again.frames[0]?.snapshot as { epoch: string }).epoch).toBe(epoch);
    const after = await history(again, 'after');
    expect(after).toEqual(before);
    expect(after.filter((message) => message.clientId.startsWith('five-')).map((message) => message.text)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
    // A new message continues the sequence; nothing is reused.
    const next = await again.request('next', { type: 'message.send', roomId: 'general', clientId: 'six', text: 'Message 6' });
    expect((next.value as Sent).sequence).toBe((after.at(-1) as Sent).sequence + 1);
    again.socket.close();
    await stop(second, 'SIGTERM');
  }, 180_000);

  it('loses no acknowledged message when killed with SIGKILL during a burst, and stores a resent one once', async () => {
    const folder = await data();
    const first = await start(folder);
    const ana = await connect(first, 'ana');
    const acked = new Map<string, number>();
    const burst = 80;
    // Sent back to back without waiting; the host handles a socket's commands in order.
    for (let index = 0; index < burst; index++) {
      ana.socket.send(JSON.stringify({ kind: 'request', id: `b${index}`, command: { type: 'message.send', roomId: 'general', clientId: `burst-${index}`, text: `Burst ${index}` } }));
    }
    await ana.next((frame) => frame.kind === 'result' && frame.id === 'b10', 10_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    for (const frame of ana.frames) {
      if (frame.kind === 'result' && frame.ok === true && typeof frame.id === 'string' && frame.id.startsWith('b')) acked.set(frame.id, (frame.value as Sent).sequence);
    }
    expect(acked.size).toBeGreaterThan(10);

    const second = await start(folder);
    // Ana was online when the host died: the restarted host marks her offline until she is back.
    const bo = await connect(second, 'bo');
    const boSnapshot = bo.frames.find((frame) => frame.kind === 'session') as { snapshot: { users: { id: string; presence: { state: string } }[] } };
    expect(boSnapshot.snapshot.users.find((user) => user.id === 'ana')?.presence.state).toBe('offline');
    const again = await connect(second, 'ana');
    const stored = (await history(again, 'after-kill')).filter((message) => message.clientId.startsWith('burst-'));
    // Every acknowledged send is there, once, at the sequence it was acknowledged with.
    for (const [id, sequence] of acked) {
      const matches = stored.filter((message) => message.clientId === `burst-${id.slice(1)}`);
      expect(matches).toHaveLength(1);
      expect(matches[0]?.sequence).toBe(sequence);
    }
    // Stored in the order they were sent, with no holes.
    const order = stored.map((message) => Number(message.clientId.slice('burst-'.length)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const sequences = stored.map((message) => message.sequence);
    expect(sequences).toEqual(sequences.map((_, index) => (sequences[0] as number) + index));

    // The client resends everything it holds (as its outbox would): each is stored exactly once.
    for (let index = 0; index < burst; index++) {
      const result = await again.request(`r${index}`, { type: 'message.send', roomId: 'general', clientId: `burst-${index}`, text: `Burst ${index}` });
      expect(result.ok).toBe(true);
    }
    const all = (await history(again, 'final')).filter((message) => message.clientId.startsWith('burst-'));
    expect(all.map((message) => message.clientId)).toEqual(Array.from({ length: burst }, (_, index) => `burst-${index}`).filter((clientId) => all.some((m) => m.clientId === clientId)));
    expect(new Set(all.map((message) => message.clientId)).size).toBe(burst);
    expect(all).toHaveLength(burst);
    again.socket.close();
    await stop(second, 'SIGTERM');
  }, 180_000);

  it('refuses to start with a sentence when the data folder holds something that is not a database', async () => {
    const folder = await data();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(folder, 'confab.db'), 'this is not a database, just text that happens to be here');
    await expect(start(folder)).rejects.toThrow(/could not start: .*(not a database|not a Confab|cannot be read|file is not)/i);
  }, 90_000);
});
