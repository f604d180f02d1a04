import { mkdtemp, readdir, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore, createMemoryFileStore, type FileStore, type StoredFileInfo } from '../../../src/host/uploads';

const id = (n: number) => n.toString(16).padStart(32, '0');
const info = (n: number, extra: Partial<StoredFileInfo> = {}): StoredFileInfo => ({
  id: id(n),
  roomId: 'general',
  uploaderId: 'ana',
  name: `file-${n}.txt`,
  type: 'text/plain',
  size: 5,
  createdAt: 1_000 * n,
  ...extra,
});

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function diskStore(): Promise<{ store: FileStore; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'confab-files-'));
  folders.push(folder);
  return { store: createDiskFileStore(folder), folder };
}

describe.each([
  ['memory', async () => ({ store: createMemoryFileStore(), folder: '' })],
  ['disk', diskStore],
])('%s file store', (_name, make) => {
  it('keeps bytes and what is known of them, and refuses ids that are not file ids', async () => {
    const { store } = await make();
    await store.put(info(1), Buffer.from('hello'));
    expect((await store.read(id(1)))?.toString()).toBe('hello');
    expect(await store.info(id(1))).toEqual(info(1));
    expect(await store.read('../../etc/passwd')).toBeUndefined();
    expect(await store.info(id(2))).toBeUndefined();
    expect(await store.usedBytes()).toBe(5);
  });

  it('links files to their message and finds them by message and by room', async () => {
    const { store } = await make();
    await store.put(info(1), Buffer.from('one'));
    await store.put(info(2), Buffer.from('two'));
    await store.put(info(3, { roomId: 'random' }), Buffer.from('three'));
    await store.attach(id(1), 'msg_1');
    await store.attach(id(2), 'msg_1');
    await store.attach(id(1), 'msg_other'); // a file belongs to the first message it was sent with
    expect((await store.filesOfMessage('general', 'msg_1')).sort()).toEqual([id(1), id(2)]);
    expect(await store.filesOfMessage('random', 'msg_1')).toEqual([]);
    expect((await store.filesOfRoom('general')).sort()).toEqual([id(1), id(2)]);
    expect((await store.info(id(1)))?.messageId).toBe('msg_1');
  });

  it('lists only unsent uploads older than a time, and removing is idempotent', async () => {
    const { store } = await make();
    await store.put(info(1), Buffer.from('old'));
    await store.put(info(2), Buffer.from('sent'));
    await store.put(info(9), Buffer.from('new'));
    await store.attach(id(2), 'msg_2');
    expect(await store.unsentBefore(5_000)).toEqual([id(1)]);
    await store.remove(id(1));
    await store.remove(id(1));
    expect(await store.read(id(1))).toBeUndefined();
    expect(await store.unsentBefore(5_000)).toEqual([]);
    await store.remove(id(2));
    expect(await store.filesOfMessage('general', 'msg_2')).toEqual([]);
  });
});

describe('disk file store', () => {
  it('keeps files across a restart of the host (a new store on the same folder)', async () => {
    const { store, folder } = await diskStore();
    await store.put(info(1), Buffer.from('kept'));
    await store.attach(id(1), 'msg_1');
    const again = createDiskFileStore(folder);
    expect((await again.read(id(1)))?.toString()).toBe('kept');
    expect(await again.filesOfMessage('general', 'msg_1')).toEqual([id(1)]);
  });

  it('leaves no temporary files behind', async () => {
    const { store, folder } = await diskStore();
    await store.put(info(1), Buffer.from('x'));
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('answers a folder it cannot write with ChatError unavailable and keeps nothing half-written', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: use a path below a regular file instead, which nobody can create.
      const { store, folder } = await diskStore();
      await store.put(info(1), Buffer.from('x'));
      const broken = createDiskFileStore(join(folder, id(1), 'below-a-file'));
      await expect(broken.put(info(2), Buffer.from('y'))).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('could not be stored') });
      return;
    }
    const { store, folder } = await diskStore();
    await chmod(folder, 0o500);
    await expect(store.put(info(1), Buffer.from('x'))).rejects.toMatchObject({ code: 'unavailable' });
    await chmod(folder, 0o700);
    expect(await store.read(id(1))).toBeUndefined();
  });
});
