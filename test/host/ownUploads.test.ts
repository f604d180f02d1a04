import type { IncomingMessage } from 'node:http';
import { createOwnUploads, hostNamesOf } from '../../src/host/ownUploads';
import { createMemoryFileStore, type StoredFileInfo } from '../../src/host/uploads';

const ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const info: StoredFileInfo = { id: ID, roomId: 'general', uploaderId: 'ana', name: 'notes.txt', type: 'text/plain', size: 5, createdAt: 1 };
const send = (attachments: object[], roomId = 'general') => ({ type: 'message.send', roomId, clientId: 'c1', text: '', attachments });

async function storeWithFile() {
  const files = createMemoryFileStore();
  await files.put(info, Buffer.from('hello'));
  return files;
}

describe('hostNamesOf', () => {
  it('is the Host header and every X-Forwarded-Host, trimmed and lower case', () => {
    const req = { headers: { host: 'Chat.Example:8787', 'x-forwarded-host': ' proxy.example , other.example' } } as unknown as IncomingMessage;
    expect(hostNamesOf(req)).toEqual(['chat.example:8787', 'proxy.example', 'other.example']);
    expect(hostNamesOf({ headers: {} } as IncomingMessage)).toEqual([]);
  });
});

describe('createOwnUploads', () => {
  it('accepts a file uploaded to the same room, relative, under publicBaseUrl, or absolute on a name the client used', async () => {
    const own = createOwnUploads(await storeWithFile(), 'https://files.example/');
    for (const url of [`/uploads/${ID}`, `https://files.example/uploads/${ID}`, `http://chat.example:8787/uploads/${ID}`]) {
      expect(await own.refuseForeignAttachments(send([{ id: ID, url }]), ['chat.example:8787']), url).toBeUndefined();
    }
  });

  it('refuses another host, a query, credentials, another room, and an unknown file', async () => {
    const own = createOwnUploads(await storeWithFile(), undefined);
    const refused = [
      send([{ id: ID, url: `https://tracker.example/uploads/${ID}` }]),
      send([{ id: ID, url: `http://chat.example/uploads/${ID}?x=1` }]),
      send([{ id: ID, url: `http://user:pass@chat.example/uploads/${ID}` }]),
      send([{ id: ID, url: `/uploads/${ID}` }], 'random'),
      send([{ id: 'f'.repeat(32), url: `/uploads/${'f'.repeat(32)}` }]),
    ];
    for (const command of refused) {
      expect(await own.refuseForeignAttachments(command, ['chat.example']), JSON.stringify(command)).toMatchObject({ code: 'invalid', message: expect.stringContaining('is not a file uploaded to this room') });
    }
  });

  it('refuses every attachment when uploads are off, and leaves other commands and malformed ones to the server', async () => {
    const off = createOwnUploads(null, undefined);
    expect(await off.refuseForeignAttachments(send([{ id: ID, url: `/uploads/${ID}` }]), [])).toMatchObject({ code: 'invalid', message: expect.stringContaining('uploads are turned off') });
    expect(await off.refuseForeignAttachments({ type: 'message.send', roomId: 'general', clientId: 'c', text: 'hi' }, [])).toBeUndefined();
    expect(await off.refuseForeignAttachments({ type: 'room.join', roomId: 'general' }, [])).toBeUndefined();
    const on = createOwnUploads(await storeWithFile(), undefined);
    expect(await on.refuseForeignAttachments(send([{ id: 42 }]), [])).toBeUndefined();
  });

  it("knows a file's id behind its URL, relative, absolute or under publicBaseUrl", () => {
    const own = createOwnUploads(null, 'https://files.example');
    expect(own.fileIdOf(`/uploads/${ID}`, ID)).toBe(ID);
    expect(own.fileIdOf(`https://anywhere.example/uploads/${ID}`, ID)).toBe(ID);
    expect(own.fileIdOf(`https://files.example/uploads/${ID}`, ID)).toBe(ID);
    expect(own.fileIdOf('https://example.com/cat.png', ID)).toBeUndefined();
    expect(own.fileIdOf(`/uploads/${ID}`, 'other')).toBeUndefined();
  });
});
