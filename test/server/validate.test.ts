import { setup } from './memoryHelpers';

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

  it.each(hostile)('refuses %j with invalid and keeps the old avatar', (url) => {
    const { person, server } = setup();
    const ana = person('ana');
    ana.ok({ type: 'user.update', avatarUrl: 'https://cdn.example/ana.png' });
    ana.clear();
    const error = ana.fail({ type: 'user.update', avatarUrl: url });
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/absolute https:\/\/ URL/);
    expect(server.getUser('ana')?.avatarUrl).toBe('https://cdn.example/ana.png');
    expect(ana.events).toEqual([]);
  });

  it('accepts absolute https, http on localhost, and "" for none', () => {
    const { person } = setup();
    const ana = person('ana');
    for (const url of ['https://cdn.example/a.png?size=64', 'http://localhost:5173/a.png', 'http://127.0.0.1/a.png', 'http://[::1]:8080/a.png', '']) {
      expect(ana.ok({ type: 'user.update', avatarUrl: url }).avatarUrl).toBe(url);
    }
  });

  it('accepts http from anywhere only with allowHttpUrls (an in-page server in development)', () => {
    const strict = setup().person('ana');
    expect(strict.fail({ type: 'user.update', avatarUrl: 'http://lan-box:3000/a.png' }).code).toBe('invalid');
    const relaxed = setup({ allowHttpUrls: true }).person('ana');
    expect(relaxed.ok({ type: 'user.update', avatarUrl: 'http://lan-box:3000/a.png' }).avatarUrl).toBe('http://lan-box:3000/a.png');
    expect(relaxed.fail({ type: 'user.update', avatarUrl: 'javascript:alert(1)' }).code).toBe('invalid');
    expect(relaxed.fail({ type: 'user.update', avatarUrl: '/a.png' }).code).toBe('invalid');
  });
});
