/// <reference types="node" />
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatError } from '../../protocol';

/**
 * What the host keeps about one uploaded file besides its bytes.
 *
 * @example
 * const info: StoredFileInfo = { id: 'c0ffee…', roomId: 'general', uploaderId: 'ana', name: 'cat.png', type: 'image/png', size: 1234, createdAt: Date.now() };
 */
export interface StoredFileInfo {
  /** 32 lowercase hex characters, made by the host. */
  id: string;
  roomId: string;
  uploaderId: string;
  /** The display name (already cleaned). */
  name: string;
  /** The type as stored: lower case, no parameters. */
  type: string;
  size: number;
  width?: number;
  height?: number;
  createdAt: number;
  /** The message it was sent with; absent while it is an upload nobody has sent yet. */
  messageId?: string;
}

/**
 * Where uploaded files live. Files go when their message is deleted or their room is, and
 * uploads nobody sent expire. Every method is safe to repeat: several hosts sharing one store
 * each apply the same changes.
 *
 * @example
 * const store = createDiskFileStore('./confab-data/uploads');
 * await store.put(info, bytes);
 * await store.attach(info.id, 'msg_1');
 */
export interface FileStore {
  put(info: StoredFileInfo, bytes: Buffer): Promise<void>;
  info(id: string): Promise<StoredFileInfo | undefined>;
  read(id: string): Promise<Buffer | undefined>;
  /** Marks a file as sent with a message (so it no longer expires, and goes with the message). */
  attach(id: string, messageId: string): Promise<void>;
  /** Deletes a file; nothing happens when it is gone already. */
  remove(id: string): Promise<void>;
  filesOfMessage(roomId: string, messageId: string): Promise<string[]>;
  filesOfRoom(roomId: string): Promise<string[]>;
  /** Every file this person uploaded, sent or not (deleting a person deletes them). */
  filesOfUploader(uploaderId: string): Promise<string[]>;
  /** Files nobody sent, uploaded before `before` (ms since epoch). */
  unsentBefore(before: number): Promise<string[]>;
  /** Bytes of every file stored. */
  usedBytes(): Promise<number>;
}

const FILE_ID = /^[0-9a-f]{32}$/;

/**
 * Files in memory: for tests and the in-page host. Nothing survives the process.
 *
 * @example
 * const store = createMemoryFileStore();
 */
export function createMemoryFileStore(): FileStore {
  const files = new Map<string, { info: StoredFileInfo; bytes: Buffer }>();
  const byId = (id: string) => (FILE_ID.test(id) ? files.get(id) : undefined);
  return {
    async put(info, bytes) {
      files.set(info.id, { info: { ...info }, bytes });
    },
    async info(id) {
      const file = byId(id);
      return file ? { ...file.info } : undefined;
    },
    async read(id) {
      return byId(id)?.bytes;
    },
    async attach(id, messageId) {
      const file = byId(id);
      if (file && file.info.messageId === undefined) file.info.messageId = messageId;
    },
    async remove(id) {
      files.delete(id);
    },
    async filesOfMessage(roomId, messageId) {
      return [...files.values()].filter(({ info }) => info.roomId === roomId && info.messageId === messageId).map(({ info }) => info.id);
    },
    async filesOfRoom(roomId) {
      return [...files.values()].filter(({ info }) => info.roomId === roomId).map(({ info }) => info.id);
    },
    async filesOfUploader(uploaderId) {
      return [...files.values()].filter(({ info }) => info.uploaderId === uploaderId).map(({ info }) => info.id);
    },
    async unsentBefore(before) {
      return [...files.values()].filter(({ info }) => info.messageId === undefined && info.createdAt < before).map(({ info }) => info.id);
    },
    async usedBytes() {
      let total = 0;
      for (const { bytes } of files.values()) total += bytes.byteLength;
      return total;
    },
  };
}

function messageKey(roomId: string, messageId: string): string {
  return createHash('sha256').update(`${roomId}\u0000${messageId}`).digest('hex').slice(0, 40);
}

function unavailable(error: unknown): ChatError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the folder is not writable' : 'the folder could not be written';
  return new ChatError('unavailable', `The file could not be stored: ${why}. Nothing was kept.`, { cause: error });
}

/**
 * Files in a folder: `<id>` holds the bytes and `<id>.json` what the host knows of them;
 * `messages/<key>.json` lists the files of one message. Writes go to a temporary name first and
 * are renamed into place, so a crash never leaves half a file under a real name. Several hosts
 * may share the folder (a network file system): every step is idempotent.
 *
 * @example
 * const store = createDiskFileStore(join(dataDir, 'uploads'));
 */
export function createDiskFileStore(folder: string): FileStore {
  // Made on first use (a rejected promise nobody awaits yet would end the process).
  let made: Promise<void> | null = null;
  const ensureFolder = () =>
    (made ??= mkdir(join(folder, 'messages'), { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        made = null;
        throw unavailable(error);
      },
    ));

  async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temporary, data, { flush: true });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw unavailable(error);
    }
  }

  async function readJson<T>(path: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  async function allInfos(): Promise<StoredFileInfo[]> {
    await ensureFolder();
    const names = await readdir(folder);
    const infos = await Promise.all(names.filter((name) => /^[0-9a-f]{32}\.json$/.test(name)).map((name) => readJson<StoredFileInfo>(join(folder, name))));
    return infos.filter((info): info is StoredFileInfo => info !== undefined);
  }

  const store: FileStore = {
    async put(info, bytes) {
      await ensureFolder();
      // Bytes first: an info file always names bytes that exist.
      await writeAtomically(join(folder, info.id), bytes);
      await writeAtomically(join(folder, `${info.id}.json`), JSON.stringify(info));
    },
    async info(id) {
      if (!FILE_ID.test(id)) return undefined;
      await ensureFolder();
      return readJson<StoredFileInfo>(join(folder, `${id}.json`));
    },
    async read(id) {
      if (!FILE_ID.test(id)) return undefined;
      await ensureFolder();
      try {
        return await readFile(join(folder, id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async attach(id, messageId) {
      const info = await store.info(id);
      if (!info || info.messageId !== undefined) return;
      const listPath = join(folder, 'messages', `${messageKey(info.roomId, messageId)}.json`);
      const listed = (await readJson<string[]>(listPath)) ?? [];
      if (!listed.includes(id)) await writeAtomically(listPath, JSON.stringify([...listed, id]));
      await writeAtomically(join(folder, `${id}.json`), JSON.stringify({ ...info, messageId }));
    },
    async remove(id) {
      if (!FILE_ID.test(id)) return;
      await ensureFolder();
      const info = await store.info(id);
      await rm(join(folder, `${id}.json`), { force: true });
      await rm(join(folder, id), { force: true });
      if (info?.messageId !== undefined) await rm(join(folder, 'messages', `${messageKey(info.roomId, info.messageId)}.json`), { force: true });
    },
    async filesOfMessage(roomId, messageId) {
      await ensureFolder();
      return (await readJson<string[]>(join(folder, 'messages', `${messageKey(roomId, messageId)}.json`))) ?? [];
    },
    async filesOfRoom(roomId) {
      return (await allInfos()).filter((info) => info.roomId === roomId).map((info) => info.id);
    },
    async filesOfUploader(uploaderId) {
      return (await allInfos()).filter((info) => info.uploaderId === uploaderId).map((info) => info.id);
    },
    async unsentBefore(before) {
      return (await allInfos()).filter((info) => info.messageId === undefined && info.createdAt < before).map((info) => info.id);
    },
    async usedBytes() {
      return (await allInfos()).reduce((total, info) => total + info.size, 0);
    },
  };
  return store;
}
