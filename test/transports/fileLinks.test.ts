import { ChatError } from '../../src/protocol';
import { createFileLinks } from '../../src/transports/websocket/fileLinks';

const base = new URL('https://chat.example/');
const id = (n: number) => n.toString(16).padStart(32, '0');

describe('createFileLinks', () => {
  it('asks once for every file wanted in the same tick, and reuses a link until shortly before it expires', async () => {
    let clock = 0;
    const calls: string[][] = [];
    const links = createFileLinks({
      base,
      now: () => clock,
      async sign(ids) {
        calls.push([...ids]);
        return { urls: Object.fromEntries(ids.map((fileId) => [fileId, `/uploads/${fileId}?expires=900000&signature=s${calls.length}`])), expiresAt: 900_000 };
      },
    });
    const [a, b, again] = await Promise.all([links.resolve(`https://chat.example/uploads/${id(1)}`), links.resolve(`/uploads/${id(2)}`), links.resolve(`https://chat.example/uploads/${id(1)}`)]);
    expect(calls).toEqual([[id(1), id(2)]]);
    expect(a).toBe(`https://chat.example/uploads/${id(1)}?expires=900000&signature=s1`);
    expect(b).toBe(`https://chat.example/uploads/${id(2)}?expires=900000&signature=s1`);
    expect(again).toBe(a);
    clock = 800_000;
    expect(await links.resolve(`/uploads/${id(1)}`)).toBe(a);
    expect(calls).toHaveLength(1);
    clock = 850_000; // less than a minute left: a fresh link
    expect(await links.resolve(`/uploads/${id(1)}`)).toMatch(/signature=s2$/);
  });

  it('passes other URLs through untouched and rejects files the host will not sign', async () => {
    const links = createFileLinks({ base, sign: async () => ({ urls: {}, expiresAt: 1 }) });
    expect(await links.resolve('https://elsewhere.example/cat.png')).toBe('https://elsewhere.example/cat.png');
    expect(await links.resolve('https://chat.example/uploads/not-an-id')).toBe('https://chat.example/uploads/not-an-id');
    // A host path that is no upload (a link preview's image) is made absolute against the host, never signed.
    expect(await links.resolve('/previews/image/abc?src=x')).toBe('https://chat.example/previews/image/abc?src=x');
    expect(await links.resolve('//evil.example/x.png')).toBe('//evil.example/x.png');
    await expect(links.resolve(`/uploads/${id(3)}`)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rejects every waiting file when the host cannot be asked', async () => {
    const links = createFileLinks({ base, sign: async () => Promise.reject(new ChatError('unavailable', 'down')) });
    await expect(Promise.all([links.resolve(`/uploads/${id(1)}`), links.resolve(`/uploads/${id(2)}`)])).rejects.toMatchObject({ code: 'unavailable' });
  });
});
