import { createOriginCheck } from '../../src/host/origins';

describe('createOriginCheck', () => {
  it('allows only the listed origins, exactly', () => {
    const allowed = createOriginCheck(['https://app.example'], true);
    expect(allowed('https://app.example')).toBe(true);
    expect(allowed('https://app.example:8443')).toBe(false);
    expect(allowed('http://app.example')).toBe(false);
    expect(allowed('https://evil.example')).toBe(false);
  });

  it("allows any origin with '*', and any localhost origin in dev (null)", () => {
    expect(createOriginCheck('*', true)('https://anything.example')).toBe(true);
    const dev = createOriginCheck(null, true);
    for (const origin of ['http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:8080']) expect(dev(origin), origin).toBe(true);
    for (const origin of ['https://localhost.evil.example', 'http://localhost:5173/path', 'https://app.example']) expect(dev(origin), origin).toBe(false);
  });

  it('treats a missing or empty Origin (a Node client, curl) as allowMissingOrigin says', () => {
    expect(createOriginCheck([], true)(undefined)).toBe(true);
    expect(createOriginCheck([], true)('')).toBe(true);
    expect(createOriginCheck('*', false)(undefined)).toBe(false);
    expect(createOriginCheck('*', false)('')).toBe(false);
  });
});
