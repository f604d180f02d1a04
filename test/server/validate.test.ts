import { setup } from './helpers';

describe('avatar URLs from people', () => {
  const hostile = [
    '/avatar.png',
    'avatar.png',
    '//evil.example/a.png',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'http://tracker.example/pixel.png',
    'ftp://files.example/a.png',
    'https://user:pass@cdn.example/a.png',
    'file:///etc/passwd',
    ' https',
  ];

  it.each(hostile)('refuses %j with invalid and keeps the old avatar', async (url) => {
    const { person, server } = await setup();
    const ana = await person('ana');
    await ana.ok({ type: 'user.update', avatarUrl: 'https://cdn.example/ana.png' });
    ana.clear();
    const error = await ana.fail({ type: 'user.update', avatarUrl: url });
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/absolute https:\/\/ URL/);
    expect((await server.getUser('ana'))?.avatarUrl).toBe('https://cdn.example/ana.png');
    expect(ana.events).toEqual([]);
  });

  it('accepts absolute https, http on localhost, and "" for none', async () => {
    const { person } = await setup();
    const ana = await person('ana');
    for (const url of ['https://cdn.example/a.png?size=64', 'http://localhost:5173/a.png', 'http://127.0.0.1/a.png', 'http://[::1]:8080/a.png', '']) {
      expect((await ana.ok({ type: 'user.update', avatarUrl: url })).avatarUrl).toBe(url);
    }
  });

  it('accepts http from anywhere only with allowHttpUrls (an in-page server in development)', async () => {
    const strict = await (await setup()).person('ana');
    expect((await strict.fail({ type: 'user.update', avatarUrl: 'http://lan-box:3000/a.png' })).code).toBe('invalid');
    const relaxed = await (await setup({ allowHttpUrls: true })).person('ana');
    expect((await relaxed.ok({ type: 'user.update', avatarUrl: 'http://lan-box:3000/a.png' })).avatarUrl).toBe('http://lan-box:3000/a.png');
    expect((await relaxed.fail({ type: 'user.update', avatarUrl: 'javascript:alert(1)' })).code).toBe('invalid');
    expect((await relaxed.fail({ type: 'user.update', avatarUrl: '/a.png' })).code).toBe('invalid');
  });
});
